"""Tables made from links: counts per intervention × outcome × year, and the table of evidence.

:func:`link_counts` counts the cause × effect code pairs of
:func:`~futoko_research.analysis.links.extract_links` output — by default only **reported,
positive** links — per fiscal year and over all years; :func:`link_evidence` lists every link as
cause span → effect span with its connective, polarity, modality and back-reference (notebook 04).
"""

from __future__ import annotations

import pandas as pd

from futoko_research.vocab import (
    LINK_MODALITIES,
    LINK_POLARITIES,
    YEAR_ALL,
    YEAR_UNKNOWN,
    year_labels,
)

__all__ = ["link_counts", "link_evidence"]


def _select(links: pd.DataFrame, polarity, modality) -> pd.DataFrame:
    """Links of the given polarities and modalities (None: all; tables without the columns: all)."""
    lk = links
    for col, keep, allowed in (("polarity", polarity, LINK_POLARITIES), ("modality", modality, LINK_MODALITIES)):
        if keep is None or col not in lk.columns:
            continue
        keep = [keep] if isinstance(keep, str) else list(keep)
        bad = sorted(set(keep) - set(allowed))
        if bad:
            raise ValueError(f"{col} must be among {', '.join(allowed)}; got {', '.join(bad)}")
        lk = lk[lk[col].astype("string").isin(keep).to_numpy(dtype=bool)]
    return lk


def link_counts(
    links: pd.DataFrame, cases: pd.DataFrame, *, year_col: str = "fiscal_year", sections=None,
    polarity=("positive",), modality=("reported",),
) -> pd.DataFrame:
    """Intervention → outcome link counts per fiscal year and over all years.

    By default only **reported, positive** links are counted (「…により登校できる日が増えた」, not
    「…を目指す」 nor 「…には至らなかった」); the ``polarity`` and ``modality`` columns of the result
    say what was counted.

    Parameters
    ----------
    links : :func:`extract_links` output.
    cases : the ``cases`` table (case_id, ``year_col``).
    sections : count only links from these statement sections (default: all).
    polarity : polarities counted (``positive``, ``negative``; None: both, counted apart).
    modality : modalities counted (``reported``, ``intended``; None: both, counted apart).

    Returns
    -------
    pandas.DataFrame
        intervention, outcome (string), fiscal_year (string: year, ``unknown`` or ``all``),
        polarity, modality (string), n_links (Int64: cause/effect code pairs over links), n_cases
        (Int64: distinct cases with such a link), n_statements (Int64).
    """
    cols = ["intervention", "outcome", "fiscal_year", "polarity", "modality", "n_links", "n_cases", "n_statements"]
    lk = _select(links, polarity, modality)
    if sections is not None:
        lk = lk[lk["section"].astype("string").isin(list(sections))]
    yr = pd.Series(year_labels(cases[year_col]).to_numpy(), index=cases["case_id"].astype("string"))
    rows = []
    has_pm = {"polarity", "modality"} <= set(lk.columns)
    for r in lk.itertuples(index=False):
        pol = str(r.polarity) if has_pm else "positive"
        mod = str(r.modality) if has_pm else "reported"
        for ic in r.cause_codes:
            for oc in r.effect_codes:
                rows.append({"intervention": ic, "outcome": oc, "case_id": r.case_id, "polarity": pol,
                             "modality": mod, "statement_id": r.statement_id,
                             "fiscal_year": yr.get(r.case_id, YEAR_UNKNOWN)})
    dtypes = {c: "string" for c in cols[:5]} | {c: "Int64" for c in cols[5:]}
    if not rows:
        return pd.DataFrame(columns=cols).astype(dtypes)
    pairs = pd.DataFrame(rows)
    frames = []
    keys = ["intervention", "outcome", "polarity", "modality"]
    for label, g in [(YEAR_ALL, pairs)] + list(pairs.groupby("fiscal_year", sort=True)):
        agg = g.groupby(keys, sort=True).agg(
            n_links=("case_id", "size"), n_cases=("case_id", "nunique"), n_statements=("statement_id", "nunique"),
        ).reset_index()
        agg["fiscal_year"] = label
        frames.append(agg)
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.astype(dtypes)


def link_evidence(links: pd.DataFrame, *, polarity=None, modality=None) -> pd.DataFrame:
    """Links as a table of evidence: 「cause span」 →(connective) 「effect span」, one row per link.

    Parameters
    ----------
    links : :func:`extract_links` output.
    polarity, modality : keep only these (default: every link, so that denied and intended links
        are seen too).

    Returns
    -------
    pandas.DataFrame
        statement_id, section, construction, connective, cause_text, effect_text, cause_codes,
        effect_codes (string: codes joined with ``;``), polarity, modality, backref,
        cause_statement_id (string), in the order of ``links``.
    """
    lk = _select(links, polarity, modality)
    cols = ["statement_id", "section", "construction", "connective", "cause_text", "effect_text", "cause_codes",
            "effect_codes", "polarity", "modality", "backref", "cause_statement_id"]
    out = lk.reindex(columns=cols).copy()
    for c in ("cause_codes", "effect_codes"):
        out[c] = [";".join(v) if v is not None and len(v) else "" for v in lk[c]] if len(lk) else []
    return out.astype("string").reset_index(drop=True)

"""Case variables: one row per case with tick boxes, intervention and outcome codes as flags.

See docs/analysis.md (data dictionary) for the derivation of every column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from futoko_research.vocab import CHECKBOX_CATEGORIES

#: intervention code keys of the default codebook (order = display order)
INTERVENTION_KEYS = (
    "collaboration", "ict", "ibasho", "peer_interaction", "individual_learning", "counseling",
    "family_support", "home_visit", "experiential", "center_operation",
)
#: outcome code keys of the default codebook (order = display order)
OUTCOME_KEYS = (
    "school_return", "continued_attendance", "learning_motivation", "learning_attainment",
    "self_esteem", "social_relations", "daily_rhythm", "future_orientation", "emotional_stability",
)
#: sections whose intervention codes count for a case (what was aimed at and done)
INTERVENTION_SECTIONS = ("goal", "focus", "activity")
#: sections whose outcome codes count for a case (what was reported as a result)
OUTCOME_SECTIONS = ("outcome",)
CHECKBOX_PREFIX, INTERVENTION_PREFIX, OUTCOME_PREFIX = "cb_", "int_", "out_"


def code_keys(codebook=None, codes: pd.DataFrame | None = None) -> tuple[list[str], list[str]]:
    """Intervention and outcome keys: the default lists, the codebook's, then any seen in ``codes``."""
    ints, outs = list(INTERVENTION_KEYS), list(OUTCOME_KEYS)
    if isinstance(codebook, str | Path):
        from futoko_research.coding import load_codebook

        codebook = load_codebook(codebook)
    if codebook is not None:
        for key, code in dict(codebook).items():
            cat = getattr(code, "category", None) or (code.get("category") if isinstance(code, dict) else None)
            target = ints if cat == "intervention" else outs if cat == "outcome" else None
            if target is not None and key not in target:
                target.append(key)
    if codes is not None and len(codes) and "category" in codes.columns:
        for key, cat in codes[["code", "category"]].drop_duplicates().itertuples(index=False):
            target = ints if cat == "intervention" else outs if cat == "outcome" else None
            if target is not None and key not in target:
                target.append(str(key))
    return ints, outs


def _with_section(codes: pd.DataFrame, statements: pd.DataFrame | None) -> pd.DataFrame:
    if "section" in codes.columns:
        return codes
    if statements is None:
        raise ValueError("codes has no 'section' column: pass statements=... to join it")
    sec = statements[["statement_id", "section"]].drop_duplicates("statement_id")
    return codes.merge(sec, on="statement_id", how="left", validate="many_to_one")


def case_variables(
    cases: pd.DataFrame,
    checkboxes: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    statements: pd.DataFrame | None = None,
    codebook=None,
) -> pd.DataFrame:
    """One row per case: year, municipality, tick boxes and coded interventions/outcomes as flags.

    Parameters
    ----------
    cases : the loader's ``cases`` table (case_id, fiscal_year, municipality).
    checkboxes : the loader's ``checkboxes`` table (case_id, category, checked).
    codes : ``coding.code_statements`` output (statement_id, case_id, code, category and
        ``section``; without ``section`` it is joined from ``statements``).
    statements : the loader's ``statements`` table; needed when ``codes`` has no ``section``,
        and used for ``n_statements``.
    codebook : optional codebook mapping (key → Code); its intervention/outcome keys get columns
        even when no case carries them.

    Returns
    -------
    pandas.DataFrame
        case_id (string), fiscal_year (Int64, NA = unknown), municipality (string),
        ``cb_<category>`` (boolean; NA when the case has no such tick box) for
        school_return_support, learning_opportunity, center_enhancement,
        ``int_<key>`` (boolean) — the intervention code is found in a goal, focus or activity
        statement of the case, ``out_<key>`` (boolean) — the outcome code is found in an outcome
        statement of the case, n_statements (Int64), n_intervention_codes (Int64: distinct
        intervention codes, i.e. the row sum of ``int_*``), n_outcome_codes (Int64: row sum of
        ``out_*``).

    Notes
    -----
    A code's presence is binary per case (several statements with the same code count once).
    Outcome codes in goal statements are aims, not results, and are not used; intervention codes
    in outcome statements (the cause side of 「…ことにより」) are left to
    :func:`futoko_research.analysis.links.extract_links`.
    """
    for name, df, cols in (
        ("cases", cases, ("case_id", "fiscal_year", "municipality")),
        ("checkboxes", checkboxes, ("case_id", "category", "checked")),
        ("codes", codes, ("statement_id", "case_id", "code", "category")),
    ):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise ValueError(f"{name} lacks column(s) {', '.join(missing)}")
    codes = _with_section(codes, statements)
    ints, outs = code_keys(codebook, codes)
    out = pd.DataFrame({
        "case_id": cases["case_id"].astype("string").to_numpy(),
        "fiscal_year": cases["fiscal_year"].astype("Int64").to_numpy(),
        "municipality": cases["municipality"].astype("string").to_numpy(),
    })
    out = out.astype({"case_id": "string", "fiscal_year": "Int64", "municipality": "string"})
    ids = out["case_id"]
    # tick boxes
    cb = checkboxes.assign(category=checkboxes["category"].astype("string"))
    cats = list(CHECKBOX_CATEGORIES) + sorted(set(cb["category"].dropna()) - set(CHECKBOX_CATEGORIES))
    for cat in cats:
        sub = cb[cb["category"] == cat].drop_duplicates("case_id").set_index("case_id")["checked"]
        out[f"{CHECKBOX_PREFIX}{cat}"] = ids.map(sub.astype("boolean")).astype("boolean")
    section = codes["section"].astype("string")
    sets = (
        (INTERVENTION_PREFIX, ints, codes[(codes["category"].astype("string") == "intervention")
                                          & section.isin(INTERVENTION_SECTIONS)]),
        (OUTCOME_PREFIX, outs, codes[(codes["category"].astype("string") == "outcome")
                                     & section.isin(OUTCOME_SECTIONS)]),
    )
    for prefix, keys, sub in sets:
        pairs = set(zip(sub["case_id"].astype("string"), sub["code"].astype("string")))
        for key in keys:
            out[f"{prefix}{key}"] = pd.array([(cid, key) in pairs for cid in ids], dtype="boolean")
    if statements is not None:
        n_st = statements.groupby(statements["case_id"].astype("string")).size()
    else:
        n_st = codes.groupby(codes["case_id"].astype("string"))["statement_id"].nunique()
    out["n_statements"] = ids.map(n_st).fillna(0).astype("Int64")
    int_cols = [f"{INTERVENTION_PREFIX}{k}" for k in ints]
    out_cols = [f"{OUTCOME_PREFIX}{k}" for k in outs]
    out["n_intervention_codes"] = out[int_cols].astype("int64").sum(axis=1).astype("Int64")
    out["n_outcome_codes"] = out[out_cols].astype("int64").sum(axis=1).astype("Int64")
    return out


def variable_columns(case_table: pd.DataFrame, prefix: str) -> list[str]:
    """Columns of ``case_table`` starting with ``prefix`` (``int_``, ``out_``, ``cb_``)."""
    return [c for c in case_table.columns if c.startswith(prefix)]


def strip_prefix(column: str) -> str:
    """``int_ict`` → ``ict``; ``out_school_return`` → ``school_return``; others unchanged."""
    for prefix in (INTERVENTION_PREFIX, OUTCOME_PREFIX):
        if column.startswith(prefix):
            return column[len(prefix):]
    return column

"""Keyness of a target group against the rest: signed log-likelihood G² with an effect size.

As quanteda's ``textstat_keyness(measure = "lr")`` (Dunning 1993): for each term a 2 × 2 table

==========  ==========  ===========
.           term        other terms
target      a           c
reference   b           d
==========  ==========  ===========

``G² = 2 Σ O ln(O / E)`` over the four cells (a zero cell contributes 0), with quanteda's
default correction (Yates' ±0.5 where an expected count is below 5), signed positive when the
target uses the term more than expected. The effect size is Hardie's (2014) log ratio, ``log2`` of the ratio of
relative frequencies (0.5 added to a zero count).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from futoko_research.features.frequency import as_list, attach_groups, provenance, select_tokens

STRING = pd.StringDtype()
CORRECTIONS = ("default", "yates", "williams", "none")


def g2_statistic(a, b, c, d, *, correction: str = "default") -> np.ndarray:
    """Signed log-likelihood G² of 2 × 2 tables (vectorised over arrays a, b, c, d).

    ``a`` = term in target, ``b`` = term in reference, ``c`` / ``d`` = other tokens of the
    target / reference. Corrections as quanteda's ``keyness_lr``: ``"default"`` = ``"yates"``
    (±0.5 on the cells, only where an expected count is below 5 and ``|ad − bc| > N/2``),
    ``"williams"`` (divide by q; not applied to tables with a zero cell) or ``"none"``.

    Notes
    -----
    Stays hand-written (vectorised over every term), for measured reasons. scipy's
    ``chi2_contingency(correction=True, lambda_="log-likelihood")`` applies Yates' correction
    to every 2 × 2 table (moving each cell up to 0.5 toward its expected count), not quanteda's
    rule above: on 3,000 random term tables 89 % of the statistics differ, by up to 100 %.
    Without a correction, ``scipy.stats.power_divergence(lambda_="log-likelihood")`` gives the
    same G² but not the same bits (6.5 % of 200,000 tables, at most 6.4e-13 relative); on the
    sample, quanteda's rule followed by scipy's G² changes 2 of the 238 values of
    ``02_keyness_outcome.csv`` in the last bits. The tests check the statistic against
    ``chi2_contingency(correction=False, lambda_="log-likelihood")`` and a hand computation.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    Computational Linguistics 19(1), 61–74.
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    sign = np.where(a > e11, 1.0, -1.0)
    if correction in ("default", "yates"):
        small = (((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5)
                 | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5))
        apply = small & (np.abs(a * d - b * c) > n / 2)
        step = np.where(apply, np.where(a * d - b * c > 0, 0.5, -0.5), 0.0)
        a, d, b, c = a - step, d - step, b + step, c + step
    g2 = np.zeros_like(n)
    for obs, r, k in ((a, a + c, a + b), (b, b + d, a + b), (c, a + c, c + d), (d, b + d, c + d)):
        e = r * k / n
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 += np.where(obs > 0, obs * np.log(obs / e), 0.0)
    g2 *= 2.0
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
        g2 = g2 / np.where(a * b * c * d == 0, 1.0, q)
    return sign * g2


def keyness(
    tokens: pd.DataFrame,
    target,
    *,
    by: str | Sequence[str] = "section",
    statements: pd.DataFrame | None = None,
    cases: pd.DataFrame | None = None,
    unit: str = "term",
    content_only: bool = True,
    min_count: int = 1,
    correction: str = "default",
) -> pd.DataFrame:
    """Terms over- and under-used in a target group compared with all other tokens.

    Parameters
    ----------
    tokens : the ``tokens`` table (any profile).
    target : the value of ``by`` that forms the target (a tuple for several ``by`` columns), or
        a boolean Series aligned with ``tokens`` selecting the target tokens.
    by : grouping column(s) (see :func:`~futoko_research.features.word_frequency`).
    statements, cases : where to find ``by`` columns.
    unit, content_only : which token column, and content words only.
    min_count : drop terms with fewer occurrences in target + reference.
    correction : ``"default"`` (= ``"yates"``, quanteda's default for ``lr``), ``"williams"``
        or ``"none"`` (see :func:`g2_statistic`).

    Returns
    -------
    DataFrame
        ``term`` (string), ``n_target``, ``n_reference`` (Int64), ``g2`` (float64, signed G²),
        ``p_value`` (float64, χ² with 1 df), ``log_ratio`` (float64, log2 of relative-frequency
        ratio), ``rel_target``, ``rel_reference`` (float64, per 1,000 tokens); sorted by
        descending ``g2`` (most key first; negative = characteristic of the reference).

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    Computational Linguistics, 19(1), 61–74.
    Hardie, A. (2014). Log Ratio — an informal introduction. CASS, Lancaster University.
    """
    if isinstance(target, pd.Series) and target.dtype == bool or isinstance(target, pd.Series) and str(target.dtype) == "boolean":
        mask_all = target.reindex(tokens.index).fillna(False).astype(bool)
        toks = tokens.assign(_is_target=mask_all.to_numpy())
    else:
        by_cols = as_list(by)
        toks = attach_groups(tokens, by_cols, statements=statements, cases=cases)
        values = target if isinstance(target, tuple) else (target,)
        if len(values) != len(by_cols):
            raise ValueError(f"target {target!r} does not match by={by_cols!r}")
        mask = np.ones(len(toks), dtype=bool)
        for col, val in zip(by_cols, values):
            mask &= (toks[col].astype(object) == val).fillna(False).to_numpy(dtype=bool)
        toks = toks.assign(_is_target=mask)
    toks = select_tokens(toks, unit, content_only).dropna(subset=[unit])
    if not toks["_is_target"].any():
        raise ValueError(f"target {target!r} selects no tokens")
    counts = pd.crosstab(toks[unit].astype(object), toks["_is_target"])
    for col in (True, False):
        if col not in counts.columns:
            counts[col] = 0
    a = counts[True].to_numpy(dtype="float64")
    b = counts[False].to_numpy(dtype="float64")
    total_t, total_r = a.sum(), b.sum()
    c, d = total_t - a, total_r - b
    keep = (a + b) >= min_count
    g2 = g2_statistic(a, b, c, d, correction=correction)
    p = stats.chi2.sf(np.abs(g2), df=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_t = a / total_t if total_t else np.zeros_like(a)
        rel_r = b / total_r if total_r else np.zeros_like(b)
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / total_t) / (np.where(b > 0, b, 0.5) / max(total_r, 1.0)))
    out = pd.DataFrame({
        "term": pd.array(counts.index.astype(str), dtype=STRING),
        "n_target": pd.array(a.astype("int64"), dtype="Int64"),
        "n_reference": pd.array(b.astype("int64"), dtype="Int64"),
        "g2": g2,
        "p_value": p,
        "log_ratio": log_ratio,
        "rel_target": 1000.0 * rel_t,
        "rel_reference": 1000.0 * rel_r,
    })[keep]
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    out.attrs["features"] = provenance(tokens, function="keyness", target=str(target) if not isinstance(
        target, pd.Series) else "<mask>", by=as_list(by), unit=unit, content_only=content_only,
        min_count=min_count, correction=correction)
    return out

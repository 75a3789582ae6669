"""When a figure may draw an interval: the analysis' descriptive-only rule, applied row by row.

An interval computed from three cases is a number, not evidence. The figures of
:mod:`futoko_research.plots.analysis` draw an interval (or an odds ratio) only for a row that
:func:`has_interval` accepts and otherwise show counts or :func:`too_few_cases_note`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis import INSUFFICIENT, MIN_CASES_FOR_INFERENCE

#: the note a figure shows instead of intervals (Japanese / English)
TOO_FEW_CASES_JA = "症例が少なすぎて区間を示せません"
TOO_FEW_CASES_EN = "too few cases for intervals"


def too_few_cases_note(n_cases: int) -> str:
    """``症例が少なすぎて区間を示せません / too few cases for intervals (n = <n_cases>)``."""
    return f"{TOO_FEW_CASES_JA} / {TOO_FEW_CASES_EN} (n = {int(n_cases)})"


def interval_rule_note(min_cases: int = MIN_CASES_FOR_INFERENCE) -> str:
    """One line saying which rows get an interval (``区間は n ≥ 20 の行のみ / intervals only where n ≥ 20``)."""
    return f"区間は {min_cases} 事例以上の行のみ / intervals only where n ≥ {min_cases}"


def has_interval(
    table: pd.DataFrame, *, estimate: str, low: str = "ci_low", high: str = "ci_high", n: str = "n",
    min_cases: int = MIN_CASES_FOR_INFERENCE,
) -> np.ndarray:
    """Which rows of an analysis table may be drawn with an interval.

    Parameters
    ----------
    table : a table of :mod:`futoko_research.analysis` (``associations``, ``prevalence``,
        ``corrected_prevalence``, …).
    estimate, low, high : the columns of the estimate and its interval.
    n : the column with the row's number of cases.
    min_cases : fewest cases for an interval (the analysis' :data:`MIN_CASES_FOR_INFERENCE`, 20).

    Returns
    -------
    numpy.ndarray of bool, one per row: True when the row has at least ``min_cases`` cases, is not
    flagged ``descriptive_only`` and not ``insufficient data`` (when the table has those columns),
    and its estimate and both interval ends are finite.

    Notes
    -----
    The analysis flags a whole table descriptive only below ``min_cases`` cases; a figure also
    withholds the interval of a single row (a year, a code with missing flags) below that size,
    so a pooled table of 100 cases does not lend its status to a year of 8 cases.
    """
    if table.empty:
        return np.zeros(0, dtype=bool)
    ok = pd.to_numeric(table[n], errors="coerce").fillna(0).to_numpy(dtype=float) >= min_cases
    for col in (estimate, low, high):
        ok &= np.isfinite(pd.to_numeric(table[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan))
    if "descriptive_only" in table.columns:
        ok &= ~table["descriptive_only"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    if "note" in table.columns:
        ok &= ~table["note"].astype("string").fillna("").str.contains(INSUFFICIENT, regex=False).to_numpy(dtype=bool)
    return ok


def n_cases_of(table: pd.DataFrame, n: str = "n") -> int:
    """The largest ``n`` of the rows (the number of cases of a year's table), 0 when empty."""
    values = pd.to_numeric(table[n], errors="coerce").dropna() if len(table) else pd.Series(dtype=float)
    return int(values.max()) if len(values) else 0


def draw_too_few_cases(ax, n_cases: int, *, detail: str | None = None, y: float = 0.5):
    """Write :func:`too_few_cases_note` (and ``detail`` below it) in the middle of ``ax``; returns the Text."""
    text = f"{TOO_FEW_CASES_JA}\n{TOO_FEW_CASES_EN} (n = {int(n_cases)})"
    if detail:
        text += f"\n\n{detail}"
    return ax.text(0.5, y, text, ha="center", va="center", transform=ax.transAxes, fontsize=11,
                   linespacing=1.5, bbox={"boxstyle": "round,pad=0.6", "facecolor": "#f7f7f7", "edgecolor": "#999999"})

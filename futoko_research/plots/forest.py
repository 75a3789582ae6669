"""The forest plot: :func:`plot_forest`, pooled (Mantel–Haenszel) or one year's odds ratios with
95 % intervals on a log axis; with too few cases for any interval, counts of cases with both.

- :data:`FOREST_XLIM`, :data:`FOREST_TICKS` — the x axis never goes beyond these odds ratios
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from futoko_research.analysis import MIN_CASES_FOR_INFERENCE
from futoko_research.plots import get_ax
from futoko_research.plots.analysis_labels import pair_labels, year_title
from futoko_research.plots.labels import fit_title, fits_titles
from futoko_research.plots.small_n import (
    draw_too_few_cases,
    has_interval,
    n_cases_of,
    too_few_cases_note,
)
from futoko_research.vocab import YEAR_ALL

#: the forest plot's x axis never goes beyond these odds ratios; longer intervals end in an arrow
FOREST_XLIM = (0.01, 100.0)
FOREST_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)


def _log_ticks(ax, lo: float, hi: float) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

    ticks = [t for t in FOREST_TICKS if lo <= t <= hi]
    if len(ticks) > 9:
        ticks = [t for t in ticks if math.log10(t).is_integer()]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())


def _forest_counts(ax, sub: pd.DataFrame, n_cases: int, *, codebook, max_rows: int, year: str) -> str:
    """The forest plot's stand-in when no row may have an interval: cases with both, as bars; returns the title."""
    from matplotlib.ticker import MaxNLocator

    from futoko_research.analysis import INTERVENTION_KEYS, OUTCOME_KEYS

    both = sub[pd.to_numeric(sub["a"], errors="coerce").fillna(0) > 0]
    rank_i = {k: i for i, k in enumerate(INTERVENTION_KEYS)}
    rank_o = {k: i for i, k in enumerate(OUTCOME_KEYS)}
    both = both.assign(_a=both["a"].astype(int), _i=both["intervention"].map(rank_i).fillna(len(rank_i)),
                       _o=both["outcome"].map(rank_o).fillna(len(rank_o)))
    both = both.sort_values(["_a", "_i", "_o"], ascending=[False, True, True], kind="mergesort")
    shown = both.head(max_rows)
    title = f"取組 → 成果：両方ある事例数、{year} / cases with both\n{too_few_cases_note(n_cases)}"
    if shown.empty:
        draw_too_few_cases(ax, n_cases, detail="取組と成果がともにある事例なし / no case has both")
        ax.set_xticks([])
        ax.set_yticks([])
        return title
    y = np.arange(len(shown))[::-1]
    a = shown["_a"].to_numpy(dtype=float)
    ax.barh(y, a, color="#8c8c8c")
    for yy, aa, nn in zip(y, a, shown["n"]):
        ax.text(aa, yy, f" {int(aa)}/{int(nn)}", va="center", ha="left", fontsize=8)
    ax.set_yticks(y, pair_labels(shown, codebook), fontsize=8)
    ax.set_xlim(0, max(n_cases, 1) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("取組と成果がともにある事例数 (cases with both; a / n)")
    if len(both) > len(shown):
        title += f"\n多い順に {len(shown)} / {len(both)} 組 / top {len(shown)} of {len(both)} pairs"
    return title


@fits_titles
def plot_forest(assoc: pd.DataFrame, *, fiscal_year: str = YEAR_ALL, ax=None, codebook=None, max_rows: int = 25,
                min_cases: int = MIN_CASES_FOR_INFERENCE):
    """Forest plot: odds ratios with 95 % intervals on a log axis (default: pooled rows).

    Parameters
    ----------
    assoc : :func:`futoko_research.analysis.associations` output.
    fiscal_year : which rows (``all`` = pooled Mantel–Haenszel).
    max_rows : at most this many pairs (smallest q-value, else p-value, first; then the
        strongest association); the title says how many were shown and left out.
    min_cases : a row gets its interval only with at least this many cases
        (:func:`~futoko_research.plots.small_n.has_interval`: also not descriptive only, not
        ``insufficient data``, finite estimate and interval).

    Returns
    -------
    matplotlib.axes.Axes
        When no row of the year may have an interval, no odds ratio is drawn: the Axes shows the
        number of cases with both intervention and outcome for each pair (bars, no interval) and
        the title says 「症例が少なすぎて区間を示せません / too few cases for intervals (n = …)」.
        Otherwise only the rows with an interval are drawn. The x axis stays within
        :data:`FOREST_XLIM`; an interval that goes beyond it ends in an arrow (◀ / ▶), as the
        axis label says.
    """
    sub = assoc[assoc["fiscal_year"].astype("string") == fiscal_year]
    ok = has_interval(sub, estimate="odds_ratio", min_cases=min_cases)
    est = sub[ok]
    year = year_title(fiscal_year)
    n_cases = n_cases_of(sub)
    if est.empty:
        n_bars = int((pd.to_numeric(sub["a"], errors="coerce").fillna(0) > 0).sum()) if len(sub) else 0
        ax = get_ax(ax, width=8.0, height=max(3.5, 0.3 * min(n_bars, max_rows) + 2.2))
        title = _forest_counts(ax, sub, n_cases, codebook=codebook, max_rows=max_rows, year=year)
        ax.set_ylabel("取組 → 成果 (intervention → outcome)")
        fit_title(ax, title, fontsize=10)
        return ax
    key = "q_value" if est["q_value"].notna().any() else "p_value"
    est = est.assign(_strength=-np.abs(np.log(est["odds_ratio"].to_numpy(dtype=float))))
    shown = est.sort_values([key, "_strength"], na_position="last", kind="mergesort").head(max_rows).iloc[::-1]
    ax = get_ax(ax, width=8.0, height=max(3.5, 0.3 * len(shown) + 2.4))
    y = np.arange(len(shown))
    orr = shown["odds_ratio"].to_numpy(dtype=float)
    lo = shown["ci_low"].to_numpy(dtype=float)
    hi = shown["ci_high"].to_numpy(dtype=float)
    lim_lo = max(min(float(lo.min()), float(orr.min()), 0.5) / 1.3, FOREST_XLIM[0])
    lim_hi = min(max(float(hi.max()), float(orr.max()), 2.0) * 1.3, FOREST_XLIM[1])
    orr_c, lo_c, hi_c = (np.clip(v, lim_lo, lim_hi) for v in (orr, lo, hi))
    ax.errorbar(orr_c, y, xerr=np.vstack([orr_c - lo_c, hi_c - orr_c]), fmt="s", color="black", capsize=2,
                markersize=4, elinewidth=1.0)
    left, right = lo < lim_lo, hi > lim_hi
    for beyond, edge, marker in ((left, lim_lo, "<"), (right, lim_hi, ">")):
        if beyond.any():  # an empty unclipped line would still claim a marker's room at the origin
            ax.plot(np.full(int(beyond.sum()), edge), y[beyond], marker=marker, linestyle="none", color="black",
                    clip_on=False)
    ax.set_yticks(y, pair_labels(shown, codebook), fontsize=8)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xscale("log")
    ax.set_xlim(lim_lo, lim_hi)
    _log_ticks(ax, lim_lo, lim_hi)
    ax.axvline(1.0, color="grey", linestyle="--", linewidth=1)
    xlabel = "オッズ比（95% 信頼区間, 対数軸） / odds ratio (95% CI, log scale)"
    if left.any() or right.any():
        xlabel += "\n◀ ▶ 区間は軸の範囲の外まで続く / interval continues beyond the axis"
    ax.set_xlabel(xlabel)
    ax.set_ylabel("取組 → 成果 (intervention → outcome)")
    title = ("統合オッズ比 (Mantel–Haenszel)、全年度" if fiscal_year == YEAR_ALL else f"{year}のオッズ比 (odds ratios)")
    title += f"、n = {n_cases} 事例"
    if len(est) > len(shown):
        q = "q" if key == "q_value" else "p"
        title += f"\n{q} 値の小さい {len(shown)} / {len(est)} 組 / {len(shown)} of {len(est)} pairs (smallest {q})"
    left_out = len(sub) - len(est)
    if left_out:
        title += (f"\n区間なしの {left_out} 組は省略（{min_cases} 事例未満・データ不足） / "
                  f"{left_out} pairs without interval left out")
    fit_title(ax, title, fontsize=10)
    return ax


"""Figures of prevalence, the share of cases with each code, with Wilson intervals where a row
has enough cases (:func:`futoko_research.plots.small_n.has_interval`).

- :func:`plot_prevalence` — the share per fiscal year (trend)
- :func:`plot_prevalence_bars` — the share in one year
- :func:`plot_prevalence_corrected` — the share as coded and corrected for coding error
- :data:`KIND_COLORS`, :data:`KIND_LABELS` — colour and legend label of each kind of variable
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis import MIN_CASES_FOR_INFERENCE
from futoko_research.plots import get_ax
from futoko_research.plots.analysis_labels import label_ja, year_title
from futoko_research.plots.labels import fit_title, fits_titles
from futoko_research.plots.small_n import (
    has_interval,
    interval_rule_note,
    n_cases_of,
    too_few_cases_note,
)
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year


@fits_titles
def plot_prevalence(prev: pd.DataFrame, *, codes=None, ax=None, codebook=None,
                    min_cases: int = MIN_CASES_FOR_INFERENCE):
    """Share of cases with each code per fiscal year, with Wilson 95 % intervals where a year has enough cases.

    Parameters
    ----------
    prev : :func:`futoko_research.analysis.prevalence` output; rows ``all`` and ``unknown`` are
        not drawn (no position on the year axis).
    codes : codes or variables to draw (default: all).
    min_cases : a year's point gets its interval only with at least this many cases
        (:func:`~futoko_research.plots.small_n.has_interval`); other points are drawn hollow,
        without an interval, and the title says so. With no year at all the Axes says so.

    Returns
    -------
    matplotlib.axes.Axes
    """
    sub = prev[~prev["fiscal_year"].isin([YEAR_ALL, YEAR_UNKNOWN]) & prev["proportion"].notna()]
    if codes is not None:
        sub = sub[sub["code"].isin(list(codes)) | sub["variable"].isin(list(codes))]
    variables = list(dict.fromkeys(sub["variable"]))
    legend_outside = len(variables) > 6
    ax = get_ax(ax, width=9.5 if legend_outside else 7.0, height=max(4.5, 0.22 * len(variables) + 1.5))
    offsets = np.linspace(-0.2, 0.2, len(variables)) if len(variables) > 1 else [0.0]
    n_hollow = 0
    for off, var in zip(offsets, variables):
        g = sub[sub["variable"] == var]
        g = g.assign(year=g["fiscal_year"].astype(int)).sort_values("year")
        x = g["year"].to_numpy() + off
        y = g["proportion"].to_numpy(dtype=float)
        (line,) = ax.plot(x, y, marker="o", label=label_ja(str(g["code"].iloc[0]), codebook))
        ok = has_interval(g, estimate="proportion", min_cases=min_cases)
        if ok.any():
            err = np.clip([y[ok] - g["ci_low"].to_numpy(dtype=float)[ok],
                           g["ci_high"].to_numpy(dtype=float)[ok] - y[ok]], 0, None)
            ax.errorbar(x[ok], y[ok], yerr=err, fmt="none", ecolor=line.get_color(), capsize=3)
        if (~ok).any():
            ax.plot(x[~ok], y[~ok], linestyle="none", marker="o", markerfacecolor="white",
                    markeredgecolor=line.get_color(), zorder=3)
            n_hollow += int((~ok).sum())
    ax.set_ylim(0, 1)
    ax.set_xlabel("年度（fiscal year）")
    ax.set_ylabel("該当事例の割合 (share of cases)")
    title = "コードの出現割合の推移 (prevalence by year, 95% Wilson)"
    if sub.empty:
        ax.text(0.5, 0.5, "年度ごとの割合がありません（年度の分かる事例なし）\nno share by year (no case with a fiscal year)",
                ha="center", va="center", transform=ax.transAxes, fontsize=10, linespacing=1.5)
        ax.set_xticks([])
    else:
        ax.set_xticks(sorted({int(v) for v in sub["fiscal_year"]}))
        if n_hollow:
            title += f"\n○ 白抜き = 区間なし（{min_cases} 事例未満） / hollow = no interval (n < {min_cases})"
        ax.legend(fontsize=8, **({"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)} if legend_outside
                                 else {"loc": "best"}))
    fit_title(ax, title, fontsize=11)
    return ax


#: colour of each kind of variable (code category or tick box) in :func:`plot_prevalence_bars`
KIND_COLORS = {"intervention": "#4c72b0", "outcome": "#c44e52", "checkbox": "#55a868", "other": "#8c8c8c"}
#: legend label of each kind
KIND_LABELS = {"intervention": "取組 (intervention)", "outcome": "成果 (outcome)",
               "checkbox": "チェック欄 (tick box)", "other": "その他 (other)"}


def _kind_sorted(sub: pd.DataFrame) -> pd.DataFrame:
    order = {k: i for i, k in enumerate(KIND_COLORS)}
    return sub.assign(_k=sub["kind"].map(order).fillna(len(order))).sort_values(["_k", "variable"], kind="mergesort")


def _kind_legend(ax, kinds, extra=()) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=KIND_COLORS.get(k, KIND_COLORS["other"]), label=KIND_LABELS.get(k, k)) for k in kinds]
    ax.legend(handles=[*handles, *extra], fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))


@fits_titles
def plot_prevalence_bars(prev: pd.DataFrame, *, fiscal_year: str | int = YEAR_ALL, codebook=None, ax=None,
                         min_cases: int = MIN_CASES_FOR_INFERENCE):
    """Share of cases with each code in one year (``all`` = every case), with Wilson 95 % intervals.

    A one-year complement to :func:`plot_prevalence` (which draws the
    trend over years and so shows nothing for a corpus without years).

    Parameters
    ----------
    prev : :func:`futoko_research.analysis.prevalence` output (variable, code, kind, fiscal_year,
        n, count, proportion, ci_low, ci_high).
    fiscal_year : the rows drawn (``"all"``, ``"unknown"`` or a year).
    codebook : for Japanese code labels.
    min_cases : a bar gets its interval only with at least this many cases
        (:func:`~futoko_research.plots.small_n.has_interval`).

    Returns
    -------
    matplotlib.axes.Axes
        With fewer than ``min_cases`` cases for every code the bars are counts of cases (labelled
        ``k/n``), without intervals, and the title says 「症例が少なすぎて区間を示せません / too
        few cases for intervals (n = …)」; otherwise shares with intervals where a code has enough cases.
    """
    label = normalize_year(fiscal_year)
    sub = _kind_sorted(prev[(prev["fiscal_year"].astype("string") == label) & prev["proportion"].notna()])
    ax = get_ax(ax, width=8.5, height=max(3.5, 0.3 * len(sub) + 2.0))
    y = np.arange(len(sub))[::-1]
    n_cases = n_cases_of(sub)
    ok = has_interval(sub, estimate="proportion", min_cases=min_cases)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in sub["kind"]]
    title = f"コードの出現割合：{year_title(label)}、n = {n_cases} 事例"
    if len(sub) and not ok.any():
        counts = sub["count"].to_numpy(dtype=float)
        ax.barh(y, counts, color=colors)
        for yy, k, n in zip(y, counts, sub["n"]):
            ax.text(k, yy, f" {int(k)}/{int(n)}", va="center", ha="left", fontsize=8)
        from matplotlib.ticker import MaxNLocator

        ax.set_xlim(0, max(n_cases, 1) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("該当事例数 (cases with the code; k / n)")
        title = f"コードの出現事例数：{year_title(label)} / cases with each code\n{too_few_cases_note(n_cases)}"
    else:
        p = sub["proportion"].to_numpy(dtype=float)
        ax.barh(y, p, color=colors)
        if ok.any():
            err = np.clip([p[ok] - sub["ci_low"].to_numpy(dtype=float)[ok],
                           sub["ci_high"].to_numpy(dtype=float)[ok] - p[ok]], 0, None)
            ax.errorbar(p[ok], y[ok], xerr=err, fmt="none", ecolor="black", capsize=2, elinewidth=0.8)
        if (~ok).any():
            title += f"\n{interval_rule_note(min_cases)}"
        ax.set_xlim(0, 1)
        ax.set_xlabel("該当事例の割合（95% Wilson 区間） / share of cases")
    ax.set_yticks(y, [label_ja(str(c), codebook) for c in sub["code"]], fontsize=8)
    ax.set_ylabel("コード (code)")
    fit_title(ax, title, fontsize=10)
    if sub.empty:
        ax.text(0.5, 0.5, "データなし (no data)", ha="center", va="center", transform=ax.transAxes)
    else:
        _kind_legend(ax, list(dict.fromkeys(sub["kind"])))
    return ax


@fits_titles
def plot_prevalence_corrected(table: pd.DataFrame, *, fiscal_year: str | int = YEAR_ALL, codebook=None, ax=None,
                              min_cases: int = MIN_CASES_FOR_INFERENCE):
    """Each code's share of cases as coded and corrected for the coder's error (Rogan–Gladen).

    Parameters
    ----------
    table : :func:`futoko_research.analysis.misclassification.corrected_prevalence` output
        (code, kind, fiscal_year, n, observed, corrected, ci_low, ci_high), optionally with the
        observed share's Wilson interval as ``observed_ci_low`` / ``observed_ci_high``.
    fiscal_year : the rows drawn.
    codebook : for Japanese code labels.
    min_cases : intervals are drawn only for rows with at least this many cases
        (:func:`~futoko_research.plots.small_n.has_interval`).

    Returns
    -------
    matplotlib.axes.Axes
        Grey circles: as coded (Wilson 95 % interval); coloured diamonds: corrected (bootstrap
        95 % interval). A code without a diamond was not corrected (see the table's note). With
        fewer than ``min_cases`` cases the points have no intervals and the title says
        「症例が少なすぎて区間を示せません / too few cases for intervals (n = …)」.
    """
    from matplotlib.lines import Line2D

    label = normalize_year(fiscal_year)
    sub = _kind_sorted(table[(table["fiscal_year"].astype("string") == label) & table["observed"].notna()])
    ax = get_ax(ax, width=8.5, height=max(3.5, 0.35 * len(sub) + 2.0))
    y = np.arange(len(sub))[::-1].astype(float)
    n_cases = n_cases_of(sub)
    obs = sub["observed"].to_numpy(dtype=float)
    ax.plot(obs, y + 0.15, "o", color="0.55", ms=4, label="コード化のまま (as coded)")
    if {"observed_ci_low", "observed_ci_high"} <= set(sub.columns):
        ok_obs = has_interval(sub, estimate="observed", low="observed_ci_low", high="observed_ci_high",
                              min_cases=min_cases)
        if ok_obs.any():
            err = np.clip([obs[ok_obs] - sub["observed_ci_low"].to_numpy(dtype=float)[ok_obs],
                           sub["observed_ci_high"].to_numpy(dtype=float)[ok_obs] - obs[ok_obs]], 0, None)
            ax.errorbar(obs[ok_obs], y[ok_obs] + 0.15, xerr=err, fmt="none", ecolor="0.55", capsize=2, elinewidth=0.8)
    else:
        ok_obs = np.zeros(len(sub), dtype=bool)
    corr = sub["corrected"].to_numpy(dtype=float)
    has_point = np.isfinite(corr)
    ok_corr = has_interval(sub, estimate="corrected", min_cases=min_cases)
    if ok_corr.any():
        cerr = np.clip([corr[ok_corr] - sub["ci_low"].to_numpy(dtype=float)[ok_corr],
                        sub["ci_high"].to_numpy(dtype=float)[ok_corr] - corr[ok_corr]], 0, None)
        ax.errorbar(corr[ok_corr], y[ok_corr] - 0.15, xerr=cerr, fmt="none", ecolor="0.2", capsize=2, elinewidth=0.8)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in sub["kind"][has_point]]
    ax.scatter(corr[has_point], y[has_point] - 0.15, marker="D", s=22, c=colors, zorder=3)
    ax.set_yticks(y, [label_ja(str(c), codebook) for c in sub["code"]], fontsize=8)
    ax.set_xlim(-0.03, 1.03)  # points at 0 and 1 stay whole
    ax.set_ylabel("コード (code)")
    title = f"コーディングの誤りを補正した出現割合\n{year_title(label)}、n = {n_cases} 事例"
    if len(sub) and not (ok_obs.any() or ok_corr.any()):
        ax.set_xlabel("該当事例の割合（区間なし） / share of cases (no interval)")
        title += f"\n{too_few_cases_note(n_cases)}"
    else:
        ax.set_xlabel("該当事例の割合（95% 区間） / share of cases")
        if not (ok_obs | ~np.isfinite(obs)).all() or not (ok_corr | ~has_point).all():
            title += f"\n{interval_rule_note(min_cases)}"
    fit_title(ax, title, fontsize=10)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], marker="D", linestyle="none", color="0.3", label="誤りを補正 (corrected)"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if sub.empty:
        ax.text(0.5, 0.5, "データなし (no data)", ha="center", va="center", transform=ax.transAxes)
    return ax

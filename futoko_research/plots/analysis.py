"""Figures of the outcome-by-intervention analysis (Japanese labels).

- :func:`plot_association_heatmap` — intervention × outcome: counts of cases or pooled odds ratios
- :func:`plot_prevalence` — share of cases per fiscal year with Wilson intervals
- :func:`plot_forest` — pooled (Mantel–Haenszel) odds ratios with 95 % intervals
- :func:`plot_link_diagram` — attributed links intervention → outcome, edge width = number of links
- :func:`plot_prevalence_bars` — share of cases with each code in one year, with Wilson intervals
- :func:`plot_prevalence_corrected` — each code's share as coded and corrected for coding error

Each takes a table from :mod:`futoko_research.analysis` / :mod:`futoko_research.analysis.links`, draws on
``ax`` (or a new Axes) and returns the Axes; none shows or saves. An interval (or odds ratio) is
drawn only for a row with enough cases (:func:`futoko_research.plots.small_n.has_interval`); with
too few, the figures show counts and say 「症例が少なすぎて区間を示せません / too few cases for intervals」.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from futoko_research.analysis import MIN_CASES_FOR_INFERENCE
from futoko_research.plots import get_ax, setup_japanese_font
from futoko_research.plots.labels import fit_title, fits_titles
from futoko_research.plots.small_n import (
    draw_too_few_cases,
    has_interval,
    interval_rule_note,
    n_cases_of,
    too_few_cases_note,
)
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year

#: display labels of the default codebook's codes (used when no codebook is given)
LABELS_JA = {
    "collaboration": "関係機関との連携", "ict": "ICTの活用", "ibasho": "居場所づくり",
    "peer_interaction": "交流・人間関係づくり", "individual_learning": "個に応じた学習支援",
    "counseling": "教育相談", "family_support": "保護者・家庭への支援", "home_visit": "家庭訪問",
    "experiential": "体験活動・スポーツ", "center_operation": "センター等の設置・運営",
    "school_return": "学校復帰・登校", "continued_attendance": "通室・参加の継続",
    "learning_motivation": "学習意欲の向上", "learning_attainment": "学習内容の理解・定着",
    "self_esteem": "自己肯定感・自信", "social_relations": "対人関係・社会性",
    "daily_rhythm": "生活リズムの改善", "future_orientation": "将来・進路への意識",
    "emotional_stability": "心理的安定",
    "school_return_support": "[チェック] 学校復帰に向けた支援",
    "learning_opportunity": "[チェック] 学習機会確保の取組",
    "center_enhancement": "[チェック] センターの機能充実",
}


def label_ja(key: str, codebook=None) -> str:
    """Japanese label of a code key (codebook's label_ja, else the built-in one, else the key)."""
    if codebook is not None and key in codebook:
        lab = getattr(codebook[key], "label_ja", None)
        if lab:
            return str(lab)
    return LABELS_JA.get(key, key)


def _order(values, preferred) -> list[str]:
    vals = list(dict.fromkeys(values))
    return [v for v in preferred if v in vals] + sorted(v for v in vals if v not in preferred)


@fits_titles
def plot_association_heatmap(
    assoc: pd.DataFrame, *, value: str = "odds_ratio", fiscal_year: str = YEAR_ALL, ax=None, codebook=None,
    annotate: bool = True, min_cases: int = MIN_CASES_FOR_INFERENCE,
):
    """Intervention (rows) × outcome (columns) heatmap of one fiscal year's rows (default pooled).

    Parameters
    ----------
    assoc : :func:`futoko_research.analysis.associations` output.
    value : ``odds_ratio`` (colour = log2 OR, diverging around 1) or ``count`` (cases with both, ``a``).
    fiscal_year : which rows (``all`` = pooled Mantel–Haenszel).
    min_cases : an odds ratio is drawn only for a row that may have an interval
        (:func:`~futoko_research.plots.small_n.has_interval`); other cells stay blank and the title
        says so. When no cell qualifies, the counts are drawn instead, with the note
        「症例が少なすぎて区間を示せません / too few cases for intervals (n = …)」.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from futoko_research.analysis import INTERVENTION_KEYS, OUTCOME_KEYS

    if value not in ("odds_ratio", "count"):
        raise ValueError(f"value must be 'odds_ratio' or 'count', not {value!r}")
    sub = assoc[assoc["fiscal_year"].astype("string") == fiscal_year]
    n_cases = n_cases_of(sub)
    notes = []
    if value == "odds_ratio":
        ok = has_interval(sub, estimate="odds_ratio", min_cases=min_cases)
        if not ok.any():
            value = "count"
            notes.append("オッズ比なし：" + too_few_cases_note(n_cases))
        elif not ok.all():
            notes.append(f"空白 = オッズ比なし（{min_cases} 事例未満・データ不足） / blank = too few cases")
        sub_values = sub.assign(cell_value=np.where(ok, sub["odds_ratio"].to_numpy(dtype=float), np.nan))
    if value == "count":
        sub_values = sub.assign(cell_value=pd.to_numeric(sub["a"], errors="coerce").astype("float64"))
    rows = _order(sub["intervention"], INTERVENTION_KEYS)
    cols = _order(sub["outcome"], OUTCOME_KEYS)
    ax = get_ax(ax, width=max(7.0, 0.75 * len(cols) + 4), height=max(4.5, 0.45 * len(rows) + 3))
    mat = np.full((len(rows), len(cols)), np.nan)
    for r in sub_values.itertuples(index=False):
        if not pd.isna(r.cell_value):
            mat[rows.index(r.intervention), cols.index(r.outcome)] = float(r.cell_value)
    if value == "odds_ratio":
        shown = np.log2(mat)
        finite = np.abs(shown[np.isfinite(shown)])
        lim = max(1.0, float(finite.max())) if finite.size else 1.0
        im = ax.imshow(shown, cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
        cbar_label = "log2 オッズ比 (Mantel–Haenszel)" if fiscal_year == YEAR_ALL else "log2 オッズ比"
    else:
        im = ax.imshow(mat, cmap="Blues", aspect="auto", vmin=0)
        cbar_label = "事例数（取組あり・成果あり） / cases with both"
    cbar = ax.get_figure(root=True).colorbar(im, ax=ax, label=cbar_label)
    if value == "count":
        from matplotlib.ticker import MaxNLocator

        cbar.locator = MaxNLocator(integer=True)
        cbar.update_ticks()
    if annotate:
        for i in range(len(rows)):
            for j in range(len(cols)):
                v = mat[i, j]
                if np.isfinite(v):
                    dark = float(np.mean(im.cmap(im.norm(im.get_array()[i, j]))[:3])) < 0.45
                    ax.text(j, i, f"{v:.2g}" if value == "odds_ratio" else f"{int(v)}",
                            ha="center", va="center", fontsize=7.5, color="white" if dark else "black")
    ax.set_xticks(range(len(cols)), [label_ja(c, codebook) for c in cols], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), [label_ja(r, codebook) for r in rows], fontsize=8)
    ax.set_xlabel("成果（outcome）")
    ax.set_ylabel("取組（intervention）")
    what = "オッズ比" if value == "odds_ratio" else "事例数"
    year = "全年度（統合）" if fiscal_year == YEAR_ALL else _year_title(fiscal_year)
    fit_title(ax, "\n".join([f"取組 × 成果の{what}：{year}、n = {n_cases} 事例", *notes]), fontsize=10)
    return ax


def _year_title(fiscal_year: str) -> str:
    label = normalize_year(fiscal_year)
    return ("全年度 (all years)" if label == YEAR_ALL
            else "年度不明 (unknown year)" if label == YEAR_UNKNOWN else f"{label}年度")


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


#: the forest plot's x axis never goes beyond these odds ratios; longer intervals end in an arrow
FOREST_XLIM = (0.01, 100.0)
FOREST_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)


def _pair_labels(sub: pd.DataFrame, codebook) -> list[str]:
    return [f"{label_ja(i, codebook)} → {label_ja(o, codebook)}" for i, o in zip(sub["intervention"], sub["outcome"])]


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
    ax.set_yticks(y, _pair_labels(shown, codebook), fontsize=8)
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
    year = _year_title(fiscal_year)
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
    ax.set_yticks(y, _pair_labels(shown, codebook), fontsize=8)
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


@fits_titles
def plot_link_diagram(counts: pd.DataFrame, *, fiscal_year: str = YEAR_ALL, ax=None, codebook=None):
    """Bipartite diagram: interventions (left) → outcomes (right), edge width ∝ number of links.

    ``counts`` is :func:`futoko_research.analysis.links.link_counts` output; links of several
    polarities or modalities (``link_counts(..., polarity=None)``) are summed per pair, and the
    title says which links were counted (by default reported, positive ones).
    """
    from futoko_research.analysis import INTERVENTION_KEYS, OUTCOME_KEYS

    sub = counts[counts["fiscal_year"].astype("string") == fiscal_year]
    counted = ""
    if {"polarity", "modality"} <= set(sub.columns):
        kinds = sorted(set(zip(sub["polarity"].astype(str), sub["modality"].astype(str))))
        counted = ("報告された肯定的リンク (reported, positive)" if kinds in ([], [("positive", "reported")])
                   else "リンクの種類: " + ", ".join(f"{p}/{m}" for p, m in kinds))
        sub = sub.groupby(["intervention", "outcome"], as_index=False, sort=True)["n_links"].sum()
    lefts = _order(sub["intervention"], INTERVENTION_KEYS)
    rights = _order(sub["outcome"], OUTCOME_KEYS)
    ax = get_ax(ax, width=8.0, height=max(4.0, 0.45 * max(len(lefts), len(rights), 1) + 1.5))
    setup_japanese_font()

    def ypos(n, k):
        return 1.0 - (k + 0.5) / n if n else 0.5

    max_n = float(sub["n_links"].max()) if len(sub) else 1.0
    for r in sub.itertuples(index=False):
        y0 = ypos(len(lefts), lefts.index(r.intervention))
        y1 = ypos(len(rights), rights.index(r.outcome))
        w = 0.5 + 6.0 * float(r.n_links) / max_n
        ax.plot([0.0, 1.0], [y0, y1], color="tab:blue", alpha=0.55, linewidth=w, solid_capstyle="butt")
    for k, key in enumerate(lefts):
        ax.text(-0.02, ypos(len(lefts), k), label_ja(key, codebook), ha="right", va="center", fontsize=8)
    for k, key in enumerate(rights):
        ax.text(1.02, ypos(len(rights), k), label_ja(key, codebook), ha="left", va="center", fontsize=8)
    ax.scatter([0.0] * len(lefts), [ypos(len(lefts), k) for k in range(len(lefts))], color="black", s=12, zorder=3)
    ax.scatter([1.0] * len(rights), [ypos(len(rights), k) for k in range(len(rights))], color="black", s=12, zorder=3)
    if sub.empty:
        ax.text(0.5, 0.5, "リンクがありません", ha="center", va="center")
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(0, 1)
    ax.set_xticks([0.0, 1.0], ["取組（原因）", "成果（結果）"])
    ax.set_yticks([])
    ax.set_xlabel("因果の向き：取組 → 成果（線の太さ＝リンク数, 最大 "
                  f"{int(max_n) if math.isfinite(max_n) else 0}）")
    ax.set_ylabel("コード")
    year = "全年度" if fiscal_year == YEAR_ALL else f"{fiscal_year}年度"
    fit_title(ax, f"成果文中の取組 → 成果リンク（{year}）" + (f"\n{counted}" if counted else ""), fontsize=11)
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
    title = f"コードの出現割合：{_year_title(label)}、n = {n_cases} 事例"
    if len(sub) and not ok.any():
        counts = sub["count"].to_numpy(dtype=float)
        ax.barh(y, counts, color=colors)
        for yy, k, n in zip(y, counts, sub["n"]):
            ax.text(k, yy, f" {int(k)}/{int(n)}", va="center", ha="left", fontsize=8)
        from matplotlib.ticker import MaxNLocator

        ax.set_xlim(0, max(n_cases, 1) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("該当事例数 (cases with the code; k / n)")
        title = f"コードの出現事例数：{_year_title(label)} / cases with each code\n{too_few_cases_note(n_cases)}"
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
    title = f"コーディングの誤りを補正した出現割合\n{_year_title(label)}、n = {n_cases} 事例"
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

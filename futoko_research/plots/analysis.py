"""Figures of the outcome-by-intervention analysis (Japanese labels).

- :func:`plot_association_heatmap` — intervention × outcome: counts of cases or pooled odds ratios
- :func:`plot_prevalence` — share of cases per fiscal year with Wilson intervals
- :func:`plot_forest` — pooled (Mantel–Haenszel) odds ratios with 95 % intervals
- :func:`plot_link_diagram` — attributed links intervention → outcome, edge width = number of links
- :func:`plot_prevalence_bars` — share of cases with each code in one year, with Wilson intervals
- :func:`plot_prevalence_corrected` — each code's share as coded and corrected for coding error

Each takes a table from :mod:`futoko_research.analysis` / :mod:`futoko_research.analysis.links`, draws on
``ax`` (or a new Axes) and returns the Axes; none shows or saves.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from futoko_research.plots import get_ax, setup_japanese_font
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


def plot_association_heatmap(
    assoc: pd.DataFrame, *, value: str = "odds_ratio", fiscal_year: str = YEAR_ALL, ax=None, codebook=None,
    annotate: bool = True,
):
    """Intervention (rows) × outcome (columns) heatmap of one fiscal year's rows (default pooled).

    Parameters
    ----------
    assoc : :func:`futoko_research.analysis.associations` output.
    value : ``odds_ratio`` (colour = log2 OR, diverging around 1; cells without an estimate are
        blank) or ``count`` (cases with both, ``a``).
    fiscal_year : which rows (``all`` = pooled Mantel–Haenszel).
    """
    from futoko_research.analysis import INTERVENTION_KEYS, OUTCOME_KEYS

    if value not in ("odds_ratio", "count"):
        raise ValueError(f"value must be 'odds_ratio' or 'count', not {value!r}")
    sub = assoc[assoc["fiscal_year"].astype("string") == fiscal_year]
    rows = _order(sub["intervention"], INTERVENTION_KEYS)
    cols = _order(sub["outcome"], OUTCOME_KEYS)
    ax = get_ax(ax, width=max(6.0, 0.7 * len(cols) + 3), height=max(4.0, 0.45 * len(rows) + 2))
    mat = np.full((len(rows), len(cols)), np.nan)
    for r in sub.itertuples(index=False):
        v = r.a if value == "count" else r.odds_ratio
        if v is not None and not pd.isna(v):
            mat[rows.index(r.intervention), cols.index(r.outcome)] = float(v)
    if value == "odds_ratio":
        shown = np.log2(mat)
        finite = np.abs(shown[np.isfinite(shown)])
        lim = max(1.0, float(finite.max())) if finite.size else 1.0
        im = ax.imshow(shown, cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
        cbar_label = "log2 オッズ比 (Mantel–Haenszel)" if fiscal_year == YEAR_ALL else "log2 オッズ比"
    else:
        im = ax.imshow(mat, cmap="Blues", aspect="auto", vmin=0)
        cbar_label = "事例数（介入あり・成果あり）"
    ax.figure.colorbar(im, ax=ax, label=cbar_label)
    if annotate:
        for i in range(len(rows)):
            for j in range(len(cols)):
                v = mat[i, j]
                if np.isfinite(v):
                    ax.text(j, i, f"{v:.2g}" if value == "odds_ratio" else f"{int(v)}",
                            ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(cols)), [label_ja(c, codebook) for c in cols], rotation=45, ha="right")
    ax.set_yticks(range(len(rows)), [label_ja(r, codebook) for r in rows])
    ax.set_xlabel("成果（outcome）")
    ax.set_ylabel("取組（intervention）")
    what = "オッズ比" if value == "odds_ratio" else "事例数"
    year = "全年度（統合）" if fiscal_year == YEAR_ALL else f"{fiscal_year}年度"
    ax.set_title(f"取組 × 成果の{what}（{year}）")
    return ax


def plot_prevalence(prev: pd.DataFrame, *, codes=None, ax=None, codebook=None):
    """Share of cases with each code per fiscal year, with Wilson 95 % intervals.

    ``prev`` is :func:`futoko_research.analysis.prevalence` output; rows ``all`` and ``unknown``
    are not drawn (no position on the year axis). ``codes`` selects codes (default: all).
    """
    sub = prev[~prev["fiscal_year"].isin([YEAR_ALL, YEAR_UNKNOWN])]
    if codes is not None:
        sub = sub[sub["code"].isin(list(codes)) | sub["variable"].isin(list(codes))]
    ax = get_ax(ax)
    variables = list(dict.fromkeys(sub["variable"]))
    offsets = np.linspace(-0.2, 0.2, len(variables)) if len(variables) > 1 else [0.0]
    for off, var in zip(offsets, variables):
        g = sub[sub["variable"] == var]
        g = g.assign(year=g["fiscal_year"].astype(int)).sort_values("year")
        ok = g["proportion"].notna()
        g = g[ok]
        if g.empty:
            continue
        y = g["proportion"].to_numpy(dtype=float)
        err = np.vstack([y - g["ci_low"].to_numpy(dtype=float), g["ci_high"].to_numpy(dtype=float) - y])
        ax.errorbar(g["year"].to_numpy() + off, y, yerr=err, marker="o", capsize=3,
                    label=label_ja(str(g["code"].iloc[0]), codebook))
    ax.set_ylim(0, 1)
    ax.set_xlabel("年度（fiscal year）")
    ax.set_ylabel("該当事例の割合（95% Wilson 区間）")
    ax.set_title("コードの出現割合の推移 (prevalence by year)")
    years = sorted({int(v) for v in sub["fiscal_year"]}) if len(sub) else []
    if years:
        ax.set_xticks(years)
    if variables:
        ax.legend(fontsize=7, loc="best")
    return ax


def plot_forest(assoc: pd.DataFrame, *, fiscal_year: str = YEAR_ALL, ax=None, codebook=None, max_rows: int = 40):
    """Forest plot: odds ratios with 95 % intervals on a log axis (default: pooled rows).

    Rows without an estimate are left out; at most ``max_rows`` rows (smallest q/p first).
    """
    sub = assoc[(assoc["fiscal_year"].astype("string") == fiscal_year) & assoc["odds_ratio"].notna()]
    key = "q_value" if sub["q_value"].notna().any() else "p_value"
    sub = sub.sort_values([key, "odds_ratio"], na_position="last").head(max_rows).iloc[::-1]
    ax = get_ax(ax, width=7.0, height=max(3.0, 0.3 * len(sub) + 1.5))
    if sub.empty:
        ax.text(0.5, 0.5, "推定可能なオッズ比がありません（データ不足）", ha="center", va="center",
                transform=ax.transAxes)
    else:
        y = np.arange(len(sub))
        orr = sub["odds_ratio"].to_numpy(dtype=float)
        lo = sub["ci_low"].to_numpy(dtype=float)
        hi = sub["ci_high"].to_numpy(dtype=float)
        ax.errorbar(orr, y, xerr=np.vstack([orr - lo, hi - orr]), fmt="s", color="black", capsize=2,
                    markersize=4)
        ax.set_yticks(y, [f"{label_ja(i, codebook)} → {label_ja(o, codebook)}"
                          for i, o in zip(sub["intervention"], sub["outcome"])], fontsize=7)
        ax.set_xscale("log")
        lo_lim = max(min(np.nanmin(lo), 0.5) / 1.5, 1e-3)
        hi_lim = min(max(np.nanmax(hi), 2.0) * 1.5, 1e3)
        ax.set_xlim(lo_lim, hi_lim)
    ax.axvline(1.0, color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel("オッズ比（95% 信頼区間, 対数軸）")
    ax.set_ylabel("取組 → 成果")
    title = "統合オッズ比 (Mantel–Haenszel)" if fiscal_year == YEAR_ALL else f"{fiscal_year}年度のオッズ比"
    if "descriptive_only" in sub.columns and sub["descriptive_only"].fillna(False).any():
        title += "\n記述のみ（事例数不足: descriptive only, too few cases）"
    ax.set_title(title)
    return ax


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
    ax.set_title(f"成果文中の取組 → 成果リンク（{year}）" + (f"\n{counted}" if counted else ""))
    return ax


#: colour of each kind of variable (code category or tick box) in :func:`plot_prevalence_bars`
KIND_COLORS = {"intervention": "#4c72b0", "outcome": "#c44e52", "checkbox": "#55a868", "other": "#8c8c8c"}
#: legend label of each kind
KIND_LABELS = {"intervention": "取組 (intervention)", "outcome": "成果 (outcome)",
               "checkbox": "チェック欄 (tick box)", "other": "その他 (other)"}


def plot_prevalence_bars(prev: pd.DataFrame, *, fiscal_year: str | int = YEAR_ALL, codebook=None, ax=None):
    """Share of cases with each code in one year (``all`` = every case), with Wilson 95 % intervals.

    A one-year complement to :func:`plot_prevalence` (which draws the
    trend over years and so shows nothing for a corpus without years).

    Parameters
    ----------
    prev : :func:`futoko_research.analysis.prevalence` output (variable, code, kind, fiscal_year,
        n, count, proportion, ci_low, ci_high).
    fiscal_year : the rows drawn (``"all"``, ``"unknown"`` or a year).
    codebook : for Japanese code labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    label = normalize_year(fiscal_year)
    sub = prev[prev["fiscal_year"].astype("string") == label]
    sub = sub[sub["proportion"].notna()]
    order = {k: i for i, k in enumerate(KIND_COLORS)}
    sub = sub.assign(_k=sub["kind"].map(order).fillna(len(order))).sort_values(["_k", "variable"], kind="mergesort")
    ax = get_ax(ax, width=7.5, height=max(3.0, 0.3 * len(sub) + 1.5))
    y = list(range(len(sub)))[::-1]
    p = sub["proportion"].to_numpy(dtype=float)
    err = np.clip([p - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - p], 0, None)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in sub["kind"]]
    ax.barh(y, p, xerr=err, color=colors, capsize=2, error_kw={"elinewidth": 0.8})
    ax.set_yticks(y, [label_ja(str(c), codebook) for c in sub["code"]], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("該当事例の割合（95% Wilson 区間） / share of cases")
    ax.set_ylabel("コード (code)")
    n = int(sub["n"].max()) if len(sub) else 0
    year = "全年度 (all years)" if label == YEAR_ALL else ("年度不明 (unknown year)" if label == YEAR_UNKNOWN else f"{label}年度")
    ax.set_title(f"コードの出現割合：{year}、n = {n} 事例")
    from matplotlib.patches import Patch

    kinds = list(dict.fromkeys(sub["kind"]))
    ax.legend(handles=[Patch(color=KIND_COLORS.get(k, KIND_COLORS["other"]), label=KIND_LABELS.get(k, k)) for k in kinds],
              fontsize=8, loc="lower right")
    if sub.empty:
        ax.text(0.5, 0.5, "データなし (no data)", ha="center", va="center", transform=ax.transAxes)
    return ax


def plot_prevalence_corrected(table: pd.DataFrame, *, fiscal_year: str | int = YEAR_ALL, codebook=None, ax=None):
    """Each code's share of cases as coded and corrected for the coder's error (Rogan–Gladen).

    Parameters
    ----------
    table : :func:`futoko_research.analysis.misclassification.corrected_prevalence` output
        (code, kind, fiscal_year, n, observed, corrected, ci_low, ci_high), optionally with the
        observed share's Wilson interval as ``observed_ci_low`` / ``observed_ci_high``.
    fiscal_year : the rows drawn.
    codebook : for Japanese code labels.

    Returns
    -------
    matplotlib.axes.Axes
        Grey circles: as coded (Wilson 95 % interval); coloured diamonds: corrected (bootstrap
        95 % interval). A code without a diamond was not corrected (see the table's note).
    """
    label = normalize_year(fiscal_year)
    sub = table[(table["fiscal_year"].astype("string") == label) & table["observed"].notna()]
    order = {k: i for i, k in enumerate(KIND_COLORS)}
    sub = sub.assign(_k=sub["kind"].map(order).fillna(len(order))).sort_values(["_k", "variable"], kind="mergesort")
    ax = get_ax(ax, width=7.5, height=max(3.0, 0.35 * len(sub) + 1.5))
    y = np.arange(len(sub))[::-1].astype(float)
    obs = sub["observed"].to_numpy(dtype=float)
    if {"observed_ci_low", "observed_ci_high"} <= set(sub.columns):
        err = np.clip([obs - sub["observed_ci_low"].to_numpy(dtype=float),
                       sub["observed_ci_high"].to_numpy(dtype=float) - obs], 0, None)
    else:
        err = None
    ax.errorbar(obs, y + 0.15, xerr=err, fmt="o", color="0.55", ms=4, capsize=2, elinewidth=0.8,
                label="コード化のまま (as coded)")
    corr = sub["corrected"].to_numpy(dtype=float)
    ok = np.isfinite(corr)
    cerr = np.clip([corr[ok] - sub["ci_low"].to_numpy(dtype=float)[ok],
                    sub["ci_high"].to_numpy(dtype=float)[ok] - corr[ok]], 0, None)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in sub["kind"][ok]]
    ax.errorbar(corr[ok], y[ok] - 0.15, xerr=cerr, fmt="none", ecolor="0.2", capsize=2, elinewidth=0.8)
    ax.scatter(corr[ok], y[ok] - 0.15, marker="D", s=22, c=colors, zorder=3)
    ax.set_yticks(y, [label_ja(str(c), codebook) for c in sub["code"]], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("該当事例の割合（95% 区間） / share of cases")
    ax.set_ylabel("コード (code)")
    n = int(sub["n"].max()) if len(sub) else 0
    year = "全年度 (all years)" if label == YEAR_ALL else ("年度不明 (unknown year)" if label == YEAR_UNKNOWN else f"{label}年度")
    ax.set_title(f"コーディングの誤りを補正した出現割合\n{year}、n = {n} 事例", fontsize=10)
    from matplotlib.lines import Line2D

    handles, _ = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], marker="D", linestyle="none", color="0.3", label="誤りを補正 (corrected)"))
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    if sub.empty:
        ax.text(0.5, 0.5, "データなし (no data)", ha="center", va="center", transform=ax.transAxes)
    return ax

"""The intervention × outcome heatmap: :func:`plot_association_heatmap` (counts of cases or
pooled odds ratios of one fiscal year's rows of :func:`futoko_research.analysis.associations`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis import MIN_CASES_FOR_INFERENCE
from futoko_research.plots import get_ax
from futoko_research.plots.analysis_labels import label_ja, order_keys, year_title
from futoko_research.plots.labels import fit_title, fits_titles
from futoko_research.plots.small_n import has_interval, n_cases_of, too_few_cases_note
from futoko_research.vocab import YEAR_ALL


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
    rows = order_keys(sub["intervention"], INTERVENTION_KEYS)
    cols = order_keys(sub["outcome"], OUTCOME_KEYS)
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
    year = "全年度（統合）" if fiscal_year == YEAR_ALL else year_title(fiscal_year)
    fit_title(ax, "\n".join([f"取組 × 成果の{what}：{year}、n = {n_cases} 事例", *notes]), fontsize=10)
    return ax


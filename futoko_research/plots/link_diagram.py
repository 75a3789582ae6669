"""The link diagram: :func:`plot_link_diagram`, attributed links intervention → outcome
(:func:`futoko_research.analysis.links.link_counts`), edge width = number of links."""

from __future__ import annotations

import math

import pandas as pd

from futoko_research.plots import get_ax, setup_japanese_font
from futoko_research.plots.analysis_labels import label_ja, order_keys
from futoko_research.plots.labels import fit_title, fits_titles
from futoko_research.vocab import YEAR_ALL


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
    lefts = order_keys(sub["intervention"], INTERVENTION_KEYS)
    rights = order_keys(sub["outcome"], OUTCOME_KEYS)
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
    # no y label: the code names stand at both ends and the x ticks say which side is which
    # (a rotated 「コード」 read sideways, its ー drawn as a bar)
    year = "全年度" if fiscal_year == YEAR_ALL else f"{fiscal_year}年度"
    fit_title(ax, f"成果文中の取組 → 成果リンク（{year}）" + (f"\n{counted}" if counted else ""), fontsize=11)
    return ax


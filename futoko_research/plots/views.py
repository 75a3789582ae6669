"""Figures of KH Coder's views: correspondence-analysis biplot, dendrogram, MDS map, topic shares.

Each ``plot_*`` takes a result of :mod:`futoko_research.features` (``correspondence_analysis``,
``cluster_terms``, ``mds_terms``, ``topic_shares``), draws on ``ax`` (a new figure when ``None``)
and returns the Axes; labels are placed with :func:`~futoko_research.plots.labels.repel_labels`
so none overlap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.plots import get_ax, setup_japanese_font
from futoko_research.plots.labels import fit_title, fits_titles, repel_labels
from futoko_research.plots.text import PALETTE


@fits_titles
def plot_ca_biplot(ca, *, ax=None, n_rows: int | None = 30, n_cols: int | None = 30, font_size: float = 9.0,
                   title: str | None = "対応分析 (correspondence analysis)"):
    """Symmetric map of a :class:`~futoko_research.features.ca.CAResult`: rows (grey dots,
    e.g. words) and columns (red squares, e.g. municipalities) in principal coordinates on the
    first two dimensions; axis labels give each dimension's share of inertia.

    ``n_rows`` keeps the rows that contribute most to the two dimensions (all when ``None``);
    ``n_cols`` the same for the columns (a corpus of many municipalities would otherwise put a
    thousand labels on the map, and placing them costs time quadratic in their number); the
    title then says how many columns are shown. A one-dimensional solution is drawn on a line
    (dimension 2 = 0).
    """
    setup_japanese_font()
    ax = get_ax(ax, 7.5, 6.5)
    rows, cols = ca.row_coordinates.copy(), ca.column_coordinates.copy()
    for frame in (rows, cols):
        if "dim2" not in frame.columns:
            frame["dim2"] = 0.0
    if n_rows is not None and len(rows) > n_rows:
        ctr = ca.row_contributions.iloc[:, :2].sum(axis=1)
        keep = sorted(ctr.index, key=lambda t: (-ctr[t], str(t)))[:n_rows]
        rows = rows.loc[[t for t in rows.index if t in set(keep)]]
    n_all_cols = len(cols)
    if n_cols is not None and len(cols) > n_cols:
        ctr = ca.column_contributions.iloc[:, :2].sum(axis=1)
        keep = set(sorted(ctr.index, key=lambda t: (-ctr[t], str(t)))[:n_cols])
        cols = cols.loc[[t for t in cols.index if t in keep]]
        if title:
            title = f"{title}\n列は寄与の大きい {len(cols)} / {n_all_cols} / {len(cols)} of {n_all_cols} columns shown"
    ax.axhline(0, color="#cccccc", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#cccccc", linewidth=0.8, zorder=0)
    ax.scatter(rows["dim1"], rows["dim2"], s=14, color="#7f7f7f", zorder=2)
    ax.scatter(cols["dim1"], cols["dim2"], s=40, marker="s", color="#c44e52", zorder=3)
    share = ca.inertia_share
    ax.set_xlabel(f"成分1 (dim 1, {100 * share.iloc[0]:.1f}%)")
    ax.set_ylabel(f"成分2 (dim 2, {100 * share.iloc[1]:.1f}%)" if len(share) > 1 else "成分2 (なし / none)")
    if title:
        fit_title(ax, title)
    ax.margins(0.15)
    xs = np.concatenate([rows["dim1"].to_numpy(), cols["dim1"].to_numpy()])
    ys = np.concatenate([rows["dim2"].to_numpy(), cols["dim2"].to_numpy()])
    labels = [str(t) for t in rows.index] + [str(t) for t in cols.index]
    texts = repel_labels(ax, xs, ys, labels, fontsize=font_size, offset=3.0, point_radius=4.0)
    for t in texts[len(rows):]:
        t.set_color("#c44e52")
    return ax


@fits_titles
def plot_dendrogram(clustering, *, ax=None, font_size: float = 9.0, title: str | None = None):
    """Dendrogram of a :class:`~futoko_research.features.views.Clustering` (leaves on the left,
    one per row, coloured by the cut at ``clusters``); height = merge distance (1 − Jaccard)."""
    from scipy.cluster.hierarchy import dendrogram

    setup_japanese_font()
    n = len(clustering.labels)
    ax = get_ax(ax, 6.0, max(3.0, 0.22 * n + 1.0))
    z = clustering.linkage
    k = int(clustering.clusters["cluster"].max())
    threshold = z[-(k - 1), 2] if 1 < k <= len(z) else 0
    dendrogram(z, labels=clustering.labels, orientation="left", ax=ax, color_threshold=threshold,
               above_threshold_color="#888888", leaf_font_size=font_size)
    ax.set_xlabel({"ward": "Ward の距離 (Ward distance)"}.get(clustering.method, "距離 1 − Jaccard (distance)"))
    fit_title(ax, title or f"階層的クラスター分析 ({clustering.method})")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


@fits_titles
def plot_mds(mds: pd.DataFrame, *, clusters: pd.DataFrame | None = None, ax=None, font_size: float = 9.0,
             title: str | None = "多次元尺度構成法 (metric MDS)"):
    """Map of :func:`~futoko_research.features.mds_terms`: close words co-occur often. Points
    are coloured by ``clusters`` (term, cluster) when given; the title gives the stress."""
    setup_japanese_font()
    ax = get_ax(ax, 7.0, 6.0)
    cl = dict(zip(clusters["term"].astype(str), clusters["cluster"].astype(int), strict=True)) if clusters is not None else {}
    colors = [PALETTE[(cl.get(str(t), 1) - 1) % len(PALETTE)] for t in mds["term"]]
    ax.scatter(mds["dim1"], mds["dim2"], s=60, c=colors, edgecolors="#555555", linewidths=0.5, zorder=2)
    stress = mds.attrs.get("stress")
    fit_title(ax, f"{title} stress = {stress:.3f}" if title and stress is not None else title)
    ax.set_xlabel("次元1 (dim 1)")
    ax.set_ylabel("次元2 (dim 2)")
    ax.margins(0.15)
    repel_labels(ax, mds["dim1"].to_numpy(), mds["dim2"].to_numpy(), mds["term"].astype(str).tolist(),
                 fontsize=font_size, offset=4.0, point_radius=5.0)
    return ax


@fits_titles
def plot_topic_shares(shares: pd.DataFrame, terms: pd.DataFrame, *, by: str, ax=None, n_terms: int = 3,
                      title: str | None = "トピックの構成比 (topic shares)"):
    """Stacked bars of :func:`~futoko_research.features.topic_shares` per group ``by``; the
    legend names each topic by its top ``n_terms`` words (from the model's ``terms``)."""
    setup_japanese_font()
    wide = shares.pivot_table(index=by, columns="topic", values="share", aggfunc="sum", observed=True).fillna(0.0)
    ax = get_ax(ax, 7.5, max(2.5, 0.5 * len(wide) + 1.8))
    names = {int(k): "・".join(terms[terms["topic"] == k].sort_values("rank")["term"].astype(str).head(n_terms))
             for k in wide.columns}
    left = np.zeros(len(wide))
    y = np.arange(len(wide))[::-1]
    for i, k in enumerate(wide.columns):
        vals = wide[k].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, color=PALETTE[i % len(PALETTE)], edgecolor="white",
                label=f"T{int(k)}: {names[int(k)]}")
        left += vals
    ax.set_yticks(y, [str(v) for v in wide.index])
    ax.set_xlim(0, 1)
    ax.set_xlabel("平均トピック構成比 (mean share of the statements)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    if title:
        fit_title(ax, title)
    return ax

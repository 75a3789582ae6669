"""Figures of the coding: code frequency, co-occurrence heatmap and co-occurrence network.

Each ``plot_*`` takes a table from :mod:`futoko_research.coding.summaries`, draws on ``ax``
(a new figure when None) and returns the Axes; nothing is shown or saved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.plots import get_ax
from futoko_research.plots.labels import fit_title, fits_titles

CATEGORY_COLORS = {"intervention": "#4c72b0", "outcome": "#c44e52", "other": "#8c8c8c"}


def _labels(keys: list[str], codebook=None) -> list[str]:
    if codebook is None:
        return keys
    return [f"{codebook[k].label_ja}" if k in codebook else k for k in keys]


@fits_titles
def plot_code_frequency(freq: pd.DataFrame, *, ax=None, group: str | None = None, codebook=None):
    """Horizontal bars: % of cases carrying each code (one group of :func:`code_frequencies`).

    Parameters
    ----------
    freq : table of :func:`~futoko_research.coding.summaries.code_frequencies`.
    group : which group to draw (default: all groups pooled; % of all cases).
    codebook : optional, for Japanese labels.
    """
    if freq.empty:
        raise ValueError("frequency table is empty")
    df = freq if group is None else freq[freq["group"] == group]
    if df.empty:
        raise ValueError(f"no rows for group {group!r}")
    agg = df.groupby("code", sort=False).agg(n_cases=("n_cases", "sum"), total=("n_cases_total", "sum"),
                                             category=("category", "first"))
    pct = np.where(agg["total"] > 0, 100.0 * agg["n_cases"].astype(float) / agg["total"].astype(float).clip(lower=1), 0.0)
    keys = [str(k) for k in agg.index]
    ax = get_ax(ax, width=7.0, height=0.35 * len(keys) + 1.5)
    colors = [CATEGORY_COLORS.get(str(c), "#8c8c8c") for c in agg["category"]]
    y = np.arange(len(keys))
    ax.barh(y, pct, color=colors)
    ax.set_yticks(y)
    ax.set_yticklabels(_labels(keys, codebook), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("コードを含む事例の割合 (% of cases)")
    ax.set_ylabel("コード (code)")
    title = "コード別の出現率 / Code frequency" + (f"（{group}）" if group else "")
    fit_title(ax, title)
    ax.set_xlim(0, 100)
    ax.grid(axis="x", alpha=0.3)
    return ax


@fits_titles
def plot_cooccurrence_heatmap(cooc: pd.DataFrame, *, ax=None, value: str = "jaccard", codebook=None):
    """Heatmap of code co-occurrence (Jaccard or counts) from :func:`futoko_research.coding.code_cooccurrence`."""
    from futoko_research.coding.code_pairs import cooccurrence_matrix

    if cooc.empty:
        raise ValueError("co-occurrence table is empty")
    mat = cooccurrence_matrix(cooc, value=value)
    keys = list(mat.index)
    ax = get_ax(ax, width=0.45 * len(keys) + 3, height=0.45 * len(keys) + 2)
    data = mat.to_numpy(dtype=float).copy()
    np.fill_diagonal(data, np.nan)
    im = ax.imshow(data, cmap="Blues", aspect="auto", vmin=0, vmax=np.nanmax(data) if np.isfinite(np.nanmax(data)) and np.nanmax(data) > 0 else 1)
    labels = _labels(keys, codebook)
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels(labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xlabel("コード (code)")
    ax.set_ylabel("コード (code)")
    what = "Jaccard係数" if value == "jaccard" else "共起数 (count)"
    fit_title(ax, f"コードの共起 / Code co-occurrence ({what})")
    ax.figure.colorbar(im, ax=ax, shrink=0.7, label=what)
    return ax


@fits_titles
def plot_code_network(cooc: pd.DataFrame, *, ax=None, min_jaccard: float = 0.1, top_n: int | None = 60,
                      codebook=None, seed: int = 0):
    """Co-occurrence network (KH Coder style): codes as nodes sized by frequency, edges by Jaccard.

    Edges with Jaccard ≥ ``min_jaccard`` (at most ``top_n`` strongest) are drawn; the layout
    is networkx's spring layout with a fixed ``seed`` (deterministic).
    """
    import networkx as nx

    if cooc.empty:
        raise ValueError("co-occurrence table is empty")
    edges = cooc[(cooc["jaccard"] >= min_jaccard) & (cooc["n_both"] > 0)].sort_values(
        ["jaccard", "code_a", "code_b"], ascending=[False, True, True])
    if top_n is not None:
        edges = edges.head(top_n)
    size = {}
    for r in cooc.itertuples(index=False):
        size[str(r.code_a)] = int(r.n_a)
        size[str(r.code_b)] = int(r.n_b)
    graph = nx.Graph()
    for k in size:
        if size[k] > 0:
            graph.add_node(k)
    for r in edges.itertuples(index=False):
        graph.add_edge(str(r.code_a), str(r.code_b), weight=float(r.jaccard))
    ax = get_ax(ax, width=8.0, height=6.5)
    fit_title(ax, "コードの共起ネットワーク / Code co-occurrence network")
    ax.set_xlabel(f"辺: Jaccard ≥ {min_jaccard:g} (edges)")
    ax.set_ylabel("ノードの大きさ: 出現数 (node size: frequency)")
    ax.set_xticks([])
    ax.set_yticks([])
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "コードなし (no codes)", ha="center", va="center", transform=ax.transAxes)
        return ax
    pos = nx.spring_layout(graph, seed=seed, weight="weight")
    nodes = sorted(graph.nodes)
    sizes = [200 + 60 * np.sqrt(size[n]) * 10 for n in nodes]
    category = {}
    if codebook is not None:
        category = {k: codebook[k].category for k in nodes if k in codebook}
    colors = [CATEGORY_COLORS.get(category.get(n, "other"), "#8c8c8c") for n in nodes]
    widths = [0.5 + 5 * graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.7)
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_size=sizes, node_color=colors, alpha=0.85)
    labels = dict(zip(nodes, _labels(nodes, codebook)))
    for n, (x, y) in pos.items():
        ax.text(x, y, labels[n], fontsize=7, ha="center", va="center")
    ax.margins(0.15)
    return ax

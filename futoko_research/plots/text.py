"""Figures of the text features: co-occurrence network, word frequencies, keyness.

Each ``plot_*`` takes the table an analysis in :mod:`futoko_research.features` returns, draws
on ``ax`` (a new figure when ``None``) and returns the Axes; it never shows or saves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.plots import get_ax, setup_japanese_font
from futoko_research.plots.labels import fit_title, fits_titles


def cooccurrence_graph(edges: pd.DataFrame):
    """A networkx Graph from a :func:`~futoko_research.features.cooccurrence` edge table.

    Nodes carry ``n`` (contexts containing the term); edges carry ``jaccard`` and ``n_ab``.
    Nodes and edges are added in sorted order so layouts are reproducible.
    """
    import networkx as nx

    g = nx.Graph()
    nodes: dict[str, int] = {}
    for a, b, na, nb in edges[["term_a", "term_b", "n_a", "n_b"]].itertuples(index=False):
        nodes[str(a)] = int(na)
        nodes[str(b)] = int(nb)
    for term in sorted(nodes):
        g.add_node(term, n=nodes[term])
    for row in edges.sort_values(["term_a", "term_b"]).itertuples(index=False):
        g.add_edge(str(row.term_a), str(row.term_b), jaccard=float(row.jaccard), n_ab=int(row.n_ab))
    return g


def component_layout(g, *, seed: int = 42) -> dict:
    """Node positions: each connected component laid out on its own, components packed in rows.

    A single spring layout packs many small components (typical of KH Coder-style networks with a
    minimum frequency) on top of each other; laying out components separately keeps labels apart.
    Components are ordered by size (largest first), then by their first term, so the same edge
    table always gives the same picture.
    """
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    # shelf packing: a component of n nodes gets a square cell of side ∝ √n (big ones get room)
    sides = [0.9 * np.sqrt(max(len(c), 2)) for c in comps]
    width = max(max(sides), 1.15 * np.sqrt(sum(s * s for s in sides)))
    pos: dict = {}
    x = y = row_h = 0.0
    for comp, side in zip(comps, sides, strict=True):
        if x > 0 and x + side > width + 1e-9:
            x, y, row_h = 0.0, y - row_h, 0.0
        sub = g.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: np.zeros(2)}
        else:
            local = nx.kamada_kawai_layout(sub, weight=None) if len(comp) <= 30 else nx.spring_layout(
                sub, seed=seed, weight="jaccard")
        pts = np.array([local[t] for t in comp], dtype=float)
        pts -= pts.mean(axis=0)
        span = np.abs(pts).max() or 1.0
        centre = np.array([x + side / 2, y - side / 2])
        for t, p in zip(comp, pts, strict=True):
            pos[t] = centre + p / span * side * 0.3
        x += side
        row_h = max(row_h, side)
    return pos


PALETTE = ["#9ecae1", "#fdae6b", "#a1d99b", "#bcbddc", "#fc9272", "#fdd0a2", "#c7e9c0", "#dadaeb",
           "#d9d9d9", "#f2b6d2"]


@fits_titles
def plot_cooccurrence_network(
    edges,
    *,
    ax=None,
    seed: int = 42,
    communities: bool = True,
    font_size: float = 10.0,
    coefficient: str = "jaccard",
    title: str | None = "共起ネットワーク (co-occurrence network)",
):
    """Draw a co-occurrence network as KH Coder does: node size by frequency, edge width by the
    coefficient, colours by modularity community, labels moved apart so none overlap.

    Parameters
    ----------
    edges : output of :func:`futoko_research.features.cooccurrence` /
        :func:`~futoko_research.features.mixed_cooccurrence`, or a graph from
        :func:`futoko_research.features.cooccurrence_network`.
    ax : Axes to draw on (a new figure when ``None``).
    seed : seed of the spring layout (fixed: the same table gives the same figure).
    communities : colour nodes by modularity community (the graph's ``community`` attribute).
    font_size : label size.
    coefficient : the edge coefficient drawn as width (tables only; a graph uses ``weight``).
    title : Axes title (``None`` for none).

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Code nodes (``kind == "code"``, mixed networks) are squares, words circles.
    """
    import networkx as nx

    from futoko_research.features.network import cooccurrence_network
    from futoko_research.plots.labels import repel_labels

    setup_japanese_font()
    ax = get_ax(ax, 9.0, 7.5)
    ax.set_axis_off()
    if title:
        fit_title(ax, title)
    if isinstance(edges, pd.DataFrame):
        if edges.empty:
            ax.text(0.5, 0.5, "共起なし (no co-occurrence)", ha="center", va="center", transform=ax.transAxes)
            return ax
        g = cooccurrence_network(edges, coefficient=coefficient, seed=seed)
    else:
        g = edges.copy()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "共起なし (no co-occurrence)", ha="center", va="center", transform=ax.transAxes)
        return ax
    for _, _, d in g.edges(data=True):  # the layout helper reads the weight as "jaccard"
        d.setdefault("jaccard", d.get("weight", 1.0))
    pos = component_layout(g, seed=seed)
    nodelist = sorted(g.nodes)
    comm = {t: int(g.nodes[t].get("community", 1)) for t in nodelist}
    colors = [PALETTE[(comm[t] - 1) % len(PALETTE)] if communities else PALETTE[0] for t in nodelist]
    sizes = np.array([g.nodes[t]["n"] for t in nodelist], dtype=float)
    node_size = 250 + 1000 * (sizes - sizes.min()) / (np.ptp(sizes) or 1.0)
    edgelist = sorted(g.edges)
    widths = [0.5 + 4.0 * g.edges[e].get("weight", g.edges[e].get("jaccard", 0.0)) for e in edgelist]
    nx.draw_networkx_edges(g, pos, edgelist=edgelist, width=widths, edge_color="#888888", alpha=0.7, ax=ax)
    for shape in ("o", "s"):
        idx = [i for i, t in enumerate(nodelist) if (g.nodes[t].get("kind") == "code") == (shape == "s")]
        if idx:
            nx.draw_networkx_nodes(g, pos, nodelist=[nodelist[i] for i in idx], node_size=node_size[idx],
                                   node_color=[colors[i] for i in idx], node_shape=shape, edgecolors="#555555",
                                   linewidths=0.5, ax=ax)
    ax.margins(0.12)
    xy = np.array([pos[t] for t in nodelist])
    repel_labels(ax, xy[:, 0], xy[:, 1], nodelist, fontsize=font_size)
    return ax


@fits_titles
def plot_word_frequency(freq: pd.DataFrame, *, top_n: int = 20, ax=None, value: str = "n",
                        title: str | None = "頻出語 (word frequency)"):
    """Horizontal bars of the ``top_n`` terms of a :func:`~futoko_research.features.word_frequency`
    table (one group: filter first). Returns the Axes."""
    setup_japanese_font()
    ax = get_ax(ax, 6.0, max(2.5, 0.28 * min(top_n, len(freq)) + 1))
    top = freq.sort_values([value, "term"], ascending=[False, True], kind="mergesort").head(top_n)
    y = np.arange(len(top))[::-1]
    ax.barh(y, top[value].astype(float), color="#4c72b0")
    ax.set_yticks(y, top["term"].astype(str))
    ax.set_xlabel({"n": "出現回数 (occurrences)", "doc_freq": "文書数 (statements)"}.get(value, value))
    ax.set_ylabel("語 (term)")
    if title:
        fit_title(ax, title)
    return ax


@fits_titles
def plot_keyness(key: pd.DataFrame, *, top_n: int = 15, ax=None,
                 title: str | None = "特徴語 (keyness, signed G²)"):
    """Bars of signed G² for the ``top_n`` most positive and most negative terms of a
    :func:`~futoko_research.features.keyness` table. Returns the Axes."""
    setup_japanese_font()
    pos = key[key["g2"] > 0].head(top_n)
    neg = key[key["g2"] < 0].tail(top_n)
    both = pd.concat([pos, neg])
    ax = get_ax(ax, 6.0, max(2.5, 0.28 * len(both) + 1))
    y = np.arange(len(both))[::-1]
    ax.barh(y, both["g2"].astype(float), color=np.where(both["g2"] > 0, "#c44e52", "#4c72b0"))
    ax.set_yticks(y, both["term"].astype(str))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("G² (正 = 対象群で多い / positive = more in target)")
    ax.set_ylabel("語 (term)")
    if title:
        fit_title(ax, title)
    return ax

"""The co-occurrence network as a graph: weights, modularity communities, export-ready attributes."""

from __future__ import annotations

import pandas as pd


def cooccurrence_network(edges: pd.DataFrame, *, coefficient: str = "jaccard", seed: int = 0,
                         method: str = "greedy"):
    """A networkx Graph of an edge table from :func:`~futoko_research.features.cooccurrence`
    (or :func:`~futoko_research.features.mixed_cooccurrence`), with communities.

    Parameters
    ----------
    edges : the edge table (``term_a``, ``term_b``, ``n_a``, ``n_b``, ``n_ab`` and coefficient
        columns; ``kind_a`` / ``kind_b`` optional).
    coefficient : the column that becomes the edge attribute ``weight``.
    seed : seed of the Louvain method (unused by ``greedy``, which is deterministic).
    method : ``greedy`` (Clauset–Newman–Moore greedy modularity, default) or ``louvain``.

    Returns
    -------
    networkx.Graph
        Graph attributes ``coefficient``, ``community_method``, ``modularity``; node attributes
        ``n`` (int, contexts containing the term), ``kind`` (``word`` | ``code``), ``community``
        (int, 1 = largest); edge attributes ``weight`` (float, the coefficient), ``n_ab`` (int)
        and every coefficient column present (float). Nodes and edges are added in sorted order
        and communities are numbered by size then first term, so the same table gives the same
        graph, file and picture.

    Notes
    -----
    Communities maximise Newman's modularity Q = (1/2m) Σ_ij [A_ij − k_i k_j / 2m] δ(c_i, c_j)
    on the weighted graph (weights = the coefficient).

    References
    ----------
    Clauset, A., Newman, M. E. J., & Moore, C. (2004). Finding community structure in very large
    networks. *Physical Review E*, 70, 066111.
    Blondel, V. D., et al. (2008). Fast unfolding of communities in large networks. *J. Stat. Mech.*, P10008.
    """
    import networkx as nx
    from networkx.algorithms import community as nxc

    if coefficient not in edges.columns:
        raise ValueError(f"edge table has no column {coefficient!r}")
    if method not in ("greedy", "louvain"):
        raise ValueError(f"method must be 'greedy' or 'louvain', not {method!r}")
    coef_cols = [c for c in ("jaccard", "dice", "simpson", "cosine") if c in edges.columns]
    nodes: dict[str, tuple[int, str]] = {}
    has_kind = "kind_a" in edges.columns
    for row in edges.itertuples(index=False):
        nodes[str(row.term_a)] = (int(row.n_a), str(row.kind_a) if has_kind else "word")
        nodes[str(row.term_b)] = (int(row.n_b), str(row.kind_b) if has_kind else "word")
    g = nx.Graph(coefficient=coefficient, community_method=method)
    for term in sorted(nodes):
        g.add_node(term, n=nodes[term][0], kind=nodes[term][1])
    for row in edges.sort_values(["term_a", "term_b"], kind="mergesort").itertuples(index=False):
        attrs = {"weight": float(getattr(row, coefficient)), "n_ab": int(row.n_ab)}
        attrs.update({c: float(getattr(row, c)) for c in coef_cols})
        g.add_edge(str(row.term_a), str(row.term_b), **attrs)
    if g.number_of_edges():
        found = (nxc.greedy_modularity_communities(g, weight="weight") if method == "greedy"
                 else nxc.louvain_communities(g, weight="weight", seed=seed))
        comms = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
        g.graph["modularity"] = float(nxc.modularity(g, comms, weight="weight"))
    else:
        comms = [[t] for t in sorted(g.nodes)]
        g.graph["modularity"] = 0.0
    for i, comm in enumerate(comms, start=1):
        for t in comm:
            g.nodes[t]["community"] = i
    return g


def network_nodes(g) -> pd.DataFrame:
    """The nodes of :func:`cooccurrence_network` as a tidy table: ``term``, ``kind`` (string),
    ``n``, ``community``, ``degree`` (Int64), ``strength`` (float64, sum of weights); sorted by
    community then term."""
    rows = [(t, d["kind"], d["n"], d["community"], g.degree(t), float(g.degree(t, weight="weight")))
            for t, d in g.nodes(data=True)]
    out = pd.DataFrame(rows, columns=["term", "kind", "n", "community", "degree", "strength"])
    out = out.astype({"term": "string", "kind": "string", "n": "Int64", "community": "Int64", "degree": "Int64",
                      "strength": "float64"})
    return out.sort_values(["community", "term"], kind="mergesort").reset_index(drop=True)

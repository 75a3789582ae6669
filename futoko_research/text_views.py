"""Notebook steps for KH Coder's views: compute one view, write its tables (CSV with BOM +
parquet, GraphML for networks) and its figure, and return the figure to show.

Each function is one notebook cell of notebooks 02 (words) and 03 (codes). When the year has too
little data for a view, it writes nothing and returns a one-line note instead of raising.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from futoko_research.features import (
    cluster_terms,
    cooccurrence_network,
    correspondence_analysis,
    matrix_long,
    mds_terms,
    network_nodes,
    topic_model,
    topic_shares,
)
from futoko_research.reporting import note, save_fig, save_graphml, save_matrix


def _skip(view: str, why: str):
    return note(f"*{view}: 省略 (skipped) — {why}*")


def network_view(edges: pd.DataFrame, output_dir: str | Path, name: str, *, coefficient: str = "jaccard",
                 seed: int = 0, title: str | None = None):
    """Co-occurrence network of an edge table: ``tables/<name>.graphml`` (edge ``weight`` = the
    coefficient), ``tables/<name>_nodes.csv|parquet`` (term, kind, n, community, degree,
    strength), ``tables/<name>_edges.parquet``, and ``figures/<name>.png|svg``."""
    from futoko_research.plots.text import plot_cooccurrence_network

    if edges.empty:
        return _skip("共起ネットワーク", "no pair of terms co-occurs in this year's statements")
    g = cooccurrence_network(edges, coefficient=coefficient, seed=seed)
    save_graphml(g, output_dir, name)
    save_matrix(network_nodes(g), output_dir, f"{name}_nodes")
    save_matrix(edges, output_dir, f"{name}_edges")
    title = title or f"共起ネットワーク ({coefficient}; modularity Q = {g.graph['modularity']:.2f})"
    return save_fig(plot_cooccurrence_network(g, seed=seed, title=title), output_dir, name)


def ca_view(table: pd.DataFrame, output_dir: str | Path, name: str, *, n_rows: int | None = 30,
            title: str | None = None):
    """Correspondence analysis of a contingency table: ``tables/<name>.csv|parquet`` (tidy
    coordinates, contributions, inertias), ``tables/<name>_table.csv|parquet`` (the table, long)
    and the biplot ``figures/<name>.png|svg``."""
    from futoko_research.plots.views import plot_ca_biplot

    nonzero = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0] if table.size else table
    if nonzero.shape[0] < 3 or nonzero.shape[1] < 2:
        return _skip("対応分析", f"needs ≥ 3 rows and ≥ 2 groups with counts, this year has {nonzero.shape}")
    ca = correspondence_analysis(nonzero)
    save_matrix(ca.tidy(n_dims=len(ca.eigenvalues)), output_dir, name)
    save_matrix(matrix_long(nonzero, value="count", row=nonzero.index.name or "row",
                            column=nonzero.columns.name or "column"), output_dir, f"{name}_table")
    title = title or f"対応分析 (correspondence analysis; total inertia = {ca.total_inertia:.3f})"
    return save_fig(plot_ca_biplot(ca, n_rows=n_rows, title=title), output_dir, name)


def cluster_view(similarity: pd.DataFrame, output_dir: str | Path, name: str, *, method: str = "ward",
                 n_clusters: int = 5, write_matrix: bool = True):
    """Hierarchical clustering (``method``) of a similarity matrix: ``tables/<name>_<method>.csv|parquet``
    (term, cluster), the similarity matrix as ``tables/<name>_similarity.csv|parquet`` (long) and
    the dendrogram ``figures/<name>_<method>.png|svg``."""
    from futoko_research.plots.views import plot_dendrogram

    if len(similarity) < 3:
        return _skip("クラスター分析", f"needs ≥ 3 items, this year has {len(similarity)}")
    if write_matrix:
        save_matrix(matrix_long(similarity, value="similarity", row="term_a", column="term_b"), output_dir,
                    f"{name}_similarity")
    cl = cluster_terms(similarity, method=method, n_clusters=n_clusters)
    save_matrix(cl.clusters, output_dir, f"{name}_{method}")
    return save_fig(plot_dendrogram(cl), output_dir, f"{name}_{method}")


def mds_view(similarity: pd.DataFrame, output_dir: str | Path, name: str, *, seed: int = 0, n_clusters: int = 5):
    """Metric MDS of a similarity matrix (points coloured by Ward clusters):
    ``tables/<name>.csv|parquet`` (term, dim1, dim2, cluster) and ``figures/<name>.png|svg``."""
    from futoko_research.plots.views import plot_mds

    if len(similarity) < 4:
        return _skip("多次元尺度構成法", f"needs ≥ 4 items, this year has {len(similarity)}")
    mds = mds_terms(similarity, seed=seed)
    cl = cluster_terms(similarity, method="ward", n_clusters=n_clusters).clusters
    out = mds.merge(cl, on="term", how="left")
    out.attrs = dict(mds.attrs)
    save_matrix(out, output_dir, name)
    return save_fig(plot_mds(mds, clusters=cl), output_dir, name)


def topic_view(tokens: pd.DataFrame, statements: pd.DataFrame, cases: pd.DataFrame, output_dir: str | Path,
               name: str, *, n_topics: int = 4, seed: int = 0, by: str = "municipality"):
    """NMF topics: ``tables/<name>_terms.csv|parquet`` (top words per topic),
    ``tables/<name>_shares.csv|parquet`` (mean share per fiscal_year × municipality) and the
    bars ``figures/<name>.png|svg`` (shares per ``by``)."""
    from futoko_research.plots.views import plot_topic_shares

    try:
        model = topic_model(tokens, n_topics=n_topics, seed=seed)
    except ValueError as exc:
        return _skip("トピック", str(exc))
    save_matrix(model.terms, output_dir, f"{name}_terms")
    save_matrix(topic_shares(model, ["fiscal_year", "municipality"], statements=statements, cases=cases),
                output_dir, f"{name}_shares")
    shares = topic_shares(model, by, statements=statements, cases=cases)
    return save_fig(plot_topic_shares(shares, model.terms, by=by), output_dir, name)

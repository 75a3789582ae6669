"""Matrices for KH Coder's views: term × group contingency tables (for correspondence analysis),
term × term similarity, hierarchical clustering and metric MDS of words or codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from futoko_research.features.cooccurrence import COEFFICIENTS, presence
from futoko_research.features.frequency import as_list, attach_groups, select_tokens
from futoko_research.features.stopwords import drop_stopwords
from futoko_research.vocab import SECTION_LABELS_JA


def _group_labels(values: pd.Series, by: str) -> pd.Series:
    """Group values as display labels (sections by their Japanese label: 成果, 取組 …); missing → ``"(不明)"``."""
    out = values.astype("string").fillna("(不明)").astype(str)
    return out.map(lambda v: SECTION_LABELS_JA.get(v, v).split(" (")[0]) if by == "section" else out


def contingency_table(
    tokens: pd.DataFrame, by: str, *, statements: pd.DataFrame | None = None, cases: pd.DataFrame | None = None,
    unit: str = "term", top_n: int = 40, min_count: int = 2, stopwords=True,
) -> pd.DataFrame:
    """Counts of the ``top_n`` most frequent terms per group: a terms × groups table for
    :func:`~futoko_research.features.correspondence_analysis`.

    Parameters
    ----------
    tokens : the ``tokens`` table; by : one grouping column (``municipality``, ``fiscal_year``,
        ``section``) found in tokens, ``statements`` or ``cases``.
    top_n : terms kept (by total count, ties by term); min_count : a term needs at least this
        many occurrences overall. stopwords : as in :func:`~futoko_research.features.cooccurrence`.

    Returns
    -------
    DataFrame
        Index ``term`` (sorted by descending total, then term), one int64 column per group
        (sorted labels; sections by their Japanese label); missing group values become ``"(不明)"``.
    """
    toks = attach_groups(tokens, as_list(by), statements=statements, cases=cases)
    toks = drop_stopwords(select_tokens(toks, unit, True).dropna(subset=[unit]), unit, stopwords)
    frame = pd.DataFrame({"term": toks[unit].astype(str).to_numpy(),
                          "group": _group_labels(toks[by], by).to_numpy()})
    table = pd.crosstab(frame["term"], frame["group"]) if len(frame) else pd.DataFrame()
    if table.empty:
        return pd.DataFrame(index=pd.Index([], name="term", dtype="string"))
    totals = table.sum(axis=1)
    order = sorted(totals[totals >= min_count].index, key=lambda t: (-totals[t], t))[:top_n]
    out = table.loc[order, sorted(table.columns)].astype("int64")
    out.index.name, out.columns.name = "term", by
    return out


def code_table(codes: pd.DataFrame, by: str, *, statements: pd.DataFrame | None = None,
               cases: pd.DataFrame | None = None, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Statements carrying each code per group: a codes × groups table (index: label or key)."""
    rows = attach_groups(codes[["statement_id", "case_id", "code"] + ([by] if by in codes.columns else [])]
                         .drop_duplicates(["statement_id", "code"]), [by], statements=statements, cases=cases)
    labels = labels or {}
    names = [labels.get(str(c), str(c)) for c in rows["code"]]
    table = pd.crosstab(pd.Series(names, name="code"), _group_labels(rows[by], by).to_numpy())
    table.columns.name = by
    return table.loc[sorted(table.index), sorted(table.columns)].astype("int64")


def code_presence(codes: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Presence table of codes over statements (``doc``, ``term``) for :func:`similarity_matrix`."""
    labels = labels or {}
    return pd.DataFrame({"doc": codes["statement_id"].astype(str).to_numpy(),
                         "term": [labels.get(str(c), str(c)) for c in codes["code"]]}).drop_duplicates()


def similarity_matrix(pairs: pd.DataFrame, *, top_n: int = 40, min_freq: int = 2,
                      coefficient: str = "jaccard") -> pd.DataFrame:
    """Square similarity matrix of the ``top_n`` terms of a presence table (``doc``, ``term``).

    Terms are chosen by document frequency (ties by term), at least ``min_freq`` documents.
    ``coefficient`` is one of ``jaccard`` (default), ``dice``, ``simpson``, ``cosine``; the
    diagonal is 1. Index and columns are the terms in that order.
    """
    if coefficient not in COEFFICIENTS:
        raise ValueError(f"coefficient must be one of {', '.join(COEFFICIENTS)}, not {coefficient!r}")
    df = pairs.groupby("term")["doc"].nunique()
    terms = sorted(df[df >= min_freq].index, key=lambda t: (-df[t], t))[:top_n]
    sub = pairs[pairs["term"].isin(terms)]
    x = pd.crosstab(sub["doc"], sub["term"]).reindex(columns=terms, fill_value=0).clip(upper=1).to_numpy(float)
    both = x.T @ x
    n = np.diag(both)
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = {"jaccard": both / (n[:, None] + n[None, :] - both), "dice": 2 * both / (n[:, None] + n[None, :]),
               "simpson": both / np.minimum(n[:, None], n[None, :]), "cosine": both / np.sqrt(np.outer(n, n))}[coefficient]
    sim = np.nan_to_num(sim)
    np.fill_diagonal(sim, 1.0)
    return pd.DataFrame(sim, index=pd.Index(terms, name="term"), columns=terms)


def term_similarity(tokens: pd.DataFrame, *, top_n: int = 40, min_freq: int = 2, coefficient: str = "jaccard",
                    unit: str = "term", stopwords=True) -> pd.DataFrame:
    """:func:`similarity_matrix` of the words of ``tokens`` over statements (content words, stop
    words dropped as in :func:`~futoko_research.features.cooccurrence`)."""
    return similarity_matrix(presence(tokens, unit=unit, stopwords=stopwords), top_n=top_n, min_freq=min_freq,
                             coefficient=coefficient)


@dataclass(frozen=True)
class Clustering:
    """Hierarchical clustering of terms: ``linkage`` (scipy's (n−1) × 4 matrix), ``labels``
    (terms in matrix order), ``method``, and ``clusters`` (term, cluster) at ``n_clusters``."""

    linkage: np.ndarray
    labels: list[str]
    method: str
    clusters: pd.DataFrame


def cluster_terms(similarity: pd.DataFrame, *, method: str = "ward", n_clusters: int = 5) -> Clustering:
    """Hierarchical clustering of a similarity matrix on distance 1 − similarity (KH Coder's
    階層的クラスター分析 with the Jaccard distance).

    Parameters
    ----------
    similarity : square matrix from :func:`term_similarity` / :func:`similarity_matrix`.
    method : ``ward`` (default, as KH Coder) or ``average`` (UPGMA); any scipy linkage method.
    n_clusters : where the tree is cut for the ``clusters`` table (``fcluster`` maxclust).

    Notes
    -----
    Ward's criterion assumes Euclidean distances; 1 − Jaccard is a metric but not Euclidean, so
    Ward's heights are a heuristic here (as in KH Coder, which also offers average linkage).

    References
    ----------
    Ward, J. H. (1963). Hierarchical grouping to optimize an objective function. *JASA*, 58, 236–244.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    labels = [str(t) for t in similarity.index]
    if len(labels) < 3:
        raise ValueError(f"cluster_terms needs at least 3 terms, got {len(labels)}")
    dist = 1.0 - similarity.to_numpy(dtype=float)
    dist = np.clip((dist + dist.T) / 2, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method=method)
    cut = fcluster(z, t=min(n_clusters, len(labels)), criterion="maxclust")
    clusters = pd.DataFrame({"term": pd.array(labels, dtype="string"), "cluster": pd.array(cut, dtype="Int64")})
    return Clustering(linkage=z, labels=labels, method=method,
                      clusters=clusters.sort_values(["cluster", "term"], kind="mergesort").reset_index(drop=True))


def mds_terms(similarity: pd.DataFrame, *, seed: int = 0, n_components: int = 2, n_init: int = 4) -> pd.DataFrame:
    """Metric multidimensional scaling of terms on distance 1 − similarity (scikit-learn SMACOF).

    Returns
    -------
    DataFrame
        ``term`` (string), ``dim1`` … (float64), sorted as the matrix; ``attrs["stress"]`` holds
        Kruskal's normalised stress-1 (0 = perfect fit). ``seed`` fixes the random starts.
    """
    from sklearn.manifold import MDS

    labels = [str(t) for t in similarity.index]
    if len(labels) < n_components + 1:
        raise ValueError(f"mds_terms needs at least {n_components + 1} terms, got {len(labels)}")
    dist = 1.0 - similarity.to_numpy(dtype=float)
    dist = np.clip((dist + dist.T) / 2, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    mds = MDS(n_components=n_components, metric_mds=True, metric="precomputed", random_state=seed, n_init=n_init,
              init="random", normalized_stress=True)
    xy = mds.fit_transform(dist)
    out = pd.DataFrame(xy, columns=[f"dim{i}" for i in range(1, n_components + 1)])
    out.insert(0, "term", pd.array(labels, dtype="string"))
    out.attrs["stress"] = float(mds.stress_)
    return out


def matrix_long(matrix: pd.DataFrame, *, value: str = "value", row: str = "row", column: str = "column") -> pd.DataFrame:
    """A matrix as a tidy long table (``row``, ``column`` as string, ``value`` float64), sorted by
    row then column order — the CSV / parquet export of every matrix of this module."""
    out = matrix.copy()
    out.index = out.index.astype(str)
    out.columns = out.columns.astype(str)
    long = out.rename_axis(index=row, columns=column).stack().rename(value).reset_index()
    return long.astype({row: "string", column: "string", value: "float64"})


__all__: Sequence[str] = ["Clustering", "cluster_terms", "code_presence", "code_table", "contingency_table",
                          "matrix_long", "mds_terms", "similarity_matrix", "term_similarity"]

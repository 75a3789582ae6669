"""Topics of the statements: non-negative matrix factorisation (scikit-learn) on lexical tokens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from futoko_research.features.cooccurrence import presence
from futoko_research.features.frequency import as_list, attach_groups, select_tokens
from futoko_research.features.stopwords import drop_stopwords


@dataclass(frozen=True)
class TopicModel:
    """Result of :func:`topic_model`.

    Attributes
    ----------
    terms : DataFrame — ``topic`` (Int64, 1…k), ``term`` (string), ``weight`` (float64, share of
        the topic's weight), ``rank`` (Int64); the ``top_n`` terms of each topic.
    documents : DataFrame — ``statement_id`` (string), ``topic`` (Int64), ``share`` (float64,
        the statement's normalised topic weights; rows of a statement sum to 1, or 0 when the
        statement has no counted term).
    n_topics, seed : the settings; ``reconstruction_err`` : NMF's Frobenius error.
    """

    terms: pd.DataFrame
    documents: pd.DataFrame
    n_topics: int
    seed: int
    reconstruction_err: float


def topic_model(tokens: pd.DataFrame, *, n_topics: int = 4, seed: int = 0, top_n: int = 10, min_freq: int = 2,
                unit: str = "term", stopwords=True) -> TopicModel:
    """NMF topics of the statements on TF-IDF weighted content words.

    Parameters
    ----------
    tokens : the ``tokens`` table (the ``lexical`` profile is enough).
    n_topics : number of topics k; seed : ``random_state`` of NMF (fixed: same topics on a rerun).
    top_n : terms listed per topic; min_freq : a term must occur in this many statements.
    unit, stopwords : as in :func:`~futoko_research.features.cooccurrence`.

    Raises
    ------
    ValueError : fewer statements or terms than ``n_topics``.

    Notes
    -----
    X (statements × terms, term counts, l2-normalised TF-IDF with smoothed idf) ≈ W H with
    W, H ≥ 0 (Frobenius loss, NNDSVDA initialisation, coordinate descent). Topic shares of a
    statement are its row of W divided by the row sum. NMF on TF-IDF is preferred to LDA for
    short texts of a few dozen statements, where LDA's counts are too sparse.

    References
    ----------
    Lee, D. D., & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. *Nature*, 401, 788–791.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    toks = drop_stopwords(select_tokens(tokens, unit, True).dropna(subset=[unit]), unit, stopwords)
    docs = presence(toks, unit=unit, stopwords=False)
    df = docs["term"].value_counts()
    keep = sorted(df[df >= min_freq].index)
    frame = pd.DataFrame({"doc": toks["statement_id"].astype(str).to_numpy(), "term": toks[unit].astype(str).to_numpy()})
    frame = frame[frame["term"].isin(keep)]
    counts = pd.crosstab(frame["doc"], frame["term"]) if len(frame) else pd.DataFrame()
    if counts.shape[0] < n_topics or counts.shape[1] < n_topics:
        raise ValueError(f"topic_model needs at least {n_topics} statements and terms, got {counts.shape}")
    counts = counts.sort_index().reindex(columns=keep, fill_value=0)
    x = TfidfTransformer().fit_transform(counts.to_numpy(dtype=float))
    nmf = NMF(n_components=n_topics, init="nndsvda", random_state=seed, max_iter=1000)
    w = nmf.fit_transform(x)
    h = nmf.components_
    rows = []
    for k in range(n_topics):
        total = h[k].sum() or 1.0
        order = sorted(range(len(keep)), key=lambda j: (-h[k, j], keep[j]))[:top_n]
        rows += [(k + 1, keep[j], h[k, j] / total, r) for r, j in enumerate(order, start=1) if h[k, j] > 0]
    terms = pd.DataFrame(rows, columns=["topic", "term", "weight", "rank"]).astype(
        {"topic": "Int64", "term": "string", "weight": "float64", "rank": "Int64"})
    sums = w.sum(axis=1, keepdims=True)
    share = np.divide(w, sums, out=np.zeros_like(w), where=sums > 0)
    documents = pd.DataFrame({
        "statement_id": pd.array(np.repeat(counts.index.astype(str), n_topics), dtype="string"),
        "topic": pd.array(np.tile(np.arange(1, n_topics + 1), len(counts)), dtype="Int64"),
        "share": share.ravel().astype("float64"),
    })
    return TopicModel(terms=terms, documents=documents, n_topics=n_topics, seed=seed,
                      reconstruction_err=float(nmf.reconstruction_err_))


def topic_shares(model: TopicModel, by: str | Sequence[str], *, statements: pd.DataFrame | None = None,
                 cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean topic share of the statements per group (e.g. ``fiscal_year``, ``municipality``).

    Returns
    -------
    DataFrame
        ``by`` columns (string; missing → ``"(不明)"``), ``topic`` (Int64), ``share`` (float64,
        mean over the group's modelled statements; a group's shares sum to ≤ 1), ``n_statements``
        (Int64). Sorted by group then topic.
    """
    by_cols = as_list(by)
    docs = model.documents.copy()
    if statements is not None:
        docs = docs.merge(statements[["statement_id", "case_id"]].astype({"statement_id": "string"}),
                          on="statement_id", how="left")
    docs = attach_groups(docs, by_cols, statements=statements, cases=cases)
    for c in by_cols:
        docs[c] = docs[c].astype("string").fillna("(不明)")
    out = docs.groupby(by_cols + ["topic"], observed=True).agg(
        share=("share", "mean"), n_statements=("statement_id", "nunique")).reset_index()
    out = out.astype({"share": "float64", "n_statements": "Int64"})
    return out.sort_values(by_cols + ["topic"], kind="mergesort").reset_index(drop=True)

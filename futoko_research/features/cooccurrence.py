"""Word co-occurrence over statements (Jaccard), as KH Coder's co-occurrence network draws it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from futoko_research.features.frequency import provenance, select_tokens

STRING = pd.StringDtype()


def cooccurrence(
    tokens: pd.DataFrame,
    *,
    unit: str = "term",
    content_only: bool = True,
    min_freq: int = 2,
    top_n: int = 60,
    context: str = "statement",
) -> pd.DataFrame:
    """Pairs of terms that occur in the same statements, strongest first (an edge table).

    Parameters
    ----------
    tokens : the ``tokens`` table (any profile).
    unit : token column (``term`` default, ``norm``, ``lemma``, ``text``).
    content_only : only content words.
    min_freq : a term must occur in at least this many contexts (KH Coder's minimum document
        frequency).
    top_n : keep the ``top_n`` strongest edges (``None`` for all pairs with ``n_ab ≥ 1``).
    context : ``"statement"`` (default) or ``"sentence"`` (statement_id + sent_idx).

    Returns
    -------
    DataFrame
        ``term_a``, ``term_b`` (string, term_a < term_b), ``n_a``, ``n_b`` (Int64, contexts
        containing each term), ``n_ab`` (Int64, contexts containing both), ``jaccard``
        (float64, n_ab / (n_a + n_b − n_ab)), ``rank`` (Int64). Sorted by descending Jaccard,
        then n_ab, then the terms; presence is binary (a term counted once per context).
    """
    if context not in ("statement", "sentence"):
        raise ValueError("context must be 'statement' or 'sentence'")
    toks = select_tokens(tokens, unit, content_only).dropna(subset=[unit])
    doc = toks["statement_id"].astype(str)
    if context == "sentence":
        doc = doc + "\x1f" + toks["sent_idx"].astype(str)
    pairs = pd.DataFrame({"doc": doc.to_numpy(), "term": toks[unit].astype(str).to_numpy()}).drop_duplicates()
    df = pairs["term"].value_counts()
    keep = df[df >= min_freq].index
    pairs = pairs[pairs["term"].isin(keep)]
    names = ["term_a", "term_b", "n_a", "n_b", "n_ab", "jaccard", "rank"]
    if pairs.empty:
        return pd.DataFrame({n: pd.Series([], dtype=d) for n, d in
                             zip(names, [STRING, STRING, "Int64", "Int64", "Int64", "float64", "Int64"])})
    term_cat = pd.Categorical(pairs["term"], categories=sorted(pairs["term"].unique()))
    doc_codes, _ = pd.factorize(pairs["doc"])
    x = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), (doc_codes, term_cat.codes)),
                          shape=(doc_codes.max() + 1, len(term_cat.categories)))
    co = sparse.triu(x.T @ x, k=1).tocoo()
    n_t = np.asarray(x.sum(axis=0)).ravel()
    n_ab = co.data
    jac = n_ab / (n_t[co.row] + n_t[co.col] - n_ab)
    cats = np.asarray(term_cat.categories, dtype=object)
    out = pd.DataFrame({
        "term_a": pd.array(cats[co.row], dtype=STRING),
        "term_b": pd.array(cats[co.col], dtype=STRING),
        "n_a": pd.array(n_t[co.row], dtype="Int64"),
        "n_b": pd.array(n_t[co.col], dtype="Int64"),
        "n_ab": pd.array(n_ab, dtype="Int64"),
        "jaccard": jac.astype("float64"),
    })
    out = out.sort_values(["jaccard", "n_ab", "term_a", "term_b"], ascending=[False, False, True, True],
                          kind="mergesort").reset_index(drop=True)
    if top_n is not None:
        out = out.head(top_n)
    out["rank"] = pd.array(np.arange(1, len(out) + 1), dtype="Int64")
    out.attrs["features"] = provenance(tokens, function="cooccurrence", unit=unit, content_only=content_only,
                                       min_freq=min_freq, top_n=top_n, context=context)
    return out

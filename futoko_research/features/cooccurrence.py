"""Co-occurrence over statements, as KH Coder's co-occurrence network draws it: word pairs, and
word + code pairs (a mixed network), with a named association coefficient."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from futoko_research.features.frequency import provenance, select_tokens
from futoko_research.features.stopwords import drop_stopwords, stopword_set

STRING = pd.StringDtype()
#: association coefficients of two binary presence vectors (see docs/features.md)
COEFFICIENTS = ("jaccard", "dice", "simpson", "cosine")
COLUMNS = {"term_a": STRING, "term_b": STRING, "kind_a": STRING, "kind_b": STRING, "n_a": "Int64",
           "n_b": "Int64", "n_ab": "Int64", "jaccard": "float64", "dice": "float64", "simpson": "float64",
           "cosine": "float64", "rank": "Int64"}


def presence(
    tokens: pd.DataFrame, *, unit: str = "term", content_only: bool = True, context: str = "statement",
    stopwords=True,
) -> pd.DataFrame:
    """Which terms occur in which contexts: ``doc`` (string), ``term`` (string), one row per pair.

    ``context`` is ``"statement"`` or ``"sentence"`` (statement_id + sent_idx); stop words are
    dropped as :func:`~futoko_research.features.stopwords.drop_stopwords` says.
    """
    if context not in ("statement", "sentence"):
        raise ValueError("context must be 'statement' or 'sentence'")
    toks = select_tokens(tokens, unit, content_only).dropna(subset=[unit])
    toks = drop_stopwords(toks, unit, stopwords)
    doc = toks["statement_id"].astype(str)
    if context == "sentence":
        doc = doc + "\x1f" + toks["sent_idx"].astype(str)
    return pd.DataFrame({"doc": doc.to_numpy(), "term": toks[unit].astype(str).to_numpy()}).drop_duplicates()


def presence_cooccurrence(pairs: pd.DataFrame, *, min_freq: int = 2, top_n: int | None = 60,
               coefficient: str = "jaccard", min_coefficient: float | None = None) -> pd.DataFrame:
    """Edge table of a presence table (``doc``, ``term``, optional ``kind``); see :func:`cooccurrence`."""
    if coefficient not in COEFFICIENTS:
        raise ValueError(f"coefficient must be one of {', '.join(COEFFICIENTS)}, not {coefficient!r}")
    if "kind" not in pairs.columns:
        pairs = pairs.assign(kind="word")
    df = pairs["term"].value_counts()
    pairs = pairs[pairs["term"].isin(df[df >= min_freq].index)]
    if pairs.empty:
        return pd.DataFrame({n: pd.Series([], dtype=d) for n, d in COLUMNS.items()})
    kind_of = dict(zip(pairs["term"], pairs["kind"], strict=False))
    term_cat = pd.Categorical(pairs["term"], categories=sorted(pairs["term"].unique()))
    doc_codes, _ = pd.factorize(pairs["doc"])
    x = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), (doc_codes, term_cat.codes)),
                          shape=(doc_codes.max() + 1, len(term_cat.categories)))
    co = sparse.triu(x.T @ x, k=1).tocoo()
    n_t = np.asarray(x.sum(axis=0)).ravel()
    n_ab = co.data.astype(float)
    n_a, n_b = n_t[co.row].astype(float), n_t[co.col].astype(float)
    cats = np.asarray(term_cat.categories, dtype=object)
    out = pd.DataFrame({
        "term_a": pd.array(cats[co.row], dtype=STRING),
        "term_b": pd.array(cats[co.col], dtype=STRING),
        "kind_a": pd.array([kind_of[t] for t in cats[co.row]], dtype=STRING),
        "kind_b": pd.array([kind_of[t] for t in cats[co.col]], dtype=STRING),
        "n_a": pd.array(n_t[co.row], dtype="Int64"),
        "n_b": pd.array(n_t[co.col], dtype="Int64"),
        "n_ab": pd.array(co.data, dtype="Int64"),
        "jaccard": n_ab / (n_a + n_b - n_ab),
        "dice": 2 * n_ab / (n_a + n_b),
        "simpson": n_ab / np.minimum(n_a, n_b),
        "cosine": n_ab / np.sqrt(n_a * n_b),
    })
    out = out.sort_values([coefficient, "n_ab", "term_a", "term_b"], ascending=[False, False, True, True],
                          kind="mergesort").reset_index(drop=True)
    if min_coefficient is not None:
        out = out[out[coefficient] >= min_coefficient]
    if top_n is not None:
        out = out.head(top_n)
    out = out.reset_index(drop=True)
    out["rank"] = pd.array(np.arange(1, len(out) + 1), dtype="Int64")
    return out


def cooccurrence(
    tokens: pd.DataFrame,
    *,
    unit: str = "term",
    content_only: bool = True,
    min_freq: int = 2,
    top_n: int | None = 60,
    context: str = "statement",
    coefficient: str = "jaccard",
    min_coefficient: float | None = None,
    stopwords=True,
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
    coefficient : the coefficient that ranks the edges: ``jaccard`` (default, as KH Coder),
        ``dice``, ``simpson`` or ``cosine`` (all four are columns of the result).
    min_coefficient : keep only edges with ``coefficient`` at least this (applied before
        ``top_n``; KH Coder's alternative to the top-N rule).
    stopwords : ``True`` (default) drops the project's stop-word list
        (``resources/stopwords_ja.yaml``); ``False`` keeps every word; a path or a set of terms
        for another list.

    Returns
    -------
    DataFrame
        ``term_a``, ``term_b`` (string, term_a < term_b), ``kind_a``, ``kind_b`` (string,
        ``word``), ``n_a``, ``n_b`` (Int64, contexts containing each term), ``n_ab`` (Int64,
        contexts containing both), ``jaccard`` = n_ab / (n_a + n_b − n_ab), ``dice`` =
        2 n_ab / (n_a + n_b), ``simpson`` = n_ab / min(n_a, n_b), ``cosine`` = n_ab / √(n_a n_b)
        (float64), ``rank`` (Int64). Sorted by descending ``coefficient``, then n_ab, then the
        terms; presence is binary (a term counted once per context).
    """
    pairs = presence(tokens, unit=unit, content_only=content_only, context=context, stopwords=stopwords)
    out = presence_cooccurrence(pairs, min_freq=min_freq, top_n=top_n, coefficient=coefficient,
                     min_coefficient=min_coefficient)
    out.attrs["features"] = provenance(
        tokens, function="cooccurrence", unit=unit, content_only=content_only, min_freq=min_freq, top_n=top_n,
        context=context, coefficient=coefficient, min_coefficient=min_coefficient,
        stopwords=sorted(stopword_set(stopwords)))
    return out


def mixed_cooccurrence(
    tokens: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    unit: str = "term",
    min_freq: int = 2,
    top_n: int | None = 60,
    coefficient: str = "jaccard",
    min_coefficient: float | None = None,
    stopwords=True,
) -> pd.DataFrame:
    """Co-occurrence of words and codes over statements: one network mixing both (KH Coder #326).

    Parameters
    ----------
    tokens : the ``tokens`` table; codes : the ``codes`` table (``statement_id``, ``code``).
    labels : code key → display label (e.g. the codebook's ``label_ja``); code nodes are named
        ``【label】`` so they never collide with a word.
    unit, min_freq, top_n, coefficient, min_coefficient, stopwords : as in :func:`cooccurrence`.

    Returns
    -------
    DataFrame
        The columns of :func:`cooccurrence`; ``kind_a`` / ``kind_b`` say ``word`` or ``code``.
    """
    words = presence(tokens, unit=unit, stopwords=stopwords).assign(kind="word")
    labels = labels or {}
    code_pairs = pd.DataFrame({
        "doc": codes["statement_id"].astype(str).to_numpy(),
        "term": [f"【{labels.get(str(c), str(c))}】" for c in codes["code"]],
        "kind": "code",
    }).drop_duplicates()
    out = presence_cooccurrence(pd.concat([words, code_pairs], ignore_index=True), min_freq=min_freq, top_n=top_n,
                     coefficient=coefficient, min_coefficient=min_coefficient)
    out.attrs["features"] = provenance(
        tokens, function="mixed_cooccurrence", unit=unit, min_freq=min_freq, top_n=top_n,
        coefficient=coefficient, min_coefficient=min_coefficient, stopwords=sorted(stopword_set(stopwords)))
    return out

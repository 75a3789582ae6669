"""Word frequencies by group with document frequency, and TF-IDF top terms per group.

Both read only lexical columns (``term`` / ``lemma`` / ``norm`` / ``text``, ``is_content``), so
tokens from the ``lexical`` profile are enough.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

STRING = pd.StringDtype()
UNITS = ("term", "norm", "lemma", "text")


def as_list(by) -> list[str]:
    """Grouping columns as a list: ``None`` → ``[]``, a name → ``[name]``, a sequence → a list."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def attach_groups(
    tokens: pd.DataFrame,
    by: str | Sequence[str] | None,
    *,
    statements: pd.DataFrame | None = None,
    cases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tokens with the grouping columns ``by`` added (from ``statements`` by statement_id, or
    ``cases`` by case_id) unless already present.

    Raises
    ------
    ValueError : a grouping column is in none of the frames.
    """
    out = tokens
    for col in as_list(by):
        if col in out.columns:
            continue
        if statements is not None and col in statements.columns:
            out = out.merge(statements[["statement_id", col]], on="statement_id", how="left", validate="m:1")
        elif cases is not None and col in cases.columns:
            out = out.merge(cases[["case_id", col]], on="case_id", how="left", validate="m:1")
        elif statements is not None and cases is not None and "case_id" in statements.columns and col in cases.columns:
            out = out.merge(cases[["case_id", col]], on="case_id", how="left", validate="m:1")
        else:
            raise ValueError(f"grouping column {col!r} is not in tokens, statements or cases")
    return out


def provenance(tokens: pd.DataFrame, **params) -> dict:
    """What an analysis table was computed from: the tokens' profile(s) and run info, and the
    analysis parameters (stored in the result's ``attrs["features"]``)."""
    profiles = sorted(set(tokens["profile"].dropna().astype(str))) if "profile" in tokens.columns else []
    info = dict(tokens.attrs.get("features", {}))
    info.pop("stats", None)
    return {**info, "profile": ",".join(profiles) or info.get("profile"), "analysis": params}


def select_tokens(tokens: pd.DataFrame, unit: str, content_only: bool) -> pd.DataFrame:
    """Tokens an analysis counts: content words only when ``content_only``.

    Raises
    ------
    ValueError : ``unit`` is not a token column an analysis can count (:data:`UNITS`).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if content_only:
        tokens = tokens[tokens["is_content"].fillna(False).astype(bool)]
    return tokens


def word_frequency(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    statements: pd.DataFrame | None = None,
    cases: pd.DataFrame | None = None,
    unit: str = "term",
    content_only: bool = True,
    min_count: int = 1,
) -> pd.DataFrame:
    """Term frequency and document frequency (statements), overall or per group.

    Parameters
    ----------
    tokens : the ``tokens`` table (any profile).
    by : grouping column(s): a tokens column, a statements column (``section``) or a cases
        column (``municipality``, ``fiscal_year``); ``None`` for the whole corpus.
    statements, cases : where to find ``by`` columns, and (statements) the number of statements
        per group — statements without any counted token still count as documents.
    unit : the token column counted: ``term`` (analysis form: norm + variant map, default),
        ``norm``, ``lemma`` or ``text``.
    content_only : count only content words (``is_content``).
    min_count : drop terms counted fewer times in their group.

    Returns
    -------
    DataFrame
        ``by`` columns, then ``term`` (string), ``n`` (Int64, occurrences), ``doc_freq``
        (Int64, statements containing it), ``n_docs`` (Int64, statements in the group),
        ``doc_share`` (float64, doc_freq / n_docs), ``per_1000`` (float64, occurrences per 1,000
        counted tokens of the group), ``rank`` (Int64, 1 = most frequent in the group; ties share
        the smaller rank). Sorted by group, descending ``n``, then ``term``.
    """
    by_cols = as_list(by)
    toks = attach_groups(tokens, by_cols, statements=statements, cases=cases)
    toks = select_tokens(toks, unit, content_only)
    frame = toks[by_cols + ["statement_id", unit]].rename(columns={unit: "term"}).dropna(subset=["term"])
    gkeys = by_cols + ["term"]
    if len(frame):
        counts = frame.groupby(gkeys, observed=True, dropna=False, sort=False).agg(
            n=("statement_id", "size"), doc_freq=("statement_id", "nunique")).reset_index()
    else:
        counts = pd.DataFrame({**{c: frame[c] for c in gkeys}, "n": [], "doc_freq": []})
    # documents per group: from statements when available (all statements), else tokens
    if statements is not None:
        docs = attach_groups(statements[["statement_id", "case_id"]].assign(
            **{c: statements[c] for c in by_cols if c in statements.columns}), by_cols, cases=cases)
    else:
        docs = attach_groups(tokens, by_cols, statements=statements, cases=cases)
    if by_cols:
        n_docs = docs.groupby(by_cols, observed=True, dropna=False)["statement_id"].nunique().rename("n_docs").reset_index()
        n_tok = frame.groupby(by_cols, observed=True, dropna=False).size().rename("_n_tok").reset_index()
        counts = counts.merge(n_docs, on=by_cols, how="left").merge(n_tok, on=by_cols, how="left")
    else:
        counts["n_docs"] = docs["statement_id"].nunique()
        counts["_n_tok"] = len(frame)
    counts = counts[counts["n"] >= min_count]
    counts["doc_share"] = (counts["doc_freq"] / counts["n_docs"]).astype("float64")
    counts["per_1000"] = (1000.0 * counts["n"] / counts["_n_tok"]).astype("float64")
    counts = counts.sort_values(by_cols + ["n", "term"], ascending=[True] * len(by_cols) + [False, True],
                                kind="mergesort")
    if by_cols:
        counts["rank"] = counts.groupby(by_cols, observed=True, dropna=False)["n"].rank(method="min", ascending=False)
    else:
        counts["rank"] = counts["n"].rank(method="min", ascending=False)
    out = counts[by_cols + ["term", "n", "doc_freq", "n_docs", "doc_share", "per_1000", "rank"]].reset_index(drop=True)
    out["term"] = out["term"].astype(STRING)
    for c in ("n", "doc_freq", "n_docs", "rank"):
        out[c] = out[c].astype("Int64")
    out.attrs["features"] = provenance(tokens, function="word_frequency", by=by_cols, unit=unit,
                                       content_only=content_only, min_count=min_count)
    return out


def tfidf_top_terms(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str],
    statements: pd.DataFrame | None = None,
    cases: pd.DataFrame | None = None,
    unit: str = "term",
    content_only: bool = True,
    top_n: int = 20,
    min_count: int = 1,
) -> pd.DataFrame:
    """Terms that characterise each group: TF-IDF with each group as one document.

    Parameters
    ----------
    tokens, by, statements, cases, unit, content_only : as in :func:`word_frequency`
        (``by`` is required).
    top_n : terms kept per group.
    min_count : ignore terms counted fewer times in a group.

    Returns
    -------
    DataFrame
        ``by`` columns, ``term``, ``n`` (Int64, count in group), ``tf`` (float64, n / tokens of
        group), ``group_freq`` (Int64, groups containing the term), ``idf`` (float64),
        ``tfidf`` (float64), ``rank`` (Int64, 1 = highest in the group).

    Notes
    -----
    ``idf = ln((1 + G) / (1 + group_freq)) + 1`` (the smoothed idf of scikit-learn's
    TfidfVectorizer) with ``G`` groups, and ``tfidf = tf · idf`` with relative term frequency, so
    groups of different sizes compare. A term present in every group keeps ``idf = 1``; it ranks
    by frequency alone.
    """
    by_cols = as_list(by)
    if not by_cols:
        raise ValueError("tfidf_top_terms needs at least one grouping column in by")
    freq = word_frequency(tokens, by=by_cols, statements=statements, cases=cases, unit=unit,
                          content_only=content_only, min_count=1)
    if freq.empty:
        return pd.DataFrame({**{c: freq[c] for c in by_cols}, "term": freq["term"],
                             "n": freq["n"], "tf": pd.Series([], dtype="float64"),
                             "group_freq": pd.Series([], dtype="Int64"), "idf": pd.Series([], dtype="float64"),
                             "tfidf": pd.Series([], dtype="float64"), "rank": pd.Series([], dtype="Int64")})
    n_groups = freq[by_cols].drop_duplicates().shape[0]
    totals = freq.groupby(by_cols, observed=True, dropna=False)["n"].transform("sum").astype("float64")
    group_freq = freq.groupby("term", observed=True)["term"].transform("size")
    out = freq[by_cols + ["term", "n"]].copy()
    out["tf"] = freq["n"].astype("float64") / totals
    out["group_freq"] = group_freq.astype("Int64")
    out["idf"] = np.log((1.0 + n_groups) / (1.0 + group_freq.astype("float64"))) + 1.0
    out["tfidf"] = out["tf"] * out["idf"]
    out = out[out["n"] >= min_count]
    out = out.sort_values(by_cols + ["tfidf", "term"], ascending=[True] * len(by_cols) + [False, True],
                          kind="mergesort")
    out["rank"] = out.groupby(by_cols, observed=True, dropna=False).cumcount().add(1).astype("Int64")
    out = out[out["rank"] <= top_n].reset_index(drop=True)
    out.attrs["features"] = provenance(tokens, function="tfidf_top_terms", by=by_cols, unit=unit,
                                       content_only=content_only, top_n=top_n, min_count=min_count)
    return out

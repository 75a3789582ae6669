"""KWIC concordance (keyword in context) on the tokens table — lexical columns only."""

from __future__ import annotations

import pandas as pd

from futoko_research.features.frequency import provenance
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.nlp import DEFAULT_SPLIT_MODE, sudachi_tokenize

STRING = pd.StringDtype()
FIELDS = ("term", "norm", "lemma", "text")


def pattern_keys(pattern: str, *, field: str = "term", terms: TermConfig | None = None,
                 split_mode: str = DEFAULT_SPLIT_MODE) -> list[str]:
    """The strings a pattern is matched as, in ``field``'s spelling.

    For ``norm`` / ``term`` the pattern is tokenised with SudachiPy and its tokens' normalised
    forms (and, for ``term``, the variant map) are joined, so 子ども finds 子供 and 取組 finds
    取り組み; the pattern as written is always tried too.
    """
    if field not in FIELDS:
        raise ValueError(f"field must be one of {', '.join(FIELDS)}, not {field!r}")
    keys = [pattern]
    if field in ("norm", "term"):
        terms = terms if terms is not None else load_terms()
        morphs = list(sudachi_tokenize(pattern, split_mode))
        norms = [m.normalized_form() for m in morphs]
        key = "".join(norms)
        if field == "term":
            key = "".join(terms.term_of(m.normalized_form(), m.dictionary_form(), m.surface()) for m in morphs)
            keys.append(terms.term_of(pattern, pattern, pattern))
        keys.append(key)
    return list(dict.fromkeys(k for k in keys if k))


def kwic(
    tokens: pd.DataFrame,
    pattern: str,
    *,
    field: str = "term",
    window: int = 5,
    partial: bool = False,
    terms: TermConfig | None = None,
) -> pd.DataFrame:
    """Concordance lines of a word or phrase.

    Parameters
    ----------
    tokens : the ``tokens`` table (any profile; ``lexical`` is enough).
    pattern : a word or phrase (one or more tokens), e.g. ``"連携"``, ``"教育支援センター"``,
        ``"学校復帰"``.
    field : token column matched: ``term`` (default; the pattern is folded the same way),
        ``norm``, ``lemma`` or ``text``.
    window : tokens of context on each side.
    partial : also match inside tokens (a hit then covers the tokens it touches);
        by default a hit must start and end on token boundaries.
    terms : term list / variant map for folding the pattern (default: the packaged files).

    Returns
    -------
    DataFrame
        ``statement_id``, ``case_id`` (string), ``start_token``, ``end_token`` (Int64,
        token_idx, end exclusive), ``start_char``, ``end_char`` (Int64, offsets into the
        statement's text), ``left``, ``keyword``, ``right`` (string: token texts joined),
        ``pattern`` (string). One row per hit, in token-table order.
    """
    if window < 0:
        raise ValueError("window must be >= 0")
    keys = pattern_keys(pattern, field=field, terms=terms)
    cols = ["statement_id", "case_id", "token_idx", "text", "start_char", "end_char", field]
    toks = tokens[list(dict.fromkeys(cols))]
    values = toks[field].astype(object).where(toks[field].notna(), "")
    joined = values.groupby(toks["statement_id"], sort=False).agg("".join)
    hit_ids = set()
    for key in keys:
        hit_ids.update(joined.index[joined.str.contains(key, regex=False)])
    rows = []
    if hit_ids:
        sub = toks[toks["statement_id"].isin(hit_ids)]
        for sid, g in sub.groupby("statement_id", sort=False):
            vals = [str(v) if v is not None and v == v else "" for v in g[field].astype(object)]
            texts = g["text"].astype(str).tolist()
            starts = [0]
            for v in vals:
                starts.append(starts[-1] + len(v))
            s = "".join(vals)
            bounds = {p: i for i, p in enumerate(starts)}
            found: dict[tuple[int, int], None] = {}
            for key in keys:
                pos = s.find(key)
                while pos != -1:
                    end = pos + len(key)
                    if pos in bounds and end in bounds:
                        found[(bounds[pos], bounds[end])] = None
                    elif partial:
                        i = max(k for k in range(len(starts) - 1) if starts[k] <= pos)
                        j = min(k for k in range(1, len(starts)) if starts[k] >= end)
                        found[(i, j)] = None
                    pos = s.find(key, pos + 1)
            tok_idx = g["token_idx"].tolist()
            sc, ec = g["start_char"].tolist(), g["end_char"].tolist()
            cid = g["case_id"].iloc[0]
            for i, j in sorted(found):
                rows.append((sid, cid, tok_idx[i], tok_idx[j - 1] + 1, sc[i], ec[j - 1],
                             "".join(texts[max(0, i - window): i]), "".join(texts[i:j]),
                             "".join(texts[j: j + window]), pattern))
    names = ["statement_id", "case_id", "start_token", "end_token", "start_char", "end_char",
             "left", "keyword", "right", "pattern"]
    dtypes = [STRING, STRING, "Int64", "Int64", "Int64", "Int64", STRING, STRING, STRING, STRING]
    data = list(zip(*rows)) if rows else [[] for _ in names]
    out = pd.DataFrame({n: pd.array(list(c), dtype=d) for n, c, d in zip(names, data, dtypes)})
    out.attrs["features"] = provenance(tokens, function="kwic", pattern=pattern, field=field, window=window,
                                       partial=partial)
    return out

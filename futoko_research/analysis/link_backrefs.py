"""Where a back-reference points: the sentence before it, or the last sentence of the statement before.

A cause side that only points back (「その結果」「これにより」) is resolved to the previous sentence of
the same statement, or else to the last sentence of the statement before it in the same case.
Used by :func:`futoko_research.analysis.links.extract_links` (the ``backref`` column) and by the
links' prefilter (:mod:`futoko_research.analysis.link_prefilter`), which must look where the
extractor will look.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.analysis.link_cues import sentence_spans


def previous_statements(statements: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """statement_id → (id, text) of the statement before it in the same case (input order)."""
    out: dict[str, tuple[str, str]] = {}
    last: dict[str, tuple[str, str]] = {}
    for sid, cid, text in zip(statements["statement_id"].astype(str), statements["case_id"].astype(str),
                              statements["text"].astype("string").fillna("")):
        if cid in last:
            out[sid] = last[cid]
        last[cid] = (sid, str(text))
    return out


def backref_source(text: str, sent_start: int, sid: str, prev: dict[str, tuple[str, str]]):
    """(kind, statement id, start, end) of the sentence a back-reference points to."""
    before = [(a, b) for a, b in sentence_spans(text) if b <= sent_start and text[a:b].strip("。 　")]
    if before:
        a, b = before[-1]
        return "previous_sentence", sid, a, b - (1 if text[b - 1:b] == "。" else 0)
    if sid in prev:
        psid, ptext = prev[sid]
        spans = [(a, b) for a, b in sentence_spans(ptext) if ptext[a:b].strip("。 　")]
        if spans:
            a, b = spans[-1]
            return "previous_statement", psid, a, b - (1 if ptext[b - 1:b] == "。" else 0)
    return "unresolved", sid, None, None

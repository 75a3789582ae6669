"""The ``lexical`` tables made row by row: the reference the vectorised :mod:`.lexical` is tested against.

One SudachiPy call per chunk, each morpheme turned into a raw token tuple and the statement's
rows made by :func:`~futoko_research.features.rows.finalize_statement` — the same path as the
spaCy profiles, so every rule (spaces, sentences, user terms, compounds) is written once.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.features.chunking import preprocess, split_text
from futoko_research.features.rows import TokenRows, finalize_statement
from futoko_research.features.tags import SENTENCE_END_TAGS, SENTENCE_END_TEXT, sudachi_tag
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.nlp import DEFAULT_SPLIT_MODE, sudachi_tokenize


def lexical_statement_rows(pos_cache: dict, sid: str, cid: str, text: str, out: TokenRows, terms: TermConfig,
                           *, split_mode: str = DEFAULT_SPLIT_MODE) -> None:
    """Append one statement's ``lexical`` rows to ``out`` (``pos_cache``: POS id → tag info, shared)."""
    raw: list[tuple] = []
    sent = 0
    for off, chunk in split_text(text):
        for m in sudachi_tokenize(preprocess(chunk), split_mode):
            pid = m.part_of_speech_id()
            info = pos_cache.get(pid)
            if info is None:
                pos = m.part_of_speech()
                tag = sudachi_tag(pos)
                info = (tag, pos[0] == "空白", tag in SENTENCE_END_TAGS)
                pos_cache[pid] = info
            tag, is_space, is_end = info
            start = off + m.begin()
            end = off + m.end()
            if is_space:
                raw.append((True, start, end, "", "", None, tag, None, None, sent, None, None, None))
                if "\n" in text[start:end] and raw and any(not r[0] for r in raw):
                    sent += 1
                continue
            raw.append((False, start, end, m.dictionary_form(), m.normalized_form(), None, tag, None,
                        None, sent, None, None, m.reading_form()))
            if is_end or text[start:end] in SENTENCE_END_TEXT:
                sent += 1
    finalize_statement(out, sid, cid, text, raw, [], terms)


def lexical_reference(statements: pd.DataFrame, *, terms: TermConfig | None = None,
                      split_mode: str = DEFAULT_SPLIT_MODE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Row-by-row ``lexical`` tokens and phrases (one SudachiPy call per chunk).

    The reference the vectorised path (:func:`~futoko_research.features.lexical.tokenize_lexical`)
    is tested against. Columns as :func:`~futoko_research.features.extract` (no ``profile``).
    """
    terms = terms if terms is not None else load_terms()
    out = TokenRows()
    pos_cache: dict = {}
    for sid, cid, text in zip(statements["statement_id"].astype(str), statements["case_id"].astype(str),
                              statements["text"].astype(str)):
        lexical_statement_rows(pos_cache, sid, cid, text, out, terms, split_mode=split_mode)
    tokens, phrases, _ = out.frames("lexical")
    return tokens.drop(columns="profile"), phrases.drop(columns="profile")

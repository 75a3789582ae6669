"""spaCy Docs (GiNZA) → raw token tuples of a statement, read as arrays (no Token objects).

:func:`statement_rows` reads a statement's chunk Docs with :func:`doc_raw` — offsets, lemma,
norm, POS, tag, dependency, head, sentence, bunsetu, entity, reading, from ``Doc.to_array`` —
and hands them to :func:`~futoko_research.features.rows.finalize_statement`. Noun phrases come
from :func:`noun_chunk_spans`, spaCy's Japanese ``noun_chunks`` on plain arrays.
"""

from __future__ import annotations

from futoko_research.features.rows import TokenRows, finalize_statement
from futoko_research.features.terms import TermConfig


class StringMemo:
    """Hash → string (and MORPH hash → reading) lookups, memoised per Doc."""

    def __init__(self, strings):
        self._strings = strings
        self._memo: dict[int, str] = {0: ""}
        self._reading: dict[int, str | None] = {0: None}

    def get(self, h: int) -> str:
        v = self._memo.get(h)
        if v is None:
            v = self._memo[h] = self._strings[h]
        return v

    def reading(self, h: int) -> str | None:
        if h in self._reading:
            return self._reading[h]
        value = None
        for feat in self.get(h).split("|"):
            if feat.startswith("Reading="):
                value = feat[len("Reading="):]
                break
        self._reading[h] = value
        return value


def doc_raw(doc, off: int, tok_base: int, sent_base: int, bun_base: int,
            raw: list, raw_phrases: list, ents: list) -> tuple[int, int]:
    """Append one chunk Doc's raw tokens, phrase spans and entities; return (sentences, bunsetu).

    ``off`` is the chunk's character offset in the statement; ``tok_base``, ``sent_base`` and
    ``bun_base`` continue the statement's numbering over its earlier chunks.
    """
    import ginza

    n = len(doc)
    bun_of = [None] * n
    try:
        spans = list(ginza.bunsetu_spans(doc))
    except (KeyError, AttributeError):  # no bunsetu data (should not happen with GiNZA docs)
        spans = []
    for bi, span in enumerate(spans):
        for i in range(span.start, span.end):
            bun_of[i] = bun_base + bi
        raw_phrases.append(("bunsetu", tok_base + span.start, tok_base + span.end))
    has_parse = doc.has_annotation("DEP")
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IDX,
        IS_SPACE,
        LEMMA,
        LENGTH,
        MORPH,
        NORM,
        POS,
        SENT_START,
        TAG,
    )

    arr = doc.to_array([IDX, LENGTH, LEMMA, NORM, POS, TAG, DEP, HEAD, SENT_START, ENT_TYPE, IS_SPACE, MORPH])
    strings = StringMemo(doc.vocab.strings)
    get = strings.get
    reading_of = strings.reading
    si = -1
    heads = arr[:, 7].astype("int64").tolist()
    for i, (idx, length, lemma, norm, pos, tag, dep, _h, sent_start, ent, is_space, morph) in enumerate(
            arr.tolist()):
        if i == 0 or sent_start == 1:
            si += 1
        idx += off
        raw.append((bool(is_space), idx, idx + length, get(lemma), get(norm), get(pos) or None, get(tag),
                    (get(dep) or None) if has_parse else None,
                    tok_base + i + heads[i] if has_parse else None,
                    sent_base + si, bun_of[i], get(ent) or None, reading_of(morph)))
    if has_parse:
        pos_ids = arr[:, 4].tolist()
        dep_ids = arr[:, 6].tolist()
        for a, b in noun_chunk_spans(pos_ids, dep_ids, [i + h for i, h in enumerate(heads)], doc.vocab.strings):
            raw_phrases.append(("noun_phrase", tok_base + a, tok_base + b))
    for e in doc.ents:
        ents.append((off + e.start_char, off + e.end_char, e.label_))
    return si + 1, len(spans)


_NP_LABELS = ("nsubj", "nmod", "ddoclike", "nsubjpass", "pcomp", "pdoclike", "doclike", "obl", "dative",
              "appos", "attr", "ROOT")


def noun_chunk_spans(pos_ids: list[int], dep_ids: list[int], heads: list[int], strings) -> list[tuple[int, int]]:
    """spaCy's Japanese ``noun_chunks`` (spacy/lang/ja/syntax_iterators.py) on plain arrays.

    Same algorithm and output as ``doc.noun_chunks`` (tested), without creating Token objects;
    ``heads`` are absolute indices (a root is its own head).
    """
    from spacy.symbols import NOUN, PRON, PROPN, VERB

    np_deps = {strings.add(label) for label in _NP_LABELS}
    n = len(pos_ids)
    lefts: list[list[int]] = [[] for _ in range(n)]
    rights: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            (lefts if i < h else rights)[h].append(i)

    def subtree(i: int) -> list[int]:
        out: list[int] = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:  # iterative: lefts' subtrees, the token, rights' subtrees
            k, expanded = stack.pop()
            if expanded:
                out.append(k)
                continue
            for r in reversed(rights[k]):
                stack.append((r, False))
            stack.append((k, True))
            for left in reversed(lefts[k]):
                stack.append((left, False))
        return out

    seen: set[int] = set()
    chunks = []
    for i in range(n):
        if pos_ids[i] not in (NOUN, PROPN, PRON) or i in seen or dep_ids[i] not in np_deps:
            continue
        sub = subtree(i)
        unseen = [w for w in sub if w not in seen]
        if not unseen:
            continue
        seen.update(sub)
        seen.update(range(i + 1))
        head = heads[i]
        if pos_ids[head] == VERB:
            seen.add(head)
            for r in rights[head]:
                seen.add(r)
        chunks.append((unseen[0], i + 1))
    return chunks


def statement_rows(sid: str, cid: str, text: str, chunk_docs: list[tuple[int, object]], out: TokenRows,
                   terms: TermConfig) -> None:
    """Append the rows of one statement parsed as ``(offset, Doc)`` chunks to ``out``."""
    raw: list[tuple] = []
    raw_phrases: list[tuple[str, int, int]] = []
    ents: list[tuple[int, int, str]] = []
    sent_base = bun_base = 0
    for off, doc in chunk_docs:
        n_sent, n_bun = doc_raw(doc, off, len(raw), sent_base, bun_base, raw, raw_phrases, ents)
        sent_base += n_sent
        bun_base += n_bun
    finalize_statement(out, sid, cid, text, raw, raw_phrases, terms)
    for s, e, label in ents:
        out.ent.append((sid, cid, text[s:e], label, s, e))

"""Preprocessing and chunking of statement text before parsing.

SudachiPy refuses input over 49,149 UTF-8 bytes, and a second limit (65,535 bytes) applies
after its own normalisation (pitfall 1). Long statements are therefore split at sentence ends
(。！？!? and line breaks), then at commas / spaces, and as a last resort between characters,
into chunks whose UTF-8 size — and the size of their NFKC form — is at most
:data:`CHUNK_BYTES`. Each chunk keeps its character offset in the statement, so token offsets
point into the statement's ``text``. Nothing is truncated or dropped: the chunks joined are the
statement's text.

Preprocessing (:func:`preprocess`) maps characters one-to-one (offsets stay): Kangxi radicals
and CJK radical supplements left by PDF extraction (⽂ U+2F42 → 文), which Sudachi does not
fold (pitfall 7).
"""

from __future__ import annotations

import re
import unicodedata

#: maximum UTF-8 bytes of a chunk (and of its NFKC form)
CHUNK_BYTES = 16_000
#: bump when preprocess() or split_text() change (it is part of the cache key)
PREPROCESS_VERSION = "pre1-kangxi"
CHUNK_POLICY = f"sent-comma-char-v1-{CHUNK_BYTES}"

_RADICALS = {}
for _cp in list(range(0x2E80, 0x2EFA)) + list(range(0x2F00, 0x2FD6)):
    _n = unicodedata.normalize("NFKC", chr(_cp))
    if len(_n) == 1 and _n != chr(_cp):
        _RADICALS[_cp] = _n
RE_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
RE_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?\n]+|$)")
RE_CLAUSE = re.compile(r"[^、，,\s]*(?:[、，,\s]+|$)")


def preprocess(text: str) -> str:
    """Length-preserving clean-up before parsing (Kangxi radicals → ordinary kanji)."""
    if RE_RADICAL.search(text) is None:
        return text
    return text.translate(_RADICALS)


def fits(text: str, budget: int = CHUNK_BYTES) -> bool:
    """True when ``text`` and its NFKC form are both at most ``budget`` UTF-8 bytes."""
    if len(text) * 4 <= budget and len(text) * 18 * 3 <= budget:
        return True
    if len(text.encode("utf-8")) > budget:
        return False
    return len(unicodedata.normalize("NFKC", text).encode("utf-8")) <= budget


def _pieces(text: str, start: int, regex: re.Pattern) -> list[tuple[int, str]]:
    out = []
    pos = start
    for m in regex.finditer(text):
        if m.end() > m.start():
            out.append((pos + m.start(), m.group()))
    if not out:
        out = [(start, text)]
    return out


def _split_hard(offset: int, text: str, budget: int) -> list[tuple[int, str]]:
    out = []
    i = 0
    while i < len(text):
        lo, hi = i + 1, len(text)
        # the longest prefix text[i:j] that fits (binary search)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(text[i:mid], budget):
                lo = mid
            else:
                hi = mid - 1
        out.append((offset + i, text[i:lo]))
        i = lo
    return out


def _pack(pieces: list[tuple[int, str]], budget: int) -> list[tuple[int, str]]:
    chunks: list[tuple[int, str]] = []
    cur_start, cur = None, ""
    for off, piece in pieces:
        if cur_start is not None and fits(cur + piece, budget):
            cur += piece
            continue
        if cur_start is not None:
            chunks.append((cur_start, cur))
        cur_start, cur = off, piece
    if cur_start is not None:
        chunks.append((cur_start, cur))
    return chunks


def split_text(text: str, budget: int = CHUNK_BYTES) -> list[tuple[int, str]]:
    """Split ``text`` into (char offset, chunk) pairs that each :func:`fits` ``budget``.

    The chunks joined equal ``text``. Short text comes back as one chunk ``[(0, text)]``.
    """
    if fits(text, budget):
        return [(0, text)]
    units: list[tuple[int, str]] = []
    for off, sent in _pieces(text, 0, RE_SENTENCE):
        if fits(sent, budget):
            units.append((off, sent))
            continue
        for off2, clause in _pieces(sent, off, RE_CLAUSE):
            if fits(clause, budget):
                units.append((off2, clause))
            else:
                units.extend(_split_hard(off2, clause, budget))
    return _pack(units, budget)

"""Round 24: the given part of a full name found in the note, where it stands alone.

A note names a child once in full (岬 光, 佐久間 凪, 勅使河原湊, 王 子涵) and then by the given name
alone (凪「みんなと…」, 湊は自室, 光は「…」). Round 22 took the *family* part at its other
occurrences (:mod:`~futoko_research.privacy.docparts`); the given part — often a one-kanji
word that is also a noun (空, 陸, 凪, 光), which no rule takes on the word alone — is the same
person. A post-pass on the final findings (text coordinates):

* a certain person finding written as a family part, an optional single space, and a given part
  of one to three kanji is split — at the space, or (no space) after the longest head that is
  a family name (the ``gimei`` list or SudachiDict's family names); either way the given part
  must be a given name of the lexicon or have SudachiDict's given-name sense;
* the given part is a person at each of its other occurrences that is set off as a word (the
  bounds of :mod:`~futoko_research.privacy.echoes`: a line start, space, punctuation or bracket
  before; a line end, punctuation, bracket, particle or honorific after, never another kanji)
  and overlaps no finding; a one-kanji part never inside a word written out letter by letter
  (修　了　証).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.echoes import free_occurrences
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import Candidate, lexicon_pos

_RE_SPACED_OUT = re.compile(r"[ \u3000][一-龥々](?:[ \u3000]|$)", re.M)
_RE_FULL = re.compile(r"(?P<f>[一-龥々]{1,4})(?P<sp>[ \u3000]?)(?P<g>[一-龥々]{1,3})")


def _given_sense(word: str) -> bool:
    return is_given_name(word) or any(p[1:4] == ("固有名詞", "人名", "名") for p in lexicon_pos(word))


def given_part(name: str) -> str | None:
    """The given part of a kanji full name (``None`` when it cannot be told).

    Examples
    --------
    >>> given_part("佐久間 凪"), given_part("久我陸"), given_part("学校")
    ('凪', '陸', None)
    """
    m = _RE_FULL.fullmatch(name)
    if not m:
        return None
    if m["sp"]:
        return m["g"] if _given_sense(m["g"]) else None
    for k in range(len(name) - 1, 0, -1):
        head, rest = name[:k], name[k:]
        if (is_family_name(head) or is_sudachi_family_name(head)) and _given_sense(rest):
            return rest
    return None


def given_parts(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the lone given parts of the module docstring."""
    givens = set()
    for c in cands:
        if c.kind == "person" and c.confidence >= 0.7:
            g = given_part(text[c.start:c.end])
            if g and g not in lx.NOT_NAMES and g not in lx.KIN_ROLE_WORDS and g not in lx.ROLE_SUFFIXES:
                givens.add(g)
    out = list(cands)
    for name in sorted(givens, key=len, reverse=True):
        for s, e in free_occurrences(text, name, out):
            if len(name) == 1 and _RE_SPACED_OUT.match(text, e):
                continue  # 修　了　証: a word written out letter by letter
            out.append(Candidate(s, e, "person", "given_part", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

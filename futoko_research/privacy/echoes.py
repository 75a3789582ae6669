"""Round 23: a name found by a late pass, at its other occurrences in the note.

A post-pass on the final findings (text coordinates). The first pass links every whole
occurrence of a certain name (:mod:`~futoko_research.privacy.coref`), but names that only the
later passes find (an enumeration ``みなと、りく、こはる、大知。``, a full name completed across a
space, a nickname) never reach it: a careful reader who has read ``大知`` in a list reads the
``大知、昨日…`` two lines down as the same child. Each certain person finding of a given or
family name of the lexicon (two to four hiragana, two or three kanji, two to six katakana; or
a nickname with a pet-name ending, or a nickname named so: ``表示名「ねこまる」``) is a person at its other occurrences that are set off:

* before by a line start, a space, punctuation, a bracket, a colon or a digit — or by と / や
  right after another person found (``みなととりくは``);
* after by a line end, a space, punctuation, a bracket, a particle, an honorific or a role;
  for a kanji name never another kanji (``大地震``), for a kana name never more kana that is no
  particle (``りくつ``, ``みなとみらい``);
* and the occurrence overlaps no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_name
from futoko_research.privacy.text import Candidate

_RE_NAME = re.compile(r"[ぁ-ゖ]{2,4}|[一-龥々]{2,3}|[ァ-ヺー]{2,6}|[ぁ-ゖ]{1,3}(?:っちゃん|っくん|っきー|っち|ぴ|ぽん|っぺ)")
_RE_PET = re.compile(r"(?:っちゃん|っくん|っきー|っち)$")
_BEFORE = "\n\t 　、。，．,.！？!?「」『』（）()【】［］[]：:・/／→0123456789０１２３４５６７８９"
_PARTICLE = re.compile(r"(?:は|が|も|と|に|の|を|へ|や|で|から|まで|より|って|さん|くん|ちゃん|君|様|先生|たち)")
_AFTER = "\n\t 　、。，．,.！？!?「」『』（）()【】［］[]：:・/／→〜~ー…"


def _kind(ch: str) -> str:
    if "\u3041" <= ch <= "\u3096":
        return "h"
    if "\u30a1" <= ch <= "\u30fa" or ch == "ー":
        return "k"
    if "\u4e00" <= ch <= "\u9fff" or ch == "々":
        return "c"
    return "o"


def free_occurrences(text: str, name: str, out: list[Candidate]) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of ``name`` in ``text`` that touches no candidate of ``out``
    and is set off as a word (:func:`set_off`); lazy, so candidates the caller appends to ``out``
    while iterating count for the later occurrences."""
    for m in re.finditer(re.escape(name), text):
        s, e = m.span()
        if any(c.start < e and s < c.end for c in out) or not set_off(text, s, e, out):
            continue
        yield s, e


def set_off(text: str, s: int, e: int, cands: list[Candidate]) -> bool:
    before = text[s - 1] if s else ""
    if before and before not in _BEFORE:
        if not (before in "とや" and any(c.kind == "person" and c.end == s - 1 for c in cands)):
            return False
    return ends_word(text, e)


def ends_word(text: str, e: int) -> bool:
    """True when a word may end at ``e``: a line end, a space, punctuation, a bracket, a particle,
    an honorific or a role after it; never another kanji, or kana that is no particle."""
    after = text[e:e + 1]
    if not after or after in _AFTER or _kind(after) == "o":
        return True
    if _kind(after) == "h":
        return _PARTICLE.match(text, e) is not None
    return text.startswith(tuple(lx.ROLE_SUFFIXES), e)


def spreadable_names(text: str, cands: list[Candidate]) -> set[str]:
    """The certain person findings of ``cands`` that are spread to their other occurrences: a
    given or family name of the lexicon, a pet-name nickname, or a nickname named so."""
    names = {text[c.start:c.end] for c in cands if c.kind == "person" and c.confidence >= 0.7}
    named = {text[c.start:c.end] for c in cands if c.kind == "person" and "named" in c.detector.split("+")}
    names = {n for n in names if (_RE_NAME.fullmatch(n) and (is_name(n) or _RE_PET.search(n))) or n in named}
    return names - (lx.NOT_NAMES | lx.NOT_HIRAGANA_NAMES)


def name_echoes(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the other occurrences of the module docstring."""
    names = spreadable_names(text, cands)
    out = list(cands)
    for name in sorted(names, key=len, reverse=True):
        for s, e in free_occurrences(text, name, out):
            out.append(Candidate(s, e, "person", "name_echo", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

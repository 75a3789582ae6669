"""Round 16: nicknames made with a pet-name ending, wherever they stand in a sentence.

A pet-name ending (っくん, っちゃん, ーちゃん, ーたん, ぴょん, っち) after a stem of one to three
hiragana or one to four katakana is a nickname (りっくん, まっちゃん先生, ゆいぴょん, ハルっち, みーたん).
Round 5's shape rule (:data:`~futoko_research.privacy.shapes.RE_PET_NAME`) only took such a word
when it stood apart from other hiragana; written in running hiragana (きのうはゆいぴょんの…,
りっくんきた) the stem starts after the last particle before it. The nickname keeps its ending
(span convention). Not nicknames: a word SudachiDict knows as an ordinary word (こっち, どっち,
ぼっち), reduplicated onomatopoeia (ぴょんぴょん), or っち followed by more hiragana that is no
particle (もっちり).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate, in_lexicon, is_lexicon_person

_ENDINGS = ("っちゃん", "っくん", "ーちゃん", "ーたん", "ぴょん", "っちー", "っち")
_RE_ENDING = re.compile("|".join(_ENDINGS))
_PARTICLES = "はがもとのをにへでや"
_SMALL = "っゃゅょぁぃぅぇぉゎんー"


def _kata(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def _stem(text: str, at: int) -> int:
    """Start of the stem of a pet name whose ending begins at ``at`` (``at`` when none)."""
    j = at
    while j > 0 and at - j < 4 and _kata(text[j - 1]):
        j -= 1
    if j < at:  # ハルっち: a katakana stem standing as a word
        return j if j == 0 or not _kata(text[j - 1]) else at
    i = at
    while i > 0 and "\u3041" <= text[i - 1] <= "\u3096":
        i -= 1
    run = text[i:at]
    if not run:
        return at
    start = i
    if len(run) > 3:  # a longer hiragana run: the stem starts after its last particle (きのうはゆいぴょん)
        k = max((n for n, ch in enumerate(run) if ch in _PARTICLES and len(run) - n - 1 in (1, 2, 3)), default=-1)
        if k < 0:
            return at
        start = i + k + 1
    while start < at and text[start] in _SMALL:
        start += 1
    return start


def pet_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the nicknames of the module docstring added."""
    out = list(cands)
    for m in _RE_ENDING.finditer(text):
        start = _stem(text, m.start())
        if start >= m.start():
            continue
        nick = text[start:m.end()]
        after = text[m.end():m.end() + 1]
        if m.group() == "っち" and after and "\u3041" <= after <= "\u3096" and after not in _PARTICLES:
            continue
        if m.group() == "っちー" and after and "\u3041" <= after <= "\u3096" and after not in _PARTICLES + "よ":
            continue  # みっちーより, not もっちーり
        if "ぴょ" in text[start:m.start()] or nick in lx.NOT_HIRAGANA_NAMES or nick in lx.NOT_NAMES:
            continue
        if in_lexicon(nick) and not is_lexicon_person(nick):
            continue
        hit = [c for c in out if c.start < m.end() and start < c.end]
        if any(c.kind != "person" or c.start < start or c.end > m.end() for c in hit):
            continue  # round 18: a person inside the nickname (ハル of ハルっち, みっち of みっちー) gives way
        out = [c for c in out if c not in hit]
        out.append(Candidate(start, m.end(), "person", "nickname", 0.75))
    return sorted(out, key=lambda c: (c.start, c.end))

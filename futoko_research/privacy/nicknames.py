"""Round 16: nicknames made with a pet-name ending, wherever they stand in a sentence.

A pet-name ending (っくん, っちゃん, ーちゃん, ーたん, ぴょん, っち) after a stem of one to three
hiragana or one to four katakana is a nickname (りっくん, まっちゃん先生, ゆいぴょん, ハルっち, みーたん).
Round 5's shape rule (:data:`~futoko_research.privacy.shapes.RE_PET_NAME`) only took such a word
when it stood apart from other hiragana; written in running hiragana (きのうはゆいぴょんの…,
りっくんきた) the stem starts after the last particle before it. The nickname keeps its ending
(span convention). Not nicknames: a word SudachiDict knows as an ordinary word (こっち, どっち,
ぼっち), reduplicated onomatopoeia (ぴょんぴょん), or っち followed by more hiragana that is no
particle (もっちり).

Round 23: っきー is an ending too (ゆっきー); a particle after a kanji or katakana word is no
part of the stem (クラスのみっちゃん, リストをりっくん: a span found so by another rule is cut);
っち before more hiragana is an ending before って (「すぎっちって呼ばれる」) or after a name found
in the note (ゆな … ゆなっちごめん).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate, in_lexicon, is_lexicon_person

_ENDINGS = ("っちゃん", "っくん", "ーちゃん", "ーたん", "ぴょん", "っちー", "っきー", "っち")
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
    if len(run) > 1 and start == i and (run[0] == "を" or (run[0] in "のとはがに" and i > 0 and _word_end(text[i - 1]))):
        start += 1  # クラスのみっちゃん, リストをりっくん: a particle after a word, not the stem (round 23)
    while start < at and text[start] in _SMALL:
        start += 1
    return start


def _word_end(ch: str) -> bool:
    return _kata(ch) or "\u4e00" <= ch <= "\u9fff" or ch == "々"


def pet_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the nicknames of the module docstring added."""
    out = []
    for c in cands:  # のみっちゃん, をりっくん found by a context rule: the particle is cut (round 23)
        span = text[c.start:c.end]
        if (c.kind == "person" and len(span) > 3 and _RE_ENDING.search(span, 2)
                and (span[0] == "を" or (span[0] in "のとはがに" and c.start > 0 and _word_end(text[c.start - 1])))
                and re.fullmatch(r"[ぁ-ゖ]+", span)):
            c = Candidate(c.start + 1, c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    people = {text[c.start:c.end] for c in out if c.kind == "person"}
    for m in _RE_ENDING.finditer(text):
        start = _stem(text, m.start())
        if start >= m.start():
            continue
        nick = text[start:m.end()]
        after = text[m.end():m.end() + 1]
        # っち before more hiragana (もっちり) is no ending, unless before って (「すぎっちって呼ばれる」) or
        # after a name found in the note (ゆな … ゆなっちごめん; round 23)
        if (m.group() == "っち" and after and "\u3041" <= after <= "\u3096" and after not in _PARTICLES
                and not text.startswith("って", m.end()) and text[start:m.start()] not in people):
            continue
        if m.group() == "っちー" and after and "\u3041" <= after <= "\u3096" and after not in _PARTICLES + "よ":
            continue  # みっちーより, not もっちーり
        if "ぴょ" in text[start:m.start()] or nick in lx.NOT_HIRAGANA_NAMES or nick in lx.NOT_NAMES:
            continue
        if in_lexicon(nick) and not is_lexicon_person(nick):
            continue
        hit = [c for c in out if c.start < m.end() and start < c.end]
        if any(c.kind != "person" or c.end > m.end()
               or (c.start < start and not (start - c.start == 1 and text[c.start] in _PARTICLES and nick in people))
               for c in hit):
            continue  # round 18: a person inside the nickname (ハル of ハルっち, みっち of みっちー) gives way
        out = [c for c in out if c not in hit]
        out.append(Candidate(start, m.end(), "person", "nickname", 0.75))
    return sorted(out, key=lambda c: (c.start, c.end))

"""Round 15: a given name written straight after a certain family name joins its span.

SudachiDict and GiNZA often tag only the family part of a full name written without a space
(三上琥珀様, 藤井結月 中3, 松井そよか, ``20432,杉本ももか,出``). When a person finding is exactly
a family name SudachiDict lists and is followed at once by

* one to three kanji that are a given name in the name lexicon, or two or three kanji
  SudachiDict does not know as a word, or
* two to four hiragana that are a given name, or a run SudachiDict does not know that does not
  start with a particle,

and the run ends at an edge (an honorific, a bracket, a space, punctuation, a cell separator,
the line end, or — after kanji — a hiragana particle), the span is extended over the run.
An honorific or role word right after the family name (三上先生, 松井さんと) and place or
organisation words (藤井市) are not given names.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import Candidate, in_lexicon, lexicon_pos

_KANJI = r"[\u4e00-\u9fff々]"
_HIRA = r"[\u3041-\u3096ー]"
_SUFFIXES = sorted(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES | {"先生"}, key=len, reverse=True)
_RE_SUFFIX = "|".join(map(re.escape, _SUFFIXES))
_EDGE = r"(?:$|[\s、。，,/／|｜・（(「『）)：:]|" + _RE_SUFFIX + ")"
_RE_KANJI_RUN = re.compile(rf"({_KANJI}{{1,3}}?)(?={_EDGE}|[はがをにでともへの])")
_RE_HIRA_RUN = re.compile(rf"({_HIRA}{{2,4}})(?={_EDGE})")
_PARTICLE_HEADS = tuple("はがをにでともへのやかよね")
#: a kanji after a family name that makes it a household or a form of address (田辺家訪問, 江口宅)
_HOUSEHOLD_HEADS = tuple("家宅邸方氏様殿君")


def _given_run(tail: str) -> int:
    """Length of the given name that ``tail`` opens with (0 when none)."""
    if any(tail.startswith(s) for s in _SUFFIXES):
        return 0
    m = _RE_KANJI_RUN.match(tail)
    if m:
        run = m.group(1)
        if is_given_name(run):
            return len(run)
        # an unknown run is a given name only when it is not a household word followed by a
        # known word (田辺家訪問 = 田辺 + 家 + 訪問)
        if (len(run) >= 2 and not in_lexicon(run) and not run.startswith(_HOUSEHOLD_HEADS)
                and not (len(run) >= 3 and in_lexicon(run[1:]))):
            return len(run)
        return 0
    m = _RE_HIRA_RUN.match(tail)
    if m:
        run = m.group(1)
        if any(p[0] in ("助詞", "助動詞") for p in lexicon_pos(run)):  # 岡田より, 上原まで
            return 0
        if is_given_name(run) or (not in_lexicon(run) and not run.startswith(_PARTICLE_HEADS)):
            return len(run)
    return 0


def extend_glued_given(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with family-name-only spans extended over a glued given name."""
    starts = {c.start for c in cands}
    for c in cands:
        if c.kind != "person" or not is_family_name(text[c.start:c.end]):
            continue
        n = _given_run(text[c.end:c.end + 12])
        if n and not any(s in starts for s in range(c.end, c.end + n)):
            c.end += n
    return cands

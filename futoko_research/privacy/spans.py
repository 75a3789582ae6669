"""Last span repairs, in a text's own coordinates (round 10).

Three shapes that the merged candidates get wrong, whoever wrote the note:

* a role's last character glued to the name after it: センター長 遠藤 正和 gave the person
  ``長 遠藤 正和`` (the role word is not in the role list, so the name rule started at its last
  kanji). A person span that opens with one role-suffix character (長, 員, 師, 士, 官) and a
  space, right after a kanji or katakana (センター長), starts after the space.
* a class counter glued to the name after it: 4ねん1くみ　ゆうま gave ``くみ　ゆうま``; a person
  span right after a digit that opens with ねん / くみ / さい and a space starts after the space.
* a grade read as a school: 石黒 大翔　小学3年 gave the school ``大翔　小学``. A school span that
  ends in 小学 / 中学 followed by a grade (3年, ３年生) is no school; it is dropped.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.fullnames import complete_names, split_person
from futoko_research.privacy.names import is_family_given, is_family_name, is_given_name, is_name
from futoko_research.privacy.text import Candidate

RE_ROLE_TAIL = re.compile(r"^[長員師士官][ \u3000]+")
RE_COUNTER_HEAD = re.compile(r"^(?:ねんせい|ねん|くみ|さい)[ \u3000]+")
RE_GRADE_AFTER = re.compile(r"^[0-9０-９一二三四五六]\s?年")
_HEADS = sorted(lx.KIN_ROLE_WORDS | lx.ROLE_PREFIXES | {"ともだち", "うち"}, key=len, reverse=True)
RE_HEAD_WORD = re.compile("^(?:" + "|".join(map(re.escape, _HEADS)) + ")(?:の)?[ \u3000]?")
RE_TAIL_WORD = re.compile(r"(?:家|訪問|宅|は|が|を|に|も)$")


def _lexicon_name(s: str) -> bool:
    """``s`` is a lexicon name, or a family and a given name of the lexicon (with or without a space)."""
    if is_name(s):
        return True
    parts = re.split(r"[ \u3000]", s)
    if len(parts) == 2:
        return is_family_name(parts[0]) and is_given_name(parts[1])
    return is_family_given(s)


def trim_name(span: str) -> tuple[int, int]:
    """How many characters to cut from the head and the tail of a person span so that a lexicon
    name is left (弟壮真 → 壮真, 担任大石 → 大石, ともだちの そうま → そうま, 泉家 → 泉, 久保木訪問 →
    久保木, れいは → れい); (0, 0) when the span is a name already or nothing is left that is one."""
    if _lexicon_name(span):
        return 0, 0
    head = RE_HEAD_WORD.match(span)
    h = head.end() if head and head.end() < len(span) else 0
    tail = RE_TAIL_WORD.search(span[h:])
    for cut_h, cut_t in ((h, 0), (0, len(tail.group()) if tail else 0), (h, len(tail.group()) if tail else 0)):
        rest = span[cut_h:len(span) - cut_t]
        if (cut_h or cut_t) and rest and _lexicon_name(rest):
            return cut_h, cut_t
    return 0, 0


def repair_spans(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the repairs above (changed in place; a dropped
    school is left out of the returned list)."""
    out = []
    for c in [p for c0 in complete_names(text, cands) for p in split_person(text, c0)]:
        span = text[c.start:c.end]
        if c.kind == "person" and c.start > 0 and re.match(r"[一-龥々ァ-ヺー]", text[c.start - 1]):
            m = RE_ROLE_TAIL.match(span)
            if m and c.end - c.start > m.end() + 1:
                c.start += m.end()
        if c.kind == "person" and c.start > 0 and text[c.start - 1].isdigit():
            m = RE_COUNTER_HEAD.match(span)
            if m and c.end - c.start > m.end() + 1:
                c.start += m.end()  # 4ねん1くみ　ゆうま: the counter of a class is no part of the name
        if c.kind == "person":
            h, t = trim_name(text[c.start:c.end])
            c.start, c.end = c.start + h, c.end - t
        if c.kind == "school" and re.search(r"(?:小学|中学)$", span) and RE_GRADE_AFTER.match(text[c.end:c.end + 4]):
            continue
        out.append(c)
    return out

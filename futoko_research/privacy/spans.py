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

from futoko_research.privacy.text import Candidate

RE_ROLE_TAIL = re.compile(r"^[長員師士官][ \u3000]+")
RE_COUNTER_HEAD = re.compile(r"^(?:ねんせい|ねん|くみ|さい)[ \u3000]+")
RE_GRADE_AFTER = re.compile(r"^[0-9０-９一二三四五六]\s?年")


def repair_spans(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the repairs above (changed in place; a dropped
    school is left out of the returned list)."""
    out = []
    for c in cands:
        span = text[c.start:c.end]
        if c.kind == "person" and c.start > 0 and re.match(r"[一-龥々ァ-ヺー]", text[c.start - 1]):
            m = RE_ROLE_TAIL.match(span)
            if m and c.end - c.start > m.end() + 1:
                c.start += m.end()
        if c.kind == "person" and c.start > 0 and text[c.start - 1].isdigit():
            m = RE_COUNTER_HEAD.match(span)
            if m and c.end - c.start > m.end() + 1:
                c.start += m.end()  # 4ねん1くみ　ゆうま: the counter of a class is no part of the name
        if c.kind == "school" and re.search(r"(?:小学|中学)$", span) and RE_GRADE_AFTER.match(text[c.end:c.end + 4]):
            continue
        out.append(c)
    return out

"""One-character codes of a table or a schedule are not names (round 17).

Attendance tables mark each day with one kanji (出 欠 遅 早 保 別 済), schedules label each line
with a weekday (金：学級通信, | 金 | 16:00 |). A one-kanji given name stands alone in a cell too,
so the rule reads the table around it, never the character:

* a one-character cell in a row that holds three one-character cells or more is a code;
* a one-character cell whose character fills another cell of the same text is a code (a name
  cell names one person; a mark repeats);
* a character explained by a legend (``保＝保健室登校``, ``済=確認済``) is a code;
* a weekday kanji as a cell or a line label (金：…) is a weekday when two weekdays or more stand
  so in the text.

A name followed by an honorific (金さん) is never a whole cell or a label, so it stays.
"""

from __future__ import annotations

import re
from collections import Counter

from futoko_research.privacy.text import Candidate

_WEEKDAYS = "月火水木金土日"
_SEP = r"\t|｜,，"
#: a one-character cell: the character between separators (or line ends), spaces around it
_RE_CELL = re.compile(rf"(?m)(?:^|[{_SEP}])[ \u3000]*(?P<ch>[^\s{_SEP}])[ \u3000]*(?=[{_SEP}]|$)")
#: a weekday labelling a line (金：…, ・金：…, 【金】…)
_RE_DAY_LABEL = re.compile(rf"(?m)^[ \u3000]*[・\-*●○]?[ \u3000]*[【\[（(]?(?P<ch>[{_WEEKDAYS}])[】\]）)]?[ \u3000]*[：:]")
_RE_LEGEND = re.compile(r"(?:^|[\s、,，※（(])(?P<ch>[^\s\d])[ \u3000]?[＝=][ \u3000]?[^\s＝=]")


def _code_positions(text: str) -> set[int]:
    """Start offsets of one-character cells and labels that are codes (see the docstring)."""
    cells = list(_RE_CELL.finditer(text))
    by_line: Counter[int] = Counter(text.count("\n", 0, m.start("ch")) for m in cells)
    by_char: Counter[str] = Counter(m.group("ch") for m in cells)
    legend = {m.group("ch") for m in _RE_LEGEND.finditer(text)}
    labels = list(_RE_DAY_LABEL.finditer(text))
    days = {m.group("ch") for m in labels} | {m.group("ch") for m in cells if m.group("ch") in _WEEKDAYS}
    out = set()
    for m in cells:
        ch, pos = m.group("ch"), m.start("ch")
        if (by_line[text.count("\n", 0, pos)] >= 3 or by_char[ch] >= 2 or ch in legend
                or (ch in _WEEKDAYS and len(days) >= 2)):
            out.add(pos)
    if len(days) >= 2:
        out.update(m.start("ch") for m in labels)
    for ch in legend:  # the key of the legend itself (保＝…)
        out.update(m.start("ch") for m in _RE_LEGEND.finditer(text) if m.group("ch") == ch)
    return out


def drop_cell_codes(text: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` without one-character person findings that are table codes or weekday labels."""
    singles = [c for c in found if c.kind == "person" and c.end - c.start == 1]
    if not singles:
        return found
    codes = _code_positions(text)
    return [c for c in found if not (c.kind == "person" and c.end - c.start == 1 and c.start in codes)]

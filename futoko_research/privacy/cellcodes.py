"""One-character codes of a table or a schedule are not names (round 17).

Attendance tables mark each day with one kanji (出 欠 遅 早 保 別 済), schedules label each line
with a weekday (金：学級通信, | 金 | 16:00 |). A one-kanji given name stands alone in a cell too,
so the rule reads the table around it, never the character:

* a one-character cell in a row that holds three one-character cells or more (letters or kanji,
  not a dash or a digit) is a code;
* a one-character cell whose character fills another cell of the same text is a code (a mark
  repeats), unless the character is a name of the name lexicon or a family name to Sudachi (嶋 and 堤
  recording twice);
* a character spelt out by a legend in a word that holds it (``保＝保健室登校``, ``済=確認済``) is
  a code (``林＝学級の女子`` says who 林 is);
* a weekday kanji as a cell or a line label (金：…) is a weekday when two weekdays or more stand
  so in the text.

A name followed by an honorific (金さん) is never a whole cell or a label, so it stays.

Round 18, provisional row labels: codes of one letter and a number that count the rows of a
list — the same letter, numbers 1, 2, 3 … in order of appearance, two codes or more — under a
column header that calls them provisional or anonymous (仮ID, 仮番号, 匿名ID, 暫定No: P01, P02,
P03) stand in for the people, they do not identify them; :func:`drop_row_labels` drops them as
ids. Row-counting codes under a plain 番号 header (A-01, A-02 of a case list) stay ids: writers
differ here, and a plain header gives no sign that the code is a stand-in.
"""

from __future__ import annotations

import re
from collections import Counter

from futoko_research.privacy.names import is_name
from futoko_research.privacy.text import Candidate, is_lexicon_surname

_WEEKDAYS = "月火水木金土日"
_SEP = r"\t|｜,，"
#: a one-character cell: the character between separators (or line ends), spaces around it
_RE_CELL = re.compile(rf"(?m)(?:^|[{_SEP}])[ \u3000]*(?P<ch>[^\s{_SEP}])[ \u3000]*(?=[{_SEP}]|$)")
#: a weekday labelling a line (金：…, ・金：…, 【金】…)
_RE_DAY_LABEL = re.compile(rf"(?m)^[ \u3000]*[・\-*●○]?[ \u3000]*[【\[（(]?(?P<ch>[{_WEEKDAYS}])[】\]）)]?[ \u3000]*[：:]")
_RE_LEGEND = re.compile(r"(?:^|[\s、,，※（(])(?P<ch>[^\s\d])[ \u3000]?[＝=][ \u3000]?(?P<word>[^\s＝=、,，）)]+)")


def _code_positions(text: str) -> set[int]:
    """Start offsets of one-character cells and labels that are codes (see the docstring)."""
    cells = list(_RE_CELL.finditer(text))
    by_line: Counter[int] = Counter(text.count("\n", 0, m.start("ch")) for m in cells
                                    if m.group("ch").isalpha())  # a dash or a digit is no mark
    by_char: Counter[str] = Counter(m.group("ch") for m in cells)
    # a legend spells the code out in a word that holds it (保＝保健室登校, 済=確認済); 林＝学級の女子
    # explains who a name is
    legend = {m.group("ch") for m in _RE_LEGEND.finditer(text) if m.group("ch") in m.group("word")}
    labels = list(_RE_DAY_LABEL.finditer(text))
    days = {m.group("ch") for m in labels} | {m.group("ch") for m in cells if m.group("ch") in _WEEKDAYS}
    out = set()
    for m in cells:
        ch, pos = m.group("ch"), m.start("ch")
        if (by_line[text.count("\n", 0, pos)] >= 3 or (by_char[ch] >= 2 and not is_name(ch) and not is_lexicon_surname(ch)) or ch in legend
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


_RE_ROW_LABEL = re.compile(r"([A-Za-z])-?([0-9]{1,3})")


def drop_row_labels(text: str, found: list) -> list:
    """``found`` without ids that count the rows of a list (P01, P02, P03 …; round 18)."""
    if not re.search(r"(?m)^[ \t\u3000]*(?:仮|匿名|暫定)(?:ID|番号|No|コード)", text):
        return found
    ids = [(c, _RE_ROW_LABEL.fullmatch(text[c.start:c.end])) for c in found if c.kind == "id"]
    ids = [(c, m) for c, m in ids if m]
    drop: set[int] = set()
    for letter in {m.group(1) for _, m in ids}:
        mine = [(c, int(m.group(2))) for c, m in ids if m.group(1) == letter]
        if len(mine) >= 2 and [n for _, n in mine] == list(range(1, len(mine) + 1)):
            drop.update(id(c) for c, _ in mine)
    return [c for c in found if id(c) not in drop] if drop else found

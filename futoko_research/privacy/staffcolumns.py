"""Round 24: family names with a second sense in a table column that holds people.

Rosters and logs exported as tab- or comma-separated tables name the child, the parent and the
member of staff who dealt with them in columns headed 氏名, 保護者名, 対応, 担当, 記入者 …
(``5/13\\tKS-0412\\t…\\t10:05\\t12:30\\t三輪\\t卓球``). A post-pass on the final findings (text
coordinates): in a block of lines split by tabs or commas whose first line (the header) has
three cells or more, a cell under a person header that is one to three kanji with SudachiDict's
family-name sense (:func:`~futoko_research.privacy.staffslots.family_sense`) is a person, in
rows with as many cells as the header. A cell under any other header stays as it is.
"""

from __future__ import annotations

import re

from futoko_research.privacy.staffslots import family_sense
from futoko_research.privacy.text import Candidate

#: headers of a column of people (a staff member who dealt with the row, a child, a parent)
PERSON_HEADERS = frozenset({
    "氏名", "名前", "児童名", "生徒名", "児童生徒", "児童生徒名", "保護者", "保護者名", "本人", "相談者",
    "対応", "対応者", "担当", "担当者", "記入者", "記録者", "受付者", "確認者", "通訳", "通訳者", "引率",
    "指導員", "相談員", "講師",
})
_RE_KANJI = re.compile(r"[一-龥々]{1,3}")


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in line.split(sep):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans


def staff_columns(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the people of person columns (module docstring)."""
    out = list(cands)
    lines, offsets, pos = text.split("\n"), [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    header: tuple[str, list[int], int] | None = None
    for line, off in zip(lines, offsets):
        sep = "\t" if line.count("\t") >= 2 else "," if line.count(",") >= 2 else ""
        if not sep:
            header = None
            continue
        cells = [line[s:e].strip() for s, e in _cells(line, sep)]
        if header is None or header[0] != sep or len(cells) != header[2]:
            cols = [i for i, c in enumerate(cells) if c in PERSON_HEADERS]
            header = (sep, cols, len(cells)) if len(cells) >= 3 else None
            continue
        for i in header[1]:
            s, e = _cells(line, sep)[i]
            word = line[s:e].strip()
            if not _RE_KANJI.fullmatch(word) or not family_sense(word):
                continue
            s = off + s + line[s:e].index(word)
            e = s + len(word)
            if not any(c.start < e and s < c.end for c in out):
                out.append(Candidate(s, e, "person", "staff_column", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

"""Person spans completed to a whole full name of the lexicon (round 11).

Two span shapes that the merged candidates cut short or run on, whoever wrote the note:

* a kanji full name written with no space (鳴海碧斗): the person span covers only part of a run
  of kanji (鳴海碧). When the whole run (4 to 6 kanji) splits into a family name
  (:func:`~futoko_research.privacy.names.is_family_name`, which includes SudachiDict's family
  names) and a given name of the lexicon, and the span is a head or a tail of the run on that
  split or across it, the span becomes the whole run;
* a name that runs over a line break into one character of the next line (宮崎 晴翔\\n生 of a
  form whose next line is 生年月日): when what stands before the break is a family and a given
  name of the lexicon, the span ends at the break.

Round 13 adds two general cuts (:func:`split_person`): a person span that still crosses a line
break (ミナ\n颯, 有村\nＨ of a list or a table) becomes one span per line, keeping the pieces of two
characters or more, a lexicon name or a Latin initial, unless the pieces together are a family
and a given name (山\n田太郎 and 山田\n太郎 are one name wrapped); and two family names joined by ・
that are no family and given name (細川・樋口 of a rota) become two spans.
"""

from __future__ import annotations

import re
from dataclasses import replace

from futoko_research.privacy.names import is_family_given, is_family_name, is_given_name, is_name
from futoko_research.privacy.text import Candidate

RE_KANJI_RUN = re.compile(r"[一-龥々]+")


def _full_name(s: str) -> bool:
    parts = re.split(r"[ \u3000]+", s.strip(" \u3000"))
    return len(parts) == 2 and is_family_name(parts[0]) and is_given_name(parts[1])


def complete_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the person spans completed or cut as above (in place)."""
    runs = [(m.start(), m.end()) for m in RE_KANJI_RUN.finditer(text) if 4 <= len(m.group()) <= 6]
    for c in cands:
        if c.kind != "person":
            continue
        for s, e in runs:
            if s <= c.start and c.end <= e and (c.start, c.end) != (s, e) and is_family_given(text[s:e]):
                c.start, c.end = s, e
                break
        span = text[c.start:c.end]
        if "\n" in span:
            head, _, tail = span.rpartition("\n")
            if len(tail.strip()) == 1 and _full_name(head):
                c.end = c.start + len(head.rstrip(" \u3000"))
    return cands


def _keep_piece(piece: str) -> bool:
    return len(piece) >= 2 or is_name(piece) or bool(re.fullmatch(r"[A-Za-zＡ-Ｚａ-ｚ]", piece))


def split_person(text: str, c: Candidate) -> list[Candidate]:
    """``c`` cut at line breaks and at a ・ between two family names (see above); ``[c]`` when
    nothing is cut."""
    if c.kind != "person":
        return [c]
    span = text[c.start:c.end]
    lines = [x.strip(" \u3000") for x in span.split("\n")]
    if len(lines) > 1 and is_family_given("".join(lines)):
        return [c]  # 山\n田太郎, 山田\n太郎: one name wrapped over two lines
    out = []
    pos = c.start
    for line in span.split("\n"):
        lead = len(line) - len(line.lstrip(" \u3000"))
        piece = line.strip(" \u3000")
        if piece and _keep_piece(piece):
            out.append(replace(c, start=pos + lead, end=pos + lead + len(piece)))
        pos += len(line) + 1
    if not out:
        return [c]
    cut = []
    for p in out:
        parts = text[p.start:p.end].split("・")
        if len(parts) == 2 and all(re.fullmatch(r"[一-龥々]{2,3}", x) for x in parts) \
                and all(is_family_name(x) for x in parts) and not is_given_name(parts[1]):
            mid = p.start + len(parts[0])
            cut += [replace(p, end=mid), replace(p, start=mid + 1)]
        else:
            cut.append(p)
    return cut

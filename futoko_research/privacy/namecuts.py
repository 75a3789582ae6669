"""Round 22: a name cut short where the note writes it again, and weekdays heading a row.

A post-pass on the final findings (text coordinates), on the document-level consistency a
careful reader relies on:

* **A name cut short** (``翔琉は朝…`` found, then ``翔琉本人は`` found as ``翔``): a person
  finding that is the start of a longer person found elsewhere in the same text, where the text
  goes on with the rest of that name, is extended to it (the dictionary cut the second
  occurrence differently).
* **A weekday heading a schedule row** (``月　和真　2校時のみ``, ``木　和真　給食〜5校時``): a
  weekday kanji that opens a line, followed by a space, is cut off a person finding that starts
  with it, when what is left is a person found elsewhere in the note or a name of two
  characters or more.
"""

from __future__ import annotations

import re

from futoko_research.privacy.text import Candidate

_RE_WEEKDAY_HEAD = re.compile(r"[月火水木金土日](?:曜日?)?[ \u3000]+")


def _extend_prefixes(text: str, cands: list[Candidate]) -> list[Candidate]:
    names = {text[c.start:c.end] for c in cands if c.kind == "person" and c.confidence >= 0.7}
    out = []
    for c in cands:
        span = text[c.start:c.end]
        if c.kind == "person":
            longer = sorted((n for n in names if len(n) > len(span) and n.startswith(span)
                             and text.startswith(n, c.start)), key=len, reverse=True)
            if longer and not any(o is not c and o.start < c.start + len(longer[0]) and c.end <= o.start
                                  for o in cands):
                c = Candidate(c.start, c.start + len(longer[0]), c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def _cut_weekdays(text: str, cands: list[Candidate]) -> list[Candidate]:
    names = {text[c.start:c.end] for c in cands if c.kind == "person"}
    out = []
    for c in cands:
        at_line_start = c.start == 0 or text[c.start - 1] == "\n"
        m = _RE_WEEKDAY_HEAD.match(text[c.start:c.end]) if c.kind == "person" and at_line_start else None
        if m:
            rest = text[c.start + m.end():c.end]
            if rest in names or len(rest) >= 2:
                c = Candidate(c.start + m.end(), c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def name_cuts(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the repairs of the module docstring."""
    out = _cut_weekdays(text, _extend_prefixes(text, cands))
    uniq = {(c.start, c.end, c.kind): c for c in out}
    return sorted(uniq.values(), key=lambda c: (c.start, c.end))

"""Round 18: user handles as chat speakers, and a postcode right before an address.

* **A handle that speaks on two lines or more** of a chat log (``[ch] kuro_neko77: …``,
  ``10:01 Yuki T.: …``): a Latin user name (letters and digits joined by ``_`` or ``.``, or
  letters ending in two digits or more) or a romanised name with an initial, at the start of a
  line (after a bracketed channel or a time) before a colon, is a person at every occurrence in
  the text; a name found inside it (Yuki of Yuki T.) gives way. A field label (user_id:,
  student_no:) is no speaker, and a handle speaking once may be a label.
* **A postcode right before an address** (``370-1203 大字中大類字北浦 455番地``): an uncertain
  postcode whose next word is an address found is certain.
"""

from __future__ import annotations

import re

from futoko_research.privacy.tablecols import ENGLISH_HEADERS
from futoko_research.privacy.text import Candidate

RE_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:[\[【(][^\]】)\n]{1,20}[\]】)][ \t]*|[0-9]{1,2}:[0-9]{2}[ \t]+)?"
    r"(?P<h>[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|[A-Za-z]{2,}[0-9]{2,}|[A-Z][a-z]+ [A-Z]\.)[ \t]*[:：]"
)
_RE_FIELD = re.compile(r"(?i)(?:^|_)(?:id|no|name|code|num|number|date|type)$")


def chat_handles(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the repeated chat handles of the module docstring as persons."""
    seen: dict[str, int] = {}
    for m in RE_SPEAKER.finditer(text):
        seen[m.group("h")] = seen.get(m.group("h"), 0) + 1
    out = list(cands)
    for h, n in seen.items():
        if n < 2 or h.lower() in ENGLISH_HEADERS or _RE_FIELD.search(h):
            continue
        for m in re.finditer(r"(?<![A-Za-z0-9_.])" + re.escape(h) + r"(?![A-Za-z0-9_])", text):
            hit = [c for c in out if c.start < m.end() and m.start() < c.end]
            if any(c.kind != "person" or c.start < m.start() or c.end > m.end() for c in hit):
                continue
            out = [c for c in out if c not in hit] + [Candidate(m.start(), m.end(), "person", "handle", 0.8)]
    return sorted(out, key=lambda c: (c.start, c.end))


def postcodes_before_addresses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Uncertain postcodes followed (after spaces) by an address finding become certain."""
    starts = {c.start for c in cands if c.kind == "address"}
    for c in cands:
        if c.kind == "postcode" and c.confidence < 0.7:
            m = re.match(r"[ \t\u3000]+", text[c.end:])
            if m and c.end + m.end() in starts:
                c.confidence = 0.9
    return cands

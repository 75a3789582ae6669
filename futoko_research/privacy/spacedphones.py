"""Round 21: phone numbers written with spaces, and toll-free numbers.

A post-pass on the final findings (text coordinates):

* **A phone number with spaces around its separators or between its digits**
  (``090 - 6218 - 4470``, ``026 - 488 - 3012``, OCR's ``0 9 0-7 7 1 2-4 0 8 3``): a run that
  starts with 0 and has three groups of digits joined by a hyphen, with spaces allowed around
  the hyphens and between single digits, is a phone number when, without the spaces, it has
  ten or eleven digits. Findings of another kind inside it (an id, a date) give way. A run with
  no space is left to the phone detector; a date or a count (``2024 - 10 - 12``) does not start
  with 0.
* **A toll-free number is no one's phone** (``0120-007-110``, ``0800-100-2222``): a phone
  finding whose digits start with 0120 or 0800 (free dial, a service's or a hotline's number,
  never a household's) is dropped.
* **A mobile number under a generic number label is a phone** (round 23; ``送信元番号 070-6613-2058``):
  an id finding that is a mobile or IP phone number (070 / 080 / 090 / 050, three hyphenated
  groups of 3-4-4 digits) is a phone, unless an id label (ID, 受付, 整理, 管理, 学籍, ケース, 登録,
  会員) stands just before it.
"""

from __future__ import annotations

import re
import unicodedata

from futoko_research.privacy.text import Candidate

_D = r"[0-9０-９]"
_SP = r"[ 　]"
_HY = r"[-－‐−]"
_RE_SPACED = re.compile(
    rf"(?<![0-9０-９A-Za-z])[0０](?:{_SP}?{_D}){{1,4}}"
    rf"(?:{_SP}*{_HY}{_SP}*{_D}(?:{_SP}?{_D}){{0,3}}){{2}}(?![0-9０-９])"
)
_FREE_DIAL = ("0120", "0800")


def _digits(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s) if ch.isdigit())


def _spaced_phones(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_SPACED.finditer(text):
        span = m.group()
        if not re.search(_SP, span) or len(_digits(span)) not in (10, 11):
            continue
        start, end = m.start(), m.end()
        hit = [c for c in cands if c.start < end and start < c.end]
        if any(c.kind == "phone" and c.start <= start and c.end >= end for c in hit):
            continue
        if any(c.start < start or c.end > end for c in hit):
            continue  # a longer finding (an address, a name) runs across it
        cands = [c for c in cands if c not in hit]
        cands.append(Candidate(start, end, "phone", "spaced_phone", 0.9))
    return sorted(cands, key=lambda c: (c.start, c.end))


_RE_MOBILE = re.compile(r"0[5789]0-[0-9]{4}-[0-9]{4}")
_RE_ID_LABEL = re.compile(r"(?:ID|Id|受付|整理|管理|学籍|ケース|登録|会員)[^\n]{0,6}$")


def _mobile_ids(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        if c.kind == "id" and _RE_MOBILE.fullmatch(text[c.start:c.end]) \
                and not _RE_ID_LABEL.search(text, max(0, c.start - 12), c.start):
            c = Candidate(c.start, c.end, "phone", c.detector, c.confidence)
        out.append(c)
    return out


def spaced_phones(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the phone rules of the module docstring."""
    cands = [c for c in _mobile_ids(text, cands)
             if not (c.kind == "phone" and _digits(text[c.start:c.end]).startswith(_FREE_DIAL))]
    return _spaced_phones(text, cands)

"""Round 22: staff initials in meeting minutes, and their other occurrences in the note.

A post-pass on the final findings (text coordinates). Minutes often name their participants by
initials, with the role in brackets or inside the bracket of their office, and then refer to
them by the same letters in the action list:

* **Initials before a bracketed role** (``出：KT（校長）、HM（教頭）、SY（担）``): one or two
  capitals (or ``K.T.``) directly before ``（校長）``, ``（担任）``, ``（養）`` … — a short staff or
  family role. Two-letter abbreviations of roles and things (SC, CW, PC, DV …) are no one.
* **Initials listed in the bracket of an office on a participants line**
  (``参加機関：子ども家庭支援センター（T、N）``): a bracket holding only two or more such
  initials, separated by ``、`` or ``・``, on a line labelled 参加 / 出席 / 出.
* **Their other occurrences**: every initial found so (or found by an earlier pass as a
  certain person) is a person wherever it stands alone before ``→``, a bracket, a colon,
  ``、``, an honorific or a space (``・SY→朝の迎え``, ``センター T→母面接``) — never inside a Latin
  word or before katakana (``Tシャツ``).
* Round 23: initials in full-width letters (``Ｏ（訪問看護）``), after a doctor's title
  (``Ｄｒ．Ｋ（主治医）``), before a role after its office (``Ｔ（中学校・担任）``) or a medical or
  welfare role (主治医, 訪問看護, 相談支援専門員); dotted initials before a bracket that opens with a
  grade (``A.S.（現2年・女）``, ``Ｈ．Ｍ（中１）``); occurrences before 。 too. Dotted letters of a
  country (U.S.) are no one.
* A pseudonym the detector wrote itself (``人物EA（母）``) is left alone.
* **Attendance heads**: ``出`` or ``欠`` opening a minutes line before a colon abbreviates
  出席 / 欠席 and is no one's name.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate

_L = "[A-ZＡ-Ｚ]"
#: one or two capitals, or dotted ones (K.T., Ｈ．Ｍ), half- or full-width; maybe after a doctor's title
_INIT = rf"(?:(?:Dr[.．]|Ｄｒ[.．])?(?:{_L}{{1,2}}|{_L}[.．]{_L}[.．]?))"
_DOTTED = rf"{_L}[.．]{_L}[.．]?"
_ROLES = (
    "校長|副校長|教頭|担任|副担任|副担|担|学年主任|学年|主任|教務|生指|生徒指導|養護教諭|養護|養|"
    "特支|特支Co|コーディネーター|Co|SC|SSW|保健師|相談員|指導主事|主事|司書|事務|支援員|母|父|祖母|祖父|"
    "主治医|医師|看護師|訪問看護|相談支援専門員|相談支援|専門員|ケースワーカー|CW|心理士|公認心理師|指導員"
)
#: a role in brackets, maybe after its office and ・ (（中学校・担任）; round 23)
_RE_ROLE = re.compile(rf"(?<![A-Za-z0-9_.@Ａ-Ｚａ-ｚ０-９])(?P<i>{_INIT})[（(](?:[^（）()\n、]{{1,8}}[・/／])?(?:{_ROLES})[)）]")
#: dotted initials before a bracket that opens with a grade (A.S.（現2年・女）, Ｈ．Ｍ（中１）; round 23)
_RE_GRADE = re.compile(rf"(?<![A-Za-z0-9_.@Ａ-Ｚａ-ｚ０-９])(?P<i>{_DOTTED})[（(]現?(?:[小中高][1-6１-６]|[1-6１-６]年)")
_RE_PARTICIPANTS = re.compile(r"(?m)^.*(?:参加|出席|出[：:]).*$")
_RE_BRACKET = re.compile(rf"[（(](?P<body>{_INIT}(?:[、・,，]{_INIT})+)[)）]")
#: two-letter abbreviations that are no one's initials
_NOT_INITIALS = frozenset({
    "SC", "CW", "PC", "TV", "DV", "LD", "OD", "AD", "HR", "ST", "OT", "PT", "IT", "NG", "OB", "OG",
    "PA", "QA", "ID", "UD", "JR", "AM", "PM", "MT", "TT", "SE", "CD", "DM", "SS", "GW", "US", "UK", "EU", "PS",
})
_RE_FOLLOW = r"(?=[→⇒（(：:、，,)）。]|さん|氏|先生|[ \u3000\t]|$)"
#: attendance abbreviations heading a minutes line (出：…, 欠：…) are no one
_RE_ATTEND = re.compile(r"(?m)^[ \u3000]*(?:出|欠|出席|欠席)(?=[：:])")


def _initials(text: str, cands: list[Candidate]) -> set[str]:
    found = {m.group("i") for m in (*_RE_ROLE.finditer(text), *_RE_GRADE.finditer(text))
             if not text[:m.start()].endswith("人物")}
    for line in _RE_PARTICIPANTS.finditer(text):
        for m in _RE_BRACKET.finditer(line.group()):
            found.update(re.split(r"[、・,，]", m.group("body")))
    for c in cands:
        s = text[c.start:c.end]
        if c.kind == "person" and c.confidence >= 0.7 and re.fullmatch(_INIT, s):
            found.add(s)
    return {i for i in found if re.sub(r"[.．]", "", i) not in _NOT_INITIALS}


def minute_initials(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the initials of the module docstring as persons."""
    masked = [m.span() for m in lx.RE_PSEUDONYM.finditer(text)]  # 人物EA（母）: already a pseudonym
    heads = {(m.start(), m.end()) for m in _RE_ATTEND.finditer(text)}
    out = [c for c in cands if not (c.kind == "person" and (c.start, c.end) in heads)]
    for ini in sorted(_initials(text, cands), key=len, reverse=True):
        for m in re.finditer(rf"(?<![A-Za-z0-9_.@\-/Ａ-Ｚａ-ｚ０-９])(?<![A-ZＡ-Ｚ]．){re.escape(ini)}(?![A-Za-z0-9_@\-/Ａ-Ｚａ-ｚ０-９])"
                             rf"{_RE_FOLLOW}", text,
                             flags=re.M):
            s, e = m.span()
            if any(c.start < e and s < c.end for c in out) or any(a < e and s < b for a, b in masked):
                continue
            out.append(Candidate(s, e, "person", "minute_initials", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

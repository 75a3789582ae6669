"""Round 19: record numbers and addresses read from the shape of a line.

Post-passes on the final findings (text coordinates):

* **A numbered document** (``受験番号 第1047号``, ``受付第25-07号``, a case sheet headed
  ``第24-031号``): 第 + a number + 号 is an id after a label ending in 番号 or after 受付 / 受理,
  or when it fills a line alone with three digits or more. 規則第12号 (no label), a letter's own
  number after its title (SSW派遣依頼書　第2024-047号: the office's, not a person's), 第3号 and
  第2回 stay.
* **A code opening a row whose next cell is a person** (``24-0087　風間悠斗　6-2``,
  ``1124-03,東野結愛,南小``, ``No.07 ベルナルド・カズキ`` on two lines or more): the code (four
  digits or more, or two hyphenated numbers; after ``No.`` two digits or more) is an id. A year
  (2024　山田太郎), a time (10:00 山田) and a list number (1　山田) stay.
* round 30: **a code closing its label's line** (``受験番号　２０４７``, ``カルテ 0057218``) before a
  line the detectors' joined view reads as running on (``2047志願者``); no phone, room or seat number.
* round 30: **a research participant's code**: an interview code (``IV-07``, ``IV12``) anywhere, and a
  code opening a line before a description of the person (``T-03（元担任・男性・50代）``).
* round 30: **a letter code or a certificate number opening a row** (``・[K-12] 佐久間 結衣``,
  ``R-240801-01　五十嵐 佳奈``, ``第1201号	菅野　蒼太``), bracketed or after a bullet, when a certain
  person is the next cell.
* **Attendance numbers opening list lines** (``・2-3-14 腹痛``, ``・1-5-22 別室登校`` — grade,
  class, number): three hyphenated numbers, the last of two digits, opening two lines or more
  before a space and Japanese text. One such line, or a code after a place (an address), stays.
* **A housing-estate flat** (``常盤平団地7-304``, ``コスモ団地 5-304``): a name ending in 団地 and
  a building-room number (N-NNN) is an address, one span with an address right before it and a
  space. 団地 3-2 で (no room of three digits) stays.
* **An address label caught at the head of an address** (``送付先　市川市…``) is cut off.
* **A kana town name after the municipality** (``南条市ひばりが丘二丁目…`` found from が丘): the
  kana between 市 / 区 / 町 / 村 / 郡 and the address joins it; a particle first (市の…) does not.
"""

from __future__ import annotations

import re
import unicodedata

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.idcodes import NOT_ID_LABEL
from futoko_research.privacy.text import Candidate

_RE_NUMBERED = re.compile(
    r"(?P<lab>(?:[一-龥ァ-ヺー]{0,6}番号|受付|受理)[ \t\u3000：:]*)?(?P<id>第(?P<n>[0-9]{2,}(?:-[0-9]{2,})?)号)")
_RE_ROW_CODE = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?P<no>No\.?|NO\.?|№)[ \t]?)?(?P<code>[0-9]{2,8}(?:-[0-9]{2,6})?)(?P<sep>[ \t\u3000,]+)")
#: round 30: a letter code or a certificate number opening a row, in brackets or after a bullet
#: (・[K-12] 佐久間 結衣, R-240801-01　五十嵐 佳奈, 第1201号	菅野　蒼太)
_RE_ROW_LETTER_CODE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[・●\-*][ \t\u3000]*)?[\[［(（]?(?P<code>[A-Za-z]{1,3}-[0-9]{2,6}(?:-[0-9]{2,4})?|第[0-9]{3,6}号)"
    r"[\]］)）]?(?P<sep>[ \t\u3000,]+)")
#: round 30: a code closing the line of its label (受験番号　２０４７⏎志願者…): read on the original text,
#: as the detectors' view joins the lines (2047志願者) and the code seems to run on
_RE_LINE_END_CODE = re.compile(
    r"(?m)(?<![一-龥ァ-ヺー])(?P<label>[一-龥ァ-ヺー]{1,6}番号|カルテ|診察券)[ \t\u3000]*[:：]?[ \t\u3000]*(?:第[ \t\u3000]*)?"
    r"(?P<code>[0-9０-９A-Za-zＡ-Ｚ][0-9０-９A-Za-zＡ-Ｚ\-－]{1,15})(?:[ \t\u3000]*号)?[ \t\u3000]*$")
#: round 30: a research participant's code — an interview code (IV-07, IV12) anywhere, or a code opening a
#: line before a description of the person (T-03（元担任・男性・50代）, SC-01（スクールカウンセラー…）)
_RE_INTERVIEW_CODE = re.compile(r"(?<![A-Za-z0-9])(?P<code>IV-?[0-9]{2,3})(?![0-9A-Za-z])")
_RE_PARTICIPANT_LINE = re.compile(
    r"(?m)^[ \t\u3000【\[]*(?P<code>[A-Z]{1,3}-?[0-9]{2,3})[】\]]?[ \t\u3000]*[（(]"
    r"(?=[^）)\n]{0,30}(?:性|代|歳|母|父|担任|教諭|教員|生徒|児童|保護者|カウンセラー|心理士|ワーカー))")
_RE_ATTENDANCE = re.compile(r"(?m)^[ \t\u3000]*[・●○\-*＊]?[ \t\u3000]*(?P<code>[0-9]-[0-9]{1,2}-[0-9]{2})[ \t\u3000]+(?=[一-龥ぁ-ゖァ-ヺ])")
_RE_DANCHI = re.compile(r"[一-龥々ァ-ヺー]{1,10}団地[ \u3000]?[0-9]{1,2}-[0-9]{3,4}(?![0-9-])")
_RE_LABEL_HEAD = re.compile(lx.RE_ADDRESS_LABEL.pattern.lstrip("^").rstrip("*").replace(r"[\s:：は]", r"[\s:：]") + "+")


def _free(cands: list[Candidate], s: int, e: int) -> bool:
    return not any(c.start < e and s < c.end for c in cands)


def _add(cands: list[Candidate], new: Candidate) -> list[Candidate]:
    return sorted([*cands, new], key=lambda c: (c.start, c.end))


def _numbered(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_NUMBERED.finditer(text):
        s, e = m.start("id"), m.end("id")
        alone = (re.fullmatch(r"[ \t\u3000]*", text[text.rfind("\n", 0, s) + 1:s])
                 and re.match(r"[ \t\u3000]*(?:\n|$)", text[e:]) and len(m.group("n")) >= 3)
        if (m.group("lab") or alone) and _free(cands, s, e):
            cands = _add(cands, Candidate(s, e, "id", "docno", 0.85))
    return cands


def _row_codes(text: str, cands: list[Candidate]) -> list[Candidate]:
    rows = list(_RE_ROW_CODE.finditer(text))
    numbered = sum(1 for m in rows if m.group("no"))
    for m in [*rows, *_RE_ROW_LETTER_CODE.finditer(text)]:
        code = m.group("code")
        if m.re is _RE_ROW_LETTER_CODE:
            pass  # a letter code or 第…号: only its neighbour decides
        elif m.group("no"):
            if numbered < 2:
                continue
        elif "-" not in code and (len(code) < 5 and not (len(code) == 4 and code[0] == "0")):
            continue  # a year (2024), a list number (1, 12)
        s, e = m.start("code"), m.end("code")
        nxt = m.end()
        person = any(c.kind == "person" and c.start == nxt and c.confidence >= 0.7 for c in cands)
        if person and _free(cands, s, e):
            cands = _add(cands, Candidate(s, e, "id", "rowcode", 0.85))
    return cands


def _participant_codes(text: str, cands: list[Candidate]) -> list[Candidate]:
    for rx in (_RE_INTERVIEW_CODE, _RE_PARTICIPANT_LINE):
        for m in rx.finditer(text):
            if _free(cands, *m.span("code")):
                cands = _add(cands, Candidate(*m.span("code"), "id", "participant_code", 0.8))
    return cands


def _line_end_codes(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_LINE_END_CODE.finditer(text):
        s, e = m.span("code")
        if NOT_ID_LABEL.search(m["label"]) or sum(ch.isdigit() for ch in unicodedata.normalize("NFKC", m["code"])) < 2:
            continue
        if _free(cands, s, e):
            cands = _add(cands, Candidate(s, e, "id", "idcode", 0.85))
    return cands


def _attendance(text: str, cands: list[Candidate]) -> list[Candidate]:
    rows = list(_RE_ATTENDANCE.finditer(text))
    if len(rows) < 2:
        return cands
    for m in rows:
        if _free(cands, m.start("code"), m.end("code")):
            cands = _add(cands, Candidate(m.start("code"), m.end("code"), "id", "rowcode", 0.8))
    return cands


def _danchi(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_DANCHI.finditer(text):
        s, e = m.start(), m.end()
        if any(c.start < e and s < c.end and c.kind != "address" for c in cands):
            continue
        before = [c for c in cands if c.kind == "address" and c.end <= s
                  and re.fullmatch(r"[ \u3000]", text[c.end:s])]
        inside = [c for c in cands if c.kind == "address" and c.start < e and s < c.end]
        if before:
            s = before[-1].start
        keep = [c for c in cands if c not in before and c not in inside]
        cands = _add(keep, Candidate(s, e, "address", "danchi", 0.85))
    return cands


def _address_ends(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        if c.kind == "address":
            m = _RE_LABEL_HEAD.match(text, c.start)
            if m and m.end() < c.end:
                c = Candidate(m.end(), c.end, c.kind, c.detector, c.confidence)
            k = re.search(r"[市区町村郡](?P<k>[ぁ-ゖ]{2,6})$", text[max(0, c.start - 12):c.start])
            if k and not re.match(r"[のはがをにへでとも]", k.group("k")):
                c = Candidate(c.start - len(k.group("k")) - 1, c.end, c.kind, c.detector, c.confidence)
                while c.start > 0 and re.match(r"[一-龥々ヶ]", text[c.start - 1]):
                    c = Candidate(c.start - 1, c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def code_lines(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the ids and addresses of the module docstring."""
    cands = _participant_codes(text, _line_end_codes(text, _attendance(text, _row_codes(text, _numbered(text, cands)))))
    return _address_ends(text, _danchi(text, cands))

"""Round 19: names known from the lines and items of the same shape around them.

A careful reader of a roster, a shift plan or a call list knows that the first field of every
line means the same thing. Post-passes on the final findings (text coordinates):

* **Roster lines** (``ヤマグチ　４人`` / ``エンドウ　３人``, ``○ タク（中1）`` / ``○ アナ（中1）``,
  ``1組 吉村：…`` / ``2組 佐伯：…``, ``1-1　いしかわ　連絡あり``, ``7/15　小松宅 17:00``): lines
  with the same head (a list mark, a number, a date, a class label or nothing) and the same
  delimiter after a first field of kana or kanji form a group of two lines or more. When two
  fields of the group are persons found — or, after a class label, two fields are names of the
  lexicon or family names to SudachiDict — every field that is such a name (or, before a grade
  note, a kana word that is no role, kin or common kana word) is a person too. Fields that are
  ordinary words (国語, 全員) stay; so do place lists (千葉　3人 / 埼玉　2人) with no person in them.
* **Enumerated items with a bracket** (``長尾（学校教育課長）、千葉（指導主事）、小田切（…）``):
  two items or more found as persons — or one, when the list follows a label at a line start
  (``欠席：平田（連絡あり）、沖（連絡なし）``) — make every other item that is a family name a person.
* **Chat speakers before a time** (``あさひ　12:40　たべた`` on two lines or more): a speaker that
  is a name of the lexicon (not パパ, ママ or another kin word) is a person.
* A name added so is a person at its other occurrences in the text standing on their own
  (``千葉より報告``), not inside a longer word (千葉県).
"""

from __future__ import annotations

import re
from collections import defaultdict

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_name
from futoko_research.privacy.ordinary import is_ordinary_word
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import Candidate, is_common_kana_word

_CLASS = r"[0-9０-９]{1,2}(?:年[ \u3000]?[0-9０-９]{1,2}組|組|[-－][0-9０-９]{1,2})"
_HEAD = re.compile(
    r"^(?P<head>[ \t\u3000]*(?:(?P<cls>" + _CLASS + r")"
    r"|[0-9０-９]{1,2}[/／月][0-9０-９]{1,2}日?(?:[（(][月火水木金土日][）)])?"
    r"|[0-9０-９]{1,2}[.．、)）]|[①-⑳]|[・●○◯×△▲■□◆\-＊*])?[ \t\u3000]*)"
    r"(?P<f>[ァ-ヺー]{2,8}|[ぁ-ゖー]{2,6}|[一-龥々]{1,4}?)"
    r"(?P<d>（[小中高][1-6１-６]|[(（]|[：:]|[ \t\u3000]+|宅|さん|家)", re.M)
_ROLE = lx.KIN_ROLE_WORDS | lx.ROLE_SUFFIXES | lx.ROLE_PREFIXES | {"パパ", "ママ", "本人", "全員"}
_RE_ITEMS = re.compile(r"(?:[一-龥々ァ-ヺー]{1,5}[（(][^（()）\n、]{1,15}[）)]、){1,}[一-龥々ァ-ヺー]{1,5}[（(][^（()）\n、]{1,15}[）)]")
_RE_SPEAKER = re.compile(r"^[ \t\u3000]*(?P<n>[ぁ-ゖァ-ヺー一-龥々]{2,6})[ \t\u3000]+[0-9０-９]{1,2}[:：][0-9０-９]{2}", re.M)


def _name_like(word: str) -> bool:
    return word not in _ROLE and (is_name(word) or is_sudachi_family_name(word)) and not is_ordinary_word(word)


def _person_at(cands: list[Candidate], s: int, e: int, *, certain: bool) -> bool:
    return any(c.kind == "person" and c.start <= s and e <= c.end and (c.confidence >= 0.7 or not certain)
               for c in cands)


def _free(cands: list[Candidate], s: int, e: int) -> bool:
    return not any(c.start < e and s < c.end and c.kind != "person" for c in cands)


def _add(cands: list[Candidate], s: int, e: int, added: set[str], text: str) -> list[Candidate]:
    if _free(cands, s, e) and not _person_at(cands, s, e, certain=True):
        cands = replace_overlapping(cands, Candidate(s, e, "person", "roster", 0.8))
        added.add(text[s:e])
    return cands


def _roster_lines(text: str, cands: list[Candidate], added: set[str]) -> list[Candidate]:
    groups: dict[tuple, list[re.Match]] = defaultdict(list)
    for m in _HEAD.finditer(text):
        head = re.sub(r"[・●○◯×△▲■□◆\-＊*]", "•", re.sub(r"[0-9０-９]+", "9", m.group("head").strip(" \t\u3000")))
        d = m.group("d")
        d = "（grade" if d.startswith("（") and len(d) > 1 else (" " if not d.strip(" \t\u3000") else d)
        groups[(head, bool(m.group("cls")), d)].append(m)
    for (_, cls, d), ms in groups.items():
        if len(ms) < 2:
            continue
        found = sum(_person_at(cands, m.start("f"), m.end("f"), certain=True) for m in ms)
        named = sum(_name_like(m.group("f")) or _person_at(cands, m.start("f"), m.end("f"), certain=False)
                    for m in ms)
        if found < 2 and not (cls and named >= 2):
            continue
        for m in ms:
            f = m.group("f")
            kana_child = (d == "（grade" and re.fullmatch(r"[ぁ-ゖァ-ヺー]{2,6}", f) and f not in _ROLE
                          and not is_common_kana_word(f))
            if _name_like(f) or kana_child:
                cands = _add(cands, m.start("f"), m.end("f"), added, text)
    return cands


def _items(text: str, cands: list[Candidate], added: set[str]) -> list[Candidate]:
    for m in _RE_ITEMS.finditer(text):
        spans = [(m.start() + i.start(1), m.start() + i.end(1))
                 for i in re.finditer(r"([一-龥々ァ-ヺー]{1,5})[（(][^）)]*[）)]", m.group())]
        found = sum(_person_at(cands, s, e, certain=True) for s, e in spans)
        labelled = re.search(r"(?:^|\n)[ \t\u3000]*[一-龥]{2,4}[：:][ \t\u3000]*$", text[:m.start()])
        if found < 2 and not (found == 1 and labelled):
            continue
        for s, e in spans:
            if _name_like(text[s:e]):
                cands = _add(cands, s, e, added, text)
    return cands


def _speakers(text: str, cands: list[Candidate], added: set[str]) -> list[Candidate]:
    seen: dict[str, list[re.Match]] = defaultdict(list)
    for m in _RE_SPEAKER.finditer(text):
        seen[m.group("n")].append(m)
    for name, ms in seen.items():
        if len(ms) >= 2 and name not in _ROLE and is_name(name):
            for m in ms:
                cands = _add(cands, m.start("n"), m.end("n"), added, text)
    return cands


def _other_occurrences(text: str, cands: list[Candidate], added: set[str]) -> list[Candidate]:
    for name in added:
        kana = re.fullmatch(r"[ぁ-ゖァ-ヺー]+", name) is not None
        for m in re.finditer(re.escape(name), text):
            before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
            if re.match(r"[一-龥々ァ-ヺー]" if not kana else r"[ぁ-ゖァ-ヺー一-龥々]", before):
                continue
            if re.match(r"[一-龥々ァ-ヺー]", after) or (kana and re.match(r"[ぁ-ゖ]", after) and not re.match(
                    r"[、。はがのともにへを]", after)):
                continue
            cands = _add(cands, m.start(), m.end(), set(), text)
    return cands


def roster_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring."""
    added: set[str] = set()
    cands = _roster_lines(text, cands, added)
    cands = _items(text, cands, added)
    cands = _speakers(text, cands, added)
    return _other_occurrences(text, cands, added)

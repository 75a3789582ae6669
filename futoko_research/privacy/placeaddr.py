"""Round 18: rural lot addresses, buildings standing alone, and the heads of place names.

* **大字・字 + a lot number after a space** (大字大原 1180番地, 字上ノ原 325番地, 大字 柿ノ木 350番地,
  字南原 1024-3, 大字中大類字北浦 455番地): 大字 or 字 (not the second character of a word:
  文字, 数字, 赤字), a place of katakana or kanji, a space or none, and a lot number — N番地
  (の N), or N-N(-N). Kanji lot numbers are digits in the normalised copy.
* **A building and its room on its own** (訪問先：ハイツ緑風 B棟 305号, 住所：レジデンス本町 405号室,
  （グランメゾン東雲 502号室）, …3丁目11番地の2 栄町ハイム 2-B): a building name holding a katakana
  word (kanji before or after it allowed), a space, and a room (N号室, a block letter 棟 + N号,
  N-N, N-A, three or four digits). It is an address when the room ends in 号室, or when an
  address label (…住所, 訪問先, 住) or an address found before it (only spaces between) stands
  right before it — the building then joins that address. A building name that is one common
  noun (プレイルーム 2号室) is a room of a facility, not a home.
* **The head of a place name**: an address cannot start with its unit (市緑町4丁目… is cut from
  a hiragana city name: さくら市…), so two to six hiragana without a particle before 市 / 区 /
  町 / 村 / 郡 at the start of an address join it; a place of one kanji before its house number
  (台2丁目…) continues a name joined by の (都賀の台), up to the municipality before it.
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.text import Candidate, fold_text, lexicon_pos

_KK = r"一-龥々ヶァ-ヴー"
RE_AZA = re.compile(
    rf"(?<![一-龥々ヶ])(?:大字 ?[{_KK}]{{1,6}}(?:字[{_KK}]{{1,6}})?|字[{_KK}]{{1,6}}) ?"
    r"[0-9]{1,5} ?(?:番地(?:の?[0-9]{1,4})?|-[0-9]{1,4}(?:-[0-9]{1,4})?)(?![0-9-])"
)
_ROOM = r"(?:[A-Z]棟 ?[0-9]{1,4}号室?|[0-9]{1,4}号室|[0-9]{1,2}-(?:[0-9]{2,4}|[A-Z])|[0-9]{3,4})"
RE_BUILDING = re.compile(
    r"(?<![一-龥々ァ-ヺーぁ-ゖA-Za-z0-9])(?P<bldg>[一-龥々]{0,4}[ァ-ヺー]{2,12}[一-龥々]{0,4})"
    rf" (?P<room>{_ROOM})(?![0-9A-Za-z-])"
)
_RE_LABEL_BEFORE = re.compile(r"(?:住所|訪問先|転居先|送付先|宛先|住)[ \t]*[:：]?[ \t]*$")
_RE_PARTICLE = re.compile(r"[のはをがにへでともや]")


def _one_common_noun(word: str) -> bool:
    return any(p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(word))


def aza_addresses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the 大字・字 lot addresses of the module docstring added."""
    for m in RE_AZA.finditer(fold_text(text)):
        cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "address", "regex", 0.85), ("person", "address"))
    return cands


def lone_buildings(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with buildings and rooms standing alone (see the module docstring)."""
    folded = fold_text(text)
    for m in RE_BUILDING.finditer(folded):
        bldg, room = m.group("bldg"), m.group("room")
        if _one_common_noun(bldg):
            continue
        before = folded[max(0, m.start() - 12):m.start()]
        prev = [c for c in cands if c.kind == "address" and c.end <= m.start() and not folded[c.end:m.start()].strip()]
        if prev:
            new = Candidate(prev[-1].start, m.end(), "address", prev[-1].detector, max(prev[-1].confidence, 0.85))
        elif room.endswith("号室") or _RE_LABEL_BEFORE.search(before):
            new = Candidate(m.start(), m.end(), "address", "regex", 0.85)
        else:
            continue
        cands = replace_overlapping(cands, new, ("person", "address"))
    return cands


def extend_place_heads(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Address findings with a hiragana city name or a name joined by の before them."""
    out = []
    for c in cands:
        if c.kind == "address":
            start = c.start
            if text[start:start + 1] in "市区町村郡":
                m = re.search(r"(?:^|(?<=[\s:：（(「」】>0-9]))[ぁ-ゖ]{2,6}$", text[max(0, start - 7):start])
                if m and not _RE_PARTICLE.search(m.group()):
                    start -= len(m.group())
            elif re.match(r"[一-龥][0-9０-９]", text[start:start + 2]):
                m = re.search(r"(?:[一-龥々ヶ]{1,6}[市区町村郡])?[一-龥々ヶ]{1,3}の$", text[max(0, start - 12):start])
                if m and (m.start() + max(0, start - 12) == 0
                          or not re.match(r"[一-龥々ヶぁ-ゖァ-ヺ]", text[max(0, start - 12) + m.start() - 1])):
                    start -= len(m.group())
            if start != c.start:
                c = Candidate(start, c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out

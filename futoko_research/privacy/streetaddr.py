"""Round 16: addresses written as a place name and a bare three-part house number, and
romanised addresses.

* **Place + house number + building** (若松2-14-6 コーポ若松201, 東雲4-7-1 レジデンス東雲1105号室,
  住所：港北3-8-2 ハイツ港北B棟305): a place name of one to four kanji that SudachiDict does not know
  as a common noun, followed at once by a house number of three parts (2-14-6), and — after a
  space — a building (a katakana word, then kanji or a block letter, then a room number) is one
  address; without a building the place must not be a common noun (資料2-1-3, 図1-2-3 are
  section numbers).
* **A romanised address** (2-15-8 Minami-cho, Fuchu-shi; 3-4-12 Sakuragaoka, Kanagawa-ku): a
  house number of two or three parts, then capitalised words separated by commas, at least one
  of them ending in -shi, -ku, -cho, -machi, -mura, -gun or -ken; a building written before it
  (Bldg. C-305, …) belongs to it.
Person findings inside such an address are replaced by it.

Round 17, the head of an address: a place name holds no space, so whatever stands before a
space ahead of the address's first unit (市, 郡, 町, 丁目 …) is not part of it — a one-kanji label
(住 宵野市…, 宅　青葉台5丁目…) or a name in a roster line (猪俣 健太　遠見郡…).
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.text import Candidate, fold_text, lexicon_pos

_RE_STREET = re.compile(
    r"(?<![\u4e00-\u9fff々ァ-ヺー0-9A-Za-z-])(?P<place>[\u4e00-\u9fff々ヶ]{1,4})"
    r"(?P<num>\d{1,4}-\d{1,4}-\d{1,4})(?![\d-])"
    r"(?P<bldg>[ \u3000][ァ-ヺー]{2,12}[\u4e00-\u9fff々]{0,4}(?:[A-Z]棟?)?-?\d{1,4}(?:号室|号)?(?![\d]))?"
)
_RE_ROMAN = re.compile(
    r"(?<![\w-])(?:(?:Bldg|Apt|Room|Rm)\.? [A-Z0-9][\w-]*, )?\d{1,4}-\d{1,4}(?:-\d{1,4})?,? (?:[A-Z][a-z]+(?:-[a-z]+)?)(?:, [A-Z][a-z]+(?:-[a-z]+)?){1,3}"
)
_RE_ROMAN_UNIT = re.compile(r"-(?:shi|ku|cho|machi|mura|gun|ken|chome)\b")


def _common_noun(word: str) -> bool:
    return any(p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(word))


_RE_UNIT = re.compile(r"[都道府県市区郡町村]|丁目|番地|[0-9０-９]")


def trim_address_heads(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Address spans start after the last space before their first unit (see the docstring)."""
    out = []
    for c in cands:
        if c.kind == "address":
            span = text[c.start:c.end]
            unit = _RE_UNIT.search(span)
            head = span[:unit.start()] if unit else ""
            cut = max(head.rfind(" "), head.rfind("\u3000"), head.rfind("\t"), head.rfind("\n"))
            if 0 <= cut and re.search(r"[^\s]", span[cut + 1:unit.start()] if unit else "") \
                    and re.fullmatch(r"[\s一-龥々ぁ-ゖァ-ヺー]+", span[:cut + 1]):  # Bldg. C-305, … stays whole
                c = Candidate(c.start + cut + 1, c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def street_addresses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the addresses of the module docstring added."""
    folded = fold_text(text)
    for m in _RE_STREET.finditer(folded):
        place = m.group("place")
        if not m.group("bldg") and (_common_noun(place) or place.endswith(("第", "図", "表", "号", "条", "項", "章"))):
            continue
        cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "address", "regex", 0.85), ("person", "address"))
    for m in _RE_ROMAN.finditer(folded):
        units = list(_RE_ROMAN_UNIT.finditer(m.group()))
        if units:  # up to the last word with a unit (…, Kanagawa-ku, Apt 3 stops at Kanagawa-ku)
            end = m.start() + units[-1].end()
            new = Candidate(m.start(), end, "address", "regex", 0.85)
            cands = replace_overlapping(cands, new, ("person", "address", "id"))  # Bldg. C-305 is no id
    return cands

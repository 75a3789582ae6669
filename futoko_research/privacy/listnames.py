"""Round 18: names known from the names around them.

* **An enumeration with a person in it** (a cell ``ゆいと、はるか、りく`` under 参加者): items of one
  to six kana or kanji separated by 、 or ，, standing between cell or line bounds (tab, bar,
  line start or end, brackets, a colon); when one item is a person found, every other item
  that is a given or family name of the name lexicon is a person too (はるか, りく). An item that
  is no name (みかん, 遠く) stays, and prose (ゆいとは、はるか昔…) is no enumeration. Round 23: the
  enumeration may end with 。 (``通所予定：みなと、りく、こはる、大知。``).
* **Two initials before a grade note opening a list line** (``2.M・S（中1）``): a person; the
  consecutive pair A・B stays an anonymised label (round 16).
* **A parent named after a child** (``ゆっきーママ：…`` speaking on two lines or more): the word
  before ママ / パパ of a repeated speaker label is the child's name, unless it is an ordinary
  word (うちの, おとなり).
* **A family name with its own reading in brackets** (``金城（きんじょう）``): a word SudachiDict
  knows as a person's name, followed by its reading in hiragana, at the start of a line (after
  a bullet) or of a cell, is a person and so is the reading; furigana in a sentence
  (私は那覇（なは）から来た), a place before a particle of place (那覇（なは）から) and a common word
  (学校（がっこう）) stay.
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_name
from futoko_research.privacy.text import Candidate, lexicon_pos, sudachi_dictionary

_ITEM = r"[ぁ-ゖァ-ヺー一-龥々]{1,6}"
RE_ENUM = re.compile(rf"(?:(?<=^)|(?<=[\t｜|\n（(：:「]))(?:{_ITEM}[、，,])+{_ITEM}(?=$|[\t｜|\n）)」]|。)", re.M)
RE_INITIALS = re.compile(
    r"(?m)^[ \t\u3000]*(?:[0-9０-９]{1,2}[.．)）]|[・●○\-])?[ \t\u3000]*"
    r"(?P<i>[A-ZＡ-Ｚ][・.．][A-ZＡ-Ｚ])(?=[（(](?:[小中高][1-6１-６]|[0-9０-９]{1,2}歳))"
)
RE_PARENT_SPEAKER = re.compile(r"(?m)^[ \t]*(?P<x>[ぁ-ゖァ-ヺー]{2,6}|[一-龥]{1,3})(?:ママ|パパ)[ \t]*[:：]")
RE_READING_AFTER = re.compile(
    r"(?m)(?:^[ \t\u3000]*(?:[・●○\-][ \t\u3000]*)?|(?<=[：:\t｜]))"
    r"(?P<w>[一-龥々]{2,4})[（(](?P<r>[ぁ-ゖー]{2,10})[）)](?![からにへでま])")
_RE_PARTICLE = re.compile(r"[のはをがにへでとも]")


def _person(cands: list[Candidate], s: int, e: int, det: str) -> list[Candidate]:
    return replace_overlapping(cands, Candidate(s, e, "person", det, 0.8), ("person",))


def _enumerations(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in RE_ENUM.finditer(text):
        people = [c for c in cands if c.kind == "person" and m.start() <= c.start and c.end <= m.end()]
        if not people:
            continue
        pos = m.start()
        for item in re.split(r"[、，,]", m.group()):
            s, e = pos, pos + len(item)
            pos = e + 1
            if not any(c.start < e and s < c.end for c in cands) and is_name(item):
                cands = _person(cands, s, e, "list")
    return cands


def _reading(word: str) -> str:
    return "".join(t.reading_form() for t in sudachi_dictionary().create().tokenize(word))


def _katakana(s: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in s)


def names_from_neighbours(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring added."""
    cands = _enumerations(text, cands)
    for m in RE_INITIALS.finditer(text):
        i = m.group("i")
        if ord(i[-1]) - ord(i[0]) != 1:  # A・B, C・D: anonymised labels
            cands = _person(cands, m.start("i"), m.end("i"), "initials")
    speakers: dict[str, int] = {}
    for m in RE_PARENT_SPEAKER.finditer(text):
        speakers[m.group("x")] = speakers.get(m.group("x"), 0) + 1
    for x, n in speakers.items():
        if n < 2 or _RE_PARTICLE.search(x) or any(p[0] in ("代名詞", "連体詞") or p[:2] == ("名詞", "普通名詞")
                                                  for p in lexicon_pos(x)):
            continue
        for m in re.finditer(r"(?m)^[ \t]*(" + re.escape(x) + r")(?=(?:ママ|パパ)[ \t]*[:：])", text):
            cands = _person(cands, m.start(1), m.end(1), "speaker")
    for m in RE_READING_AFTER.finditer(text):
        w, r = m.group("w"), m.group("r")
        if any(p[2] == "人名" for p in lexicon_pos(w)) and _reading(w) == _katakana(r):
            cands = _person(cands, m.start("w"), m.end("w"), "reading")
            cands = _person(cands, m.start("r"), m.end("r"), "reading")
    return cands

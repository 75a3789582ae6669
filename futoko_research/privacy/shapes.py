"""Shapes found by their form alone (issue 21, round 5): schools with a municipal founder,
schools in English, names in Latin letters in English or Portuguese running text, and
nicknames made with a pet-name ending.

- 〇〇市立△△中学校: the municipality and 立 belong to the school's name (the school detector
  alone takes only △△中学校, or nothing when Sudachi splits △△ oddly).
- Hokuryo Junior High School: capitalised words before Elementary/Junior High/High/Middle School.
- Gabriel's (an English possessive), família/family Pereira (a family word before a surname).
- りっくん, かなっぺ, みーたん, はるるん: a short hiragana stem with a pet-name ending (っくん,
  っぺ, っち, ーたん, ーちゃん, るん, ぴょん) standing as a word.
- Coreference of names in Latin letters: once ``Riku Sato`` is a person, ``Riku`` alone is too.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate, is_abstract_noun, is_lexicon_person, tokenize

_NAME_CHARS = "一-龥々ヶァ-ヺー"
RE_MUNICIPAL_SCHOOL = re.compile(
    rf"(?<![{_NAME_CHARS}])(?P<school>[{_NAME_CHARS}]{{1,6}}[都道府県市区町村]立"
    rf"[{_NAME_CHARS}ぁ-ゖ]{{1,8}}?"
    r"(?:小学校|中学校|高等学校|高校|義務教育学校|特別支援学校|中等教育学校|幼稚園))"
)
RE_ENGLISH_SCHOOL = re.compile(
    r"(?<![A-Za-z])(?P<school>(?:[A-Z][a-z]+ ){1,3}(?:Elementary|Primary|Middle|Junior High|Senior High|High)"
    r" School)(?![A-Za-z])"
)
#: words that are capitalised but never a person's name before 's
_NOT_POSSESSIVE = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "School", "Japan", "Today", "Tomorrow", "Yesterday", "Year", "Term", "Children", "Mother", "Father",
    "It", "That", "What", "There", "Here", "Let", "He", "She", "Who", "Everyone", "Nobody",
})
RE_POSSESSIVE = re.compile(r"(?<![A-Za-z])(?P<name>[A-Z][a-zà-ÿ]{2,})['’]s(?![A-Za-z])")
RE_FAMILY_WORD = re.compile(
    r"(?<![A-Za-z])(?:família|familia|family|Familie|famille)\s+(?P<name>[A-Z][a-zà-ÿ]{2,})(?![A-Za-z])"
)
RE_PET_NAME = re.compile(
    r"(?<![ぁ-ゖー])(?P<nick>(?![っゃゅょぁぃぅぇぉゎんー])[ぁ-ゖ]{1,3}(?:っくん|っちゃん|っぺ|っち|ーたん|ーちゃん|るん|ぴょん))"
    r"(?=[はがもとのをにへ、。，（(」』）)\s]|$)"
)
RE_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}(?:-[A-Za-zÀ-ÿ]{2,})*")
#: a name in quotes right before an honorific (「さな」ちゃん, 『ゆうま』ちゃん)
RE_QUOTED_HONORIFIC = re.compile(r"[「『](?P<name>[ぁ-ゖァ-ヺ一-龥々ー]{1,6})[」』]\s?(?=ちゃん|くん|さん|君)")
#: a parent's 「うちの」 before a child's name and a particle (うちの葵には, うちの颯は)
RE_OUR_CHILD = re.compile(r"うちの(?P<name>[一-龥々]{1,2}|[ァ-ヺー]{2,6})(?=は|には|が|も|を|に|と)")


def _our_child_name(name: str) -> bool:
    """Whether the word after うちの is a child's given name, not a noun (うちの子, うちの学校)."""
    if name in lx.NOT_NAMES or name in lx.KIN_ROLE_WORDS or name in lx.FAMILY_WORDS or name in lx.ORG_WORDS:
        return False
    toks = tokenize(name)
    if len(toks) != 1:
        return False
    t = toks[0]
    if t.pos[2:3] == ("人名",) or t.oov:
        return True
    return is_lexicon_person(name) and not is_abstract_noun(name) and len(name) <= 2


def detect_shapes(view: str) -> list[Candidate]:
    """Candidates of the shapes in this module's notes, in ``view`` coordinates."""
    out: list[Candidate] = []
    for m in RE_MUNICIPAL_SCHOOL.finditer(view):
        out.append(Candidate(m.start("school"), m.end("school"), "school", "school", 0.9))
    for m in RE_ENGLISH_SCHOOL.finditer(view):
        out.append(Candidate(m.start("school"), m.end("school"), "school", "school", 0.85))
    for rx in (RE_POSSESSIVE, RE_FAMILY_WORD):
        for m in rx.finditer(view):
            name = m.group("name")
            if name not in _NOT_POSSESSIVE and name not in lx.NOT_ROMAJI_NAMES:
                out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.8))
    for m in RE_QUOTED_HONORIFIC.finditer(view):
        if m.group("name") not in lx.NOT_NAMES and m.group("name") not in lx.NOT_HIRAGANA_NAMES:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "honorific", 0.8))
    for m in RE_OUR_CHILD.finditer(view):
        if _our_child_name(m.group("name")):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.75))
    for m in RE_PET_NAME.finditer(view):
        nick = m.group("nick")
        if nick not in lx.NOT_HIRAGANA_NAMES and nick not in lx.NOT_NAMES:
            out.append(Candidate(m.start("nick"), m.end("nick"), "person", "context", 0.75))
    return out


def latin_coreference(view: str, people: list[Candidate]) -> list[Candidate]:
    """Each word of a person found in Latin letters (Riku Sato), found alone elsewhere in ``view``."""
    words = set()
    for c in people:
        if c.kind != "person":
            continue
        for w in RE_LATIN_WORD.findall(view[c.start:c.end]):
            if w[:1].isupper() and w not in lx.NOT_ROMAJI_NAMES and w not in _NOT_POSSESSIVE:
                words.add(w)
    out = []
    for w in words:
        for m in re.finditer(rf"(?<![A-Za-zÀ-ÿ]){re.escape(w)}(?![A-Za-zÀ-ÿ])", view):
            if not any(c.start <= m.start() and m.end() <= c.end for c in people):
                out.append(Candidate(m.start(), m.end(), "person", "coref", 0.8))
    return out

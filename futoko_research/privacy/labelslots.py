"""Round 19: names in the slots of form labels, readings and foreign name shapes.

Post-passes on the final findings (text coordinates):

* **A reading after a reading label** (``フリガナ：オカモト ダイキ``, ``ふりがな　やまだ はなこ``): the
  kana words (one space or ・ between them) after フリガナ / ふりがな / カナ / よみがな (or セイ / メイ,
  the readings of 姓 / 名, before a colon: セイ：タカノ　メイ：チヒロ) and a colon
  or a space, to the end of the line, are a person. フリガナ：記入不要 (kanji), an empty field and
  カナより (a child's name signing a letter) stay.
* **A family name after a recording label** (``受付者：石神``, ``受：堤``, ``記録：堤``, ``訪問者：…``):
  one to three kanji that SudachiDict lists as a family name, standing alone after a label of
  who received, recorded, wrote or visited (受, 受付, 記録, 記入, 作成, 文責, 起案, 担当, 訪問, 対応,
  聞き取り, with or without 者) and a colon. 対応：電話, 記録：済 (no family name) stay.
* **A role glued to a family name in a list** (``参加者：担任大石、SC真鍋``): a school role written
  on to two or three kanji SudachiDict lists as a family name. 担任団, 担任教師 (no family name) stay.
* **A name after a grade and sex, or a romanised name before a grade** (``中3女子 ミズキ`` in a
  cell, ``'Haruka' = 中2``): a name of the lexicon, a katakana word that is no common word or a
  family name after 中3女子 / 小6男児 and a space; a romanised name before = / （ and a grade.
  中3女子 ２名, 'Total' = 中2 stay.
* **A household and a romanised honorific** (``佐伯宅``, ``Eba-san``): a family name (two or three
  kanji SudachiDict lists as one) before 宅 is the family's name (with a family name and a space
  before it, the full name: 日野 大地宅); a capitalised word before -san / -kun / -chan / -sensei is
  a person. 自宅, 住宅, 社宅 and Team-san (an English word) stay.
* **A sender after the office** (``学校教育課　若松より``): a family name after a section, office or
  committee and a space, before より / から. 教育課 より (no name) stays.
* **A family name read as a school** (``児童福祉司 竹中 彩``): a school finding of two kanji
  ending in 中 / 小 that SudachiDict lists as a family name, followed by one space and a given
  name of the lexicon, is the person's full name. 竹中 alone (a school's short name) stays.
* **Korean names in Latin letters** (``Park Jiyoung``, ``Kim Minjun``): a common Korean family
  name, a space and a given name of two romanised Korean syllables. Park Avenue, Kim Possible
  stay (no Korean syllables).
* **A child named after a kin word and of** (``mother of Jasmine``): a Western given name after
  mother / father / parent / guardian of.
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.leadwords import is_english_head
from futoko_research.privacy.names import is_given_name, is_name, is_romaji_name
from futoko_research.privacy.text import Candidate, is_common_kana_word, lexicon_pos
from futoko_research.privacy.western import is_western_given

_RE_READING = re.compile(
    r"(?m)(?:フリガナ|ふりがな|カナ|よみがな|ヨミガナ|(?<![ァ-ヺー])(?:セイ|メイ)(?=[ \t\u3000]*[：:]))(?:[ \t\u3000]*[：:]|[ \t\u3000]+)[ \t\u3000]*"
    r"(?P<r>[ァ-ヺー]+(?:[ \u3000・][ァ-ヺー]+)?|[ぁ-ゖー]+(?:[ \u3000・][ぁ-ゖー]+)?)"
    r"(?=[ \t\u3000]*$|[ \t\u3000]+[^\s：:]{1,6}[：:])")
_RE_RECORDER = re.compile(
    r"(?:(?<=^)|(?<=[\s　]))(?:受付?|記録|記入|作成|文責|起案|担当|訪問|対応|聞き取り)者?[ \t\u3000]*[：:][ \t\u3000]*"
    r"(?P<n>[一-龥々]{1,3})(?=[ \t\u3000]*(?:$|[（(、。]))", re.M)
_ROLES = "|".join(sorted(("担任", "副担任", "学年主任", "教頭", "校長", "養護", "主事", "指導主事", "相談員", "支援員",
                          "指導員", "司書", "事務", "通訳", "講師"), key=len, reverse=True))
_RE_ROLE_GLUED = re.compile(rf"(?:(?<=^)|(?<=[：:、，\s]))(?:{_ROLES})(?P<n>[一-龥々]{{2,3}})(?=[、，。\n（(]|$)", re.M)
_RE_GRADE_SEX = re.compile(r"[小中高][1-6１-６](?:年)?(?:男子|女子|男児|女児|男|女)[ \u3000](?P<n>[ァ-ヺー]{2,6}|[ぁ-ゖー]{2,6}|[一-龥々]{1,3})(?=[|｜\t\n、，,（(]|$)")
_RE_BEFORE_GRADE = re.compile(r"(?P<q>['‘’\"“”「]?)(?P<n>[A-Z][a-z]{2,12})(?P=q)[ \t]*(?:=|＝|（|\()[ \t]*[小中高][1-6１-６]")
_RE_HOUSEHOLD = re.compile(r"(?<![一-龥々])(?P<n>[一-龥々]{2,3})宅(?![一-龥々])")
_RE_LATIN_HONORIFIC = re.compile(r"(?<![A-Za-z-])(?P<n>[A-Z][a-z]{1,14})-(?:san|kun|chan|sensei|sama)(?![a-z])")
_RE_SENDER = re.compile(r"(?:課|係|室|センター|委員会)[ \u3000]+(?P<n>[一-龥々]{1,3})(?=より|から)")
KOREAN_FAMILY = frozenset({
    "Park", "Kim", "Lee", "Choi", "Jung", "Jeong", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang", "Son", "Bae", "Baek",
    "Heo", "Nam", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo", "Min", "Ryu", "Jin", "Chae", "Won",
})
_SYL = (r"(?:[bcdghjkmnprstwy]|ch|kk|tt|pp|ss|jj)?(?:yeo|you|ae|eo|eu|oe|ui|ya|yo|yu|wa|wo|we|wi|oo|ee|[aeiou])"
        r"(?:ng|n|m|l|k|p|t)?")
_RE_KOREAN = re.compile(r"(?<![A-Za-z])(?P<f>[A-Z][a-z]{1,4}) (?P<g>[A-Z][a-z]{3,9})(?![A-Za-z])")
_RE_KIN_OF = re.compile(r"\b(?:mother|father|parent|guardian|mom|dad)\s+of\s+(?P<n>[A-Z][a-z]{2,})\b")


def _family(word: str) -> bool:
    return any(p[2:4] == ("人名", "姓") for p in lexicon_pos(word))


def _korean_given(word: str) -> bool:
    return re.fullmatch(f"{_SYL}{_SYL}", word.lower()) is not None


def _person(cands: list[Candidate], s: int, e: int) -> list[Candidate]:
    if any(c.start < e and s < c.end and c.kind != "person" for c in cands):
        return cands
    return replace_overlapping(cands, Candidate(s, e, "person", "labelslot", 0.8))


def label_slots(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring."""
    for m in _RE_READING.finditer(text):
        cands = _person(cands, m.start("r"), m.end("r"))
    for m in _RE_RECORDER.finditer(text):
        if _family(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_ROLE_GLUED.finditer(text):
        if _family(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_GRADE_SEX.finditer(text):
        n = m.group("n")
        if is_name(n) or (re.fullmatch(r"[ァ-ヺー]+", n) and not is_common_kana_word(n)) or _family(n):
            cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_BEFORE_GRADE.finditer(text):
        if is_romaji_name(m.group("n")) or is_western_given(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_HOUSEHOLD.finditer(text):
        word = m.group("n") + "宅"
        if _family(m.group("n")) and not any(p[1] == "普通名詞" for p in lexicon_pos(word)):
            full = re.search(r"(?<![一-龥々])[一-龥々]{1,3}[ \u3000]$", text[:m.start()])
            if full and _family(full.group()[:-1]):
                cands = _person(cands, full.start(), m.end("n"))  # 日野 大地宅: the full name
            elif not full:
                cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_LATIN_HONORIFIC.finditer(text):
        if not is_english_head(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    for m in _RE_SENDER.finditer(text):
        if _family(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    for c in [c for c in cands if c.kind == "school"]:
        span = text[c.start:c.end]
        g = re.match(r"[ \u3000](?P<g>[一-龥々]{1,2}|[ぁ-ゖ]{2,4})(?![一-龥々ぁ-ゖ])", text[c.end:])
        if re.fullmatch(r"[一-龥][中小]", span) and _family(span) and g and is_given_name(g.group("g")):
            rest = [o for o in cands if o is not c]
            cands = replace_overlapping(rest, Candidate(c.start, c.end + g.end(), "person", "labelslot", 0.85))
    for m in _RE_KOREAN.finditer(text):
        if m.group("f") in KOREAN_FAMILY and _korean_given(m.group("g")):
            cands = _person(cands, m.start(), m.end())
    for m in _RE_KIN_OF.finditer(text):
        if is_western_given(m.group("n")):
            cands = _person(cands, m.start("n"), m.end("n"))
    return cands

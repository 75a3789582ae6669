"""Round 16: full names written together, and Chinese names, in a slot that holds a person.

Applied to the final findings (text coordinates). A *person slot* is a word that

* starts a line (after a bullet, a list number ①, a dash or an arrow), follows a label colon or
  a table cell separator, or follows a class (2年4組, 3-1) and a space; and
* ends at a bracket, a space, a cell separator, 、/。, an honorific or the line end;

or any word standing alone before a bracket that opens with a grade or a kin word
(お子様 岡田琉生（中２）, 李静（母）).

* **A glued full name** (石田華（小3）, 2年4組　三宅颯, ``11/6,水,内田しずく,``, 大谷ゆうせい（H27…）): a
  family name of two or three kanji (the name lexicon or SudachiDict's 姓) followed at once by a
  given name — one or two kanji that are a given name of the lexicon, two kanji SudachiDict does
  not know, or two to four hiragana that are a given name or an unknown word not starting with a
  particle — filling a person slot is one person span. Partial findings inside it (大谷ゆう, 田華)
  are replaced. A word SudachiDict knows as a whole (石田市, 木下町) is not a name.
* **A Chinese name** (李静（母）, 学生：張子涵（6年2組）): a family name from a closed list of common
  Chinese surnames followed by one or two kanji, filling a person slot; and such a surname alone
  right before an honorific (王さん), when no kanji precedes it (国王さん is not one).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    in_lexicon,
    is_lexicon_person,
    is_lexicon_surname,
    lexicon_pos,
)

#: common Chinese family names (one character; traditional/Japanese forms). Words that are
#: ordinary Japanese nouns alone (馬, 夏, 金, 林 …) are left out: they need a given name after them.
CHINESE_SURNAMES = frozenset(
    "李王張劉陳楊趙黄周呉徐孫胡朱郭羅梁宋鄭謝韓唐馮董蕭曹袁鄧許沈曾彭呂蘇盧蔣蒋蔡賈魏薛葉潘杜戴汪姜范"
    "姚譚廖鄒郝孔崔邱秦顧侯邵孟段錢銭尹黎喬賀龔"
)
_KANJI = "\u4e00-\u9fff々"
_RE_WORD = re.compile(rf"(?<![{_KANJI}ぁ-ゖァ-ヺー])([{_KANJI}]{{2,5}}|[{_KANJI}]{{2,3}}[ぁ-ゖ]{{2,4}})(?![{_KANJI}ぁ-ゖァ-ヺー])")
_RE_HONORIFIC = "|".join(sorted(map(re.escape, lx.PERSON_SUFFIXES | {"先生"}), key=len, reverse=True))
_RE_HEAD_SLOT = re.compile(
    r"(?:^[ \u3000\t]*(?:[・\-−*＊→⇒■□●○◆◇※]|[①-⑳]|\d{1,2}[.)）]|[（(]\d{1,2}[）)])?[ \u3000]*"
    r"|[：:（(][ \u3000]*|[,，/／|｜\t][ \u3000]*"
    r"|(?:\d{1,2}年\d{1,2}組|\d-\d{1,2}|[小中高]\d)[ \u3000]+)$"
)
_RE_TAIL_EDGE = re.compile(rf"^(?:$|\n|[ \u3000]|[（(,，/／|｜\t、。]|{_RE_HONORIFIC})")
_RE_CUE_BRACKET = re.compile(
    r"^[ \u3000]?[（(](?:小|中|高|年[少中長]|\d{1,2}(?:歳|年|-|/|組)|[０-９]|[HRS]\d|平成|令和|"
    + "|".join(sorted(map(re.escape, lx.KIN_ROLE_WORDS | {"本人", "保護者"}), key=len, reverse=True)) + ")"
)
_RE_CHINESE_HONORIFIC = re.compile(
    rf"(?<![{_KANJI}])([{''.join(sorted(CHINESE_SURNAMES))}])(?=さん|くん|ちゃん|様|さま|先生|氏)"
)
_PARTICLE_HEADS = tuple("はがをにでともへのやかよね")
_NOT_GIVEN_HEADS = tuple("家宅邸方氏様殿君")
_SUFFIXES = tuple(sorted(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES | {"先生"}, key=len, reverse=True))


def _in_slot(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (``text`` folded) fills a person slot."""
    line_head = text[max(0, start - 30):start].rsplit("\n", 1)[-1]
    if start >= 30 and "\n" not in text[start - 30:start]:
        line_head = "\x00" + line_head  # not a line start
    tail = text[end:end + 8]
    if _RE_CUE_BRACKET.match(tail) and (not line_head or line_head[-1:] in " \u3000\t：:,，/／|｜・①"
                                        or _RE_HEAD_SLOT.search(line_head)):
        return True
    return bool(_RE_HEAD_SLOT.search(line_head) and _RE_TAIL_EDGE.match(tail))


def _given(part: str) -> bool:
    if part.startswith(_NOT_GIVEN_HEADS) or any(part.startswith(x) for x in _SUFFIXES):
        return False  # 平田様方, 野々村宅, 森先生: a household or a form of address
    if re.fullmatch(f"[{_KANJI}]{{1,2}}", part):
        return is_given_name(part) or (len(part) == 2 and not in_lexicon(part))
    if re.fullmatch("[ぁ-ゖ]{2,4}", part):
        if part.startswith(_PARTICLE_HEADS) and not is_given_name(part):
            return False
        if any(p[0] in ("助詞", "助動詞") for p in lexicon_pos(part)):
            return False
        return is_given_name(part) or not in_lexicon(part)
    return False


def _split_full_name(word: str) -> int:
    """Length of the family part of a glued full name ``word`` (0 when it is none)."""
    if (in_lexicon(word) and not is_lexicon_person(word)) or is_family_name(word) or is_lexicon_surname(word):
        return 0  # 石田市; 加賀美, 東海林: a family name of three kanji is no 姓 + 名
    if word.endswith(_SUFFIXES) or word.endswith(_NOT_GIVEN_HEADS):
        return 0  # 森先生, 野々村宅, 平田様方: a form of address or a household
    for n in (3, 2):
        family, given = word[:n], word[n:]
        if not given or not re.fullmatch(f"[{_KANJI}]+", family):
            continue
        if (is_family_name(family) or is_lexicon_surname(family)) and not is_given_name(family) and _given(given):
            return n
    return 0


def _chinese(word: str) -> bool:
    return (word[0] in CHINESE_SURNAMES and 2 <= len(word) <= 3 and bool(re.fullmatch(f"[{_KANJI}]+", word))
            and not (in_lexicon(word) and not is_lexicon_person(word)))


def slot_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the glued full names and Chinese names of the module
    docstring added (replacing partial person findings inside them)."""
    folded = fold_text(text)
    for m in _RE_WORD.finditer(text):
        word = m.group(1)
        if not _in_slot(folded, m.start(), m.end()):
            continue
        if _split_full_name(word) or _chinese(word):
            cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "person", "slot", 0.8))
    for m in _RE_CHINESE_HONORIFIC.finditer(text):
        if not any(c.start < m.end() and m.start() < c.end for c in cands):
            cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "person", "honorific", 0.8))
    return cands

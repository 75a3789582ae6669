"""Round 19: words in person spans that a careful reader sees are no names.

A post-pass on the final findings (text coordinates; the text is the normalised copy, so
Mãe reads Mae):

* **One kanji that is a kin or time word** (親は仕事で, 今、息子は): a person span of one kanji
  with no honorific after it, followed by a particle or a punctuation mark, that is a kin word
  or a noun SudachiDict lets stand as an adverb (今), and no given name of the lexicon; 凪, 湊,
  光 (given names), 森 / 岡 / 畑 (family names that are common nouns too: the context decides) and
  金さん (an honorific) stay. A kanji cut from a kin compound (実 of 続柄：実母) is none either.
* **A demonstrative** (その先生, こっちは): a kana span SudachiDict lists as an adnominal before a
  noun, or as a pronoun (no given name: そら, かなた stay) before a particle; そのちゃん (an honorific)
  stays.
* **A place of worship or a facility** (東大寺, 清水寺, あおば小児科, 中島 of 中島公民館): a span
  ending in 寺 / 神社 / 大社 / a facility word (optionally + 前) that SudachiDict does not know as a
  person's name only, and a span directly followed by a facility word unless the same name is
  a person elsewhere in the text (藤本小児科 藤本先生: the doctor's name); 小野寺 (a family name
  only) and 中島さん stay.
* **A kin word of another language** (Mãe: …, Tita Joy): Portuguese, Spanish and Tagalog kin
  words that are no English given names (Tita, Tito, Tia, Tio, Nanay, Tatay, Pai, Mamae, Papai,
  Abuela, Abuelo, Avo) before a name are cut off; alone, or Mae / Mãe before a colon, they are
  no person. Mae Johnson stays.
* **A letter-spaced title** (調　査　書, 修　了　証): single kanji separated by spaces whose joined
  characters, with the spaced characters after the span, are one common noun.
* **A pronoun phrase** (なんか, なんとなく): a pronoun and particles or adjectives, no noun.
* **A count or a founded institution** (一人（小5）, 国立北浜医療センター): a number and its counter;
  a place right after 国立 / 市立 / 県立 ….
* **A toy's name in quotes** (ぬいぐるみの「モモ」); a pet's (犬の「ポチ」) stays — writers mark pets.
* **A cell under a header of places, times or categories** (地区 → 川向, 対応曜日 → 金) in a tab- or
  bar-separated table; a cell under 氏名 stays.
"""

from __future__ import annotations

import re

from futoko_research.privacy.lexicon import FOUNDER_WORDS
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.surnames import RE_COUNT
from futoko_research.privacy.text import Candidate, lexicon_pos, sudachi_dictionary

_FACILITY = ("公民館", "小児科", "病院", "医院", "クリニック", "酒店", "商店", "会館", "体育館", "図書館",
             "神社", "大社", "寺", "公園", "駅", "保育園", "幼稚園", "児童館", "書店", "薬局")
_RE_FACILITY_END = re.compile(r"(?:寺|神社|大社|小児科|医院|病院|酒店|商店|公民館)前?$")
_RE_AFTER_FACILITY = re.compile("|".join(_FACILITY))
_FOREIGN_KIN = frozenset({"Tita", "Tito", "Tia", "Tio", "Nanay", "Tatay", "Pai", "Mamae", "Papai",
                          "Abuela", "Abuelo", "Avo"})
#: one-kanji kin words (親は仕事で): what the person is, never a name written alone
_KIN_ONE = frozenset("親母父兄姉弟妹孫娘夫妻")
_RE_PARTICLE = re.compile(r"[はがをにのもとへでや、。，．,.！？!?）)」]")


def _common_one_kanji(text: str, c: Candidate) -> bool:
    span = text[c.start:c.end]
    if re.fullmatch(r"[一-龥]", span) and text[c.end:c.end + 1] in _KIN_ONE:
        word = span + text[c.end]
        if any(p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(word)) and not is_given_name(word):
            return True  # 実 of 実母: a kin compound
    if not re.fullmatch(r"[一-龥]", span) or "honorific" in c.detector or is_given_name(span):
        return False
    if not _RE_PARTICLE.match(text, c.end):
        return False
    if span in _KIN_ONE:
        return True
    return any(p[:3] == ("名詞", "普通名詞", "副詞可能") for p in lexicon_pos(span))


def _demonstrative(text: str, c: Candidate) -> bool:
    span = text[c.start:c.end]
    if not re.fullmatch(r"[ぁ-ゖ]{2,4}", span) or re.match(r"ちゃん|くん|さん", text[c.end:c.end + 3]):
        return False
    pos = lexicon_pos(span)
    nxt = text[c.end:c.end + 1]
    adnominal = any(p[0] == "連体詞" for p in pos) and bool(re.match(r"[一-龥ァ-ヺ]", nxt))
    pronoun = (any(p[0] == "代名詞" for p in pos) and bool(re.match(r"[はがをにのもとへで]", nxt))
               and not is_given_name(span))
    return adnominal or pronoun


def _facility(text: str, c: Candidate, cands: list[Candidate]) -> bool:
    span = text[c.start:c.end]
    if not re.fullmatch(r"[一-龥々ぁ-ゖァ-ヺー]{2,12}", span):
        return False
    if _RE_FACILITY_END.search(span):
        stem = re.sub(r"前$", "", span)
        pos = lexicon_pos(stem)
        person_only = bool(pos) and all(p[2] == "人名" for p in pos)
        return not person_only and not (is_family_name(stem) and not any(p[1] == "固有名詞" and p[2] == "一般"
                                                                          for p in pos))
    if not _RE_AFTER_FACILITY.match(text, c.end):
        return False
    return not any(o.kind == "person" and o is not c and text[o.start:o.end] == span
                   and not _RE_AFTER_FACILITY.match(text, o.end) for o in cands)


def _letter_spaced_word(text: str, c: Candidate) -> bool:
    span = text[c.start:c.end]
    if not re.fullmatch(r"[一-龥](?:[ \u3000][一-龥])*", span):
        return False
    more = re.match(r"(?:[ \u3000][一-龥](?![一-龥]))*", text[c.end:])
    if len(span) == 1 and not (more and more.group()) or re.match(r"[一-龥]", text[c.start - 1:c.start]):
        return False
    word = re.sub(r"[ \u3000]", "", span + (more.group() if more else ""))
    toks = sudachi_dictionary().create().tokenize(word)
    return len(toks) == 1 and not toks[0].is_oov() and toks[0].part_of_speech()[:2] == ("名詞", "普通名詞")


def _pronoun_phrase(text: str, c: Candidate) -> bool:
    """なんか, なんとなく: a pronoun and particles or adjectives, no noun (ここな: ここ + な stays)."""
    span = text[c.start:c.end]
    if not re.fullmatch(r"[ぁ-ゖ]{3,6}", span) or re.match(r"ちゃん|くん|さん", text[c.end:c.end + 3]):
        return False
    toks = list(sudachi_dictionary().create().tokenize(span))
    return (len(toks) >= 2 and toks[0].part_of_speech()[0] == "代名詞"
            and all(t.part_of_speech()[0] in ("助詞", "形容詞") for t in toks[1:]))


_RE_TOY_BEFORE = re.compile(r"(?:ぬいぐるみ|人形|おもちゃ|キャラクター)の[「『]$")


def _toy_name(text: str, c: Candidate) -> bool:
    """ぬいぐるみの「モモ」: the name of a toy in quotes (a pet, 犬の「ポチ」, stays)."""
    return bool(_RE_TOY_BEFORE.search(text[max(0, c.start - 10):c.start])) and text[c.end:c.end + 1] in "」』"


def _count_or_founded(text: str, c: Candidate) -> bool:
    """一人（小5）: a number and its counter; 国立北浜医療センター: a place after a founder word."""
    span = text[c.start:c.end]
    return bool(RE_COUNT.fullmatch(span)) or any(text[max(0, c.start - len(w)):c.start] == w for w in FOUNDER_WORDS)


_NON_PERSON_HEADERS = frozenset({
    "地区", "地域", "町名", "場所", "会場", "曜日", "対応曜日", "日", "日付", "時間", "学年", "組", "学級", "性別",
    "区分", "理由", "内容", "状況", "科目", "教科", "種別", "所在地", "住所", "校区",
})


def _non_person_column(text: str, c: Candidate) -> bool:
    """A cell of a tab- or bar-separated table whose header names a place, a time or a category
    (地区 → 川向, 対応曜日 → 金)."""
    ls = text.rfind("\n", 0, c.start) + 1
    le = text.find("\n", c.end)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    sep = "\t" if "\t" in line else ("｜" if "｜" in line else ("|" if "|" in line else None))
    if sep is None:
        return False
    cells = line.split(sep)
    if len(cells) < 3:
        return False
    k = line[:c.start - ls].count(sep)
    if cells[k].strip(" \u3000") != text[c.start:c.end]:
        return False
    lines = text[:ls].split("\n")[:-1]
    header = None
    for prev in reversed(lines):
        if prev.count(sep) != line.count(sep):
            break
        header = prev
    if header is None:
        return False
    return header.split(sep)[k].strip(" \u3000") in _NON_PERSON_HEADERS


def _foreign_kin(text: str, c: Candidate) -> Candidate | None:
    """``c`` without a foreign kin word at its head; None when it is nothing else."""
    span = text[c.start:c.end]
    if span in _FOREIGN_KIN or (span == "Mae" and re.match(r"[ \t]*[:：]", text[c.end:c.end + 3])):
        return None
    m = re.match(r"([A-Z][a-z]+) +(?=[A-Z])", span)
    if m and m.group(1) in _FOREIGN_KIN:
        return Candidate(c.start + m.end(), c.end, c.kind, c.detector, c.confidence)
    return c


def drop_plain_words(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) without the non-names of the module docstring."""
    out = []
    for c in cands:
        if c.kind == "person":
            if (_common_one_kanji(text, c) or _demonstrative(text, c) or _facility(text, c, cands)
                    or _letter_spaced_word(text, c) or _pronoun_phrase(text, c) or _count_or_founded(text, c)
                    or _toy_name(text, c)
                    or _non_person_column(text, c)):
                continue
            c = _foreign_kin(text, c)
            if c is None:
                continue
        out.append(c)
    return out

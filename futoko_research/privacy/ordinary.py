"""Round 15: ordinary words in slots that also hold names are not persons without a person cue.

Several detectors (table peers, coreference, the learned tagger, GiNZA, SudachiDict's person
tags) take the word in a name-shaped slot for a name. A word that SudachiDict knows as an
ordinary word — a common noun, a pronoun or an adnominal — is dropped from the person findings
when it stands in one of these slots and nothing marks it as a person:

* a value cell of a flattened table (``… / 金子 海斗 / 1-4 / 不登校``): after ``/``, ``|``,
  ``,`` or a tab and up to the next separator or the line end;
* the first word after a label colon (``本人：その日は…``);
* the first word inside a quotation (``母「ゲームは…」``);
* an item in brackets after a name (``音羽さん（1年・クラリネット）``);
* a weather word after a dated log heading (``3/3（月）晴``).

A kinship word (次男, 長女) is never a name, nor (round 23) a role or staff word standing alone (先生,
医師, スタッフ). A person cue keeps the finding: an honorific or a grade
note right after the word anywhere in the text (``ゲームさん``, ``みらい（小6）``), or a detector
that fired on such a cue (round 23: a nickname named so, ``自称「くろねこ」``). Coreferent copies of a dropped word are dropped with it.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import (
    Candidate,
    has_common_sense,
    is_common_kana_word,
    is_katakana,
    is_lexicon_person,
    lexicon_pos,
)

_ORDINARY = (("名詞", "普通名詞"), ("代名詞",), ("連体詞",))
_SEP = r"[/／|｜,，\t]"
_RE_CELL_BEFORE = re.compile(_SEP + r"[ \u3000]*$")
_RE_CELL_AFTER = re.compile(r"^[ \u3000]*(?:$|\n|" + _SEP + ")")
_RE_COLON_BEFORE = re.compile(r"[：:][ \u3000]*$")
_RE_QUOTE_BEFORE = re.compile(r"[「『][ \u3000]*$")
_RE_BRACKET_ITEM = re.compile(r"[（(][^（()）\n]{0,12}$")
_RE_BRACKET_END = re.compile(r"^[^（()）\n]{0,12}[）)]")
_RE_LOG_DATE = re.compile(r"\d{1,2}[/／月]\d{1,2}日?[ \u3000]*[（(][月火水木金土日][）)][ \u3000]*$")
_WEATHER = frozenset("晴曇雨雪")
_RE_DATED_HEAD = re.compile(r"^\d{1,2}[/／月]\d{1,2}日?(?:[ \u3000]*[（(][月火水木金土日][）)])?[ \u3000]+$")
_HONORIFICS = "|".join(sorted(map(re.escape, lx.PERSON_SUFFIXES | {"先生"}), key=len, reverse=True))


def is_ordinary_word(word: str) -> bool:
    """True when SudachiDict has an entry spelt ``word`` that is a pronoun or an adnominal
    (その), or a common noun that neither the name lexicon nor SudachiDict lists as a name
    (別室, 不登校; not 翼, 森, 真壁), or a katakana common noun with a synonym group (ゲーム)."""
    pos = lexicon_pos(word)
    if any(p[:1] in (("代名詞",), ("連体詞",)) for p in pos):
        return True
    if not any(p[:2] == ("名詞", "普通名詞") for p in pos) or is_given_name(word) or is_family_name(word):
        return False
    return not is_lexicon_person(word) or (is_katakana(word) and has_common_sense(word))


def _slot(text: str, c: Candidate) -> bool:
    """True when ``c`` stands in one of the slots listed in the module docstring."""
    head, tail = text[max(0, c.start - 20):c.start], text[c.end:c.end + 20]
    line_head = head.rsplit("\n", 1)[-1]
    if _RE_CELL_BEFORE.search(line_head) and _RE_CELL_AFTER.match(tail):
        return True
    if _RE_DATED_HEAD.match(line_head):  # 11/6　くもり: the first word after a dated log heading
        return True
    if _RE_COLON_BEFORE.search(line_head) or _RE_QUOTE_BEFORE.search(line_head):
        return True
    b = _RE_BRACKET_ITEM.search(line_head)
    if b and _RE_BRACKET_END.match(tail):
        # （三女・絃）: after a kinship word the bracket holds a name
        return not any(k in b.group() for k in lx.KIN_ROLE_WORDS)
    return False


def _weather(text: str, c: Candidate) -> bool:
    """True for a one-kanji weather word right after a dated log heading (3/3（月）晴)."""
    line_head = text[max(0, c.start - 20):c.start].rsplit("\n", 1)[-1]
    return text[c.start:c.end] in _WEATHER and bool(_RE_LOG_DATE.search(line_head))


#: detectors whose hit is itself a person cue (an honorific, a grade note, a reading)
_CUE_DETECTORS = frozenset({"honorific", "cue", "reading", "named"})  # named: a labelled nickname (round 23)
_RE_GRADE_NOTE = r"[（(](?:小|中|高|年[少中長]|\d{1,2}歳)"


def _person_cue(text: str, word: str, c: Candidate) -> bool:
    if _CUE_DETECTORS & set(c.detector.split("+")):
        return True
    return bool(re.search(re.escape(word) + f"[ \u3000]?(?:{_HONORIFICS}|{_RE_GRADE_NOTE})", text))


#: words for staff that are no one's name (round 23: 先生 alone, taken by NER)
_STAFF_WORDS = frozenset({"スタッフ", "先輩", "後輩", "職員", "教員", "担当"})


def drop_ordinary_words(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) without persons that are ordinary words in a name slot."""
    out, dropped = [], set()
    for c in cands:
        word = text[c.start:c.end].strip()
        if c.kind == "person" and (
            word in lx.KIN_ROLE_WORDS or word in lx.ROLE_SUFFIXES or word in _STAFF_WORDS or _weather(text, c)
            or (is_ordinary_word(word) and _slot(text, c) and not _person_cue(text, word, c))
        ):
            dropped.add(word)
            continue
        out.append(c)
    # a coreferent of a dropped word has no cue of its own either
    return [c for c in out if not (c.detector == "coref" and text[c.start:c.end].strip() in dropped)]


#: detectors whose finding rests on a name shape, not on the word (round 16)
_SHAPE_DETECTORS = frozenset({"slot", "joined", "nickname", "initials", "mark"})


_PET_ENDINGS = ("ちゃん", "くん", "っち", "たん", "るん", "ぴょん", "ぽん", "ー", "さん", "さま")


def is_kana_non_name(word: str) -> bool:
    """True (round 16) when ``word`` — kana, or kanji with kana endings (申し送り) — is not a name
    by its own analysis: no given or family name of the lexicon, no person entry of SudachiDict,
    no pet-name ending, and either

    * SudachiDict reads the kana word as one interjection, pronoun or conjunction (もしもし,
      そっち), or as one known word followed only by particles or auxiliaries, five kana at most
      (せんせいに, しらない, こど = こ + ど, どなたで, ゆうとと);
    * or it knows the word only as an ordinary word: a common kana word (にち), or — with kanji
      or katakana in it — a common noun or verb with no proper-noun reading (申し送り).
    """
    from futoko_research.privacy.text import tokenize

    if not word or not re.fullmatch(r"[\u4e00-\u9fff々ぁ-ゖァ-ヺー]*[ぁ-ゖァ-ヺー]", word):
        return False
    if is_given_name(word) or is_family_name(word) or is_lexicon_person(word) or word.endswith(_PET_ENDINGS):
        return False
    hiragana = bool(re.fullmatch(r"[ぁ-ゖー]+", word))
    if hiragana:
        toks = tokenize(word)
        if any(t.oov or t.pos[0] in ("補助記号", "記号", "接尾辞") for t in toks):
            return False  # ゆっきー: a stretched nickname SudachiDict cannot read
        if len(toks) == 1:
            return toks[0].pos[0] in ("感動詞", "代名詞", "接続詞") or is_common_kana_word(word)
        return (len(word) <= 5 and len(toks) <= 3 and toks[0].pos[0] in ("名詞", "代名詞", "動詞", "形容詞")
                and all(t.pos[0] in ("助詞", "助動詞") for t in toks[1:]))
    if not re.search(r"[\u4e00-\u9fffァ-ヺ]", word):
        return False
    pos = lexicon_pos(word)
    return bool(pos) and all(p[0] in ("名詞", "動詞") and p[1] != "固有名詞" for p in pos)


def drop_kana_non_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) without person findings that :func:`is_kana_non_name` rejects,
    unless a person cue marks them (an honorific or grade note after the word anywhere, or a
    detector that fired on a cue or a name shape). Round 16: applies in every position."""
    out, dropped = [], set()
    for c in cands:
        word = text[c.start:c.end].strip()
        if (c.kind == "person" and not (_SHAPE_DETECTORS & set(c.detector.split("+")))
                and is_kana_non_name(word) and not _person_cue(text, word, c)):
            dropped.add(word)
            continue
        out.append(c)
    return [c for c in out if not (c.detector == "coref" and text[c.start:c.end].strip() in dropped)]

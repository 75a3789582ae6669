"""Slots that say *person* whatever the word in them (round 12).

A Japanese note names a person in a few fixed places; a word standing there is a name even
when it is also an ordinary word (そら, 新, 紬, 西), provided the vendored name lexicon
(:mod:`~futoko_research.privacy.names`) or SudachiDict knows it as a name:

- a reading in brackets right after a certain full name (平田 光（ひかる）, 新井 葵（あおい））;
- the name in brackets after 本人 / 本児 (本人（新）, 本人（海・小4）);
- the value of a name label (なまえ：こうき, 児童名：ひなこ（…）, 名前（任意）：あおい) and of a
  writer label (差出人：北条, 記：西, 記入者：森);
- the word after 本名 / 戸籍名 / 通称 (本名は雪菜, 戸籍名 日菜子);
- the word after なまえは / 名前は (ぼくの なまえは たいち です), a speaker label of a chat with two
  speakers or more (ゆか：…), a child named by a parent (うちの蒼, 陽向ママ), a name before a grade
  note (しんじ（中3）), after a grade and の (中1の創), with a grade in brackets (（4年 りく）),
  after a time on its own line (10:05 そら);
- a family name that introduces the writer at the start of a line (桑田です。奥村と申します);
- a family name after a grade in a list item (3年 増井：卒業, 中2男子 長尾|…);
- a hiragana given name as the subject of a clause whose predicate is a person's doing
  (そらが自分から…くれた, こうきは「…」と言った): the predicate test of
  :func:`~futoko_research.privacy.nametoks.has_person_predicate`, widened by 自分 and by a
  benefactive (〜てくれた, 〜てもらった), which only a person does.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.nametoks import BOUNDARY, has_person_predicate, is_anonymised
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    fold_text,
    in_lexicon,
    is_abstract_noun,
    is_hiragana,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_surname,
)

#: a given name standing alone in a slot: 2–5 hiragana, 2–6 katakana or 1–3 kanji
NAME_GROUP = r"(?P<name>[ぁ-ゖー]{2,5}|[ァ-ヺー]{2,6}|[一-龥々]{1,3})"
#: a reading in brackets: one or two kana words
RE_READING = re.compile(r"[（(](?P<r>[ぁ-ゖー]{2,8}(?:[ \u3000][ぁ-ゖー]{1,8})?|[ァ-ヺー]{2,8}(?:[ \u3000][ァ-ヺー]{1,8})?)[)）]")
#: the name in brackets after 本人 / 本児 (本人（新）, 本人（海・小4）)
RE_SELF_BRACKET = re.compile(r"(?:本人|本児)[（(](?P<name>[一-龥々]{1,3}|[ぁ-ゖー]{2,5}|[ァ-ヺー]{2,6})(?=[)）・、,])")
#: a name label and its value (なまえ：こうき, 児童名：ひなこ（…）)
RE_NAME_LABEL = re.compile(
    r"(?:なまえ|お?名前|氏名|児童名|生徒名|本人名|子どもの名前|ニックネーム|呼び名|差出人|送信者|記入者|記録者|報告者"
    r"|作成者|文責|入力者|発信者|(?<![一-龥])記)(?:[（(][^）)\n]{0,16}[）)])?[ \t]*[:：][ \t]*"
    r"(?P<name>[一-龥々]{1,4}|[ぁ-ゖー]{2,5}|[ァ-ヺー]{2,6})(?=[ \t]*(?:[（(]|\n|$|[、,。|]))"
)
#: the word after 本名 / 戸籍名 / 通称 (本名は雪菜, 戸籍名 日菜子, 戸籍名は心)
RE_TRUE_NAME = re.compile(
    r"(?:本名|戸籍名|戸籍上の名前|通称名?|呼び名|なまえ|名前)(?:は|:|：|[ \t])[ \t]*"
    r"(?P<name>[一-龥々]{1,3}|[ぁ-ゖー]{2,5}?|[ァ-ヺー]{2,6})(?=[。、）)\n]|$|[ \t]|で|だ|です|と)"
)
#: a writer who introduces themself at the start of a line (桑田です。)
RE_SELF_INTRO = re.compile(r"(?m)^[ \t]*(?P<name>[一-龥々]{1,4})(?:です|と申します|でございます)[。、！!]")
#: a family name after a grade (and a sex) at the start of a list item or a cell
RE_GRADE_NAME = re.compile(
    r"(?:^|\n|[|｜,\t])[ \t]*(?:[①-⑳・●○\-]|[0-9]{1,2}[.)）])?[ \t]*(?:[小中高][1-6]|[1-6]年生?)(?:男子|女子|男|女)?[ \t]*"
    r"(?P<name>[一-龥々]{1,3})(?=[ \t]*(?:[:：|｜,\t、]|\n|$))"
)
#: a letter signed with a name alone on its line (かなた より, ゆいより)
RE_SIGN_OFF = re.compile(r"(?m)^[ \t]*(?P<name>[ぁ-ゖー]{2,5}|[ァ-ヺー]{2,6}|[一-龥々]{1,4})[ \t]*より[ \t]*$")
#: a name before a grade or age note at the start of an item (しんじ（中3）：…, ・創（小2）)
RE_NAME_GRADE = re.compile(
    r"(?:^|\n|[①-⑳・●○、,])[ \t]*" + NAME_GROUP
    + r"[（(](?:[小中高][1-6]|[1-6]年生?|[0-9]{1,2}歳)[^）)\n]{0,8}[）)]"
)
#: a grade, の and a name (中1の創と小3の美羽): the name ends at a bracket, a comma, は/が/も or
#: と before another grade
RE_GRADE_NO_NAME = re.compile(
    r"(?:[小中高][1-6]|[1-6]年生?)の" + NAME_GROUP
    + r"(?=[、）)]|と(?:[小中高][1-6]|[1-6]年)|[はがも](?![ぁ-ゖ]))"
)
#: a grade and a name in brackets: the signature of a child's writing (（4年　りく）)
RE_BRACKET_GRADE_NAME = re.compile(
    r"[（(](?:[小中高]?[1-6]年生?|[小中高][1-6])[ \t]*" + NAME_GROUP + r"[)）]"
)
#: a time and a name alone on a line (an arrivals list: 10:05 そら)
RE_TIME_NAME = re.compile(
    r"(?m)^[ \t]*[0-9]{1,2}:[0-9]{2}[ \t]+" + NAME_GROUP + r"[ \t]*(?=$|[（(]|→)"
)
#: a speaker label opening a chat line (ゆか：きょう いく？); only in a text with two or more
RE_SPEAKER = re.compile(r"(?m)^[ \t]*" + NAME_GROUP + r"[:：]")
#: a child named by a parent: うちの蒼, わが家の湊; 陽向ママ, はるとパパ
RE_OUR_CHILD = re.compile(r"(?:うちの|わが家の|我が家の)(?P<name>[一-龥々]{1,3}|[ぁ-ゖー]{2,5})(?=[、。はがもをにの]|$)")
RE_CHILD_PARENT = re.compile(r"(?<![一-龥々ぁ-ゖ])(?P<name>[一-龥々]{1,3}|[ぁ-ゖー]{2,5})(?:ママ|パパ)(?![ァ-ヺ])")
#: one kanji before くん / ちゃん / 君 (新くん, 春ちゃん): the honorific says person even where the
#: kanji is also an ordinary word that the older rules leave out (新学期, 春休み)
RE_ONE_KANJI_HONORIFIC = re.compile(r"(?<![一-龥々ぁ-ゖァ-ヺ])(?P<name>[一-龥])(?=くん|ちゃん|君(?![一-龥々]))")
#: a reading label and a reading in half-width katakana (ﾌﾘｶﾞﾅ⇥ｼﾐｽﾞ ｶｲﾄ)
RE_HALF_KANA_READING = re.compile(
    r"(?:ﾌﾘｶﾞﾅ|ﾖﾐｶﾞﾅ|ｶﾅ|フリガナ|ヨミガナ|ふりがな|よみがな|カナ)[\t:： ]+"
    r"(?P<name>[ｦ-ﾟ]{2,10}(?:[ \u3000][ｦ-ﾟ]{1,10})?)(?=[ \t]*(?:\n|$|\t))"
)
#: weekday labels of a rota (月：坂口・細川), never speakers
_WEEKDAYS = frozenset("月火水木金土日")
#: words of time that a grade and の introduce (中2の春, 小6の夏): never a name there
_TIME_WORDS = frozenset({"春", "夏", "秋", "冬", "朝", "昼", "夜", "時", "頃", "間", "今", "秋頃", "春休み", "夏休み"})
#: last characters of kin words (異父弟, 義兄, 継母)
_KIN_TAIL = frozenset("兄姉弟妹母父")
_BENEFACTIVE = ("くれ", "くださ", "もらっ", "もらい", "もらう")


def _kanji_name_ok(w: str, *, one_char: bool) -> bool:
    """A kanji word that can be a name: a name of the lexicon or of SudachiDict, no ordinary
    abstract noun, no kin or role word."""
    if w in lx.NOT_NAMES or w in lx.KIN_ROLE_WORDS or w in lx.ROLE_SUFFIXES or is_anonymised(w):
        return False
    if len(w) == 1 and not one_char:
        return False
    if is_abstract_noun(w) or is_lexicon_place(w) and not is_lexicon_person(w):
        return False
    if any(w.startswith(k) for k in lx.KIN_ROLE_WORDS):
        return False  # 母同席, 父不在
    return is_given_name(w) or is_family_name(w) or is_lexicon_person(w) or not in_lexicon(w)


def _kana_name_ok(w: str) -> bool:
    """A kana word that is a given or family name of the lexicon (not a kin word)."""
    return w not in lx.NOT_HIRAGANA_NAMES and w not in lx.KIN_ROLE_WORDS and not w.startswith("お") and (
        is_given_name(w) or is_family_name(w))


def _word_ok(w: str, *, one_char: bool = True) -> bool:
    return _kanji_name_ok(w, one_char=one_char) if re.fullmatch(r"[一-龥々]+", w) else _kana_name_ok(w)


def _strong_slot_ok(w: str) -> bool:
    """A word in a slot that says person whatever the word (本人（新）, 戸籍名は心, 中1の創): a
    name of the lexicon even when it is also an ordinary or abstract word; no kin or role word."""
    if w in lx.KIN_ROLE_WORDS or w in lx.ROLE_SUFFIXES or is_anonymised(w) or w in ("本人", "本児", "自分"):
        return False
    if any(w.startswith(k) for k in lx.KIN_ROLE_WORDS) or w[-1:] in _KIN_TAIL:
        return False  # 母同席, 異父弟, 義兄
    if re.fullmatch(r"[一-龥々]+", w):
        return is_given_name(w) or is_family_name(w) or is_lexicon_person(w)
    return _kana_name_ok(w) or (re.fullmatch(r"[ァ-ヺー]+", w) is not None and not in_lexicon(w))


def _readings(view: str, merged: list[Candidate]) -> list[Candidate]:
    out = []
    for c in merged:
        if c.kind != "person" or c.confidence < 0.7 or not re.search(r"[一-龥々]", view[c.start:c.end]):
            continue
        m = RE_READING.match(view, c.end)
        if not m:
            continue
        r = m.group("r")
        parts = r.replace("\u3000", " ").split(" ")
        if len(parts) == 2 or any(_kana_name_ok(p) for p in parts) or is_hiragana(r) and not in_lexicon(r):
            out.append(Candidate(m.start("r"), m.end("r"), "person", "slot12", 0.8))
    return out


def _slots(folded: str) -> list[Candidate]:
    out = []
    for rx in (RE_NAME_LABEL, RE_SIGN_OFF, RE_TIME_NAME):
        for m in rx.finditer(folded):
            if _word_ok(m.group("name")):
                out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    for rx in (RE_SELF_BRACKET, RE_TRUE_NAME, RE_NAME_GRADE, RE_BRACKET_GRADE_NAME, RE_GRADE_NO_NAME):
        for m in rx.finditer(folded):
            w = m.group("name")
            if w in _TIME_WORDS:
                continue
            graded = rx is RE_SELF_BRACKET and re.match(r"・(?:[小中高][1-6]|[0-9]{1,2}歳)", folded[m.end():])
            if _strong_slot_ok(w) or (graded and re.fullmatch(r"[一-龥々]{1,2}", w) and w not in lx.KIN_ROLE_WORDS):
                out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    speakers = list(RE_SPEAKER.finditer(folded))
    if len({m.group("name") for m in speakers}) >= 2:
        for m in speakers:
            w = m.group("name")
            if w not in _WEEKDAYS and _word_ok(w) and (is_given_name(w) or is_family_name(w)):
                out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    for rx in (RE_OUR_CHILD, RE_CHILD_PARENT):
        for m in rx.finditer(folded):
            w = m.group("name")
            if is_given_name(w) and _strong_slot_ok(w) and w not in _TIME_WORDS:
                out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    for m in RE_HALF_KANA_READING.finditer(folded):
        out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    for m in RE_ONE_KANJI_HONORIFIC.finditer(folded):
        w = m.group("name")
        if is_given_name(w) and w not in _KIN_TAIL and w not in lx.KIN_ROLE_WORDS:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    for rx in (RE_SELF_INTRO, RE_GRADE_NAME):
        for m in rx.finditer(folded):
            w = m.group("name")
            if (is_family_name(w) or is_lexicon_surname(w)) and _kanji_name_ok(w, one_char=True):
                out.append(Candidate(m.start("name"), m.end("name"), "person", "slot12", 0.8))
    return out


def _person_doing(toks: list[Tok], k: int, particle: str) -> bool:
    """In the same sentence after ``toks[k]``: 自分 / 自ら, a benefactive (〜てくれた, 〜てもらう),
    or quoted speech before a person predicate (「…」と言った). A person predicate alone is not
    enough for a word that is also ordinary (はるが来た: spring came)."""
    quoted = False
    for t in toks[k:k + 24]:
        if t.surface in ("。", "！", "？", "!", "?", "\n"):
            break
        if t.surface in ("「", "『"):
            quoted = True
        if t.surface in ("自分", "自ら") or (t.pos[0] == "動詞" and t.surface.startswith(_BENEFACTIVE)):
            return True
    return quoted and has_person_predicate(toks, k, particle)


def _hiragana_subjects(toks: list[Tok]) -> list[Candidate]:
    """A hiragana given name of the lexicon, set off before it, then は/が/も and a person's doing."""
    out = []
    n = len(toks)
    for p in range(1, n):
        tp = toks[p]
        if tp.surface not in ("は", "が", "も") or tp.pos[0] != "助詞":
            continue
        if p + 1 < n and toks[p + 1].surface == "の":
            continue
        for j in range(p - 1, max(-1, p - 4), -1):
            word = "".join(t.surface for t in toks[j:p])
            if not is_hiragana(word) or any(toks[q].end != toks[q + 1].start for q in range(j, p - 1)):
                break
            left = toks[j - 1] if j >= 1 else None
            if not (2 <= len(word) <= 5 and is_given_name(word) and _kana_name_ok(word)):
                continue
            if left is not None and not (left.surface in BOUNDARY or left.end != toks[j].start
                                         or (left.pos[0] == "助詞" and left.surface in ("は", "に", "で", "、"))):
                continue
            if _person_doing(toks, p + 1, tp.surface):
                out.append(Candidate(toks[j].start, toks[p - 1].end, "person", "slot12", 0.75))
            break
    return out


def detect_person_slots(text: str, view: str, origin: list[int], toks: list[Tok]) -> list[Candidate]:
    """Person candidates from the slots of the module docstring (view coordinates; the label
    slots are read on the original text, where line breaks still end a value).

    Parameters
    ----------
    text : one original text.
    view : its joined view; ``origin`` maps view positions to text positions.
    toks : the Sudachi tokens of the view.

    Returns
    -------
    list of Candidate, kind ``person``, detector ``slot12``.
    """
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for c in _slots(fold_text(text)):
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out + _hiragana_subjects(toks)


def readings_after_names(view: str, merged: list[Candidate]) -> list[Candidate]:
    """A reading in brackets right after a certain full name found by any detector
    (平田 光（ひかる）→ ひかる; 吉永 心春（よしなが こはる）→ よしなが こはる).

    Parameters
    ----------
    view : the joined view.
    merged : the merged candidates.

    Returns
    -------
    list of Candidate, kind ``person``.
    """
    return _readings(view, merged)

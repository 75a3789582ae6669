"""Round 26: where a name found in another text of the collection stands as that person.

The occurrence tests of :mod:`~futoko_research.privacy.collection`. A name spread from other texts
is weaker evidence than a finding of the text itself, so each occurrence must read as a person in
its own words: set off as a word, or glued only to a class or staff word; not a part of a longer
name; not an ordinary word, a weekday or a place in this text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.echoes import ends_word, set_off
from futoko_research.privacy.names import is_name
from futoko_research.privacy.ordinary import is_kana_non_name, is_ordinary_word
from futoko_research.privacy.text import Candidate, is_common_kana_word, lexicon_pos

#: a part of a full name: one to three kanji, two to four hiragana, two to six katakana
NAME_PART = r"[一-龥々]{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6}"
#: a word after a space: kanji standing alone, katakana or hiragana before a particle (ルナの, こはるが)
_RE_AFTER = re.compile(r"[ \u3000]([一-龥々]{1,3}(?![一-龥々ぁ-ゖァ-ヺー])|[ァ-ヺー]{2,6}(?![ァ-ヺー])"
                       r"|[ぁ-ゖ]{2,4}?(?=(?:さん|ちゃん|くん|[はがもとのにをへで])?(?![ぁ-ゖ])))")
_RE_BEFORE = re.compile(rf"(?<![一-龥々ぁ-ゖァ-ヺー])({NAME_PART})[ \u3000]$")
_ROLE_ENDS = "|".join(sorted(map(re.escape, lx.ROLE_SUFFIXES), key=len, reverse=True))
#: an honorific or a role right after a name
RE_HONORIFIC = re.compile(r"(?:さん|くん|君|ちゃん|様|先生|氏|" + _ROLE_ENDS + ")")
#: an honorific, a role or a subject particle right after a name
_RE_CUE = re.compile(r"(?:さん|くん|君|ちゃん|様|先生|氏|は|が|も|と(?![し-ゖ])|" + _ROLE_ENDS + ")")
RE_KANA = re.compile(r"[ぁ-ゖァ-ヺー]+")
#: after a kana name of another text, an object or place particle or a question reads as a word
#: (かんじを, げんき？); after の only a person's things and kin keep it a person (ひよりのこと)
_RE_KANA_NOT_PERSON = re.compile(
    r"(?:を|に(?!は)|で|へ|[？?！!]|の(?!こと|様子|件|話|気持ち|家|母|父|兄|姉|弟|妹|祖|お[母父兄姉]|ため|分|席))")
#: X の Y さん: X is where Y lives or comes from (東浦の鰐部さん); Xへの転居: where one moves
_RE_PLACE_OF = re.compile(r"の[ \u3000]?[一-龥々]{1,3}[ \u3000]?(?:さん|様|家|宅|方)|への(?:転居|転校|引っ越し|移住)")
#: after one kanji spread from other texts: an honorific, a subject or direction particle, a
#: comma, a bracket, a colon or a line end, or の before the person's things (湊のこと); never a
#: bracket's end (（金）)
_RE_ONE_KANJI_AFTER = re.compile(
    r"(?:さん|くん|君|ちゃん|は|が|も|と|へ|、|。|\n|[ \u3000]*$|[（(：:]|本人|の(?:こと|様子|母|父|件))")
_WEEKDAY_WEATHER = frozenset("月火水木金土日祝晴曇雨雪")
#: words a person finding may carry glued to a name: roles, honorifics, record words (通訳松浦,
#: 早乙女SC, 牧記, 国分方)
GLUED_NON_NAME = (lx.ROLE_PREFIXES | lx.ROLE_SUFFIXES | lx.PERSON_SUFFIXES
                  | {"記", "方", "姓", "宅", "家", "SC", "SSW", "T", "先生", "教諭", "同行可", "携帯",
                     "通訳", "養護", "学年", "生指", "記録", "美術", "体育", "音楽"})
#: glued before a name that the note names as a person: a class or grade (1組古賀, 3年森 空), a
#: staff word (担任乾, センター鳴海, 子ども家庭課浅見)
_RE_GLUED_BEFORE = re.compile(r"(?:[0-9０-９][年組]|" + "|".join(
    sorted(map(re.escape, lx.ROLE_PREFIXES - lx.KIN_ROLE_WORDS - {"本人", "児童", "生徒"}), key=len, reverse=True))
    + r"|課|センター|区|市|町)$")


def is_plain_word(name: str) -> bool:
    """True when ``name`` is also an ordinary word (そら, そう, 元気): SudachiDict's common nouns
    and kana words (:func:`~futoko_research.privacy.ordinary.is_ordinary_word` and its kin), kana
    that is also an adverb, an auxiliary or a counter, and kanji that are also an adjectival noun or
    an adverb. Not a kanji common noun alone: family names that are also nouns (岬, 森, 宮内, 早瀬)
    sign notes bare."""
    if is_ordinary_word(name) or is_common_kana_word(name) or is_kana_non_name(name):
        return True
    if RE_KANA.fullmatch(name):  # kana that is also an adverb, an auxiliary or a counter (そう, まい)
        return any(p[:1] in (("副詞",), ("助動詞",)) or p[2:3] == ("助数詞",) for p in lexicon_pos(name))
    return any(p[:1] in (("形状詞",), ("副詞",)) or p[2:3] == ("形状詞可能",) for p in lexicon_pos(name))


def is_conjunction(name: str) -> bool:
    """True when SudachiDict lists ``name`` as a conjunction (ただし)."""
    return any(pos[:1] == ("接続詞",) for pos in lexicon_pos(name))


def role_word(word: str) -> bool:
    """A role, kinship or record word, or a grade or class (３年, 2組)."""
    return (word in GLUED_NON_NAME or word in lx.KIN_ROLE_WORDS
            or re.fullmatch(r"[年組生課係室]", word[-1:]) is not None)


def _no_name(word: str) -> bool:
    """A role word, or an ordinary word that no lexicon lists as a name."""
    return role_word(word) or (is_ordinary_word(word) and not is_name(word))


def _reads_as_word(text: str, name: str, e: int) -> bool:
    """True when the occurrence ending at ``e`` reads as no person although the name is one elsewhere."""
    if RE_KANA.fullmatch(name):
        return _RE_KANA_NOT_PERSON.match(text, e) is not None
    return _RE_PLACE_OF.match(text, e) is not None


def _full_name(text: str, name: str, s: int, e: int) -> tuple[int, int] | None | bool:
    """(start, end) of the full name that the occurrence [s, e) is part of, False when it is a part
    of a spaced pair whose other part may be a name no lexicon lists (王 子涵, 早瀬 アシシュ), None
    when it stands alone (担任 石黒, ３年 杣 翼)."""
    if re.search(r"[ \u3000・]", name):
        return None
    after = _RE_AFTER.match(text, e)
    if after and not role_word(after.group(1)):
        if is_name(after.group(1)):
            return (s, after.end(1))
        if not _no_name(after.group(1)):
            return False
    before = _RE_BEFORE.search(text[max(0, s - 5):s])
    if before and not role_word(before.group(1)):
        if is_name(before.group(1)):
            return (s - len(before.group(0)), e)
        if not _no_name(before.group(1)):
            return False
    return None


def accept_occurrence(text: str, name: str, s: int, e: int) -> tuple[int, int] | None:
    """The span to find for an occurrence [s, e) of a name of the collection, or None.

    A part of a spaced full name gives the full name when the other part is a name of the lexicon;
    None for a name alone in quotes (「ひなた」: a centre's name), glued to more kanji or katakana
    (小野寺アンジェリカ), a part of a pair whose other part may be a name, a kana name before を / に /
    で / ？, a kanji name in 「XのYさん」, a plain word with no honorific (unless it opens a chat line:
    そら：…), one kanji as a weekday or weather mark or before anything but a particle, a comma, a
    bracket, a colon or a line end."""
    if name.isascii():
        return (s, e)
    if text[s - 1:s] in "「『" and text[e:e + 1] in "」』":
        return None
    if re.match(r"[ァ-ヺー一-龥々]", text[e:e + 1]) and not RE_KANA.fullmatch(name) and len(name) > 1 \
            and not _RE_CUE.match(text, e):
        return None
    whole = _full_name(text, name, s, e)
    if whole is False or (whole is None and _reads_as_word(text, name, e)):
        return None
    if is_plain_word(name) and not RE_HONORIFIC.match(text, e) and not (
            (s == 0 or text[s - 1] == "\n") and text[e:e + 1] in "：:"):
        return None
    if len(name) == 1 and (name in _WEEKDAY_WEATHER or not _RE_ONE_KANJI_AFTER.match(text, e)):
        return None
    return whole or (s, e)


def occurrences(text: str, name: str, cands: list[Candidate]) -> Iterator[tuple[int, int]]:
    """Occurrences of ``name`` touching no candidate: for a Latin name, a whole word that is no part
    of a longer romanised name (Lucas O. Santos, Santos.Gabriel); otherwise set off as a word
    (:func:`stands_alone`)."""
    for m in re.finditer(re.escape(name), text):
        s, e = m.span()
        if any(c.start < e and s < c.end for c in cands):
            continue
        if name.isascii():
            if _latin_whole(text, s, e):
                yield s, e
        elif stands_alone(text, name, s, e, cands):
            yield s, e


def stands_alone(text: str, name: str, s: int, e: int, cands: list[Candidate]) -> bool:
    """True when the occurrence [s, e) of a non-Latin ``name`` is a word of its own: set off
    (:func:`~futoko_research.privacy.echoes.set_off`), or ending a word right after a class or
    staff word (kanji names) or a particle (two characters or more; の only before kanji: 手作りの
    しおり is a thing); a kana name never right after
    a digit (3まい) or beside a single letter of letter-spaced text (な ま え　りょう た)."""
    kana = RE_KANA.fullmatch(name) is not None
    if kana and (re.search(r"[0-9０-９]$", text[max(0, s - 1):s])
                 or re.match(r"[ \u3000][ぁ-ゖァ-ヺ](?<![はがもとのにをへで])(?:[ \u3000\n]|$)", text[e:e + 3])
                 or re.search(r"(?:^|[ \u3000\n])[ぁ-ゖァ-ヺ][ \u3000]$", text[max(0, s - 3):s])):
        return False
    if set_off(text, s, e, cands):
        return True
    return ends_word(text, e) and (
        (not kana and _RE_GLUED_BEFORE.search(text[max(0, s - 12):s]) is not None)
        or (len(name) > 1 and text[s - 1:s] in "はがもとにを")
        or (len(name) > 1 and not kana and text[s - 1:s] == "の"))


def _latin_whole(text: str, s: int, e: int) -> bool:
    """A whole Latin word, not one part of a longer romanised name."""
    if (s and text[s - 1].isascii() and (text[s - 1].isalnum() or text[s - 1] in "._")) or (
            e < len(text) and text[e].isascii() and (text[e].isalnum() or text[e] in "_")):
        return False
    return not (re.match(r"[ .][A-Z]", text[e:e + 2]) or re.search(r"[A-Za-z][ .]$", text[max(0, s - 2):s]))

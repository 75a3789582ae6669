"""Given names that are names and nothing else, and full names joined by ・ or no space (round 13).

Two kinds of general knowledge, not read from any writer's notes:

* **Unambiguous given names.** A word of the ``gimei`` given-name lexicon
  (:mod:`~futoko_research.privacy.names`) whose every SudachiDict entry of the same surface is a
  person's name (名詞-固有名詞-人名, with at least one 名 or 一般 entry) is a name wherever it
  stands as a whole token: 智也, 健太, 翔, 悠, 茂, 遼 (a Chinese dynasty too: 地名-国 does not
  count against a word), ゆな. A word that SudachiDict also lists as an ordinary word (光, 空, 新,
  陸, 航, 翼, 未来, 大和 the place, ひなた, アオイ the plant) is left to the person slots. One
  SudachiDict adverb reading is not counted against a one-kanji word followed by a particle or an
  honorific, since an adverb takes no case particle (颯が: the name, not 颯と the adverb). A
  hiragana word must also be tagged 人名 by Sudachi in its sentence (not only in the dictionary).
* **Full names joined by ・ or written without a space** (木村・由紀, 吉岡陽翔): a family name of the
  lexicon or SudachiDict (:func:`~futoko_research.privacy.names.is_family_name`) and a given name
  of the lexicon, as one span. With ・ both parts must be at least two characters, or the given
  name unambiguous, and the family name no ordinary word unless the given name is none (a list of 木村・佐藤 is two
  family names; 国語・数学 no name at all). Without a space the run is four or five kanji and no
  place, school or organisation word follows it.
"""

from __future__ import annotations

import functools
import re

from futoko_research.privacy.names import is_family_name, is_given_name, name_lexicon
from futoko_research.privacy.text import Candidate, Tok, fold_text, sudachi_dictionary, tokenize

_PERSON_KINDS = ("名", "一般")
#: what may follow a one-kanji name whose only other reading is an adverb (颯が, 颯くん)
RE_NAME_FOLLOW = re.compile(r"^(?:です|は|が|を|に|と|の|も|や|へ|ちゃん|くん|君|さん|[、。：:（(）)」\n]|$)")


@functools.lru_cache(maxsize=20_000)
def _entries(word: str) -> tuple[tuple[str, ...], ...]:
    try:
        return tuple(tuple(m.part_of_speech()[:4]) for m in sudachi_dictionary().lookup(word) if m.surface() == word)
    except Exception:  # pragma: no cover - lookup unsupported
        return ()


def _person_only(entries, allow_adverb: bool) -> bool:
    person = [p for p in entries if p[:3] == ("名詞", "固有名詞", "人名")]
    if not any(p[3] in _PERSON_KINDS for p in person) and not (allow_adverb and entries
                                                                 and all(p[0] == "副詞" for p in entries)):
        return False  # no name entry; only a one-kanji adverb before a particle leaves the lexicon's word
    for p in entries:
        if p[:3] == ("名詞", "固有名詞", "人名") or p[:4] == ("名詞", "固有名詞", "地名", "国"):
            continue
        if allow_adverb and p[0] == "副詞":
            continue
        return False
    return True


def is_unambiguous_given(word: str, after: str = "") -> bool:
    """``word`` is a given name of the lexicon and nothing else for SudachiDict (see above);
    ``after`` is the text right after it (for the adverb exception of one kanji).

    Examples
    --------
    >>> is_unambiguous_given("智也"), is_unambiguous_given("光"), is_unambiguous_given("陸")
    (True, False, False)
    >>> is_unambiguous_given("颯", "が来た"), is_unambiguous_given("颯", "と")
    (True, False)
    """
    if not word or not is_given_name(word):
        return False
    entries = _entries(word)
    if not entries and re.fullmatch(r"[一-龥々]{2,3}", word):
        return True  # 陽翔, 優斗: a lexicon name SudachiDict does not know as any word
    one = len(word) == 1 and "\u4e00" <= word <= "\u9fff"
    allow_adverb = one and bool(RE_NAME_FOLLOW.match(after)) and not after.startswith("と")
    return _person_only(entries, allow_adverb)


def is_person_token(tok: Tok) -> bool:
    """Sudachi tagged ``tok`` in its sentence as a person's given (or any) name."""
    return tok.pos[:3] == ("名詞", "固有名詞", "人名") and tok.pos[3] in _PERSON_KINDS


def unambiguous_at(folded: str, s: int, e: int, w: str, sc: str, toks: list[Tok]) -> bool:
    """``w`` is an unambiguous given name (:func:`~futoko_research.privacy.givennames.is_unambiguous_given`)
    made of whole tokens; in kana, one token that Sudachi tags as a person's name here."""
    if not is_unambiguous_given(w, folded[e:e + 3]):
        return False
    whole = [t for t in toks if s <= t.start and t.end <= e]
    if not whole or whole[0].start != s or whole[-1].end != e:
        return False
    if sc == "c":
        return True
    # in kana: one token tagged as a name here, followed by a particle, an honorific or a stop
    # (「まなポート」: the name glued to a word is a brand)
    return len(whole) == 1 and is_person_token(whole[0]) and bool(RE_NAME_FOLLOW.match(folded[e:e + 3]))


# ---------------------------------------------------------------- full names
RE_DOT_NAME = re.compile(r"(?<![一-龥々ぁ-ゖァ-ヺ・])(?P<fam>[一-龥々]{1,3})・(?P<giv>[一-龥々]{1,3}|[ぁ-ゖ]{2,5}|[ァ-ヺー]{2,6})"
                         r"(?![一-龥々ァ-ヺ・])")
RE_RUN = re.compile(r"(?<![一-龥々])[一-龥々]{4,5}(?![一-龥々])")
#: words after a kanji run that make it a place, school or organisation (吉岡中学校 is no name)
RE_NOT_PERSON_AFTER = re.compile(r"^(?:[市区町村県都府]|[小中高]学|学校|学園|駅|公園|病院|医院|センター|会館|通り|地区|方面)")


def _ordinary_word(word: str) -> bool:
    entries = _entries(word)
    return any(p[1] != "固有名詞" for p in entries)


def _dot_ok(fam: str, giv: str, after: str) -> bool:
    if not is_family_name(fam) or not is_given_name(giv):
        return False
    if giv in name_lexicon().family_kanji and not is_unambiguous_given(giv, after):
        return False  # 中山・大和: a list of two family names as well
    if _ordinary_word(fam) and (len(giv) < 2 or _ordinary_word(giv)):
        return False  # 高橋・美咲 yes (高橋 the high bridge); 国語・数学 is no name at all
    if len(fam) < 2 or len(giv) < 2:
        return is_unambiguous_given(giv, after)
    return not _ordinary_word(giv) or is_unambiguous_given(giv, after)


def _run_split(run: str) -> bool:
    for k in (2, 3):
        fam, giv = run[:k], run[k:]
        if 1 <= len(giv) <= 3 and is_family_name(fam) and is_given_name(giv) and not _ordinary_word(fam) \
                and (len(giv) >= 2 or is_unambiguous_given(giv, "が")):
            return not _ordinary_word(giv) or is_unambiguous_given(giv, "が")
    return False


def joined_full_names(text: str) -> list[Candidate]:
    """Full names joined by ・ or written without a space in ``text`` (its coordinates)."""
    folded = fold_text(text)
    out = []
    for m in RE_DOT_NAME.finditer(folded):
        if _dot_ok(m.group("fam"), m.group("giv"), folded[m.end():m.end() + 3]):
            out.append(Candidate(m.start(), m.end(), "person", "lexname", 0.8))
    toks = None
    for m in RE_RUN.finditer(folded):
        if RE_NOT_PERSON_AFTER.match(folded[m.end():]) or not _run_split(m.group()):
            continue
        toks = tokenize(folded) if toks is None else toks
        inside = [t for t in toks if m.start() <= t.start and t.end <= m.end()]
        if any(t.pos[0] == "名詞" and t.pos[1] == "普通名詞" and len(t.surface) >= 2 for t in inside):
            continue  # 山田太郎 is names; 市川学習 has an ordinary word in it
        out.append(Candidate(m.start(), m.end(), "person", "lexname", 0.8))
    return out

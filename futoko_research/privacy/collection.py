"""Round 26: a name found in one text of the collection, at its occurrences in the others.

Issue 21 asks for consistency across the corpus: once a string is found as a person, every other
whole occurrence of it is masked too. Pseudonymisation already does so through the key file
(:func:`futoko_research.privacy.replace.pseudonymize` replaces every whole-token occurrence of a
known original); this pass gives :func:`~futoko_research.privacy.detect.find_personal_data` the
same reading, so that the findings table, the review queue and the measured recall agree with
what is masked. A case file's notes name the same children again and again, often once with an
honorific or a full name and elsewhere bare (「湊は…」, a table cell, a chat line).

A name spreads from the texts where it was found (certain, of the shapes that
:mod:`~futoko_research.privacy.echoes` spreads within one text: a given or family name of the
lexicon, a pet-name nickname, a nickname named so) to the other texts, at occurrences that

* are set off as a word (:func:`~futoko_research.privacy.echoes.set_off`) and touch no finding;
* are not a part of a full name written with a space (``早瀬 こはる`` — the full name is the
  person, and the name beside it tells which one): such an occurrence becomes the full name when
  the other part is a name of the lexicon, else it is left alone;
* and, for a word that is also an ordinary word (こころ, ただし, げんき, 光), carry a person
  cue right after them (an honorific, a role or a subject particle は / が / も / と).

A text's own uncertain finding of such a name (left for the review queue) becomes certain, and a
person finding that is a name of the collection with a role or record word glued to it (通訳松浦,
早乙女SC, 国分方) is cut to the name (:func:`trim_to_known`).

The other texts' own evidence still wins afterwards: a word a text uses as a place is dropped
there (:func:`~futoko_research.privacy.placenames.drop_place_names`, run after this pass).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.echoes import ends_word, set_off, spreadable_names
from futoko_research.privacy.latin import english_stop_words
from futoko_research.privacy.names import is_family_name, is_given_name, is_name, is_romaji_name
from futoko_research.privacy.ordinary import is_kana_non_name, is_ordinary_word
from futoko_research.privacy.text import Candidate, is_common_kana_word, lexicon_pos

#: confidence of a name spread from another text (certain, below a finding of the text's own)
COLLECTION_ECHO_CONFIDENCE = 0.75
_RE_PART = r"[一-龥々]{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6}"
_RE_AFTER = re.compile(rf"[ \u3000]({_RE_PART})(?![一-龥々ぁ-ゖァ-ヺー])")
_RE_BEFORE = re.compile(rf"(?<![一-龥々ぁ-ゖァ-ヺー])({_RE_PART})[ \u3000]$")
_RE_HONORIFIC = re.compile(r"(?:さん|くん|君|ちゃん|様|先生|氏|" +
                           "|".join(sorted(map(re.escape, lx.ROLE_SUFFIXES), key=len, reverse=True)) + ")")
_RE_CUE = re.compile(r"(?:さん|くん|君|ちゃん|様|先生|氏|は|が|も|と(?![し-ゖ])|" +
                     "|".join(sorted(map(re.escape, lx.ROLE_SUFFIXES), key=len, reverse=True)) + ")")


_RE_KANA = re.compile(r"[ぁ-ゖァ-ヺー]+")
#: after a kana name of another text, an object or place particle or a question reads as a word
#: (かんじを, げんき？); after の only a person's things and kin keep it a person (ひよりのこと)
_RE_KANA_NOT_PERSON = re.compile(r"(?:を|に(?!は)|で|へ|[？?！!]|の(?!こと|様子|件|話|気持ち|家|母|父|兄|姉|弟|妹|祖|お[母父兄姉]|ため|分|席))")
#: X の Y さん: X is where Y lives or comes from (東浦の鰐部さん)
_RE_PLACE_OF = re.compile(r"の[ \u3000]?[一-龥々]{1,3}[ \u3000]?(?:さん|様|家|宅|方)")


def _is_plain_word(name: str) -> bool:
    if is_ordinary_word(name) or is_common_kana_word(name) or is_kana_non_name(name):
        return True
    # a kanji word that is also an adjectival noun or an adverb (元気, 素直); not a common noun:
    # family names that are also nouns (岬, 森, 宮内, 早瀬) sign notes bare
    return not _RE_KANA.fullmatch(name) and any(
        p[:1] in (("形状詞",), ("副詞",)) or p[2:3] == ("形状詞可能",) for p in lexicon_pos(name))


def _is_conjunction(name: str) -> bool:
    return any(pos[:1] == ("接続詞",) for pos in lexicon_pos(name))


def _reads_as_word(text: str, name: str, e: int) -> bool:
    """True when the occurrence ending at ``e`` reads as no person although the name is one elsewhere."""
    if _RE_KANA.fullmatch(name):
        return _RE_KANA_NOT_PERSON.match(text, e) is not None
    return _RE_PLACE_OF.match(text, e) is not None


def _role_word(word: str) -> bool:
    """A role, kinship or record word, or a grade or class (３年, 野球部ではなく 2組)."""
    return (word in _GLUED_NON_NAME or word in lx.KIN_ROLE_WORDS
            or re.fullmatch(r"[年組生課係室]", word[-1:]) is not None)


def _no_name(word: str) -> bool:
    """A word beside a name across a space that is surely no part of it: a role word or an
    ordinary word that no lexicon lists as a name."""
    return _role_word(word) or (is_ordinary_word(word) and not is_name(word))


def _full_name(text: str, name: str, s: int, e: int) -> tuple[int, int] | None | bool:
    """(start, end) of the full name that the occurrence [s, e) is part of, False when it is a part
    of a spaced pair whose other part may be a name no lexicon lists (王 子涵, 早瀬 アシシュ), None
    when it stands alone (担任 石黒, ３年 杣 翼)."""
    if re.search(r"[ \u3000・]", name):
        return None
    after = _RE_AFTER.match(text, e)
    if after and not _role_word(after.group(1)):
        if is_name(after.group(1)):
            return (s, after.end(1))
        if not _no_name(after.group(1)):
            return False
    before = _RE_BEFORE.search(text[max(0, s - 5):s])
    if before and not _role_word(before.group(1)):
        if is_name(before.group(1)):
            return (s - len(before.group(0)), e)
        if not _no_name(before.group(1)):
            return False
    return None


_RE_SPACED_FULL = re.compile(rf"(?:{_RE_PART})[ \u3000・](?:{_RE_PART})")
_RE_GLUED_KANJI = re.compile(r"[一-龥々]{3,5}")
_RE_LATIN = re.compile(r"[A-Z][a-z]{2,}|[a-z][a-z0-9]*[_.][a-z0-9_.]*[a-z0-9]")
_RE_SHORT = re.compile(r"[一-龥々]{1,3}|[ぁ-ゖ]{2,5}|[ァ-ヺー]{2,8}")


def _spreadable(text: str, cands: list[Candidate]) -> tuple[set[str], set[str]]:
    """(names any one text may spread, names that spread only when two texts or more find them).

    Spread from one text: the echoes' names (:func:`~futoko_research.privacy.echoes.spreadable_names`),
    full names written with a space or ・ (宇佐美 柚月), three to five kanji glued (張子涵), romanised
    names and handles (Rizky, minato_zzz). Spread from two texts: one to three kanji outside the
    lexicon (凪, 梓涵), two to five hiragana, two to eight katakana (ここ, ガブリエル) — short strings
    that a single finding does not make a name."""
    one = set(spreadable_names(text, cands))
    two = set()
    stop = english_stop_words()
    for c in cands:
        if c.kind != "person" or c.confidence < 0.7:
            continue
        w = text[c.start:c.end]
        if (_RE_SPACED_FULL.fullmatch(w) and not any(_role_word(p) for p in re.split(r"[ \u3000・]", w))) or (
                _RE_GLUED_KANJI.fullmatch(w) and _family_given(w)):
            one.add(w)
        elif _RE_LATIN.fullmatch(w) and w.lower() not in stop and w not in lx.NOT_ROMAJI_NAMES and (
                not w[0].isupper() or is_romaji_name(w)):
            one.add(w)
        elif _RE_SHORT.fullmatch(w) and _NAMING_DETECTORS & set(c.detector.split("+")):
            two.add(w)
    bad = lx.NOT_NAMES | lx.NOT_HIRAGANA_NAMES
    return one - bad, two - bad - one


#: detectors that read a short string as a name by itself (not only by its slot or its echo)
_NAMING_DETECTORS = frozenset({"honorific", "lexname", "sudachi", "kana_nickname", "mark", "role", "cue"})
#: after one kanji spread from other texts: an honorific, a subject or direction particle, a
#: comma or line end, or の before the person's things (湊のこと); never a bracket's end (（金）)
_RE_ONE_KANJI_AFTER = re.compile(r"(?:さん|くん|君|ちゃん|は|が|も|と|へ|、|。|\n|[ \u3000]*$|[（(：:]|本人|の(?:こと|様子|母|父|件))")
_WEEKDAY_WEATHER = frozenset("月火水木金土日祝晴曇雨雪")


def _family_given(word: str) -> bool:
    """True when ``word`` splits into a family name and a given name of the lexicon (張子涵 is not
    in it; 勅使河原湊 is)."""
    return any(is_family_name(word[:k]) and is_given_name(word[k:]) for k in range(1, len(word)))


def _latin_whole(text: str, s: int, e: int) -> bool:
    """A whole Latin word, not one part of a longer romanised name (Lucas O. Santos, Santos.Gabriel)."""
    if (s and text[s - 1].isascii() and (text[s - 1].isalnum() or text[s - 1] in "._")) or (
            e < len(text) and text[e].isascii() and (text[e].isalnum() or text[e] in "_")):
        return False
    return not (re.match(r"[ .][A-Z]", text[e:e + 2]) or re.search(r"[A-Za-z][ .]$", text[max(0, s - 2):s]))


#: words a person finding may carry glued to a name (担当の肩書き, 記名, 〜方): 通訳松浦, 早乙女SC, 牧記
_GLUED_NON_NAME = (lx.ROLE_PREFIXES | lx.ROLE_SUFFIXES | lx.PERSON_SUFFIXES
                   | {"記", "方", "姓", "宅", "家", "SC", "SSW", "T", "先生", "教諭", "同行可", "携帯",
                      "通訳", "養護", "学年", "生指", "記録", "美術", "体育", "音楽"})


def trim_to_known(text: str, cands: list[Candidate], known: set[str]) -> list[Candidate]:
    """Person findings that are a name of the collection plus a role or record word glued before
    or after it (通訳松浦, 養護 沖野, 早乙女SC, 国分方, 大庭 さくらさん) cut to the name; never a
    nickname's stem before its honorific (ぐっさん, みっちゃん)."""
    out = []
    for c in cands:
        span = text[c.start:c.end]
        if c.kind == "person":
            for n in sorted((k for k in known if 2 <= len(k) < len(span) and k in span), key=len, reverse=True):
                i = span.find(n)
                pieces = [p.strip(" \u3000\n・") for p in (span[:i], span[i + len(n):])]
                if any(pieces) and all(not p or p in _GLUED_NON_NAME for p in pieces) and not n.endswith("っ"):
                    c = Candidate(c.start + i, c.start + i + len(n), c.kind, c.detector + "+trim", c.confidence)
                    break
        out.append(c)
    return out


def collection_echoes(found: Sequence[tuple[str, list[Candidate]]]) -> list[list[Candidate]]:
    """Each text's candidates (text coordinates) with the names found in the other texts of the
    collection, at the occurrences of the module docstring.

    Parameters
    ----------
    found : (text, candidates) per text, as the per-text passes of
        :func:`~futoko_research.privacy.detect.find_candidates` leave them.

    Returns
    -------
    list of candidate lists, in the order of ``found``; the added ones have detector
    ``collection_echo``.
    """
    spread = [_spreadable(t, cands) for t, cands in found]
    texts_of: dict[str, set[int]] = {}
    for i, (_, two) in enumerate(spread):
        for n in two:
            texts_of.setdefault(n, set()).add(i)
    known = {t[c.start:c.end] for t, cands in found for c in cands if c.kind == "person" and c.confidence >= 0.7}
    out = []
    for i, (text, cands) in enumerate(found):
        cands = trim_to_known(text, cands, known)
        own = spread[i][0] | spread[i][1]
        names = set().union(*(one for j, (one, _) in enumerate(spread) if j != i))
        names |= {n for n, hits in texts_of.items() if len(hits - {i}) >= 2}
        names -= own
        # an uncertain finding of a name the collection found certain elsewhere is certain here
        added = [Candidate(c.start, c.end, c.kind, c.detector + "+collection_echo", COLLECTION_ECHO_CONFIDENCE)
                 if c.kind == "person" and c.confidence < COLLECTION_ECHO_CONFIDENCE
                 and text[c.start:c.end] in names and _accept(text, text[c.start:c.end], c.start, c.end) == (c.start, c.end)
                 else c for c in cands]
        for name in sorted(names - {n for n in names if _is_conjunction(n)}, key=lambda n: (-len(n), n)):
            latin = name.isascii()
            for s, e in (_latin_occurrences(text, name, added) if latin else _occurrences(text, name, added)):
                span = _accept(text, name, s, e)
                if span is None or any(c.start < span[1] and span[0] < c.end for c in added):
                    continue
                added.append(Candidate(*span, "person", "collection_echo", COLLECTION_ECHO_CONFIDENCE))
        out.append(sorted(added, key=lambda c: (c.start, c.end)))
    return out


def _accept(text: str, name: str, s: int, e: int) -> tuple[int, int] | None:
    """The span to find for an occurrence [s, e) of a name of the collection, or None."""
    if name.isascii():
        return (s, e)
    if text[s - 1:s] in "「『" and text[e:e + 1] in "」』":
        return None  # a name alone in quotes in another text: a centre's or a room's name (「ひなた」)
    if re.match(r"[ァ-ヺー一-龥々]", text[e:e + 1]) and not _RE_KANA.fullmatch(name) and len(name) > 1 \
            and not _RE_CUE.match(text, e):
        return None  # glued to more letters (小野寺アンジェリカ): a part of a longer name
    whole = _full_name(text, name, s, e)
    if whole is False or (whole is None and _reads_as_word(text, name, e)):
        return None
    if _is_plain_word(name) and not _RE_HONORIFIC.match(text, e) and not (
            (s == 0 or text[s - 1] == "\n") and text[e:e + 1] in "：:"):  # a chat speaker: ここ：…
        return None
    if len(name) == 1 and (name in _WEEKDAY_WEATHER or not _RE_ONE_KANJI_AFTER.match(text, e)):
        return None
    return whole or (s, e)


#: glued before a name that the note names as a person: a class or grade (1組古賀, 3年森 空), a
#: staff word (担任乾, センター鳴海, 子ども家庭課浅見)
_RE_GLUED_BEFORE = re.compile(r"(?:[0-9０-９][年組]|" + "|".join(
    sorted(map(re.escape, lx.ROLE_PREFIXES - lx.KIN_ROLE_WORDS - {"本人", "児童", "生徒"}), key=len, reverse=True))
    + r"|課|センター|区|市|町)$")


def _occurrences(text: str, name: str, cands: list[Candidate]) -> Iterator[tuple[int, int]]:
    """Occurrences of a non-Latin ``name`` touching no candidate, set off as a word
    (:func:`~futoko_research.privacy.echoes.set_off`) or, where a note glues its words, right after a
    class or staff word, or (for two characters or more) after a particle (前の湊は, 今日はひなた、)."""
    for m in re.finditer(re.escape(name), text):
        s, e = m.span()
        if any(c.start < e and s < c.end for c in cands):
            continue
        if set_off(text, s, e, cands):
            yield s, e
        elif ends_word(text, e) and (_RE_GLUED_BEFORE.search(text[max(0, s - 12):s])
                                     or (len(name) > 1 and text[s - 1:s] in "はがもとにを")
                                     or (len(name) > 1 and text[s - 1:s] == "の" and not _RE_KANA.fullmatch(name))):
            yield s, e


def _latin_occurrences(text: str, name: str, cands: list[Candidate]):
    for m in re.finditer(re.escape(name), text):
        s, e = m.span()
        if _latin_whole(text, s, e) and not any(c.start < e and s < c.end for c in cands):
            yield s, e

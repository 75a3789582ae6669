"""Round 22: the family name of a full name found in a note, where it stands alone.

A post-pass on the final findings (text coordinates). A careful reader who has read
``北見 さやか`` at the top of a newsletter reads the ``北見`` that signs it off as the same
person; the first pass links a name's parts only when the name is written without a space and
the part is followed by a particle or an honorific. This pass takes the **family part** of every
certain full name written with a space, a middle dot or a full stop between its parts, or of a
kanji family name glued to a kana given name (``坂本ひより``), and marks each other whole
occurrence of it in the same text:

* the family part has two to four kanji (``北見``, ``千葉``) — one kanji (``関``) is too often
  part of an ordinary word;
* the occurrence is set off before by the start of a line, a space, a bracket, punctuation, a
  colon, a digit or kana (``組 吉岡について``, ``（千葉）``, ``記録：池上``), and after by the
  end of a line, punctuation, a bracket, a particle (``北見から``; not a kana given name glued
  on: ``真壁つむぎ``) or an honorific or a
  role (``先生``, ``さん``, ``家``); a kanji after it (``千葉県``, ``北見市``) means another word,
  and so does the name of a business (``杉本こどもクリニック``);
* a given name after it and one space (``高千穂 麗子`` … ``高千穂 絢斗``, a relative) is taken
  with it: the whole full name is a person;
* the occurrence overlaps no finding (a school ``竹中`` or a longer person stays as it is).

Round 23 first completes a full name of which only one part was found, across one space:

* **the family part before a found kanji given name** (``2年4組 石動 菜摘``, ``学年主任 久留米 真一``,
  ``担任：鈴鹿 龍一``, ``1年2組牧瀬 樹``): two to four kanji and one space before a certain
  person of one to three kanji, set off before by a line start, a space, punctuation, a colon, a
  bracket, a class (``組``) or a role word (``地区担当``); the word is no ordinary noun, role,
  kin word, place or office (``市``, ``校``, ``課`` … at its end);
* **a kanji family name and a hiragana given name of the lexicon before an honorific or a
  teacher's title** (``前担任 鳴瀬 かおり教諭``), neither part found: the family word set off and no
  ordinary word, the given name no ordinary kana word;
* **a kanji given name after a found family name** (``・相馬 海（3-5）``, ``エスピノサ 茉莉``): one to
  three kanji after one space, before a bracket, punctuation, a space, a line end or an
  honorific; no ordinary noun, role, kin, seal or record word (``相馬 欠席``, ``日野　印``).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import Candidate, is_lexicon_proper

_FULL = re.compile(
    r"(?P<fam>[一-龥々ヶ]{2,4})(?:[ \u3000]+|[・．.])(?P<given>[一-龥々ぁ-ゖァ-ヺー]{1,6})"
    r"|(?P<fam2>[一-龥々ヶ]{2,4})(?P<given2>[ぁ-ゖ]{2,5})"
)
#: what may follow a family name used alone (besides kana, punctuation and a line end)
_AFTER_WORDS = tuple(sorted(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES | {"家", "宅", "先生", "担任"}, key=len, reverse=True))
_RE_GIVEN_AFTER = re.compile(r"[ \u3000](?:[一-龥々]{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6})(?=[（(、，,\n\t \u3000]|さん|くん|ちゃん|君|様|$)")
#: a business named after the family (杉本こどもクリニック, 北見歯科)
_RE_FACILITY = re.compile(r"[ぁ-ゖァ-ヺー]{0,8}(?:クリニック|医院|病院|歯科|内科|小児科|整骨院|接骨院|薬局|塾|教室|商店|工務店)")
_RE_PARTICLE = re.compile(r"(?:は|が|も|と|に|の|を|へ|や|で|から|まで|より|さん|くん|ちゃん|さま|です|だ)")
_KANJI = re.compile(r"[一-龥々ヶ]")
_LATIN_OR_KATAKANA = re.compile(r"[A-Za-z0-9ァ-ヺー]")


_RE_FAM_BEFORE = re.compile(r"(?P<fam>[一-龥々ヶ]{2,4})[ \u3000]$")
_RE_GIVEN_NEXT = re.compile(r"[ \u3000](?P<given>[一-龥々]{1,3})(?=[（(、，,。．)）\n\t \u3000]|さん|くん|ちゃん|君|様|$)")
#: a kanji family name, one space and a hiragana given name before an honorific or a teacher's title
_RE_KANA_FULL = re.compile(r"(?P<fam>[一-龥々ヶ]{2,3})[ \u3000](?P<given>[ぁ-ゖ]{2,4})(?=先生|教諭|さん|様|氏|くん|ちゃん)")
_RE_FAMILY_FOUND = re.compile(r"[一-龥々ヶ]{2,4}|[ァ-ヺー]{2,8}")
#: what ends a place, an office or a school, not a family name
_PLACE_END = "市町村県区郡都府道校組課係室部科局所園館院会庁署"
_NOT_PART = lx.ROLE_PREFIXES | lx.ROLE_SUFFIXES | lx.KIN_ROLE_WORDS | lx.NOT_NAMES | lx.NAME_LABELS | {
    "記録", "記", "対応", "電話", "確認", "済", "印", "不在", "同席", "同行", "欠席", "出席", "来校", "面談"}


def _plain_word(word: str, *, strong: bool = False) -> bool:
    """A word that is no part of a name; before a bracket or an honorific (``strong``) a common
    noun (海, 樹) may still be a given name."""
    from futoko_research.privacy.ordinary import is_ordinary_word
    from futoko_research.privacy.text import is_abstract_noun

    heads = [word[:n] for n in range(2, len(word) + 1)]  # 確認済, 確認後: a word and its ending
    return (word[-1] in _PLACE_END or any(h in _NOT_PART or is_abstract_noun(h) for h in heads)
            or word in _NOT_PART or (not strong and any(is_ordinary_word(h) for h in heads or [word])))


def _bound_before(text: str, s: int) -> bool:
    if s == 0 or text[s - 1] in "\n\t 　：:（(、，,・「【［[)）」】]":
        return True
    return bool(re.search(r"[0-9０-９]組$", text[:s])) or text[:s].endswith(tuple(lx.ROLE_PREFIXES))


def _join_parts(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Full names of which one part was found, across one space (module docstring, round 23)."""
    out = list(cands)
    for i, c in enumerate(out):
        if c.kind != "person" or c.confidence < 0.7:
            continue
        span = text[c.start:c.end]
        start, end = c.start, c.end
        if re.fullmatch(r"[一-龥々]{1,3}", span) and not is_family_name(span):
            for n in (4, 3, 2):
                m = _RE_FAM_BEFORE.fullmatch(text, max(0, c.start - n - 1), c.start)
                fam = m.group("fam") if m else ""
                if m and c.start - n - 1 >= 0 and _bound_before(text, m.start()) and not _plain_word(fam) \
                        and (is_family_name(fam) or is_lexicon_proper(fam)):
                    start = m.start()
                    break
        g = _RE_GIVEN_NEXT.match(text, c.end)
        strong = g is not None and re.match(r"[（(、，,]|さん|くん|ちゃん|君|様", text[g.end():g.end() + 2]) is not None
        if start == c.start and _RE_FAMILY_FOUND.fullmatch(span) and g \
                and not _plain_word(g.group("given"), strong=strong) \
                and g.group("given") not in lx.PERSON_SUFFIXES:
            end = g.end()
        if (start, end) != (c.start, c.end) and not any(
                o is not c and o.start < end and start < o.end for o in out):
            out[i] = Candidate(start, end, c.kind, c.detector, c.confidence)
    for m in _RE_KANA_FULL.finditer(text):
        s, e = m.span()
        fam, given = m.group("fam"), m.group("given")
        if (not _bound_before(text, s) or _plain_word(fam) or not (is_family_name(fam) or is_lexicon_proper(fam))
                or not is_given_name(given) or given in lx.NOT_HIRAGANA_NAMES):
            continue
        hit = [o for o in out if o.start < e and s < o.end]
        if all(o.kind == "person" and s <= o.start and o.end <= e for o in hit):
            out = [o for o in out if o not in hit] + [Candidate(s, e, "person", "kana_full_name", 0.8)]
    return sorted(out, key=lambda c: (c.start, c.end))


def _families(text: str, cands: list[Candidate]) -> set[str]:
    out = set()
    for c in cands:
        if c.kind != "person" or c.confidence < 0.7:
            continue
        m = _FULL.fullmatch(text[c.start:c.end])
        if m:
            out.add(m.group("fam") or m.group("fam2"))
    return out


def _set_off(text: str, s: int, e: int) -> bool:
    if _RE_FACILITY.match(text, e):
        return False
    before = text[s - 1] if s else ""
    if before and (_KANJI.match(before) or re.match(r"[A-Za-zァ-ヺー]", before)):
        return False
    after = text[e:e + 1]
    if not after or after in "\n\r\t 　、。，．,.:：;；!?！？)）」』】］]・/／(（「-―〜~":
        return True
    if re.match(r"[ぁ-ゖ]", after):  # a particle, not a kana given name glued on (真壁つむぎ)
        return _RE_PARTICLE.match(text, e) is not None
    if _LATIN_OR_KATAKANA.match(after):
        return False
    return text.startswith(_AFTER_WORDS, e)


def family_parts(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the family parts of the module docstring as persons."""
    out = _join_parts(text, cands)
    for fam in sorted(_families(text, out), key=len, reverse=True):
        if fam in lx.NOT_NAMES:
            continue
        for m in re.finditer(re.escape(fam), text):
            s, e = m.span()
            g = _RE_GIVEN_AFTER.match(text, e)
            if g and not (_KANJI.match(g.group().strip()) and _plain_word(g.group().strip())):  # 石動　腹痛
                # a relative under the same family name (高千穂 麗子 … 高千穂 絢斗): the full name
                e = g.end()
            if any(c.start < e and s < c.end for c in out) or not _set_off(text, s, e):
                continue
            out.append(Candidate(s, e, "person", "family_part", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

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
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate

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
    out = list(cands)
    for fam in sorted(_families(text, cands), key=len, reverse=True):
        if fam in lx.NOT_NAMES:
            continue
        for m in re.finditer(re.escape(fam), text):
            s, e = m.span()
            g = _RE_GIVEN_AFTER.match(text, e)
            if g:  # a relative under the same family name (高千穂 麗子 … 高千穂 絢斗): the full name
                e = g.end()
            if any(c.start < e and s < c.end for c in out) or not _set_off(text, s, e):
                continue
            out.append(Candidate(s, e, "person", "family_part", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

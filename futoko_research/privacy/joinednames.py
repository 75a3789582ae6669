"""Round 16: names joined by a middle dot or a full stop, and anonymised letter labels.

Applied to the final findings (text coordinates), after every other rule:

* **A katakana name joined by ・** (ファン・ティ・フォン さま, ワン・シンユー): a chain of two or three
  katakana words joined by ・ is one person span when a person finding already covers one of
  its parts, or when an honorific or a kin/grade bracket follows the chain, and not every part
  is an ordinary word (ゲーム・マンガ). The parts' own findings are merged into it.
* **A kanji family name and a given name joined by ・** (木村・由紀, 松田・ひかり): a family name of the
  lexicon, ・, then a given name (kanji of the lexicon or 2–4 hiragana that are a given name),
  standing as a word, is one person span.
  Round 20: also joined by a full stop (丸山．彩花（中1）, 内藤.早紀) when a bound (line end, space,
  bracket, comma) follows; a family name may be SudachiDict's.
* **A romanised name with an initial** (E. Carter, K・Takeuchi, T.Yamane, Sota.Miyake): an initial
  (or a capitalised word) joined by ``.``/``・`` to a capitalised word that is a romanised name
  of the lexicon or already a person finding, not inside an e-mail address or a URL.
* **Anonymised letter labels are not initials** (通所 A・B・C・D, Ａ・Ｂ): single letters joined by ・
  in a chain of three or more, or the pair A・B, are labels (Ｓ・Ｔ alone stays initials).
* **A name label at the head of a person span** (フリガナ　ムラカミ アオイ) stays out of it.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name, is_romaji_name
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import Candidate, fold_text, has_common_sense, is_common_kana_word

_KATA = r"[ァ-ヺー]"
_KANJI = r"[\u4e00-\u9fff々]"
_RE_KATA_CHAIN = re.compile(rf"(?<![ァ-ヺー・])({_KATA}{{1,8}}(?:・{_KATA}{{1,8}}){{1,2}})(?![ァ-ヺー・])")
_RE_KANJI_DOT = re.compile(
    rf"(?<![\u4e00-\u9fff々ァ-ヺぁ-ゖ・．.])({_KANJI}{{1,3}})[・．.]({_KANJI}{{1,3}}|[ぁ-ゖ]{{2,4}})"
    rf"(?![\u4e00-\u9fff々ァ-ヺぁ-ゖ・．.])"
)
_HONORIFIC_AFTER = re.compile(r"^[ \u3000]?(?:さま|様|さん|くん|君|ちゃん|殿|氏)")
_BRACKET_AFTER = re.compile(r"^[ \u3000]?[（(](?:母|父|祖母|祖父|兄|姉|弟|妹|本人|保護者|小|中|高|\d)")
_RE_INITIAL_NAME = re.compile(
    r"(?<![A-Za-z0-9@._%+-])(?P<head>[A-Z](?:[a-z]+)?)(?:\. ?|・|．)(?P<name>[A-Z][a-z]{2,})(?![A-Za-z0-9@]|\.[A-Za-z])"
)
_RE_LETTER_CHAIN = re.compile(r"(?<![A-Za-z])[A-Z](?:・[A-Z])+(?![A-Za-z])")
#: name labels and reading labels that may be caught at the head of a person span
_LABELS = tuple(sorted(lx.NAME_LABELS | {"フリガナ", "ふりがな", "カナ", "よみがな", "読み"}, key=len, reverse=True))


def _person_after(text: str, end: int) -> bool:
    tail = text[end:end + 6]
    return bool(_HONORIFIC_AFTER.match(tail) or _BRACKET_AFTER.match(tail))


def replace_overlapping(cands: list[Candidate], new: Candidate, replaceable: tuple[str, ...] = ("person",)) -> list[Candidate]:
    """``cands`` with ``new`` in place of the findings of a ``replaceable`` kind it overlaps
    (unchanged when it would overlap a finding of another kind)."""
    hit = [c for c in cands if c.start < new.end and new.start < c.end]
    if any(c.kind not in replaceable for c in hit):
        return cands
    if any(c.start < new.start or c.end > new.end for c in hit if c.kind == new.kind and c.confidence >= 0.7):
        return cands  # never cut a longer certain finding (加賀美 トシ子 stays whole)
    for c in hit:
        if c.start == new.start and c.end == new.end and c.kind == new.kind:  # the same span
            c.confidence = max(c.confidence, new.confidence)
            c.detector = "+".join(sorted({*c.detector.split("+"), new.detector}))
            return cands
    same = [c for c in hit if c.kind == new.kind]
    if same:
        new.confidence = max(new.confidence, *(c.confidence for c in same))
        new.detector = "+".join(sorted({new.detector, *(d for c in same for d in c.detector.split("+"))}))
    return sorted([c for c in cands if c not in hit] + [new], key=lambda c: (c.start, c.end))


def _katakana_chains(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_KATA_CHAIN.finditer(text):
        parts = m.group(1).split("・")
        if all(is_common_kana_word(p) or has_common_sense(p) for p in parts):
            continue
        covered = any(c.kind == "person" and c.start < m.end() and m.start() < c.end
                      and c.confidence >= 0.7 for c in cands)
        if covered or _person_after(text, m.end()):
            cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "person", "joined", 0.8))
    return cands


def _kanji_dotted(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_KANJI_DOT.finditer(text):
        family, given = m.group(1), m.group(2)
        if m.group(0)[len(family)] != "・" and text[m.end():m.end() + 1].strip(" \u3000\t\n（(、，,）)"):
            continue  # 山田.次回 …: a sentence's full stop; 丸山．彩花（中1）, 内藤.早紀 at a line end: a joint
        if (is_family_name(family) or is_sudachi_family_name(family)) and is_given_name(given) and not is_given_name(family):
            cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "person", "joined", 0.8))
    return cands


def _romaji_initials(text: str, cands: list[Candidate]) -> list[Candidate]:
    from futoko_research.privacy.latin import ENGLISH_INSTITUTION_WORDS

    folded = fold_text(text)
    for m in _RE_INITIAL_NAME.finditer(folded):
        head, name = m.group("head"), m.group("name")
        words = [head, name] if len(head) > 1 else [name]
        if len(head) > 1 and " " in m.group():
            continue  # Hinata. Mom: a sentence end, not Sota.Miyake
        if any(w in ENGLISH_INSTITUTION_WORDS or w in lx.NOT_ROMAJI_NAMES for w in words):
            continue
        if head in ("No", "Mr", "Ms", "Mrs", "Dr", "St", "Mt", "Vol", "Fig", "Tel", "Fax", "Re", "Dept"):
            continue
        known = any(c.kind == "person" and c.start <= m.start("name") and m.end("name") <= c.end for c in cands)
        if known or any(is_romaji_name(w) for w in words):
            cands = replace_overlapping(cands, Candidate(m.start(), m.end(), "person", "joined", 0.8))
    return cands


def _labels(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop anonymised letter labels; cut a name label off the head of a person span."""
    folded = fold_text(text)
    labels = []
    for m in _RE_LETTER_CHAIN.finditer(folded):
        letters = m.group().split("・")
        if len(letters) >= 3 or letters == ["A", "B"]:
            labels.append((m.start(), m.end()))
    out = []
    for c in cands:
        if c.kind == "person" and any(s <= c.start and c.end <= e for s, e in labels):
            continue
        if c.kind == "person":
            word = text[c.start:c.end]
            for lab in _LABELS:
                rest = word[len(lab):]
                if word.startswith(lab) and rest[:1] in (" ", "\u3000", "：", ":") and rest.strip(" \u3000：:"):
                    c.start += len(word) - len(rest.lstrip(" \u3000：:"))
                    break
        out.append(c)
    return out


def join_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the joined names of the module docstring."""
    cands = _labels(text, cands)
    cands = _katakana_chains(text, cands)
    cands = _kanji_dotted(text, cands)
    return _romaji_initials(text, cands)

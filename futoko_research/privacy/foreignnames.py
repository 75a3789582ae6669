"""Two-word names in Latin letters or katakana, with family names of foreign roots (round 13).

General knowledge, not read from any writer's notes:

* **Latin pairs.** Two words side by side (one space, or a full-width space, folded) that are both
  title-case (Kim Soyeon), both lower-case (minh nguyen) or an upper-case family name and a
  title-case given name (CHANG Yu-Chen) are a name when one of them is a name word — a family name
  of :file:`resources/school_family_names.txt` (Vietnamese, Korean, Chinese, Filipino, Brazilian,
  Peruvian and Nepali family names common in Japanese schools), a romanised name of the
  ``gimei`` lexicon, or a census given name that is no English word
  (:data:`~futoko_research.privacy.western.WORDLIKE`) — and the other is no English stop word,
  month, title or institution word. A listed name that is also a short or common English word
  (Lee, Park, Long; marked ``?`` in the file) needs the other word to be a name word too. A
  lower-case pair counts only in Japanese text (no Latin word right before or after it).
* **Katakana pairs.** A listed family name in katakana (three characters or more, no ordinary
  word for SudachiDict) and a katakana word of two to six characters, joined by a space or ・
  (ペレイラ　アナ, グエン・ミン), in either order.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_romaji_name
from futoko_research.privacy.text import Candidate, fold_text, sudachi_dictionary
from futoko_research.privacy.western import WORDLIKE, is_western_given

RE_PAIR = re.compile(r"(?<![A-Za-z0-9@._'-])(?P<a>[A-Za-z][A-Za-z]*(?:-[A-Za-z][a-z]+)?)[ \u3000]"
                     r"(?P<b>[A-Za-z][a-z]*(?:-[A-Za-z][a-z]+)?)(?![A-Za-z0-9@])")
RE_KATA_PAIR = re.compile(r"(?<![ァ-ヺー・])(?P<a>[ァ-ヺー]{2,6})[ \u3000・](?P<b>[ァ-ヺー]{2,6})(?![ァ-ヺー・])")
NOT_FOREIGN_NAME = frozenset({
    "Mr", "Ms", "Mrs", "Dr", "Miss", "Dear", "From", "To", "Re", "Cc", "Date", "Note", "Memo", "The", "And",
    "School", "City", "Center", "Centre", "Room", "Support", "Class", "Team", "Group", "Case", "Staff", "Student",
    "Teacher", "Parent", "Mother", "Father", "Online", "Zoom", "Line", "Home", "Junior", "High", "Elementary",
})


@cache
def school_family_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(romanised names, the romanised names that are also English words, katakana forms)."""
    text = resources.files("futoko_research").joinpath("resources", "school_family_names.txt").read_text(encoding="utf-8")
    latin, wordlike, kata = set(), set(), set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        first, *rest = line.split()
        name = first.rstrip("?")
        latin.add(name)
        if first.endswith("?"):
            wordlike.add(name)
        kata.update(rest)
    return frozenset(latin), frozenset(wordlike), frozenset(kata)


def _stop() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _title(w: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))


def _name_word(w: str, strict: bool) -> bool:
    """``w`` is a name word; ``strict`` leaves out listed names that are English words."""
    t = _title(w)
    latin, wordlike, _ = school_family_names()
    if t in latin and (not strict or t not in wordlike):
        return True
    if any(len(p) >= 3 and is_romaji_name(p) for p in t.split("-")) and t not in WORDLIKE:
        return True
    return len(t) >= 3 and t not in WORDLIKE and is_western_given(t)


def _plain(w: str) -> bool:
    t = _title(w)
    return (len(w) >= 2 and w.lower() not in _stop() and t not in NOT_FOREIGN_NAME and t not in WORDLIKE - school_family_names()[0]
            and t not in lx.NOT_ROMAJI_NAMES)


def _shape_ok(a: str, b: str) -> bool:
    title = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
    if title.fullmatch(a) and title.fullmatch(b):
        return True
    if a.islower() and b.islower():
        return True
    # CHANG Yu-Chen: the upper-case word must itself be a name word (SSW Okada is a role)
    return a.isupper() and len(a) >= 2 and bool(title.fullmatch(b)) and _name_word(a, False)


def _ordinary_kata(w: str) -> bool:
    try:
        return any(m.part_of_speech()[1] != "固有名詞" for m in sudachi_dictionary().lookup(w) if m.surface() == w)
    except Exception:  # pragma: no cover - lookup unsupported
        return False


def foreign_pairs(text: str) -> list[Candidate]:
    """Latin and katakana two-word names in ``text`` (its coordinates)."""
    folded = fold_text(text)
    out = []
    pos = 0
    while True:
        m = RE_PAIR.search(folded, pos)
        if m is None:
            break
        a, b = m.group("a"), m.group("b")
        pos = m.start("b")
        if not _shape_ok(a, b) or not (_plain(a) and _plain(b)):
            continue
        strong = _name_word(a, True) or _name_word(b, True)
        both = _name_word(a, False) and _name_word(b, False)
        if not (strong or both):
            continue
        if a.islower():
            before = folded[:m.start()].rstrip(" ")[-1:]
            after = folded[m.end():].lstrip(" ")[:1]
            if re.match("[A-Za-z]", before) or re.match("[A-Za-z]", after) or not (_name_word(a, True) or _name_word(b, True)):
                continue  # lower case: only a listed name, and only in Japanese text
        out.append(Candidate(m.start(), m.end(), "person", "lexname", 0.8))
        pos = m.end()
    kata = school_family_names()[2]
    for m in RE_KATA_PAIR.finditer(folded):
        a, b = m.group("a"), m.group("b")
        fam = next((w for w in (a, b) if w in kata and len(w) >= 3 and not _ordinary_kata(w)), None)
        if fam is None:
            continue
        other = b if fam == a else a
        if other in kata or not _ordinary_kata(other):
            out.append(Candidate(m.start(), m.end(), "person", "lexname", 0.8))
    return out

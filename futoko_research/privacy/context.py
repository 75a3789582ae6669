"""Context rules for people's names: subjects of person verbs, lists, kinship words, Latin
letters, initials, codes next to a name, and document-level coreference.

These generalise from the shape of the sentence, not from lists of names: a word is taken
for a name when SudachiDict lists it as a person's name (名詞-固有名詞-人名) *and* the
context says it is a person (it is the subject of 語った / 登校した / 泣いた, it stands in a
list with a name, it follows 母の / 弟の / 担任の), or when the same string was found with
certainty elsewhere in the document.

The rules live in :mod:`~futoko_research.privacy.nametoks` (token-level name judgement),
:mod:`~futoko_research.privacy.subjects`, :mod:`~futoko_research.privacy.kinship`,
:mod:`~futoko_research.privacy.latin` and :mod:`~futoko_research.privacy.coref`; this module
runs them and fixes the edges of what they find. Every name once defined here is still
importable from here.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.coref import add_codes_and_coreference  # noqa: F401  (re-exported)
from futoko_research.privacy.kinship import after_kin, possessive
from futoko_research.privacy.latin import (  # noqa: F401  (re-exported)
    ENGLISH_INSTITUTION_WORDS,
    RE_LATIN_AFTER_KIN,
    latin_and_initials,
)
from futoko_research.privacy.nametoks import (  # noqa: F401  (re-exported)
    BOUNDARY,
    has_person_predicate,
    name_units,
    name_word,
    view_of,
)
from futoko_research.privacy.subjects import subject_lists
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    is_hiragana,
    is_lexicon_place,
    is_name_script,
)


def detect_context(view: str, toks: list[Tok]) -> list[Candidate]:
    """Context candidates of one view (names from sentence shape, Latin names, initials)."""
    return subject_lists(toks) + after_kin(toks) + possessive(toks) + latin_and_initials(view)


def refine_people(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Fix the edges of person candidates: nicknames keep their honorific (あっくん, しーちゃん),
    a hiragana name takes the hiragana Sudachi cut off (ひ+まり), a family name takes a given
    name Sudachi did not know (高嶺+颯+真 before a bracket or a space)."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    for c in cands:
        if c.kind != "person":
            continue
        text = view[c.start:c.end]
        k = starts.get(c.end)
        nxt = toks[k].surface if k is not None else ""
        if (len(text) <= 2 and text[-1:] in ("っ", "ー", "ッ") and nxt in ("ちゃん", "くん", "たん")):
            c.end = toks[k].end
            c.confidence = max(c.confidence, 0.85)
            continue
        b = ends.get(c.start)
        if is_hiragana(text) and b is not None:
            while b is not None and is_hiragana(toks[b].surface) and toks[b].pos[0] == "名詞" \
                    and len(toks[b].surface) <= 2 and c.end - toks[b].start <= 6:
                c.start = toks[b].start
                b = ends.get(c.start)
        first = starts.get(c.start)
        if first is not None and k is not None and k == first + 1 and toks[first].pos[3:4] == ("姓",):
            j = k
            while j < len(toks) and j - k < 2 and len(toks[j].surface) == 1 and is_name_script(toks[j].surface) \
                    and toks[j].surface not in lx.NOT_NAME_TAIL and toks[j].start == toks[j - 1].end:
                j += 1
            after = toks[j].surface if j < len(toks) else "。"
            if j > k and (after in BOUNDARY or toks[j].pos[0] in ("助詞", "補助記号", "空白")
                          or after in lx.PERSON_SUFFIXES or after in lx.ROLE_SUFFIXES):
                c.end = toks[j - 1].end
                c.confidence = max(c.confidence, 0.85)
    out = [c for c in cands if not (c.kind == "person" and (_heads_organisation(toks, starts, c)
                                                            or _names_a_place(toks, starts, c)))]
    for c in out:
        if c.kind == "person" and c.confidence >= 0.7 and any(
                "\u4e00" <= ch <= "\u9fff" for ch in view[c.start:c.end]):
            # 山田太郎（やまだたろう）, 稲垣 彩花、いながき あやか）
            m = (re.match(r"[（(]([ぁ-ゖァ-ヺー]{2,16})[)）]", view[c.end:c.end + 20])
                 or re.match(r"[、,]\s?([ぁ-ゖァ-ヺー]{2,16})(?=[)）])", view[c.end:c.end + 20]))
            if (m and not is_lexicon_place(m.group(1)) and m.group(1) not in lx.KIN_ROLE_WORDS
                    and m.group(1) not in lx.NOT_HIRAGANA_NAMES):  # not （きょうだい） (round 12)
                out.append(Candidate(c.end + m.start(1), c.end + m.end(1), "person", "reading", 0.85))
    return out


def _names_a_place(toks: list[Tok], starts: dict[int, int], c: Candidate) -> bool:
    """True when a name found by the lexicon or GiNZA alone is followed by の and a word said
    of a river or a place (中川の河川敷, 森の遊歩道): a place, not a person."""
    if any(d in ("honorific", "role", "context", "segment", "cue") for d in c.detector.split("+")):
        return False
    k = starts.get(c.end)
    if k is None or k + 1 >= len(toks) or toks[k].surface != "の" or toks[k + 1].start != toks[k].end:
        return False
    return toks[k + 1].surface in lx.PLACE_AFTER_NO


def _heads_organisation(toks: list[Tok], starts: dict[int, int], c: Candidate) -> bool:
    """True when a name found by the lexicon alone is the head of an organisation's name
    (穂垂メンタルクリニック, 佐藤記念病院): nouns run on, without a particle, to an organisation word."""
    if any(d in ("honorific", "role", "context", "segment", "mark") for d in c.detector.split("+")):
        return False
    k = starts.get(c.end)
    for _ in range(3):
        if k is None or k >= len(toks) or toks[k].pos[0] not in ("名詞", "接尾辞"):
            return False
        if len(toks[k].surface) >= 2 and (toks[k].surface in lx.NON_PERSON_NEXT or toks[k].surface in lx.ORG_WORDS
                                          or toks[k].surface in lx.SCHOOL_SUFFIXES):
            return True
        if k + 1 < len(toks) and toks[k + 1].start != toks[k].end:
            return False
        k += 1
    return False

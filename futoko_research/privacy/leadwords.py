"""An English word glued to the front of a romanised name is not part of it (round 17).

English notes start sentences with a verb (Met Kaito in the library, Told Eguchi-sensei) and
put a role before a name (Mother Rebecca Brown, Student Bruno Silva). The romaji rules see
two or three capitalised words and take them all. :func:`drop_english_heads` cuts the first
word of a Latin-script person span when that word is an English word — a common noun in
Sudachi's dictionary, a kin or role noun, a past tense ending in -ed, or an irregular past tense — and not a
known given or family name, and when what is left is still a name (a known name or two
capitalised words).
"""

from __future__ import annotations

import re
from functools import cache

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_name, is_romaji_name
from futoko_research.privacy.text import Candidate, sudachi_dictionary
from futoko_research.privacy.western import is_western_family, is_western_given

#: irregular English past tenses a note starts a sentence with (grammar, not names)
_IRREGULAR_PAST = frozenset({
    "Told", "Met", "Saw", "Sent", "Gave", "Took", "Brought", "Rang", "Spoke", "Heard", "Wrote", "Left",
    "Found", "Got", "Let", "Made", "Kept", "Taught", "Thought", "Felt", "Ran", "Came", "Went", "Said",
})
#: English kin and role nouns Sudachi does not know (closed class: a family, a school)
_ROLE_NOUNS = frozenset({
    "Aunt", "Uncle", "Grandma", "Grandpa", "Granny", "Mom", "Mum", "Dad", "Cousin", "Nephew", "Niece",
    "Stepfather", "Stepmother", "Guardian", "Classmate", "Principal", "Counselor", "Counsellor",
})
_RE_LATIN_SPAN = re.compile(r"(?P<head>[A-Z][a-z]+)(?P<sep> +)(?P<rest>[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'.-]*)*)")


def _is_name(word: str) -> bool:
    return is_western_given(word) or is_western_family(word) or is_romaji_name(word)


@cache
def is_english_head(word: str) -> bool:
    """``word`` (title-case) is an English word that is not a name: an irregular past tense, a
    past tense in -ed, or a common noun Sudachi knows (Mother, Student, Met)."""
    if _is_name(word):
        return False
    if word in _IRREGULAR_PAST or word in _ROLE_NOUNS or (len(word) >= 5 and word.endswith("ed")):
        return True
    toks = sudachi_dictionary().create().tokenize(word)
    if len(toks) != 1:
        return False
    t = toks[0]
    return not t.is_oov() and t.part_of_speech()[:2] == ("名詞", "普通名詞")


def drop_english_heads(text: str, found: list[Candidate]) -> list[Candidate]:
    """Person spans without an English word glued to their front (in ``text``'s coordinates);
    a span that is one such word alone (Mom works night shift, Subject:) is no person (round 18)."""
    out = []
    for c in found:
        if c.kind == "person" and re.fullmatch(r"[A-Z][a-z]+", text[c.start:c.end]) \
                and text[c.start:c.end] not in _IRREGULAR_PAST \
                and (text[c.start:c.end] in _ROLE_NOUNS or is_english_head(text[c.start:c.end])):
            continue
        m = _RE_LATIN_SPAN.fullmatch(text[c.start:c.end]) if c.kind == "person" else None
        if m and is_english_head(m.group("head")):
            words = m.group("rest").split(" ")
            if len(words) >= 2 or any(_is_name(w.strip(".'-")) for w in words):
                out.append(Candidate(c.start + m.start("rest"), c.end, c.kind, c.detector, c.confidence))
                continue
        out.append(c)
    return out


_RE_GRADE_WORD = re.compile(r"^(?:年少|年中|年長|[小中高][1-6１-６]|[1-6１-６]年生?)$")


def _role_word(word: str) -> bool:
    return (word in lx.KIN_ROLE_WORDS or word in lx.ROLE_SUFFIXES or word in lx.ROLE_PREFIXES
            or bool(_RE_GRADE_WORD.match(word)))


@cache
def _one_common_noun(word: str) -> bool:
    """``word`` is one common noun to SudachiDict (確認, 記録) and no name of the lexicon."""
    toks = sudachi_dictionary().create().tokenize(word)
    return (len(toks) == 1 and not toks[0].is_oov() and toks[0].part_of_speech()[:2] == ("名詞", "普通名詞")
            and not is_name(word))


def trim_role_tails(text: str, found: list[Candidate]) -> list[Candidate]:
    """Person spans without a role, kin or grade word at their end (round 17).

    The word after the last space or ・ of a span (金井 大和 保護者, 芽依・年中) and a role written
    on to a family name (桐谷医師) are what the person is, not their name; the name before them
    stays (two characters at least when the role was glued on). Round 18: an ordinary word after
    the last space right before a colon is the label of the next field (新井　確認：教頭 → 新井)."""
    out = []
    for c in found:
        if c.kind == "person":
            span = text[c.start:c.end]
            m = re.search(r"[ \u3000・](?P<w>[^ \u3000・]+)$", span)
            label = (m and m.start() > 0 and re.match(r"[ \u3000]*[：:]", text[c.end:c.end + 3])
                     and re.search(r"[ \u3000]", m.group()[:1]) and not re.search(r"[A-Za-z]", m.group("w"))
                     and _one_common_noun(m.group("w")))
            if m and m.start() > 0 and (_role_word(m.group("w")) or label):
                c = Candidate(c.start, c.start + len(span[:m.start()].rstrip(" \u3000・")), c.kind, c.detector, c.confidence)
            else:
                glued = next((r for r in sorted(lx.ROLE_SUFFIXES, key=len, reverse=True)
                              if len(r) >= 2 and span.endswith(r) and len(span) - len(r) >= 2), None)
                if glued and not re.search(r"[A-Za-z]", glued):
                    c = Candidate(c.start, c.end - len(glued), c.kind, c.detector, c.confidence)
        out.append(c)
    return out

"""Latin-letter names in Japanese and English notes (Ms. Tanaka, 父 Ferreira, My son Lucas
Ferreira), nicknames in quotes and initials.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    is_name_script,
)

#: capitalised English words that name institutions, places or days, not people
ENGLISH_INSTITUTION_WORDS = frozenset({
    "School", "Center", "Centre", "City", "Board", "Education", "Office", "Prefecture", "Hospital", "Clinic",
    "Department", "University", "College", "Junior", "High", "Elementary", "Primary", "Middle", "Counselor",
    "Counsellor", "Support", "Room", "Library", "Town", "Village", "Ward", "Station", "Park", "Street", "Road",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Dear", "Thank", "Thanks", "Best", "Regards", "Sincerely", "Yours", "Please", "We", "I", "My", "Our",
    "Japanese", "English", "Math", "Science", "Ministry", "Welfare", "Child", "Guidance", "Family", "Services",
})
#: a Japanese word for a place or a group right before a Latin name: the name is the place's or group's
RE_FACILITY_BEFORE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.PLACE_GROUP_WORDS, key=len, reverse=True))) + ")[ \u3000]?$")
#: English kinship words and a Latin name after a Japanese kinship or role word
RE_LATIN_AFTER_KIN = re.compile(
    r"(?:\b(?:son|daughter|child|brother|sister|mother|father|husband|wife|name is|named|called)\s+"
    r"|(?:" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS | {"本人", "本児", "保護者"}, key=len, reverse=True)))
    + r")[ \u3000・:：]?\s?)"
    r"(?P<name>[A-Z][a-z]+|[A-Z]{2,}(?:[a-z]+)?)(?:\s(?P<second>[A-Z][a-z]+|[A-Z]{2,}))?(?![A-Za-z])"
)


def _japanese_edge(before: str, after: str) -> bool:
    """True when a Latin name touches Japanese text on one side (父 Ferreira の)."""
    return any(ch and ("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff") for ch in (before, after))


def _english_running_name(folded: str, m: re.Match, words: list[str]) -> bool:
    """Two or three capitalised words inside English running text, not at a sentence start and
    not an institution (My son Lucas Ferreira has…; not The Education Center, Dear Ms)."""
    if any(w in ENGLISH_INSTITUTION_WORDS for w in words) or any(w.isupper() for w in words):
        return False
    before = folded[max(0, m.start() - 20):m.start()]
    prev = re.search(r"([A-Za-z]+)\s+$", before)
    if prev is None or not prev.group(1).islower():
        # at a sentence start: only as the subject of a verb (Kenji Ota is in the second year)
        return (re.search(r"(?:^|[.!?]\s+|\n)$", before) is not None
                and re.match(r"\s+(?:is|was|has|had|does|did|can|will|feels|felt|said|says|likes|goes|went)\b",
                             folded[m.end():m.end() + 10]) is not None)
    return prev.group(1) not in ("the", "a", "an", "this", "that", "of", "at", "in", "from", "to", "our", "your")


def latin_and_initials(view: str) -> list[Candidate]:
    folded = fold_text(view)
    out: list[Candidate] = []
    for m in lx.RE_ROMAJI_HONORIFIC.finditer(folded):
        words = m.group("name").split()
        if all(w not in lx.NOT_ROMAJI_NAMES for w in words) and not (len(words) == 1 and len(words[0]) == 1):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_ROMAJI_NAME.finditer(folded):
        words = re.split(r"[ ,]+", m.group(0))
        if any(w in lx.NOT_ROMAJI_NAMES or w in ENGLISH_INSTITUTION_WORDS or w in ("Mr", "Ms", "Mrs", "Dr", "Miss")
               for w in words) or words[0].lower() in english_stop_words():
            continue  # About Daniel: an English function word is no first name
        after = folded[m.end():m.end() + 3].lstrip(" ")
        before = folded[max(0, m.start() - 3):m.start()].rstrip(" ")
        if RE_FACILITY_BEFORE.search(folded[max(0, m.start() - 12):m.start()]):
            continue  # the name of a place or a group: フリースペースFrog Flagの新堂さん (real text, set c7)
        if (re.match(r"(さん|くん|君|ちゃん|様|氏|先生|の|は|が|と|も|を|に|[（(、,)）」』。]|\n|$)", after)
                or re.search(r"[:：・（(「、]$", before) or _japanese_edge(before[-1:], after[:1])):
            out.append(Candidate(m.start(), m.end(), "person", "context", 0.8))
        elif _english_running_name(folded, m, words):
            out.append(Candidate(m.start(), m.end(), "person", "context", 0.75))
    for m in RE_LATIN_AFTER_KIN.finditer(folded):
        end = m.end("second") if m.group("second") else m.end("name")
        name = folded[m.start("name"):end]
        if not any(w in lx.NOT_ROMAJI_NAMES or w in ENGLISH_INSTITUTION_WORDS for w in name.split()):
            out.append(Candidate(m.start("name"), end, "person", "context", 0.8))
    for m in lx.RE_NICKNAME.finditer(folded):
        g = "a" if m.group("a") else "b"
        word, start = m.group(g), m.start(g)
        suffix = re.search(r"(ちゃん|くん|君|さん)$", word)
        if suffix and suffix.start() >= 2 and word[suffix.start() - 1] not in "っーッ":
            word = word[:suffix.start()]  # 「ゆなちゃん」と呼ばれ: the name is ゆな (あっくん keeps its suffix)
        if is_name_script(word, hiragana=True) and word not in lx.NOT_NAMES:
            # a nickname named so (round 23): kept even when it is also an ordinary word (くろねこ)
            out.append(Candidate(start, start + len(word), "person", "context+named" if g == "a" else "context", 0.8))
    for m in lx.RE_ROMAJI_TITLE.finditer(folded):
        if m.group("name") not in lx.NOT_ROMAJI_NAMES:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_INITIALS.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "person", "initials", 0.8))
    return out


def english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)

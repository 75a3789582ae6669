"""Round 26: a name found in one text of the collection, at its occurrences in the others.

Issue 21 asks for consistency across the corpus: once a string is found as a person, every other
whole occurrence of it is masked too. Pseudonymisation already does so through the key file
(:func:`futoko_research.privacy.replace.pseudonymize` replaces every whole-token occurrence of a
known original); this pass gives :func:`~futoko_research.privacy.detect.find_personal_data` the
same reading, so that the findings table, the review queue and the measured recall agree with
what is masked. A case file's notes name the same children again and again, often once with an
honorific or a full name and elsewhere bare (「湊は…」, a table cell, a chat line).

A name spreads from the texts where it was found, certain (what spreads: :func:`_spreadable` —
from one text the names of the lexicon, full names, romanised names and handles; from two texts or
more, short strings outside the lexicon), to the other texts, at occurrences that read as that
person in their own words (:mod:`~futoko_research.privacy.collectionwords`): set off as a word or
glued only to a class or staff word, touching no finding, not a part of a longer name (a part of a
spaced full name gives the full name when the other part is a name), and, for a word that is also
an ordinary word (そら, 元気), with an honorific or a role after it or opening a chat line.

A text's own uncertain finding of such a name (left for the review queue) becomes certain, and a
person finding that is a name of the collection with a role or record word glued to it (通訳松浦,
早乙女SC, 国分方) is cut to the name (:func:`trim_to_known`).

The other texts' own evidence still wins afterwards: a word a text uses as a place is dropped
there (:func:`~futoko_research.privacy.placenames.drop_place_names`, run after this pass).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.collectionwords import (
    GLUED_NON_NAME,
    NAME_PART,
    RE_KANA,
    accept_occurrence,
    is_conjunction,
    occurrences,
    role_word,
    stands_alone,
)
from futoko_research.privacy.echoes import spreadable_names
from futoko_research.privacy.latin import english_stop_words
from futoko_research.privacy.names import is_family_given, is_romaji_name
from futoko_research.privacy.text import Candidate

#: confidence of a name spread from another text (certain, below a finding of the text's own)
COLLECTION_ECHO_CONFIDENCE = 0.75
_RE_SPACED_FULL = re.compile(rf"(?:{NAME_PART})[ \u3000・](?:{NAME_PART})")
_RE_GLUED_KANJI = re.compile(r"[一-龥々]{3,5}")
_RE_LATIN = re.compile(r"[A-Z][a-z]{2,}|[a-z][a-z0-9]*[_.][a-z0-9_.]*[a-z0-9]")
_RE_SHORT = re.compile(r"[一-龥々]{1,3}|[ぁ-ゖ]{2,5}|[ァ-ヺー]{2,8}")
#: detectors that read a short string as a name by itself (not only by its slot or its echo)
_NAMING_DETECTORS = frozenset({"honorific", "lexname", "sudachi", "kana_nickname", "mark", "role", "cue"})


def _spreadable(text: str, cands: list[Candidate]) -> tuple[set[str], set[str]]:
    """(names any one text may spread, names that spread only when two texts or more find them).

    Spread from one text: the echoes' names (:func:`~futoko_research.privacy.echoes.spreadable_names`),
    full names written with a space or ・ (宇佐美 柚月; no role word as a part: 担任・養護), three to
    five kanji that split into a family and a given name of the lexicon (勅使河原湊), romanised names of
    the lexicon and handles (Rizky, minato_zzz). Spread from two texts, when a naming detector found
    them: one to three kanji outside the lexicon (凪, 梓涵), two to five hiragana, two to eight
    katakana (ここ, ガブリエル) — short strings that a single finding does not make a name."""
    one = set(spreadable_names(text, cands))
    two = set()
    stop = english_stop_words()
    for c in cands:
        if c.kind != "person" or c.confidence < 0.7:
            continue
        w = text[c.start:c.end]
        if (_RE_SPACED_FULL.fullmatch(w) and not any(role_word(p) for p in re.split(r"[ \u3000・]", w))) or (
                _RE_GLUED_KANJI.fullmatch(w) and is_family_given(w)):
            one.add(w)
        elif _RE_LATIN.fullmatch(w) and w.lower() not in stop and w not in lx.NOT_ROMAJI_NAMES and (
                not w[0].isupper() or is_romaji_name(w)):
            one.add(w)
        elif _RE_SHORT.fullmatch(w) and _NAMING_DETECTORS & set(c.detector.split("+")):
            two.add(w)
    bad = lx.NOT_NAMES | lx.NOT_HIRAGANA_NAMES
    return one - bad, two - bad - one


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
                if any(pieces) and all(not p or p in GLUED_NON_NAME for p in pieces) and not n.endswith("っ"):
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
                 and text[c.start:c.end] in names
                 and accept_occurrence(text, text[c.start:c.end], c.start, c.end) == (c.start, c.end)
                 and (not RE_KANA.fullmatch(text[c.start:c.end])
                      or stands_alone(text, text[c.start:c.end], c.start, c.end, []))
                 else c for c in cands]
        for name in sorted(names - {n for n in names if is_conjunction(n)}, key=lambda n: (-len(n), n)):
            for s, e in occurrences(text, name, added):
                span = accept_occurrence(text, name, s, e)
                if span is None or any(c.start < span[1] and span[0] < c.end for c in added):
                    continue
                added.append(Candidate(*span, "person", "collection_echo", COLLECTION_ECHO_CONFIDENCE))
        out.append(sorted(added, key=lambda c: (c.start, c.end)))
    return out

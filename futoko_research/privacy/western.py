"""Western given and family names, from the US Census 1990 lists of the ``names`` package.

``names`` (PyPI 0.3.0, MIT licence, © 2013 Trey Hunner) ships the US Census Bureau's 1990
frequency lists: 1,219 male and 4,275 female given names and 88,799 family names, each line
``NAME  freq  cumulative  rank``. They are vendored as ``futoko_research/resources/census_*.txt``
by ``tools/vendor_census_names.py`` (sha256 checked; the surname list trimmed to a cumulative
frequency of 80 %, 24,792 names). Read once, lazily (no network).

A census name is evidence, never enough alone. Only a *given* name may stand by itself (Kevin,
Daniel, Maria), and only when it is title-case (Kevin, not KEVIN), not an English stop word,
month, weekday or title, not one of :data:`WORDLIKE` (given names that are ordinary English
words: Will, May, Grace, Hope, Rose, Jack…) and not written lower-case elsewhere in the same
text. A family name (Walker, Brown) needs a second signal: the given name it is joined to, a
title (Mr., Ms.; :data:`~futoko_research.privacy.lexicon.RE_ROMAJI_TITLE`) or a Japanese
honorific — the rules of :mod:`~futoko_research.privacy.lexnames` supply the joins.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

#: given names that are ordinary English words (or places, months, brands): they need a second
#: signal (a joined family name, a title, an honorific) like any family name
WORDLIKE = frozenset("""
Will May June April August Grace Hope Faith Joy Rose Lily Ruby Pearl Iris Ivy Daisy Holly Hazel
Violet Jasmine Summer Autumn Dawn Star Sunny Crystal Amber Jade Bill Mark Art Bob Sue Pat Ray Guy
Jack Frank Rich Roy Gene Max Bud Chance Chase Hunter Angel Destiny Harmony Melody Honey Candy Cherry
Ginger Heather Sandy Penny Patience Prudence Charity Mercy Trinity Unity Liberty Christian Miles
Dean Glen Wade Wood Lane Rod Don Van Lee Long Young King Page Sky Rain River Forest Brook Dale Clay
Cliff Bay Carol Eve Bell Belle Georgia Virginia Carolina Florida Dakota Austin Houston Denver Paris
London China India Asia Africa America Sydney Jordan Israel Tennessee Sharon Major Sterling Mason
Carter Cole Drew Gay Fay Robin Wren Lark Dove Song Sage Young Rex Kit Joe Sam Al Ed Tom Tim Jim
Ken Ben Dan Don Ron Lou Vic Val Les Dot Babe Baby Tiny Lady Love Lucky Happy Early Free Best Golden
Silver Gold Bright Sharp Strong Noble Royal Prince Princess Queen Duke Earl Baron Bishop Pope
Rock Stone Cash Price Buck Bear Wolf Fox Hawk Crow Bird Swan Colt Storm Thunder Misty Stormy Windy
Lesson Class Case Note Memo Home School Center Support Level Term Stage Team Group Unit Room Care
Will Sunday Monday Tuesday Wednesday Thursday Friday Saturday January March October November
Homer Ward Hall Field Park Street Mall Station Mina Ena Ai Emi Ami Yu Rin Kim Tan Mi So Ha
Apple Line Zoom Teams Google Minecraft Switch Mario Sonic Nova Echo Luna Alexa Siri Tesla Mercedes
Genesis Bible Christmas Easter Noel Tuesday Content Reading Writing Math Science Music Ok Okay
""".split())


def _read(name: str) -> list[tuple[str, float]]:
    text = resources.files("futoko_research").joinpath("resources", name).read_text(encoding="ascii")
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            out.append((fields[0].capitalize(), float(fields[2])))
    return out


@cache
def census_given() -> frozenset[str]:
    """The census given names (male and female), title-case."""
    return frozenset(n for f in ("census_male_first.txt", "census_female_first.txt") for n, _ in _read(f))


@cache
def census_family() -> frozenset[str]:
    """The census family names (the vendored 80 % of them), title-case."""
    return frozenset(n for n, _ in _read("census_last.txt"))


def is_western_given(word: str) -> bool:
    """``word`` (any case) is a census given name."""
    return word[:1].upper() + word[1:].lower() in census_given()


def is_western_family(word: str) -> bool:
    """``word`` (any case) is a census family name."""
    return word[:1].upper() + word[1:].lower() in census_family()


def western_given_alone(word: str, stop: frozenset[str], lower: set[str]) -> bool:
    """``word`` may stand alone as a Western given name: title-case, a census given name, not an
    English stop word (``stop``), not :data:`WORDLIKE`, not written lower-case in the same text
    (``lower``, the lower-case words of the text)."""
    return (len(word) >= 3 and word[0].isupper() and word[1:].islower() and word not in WORDLIKE
            and word.lower() not in stop and word.lower() not in lower and is_western_given(word))

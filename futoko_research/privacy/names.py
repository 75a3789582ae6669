"""A lexicon of Japanese given and family names, from the data file of the ``gimei`` package.

``gimei`` (PyPI 0.2.3, MIT licence, © 2015 nabetama) ships ``gimei/data/names.yml``: about
13,000 given names (male and female; kanji, hiragana reading, katakana reading) and 500 family
names (the same three forms). The file is vendored byte for byte as
``futoko_research/resources/gimei_names.yml`` with its licence (``gimei_LICENSE.txt``) by
``tools/vendor_gimei_names.py``, which checks its sha256: the package itself is not a dependency
because its wheel installs a top-level ``tests`` package into site-packages, which shadows this
project's ``tests/``. The file is read once, lazily (no network).

Romaji forms are the hiragana readings romanised with ``jaconv.kana2alphabet`` (Hepburn-like:
しょう → shou) plus the common spellings of the same reading: long vowels dropped or written
``oh`` / ``oo`` (shou → sho, shoh; yuuki → yuki), and the Kunrei-shiki forms (shi → si, tsu → tu,
chi → ti, ji → zi, fu → hu).

The lexicon is evidence, never enough alone: many names are ordinary words (光, 海, そら, はるか).
The rules that use it (:mod:`~futoko_research.privacy.lexnames`) ask for a slot that says person
when the word is also an ordinary one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class NameLexicon:
    """The name forms, each a frozenset of strings (romaji lower-case)."""

    given_kanji: frozenset[str]
    given_hiragana: frozenset[str]
    given_katakana: frozenset[str]
    family_kanji: frozenset[str]
    family_hiragana: frozenset[str]
    family_katakana: frozenset[str]
    given_romaji: frozenset[str]
    family_romaji: frozenset[str]


_KUNREI = (("shi", "si"), ("tsu", "tu"), ("chi", "ti"), ("ji", "zi"), ("fu", "hu"), ("sha", "sya"),
           ("shu", "syu"), ("sho", "syo"), ("cha", "tya"), ("chu", "tyu"), ("cho", "tyo"))


def romaji_variants(reading: str) -> set[str]:
    """The romaji spellings of one kana reading (lower-case; empty when it does not romanise).

    Examples
    --------
    >>> sorted(romaji_variants("しょうた"))
    ['shohta', 'shota', 'shouta', 'syohta', 'syota', 'syouta']
    """
    import jaconv

    base = jaconv.kana2alphabet(jaconv.kata2hira(reading)).replace("-", "")
    if not re.fullmatch("[a-z]+", base or ""):
        return set()
    out = {base}
    short = re.sub("ou", "o", re.sub("uu", "u", re.sub("oo", "o", base)))
    out.add(short)
    out.add(re.sub("ou", "oh", base))
    out.add(re.sub("(?<=[bcdfghjkmnprstwyz])ii", "i", short))
    for word in list(out):
        kunrei = word
        for hep, kun in _KUNREI:
            kunrei = kunrei.replace(hep, kun)
        out.add(kunrei)
    return out


@cache
def name_lexicon() -> NameLexicon:
    """The name lexicon (read once from the vendored ``gimei`` data file)."""
    text = resources.files("futoko_research").joinpath("resources", "gimei_names.yml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # noqa: S506  (a safe loader)
    given = [row for sex in ("male", "female") for row in data["first_name"][sex]]
    family = list(data["last_name"])

    def forms(rows, i):
        return frozenset(str(r[i]) for r in rows if len(r) > i and r[i])

    def romaji(rows):
        return frozenset(v for r in rows if len(r) > 1 for v in romaji_variants(str(r[1])) if len(v) >= 2)

    return NameLexicon(
        given_kanji=forms(given, 0), given_hiragana=forms(given, 1), given_katakana=forms(given, 2),
        family_kanji=forms(family, 0), family_hiragana=forms(family, 1), family_katakana=forms(family, 2),
        given_romaji=romaji(given), family_romaji=romaji(family),
    )


def is_given_name(word: str) -> bool:
    """``word`` is a given name of the lexicon (kanji, hiragana or katakana form)."""
    lex = name_lexicon()
    return word in lex.given_kanji or word in lex.given_hiragana or word in lex.given_katakana


def is_family_name(word: str) -> bool:
    """``word`` is a family name of the lexicon (kanji, hiragana or katakana form), or a kanji
    family name of SudachiDict (:func:`~futoko_research.privacy.surnames.is_sudachi_family_name`,
    round 11)."""
    from futoko_research.privacy.surnames import is_sudachi_family_name

    lex = name_lexicon()
    return (word in lex.family_kanji or word in lex.family_hiragana or word in lex.family_katakana
            or is_sudachi_family_name(word))


def is_name(word: str) -> bool:
    """``word`` is a given or a family name of the lexicon."""
    return is_given_name(word) or is_family_name(word)


def is_family_given(word: str) -> bool:
    """True when ``word`` (no space) splits into a family name followed by a given name of the
    lexicon (勅使河原湊, 中村湊斗; not 張子涵)."""
    return any(is_family_name(word[:k]) and is_given_name(word[k:]) for k in range(1, len(word)))


def is_romaji_name(word: str) -> bool:
    """``word`` (any case) is a romanised given or family name of the lexicon."""
    lex = name_lexicon()
    w = word.lower()
    return w in lex.given_romaji or w in lex.family_romaji

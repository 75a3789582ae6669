"""A family name that closes a line after an office or a role (round 11).

Letters, e-mails and memos end with who wrote them, after the office or the role:
``教育相談コーディネーター 大橋``, ``フリースクール あさぎり 代表 菅原``, ``… 教育支援センター 成田``,
``（… 児相（CW 平田）``. A family name (:func:`~futoko_research.privacy.names.is_family_name`:
the ``gimei`` list or SudachiDict's family names) that is a whole run of kanji, after a space
that follows a word (kanji, katakana, Latin letters or a closing bracket), and that ends its line
or closes a bracket, is taken as a person. Left alone: a word after a number (3月 大橋), after a
place's suffix (浅茅市 平田: an address), or one of the known non-names.

The same sign-off in hiragana (children's letters: ``たんにん　うえの　まさみ``) is a hiragana
family name, a space and a hiragana given name of the lexicon, each a whole word between spaces
or line ends, neither an ordinary word for SudachiDict: :func:`kana_full_names`.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import Candidate, has_common_sense

RE_CLOSING_FAMILY = re.compile(
    r"(?<=[一-龥々ァ-ヺーA-Za-z）)])(?P<sp>[ \u3000]+)(?P<f>[一-龥々]{1,3})[ \u3000]*(?=\n|$|[）)])")
#: the word before ends like a place (an address) or a counter
RE_PLACE_END = re.compile(r"(?:[市町村区県都道府郡丁目番号階棟]|[0-9０-９][月日年])$")


def closing_family_names(text: str) -> list[Candidate]:
    """Family names that close a line or a bracket after an office or a role (text coordinates)."""
    out = []
    for m in RE_CLOSING_FAMILY.finditer(text):
        f = m.group("f")
        before = text[max(0, m.start() - 8):m.start()]
        if RE_PLACE_END.search(before) or f in lx.NOT_NAMES or f in lx.KIN_ROLE_WORDS or f in lx.ROLE_PREFIXES:
            continue
        if not is_family_name(f) or (len(f) == 1 and not before.rstrip().endswith(tuple(lx.ROLE_PREFIXES))):
            continue
        out.append(Candidate(m.start("f"), m.end("f"), "person", "signature", 0.8))
    return out


RE_KANA_PAIR = re.compile(r"(?:^|(?<=[\n \u3000：:「（(]))(?P<f>[ぁ-ゖ]{2,5})(?=[ \u3000](?P<g>[ぁ-ゖ]{2,5})(?:$|[\n \u3000」）)、。]))")


def kana_full_names(text: str) -> list[Candidate]:
    """Hiragana full names with a space (うえの　まさみ), whole words (text coordinates)."""
    out = []
    for m in RE_KANA_PAIR.finditer(text):
        f, g = m.group("f"), m.group("g")
        if f in lx.NOT_HIRAGANA_NAMES or g in lx.NOT_HIRAGANA_NAMES or has_common_sense(f) or has_common_sense(g):
            continue
        if is_family_name(f) and is_given_name(g):
            out.append(Candidate(m.start("f"), m.end("g"), "person", "signature", 0.8))  # g: in the lookahead
    return out

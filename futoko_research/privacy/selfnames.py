"""Round 20: a family name that introduces itself.

A post-pass on the final findings (text coordinates):

* **A writer's own family name** (``いつもお世話になっております。嵯峨野です。``, ``センターの石橋です。``,
  ``松永です。``): two or three kanji that the name lexicon or SudachiDict lists as a family name
  (SudachiDict: and as no ordinary word), at a sentence or line start or after の, right before
  です and a sentence end, are a person; right after a greeting (お世話になっております。) three kanji
  that SudachiDict knows only as a proper noun (嵯峨野, a place) count too (北海道, a prefecture, not). 以上です。, 本日です。, 担当の件です。 (no family name) stay.
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import Candidate, lexicon_pos

_RE_SELF = re.compile(r"(?:(?<=^)|(?<=[。！!\n\t \u3000]|の))(?P<n>[一-龥々]{2,3})です(?=[。！!、]|\s*$)", re.M)
_RE_GREETING = re.compile(r"(?:お世話になっております|お世話になります|お疲れさまです|お疲れ様です|こんにちは|こんばんは|失礼します)[。、！!]?[ \t\u3000]*$")


def self_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the writers' own family names of the module docstring as persons."""
    out = list(cands)
    for m in _RE_SELF.finditer(text):
        n = m.group("n")
        greeted = _RE_GREETING.search(text[max(0, m.start() - 20):m.start()]) is not None
        proper = (bool(lexicon_pos(n)) and all(p[1] == "固有名詞" for p in lexicon_pos(n))
                  and n[-1] not in "都道府県市町村区郡")  # 北海道です (a prefecture) is no writer
        if ((is_family_name(n) or is_sudachi_family_name(n) or (greeted and proper and len(n) == 3))
                and not is_given_name(n)):
            out = replace_overlapping(out, Candidate(m.start("n"), m.end("n"), "person", "self", 0.8))
    return out

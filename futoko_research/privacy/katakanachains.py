"""Round 24: foreign names of two to four katakana words, joined by a space, ・ or ＝.

Vietnamese, Chinese, Korean, Nepali, Filipino and Latin American names come into Japanese
records as katakana words in the name's own order (グエン ヴァン ミン, ファン・ティ・トゥイ,
タパ マガル アニル, レイエス マリア クリスティーナ). Round 13 took pairs with a listed family name of
three characters or more; round 21 two or three words after a few roles. A post-pass on the final
findings (text coordinates): a chain of two to four katakana words joined by single spaces, ・ or
＝, with no katakana right before or after it, is one person span when

* **a family name of foreign roots** (``resources/school_family_names.txt``, any length: キム,
  リー, レ, タパ, グエン) opens or closes the chain, and the other words are no ordinary words
  for SudachiDict — in a chain of three words or more one may be (ヴァン, マイ: name syllables
  that are also loanwords); or
* **the chain stands in a person slot**: right after a label that ends in 名 or 者 or is
  なまえ / 名前 (氏名：, 児童生徒名：, 通訳者：, なまえ：), or a person's role glued or after a
  space (通訳, 母, 父, 本人, 世帯主, 保護者), and no word is an ordinary word.

A katakana job title at the head (ボランティア, スタッフ, カウンセラー) is no part of the name. Person
findings inside the chain give way to it; a finding of another kind keeps its place.
"""

from __future__ import annotations

import re

from futoko_research.privacy.foreignnames import school_family_names
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.katakananames import KATAKANA_ROLE_ENDS
from futoko_research.privacy.text import Candidate, has_common_sense, is_common_kana_word

_KW = r"[ァ-ヺ][ァ-ヺー]{0,11}"
_RE_CHAIN = re.compile(rf"(?<![ァ-ヺー・＝])(?P<c>{_KW}(?:[ \u3000・＝]{_KW}){{1,3}})(?![ァ-ヺー])")
_RE_SLOT = re.compile(
    r"(?:(?:名|者|なまえ|名前)[ \t\u3000]*[：:][ \t\u3000]*"
    r"|(?:通訳|母|父|本人|世帯主|保護者|児童|生徒)(?:[ \t\u3000]*[：:][ \t\u3000]*|[ \t\u3000]?))\Z")


def _ordinary(word: str) -> bool:
    return is_common_kana_word(word) or has_common_sense(word)


def _name_chain(words: list[str], slot: bool) -> bool:
    if any(w.endswith(KATAKANA_ROLE_ENDS) for w in words):
        return False
    kata = school_family_names()[2]
    if words[0] in kata or words[-1] in kata:
        others = words[1:] if words[0] in kata else words[:-1]
        plain = sum(_ordinary(w) for w in others)
        return plain == 0 or (len(words) >= 3 and plain == 1)
    return slot and not any(_ordinary(w) for w in words)


def katakana_chains(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the katakana chains of the module docstring as persons."""
    out = list(cands)
    for m in _RE_CHAIN.finditer(text):
        start = m.start("c")
        words = re.split(r"[ \u3000・＝]", m["c"])
        while words and words[0].endswith(KATAKANA_ROLE_ENDS):
            start += len(words[0]) + 1
            words = words[1:]  # ボランティア マヤ・グルン: the title is no part of the name
        if len(words) < 2:
            continue
        line_head = text[text.rfind("\n", 0, start) + 1:start]
        if not _name_chain(words, bool(_RE_SLOT.search(line_head))):
            continue
        end = m.end("c")
        # a person finding that took the title before the chain (ボランティア マヤ・グルン) gives way
        out = [c for c in out if not (c.kind == "person" and start - 8 <= c.start < start < c.end <= end)]
        out = replace_overlapping(out, Candidate(start, end, "person", "katakana_chain", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

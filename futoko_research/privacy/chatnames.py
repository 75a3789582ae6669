"""Round 20: kana nicknames that speak after a time in a chat log.

A post-pass on the final findings (text coordinates):

* **A kana speaker after a time** (``21:03 りなぴ：…`` / ``21:05 まいまい：…``, ``[19:02] ねこまる: …``,
  ``10:03 スタッフしずく：…``): in a text with two such lines or more, a word of two to eight
  kana at a line start after a time (bare or in brackets), with or without a staff role before it
  (スタッフ, 管理人, 世話人), before a colon and what is said, is a person — a nickname — at the speaker's place and,
  three kana or longer, at its other occurrences as a word. A common kana word (おしらせ, a verbal noun or no noun to SudachiDict; after a staff role it
  counts: スタッフしずく), a kin or role word (ママ, パパ, あーちゃんママ), a single speaker line and lines where
  no speaker speaks twice (9:00 あさのかい：… a timetable) stay; 12:00 昼食： (kanji) is a
  timetable, not a speaker.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.text import Candidate, is_common_kana_word, lexicon_pos

_RE_LINE = re.compile(
    r"(?m)^[ \t\u3000]*[\[［【(（]?[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?[\]］】)）]?[ \t\u3000]*"
    r"(?P<role>スタッフ|管理人|世話人)?[ \t\u3000]*(?P<n>[ぁ-ゖァ-ヺー]{2,8})[ \t\u3000]*[：:][ \t\u3000]*\S")
_STAFF = frozenset({"スタッフ", "ママ", "パパ", "センセー", "せんせい", "せんせー", "みんな", "ぜんいん"})
_KANA_CLASS = {"h": "ぁ-ゖー", "k": "ァ-ヺー"}


def _speaker(word: str, role: bool) -> bool:
    if word in _STAFF or word in lx.KIN_ROLE_WORDS or word.endswith(("ママ", "パパ")):
        return False  # あーちゃんママ: writers differ on a parent named after the child
    if role:
        return True  # スタッフしずく: a staff member's name
    return not is_common_kana_word(word) and not any(p[2] == "サ変可能" or p[0] != "名詞" for p in lexicon_pos(word))


def chat_nicknames(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the kana chat speakers of the module docstring as persons."""
    lines = list(_RE_LINE.finditer(text))
    said = [m.group("n") for m in lines]
    if len(lines) < 2 or all(said.count(n) < 2 for n in said):
        return cands  # a timetable (9:00 あさのかい：…) names no one twice
    out = list(cands)
    names = {m.group("n") for m in lines if _speaker(m.group("n"), bool(m.group("role")))}
    for m in lines:
        if m.group("n") in names:
            out = replace_overlapping(out, Candidate(m.start("n"), m.end("n"), "person", "chat", 0.8))
    for name in names:
        if len(name) < 3:
            continue
        cls = _KANA_CLASS["k" if re.fullmatch(r"[ァ-ヺー]+", name) else "h"]
        for m in re.finditer(rf"(?<![{cls}]){re.escape(name)}(?![{cls}])", text):
            if not any(c.start < m.end() and m.start() < c.end for c in out):
                out.append(Candidate(m.start(), m.end(), "person", "chat", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

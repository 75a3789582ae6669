"""Round 22: kana names signing the lines of a message card, after a sibling word, as nicknames.

A post-pass on the final findings (text coordinates). Children's names are often written in
kana, which the dictionary reads as ordinary words; three shapes of Japanese school records set
them off:

* **Signatures of a message card** (寄せ書き: ``・また一緒に絵かこうね！　さな``): in a text
  with three lines or more that end in a short kana word after a full-width space (or a space
  after ``！`` / ``〜`` / ``。``), where at least one such word is already a person found in the
  note, every such final word is a person (a shorter person finding inside it gives way:
  ``けん`` of ``けんと``). Ordinary line-final words (なし, あり, まだ …) are no one.
* **A kana name after a sibling word and の, before an honorific** (``弟のそうまくん``,
  ``妹のこはるちゃん``): the sibling (弟, 妹, 兄, 姉, 長男 …) and the honorific frame the name.
* **A kana nickname with a nickname ending** (``ゆずぽん``, ``あやっぺ``, ``るなぴ``): two or three
  hiragana and ぽん / っぺ / ぴ, set off by a non-kana character before and punctuation, a bracket,
  a space or a particle after, and written twice in the note, once before a bracket, or where
  a person was found at its start (``るな`` of ``るなぴ``); ``のぞみん`` is not taken (``ん`` is too
  common an ending). Round 23: also after the particle と / や / の / も when a person was found at
  its start (``みっちゃんとゆなぴに``).
* **An adverb in katakana** (``スグに会える``, ``モット``) is no one: its hiragana form is one
  adverb and neither form is a name.
"""

from __future__ import annotations

import re

from futoko_research.privacy.names import is_given_name
from futoko_research.privacy.text import Candidate, is_lexicon_person, tokenize

_KANA = r"[ぁ-ゖァ-ヺー]"
_RE_SIGNED = re.compile(rf"(?m)(?:\u3000|(?<=[！!〜~。、,，♪]) ?)(?P<n>{_KANA}{{2,5}})[ \u3000]*$")
_PLAIN_TAILS = frozenset({
    "なし", "あり", "まだ", "ない", "なく", "よし", "だけ", "など", "とくに", "ほか", "みんな", "いつも",
    "ありがとう", "よろしく", "またね", "まってる", "ファイト", "がんばれ", "がんばって", "おわり", "いじょう",
    "ナシ", "アリ", "メモ", "ノート", "プリント", "テスト", "ドリル",
})
_SIBLINGS = r"(?:弟|妹|兄|姉|長男|長女|次男|次女|三男|三女|息子|娘|いとこ|従兄弟|従姉妹)"
_RE_SIBLING = re.compile(rf"{_SIBLINGS}の(?P<n>[ぁ-ゖ]{{2,5}}|[ァ-ヺー]{{2,6}})(?=くん|ちゃん|さん|君)")
_RE_NICK = re.compile(r"(?<![ぁ-ゖァ-ヺー])(?P<n>[ぁ-ゖ]{2,3}(?:ぽん|っぺ|ぴ))(?=[、。，．！？!?\s　（(」）)]|[はがもとにのを]|$)")
#: the same after a particle (みっちゃんとゆなぴに), taken only over a name found there (round 23)
_RE_NICK_AFTER = re.compile(r"(?<=[とやのも])(?P<n>[ぁ-ゖ]{2,3}(?:ぽん|っぺ|ぴ))(?=[、。，．！？!?\s　（(」）)]|[はがもとにのを]|$)")
_NOT_NICKS = frozenset({"すっぽん", "えんぴ", "たんぽん"})


def _add(text: str, out: list[Candidate], s: int, e: int, detector: str) -> list[Candidate]:
    hit = [c for c in out if c.start < e and s < c.end]
    if any(c.kind != "person" or c.start < s or c.end > e for c in hit):
        return out
    return [c for c in out if c not in hit] + [Candidate(s, e, "person", detector, 0.8)]


def _hiragana(word: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in word)


def is_katakana_adverb(word: str) -> bool:
    """``word`` is an adverb written in katakana for emphasis (スグ, モット, ズット): its hiragana
    form is one adverb token and neither form is a given name or a person of the lexicon
    (ソウ, ジョー stay names); a doubled word (リンリン) is a nickname."""
    if not re.fullmatch(r"[ァ-ヺー]{2,5}", word) or word[:len(word) // 2] * 2 == word:
        return False  # a doubled nickname (リンリン) is a name, not the adverb りんりん
    kana = _hiragana(word)
    if is_given_name(word) or is_given_name(kana) or is_lexicon_person(word) or is_lexicon_person(kana):
        return False
    toks = tokenize(kana)
    return len(toks) == 1 and toks[0].pos[0] == "副詞"


def card_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the kana names of the module docstring as persons."""
    out = [c for c in cands if not (c.kind == "person" and is_katakana_adverb(text[c.start:c.end]))]
    people = {text[c.start:c.end] for c in cands if c.kind == "person"}
    signed = [m for m in _RE_SIGNED.finditer(text) if m["n"] not in _PLAIN_TAILS]
    if len(signed) >= 3 and any(m["n"] in people for m in signed):
        for m in signed:
            out = _add(text, out, m.start("n"), m.end("n"), "card_signature")
    for m in _RE_SIBLING.finditer(text):
        out = _add(text, out, m.start("n"), m.end("n"), "sibling_kana")
    nicks = [m for m in _RE_NICK.finditer(text) if m["n"] not in _NOT_NICKS]
    for m in nicks:
        inner = any(c.kind == "person" and c.start == m.start() and c.end < m.end() for c in out)
        if sum(n["n"] == m["n"] for n in nicks) >= 2 or text[m.end():m.end() + 1] in "（(" or inner:
            out = _add(text, out, m.start("n"), m.end("n"), "kana_nickname")
    for m in _RE_NICK_AFTER.finditer(text):
        if m["n"] not in _NOT_NICKS and any(c.kind == "person" and c.start == m.start() and c.end < m.end()
                                            for c in out):
            out = _add(text, out, m.start("n"), m.end("n"), "kana_nickname")
    return sorted(out, key=lambda c: (c.start, c.end))

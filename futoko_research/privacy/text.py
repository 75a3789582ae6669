"""Text views, Sudachi tokens and small character tests shared by the personal-data detectors."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from futoko_research.privacy import lexicon as lx

_SUDACHI_MAX_BYTES = 12_000


@dataclass
class Candidate:
    """One detector's hit, in view coordinates."""

    start: int
    end: int
    kind: str
    detector: str
    confidence: float


@dataclass
class Tok:
    start: int
    end: int
    surface: str  # NFKC
    pos: tuple[str, ...]
    oov: bool
    lemma: str = ""  # dictionary form (NFKC); "" when unknown


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and not ch.isspace()


def fold_text(text: str) -> str:
    """Fold full-width ASCII to ASCII and dashes between digits to '-' (same length)."""
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return lx.RE_DASH_BETWEEN_DIGITS.sub("-", "".join(out))


def make_view(text: str, *, keep_newlines: bool = False) -> tuple[str, list[int]]:
    """Remove whitespace between two Japanese characters; return (view, origin).

    ``origin[i]`` is the index in ``text`` of ``view[i]``. With ``keep_newlines``, whitespace
    that contains a line break is kept (the *line view*; the default joins wrapped lines).
    Whitespace with a tab is always kept: a tab separates the cells of a table.
    """
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            joinable = "\t" not in text[i:j] and not (keep_newlines and any(c in "\n\r\f\v" for c in text[i:j]))
            if joinable and out and j < n and _is_cjk(out[-1]) and _is_cjk(text[j]):
                i = j
                continue
            for k in range(i, j):
                out.append(text[k])
                origin.append(k)
            i = j
            continue
        out.append(ch)
        origin.append(i)
        i += 1
    return "".join(out), origin


def is_name_script(s: str, *, hiragana: bool = False) -> bool:
    """True when ``s`` is non-empty and written only in kanji and katakana (and hiragana if allowed)."""
    for ch in s:
        if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ" or "\u30a1" <= ch <= "\u30fa" or ch == "ー":
            continue
        if hiragana and "\u3041" <= ch <= "\u3096":
            continue
        return False
    return bool(s)


def is_katakana(s: str) -> bool:
    """True when ``s`` is non-empty katakana (with ー)."""
    return bool(s) and all("\u30a1" <= ch <= "\u30fa" or ch == "ー" for ch in s)


def is_hiragana(s: str) -> bool:
    """True when ``s`` is non-empty hiragana (with ー)."""
    return bool(s) and all("\u3041" <= ch <= "\u309f" or ch == "ー" for ch in s)


@functools.lru_cache(maxsize=1)
def sudachi_dictionary():
    """The SudachiDict core dictionary (loaded once)."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@functools.lru_cache(maxsize=20_000)
def is_lexicon_person(surface: str) -> bool:
    """True when SudachiDict lists ``surface`` as a person's name (among other readings)."""
    try:
        return any(m.part_of_speech()[2] == "人名" for m in sudachi_dictionary().lookup(surface))
    except Exception:  # pragma: no cover - lookup unsupported
        return False


@functools.lru_cache(maxsize=20_000)
def is_lexicon_proper(surface: str) -> bool:
    """True when SudachiDict lists ``surface`` as a person or local place name (not a country)."""
    try:
        return any(
            m.part_of_speech()[1] == "固有名詞" and m.part_of_speech()[2] in ("人名", "地名")
            and m.part_of_speech()[3] != "国"
            for m in sudachi_dictionary().lookup(surface)
        )
    except Exception:  # pragma: no cover - lookup unsupported
        return False


@functools.lru_cache(maxsize=20_000)
def is_lexicon_place(surface: str) -> bool:
    """True when SudachiDict lists ``surface`` as a place or country and never as a person."""
    try:
        ms = [m for m in sudachi_dictionary().lookup(surface) if m.surface() == surface]
        return any(m.part_of_speech()[2] == "地名" for m in ms) and not any(
            m.part_of_speech()[2] == "人名" for m in ms)
    except Exception:  # pragma: no cover - lookup unsupported
        return False


def _chunks(view: str) -> Iterable[tuple[int, str]]:
    """Split at sentence ends / newlines into pieces Sudachi accepts (with offsets)."""
    if len(view.encode("utf-8")) <= _SUDACHI_MAX_BYTES:
        yield 0, view
        return
    start = 0
    size = 0
    last_cut = 0
    for i, ch in enumerate(view):
        size += len(ch.encode("utf-8"))
        if ch in "。\n！？":
            last_cut = i + 1
        if size > _SUDACHI_MAX_BYTES:
            cut = last_cut if last_cut > start else i
            yield start, view[start:cut]
            start = cut
            size = len(view[start:i + 1].encode("utf-8"))
    if start < len(view):
        yield start, view[start:]


def tokenize(view: str) -> list[Tok]:
    """SudachiPy (mode C, SudachiDict-core) tokens of ``view`` with character offsets."""
    from futoko_research.nlp import load_nlp

    tokenizer = load_nlp("lexical")
    toks: list[Tok] = []
    for off, chunk in _chunks(view):
        if not chunk:
            continue
        for m in tokenizer.tokenize(chunk):
            surface = unicodedata.normalize("NFKC", m.surface())
            toks.append(Tok(off + m.begin(), off + m.end(), surface, tuple(m.part_of_speech()), m.is_oov(),
                            unicodedata.normalize("NFKC", m.dictionary_form())))
    return toks


def token_boundaries(view: str, toks: Sequence[Tok] | None = None) -> set[int]:
    """Character offsets where a Sudachi (mode C) token starts or ends."""
    toks = tokenize(view) if toks is None else toks
    out = {0, len(view)}
    for t in toks:
        out.add(t.start)
        out.add(t.end)
    return out


def view_span_to_text(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a view span back to the original text."""
    return origin[start], origin[end - 1] + 1


def norm_key(s: str) -> str:
    """Lookup form of an original: NFKC with whitespace removed (how originals are compared)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


class TokenIndex:
    """Sudachi token boundaries of a text, for whole-token matching of known originals."""

    def __init__(self, view: str, toks: Sequence[Tok] | None = None):
        toks = tokenize(view) if toks is None else toks
        self.boundaries = token_boundaries(view, toks)
        self.starting = {t.start: t.surface for t in toks}

    def is_whole(self, start: int, end: int, kind: str) -> bool:
        """True when [start, end) is whole tokens and, for a name, not the head of a place
        or organisation (人物A長野県 re-tokenises as 長野 + 県: that 長野 is not the person)."""
        if start not in self.boundaries or end not in self.boundaries:
            return False
        return not (kind == "person" and self.starting.get(end, "") in lx.NON_PERSON_NEXT)


_KANA_INITIAL = {}
for _row, _letter in (
    ("アイウエオ", "AIUEO"), ("カキクケコ", "K"), ("ガギグゲゴ", "G"), ("サスセソ", "S"), ("シ", "S"),
    ("ザズゼゾ", "Z"), ("ジ", "J"), ("タテト", "T"), ("チ", "C"), ("ツ", "T"), ("ダヂヅデド", "D"),
    ("ナニヌネノ", "N"), ("ハヒヘホ", "H"), ("フ", "F"), ("バビブベボ", "B"), ("パピプペポ", "P"),
    ("マミムメモ", "M"), ("ヤユヨ", "Y"), ("ラリルレロ", "R"), ("ワヲ", "W"), ("ン", "N"), ("ヴ", "V"),
):
    for _i, _ch in enumerate(_row):
        _KANA_INITIAL[_ch] = _letter[_i] if len(_letter) == len(_row) else _letter


def name_initials(original: str) -> frozenset[str]:
    """Latin initials a reader could take from a name: the first letter of each word's reading
    (Hepburn and the common alternatives: シ → S, チ → C/T, ジ → J/Z, フ → F/H) and of each
    Latin word. Used to keep pseudonyms initials-safe (人物S is never given to 佐藤)."""
    out: set[str] = set()
    for word in re.split(r"[\s・.．,]+", unicodedata.normalize("NFKC", original)):
        if not word:
            continue
        if word[0].isascii() and word[0].isalpha():
            out.add(word[0].upper())
            continue
        try:
            morphemes = sudachi_dictionary().create().tokenize(word)
        except Exception:  # pragma: no cover - tokenizer unavailable
            continue
        for m in morphemes:
            reading = m.reading_form() or ""
            first = reading[:1]
            if "ぁ" <= first <= "ゖ":
                first = chr(ord(first) + 0x60)
            letter = _KANA_INITIAL.get(first)
            if letter:
                out.add(letter)
                out.update({"C": "T", "J": "Z", "F": "H"}.get(letter, ""))
                if first in "チ":
                    out.add("C")
    return frozenset(out)


@functools.lru_cache(maxsize=20_000)
def is_abstract_noun(surface: str) -> bool:
    """True when SudachiDict also lists ``surface`` as an adverbial, verbal or adjectival common
    noun (結果, 記録, 次回): such a word is a label or a topic far more often than a name."""
    try:
        return any(
            m.part_of_speech()[1] == "普通名詞" and m.part_of_speech()[2] in ("副詞可能", "サ変可能", "形状詞可能")
            for m in sudachi_dictionary().lookup(surface)
        )
    except Exception:  # pragma: no cover - lookup unsupported
        return False


@functools.lru_cache(maxsize=20_000)
def is_lexicon_surname(surface: str) -> bool:
    """True when SudachiDict lists ``surface`` as a family name (名詞-固有名詞-人名-姓)."""
    try:
        return any(m.part_of_speech()[2] == "人名" and m.part_of_speech()[3] == "姓"
                   for m in sudachi_dictionary().lookup(surface))
    except Exception:  # pragma: no cover - lookup unsupported
        return False


@functools.lru_cache(maxsize=20_000)
def _entries(surface: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """SudachiDict entries of exactly ``surface``: (POS, has a synonym group) each."""
    try:
        return tuple((tuple(m.part_of_speech()), bool(m.synonym_group_ids()))
                     for m in sudachi_dictionary().lookup(surface) if m.surface() == surface)
    except Exception:  # pragma: no cover - lookup unsupported
        return ()


def lexicon_pos(surface: str) -> tuple[tuple[str, ...], ...]:
    """The POS of every SudachiDict entry spelt exactly ``surface`` (empty when none)."""
    return tuple(pos for pos, _ in _entries(surface))


def in_lexicon(surface: str) -> bool:
    """True when SudachiDict has an entry spelt exactly ``surface`` (心配 yes; 心春, 陽斗 no)."""
    return bool(_entries(surface))


def is_common_kana_word(surface: str) -> bool:
    """True when SudachiDict knows ``surface`` as an ordinary word and never as a person's name:
    a common noun with a synonym group (きっかけ, ともだち, からだ) or only adverbial readings
    (みんな, すべて). Given names written in kana (ひより, ことね, なおと) have neither."""
    entries = _entries(surface)
    if not entries or any(pos[2:3] == ("人名",) for pos, _ in entries):
        return False
    if any(pos[1] == "普通名詞" and sg for pos, sg in entries):
        return True
    return all(pos[0] == "副詞" or pos[2:3] == ("副詞可能",) for pos, _ in entries)


def alternation(words) -> str:
    """A regex group matching any of ``words``, the longest first (so 児童福祉司 before 福祉司)."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


def has_common_sense(surface: str) -> bool:
    """True when SudachiDict lists ``surface`` as a common noun with a synonym group (ゲーム,
    スキル, ファン): an ordinary word, whatever other readings it has."""
    return any(pos[1] == "普通名詞" and sg for pos, sg in _entries(surface))

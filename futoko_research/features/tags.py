"""Sudachi part-of-speech tags: what counts as a content word, a compound part, a sentence end.

The same rules in every profile (``full``, ``fast``, ``lexical``) and in both ways of making the
lexical tables (:mod:`.lexical` and the reference in :mod:`.reference`).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Sudachi tags that end a sentence
SENTENCE_END_TAGS = ("補助記号-句点",)
#: surfaces that end a sentence whatever their tag
SENTENCE_END_TEXT = frozenset("。！？!?")
#: formal nouns and function-like words written in kana (公用文 style) that are not content words
FORMAL_LEMMAS = frozenset({"こと", "もの", "ため", "よう", "とき", "ところ", "よる", "ほか", "うち", "わけ",
                           "はず", "つもり", "ほう", "まま", "ほど", "たち", "など", "とも", "さ"})
CONTENT_FIRST = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
COMPOUND_FIRST = frozenset({"名詞", "接頭辞"})
#: :func:`compound_role` values
BREAKS_COMPOUND, STARTS_COMPOUND, CONTINUES_COMPOUND = 0, 1, 2

_CONTENT_MEMO: dict[str, bool] = {}
_COMPOUND_MEMO: dict[str, int] = {}


def sudachi_tag(part_of_speech: Sequence[str]) -> str:
    """A SudachiPy ``part_of_speech()`` as one tag: its first four fields joined with ``-``, ``*`` left out."""
    return "-".join(x for x in part_of_speech[:4] if x != "*")


def is_content_tag(tag: str) -> bool:
    """Content word by Sudachi tag (the same rule in every profile).

    Nouns (not numerals or pronouns), verbs, adjectives, adjectival nouns (形状詞) and adverbs,
    except the 非自立可能 (may-be-auxiliary) verbs, adjectives and nouns (する, ある, なる, いる).
    Kana formal nouns (こと, もの, ため, …: :data:`FORMAL_LEMMAS`) are excluded by the caller.
    """
    out = _CONTENT_MEMO.get(tag)
    if out is None:
        parts = tag.split("-")
        out = parts[0] in CONTENT_FIRST and "非自立可能" not in parts and parts[:2] != ["名詞", "数詞"]
        _CONTENT_MEMO[tag] = out
    return out


def compound_role(tag: str) -> int:
    """Part a token may play in a compound (a run of adjacent noun-ish tokens).

    0 (:data:`BREAKS_COMPOUND`) breaks a compound; 1 (:data:`STARTS_COMPOUND`) may start or continue
    one (nouns but numerals, prefixes); 2 (:data:`CONTINUES_COMPOUND`) may only continue one (noun
    suffixes).
    """
    out = _COMPOUND_MEMO.get(tag)
    if out is None:
        parts = tag.split("-")
        if parts[0] in COMPOUND_FIRST and parts[:2] != ["名詞", "数詞"]:
            out = STARTS_COMPOUND
        elif parts[0] == "接尾辞" and len(parts) > 1 and parts[1] == "名詞的":
            out = CONTINUES_COMPOUND
        else:
            out = BREAKS_COMPOUND
        _COMPOUND_MEMO[tag] = out
    return out

"""Sentence bounds of the codebook's context checks (futoko_research.coding.context)."""

from __future__ import annotations

import re

import pytest

from futoko_research.coding.context import BRACKET_REACH, sentence_bounds, sentence_ends


def _naive_ends(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in re.finditer(r"[。!?！？]", text))


@pytest.mark.parametrize("text", ["家庭訪問を続けた。登校できる日が増えた。", "相談した!元気になった?", "終わりのない文", ""])
def test_plain_text_ends_at_every_full_stop(text):
    assert sentence_ends(text) == _naive_ends(text)


def test_a_quoted_remark_does_not_end_the_sentence():
    text = "本人は「行ってみたい。」と話した。次の週に通い始めた。"
    assert sentence_ends(text) == (text.index("と話した。") + 5, len(text))


def test_a_legal_abbreviation_does_not_end_the_sentence():
    text = "児童(以下「児童等」という。)に対し支援を行うため、教室(以下「教室」という。)を設置する。"
    assert sentence_ends(text) == (len(text),)
    s = text.index("設置")
    assert sentence_bounds(text, s, s + 2) == (0, len(text))


def test_a_bracket_left_open_ends_at_the_full_stop():
    """PDF text leaves brackets open: with no closing bracket within reach the 。 ends the sentence."""
    text = "「行ってみたい。" + "あ" * (BRACKET_REACH + 5) + "。"
    assert sentence_ends(text)[0] == text.index("。") + 1


def test_bounds_of_a_match_in_the_second_sentence():
    text = "家庭訪問を続けた。登校できる日が増えた。"
    s = text.index("登校")
    assert sentence_bounds(text, s, s + 2) == (text.index("。") + 1, len(text))

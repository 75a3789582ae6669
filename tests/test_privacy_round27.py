"""Round 27 (issue 21): names that a chat, a social-media page or a village names as such
(``privacy.chatlabels``) — each construction with an example and a trap.

The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.chatlabels import chat_labels
from futoko_research.privacy.text import Candidate


def _found(text: str, cands: list[Candidate] | None = None) -> list[str]:
    return [text[c.start:c.end] for c in chat_labels(text, cands or []) if c.kind == "person"]


def test_a_discord_header_names_its_speaker():
    assert _found("#雑談\nmogura — 今日 23:11\nレポート終わらん") == ["mogura"]


def test_a_bracketed_speaker_on_two_lines_but_not_an_app_or_a_title():
    text = "[taro_k] はい\n[Dr.西川] 眠れましたか\n[taro_k] 3時ごろ"
    assert _found(text) == ["taro_k", "taro_k"]
    assert _found("[WhatsApp] Ana:\n[WhatsApp] Bia:") == []


@pytest.mark.parametrize("text, handle", [
    ("返信 @umi__k なんで？", "umi__k"), ("悪口コメント（@mochi_77）。", "mochi_77"),
    ("@ぽてと丸 明日行く？", "ぽてと丸"), ("@Kimura-sensei quick question", "Kimura"),
])
def test_a_handle_after_at(text, handle):
    assert _found(text) == [handle]


def test_an_e_mail_is_no_handle():
    assert _found("連絡先 sato.k@example.ed.jp まで") == []


@pytest.mark.parametrize("text, name", [
    ("区長 石倉さん（屋号「鍛冶屋」）から", "鍛冶屋"), ("祖母（屋号：こうや＝紺屋）…近所", "こうや"),
    ("本人宅は「くるまや」（屋号）と呼ばれ", "くるまや"),
])
def test_a_house_name_after_or_before_its_label(text, name):
    assert name in _found(text)


def test_a_shop_in_quotes_without_the_label_is_no_house_name():
    assert _found("「くるまや」で自転車を直した") == []


def test_a_nickname_set_equal_to_a_found_name():
    text = "※くじらまる＝樋口 颯、ほか"
    people = [Candidate(text.index("樋口"), text.index("樋口") + 4, "person", "lexname", 0.9)]
    assert "くじらまる" in _found(text, people)


def test_an_abbreviation_set_equal_to_a_word_is_no_name():
    assert _found("OD＝起立性調節障害、SC＝スクールカウンセラー") == []


@pytest.mark.parametrize("text", ["N2025-0312; name=杉浦颯真; date=2025", "本児＝こはるちゃん（小3）", "[ch] kuro\n[ch] sora"])
def test_a_record_field_or_a_channel_is_no_name(text):
    people = [Candidate(m.start(), m.end(), "person", "lexname", 0.9) for m in __import__("re").finditer("杉浦颯真|こはる", text)]
    assert not set(_found(text, people)) & {"name", "本児", "ch"}

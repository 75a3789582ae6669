"""Round 13: general knowledge instead of one writer's strings — given names that SudachiDict
knows only as names, full names joined by ・ or no space, Latin and katakana two-word names with
family names of foreign roots, person spans cut at line breaks.

All texts are SYNTHETIC (invented here). Every rule has traps: ordinary words, place and
organisation names, English words in English notes and katakana loanwords must stay unflagged."""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data
from futoko_research.privacy.foreignnames import foreign_pairs, school_family_names
from futoko_research.privacy.fullnames import split_person
from futoko_research.privacy.givennames import is_unambiguous_given, joined_full_names
from futoko_research.privacy.text import Candidate


def _people(text: str) -> list[str]:
    df = find_personal_data([text], use_ner=False, include_uncertain=False)
    return [r.text for r in df.itertuples() if r.kind == "person"]


# ---------------------------------------------------------------- unambiguous given names
@pytest.mark.parametrize("word", ["智也", "健太", "翔", "悠", "茂", "遼"])
def test_names_that_are_only_names(word):
    assert is_unambiguous_given(word, "が")


@pytest.mark.parametrize("word", ["光", "空", "新", "陸", "航", "翼", "未来", "大和", "ひなた", "アオイ", "モカ", "海", "希望"])
def test_names_that_are_also_words_are_not_unambiguous(word):
    assert not is_unambiguous_given(word, "が")


def test_one_kanji_adverb_reading_only_before_a_particle():
    assert is_unambiguous_given("颯", "が来")
    assert not is_unambiguous_given("颯", "と")  # 颯と: the adverb


def test_bare_given_name_found_anywhere():
    assert "智也" in _people("放課後、智也が図書室に来た。")
    assert "颯" in _people("昼休み、颯が将棋をした。")


def test_ordinary_words_stay_unflagged():
    for text in ("今日は光がきれいだった。", "空を見ていた。", "陸上部に入った。", "航空券を買った。",
                 "未来のことを話した。", "新学期が始まった。", "颯と風が吹いた。"):
        assert _people(text) == [], text


def test_kana_name_glued_to_a_word_is_a_brand():
    assert _people("無料学習支援「まなポート」について") == []


# ---------------------------------------------------------------- full names with ・ or no space
def _joined(text: str) -> list[str]:
    return [text[c.start:c.end] for c in joined_full_names(text)]


def test_full_names_joined_by_dot():
    assert _joined("木村・由紀さんと面談") == ["木村・由紀"]
    assert _joined("3年1組 高橋・美咲 → 頭痛") == ["高橋・美咲"]
    assert _joined("青木・翔太") == ["青木・翔太"]


@pytest.mark.parametrize("text", ["国語・数学の課題", "体育・美術", "前田・高橋の二人", "大阪・京都", "東京・名古屋",
                                  "英語・理科", "小林・光", "上田・新"])
def test_dot_lists_of_words_or_family_names_are_left(text):
    assert _joined(text) == []


def test_full_name_without_space():
    assert _joined("吉岡陽翔が欠席した。") == ["吉岡陽翔"]


@pytest.mark.parametrize("text", ["吉岡中学校に行く", "市川学習センター", "国語数学理科"])
def test_kanji_runs_that_are_places_or_words_are_left(text):
    assert _joined(text) == []


# ---------------------------------------------------------------- Latin and katakana pairs
def _pairs(text: str) -> list[str]:
    return [text[c.start:c.end] for c in foreign_pairs(text)]


def test_family_name_list_has_its_provenance_and_forms():
    latin, wordlike, kata = school_family_names()
    assert {"Nguyen", "Kim", "Santos", "Silva"} <= latin
    assert {"Lee", "Park"} <= wordlike
    assert "ペレイラ" in kata


@pytest.mark.parametrize("text,name", [
    ("母 minh nguyenさんが来所", "minh nguyen"),
    ("Kim Soyeonが欠席", "Kim Soyeon"),
    ("CHANG Yu-Chen（台湾）", "CHANG Yu-Chen"),
    ("ペレイラ　ルカスが欠席", "ペレイラ　ルカス"),
    ("グエン・ミンと話した", "グエン・ミン"),
    ("母のＫｉｍ　Ｓｏｙｅｏｎさん", "Ｋｉｍ\u3000Ｓｏｙｅｏｎ"),  # full-width Latin
])
def test_foreign_pairs(text, name):
    assert name in _pairs(text)


@pytest.mark.parametrize("text", [
    "We had a long talk about Grace.", "May Will come? Hope so.", "the park lee side", "Hello World",
    "Support Room", "SSW Okada", "Park Avenue", "Long Beach", "オンライン・ゲームをした", "イタリア・ブラジル",
    "I will hope for the best", "she met kim at the park",
])
def test_foreign_pair_traps(text):
    assert _pairs(text) == []


# ---------------------------------------------------------------- cuts at line breaks and lists
def test_person_span_cut_at_line_break():
    text = "来室：颯、拓海、ミナ\n颯：英語のワーク"
    s = text.index("ミナ")
    cut = split_person(text, Candidate(s, s + 4, "person", "x", 0.9))
    assert [text[c.start:c.end] for c in cut] == ["ミナ", "颯"]


def test_two_family_names_joined_by_dot_are_two_people():
    text = "月：坂口・細川\n"
    s = text.index("坂口")
    cut = split_person(text, Candidate(s, s + 5, "person", "x", 0.9))
    assert [text[c.start:c.end] for c in cut] == ["坂口", "細川"]


def test_full_name_with_dot_is_not_cut():
    text = "木村・由紀さん"
    cut = split_person(text, Candidate(0, 5, "person", "x", 0.9))
    assert [text[c.start:c.end] for c in cut] == ["木村・由紀"]

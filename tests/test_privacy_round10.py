"""Round 10 (issue 21): Western names from the US Census lists, label-less ids in table
columns, code and address shapes, span repairs.

All texts are SYNTHETIC (invented here; the names and numbers are not those of any fixture)."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest

from futoko_research.privacy import find_personal_data
from futoko_research.privacy.lexnames import romaji_names
from futoko_research.privacy.western import (
    WORDLIKE,
    census_family,
    census_given,
    is_western_family,
    is_western_given,
)


def _found(text: str, use_ner: bool = False) -> list[tuple[str, str]]:
    df = find_personal_data([text], use_ner=use_ner, include_uncertain=False)
    return [(r.kind, r.text) for r in df.itertuples()]


def _people(text: str) -> list[str]:
    return [t for k, t in _found(text) if k == "person"]


def _rom(text: str) -> list[str]:
    return [text[c.start:c.end] for c in romaji_names(text)]


# ---------------------------------------------------------------- the census lists
def test_census_lists_are_vendored_with_licence():
    assert len(census_given()) > 5000 and len(census_family()) == 24792
    assert is_western_given("Oliver") and is_western_given("EMILY") and is_western_family("Fitzgerald")
    lic = resources.files("futoko_research").joinpath("resources", "census_names_LICENSE.txt").read_text("utf-8")
    assert "MIT" in lic and "Trey Hunner" in lic


def test_vendored_first_name_files_are_the_upstream_bytes():
    from tools.vendor_census_names import SHA256

    data = resources.files("futoko_research").joinpath("resources", "census_male_first.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256["dist.male.first"]


def test_trim_keeps_a_prefix_up_to_the_cumulative_frequency():
    from tools.vendor_census_names import trim_last

    data = b"SMITH 1.006 1.006 1\nJONES 0.5 79.9 2\nZED 0.001 80.1 3\n"
    assert trim_last(data) == b"SMITH 1.006 1.006 1\nJONES 0.5 79.9 2\n"


# ---------------------------------------------------------------- Western names
@pytest.mark.parametrize(("text", "name"), [
    ("面談メモ：Oliver は英語で話す方が落ち着く様子。", "Oliver"),
    ("We talked with Bethany about the timetable.", "Bethany"),
    ("Subject: Re: Attendance of Marcus\nThank you for the update.", "Marcus"),
    ("Notes from Rebecca Hollis (volunteer).", "Rebecca Hollis"),
    ("— Trevor K.", "Trevor K."),
])
def test_western_given_name_alone_or_joined(text, name):
    assert name in _rom(text)


@pytest.mark.parametrize("text", [
    "Will you come to the meeting on Friday?",
    "May I ask about the schedule?",
    "Grace period for the homework is one week.",
    "Brown paper bags for the craft session.",
    "Hope this helps. Young children need rest.",
    "Green light from the principal.",
    "Jack of all trades, says the tutor.",
])
def test_english_words_that_are_names_need_a_second_signal(text):
    assert _rom(text) == []


def test_wordlike_list_covers_the_trap_words():
    assert {"Will", "May", "Grace", "Hope", "Rose", "Jack"} <= WORDLIKE


def test_lower_case_elsewhere_blocks_a_bare_given_name():
    assert "Bethany" not in _rom("Bethany road; we walked along bethany road.")


def test_greeting_is_not_a_family_name():
    people = _people("Hello, Marcus has a fever today. He will stay home.")
    assert "Marcus" in people and not any(p.startswith("Hello") for p in people)


# ---------------------------------------------------------------- ids
def test_ids_in_a_table_column_with_kanji_prefix():
    text = "受付番号\t氏名\t内容\n談-0311\t寺尾 一輝\t登校しぶり\n談-0318\t宮内 紗季\t昼夜逆転"
    found = _found(text)
    assert ("id", "談-0311") in found and ("id", "談-0318") in found


def test_header_with_a_note_in_brackets_still_opens_the_table():
    text = "学籍番号,氏名,通所日数(10月)\nK3107,寺尾 一輝,7\nK3112,宮内 紗季,3"
    found = _found(text)
    assert ("id", "K3107") in found and ("id", "K3112") in found


def test_seven_digit_code_under_an_id_header_is_no_postcode():
    text = "児童番号\t氏名\t学年\n3340127\t寺尾 一輝\t2\n3340188\t宮内 紗季\t4"
    found = _found(text)
    assert ("id", "3340127") in found and not any(k == "postcode" for k, _ in found)


def test_row_numbers_under_a_number_header_are_no_ids():
    text = "番号,学校名,学年,欠席日数\n1,潮見市立北浜小学校,5,40\n2,潮見市立北浜中学校,2,77"
    assert not any(k == "id" for k, _ in _found(text))


def test_bangou_in_a_sentence_is_no_table():
    text = "番号を控えておくよう母に伝えた。次回は 12 日。"
    assert not any(k == "id" for k, _ in _found(text))


def test_case_code_without_label_word():
    found = _found("・ケース2024-118（中2 男子）：別室登校を継続")
    assert ("id", "2024-118") in found


def test_case_word_with_a_date_is_no_code():
    assert not any(k == "id" for k, _ in _found("ケース2024-11-05の会議で共有した。"))


def test_kanji_prefixed_code_after_a_label():
    assert ("id", "要保-0417") in _found("ケース番号：要保-0417\n対象：寺尾 一輝（中1）")


def test_grade_class_in_brackets_after_a_name_is_no_id():
    found = _found("・寺尾（2-3）：9:00来室。")
    assert not any(k == "id" for k, _ in found)


# ---------------------------------------------------------------- addresses
def test_room_number_as_a_fourth_group():
    assert ("address", "東雲市旭町2-5-1-302") in _found("住所：東雲市旭町2-5-1-302")


def test_building_number_with_go_tou_and_room():
    found = _found("訪問先：潮見市汐入町2-1-7 汐入団地5号棟204")
    assert ("address", "潮見市汐入町2-1-7 汐入団地5号棟204") in found


# ---------------------------------------------------------------- span repairs
def test_role_tail_is_not_glued_to_the_name():
    people = _people("出席：センター長 寺尾 一輝、指導員 宮内")
    assert "寺尾 一輝" in people and "長 寺尾 一輝" not in people


def test_grade_after_a_name_is_no_school():
    found = _found("対象：寺尾 一輝　小学4年\n相談内容：行き渋り。", use_ner=True)
    assert not any(k == "school" for k, _ in found)


def test_counter_of_a_class_is_not_glued_to_the_name():
    people = _people("きょうしつは　うるさい。\n3ねん2くみ　はるま")
    assert "くみ　はるま" not in people


# ---------------------------------------------------------------- roles and slots
@pytest.mark.parametrize(("text", "name"), [
    ("関係者：司書 若林、担任 宮内", "若林"),
    ("次回までに照会（担当：教務 大須賀）", "大須賀"),
    ("13:15頃に来校予定。\n（事務 はやかわ）", "はやかわ"),
])
def test_school_job_titles_are_roles(text, name):
    assert name in _people(text)


@pytest.mark.parametrize(("text", "name"), [
    ("せんせいへ\nがっこうは　まだ　こわいです。\n2ねん　はるま", "はるま"),
    ("やくそく　だよ。\nそうすけ", "そうすけ"),
])
def test_a_name_that_signs_the_note(text, name):
    from futoko_research.privacy.slots import signature_names

    assert [text[c.start:c.end] for c in signature_names(text)] == [name]


@pytest.mark.parametrize("text", [
    "会議の記録。\n以上",
    "ひとこと",
    "面談した。\nおわり",
])
def test_last_lines_that_are_no_signature(text):
    from futoko_research.privacy.slots import signature_names

    assert signature_names(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("電話メモ\n母より：悠真、今日も休みます。", "悠真"),
    ("・こはる、今日で通所10日目。", "こはる"),
])
def test_a_name_that_opens_an_utterance_before_a_comma(text, name):
    from futoko_research.privacy.slots import opening_names

    assert name in [text[c.start:c.end] for c in opening_names(text)]


@pytest.mark.parametrize("text", ["なお、明日は休み。", "ここは、静かな部屋。", "紅葉、きれいだった。", "また、母から連絡。"])
def test_function_words_and_ordinary_nouns_before_a_comma_are_no_names(text):
    from futoko_research.privacy.slots import opening_names

    assert opening_names(text) == []


# ---------------------------------------------------------------- trims
@pytest.mark.parametrize(("span", "cut"), [
    ("弟壮真", (1, 0)),
    ("担任大石", (2, 0)),
    ("ともだちの そうま", (6, 0)),
    ("泉家", (0, 1)),
    ("遠藤 正和", (0, 0)),
    ("はるか", (0, 0)),
    ("母", (0, 0)),
])
def test_role_heads_and_tails_are_trimmed_to_a_lexicon_name(span, cut):
    from futoko_research.privacy.spans import trim_name

    assert trim_name(span) == cut


def test_english_function_word_is_no_first_name():
    people = _people("About Marcus: he joined the club.")
    assert not any(p.startswith("About") for p in people)

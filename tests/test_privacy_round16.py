"""Round 16 (issue 21): joined names, glued full names and Chinese names in person slots, pet
names in running text, a kana non-name guard, street and romanised addresses.

Every example is invented and differs from the development fixtures' strings; each rule has
an example and a trap.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.joinednames import join_names
from futoko_research.privacy.nicknames import pet_names
from futoko_research.privacy.ordinary import drop_kana_non_names, is_kana_non_name
from futoko_research.privacy.slotnames import slot_names
from futoko_research.privacy.streetaddr import street_addresses
from futoko_research.privacy.text import Candidate


def _words(text: str, cands: list[Candidate], kind: str = "person") -> list[str]:
    return [text[c.start:c.end] for c in cands if c.kind == kind]


def _at(text: str, word: str, detector: str = "ginza", conf: float = 0.9) -> Candidate:
    i = text.index(word)
    return Candidate(i, i + len(word), "person", detector, conf)


# ---------------------------------------------------------------- names joined by ・ or .
def test_katakana_name_joined_by_dots_is_one_span():
    text = "グエン・ヴァン・ナム さま\nいつもありがとうございます。"
    assert _words(text, join_names(text, [_at(text, "ヴァン・ナム")])) == ["グエン・ヴァン・ナム"]
    text = "チャン・ミンさんの件"  # no finding yet: the honorific after the chain is the cue
    assert _words(text, join_names(text, [])) == ["チャン・ミン"]


def test_trap_ordinary_katakana_list_is_no_name():
    text = "好きなもの：ゲーム・マンガ・アニメさん"  # every part an ordinary word
    assert _words(text, join_names(text, [])) == []
    text = "活動：トランプ・オセロ"  # no finding, no cue
    assert _words(text, join_names(text, [])) == []


def test_kanji_family_and_given_name_joined_by_a_dot():
    text = "\"0611\",\"高木・美咲\",\"高木・さとし\""
    assert _words(text, join_names(text, [])) == ["高木・美咲", "高木・さとし"]


def test_trap_two_family_names_joined_by_a_dot_stay_apart():
    text = "担当：高木・松井"
    assert _words(text, join_names(text, [])) == []


@pytest.mark.parametrize("text, name", [
    ("記録者：H・Nakamura", "H・Nakamura"),
    ("Thank you.\nJ. Tanaka", "J. Tanaka"),
    ("Kenta.Suzuki 2024/11/02 ログイン", "Kenta.Suzuki"),
    ("S.Kobayashi\t中1\t第三中", "S.Kobayashi"),
])
def test_romaji_name_with_an_initial(text, name):
    assert _words(text, join_names(text, [])) == [name]


@pytest.mark.parametrize("text", [
    "mail: kenta.suzuki@example.com",  # inside an e-mail address (no capitals, no name shape)
    "Dr. Welfare Office",  # an institution word
    "No. Tanaka-ku",  # a number label
])
def test_trap_initial_shapes_that_are_no_names(text):
    assert _words(text, join_names(text, [])) == []


def test_anonymised_letter_labels_are_no_initials():
    text = "通所 Ｃ・Ｄ・Ｅ（3名）\n面談：A・B"
    cands = [_at(text, "Ｃ・Ｄ", "initials", 0.8), _at(text, "A・B", "initials", 0.8)]
    assert join_names(text, cands) == []


@pytest.mark.parametrize("text, initials", [("対象：Ｋ・Ｍ（中1）", "Ｋ・Ｍ"), ("担任：S・T", "S・T")])
def test_trap_real_initials_stay(text, initials):
    assert _words(text, join_names(text, [_at(text, initials, "initials", 0.8)])) == [initials]


def test_reading_label_is_cut_from_a_person_span():
    text = "フリガナ　タカギ ミサキ"
    assert _words(text, join_names(text, [Candidate(0, len(text), "person", "role", 0.9)])) == ["タカギ ミサキ"]


# ---------------------------------------------------------------- glued full names in a slot
@pytest.mark.parametrize("text, name", [
    ("①松本凛（小2）：母と二人暮らし", "松本凛"),  # one-kanji given name, list number, grade bracket
    ("3年1組　小池翼\n体育を見学", "小池翼"),  # after a class and a space, at the line end
    ("12/3,火,山口ことね,本町1-1", "山口ことね"),  # hiragana given name in a table cell
    ("対象：堀田ゆうだい（H28.2.1生）", "堀田ゆうだい"),  # after a label colon
    ("お子様 吉川悠真（中１）", "吉川悠真"),  # a grade bracket after the word
])
def test_glued_full_name_in_a_person_slot(text, name):
    assert _words(text, slot_names(text, [])) == [name]


@pytest.mark.parametrize("text", [
    "松本市（長野県）から転入",  # a place SudachiDict knows
    "小池さんが来た",  # a family name before an honorific: no given name glued
    "昨日は山口より連絡",  # a particle after the family name
    "授業で山口ことねを見た",  # not a person slot
])
def test_trap_glued_name_rule_leaves_these_alone(text):
    assert _words(text, slot_names(text, [])) == []


def test_partial_finding_is_replaced_by_the_full_name():
    text = "・新規：堀田ゆうだい（中1）"
    out = slot_names(text, [_at(text, "堀田ゆう")])
    assert _words(text, out) == ["堀田ゆうだい"]


@pytest.mark.parametrize("text, name", [
    ("保護者：劉海燕（母）", "劉海燕"),
    ("生徒：陳思彤（2年3組）", "陳思彤"),
    ("担任より：趙さんの件で相談", "趙"),
])
def test_chinese_name(text, name):
    assert _words(text, slot_names(text, [])) == [name]


@pytest.mark.parametrize("text", [
    "国王さんの絵本",  # a kanji before the surname
    "李下に冠を正さず",  # no slot
])
def test_trap_chinese_surname_rule(text):
    assert _words(text, slot_names(text, [])) == []


# ---------------------------------------------------------------- pet names
@pytest.mark.parametrize("text, name", [
    ("きょうはあいぴょんとあそんだ", "あいぴょん"),
    ("10:02 宮本：そっくんきた！", "そっくん"),
    ("かっちゃん先生へ", "かっちゃん"),
    ("トモっちが来室", "トモっち"),
])
def test_pet_name_in_running_text(text, name):
    assert _words(text, pet_names(text, [])) == [name]


@pytest.mark.parametrize("text", ["どっちにする？", "うさぎがぴょんぴょん", "もっちりした", "行っちゃった"])
def test_trap_ordinary_words_with_pet_name_endings(text):
    assert _words(text, pet_names(text, [])) == []


# ---------------------------------------------------------------- kana non-names
@pytest.mark.parametrize("word, context", [
    ("もしもし", "担任：もしもし、学校です。"),
    ("しってる", "相談者: しってる"),
    ("あめ", "12/1　あめ　通所3名"),
    ("どちらで", "どちらでもよい"),
])
def test_kana_word_that_is_no_name_is_dropped(word, context):
    assert is_kana_non_name(word)
    assert drop_kana_non_names(context, [_at(context, word, "clause", 0.75)]) == []


@pytest.mark.parametrize("word, context, detector", [
    ("ひかり", "通所：ひかり、そら", "list"),  # a given name of the lexicon
    ("あめ", "あめちゃんが来た", "clause"),  # an honorific after the word in the text
    ("ゆっきー", "ゆっきー、昼食を食べた", "clause"),  # a stretched nickname SudachiDict cannot read
])
def test_trap_kana_names_stay(word, context, detector):
    c = _at(context, word, detector, 0.8)
    assert drop_kana_non_names(context, [c]) == [c]


# ---------------------------------------------------------------- addresses
@pytest.mark.parametrize("text, address", [
    ("山本宅（緑丘3-12-5 メゾン緑丘203）", "緑丘3-12-5 メゾン緑丘203"),
    ("住所：桜木5-1-9 ハイツ桜木C棟102", "桜木5-1-9 ハイツ桜木C棟102"),
    ("Address: 4-2-11 Higashi-cho, Kodaira-shi, Tokyo", "4-2-11 Higashi-cho, Kodaira-shi"),
    ("send it to Apt. B-12, 1-4-7 Kita, Nishi-ku?", "Apt. B-12, 1-4-7 Kita, Nishi-ku"),
])
def test_street_and_romanised_addresses(text, address):
    assert _words(text, street_addresses(text, []), "address") == [address]


@pytest.mark.parametrize("text", [
    "資料2-1-3を参照",  # a section number after a common noun
    "See Chapter 2-3, Section A",  # no -shi/-ku unit
])
def test_trap_numbers_that_are_no_addresses(text):
    assert _words(text, street_addresses(text, []), "address") == []


def test_trap_sentence_end_between_two_capitalised_words():
    text = "He talked about his friend Hinata. Mom will call."
    assert _words(text, join_names(text, [_at(text, "Hinata", "lexname", 0.75)])) == ["Hinata"]


@pytest.mark.parametrize("text, name", [
    ("件名：面談\n\n森先生\n\nいつも", "森"),  # 森先 is a SudachiDict surname: 先生 is still no given name
    ("平田様方　訪問", "平田"),  # a household after the family name
    ("担任：加賀美 トシ子", "加賀美 トシ子"),  # a longer certain finding is never cut
])
def test_trap_slot_rule_keeps_family_names_and_spans(text, name):
    out = slot_names(text, [_at(text, name, "role", 0.9)])
    assert _words(text, out) == [name]


@pytest.mark.parametrize("word", ["ゆずっち", "しーちゃん", "はるるん", "さかたはると"])
def test_trap_pet_names_and_kana_full_names_are_names(word):
    assert not is_kana_non_name(word)

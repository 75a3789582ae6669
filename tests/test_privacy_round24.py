"""Round 24 (issue 21): every rule of a person slot has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters. The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import people as _people

from futoko_research.privacy.givenparts import given_part
from futoko_research.privacy.staffslots import family_sense


# ------------------------------------------------------------------ family names with a second sense
def test_family_sense_is_sudachis_family_reading_and_no_verbal_noun():
    assert family_sense("宮地") and family_sense("浅見") and family_sense("岬") and family_sense("森")
    assert not family_sense("面談") and not family_sense("担任") and not family_sense("全員")
    assert not family_sense("室") and not family_sense("前")  # bound forms (校長室, 担任団)


@pytest.mark.parametrize(("text", "name"), [
    ("12/3　SSW早瀬\n家庭訪問。母在宅。", "早瀬"),
    ("対応：室長宮地、指導員西岡\n本人は卓球。", "宮地"),
    ("受付日 4/2　受付者　寺内\n相談者：母", "寺内"),
    ("次回の診察予定。担当医：春日\n以上", "春日"),
    ("→担任柏木、日本語指導尾花で確認する。", "尾花"),
    ("出席：教頭、進路長谷部、担任", "長谷部"),
])
def test_a_family_name_after_a_staff_title(text, name):
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "SSW訪問の日程を調整する。",          # a verbal noun after the title
    "校長室前で待ち合わせ。",               # the title's own room
    "担任団で共有した。",                   # the title's group
    "記録表を更新。担当全員で確認。",       # 全員: no family reading
])
def test_staff_title_traps(text):
    assert _people(text) == []


def test_a_chat_speaker_after_a_time():
    text = "2025/07/01\n06:58 岬: おはようございます\n07:20 若林: 了解しました\n13:10 岬: いま出ました"
    assert _people(text) == ["岬", "若林", "岬"]


def test_chat_speaker_traps_roles_and_a_single_line():
    assert _people("07:40 母: おはようございます\n07:41 担任: 了解です") == []
    assert _people("12:00 昼食: みんなで") == []


@pytest.mark.parametrize(("text", "name"), [
    ("今日は午後から登校できそうです。よろしくお願いします。\n真壁", "真壁"),
    ("電話で状況を確認した。\n（宮地）", "宮地"),
    ("始業前に父と再面談。記録柏木", "柏木"),
])
def test_a_sign_off_closing_the_note(text, name):
    assert _people(text)[-1:] == [name]


@pytest.mark.parametrize("text", [
    "今日は午後から登校できそうです。\n以上",      # no family reading
    "面談の記録です。\n面談",                      # a verbal noun
])
def test_sign_off_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ katakana chains
@pytest.mark.parametrize(("text", "name"), [
    ("対象：グエン ヴァン ミン（中2）", "グエン ヴァン ミン"),
    ("通訳にファン・ティ・トゥイさんを依頼。", "ファン・ティ・トゥイ"),
    ("訪問先：キム ソヨンさん宅", "キム ソヨン"),
    ("正しくは「タパ マガル アニル」とのこと。", "タパ マガル アニル"),
    ("通訳者：ビセンテ アルマ（登録番号 TG-0001）", "ビセンテ アルマ"),
    ("児童生徒名：レイエス マリア クリスティーナ", "レイエス マリア クリスティーナ"),
])
def test_katakana_foreign_names_of_two_to_four_words(text, name):
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "ファン クラブの集まりに行った。",         # a listed family word with an ordinary word
    "サッカー クラブ・チームに入った。",      # no family word, no person slot
    "メニュー：カレー ライス",                  # a label but ordinary words
])
def test_katakana_chain_traps(text):
    assert _people(text) == []


def test_a_katakana_job_title_is_no_part_of_the_chain():
    assert "マヤ・グルン" in _people("通訳ボランティア マヤ・グルン（ネパール語）")


# ------------------------------------------------------------------ romanised names
def test_romanised_chat_speakers():
    text = "7/2 21:47 Jasmine: Good evening\n7/2 21:49 SSW: Hello\n7/2 21:50 Jasmine: can we talk"
    assert _people(text) == ["Jasmine", "Jasmine"]


def test_romanised_chat_speaker_traps_kin_words():
    assert _people("21:47 Mom: hello\n21:48 Mom: ok") == []


@pytest.mark.parametrize(("text", "names"), [
    ("Dear teacher,\nThank you very much. Ashis is happy. He came to school today.\nRam", ["Ashis", "Ram"]),
    ("Subject: Naraa\nNaraa cries at night. Naraa looked tired.", ["Naraa", "Naraa", "Naraa"]),
])
def test_romanised_sign_offs_and_subjects_of_a_persons_verb(text, names):
    assert _people(text) == names


@pytest.mark.parametrize("text", [
    "Zoom will start at ten. School is open.",     # no verb of a person / institution words
    "Thank you for your help.\nRegards",           # a closing, no name
    "Please bring the form.\nThanks",
])
def test_romanised_slot_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ the given part of a full name
def test_given_part_of_a_full_name():
    assert given_part("佐久間 凪") == "凪"
    assert given_part("勅使河原") is None
    assert given_part("学校") is None


def test_the_given_part_alone_after_the_full_name():
    text = "対象：佐久間 凪（小6）\n凪「みんなと並ぶのは無理」。\n・凪：中学入学後も継続。"
    assert _people(text) == ["佐久間 凪", "凪", "凪"]


@pytest.mark.parametrize("text", [
    "対象：佐久間 凪（小6）\n夕凪の海を見た。",               # inside a word
    "所長　高柳 修\n修　了　証",                             # a word written out letter by letter
    "朝は凪で、海は静かだった。",                             # no full name in the note
])
def test_given_part_traps(text):
    people = _people(text)
    assert people.count("凪") + people.count("修") == 0


# ------------------------------------------------------------------ person columns of a table
def test_a_family_name_under_a_person_header():
    text = ("日付\t番号\t入室\t退室\t対応\t備考\n"
            "5/13\tKS-0001\t10:05\t12:30\t三輪\t卓球\n"
            "5/14\tKS-0002\t13:00\t14:40\t宮地\tプリント")
    assert _people(text) == ["三輪", "宮地"]


def test_person_column_traps_other_headers_and_ordinary_words():
    text = ("日付,場所,対応,備考\n"
            "5/13,岬,面談,なし\n"            # 岬 under 場所 (no person header); 面談 under 対応 (a verbal noun)
            "5/14,岬,欠席,なし")
    assert _people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Profesora Kashima:\nMi hija no puede ir hoy.", "Kashima"),
    ("muchas gracias Komiyama sensei", "Komiyama"),
    ("ALTのMs. Brownの授業は楽しい。", "Brown"),
])
def test_romanised_names_after_a_title_or_before_a_romanised_honorific(text, name):
    assert name in _people(text)


def test_the_line_after_a_salutation_is_no_sign_off():
    assert "Gostariamos" not in _people("Prezado Sr. Marcos Santos,\nGostariamos")
    assert _people("Dear parents,\nWelcome") == []

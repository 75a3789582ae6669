"""Round 21 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import batch_flags
from privacy_rule_fixtures import found as _found
from privacy_rule_fixtures import people as _people


# ------------------------------------------------------------------ bookkeeping
def test_batches_26_to_29_are_development():
    flags = batch_flags("r21")
    for n in (26, 27, 28, 29):
        assert flags[n] is False


# ------------------------------------------------------------------ phones with spaces, toll-free numbers
@pytest.mark.parametrize(("text", "phone"), [
    ("保護者氏名 小野 雅之\n電話 090 - 6218 - 4470\n申請理由", "090 - 6218 - 4470"),
    ("連 絡 先：担任 楠\u30000494 - 23 - 5518", "0494 - 23 - 5518"),
    ("連絡先\u3000 0 9 0-7 7 1 2-4 0 8 3", "0 9 0-7 7 1 2-4 0 8 3"),
])
def test_phone_with_spaces(text, phone):
    assert ("phone", phone) in _found(text)


@pytest.mark.parametrize("text", [
    "集計 2024 - 10 - 12 に更新",          # a date does not start with 0
    "得点 0 - 1 - 2 で負けた",              # too few digits
])
def test_spaced_phone_traps(text):
    assert not any(k == "phone" for k, _ in _found(text))


def test_toll_free_numbers_are_no_ones_phone():
    text = "24時間子供SOSダイヤル 0120-0-78310、相談窓口 0120-279-338。母携帯 090-1234-5678"
    phones = {t for k, t in _found(text) if k == "phone"}
    assert phones == {"090-1234-5678"}


# ------------------------------------------------------------------ name edges
@pytest.mark.parametrize(("text", "name"), [
    ("保護者氏名\u3000能登 啓介\u3000㊞\n", "能登 啓介"),
    ("保護者氏名\u3000日野\u3000印\n連絡先", "日野"),
    ("（6/3 電話。担任 篠塚 記）", "篠塚"),
])
def test_a_seal_or_a_record_word_after_a_name(text, name):
    people = _people(text)
    assert name in people and not any(p.startswith(name) and p != name for p in people)


def test_seal_trap_a_name_ending_in_the_character():
    assert "由記" in "".join(_people("担任の佐藤由記先生と話した。"))


@pytest.mark.parametrize(("text", "name"), [
    ("電話\u3000026-488-3012\n保護者氏名\u3000森．敬一\u3000印\n", "森．敬一"),
    ("保護者名\u3000佐久間．エリカ（母）\n", "佐久間．エリカ"),
    ("氏名：ロドリゲス．アンジェラ／安藤．美月\n", "ロドリゲス．アンジェラ"),
])
def test_two_findings_joined_by_a_full_stop(text, name):
    assert name in _people(text)


def test_full_stop_trap_two_sentences():
    assert not any("．" in p for p in _people("山田さんが来た．佐藤さんは欠席。"))


@pytest.mark.parametrize("text", ["送信元：朝霧二中\n", "千草北中の先生と話した。", "北中と東中の合同行事"])
def test_school_short_names_are_no_one(text):
    assert _people(text) == []


def test_school_short_name_trap_a_family_name_ending_in_naka():
    assert "田中" in _people("担任の田中先生に電話した。")


def test_meeting_role_is_no_one():
    text = ("【オンライン朝の会（Zoom）参加者ログ】\u3000ホスト：鳥居（SSW）\n名前\t参加時刻\t退出時刻\n"
            "鳥居（ホスト）\t08:24\t08:52\n堀之内瑛太\t08:33\t08:50\n")
    assert "ホスト" not in _people(text) and "鳥居" in _people(text)


# ------------------------------------------------------------------ handles in logs
def test_display_names_in_a_participant_log():
    text = ("表示名\t参加時刻\t退出時刻\t時間（分）\n2-3担任\t13:35\t14:25\t50\n"
            "sora.m\t13:38\t14:25\t47\nKaito_F\t13:36\t14:25\t49\niPad\t13:40\t14:25\t45\n")
    people = _people(text)
    assert "sora.m" in people and "Kaito_F" in people and "iPad" not in people


def test_handles_after_at_a_time_and_a_label():
    at = "@yuzu_0714：明日の面談、やっぱ無理かも\n@yuzu_0714：学校の前まで行くとお腹痛くなる\n"
    assert _people(at).count("yuzu_0714") == 2
    timed = "ユーザー名：kohaku_0725\n21:10 kohaku: 相談していいですか\n21:11 相談員A: もちろん\n21:14 kohaku: しんどい\n"
    assert "kohaku_0725" in _people(timed) and _people(timed).count("kohaku") == 2


@pytest.mark.parametrize("text", [
    "9:00 break: 休憩\n10:00 lunch: 昼食\n",          # a timetable, no one speaks twice
    "（ID表示：ms0427）",                             # an id label stays an id
    "@yuzu_0714：一度だけ\n",                          # one line
])
def test_handle_traps(text):
    assert not any(p in ("break", "lunch", "ms0427", "yuzu_0714") for p in _people(text))


# ------------------------------------------------------------------ katakana foreign names
@pytest.mark.parametrize(("text", "name"), [
    ("対象：児童 タパ スジャン（4年）の保護者\n内容：面談", "タパ スジャン"),
    ("出席：父、担任 乙部、通訳 ギリ サビナ（市国際交流協会）\n", "ギリ サビナ"),
])
def test_katakana_words_after_a_role(text, name):
    assert name in _people(text)


@pytest.mark.parametrize(("text", "name"), [
    ("代表\u3000\u3000北条 恵理\u3000\u3000090-3381-2075\n会計\u3000\u3000ダ シルバ 恵美\u3000070-1189-4456\n", "ダ シルバ 恵美"),
    ("母：オユン（通訳：ナラン 恵子、モンゴル語）\n", "ナラン 恵子"),
])
def test_katakana_family_before_a_kanji_given_name(text, name):
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "児童 ゲーム ルール（4年）の説明",       # ordinary words
    "生徒 カード ゲーム、本 貸し出し",
])
def test_katakana_words_traps(text):
    assert not any(" " in p for p in _people(text))


def test_katakana_family_trap_a_job_title():
    people = _people("相談者：母\n対応：スクールカウンセラー 水野\n内容：登校渋り")
    assert not any("カウンセラー" in p for p in people)

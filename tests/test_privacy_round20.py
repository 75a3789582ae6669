"""Round 20 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import batch_flags
from privacy_rule_fixtures import found as _found
from privacy_rule_fixtures import people as _people


# ------------------------------------------------------------------ bookkeeping
def test_batches_22_to_25_are_development():
    flags = batch_flags("r20")
    for n in (22, 23, 24, 25):
        assert flags[n] is False


# ------------------------------------------------------------------ names joined by a full stop
@pytest.mark.parametrize(("text", "name"), [
    ("児童生徒：丸山．彩花（中1）", "丸山．彩花"),
    ("氏名　内藤.早紀\n勤務日数", "内藤.早紀"),
])
def test_family_and_given_name_joined_by_a_full_stop(text, name):
    assert ("person", name) in _found(text)


def test_full_stop_trap_a_sentence_end():
    assert not any(t.startswith("山田．") for t in _people("山田．次回は来週に面談。"))


# ------------------------------------------------------------------ family name after a role
@pytest.mark.parametrize(("text", "name"), [
    ("学校から（担任 沓掛）：", "沓掛"),
    ("養護 入江：3-1の古閑さん", "入江"),
    ("講師：宮内　教室長：大島", "宮内"),
    ("点検：久住", "久住"),
    ("→ 教務 古川 確認後、清書", "古川"),
    ("対応者　市民課 宮地\n来庁者", "宮地"),
    ("次回は担任宮森と同行する。", "宮森"),
    ("生徒指導 真田 が迎えに行った。", "真田"),
])
def test_family_name_after_a_role(text, name):
    assert name in _people(text)
    assert not any(t != name and t.startswith(name) for t in _people(text))


@pytest.mark.parametrize("text", ["担任 面談", "監督：本人", "担任団と協議", "担任 不在", "担任 未定", "担任 交代後の変化"])
def test_role_trap_an_ordinary_word(text):
    assert _people(text) == []


def test_role_trap_a_full_name_stays_whole():
    assert _people("担当　相談員 柿崎 奈央（直通：０７４２）") == ["柿崎 奈央"]
    assert _people("・SC 大門氏：母面談") == ["大門"]


# ------------------------------------------------------------------ kana chat speakers after a time
def test_kana_speakers_after_a_time():
    text = "21:03 りなぴ：明日の遠足\n21:05 まいまい：うちら4人\n21:05 りなぴ：いいね"
    assert _people(text) == ["りなぴ", "まいまい", "りなぴ"]
    staff = "10:02 ねこまる：おはよ\n10:03 スタッフしずく：おはよう〜！\n10:05 ねこまる：ねむい"
    assert "しずく" in _people(staff) and _people(staff).count("ねこまる") == 2


@pytest.mark.parametrize("text", [
    "9:00 あさのかい：うた\n10:00 べんきょう：ドリル",   # a timetable: no one speaks twice
    "10:00 おしらせ：きょうは\n10:30 おしらせ：あしたは",  # a common kana word
    "21:03 りなぴ：明日の遠足",                            # one line
])
def test_kana_speaker_traps(text):
    assert not any(t in ("あさのかい", "べんきょう", "おしらせ", "りなぴ") for t in _people(text))


# ------------------------------------------------------------------ labels at a name's ends
@pytest.mark.parametrize(("text", "name"), [
    ("通室生氏名　御子柴 凜　　在籍学年　1年3組", "御子柴 凜"),
    ("申込者氏名　乙部　まゆみ　　お子さんの学年・組　4年1組", "乙部　まゆみ"),
    ("氏名　平田 大翔　生年月日", "平田 大翔"),
    ("Mother: Marisol Reyes　Interpreter: none", "Marisol Reyes"),
    ("児童氏名 平 ひかる　学年・組 5年2組", "平 ひかる"),
])
def test_labels_cut_from_a_names_ends(text, name):
    assert ("person", name) in _found(text)


@pytest.mark.parametrize(("text", "name"), [("佐藤 陽が来た", "佐藤 陽"), ("矢 野　光 男", "矢 野　光 男")])
def test_label_end_traps_a_particle_and_a_letter_spaced_name(text, name):
    assert ("person", name) in _found(text)


# ------------------------------------------------------------------ a writer's own family name
@pytest.mark.parametrize(("text", "name"), [
    ("いつもお世話になっております。嵯峨野です。", "嵯峨野"),
    ("お疲れさまです。センターの石橋です。", "石橋"),
    ("げんきにしていますか。松永です。", "松永"),
])
def test_writer_introduces_a_family_name(text, name):
    assert name in _people(text)


@pytest.mark.parametrize("text", ["以上です。", "担当の件です。", "お世話になっております。北海道です。", "大丈夫です。"])
def test_self_introduction_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ a cited theorist
def test_cited_theorist_is_no_one_in_the_case():
    assert "エリクソン" not in _people("エリクソンの発達段階理論やコヘーンの「安全基地」の概念に見られるように")


def test_cited_theorist_trap_no_theory_word():
    assert "山田" in _people("担任 山田の説明では、欠席が続いている。")

"""Round 31 (issue 21): speakers of minutes after their office, speakers with a role in brackets and
teachers of a period (``privacy.staffslots``), research participants' codes (``privacy.codelines``), a
Chinese name with 高 (``privacy.spacednames``), a role's underscore cut from a name
(``privacy.handleshapes``) — each form with an example and a trap.

The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import ROOT, batch_flags

from futoko_research.privacy.detect import find_personal_data


def test_batches_34_to_65_are_development_and_66_to_69_the_blind_slots():
    flags = batch_flags("r31")
    for n in range(34, 66):
        assert flags[n] is False
    for n in (66, 67, 68, 69):
        assert flags[n] is True
    src = (ROOT / "benchmarks" / "train_name_tagger.py").read_text(encoding="utf-8")
    assert '"batch65", "batch66", "batch67", "batch68", "batch69")' in src


def _found(text: str, kind: str = "person") -> set[str]:
    f = find_personal_data([text], use_ner=False, include_uncertain=False)
    return set(f[f.kind == kind].text)


@pytest.mark.parametrize("text, name", [
    ("校長会（2/9）\n南台小 葛西：出席扱いを2名で実施\n西川小 長峰：協議書1件", "葛西"),
    ("・山岡町 今泉：町内に教室がない", "今泉"),
    ("○児童相談所 堀之内（児童福祉司）：本年度の相談件数は", "堀之内"),
    ("対応教員：1限 片桐、2限 能登", "片桐"),
])
def test_staff_in_minutes_and_timetables(text, name):
    assert name in _found(text)


@pytest.mark.parametrize("text", [
    "時間割：1限 国語、2限 数学",  # subjects, not teachers
    "雪村 葵：欠席97日。",  # a full name before a colon stays whole
])
def test_staff_traps(text):
    found = _found(text)
    assert not found & {"国語", "数学", "葵"}


@pytest.mark.parametrize("text, code", [
    ("【IV-07】2024年6月15日（土）14:00〜", "IV-07"),
    ("添付：IV14_逐語録_v2.docx", "IV14"),
    ("T-03（元担任・男性・50代）\nI：当時のクラスは", "T-03"),
])
def test_research_participant_codes(text, code):
    assert code in _found(text, "id")


def test_a_code_before_a_room_note_is_no_participant():
    assert not _found("A4（両面）で印刷\nB-12（予備の部屋）", "id")


@pytest.mark.parametrize("text, name", [
    ("高 雪梅：今日のインタビュー、30分遅れます", "高 雪梅"),
    ("研究補助者（高 雪梅）", "高 雪梅"),
])
def test_a_chinese_name_with_gao(text, name):
    assert name in _found(text)


def test_a_roles_underscore_is_cut_from_the_name_but_not_from_a_handle():
    text = "[8:41] 養護_沢渡: 今日別室\n[8:45] 担任_矢野: ありがとう\n[8:50] 養護_沢渡: はい"
    found = _found(text)
    assert "沢渡" in found and "_沢渡" not in found

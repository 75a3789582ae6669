"""Round 19 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from futoko_research.privacy.detect import find_personal_data

ROOT = Path(__file__).resolve().parents[1]


def _found(text: str) -> set[tuple[str, str]]:
    df = find_personal_data([text], use_ner=False)
    return {(r.kind, r.text) for r in df.itertuples()}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"r19_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ bookkeeping
def test_batches_20_and_21_are_development_and_22_23_the_blind_slots():
    sets = {p.name: held for _, p, held in _load("eval_privacy").SETS}
    assert sets["privacy_heldout_batch20.yaml"] is False
    assert sets["privacy_heldout_batch21.yaml"] is False
    assert sets["privacy_heldout_batch22.yaml"] is True
    assert sets["privacy_heldout_batch23.yaml"] is True
    src = (ROOT / "benchmarks" / "train_name_tagger.py").read_text(encoding="utf-8")
    assert 'HELD_OUT = ("batch22", "batch23")' in src


# ------------------------------------------------------------------ names around one space
@pytest.mark.parametrize(("text", "name"), [
    ("朝の迎え（友人 栗林 あかり）が有効だった。", "栗林 あかり"),
    ("・ 菅原 心春：5年秋から欠席増。", "菅原 心春"),
    ("担任 佐藤 あかり：", "佐藤 あかり"),
])
def test_given_name_after_family_name_and_one_space(text, name):
    assert ("person", name) in _found(text)


@pytest.mark.parametrize(("text", "family"), [
    ("連絡：浅香 より電話あり", "浅香"),   # より is a particle here
    ("佐藤 母：朝は起きられない", "佐藤"),   # a kin word
])
def test_given_name_traps_particles_and_kin_words(text, family):
    people = {t for k, t in _found(text) if k == "person"}
    assert family in people or not any(t.startswith(family + " ") for t in people)
    assert not any(t.endswith(("より", "母")) for t in people)


def test_chinese_name_with_a_space_after_a_person_label():
    found = _found("学生：王 子涵（中2）　保護者：父 王 建国\n父は夜勤のため朝の声かけができない。")
    assert ("person", "王 子涵") in found and ("person", "王 建国") in found


def test_chinese_family_trap_a_word_cut_by_a_space():
    assert not any(k == "person" for k, _ in _found("金 曜日の予定を確認した。"))


def test_family_names_in_a_row_are_several_people():
    found = _found("【前列】大槻　井口　ホセ（通訳同伴）\n【後列】富田　緒方")
    assert {("person", n) for n in ("大槻", "井口", "ホセ", "富田", "緒方")} <= found
    found = _found("4/7\t篠原・永井\t\n4/14\t永井・ハリス\t英語")
    assert ("person", "永井") in found and ("person", "ハリス") in found


@pytest.mark.parametrize(("text", "name"), [
    ("中山 柚月さんの退院日が決まりました。", "中山 柚月"),   # 柚月: a given name, no place
    ("本人：竹内・ミア（中1）\n母：竹内・ソフィア", "竹内・ソフィア"),   # 竹内 never alone
    ("木村・ソフィア（小4）。ソフィアは週2日の登校。", "木村・ソフィア"),
])
def test_family_row_traps_full_names_stay_whole(text, name):
    assert ("person", name) in _found(text)


@pytest.mark.parametrize(("text", "name"), [
    ("② 14:00 中井 花恋宅　本人起床せず", "中井 花恋"),
    ("佐々木恵美　　印", "佐々木恵美"),
    ("5年　2組　野口陽太　　男", "野口陽太"),
    ("9/12 7:41\u3000はい\u3000ちなつは寝てます", "ちなつ"),
])
def test_words_caught_at_a_name_end_are_cut(text, name):
    assert ("person", name) in _found(text)


def test_name_end_traps_family_names_in_taku_and_letter_spacing():
    assert ("person", "三宅") in _found("三宅さんに連絡した。")
    assert ("person", "矢 野\u3000光 男") in _found("氏 名\u3000矢 野\u3000光 男")

"""Round 9 (issue 21): names from the gimei name lexicon in a slot that says person.

All texts are SYNTHETIC (invented here; the names are not those of any fixture)."""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data
from futoko_research.privacy.lexnames import kana_kanji_names, romaji_names
from futoko_research.privacy.names import (
    is_family_name,
    is_given_name,
    is_romaji_name,
    romaji_variants,
)


def _people(text: str) -> list[str]:
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    return [r.text for r in found.itertuples() if r.kind == "person"]


def _lex(text: str) -> list[str]:
    return [text[c.start:c.end] for c in kana_kanji_names(text)]


def _rom(text: str) -> list[str]:
    return [text[c.start:c.end] for c in romaji_names(text)]


def test_lexicon_is_read_from_gimei():
    assert is_given_name("ゆうと") and is_given_name("陽翔") and is_given_name("ハルト")
    assert is_family_name("佐藤") and is_family_name("さとう")
    assert not is_given_name("がっこう")


def test_romaji_variants_drop_long_vowels_and_give_kunrei():
    v = romaji_variants("しょうた")
    assert {"shouta", "shota", "shohta", "syota"} <= v
    assert is_romaji_name("Yuto") and is_romaji_name("SATO")


@pytest.mark.parametrize(("text", "name"), [
    ("10:15 みなと来所。", "みなと"),          # a visit word after it
    ("ゆいちゃんが来た。", "ゆい"),            # honorific
    ("いもうとの ゆいが ないた。", "ゆい"),     # kin word and の before it
    ("妹（凛・小2）も同席。", "凛"),            # grade after it (one kanji)
    ("弟：大翔（小1）", "大翔"),
    ("教頭 石井が対応した。", "石井"),          # role before a family name
    ("担任の石井です。", "石井"),
])
def test_lexicon_name_in_a_person_slot(text, name):
    assert name in _lex(text)


def test_list_with_a_count_takes_every_lexicon_item():
    found = _lex("ケン・湊・凛の3人で工作。")
    assert "湊" in found and "凛" in found


def test_hiragana_list_with_a_count():
    assert {"みなと", "ゆい"} <= set(_lex("明日は、みなととゆいの2人です"))


def test_hiragana_family_and_given_name_joined():
    assert "いしい みなと" in _lex("5ねん　いしい みなと")


def test_particle_is_not_kept_in_the_name():
    assert "ひろと" in _lex("午後：ひろと、みなと来所。")


@pytest.mark.parametrize("text", [
    "空が晴れた。", "光が差す。", "海に行った。", "森林公園で遊んだ。", "はるになったら、そらをみた。",
    "陸上部の練習。", "大和市の施設。", "すきな ひとは、おばあちゃん", "いもうとは まだ あかちゃん。",
    "宛先：かわばた心療内科", "「あおば教室」通信", "司書さんがいつも声をかけてくれた。",
])
def test_ordinary_words_are_not_names(text):
    assert _lex(text) == []


def test_romaji_names_in_english_text():
    assert _rom("He played with Yuto and Riku.") == ["Yuto", "Riku"]
    assert _rom("Parents of Emma Sato-Clark (G5)") == ["Emma Sato-Clark"]
    assert _rom("Kato, Yui / 7 / 1-2") == ["Kato, Yui"]


@pytest.mark.parametrize("text", [
    "Attendance: Mon 4 / Tue 3 / Wed 5", "I told him so. So we go.", "Sato Elementary School is near.",
])
def test_romaji_traps(text):
    assert _rom(text) == []


def test_lexicon_rule_through_the_detector():
    assert "みなと" in _people("9:30 みなと来所。表情明るい。")
    assert "Yuto" in _people("Met with Yuto and his mother.")


def test_eval_sets_batch8_is_development():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_privacy.py"
    spec = importlib.util.spec_from_file_location("eval_privacy", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sets = {p.name: held for _, p, held in mod.SETS}
    assert sets["privacy_heldout_batch8.yaml"] is False
    assert "batch 9" in mod.__doc__


@pytest.mark.parametrize(("text", "name"), [
    ("担任：了解しました！陽翔くん、体調どうですか？", "陽翔"),   # Sudachi splits 陽|翔く: kanji runs are read
    ("少年係 石井巡査長より連絡。", "石井"),                     # a role after a family name
    ("・2-3 の湊：家庭でのゲーム依存。", "湊"),                  # a class and の before it
    ("凛は支援センターで数学を学んでいる。", "凛"),              # a person verb after は
    ("ゆいはお休み（母より電話）。", "ゆい"),                    # お belongs to the word after
])
def test_round9_more_person_slots(text, name):
    assert name in _lex(text)


@pytest.mark.parametrize("text", [
    "本人の強み：読書", "成果が出ている。", "2月は登校なし。", "担任：石井、2学期は未登校。", "「のぞみ」や「みらい」といった言葉",
    "ソフィアとエミリの姉妹（ともに小学生）は", "Shiomi-hama Elementary School", "since June. We met on Tue 3.",
])
def test_round9_more_traps(text):
    assert [n for n in _lex(text) + _rom(text) if n not in ("石井", "エミリ")] == []


def test_round9_dotted_lexicon_names_are_separate_people():
    found = _people("ケイ・湊・凛の3人で工作。")
    assert "湊" in found and "凛" in found and "湊・凛" not in found
    # one-character family names of places are not split (an older false alarm stays one finding)
    assert "東" not in _people("東・中・西部の教育支援センターに加えて")


def test_round9_full_name_in_a_space_separated_row():
    text = "受付日 氏名 学校 学年\n4/10 石井 凛 霞浦市立西中学校 中1\n4/12 森田 湊 霞浦市立東小学校 小5"
    found = _people(text)
    assert "石井 凛" in found and "森田 湊" in found


def test_round9_sample_like_official_text_gets_no_lexicon_name():
    text = "不登校児童生徒への支援の在り方について、成果が出ているという報告があった。姉のように接する大学生が話し相手になる。"
    assert _people(text) == []

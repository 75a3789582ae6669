"""Round 25 (issue 21): places of the collection that SudachiDict tags as family names, kinship
nicknames and kana heads of titles — each rule with an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production). The examples are invented here,
not copied from the batches.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import people as _people

from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.placenames import collection_places, drop_place_names
from futoko_research.privacy.text import Candidate


def _people_in(texts: list[str]) -> list[list[str]]:
    df = find_personal_data(texts, use_ner=False)
    return [[r.text for r in df.itertuples() if r.kind == "person" and r.text_idx == i] for i in range(len(texts))]


# ------------------------------------------------------------------ place evidence
@pytest.mark.parametrize("text", [
    "町営船（高浜港8:10発）で通学する。",
    "帰りは15:20高浜発の便です。",
    "高浜地区の公民館で相談会。",
    "白浜町高浜字東4番地",
    "本日、高浜の佐伯さん宅を訪問した。",
    "高浜から渡船で来校。",
])
def test_place_constructions_are_evidence(text):
    assert "高浜" in collection_places([text], ["高浜"])


@pytest.mark.parametrize("text", [
    "高浜さんから電話。",          # an honorific: a person
    "担任 高浜 が対応した。",       # no place construction
    "高浜発言の記録",              # 発 heading a word (発言) is no departure
    "大字上原字寺前4番地",          # lot names are evidence in their own text only
])
def test_traps_are_no_collection_evidence(text):
    word = "上原" if "上原" in text else "高浜"
    assert word not in collection_places([text], [word], lots=False)


def test_a_recurring_place_is_no_person_in_other_texts():
    texts = ["町営船（高浜港8:10発）で通学する。", "高浜地区の集会所で面談。",
             "今日は高浜だけ回った。母と話す。"]
    assert "高浜" not in _people_in(texts)[2]


def test_a_word_the_collection_writes_as_a_person_stays():
    texts = ["町営船（高浜港8:10発）で通学する。", "高浜地区の集会所で面談。",
             "高浜さんから電話。", "今日は高浜だけが来た。"]
    got = _people_in(texts)
    assert "高浜" in got[2]


def test_a_person_cue_after_the_place_keeps_the_person():
    text, places = "高浜さんに電話。", frozenset({"高浜"})
    cands = [Candidate(0, 2, "person", "sudachi", 0.75)]
    assert drop_place_names(text, cands, places) == cands
    text2 = "担任高浜が対応。"
    cands2 = [Candidate(2, 4, "person", "sudachi", 0.75)]
    assert drop_place_names(text2, cands2, places) == cands2


def test_a_municipality_fragment_is_dropped_but_a_surname_in_mura_is_not():
    places = frozenset({"高浜"})
    text = "住所：ミナト町高浜字東4番地"
    frag = [Candidate(6, 9, "person", "sudachi", 0.75)]  # 町高浜 cut from the address
    assert text[6:9] == "町高浜"
    assert drop_place_names(text, frag, places) == []
    text2 = "担当：中村 高浜"
    name = [Candidate(3, 8, "person", "sudachi", 0.75)]
    assert drop_place_names(text2, name, frozenset({"高浜"})) == name


def test_a_single_text_place_tail_is_local():
    texts = ["高浜港で待ち合わせ。", "高浜が来た。"]   # evidence in one text only
    ev = collection_places(texts, ["高浜"])
    assert ev["高浜"] == frozenset({0})


# ------------------------------------------------------------------ kinship nicknames
@pytest.mark.parametrize("text", [
    "ひいばあちゃんの家に泊まった。",
    "ばあばが迎えに来た。",
    "じいじと釣りに行った。",
    "にいにとゲームをした。",
])
def test_kinship_nicknames_are_no_names(text):
    assert not any(p in {"ひいばあ", "ばあば", "じいじ", "にいに"} for p in _people(text))


def test_kinship_trap_a_kana_name_stays():
    cands = [Candidate(0, 3, "person", "honorific", 0.75)]
    assert drop_place_names("みさきちゃんが来た。", cands, frozenset()) == cands


# ------------------------------------------------------------------ kana heads of titles
@pytest.mark.parametrize(("text", "end"), [
    ("「なみのり通信」を掲示した。", 5),
    ("なみのり祭の準備。", 4),
    ("こなみ丸で島に渡る。", 3),
])
def test_kana_title_heads_are_no_names(text, end):
    cands = [Candidate(1 if text[0] == "「" else 0, end, "person", "sudachi", 0.4)]
    assert drop_place_names(text, cands, frozenset()) == []


def test_title_trap_a_name_before_a_particle_stays():
    text = "シュンは通信制高校を見学。"
    cands = [Candidate(0, 3, "person", "tagger", 0.75)]
    assert drop_place_names(text, cands, frozenset()) == cands


def test_the_bracket_after_a_home_or_visit_is_a_place_and_a_kin_bracket_is_not():
    assert "高浜" in collection_places(["佐伯さん方（高浜）に寄る。"], ["高浜"])
    assert "高浜" in collection_places(["家庭訪問（西浦・高浜）"], ["高浜"])
    assert "高浜" not in collection_places(["関さん（高浜）から電話"], ["高浜"])


def test_a_text_that_writes_the_word_as_a_person_keeps_it():
    got = _people_in(["担任 高浜、教頭 佐伯。週1回の家庭訪問（高浜）。"])[0]
    assert got.count("高浜") == 2

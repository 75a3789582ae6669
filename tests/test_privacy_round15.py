"""Round 15 (issue 21): ordinary words in name slots, glued given names, address spans."""

from __future__ import annotations

import pytest

from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.gluedgiven import extend_glued_given
from futoko_research.privacy.ordinary import drop_ordinary_words, is_ordinary_word
from futoko_research.privacy.text import Candidate


def _found(text: str, kind: str) -> list[str]:
    df = find_personal_data([text], use_ner=False, include_uncertain=False)
    return df[df["kind"] == kind]["text"].tolist()


# ---------------------------------------------------------------- ordinary words
@pytest.mark.parametrize("text, word", [
    ("番号:7 / 岡島 陸 / 2-1 / 保健室\n番号:8 / 岩城 樹 / 2-3 / 保健室", "保健室"),  # table value cell
    ("本人：その後は家で過ごす。", "その"),  # after a label colon
    ("父「パソコンは夜だけ」と話す。", "パソコン"),  # first word of a quotation
    ("北条さん（2年・トランペット）が来室。", "トランペット"),  # bracket item after a name
    ("5/12（火）曇\n通室4名。", "曇"),  # weather after a log date
])
def test_ordinary_word_in_a_name_slot_is_not_a_person(text, word):
    cands = [Candidate(text.index(word), text.index(word) + len(word), "person", "peer", 0.75)]
    assert drop_ordinary_words(text, cands) == []


def test_kinship_word_is_never_a_person():
    text = "長女（中2）は登校"
    assert drop_ordinary_words(text, [Candidate(0, 2, "person", "context", 0.7)]) == []


@pytest.mark.parametrize("text, word", [
    ("通室：ひかり（小4）、そら", "ひかり"),  # a grade note is a person cue
    ("来室：ゲームさんと呼ばれる子", "ゲーム"),  # an honorific anywhere is a person cue
    ("担任：陽翔", "陽翔"),  # not an ordinary word
    ("きょうはパソコンで学習した。", "パソコン"),  # no slot
])
def test_trap_a_cue_or_no_slot_keeps_the_finding(text, word):
    c = Candidate(text.index(word), text.index(word) + len(word), "person", "peer", 0.75)
    assert drop_ordinary_words(text, [c]) == [c]


def test_ordinary_word_test():
    assert is_ordinary_word("保健室") and is_ordinary_word("その")
    assert not is_ordinary_word("陽翔")


# ---------------------------------------------------------------- glued given names
@pytest.mark.parametrize("text, family, full", [
    ("紹介状：川村瑠璃様（中1）", "川村", "川村瑠璃"),
    ("作文「雨の日」 村井ちさと\n", "村井", "村井ちさと"),
    ("301,浅野ゆいか,出,欠", "浅野", "浅野ゆいか"),
])
def test_glued_given_name_joins_the_family_span(text, family, full):
    s = text.index(family)
    c = Candidate(s, s + len(family), "person", "sudachi", 0.9)
    assert [text[x.start:x.end] for x in extend_glued_given(text, [c])] == [full]


@pytest.mark.parametrize("text, family", [
    ("川村先生に相談した。", "川村"),
    ("村井市の教育委員会", "村井"),
    ("浅野さんと話した。", "浅野"),
    ("浅野がいた。", "浅野"),
    ("浅野より\n", "浅野"),
    ("11/5 川村家訪問。母と面談。", "川村"),
    ("浅野宅にて面談", "浅野"),
])
def test_trap_honorific_place_or_particle_is_not_a_given_name(text, family):
    s = text.index(family)
    c = Candidate(s, s + len(family), "person", "sudachi", 0.9)
    assert [text[x.start:x.end] for x in extend_glued_given(text, [c])] == [family]


# ---------------------------------------------------------------- addresses
@pytest.mark.parametrize("text, address", [
    ("住所：静岡県ふじ市大字今泉1203番地4\n", "静岡県ふじ市大字今泉1203番地4"),
    ("自宅 宮城県栗原市若柳字川北15地割3番地\n", "宮城県栗原市若柳字川北15地割3番地"),
    ("住所：横浜市港北区日吉本町2丁目15 コーポ日吉12 201\n", "横浜市港北区日吉本町2丁目15 コーポ日吉12 201"),
    ("世帯住所 仙台市青葉区一番町3丁目4-5 グランメゾン一番町2F-A\n",
     "仙台市青葉区一番町3丁目4-5 グランメゾン一番町2F-A"),
])
def test_address_span_runs_from_prefecture_over_building_and_room(text, address):
    assert _found(text, "address") == [address]


def test_trap_sentence_after_an_address_is_left_out():
    text = "住所：横浜市港北区日吉本町2丁目15-3 母と二人暮らし。\n"
    assert _found(text, "address") == ["横浜市港北区日吉本町2丁目15-3"]

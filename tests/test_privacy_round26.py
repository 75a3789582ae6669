"""Round 26 (issue 21): a name found in one text of a collection, at its whole occurrences in the
others (``privacy.collection``) — each rule with an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production). The examples are invented here,
not copied from the batches.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.collection import collection_echoes
from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.text import Candidate


def _people_in(texts: list[str], **kw) -> list[list[str]]:
    df = find_personal_data(texts, use_ner=False, **kw)
    return [[r.text for r in df.itertuples() if r.kind == "person" and r.text_idx == i] for i in range(len(texts))]


# ------------------------------------------------------------------ a name of the lexicon
NOTES = ["ひよりさん（小5）の件で母と面談。", "ひよりは2階の自室。声かけに返事なし。"]


def test_a_given_name_found_with_an_honorific_in_one_note_is_found_bare_in_another():
    assert "ひより" in _people_in(NOTES)[1]


def test_each_note_on_its_own_when_collection_is_false():
    # ひより is also a word (日和): alone, the second note gives no reason to read it as a name
    assert "ひより" not in _people_in(NOTES, collection=False)[1]


def test_a_kana_name_before_an_object_particle_or_a_question_stays_a_word():
    # the trap: the same letters as a word in the other note (かんじ = 漢字, げんき = 元気)
    found = [(t, c) for t, c in [("担任：げんきくんの件", [Candidate(3, 6, "person", "honorific", 0.9)]),
                                 ("今日は げんき？ と聞いた。", [])]]
    assert [(c.start, c.end) for c in collection_echoes(found)[1]] == []


def test_a_conjunction_that_is_also_a_name_never_spreads():
    found = [("ただしさんが来室。", [Candidate(0, 3, "person", "honorific", 0.9)]),
             ("原則として開室する。ただし、祝日は休み。", [])]
    assert collection_echoes(found)[1] == []


def test_a_family_name_before_no_person_of_x_reads_as_the_place_where_someone_lives():
    found = [("担任 東浦：家庭訪問", [Candidate(3, 5, "person", "role+sudachi", 0.9)]),
             ("東浦の鰐部さんに連絡した。以後、東浦は欠席。", [])]
    spans = [(c.start, c.end) for c in collection_echoes(found)[1]]
    assert (0, 2) not in spans and (16, 18) in spans


# ------------------------------------------------------------------ full names and their parts
def test_a_full_name_with_a_space_spreads_whole():
    notes = ["生徒氏名：宇佐見 柚月（2年）", "・宇佐見 柚月　午後から登校。"]
    assert "宇佐見 柚月" in _people_in(notes)[1]


def test_a_part_next_to_another_name_is_not_spread_alone():
    # 早瀬 in the other note heads a full name (早瀬 こはる): the part alone would be a half span
    found = [("SSW 早瀬さんに相談", [Candidate(4, 6, "person", "honorific", 0.9)]),
             ("・2年 早瀬 こはる：祖母と登校。", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[1]] == [(4, 10)]


# ------------------------------------------------------------------ short names need two texts
def test_one_kanji_found_in_two_notes_spreads_to_a_third_before_a_particle():
    found = [("凪さんが来所。", [Candidate(0, 1, "person", "honorific", 0.9)]),
             ("母より：凪さんは昨夜発熱。", [Candidate(4, 5, "person", "honorific", 0.9)]),
             ("凪は今日から教室に入った。", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[2]] == [(0, 1)]


def test_one_kanji_found_in_one_note_only_does_not_spread():
    found = [("凪さんが来所。", [Candidate(0, 1, "person", "honorific", 0.9)]), ("凪は今日から教室に入った。", [])]
    assert collection_echoes(found)[1] == []


@pytest.mark.parametrize("text", ["申込締切：11月8日（金）まで", "光の表現が繊細だった。", "4/9（水）晴"])
def test_one_kanji_as_a_weekday_weather_or_before_a_things_no_stays_a_word(text):
    name = "金" if "金" in text else "光" if "光" in text else "晴"
    found = [(f"{name}さんが来所。", [Candidate(0, 1, "person", "honorific", 0.9)]),
             (f"母より：{name}さんは発熱。", [Candidate(4, 5, "person", "honorific", 0.9)]), (text, [])]
    assert collection_echoes(found)[2] == []


def test_a_short_string_found_only_by_its_slot_does_not_spread():
    # ゆずり read as a person by a clause pass in two notes (ゆずりは教室): no naming detector
    found = [("ゆずりは教室", [Candidate(0, 3, "person", "clause", 0.8)]),
             ("参加：ゆずりは3名", [Candidate(3, 6, "person", "coref", 0.8)]),
             ("ゆずりは週2。", [])]
    assert collection_echoes(found)[2] == []


# ------------------------------------------------------------------ romanised names and handles
def test_a_handle_found_in_one_note_spreads_to_another():
    found = [("DM from minato_zzz at 23:10", [Candidate(8, 18, "person", "handle", 0.9)]),
             ("・minato_zzz：夜間DMなし。", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[1]] == [(1, 11)]


def test_a_romanised_part_of_a_longer_name_is_not_spread_alone():
    found = [("Dear Lucas, thank you.", [Candidate(5, 10, "person", "latin", 0.9)]),
             ("Lucas O. Santos,lucas@example.com", []), ("名簿：Santos.Lucas 小4", [])]
    out = collection_echoes(found)
    assert out[1] == [] and out[2] == []


def test_kanji_outside_the_lexicon_found_in_two_notes_spreads_to_a_third():
    found = [("梓涵さんが来室。", [Candidate(0, 2, "person", "honorific", 0.9)]),
             ("母：梓涵さんは中国語で話す。", [Candidate(2, 4, "person", "honorific", 0.9)]),
             ("手紙は、梓涵が読んで訳している。", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[2]] == [(4, 6)]


def test_a_word_that_is_also_a_name_spreads_as_a_chat_speaker_only():
    # そら is also the sky: in another text only a chat speaker's line start reads as the name
    found = [("そらちゃんが入室", [Candidate(0, 2, "person", "honorific", 0.9)]),
             ("そらさんへ返信", [Candidate(0, 2, "person", "honorific", 0.9)]),
             ("みお：明日くる？\nそら：わからん\nそら きれい", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[2]] == [(9, 11)]


def test_a_kanji_name_that_is_also_an_adjectival_noun_needs_a_cue():
    found = [("元気くんの件", [Candidate(0, 2, "person", "honorific", 0.9)]), ("元気ですか。", [])]
    assert collection_echoes(found)[1] == []


# ------------------------------------------------------------------ uncertain and glued findings
def test_an_uncertain_finding_of_a_collection_name_becomes_certain():
    found = [("ひよりさん（小5）", [Candidate(0, 3, "person", "honorific", 0.9)]),
             ("ひよりは自室。", [Candidate(0, 3, "person", "tagger", 0.5)])]
    [c] = collection_echoes(found)[1]
    assert (c.start, c.end) == (0, 3) and c.confidence >= 0.7


@pytest.mark.parametrize("text, glued, name", [("通訳松浦⏎", "通訳松浦", "松浦"), ("早乙女SC：来週の面談", "早乙女SC", "早乙女")])
def test_a_role_glued_to_a_collection_name_is_cut_off(text, glued, name):
    text = text.replace("⏎", "\n")
    s = text.index(glued)
    found = [(f"{name}さんに電話", [Candidate(0, len(name), "person", "honorific", 0.9)]),
             (text, [Candidate(s, s + len(glued), "person", "role", 0.9)])]
    [c] = collection_echoes(found)[1]
    assert text[c.start:c.end] == name


def test_a_nickname_stem_keeps_its_honorific():
    found = [("ぐっ、いる？", [Candidate(0, 2, "person", "kana_nickname", 0.9)]),
             ("ぐっさん：鍋パ準備おつかれ！", [Candidate(0, 4, "person", "kana_nickname", 0.9)])]
    [c] = collection_echoes(found)[1]
    assert (c.start, c.end) == (0, 4)


# ------------------------------------------------------------------ where a note glues its words
@pytest.mark.parametrize("text, name", [
    ("・3年 杣 翼：通信制高校に合格", "杣 翼"),          # a grade before a spaced full name
    ("電話連絡分担：1組古賀、2組早川", "古賀"),           # a class glued before a family name
    ("前の小野寺は、一日中カーテンを閉めていた。", "小野寺"),  # a particle before a name of three kanji
])
def test_a_collection_name_after_a_grade_a_class_or_a_particle(text, name):
    found = [(f"{name}さんの件", [Candidate(0, len(name), "person", "honorific", 0.9)]), (text, [])]
    s = text.index(name)
    assert [(c.start, c.end) for c in collection_echoes(found)[1]] == [(s, s + len(name))]


def test_a_kana_name_after_no_is_a_thing():
    found = [("しおりさんの件", [Candidate(0, 3, "person", "honorific", 0.9)]), ("記念品（手作りのしおり）", [])]
    assert collection_echoes(found)[1] == []


def test_roles_joined_by_a_dot_are_no_full_name():
    found = [("母と担任・養護で面談", [Candidate(2, 7, "person", "clause", 0.8)]), ("担任・養護が同席", [])]
    assert collection_echoes(found)[1] == []


@pytest.mark.parametrize("other", ["さんすうのプリントは 3まい やりました。", "な ま え　りょう た", "テストの前は特にそう。"])
def test_kana_that_counts_is_spelt_out_or_is_an_adverb_stays_a_word(other):
    name = "まい" if "まい" in other else "りょう" if "りょう" in other else "そう"
    found = [(f"{name}さんの件", [Candidate(0, len(name), "person", "honorific", 0.9)]),
             (f"母：{name}さんは発熱", [Candidate(2, 2 + len(name), "person", "honorific", 0.9)]), (other, [])]
    assert collection_echoes(found)[2] == []


def test_a_family_name_before_a_move_is_a_place():
    found = [("福島さんに電話", [Candidate(0, 2, "person", "honorific", 0.9)]), ("福島への転居を検討している", [])]
    assert collection_echoes(found)[1] == []


def test_a_katakana_given_name_after_a_space_and_before_a_particle_completes_the_full_name():
    found = [("大森さんに電話", [Candidate(0, 2, "person", "honorific", 0.9)]), ("竹中先生\n大森 ルナの件です。", [])]
    assert [(c.start, c.end) for c in collection_echoes(found)[1]] == [(5, 10)]

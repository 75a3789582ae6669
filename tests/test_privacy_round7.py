"""Round-7 rules of the personal-data detector (issue 21): a name-shaped kana word as the
subject of a person predicate in text written with spaces between phrases, a name alone on a
letter's address or sign-off line, the kana given name of a found full name used alone, class
cells written 中2-1 or under a header 学年-組, and name cells with a reading in brackets under a
header 氏名（ふりがな）, one capitalised Latin word in Japanese text before a grade or as the
subject of a person predicate, and two full names side by side in a row split into two people.

SYNTHETIC: every text below is invented for these tests; no name, place or number is taken
from the fixtures.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data
from futoko_research.privacy.segments import header_kind

# (text, expected certain findings) — rules only (no NER). SYNTHETIC.
SHAPES = [
    # a kana subject of a person predicate, phrases set off by spaces (children's writing)
    ("きのう　ちはるが　てがみを　くれた。", [("person", "ちはる")]),
    ("こうえんで　ノエルは　ずっと　わらっていた。", [("person", "ノエル")]),
    # a name opening a log line before 、 or a space, in a clause with a person predicate
    ("6/2　ノエル、2時間目から登校。", [("person", "ノエル")]),
    ("ちはる　10:20来所。", [("person", "ちはる")]),
    # writing spaced by phrase: a phrase before a name is not part of it
    ("きょうは　こうえんで　あそんだ。あと　ちはるくんと　かえった。", [("person", "ちはる")]),
    # a hiragana full name with a space stays whole in such writing
    ("きょうは　いわき　ちはるさんと　あそんだ。あしたも　あそぶ。", [("person", "いわき　ちはる")]),
    # a name alone on a letter's address or sign-off line
    ("ちはるへ\nげんきですか。\nまたあそぼうね。", [("person", "ちはる")]),
    ("おてがみ　ありがとう。\nノエルより", [("person", "ノエル")]),
    # the kana given name of a found full name, alone later in the note
    ("岩城ちはる（小3）。ちはるは朝が苦手。", [("person", "岩城ちはる"), ("person", "ちはる")]),
    # a Latin given name in Japanese text: before a grade in brackets, or subject of a person predicate
    ("Tomas（2年3組）が給食のあとで泣いた。", [("person", "Tomas"), ("class", "2年3組")]),
    ("Ilkaは「給食がいやだ」と言った。", [("person", "Ilka")]),
    # a hyphenated Latin given name in a full name, and alone later
    ("Park Seo-yeonさんの件。Seo-yeonは休んだ。", [("person", "Park Seo-yeon"), ("person", "Seo-yeon")]),
    # two full names side by side in a row with a space between them: two people
    ("名前　保護者\n岩城碧泉　岩城和子", [("person", "岩城碧泉"), ("person", "岩城和子")]),
    # the given name of a name joined by a middle dot, alone later as a subject
    # (the dotted name is then split into its parts, as round 6 does for parts that stand apart)
    ("対象：岩城・ノエル（小5）\n母によると、ノエルは夜眠れない。",
     [("person", "岩城"), ("person", "ノエル"), ("person", "ノエル")]),
    # a class written with the school stage and a dash
    ("兄は中3-2、妹は小5-1。", [("class", "中3-2"), ("class", "小5-1")]),
    # a table with headers 氏名（ふりがな） and 学年-組
    ("氏名（ふりがな）｜学年-組\n岩城碧泉（いわき あおい）｜2-4",
     [("person", "岩城碧泉"), ("person", "いわき あおい"), ("class", "2-4")]),
]

# texts that must give no certain finding (traps for the rules above). SYNTHETIC.
TRAPS = [
    "きょうは　あかりが　ついていた。",  # あかり as light: not a person predicate, an ordinary word
    "なつは　うみに　いきたい。",  # うみ/なつ as words
    "ゲームが　すきだった。カレーも　たべた。",  # katakana nouns
    "みずやりは　となりの　こが　してくれた。",  # a topic followed by another subject
    "外に出た。\nひなたへ\n移動した。",  # an ordinary word before へ on a line inside the text
    "このたびは　ごめいわくを　おかけしました。",  # a demonstrative phrase as a topic
    "訪問時、母が対応した。",  # a kanji label word opening a line
    "カレー　12:00に食べた。",  # a katakana noun opening a line
    "児童の気持ちを尊重し、保護者と連携して支援をしたこと\nにより、継続して通室できた。",  # a wrapped line  # a katakana noun opening a line
    "Zoomが使えなかった。Tokyoは遠い。",  # a brand and a place in Latin letters
    "Excelは「重い」と言われた。",  # a brand as a topic
    "名前　保護者\n同上　同上",
  # "same as above" in a table
    "得点は3-2で勝った。",  # a score, not a class
    "氏名（ふりがな）｜備考\n欠席（けっせき）｜なし",  # a label word in a name column
    "空が　くらく　なった。光が　さしこむ。",  # nature words
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_round7_shapes_are_found_whole(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert [(str(r.kind), r.text) for r in found.itertuples()] == expected


@pytest.mark.parametrize("text", TRAPS)
def test_round7_traps_are_not_flagged(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found.empty, found[["kind", "text", "detector"]].to_string()


@pytest.mark.parametrize(("cell", "kind"), [("氏名", "person"), ("氏名（ふりがな）", "person"), ("学年-組", "class"),
                                            ("学年/組", "class"), ("備考", None), ("4月", None)])
def test_header_kind(cell, kind):
    assert header_kind(cell) == kind


def test_round7_one_kanji_family_part_of_a_dotted_name_stays_a_word():
    # SYNTHETIC: 森 of 森・ノエル is too short to stand for the person alone (森の中 is a wood)
    found = find_personal_data(["対象：森・ノエル（小5）\n森の中を歩いた。"], use_ner=False, include_uncertain=False)
    assert all(not (r.text == "森" and r.start > 12) for r in found.itertuples()), found[["text", "start"]]

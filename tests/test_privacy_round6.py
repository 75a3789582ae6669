"""Round-6 rules of the personal-data detector (issue 21): names known from their peers — the
other items of a list that holds a found name, the same slot in other lines of a block, a name in
brackets after 本人 / うちの子, the given name after a found family name and a space, and names
joined by a middle dot that stand apart elsewhere.

SYNTHETIC: every text below is invented for these tests; no name, place or number is taken
from the fixtures.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data
from futoko_research.privacy.peers import name_shaped

# (text, expected certain findings) — rules only (no NER). SYNTHETIC.
SHAPES = [
    # (c) the other items of a colon list that holds a found name, in any script
    ("見学：ちはる、ノエル、岩城さん", [("person", "ちはる"), ("person", "ノエル"), ("person", "岩城")]),
    ("担任：笹森先生、ＳＣ：岩城さん", [("person", "笹森"), ("person", "岩城")]),
    # (c) the same slot in the other lines of a block: a line head before a colon
    ("笹森：面談した。\nすずか：絵を描いた。\nレオン：卓球をした。",
     [("person", "笹森"), ("person", "すずか"), ("person", "レオン")]),
    # (d) a name in brackets after 本人 / うちの子
    ("本人（碧泉）は黙っていた。", [("person", "碧泉")]),
    ("うちの子（ちはる）は朝が苦手です。", [("person", "ちはる")]),
    # a given name after a found family name and a space, up to an edge
    ("担任：岩城 碧泉\n連絡先：なし", [("person", "岩城 碧泉")]),
    # names joined by a middle dot that stand apart elsewhere in the document
    ("5/1｜ちはる・ノエル｜散歩\n5/2｜ちはる｜読書",
     [("person", "ちはる"), ("person", "ノエル"), ("person", "ちはる")]),
]

# texts that must give no certain finding (traps for the rules above). SYNTHETIC.
TRAPS = [
    "持ち物：あかり、ゆめ、のり",  # ordinary kana words in a list without a name
    "主訴：登校しぶり\n経過：改善傾向\n方針：見守り",  # labels at line heads, no name among them
    "本人（不在）のため母と話した。",  # a state in brackets, not a name
    "本人（中2）は欠席。",  # a grade note
    "部屋にひなたが差し込む。みらいのことを考える。",  # ordinary kana words in running text
]

# a sentence in which a found name appears must not turn the ordinary words of a label line into names
MIXED_TRAPS = [
    ("笹森：面談した。\n主訴：登校しぶり", "主訴"),
    ("参加：笹森、教頭、ＳＣ", "教頭"),
    ("笹森 先生に相談した。", "笹森 先生"),  # an honorific after the space is not a given name
    ("持ち物：あかり、ゆめ\n笹森さんが来た。", "あかり"),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_round6_shapes_are_found_whole(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert [(str(r.kind), r.text) for r in found.itertuples()] == expected


@pytest.mark.parametrize("text", TRAPS)
def test_round6_traps_are_not_flagged(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found.empty, found[["kind", "text", "detector"]].to_string()


@pytest.mark.parametrize(("text", "word"), MIXED_TRAPS)
def test_round6_ordinary_words_next_to_a_name_stay(text, word):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert word not in set(found["text"]), found[["kind", "text", "detector"]].to_string()


@pytest.mark.parametrize(("word", "ok"), [("ちはる", True), ("ノエル", True), ("碧泉", True), ("あかり", False),
                                          ("ゲーム", False), ("教頭", False), ("先生", False),
                                          ("12人", False)])
def test_name_shaped(word, ok):
    assert bool(name_shaped(word)) is ok

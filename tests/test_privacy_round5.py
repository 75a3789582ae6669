"""Round-5 rules of the personal-data detector (issue 21): line breaks between names, span edges
(honorifics, 宅, sign-offs, bullets), places that are not persons, municipal and English school
names, Latin-letter names, pet-name nicknames, table columns by header, buildings with rooms.

SYNTHETIC: every text below is invented for these tests; no name, place or number is taken
from the fixtures.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data

# (text, expected certain findings) — rules only (no NER). SYNTHETIC.
SHAPES = [
    # speaker labels on consecutive lines are two names, not one across the line break
    ("出席者：教頭\n岩城：欠席が続いている。\n笹森：家庭訪問を続ける。",
     [("person", "岩城"), ("person", "笹森")]),
    # a list bullet and a role with a middle dot before a speaker label stay out of the name
    ("・岩城：面談した。", [("person", "岩城")]),
    ("記入者・笹森：電話で確認。", [("person", "笹森")]),
    # an honorific, 宅 and a letter's sign-off are not part of the name
    ("兄・岩城 篤志氏と面談した。", [("person", "岩城 篤志")]),
    ("担任 笹森 より", [("person", "笹森")]),
    # a municipality's name in a school's is not a person; the school is taken whole
    ("前籍校は霞浦市立青葉台小学校。", [("school", "霞浦市立青葉台小学校")]),
    ("在籍：霞浦市立もみじ野中学校", [("school", "霞浦市立もみじ野中学校")]),
    # an English school name, a possessive and a title with two words
    ("Please call Ms. Mina Oyama about Leon's homework. Sincerely, Kasumi Junior High School",
     [("person", "Mina Oyama"), ("person", "Leon"), ("school", "Kasumi Junior High School")]),
    # a Latin name found whole counts alone elsewhere
    ("Sora Endo（遠藤空、中2）は帰国生。Soraは英語で話す。",
     [("person", "Sora Endo"), ("person", "遠藤空"), ("person", "Sora")]),
    # pet-name nicknames
    ("ゆっくんは最近よく笑う。", [("person", "ゆっくん")]),
    ("本児あやっぺは保健室に来た。", [("person", "あやっぺ")]),
    # a name in quotes before ちゃん, a parent's うちの before a child's name
    ("弟（「こう」ちゃん、3歳）が同席。", [("person", "こう")]),
    ("うちの楓は朝起きられません。", [("person", "楓")]),
    # table columns by header: date of birth, class, school, reading; row numbers are not ids
    ("No.\t氏名\t生年月日\t学級\n1\t岩城 篤\tH26.4.3\t2-1",
     [("person", "岩城 篤"), ("date_of_birth", "H26.4.3"), ("class", "2-1")]),
    ("番号｜氏名｜学校\nK-71｜笹森 凛｜霞浦北小",
     [("id", "K-71"), ("person", "笹森 凛"), ("school", "霞浦北小")]),
    ("組 氏名 よみがな\n3 笹森 凛 ささもり りん",
     [("person", "笹森 凛"), ("person", "ささもり りん")]),
    # codes in square brackets after a name
    ("対象：岩城篤［QX2231］", [("person", "岩城篤"), ("id", "QX2231")]),
    # a building with a block, a floor and a room
    ("住所 霞浦市本町2丁目4-8 メゾン本町 C棟302", [("address", "霞浦市本町2丁目4-8 メゾン本町 C棟302")]),
    ("住所 霞浦市本町5-1-3 コーポ桜が丘2階201号室", [("address", "霞浦市本町5-1-3 コーポ桜が丘2階201号室")]),
]

# texts that must give no certain finding (traps for the rules above). SYNTHETIC.
TRAPS = [
    "小学校側：養護教諭\n中学校側：学年主任",  # two generic school words across a line break
    "区分｜人数｜前年度比\n小学校｜12｜+2\n計｜30｜+4",  # a total row, a generic school row
    "本人は居間でゲーム中だった。",  # 〜中 "in the middle of" is not a school
    "霞浦市こども家庭課と霞浦市教育委員会に連絡した。",  # a city is not a person
    "No.\t人数\n1\t12\n2\t15",  # row numbers under No.
    "うちの子は朝起きられません。うちの学校は遠い。",  # うちの + a common noun
    "いったん帰宅して、また来た。",  # not a pet name
    "On Monday's meeting the School's plan was shared.",  # calendar and institution words before 's
    "母の仕事はパート。父は会社員。",  # occupations are not names
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_round5_shapes_are_found_whole(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert [(str(r.kind), r.text) for r in found.itertuples()] == expected


@pytest.mark.parametrize("text", TRAPS)
def test_round5_traps_are_not_flagged(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found.empty, found[["kind", "text", "detector"]].to_string()


def test_a_name_wrapped_inside_a_word_stays_one_span():
    text = "担任は岩\n城篤志さんと話した。"
    [row] = find_personal_data([text], use_ner=False).itertuples()
    assert text[row.start:row.end] == "岩\n城篤志"

"""Round-4 rules of the personal-data detector (issue 21): strong cues next to a word, full
names with a given name SudachiDict does not list, codes, addresses with buildings, dates of
birth in brackets, school forms, and the evaluator's span conventions.

SYNTHETIC: every text below is invented for these tests; no name, place or number is taken
from the fixtures.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from futoko_research.privacy import find_personal_data, pseudonymize
from futoko_research.privacy.evaluate import read_fixture, score_spans, span_key

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]

# (text, expected certain findings) — rules only (no NER). SYNTHETIC.
SHAPES = [
    # a grade, age or 本児 note in brackets after a word
    ("本日はさくら（中2）と面談した。", [("person", "さくら")]),
    ("兄のこうへい（年中）は保育園に通う。", [("person", "こうへい")]),
    ("本児 陸（小4）の兄が同席した。", [("person", "陸")]),
    ("lopez maria（本児、小6）は日本語の読み書きに困難がある。", [("person", "lopez maria")]),
    # a hiragana reading in brackets before a particle, whatever SudachiDict calls the word
    ("青葉（あおば）は部屋から出てこない日が続く。", [("person", "青葉"), ("person", "あおば")]),
    # quoted speech attributed to a one-kanji word
    ("翠は「もう行かない」と明言した。", [("person", "翠")]),
    # one kanji standing alone before くん/ちゃん
    ("昨日、樹くんが迎えに来た。", [("person", "樹")]),
    # a topic followed at once by a family word and の
    ("ルカは母の通訳をしている。", [("person", "ルカ")]),
    ("かいとは、母の仕事の都合で転校した。", [("person", "かいと")]),
    # names after 本名 / 旧姓
    ("本名の楓で呼ばれると黙ってしまう。", [("person", "楓")]),
    ("あだ名 のんちゃん／本名 有村 希美／小3", [("person", "のんちゃん"), ("person", "有村 希美")]),
    # a katakana name SudachiDict knows without an ordinary sense, as a subject or between names
    ("担当：木下｜健、ミナ、拓海", [("person", "木下"), ("person", "健"), ("person", "ミナ"), ("person", "拓海")]),
    # counted lists with 兄弟 and a grade note
    ("けんととゆいの姉弟（小5・小1）は朝だけ登校する。", [("person", "けんと"), ("person", "ゆい")]),
    # full names whose given name SudachiDict does not list
    ("対象：柴崎 凪（しばさき なぎ）", [("person", "柴崎 凪"), ("person", "しばさき なぎ")]),
    ("石原 蒼空 さんの件で連絡します。", [("person", "石原 蒼空")]),
    ("M-07　森 大翔　小3", [("id", "M-07"), ("person", "森 大翔")]),
    # hiragana full name with a space (the whole run, not a part of it)
    ("宛先：なかむら ゆいと さんの保護者様", [("person", "なかむら ゆいと")]),
    # coreference with a part of a full name
    ("氏名：宮坂 空（そら）。空は欠席した。", [("person", "宮坂 空"), ("person", "そら"), ("person", "空")]),
    # a nickname Sudachi cuts differently the second time
    ("愛称は「みおっち」。みおっちと呼ぶと笑う。", [("person", "みおっち"), ("person", "みおっち")]),
    # ids
    ("受付番号 福祉-R6-0415 で登録。", [("id", "福祉-R6-0415")]),
    ("SSW-2025-0031,記録あり", [("id", "SSW-2025-0031")]),
    # a country in brackets after a katakana name is not a reading
    ("母 ヤマダ・ソフィア（ブラジル）", [("person", "ヤマダ・ソフィア")]),
    ("24-SC-107 | 終結", [("id", "24-SC-107")]),
    # phones with ext.
    ("連絡先 03-5555-0123 ext.45", [("phone", "03-5555-0123 ext.45")]),
    # addresses: a prefecture starts them (旧/新 and a name before are not part), buildings, 同市
    ("転居：旧 静岡県浜辺市北町2-3-4 コーポ北町2F-101 → 新 同市南町5-6-7",
     [("address", "静岡県浜辺市北町2-3-4 コーポ北町2F-101"), ("address", "同市南町5-6-7")]),
    ("R-201 今村 葵 熊本県山鹿野市東町4丁目5番地の3 メゾン東A棟203",
     [("id", "R-201"), ("person", "今村 葵"), ("address", "熊本県山鹿野市東町4丁目5番地の3 メゾン東A棟203")]),
    # dates of birth in brackets and after DOB
    ("本児の誕生日（平成26年6月9日）が近い。", [("date_of_birth", "平成26年6月9日")]),
    ("DOB: 2015-11-02", [("date_of_birth", "2015-11-02")]),
]

# look-alikes that must NOT be flagged (rules only, no NER). SYNTHETIC.
TRAPS = [
    "光が差し込む部屋で面談した。空が晴れて、散歩に出た。",
    "あかりは消えていた。きっかけは、母の一言だった。",
    "算数（小3）の教材を用意した。お兄ちゃん（小5）が来た。坊ちゃんは元気だ。姉弟（小5・小1）で来た。",
    "連絡先は母の携帯です。理由は母の入院である。",
    "看板には「立入禁止」と書かれていた。",
    "小野川の河川敷を歩いた。中川の土手で休んだ。",
    "母：ブラジル出身、父：日本出身。",
    "2024-01-12 に面談。COVID-19 の影響。ISO 9001。",
    "令和6年4月1日に入学した。平成30年の記録。",
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_round4_shapes_are_found_whole(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert [(str(r.kind), r.text) for r in found.itertuples()] == expected


@pytest.mark.parametrize("text", TRAPS)
def test_round4_traps_are_not_flagged(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found.loc[found["kind"] != "school"].empty, found.to_string()


def test_school_names_sudachi_cuts_and_grades():
    """桜+台中+学校 is one school; 大翔 小5 is a grade after a name, not a school. SYNTHETIC."""
    found = find_personal_data(["3年2組 / 桜台中学校 / 欠席 12日", "K-15　林 大翔　小5"], use_ner=False,
                               include_uncertain=False)
    schools = found.loc[found["kind"] == "school", "text"].tolist()
    assert schools == ["桜台中学校"]
    found = find_personal_data(["12 菅原翔 北浜中 2 44"], use_ner=False, include_uncertain=False)
    assert ("school", "北浜中") in [(str(r.kind), r.text) for r in found.itertuples()]


def test_span_key_conventions():
    """An honorific at the end of a person span and a founder prefix at the start of a school
    span are left open by the span conventions; everything else must match exactly."""
    assert span_key(0, 0, 4, "person", "ゆうくん") == span_key(0, 0, 2, "person", "ゆう")
    assert span_key(0, 0, 5, "person", "みっちゃん") == span_key(0, 0, 2, "person", "みっ")
    assert span_key(0, 0, 10, "school", "東御原市立桜台中学校") == span_key(0, 5, 10, "school", "桜台中学校")
    assert span_key(0, 0, 4, "person", "ゆずっち") != span_key(0, 0, 2, "person", "ゆず")
    assert span_key(0, 0, 2, "person", "さん") == (0, 0, 2, "person")  # a bare suffix is not cut
    # session 7: the postal mark, an id's label and 第…号 may stand in the span or not; the code itself must match
    assert span_key(0, 0, 9, "postcode", "〒231-0862") == span_key(0, 1, 9, "postcode", "231-0862")
    assert span_key(0, 0, 9, "id", "受付No.0612") == span_key(0, 5, 9, "id", "0612")
    assert span_key(0, 0, 6, "id", "No.112") == span_key(0, 3, 6, "id", "112")
    assert span_key(0, 0, 7, "id", "第25-19号") == span_key(0, 1, 6, "id", "25-19")
    assert span_key(0, 0, 11, "id", "児童番号：C-1023") == span_key(0, 5, 11, "id", "C-1023")
    assert span_key(0, 0, 11, "id", "児相2024-1187") != span_key(0, 2, 11, "id", "2024-1187")  # a code's own prefix
    assert span_key(0, 0, 6, "id", "No.112") != span_key(0, 3, 5, "id", "11")
    assert span_key(0, 0, 7, "school", "市立本郷中学校") == span_key(0, 2, 7, "school", "本郷中学校")
    gold = pd.DataFrame([(0, 0, 4, "person", "ゆうくん")], columns=["text_idx", "start", "end", "kind", "text"])
    pred = pd.DataFrame([(0, 0, 2, "person", "ゆう")], columns=["text_idx", "start", "end", "kind", "text"])
    row = score_spans(gold, pred).set_index("kind").loc["person"]
    assert (row["n_match"], row["recall"], row["precision"]) == (1, 1.0, 1.0)


def test_batch3_is_development_in_the_benchmark():
    spec = importlib.util.spec_from_file_location("eval_privacy", REPO / "benchmarks" / "eval_privacy.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sets = {p.name: held for _, p, held in mod.SETS}
    assert sets["privacy_heldout_batch3.yaml"] is False
    assert sets["privacy_heldout_batch2.yaml"] is False
    assert sets["privacy_dev_batch3_lead.yaml"] is False


@pytest.mark.slow
def test_pseudonymised_batch3_is_never_detected_again(tmp_path):
    texts, _ = read_fixture(FIXTURES / "privacy_heldout_batch3.yaml")
    res = pseudonymize(pd.DataFrame({"text": texts}), key_path=tmp_path / "k.json", use_ner=True)
    again = find_personal_data(res.statements["text"], use_ner=True, include_uncertain=False)
    assert again.empty, again.to_string()


def test_fixture_with_all_occurrences_counts_every_whole_repeat(tmp_path):
    """``span_occurrences: all``: a name listed once is gold at each repeat, not inside a longer listed span."""
    from futoko_research.privacy.evaluate import read_fixture

    fixture = tmp_path / "f.yaml"
    fixture.write_text(
        "synthetic: true\nspan_occurrences: all\nitems:\n"
        '  - text: "柏木 千尋（中2）。千尋は祖母宅から通う。千尋の母も同席。"\n'
        "    spans: [[person, \"柏木 千尋\", full_name_space], [person, \"千尋\", given_kanji_bare]]\n",
        encoding="utf-8")
    _, gold = read_fixture(fixture)
    assert gold["text"].tolist() == ["柏木 千尋", "千尋", "千尋"]
    assert gold["start"].tolist() == [0, 10, 21]
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("span_occurrences: all\n", ""), encoding="utf-8")
    assert read_fixture(fixture)[1]["text"].tolist() == ["柏木 千尋", "千尋"]

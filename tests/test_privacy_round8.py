"""Round-8 rules of the personal-data detector (issue 21): names known from a *mark* next to
them (``futoko_research/privacy/marks.py``) — a single capital before an honorific or a grade
note, a grade/age/birth order and a name in brackets, a name with an honorific in brackets after
a family word, a one-kanji family name with a kinship or grade note, contact-log labels, a
letter's addressee line, a name signed as a parent's child, a kanji name with its reading and a
grade, kana names heading the lines of a log, a child's spelling of a family word before a name,
a role and a space before a name at the end of a line, a full name after a name label; codes
alone in title brackets; address and school spans that the joined view glued to the line before.

SYNTHETIC: every text below is invented for these tests; no name, place or number is taken
from the fixtures.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy import find_personal_data

# (text, expected certain findings) — rules only (no NER). SYNTHETIC.
SHAPES = [
    # a single capital (not A-D/X, the letters anonymised notes count with) before an honorific
    ("放課後、Ｗくん（小4）が来室した。", [("person", "Ｗ")]),
    ("Ｊさんは朝から保健室。", [("person", "Ｊ")]),
    # ... or before a grade note in brackets, as a bullet of a list
    ("・Ｑ（中2）：午後から登校。", [("person", "Ｑ")]),
    # a grade (or age, birth order), a middle dot and a name in brackets
    ("本人（中1・澪音）は自室にいた。", [("person", "澪音")]),
    ("下の子（三女・絃）も休みがち。", [("person", "絃")]),
    # a name with an honorific in brackets after a family or friend word, with an age note
    ("妹（ちさとちゃん・3歳）が泣いた。", [("person", "ちさと")]),
    # a one-kanji family name with an honorific and a kinship or grade note
    ("9:10 電話\n蔦さん（母）より欠席連絡。", [("person", "蔦")]),
    # contact-log labels: label, name, role note; role, name in brackets
    ("受付者：堀（事務）\n内容：欠席連絡", [("person", "堀")]),
    # a letter's addressee line (the line after it names an organisation)
    ("保護者 茅野 雅之 様\n\n霞浦市立霞浦中学校", [("person", "茅野 雅之"), ("school", "霞浦市立霞浦中学校")]),
    # a name signed as a parent's child
    ("いつもお世話になっております。瑛茉の母です。", [("person", "瑛茉")]),
    # a kanji name with its reading and a grade in one bracket (even a name that is a word)
    ("面談記録\n港（みなと、小5）は落ち着いていた。", [("person", "港"), ("person", "みなと")]),
    # kana names heading the lines of a log
    ("10/3\nさえこ：算数プリント。\nりつき：読書。", [("person", "さえこ"), ("person", "りつき")]),
    # a child's spelling of a family word, a space and a name (the later mention follows)
    ("おとうとの　ちひろ　は　ほいくえん。ちひろは　げんき。", [("person", "ちひろ"), ("person", "ちひろ")]),
    # a role and a space before a family name at the end of a line
    ("依頼元：教務主任 柳沢\n連絡先：学校", [("person", "柳沢")]),
    # a full name after a name label, with a space or a dot, even when a label follows on the next line
    ("生徒氏名：森　瑛茉\n学校：霞浦市立霞浦中学校", [("person", "森　瑛茉"), ("school", "霞浦市立霞浦中学校")]),
    # a word alone on a line before 先生/様: a letter's salutation (even a word that is also a place)
    ("Re: 面談\n\n霞浦先生\n\nお返事が遅れました。", [("person", "霞浦")]),
    # a listed family name, a space and a katakana given name before a grade
    ("2 森 エマ 中1 別室登校", [("person", "森 エマ")]),
    # a code alone in title brackets
    ("【QX2207-118】面談の記録", [("id", "QX2207-118")]),
    # label-less codes letters(+digits)-letters(+digits)-digits
    ("支援記録 T5-SC-207\n内容：面談", [("id", "T5-SC-207")]),
    ("管理番号：SC-Q4-118", [("id", "SC-Q4-118")]),
    # a class cell with the class only, under a 組 header
    ("学年\t組\t欠席\n中2\t3組\t12", [("class", "3組")]),
]

# texts that must give no certain finding (traps for the rules above). SYNTHETIC.
TRAPS = [
    "当該生徒A君とBさんが話した。",  # anonymised letters A-D
    "Ｄさん（中2）とＸ君（小5）。",  # anonymised letters with a grade note
    "Ｔシャツを着て、Ｌサイズを買った。",  # letters in words
    "本人（小6・女子）、兄（中2・不登校）、弟（4歳・保育園）。",  # ordinary words after a grade
    "娘（小3・別室）は午後のみ。",  # a state, not a name
    "母の友人の話です。それは父の仕事です。",  # a parent word after an ordinary noun
    "ねらい：自己理解\nまとめ：次回へ",  # kana labels opening lines
    "担任 休み\n教頭 不在",  # a role before an ordinary word
    "氏名：男子 不明",  # a label before ordinary words
    "【2024-05-01】記録",  # a date in title brackets
    "ともだち　と　あそんだ。",  # a particle after a family word
    "3組と4組で合同の授業。",  # classes without a grade outside a table
    "校長先生\n教育長様\n保護者様\n皆様",  # roles and organisations alone before 先生/様
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_round8_marks_find_the_name(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert [(str(r.kind), r.text) for r in found.itertuples()] == expected, found[["kind", "text", "detector"]]


@pytest.mark.parametrize("text", TRAPS)
def test_round8_traps_are_not_flagged(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found.empty, found[["kind", "text", "detector"]].to_string()


def test_round8_dotted_initials_in_brackets_keep_the_single_letter_out():
    # SYNTHETIC: Ｗさん（Ｋ．Ｗ…） — the dotted initials are the identifier, Ｗさん is how the note refers to them
    found = find_personal_data(["Ｗさん（Ｋ．Ｗ，中１）は別室で学習。"], use_ner=False, include_uncertain=False)
    assert [r.text for r in found.itertuples()] == ["Ｋ．Ｗ"]


@pytest.mark.parametrize(("text", "address"), [
    ("住所 霞浦市北原町字東浦120番地\n世帯主 茅野", "霞浦市北原町字東浦120番地"),  # a label and a space
    ("家庭訪問\n霞浦市本町2丁目3番4号\n母と面談。", "霞浦市本町2丁目3番4号"),  # a heading line before it
    ("住所：霞浦市本町2-3-4 ハイツ霞浦2F\n電話：なし", "霞浦市本町2-3-4 ハイツ霞浦2F"),  # a building after a space
])
def test_round8_address_spans(text, address):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert address in [r.text for r in found.itertuples() if r.kind == "address"], found[["kind", "text"]]


def test_round8_countries_opening_lines_are_not_log_names():
    # SYNTHETIC: country words heading the lines of a list are places, not kana names of a log
    # (SudachiDict's own person tags on some of them are an older, separate false alarm)
    found = find_personal_data(["テーマ：世界の料理\n・スペイン：パエリア\n・フランス：キッシュ"],
                               use_ner=False, include_uncertain=False)
    assert not any("mark" in str(r.detector).split("+") for r in found.itertuples()), found[["text", "detector"]]


def test_round8_eval_sets_batch7_is_development():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_privacy.py"
    spec = importlib.util.spec_from_file_location("eval_privacy", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sets = {p.name: held for _, p, held in mod.SETS}
    assert sets["privacy_heldout_batch7.yaml"] is False
    assert "batch 8" in mod.__doc__


def test_round8_katakana_word_after_a_family_name_is_not_a_given_name():
    # SYNTHETIC: グループ is an ordinary word; 山田 alone may still be found by the lexicon
    found = find_personal_data(["山田 グループ（3名）"], use_ner=False, include_uncertain=False)
    assert "山田 グループ" not in [r.text for r in found.itertuples()]


def test_fixture_spans_listed_out_of_order_are_placed_outside_longer_spans(tmp_path):
    """``span_occurrences: all``: a given name listed after a later span is still found, not inside the full name."""
    from futoko_research.privacy.evaluate import read_fixture

    path = tmp_path / "f.yaml"
    path.write_text(
        "synthetic: true\nspan_occurrences: all\nitems:\n"
        "  - text: \"柏木 遥斗（中2）は欠席。担任は岩田。遥斗は元気。\"\n"
        "    spans: [[person, \"柏木 遥斗\"], [person, \"岩田\"], [person, \"遥斗\"]]\n",
        encoding="utf-8")
    _, gold = read_fixture(path)
    assert gold["text"].tolist() == ["柏木 遥斗", "岩田", "遥斗"]
    text = "柏木 遥斗（中2）は欠席。担任は岩田。遥斗は元気。"
    assert gold["start"].tolist() == [0, text.index("岩田"), text.rindex("遥斗")]


def test_fixture_out_of_order_span_is_an_error_without_every_occurrence(tmp_path):
    from futoko_research.privacy.evaluate import read_fixture

    path = tmp_path / "f.yaml"
    path.write_text("synthetic: true\nitems:\n  - text: \"岩田と柏木\"\n    spans: [[person, \"柏木\"], [person, \"岩田\"]]\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="not found after offset"):
        read_fixture(path)

"""Round 17 (issue 21): detection on a normalised copy (half-width katakana, Latin diacritics,
kanji digits in phones, postcodes and house numbers), phones with dots or a country code,
e-mail addresses spelt against harvesters, English words glued to a romanised name.

Every example is invented and differs from the development fixtures' strings; each rule has
an example and a trap.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.leadwords import drop_english_heads, is_english_head
from futoko_research.privacy.normalise import kanji_number, normalise, to_original
from futoko_research.privacy.text import Candidate


def _found(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    df = find_personal_data([text], use_ner=False, include_uncertain=False)
    return [(k, t) for k, t in zip(df["kind"], df["text"]) if kind is None or k == kind]


# ---------------------------------------------------------------- the normalised copy
def test_halfwidth_katakana_widened_and_mapped_back():
    text = "ｶﾞﾝﾊﾞ ﾘｮｳ"
    norm, spans = normalise(text)
    assert norm == "ガンバ リョウ"
    assert to_original(spans, 0, len(norm)) == (0, len(text))
    assert to_original(spans, 4, 7) == (len("ｶﾞﾝﾊﾞ "), len(text))


def test_latin_diacritics_dropped_one_for_one():
    norm, spans = normalise("Đặng Thùy Linh と Ibáñez")
    assert norm == "Dang Thuy Linh と Ibanez"
    assert len(spans) == len(norm)
    decomposed = "Ngo\u0302"  # o + combining circumflex: two characters, one letter
    norm, spans = normalise(decomposed)
    assert norm == "Ngo" and to_original(spans, 0, 3) == (0, 4)


def test_trap_kanji_and_symbols_unchanged():
    text = "一番好きなのは十二月。× と ÷ と Æ"
    assert normalise(text)[0] == text


def test_kanji_digit_phone_and_postcode_become_digits():
    norm, _ = normalise("連絡先　〇八〇―五五一二―三〇四六\n〒九八〇―〇〇一三")
    assert "080-5512-3046" in norm and "〒980-0013" in norm
    found = _found("祖母の携帯\u3000〇八〇―五五一二―三〇四六（夜）")
    assert ("phone", "〇八〇―五五一二―三〇四六") in found


def test_trap_kanji_numbers_in_prose_are_no_phone():
    text = "一〇〇―二〇〇―三〇〇〇メートル走"  # not starting with 〇: no Japanese number
    assert normalise(text)[0] == text
    assert normalise("三一〇―〇八四二は番号")[0] == "三一〇―〇八四二は番号"  # no 〒, no postcode


@pytest.mark.parametrize("kanji, digits", [("二千百八", "2108"), ("十四", "14"), ("三〇七一", "3071"),
                                           ("百", "100"), ("十", "10")])
def test_kanji_number(kanji, digits):
    assert kanji_number(kanji) == digits


def test_kanji_house_number_is_an_address():
    text = "住所：川霧市北浜五丁目二十三番十一号"
    assert ("address", "川霧市北浜五丁目二十三番十一号") in _found(text)
    text = "住所　霞郡月見村大字白滝字本郷千二百三十番地"
    assert ("address", "霞郡月見村大字白滝字本郷千二百三十番地") in _found(text)


def test_trap_ichiban_is_no_house_number():
    for text in ("一番好きな教科は理科。", "十番目に呼ばれた。", "第三番目の課題"):
        assert normalise(text)[0] == text


def test_halfwidth_roster_names_found():
    text = "ｼﾒｲ\nｶﾜｼﾏ ﾊﾙﾄ\nｵｵﾀﾆ ﾘｺ"
    assert [t for _, t in _found(text, "person")] == ["ｶﾜｼﾏ ﾊﾙﾄ", "ｵｵﾀﾆ ﾘｺ"]


def test_vietnamese_names_whole():
    text = "母 Đặng Thị Lan：日本語は少し\n本人：Võ Minh Tuấn（小5）"
    persons = [t for _, t in _found(text, "person")]
    assert "Đặng Thị Lan" in persons and "Võ Minh Tuấn" in persons
    assert not any(len(p) <= 3 for p in persons)  # never cut at a diacritic (Đ / Tu)


# ---------------------------------------------------------------- phones and e-mail
@pytest.mark.parametrize("text, phone", [
    ("携帯 080.2291.7730 まで", "080.2291.7730"),
    ("WhatsApp +63 917 555 0142", "+63 917 555 0142"),
    ("Tel +81 90-4412-7781", "+81 90-4412-7781"),
])
def test_phone_with_dots_or_country_code(text, phone):
    assert [m.group() for m in lx.RE_PHONE.finditer(text)] == [phone]


@pytest.mark.parametrize("text", ["日付 04.11.2025", "版 0.3.12", "得点 +3 2 1", "+5 点"])
def test_trap_dotted_dates_and_scores_are_no_phone(text):
    assert [m.group() for m in lx.RE_PHONE.finditer(text)] == []


def test_spelt_email_found():
    text = "送信元：mika_s (at) example.or.jp\n"
    assert ("email", "mika_s (at) example.or.jp") in _found(text)
    assert [m.group() for m in lx.RE_EMAIL_SPELT.finditer("k.ono [at] example [dot] jp")] == [
        "k.ono [at] example [dot] jp"]


def test_trap_at_in_english_is_no_email():
    assert [m.group() for m in lx.RE_EMAIL_SPELT.finditer("We meet (at) noon. Lunch at home.")] == []


# ---------------------------------------------------------------- English words before a name
def test_english_head_cut_from_romanised_name():
    text = "Called Fujimoto after class. Aunt Grace Miller came too. Asked Haruto to wait."
    cands = []
    for w in ("Called Fujimoto", "Aunt Grace Miller", "Asked Haruto"):
        i = text.index(w)
        cands.append(Candidate(i, i + len(w), "person", "lexname", 0.8))
    out = drop_english_heads(text, cands)
    assert [text[c.start:c.end] for c in out] == ["Fujimoto", "Grace Miller", "Haruto"]


def test_trap_given_names_that_are_words_stay():
    for word in ("Grace", "Mark", "Hope", "Rose", "Will", "Gabriel"):
        assert not is_english_head(word)
    text = "Mark Evans visited."
    c = Candidate(0, len("Mark Evans"), "person", "lexname", 0.8)
    assert [text[x.start:x.end] for x in drop_english_heads(text, [c])] == ["Mark Evans"]
    text = "Mother Superior"  # nothing left that is a name
    c = Candidate(0, len(text), "person", "lexname", 0.8)
    assert drop_english_heads(text, [c])[0].start == 0


# ---------------------------------------------------------------- tables spelt in other ways
def test_katakana_reading_headers_and_spaced_names():
    text = "ｾｲﾄﾊﾞﾝｺﾞｳ ｼﾒｲ        ｸﾗｽ\n1904221   ﾋﾛｾ ｺﾊﾙ       3-2\n1904380   ｵﾉﾃﾞﾗ ﾘﾝ      3-2"
    found = _found(text)
    assert ("id", "1904221") in found and ("id", "1904380") in found
    assert ("person", "ﾋﾛｾ ｺﾊﾙ") in found and ("person", "ｵﾉﾃﾞﾗ ﾘﾝ") in found


def test_english_headers_and_user_names():
    text = "user_id,name,logins\nk3390121,tanabe.yui,12\nk3390188,sh_kimura,0"
    found = _found(text)
    assert ("id", "k3390121") in found and ("person", "tanabe.yui") in found
    assert ("person", "sh_kimura") in found


def test_family_comma_given_in_a_spaced_roster():
    text = "番号 氏名(カナ)\n0318 ハヤセ, ミナト\n0342 コガ, ユイ"
    found = _found(text)
    assert ("id", "0318") in found and ("person", "ハヤセ, ミナト") in found and ("person", "コガ, ユイ") in found


def test_trap_english_table_without_people():
    text = "item,count,price\npencil.case,3,120\neraser_set,2,80"
    assert _found(text, "person") == []


# ---------------------------------------------------------------- ids
@pytest.mark.parametrize("text, code", [
    ("受理番号：相-R5-0291　受付 4/2", "相-R5-0291"),
    ("ケース番号 市-福-3318\n", "市-福-3318"),
    ("連絡は WeChat ID：chen_mei07 で", "chen_mei07"),
    ("保険証番号 0398215544（本人）", "0398215544"),
])
def test_id_shapes(text, code):
    assert ("id", code) in _found(text)


def test_phone_after_id_label_is_an_id_not_a_phone():
    assert ("phone", "0398215544") not in _found("保険証番号 0398215544（本人）")
    assert ("phone", "0398215544") in _found("電話番号 0398215544（本人）")


def test_hash_codes_of_a_case_list():
    text = "#0231 父子家庭。\n#0245 母の入院中。"
    found = _found(text, "id")
    assert found == [("id", "0231"), ("id", "0245")]


def test_trap_numbered_agenda_and_hashtags_are_no_ids():
    assert _found("#1 議題の確認\n#2 次回日程", "id") == []
    assert _found("#0231 だけの一行", "id") == []  # one line: no case list
    assert _found("連絡は LINE ID：なし。ID: tanaka", "id") == []


# ---------------------------------------------------------------- address extents
@pytest.mark.parametrize("text, address", [
    ("住 霧島市浜町4-2 浜荘3F-1", "霧島市浜町4-2 浜荘3F-1"),                   # a one-kanji label before a space
    ("宅　若葉台2丁目8-6 コーポ若葉202", "若葉台2丁目8-6 コーポ若葉202"),
    ("森 優斗　北見郡花村大字東原字下田120番地", "北見郡花村大字東原字下田120番地"),  # a name in a roster line
    ("住所：霧島市港町2-4-9 ハイツ港2階奥", "霧島市港町2-4-9 ハイツ港2階奥"),      # where on the floor
    ("住所：霧島市港町2-4-9 ハイツ港1階C号室", "霧島市港町2-4-9 ハイツ港1階C号室"),
])
def test_address_extent(text, address):
    assert ("address", address) in _found(text)


def test_trap_address_stops_at_the_line_end():
    text = "訪問先：霧島市港町3丁目5-1\n母は2階で休んでいた。"
    assert _found(text, "address") == [("address", "霧島市港町3丁目5-1")]


def test_trap_place_with_space_inside_prefecture_kept():
    text = "住所：霧島県 霧島市港町3丁目5-1"
    found = _found(text, "address")
    assert found and found[0][1].endswith("霧島市港町3丁目5-1")


# ---------------------------------------------------------------- one-character table codes
def _person_at(text: str, i: int) -> Candidate:
    return Candidate(i, i + 1, "person", "segment", 0.85)


def test_attendance_marks_and_weekdays_are_codes():
    from futoko_research.privacy.cellcodes import drop_cell_codes

    text = "番号\t氏名\t月\t火\t水\n3\t森 陽翔\t出\t遅\t出\n4\t林 杏\t欠\t保\t出\n※保＝保健室"
    singles = [_person_at(text, i) for i, ch in enumerate(text) if ch in "出遅保月" and text[i + 1:i + 2] in "\t\n＝"]
    assert drop_cell_codes(text, singles) == []
    text = "・月：校内委員会\n・金：家庭訪問（午後）"
    assert drop_cell_codes(text, [_person_at(text, text.index("金"))]) == []


def test_trap_one_kanji_names_in_a_roster_and_kim_san_stay():
    from futoko_research.privacy.cellcodes import drop_cell_codes

    text = "番号\t氏名\n1\t翼\n2\t舞"
    cands = [_person_at(text, text.index("翼")), _person_at(text, text.index("舞"))]
    assert drop_cell_codes(text, cands) == cands
    text = "金：金さんと面談\n木：記録"
    kim = _person_at(text, text.index("金さん"))
    assert drop_cell_codes(text, [kim]) == [kim]


# ---------------------------------------------------------------- form labels
def test_form_labels_are_no_people():
    from futoko_research.privacy.formlabels import drop_form_labels

    text = "登校状況：週1回\nきらいなもの：大きい音\nひとこと：がんばります"
    cands = [Candidate(text.index(w), text.index(w) + len(w), "person", "mark", 0.8)
             for w in ("登校状況", "きらいなもの", "ひとこと")]
    assert drop_form_labels(text, cands) == []


def test_trap_speakers_keep_their_names():
    from futoko_research.privacy.formlabels import drop_form_labels

    text = "小野寺：そうですね\nあかり：わかった\n岸辺：次回は来週"
    cands = [Candidate(text.index(w), text.index(w) + len(w), "person", "segment", 0.8)
             for w in ("小野寺", "あかり", "岸辺")]
    assert drop_form_labels(text, cands) == cands


# ---------------------------------------------------------------- role words after a name
@pytest.mark.parametrize("span, name", [
    ("石原 奏太 保護者", "石原 奏太"), ("結衣・年長", "結衣"), ("高畑医師", "高畑"), ("宮内 颯 祖父", "宮内 颯"),
])
def test_role_tail_trimmed(span, name):
    from futoko_research.privacy.leadwords import trim_role_tails

    text = f"宛先：{span}様"
    c = Candidate(3, 3 + len(span), "person", "mark", 0.8)
    out = trim_role_tails(text, [c])
    assert text[out[0].start:out[0].end] == name


def test_trap_names_ending_like_roles_stay():
    from futoko_research.privacy.leadwords import trim_role_tails

    for span in ("母里 花", "長女", "高橋 先", "講師"):  # no role after a space; a role alone is no name to cut
        text = f"{span}さん"
        c = Candidate(0, len(span), "person", "mark", 0.8)
        assert trim_role_tails(text, [c])[0].end == len(span)


def test_trap_staff_repeated_in_a_column_and_a_name_explained():
    from futoko_research.privacy.cellcodes import drop_cell_codes

    text = "児童｜担当\nそうた｜嶋\nゆい｜嶋"
    cands = [_person_at(text, i) for i, ch in enumerate(text) if ch == "嶋"]
    assert drop_cell_codes(text, cands) == cands
    text = "「林さんなら話せる」（林＝同じ班の子）"
    cands = [_person_at(text, i) for i, ch in enumerate(text) if ch == "林"]
    assert drop_cell_codes(text, cands) == cands


def test_trap_chat_speakers_are_no_labels():
    text = "先生：おはよう\nこはく：いけたらいく\n先生：待ってる\nこはく：11時"
    assert ("person", "こはく") in _found(text)


def test_trap_dash_cells_do_not_make_a_name_a_mark():
    from futoko_research.privacy.cellcodes import drop_cell_codes

    text = "日付 | 児童 | 出欠 | 場所 | 記録者\n6/2 | 森 悠 | 欠 | − | 堤"
    staff = _person_at(text, text.index("堤"))
    assert drop_cell_codes(text, [staff]) == [staff]

"""Round 30 (issue 21): Latin handles named by their place and parents' handles whole
(``privacy.handleshapes``), names of families who write in other languages (``privacy.abroadnames``),
more titles and greetings cut from romanised names (``privacy.latinspans``), and ids of more shapes
(``privacy.idcodes``, ``privacy.codelines``) — each form with an example and a trap.

The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.abroadnames import abroad_names
from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.handleshapes import latin_handles, parent_handles
from futoko_research.privacy.normalise import normalise
from futoko_research.privacy.text import Candidate


def _certain(text: str) -> set[str]:
    """The strings of the certain findings in ``text`` (no GiNZA)."""
    return set(find_personal_data([text], use_ner=False, include_uncertain=False).text)


def _persons(text: str, fn, cands: list[Candidate] | None = None) -> list[str]:
    return [text[c.start:c.end] for c in fn(text, cands or []) if c.kind == "person"]


@pytest.mark.parametrize("text, name", [
    ("きょうは pika77 くんがはじめて発言した。", "pika77"),
    ("あとで sora_blue ちゃんにプリントを渡す", "sora_blue"),
    ("8/2 オンラインに「neko_haru」で参加開始。", "neko_haru"),
    ("本人のハンドルは mint_choco_3。", "mint_choco_3"),
    ("Nickname: ken_t\nDate of birth: 1/2", "ken_t"),
    ("mochi_k 20:15: きょうは数学やる", "mochi_k"),
    ("mochi_k = 宇田川 凛（中2）", "mochi_k"),
    ("[DM] yuzu_pon → スタッフ　21:04\nこんばんは", "yuzu_pon"),
    ("Ryo_22\n19:31\nこんばんは！", "Ryo_22"),
    # traps: a file, an id, a password, an e-mail, a CSV row's code, a hashtag
    ("資料は report_2024.pdf を見てください", None),
    ("ユーザーID u_1187 のログ", None),
    ("パスワード：sakura2024 で入室", None),
    ("連絡先 taro_k@example.jp まで", None),
    ("st2315,宮内 遥斗,11/11,出席", None),
    ("#night_club の投稿を確認", None),
    ("mp3 のファイルが再生できない", None),
])
def test_latin_handles_are_read_where_the_text_uses_them_as_people(text, name):
    found = _persons(text, latin_handles)
    assert found == ([name] if name else [])


def test_a_handle_in_a_list_needs_a_person_beside_it():
    text = "Room1: kuma_p / 大西 / neko_3"
    people = [Candidate(text.index("大西"), text.index("大西") + 2, "person", "x", 0.9)]
    assert _persons(text, latin_handles, people) == ["kuma_p", "大西", "neko_3"]
    assert _persons(text, latin_handles) == []


@pytest.mark.parametrize("text, name, whole", [
    ("21:03\tみおママ\tありがとうございました", "みお", "みおママ"),
    ("参加：ゆうくんパパ、佐藤", "ゆうくん", "ゆうくんパパ"),
    ("ヒナタママ：よろしくお願いします", "ヒナタ", "ヒナタママ"),
    ("みおママ友の会", "みお", None),  # ママ友: another word
    ("佐藤ママ：どうも", "佐藤", None),  # a family name before ママ stays the family name
])
def test_a_parents_handle_on_a_kana_name_is_whole(text, name, whole):
    s = text.index(name)
    out = parent_handles(text, [Candidate(s, s + len(name), "person", "x", 0.9)])
    assert [text[c.start:c.end] for c in out] == [whole or name]


@pytest.mark.parametrize("text, names", [
    ("WhatsApp 03.09.2024 07:50\nLeyla Demir: Günaydın hocam.\n（訳）おはようございます", ["Leyla Demir"]),
    ("Viber 5/9 19:02\nОксана Бондар: Добрий вечір\n（訳）こんばんは", ["Оксана Бондар"]),
    ("Viber 5/9 19:02\nПерекладач: こんばんは", []),  # a role in another script is no speaker
    ("WhatsApp 1/10 8:00\nChị Mai: Chào cô", ["Mai"]),  # the Vietnamese title is cut
    ("Pasensya na po, hindi makakapasok si Rowena bukas.", ["Rowena"]),
    ("Tinawagan ko si Ma'am Tessa kahapon.", ["Tessa"]),
    ("Soy la mamá de Mateo. Mateo no quiere ir.", ["Mateo"]),
    ("Bonjour, je suis la maman de Élodie.", ["Élodie"]),
    ("Pesan dari ibu dari Dimas: terima kasih", ["Dimas"]),
    ("Günaydın. Oğlum Emir bugün okula gitmiyor.", ["Emir"]),
    ("Namaste sir, Prakash lai school pathaunu", ["Prakash"]),
    ("Ana will come. Kevin's mum called.", ["Kevin"]),
    # traps: Tagalog "ko" after a verb, Portuguese "em" (in), a title alone
    ("Gusto ko pong malaman kung kailan", []),
    ("Moramos em Sakuradai desde 2020.", []),
    ("Nagpunta si Teacher kahapon.", []),
])
def test_names_of_families_abroad(text, names):
    view = normalise(text)[0]  # the pass reads the detector's normalised copy (Oğlum reads Oglum)
    found = [text[c.start:c.end] for c in abroad_names(view, []) if c.kind == "person"]
    assert found == names


@pytest.mark.parametrize("text, name", [
    ("Professora Kanemoto: 給食は食べられた", "Kanemoto"),
    ("To Ate Morishita, salamat po", "Morishita"),
    ("Good morning Teacher Hirano,\nThis is Rosa", "Hirano"),
])
def test_titles_and_greetings_are_cut_from_romanised_names(text, name):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert name in set(found.text)


@pytest.mark.parametrize("text, code", [
    ("受験番号　２０４７\n志願者氏名　加藤　一", "２０４７"),
    ("診察券番号　0061234\n8月8日（木）", "0061234"),
    ("患者：中川 一　14歳　カルテ 0051122\n主訴：", "0051122"),
    ("保険証 記号 12-34 番号 5678", "5678"),
    ("ユーザーID u_2041 のログ", "u_2041"),
    ("参加：ID ab-cd-2207（佐野）", "ab-cd-2207"),
    ("Número do cartão de residência: XY98765432ZA", "XY98765432ZA"),
    ("当所ケース（南R6-0421）の世帯", "南R6-0421"),
    ("・[K-07] 佐久間 結衣（中3）：終結\n・[K-09] 遠藤 陽翔（小5）：継続", "K-07"),
    ("番号\t氏名\n第1301号\t菅野　蒼太\t平成22年5月27日", "第1301号"),
])
def test_ids_of_more_shapes(text, code):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert code in set(found[found.kind == "id"].text)


@pytest.mark.parametrize("text", [
    "電話番号　0248-55-3102\n担当：佐野",
    "規則第12号による",
    "部屋番号　305\n利用時間",
])
def test_ids_traps(text):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    assert found[found.kind == "id"].empty


@pytest.mark.parametrize("text, name", [
    ("きょうは　たのしかったです。\n　　　　　さえき　はるな", "さえき\u3000はるな"),
    ("また　あそびに　きてね。\nもりやま ゆうと より", "もりやま ゆうと"),
    ("なふだ\nたかの りく\nおがた みゆ", "たかの りく"),
    ("たんにん あさい みき", "あさい みき"),
    # traps: a child's sentence, a greeting
    ("はるかは　げんきです。\nまた　あそぼう", None),
    ("ありがとう　ございました", None),
])
def test_kana_full_names_with_a_space(text, name):
    found = _certain(text)
    assert (name in found) if name else not found


@pytest.mark.parametrize("text, name", [
    ("うつみせんせい　ことしもよろしく", "うつみ"),
    ("ひびのさんへ\nこのまえは　ありがとう。", "ひびの"),
    ("トドロキさんの母から電話", "トドロキ"),
    # traps: kin, jobs, greetings before さん
    ("ぼくのおとうさんは船員です", None),
    ("おまわりさんが　きた。", None),
    ("雪の中の登校、ごくろうさま。", None),
    ("コックさんの　おはなし", None),
])
def test_kana_family_names_before_san(text, name):
    found = _certain(text)
    assert (name in found) if name else not found


@pytest.mark.parametrize("text, name", [
    ("対応：本児と別室で面接（心理司 結城）。次回", "結城"),
    ("担当：児童福祉司 寺岡　心理司 佐久間\n所長", "寺岡"),
    ("出席：担任 月岡、進路指導 浅見、主治医 三ツ谷", "浅見"),
    ("SC 雨宮、市教委 真壁\n経過：", "真壁"),
])
def test_family_names_after_office_staff_titles(text, name):
    found = _certain(text)
    assert name in found


@pytest.mark.parametrize("text, names", [
    ("[카톡] 2024. 5. 2. 오후 8:01, 최유나 : 선생님 안녕하세요", ["최유나"]),
    ("작성자: 한지민 (서윤 엄마)", ["한지민"]),
    ("어머니：김미영", ["김미영"]),  # the label is no name
    ("微信 6/1\n刘晓燕：老师好，今天孩子们说不想去学校", ["刘晓燕"]),
    ("周婷女士：您好。我们这周有活动。请问您时间方便吗？", ["周婷"]),
    ("王妈妈：老师您好，我们这周不去了，谢谢", []),  # round 28's titles read 王
    ("方針：登校刺激は控える\n程度：軽い\n金額：3000円", []),  # Japanese field labels
])
def test_korean_and_chinese_names_in_their_own_script(text, names):
    found = [text[c.start:c.end] for c in abroad_names(text, []) if c.kind == "person"]
    assert found == names


@pytest.mark.parametrize("text, name", [
    ("Мій син Тарас знову не пішов до школи", "Тарас"),
    ("Мать: Ирина Соколова\nДочь: Вера", "Ирина Соколова"),
    ("میرا بیٹا حمزہ کل سے اسکول نہیں", "حمزہ"),
])
def test_a_childs_name_after_kin_words_in_other_scripts(text, name):
    found = [text[c.start:c.end] for c in abroad_names(text, []) if c.kind == "person"]
    assert name in found


def test_kana_given_names_signing_messages_on_two_lines_or_more():
    text = "カードより\nたのしかった！ また来年もやりたい　そうた\nスイカわりで１ばんになった　ゆい"
    found = _certain(text)
    assert {"そうた", "ゆい"} <= found
    # traps: one line only; a table of names and readings; honorifics
    assert "そうた" not in set(find_personal_data(["また来年もやりたい　そうた"], use_ner=False).text)
    rows = "1　坂巻 陽斗　さかまき はると\n2　笠原 杏　かさはら あん"
    assert "はると" not in set(find_personal_data([rows], use_ner=False).text)
    assert "さん" not in set(find_personal_data(["・ふわもち さん\n・たこやき大臣 さん"], use_ner=False).text)

"""Round 22 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import batch_flags
from privacy_rule_fixtures import people as _people


# ------------------------------------------------------------------ bookkeeping
def test_batches_30_to_33_are_development():
    flags = batch_flags("r22")
    for n in (30, 31, 32, 33):
        assert flags[n] is False


# ------------------------------------------------------------------ family part of a full name in the note
@pytest.mark.parametrize(("text", "name"), [
    ("スクールカウンセラーの北見 さやかです。\n相談室は木曜に開いています。\n北見", "北見"),
    ("クラス：2年理科（千葉）\n千葉 直樹　10月15日\n大丈夫です！", "千葉"),
    ("件名：1年5組 吉岡について\n吉岡 凛太郎くんの件でご相談です。", "吉岡"),
    ("保護者：高千穂 麗子（母）\n対象児童：高千穂 絢斗　小学4年", "高千穂 絢斗"),
])
def test_family_part_of_a_full_name_found_in_the_note(text, name):
    assert name in _people(text)


@pytest.mark.parametrize(("text", "part"), [
    ("担任 千葉 直樹先生と話した。千葉県の大会に出る。", "千葉"),   # a kanji after it: another word
    ("北見 さやかです。北見市の相談窓口も紹介した。", "北見"),
])
def test_family_part_trap_a_longer_word(text, part):
    assert part not in _people(text)


# ------------------------------------------------------------------ initials in minutes
def test_initials_before_a_bracketed_role_and_their_action_items():
    text = "ケース会議\n出：KT（校長）、HM（教頭）、SY（担）、SSW\n・SY→朝の迎えは継続。\n・KT→関係機関へ連絡"
    people = _people(text)
    assert people.count("SY") == 2 and people.count("KT") == 2 and "HM" in people
    assert "出" not in people and "SSW" not in people


def test_initials_in_the_bracket_of_an_office():
    text = "参加機関：子ども家庭支援センター（T、N）、小学校（教頭、担任）\n・役割：センター T→母面接"
    assert _people(text) == ["T", "N", "T"]


@pytest.mark.parametrize("text", [
    "SC（スクールカウンセラー）と面談。SC→次回は来週",   # a role abbreviation
    "選択肢（A、B）から選ぶ。Tシャツで登校した。",          # not a participants line
    "出：全員",
])
def test_initials_traps(text):
    assert _people(text) == []


def test_family_part_trap_a_business_named_after_the_family():
    assert "杉本" not in _people("連絡先：・杉本 健医師（杉本こどもクリニック）")


# ------------------------------------------------------------------ romanised-name edges
@pytest.mark.parametrize(("text", "name", "not_name"), [
    ("Family: father Bikash Gurung, child Aarav（3年3組）\n- Aarav says hello.", "Aarav", "child Aarav"),
    ('"Si Kyla ay ayaw pumasok." → Kylaは学校に行きたくない。', "Kyla", "Si Kyla"),
    ("Parents: Ahmad Fauzi, Siti Rahayu　Child: ナイラ（4年1組）", "Siti Rahayu", "Ahmad Fauzi, Siti"),
    ("参加者（表示名）：Tanimura_SSW、K.Hoshino、岡本 美咲（母）\n18:31 K.Hoshino: 担任の星野 健です。\n"
     "18:33 Tanimura_SSW: SSW 谷村です。\n18:52 Tanimura_SSW: もちろん大丈夫だよ〜", "Tanimura", "Tanimura_SSW"),
])
def test_romanised_name_edges(text, name, not_name):
    people = _people(text)
    assert name in people and not_name not in people


def test_display_name_after_from_in_a_saved_meeting_chat():
    text = "15:01 From SSW_Mizuki to Everyone: 聞こえています\n15:35 From SSW_Mizuki to Everyone: 明日行います"
    assert _people(text).count("Mizuki") == 2


def test_given_name_before_a_found_family_name_at_a_line_start():
    text = ("Maricel Dela Cruz: Good morning teacher. Joshua will not go to school today.\n"
            "担任 小田切: Good morning, Ms. Dela Cruz. Thank you.")
    people = _people(text)
    assert "Maricel Dela Cruz" in people and "Ms. Dela Cruz" not in people


@pytest.mark.parametrize("text", [
    "保護者の希望により Facebook Messenger で連絡。",
    "・父：Bahasa Indonesia での学習教材があれば",
    "Obrigada,\n（母より）",
    "Dear Sensei,\nI am sorry.",
])
def test_products_languages_and_greetings_are_no_one(text):
    assert not any(p[0].isascii() for p in _people(text))


@pytest.mark.parametrize(("module", "post_pass", "text", "start", "end"), [
    # name particles are no head to cut
    ("latinedges", "latin_edges", "父：de Souza さんより電話。", 2, 10),
    # comma trap: a family name written first
    ("latinedges", "latin_edges", "児童：Reyes, Joshua M.（小6）", 3, 17),
    # weekday trap: a name starting with the kanji of a weekday
    ("namecuts", "name_cuts", "金田 一郎（父）より電話", 0, 5),
])
def test_spans_a_post_pass_leaves_alone(module, post_pass, text, start, end):
    import importlib

    from futoko_research.privacy.text import Candidate

    apply = getattr(importlib.import_module(f"futoko_research.privacy.{module}"), post_pass)
    c = Candidate(start, end, "person", "test", 0.9)
    assert apply(text, [c]) == [c]


# ------------------------------------------------------------------ names cut short, weekday heads
def test_a_name_cut_short_where_it_is_written_again():
    text = ("鶴岡 浩二さん（父）より\n・翔琉は朝、父の出勤後に一人になる。\n"
            "・翔琉本人は「先生から電話があれば起きる」と言っているそう。")
    assert _people(text).count("翔琉") == 2 and "翔" not in _people(text)


def test_a_weekday_heading_a_schedule_row():
    text = "部分登校記録（11/11〜15）\n月　和真　2校時のみ\n火　欠\n木　和真　給食〜5校時\n記録 堀江（担任）"
    people = _people(text)
    assert people.count("和真") == 2 and not any(p.startswith("木") for p in people)


# ------------------------------------------------------------------ kana names: cards, siblings, nicknames
def test_signatures_of_a_message_card():
    text = ("美羽ちゃんへ\n・また一緒に絵かこうね！　さな\n・となりの席あけてるよ　ゆい\n"
            "・元気になったら教えてね　リコ\n・待ってる！！　かっちゃん\n2年4組一同")
    assert {"さな", "ゆい", "リコ"} <= set(_people(text))


def test_signature_trap_a_checklist():
    text = "持ち物チェック\n・上履き　あり\n・体操服　なし\n・水筒　あり\n・宿題　まだ"
    assert _people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("ゆいなちゃん（弟のそうまくん／1年2組）…4年1組。11月欠席12日。", "そうま"),
    ("門脇りこ（2年）宅。りこちゃん（弟のそうまくん、年長）がインターホンに出た。", "そうま"),
])
def test_kana_name_after_a_sibling_word(text, name):
    assert name in _people(text)


def test_sibling_trap_no_honorific():
    assert _people("弟のおもちゃを片付けた。姉のことが心配だと言う。") == []


@pytest.mark.parametrize("text", [
    "9:30　開室。ゆずぽん、タク、最初に来室。\n11:30　ゆずぽん、司会をやってくれた。",
    "10/3\nあやっぺからLINEきたけど返せない\n10/5\nあやっぺとコンビニであった。",
])
def test_kana_nickname_endings(text):
    assert len([p for p in _people(text) if p.endswith(("ぽん", "っぺ"))]) == 2


def test_nickname_trap_once_and_ordinary():
    assert not any(p.endswith("ぽん") for p in _people("すっぽんを見に行った。たんぽぽが咲いた。"))


def test_family_part_trap_a_kana_given_name_glued_on():
    text = "差出人：真壁 由美\n6年2組 真壁つむぎの母です。"
    assert "真壁" not in _people(text)


def test_initials_trap_a_pseudonym():
    assert _people("出席：人物EA（母）、人物EB（担任）\n・人物EA→連絡") == []


def test_an_adverb_in_katakana_is_no_one():
    from futoko_research.privacy.cardnames import is_katakana_adverb

    assert is_katakana_adverb("スグ") and is_katakana_adverb("モット")
    assert not is_katakana_adverb("ソウ") and not is_katakana_adverb("ケンタ")   # names stay
    assert not is_katakana_adverb("リンリン")   # a doubled nickname
    assert "スグ" not in _people("新しい担任の私が家庭訪問をしたからといって、Nさんとスグに会える訳ではありません。")

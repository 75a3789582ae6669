"""Round 28 (issue 21): the speakers of a conversation, whatever their names look like
(``privacy.turns``) — each form with an example and a trap.

The examples are invented here, not copied from the batches.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.detect import find_personal_data
from futoko_research.privacy.text import Candidate
from futoko_research.privacy.turns import chat_turns


def _found(text: str, cands: list[Candidate] | None = None) -> list[str]:
    return [text[c.start:c.end] for c in chat_turns(text, cands or []) if c.kind == "person"]


@pytest.mark.parametrize("text, names", [
    # ordinary words as handles, after a time stamp with or without a date
    ("[22:10] みかん: ねてた\n[22:11] くつした: おきてる\n[22:12] みかん: あした行く？",
     ["みかん", "くつした", "みかん"]),
    ("[2025/01/09 20:01] ふわふわ: やほ\n[2025/01/09 20:03] ふわふわ: だれかいる？",
     ["ふわふわ", "ふわふわ"]),
    # a symbol after or before the handle is not part of it
    ("19:40 ぽぷら🌷: こんばんは\n19:41 ぽぷら🌷: 宿題おわった", ["ぽぷら", "ぽぷら"]),
    # a video call's chat
    ("10:02 From とびうお to Everyone: 聞こえます\n10:03 From 講師 神田 to とびうお: OK\n"
     "10:04 From Rin_T to Everyone: 音が小さい", ["とびうお", "神田", "とびうお", "Rin_T"]),
])
def test_speakers_after_a_time(text, names):
    assert _found(text) == names


def test_a_forum_thread_names_its_posters():
    text = ">>31 こけもも\nはじめまして\n>>32 運営・どんぐり\nようこそ\n>>33 こけもも\nよろしく"
    assert _found(text) == ["こけもも", "どんぐり", "こけもも"]


def test_post_and_reply_headers_before_a_date():
    text = "[投稿] ひまわり母さん　9/1 21:10\n夫が…\n[返信] 二児の母　9/1 22:00\n…\n[返信] ひまわり母さん　9/2 7:15"
    assert "ひまわり母さん" in _found(text)


def test_speakers_in_brackets_on_their_own_lines():
    text = "【つばめ】\n今日どうする？\n【かもめ】\n休む\n【つばめ】\nわかった"
    assert _found(text) == ["つばめ", "かもめ", "つばめ"]


def test_headings_in_brackets_are_no_speakers():
    text = "【よかったこと】\n・友達ができた\n【困ったこと】\n・朝起きられない\n【その他】\n・特になし"
    assert _found(text) == []


def test_speakers_without_a_time_when_they_take_turns():
    text = "くるみ: 明日来る？\nsoraaa: たぶん\nくるみ: まってるね\nsoraaa: ありがと"
    assert _found(text) == ["くるみ", "soraaa", "くるみ", "soraaa"]


@pytest.mark.parametrize("text", [
    "9:00 あさのかい：うた\n10:00 べんきょう：ドリル",  # a timetable: no one twice, two slots
    "13:00 家庭訪問：吉田宅\n15:00 ケース会議：本校\n16:00 保護者面談：別室",  # field words
    "From: 教頭 上田\nSubject: 面談の件\nFrom: 母\nSubject: Re: 面談の件",  # e-mail headers
    "CW：最近どう？\n本人：ねてる\nCW：夜は？\n本人：4時",  # a role and 本人
    "日時：5月1日\n内容：面談\n日時：5月8日\n内容：電話",  # a form repeating its blocks
    "お名前（漢字）：森 一郎\nお名前（ふりがな）：もり いちろう\nその他：なし",  # form labels
    "10:00 おしらせ：きょうは\n10:30 おしらせ：あしたは",  # a notice, twice
    "21:00 Bot: こんばんは\n21:01 ユーザー: つらい\n21:02 Bot: 話してくれてありがとう",  # a bot and a user
])
def test_no_speaker_in_timetables_forms_and_headers(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, name", [
    ("20:00 会長_みずしま: 始めます\n20:01 書記あんず: はい\n20:02 会長_みずしま: 議題1", "みずしま"),
    ("8:01 木下さん：おはようございます\n8:03 木下さん：今日は休みます", "木下"),
    ("18:10 Kaneda_SSW: hello\n18:12 Kaneda_SSW: ok", "Kaneda"),
    ("15:20 From 青葉中_石井 to Everyone: 本校です\n15:21 From 青葉中_石井 to Everyone: 以上", "石井"),
    ("7:02 ゆずママ：おはよう\n7:05 ゆずママ：今日休みます", "ゆずママ"),  # a kana nickname's parent: whole
    ("7:02 大西ママ：おはよう\n7:05 大西ママ：今日休みます", "大西"),  # a family name's parent: the name
])
def test_the_name_inside_the_slot(text, name):
    assert _found(text)[0] == name


def test_a_kana_nickname_with_kun_stays_whole():
    text = "みき：いく\nてっくん：おれも\nみき：じゃあ6時"
    assert "てっくん" in _found(text)


def test_the_handle_is_masked_where_it_stands_as_a_word_elsewhere():
    text = "[20:01] ぷりん: ただいま\n[20:02] ぷりん: ねむい\nぷりんは2組の生徒。ぷりんぱんを食べた"
    assert _found(text) == ["ぷりん", "ぷりん", "ぷりん"]


def test_a_finding_of_another_kind_is_kept():
    text = "[9:01] 南中: 出席3\n[9:02] 南中: 欠席1"
    school = [Candidate(8, 10, "school", "school", 0.9), Candidate(24, 26, "school", "school", 0.9)]
    assert _found(text, school) == []


def test_through_the_detector():
    text = "[21:04] しろくま: あした行ける？\n[21:06] まめ太: むり\n[21:07] しろくま: そっか"
    people = find_personal_data([text], use_ner=False, collection=False)
    assert {"しろくま", "まめ太"} <= set(people.loc[people.kind == "person", "text"])


# --- privacy.latinspans: the whole of a romanised name ---------------------------------------

def _edges(text: str, name: str) -> str:
    from futoko_research.privacy.latinspans import latin_spans

    s = text.index(name)
    out = latin_spans(text, [Candidate(s, s + len(name), "person", "test", 0.9)])
    return [text[c.start:c.end] for c in out]


@pytest.mark.parametrize("text, found, whole", [
    ("[18:03] Kuya Ramon: pasensya na po", "Kuya Ramon", "Ramon"),  # a Tagalog title
    ("Yours sincerely,\nKeiko Arai, MD", "Keiko Arai, MD", "Keiko Arai"),  # a degree
    ("Obrigada, Renata Moreira", "Obrigada, Renata Moreira", "Renata Moreira"),  # a greeting
    ("- Haruto K.: joined late", "Haruto", "Haruto K."),  # an initial after
    ("-- P. Okafor", "Okafor", "P. Okafor"),  # an initial before a single name
    ("Mãe: Beatriz Lima Duarte (40)", "Beatriz Lima", "Beatriz Lima Duarte"),  # the rest of the name
    ("Student: Tran Thi Kim Oanh", "Tran Thi Kim", "Tran Thi Kim Oanh"),
    ("保護者：MORALES TORRES Diego", "TORRES Diego", "MORALES TORRES Diego"),  # a capital family name before
    ("通訳メモ（dela Rosa家）", "Rosa", "dela Rosa"),  # a surname particle
])
def test_latin_name_edges(text, found, whole):
    assert _edges(text, found) == [whole]


@pytest.mark.parametrize("text, found", [
    ("pai da Sofia (9 anos)", "Sofia"),  # da is a preposition here
    ("Papá de Luis: no quiere", "Luis"),
    ("Aya Mori ES, 5年", "Aya Mori"),  # no acronym
    ("Kenji I think so", "Kenji"),  # I is English
    ("His mom (Sarah O'Neill) wrote", "Sarah O'Neill"),
    ("Père : M. Amadou Diallo", "Amadou Diallo"),  # M. is Monsieur before a full name
    ("visiting Minato Classroom with her", "Minato"),
])
def test_latin_edges_stay(text, found):
    assert _edges(text, found) == [found]


def test_a_comma_list_of_single_names_is_one_name_each_but_not_weekdays():
    assert _edges("Kids: Lena, Minh, Omar", "Lena, Minh, Omar") == ["Lena", "Minh", "Omar"]
    assert _edges("days (Mon, Wed, Fri).", "Mon, Wed, Fri") == []


# --- privacy.titles: family names before a title ----------------------------------------------

def _titled(text: str, cands: list[Candidate] | None = None) -> list[str]:
    from futoko_research.privacy.titles import title_names

    return [text[c.start:c.end] for c in title_names(text, cands or []) if c.kind == "person"]


@pytest.mark.parametrize("text, name", [
    ("藤森委員長：では始めます", "藤森"), ("片桐委員：医療の側から", "片桐"),
    ("10:20 南中 村上T→教頭", "村上"), ("小児科 北川Dr枠 空きあり", "北川"),
    ("訪問者：Ns. 小野寺", "小野寺"), ("担当CW 宮原より電話", "宮原"),
    ("・大塚家（祖母、孫）について", "大塚"), ("13:00 ペレイラ家面談", "ペレイラ"), ("午後 坂本宅訪問", "坂本"),
    ("陆老师您好，我是孩子的妈妈。", "陆"), ("请告诉高桥老师。谢谢！", "高桥"), ("黑田老师您好", "黑田"),
    ("我是佐久间老师的学生", "佐久间"),
    ("다나카 선생님께", "다나카"), ("안녕하세요. 하준 엄마입니다.", "하준"),
    ("きむら先生へ\nいつもありがとう", "きむら"), ("ちださんせんせい\nありがとう", "ちだ"),
])
def test_a_name_before_a_title(text, name):
    assert _titled(text) == [name]


def test_a_korean_name_found_so_is_found_before_a_particle():
    assert _titled("하준 엄마입니다.\n하준이가 학교에 가기 싫다고 해요.") == ["하준", "하준"]


@pytest.mark.parametrize("text", [
    "前会長 栗林より", "実家に帰る", "農家の手伝い", "昼間家にいる", "自宅で過ごす",
    "ひだまりの先生へ", "あのとき先生が来てくれた", "できれば先生が", "こうちょう先生のはなし",
    "おかあさんと いった", "선생님, 안녕하세요.", "학교 선생님께",
    "老师您好", "谢谢老师。您", "数学老师说", "的老师",  # no name before 老师
])
def test_no_name_before_a_title(text):
    assert _titled(text) == []


def test_a_longer_finding_is_kept():
    text = "PSW 漆原 美帆"
    full = [Candidate(4, 9, "person", "test", 0.9)]
    assert _titled(text, full) == ["漆原 美帆"]

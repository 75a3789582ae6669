"""Round 23 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import pytest
from privacy_rule_fixtures import found as _found
from privacy_rule_fixtures import people as _people


# ------------------------------------------------------------------ table headers with a number
@pytest.mark.parametrize(("text", "finding"), [
    ("郵便番号,住所1,住所2,氏名,敬称\n649-0314,海南市日方1-12-3,,岡部 伸子,様", ("postcode", "649-0314")),
    ("学年,組,出席番号,氏名,生年月日,6月欠席,累計欠席\n1,3,14,中島 碧,2012/07/15,9,24", ("date_of_birth", "2012/07/15")),
])
def test_a_header_with_numbered_columns_is_a_header(text, finding):
    assert finding in _found(text)


def test_numbered_header_trap_a_category_code_is_no_id():
    text = "生徒番号,氏名,11月欠席,主理由コード,副理由コード\n2301207,本多悠真,19,F2,H1"
    assert ("id", "2301207") in _found(text)
    assert not {("id", "F2"), ("id", "H1")} & _found(text)


# ------------------------------------------------------------------ initials in minutes
@pytest.mark.parametrize(("text", "expected"), [
    ("出席：Ｄｒ．Ｋ（主治医）、Ｏ（訪問看護）、Ｔ（中学校・担任）\n1. 医療（Ｄｒ．Ｋ）：治療中。\n次回の調整はＴ。",
     ["Ｄｒ．Ｋ", "Ｏ", "Ｔ", "Ｄｒ．Ｋ", "Ｔ"]),
    ("継続ケース\n1．A.S.（現2年・女）：月2回。\n2．R.K.（現1年・男）：月1回。", ["A.S.", "R.K."]),
    ("Ｈ．Ｍ（中１）→ 母 連絡× 3回\nＨ．Ｍ→ 次回までに訪問", ["Ｈ．Ｍ", "Ｈ．Ｍ"]),
])
def test_initials_full_width_titled_and_before_a_grade(text, expected):
    assert _people(text) == expected


@pytest.mark.parametrize("text", [
    "プランA（現2年向け）を検討。",          # one letter without dots before a grade
    "Ｔシャツ（中学校・担任が用意）",         # katakana after the letter
    "案Ｂ（担任が確認する）を採る。",          # the bracket holds more than a role
])
def test_initials_round23_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ a full name completed across one space
@pytest.mark.parametrize(("text", "name"), [
    ("5/12 1限　2年4組 石動 菜摘　頭痛\n5/15 朝　石動　登校後すぐ来室。", "石動 菜摘"),
    ("対応：学年主任 久留米 真一、担任 二階堂 葵\n・久留米から：SCとの面談を案内。", "久留米 真一"),
    ("生徒：安西 瑞希（3年4組）\n担任：鈴鹿 龍一\n・安西さん、欠席続く。", "鈴鹿 龍一"),
    ("電話あり。牧瀬 英明氏（1年2組牧瀬 樹の父）", "牧瀬 樹"),
    ("・桧山 蒼（3-2）：出席予定。\n・相馬 海（3-5）：連絡がつかず未定。相馬家へ訪問予定。", "相馬 海"),
])
def test_full_name_completed_from_one_found_part(text, name):
    assert name in _people(text)


@pytest.mark.parametrize(("text", "not_name"), [
    ("連絡：市教委 鳴海 礼子さんより。", "市教委 鳴海"),               # an office before a found family name
    ("母方祖母 節子さんが同居。", "母方祖母 節子"),                     # a kin word before a given name
    ("2年4組 石動 菜摘　頭痛\n5/14 2年4組 石動　腹痛", "石動　腹痛"),      # a common noun after the family part
    ("担任：相馬\n・相馬 欠席（3-5）", "相馬 欠席"),                     # a record word before a bracket
    ("担任の相馬先生。\n相馬 父（面談）", "相馬 父"),                     # a kin word
])
def test_full_name_completion_traps(text, not_name):
    assert not_name not in _people(text)


# ------------------------------------------------------------------ record words and roles glued to a family name
@pytest.mark.parametrize(("text", "name"), [
    ("前担任 鳴瀬 かおり教諭 → 新担任 丸尾 健太教諭　引継ぎメモ、丸尾記）", "丸尾"),
    ("電話受付記録（7/5 土　日直 小宮山受）", "小宮山"),
    ("（母→SSW　ショートメールの書き起こし。SSW 日野記録）", "日野"),
    ("①ICT出席扱い → 情報科 北見T\n③センター見学 → SSW 真野同行", "真野"),
    ("出席：SSW 三木\n・三木SSW：本児との面接を試みる。", "三木"),
])
def test_record_word_or_role_glued_to_a_family_name(text, name):
    people = _people(text)
    assert name in people and not any(p.startswith(name) and p != name and " " not in p for p in people)


@pytest.mark.parametrize("text", [
    "佐藤由記さんから電話。",          # a given name ending in 記
    "（面談記録）本日 学校同行。",      # ordinary words before the tail
])
def test_glued_tail_traps(text):
    people = _people(text)
    assert "佐藤由" not in people and "面談" not in people and "学校" not in people


# ------------------------------------------------------------------ nicknames: っきー, particles before them, found stems
@pytest.mark.parametrize(("text", "nick"), [
    ("きょうはゆっきーとUNOをした。ゆっきーがいなかった。", "ゆっきー"),
    ("クラスのみっちゃんに、元気だと言ってください。", "みっちゃん"),
    ("買い出しリストをりっくんが作ってくれた。", "りっくん"),
    ("本人と電話。「すぎっちって呼ばれるの嫌じゃない」", "すぎっち"),
    ("ゆなからLINE。\n9月5日\nゆなっちごめん。既読つけられない。", "ゆなっち"),
    ("クラスのみっちゃんとゆなぴに、ぼくは元気だと言ってください。", "ゆなぴ"),
    ("まっちゃん（スタッフ）14:06\nはい。\n代表 14:09\n鍵はまっちゃんお願いします", "まっちゃん"),
])
def test_nicknames_round23(text, nick):
    people = _people(text)
    assert nick in people and not any(p != nick and nick in p for p in people)


@pytest.mark.parametrize("text", [
    "もっちりした食感のパン。",        # っち before more hiragana, no name found
    "こっちって言われても困る。家はそっちって聞いた。",   # ordinary words before って
    "えんぴつを忘れた。とえんぴつ",      # no name found at the stem
])
def test_nickname_round23_traps(text):
    people = _people(text)
    assert not any(p.startswith(("もっ", "えん", "こっ", "そっ")) for p in people)


# ------------------------------------------------------------------ enumerations ending in 。, names echoed
def test_an_enumeration_ending_with_a_full_stop_and_its_names_later():
    text = ("寺尾 09:12\n本日の通所予定：みなと、りく、こはる、大知。こはるさんは11時から。\n"
            "奥薗 09:15\n了解です。大知、昨日帰り際に言ってました\n奥薗 11:50\n了解。みなととりくは卓球中。")
    people = _people(text)
    assert people.count("みなと") == 2 and people.count("りく") == 2 and people.count("大知") == 2


@pytest.mark.parametrize("text", [
    "参加：みなと、りく、こはる。\nりくつで考える。みなとみらいに行った。",   # more kana after the name
    "参加：大地、りく。\n大地震の備え。",                                   # a kanji after the name
    "りんご、みかん、ぶどう。",                                             # no name in the list
])
def test_echo_and_enumeration_traps(text):
    people = _people(text)
    assert "りくつ" not in people and "みなとみらい" not in people
    assert sum(p == "大地" for p in people) <= 1 and "みかん" not in people


# ------------------------------------------------------------------ a nickname in a chat speaker's brackets
@pytest.mark.parametrize(("text", "nick"), [
    ("相談者[くもりのち]：学校行ってない\n相談員：ありがとう。\n相談者[くもりのち]：5がつから", "くもりのち"),
    ("相談者（ねむいうさぎ）：いけなくなって2週間。\n相談員（しみず）：ありがとう\n相談者（ねむいうさぎ）：うん",
     "ねむいうさぎ"),
])
def test_nickname_in_a_speaker_label(text, nick):
    assert _people(text).count(nick) == 2


@pytest.mark.parametrize("text", [
    "相談者（母）：朝起きない\n相談員：はい\n相談者（母）：そうです",
    "相談者（中2女子）：行けない\n相談者（中2女子）：うん",
    "相談者[くもりのち]：一回だけ",          # one line: no speaker log
])
def test_speaker_label_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ compounds of common nouns are no peer of a name
@pytest.mark.parametrize(("text", "word"), [
    ("日時,氏名,学年,組,区分,理由\n2025/05/19 7:02,久我 大翔,3,1,欠席,体調不良（頭痛）\n"
     "2025/05/19 7:15,遠藤 ゆず,5,2,遅刻,通院", "体調不良"),
    ("日,曜,時間,訪問先,担当,目的\n7/1,火,16:30,今野宅,佐治・河原,本人面会\n7/3,木,16:00,竹下宅,河原・綾部,通訳手配",
     "本人面会"),
])
def test_a_compound_of_common_nouns_is_no_name(text, word):
    assert word not in _people(text)


def test_compound_trap_names_in_the_same_cells_stay():
    text = "日,担当,目的\n7/1,佐治・河原,本人面会\n7/3,河原・綾部,保護者面談"
    people = _people(text)
    assert {"佐治", "河原", "綾部"} <= set(people)


# ------------------------------------------------------------------ a family name glued after a teacher's role
@pytest.mark.parametrize(("text", "name"), [
    ("→3年学年主任宗像に伝達。宗像から保護者へ連絡すること。", "宗像"),
    ("・百瀬 遼（2-2）　数学（教科担任浅香が3限に個別指導）。", "浅香"),
    ("日付,組,氏名,確認者\n07/03,3-2,柚木 創,担任寺島→SC\n07/04,1-5,平良 莉子,担任金城", "寺島"),
])
def test_family_name_glued_after_a_teacher_role(text, name):
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "3年学年主任会議に出席した。",     # an ordinary word after the role
    "教科担任制の導入について。",       # one kanji after the role
])
def test_glued_role_traps(text):
    assert _people(text) == []


# ------------------------------------------------------------------ a mobile number under a generic number label
def test_a_mobile_number_under_a_number_label_is_a_phone():
    assert ("phone", "070-6613-2058") in _found("送信元番号 070-6613-2058（坂下母）")


def test_mobile_trap_an_id_label_keeps_an_id():
    assert ("id", "090-1234-5678") in _found("受付番号 090-1234-5678")


def test_kanji_family_and_kana_given_name_before_a_title():
    people = _people("前担任 鳴瀬 かおり教諭 → 新担任 丸尾 健太教諭\n・鳴瀬先生から連絡あり。")
    assert "鳴瀬 かおり" in people and "鳴瀬" in people


@pytest.mark.parametrize("text", [
    "今日 みんなさんと遊んだ。",      # no name
    "本日 かおり先生が来た。",          # an ordinary word before the kana name
])
def test_kana_full_name_traps(text):
    assert not any(" " in p for p in _people(text))


# ------------------------------------------------------------------ a nickname in quotes after a name label
@pytest.mark.parametrize(("text", "nick"), [
    ("本人：グエン・ヴァン・ミン（6年3組、呼び名「ミンミン」）", "ミンミン"),
    ("相談者：中学生（自称「くろねこ」）\n「もう3週間学校行ってない」", "くろねこ"),
    ("本人（表示名「ねこまる」）21:40：あした面談いける？\nスタッフ：大丈夫だよ\nねこまる、ありがとう", "ねこまる"),
    ("本人：中1女子（ニックネーム「もも」）", "もも"),
    ("保護者：刘晓燕（母、WeChat名「小燕子」）", "小燕子"),
])
def test_nickname_in_quotes_after_a_name_label(text, nick):
    assert nick in _people(text)


@pytest.mark.parametrize("text", [
    "作品名「くろねこ」を展示した。",          # a title, not a name label
    "「中国人」って呼ばれるのがいやだった。",    # an ordinary word called so is no nickname kept by a label
])
def test_nickname_label_traps(text):
    people = _people(text)
    assert "くろねこ" not in people and "中国人" not in people


# ------------------------------------------------------------------ a staff word alone is no one
@pytest.mark.parametrize("text", [
    "もしよかったら、先生にお手紙やお絵かきをくれるとうれしいです。\n小林先生より",
    "参加者：スタッフ、ボランティア2名",
])
def test_a_staff_word_alone_is_no_one(text):
    people = _people(text)
    assert "先生" not in people and "スタッフ" not in people


def test_staff_word_trap_the_name_before_it_stays():
    assert "小林" in _people("もしよかったら、先生にお手紙を。\n小林先生より")


# ------------------------------------------------------------------ real text of set c7 (session 12)
def test_a_particle_after_a_quotation_is_no_kana_name():
    # real sentence shape (set c7): 」が + あります was read as a kana name before が
    assert _people("不安のひとつに「学習面の遅れ」がありますが、この不安を取り除くだけで一歩が踏み出しやすくなります。") == []
    assert _people("先生は「宿題」について話したが、本人は黙っていた。") == []


def test_a_kana_name_after_a_quotation_stays():
    assert "ゆうせい" in _people("「まって」ゆうせいが　おみやげを　くれた")


def test_a_latin_name_after_a_place_word_is_the_place():
    people = _people("不登校の子ども達のフリースペースFrog Flagの新堂さんです。")
    assert "Frog Flag" not in people and "新堂" in people
    assert "Happy Hill" not in _people("フリースクールHappy Hillの代表の田中さんが話した。")


def test_a_latin_name_after_a_role_word_stays():
    assert "Maria Santos" in _people("スタッフのMaria Santosさんです。")

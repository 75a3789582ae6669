"""Word lists and regular expressions used by the personal-data detectors.

Everything here is data: the detectors in :mod:`futoko_research.privacy.detect` read it.
Lists are matched against NFKC-normalised surfaces.
"""

from __future__ import annotations

import re

#: kinds of personal data, in the order used for tie-breaking (earlier wins on overlap)
KINDS = (
    "email", "phone", "postcode", "id", "date_of_birth", "class", "address", "school", "person",
)
#: direct identifiers (the issue's recall target is measured on these)
DIRECT_KINDS = ("person", "phone", "email", "address", "id", "postcode")
#: pseudonym prefix per kind (人物A, 学校A, …)
PSEUDONYM_PREFIX = {
    "person": "人物",
    "school": "学校",
    "class": "学級",
    "address": "住所",
    "phone": "電話",
    "email": "メール",
    "postcode": "郵便番号",
    "date_of_birth": "生年月日",
    "id": "番号",
}
#: a pseudonym written by this package (never detected again)
RE_PSEUDONYM = re.compile(
    "(?:" + "|".join(sorted(PSEUDONYM_PREFIX.values(), key=len, reverse=True)) + r")[A-Z]+(?![A-Za-z0-9\-‐－_])"
)

#: honorifics that follow a person's name
PERSON_SUFFIXES = frozenset({"さん", "くん", "君", "ちゃん", "様", "さま", "殿", "氏", "ちゃま", "たん"})
#: roles and titles that follow a name (佐藤先生, 鈴木SSW)
ROLE_SUFFIXES = frozenset({
    "先生", "教諭", "教頭", "校長", "副校長", "教員", "講師", "指導員", "相談員", "支援員", "主事",
    "指導主事", "社会教育主事", "保健師", "医師", "心理士", "公認心理師", "臨床心理士", "社会福祉士",
    "SSW", "SC", "ソーシャルワーカー", "カウンセラー", "スクールカウンセラー",
    "スクールソーシャルワーカー", "課長", "係長", "主査", "主任", "園長", "所長", "センター長",
    "室長", "部長", "教授", "准教授", "弁護士", "看護師", "巡査", "相談支援専門員",
})
#: roles that precede a name (担任の佐藤, 母親：山田花子)
ROLE_PREFIXES = frozenset({
    "担任", "学級担任", "副担任", "校長", "教頭", "養護教諭", "教諭", "母", "父", "母親", "父親",
    "祖母", "祖父", "兄", "姉", "弟", "妹", "保護者", "本人", "児童", "生徒", "友人", "担当",
    "担当者", "SSW", "SC", "主治医", "記入者", "氏名", "名前", "児童名", "生徒名", "保護者名",
    "本人氏名", "保護者氏名", "相談者", "指導員", "相談員", "支援員", "カウンセラー",
    "記録者", "報告者", "司会", "参加者", "出席者", "欠席者", "作成者", "文責", "連絡者", "対応者",
    # school and centre job titles (round 10: 司書 平野, 教務 増田, 事務 さとう)
    "司書", "学校司書", "教務", "教務主任", "事務", "事務職員", "用務員", "栄養士", "栄養教諭", "主幹教諭",
    "学年主任", "生徒指導主事", "指導主事", "副校長", "講師", "非常勤講師", "心理士", "臨床心理士",
    "公認心理師", "社会福祉士", "保健師", "センター長", "所長", "室長", "係長", "課長",
})
#: field labels whose value is a person's name
NAME_LABELS = frozenset({
    "氏名", "名前", "児童名", "生徒名", "保護者名", "本人氏名", "保護者氏名", "記入者", "担当者", "相談者",
    "記録者", "報告者", "司会", "参加者", "出席者", "欠席者", "作成者", "文責", "連絡者", "対応者",
})
#: words that look like a name before an honorific but are not one
NOT_NAMES = frozenset({
    "同上", "同右", "同左", "〃",
    "件", "計", "合計", "小計", "総計", "パート", "アルバイト", "会社員", "公務員", "自営", "無職", "専業主婦",
    "よみがな", "ふりがな", "フリガナ", "ヨミガナ", "読み仮名",
    "皆", "皆様", "母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "叔母", "伯母", "叔父", "伯父",
    "お母", "お父", "お兄", "お姉", "おばあ", "おじい", "お婆", "お爺", "子", "お子", "客", "お客",
    "奥", "娘", "息子", "赤", "嬢", "お嬢", "孫", "彼", "彼女", "相手", "友達", "友人", "先輩", "後輩",
    "生徒", "児童", "担任", "先生", "医者", "看護師", "保護者", "本人", "家族", "当該", "学校",
    "同級生", "上級生", "下級生", "患者", "利用者", "相談者", "来所者", "親御", "ご家族", "家",
    "みな", "みんな", "各位", "関係者", "担当", "担当者", "養護", "学級", "教科", "部活", "顧問",
    "国語", "数学", "算数", "理科", "社会", "英語", "音楽", "体育", "美術", "技術", "家庭科",
    "保健", "保健室", "図工", "塾", "習い事", "主治医", "指導員", "相談員", "支援員", "校長", "教頭",
    "副校長", "主幹", "指導", "特別支援", "通級", "教育", "教員", "講師", "大", "小", "中", "高",
    "新任", "前任", "後任", "現任", "元", "前", "新", "現", "全", "他", "各", "本", "同", "某",
    "方", "机", "席", "物", "者", "人", "数人", "全員", "何人", "大人", "個人", "一人", "二人", "三人", "他人",
    "知人", "成人", "住人", "本児", "坊", "爺", "婆", "姫", "王", "僕", "俺", "春", "夏", "秋", "冬", "朝", "昼", "夜", "夕", "晩", "今日", "明日", "昨日",
    "メール", "メモ", "ノート", "プリント", "ファイル", "データ",
})
#: masks and placeholders of already-anonymised text (〇〇さん, A君)
RE_ANONYMISED = re.compile(
    r"^(?:[A-Za-zＡ-Ｚａ-ｚ][男子]?|[〇○◯●◎□■△▲×✕＊*…]+|某|当該.*|"
    r"(?:児童|生徒|幼児|保護者|人物|学校|女児|男児|女子|男子)[A-Za-zＡ-Ｚ0-9０-９]*)$"
)
#: words after a surname that make it a place or organisation (長野県, 田中町)
NON_PERSON_NEXT = frozenset({
    "県", "都", "府", "道", "市", "区", "町", "村", "郡", "駅", "線", "川", "山", "通り", "通",
    "小学校", "中学校", "学校", "高校", "高等学校", "病院", "医院", "クリニック", "会", "社", "店",
    "屋", "銀行", "大学", "短大", "幼稚園", "保育園", "公園", "会館", "センター", "地区", "町内",
    "市立", "町立", "村立", "区立", "県立", "小", "中", "高", "丁目", "港", "島", "湖", "橋", "神社",
    "寺", "式", "法", "賞", "流", "病", "症", "号", "型", "家具", "沿い", "沿", "河川敷", "流域", "水系",
    "堤防", "方面", "地域", "地方", "周辺", "付近",
})

#: words after 〇〇の that make 〇〇 a river or a place (中川の河川敷, 森の遊歩道)
PLACE_AFTER_NO = frozenset({
    "河川敷", "土手", "堤防", "河原", "川原", "川岸", "岸", "ほとり", "畔", "上流", "下流", "河口", "流れ", "水面",
    "橋", "遊歩道", "散歩道", "公園",
})

#: single characters that never continue a given name (山田家, 鈴木宅, 花子様)
NOT_NAME_TAIL = frozenset({
    "家", "宅", "様", "氏", "君", "達", "等", "方", "側", "邸", "母", "父", "組", "年", "歳", "才",
    "名", "ら", "殿", "宛", "分", "用", "中", "後", "前", "時", "会", "店", "社", "校", "園", "町",
    "村", "市", "区", "県", "郡", "駅", "線", "川", "山", "館", "院", "所", "室", "部", "課", "係",
})

#: the last word of a school's name (token surfaces)
SCHOOL_SUFFIXES = frozenset({
    "小学校", "中学校", "高等学校", "高校", "義務教育学校", "中等教育学校", "特別支援学校",
    "養護学校", "幼稚園", "保育園", "保育所", "こども園", "認定こども園", "小中学校", "学園",
    "高等専門学校", "学校", "学院",
})
#: abbreviation suffixes (南小, 東中)
SCHOOL_ABBREV = frozenset({"小", "中", "高", "小学", "中学", "附属小", "附属中"})
#: words before 学校 that do not name a school (当該中学校, 市内の小学校)
GENERIC_SCHOOL_WORDS = frozenset({
    "同", "当該", "各", "本", "市内", "町内", "村内", "区内", "管内", "県内", "道内", "公立", "私立",
    "国立", "地元", "近隣", "近く", "他", "他の", "全", "前", "元", "新", "別", "在籍", "在籍校", "通常",
    "一般", "普通", "特別支援", "夜間", "通信制", "定時制", "全日制", "附属", "各種", "専修",
    "専門", "希望", "進学", "入学", "転校", "転入", "転出", "出身", "母校", "他校", "次", "前籍",
    "小", "中", "高", "小中", "中高", "高等", "義務", "中等", "不登校", "学び", "フリー", "民間",
    "学習", "分教室", "市立", "町立", "村立", "区立", "県立", "都立", "道立", "府立", "本校", "自校",
    "志望", "上級", "下級", "隣", "当", "貴", "近所", "地域", "校区", "学区", "小規模", "大規模",
    "へき地", "僻地", "北海道", "日本", "全国", "該当", "複数", "一部", "所属", "関係",
})
#: organisation words that never start a school's name (教育支援センター光洋中学校)
ORG_WORDS = frozenset({
    "センター", "委員会", "教育委員会", "教室", "支援", "相談", "施設", "機関", "協議会", "事務所", "課",
    "局", "所", "室", "会", "部", "学級", "学年",
})
#: words for a place or a group that a Latin name right after names (フリースペースFrog Flag: the place,
#: not a person; session 12, real text of set c7). Wider than ORG_WORDS' one-kanji words on purpose.
PLACE_GROUP_WORDS = frozenset({
    "フリースペース", "フリースクール", "スペース", "スクール", "教室", "センター", "施設", "団体", "法人", "カフェ",
    "クラブ", "サークル", "塾", "ルーム", "ハウス", "プロジェクト",
})
#: school abbreviations are accepted only after these (or a proper noun): 南小, 第一中
SCHOOL_ABBREV_HEADS = frozenset({
    "東", "西", "南", "北", "中央", "東部", "西部", "南部", "北部", "中部",
    "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十",
})
#: "founded by" prefixes kept outside the school's span (根室市立 光洋中学校)
FOUNDER_WORDS = frozenset({"市立", "町立", "村立", "区立", "県立", "都立", "道立", "府立", "私立", "国立", "公立"})

# --- regular expressions (run on full-width-folded text: ASCII digits, letters, '-') ---
_D = r"[0-9]"
RE_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
#: an address written against harvesters: takeshi_h (at) example.ne.jp, a [at] b [dot] jp (round 17)
RE_EMAIL_SPELT = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s?(?:[(\[]\s?(?:at|AT|アット)\s?[)\]]|＠|アットマーク)\s?"
    r"[A-Za-z0-9-]+(?:(?:\.|\s?[(\[]\s?(?:dot|DOT|ドット)\s?[)\]]\s?)[A-Za-z0-9-]+)+(?<=[A-Za-z]{2})(?![A-Za-z0-9])")
RE_PHONE = re.compile(
    r"(?<![0-9-])(?:"
    r"\(0[0-9]{1,4}\)\s?[0-9]{1,4}-[0-9]{3,4}"
    r"|0[0-9]{1,4}\([0-9]{1,4}\)[0-9]{3,4}"
    r"|0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}"
    r"|0[0-9]{1,4} [0-9]{1,4} [0-9]{3,4}"
    r"|\+81[- ]?[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}"
    r"|0[5789]0[0-9]{8}"
    # dots between the groups (090.4418.2260; ten or eleven digits, so 03.12.2024 is a date) and
    # an international number with a country code (+55 11 98812-3307; eight digits or more)
    r"|(?=[0-9.]{12,13}(?![0-9.]))0[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{3,4}(?!\.?[0-9])"
    r"|(?=\+[0-9]{1,3}(?:[ -]?[0-9]){8,13}(?![0-9]))\+[1-9][0-9]{0,2}(?:[ -]?\(?[0-9]{1,5}\)?){2,4}"
    r"|0[1-9][0-9]{8}"
    r")(?![0-9-])"
    r"(?:\s?(?:内線|ext\.?|Ext\.?|EXT\.?)\s?[0-9]{1,5}|\s?[(（]\s?(?:内線|ext\.?)\s?[0-9]{1,5}\s?[)）])?"
)
RE_PHONE_LABELLED = re.compile(
    r"(?:電話番号|電話|TEL|Tel|tel|携帯|FAX|Fax|ファックス|ファクス)[\s:：.]*(?:は\s?)?"
    r"(?P<num>(?<![0-9-])[0-9]{1,4}-[0-9]{3,4}(?![0-9-]))"
)
RE_POSTCODE = re.compile(r"(?:〒\s?|郵便番号[\s:：は]*)(?P<code>[0-9]{3}-?[0-9]{4})(?![0-9-])")
RE_POSTCODE_BARE = re.compile(r"(?<![0-9-])(?P<code>[0-9]{3}-[0-9]{4})(?![0-9-])")
#: seven digits with no hyphen: a postcode only after an address label or before a place (round 14)
RE_POSTCODE_NO_HYPHEN = re.compile(r"(?<![0-9.,/-])(?P<code>[0-9]{7})(?![0-9.,/-])")
RE_ID = re.compile(
    r"(?:学籍番号|生徒番号|児童番号|出席番号|整理番号|受付番号|ケース番号|相談番号|管理番号|登録番号|"
    r"利用者番号|会員番号|受給者証番号|保険証番号|マイナンバー|個人番号|ファイル番号|記録番号|事例番号|"
    r"ケースNo|ファイルNo|相談No|事例No|No|NO|№|ID|Id|id)"
    r"[\s:：は=#（(]*(?:No\.?\s?)?\.?\s?(?:第\s?)?"
    r"(?P<code>[一-龥ぁ-ゖァ-ヺ]{1,3}-[A-Za-z]{0,3}[0-9]{1,4}(?:-[0-9A-Za-z]+)+"
    r"|[一-龥ぁ-ゖァ-ヺ]{1,3}-[0-9]{3,8}(?![0-9])"
    r"|[A-Za-z]{0,4}-?[0-9](?:[0-9A-Za-z-]*[0-9A-Za-z])?-[一-龥ぁ-ゖァ-ヺ]{1,2}-[0-9A-Za-z]+"
    r"|[A-Za-z]{0,4}-?[0-9][0-9A-Za-z-]*[0-9A-Za-z]|[0-9])(?:番|号)?"
)
_ERA = r"(?:令和|平成|昭和|R|H|S)\s?(?:[0-9]{1,2}|元)\s?年"
_DATE_JA = rf"(?:{_ERA}|[0-9]{{4}}\s?年)\s?[0-9]{{1,2}}\s?月\s?[0-9]{{1,2}}\s?日"
_DATE_NUM = r"(?:[0-9]{4}|[RHS][0-9]{1,2})[./-][0-9]{1,2}[./-][0-9]{1,2}"
_DATE = rf"(?:{_DATE_JA}|{_DATE_NUM})"
#: a case code after ケース / 事例 without a label word (ケース2025-044（小6 男子）)
RE_ID_CASE = re.compile(r"(?:ケース|事例|[Cc]ase)\s?(?P<code>[A-Za-z]{0,3}[0-9]{2,4}-[0-9]{3,4})(?![0-9A-Za-z-])")
RE_DOB_LABELLED = re.compile(
    rf"(?:生年月日|誕生日|出生日|生まれ|DOB|D\.O\.B\.?)(?:[（(][^）)\n0-9]{{1,16}}[）)])?[\s:：はがのを（(]*(?:は\s?)?(?P<date>{_DATE}|[0-9]{{1,2}}\s?月\s?[0-9]{{1,2}}\s?日)"
)
RE_DOB_FOLLOWED = re.compile(rf"(?P<date>{_DATE})\s?(?:生まれ|生|産まれ|出生|誕生)")
RE_CLASS = re.compile(
    r"(?<![0-9])(?:[1-6]|[一二三四五六])\s?年\s?(?:[A-Za-z]|[1-9][0-9]?|[一二三四五六七八九十])\s?組"
    # a school stage, a grade and a class joined by a dash (中2-1, 小4-3): a class, not a score
    r"|(?<![0-9A-Za-z一-龥-])[小中高][1-6][-－][0-9]{1,2}(?![0-9-－])"
)
_KANA_KANJI = r"一-龥々〆ヶァ-ヴー"
_HOUSE = (
    r"[0-9]+[ \u3000]?丁目(?:[ \u3000]?[0-9]+[ \u3000]?(?:番地?(?:[ \u3000]?の[ \u3000]?[0-9]+)?|-)[ \u3000]?(?:[0-9]+[ \u3000]?(?:号|-[0-9]+)?)?)?"
    r"|[0-9]+[ \u3000]?番地(?:[ \u3000]?の[ \u3000]?[0-9]+|[0-9]+)?(?:[ \u3000]?[0-9]+号)?"
    r"|[0-9]+[ \u3000]?番[ \u3000]?[0-9]+[ \u3000]?号"
    r"|[0-9]+-[0-9]+(?:-[0-9]+)?(?:-[0-9]{3,4}(?![0-9-]))?"  # 1-3-1-405: a room number as a fourth group
)
RE_ADDRESS = re.compile(
    rf"(?:[{_KANA_KANJI}]{{1,4}}[都道府県])?"
    rf"(?:[{_KANA_KANJI}]{{1,6}}?[市区郡])?"
    rf"(?:[{_KANA_KANJI}]{{1,6}}?[町村])?"
    rf"(?:[{_KANA_KANJI}が]|[0-9]{{1,2}}[条線])"  # 緑が丘; Hokkaido: 北1条西2丁目, 東3線
    rf"{{0,10}}?"
    rf"(?:{_HOUSE})"
    # a building on the same line (hiragana allowed: メゾンさくら), or on the next line without
    # hiragana (a line of prose, 本人は2階…, is no building; round 17)
    r"(?:(?:[ \u3000\t、,]?[" + _KANA_KANJI + r"A-Za-z][" + _KANA_KANJI + r"A-Za-zぁ-ゖ]{0,13}?"
    r"|\s[" + _KANA_KANJI + r"A-Za-z][" + _KANA_KANJI + r"A-Za-z]{0,13}?)(?:\s?[A-Za-z0-9]{1,2}号?棟)?\s?"
    r"(?:(?:[0-9]{1,2}階\s?)?(?:[A-Z]|[A-Z]?[0-9]{1,4})号室|[0-9]{1,2}F-?[0-9]{1,4}(?![0-9-])|[0-9]{1,4}号"
    # a floor and where on it (2階奥, 1階手前, 3階東側; round 17)
    # a bare room number never starts with 0 (電話 099（261）… is a phone; round 18)
    r"|[0-9]{1,2}階(?:奥|手前|[東西南北]側)?|[1-9][0-9]{2,3}(?![0-9-])))?"
)
#: labels that come before an address (kept outside its span)
RE_ADDRESS_LABEL = re.compile(r"^(?:現住所|住所|所在地|自宅|居所|宛先|送付先|連絡先|勤務先|転居先|実家)[\s:：は]*")
#: an address ending in 字 + a place + a lot number (霧野郡霧野町字東原123, 大字和田字東梅12-3)
RE_ADDRESS_AZA = re.compile(
    rf"(?:[{_KANA_KANJI}]{{1,4}}[都道府県])?"
    rf"(?:(?:[{_KANA_KANJI}]{{1,6}}?[市区郡])(?:[{_KANA_KANJI}]{{1,6}}?[町村])?|[{_KANA_KANJI}]{{1,6}}?[町村])"
    rf"(?:大字)?[{_KANA_KANJI}]{{0,6}}?字[{_KANA_KANJI}]{{1,6}}?[0-9]{{1,5}}(?:番地?[0-9]{{1,4}}|番地?)?"
    rf"(?:[-の][0-9]{{1,4}}){{0,2}}(?![0-9])"
)
RE_ADDRESS_MARKER = re.compile(r"[都道府県市区郡町村]|丁目|番地")
_DASH_CHARS = "‐‑‒–—―−－ｰー─"
RE_DASH_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])[{_DASH_CHARS}](?=[0-9])")

# --- context of a person (futoko_research.privacy.context) ---
#: predicates whose subject is a person (stems as Sudachi surfaces: 語っ, 泣い, 登校 …)
PERSON_PREDICATES = frozenset({
    "語っ", "語る", "語り", "話し", "話す", "言っ", "言う", "述べ", "答え", "泣い", "泣く", "泣き", "笑っ",
    "笑う", "怒っ", "黙っ", "叫ん", "訴え", "嫌がっ", "喜ん", "頑張っ", "悩ん", "困っ", "落ち込ん",
    "登校", "欠席", "遅刻", "早退", "来室", "来所", "来校", "通室", "通所", "登園", "帰宅", "外出", "入院",
    # what a member of staff does (round 12): 堤が対応した, 西が担当する, 平田が同席
    "対応", "担当", "同席", "同行", "訪問", "見学",
    "退院", "受診", "転校", "転入", "転出", "入学", "卒業", "進学", "在籍", "参加", "相談", "希望", "面談",
    "起き", "寝", "眠れ", "過ごし", "過ごす", "遊ん", "休ん", "休み", "勉強", "読ん", "書い", "描い",
    "通っ", "通う", "来", "行っ", "帰っ", "戻っ", "出席", "発言", "説明", "報告", "連絡", "電話",
    "思っ", "感じ", "考え", "打ち明け", "拒ん", "拒否", "不登校", "登校しぶり", "同級生", "同じクラス",
    "友達", "仲", "兄弟", "姉妹", "本児", "班", "届け", "くれ", "育休", "産休", "入る", "入っ", "出", "出て",
    "振っ", "繰り返し", "繰り返す", "集まる", "集まっ", "とっ", "取っ", "食事", "手", "呼ば", "泣き出し",
    "嫌がる", "好き", "苦手", "得意", "帰り", "行き", "来て", "戻り", "残っ", "残り", "過ごせ", "話せ", "休む", "会っ", "会う",
    "遊ぶ", "待っ", "帰る", "行く", "来る", "担任", "保護者", "本人", "小学", "中学", "高校生", "中学生", "小学生",
    "年生", "歳", "才", "三人", "二人", "四人", "両名", "ふたり", "さんにん", "食べ", "着", "話", "様子",
    "表情", "気持ち", "顔", "声", "描き", "書き", "作っ", "手伝っ", "見せ", "聞い", "聞き", "尋ね",
    "不安", "緊張", "笑顔", "涙",
})
#: verbs (dictionary forms) whose subject is a person, in any conjugation (言いますが, 申しており, 訪ねた)
PERSON_VERB_LEMMAS = frozenset({
    "言う", "話す", "語る", "述べる", "答える", "泣く", "笑う", "怒る", "黙る", "叫ぶ", "訴える", "嫌がる",
    "喜ぶ", "頑張る", "悩む", "困る", "落ち込む", "起きる", "寝る", "眠る", "過ごす", "遊ぶ", "休む", "読む",
    "書く", "描く", "通う", "来る", "行く", "帰る", "戻る", "思う", "感じる", "考える", "打ち明ける", "拒む",
    "届ける", "申す", "訪ねる", "訪れる", "食べる", "手伝う", "見せる", "聞く", "尋ねる", "会う", "待つ",
    "泣き出す", "伝える", "話しかける", "頷く", "うなずく", "謝る", "断る", "歩く", "着る", "迎える",
    "教える", "学ぶ", "起き上がる", "うつむく", "微笑む", "甘える", "怖がる", "嫌う", "くれる", "呟く", "つぶやく",
    "飼う", "こもる", "閉じこもる", "引きこもる",
})
#: predicates whose が marks the object, not the subject (花が好き, 算数が苦手)
OBJECT_GA_PREDICATES = frozenset({"好き", "嫌い", "苦手", "得意", "上手", "下手", "必要", "心配", "欲しい"})
#: nouns a person's name comes before with の (林の話では, 森の様子): said of a person only
PERSON_ATTRIBUTE_NOUNS = frozenset({
    "話", "言葉", "発言", "表情", "気持ち", "様子", "母", "父", "母親", "父親", "兄", "姉", "弟", "妹", "祖母",
    "祖父", "保護者", "家族", "担任", "自宅", "欠席", "登校", "意向", "希望", "訴え", "説明", "報告",
})
#: particles that end a subject or topic (X は / が / も)
SUBJECT_PARTICLES = frozenset({"は", "が", "も"})
#: particles that join the items of a list of people (健と大和, 陸や翔)
LIST_PARTICLES = frozenset({"と", "や", "、", "・"})
#: kinship and role words that, followed by の, introduce a name (母の美佐子, 弟の蓮)
KIN_ROLE_WORDS = frozenset({
    "母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "母親", "父親", "長男", "次男", "三男", "長女",
    "次女", "三女", "叔母", "伯母", "叔父", "伯父", "孫", "いとこ", "従兄", "従姉", "息子", "娘", "夫", "妻",
    "担任", "副担任", "友人", "友達", "同級生", "先輩", "後輩", "級友", "幼なじみ", "本人", "児童", "生徒",
    "養護教諭", "校長", "教頭", "主治医", "相談員", "支援員", "指導員", "SSW", "SC", "きょうだい",
})
#: nouns that introduce a person's own name (本名の航, 旧姓 森, 通称 ゆう): the word after them is a name
NAME_NOUNS = frozenset({"本名", "旧姓", "新姓", "旧名", "通称", "愛称", "呼び名", "あだ名", "あだな"})
#: family words: a name after them (弟の蓮) and a topic before them (ミナは母の…) is a person
FAMILY_WORDS = frozenset({
    "母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "母親", "父親", "両親", "家族", "叔母", "伯母", "叔父", "伯父",
    "いとこ", "きょうだい", "兄弟", "姉妹",
})
#: words for siblings that count the names before them (まなととりくの兄弟は)
SIBLING_WORDS = frozenset({"兄弟", "姉妹", "兄妹", "姉弟", "きょうだい", "双子", "兄弟姉妹"})
#: common hiragana words never taken for a given name
NOT_HIRAGANA_NAMES = frozenset({
    "よみがな", "ふりがな", "より", "から", "まで", "など", "ほか",
    "こども", "みんな", "ともだち", "おとな", "からだ", "ことば", "きもち", "あと", "まえ", "ここ", "そこ",
    "あそこ", "どこ", "これ", "それ", "あれ", "どれ", "とき", "ところ", "もの", "こと", "ため", "ほう",
    "なか", "うち", "みな", "だれ", "かれ", "おうち", "いえ", "がっこう", "せんせい", "ぼく",
    "わたし", "おれ", "あたし", "うちら", "きょう", "あした", "きのう", "いま", "まだ", "もう", "また",
    # what a form says in place of a name (round 12): 名前：なし, 児童名：ふめい
    "なし", "ない", "ひみつ", "ふめい", "みてい", "みきにゅう", "とくになし",
})
#: words made of capitals that are not people's names (GIGA, ICT, SSW …)
NOT_ROMAJI_NAMES = frozenset({
    "GIGA", "ICT", "SSW", "SC", "PTA", "NPO", "LINE", "Zoom", "Teams", "Google", "Microsoft", "Classroom",
    "Forms", "Word", "Excel", "PDF", "OK", "NG", "ID", "No", "TEL", "FAX", "Fax", "Tel", "Mail", "HP",
    "ADHD", "ASD", "LD", "WISC", "IV", "V", "II", "III", "Japan", "Tokyo", "Hokkaido", "The", "and",
    "Hello", "Hi", "Dear", "Thanks", "Thank",  # a greeting before a name (Hello, Kevin) is no family name
})
#: a nickname in quotes: 「ゆずぽん」と呼ばれ…, あだ名は「しーちゃん」; round 23: after more labels, with or
#: without a particle (呼び名「さえぴー」, ハンドル「ねこまる」, 自称「くろねこ」, 表示名「ねこまる」, WeChat名「小燕子」)
RE_NICKNAME = re.compile(
    r"(?:(?:あだ名|あだな|愛称|ニックネーム|呼び名|よびな|ハンドル(?:ネーム)?|表示名|自称|ペンネーム"
    r"|(?:WeChat|LINE|SNS|ゲーム内の?)名(?:前)?)(?:は|が|：|:)?\s?[「『](?P<a>[^」「』『\s]{1,8})[」』]"
    r"|「(?P<b>[^」「\s]{1,8})」\s?(?:と|って)[^。「」\n]{0,6}?(?:呼ば|呼ん|呼び|呼ぶ))"
)
#: a pair of initials (Ｓ．Ｋ, S.K., Y・T) — not an anonymised single letter (A君)
RE_INITIALS = re.compile(r"(?<![A-Za-z0-9.])[A-Z][.・]\s?[A-Z]\.?(?![A-Za-z0-9])")
#: a name in Latin letters: two or three words (Emily Smith, SMITH Emily, Nguyen Van An)
RE_ROMAJI_NAME = re.compile(r"(?<![A-Za-z0-9@._-])(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ ,]{1,2}(?:[A-Z][a-z]+(?:-[a-z]{2,})?|[A-Z]{2,})){1,2}"
                            r"(?![A-Za-z0-9@-])")
#: a single Latin word before an honorific (Emilyさん)
RE_ROMAJI_HONORIFIC = re.compile(
    r"(?<![A-Za-z0-9@._-])(?P<name>(?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Z][a-z]+|[A-Z]{2,}))*)\s?"
    r"(?=さん|くん|君|ちゃん|様|氏|先生)"
)
#: an alphanumeric code (A-1023, K23-118) in brackets right after a name
#: a code made of letters, digits and a hyphen (K-2031, R6-0087, C-1203), label-less
#: (K-2031, R6-0087, SSW-2024-0112, 23-SSW-041, R7-SW-008, SSW-R6-044)
RE_CODE_BARE = re.compile(
    r"(?<![A-Za-z0-9@._/-])(?:[A-Z]{1,4}[0-9]{0,2}(?:-[0-9]{2,4})?-[0-9]{3,6}|[0-9]{2,4}-[A-Z]{2,4}-[0-9]{2,6}"
    r"|[A-Z]{1,4}[0-9]{0,2}-[A-Z]{1,4}[0-9]{0,2}-[0-9]{3,6})"
    r"(?![0-9A-Za-z@/-])"
)
#: a short code (K-15, T-03) at the start of a line or cell, right before a name
RE_CODE_BEFORE_NAME = re.compile(r"\s*(?P<code>[A-Z]{1,3}-[0-9]{1,4})[ \u3000]+")
#: the 47 prefectures (an address starts at its prefecture: 岡本 葵 愛知県… is not 本葵愛知県…)
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)
RE_PREFECTURE = re.compile("|".join(PREFECTURES))
#: 同市, 同町 (the same city as before) starts an address: 新 同市西町1-4-11
RE_SAME_CITY = re.compile(r"同[市区町村]")
#: a family name in English after a title (Ms. Kishibe, Mr. and Mrs. Santos)
RE_ROMAJI_TITLE = re.compile(
    r"\b(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+(?:and\s+(?:Mr|Ms|Mrs)\.?\s+)?(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![A-Za-z])"
)
RE_CODE_IN_BRACKETS = re.compile(r"^[（(［\[]\s?(?P<code>[A-Za-z]{0,4}-?[0-9][0-9A-Za-z-]*[0-9A-Za-z]?)\s?[)）］\]]")

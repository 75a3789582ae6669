"""Names known from a *mark* written right next to them (round 8, issue 21), on the original text.

A mark is a piece of layout that only a person carries: an honorific or a grade note after a
single capital letter (Ｋくん, Ｆ（中1）), a grade, age or birth order before a name in brackets
(本人（小6・朝陽）), an honorific inside brackets after a family or friend word (弟（蒼空ちゃん・4歳）),
a kinship or role note after a one-kanji family name (関さん（母）, 受付者：谷（事務）), the addressee
line of a letter (井上 正樹 様 on a line of its own). Each rule checks that the word has a name's
shape (:func:`~futoko_research.privacy.peers.name_shaped`); no list of names is kept.

Also here: label-less codes in title brackets (【FS2404-031】, 〔24-0915〕), and two address
repairs in the text's own coordinates — a label or a heading line that the joined view glued to
the front of an address is cut off (住所 桐原町…, 家庭訪問\\n水城市…), and a building written after a
space (… 5-1 メゾン東口3F) joins the address.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.peers import name_shaped
from futoko_research.privacy.text import (
    Candidate,
    is_common_kana_word,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_surname,
    tokenize,
)

_D = "0-9０-９"
#: letters that anonymised notes use in order (Aさん, Bさん, 児童C, 生徒D, X君): never initials
_ANON_LETTERS = "A-DXa-dxＡ-ＤＸａ-ｄｘ"
#: a single capital (or full-width small) letter before an honorific (after one space: O さん,
#: round 11) or a grade or sex note in brackets (N（女子）, round 11)
RE_INITIAL = re.compile(
    rf"(?<![A-Za-zＡ-Ｚａ-ｚ{_D}一-龥々ァ-ヺー＆&'’_-])(?<![A-Za-zＡ-Ｚａ-ｚ][.．・･])(?P<name>(?![{_ANON_LETTERS}])[A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?=[ ]?(?:くん|君|さん|ちゃん)(?![（(][A-Za-zＡ-Ｚａ-ｚ][.．・･])|[（(](?:小|中|高|年長|年中|男子|女子|[{_D}]))"
)
_GRADE = rf"(?:[小中高][{_D}]|小学[{_D}]年|中学[{_D}]年|[{_D}]{{1,2}}歳(?:半)?|年長|年中|年少)"
_ORDER = "(?:長男|次男|三男|長女|次女|三女|末っ子|兄|姉|弟|妹)"
#: a grade, an age or a birth order, a middle dot and a name, in brackets: （小6・朝陽）, （次男・颯）
RE_NOTE_DOT_NAME = re.compile(
    rf"[（(](?:{_GRADE}|{_ORDER})[・･、,](?P<name>[^（）()・･、,\s]{{1,6}})[）)]"
)
_HOLDERS = "|".join(map(re.escape, sorted(
    lx.KIN_ROLE_WORDS | {"友だち", "ともだち", "下の子", "上の子", "末の子", "子", "いとこ", "幼馴染", "同級生", "クラスメート"},
    key=len, reverse=True)))
#: a family or friend word and a name with an honorific in brackets: 弟（蒼空ちゃん・4歳）, 友だち（りこちゃん）
RE_BRACKET_HONORIFIC = re.compile(
    rf"(?:{_HOLDERS})[（(](?P<name>[ぁ-ゖァ-ヺー一-龥々]{{1,5}}?)(?:ちゃん|くん|君|さん)(?:[・･、,][^）)\n]{{1,8}})?[）)]"
)
_KIN_NOTE = rf"(?:母|父|祖母|祖父|兄|姉|母親|父親|保護者|本人|{_GRADE})"
#: a one-kanji family name with an honorific, then a kinship or grade note: 関さん（母）, 谷さん（中1）
RE_ONE_KANJI_NOTE = re.compile(
    rf"(?<![一-龥々ぁ-ゖァ-ヺ])(?P<name>[一-龥])(?:さん|くん|君)[（(]{_KIN_NOTE}[）)、,・]"
)
_LOG_LABELS = "受付者|受付|受信者|受|発信者|発信|相手|記録者|記録|対応者|対応|担当者|記入者|報告者|文責"
_STAFF = "事務|教頭|校長|担任|母|父|祖母|祖父|保護者|SSW|SC|養護|職員|指導員|相談員"
#: a contact-log label, a family name and a role or kinship note: 受付者：谷（事務）, 発信：星（母）;
#: a role, then the name in brackets: 受：事務（原）; 記録 + space + name + closing bracket: （記録 森）
RE_LOG_NAME = re.compile(
    rf"(?:^|(?<=[\n\s（(]))(?:{_LOG_LABELS})(?:[：:][ \u3000]*(?P<a>[一-龥々]{{1,3}})[（(](?:{_STAFF})[）)]"
    rf"|[：:][ \u3000]*(?:{_STAFF})[（(](?P<b>[一-龥々]{{1,3}})[）)]"
    rf"|[ \u3000](?P<c>[一-龥々]{{1,3}})[）)])"
)
#: a letter's addressee: a family name, a space, a given name, 様, alone on a line (a role may come first)
RE_ADDRESSEE = re.compile(
    r"(?m)(?:^|(?<=[ \u3000]))(?P<name>[一-龥々]{1,3}[ \u3000][一-龥々ぁ-ゖ]{1,4})[ \u3000]*(?:様|さま|殿)[ \u3000]*$"
)
#: a word alone on a line before 先生/様 (a letter's salutation: 〇〇先生 / 〇〇様); organisations and
#: roles (校長先生, 教育長様, 保護者様) are not names
RE_SALUTATION = re.compile(r"(?m)^[ \u3000]*(?P<name>[一-龥々]{1,4})[ \u3000]*(?:先生|様|さま|殿)[ \u3000]*$")
_ORG_TAIL = "長会所校課室部園院局係班団"
#: a family name SudachiDict lists, a space, a katakana given name, then a grade, an honorific, a
#: bracket or a cell edge: 平良 カイ 中2, 森 エマ さん
RE_KATAKANA_GIVEN = re.compile(
    r"(?<![一-龥々ぁ-ゖァ-ヺ])(?P<family>[一-龥々]{1,3})[ \u3000](?P<given>[ァ-ヺー]{2,5})"
    r"(?=[ \u3000]*(?:[小中高][1-6１-６]|さん|くん|ちゃん|君|様|[（(]|\t|\n|$))"
)
#: a code alone in title brackets (【FS2404-031】, 〔24-0915〕): letters or digits with a hyphen
RE_BRACKET_CODE = re.compile(
    r"[【〔［\[](?P<code>(?=[A-Za-z0-9-]*[0-9]{3})(?![0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[】〕］\]])"
    r"[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){1,3})[】〕］\]]"
)
RE_BARE_SCHOOL = re.compile(r"(?:小|中|高等|義務教育|特別支援)?学校|高校|中学|小学|幼稚園|保育園|こども園")
RE_ADDRESS_LABEL = re.compile(r"^(?:[一-龥]{0,4}住所|所在地|自宅|訪問先)[ \u3000：:]+")
#: a building written after a space, with a room or floor: メゾン東口3F, サンハイツ港A-203
RE_BUILDING_AFTER = re.compile(
    r"^[ \u3000](?P<b>(?:第[0-9]{1,2})?[ァ-ヺー・一-龥々A-Za-z]{2,14}?[0-9]{0,3}[ \u3000]?"
    r"(?:[A-Z]-?[0-9]{2,4}|[0-9]{1,2}F(?:-[A-Z0-9]{1,4})?|[0-9]{1,2}階|[0-9]{2,4}号?室?))(?=\s|$|[、。,）)])"
)


#: a house number or a 地割/番地 continuation cut off an address: 3丁目|41, 32|地割11番地
RE_ADDRESS_TAIL = re.compile(r"(?<=丁目)[0-9０-９]{1,4}(?:[-－][0-9０-９]{1,4})*(?:番地?|号)?(?![0-9０-９年月日歳時分])"
                             r"|(?<=[0-9０-９])(?:地割|番地の?|番)[0-9０-９]{1,4}(?:番地?|号)?(?:[-－の][0-9０-９]{1,4})*")

_PARENT = "(?:母|父|母親|父親|祖母|祖父|保護者)"
#: a name, の and a parent word that signs a letter or a call: 颯真の母です, かなたの母より, （ゆづきの父）
RE_PARENT_OF = re.compile(
    rf"(?:^|(?<=[\n、。「（(\s]))(?P<name>[一-龥々]{{1,4}}|[ぁ-ゖー]{{2,5}}|[ァ-ヺー]{{2,6}})の{_PARENT}"
    r"(?=です|でございます|より|から|と申します|[）)]|(?:として|が|は)?(?:迎え|来所|来校|電話|連絡))"
)
#: a kanji name, then its reading and a grade in one bracket: 新（あらた、中2）
RE_READING_GRADE = re.compile(
    rf"(?<![一-龥々])(?P<name>[一-龥々]{{1,3}})[（(](?P<reading>(?![ぁ-ゖー]*(?:ちゃん|くん|さん)[、,・])[ぁ-ゖー]{{2,8}})[、,・]{_GRADE}[^）)]{{0,6}}[）)]"
)
#: a kana word opening a line of a log, before a colon: こはる：朝から元気 (see ``_line_labels``)
RE_LINE_LABEL = re.compile(r"(?m)^[ \u3000]*[・●○\-]?[ \u3000]*(?P<name>[ぁ-ゖー]{2,5}|[ァ-ヺー]{2,6})[：:]")
#: kana words that head a line of a plan or a log (not names)
_KANA_LABELS = frozenset({
    "ねらい", "めあて", "まとめ", "ふりかえり", "きっかけ", "ようす", "よてい", "もちもの", "おしらせ", "れんらく",
    "ようけん", "あらすじ", "こんご", "いま", "きょう", "あした", "きのう", "ごぜん", "ごご", "あさ", "ひる", "よる",
    "ほか", "その他", "メモ", "テーマ", "ポイント", "ケース", "メール", "アドレス", "タイトル", "コメント", "ノート",
})
#: a family word in a child's spelling, (の), a space and a hiragana name: いもうとの　のあ　は
RE_KANA_KIN_NAME = re.compile(
    r"(?:いもうと|おとうと|おにいちゃん|おねえちゃん|あに|あね|ともだち|おともだち|しんゆう)の?[ \u3000]+"
    r"(?P<name>[ぁ-ゖー]{2,5})(?=[ \u3000]+(?:は|が|も|と|の|に)[ \u3000]|[ \u3000]*[（(\n])"
)
#: a role and a space before a family name that ends its line or its item: 生徒指導主事 長尾, 受：事務 佐野
RE_ROLE_SPACE_END = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.ROLE_SUFFIXES | lx.ROLE_PREFIXES | {"事務", "学年主任", "生徒指導主事", "教務主任"},
                                            key=len, reverse=True)))
    + r")[ \u3000]+(?P<name>[一-龥々]{1,4})(?:[ \u3000](?P<given>[一-龥々]{1,3}|[ぁ-ゖ]{2,4}))?(?=[ \u3000]*(?:\n|$|[／/、,]))"
)
#: a name label, then a family name and a given name with a space or a dot: 氏名：宮代 柊真（…）
RE_LABEL_FULL_NAME = re.compile(
    r"(?:氏名|名前|児童名|生徒名|児童氏名|生徒氏名|児童生徒氏名|本人氏名|保護者氏名|保護者名|子どもの名前)[：:][ \u3000]*"
    r"(?P<name>[一-龥々]{1,3}[ \u3000・][一-龥々ぁ-ゖァ-ヺー]{1,4})(?=[（(\n\t/／,，、]|[ \u3000]|$)"
)


#: ordinary words that also stand in a grade or family bracket (小6・別室, 弟（中1・在宅）)
_SLOT_WORDS = frozenset({
    "男", "女", "男子", "女子", "男児", "女児", "本人", "不明", "未定", "同上", "別室", "在宅", "保健室", "相談室",
    "単身", "休学", "転校", "転入", "帰国", "外国籍", "双子", "一人", "独居", "同居", "別居", "通信制", "私立",
    "公立", "支援級", "普通級", "特別支援", "入院", "通院", "就労", "無職", "学生", "社会人", "大学生", "高校生",
})


def _strong_slot_name(w: str) -> float:
    """A word in a slot only a person fills: a name's shape (ordinary kana words and ordinary
    kanji states such as 在籍, 別室 are not names; 颯, 蒼空, 湊斗 are)."""
    if w in lx.NOT_NAMES or w in _SLOT_WORDS or w in lx.KIN_ROLE_WORDS or w in lx.ROLE_SUFFIXES:
        return 0.0
    kanji = re.fullmatch("[一-龥々]+", w) is not None
    conf = name_shaped(w, strict=len(w) > 2 or not kanji)
    if conf and kanji and len(w) == 2 and any(t.pos[2:3] == ("サ変可能",) for t in tokenize(w)):
        return 0.0  # 在籍, 欠席, 登校: a state, not a name
    if conf:
        return max(conf, 0.8)
    if kanji and len(w) == 1 and w not in lx.NOT_NAME_TAIL:
        return 0.75
    if kanji and len(w) in (2, 3) and all(len(t.surface) == 1 for t in tokenize(w)):
        return 0.75  # two kanji SudachiDict only knows apart (湊+斗)
    if re.fullmatch("[ぁ-ゖー]{2,5}", w) and w not in lx.NOT_HIRAGANA_NAMES and not w.startswith("お") \
            and not is_common_kana_word(w):
        return 0.75
    return 0.0


def detect_marks(text: str) -> list[Candidate]:
    """Person and id candidates from the marks next to them, in ``text``'s coordinates."""
    out: list[Candidate] = []
    for m in RE_INITIAL.finditer(text):
        out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.8))
    for rx in (RE_NOTE_DOT_NAME, RE_BRACKET_HONORIFIC):
        for m in rx.finditer(text):
            conf = _strong_slot_name(m.group("name"))
            if conf:
                out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", conf))
    for m in RE_ONE_KANJI_NOTE.finditer(text):
        if is_lexicon_surname(m.group("name")) or is_lexicon_person(m.group("name")):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.8))
    for m in RE_LOG_NAME.finditer(text):
        g = next(k for k in "abc" if m.group(k))
        w = m.group(g)
        if (is_lexicon_surname(w) or is_lexicon_person(w) or (len(w) > 1 and name_shaped(w, strict=True))) \
                and w not in lx.NOT_NAMES and w not in lx.ROLE_SUFFIXES and w not in lx.KIN_ROLE_WORDS:
            out.append(Candidate(m.start(g), m.end(g), "person", "mark", 0.8))
    for m in RE_ADDRESSEE.finditer(text):
        family = re.split(r"[ \u3000]", m.group("name"))[0]
        if is_lexicon_surname(family) and family not in lx.NOT_NAMES:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.85))
    out += _letters_and_logs(text)
    for m in RE_SALUTATION.finditer(text):
        w = m.group("name")
        if (w[-1] not in _ORG_TAIL and w not in lx.NOT_NAMES and w not in lx.ROLE_SUFFIXES and w not in lx.ROLE_PREFIXES
                and w not in lx.KIN_ROLE_WORDS and w not in lx.ORG_WORDS and not lx.RE_ANONYMISED.match(w)):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.8))
    for m in RE_KATAKANA_GIVEN.finditer(text):
        if is_lexicon_surname(m.group("family")) and m.group("family") not in lx.NOT_NAMES and name_shaped(m.group("given")):
            out.append(Candidate(m.start("family"), m.end("given"), "person", "mark", 0.8))
    for m in RE_BRACKET_CODE.finditer(text):
        out.append(Candidate(m.start("code"), m.end("code"), "id", "mark", 0.8))
    return out


def _letters_and_logs(text: str) -> list[Candidate]:
    """Names signed as a parent's child, read with a grade, heading a log line, after a child's
    family word, or after a role at the end of a line (see the regexes above)."""
    out: list[Candidate] = []
    for m in RE_PARENT_OF.finditer(text):
        conf = _strong_slot_name(m.group("name"))
        if conf:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", conf))
    for m in RE_READING_GRADE.finditer(text):
        w = m.group("name")  # a reading and a grade together: even 新 (あらた) is a name here
        if w not in _SLOT_WORDS and w not in lx.KIN_ROLE_WORDS and w not in lx.ROLE_SUFFIXES and w not in lx.ORG_WORDS:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.8))
            out.append(Candidate(m.start("reading"), m.end("reading"), "person", "mark", 0.8))
    heads = [m for m in RE_LINE_LABEL.finditer(text) if m.group("name") not in _KANA_LABELS
             and m.group("name") not in lx.NOT_HIRAGANA_NAMES and not is_lexicon_place(m.group("name"))
             and not any(t.pos[2:3] == ("地名",) for t in tokenize(m.group("name")))
             and name_shaped(m.group("name"))]
    for m in heads:
        w = m.group("name")
        again = len(re.findall(r"(?<![ぁ-ゖァ-ヺー])" + re.escape(w) + r"(?![ぁ-ゖァ-ヺー])", text)) > 1
        if len(heads) >= 2 or again:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.75))
    for m in RE_KANA_KIN_NAME.finditer(text):
        if _strong_slot_name(m.group("name")):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.75))
    for m in RE_ROLE_SPACE_END.finditer(text):
        w = m.group("name")
        if is_lexicon_surname(w) and w not in lx.NOT_NAMES and w not in lx.ROLE_SUFFIXES and w not in lx.KIN_ROLE_WORDS:
            end = m.end("given") if m.group("given") and _strong_slot_name(m.group("given")) else m.end("name")
            out.append(Candidate(m.start("name"), end, "person", "mark", 0.8))
    for m in RE_LABEL_FULL_NAME.finditer(text):
        family, given = re.split(r"[ \u3000・]", m.group("name"), maxsplit=1)
        if family not in lx.NOT_NAMES and family not in _SLOT_WORDS and given not in _SLOT_WORDS and (
                is_lexicon_surname(family) or _strong_slot_name(given)):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "mark", 0.85))
    return out


def cut_glued_heads(text: str, origin: list[int], cands: list[Candidate]) -> list[Candidate]:
    """Address and school candidates of a view that the joined view glued to the end of the line
    before (岡 優斗 / 学校：…, 入江 和也 / 宵ヶ浜市…) start after that line break, so the name on
    the line before is not swallowed when candidates are merged. An address keeps a line with a
    digit; a school keeps a founder (…市立) on the line before. Changed in place; returns ``cands``."""
    for c in cands:
        if c.kind not in ("address", "school") or c.end > len(origin) or c.start >= c.end:
            continue
        s, e = origin[c.start], origin[c.end - 1] + 1
        nl = text.rfind("\n", s, e)
        if nl < 0:
            continue
        head = text[s:nl]
        if (c.kind == "address" and re.search(r"[0-9０-９]", head)) or (
                c.kind == "school" and re.search(r"[都道府県市区町村]立[ \u3000]*$|^(?:国立|公立|私立)[ \u3000]*$", head)):
            continue
        new = next((i for i in range(c.start, c.end) if origin[i] > nl), None)
        if new is not None:
            c.start = new
            if c.kind == "school" and (len(text[origin[new]:e]) <= 2 or RE_BARE_SCHOOL.fullmatch(text[origin[new]:e])):
                c.kind = "drop"  # only 学校 / 中学校 was left: the line before held the name
    return [c for c in cands if c.kind != "drop"]


def repair_addresses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Address spans in ``text``'s coordinates without a label or heading line in front, and
    with a building written after a space (changed in place; returns ``cands``).

    Round 15: a span starts at the prefecture written right before it on the same line
    (茨城県つくば市…), runs on over a house number or a 地割/番地 continuation cut off from it
    (…3丁目41, …32地割11番地, joining an address finding that starts there) and over a
    building whose name holds digits or whose room follows a space (メゾン北19 302,
    第2コーポ大師 102, ロイヤルコート幕張3F-B). A sentence after an address is left out."""
    for c in cands:
        if c.kind == "address":
            head = text[max(0, c.start - 12):c.start]
            head = re.split(r"[\s、。：:，,]", head)[-1]
            p = lx.RE_PREFECTURE.search(head)
            if p and not lx.RE_PREFECTURE.match(text, c.start):
                c.start -= len(head) - p.start()
    for c in cands:
        if c.kind != "address":
            continue
        m = RE_ADDRESS_TAIL.match(text, c.end)
        if m and m.end() > c.end:
            c.end = m.end()
        for d in cands:
            if d is not c and d.kind == "address" and c.start < d.start <= c.end:
                c.end = max(c.end, d.end)
                d.kind = "_gone"
    cands[:] = [c for c in cands if c.kind != "_gone"]
    for c in cands:
        if c.kind != "address":
            continue
        span = text[c.start:c.end]
        nl = span.rfind("\n")
        if nl >= 0 and not re.search(r"[0-9０-９]", span[:nl]):
            c.start += nl + 1
            span = text[c.start:c.end]
        m = RE_ADDRESS_LABEL.match(span)
        if m and m.end() < len(span) - 4:
            c.start += m.end()
        if re.search(r"[0-9０-９]$", text[c.start:c.end]):
            b = RE_BUILDING_AFTER.match(text[c.end:c.end + 24])
            if b:
                c.end += b.end("b")
    return cands

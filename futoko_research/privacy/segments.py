"""Rules on the original text's layout: table cells (flattened tables: ``a | b | c``), a role
or label followed by a space and a name (教頭 小野寺, SSW 岸辺), and speaker labels at the
start of a line in minutes (岸辺：…). Spans are in the original text's coordinates.

The joined view used elsewhere removes whitespace between Japanese characters; here the
space is the signal, so these rules read the text itself.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.shapes import detect_shapes
from futoko_research.privacy.tablecols import RE_USER_NAME_CELL, header_kind_other
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_proper,
    is_lexicon_surname,
    is_name_script,
    tokenize,
)

RE_CELL_SPLIT = re.compile(r"[|｜\t→⇒／]")
RE_CODE = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z-])[A-Za-z]{0,3}[0-9]{0,3}[A-Za-z]?-?[0-9]{3,6}$")
RE_POSTCODE_CELL = re.compile(r"^[0-9]{3}-?[0-9]{4}$")
RE_READING_CELL = re.compile(r"^[ぁ-ゖー]{2,8}[ \u3000][ぁ-ゖー]{2,8}$")
_ROLES = sorted(lx.ROLE_PREFIXES | lx.KIN_ROLE_WORDS | lx.NAME_NOUNS | {"校長", "教頭", "担任"}, key=len, reverse=True)
RE_ROLE_SPACE_NAME = re.compile(
    "(?:" + "|".join(map(re.escape, _ROLES)) + r")[ \u3000]+(?P<name>[^\s、。,，|｜（(）)：:・\]】]{1,5}(?:[ \u3000][^\s、。,，|｜（(）)：:・\]】]{1,3})?)"
)
#: a speaker label opening a line of minutes (岸辺：…), after a list bullet (・岸辺：) or a role and a
#: middle dot (記録者・岸辺：); the bullet and the role are not part of the name
RE_SPEAKER = re.compile(
    r"(?m)^[ \u3000]*(?:[・●○◆◇■□\-*＊]|(?:" + "|".join(map(re.escape, _ROLES)) + r")・)?"
    r"(?P<name>[^\s：:|｜、。【】\[\]・]{1,5})[：:]"
)
RE_KIN_BRACKET = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS | lx.ROLE_SUFFIXES, key=len, reverse=True))) + r")[（(](?P<name>[^）)、\s]{1,6})[）)]"
)


RE_LABEL_LIST = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.NAME_LABELS, key=len, reverse=True))) + r")[：:]\s*(?P<items>[^\n。]{1,80})"
)


#: a family name, a space, a given name in hiragana or kanji (白石 こはる, 森 陽翔)
RE_SPACED_NAME = re.compile(
    r"(?<![一-龥々ぁ-ゖァ-ヺ])(?P<family>[一-龥々]{1,3})[ \u3000](?P<given>[ぁ-ゖ]{2,5}|[一-龥々]{1,3})"
    r"(?=[のはがともをに、。，,（(）)\s|｜]|さん|ちゃん|くん|君|様|$)"
)


#: a family and a given name in hiragana with a space, before an honorific or a bracket
#: (さわだ ゆうと さん): the whole run, not a part that Sudachi happens to tag (わだ ゆうと)
RE_KANA_FULL_NAME = re.compile(
    r"(?<![ぁ-ゖァ-ヺ一-龥々])(?P<name>[ぁ-ゖ]{2,5}[ \u3000・][ぁ-ゖ]{2,5})(?=[ \u3000]?(?:さん|くん|ちゃん|様)|[（(）)])"
)
#: what may follow a family name, a space and a given name in kanji that SudachiDict does not
#: list as a name (桐生 颯（きりゅう…, 佐伯 蒼空 さん, 林 大翔　小5, 岡本 葵 愛知県…)
RE_AFTER_FULL_NAME = re.compile(
    r"^(?:[ \u3000]?(?:さん|ちゃん|くん|君|様|氏|先生)|[（(][ぁ-ゖァ-ヺー \u3000]{2,16}[）)]"
    r"|[ \u3000\t]+(?:[小中高][1-6]|[1-6]年|〒|[0-9]|[一-龥]{0,4}番号|ID|No|(?:" + "|".join(lx.PREFECTURES) + r"))|[ \u3000]*[|｜\t／/]|[ \u3000]*$)"
)
#: a column header for readings, and a hiragana family and given name as the last field of a row
RE_READING_HEADER = re.compile(r"(?:^|[ \u3000\t|｜,，])(?:よみがな|ふりがな|フリガナ|ヨミガナ|読み仮名)(?:[ \u3000\t|｜,，]|$)", re.M)
RE_READING_PAIR = re.compile(
    r"(?<=[ \u3000\t|｜,，])(?P<name>[ぁ-ゖー]{2,6}[ \u3000][ぁ-ゖー]{2,6})(?=[ \u3000]*(?:$|[\t|｜,，]))", re.M
)
#: a school's short form as a field of its own in a space- or bar-separated row (… 北浜中 2 44 …)
RE_SCHOOL_FIELD = re.compile(r"(?:^|(?<=[\s|｜,，/／]))(?P<school>[一-龥々ヶ]{1,5}[小中高])(?=[\s|｜,，/／]|$)")


def _given_kanji_ok(given: str, after: str) -> bool:
    """A given name in kanji that SudachiDict does not list as a name (颯, 蒼空, 大翔), accepted
    when what follows is said of a person's full name: an honorific, a reading, a grade, a
    postcode or address, a cell edge."""
    if (given in lx.NOT_NAMES or given in lx.ROLE_SUFFIXES or given in lx.KIN_ROLE_WORDS or given in lx.ORG_WORDS
            or given in lx.SCHOOL_SUFFIXES or given in lx.NON_PERSON_NEXT or given in lx.NAME_NOUNS
            or (len(given) == 1 and given in lx.NOT_NAME_TAIL) or (len(given) > 1 and is_abstract_noun(given))):
        return False
    toks = tokenize(given)
    if any(t.pos[1:2] in (("数詞",), ("代名詞",)) or t.pos[2:3] in (("地名",), ("組織",)) for t in toks):
        return False
    return RE_AFTER_FULL_NAME.match(after) is not None


def _person_like(s: str, *, hiragana: bool = False, after_kin: bool = False, katakana_word: bool = False) -> float:
    """Confidence that a whole short string (a cell, a word after a role) is a person's name."""
    core = s.replace(" ", "").replace("\u3000", "").replace("・", "")
    if not core or core in lx.NOT_NAMES or core in lx.KIN_ROLE_WORDS or core in lx.ROLE_SUFFIXES \
            or bool(lx.RE_ANONYMISED.match(core)) or bool(lx.RE_PSEUDONYM.fullmatch(core)):
        return 0.0
    if not is_name_script(core, hiragana=hiragana):
        return 0.0
    toks = tokenize(core)
    if not toks or len(toks) > 4:
        return 0.0
    if any(t.surface in lx.NOT_NAMES or t.surface in lx.ORG_WORDS or t.surface in lx.SCHOOL_SUFFIXES
           or t.surface in lx.NON_PERSON_NEXT for t in toks):
        return 0.0
    person = [len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "人名" for t in toks]
    if all(person) or (person[0] and len(toks) == 2 and is_name_script(toks[1].surface)):
        return 0.85
    if len(toks) == 1 and len(core) <= 4 and is_lexicon_person(core) and not is_hiragana(core) \
            and not is_katakana(core) and (after_kin or not is_abstract_noun(core)):
        return 0.8
    if is_katakana(core) and len(core) >= 2 and (toks[0].oov or any(person)):
        return 0.75
    if katakana_word and is_katakana(core) and 2 <= len(core) <= 6 and len(toks) == 1 \
            and toks[0].pos[2:3] != ("サ変可能",):
        return 0.7  # a katakana word in a row that names a person (オマル | 真壁 | 3年4組)
    if hiragana and is_hiragana(core) and 2 <= len(core) <= 6 and core not in lx.NOT_HIRAGANA_NAMES and (
        after_kin or (len(core) >= 3 and (len(toks) > 1 or any(person) or toks[0].oov))
    ) and not core.startswith("お"):
        return 0.75
    return 0.0


def _cells(text: str):
    """(start, end, cell) of each stripped cell of each line that has a cell separator."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if RE_CELL_SPLIT.search(line):
            start = 0
            for m in [*RE_CELL_SPLIT.finditer(line), None]:
                end = m.start() if m else len(line.rstrip("\r\n"))
                cell = line[start:end]
                lead = len(cell) - len(cell.lstrip())
                core = cell.strip()
                if core:
                    yield pos + start + lead, pos + start + lead + len(core), core
                start = m.end() if m else end
        pos += len(line)


#: column headers of a table and the kind of personal data in their column
TABLE_HEADERS = {
    **dict.fromkeys(("氏名", "名前", "児童名", "生徒名", "児童氏名", "生徒氏名", "保護者", "保護者名", "保護者氏名",
                     "本人氏名", "担任", "担当", "担当者", "記入者", "相談者"), "person"),
    **dict.fromkeys(("番号", "ID", "Id", "id", "No", "No.", "NO", "№", "児童番号", "生徒番号", "受付番号", "整理番号",
                     "ケース番号", "管理番号", "学籍番号", "ケースNo", "ケースNo.", "コード", "登録番号"), "id"),
    **dict.fromkeys(("郵便番号", "〒"), "postcode"),
    **dict.fromkeys(("生年月日", "誕生日", "出生日"), "date_of_birth"),
    **dict.fromkeys(("学級", "学年・組", "学年組", "クラス", "組"), "class"),
    **dict.fromkeys(("学校", "学校名", "在籍校", "所属校", "在籍", "前籍校"), "school"),
    **dict.fromkeys(("よみがな", "ふりがな", "フリガナ", "ヨミガナ", "読み仮名"), "reading"),
}
#: headers of a column that numbers the rows (1, 2, 3 under No. are row numbers, not ids)
ROW_NUMBER_HEADERS = frozenset({"No", "No.", "NO", "№", "No．", "#"})
RE_DOB_CELL = re.compile(
    r"^(?:[0-9]{4}[./-][0-9]{1,2}[./-][0-9]{1,2}|[RHST][0-9]{1,2}[./][0-9]{1,2}[./][0-9]{1,2}"
    r"|(?:令和|平成|昭和)[0-9元]{1,2}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日)$"
)
RE_CLASS_CELL = re.compile(
    r"^(?:[小中高]?[1-6]-[0-9]{1,2}|[1-6]年[0-9A-Za-z]{1,2}組|[1-6]年[0-9]{1,2}|[1-6][A-Za-z]|[0-9]{1,2}組)$"
)
RE_SCHOOL_CELL = re.compile(r"^[一-龥々ヶァ-ヺぁ-ゖ]{1,10}(?:小学校|中学校|高等学校|高校|学校|学園|小|中|高)$")
RE_READING_FULL = re.compile(r"^[ぁ-ゖー]{1,6}(?:[ \u3000][ぁ-ゖー]{1,6})?$")
#: a person cell: a name and what follows in brackets (菅野陽向（かんの ひなた）, さくら（小3）)
RE_PERSON_CELL = re.compile(r"^(?P<name>[^（(）)]+?)[ \u3000]*(?:[（(](?P<inner>[^）)]*)[）)])?$")
#: a name or reading in half-width katakana, one or two words (old systems export these)
RE_HALF_KANA_NAME = re.compile(r"^[ｦ-ﾟ]{2,10}(?:[ \u3000][ｦ-ﾟ]{1,10})?$")
RE_TABLE_SPLIT = re.compile(r"[,，\t|｜]")
RE_SPACE_SPLIT = re.compile(r"[ \u3000]+")
RE_ID_CELL = re.compile(r"^(?=.*[0-9])(?:[一-龥ぁ-ゖァ-ヺ]{1,3}-(?=[0-9]))?[A-Za-z0-9][A-Za-z0-9-]{0,15}$")


def header_kind(cell: str) -> str | None:
    """The kind of a column from its header: exact (氏名), without a bracketed note
    (氏名（ふりがな） → person) or with its parts joined differently (学年-組, 学年/組 → class)."""
    cell = cell.strip()
    for key in (cell, re.sub(r"[（(][^）)]*[）)]$", "", cell), re.sub(r"[-－/／・]", "・", cell)):
        if key in TABLE_HEADERS:
            return TABLE_HEADERS[key]
    return (_header_by_ending(re.sub(r"[（(][^）)]*[）)]$", "", cell))
            or header_kind_other(re.sub(r"[（(][^）)]*[）)]$", "", cell), TABLE_HEADERS))


#: a header that names people by its ending (来所者, 参加者, 児童生徒名, 対象児童名)
RE_PERSON_HEADER = re.compile(r"^[一-龥]{0,4}(?:来所者|参加者|対象者|利用者|面談者|相談者|記入者|記録者|対応者|担当者|"
                              r"児童|生徒|児童生徒|対象児|本人)(?:名|氏名)?$|^[一-龥]{1,4}(?:氏名|者名)$")
#: a header that names ids by its ending (受付No., カルテ番号, 利用者ID), not a phone or postcode
RE_ID_HEADER = re.compile(r"^[一-龥ァ-ヺー]{1,6}(?:番号|No\.?|NO\.?|ID|コード)$")
RE_NOT_ID_HEADER = re.compile(r"(?:電話|携帯|郵便|FAX|ファックス|部屋|内線)番号$"
                              r"|(?:理由|区分|種別|分類|教科|科目)(?:コード|番号)$")  # a category's code (round 23)


def _header_by_ending(cell: str) -> str | None:
    """The kind of a column whose header is not listed, from the header's ending (round 12)."""
    if RE_ID_HEADER.match(cell) and not RE_NOT_ID_HEADER.search(cell):
        return "id"
    if RE_PERSON_HEADER.match(cell) and cell not in ("児童", "生徒", "本人"):
        return "person"
    return None


#: header cells that hold a number without being data (4月, 2学期, 第3回, 5/7): months, terms
#: and sessions are column names of an attendance table
RE_PERIOD_HEADER = re.compile(r"^(?:[0-9]{1,2}月|[1-3]学期|第?[0-9]{1,2}回(?:目)?|[0-9]{1,2}/[0-9]{1,2}|[0-9]{1,2}日"
                              r"|R?[0-9]{1,4}年度?|[0-9]{1,2}週目?)$")
#: a header cell with a number that names a column (round 23): a numbered column (住所1, 住所2,
#: 電話2) or a period and what it counts (6月欠席, 2学期出席日数)
RE_NUMBERED_HEADER = re.compile(r"^(?:[一-龥ァ-ヺー]{1,6}[0-9]|(?:[0-9]{1,2}月|[1-3]学期)[一-龥]{1,6})$")


def _person_cell(s: int, core: str) -> list[Candidate]:
    """A name in a column headed 氏名, and a reading in brackets after it."""
    if RE_HALF_KANA_NAME.match(core):  # ﾔﾏｸﾞﾁ ｿｳﾀ: a name exported in half-width katakana (round 12)
        return [Candidate(s, s + len(core), "person", "segment", 0.8)]
    if RE_USER_NAME_CELL.match(core):  # nishikawa.rio under ``name``: a platform's user name (round 17)
        return [Candidate(s, s + len(core), "person", "segment", 0.8)]
    core_kata = re.fullmatch(r"(?P<a>[ァ-ヺー]{2,8})[,，、][ \u3000]?(?P<b>[ァ-ヺー]{1,8})", core)
    if core_kata:  # ヤナギ, ソウスケ: family name, comma, given name (a roster's reading column)
        return [Candidate(s, s + len(core), "person", "segment", 0.85)]
    m = RE_PERSON_CELL.match(core)
    if not m:
        return []
    out = []
    name_raw = m.group("name")
    kin = re.search(r"[・、,と](?:" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS, key=len, reverse=True)))
                    + r")(?:同伴|同席)?$", name_raw)
    if kin and not m.group("inner"):
        name_raw = name_raw[:kin.start()]  # 大石 花音・母: the child and a parent who came with her
    name = name_raw.replace(" ", "").replace("\u3000", "").replace("・", "")
    if (2 <= len(name) <= 10 and is_name_script(name, hiragana=True) and name not in lx.NOT_NAMES
            and name not in lx.KIN_ROLE_WORDS and not lx.RE_ANONYMISED.match(name)
            and not lx.RE_PSEUDONYM.fullmatch(name) and not is_abstract_noun(name)):
        out.append(Candidate(s, s + len(name_raw), "person", "segment", 0.85))
        inner = (m.group("inner") or "").strip()
        if inner and RE_READING_FULL.match(inner) and inner not in lx.NOT_HIRAGANA_NAMES:
            i = core.index(inner, len(name_raw))
            out.append(Candidate(s + i, s + i + len(inner), "person", "segment", 0.8))
    return out


def _header_table(folded: str) -> list[Candidate]:
    """Cells under a header row (氏名,番号,… / 番号\t氏名): a column headed 氏名 holds names, one
    headed 番号 or ID holds ids, one headed 郵便番号 postcodes, in every following row with as
    many cells (CSV pasted into a note: ``番号,氏名\n112,片桐美羽``). Round 23: a header cell may
    hold a number that names a column (住所1, 6月欠席); a category's code (理由コード) is no id."""
    out: list[Candidate] = []
    columns: list[str | None] | None = None
    headers: list[str] = []
    spaced = False
    pos = 0
    for line in folded.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        # a table whose columns are separated by spaces only (ID　　氏名　　学校 / NK-07　名前　学校)
        # a row of a table whose header was split by spaces is split by spaces too (0412 ヤナギ, ソウスケ)
        split = RE_TABLE_SPLIT if RE_TABLE_SPLIT.search(body) and not (columns is not None and spaced) \
            else RE_SPACE_SPLIT
        cells, start = [], 0
        for m in [*split.finditer(body), None]:
            end = m.start() if m else len(body)
            cells.append((pos + start, body[start:end]))
            start = m.end() if m else end
        pos += len(line)
        if len(cells) < 2:
            columns = None
            continue
        kinds = [header_kind(c) for _, c in cells]
        # a space-separated header names two known columns, or an id column among four cells or
        # more (整理番号　学年　欠席日数　状況; round 18)
        if sum(k is not None for k in kinds) >= (2 if split is RE_SPACE_SPLIT else 1) \
                or (split is RE_SPACE_SPLIT and len(cells) >= 4 and kinds.count("id") == 1):
            if all(header_kind(c) or RE_PERIOD_HEADER.match(c.strip()) or RE_NUMBERED_HEADER.match(c.strip())
                   or not re.search(r"[0-9]", re.sub(r"[（(][^）)]*[）)]", "", c)) for _, c in cells):
                columns, headers, spaced = kinds, [c.strip() for _, c in cells], split is RE_SPACE_SPLIT
                continue
        if columns is not None and split is RE_SPACE_SPLIT and spaced and len(cells) == len(columns) + 1 \
                and "person" in columns:
            # a full name written with a space in a space-separated row (4/10 堀口 晴 西中 中1 …): the
            # person cell takes the next one when they are a family and a given name of the lexicon
            k = columns.index("person")
            a, b = cells[k][1].rstrip(",，、"), cells[k + 1][1] if k + 1 < len(cells) else ""
            if k + 1 < len(cells) and (is_family_name(a) or is_given_name(b)
                                       or (is_katakana(a) and is_katakana(b) and len(a) >= 2 and len(b) >= 2)):
                s0 = cells[k][0]
                cells[k:k + 2] = [(s0, folded[s0:cells[k + 1][0] + len(cells[k + 1][1])])]
        if columns is None or len(cells) != len(columns) or (split is RE_SPACE_SPLIT and not spaced):
            continue
        for (s, raw), kind, header in zip(cells, columns, headers):
            core = raw.strip()
            if not core or kind is None:
                continue
            s += len(raw) - len(raw.lstrip())
            if kind == "id" and RE_ID_CELL.match(core):
                if core.isdigit() and (len(core) <= 2 or (len(core) <= 3 and header in ROW_NUMBER_HEADERS)):
                    continue  # a row number
                out.append(Candidate(s, s + len(core), "id", "segment", 0.85))
            elif kind == "date_of_birth" and RE_DOB_CELL.match(core):
                out.append(Candidate(s, s + len(core), "date_of_birth", "segment", 0.85))
            elif kind == "class" and RE_CLASS_CELL.match(core):
                out.append(Candidate(s, s + len(core), "class", "segment", 0.85))
            elif kind == "school" and RE_SCHOOL_CELL.match(core) and core[:-1] not in lx.GENERIC_SCHOOL_WORDS:
                out.append(Candidate(s, s + len(core), "school", "segment", 0.85))
            elif kind == "reading" and RE_HALF_KANA_NAME.match(core):
                out.append(Candidate(s, s + len(core), "person", "segment", 0.8))
            elif kind == "reading" and RE_READING_FULL.match(core) and core not in lx.NOT_HIRAGANA_NAMES:
                out.append(Candidate(s, s + len(core), "person", "segment", 0.8))
            elif kind == "postcode" and RE_POSTCODE_CELL.match(core):
                out.append(Candidate(s, s + len(core), "postcode", "segment", 0.9))
            elif kind == "person":
                out.extend(_person_cell(s, core))
    return out


def detect_segments(text: str) -> list[Candidate]:
    """Candidates from table cells, role + space + name, kin（name）, and speaker labels."""
    folded = fold_text(text)
    table = _header_table(folded)
    ids = {(c.start, c.end) for c in table if c.kind == "id"}  # 1120453 under 児童番号 is no postcode
    out: list[Candidate] = table + detect_shapes(folded)
    cells = list(_cells(folded))
    row_has_person: dict[int, bool] = {}
    for s, _e, cell in cells:
        line = folded.count("\n", 0, s)
        row_has_person[line] = row_has_person.get(line, False) or (
            not is_katakana(cell) and _person_like(cell) >= 0.8)
    for s, e, cell in cells:
        line = folded.count("\n", 0, s)
        label = re.match(r"^[^\s：:]{1,8}[：:][ \u3000]*", cell)  # 連絡網：森
        if label and not RE_CODE.match(cell):
            s, cell = s + label.end(), cell[label.end():]
        if not cell:
            continue
        roman = lx.RE_ROMAJI_NAME.fullmatch(cell)
        if roman and not any(w in lx.NOT_ROMAJI_NAMES for w in re.split(r"[ ,]+", cell)):
            out.append(Candidate(s, e, "person", "segment", 0.8))
        elif RE_POSTCODE_CELL.match(cell) and (s, e) not in ids:
            out.append(Candidate(s, e, "postcode", "segment", 0.8))
        elif RE_CODE.match(cell):
            out.append(Candidate(s, e, "id", "segment", 0.8))
        elif RE_READING_CELL.match(cell):
            out.append(Candidate(s, e, "person", "segment", 0.75))
        else:
            head = re.match(r"^(?:本人|本児|" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS | lx.NAME_NOUNS,
                                                                      key=len, reverse=True)))
                            + r")[ \u3000]+", cell)
            off = head.end() if head else 0
            conf = _person_like(cell[off:], hiragana=True, after_kin=bool(head), katakana_word=row_has_person[line])
            if conf:
                out.append(Candidate(s + off, e, "person", "segment", conf))
    for m in RE_ROLE_SPACE_NAME.finditer(folded):
        name = m.group("name")
        conf = _person_like(name, hiragana=True, after_kin=True)
        if not conf and " " in name:  # 教頭 小野寺 の…: only the first word
            name = name.split(" ")[0]
            conf = _person_like(name, hiragana=True, after_kin=True)
        if conf:
            out.append(Candidate(m.start("name"), m.start("name") + len(name), "person", "segment", conf))
    for m in RE_SPACED_NAME.finditer(folded):
        fam, given = m.group("family"), m.group("given")
        if (is_lexicon_surname(fam) and not is_abstract_noun(fam) and fam not in lx.NOT_NAMES
                and fam not in lx.NAME_NOUNS and fam not in lx.KIN_ROLE_WORDS and fam not in lx.ROLE_PREFIXES
                and given not in lx.NOT_HIRAGANA_NAMES and given not in lx.NOT_NAMES
                and given not in lx.ROLE_SUFFIXES and given not in lx.KIN_ROLE_WORDS
                and (is_hiragana(given) or is_lexicon_person(given) or _person_like(given) > 0
                     or _given_kanji_ok(given, folded[m.end():m.end() + 20]))):
            out.append(Candidate(m.start(), m.end(), "person", "segment", 0.8))
        elif (given in ("より", "から") and re.match(r"[ \u3000]*(?:\n|$)", folded[m.end():])
              and is_lexicon_surname(fam) and not is_abstract_noun(fam) and fam not in lx.NOT_NAMES
              and fam not in lx.KIN_ROLE_WORDS and fam not in lx.ROLE_PREFIXES):
            out.append(Candidate(m.start("family"), m.end("family"), "person", "segment", 0.8))  # a letter's sign-off
    for m in RE_KANA_FULL_NAME.finditer(folded):
        parts = re.split(r"[ \u3000・]", m.group("name"))
        if not any(x in lx.NOT_HIRAGANA_NAMES or x in lx.NOT_NAMES or is_common_kana_word(x) or x.startswith("お")
                   for x in parts):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "segment", 0.8))
    if RE_READING_HEADER.search(folded):
        for m in RE_READING_PAIR.finditer(folded):
            parts = re.split(r"[ \u3000]", m.group("name"))
            if not any(x in lx.NOT_HIRAGANA_NAMES or is_common_kana_word(x) for x in parts):
                out.append(Candidate(m.start("name"), m.end("name"), "person", "segment", 0.8))
    for m in RE_SCHOOL_FIELD.finditer(folded):
        stem = m.group("school")[:-1]
        if (stem not in lx.GENERIC_SCHOOL_WORDS and stem not in lx.FOUNDER_WORDS and stem not in lx.NOT_NAMES
                and (stem in lx.SCHOOL_ABBREV_HEADS or is_lexicon_proper(stem))):
            out.append(Candidate(m.start("school"), m.end("school"), "school", "segment", 0.8))
    for m in RE_LABEL_LIST.finditer(folded):  # 出席者：森、林、小野寺
        pos = m.start("items")
        for part in re.split(r"([、,，/／])", m.group("items")):
            core = part.strip()
            if core and part not in "、,，/／":
                conf = _person_like(core, hiragana=True, after_kin=True)
                if conf:
                    s0 = pos + part.index(core)
                    out.append(Candidate(s0, s0 + len(core), "person", "segment", conf))
            pos += len(part)
    for rx in (RE_SPEAKER, RE_KIN_BRACKET):
        for m in rx.finditer(folded):
            conf = _person_like(m.group("name"), hiragana=rx is RE_KIN_BRACKET, after_kin=rx is RE_KIN_BRACKET)
            if conf:
                out.append(Candidate(m.start("name"), m.end("name"), "person", "segment", conf))
    return out

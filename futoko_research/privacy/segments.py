"""Rules on the original text's layout: table cells (flattened tables: ``a | b | c``), a role
or label followed by a space and a name (教頭 小野寺, SSW 岸辺), and speaker labels at the
start of a line in minutes (岸辺：…). Spans are in the original text's coordinates.

The joined view used elsewhere removes whitespace between Japanese characters; here the
space is the signal, so these rules read the text itself.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    is_abstract_noun,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_surname,
    is_name_script,
    tokenize,
)

RE_CELL_SPLIT = re.compile(r"[|｜\t→⇒／]")
RE_CODE = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z-])[A-Za-z]{0,3}[0-9]{0,3}[A-Za-z]?-?[0-9]{3,6}$")
RE_POSTCODE_CELL = re.compile(r"^[0-9]{3}-?[0-9]{4}$")
RE_READING_CELL = re.compile(r"^[ぁ-ゖー]{2,8}[ \u3000][ぁ-ゖー]{2,8}$")
_ROLES = sorted(lx.ROLE_PREFIXES | lx.KIN_ROLE_WORDS | {"校長", "教頭", "担任"}, key=len, reverse=True)
RE_ROLE_SPACE_NAME = re.compile(
    "(?:" + "|".join(map(re.escape, _ROLES)) + r")[ \u3000]+(?P<name>[^\s、。,，|｜（(）)：:・\]】]{1,5}(?:[ \u3000][^\s、。,，|｜（(）)：:・\]】]{1,3})?)"
)
RE_SPEAKER = re.compile(r"(?m)^[ \u3000]*(?P<name>[^\s：:|｜、。【】\[\]]{1,5})[：:]")
RE_KIN_BRACKET = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS, key=len, reverse=True))) + r")[（(](?P<name>[^）)、\s]{1,6})[）)]"
)


RE_LABEL_LIST = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(lx.NAME_LABELS, key=len, reverse=True))) + r")[：:]\s*(?P<items>[^\n。]{1,80})"
)


#: a family name, a space, a given name in hiragana or kanji (白石 こはる, 森 陽翔)
RE_SPACED_NAME = re.compile(
    r"(?<![一-龥々ぁ-ゖァ-ヺ])(?P<family>[一-龥々]{1,3})[ \u3000](?P<given>[ぁ-ゖ]{2,5}|[一-龥々]{1,3})"
    r"(?=[のはがともをに、。，,（(）)\s|｜]|さん|ちゃん|くん|君|様|$)"
)


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
}
RE_TABLE_SPLIT = re.compile(r"[,，\t|｜]")
RE_ID_CELL = re.compile(r"^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9-]{0,15}$")


def _header_table(folded: str) -> list[Candidate]:
    """Cells under a header row (氏名,番号,… / 番号\t氏名): a column headed 氏名 holds names, one
    headed 番号 or ID holds ids, one headed 郵便番号 postcodes, in every following row with as
    many cells (CSV pasted into a note: ``番号,氏名\n112,片桐美羽``)."""
    out: list[Candidate] = []
    columns: list[str | None] | None = None
    pos = 0
    for line in folded.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cells, start = [], 0
        for m in [*RE_TABLE_SPLIT.finditer(body), None]:
            end = m.start() if m else len(body)
            cells.append((pos + start, body[start:end]))
            start = m.end() if m else end
        pos += len(line)
        if len(cells) < 2:
            columns = None
            continue
        kinds = [TABLE_HEADERS.get(c.strip()) for _, c in cells]
        if any(kinds) and sum(k is not None for k in kinds) * 2 >= 1:
            if all(TABLE_HEADERS.get(c.strip()) or not re.search(r"[0-9]", c) for _, c in cells):
                columns = kinds
                continue
        if columns is None or len(cells) != len(columns):
            continue
        for (s, raw), kind in zip(cells, columns):
            core = raw.strip()
            if not core or kind is None:
                continue
            s += len(raw) - len(raw.lstrip())
            if kind == "id" and RE_ID_CELL.match(core):
                out.append(Candidate(s, s + len(core), "id", "segment", 0.85))
            elif kind == "postcode" and RE_POSTCODE_CELL.match(core):
                out.append(Candidate(s, s + len(core), "postcode", "segment", 0.9))
            elif kind == "person":
                name = core.replace(" ", "").replace("\u3000", "").replace("・", "")
                if (2 <= len(name) <= 10 and is_name_script(name, hiragana=True) and name not in lx.NOT_NAMES
                        and name not in lx.KIN_ROLE_WORDS and not lx.RE_ANONYMISED.match(name)
                        and not lx.RE_PSEUDONYM.fullmatch(name) and not is_abstract_noun(name)):
                    out.append(Candidate(s, s + len(core), "person", "segment", 0.85))
    return out


def detect_segments(text: str) -> list[Candidate]:
    """Candidates from table cells, role + space + name, kin（name）, and speaker labels."""
    folded = fold_text(text)
    out: list[Candidate] = _header_table(folded)
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
        elif RE_POSTCODE_CELL.match(cell):
            out.append(Candidate(s, e, "postcode", "segment", 0.8))
        elif RE_CODE.match(cell):
            out.append(Candidate(s, e, "id", "segment", 0.8))
        elif RE_READING_CELL.match(cell):
            out.append(Candidate(s, e, "person", "segment", 0.75))
        else:
            head = re.match(r"^(?:本人|本児|" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS, key=len, reverse=True)))
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
                and given not in lx.NOT_HIRAGANA_NAMES and given not in lx.NOT_NAMES
                and given not in lx.ROLE_SUFFIXES and given not in lx.KIN_ROLE_WORDS
                and (is_hiragana(given) or is_lexicon_person(given) or _person_like(given) > 0)):
            out.append(Candidate(m.start(), m.end(), "person", "segment", 0.8))
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

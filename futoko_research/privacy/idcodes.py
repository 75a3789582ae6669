"""Case and record numbers beyond the fixed labels of :data:`~futoko_research.privacy.lexicon.RE_ID`.

Japanese records number a case in many ways; the rules here read the *shape* of a label and
of a code, not a list of labels:

- any label that ends in 番号 / ID / No (カルテ番号, 受理番号, 診察券番号, 受付No.), with a colon,
  a space or nothing before the code; the code may open with kanji (児相2024-1187) or carry
  kanji between hyphens (2024-相-0592). Labels of a phone, a postcode or a room are not ids;
- a code after ケース / 事例 / Case (ケース：W-18, ケース#27, CASE 088): letters and digits,
  or two digits and more when a separator (#, No, 番号, ：) or a leading zero says code, never
  a count (ケース12件, 事例3);
- ``No.17`` alone on a line directly above a name label (No.17 / 氏名：…): the number of a
  record card, while No.1 of an agenda stays a list number;
- an English label (Pupil code JP-KW-05-118, Case ID 2231);
- a letter code directly before a grade or age note (入所児童 C-22（小6女子）);
- ``#0117`` opening two lines or more of a case list (round 17);
- an account name after ``ID：`` (WeChat ID：lin_0815; round 17); codes with a kanji or letter
  part between hyphens after the first kanji (児-R6-0533, 宵-生-7781; round 17).
- round 18: an account name after an English user / login / account label (user: s2024-1193);
  a case code with a kanji part (ケース：R6-要-039); two hyphenated numbers before a grade note
  whose second part is no month (2311-052（中2）); two hyphenated numbers after 番号 and a
  space (番号　五二－〇一八, kanji digits in the normalised copy).
- round 30: a full-width space after the label (診察券番号　0059024); 受験番号 is an id (all ten
  in the development notes are marked so); the numbers of :data:`RE_CARD_NUMBER`,
  :data:`RE_INSURANCE`, :data:`RE_USER_ID`, :data:`RE_RESIDENCE_CARD` and
  :data:`RE_OFFICE_ERA_CODE`.
"""

from __future__ import annotations

import re

from futoko_research.privacy.text import Candidate

#: the code after a label: kanji or letters before digits, hyphenated parts (kanji allowed
#: between hyphens), or a plain number
_CODE = (r"(?:[一-龥ァ-ヺ]{1,3}-(?:[A-Za-z]{1,3}[0-9]{0,2}|[一-龥]{1,2})-[0-9]{2,8}(?:-[0-9A-Za-z]+)*"  # 児-R6-0533, 宵-生-7781
         r"|[一-龥ァ-ヺ]{1,3}-?[0-9]{2,8}(?:-[0-9A-Za-z]+)*"
         r"|[A-Za-z]{0,4}-?[0-9][0-9A-Za-z]*(?:-(?:[一-龥ァ-ヺ]{1,2}|[0-9A-Za-z]+))*)")
#: any label ending in 番号 / ID / No (one to six kanji or katakana before it)
RE_ANY_ID_LABEL = re.compile(
    r"(?<![一-龥ァ-ヺー])(?P<label>[一-龥ァ-ヺー]{1,6}(?:番号|ID|No\.?|NO\.?))"
    r"[ \t\u3000]*[:：#]?[ \t\u3000]*(?:は[ \t]*)?(?P<code>" + _CODE + r")(?![0-9A-Za-z一-龥/.:-])"
)
#: labels ending in 番号 that number something other than a case or a person
NOT_ID_LABEL = re.compile(r"(?:電話|携帯|郵便|FAX|ファックス|ファクス|部屋|内線|座席|背|出席簿|車両|登録車)番号$")
#: a code after ケース / 事例 / Case
RE_CASE_CODE = re.compile(
    r"(?<![A-Za-z])(?:ケース|事例|[Cc]ase|CASE)(?P<sep>[ \t]?(?:#|No\.?|NO\.?|番号|ID)?[ \t]*[:：#]?)[ \t]*"
    r"(?P<code>[A-Za-z]{1,3}[0-9]{0,2}-[一-龥]{1,2}-[0-9]{2,5}"  # R6-要-039 (round 18)
    r"|[A-Za-z]{1,3}-?[0-9]{2,5}(?:-[0-9]{1,4})?|[0-9]{2,5})(?![0-9A-Za-z-])"
    r"(?![ \t]?(?:件|回|名|人|日|年|月|歳|%|例|つ|本|時|分|校|か所|箇所))"
)
#: No.17 alone on a line, and a name label on the next line (a record card)
RE_RECORD_NO = re.compile(
    r"(?m)^[ \t]*(?:No|NO|№)\.?[ \t]*(?P<code>[0-9]{1,4})[ \t]*\n?[ \t]*"
    r"(?:氏名|名前|児童名|生徒名|児童氏名|生徒氏名|本人|児童|生徒|対象)[ \t]*[:：\t ]"
)
#: an English label and a code
RE_ENGLISH_ID = re.compile(
    r"(?i:\b(?:pupil|student|case|file|record|client|child|patient)[ \t](?:code|id|no\.?|number|ref\.?))"
    r"[ \t]*[:#]?[ \t]*(?P<code>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[0-9]{3,})(?![0-9A-Za-z-])"
)
#: an account name after an ID label and a colon (WeChat ID：lin_0815, LINE ID: k.mori22): a user
#: name with a digit, '_' or '.' in it (round 17)
RE_ACCOUNT_ID = re.compile(
    r"(?:ID|アカウント|ユーザー?名|(?<![A-Za-z])(?i:user(?:[ _]?name)?|login|account))[ \t]*[:：][ \t]*(?P<code>[A-Za-z][A-Za-z0-9]*[._-]?[A-Za-z0-9._-]*)(?![A-Za-z0-9@._-])"
)
#: a case number after '#' opening a line of a case list (#0117 母子、…): three digits and more
#: or letters and digits, on two lines or more of the same text (round 17)
RE_HASH_LINE_CODE = re.compile(r"(?m)^[ \t]*#(?P<code>[0-9]{3,6}|[A-Za-z]{1,3}-?[0-9]{2,6})(?![0-9A-Za-z.:/-])")
#: a letter code before a grade or age note in brackets
RE_CODE_BEFORE_GRADE = re.compile(
    r"(?<![A-Za-z0-9-])(?P<code>[A-Z]{1,2}-[0-9]{2,4}|[0-9]{2,6}-[0-9]{3,5})(?=[（(](?:[小中高][1-6]|[0-9]{1,2}歳))"
)
#: round 18: 番号, a space or colon, then a code of two hyphenated numbers (番号　52-018: kanji
#: digits are ASCII in the normalised copy) — not after 電話 / 携帯 / 郵便 / FAX / 部屋 / 内線
RE_BARE_NUMBER_LABEL = re.compile(
    r"(?<!電話)(?<!携帯)(?<!郵便)(?<!FAX)(?<!部屋)(?<!内線)番号[ \t]*[:：]?[ \t]+(?P<code>[0-9]{2,6}-[0-9]{2,6})(?![0-9-])"
)

#: round 30: a chart or patient-card number after カルテ / 診察券 / 保険証 with no 番号 (カルテ 0057218),
#: an insurance card's 記号 and 番号 (記号 27-31 番号 4418), a user id of letters, '_' and digits
#: (ユーザーID u_1187, "user_id":"u_1203", ID hb-st-2207), a residence card's number (AB12345678CD:
#: two letters, eight digits, two letters) and an office's case number of one kanji and an era year
#: (児R5-2217, 北R6-0291)
_COLON = r"[ \t\u3000]*[:：]?[ \t\u3000]*"  # spaces, a colon or none, spaces
RE_CARD_NUMBER = re.compile(r"(?:カルテ|診察券|保険証)" + _COLON + r"(?P<code>[0-9]{4,10})(?![0-9-])")
RE_INSURANCE = re.compile(
    r"記号" + _COLON + r"(?P<code>[0-9]{1,6}(?:-[0-9]{1,6})?)[ \t\u3000]*番号" + _COLON + r"(?P<code2>[0-9]{1,10})(?![0-9])")
RE_USER_ID = re.compile(
    r"(?:ユーザー?ID|\"?user_?id\"?|(?<![A-Za-z])ID)" + _COLON + r"\"?"
    r"(?P<code>[A-Za-z]{1,4}_[0-9]{3,8}|[a-z]{1,4}(?:-[a-z]{1,4})*-[0-9]{3,8})(?![A-Za-z0-9_-])")
RE_RESIDENCE_CARD = re.compile(r"(?<![A-Za-z0-9])(?P<code>[A-Z]{2}[0-9]{8}[A-Z]{2})(?![A-Za-z0-9])")
RE_OFFICE_ERA_CODE = re.compile(r"(?<![一-龥ぁ-ゖァ-ヺA-Za-z0-9-])(?P<code>[一-龥][RHS][0-9]{1,2}-[0-9]{3,5})(?![0-9-])")


def detect_id_codes(folded: str) -> list[Candidate]:
    """Ids from the shape of their label and code in ``folded`` (see the module docstring).

    Parameters
    ----------
    folded : the text folded by :func:`~futoko_research.privacy.text.fold_text`.

    Returns
    -------
    list of Candidate, kind ``id``.
    """
    out: list[Candidate] = []
    for m in RE_ANY_ID_LABEL.finditer(folded):
        code = m.group("code")
        if NOT_ID_LABEL.search(m.group("label")) or sum(ch.isdigit() for ch in code) < 2:
            continue
        if re.fullmatch(r"[0-9]{1,2}", code) and m.group("label")[-2:] not in ("番号",):
            continue  # 受付No.12 of a list: a row number
        out.append(Candidate(m.start("code"), m.end("code"), "id", "idcode", 0.85))
    for m in RE_CASE_CODE.finditer(folded):
        code = m.group("code")
        if code.isdigit() and not (m.group("sep").strip(" \t") or code.startswith("0") or len(code) >= 3):
            continue  # ケース12: a count or an example number
        out.append(Candidate(m.start("code"), m.end("code"), "id", "idcode", 0.8))
    for m in RE_ACCOUNT_ID.finditer(folded):
        code = m.group("code")
        if 4 <= len(code) <= 30 and re.search(r"[0-9._]", code) and not re.fullmatch(r"[A-Za-z]+[0-9]{1,2}", code):
            out.append(Candidate(m.start("code"), m.end("code"), "id", "idcode", 0.8))
    hashed = list(RE_HASH_LINE_CODE.finditer(folded))
    if len(hashed) >= 2:
        out.extend(Candidate(m.start("code"), m.end("code"), "id", "idcode", 0.8) for m in hashed)
    for m in RE_INSURANCE.finditer(folded):
        out.append(Candidate(m.start("code2"), m.end("code2"), "id", "idcode", 0.8))
    for rx in (RE_RECORD_NO, RE_ENGLISH_ID, RE_CODE_BEFORE_GRADE, RE_BARE_NUMBER_LABEL,
               RE_CARD_NUMBER, RE_INSURANCE, RE_USER_ID, RE_RESIDENCE_CARD, RE_OFFICE_ERA_CODE):
        for m in rx.finditer(folded):
            out.append(Candidate(m.start("code"), m.end("code"), "id", "idcode", 0.8))
    return out


#: a cell that holds a code: letters and digits, a leading zero, five digits and more, or two
#: hyphenated numbers that are no date (0417, A-0612, 20417, 20-4471; not 12, 2024, 11-05)
RE_CODE_CELL = re.compile(
    r"(?:[A-Za-z]{1,4}-?[0-9]{2,6}|0[0-9]{2,7}|[0-9]{5,8}|[0-9]{2,4}-[0-9]{3,5})"
)
_CELL_SEP = ",，\t|｜"


def codes_beside_names(folded: str, people: list[tuple[int, int]]) -> list[Candidate]:
    """A code in the cell right before or after a certain name in a row of a flattened table
    (``2024-11-05,欠席,0417,佐々木 花音``): the row has at least three cells.

    Parameters
    ----------
    folded : the folded view.
    people : spans of certain person findings.

    Returns
    -------
    list of Candidate, kind ``id``.
    """
    out: list[Candidate] = []
    for s, e in people:
        ls = folded.rfind("\n", 0, s) + 1
        le = folded.find("\n", e)
        le = len(folded) if le < 0 else le
        line = folded[ls:le]
        if sum(line.count(ch) for ch in _CELL_SEP) < 2:
            continue
        cs = max(folded.rfind(ch, ls, s) for ch in _CELL_SEP)
        ce = min((i for i in (folded.find(ch, e, le) for ch in _CELL_SEP) if i >= 0), default=-1)
        if cs < ls or folded[cs + 1:s].strip() or (ce >= 0 and folded[e:ce].strip()):
            continue  # the name is not the whole cell
        before_start = max(folded.rfind(ch, ls, cs) for ch in _CELL_SEP) + 1
        before_start = max(before_start, ls)
        spans = [(before_start, cs)]
        if ce >= 0:
            nxt = min((i for i in (folded.find(ch, ce + 1, le) for ch in _CELL_SEP) if i >= 0), default=le)
            spans.append((ce + 1, nxt))
        for a, b in spans:
            cell = folded[a:b]
            core = cell.strip()
            if core and RE_CODE_CELL.fullmatch(core) and not re.fullmatch(r"[0-9]{3}-[0-9]{4}", core):
                a += len(cell) - len(cell.lstrip())
                out.append(Candidate(a, a + len(core), "id", "idcode", 0.8))
    return out

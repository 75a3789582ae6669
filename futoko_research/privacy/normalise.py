"""A normalised copy of a text for detection, with the way back to the text's own offsets (round 17).

Writers spell the same identifier in several widths and scripts. Rather than teach every
detector each spelling, detection runs on a copy in which

* half-width katakana are full-width (ｱﾗｷ ｿｳﾀﾛｳ → アラキ ソウタロウ; ｶﾞ, two characters, → ガ);
* old and variant kanji of names are their common form (髙 → 高, 惠 → 恵, 德 → 徳; round 18);
* Latin letters with diacritics are their base letter (Nguyễn → Nguyen, Trần → Tran, đ → d),
  so a Vietnamese, Portuguese or Spanish name is one word to the romaji rules;
* kanji digits written as a phone number or postcode are ASCII digits (〇九〇―八八〇二―一五七七
  → 090-8802-1577; 〒三一〇―〇八四二 → 〒310-0842): positional digits (〇 for zero) in groups
  split by dashes, which ordinary Japanese never writes;
* a house number in kanji numerals is in digits (三丁目十四番八号 → 3丁目14番8号, 小沢二千百八番地 →
  小沢2108番地): a number before 丁目, or before 番地 / 番 + 号 after a place, never 一番 alone;
  since round 18 also a lot number after a place and a space (字上ノ原 三二五番地) and a code
  after 番号 (番号　五二－〇一八 → 52-018);
* letter-spaced text holding a digit (OCR and typewritten forms: 若 葉 町 2 丁 目 1 5 - 7,
  〒 3 2 1 - 0 9 8 7) loses the spaces between its characters (round 18);
* the rows of a CSV export with every cell in double quotes lose the quotes (round 19).

:func:`normalise` returns the copy and, for every character of the copy, the span of original
characters it stands for; :func:`to_original` maps a span of the copy back.
"""

from __future__ import annotations

import re
import unicodedata

_KANJI_DIGIT = "〇一二三四五六七八九"
_KD = f"[{_KANJI_DIGIT}]"
_DASH = "[―ー－‐-−–—]"
#: a phone number in kanji digits (the first digit 〇: every Japanese number starts with 0)
_PSEP = "[―ー－‐-−–—・.．]"  # round 18: 〇八〇・二二四一・六六〇三
_RE_KANJI_PHONE = re.compile(
    rf"(?<![{_KANJI_DIGIT}十百千])〇{_KD}{{1,4}}{_PSEP}{_KD}{{1,4}}{_PSEP}{_KD}{{3,4}}(?![{_KANJI_DIGIT}十百千])")
#: round 18: old and variant kanji of names (異体字) read as their common form, one for one
#: (髙橋 惠子 → 高橋 恵子, 德永 → 徳永, 濵田 → 浜田, 渡邊 → 渡辺, 齋藤 → 斎藤)
_OLD_FORMS = str.maketrans("髙﨑濵惠德邊邉齋齊澤櫻廣眞", "高崎浜恵徳辺辺斎斉沢桜広真")
#: a postcode in kanji digits after 〒 or 郵便番号
_RE_KANJI_POSTCODE = re.compile(
    rf"(?<=〒)[\s:：]?(?P<code>{_KD}{{3}}{_DASH}{_KD}{{4}})(?![{_KANJI_DIGIT}十百千])"
    rf"|(?<=郵便番号)[\s:：は]*(?P<code2>{_KD}{{3}}{_DASH}{_KD}{{4}})(?![{_KANJI_DIGIT}十百千])")
_NUM = f"[{_KANJI_DIGIT}十百千]"
#: kanji house numbers: N丁目 (N番(地)? (N号)?)?, or a place + N番地 / N番N号
_RE_KANJI_HOUSE = re.compile(
    rf"(?<![{_KANJI_DIGIT}十百千])(?P<a>{_NUM}{{1,4}})丁目(?:(?P<b>{_NUM}{{1,5}})番地?(?:の?(?P<c>{_NUM}{{1,4}})号?)?)?"
    rf"|(?<=[一-龥々ヶ])(?<![{_KANJI_DIGIT}十百千第])(?P<d>{_NUM}{{1,5}})番地(?:の(?P<e>{_NUM}{{1,4}}))?"
    rf"|(?<=[一-龥々ヶ])(?<![{_KANJI_DIGIT}十百千第])(?P<f>{_NUM}{{1,5}})番(?P<g>{_NUM}{{1,4}})号"
    # round 18: a lot number after a place and a space (字上ノ原 三二五番地, 字中島 二番地の十)
    rf"|(?<=[一-龥々ヶ][ \u3000])(?<![{_KANJI_DIGIT}十百千第][ \u3000])(?P<h>{_NUM}{{1,5}})番地(?:の(?P<i>{_NUM}{{1,4}}))?"
)
#: round 18: a code in kanji digits after a number label (番号　五二－〇一八, 番 号 …)
_RE_KANJI_CODE = re.compile(
    rf"(?<=番)[ \u3000]?号[ \u3000]*[:：]?[ \u3000]*(?P<code>{_KD}{{2,6}}(?:{_DASH}{_KD}{{2,6}})+)(?![{_KANJI_DIGIT}十百千])")
#: round 18: letter-spaced text (OCR, typewriter): one character, a space, one character … — four
#: characters or more, one of them a digit and one a Japanese character or a dash
_RE_SPACED = re.compile(r"(?<![^\s])(?:[^\s] ){3,}[^\s](?![^\s])")
_VALUES = {c: i for i, c in enumerate(_KANJI_DIGIT)}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def kanji_number(s: str) -> str | None:
    """ASCII digits of a kanji number (二千百八 → 2108, 十四 → 14, 三〇七一 → 3071); None if malformed."""
    if all(c in _VALUES for c in s):
        return "".join(str(_VALUES[c]) for c in s)
    total, digit = 0, None
    last_unit = 10_000
    for c in s:
        if c in _VALUES:
            if digit is not None:
                return None
            digit = _VALUES[c]
        else:
            unit = _UNITS[c]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return str(total + (digit or 0))


def _fold_char(ch: str) -> str:
    o = ord(ch)
    if 0xFF66 <= o <= 0xFF9F:  # half-width katakana and sound marks
        return unicodedata.normalize("NFKC", ch)
    if 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF:  # Latin-1, Latin Extended, Vietnamese
        if ch in "đĐ":
            return "d" if ch == "đ" else "D"
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii() and base.isalpha():
            return base
    return ch


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(normalised copy, for each of its characters the (start, end) of the original characters).

    Half-width katakana are widened (a following half-width sound mark joins its kana), Latin
    letters lose their diacritics, combining marks after a Latin letter are dropped, and kanji
    numbers in phone, postcode and house-number shapes become ASCII digits.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        o = ord(ch)
        if 0xFF66 <= o <= 0xFF9D and i + 1 < n and text[i + 1] in "ﾞﾟ":
            joined = unicodedata.normalize("NFKC", text[i:i + 2])
            if len(joined) == 1:
                out.append(joined)
                spans.append((i, i + 2))
                i += 2
                continue
        if unicodedata.combining(ch) and out and out[-1].isascii() and out[-1].isalpha():
            s, _ = spans[-1]
            spans[-1] = (s, i + 1)
            i += 1
            continue
        out.append(_fold_char(ch).translate(_OLD_FORMS))
        spans.append((i, i + 1))
        i += 1
    norm = "".join(out)
    if " " in norm:
        norm, spans = _despace(norm, spans)
    if '"' in norm:
        norm, spans = _unquote(norm, spans)
    if any(c in norm for c in _KANJI_DIGIT) or "十" in norm or "百" in norm or "千" in norm:
        norm, spans = _kanji_digits(norm, spans)
    return norm, spans


def _replace(norm: str, spans: list[tuple[int, int]], edits: list[tuple[int, int, str]]):
    """Apply (start, end, replacement) edits (non-overlapping, any order) to the copy."""
    out, out_spans, pos = [], [], 0
    for s, e, rep in sorted(edits):
        out.append(norm[pos:s])
        out_spans.extend(spans[pos:s])
        if len(rep) == e - s:
            out_spans.extend(spans[s:e])
        else:  # the replacement's characters all stand for the whole original number
            whole = (spans[s][0], spans[e - 1][1])
            out_spans.extend([whole] * len(rep))
        out.append(rep)
        pos = e
    out.append(norm[pos:])
    out_spans.extend(spans[pos:])
    return "".join(out), out_spans


def _kanji_digits(norm: str, spans: list[tuple[int, int]]):
    edits: list[tuple[int, int, str]] = []
    for m in _RE_KANJI_PHONE.finditer(norm):
        rep = "".join(str(_VALUES[c]) if c in _VALUES else "-" for c in m.group())
        edits.append((m.start(), m.end(), rep))
    for m in _RE_KANJI_POSTCODE.finditer(norm):
        g = "code" if m.group("code") else "code2"
        rep = "".join(str(_VALUES[c]) if c in _VALUES else "-" for c in m.group(g))
        edits.append((m.start(g), m.end(g), rep))
    for m in _RE_KANJI_CODE.finditer(norm):
        rep = "".join(str(_VALUES[c]) if c in _VALUES else "-" for c in m.group("code"))
        edits.append((m.start("code"), m.end("code"), rep))
    for m in _RE_KANJI_HOUSE.finditer(norm):
        for g in "abcdefghi":
            if m.group(g):
                num = kanji_number(m.group(g))
                if num is not None:
                    edits.append((m.start(g), m.end(g), num))
    if not edits:
        return norm, spans
    return _replace(norm, spans, edits)


def _despace(norm: str, spans: list[tuple[int, int]]):
    """Letter-spaced runs holding a digit and a Japanese character or a dash lose their spaces
    (若 葉 町 2 丁 目 1 5 - 7 → 若葉町2丁目15-7; 〒 3 2 1 - 0 9 8 7 → 〒321-0987), and a run of
    digits before a kanji word (2 4 5 6 番地の1 → 2456番地の1); the spaces of a run of digits
    alone (scores 3 4 5 2) or with Latin letters (A 1 B 2) stay."""
    drop: set[int] = set()
    for m in _RE_SPACED.finditer(norm):
        run = m.group()[::2]
        if not re.search(r"[0-9０-９]", run) or re.search(r"[A-Za-z]", run):
            continue
        if re.search(r"[一-龥ぁ-ゖァ-ヺー〒\-－―‐]", run):
            drop.update(range(m.start() + 1, m.end(), 2))
        elif norm[m.end():m.end() + 1] == " " and re.match(r"[一-龥]", norm[m.end() + 1:m.end() + 2]):
            drop.update(range(m.start() + 1, m.end() + 1, 2))  # 2 4 5 6 番地の1 → 2456番地の1
    if not drop:
        return norm, spans
    keep = [i for i in range(len(norm)) if i not in drop]
    return "".join(norm[i] for i in keep), [spans[i] for i in keep]


_RE_QUOTED_ROW = re.compile(r'(?m)^"[^"\n]*"(?:[,\t]"[^"\n]*")+[ \t]*$')


def _unquote(norm: str, spans: list[tuple[int, int]]):
    """Rows of a CSV export with every cell in double quotes lose the quotes when two rows or
    more stand so (round 19): ``"2310452","遠藤結菜"`` reads like ``2310452,遠藤結菜``, so the
    table rules see the header and its columns."""
    rows = list(_RE_QUOTED_ROW.finditer(norm))
    if len(rows) < 2:
        return norm, spans
    drop = {m.start() + i for m in rows for i, ch in enumerate(m.group()) if ch == '"'}
    keep = [i for i in range(len(norm)) if i not in drop]
    return "".join(norm[i] for i in keep), [spans[i] for i in keep]


def to_original(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The original span of the copy's characters ``start`` … ``end - 1``."""
    if end <= start:
        s = spans[start][0] if start < len(spans) else (spans[-1][1] if spans else 0)
        return s, s
    return spans[start][0], spans[end - 1][1]

"""Rule detectors: regexes, Sudachi person tags, honorifics and roles, school names."""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.idcodes import detect_id_codes
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_proper,
    is_name_script,
)


# ---------------------------------------------------------------- token predicates
def _is_person_tag(t: Tok) -> bool:
    return len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "人名"


def _name_continues(a: Tok, b: Tok) -> bool:
    """Whether person-tagged ``b`` continues the name ending in ``a`` (姓+名; not 佐藤+長野)."""
    ta, tb = a.pos[3], b.pos[3]
    if ta == "姓":
        return tb in ("名", "一般")
    if ta == "名" and tb == "名":
        return len(a.surface) == 1 and len(b.surface) == 1  # a given name split in two
    return ta == tb == "一般"


def is_place(t: Tok) -> bool:
    """A place name that is not a surname (長野県, 根室市, 長野県長野; not 長野)."""
    return (len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "地名"
            and any(ch in "都道府県市区町村郡" for ch in t.surface[1:]))


def is_anonymised(s: str) -> bool:
    """True when ``s`` is already anonymised (A, ○○, 当該生徒, 児童B …) or one of our pseudonyms (人物A …)."""
    return bool(lx.RE_ANONYMISED.match(s)) or bool(lx.RE_PSEUDONYM.fullmatch(s))


def _name_like(t: Tok, *, strict: bool) -> float:
    """Confidence that token ``t`` is (part of) a name next to an honorific (0 = no)."""
    s = t.surface.replace("・", "") if len(t.surface) > 2 else t.surface  # マリセル・レイエス (a name unit)
    if s in lx.NOT_NAMES or is_anonymised(s) or s in lx.ROLE_SUFFIXES or s in lx.ROLE_PREFIXES:
        return 0.0
    if (len(t.pos) > 1 and t.pos[1] == "数詞") or all(ch in "一二三四五六七八九十百千万両数何" for ch in s):
        return 0.0
    if _is_person_tag(t) and is_name_script(s, hiragana=True):
        return 0.9
    if not is_name_script(s):
        return 0.0
    if t.oov:
        return 0.9
    if len(t.pos) > 3 and t.pos[2] == "地名" and (t.pos[3] == "国" or not is_lexicon_person(s)):
        return 0.0  # ロシア, ペルー: a country or a place, not a person (母：ロシア出身)
    if len(t.pos) > 1 and t.pos[1] == "固有名詞" and not is_place(t) and t.pos[2] != "組織":
        return 0.85
    if not strict and len(s) <= 2 and t.pos[0] == "名詞" and is_lexicon_person(s):
        return 0.75
    return 0.0


def is_reading(name: str, kana: str) -> bool:
    """Whether ``kana`` in brackets after ``name`` can be its reading: the name has kanji and
    the kana is not a place or country SudachiDict knows (ヤマダ・ルシア（ペルー） is not a reading)."""
    if not any("\u4e00" <= ch <= "\u9fff" or ch == "々" for ch in name):
        return False
    return not is_lexicon_place(kana)


def _contiguous(a: Tok, b: Tok) -> bool:
    return a.end == b.start


# ---------------------------------------------------------------- detectors
def detect_regex(folded: str) -> list[Candidate]:
    """Phones, e-mails, postcodes, ids, dates of birth, classes and addresses in ``folded`` text
    (regexes of :mod:`~futoko_research.privacy.lexicon`), with surrounding spaces trimmed.

    An address starts at the prefecture it names or at 同市/同町 (旧 大阪府…, 新 同市…: the
    word before is not part of it)."""
    out: list[Candidate] = []
    for c in _detect_regex_raw(folded):
        while c.end > c.start and folded[c.end - 1].isspace():
            c.end -= 1
        while c.start < c.end and folded[c.start].isspace():
            c.start += 1
        if c.kind == "address":
            head = lx.RE_PREFECTURE.search(folded, c.start, c.end) or lx.RE_SAME_CITY.search(
                folded, c.start, min(c.end, c.start + 3))
            if head and head.start() > c.start:
                c.start = head.start()
        if c.end > c.start:
            out.append(c)
    return out


_RE_ADDRESS_LABEL_END = re.compile(r"(?:住所|送付先|宛先|所在地|連絡先|転居先|郵送先)[\s:：]*$")
_RE_PLACE_AHEAD = re.compile(r"[一-龥々ヶァ-ヺ]{1,5}[都道府県市区町村郡]|[一-龥々ヶァ-ヺ]{1,6}[0-9]{1,2}丁目")


def _before_address(folded: str, start: int, end: int) -> bool:
    """A postcode-shaped number after an address label (住所：) or right before a place
    (…市, …町 or a town with 丁目) is a postcode."""
    after = folded[end:end + 10].lstrip()
    return bool(_RE_PLACE_AHEAD.match(after) or _RE_ADDRESS_LABEL_END.search(folded[max(0, start - 8):start]))


def _detect_regex_raw(folded: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in lx.RE_EMAIL.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "email", "regex", 0.97))
    for m in lx.RE_EMAIL_SPELT.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "email", "regex", 0.9))
    for m in lx.RE_PHONE.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "phone", "regex", 0.95))
    for m in lx.RE_PHONE_LABELLED.finditer(folded):
        out.append(Candidate(m.start("num"), m.end("num"), "phone", "regex", 0.9))
    for m in lx.RE_POSTCODE.finditer(folded):
        out.append(Candidate(m.start("code"), m.end("code"), "postcode", "regex", 0.95))
    for m in lx.RE_POSTCODE_BARE.finditer(folded):
        conf = 0.85 if _before_address(folded, m.start(), m.end()) else 0.5
        out.append(Candidate(m.start("code"), m.end("code"), "postcode", "regex", conf))
    for m in lx.RE_POSTCODE_NO_HYPHEN.finditer(folded):
        if _before_address(folded, m.start(), m.end()):  # 住所：5600012 豊中台1丁目… (round 14)
            out.append(Candidate(m.start("code"), m.end("code"), "postcode", "regex", 0.85))
    for m in lx.RE_ID.finditer(folded):
        prev = folded[m.start() - 1] if m.start() > 0 else ""
        if m.group(0)[:2].lower() in ("id", "no") and prev.isascii() and prev.isalnum():  # inside a word
            continue
        if m.group(0)[:1] in "Nn№" and len(m.group("code")) < 3:  # No.1 of a list
            continue
        out.append(Candidate(m.start("code"), m.end("code"), "id", "regex", 0.9))
    out.extend(detect_id_codes(folded))
    for m in lx.RE_ID_CASE.finditer(folded):
        out.append(Candidate(m.start("code"), m.end("code"), "id", "regex", 0.85))
    for rx in (lx.RE_DOB_LABELLED, lx.RE_DOB_FOLLOWED):
        for m in rx.finditer(folded):
            out.append(Candidate(m.start("date"), m.end("date"), "date_of_birth", "regex", 0.9))
    for m in lx.RE_CLASS.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "class", "regex", 0.9))
    for m in lx.RE_ADDRESS.finditer(folded):
        if m.group(0)[:1].isdigit() and not re.match(r"[0-9]{1,2}[条線]", m.group(0)):
            continue  # a postcode or a number before the place (421-3301 篠ヶ瀬市…) is not the address
        if lx.RE_ADDRESS_MARKER.search(m.group(0)):
            label = lx.RE_ADDRESS_LABEL.match(m.group(0))
            start = m.start() + (label.end() if label else 0)
            if lx.RE_ADDRESS_MARKER.search(folded[start:m.end()]):
                out.append(Candidate(start, m.end(), "address", "regex", 0.9))
    for m in lx.RE_ADDRESS_AZA.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "address", "regex", 0.9))
    for m in lx.RE_CODE_BARE.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "id", "regex", 0.8))
    # a phone-shaped number right after an id label (受給者証番号 0412337061) is the id (round 17;
    # the fixed labels too since round 18: 受給者証番号：０３２１７５４４０８ before a wrapped line)
    ids = {(c.start, c.end) for c in out if c.kind == "id" and c.detector in ("idcode", "regex")
           and re.search(r"番号[ \t:：は]*$", folded[max(0, c.start - 12):c.start])}
    return [c for c in out if not (c.kind == "phone" and (c.start, c.end) in ids)]


def detect_names(view: str, toks: list[Tok]) -> list[Candidate]:
    out: list[Candidate] = []
    n = len(toks)
    # names before honorifics and roles
    for i, t in enumerate(toks):
        if t.surface not in lx.PERSON_SUFFIXES and t.surface not in lx.ROLE_SUFFIXES:
            continue
        strict = t.surface in lx.ROLE_SUFFIXES and t.surface != "先生"
        name: list[Tok] = []
        confs: list[float] = []
        j = i - 1
        while j >= 0 and len(name) < 3:
            tj = toks[j]
            if not _contiguous(tj, name[0] if name else t):
                break
            if is_anonymised(tj.surface):
                name = []
                break
            c = _name_like(tj, strict=strict or bool(name))
            if c == 0.0:
                break
            name.insert(0, tj)
            confs.append(c)
            j -= 1
        if name and sum(len(x.surface) for x in name) <= 8:
            out.append(Candidate(name[0].start, name[-1].end, "person", "honorific", max(confs)))
        elif not name and t.surface in ("くん", "ちゃん", "君", "さん", "様"):
            # hiragana given names (ゆうとくん): hiragana tokens back to a particle that follows
            # a non-hiragana word or another honorific
            j = i - 1
            run: list[Tok] = []
            while j >= 0 and _contiguous(toks[j], run[0] if run else t) and is_hiragana(toks[j].surface):
                tj = toks[j]
                left = toks[j - 1] if j > 0 and _contiguous(toks[j - 1], tj) else None
                if tj.pos[0] in ("助詞", "接尾辞", "助動詞") and (
                    left is None or not is_hiragana(left.surface) or left.pos[0] == "接尾辞"
                ):
                    break
                run.insert(0, tj)
                j -= 1
            text = "".join(x.surface for x in run)
            if 2 <= len(text) <= 5 and not text.startswith("お") and text not in lx.NOT_NAMES \
                    and run[0].pos[0] != "助詞":
                out.append(Candidate(run[0].start, run[-1].end, "person", "honorific", 0.75))
    # Sudachi person tags
    i = 0
    while i < n:
        if not (_is_person_tag(toks[i]) and not is_anonymised(toks[i].surface)):
            i += 1
            continue
        j = i
        while j + 1 < n and j - i < 3 and _contiguous(toks[j], toks[j + 1]):
            nx = toks[j + 1]
            if _is_person_tag(nx) and not is_anonymised(nx.surface) and _name_continues(toks[j], nx):
                j += 1
            elif (toks[j].pos[3] == "姓" and j == i and nx.oov and 2 <= len(nx.surface) <= 3
                  and is_name_script(nx.surface) and not is_katakana(nx.surface)):
                j += 1  # 柏木+陽向: a family name and a given name SudachiDict does not know
            elif (nx.surface in ("・", "=", "＝") and j + 2 < n and _contiguous(nx, toks[j + 2])
                  and ((is_katakana(toks[j].surface) and is_katakana(toks[j + 2].surface)
                        and toks[j + 2].pos[0] == "名詞")
                       or (_is_person_tag(toks[j]) and toks[j].pos[3] == "姓" and _is_person_tag(toks[j + 2])
                           and toks[j + 2].pos[3] in ("名", "一般")))):
                j += 2  # ジョン・スミス, グエン・ヴァン・アン, 山田・花子
            else:
                break
        # a given name Sudachi cut short (優+斗, 悠+人): take one more kanji before a boundary
        if (toks[j].pos[3] == "名" and j + 1 < n and _contiguous(toks[j], toks[j + 1])
                and len(toks[j + 1].surface) == 1 and is_name_script(toks[j + 1].surface)
                and toks[j + 1].surface not in lx.NOT_NAME_TAIL
                and toks[j + 1].surface not in lx.PERSON_SUFFIXES
                and not (toks[j + 1].surface in ("小", "中", "高") and view[toks[j + 1].end:toks[j + 1].end + 1].isdigit())
                and toks[j + 1].pos[0] in ("名詞", "接尾辞")
                and (j + 2 >= n or not _contiguous(toks[j + 1], toks[j + 2])
                     or not is_name_script(toks[j + 2].surface[:1])
                     or toks[j + 2].surface in lx.PERSON_SUFFIXES
                     or toks[j + 2].surface in lx.ROLE_SUFFIXES)):
            j += 1
        run = toks[i:j + 1]
        nxt = toks[j + 1] if j + 1 < n and _contiguous(toks[j], toks[j + 1]) else None
        prv = toks[i - 1] if i > 0 and _contiguous(toks[i - 1], toks[i]) else None
        text = "".join(t.surface for t in run)
        i = j + 1
        grade = nxt is not None and nxt.surface in ("小", "中", "高") and view[nxt.end:nxt.end + 1].isdigit()
        if nxt is not None and not grade and (nxt.surface in lx.NON_PERSON_NEXT or nxt.surface in lx.SCHOOL_SUFFIXES):
            continue  # 長野県, 田中町 (but 柏木陽向 中2: a grade, not a school)
        if not is_name_script(text.replace("・", ""), hiragana=True) or text in lx.NOT_NAMES:
            continue
        glued = (prv is not None and (prv.oov or len(prv.surface) == 1) and is_name_script(prv.surface)
                 and not _is_person_tag(prv) and prv.surface not in lx.ROLE_PREFIXES)
        tags = {t.pos[3] for t in run}
        if is_hiragana(text) or len(text) < 2:
            conf = 0.4
        elif {"姓", "名"} <= tags:
            conf = 0.9
        else:
            conf = 0.75
        if glued:  # inside a compound (人名 inside an unknown longer word)
            conf = min(conf, 0.5)
        out.append(Candidate(run[0].start, run[-1].end, "person", "sudachi", conf))
    # names after roles and form labels
    for i, t in enumerate(toks):
        if t.surface not in lx.ROLE_PREFIXES:
            continue
        k = i + 1
        if k < n and toks[k].surface in ("の", ":", "：", "・", "(", "（") and _contiguous(toks[k - 1], toks[k]):
            k += 1
        name = []
        confs = []
        while k < n and len(name) < 3 and _contiguous(toks[k - 1], toks[k]):
            c = _name_like(toks[k], strict=t.surface not in lx.NAME_LABELS)
            if c == 0.0 or is_anonymised(toks[k].surface):
                break
            name.append(toks[k])
            confs.append(c)
            k += 1
        if name:
            nxt = toks[k] if k < n and _contiguous(toks[k - 1], toks[k]) else None
            if nxt is not None and (nxt.surface in lx.NON_PERSON_NEXT or nxt.surface in lx.SCHOOL_SUFFIXES):
                continue
            out.append(Candidate(name[0].start, name[-1].end, "person", "role", min(0.9, max(confs))))
    # kana readings in brackets right after a name
    for c in list(out):
        m = re.match(r"[（(]([ぁ-ゖァ-ヺー]{2,16})[)）]", view[c.end:c.end + 20])
        if (m and c.confidence >= 0.7 and is_reading(view[c.start:c.end], m.group(1))
                and m.group(1) not in lx.KIN_ROLE_WORDS):  # not （きょうだい） (round 12)
            out.append(Candidate(c.end + m.start(1), c.end + m.end(1), "person", "reading", 0.85))
    return out


def detect_schools(view: str, toks: list[Tok]) -> list[Candidate]:
    out: list[Candidate] = []
    n = len(toks)
    for i, t in enumerate(toks):
        full = t.surface in lx.SCHOOL_SUFFIXES
        abbrev = t.surface in lx.SCHOOL_ABBREV and i > 0 and _contiguous(toks[i - 1], t)
        if not (full or abbrev):
            continue
        if abbrev:
            if re.match(r"[1-6](?![0-9年])", view[t.end:t.end + 2]):
                continue  # 大翔 小5: a grade after a name, not a school
            nxt = toks[i + 1] if i + 1 < n and _contiguous(t, toks[i + 1]) else None
            if nxt is not None and not (
                nxt.pos[0] in ("助詞", "補助記号", "空白", "助動詞")
                or nxt.surface in ("学区", "校区", "時代", "在籍", "出身", "卒業", "入学", "転入", "進学")
                or nxt.surface[:1].isdigit()
            ):
                continue
            head = toks[i - 1]
            hs = head.surface
            proper = len(head.pos) > 2 and head.pos[1] == "固有名詞" and not is_place(head) \
                and head.pos[3] != "国"
            if t.surface == "中" and is_katakana(hs) and not proper:
                continue  # ゲーム中, テスト中: "in the middle of", not a school
            if hs in lx.SCHOOL_ABBREV_HEADS or (proper and is_name_script(hs)):
                out.append(Candidate(head.start, t.end, "school", "school", 0.85))
            elif ((len(hs) >= 2 or i < 2 or not _contiguous(toks[i - 2], head)
                   or not is_name_script(toks[i - 2].surface[-1:]))
                  and is_name_script(hs) and head.pos[0] == "名詞" and is_lexicon_proper(hs)
                  and hs not in lx.GENERIC_SCHOOL_WORDS and hs not in lx.NOT_NAMES):
                out.append(Candidate(head.start, t.end, "school", "school", 0.75))
            continue
        name: list[Tok] = []
        has_proper = False
        j = i - 1
        while j >= 0 and len(name) < 3:
            tj = toks[j]
            if not _contiguous(tj, name[0] if name else t):
                break
            s = tj.surface
            if (not name and tj.pos[1:2] == ("数詞",) and j >= 1 and toks[j - 1].surface == "第"
                    and _contiguous(toks[j - 1], tj)):
                name[:0] = [toks[j - 1], tj]  # 朝凪第一中学校: 第 + number inside the name
                j -= 2
                continue
            if s in lx.GENERIC_SCHOOL_WORDS or s in lx.FOUNDER_WORDS or is_place(tj) or is_anonymised(s):
                break
            if s in lx.SCHOOL_ABBREV_HEADS:
                ok = True
            elif not name and is_hiragana(s) and len(s) >= 2 and tj.pos[0] == "名詞":
                ok = True  # さくら幼稚園, ひまわり保育園
                has_proper = True
            elif not is_name_script(s, hiragana=len(tj.pos) > 1 and tj.pos[1] == "固有名詞"):
                ok = False
            elif tj.oov or (len(tj.pos) > 1 and tj.pos[1] == "固有名詞"):
                ok = True
                has_proper = True
            else:  # a common noun only right before the suffix or before another common noun
                ok = (tj.pos[0] in ("名詞", "接頭辞") and tj.pos[1] != "数詞" and not has_proper
                      and tj.surface not in lx.ORG_WORDS)
            if not ok:
                break
            name.insert(0, tj)
            j -= 1
        if not name:
            continue
        if has_proper and len(name) <= 2 and j >= 0 and _contiguous(toks[j], name[0]):
            # 桜+台中+学校, 篠+ヶ+瀬西+中学校: a kanji word Sudachi cut off the start of the name
            head = [toks[j]]
            if toks[j].surface in ("ヶ", "ケ") and j >= 1 and _contiguous(toks[j - 1], toks[j]):
                head = [toks[j - 1], toks[j]]
            h = head[0]
            before = toks[toks.index(h) - 1] if toks.index(h) >= 1 else None
            if (all("\u4e00" <= ch <= "\u9fff" for ch in h.surface) and len(h.surface) <= 2 and h.pos[0] == "名詞"
                    and h.pos[1] == "普通名詞" and h.surface not in lx.GENERIC_SCHOOL_WORDS
                    and h.surface not in lx.FOUNDER_WORDS and h.surface not in lx.ORG_WORDS
                    and (before is None or not _contiguous(before, h) or not is_name_script(before.surface[-1:]))):
                name[:0] = head
        if t.surface in ("学校", "学園", "学院") and not has_proper:
            continue
        out.append(Candidate(name[0].start, t.end, "school", "school", 0.9 if has_proper else 0.8))
    return out

"""After the first pass: codes next to a certain name (田中一郎（A-1023）), the other items
of a list that holds one, and document-level coreference (every whole-token occurrence of a
certain name, and of its family or given part).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.idcodes import codes_beside_names
from futoko_research.privacy.kinship import ROLE_WORDS
from futoko_research.privacy.nametoks import (
    BOUNDARY,
    is_anonymised,
    is_kanji,
    name_units,
    name_word,
)
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    fold_text,
    has_common_sense,
    is_abstract_noun,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_surname,
    is_name_script,
)


def _codes_after_names(view: str, people: list[Candidate]) -> list[Candidate]:
    """A code in brackets after a certain name (田中一郎（A-1023）) and a short code that opens
    the line or cell a certain name follows (K-15　林 大翔)."""
    folded = fold_text(view)
    out = []
    for c in people:
        cut = max(folded.rfind(ch, 0, c.start) for ch in "\n\t|｜,，")
        m = lx.RE_CODE_BEFORE_NAME.fullmatch(folded[cut + 1:c.start])
        if m:
            out.append(Candidate(cut + 1 + m.start("code"), cut + 1 + m.end("code"), "id", "context", 0.8))
        m = lx.RE_CODE_IN_BRACKETS.match(folded[c.end:c.end + 24])
        if m and any(ch.isdigit() for ch in m.group("code")) and len(m.group("code")) >= 3:
            kind = "class" if re.fullmatch(r"[1-6]-[0-9]{1,2}", m.group("code")) else "id"  # 佐々木（2-1）: grade-class
            out.append(Candidate(c.end + m.start("code"), c.end + m.end("code"), kind, "context", 0.85))
    return out



def _list_neighbours(toks: list[Tok], people: list[Candidate]) -> list[Candidate]:
    """Items of a list that holds a certain name: 芦田、真壁、三宅の各ケース, 森や林と: an item
    next to a name across 、/と/や, that SudachiDict knows as a name or does not know at all."""
    units = name_units(toks)
    by_start = {t.start: k for k, t in enumerate(units)}
    by_end = {t.end: k for k, t in enumerate(units)}
    seps = lx.LIST_PARTICLES | {",", "，"}
    out: list[Candidate] = []

    def ok(t: Tok) -> float:
        c = name_word(t, hiragana=False)
        if not c and is_kanji(t.surface) and 1 <= len(t.surface) <= 3 and is_lexicon_person(t.surface) \
                and t.surface not in lx.NOT_NAMES and t.surface not in ROLE_WORDS and not is_abstract_noun(t.surface):
            c = 0.75
        return c

    for c in people:
        for step in (1, -1):
            k = by_end.get(c.end) if step == 1 else by_start.get(c.start)
            while k is not None:
                sep, item = k + step, k + 2 * step
                if not (0 <= item < len(units)) or units[sep].surface not in seps:
                    break
                t = units[item]
                if t.start != units[sep].end and units[sep].start != t.end:
                    break
                edge = units[item + step] if 0 <= item + step < len(units) else None
                if edge is not None and edge.start in (t.end,) and edge.pos[0] == "名詞":
                    break  # the item runs on (森林公園)
                if edge is not None and step == -1 and edge.end == t.start and edge.pos[0] == "名詞":
                    break
                conf = ok(t)
                if (not conf and is_katakana(t.surface) and 2 <= len(t.surface) <= 5 and t.pos[2:4] == ("地名", "一般")
                        and not has_common_sense(t.surface) and 0 <= item + 2 * step < len(units)
                        and units[item + step].surface in seps and name_word(units[item + 2 * step], hiragana=False)):
                    conf = 0.7  # 蓮、ハルト、ミナ: a katakana word SudachiDict knows as a place, between two names
                if not conf:
                    break
                out.append(Candidate(t.start, t.end, "person", "list", min(conf, 0.75)))
                k = item
    return out


def add_codes_and_coreference(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Codes in brackets after a certain name, and every other whole-token occurrence of a
    name found with certainty in the same view (document-level consistency)."""
    people = [c for c in cands if c.kind == "person" and c.confidence >= 0.7]
    extra = (_codes_after_names(view, people) + _list_neighbours(toks, people)
             + codes_beside_names(fold_text(view), [(c.start, c.end) for c in people]))
    names = {view[c.start:c.end] for c in people if c.end - c.start >= 1}
    names = {s for s in names if is_name_script(s.replace("・", ""), hiragana=True) and not is_anonymised(s)}
    if not names:
        return extra
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end for t in toks}
    taken = [(c.start, c.end) for c in cands if c.confidence >= 0.7]
    parts = _name_parts(names)
    for name in sorted(names | set(parts), key=len, reverse=True):
        for m in re.finditer(re.escape(name), view):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            if not (s in starts and e in ends) and not _kana_whole(view, s, e):
                continue
            k = starts.get(e)
            nxt = toks[k].surface if k is not None else view[e:e + 1]
            if nxt in lx.NON_PERSON_NEXT or nxt in lx.SCHOOL_SUFFIXES:
                continue
            if name in parts and name not in names and not (
                    (nxt in _PART_NEXT or nxt in lx.PERSON_SUFFIXES)
                    and (s == 0 or view[s - 1] in BOUNDARY or (starts.get(s, 0) >= 1 and toks[starts[s] - 1].pos[0] == "助詞"))):
                continue  # 空 of 宮下 空 only as a subject or before an honorific (空は, not 空を見上げ)
            extra.append(Candidate(s, e, "person", "coref", 0.8))
            taken.append((s, e))
    return extra


#: what follows a part of a full name used alone (空は, 佐伯が, 蒼空と, 空、)
_PART_NEXT = frozenset({"は", "が", "も", "と", "に", "の", "、", "（", "(", "を", "から", "へ", "本人", "自身", "って"})


def _name_parts(names: set[str]) -> dict[str, str]:
    """Given and family names of certain full names in kanji (宮下空 → 空, 宮下): the longest
    prefix SudachiDict lists as a family name, and the rest (one to three kanji); a kana given
    name after a listed family name (坂本ひより → ひより); the parts of a name joined by a middle
    dot (木村・ソフィア → ソフィア, 木村)."""
    out: dict[str, str] = {}
    for name in names:
        dotted = re.fullmatch(r"(?P<fam>[一-龥々ァ-ヺー]{1,6})・(?P<given>[一-龥々ァ-ヺーぁ-ゖ]{1,6})", name)
        if dotted and len(dotted["fam"] + dotted["given"]) >= 3:  # 木村・ソフィア → ソフィア, 木村
            out[dotted["given"]] = name
            if len(dotted["fam"]) >= 2:
                out[dotted["fam"]] = name
            continue
        kana = re.fullmatch(r"(?P<fam>[一-龥々]{1,3})(?P<given>[ぁ-ゖー]{2,4}|[ァ-ヺー]{2,5})", name)
        if kana and is_lexicon_surname(kana["fam"]):  # 坂本ひより → ひより (a kana given name)
            out[kana["given"]] = name
            continue
        if not is_kanji(name) or not 3 <= len(name) <= 6:
            continue
        for cut in range(min(3, len(name) - 1), 0, -1):
            fam, given = name[:cut], name[cut:]
            if is_lexicon_surname(fam) and 1 <= len(given) <= 3:
                if len(fam) >= 2:
                    out[fam] = name
                out[given] = name
                break
    return out


def _kana_whole(view: str, s: int, e: int) -> bool:
    """A kana name of three or more characters that Sudachi cut differently here (ゆずっ+ちと):
    whole when set off by a non-kana character before and a particle or punctuation after."""
    word = view[s:e]
    if len(word) < 3 or not (is_hiragana(word) or is_katakana(word)):
        return False
    before = view[s - 1:s] if s else ""
    after = view[e:e + 1]
    kana = is_hiragana if is_hiragana(word) else is_katakana
    return (before == "" or not kana(before)) and (after == "" or after in "とはがもにのをへや、。，,」）)！？!? \n")

"""Span tidying after the detectors are merged: the edges of a finding, not whether it exists.

Rules (issue 21, round 5)
-------------------------
- A name never runs across a line break when each line holds a name of its own: 「望月\\n土門」 in
  minutes is two speakers, so the span is cut at the break and each line's part is kept
  (a name wrapped inside a word, 「山\\n田太郎」, where one part is a single character, stays one span).
- A school never runs across a line break either: only the last line's part is kept, and only
  when it is more than a bare suffix (「養護教諭\\n中学校」 is not a school).
- Things that follow or precede a name are not part of it: an honorific (武藤 圭吾氏 → 武藤 圭吾),
  宅 (南宅 → 南), a letter's sign-off より/から after a space (浅香 より → 浅香), a list bullet
  (・松永 → 松永).
- A place is not a person: a span that ends in 市/町/村/区/郡 and runs on into a word
  (星見坂市立…, 星見坂市こども…), a span glued to the rest of a municipality's name (深見 in
  深見原市…), and a span that starts a municipality's stem named elsewhere in the text (星見 in
  星見坂東部…, when 星見坂市 occurs).

All functions work in *view* coordinates and take the view's ``origin`` (see
:func:`~futoko_research.privacy.text.make_view`) to see line breaks that the view removed.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate, is_common_kana_word, is_lexicon_surname

_BULLETS = "・●○◆◇■□▪-－*＊※"
_TRAILING_HONORIFICS = tuple(sorted(lx.PERSON_SUFFIXES, key=len, reverse=True))
_MUNICIPAL = "市町区郡"  # not 村: 中村, 野々村 are family names
#: what follows a municipality's 市/町/村 that names a place (市立, 市役所, 市教育委員会, 市こども課)
_PLACE_NEXT = r"(?:立|役所|役場|教育|教委|議会|こども|子ども|福祉|保健)"
#: a municipality's stem and what may follow its 市/町/村 when it names a place, not a person
RE_PLACE_STEM = re.compile(
    r"(?<![一-龥々ヶ])(?P<stem>[一-龥々ヶ]{2,5})[市町](?=立|役所|役場|教育|教委|議会|こども|子ども|福祉|保健)"
)


def _kanji_or_katakana(ch: str) -> bool:
    """A character that ends a name before an honorific (not ー, not hiragana: みーたん, あっくん)."""
    return "\u4e00" <= ch <= "\u9fff" or ch == "々" or "\u30a1" <= ch <= "\u30fa"


def _line_breaks(view: str, origin: list[int], text: str, start: int, end: int) -> list[int]:
    """View positions ``p`` in (start, end) where the text has a line break between p-1 and p."""
    out = []
    for p in range(start + 1, end):
        gap = text[origin[p - 1] + 1:origin[p]]
        if "\n" in gap or "\r" in gap:
            out.append(p)
    return out


def _strip(view: str, s: int, e: int) -> tuple[int, int]:
    while s < e and view[s].isspace():
        s += 1
    while e > s and view[e - 1].isspace():
        e -= 1
    return s, e


def _split_lines(c: Candidate, view: str, origin: list[int], text: str) -> list[Candidate]:
    cuts = _line_breaks(view, origin, text, c.start, c.end)
    if not cuts:
        return [c]
    bounds = [c.start, *cuts, c.end]
    parts = [_strip(view, a, b) for a, b in zip(bounds, bounds[1:])]
    if c.kind == "school":
        s, e = parts[-1]
        piece = view[s:e]
        if piece in lx.SCHOOL_SUFFIXES or piece in lx.SCHOOL_ABBREV or len(piece) <= 3 and piece.endswith("学校"):
            return []
        return [Candidate(s, e, c.kind, c.detector, c.confidence)]
    if c.kind != "person":
        return [c]
    if any(len(view[s:e].replace(" ", "").replace("\u3000", "")) < 2 for s, e in parts):
        return [c]  # a name wrapped inside a word (山\n田太郎): one span
    return [Candidate(s, e, c.kind, c.detector, c.confidence) for s, e in parts if e > s]


RE_NAME_THEN_READING = re.compile(r"^(?P<name>.*[一-龥々].*?)[ \u3000]+(?P<reading>[ぁ-ゖー]{2,6}[ \u3000][ぁ-ゖー]{2,6})$")


def _split_reading(c: Candidate, view: str, origin: list[int], text: str) -> list[Candidate]:
    """A name and its reading side by side in a row (真柴 陸斗 ましば りくと): two spans."""
    if c.end - c.start < 2:
        return [c]
    a, b = origin[c.start], origin[c.end - 1] + 1
    m = RE_NAME_THEN_READING.match(text[a:b])
    if not m:
        return [c]
    return _split_in_two(c, origin, a + m.end("name"), a + m.start("reading"))


def _split_in_two(c: Candidate, origin: list[int], first_end: int, second_start: int) -> list[Candidate]:
    """``c`` cut into two candidates: up to ``first_end`` and from ``second_start`` (offsets in the
    original text, mapped back to the view through ``origin``); ``[c]`` when either does not map."""
    inv = {o: i for i, o in enumerate(origin)}
    fe, ss = inv.get(first_end - 1), inv.get(second_start)
    if fe is None or ss is None:
        return [c]
    return [Candidate(c.start, fe + 1, c.kind, c.detector, c.confidence),
            Candidate(ss, c.end, c.kind, c.detector, c.confidence)]


RE_TWO_FULL_NAMES = re.compile(r"^(?P<a>[一-龥々]{3,6})[ \u3000]+(?P<b>[一-龥々]{3,6})$")


def _full_name_shaped(word: str) -> bool:
    """Kanji that open with a family name SudachiDict lists and go on for one to three more."""
    return any(is_lexicon_surname(word[:cut]) and 1 <= len(word) - cut <= 3 for cut in (1, 2, 3) if cut < len(word))


def _split_full_names(c: Candidate, view: str, origin: list[int], text: str) -> list[Candidate]:
    """Two full names written without a space inside and a space between them, side by side in
    a row (本田亜希　本田和夫: a child and a parent), are two people, not one."""
    if c.end - c.start < 6:
        return [c]
    a, b = origin[c.start], origin[c.end - 1] + 1
    m = RE_TWO_FULL_NAMES.match(text[a:b])
    if not m or not (_full_name_shaped(m["a"]) and _full_name_shaped(m["b"])):
        return [c]
    return _split_in_two(c, origin, a + m.end("a"), a + m.start("b"))


RE_SPACED_KANA = re.compile(r"^[ぁ-ゖー]+(?:[ \u3000]+[ぁ-ゖー]+)+$")
#: a space between two kana phrases; three or more in a text mark writing spaced by phrase
RE_SPACED_WRITING = re.compile(r"[ぁ-ゖー][ \u3000]+(?=[ぁ-ゖー])")
_PARTICLE_END = ("は", "で", "が", "も", "を")


def _spaced_kana(c: Candidate, view: str, origin: list[int], text: str) -> list[Candidate]:
    """A hiragana span over the spaces of writing that sets phrases apart (きょうは　りっくん,
    あと　あやね; three or more such spaces in the text, as in children's writing): the leading phrases that end in a particle or are ordinary kana words are cut
    off; what is left is kept only when it is name-shaped or ends in an honorific."""
    from futoko_research.privacy.peers import HONORIFIC_TAIL, name_shaped

    a, b = origin[c.start], origin[c.end - 1] + 1
    if not RE_SPACED_KANA.match(text[a:b]) or len(RE_SPACED_WRITING.findall(text)) < 3:
        return [c]
    parts = [(a + m.start(), a + m.end()) for m in re.finditer(r"[ぁ-ゖー]+", text[a:b])]
    while len(parts) > 1:
        word = text[parts[0][0]:parts[0][1]]
        if word.endswith(_PARTICLE_END) or is_common_kana_word(word):
            parts.pop(0)
        else:
            break
    if len(parts) > 1 and all(name_shaped(text[s:e]) >= 0.7 for s, e in parts):
        pass  # a name written with a space (さわだ ゆうと): whole
    elif len(parts) == 1:
        word = text[parts[0][0]:parts[0][1]]
        if name_shaped(word) < 0.7 and not HONORIFIC_TAIL.search(word) and not word.endswith(("っち", "ち", "たん")):
            return []
    inv = {o: i for i, o in enumerate(origin)}
    s, e = inv.get(parts[0][0]), inv.get(parts[-1][1] - 1)
    if s is None or e is None:
        return [c]
    return [Candidate(s, e + 1, c.kind, c.detector, c.confidence)]


def _trim_person(c: Candidate, view: str, origin: list[int], text: str) -> Candidate | None:
    s, e = c.start, c.end
    while s < e and view[s] in _BULLETS:
        s += 1
    m = re.search(r"[ \u3000]?(?:より|から)$", view[s:e])
    if m and e - 2 > s and text[origin[e - 3] + 1:origin[e - 2]].strip(" \u3000") == "" \
            and origin[e - 2] - origin[e - 3] > 1:
        e = s + m.start()  # a sign-off after a space (浅香 より; the view joined the space away)
    for h in _TRAILING_HONORIFICS:
        if view[s:e].endswith(h) and e - len(h) - s >= 2 and _kanji_or_katakana(view[e - len(h) - 1]):
            e -= len(h)
            break
    if view[s:e].endswith("宅") and e - 1 > s and (is_lexicon_surname(view[s:e - 1]) or not is_lexicon_surname(view[s:e])) and not ("\u4e00" <= view[e:e + 1] <= "\u9fff"):
        e -= 1
    t = RE_TIME_HEAD.match(view, s, e)
    if t and e - t.end() >= 2 and re.fullmatch(r"[一-龥々]{2,3}", view[t.end():e]):
        s = t.end()  # 今日陽向: Sudachi glued a word of time to the name (round 12)
    s, e = _strip(view, s, e)
    if e <= s:
        return None
    return Candidate(s, e, c.kind, c.detector, c.confidence)


#: words of time that Sudachi may glue to a following name (今日陽向が, 昨日湊斗と)
RE_TIME_HEAD = re.compile(r"今日|昨日|明日|今朝|今晩|今夜|本日|先日|毎朝|毎日|翌日|前日")


def _line_end(view: str, origin: list[int], text: str, end: int) -> int:
    """The view position where the original line holding ``view[end - 1]`` ends."""
    if end <= 0 or end > len(origin):
        return len(view)
    nl = text.find("\n", origin[end - 1])
    if nl < 0:
        return len(view)
    return next((i for i in range(end, len(origin)) if origin[i] > nl), len(view))


def place_stems(view: str) -> set[str]:
    """Stems of municipalities named in ``view`` (星見坂 of 星見坂市立…, 深見原 of 深見原市教育…)."""
    return {m.group("stem") for m in RE_PLACE_STEM.finditer(view)}


def names_a_place(c: Candidate, view: str, stems: set[str], *, line_end: int | None = None,
                  spaced: bool = False) -> bool:
    """Whether person candidate ``c`` is (part of) a place name rather than a person.

    ``line_end``: where the candidate's line ends in the view (a place name does not run on over
    a line break: 井上 正樹 様 / 八坂市立西中学校); ``spaced``: the original text has a space after
    the candidate (a table row: 堀口 晴 八坂市立西中学校), so it is not glued to the place after it."""
    word = view[c.start:c.end]
    after = view[c.end:min(c.end + 6, line_end if line_end is not None else len(view))]
    if len(word) >= 3 and word[-1] in _MUNICIPAL and re.match(_PLACE_NEXT, after) and not is_lexicon_surname(word):
        return True  # 星見坂市立…, 星見坂市こども家庭課
    if not spaced and re.match(r"[一-龥々ヶ]{1,3}[市町村]" + _PLACE_NEXT, after):
        return True  # 深見 + 原市教育支援センター
    return not spaced and any(len(st) > len(word) and st.startswith(word) and view.startswith(st, c.start)
                              for st in stems)


def tidy_candidates(cands: list[Candidate], view: str, origin: list[int], text: str) -> list[Candidate]:
    """Apply the rules of this module to merged candidates of one view (see the module notes)."""
    stems = place_stems(view)
    out: list[Candidate] = []
    for c in cands:
        for p in [r for part in _split_lines(c, view, origin, text) for q in
                  (_split_reading(part, view, origin, text) if part.kind == "person" else [part])
                  for r0 in (_split_full_names(q, view, origin, text) if q.kind == "person" else [q])
                  for r in (_spaced_kana(r0, view, origin, text) if r0.kind == "person" else [r0])]:
            if p.kind == "person":
                spaced = p.end < len(origin) and origin[p.end] > origin[p.end - 1] + 1 \
                    and not text[origin[p.end - 1] + 1:origin[p.end]].strip()
                if names_a_place(p, view, stems, line_end=_line_end(view, origin, text, p.end), spaced=spaced):
                    continue
                p = _trim_person(p, view, origin, text)
                if p is None:
                    continue
            out.append(p)
    return sorted(out, key=lambda c: (c.start, c.end))

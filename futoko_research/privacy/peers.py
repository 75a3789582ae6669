"""Names known from their peers: the other items of a list that holds a found name, the same
slot in the other lines of a block, a name in brackets after 本人 / うちの子, the given name of a
full name written with a space, and the parts of names joined by a middle dot.

A word is taken only when its *shape* fits a given or family name (short, in a name's script,
not an ordinary word SudachiDict knows) *and* its place in the document says person: a list or a
column in which another item was found with certainty, or a slot that only a person fills.
No list of names is kept.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    has_common_sense,
    in_lexicon,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_surname,
    tokenize,
)

_KANJI = r"一-龥々"
HONORIFIC_TAIL = re.compile("(?:" + "|".join(map(re.escape, sorted(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES, key=len,
                                                                      reverse=True))) + ")$")
#: a list of items after a colon, up to the end of the line, a bracket or a full stop
RE_COLON_LIST = re.compile(r"[：:][ \u3000]*(?P<items>[^\n。：:（(]{2,80})")
_ITEM_SPLIT = re.compile(r"([、,，/／]|[ \u3000]*・[ \u3000]*)")
#: a line that opens with (a bullet and) a word and a colon or a space: 翔：…, ・ソラ　…
RE_LINE_HEAD = re.compile(r"(?m)^[ \u3000]*(?P<bullet>[・●○◆◇■□\-*＊※]?)[ \u3000]*(?P<word>[^\s：:、。,，（()）|｜・]{1,6})"
                          r"(?P<sep>[：:]|[ \u3000]+)")
#: a name in brackets after a word for the person the note is about: 本人（蒼空）, うちの子（颯人）
RE_SELF_BRACKET = re.compile(r"(?:本人|本児|うちの子|わが子|我が子|当該児童|当該生徒|息子|娘|長男|次男|長女|次女|三男|三女)"
                             r"[（(](?P<name>[^）)、,\s]{1,6})[）)]")
#: a family name, one space and a given name, ending at an edge (柏木 心愛, 桃井 蒼（中1）)
_EDGE = r"(?=$|[\n\t|｜/／,，、。（(）) \u3000]|さん|ちゃん|くん|君|様)"


def _bad_word(w: str) -> bool:
    return (w in lx.NOT_NAMES or w in lx.KIN_ROLE_WORDS or w in lx.ROLE_SUFFIXES or w in lx.ROLE_PREFIXES
            or w in lx.PERSON_SUFFIXES
            or w in lx.NAME_NOUNS or w in lx.ORG_WORDS or w in lx.SCHOOL_SUFFIXES or w in lx.NAME_LABELS
            or bool(lx.RE_ANONYMISED.match(w)) or bool(lx.RE_PSEUDONYM.fullmatch(w)))


def name_shaped(word: str, *, strict: bool = False) -> float:
    """Confidence that ``word``, in a slot that only a person fills, is a given or family name.

    Kanji: one to four characters, no token a number, place or organisation, not an ordinary
    noun with a synonym group or an adverbial/verbal noun (主訴, 経過 no; 蒼空, 芽衣 yes).
    Hiragana: two to five characters, not an ordinary kana word (とも yes; きょう, みんな no).
    Katakana: two to six characters, not an ordinary word (ケンタ, ソラ yes; ゲーム no).
    Round 23: a kanji word that SudachiDict reads as two common nouns or more, none a name
    (本人面会, 通訳手配), or as one common noun of three kanji or more (体調不良), is no name.
    ``strict`` (a slot that labels also fill, such as a line head before a colon): a kanji word
    must be a name SudachiDict lists or one it does not know as a single word (主訴 no).
    """
    w = HONORIFIC_TAIL.sub("", word) if len(word) > 2 else word
    if not w or _bad_word(w) or any(ch.isdigit() for ch in w):
        return 0.0
    if re.fullmatch(f"[{_KANJI}]{{1,4}}", w):
        if (len(w) > 1 and (is_abstract_noun(w) or has_common_sense(w))) or is_lexicon_place(w) and not is_lexicon_person(w):
            return 0.0
        toks = tokenize(w)
        if any(t.pos[1:2] in (("数詞",), ("代名詞",)) or t.pos[2:3] in (("地名",), ("組織",)) for t in toks):
            return 0.0
        if len(w) == 1 and not is_lexicon_person(w):
            return 0.0
        if len(toks) >= 2 and all(t.pos[:2] == ("名詞", "普通名詞") and not is_given_name(t.surface)
                                  and not is_family_name(t.surface) for t in toks):
            return 0.0  # 本人面会, 通訳手配: a compound of common nouns (round 23)
        if len(w) >= 3 and len(toks) == 1 and toks[0].pos[:2] == ("名詞", "普通名詞") and not is_lexicon_person(w) \
                and not is_given_name(w) and not is_family_name(w):
            return 0.0  # 体調不良: one common noun of three kanji or more (round 23)
        if strict and not is_lexicon_person(w) and len(toks) == 1 and in_lexicon(w):
            return 0.0
        return 0.75
    if is_hiragana(w):
        if 2 <= len(w) <= 5 and w not in lx.NOT_HIRAGANA_NAMES and not w.startswith("お") \
                and not is_common_kana_word(w) and not has_common_sense(w) and not (
                    in_lexicon(w) and not is_lexicon_person(w) and any(
                        t.pos[0] in ("動詞", "形容詞", "副詞", "助詞", "助動詞", "接続詞", "代名詞") for t in tokenize(w))):
            return 0.7
        return 0.0
    if is_katakana(w) and 2 <= len(w) <= 6 and not has_common_sense(w) and not is_lexicon_place(w):
        return 0.7
    return 0.0


def _certain_people(view: str, cands: list[Candidate]) -> list[Candidate]:
    return [c for c in cands if c.kind == "person" and c.confidence >= 0.7]


def _covered(s: int, e: int, people: list[Candidate]) -> bool:
    return any(c.start <= s and e <= c.end for c in people)


def _list_items(view: str, people: list[Candidate]) -> list[Candidate]:
    """Other items of a colon list that holds a certain name (来室：とも、はるき、Ｈ・Ｓ)."""
    out: list[Candidate] = []
    for m in RE_COLON_LIST.finditer(view):
        pos = m.start("items")
        items = []
        for part in _ITEM_SPLIT.split(m.group("items")):
            core = part.strip(" \u3000")
            if core and not _ITEM_SPLIT.fullmatch(part):
                s0 = pos + part.index(core)
                items.append((s0, s0 + len(core), core))
            pos += len(part)
        if len(items) < 2 or not any(any(c.start < e and s < c.end for c in people) for s, e, _ in items):
            continue
        if any(len(core) > 8 for _, _, core in items):
            continue  # a sentence, not a list of names
        for s, e, core in items:
            if _covered(s, e, people):
                continue
            w = HONORIFIC_TAIL.sub("", core) if len(core) > 2 else core
            conf = name_shaped(w)
            if conf:
                out.append(Candidate(s, s + len(w), "person", "peer", conf))
    return out


def _line_heads(view: str, people: list[Candidate]) -> list[Candidate]:
    """The word opening a line, when the same slot (same bullet, same separator) holds a
    certain name in another line of the document: 翔：… 芽衣：… りお：… ケンタ：…"""
    heads = [(m.start("word"), m.end("word"), m.group("word"), (m.group("bullet"), m.group("sep")[0] in "：:"))
             for m in RE_LINE_HEAD.finditer(view)]
    found = {slot for s, e, _, slot in heads if any(c.start == s and c.end == e for c in people)}
    out = []
    for s, e, word, slot in heads:
        if slot in found and not _covered(s, e, people):
            conf = name_shaped(word, strict=True)
            if conf:
                out.append(Candidate(s, e, "person", "peer", conf))
    return out


def _self_brackets(view: str) -> list[Candidate]:
    """A name in brackets after 本人, うちの子, 長女 …: 本人（蒼空）, うちの子（颯人）."""
    out = []
    for m in RE_SELF_BRACKET.finditer(view):
        if any(m.group("name").startswith(k) for k in lx.KIN_ROLE_WORDS):
            continue  # 本人（母同席）: a note about who came, not a name (round 12)
        conf = name_shaped(m.group("name"))
        if conf:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "peer", max(conf, 0.75)))
    return out


def _full_name_tails(view: str, people: list[Candidate]) -> list[Candidate]:
    """A certain family name, one space and a given name up to an edge (柏木 心愛, 岡　優斗), and
    a certain given name after a family name and a space (宮代 柊真)."""
    out = []
    for c in people:
        fam = view[c.start:c.end]
        if re.fullmatch(f"[{_KANJI}]{{1,3}}", fam) and is_lexicon_surname(fam) and not _bad_word(fam):
            m = re.match(f"[ \u3000](?P<g>[{_KANJI}]{{1,3}}|[ぁ-ゖ]{{2,4}}){_EDGE}", view[c.end:c.end + 8])
            if m and name_shaped(m.group("g")) and (c.start == 0 or not re.match(f"[{_KANJI}ぁ-ゖァ-ヺ]",
                                                                                 view[c.start - 1])):
                out.append(Candidate(c.start, c.end + m.end("g"), "person", "peer", 0.85))
        m = re.search(f"(?:^|(?<=[\\n\\t|｜/／,，、：:（( \u3000]))(?P<f>[{_KANJI}]{{1,3}})[ \u3000]$",
                      view[max(0, c.start - 5):c.start])
        if m and re.fullmatch(f"[{_KANJI}]{{1,3}}", view[c.start:c.end]) and is_lexicon_surname(m.group("f")) \
                and not _bad_word(m.group("f")):
            out.append(Candidate(c.start - len(m.group(0)), c.end, "person", "peer", 0.85))
    return out


def split_dotted(view: str, cands: list[Candidate]) -> list[Candidate]:
    """Split a person span of names joined by a middle dot into separate people when a part
    stands elsewhere in the document alone or with another partner (ひろと・れいな … れいな・カイ;
    榎本・小松 … 榎本：): each part is then a name of its own. Parts must be all kana (with one in
    hiragana) or all family names; a name written 姓・名 once (ふじしろ・ひろと, 宮園・里美) stays whole."""
    out = []
    for c in cands:
        text = view[c.start:c.end]
        parts = text.split("・")
        if c.kind != "person" or len(parts) < 2 or any(not p for p in parts):
            out.append(c)
            continue
        kana = all(is_hiragana(p) or is_katakana(p) for p in parts) and any(is_hiragana(p) for p in parts)
        surnames = all(re.fullmatch(f"[{_KANJI}]{{2,3}}", p) and is_lexicon_surname(p) for p in parts)
        # 陸・楓, 岡・津田: names of the name lexicon, all given or all family names
        lexical = all(re.fullmatch(f"[{_KANJI}]{{1,3}}|[ァ-ヺー]{{2,6}}", p) for p in parts) and (
            all(is_given_name(p) and not is_family_name(p) for p in parts)
            or (all((is_family_name(p) or is_lexicon_surname(p)) and not is_given_name(p) for p in parts)
                and any(is_family_name(p) and len(p) > 1 for p in parts)))
        rest = view[:c.start] + "\n" + view[c.end:]
        elsewhere = any(re.search(f"(?<![ぁ-ゖァ-ヺ{_KANJI}]){re.escape(p)}(?![ぁ-ゖァ-ヺ{_KANJI}])", rest) for p in parts)
        if not (((kana or surnames) and elsewhere) or lexical):
            out.append(c)
            continue
        pos = c.start
        for n, p in enumerate(parts):
            glued = n == 0 and p in "室課係所部局館" and c.start > 0 and re.match(f"[{_KANJI}]", view[c.start - 1])
            if not glued:  # 相談室・池谷: an office's last kanji, not a name (round 11)
                out.append(Candidate(pos, pos + len(p), c.kind, c.detector, c.confidence))
            pos += len(p) + 1
    return out


def detect_peers(text: str, view: str, origin: list[int], cands: list[Candidate]) -> list[Candidate]:
    """Peer candidates of one text, given the merged candidates found so far (view
    coordinates in and out). The rules read the original text, whose line breaks and spaces the
    joined view has dropped; a span that does not map back onto the view is left out."""
    folded = fold_text(text)
    people = []
    for c in _certain_people(view, cands):
        people.append(Candidate(origin[c.start], origin[c.end - 1] + 1, c.kind, c.detector, c.confidence))
    found = _list_items(folded, people) + _line_heads(folded, people) + _self_brackets(folded) + _full_name_tails(
        folded, people)
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for c in found:
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out

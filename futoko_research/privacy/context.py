"""Context rules for people's names: subjects of person verbs, lists, kinship words, Latin
letters, initials, codes next to a name, and document-level coreference.

These generalise from the shape of the sentence, not from lists of names: a word is taken
for a name when SudachiDict lists it as a person's name (名詞-固有名詞-人名) *and* the
context says it is a person (it is the subject of 語った / 登校した / 泣いた, it stands in a
list with a name, it follows 母の / 弟の / 担任の), or when the same string was found with
certainty elsewhere in the document.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    fold_text,
    is_abstract_noun,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_name_script,
)

_BOUNDARY = frozenset({"。", "、", "「", "」", "『", "』", "（", "）", "(", ")", "！", "？", "!", "?", "\n", ":", "：",
                       "・", "…", "，", ",", "．", "　", " "})
_FAMILY = frozenset({"母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "長男", "次男", "三男", "長女", "次女",
                     "三女", "息子", "娘", "夫", "妻", "いとこ", "従兄", "従姉", "きょうだい"})
_SENTENCE_END = frozenset({"。", "！", "？", "!", "?", "\n"})


def _is_person_tag(t: Tok) -> bool:
    return len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "人名"


def _anonymised(s: str) -> bool:
    return bool(lx.RE_ANONYMISED.match(s)) or bool(lx.RE_PSEUDONYM.fullmatch(s))


def name_word(t: Tok, *, hiragana: bool) -> float:
    """Confidence that one token, in a person's context, is a name (0 = no)."""
    s = t.surface
    if (s in lx.NOT_NAMES or s in lx.ROLE_SUFFIXES or s in lx.KIN_ROLE_WORDS or _anonymised(s)
            or t.pos[0] not in ("名詞", "接頭辞") or (len(t.pos) > 1 and t.pos[1] in ("数詞", "代名詞"))):
        return 0.0
    if len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] in ("地名", "組織") and not is_lexicon_person(s):
        return 0.0
    if _is_person_tag(t) and is_name_script(s, hiragana=True):
        return 0.85
    if s in lx.ORG_WORDS or s in lx.SCHOOL_SUFFIXES or s in lx.NON_PERSON_NEXT:
        return 0.0
    if is_name_script(s) and not is_katakana(s) and len(s) <= 4 and is_lexicon_person(s) and not is_abstract_noun(s):
        return 0.8
    if is_katakana(s) and 2 <= len(s) <= 8 and (t.oov or (len(t.pos) > 1 and t.pos[1] == "固有名詞")):
        return 0.75
    if (hiragana and is_hiragana(s) and 2 <= len(s) <= 4 and s not in lx.NOT_HIRAGANA_NAMES
            and not s.startswith("お") and t.pos[0] == "名詞"):
        return 0.7
    return 0.0


def _has_person_predicate(toks: list[Tok], k: int) -> bool:
    """A person predicate among the tokens from ``k`` to the end of the sentence (at most 14)."""
    depth = 0
    for t in toks[k:k + 24]:
        if t.surface in ("「", "『"):
            depth += 1
            continue
        if t.surface in ("」", "』"):
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if t.surface in _SENTENCE_END:
            return False
        if t.surface in lx.PERSON_PREDICATES:
            return True
        if t.pos[0] == "動詞" and t.pos[1] != "非自立可能":  # the first verb decides (光が差し込む: no)
            return False
    return False


def _subject_lists(toks: list[Tok]) -> list[Candidate]:
    """Names (alone or in a list) ending in は/が/も, at the start of a clause, before a person
    predicate: 「こころは最近…」「森が語った」「Ａと健と大和の三人は」."""
    out: list[Candidate] = []
    for p, tp in enumerate(toks):
        if p == 0 or tp.pos[0] != "助詞":
            continue
        end = p
        counted = False
        # …の三人は / …の二人で
        if (p >= 3 and toks[p - 1].surface == "人" and toks[p - 2].pos[1:2] == ("数詞",)
                and toks[p - 3].surface == "の"):
            end = p - 3
            counted = True
        elif tp.surface not in lx.SUBJECT_PARTICLES:
            continue
        # 日向（本人）は, ひまり（小4）は: a bracketed note between the name and the particle
        if (end >= 4 and toks[end - 1].surface in (")", "）")
                and toks[end - 3].surface in ("(", "（")
                and (toks[end - 2].surface in lx.KIN_ROLE_WORDS or toks[end - 2].surface in ("本人", "本児")
                     or re.fullmatch(r"[小中高][1-6]|[0-9]{1,2}歳", toks[end - 2].surface))):
            end -= 3
            counted = True
        items: list[tuple[Tok, float]] = []
        k = end - 1
        first = end
        while k >= 0:
            t = toks[k]
            right = toks[k + 1]
            conf = -1.0 if _anonymised(t.surface) else name_word(t, hiragana=True)
            if (conf == 0.0 and k + 1 < end and toks[k + 1].surface in lx.LIST_PARTICLES and k >= 1
                    and toks[k - 1].surface in lx.LIST_PARTICLES and is_name_script(t.surface)
                    and len(t.surface) <= 2 and t.surface not in lx.NOT_NAMES and t.pos[1:2] != ("数詞",)):
                conf = 0.7  # 蓮と颯と結衣: a word Sudachi does not know as a name, between two names
            if conf == 0.0 and k == end - 1 and is_hiragana(t.surface):
                # そう+た は: a hiragana name Sudachi cut into function words, at the start of a clause
                j = k
                while j >= 1 and is_hiragana(toks[j - 1].surface) and toks[j - 1].end == toks[j].start:
                    j -= 1
                word = "".join(x.surface for x in toks[j:k + 1])
                left = toks[j - 1].surface if j >= 1 else "。"
                if (k > j and 2 <= len(word) <= 4 and left in _BOUNDARY and word not in lx.NOT_HIRAGANA_NAMES
                        and not word.startswith("お")):
                    t = Tok(toks[j].start, toks[k].end, word, ("名詞", "固有名詞", "人名", "名"), False)
                    conf = 0.7
                    k = j
            if conf == 0.0 or (t.end != right.start and right.surface not in ("(", "（")):
                break
            items.append((t, conf))
            first = k
            if k >= 2 and toks[k - 1].surface in lx.LIST_PARTICLES:
                k -= 2
                continue
            break
        if not items or all(c < 0 for _, c in items):
            continue
        k = first
        left = toks[k - 1] if k >= 1 else None
        if left is not None and left.surface not in _BOUNDARY and left.pos[0] not in ("助詞", "接続詞", "副詞"):
            continue
        if left is not None and left.pos[0] == "助詞" and left.surface not in ("は", "が", "も", "と", "で", "に"):
            continue
        is_list = len(items) > 1 or counted
        if not (is_list or _has_person_predicate(toks, p + 1)):
            continue
        for t, conf in items:
            if conf < 0:
                continue
            if is_hiragana(t.surface) and not _has_person_predicate(toks, p + 1) and not is_list:
                continue
            out.append(Candidate(t.start, t.end, "person", "context", conf))
    return out


def _after_kin(toks: list[Tok]) -> list[Candidate]:
    """母の美佐子, 弟の蓮, 妹のあかり, 担任の岡本 (the name ends at a particle or punctuation)."""
    out: list[Candidate] = []
    n = len(toks)
    for i in range(n - 2):
        if toks[i].surface not in lx.KIN_ROLE_WORDS or toks[i + 1].surface not in ("の", "・", "：", ":"):
            continue
        j = i + 2
        run: list[tuple[Tok, float]] = []
        while j < n and len(run) < 2 and toks[j].start == toks[j - 1].end:
            c = name_word(toks[j], hiragana=not run)
            if c and len(toks[j].surface) == 1 and toks[i].surface not in _FAMILY:
                c = 0.0  # 担任の机: one kanji after a role is a thing, after 弟の a name (蓮)
            if c == 0.0:
                break
            run.append((toks[j], c))
            j += 1
        if not run:
            continue
        nxt = toks[j] if j < n else None
        if nxt is not None and not (nxt.pos[0] in ("助詞", "補助記号", "助動詞") or nxt.surface in lx.PERSON_SUFFIXES
                                    or nxt.surface in lx.ROLE_SUFFIXES):
            continue
        out.append(Candidate(run[0][0].start, run[-1][0].end, "person", "context", max(c for _, c in run)))
    return out


def _latin_and_initials(view: str) -> list[Candidate]:
    folded = fold_text(view)
    out: list[Candidate] = []
    for m in lx.RE_ROMAJI_HONORIFIC.finditer(folded):
        words = m.group("name").split()
        if all(w not in lx.NOT_ROMAJI_NAMES for w in words) and not (len(words) == 1 and len(words[0]) == 1):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_ROMAJI_NAME.finditer(folded):
        words = re.split(r"[ ,]+", m.group(0))
        if any(w in lx.NOT_ROMAJI_NAMES for w in words):
            continue
        after = folded[m.end():m.end() + 3].lstrip()
        before = folded[max(0, m.start() - 3):m.start()].rstrip()
        if re.match(r"(さん|くん|君|ちゃん|様|氏|先生|の|は|が|と|も|を|に|[（(、,])", after) or re.search(r"[:：]$", before):
            out.append(Candidate(m.start(), m.end(), "person", "context", 0.8))
    for m in lx.RE_NICKNAME.finditer(folded):
        g = "a" if m.group("a") else "b"
        if is_name_script(m.group(g), hiragana=True) and m.group(g) not in lx.NOT_NAMES:
            out.append(Candidate(m.start(g), m.end(g), "person", "context", 0.8))
    for m in lx.RE_ROMAJI_TITLE.finditer(folded):
        if m.group("name") not in lx.NOT_ROMAJI_NAMES:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_INITIALS.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "person", "initials", 0.8))
    return out


def _codes_after_names(view: str, people: list[Candidate]) -> list[Candidate]:
    folded = fold_text(view)
    out = []
    for c in people:
        m = lx.RE_CODE_IN_BRACKETS.match(folded[c.end:c.end + 24])
        if m and any(ch.isdigit() for ch in m.group("code")) and len(m.group("code")) >= 3:
            out.append(Candidate(c.end + m.start("code"), c.end + m.end("code"), "id", "context", 0.85))
    return out


def detect_context(view: str, toks: list[Tok]) -> list[Candidate]:
    """Context candidates of one view (names from sentence shape, Latin names, initials)."""
    return _subject_lists(toks) + _after_kin(toks) + _latin_and_initials(view)


def refine_people(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Fix the edges of person candidates: nicknames keep their honorific (あっくん, しーちゃん),
    a hiragana name takes the hiragana Sudachi cut off (ひ+まり), a family name takes a given
    name Sudachi did not know (高嶺+颯+真 before a bracket or a space)."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    for c in cands:
        if c.kind != "person":
            continue
        text = view[c.start:c.end]
        k = starts.get(c.end)
        nxt = toks[k].surface if k is not None else ""
        if (len(text) <= 2 and text[-1:] in ("っ", "ー", "ッ") and nxt in ("ちゃん", "くん", "たん")):
            c.end = toks[k].end
            c.confidence = max(c.confidence, 0.85)
            continue
        b = ends.get(c.start)
        if is_hiragana(text) and b is not None:
            while b is not None and is_hiragana(toks[b].surface) and toks[b].pos[0] == "名詞" \
                    and len(toks[b].surface) <= 2 and c.end - toks[b].start <= 6:
                c.start = toks[b].start
                b = ends.get(c.start)
        first = starts.get(c.start)
        if first is not None and k is not None and k == first + 1 and toks[first].pos[3:4] == ("姓",):
            j = k
            while j < len(toks) and j - k < 2 and len(toks[j].surface) == 1 and is_name_script(toks[j].surface) \
                    and toks[j].surface not in lx.NOT_NAME_TAIL and toks[j].start == toks[j - 1].end:
                j += 1
            after = toks[j].surface if j < len(toks) else "。"
            if j > k and (after in _BOUNDARY or toks[j].pos[0] in ("助詞", "補助記号", "空白")
                          or after in lx.PERSON_SUFFIXES or after in lx.ROLE_SUFFIXES):
                c.end = toks[j - 1].end
                c.confidence = max(c.confidence, 0.85)
    out = list(cands)
    for c in cands:
        if c.kind == "person" and c.confidence >= 0.7:
            m = re.match(r"[（(]([ぁ-ゖァ-ヺー]{2,16})[)）]", view[c.end:c.end + 20])
            if m:
                out.append(Candidate(c.end + m.start(1), c.end + m.end(1), "person", "reading", 0.85))
    return out


def add_codes_and_coreference(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Codes in brackets after a certain name, and every other whole-token occurrence of a
    name found with certainty in the same view (document-level consistency)."""
    people = [c for c in cands if c.kind == "person" and c.confidence >= 0.7]
    extra = _codes_after_names(view, people)
    names = {view[c.start:c.end] for c in people if c.end - c.start >= 1}
    names = {s for s in names if is_name_script(s.replace("・", ""), hiragana=True) and not _anonymised(s)}
    if not names:
        return extra
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end for t in toks}
    taken = [(c.start, c.end) for c in cands]
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), view):
            s, e = m.start(), m.end()
            if s not in starts or e not in ends or any(s < b and a < e for a, b in taken):
                continue
            k = starts.get(e)
            nxt = toks[k].surface if k is not None else ""
            if nxt in lx.NON_PERSON_NEXT or nxt in lx.SCHOOL_SUFFIXES:
                continue
            extra.append(Candidate(s, e, "person", "coref", 0.8))
            taken.append((s, e))
    return extra

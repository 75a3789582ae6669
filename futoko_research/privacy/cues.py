"""Strong cues right next to a word that make it a person's name (round 4, issue 21).

Each rule reads one cue that is said only of a person and takes the word right before it,
whatever SudachiDict calls that word (凛 a noun, 颯 an adverb, ハルト an ordinary word):

- a grade, age or 本児 note in brackets: 凛（中1）, そうた（年長）, mendoza joshua（本児、中1）;
- a hiragana reading in brackets before a particle: 晴海（はるみ）は;
- quoted speech attributed to it: 空は「行かない」と明言 (not 看板には「禁止」と書かれて);
- one kanji standing alone before くん/ちゃん/君: 颯くん (not 坊ちゃん, お兄ちゃん);
- the topic of a clause followed at once by a family word and の: ミナは母の通訳役を…, はるとは母の…

The word itself must still look like a name: not a role, kinship, organisation, country or
abstract word, not an ordinary kana word SudachiDict knows with a synonym group (あかり, きっかけ
stay unmasked), and set off on its left by punctuation, a particle, a space or a role word.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    has_common_sense,
    in_lexicon,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    tokenize,
)

#: a note in brackets that only a child's name takes: a grade, an age, 本児 (（小2）, （年長）,
#: （中1・不登校）, （本児、中1）, （6歳）, （4年1組）)
RE_GRADE_NOTE = re.compile(
    r"[（(]\s?(?:[小中高][1-6１-６](?:年生?)?|年少|年中|年長|[1-6１-６]年(?:生|[0-9A-Za-z]{1,2}組)?"
    r"|[0-9０-９]{1,2}歳|本児|本人)(?:[、,・/／\s][^）)\n]{0,14})?[）)]"
)
#: a hiragana reading in brackets after a kanji word, before a particle or comma
RE_READING_SUBJECT = re.compile(
    r"(?P<name>[一-龥々]{1,4})[（(](?P<reading>[ぁ-ゖー]{2,10})[）)](?=[はがもと、の])"
)
#: verbs and verbal nouns of saying that attribute a quotation to a person
SPEECH_WORDS = frozenset({
    "言う", "話す", "語る", "答える", "述べる", "叫ぶ", "呟く", "つぶやく", "訴える", "漏らす", "書く", "返す",
    "明言", "発言", "返答", "回答", "断言", "主張", "宣言", "説明", "即答", "反論", "言明", "告白", "話", "口",
})
_LEFT_OK = set("。、，,．.！？!?「」『』（）()【】[]：:・／/|｜\n\t 　")
_PARTICLES = frozenset({"は", "が", "も", "の", "と", "を", "に", "で", "や", "へ"})
_STANDALONE_BEFORE = lx.KIN_ROLE_WORDS | lx.NAME_NOUNS | {"本児", "本人"}


def _kanji(s: str) -> bool:
    return bool(s) and all("\u4e00" <= ch <= "\u9fff" or ch == "々" for ch in s)


def _blocked(s: str, t: Tok | None = None) -> bool:
    if (s in lx.NOT_NAMES or s in lx.KIN_ROLE_WORDS or s in lx.ROLE_SUFFIXES or s in lx.ORG_WORDS
            or s in lx.SCHOOL_SUFFIXES or s in lx.NON_PERSON_NEXT or s in lx.NAME_NOUNS
            or s in lx.FAMILY_WORDS or s in lx.SIBLING_WORDS
            or bool(lx.RE_ANONYMISED.match(s)) or bool(lx.RE_PSEUDONYM.fullmatch(s))):
        return True
    if t is not None and len(t.pos) > 2 and (t.pos[1] in ("数詞", "代名詞") or (
            t.pos[1] == "固有名詞" and t.pos[2] in ("地名", "組織") and not is_lexicon_person(s))):
        return True
    return False


def _word_before(view: str, toks: list[Tok], end: int, *, strict: bool = False) -> tuple[int, float] | None:
    """(start, confidence) of a name-like word ending at view offset ``end``, or None. With
    ``strict``, a word of two or more kanji must be listed as a name or unknown to SudachiDict."""
    ends = {t.end: k for k, t in enumerate(toks)}
    k = ends.get(end)
    if k is None:
        return None
    t = toks[k]
    s = t.surface
    start = t.start
    if _kanji(s) and 1 <= len(s) <= 4:
        if _blocked(s, t) or (len(s) == 1 and s in lx.NOT_NAME_TAIL):
            return None
        if len(s) >= 2 and not (is_lexicon_person(s) or t.oov or not in_lexicon(s)
                                or (not strict and not (has_common_sense(s) or is_abstract_noun(s)))):
            return None
        conf = 0.8
    elif is_katakana(s) and 2 <= len(s) <= 8:
        if _blocked(s, t) or has_common_sense(s):
            return None
        conf = 0.75
    elif is_hiragana(view[end - 1:end]) and s not in lx.PERSON_SUFFIXES:
        j = k
        while j >= 1 and is_hiragana(toks[j - 1].surface) and toks[j - 1].end == toks[j].start:
            j -= 1
        run = toks[j:k + 1]
        while len(run) > 1 and run[0].pos[0] == "助詞" and run[0].surface in _PARTICLES:
            run = run[1:]  # 本日はみゆき, 弟のそうた: the particle belongs to the word before
        word = "".join(x.surface for x in run)
        if (not 2 <= len(word) <= 5 or word in lx.NOT_HIRAGANA_NAMES or word.startswith("お")
                or is_common_kana_word(word) or word in lx.NOT_NAMES
                or any(x.pos[0] in ("動詞", "形容詞") or x.pos[1:2] == ("代名詞",) for x in run)):
            return None
        start, conf = run[0].start, 0.75
        k = toks.index(run[0])
    else:
        return None
    left = view[start - 1:start] if start else ""
    prev = toks[k - 1] if k >= 1 and toks[k - 1].end == start else None
    if not (left == "" or left in _LEFT_OK or (prev is not None and (
            prev.pos[0] == "助詞" or prev.surface in _STANDALONE_BEFORE))):
        return None
    return start, conf


def _grade_notes(view: str, toks: list[Tok]) -> list[Candidate]:
    out = []
    for m in RE_GRADE_NOTE.finditer(view):
        end = m.start()
        latin = re.search(r"(?<![A-Za-z0-9@._-])[A-Za-z][a-z]+(?: [A-Za-z][a-z]+){1,2}$", view[max(0, end - 40):end])
        if latin and not any(w in lx.NOT_ROMAJI_NAMES for w in latin.group(0).split()):
            out.append(Candidate(end - len(latin.group(0)), end, "person", "cue", 0.8))
            continue
        hit = _word_before(view, toks, end)
        if hit:
            out.append(Candidate(hit[0], end, "person", "cue", hit[1]))
    return out


def _readings(view: str, toks: list[Tok]) -> list[Candidate]:
    out = []
    for m in RE_READING_SUBJECT.finditer(view):
        name, reading = m.group("name"), m.group("reading")
        left = view[m.start() - 1:m.start()] if m.start() else ""
        if left and left not in _LEFT_OK and not is_hiragana(left):
            continue
        if len(reading) < len(name) or _blocked(name) or is_abstract_noun(name) or reading in lx.KIN_ROLE_WORDS:
            continue
        parts = tokenize(name)
        if any(_blocked(p.surface, p) for p in parts if len(p.surface) > 1 or len(parts) == 1):
            continue
        out.append(Candidate(m.start("name"), m.end("name"), "person", "cue", 0.8))
        out.append(Candidate(m.start("reading"), m.end("reading"), "person", "reading", 0.8))
    return out


def _quoted_speakers(view: str, toks: list[Tok]) -> list[Candidate]:
    out = []
    n = len(toks)
    for p, tp in enumerate(toks):
        if tp.surface not in ("は", "が", "も") or p == 0 or p + 1 >= n or toks[p + 1].surface != "「":
            continue
        depth, q = 0, p + 1
        while q < n:
            if toks[q].surface == "「":
                depth += 1
            elif toks[q].surface == "」":
                depth -= 1
                if depth == 0:
                    break
            elif toks[q].surface in ("。", "\n") and depth == 0:
                break
            q += 1
        if q + 2 >= n or toks[q].surface != "」" or toks[q + 1].surface not in ("と", "って"):
            continue
        verb = toks[q + 2]
        after = toks[q + 3].surface if q + 3 < n else ""
        if (verb.lemma in SPEECH_WORDS or verb.surface in SPEECH_WORDS) and after not in ("れ", "られ"):
            hit = _word_before(view, toks, tp.start, strict=True)
            if hit:
                out.append(Candidate(hit[0], tp.start, "person", "cue", hit[1]))
    return out


def _one_kanji_honorific(view: str, toks: list[Tok]) -> list[Candidate]:
    out = []
    for k in range(1, len(toks)):
        t, h = toks[k - 1], toks[k]
        if h.surface not in ("くん", "ちゃん", "君") or t.end != h.start or not _kanji(t.surface) or len(t.surface) != 1:
            continue
        if t.surface in lx.NOT_NAMES or t.surface in lx.NOT_NAME_TAIL or t.pos[1:2] == ("数詞",):
            continue
        left = view[t.start - 1:t.start] if t.start else ""
        if _kanji(left) or is_katakana(left) or left == "お":
            continue  # the tail of a longer word (お兄ちゃん, 太郎君 is found elsewhere)
        out.append(Candidate(t.start, t.end, "person", "cue", 0.75))
    return out


def _topic_before_family(view: str, toks: list[Tok]) -> list[Candidate]:
    """ミナは母の…, はるとは、母の…: the topic of a clause followed by a family word and の
    (the family is the topic's; a lamp or a reason has none)."""
    out = []
    family = lx.FAMILY_WORDS
    for p in range(1, len(toks) - 2):
        if toks[p].surface != "は":
            continue
        q = p + 1
        if toks[q].surface in ("、", ","):
            q += 1
        if q + 1 >= len(toks) or toks[q].surface not in family or toks[q + 1].surface != "の":
            continue
        hit = _hiragana_run_before(toks, p) or _word_before(view, toks, toks[p].start, strict=True)
        if hit:
            out.append(Candidate(hit[0], toks[p].start, "person", "cue", hit[1]))
    return out


def _hiragana_run_before(toks: list[Tok], p: int) -> tuple[int, float] | None:
    """A hiragana name Sudachi cut into pieces (はる+と は) at the start of a clause."""
    j = p
    while j >= 1 and is_hiragana(toks[j - 1].surface) and toks[j - 1].end == toks[j].start:
        j -= 1
    if j == p or (j >= 1 and toks[j - 1].surface not in _LEFT_OK):
        return None
    word = "".join(x.surface for x in toks[j:p])
    if (2 <= len(word) <= 5 and not in_lexicon(word) and word not in lx.NOT_HIRAGANA_NAMES
            and not word.startswith("お") and not any(x.pos[0] in ("動詞", "形容詞") for x in toks[j:p])):
        return toks[j].start, 0.75
    return None


def detect_cues(view: str, toks: list[Tok]) -> list[Candidate]:
    """Person candidates from strong cues next to a word (grade notes, readings, quoted speech,
    one kanji before くん/ちゃん, a topic before 母の)."""
    return (_grade_notes(view, toks) + _readings(view, toks) + _quoted_speakers(view, toks)
            + _one_kanji_honorific(view, toks) + _topic_before_family(view, toks))

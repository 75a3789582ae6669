"""Bare names known from the clause they stand in: a name-shaped kana word as the subject
(は/が/も) of a person predicate in text written with spaces between phrases (children's
writing: 「ゆうせいが　おみやげ　くれた」), and a name alone on a letter's address or sign-off line
(「ヒナへ」, 「みつきより」, 「かなたの母より」).

A word is taken only when its shape fits a name (:func:`~futoko_research.privacy.peers.name_shaped`:
not an ordinary word SudachiDict knows) *and* its slot says person. No list of names is kept.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.nametoks import has_person_predicate
from futoko_research.privacy.peers import HONORIFIC_TAIL, name_shaped
from futoko_research.privacy.text import (
    Candidate,
    fold_text,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    tokenize,
)

#: a kana word set off before it, then は/が/も (the subject or topic of a clause)
RE_KANA_SUBJECT = re.compile(
    r"(?:(?<=^)|(?<=[\s、。「」『』（）()！？!?]))(?P<word>[ぁ-ゖー]{2,5}?|[ァ-ヺー]{2,6}?)(?P<particle>は|が|も)"
    r"(?=[\s、]|[^ぁ-ゖ])", re.M)
#: a line that is only a name and へ / より (or the name, の and a parent, and より)
RE_LETTER_LINE = re.compile(
    r"(?m)^[ \u3000]*(?P<word>[^\s、。：:（()）]{2,6}?)[ \u3000]?(?:へ|より|(?:の|)(?:母|父|母親|父親|祖母|祖父)より)[ \u3000]*$")
#: a line that opens (after a date or a bullet) with a word, then 、 or a space: 「5/7　澪、3時間目から登校」
RE_LINE_SUBJECT = re.compile(
    r"(?m)^[ \u3000]*(?:[・●○\-]|[0-9]{1,2}/[0-9]{1,2}(?:[（(].[）)])?[ \u3000]+)?[ \u3000]*"
    r"(?P<word>[^\s、。：:（()）0-9０-９]{1,6}?)(?:、|[ \u3000]+)(?P<rest>[^\n]*)")
#: one capitalised Latin word set in Japanese: before an honorific or a grade in brackets, or
#: as the subject (は/が/も) of a person predicate (Aaravは「…」と言って, Bao（1年4組）が)
RE_LATIN_IN_JAPANESE = re.compile(
    r"(?<![A-Za-z0-9@._-])(?P<word>[A-Z][a-z]{1,11}(?:-[a-z]{2,8})?)"
    r"(?P<next>くん|ちゃん|さん|君|[（(](?:[小中高][0-9１-６一二三]|[0-9]年|[0-9]{1,2}歳)|は|が|も)")
_FUNCTION_POS = frozenset({"助詞", "助動詞", "接尾辞", "補助記号"})
_NOT_NAME_POS = frozenset({"連体詞", "副詞", "接続詞", "感動詞", "形状詞"})
_SENTENCE_END = re.compile(r"[。！？!?\n]")
#: closing brackets after which a kana word may be a particle and what follows
_CLOSING = frozenset("」』）)")


def _other_subject(toks) -> bool:
    """A が outside quoted speech before the first person predicate: the clause has a subject
    of its own (みずやりは　ゆうきが…), not a later one (…と言うことが増えた)."""
    depth = 0
    for t in toks:
        if not depth and (t.surface in lx.PERSON_PREDICATES or t.lemma in lx.PERSON_VERB_LEMMAS):
            return False
        if t.surface in ("「", "『"):
            depth += 1
        elif t.surface in ("」", "』"):
            depth = max(0, depth - 1)
        elif not depth and t.surface == "が" and t.pos[0] == "助詞":
            return True
    return False


def _kana_subjects(folded: str) -> list[Candidate]:
    out = []
    for m in RE_KANA_SUBJECT.finditer(folded):
        word = m.group("word")
        if HONORIFIC_TAIL.search(word) or not (is_hiragana(word) or is_katakana(word)) or name_shaped(word) < 0.7:
            continue
        if any(t.pos[0] in _NOT_NAME_POS for t in tokenize(word)):
            continue  # このたび, このあいだ: a demonstrative, an adverb or a conjunction
        if m.start() and folded[m.start() - 1] in _CLOSING \
                and tokenize(folded[m.start():m.end() + 3])[0].pos[0] == "助詞":
            continue  # a particle after a quotation: 「学習面の遅れ」がありますが、 (real text, set c7)
        end = _SENTENCE_END.search(folded, m.end())
        rest = re.sub(r"[ \u3000]+", "", folded[m.end():end.start() if end else len(folded)])
        if not rest:
            continue
        toks = tokenize(rest)
        if _other_subject(toks):
            continue  # another subject follows (みずやりは　ゆうきくんが　してくれる)
        if has_person_predicate(toks, 0, m.group("particle")):
            out.append(Candidate(m.start("word"), m.end("word"), "person", "clause", 0.75))
    return out


def _line_subjects(folded: str) -> list[Candidate]:
    """A word opening a log line before 、 or a space, whose clause has a person predicate
    (コウキ　9:45来所, 5/7　澪、3時間目から登校)."""
    out = []
    for m in RE_LINE_SUBJECT.finditer(folded):
        word = m.group("word")
        if HONORIFIC_TAIL.search(word) or word[-1] in "はがもの" or name_shaped(word, strict=True) < 0.7:
            continue
        if not (is_hiragana(word) or is_katakana(word) or is_lexicon_person(word)):
            continue  # a kanji word opening a line is a label (訪問時, 受付番号) unless a listed name
        if any(t.pos[0] in _NOT_NAME_POS for t in tokenize(word)) or tokenize(word)[0].pos[0] in _FUNCTION_POS:
            continue
        prev = folded[:m.start()].rstrip()
        prev_line = prev[prev.rfind("\n") + 1:]
        if len(prev_line) >= 20 and prev_line[-1] not in "。！？!?）)」』":
            continue  # the line goes on from a wrapped line (…したこと\nにより、…)
        end = _SENTENCE_END.search(m.group("rest"))
        rest = re.sub(r"[ \u3000]+", "", m.group("rest")[:end.start() if end else None])
        toks = tokenize(rest) if rest else []
        if toks and not _other_subject(toks) and has_person_predicate(toks, 0):
            out.append(Candidate(m.start("word"), m.end("word"), "person", "clause", 0.75))
    return out


def _latin_words(folded: str) -> list[Candidate]:
    out = []
    for m in RE_LATIN_IN_JAPANESE.finditer(folded):
        word = m.group("word")
        if word in lx.NOT_ROMAJI_NAMES:
            continue
        if m.group("next") in ("は", "が", "も"):
            end = _SENTENCE_END.search(folded, m.end())
            rest = re.sub(r"[ \u3000]+", "", folded[m.end():end.start() if end else len(folded)])
            toks = tokenize(rest) if rest else []
            if not toks or _other_subject(toks) \
                    or not has_person_predicate(toks, 0, m.group("next")):
                continue
        start = m.start("word")
        before = re.search(r"(?<![A-Za-z0-9@._-])(?:[A-Z][a-z]+ ){1,2}$", folded[max(0, start - 30):start])
        if before and not any(w in lx.NOT_ROMAJI_NAMES for w in before.group().split()):
            start -= len(before.group())  # the family name before it (Park Seo-yeon)
        out.append(Candidate(start, m.end("word"), "person", "clause", 0.75))
    return out


def _letter_lines(folded: str) -> list[Candidate]:
    """Only the first line (the address) or the last line (the sign-off) of a text."""
    out = []
    first = len(folded) - len(folded.lstrip())
    last = len(folded.rstrip())
    for m in RE_LETTER_LINE.finditer(folded):
        if m.start() > first and folded.find("\n", m.end(), last) != -1:
            continue
        word = m.group("word")
        if not HONORIFIC_TAIL.search(word) and name_shaped(word, strict=True) >= 0.7:
            out.append(Candidate(m.start("word"), m.end("word"), "person", "clause", 0.75))
    return out


def detect_clauses(text: str, view: str, origin: list[int]) -> list[Candidate]:
    """Clause candidates of one text (read on the original text, returned in view coordinates;
    a span that does not map back onto the view is left out)."""
    folded = fold_text(text)
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for c in _kana_subjects(folded) + _line_subjects(folded) + _letter_lines(folded) + _latin_words(folded):
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out

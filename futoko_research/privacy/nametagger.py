"""A learned person-name tagger that adds names the rules left out (issue 21, round 14).

The rules find a name from its *slot* (an honorific, a role word, a label, a person verb). A
given name that is also an ordinary word, standing in no slot, escapes them. This tagger scores
*candidate spans* — one to three Sudachi tokens of the joined view — by their shape and context
only: script, length, Sudachi POS and whether SudachiDict or the ``gimei`` name lexicon
(:mod:`~futoko_research.privacy.names`) lists the string as a person's name, family name or
given name, the neighbouring tokens' surfaces and POS (particles, honorifics,
パパ/ママ, role words, brackets, line starts, list separators) and whether the string is part
of a certain name elsewhere in the same text. The candidate's own spelling is **not** a feature
(first and last characters are only kept by script class), so the model cannot learn a list
of names.

The model is a logistic regression (liblinear, dual, L2, fixed seed) on binary features; the
artefact is plain arrays (:mod:`~futoko_research.privacy.nametagger_io`). At detection time it
only *adds* person spans that touch no finding of the rules (certain or not), the best-scoring
span first; the score of a string is the best score of its occurrences in the text, so a name
met once in a clear context is masked at every whole-token occurrence.

Round 24 (feature version 2): the precision guards that kept a string out of the candidates
(a place, a one-kanji common noun, an ordinary hiragana word: 本町, 陸, あかり) are *soft*: such a
candidate is scored with its guard as a feature and must reach a second, higher threshold
(``guarded_threshold``, chosen for precision 0.85 of those additions out of fold); a katakana run
the view joined across spaces (グエン ヴァン ミン) is a candidate; the clause's predicate
(``は:登校``) and a label before a colon (``会場：``) are features.

Notes
-----
Trained on the person spans of the invented development fixtures (every batch scored once and
then made development data; the script is ``benchmarks/train_name_tagger.py``), thresholds chosen
on grouped out-of-fold scores for precision. See docs/privacy.md, "Round 14" and "Round 24".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import numpy as np

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name, is_romaji_name
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    has_common_sense,
    in_lexicon,
    is_common_kana_word,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_surname,
    lexicon_pos,
)

#: version of the feature functions (a model trained on other features is refused)
FEATURE_VERSION = 2
#: the longest candidate, in characters
MAX_CHARS = 12
#: the longest katakana word without ・ taken as a name (longer ones are loanword compounds:
#: フリースペース, スクールライフサポーター; no fixture has a longer one)
MAX_KATAKANA = 6
#: confidence given to a tagger-only finding (certain: replaced)
TAGGER_CONFIDENCE = 0.75

_RE_LATIN_NAME = re.compile(r"^[A-Z][a-zA-Z'\-]*$")
_JOINERS = frozenset({"・", "=", "＝", " "})
_FAMILY = frozenset({"パパ", "ママ", "父", "母", "兄", "姉", "弟", "妹", "祖母", "祖父", "父親", "母親",
                     "お母さん", "お父さん", "おばあちゃん", "おじいちゃん"})


_PERSON_WORDS = (_FAMILY | lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES | lx.ROLE_PREFIXES | lx.NAME_LABELS
                 | frozenset({"たち", "達", "ら", "ども", "自身", "本人", "同級生", "友達", "友人", "人", "名"}))


def char_class(ch: str) -> str:
    """Script class of one character: K (kanji), k (katakana), h (hiragana), L/l (Latin upper/lower),
    d (digit), s (space), p (other: punctuation, symbols)."""
    if not ch:
        return "^"
    if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ":
        return "K"
    if "\u30a1" <= ch <= "\u30fa" or ch == "ー":
        return "k"
    if "\u3041" <= ch <= "\u3096":
        return "h"
    if ch.isascii() and ch.isalpha():
        return "L" if ch.isupper() else "l"
    if ch.isdigit():
        return "d"
    if ch.isspace():
        return "n" if ch in "\n\r" else "s"
    return "p"


def script(s: str) -> str:
    """The script classes of ``s`` in order of first appearance, repeated classes collapsed (Kk, h, Ll)."""
    out: list[str] = []
    for ch in s:
        c = char_class(ch)
        if c not in out:
            out.append(c)
    return "".join(out)


def _namey(t: Tok) -> bool:
    """A token that can be (part of) a name: a noun, an unknown word or a Latin word, in name script."""
    s = t.surface
    if not s or len(s) > MAX_CHARS or lx.RE_PSEUDONYM.fullmatch(s):
        return False
    if _RE_LATIN_NAME.match(s):
        # a single capital is an anonymised form (A君), never flagged; a word SudachiDict knows
        # (Excel, LINE, Zoom) only when it knows it as a person's name or it romanises one
        return len(s) >= 2 and (t.oov or is_lexicon_person(s) or is_romaji_name(s))
    if not all(char_class(ch) in "Kkh" for ch in s):
        return False
    if script(s) == "k" and len(s) >= 2:  # katakana words of any POS (ソラ read as an interjection)
        return True
    return t.oov or t.pos[0] in ("名詞", "接頭辞", "形状詞")


def guard(key: str, parts: Sequence[str], *, spaced: bool = False) -> str | None:
    """The precision guard a candidate string falls under: ``None`` when it may never be tagged,
    ``""`` when no guard applies, otherwise the name of a *soft* guard, which the model sees as a
    feature (``guard=…``) and must outweigh with context (round 24: the guards were hard before,
    and 陸, 岬, 湊, 凪, 鳴海, あかり, グエン ヴァン ミン could never be tagged).

    Hard: a katakana word longer than :data:`MAX_KATAKANA` (loanword compounds: フリースペース),
    also as a part of a joined string; parts joined by ・ of which one is an ordinary word and
    none a family name (パソコン・タブレット). Soft: ``place`` (SudachiDict lists the string as a
    place: 本町, 吉野, 鳴海), ``common1`` (one kanji that is also a common noun: 光, 陸),
    ``common`` (an ordinary word in kanji or katakana: 空, 希望), ``kana`` (hiragana of at most two
    characters or an ordinary hiragana word: なつ, あかり), ``part_common`` (a full name whose
    given part is also a word: 丹羽 さくら). A katakana spelling of an ordinary word (ソラ, アオイ)
    needs no guard: that spelling is itself a sign of a name."""
    sc = script(key)
    words = [p for p in parts if p not in _JOINERS]
    if any(script(p) == "k" and len(p) > MAX_KATAKANA for p in words):
        if not spaced:
            return None
        return "spaced_katakana"
    if len(words) > 1 and any(has_common_sense(p) for p in words):
        if not is_family_name(words[0]) and not is_lexicon_surname(words[0]):
            return None
        return "part_common"
    if is_lexicon_place(key):
        return "place"
    if sc == "h" and (len(key) <= 2 or is_common_kana_word(key) or has_common_sense(key)):
        return "kana"
    if sc == "K":
        entries = lexicon_pos(key)
        if any(pos[2] == "地名" for pos in entries):
            return "place"
        if len(key) == 1 and any(pos[1] == "普通名詞" for pos in entries):
            return "common1"
        if has_common_sense(key):
            return "common"
    return ""


def spaced(t: Tok, origin: Sequence[int] | None) -> bool:
    """Whether the view joined whitespace inside token ``t`` (グエン ヴァン ミン read as one word)."""
    return origin is not None and t.end - t.start > 1 and origin[t.end - 1] - origin[t.start] != t.end - 1 - t.start


def candidate_spans(toks: Sequence[Tok], origin: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """(first token, last token + 1) of each candidate: one to three adjacent name-like tokens,
    possibly joined by ・ / ＝ / a space (not over a line break), at most :data:`MAX_CHARS` long,
    that :func:`guard` does not refuse and are not followed by a place or organisation word (中川沿い,
    本郷中学校: :data:`~futoko_research.privacy.lexicon.NON_PERSON_NEXT`)."""
    out = []
    n = len(toks)

    def keep(i: int, j: int) -> bool:
        if j < n and toks[j].surface in lx.NON_PERSON_NEXT:
            return False
        parts = [t.surface for t in toks[i:j]]
        sp = any(spaced(t, origin) for t in toks[i:j])
        return guard(re.sub(r"[\s・=＝]+", "", "".join(parts)), parts, spaced=sp) is not None

    for i in range(n):
        if not _namey(toks[i]):
            continue
        if keep(i, i + 1):
            out.append((i, i + 1))
        j, parts = i + 1, 1
        while j < n and parts < 3:
            if toks[j].surface in _JOINERS and j + 1 < n and _namey(toks[j + 1]):
                j += 1
            if not _namey(toks[j]) or toks[j].start != toks[j - 1].end:
                break
            if toks[j].end - toks[i].start > MAX_CHARS:
                break
            parts += 1
            if keep(i, j + 1):
                out.append((i, j + 1))
            j += 1
    return out


def _pos(t: Tok | None) -> str:
    if t is None:
        return "^"
    return "-".join(p for p in t.pos[:3] if p and p != "*")


def _ctx(t: Tok | None) -> str:
    """A neighbour's surface if it is a function word, a symbol, a verb or adjective or a person
    word (role, honorific, family, label); otherwise (other nouns, unknown words) its POS only,
    so that no other name is learnt through the context either."""
    if t is None:
        return "^"
    if t.surface in _PERSON_WORDS:
        return t.surface
    if t.oov or t.pos[0] in ("名詞", "接頭辞", "形状詞") or len(t.surface) > 6:
        return "<" + _pos(t) + ">"
    return t.surface


def _len_bucket(n: int) -> str:
    return str(n) if n <= 4 else ("5-6" if n <= 6 else "7+")


#: particles after which the next verb says what the candidate did or had done to it
_CASE_PARTICLES = frozenset({"は", "が", "も", "に", "を", "と", "から", "へ"})
#: how far (in tokens) the predicate of a candidate's clause is looked for
PREDICATE_WINDOW = 8


def predicate(toks: Sequence[Tok], j: int) -> str:
    """``particle:lemma`` of the clause a candidate ending before ``toks[j]`` stands in: the case
    particle right after it and the first verb or adjective (or サ変 noun before する: 登校) within
    :data:`PREDICATE_WINDOW` tokens, not across 。, a line break or a bracket; ``""`` when there is
    none. People are the subjects of 話す, 泣く, 登校する, 来室する; places and things are not."""
    if j >= len(toks) or toks[j].surface not in _CASE_PARTICLES:
        return ""
    particle = toks[j].surface
    for t in toks[j + 1:j + 1 + PREDICATE_WINDOW]:
        if t.surface in ("。", "「", "」", "（", "）", "(", ")") or "\n" in t.surface:
            return ""
        if t.pos[0] in ("動詞", "形容詞"):
            return f"{particle}:{t.lemma or t.surface}"
        if t.pos[0] == "名詞" and len(t.pos) > 2 and t.pos[2] == "サ変可能":
            return f"{particle}:{t.surface}"
    return ""


@dataclasses.dataclass
class DocInfo:
    """What the rules found in one text (view coordinates), for the tagger's document features."""

    certain_names: frozenset[str]  # surfaces of certain person findings
    taken: list[tuple[int, int]]  # spans of every finding of the rules (any kind, any confidence)
    uncertain_people: frozenset[tuple[int, int]]  # spans of uncertain person findings


def doc_info(view: str, cands: Sequence[Candidate], certain: float = 0.7) -> DocInfo:
    """:class:`DocInfo` of a text from the rules' merged candidates (view coordinates)."""
    names = frozenset(re.sub(r"\s+", "", view[c.start:c.end]) for c in cands
                      if c.kind == "person" and c.confidence >= certain)
    return DocInfo(names, [(c.start, c.end) for c in cands],
                   frozenset((c.start, c.end) for c in cands if c.kind == "person" and c.confidence < certain))


def span_features(view: str, toks: Sequence[Tok], i: int, j: int, doc: DocInfo,
                  origin: Sequence[int] | None = None) -> list[str]:
    """Binary features of the candidate ``toks[i:j]`` (no feature names its own spelling)."""
    start, end = toks[i].start, toks[j - 1].end
    s = view[start:end]
    key = re.sub(r"[\s・=＝]+", "", s)
    first, last = toks[i], toks[j - 1]
    prev = [toks[i - k] if i - k >= 0 else None for k in (1, 2)]
    nxt = [toks[j - 1 + k] if j - 1 + k < len(toks) else None for k in (1, 2)]
    sc = script(key)
    f = [
        "bias", f"ntok={j - i}", f"len={_len_bucket(len(key))}", f"script={sc}",
        f"script_len={sc}:{_len_bucket(len(key))}",
        f"pos0={_pos(first)}", f"posN={_pos(last)}", f"pos0_4={first.pos[3] if len(first.pos) > 3 else ''}",
        f"posN_4={last.pos[3] if len(last.pos) > 3 else ''}",
        f"oov={int(any(t.oov for t in toks[i:j]))}",
        f"lexperson={int(is_lexicon_person(key))}", f"lexsurname0={int(is_lexicon_surname(first.surface))}",
        f"inlex={int(in_lexicon(key))}", f"common={int(has_common_sense(key))}",
        f"commonkana={int(is_common_kana_word(key))}",
        f"joined={int(any(t.surface in _JOINERS for t in toks[i:j]))}",
        f"c0={char_class(key[:1])}", f"cN={char_class(key[-1:])}",
        f"gim_given={int(is_given_name(key))}", f"gim_family={int(is_family_name(key))}",
        f"gim_romaji={int(is_romaji_name(key))}",
        f"gim_full={int(j - i > 1 and is_family_name(first.surface) and is_given_name(last.surface))}",
        f"gim_given_sc={int(is_given_name(key))}:{sc}:{int(has_common_sense(key))}",
    ]
    before = view[start - 1] if start > 0 else ""
    after = view[end] if end < len(view) else ""
    f += [f"chB={char_class(before)}", f"chA={char_class(after)}"]
    if char_class(before) == "p":
        f.append(f"chB_p={before}")
    if char_class(after) == "p":
        f.append(f"chA_p={after}")
    line_start = start == 0 or view[start - 1] in "\n\r"
    f.append(f"linestart={int(line_start)}")
    for k, t in enumerate(prev, 1):
        f += [f"L{k}={_ctx(t)}", f"L{k}pos={_pos(t)}"]
    for k, t in enumerate(nxt, 1):
        f += [f"R{k}={_ctx(t)}", f"R{k}pos={_pos(t)}"]
    f += [f"L1R1={_ctx(prev[0])}|{_ctx(nxt[0])}", f"R1R2={_ctx(nxt[0])}|{_ctx(nxt[1])}",
          f"L2L1={_ctx(prev[1])}|{_ctx(prev[0])}"]
    if nxt[0] is not None and nxt[0].surface in _FAMILY:
        f.append("R1=<family>")
    if nxt[0] is not None and nxt[0].surface in lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES:
        f.append("R1=<honorific>")
    if prev[0] is not None and prev[0].surface in lx.ROLE_PREFIXES:
        f.append("L1=<role>")
    lab = prev[1]
    if (prev[0] is not None and prev[0].surface in (":", "：") and lab is not None and not lab.oov
            and len(lab.surface) >= 2 and lab.pos[1] == "普通名詞" and not is_lexicon_person(lab.surface)):
        f.append(f"label={prev[1].surface}")  # 会場：…, 氏名：…, 担任：… (a label names its slot)
    sp = any(spaced(t, origin) for t in toks[i:j])
    g = guard(key, [t.surface for t in toks[i:j]], spaced=sp) or "none"
    f.append(f"spaced={int(sp)}")
    f += [f"guard={g}", f"guard_R1={g}|{_ctx(nxt[0])}", f"guard_L1={g}|{_ctx(prev[0])}"]
    pred = predicate(toks, j)
    if pred:
        f += [f"pred={pred}", f"pred_v={pred.split(':', 1)[1]}", f"guard_pred={g}|{pred}"]
    if key in doc.certain_names:
        f.append("doc=certain_same")
    elif any(len(key) >= 2 and key in n and key != n for n in doc.certain_names):
        f.append("doc=part_of_certain")
    if (start, end) in doc.uncertain_people:
        f.append("doc=uncertain_rule_same")
    return f


@dataclasses.dataclass
class NameTagger:
    """A trained tagger: feature names, weights, intercept, threshold and metadata."""

    features: tuple[str, ...]
    coef: np.ndarray  # float64, one weight per feature
    intercept: float
    threshold: float
    meta: dict

    def __post_init__(self) -> None:
        self._index = {f: k for k, f in enumerate(self.features)}

    @property
    def guarded_threshold(self) -> float:
        """The score a candidate under a soft :func:`guard` must reach (``meta``; default the
        threshold)."""
        return float(self.meta.get("guarded_threshold", self.threshold))

    def score(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Probability that each candidate (a list of feature strings) is a person's name."""
        z = np.full(len(feats), self.intercept, dtype=np.float64)
        for r, fs in enumerate(feats):
            idx = [self._index[f] for f in set(fs) if f in self._index]
            if idx:
                z[r] += float(self.coef[idx].sum())
        return 1.0 / (1.0 + np.exp(-z))


def select_names(view: str, toks: Sequence[Tok], spans: Sequence[tuple[int, int]], probs: Sequence[float],
                 doc: DocInfo, threshold: float, *, guards: Sequence[str] | None = None,
                 guarded_threshold: float | None = None) -> list[Candidate]:
    """The spans to add: the score of a string is its best score in the text; spans at or above
    ``threshold`` (``guarded_threshold`` for a span under a soft :func:`guard`, given ``guards``,
    one label per span) are taken best first, never overlapping or touching a finding of the
    rules (certain or not: an uncertain finding stays in the review queue) nor each other."""
    best: dict[str, float] = {}
    keys = []
    for (i, j), p in zip(spans, probs):
        k = re.sub(r"\s+", "", view[toks[i].start:toks[j - 1].end])
        keys.append(k)
        best[k] = max(best.get(k, 0.0), float(p))
    gthr = threshold if guarded_threshold is None else guarded_threshold

    def needed(r: int) -> float:
        return gthr if guards is not None and guards[r] not in ("", "none") else threshold

    order = sorted(range(len(spans)), key=lambda r: (-best[keys[r]], toks[spans[r][0]].start, -spans[r][1]))
    taken = list(doc.taken)
    out = []
    for r in order:
        if best[keys[r]] < min(threshold, gthr):
            break
        if best[keys[r]] < needed(r):
            continue
        s, e = toks[spans[r][0]].start, toks[spans[r][1] - 1].end
        if any(s <= b and a <= e for a, b in taken):
            continue
        taken.append((s, e))
        out.append(Candidate(s, e, "person", "tagger", TAGGER_CONFIDENCE))
    return sorted(out, key=lambda c: c.start)


def guards_of(feats: Sequence[Sequence[str]]) -> list[str]:
    """The soft-guard label of each candidate, read from its features (``guard=…``)."""
    return [next((f[6:] for f in fs if f.startswith("guard=")), "none") for fs in feats]


def tag_names(view: str, toks: Sequence[Tok], cands: Sequence[Candidate], model: NameTagger,
              *, threshold: float | None = None, origin: Sequence[int] | None = None) -> list[Candidate]:
    """Person candidates the tagger adds to the rules' merged ``cands`` of one view
    (see :func:`select_names`)."""
    thr = model.threshold if threshold is None else threshold
    if thr > 1.0 or not toks:
        return []
    spans = candidate_spans(toks, origin)
    if not spans:
        return []
    doc = doc_info(view, cands)
    feats = [span_features(view, toks, i, j, doc, origin) for i, j in spans]
    probs = model.score(feats)
    gthr = model.guarded_threshold if threshold is None else max(threshold, model.guarded_threshold)
    return select_names(view, toks, spans, probs, doc, thr, guards=guards_of(feats), guarded_threshold=gthr)

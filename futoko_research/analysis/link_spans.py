"""Where a statement splits into cause and effect: the spans around each construction's cue.

:func:`split_statement` takes a statement's text and its rows of the token table (GiNZA
dependencies and bunsetsu) and returns, for every cue of :mod:`futoko_research.analysis.link_cues`,
the cause span and the effect span:

- a **connective** (ことにより, ので, たら, …): the cause is the dependency subtree of the bunsetsu
  that ends at the connective (for a clause — 〜したことにより, 〜したので, 〜したら — widened over
  the coordinated clauses before it); the effect runs to the end of the sentence, or to where the
  next connective's cause begins; an adnominal connective (による, を通した) has the noun phrase it
  modifies as its effect. A purpose (〜を目的として) is read the other way round: the phrase before
  the cue is the effect, the rest of the sentence (or the noun 〜を目的とした modifies) the cause.
  Conditional と / ば and causal から must be conjunctive particles in the parse.
- an **attribution** (「Aのは、Bです」): the cause is B, the effect A.
- a **chain** (a frame 「Xは、Yを促進した」, a te-form chain 「Aし、Bして、Cになった」 or an aim chain
  「Aを行い、Bを目指す」, when the sentence ends in a change or an aim and holds no connective but adnominal ones: 「Aを通した指導は、…できた」): the sentence's clauses; the link extractor
  codes them and puts the split after the last clause that names an intervention.

Without dependencies the spans come from the string: the cause runs from the start of the
sentence (or the previous connective) to the connective. Coding the spans and the decision rules
are in :mod:`futoko_research.analysis.links`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from futoko_research.analysis.link_cues import (
    ADNOMINAL_CONSTRUCTIONS,
    CLAUSE_CONSTRUCTIONS,
    CONFIRM_TAG,
    RE_ATTRIBUTION,
    RE_CHANGE_END,
    RE_CONNECTIVE,
    RE_FRAME_END,
    RE_SAY_TAIL,
    REVERSED_CONSTRUCTIONS,
    find_cues,
    find_sentence_cues,
    sentence_spans,
)

RE_TRIM = re.compile(r"^[、，,。\s]+|[、，,。\s]+$")
#: a noun phrase after an adnominal connective (string fallback): 「登校日数の増加」が…
RE_NOUN_PHRASE = re.compile(r"(?:[^、，,。はがをにでもへとや]+の)*[^、，,。はがをにでもへとや]+")
#: clause boundaries of a chain (string): after a comma
RE_CLAUSE_BREAK = re.compile(r"[、，,]")
#: dependency relations of clauses that may be coordinated with a clause-type cause (「Aし、Bしたことにより」)
CLAUSE_DEPS = frozenset({"advcl", "conj", "dep", "acl", "ccomp", "csubj", "parataxis"})
#: parts of speech of a clause's predicate
PREDICATE_POS = frozenset({"VERB", "ADJ", "AUX"})


def find_connectives(text: str) -> list[tuple[int, int, str]]:
    """Connectives in ``text`` as (start, end, connective), left to right."""
    return [(c.start, c.end, c.connective) for c in find_cues(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past leading/trailing punctuation and spaces."""
    seg = text[start:end]
    m = RE_TRIM.match(seg)
    if m:
        start += m.end()
    seg = text[start:end]
    m2 = re.search(r"[、，,。\s]+$", seg)
    if m2:
        end = start + m2.start()
    return start, max(start, end)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) shrunk past leading and trailing 、，,。 and spaces."""
    return _trim(text, start, end)


def _cause_trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    # 「取組の結果」 → 取組; but 「その結果」 keeps その (a back-reference)
    if end - start > 2 and text[end - 1] == "の":
        end -= 1
    return start, end


def _is_clause_connective(text: str, cstart: int, conn: str, construction: str) -> bool:
    """True when the cause is a clause (…することにより, …したため, …した結果, …したら), not a noun phrase."""
    if construction in CLAUSE_CONSTRUCTIONS or conn.startswith("こと"):
        return True
    if construction in REVERSED_CONSTRUCTIONS and conn.startswith(("ため", "よう")) and not conn.startswith("ための"):
        return True  # 「Aし、Bするために重要」: the aim is the clauses before ため
    return conn.startswith("結果") and cstart > 0 and text[cstart - 1] in "たる"


class _Parse:
    """One statement's dependency parse as plain dicts keyed by token index."""

    def __init__(self, toks: pd.DataFrame):
        t = toks.sort_values("token_idx")
        self.idx = t["token_idx"].to_numpy(dtype=int)
        ids = self.idx
        self.head = dict(zip(ids, t["head_idx"].to_numpy(dtype=int)))
        self.start = dict(zip(ids, t["start_char"].to_numpy(dtype=int)))
        self.end = dict(zip(ids, t["end_char"].to_numpy(dtype=int)))
        sents = t["sent_idx"].to_numpy(dtype=int) if "sent_idx" in t else np.zeros(len(t), int)
        self.sent = dict(zip(ids, sents))
        self.bun = dict(zip(ids, zip(sents, t["bunsetu_idx"].to_numpy(dtype=int))))

        def col(name):
            if name not in t:
                return dict.fromkeys(ids, "")
            return dict(zip(ids, t[name].astype("string").fillna("").to_numpy(dtype=object)))

        self.dep, self.pos, self.tag, self.text = col("dep"), col("pos"), col("tag"), col("text")
        self.children: dict[int, list[int]] = {}
        for i, h in self.head.items():
            if h != i:
                self.children.setdefault(h, []).append(i)
        self.members: dict[tuple[int, int], list[int]] = {}
        for i, b in self.bun.items():
            self.members.setdefault(b, []).append(i)
        self.sent_start: dict[int, int] = {}
        for s in sorted(set(self.sent.values())):
            self.sent_start[s] = min(self.start[i] for i in ids if self.sent[i] == s)

    def token_at(self, cstart: int, cend: int) -> int | None:
        """The last token overlapping [cstart, cend)."""
        over = [i for i in self.idx if self.start[i] < cend and self.end[i] > cstart]
        return max(over) if over else None

    def bunsetu_root(self, tok: int) -> int:
        mem = self.members[self.bun[tok]]
        roots = [i for i in mem if self.head[i] not in mem or self.head[i] == i]
        return roots[0] if roots else tok

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self.children.get(k, []))
        return out

    def bunsetu_end(self, tok: int) -> int:
        """End offset of the bunsetsu of ``tok`` without its trailing punctuation."""
        mem = [i for i in self.members[self.bun[tok]] if self.pos[i] != "PUNCT"]
        return max(self.end[i] for i in mem) if mem else self.end[tok]

    def extend_clauses(self, c0: int, floor: int, s_tok: int) -> int:
        """Move the cause start left over whole clauses (advcl, conj, …) that precede it.

        The parser often attaches 「Aし、」 in 「Aし、BしたことによりC」 to the main predicate; such a
        clause belongs to the cause. Topic or frame phrases (「当該生徒は、」, 「センターでは、」) and
        clauses whose head is not a predicate (「同ラインには学習アプリ、」) stop the walk.
        """
        left = [i for i in self.idx if self.sent[i] == s_tok and self.end[i] <= c0 and self.start[i] >= floor]
        if not left:
            return c0
        in_left = set(left)
        units: dict[int, list[int]] = {}
        for i in left:
            k, seen = i, set()
            while self.head[k] in in_left and self.head[k] != k and k not in seen:
                seen.add(k)
                k = self.head[k]
            units.setdefault(k, []).append(i)
        for r, toks in sorted(units.items(), key=lambda kv: -max(self.end[i] for i in kv[1])):
            if self.dep.get(r) in CLAUSE_DEPS and self.pos.get(r) in PREDICATE_POS:
                c0 = min(c0, min(self.start[i] for i in toks))
            else:
                break
        return c0

    def extend_enumeration(self, text: str, c0: int, floor: int) -> int:
        """Move the cause start left over the items of an enumeration joined by ・ (「早寝早起き・食事・学び」).

        The parser often leaves the first items outside the bunsetsu that ends at the connective.
        """
        seen = set()
        while c0 > floor and c0 not in seen and (text[c0 - 1] in "・･" or text[c0] in "・･"):
            seen.add(c0)
            j = c0 - 1 if text[c0 - 1] in "・･" else c0
            tok = self.token_at(j - 1, j)
            if tok is None or self.start[tok] < floor:
                break
            c0 = max(floor, min(self.start[i] for i in self.members[self.bun[tok]]))
        return c0

    def noun_phrase_end(self, root: int) -> int:
        """End of the noun phrase an adnominal connective's bunsetsu modifies (「による|登校日数の増加」)."""
        h, seen = self.head[root], set()
        while self.dep.get(h) in ("nmod", "compound") and self.head[h] != h and h not in seen:
            seen.add(h)
            h = self.head[h]
        return self.end[h]

    def confirms(self, cstart: int, cend: int, conn: str, *, bare: bool = False) -> bool:
        """A conjunctive と / ば / から is a conjunctive particle in the parse (not 「学校と」, 「4月から」).

        A ``bare`` と (no comma after it: 「面談を重ねると不安が減った」) must also mark a clause
        (dependency ``mark``): the quotative と of 「学校に行くと話した」 is a ``case``.
        """
        want = CONFIRM_TAG.get(conn)
        if want is None:
            return True
        tok = self.token_at(cend - 1, cend)
        if tok is None:
            return False
        if bare:
            return self.dep.get(tok) == "mark"
        return self.tag.get(tok, "").startswith(want)

    def clause_breaks(self, s: int, e: int, subject_of: int | None = None, means_of: int | None = None) -> list[int]:
        """Clause ends inside [s, e): after a te-form (〜して, 〜しながら) and a topic (〜は) without a comma.

        With ``subject_of`` (where a frame's final predicate begins: 「…が学校復帰に|つながった」), also
        after a subject in が whose head is that predicate. With ``means_of`` (where a final predicate
        of change begins: 「4回の相談で|解決」), also after a phrase in で whose head is that predicate
        (round 10: the means of a change, 「作成したプリントで学習に前向きになった」).
        """
        out = []
        for i in self.idx:
            if not (s <= self.start[i] and self.end[i] < e):
                continue
            nxt = self.end[i]
            if (self.text.get(i) in ("て", "で", "ながら", "つつ") and self.tag.get(i, "").startswith("助詞-接続助詞")) or \
                    (self.text.get(i) == "は" and self.tag.get(i, "").startswith("助詞-係助詞")):
                mem = self.members[self.bun[i]]
                if max(self.end[k] for k in mem if self.pos[k] != "PUNCT") == nxt:
                    out.append(nxt)
            elif (subject_of is not None and self.text.get(i) == "が" and self.tag.get(i, "").startswith("助詞-格助詞")
                  and self.start[self.head[self.bunsetu_root(i)]] >= subject_of):
                mem = self.members[self.bun[i]]
                if max(self.end[k] for k in mem if self.pos[k] != "PUNCT") == nxt:
                    out.append(nxt)
            elif (means_of is not None and self.text.get(i) == "で" and self.tag.get(i, "").startswith("助詞-格助詞")
                  and self.start[self.head[self.bunsetu_root(i)]] >= means_of):
                mem = self.members[self.bun[i]]
                if max(self.end[k] for k in mem if self.pos[k] != "PUNCT") == nxt:
                    out.append(nxt)
            elif (self.pos.get(i) == "VERB" and self.dep.get(i) in ("advcl", "conj") and self.head[i] != i
                  and self.bun[self.head[i]] != self.bun[i]):
                # a continuative verb that ends its clause without a comma (「…をつなぎ「学校に戻る」支援をする」)
                mem = self.members[self.bun[i]]
                if max(self.end[k] for k in mem if self.pos[k] != "PUNCT") == nxt:
                    out.append(nxt)
        return out


def _bare_to(text: str, cue) -> bool:
    """A conditional と with no comma after it (「面談を重ねると不安が減った」)."""
    return cue.connective == "と" and text[cue.end:cue.end + 1] not in ("、", ",", "，")


def _adnominal_purpose(cue) -> bool:
    """〜を目的とした modifies a noun: its cause is the noun phrase it modifies."""
    return cue.construction in REVERSED_CONSTRUCTIONS and (cue.connective.endswith(("した", "る", "む", "す", "う"))
                                                         or cue.connective.startswith(("ための", "のための", "に向けた")))


def _usable(toks: pd.DataFrame | None) -> bool:
    return (toks is not None and len(toks) > 0
            and {"head_idx", "bunsetu_idx", "start_char", "end_char"} <= set(toks.columns)
            and bool(toks["head_idx"].notna().all()) and bool(toks["bunsetu_idx"].notna().all()))


def _chain_clauses(text: str, s: int, e: int, parse: _Parse | None) -> list[tuple[int, int]]:
    """Clauses of the sentence [s, e) for a chain: split at commas (and te-forms, topics in the parse)."""
    bs, be = _trim(text, s, e)
    cuts = {m.end() for m in RE_CLAUSE_BREAK.finditer(text, bs, be)}
    if parse is not None:
        core_end = bs + len(RE_SAY_TAIL.sub("", text[bs:be]) or text[bs:be])
        m = RE_FRAME_END.search(text, bs, core_end)
        mc = RE_CHANGE_END.search(text, bs, core_end)
        cuts |= set(parse.clause_breaks(bs, be, subject_of=m.start() if m else None,
                                        means_of=mc.start() if mc else None))
    out, a = [], bs
    for c in sorted(cuts):
        if a < c < be:
            out.append(_trim(text, a, c))
            a = c
    out.append(_trim(text, a, be))
    return [(x, y) for x, y in out if y > x]


def split_statement(text: str, toks: pd.DataFrame | None) -> list[dict]:
    """Split one statement at its cues into cause/effect spans.

    Parameters
    ----------
    text : the statement's ``text``.
    toks : its rows of the token table (token_idx, sent_idx, dep, head_idx, bunsetu_idx, pos, tag,
        text, start_char, end_char), or None / without dependencies → string fallback.

    Returns
    -------
    list of dict
        construction, connective, cause_start, cause_end, effect_start, effect_end (offsets into
        ``text``), sent_start, sent_end (the sentence of the cue), clauses (a chain's clause spans,
        else None), cut (``next``: the effect stops where the next connective's cause begins,
        ``limit``: at the end of the noun an adnominal connective modifies, None: at the sentence's end), method (``dependency`` | ``string``); connectives first, in text order, then
        the attributions and chains.
    """
    cues = find_cues(text)
    shapes = find_sentence_cues(text)
    if not cues and not shapes:
        return []
    parse = _Parse(toks) if _usable(toks) else None
    method = "dependency" if parse is not None else "string"
    sents = sentence_spans(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in sents if a <= pos < b), (0, len(text)))

    if parse is not None:
        cues = [c for c in cues if parse.confirms(c.start, c.end, c.connective, bare=_bare_to(text, c))]
    else:  # without a parse a bare と cannot be told from the quotative one
        cues = [c for c in cues if not _bare_to(text, c)]
    # an attribution sentence reads its cause after のは: connectives inside it belong to it
    attributed = [(s, e) for kind, s, e in shapes if kind == "attribution"]
    cues = [c for c in cues if not any(s <= c.start < e for s, e in attributed)]

    spans = []  # (cause start, cue, effect limit or None)
    prev_end = 0
    for cue in cues:
        s_start, _ = sentence_of(cue.start)
        floor = max(prev_end, s_start)
        limit = None
        if parse is not None:
            tok = parse.token_at(cue.start, cue.end)
            if tok is None:
                continue
            s_tok = parse.sent[tok]
            root = parse.bunsetu_root(tok)
            sub = [i for i in parse.subtree(root) if parse.sent[i] == s_tok]
            c0 = min(min(parse.start[i] for i in sub), cue.start)
            if _is_clause_connective(text, cue.start, cue.connective, cue.construction):
                c0 = parse.extend_clauses(c0, max(floor, parse.sent_start[s_tok]), s_tok)
            c0 = max(parse.extend_enumeration(text, c0, s_start), s_start)
            if cue.construction in ADNOMINAL_CONSTRUCTIONS or _adnominal_purpose(cue):
                limit = parse.noun_phrase_end(root)
        else:
            c0 = floor
            if cue.construction in ADNOMINAL_CONSTRUCTIONS or _adnominal_purpose(cue):
                m = RE_NOUN_PHRASE.match(text, cue.end)
                limit = m.end() if m else cue.end
        spans.append((c0, cue, limit))
        prev_end = cue.end

    out = []
    for k, (c0, cue, limit) in enumerate(spans):
        s_start, s_end = sentence_of(cue.start)
        e_end, cut = s_end, None
        for nc0, ncue, _ in spans[k + 1:]:
            if ncue.start >= s_end:
                break
            e_end, cut = (nc0 if nc0 >= cue.end else ncue.start), "next"
            break
        if limit is not None and cue.end <= limit < e_end:
            e_end, cut = limit, "limit"
        cs, ce = _cause_trim(text, c0, cue.start)
        es, ee = _trim(text, cue.end, e_end)
        if cue.construction in REVERSED_CONSTRUCTIONS:  # 「Bを目的として、Aを行う」: B is the effect
            (cs, ce), (es, ee) = (es, ee), _cause_trim(text, c0, cue.start)
        out.append({"construction": cue.construction, "connective": cue.connective, "cause_start": cs,
                    "cause_end": ce, "effect_start": es, "effect_end": ee, "sent_start": s_start,
                    "sent_end": s_end, "clauses": None, "cut": cut, "method": method})

    for kind, s, e in shapes:
        if kind == "attribution":
            body_end = len(text[s:e].rstrip("。！？!?．. 　\n")) + s
            m = RE_ATTRIBUTION.search(text, s, body_end)
            if m is None:
                continue
            cs, ce = _trim(text, m.start("cause"), m.end("cause"))
            es, ee = _trim(text, s, m.start())
            out.append({"construction": "attribution", "connective": "のは", "cause_start": cs, "cause_end": ce,
                        "effect_start": es, "effect_end": ee, "sent_start": s, "sent_end": e, "clauses": None,
                        "cut": None, "method": method})
        elif not any(s <= c.start < e and c.construction not in ADNOMINAL_CONSTRUCTIONS for c in cues):
            clauses = _chain_clauses(text, s, e, parse)
            if len(clauses) < 2:
                continue
            out.append({"construction": "te_chain", "connective": "", "cause_start": clauses[0][0],
                        "cause_end": clauses[-2][1], "effect_start": clauses[-1][0], "effect_end": clauses[-1][1],
                        "sent_start": s, "sent_end": e, "clauses": clauses, "cut": None, "method": method})
    return out


__all__ = ["CLAUSE_DEPS", "PREDICATE_POS", "RE_CONNECTIVE", "find_connectives", "split_statement", "trim_span"]

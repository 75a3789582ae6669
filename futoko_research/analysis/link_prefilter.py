"""Which statements can give a coded link: the links' prefilter before the dependency parse.

:func:`link_candidates` keeps a statement only when one of its sentences holds a cue of a
construction (:func:`~futoko_research.analysis.link_cues.has_link_candidate`) **and** the codes
that such a link needs could be found in the text around the cue. Only the statements it keeps
are parsed; the links are those of looking at every statement (tested on the real sample, the
causal set and synthetic corpora), because the test can only fail where
:func:`~futoko_research.analysis.links.extract_links` could not emit a row.

Why it cannot drop a link
-------------------------
``extract_links`` emits a row only when (``link_rows._keep`` and ``link_rows.chain_rows``) the cause side
has an intervention code or an effect side an outcome code (explicit connectives of rule 12), or
both (every other construction, the chains and the attributions). Each side is coded with the
rules of the codebook (``coding.code_statements``, method ``rules``) on a text that is, whatever
the parse decides:

1. a substring of the cue's sentence: for a connective, its effect sides (effect parts, the effect
   up to the sentence's end, the effect cut before its negation) lie after the cue; for an
   attribution, the effect lies before のは; a chain's clauses anywhere in the sentence. The parse
   moves only the spans' ends;
2. for a connective, ``text[cs:ce] + connective`` with ``cs`` at or after the sentence's start and
   ``ce`` the cue's start less trailing 、，,。 and spaces and, when the cause is longer than two
   characters, one final の (``link_spans._cause_trim``): a substring of ``text[s:ce] + connective``
   for one of the two ends ``ce`` tried here;
3. for an attribution, ``cause + "のは"``, its cause found by a regular expression on the text alone;
4. for a back-reference (a connective's, or a chain's opening topic 「この取組は、」), the sentence
   before the cue's sentence, or the last sentence of the statement before it in the case
   (``link_backrefs.backref_source``, shared with the extractor): its codes count for the cause;
5. for a purpose (〜を目的として), two pieces joined by 。: such a sentence is always kept.

A rule finds a code in a side only where one of its regular expressions matches the NFKC form of
the side (exclusions, requirements and sections only remove matches). The test here matches each
regular expression **relaxed** — without its lookarounds and anchors, which consume no
character — on the NFKC form of the strings of 1–4 (for a connective: outcomes in the text after
it, interventions in ``text[s:ce] + connective`` or the sentence before; for an attribution:
outcomes before のは, interventions in its cause + のは; for a chain: both in the sentence, or the
interventions in the sentence before),
and keeps the statement when some cue could get the codes its construction needs: whatever the
rule matched in a side, the same characters occur there and the relaxed expression matches them. The NFKC form of a substring is
a substring of the text's NFKC form when the text holds no combining mark (``nfkc_with_offsets``
normalises character by character then); a sentence with one is kept. A codebook with token
rules (phrases, patterns), an expression that cannot be relaxed (back-references, atomic groups,
possessive repeats) and any coding method but ``rules`` make the test keep what it cannot judge.
So a statement is dropped only when no side of any link it could give can carry the codes the
link needs: the links are the same (``tests/test_link_prefilter.py``, ``tests/test_scale.py`` and
``tests/test_link_constructions.py`` compare both paths).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from futoko_research.analysis.link_cues import (
    CONSTRUCTIONS,
    RE_ATTRIBUTION,
    REVERSED_CONSTRUCTIONS,
    find_cues,
    find_sentence_cues,
    has_link_candidate,
    sentence_spans,
)
from futoko_research.analysis.link_spans import trim_span

__all__ = ["RelaxedCoder", "link_candidates", "relax_pattern", "relaxed_coder", "statement_may_link"]

#: what link_spans.trim_span and _cause_trim strip at a cause's end before the connective
RE_CAUSE_TAIL = re.compile(r"[、，,。\s]+$")
#: half-width sound marks, which nfkc_with_offsets merges with the character before
SOUND_MARKS = "\uff9e\uff9f"


def _relax(data) -> list | None:
    """The items of a parsed pattern without assertions and anchors (None: cannot be relaxed)."""
    from re import _constants as c

    out = []
    for op, av in data:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: removing it only allows more matches
        if op in (c.GROUPREF, c.GROUPREF_EXISTS, c.ATOMIC_GROUP, c.POSSESSIVE_REPEAT):
            return None  # removing an assertion could change what these match
        if op == c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            inner = _relax(sub.data)
            if inner is None:
                return None
            out.append((op, (None, add_flags, del_flags, _sub(sub, inner))))
        elif op == c.BRANCH:
            branches = []
            for b in av[1]:
                inner = _relax(b.data)
                if inner is None:
                    return None
                branches.append(_sub(b, inner))
            out.append((op, (av[0], branches)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, sub = av
            inner = _relax(sub.data)
            if inner is None:
                return None
            out.append((op, (lo, hi, _sub(sub, inner))))
        else:
            out.append((op, av))
    return out


def _sub(like, data):
    from re import _parser

    sp = _parser.SubPattern(like.state, data)
    return sp


def relax_pattern(patterns: list[re.Pattern]) -> re.Pattern | None:
    """One expression matching wherever any of ``patterns`` (same flags) matches, and more.

    Each pattern is parsed and rebuilt without lookarounds, anchors and capturing groups; the
    result is their alternation. None when one of them cannot be relaxed (see :func:`_relax`).
    """
    from re import _compiler, _parser
    from re import _constants as c

    if not patterns:
        return None
    flags = patterns[0].flags
    branches = []
    try:
        for rx in patterns:
            parsed = _parser.parse(rx.pattern, rx.flags)
            data = _relax(parsed.data)
            if data is None or parsed.state.flags != flags:
                return None
            branches.append(_parser.SubPattern(parsed.state, data))
        top = _parser.parse("", flags)
        top.data = [(c.BRANCH, (None, branches))] if len(branches) > 1 else list(branches[0].data)
        return _compiler.compile(top, flags)
    except (re.error, TypeError, ValueError, AttributeError, RecursionError):
        return None


class RelaxedCoder:
    """The categories a codebook's rules could find in a text (a superset, see the module's docstring).

    Parameters
    ----------
    codebook : a :class:`~futoko_research.coding.codebook.Codebook`.
    method : the coding method of the links' sides: ``"rules"`` (what ``extract_links`` uses,
        whatever the default coding method); None means ``coding.DEFAULT_METHOD``.
    """

    def __init__(self, codebook, method: str | None = "rules"):
        from futoko_research.coding.hybrid import check_method

        self.always: set[str] = set()
        self.patterns: dict[str, list[re.Pattern]] = {}
        by_key: dict[tuple[str, int], list[re.Pattern]] = {}
        for rule in codebook.rules:
            category = str(codebook[rule.code].category)
            if rule.phrases or rule.patterns or check_method(method) != "rules":
                self.always.add(category)
            for rx in rule.regex:
                by_key.setdefault((category, rx.flags), []).append(rx)
        if check_method(method) != "rules":
            self.always |= {str(codebook[r.code].category) for r in codebook.rules} | {"intervention", "outcome"}
        for (category, _flags), pats in by_key.items():
            for rx in pats:  # one expression per rule: faster than their alternation
                relaxed = relax_pattern([rx])
                if relaxed is None:
                    self.always.add(category)
                else:
                    self.patterns.setdefault(category, []).append(relaxed)

    def finds(self, category: str, texts) -> bool:
        """True when the rules could find a code of ``category`` in one of ``texts`` (raw, not normalised)."""
        if category in self.always:
            return True
        pats = self.patterns.get(category, ())
        norms = [unicodedata.normalize("NFKC", t) for t in texts if t]
        return any(rx.search(t) for rx in pats for t in norms)

    def categories(self, texts) -> set[str]:
        """Categories of codes that the rules could find in any of ``texts`` (raw, not normalised)."""
        texts = list(texts)
        return set(self.always) | {c for c in self.patterns if self.finds(c, texts)}


@lru_cache(maxsize=8)
def _coder_for(key) -> RelaxedCoder:
    codebook, method = key
    return RelaxedCoder(codebook, method)


def relaxed_coder(codebook=None, method: str | None = "rules") -> RelaxedCoder:
    """The :class:`RelaxedCoder` of ``codebook`` (default codebook when None; cached per codebook)."""
    from futoko_research.coding.codebook import resolve_codebook

    cb = resolve_codebook(codebook)
    try:
        return _coder_for((cb, method))
    except TypeError:  # an unhashable codebook
        return RelaxedCoder(cb, method)


def _has_combining(text: str) -> bool:
    return any(unicodedata.combining(ch) or ch in SOUND_MARKS for ch in text)


def _cause_ends(text: str, s: int, cue_start: int) -> list[int]:
    """Where a connective's cause can end (``link_spans._cause_trim``): before 、 and spaces, and before の."""
    m = RE_CAUSE_TAIL.search(text, s, cue_start)
    ce = m.start() if m else cue_start
    return [ce, ce - 1] if ce > s and text[ce - 1] == "の" else [ce]


def statement_may_link(text: str, statement_id: str, previous: dict[str, tuple[str, str]],
                       coder: RelaxedCoder) -> bool:
    """True unless no sentence of ``text`` can give a coded link (see the module's docstring).

    Parameters
    ----------
    text, statement_id : the statement.
    previous : statement_id → (id, text) of the statement before it in its case
        (``link_backrefs.previous_statements``): where a back-reference of the first sentence points.
    coder : the :class:`RelaxedCoder` of the codebook that codes the links' sides.
    """
    from futoko_research.analysis.link_backrefs import backref_source

    text = text or ""
    if not has_link_candidate(text):
        return False
    if _has_combining(text) or (statement_id in previous and _has_combining(previous[statement_id][1])):
        return True
    cues = find_cues(text)
    shapes = find_sentence_cues(text)
    memo: dict[tuple[str, str], bool] = {}

    def finds(category: str, strings: list[str]) -> bool:
        out = False
        for t in strings:
            key = (category, t)
            if key not in memo:
                memo[key] = coder.finds(category, [t])
            out = out or memo[key]
            if out:
                break
        return out

    def before(s: int) -> list[str]:
        """The side a back-reference of the sentence at ``s`` takes as its cause."""
        _kind, csid, a, b = backref_source(text, s, str(statement_id), previous)
        if a is None:
            return []
        return [(text if csid == str(statement_id) else previous[str(statement_id)][1])[a:b]]

    for s, e in sentence_spans(text):
        sent_cues = [c for c in cues if s <= c.start < e]
        sent_shapes = [kind for kind, a, _b in shapes if a == s]
        if any(c.construction in REVERSED_CONSTRUCTIONS for c in sent_cues):
            return True
        # a connective: cause sides before the cue (with the connective, 2.) or the sentence before
        # (a back-reference, 4.), effect sides after it (1.)
        for c in sent_cues:
            outcome = finds("outcome", [text[c.end:e]])
            if outcome and CONSTRUCTIONS[c.construction].explicit:
                return True
            if not outcome and not CONSTRUCTIONS[c.construction].explicit:
                continue
            if (finds("intervention", [text[s:ce] + c.connective for ce in _cause_ends(text, s, c.start)])
                    or finds("intervention", before(s))):
                return True
        for kind in sent_shapes:
            if kind == "attribution":  # effect before のは, cause after it coded with のは (3.)
                body_end = s + len(text[s:e].rstrip("。！？!?．. 　\n"))
                m = RE_ATTRIBUTION.search(text, s, body_end)
                if m is None:
                    continue
                cs, ce = trim_span(text, m.start("cause"), m.end("cause"))
                if finds("outcome", [text[s:m.start()]]) and finds("intervention", [text[cs:ce] + "のは"]):
                    return True
            elif finds("outcome", [text[s:e]]) and (finds("intervention", [text[s:e]])  # a chain's clauses
                                                     or finds("intervention", before(s))):  # or its back-reference
                return True
    return False


def link_candidates(statements: pd.DataFrame, codebook=None, *, context: pd.DataFrame | None = None,
                    method: str | None = "rules") -> pd.Series:
    """Boolean mask of the statements that can give a coded link (see the module's docstring).

    Parameters
    ----------
    statements : statement_id, case_id, text.
    codebook : the codebook that codes the links' sides (default codebook when None).
    context : the statements in which a back-reference looks for the statement before
        (default: ``statements``), as ``extract_links``' ``statements``.
    method : the coding method of the links' sides (``extract_links``' ``side_method``); any
        method but ``"rules"`` keeps every statement with a cue.

    Returns
    -------
    pandas.Series of bool, on ``statements``' index.
    """
    from futoko_research.analysis.link_backrefs import previous_statements

    coder = relaxed_coder(codebook, method)
    previous = previous_statements(statements if context is None else context)
    text = statements["text"].astype("string").fillna("")
    return pd.Series([statement_may_link(str(t), str(sid), previous, coder)
                      for sid, t in zip(statements["statement_id"].astype(str), text)],
                     index=statements.index, dtype=bool)

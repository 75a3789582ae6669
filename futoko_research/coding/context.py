"""Context checks of codebook rules: vetoes (``exclude``) and conditions (``require``).

A check searches a window of ``text_norm`` around a match: before, after or around it, the
sentence holding it (sentences end at 。！？), or the whole statement; see
:class:`~futoko_research.coding.codebook_types.Context`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from futoko_research.coding.codebook_types import Context, Rule

RE_SENT_END = re.compile(r"[。!?！？]")
#: brackets whose inside is part of the sentence around them: 「…した。」と話した, (以下「教室」という。)を設置する
OPEN_BRACKETS = "(（「『"
CLOSE_BRACKETS = ")）」』"
#: a full stop inside brackets ends nothing only when the bracket closes within this many characters
#: (PDF text leaves brackets unclosed; a longer stretch is read as ordinary sentences)
BRACKET_REACH = 80


@lru_cache(maxsize=8192)
def sentence_ends(norm: str) -> tuple[int, ...]:
    """End offsets (after the mark) of the sentences of ``norm``.

    A sentence ends at 。！？ ! ? — except inside brackets (「」『』()（）) that close within
    :data:`BRACKET_REACH` characters, as in a quoted remark 「…した。」と話した or a legal
    abbreviation (以下「教室」という。)を設置する, where the sentence goes on after the bracket.
    """
    ends: list[int] = []
    depth = 0
    for i, ch in enumerate(norm):
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif RE_SENT_END.match(ch):
            if depth and any(c in CLOSE_BRACKETS for c in norm[i + 1:i + 1 + BRACKET_REACH]):
                continue
            depth = 0
            ends.append(i + 1)
    return tuple(ends)


def sentence_bounds(norm: str, s: int, e: int) -> tuple[int, int]:
    """Start and end of the sentence of ``norm`` holding [s, e) (see :func:`sentence_ends`)."""
    ends = sentence_ends(norm)
    k = bisect_right(ends, max(s, 0))
    start = ends[k - 1] if k else 0
    j = bisect_right(ends, max(e - 1, s, 0))
    end = ends[j] if j < len(ends) else len(norm)
    return start, end


def context_window(norm: str, s: int, e: int, ctx: Context) -> str:
    """The text a context check reads around the match [s, e) of ``norm`` (see :class:`Context`)."""
    if ctx.where == "statement":
        return norm
    ss, se = sentence_bounds(norm, s, e)
    if ctx.where == "sentence":
        return norm[ss:se]
    n = ctx.chars
    if ctx.where == "before":
        return norm[max(ss, s - n) if n is not None else ss:s]
    if ctx.where == "after":
        return norm[e:min(se, e + n) if n is not None else se]
    lo = max(ss, s - n) if n is not None else ss
    hi = min(se, e + n) if n is not None else se
    return norm[lo:hi]


def passes_context(norm: str, s: int, e: int, rule: Rule, code_exclude: tuple[Context, ...]) -> bool:
    """True when no veto (the rule's and the code's ``exclude``) and every ``require`` of the rule holds."""
    for ctx in (*rule.exclude, *code_exclude):
        if ctx.regex.search(context_window(norm, s, e, ctx)):
            return False
    return all(ctx.regex.search(context_window(norm, s, e, ctx)) for ctx in rule.require)

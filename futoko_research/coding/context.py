"""Context checks of codebook rules: vetoes (``exclude``) and conditions (``require``).

A check searches a window of ``text_norm`` around a match: before, after or around it, the
sentence holding it (sentences end at 。！？), or the whole statement; see
:class:`~futoko_research.coding.codebook_types.Context`.
"""

from __future__ import annotations

import re

from futoko_research.coding.codebook_types import Context, Rule

RE_SENT_END = re.compile(r"[。!?！？]")


def sentence_bounds(norm: str, s: int, e: int) -> tuple[int, int]:
    """Start and end of the sentence of ``norm`` holding [s, e) (sentences end at 。！？ ! ?)."""
    start = 0
    for m in RE_SENT_END.finditer(norm, 0, max(s, 0)):
        start = m.end()
    m = RE_SENT_END.search(norm, max(e - 1, s, 0))
    end = m.end() if m else len(norm)
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

"""Where a statement splits into cause and effect: causal connectives and the spans around them.

:func:`split_statement` finds the connectives of a statement (:data:`RE_CONNECTIVE`) and, for each,
the cause span (the dependency subtree of the bunsetsu that ends at the connective, widened over
coordinated clauses) and the effect span (the rest of the sentence, up to where the next link's
cause begins). Without dependencies it falls back to the string: the cause runs from the start of
the sentence (or the previous connective) to the connective. Coding the spans and the decision
rules are in :mod:`futoko_research.analysis.links`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: connectives, longest first within each family; purpose forms are excluded by construction
RE_CONNECTIVE = re.compile(
    r"ことにより|ことによって|(?<!場合)により|(?<!場合)によって|ことで(?![あはもすき])"
    r"|を通して|を通じて|を通した|を通し(?=、)|おかげで"
    r"|(?<=[たいだな])ため(?:に)?(?=[、,，])|結果(?=[、,，]|として)"
)
RE_TRIM = re.compile(r"^[、，,。\s]+|[、，,。\s]+$")


def find_connectives(text: str) -> list[tuple[int, int, str]]:
    """Causal connectives in ``text`` as (start, end, connective), left to right."""
    return [(m.start(), m.end(), m.group()) for m in RE_CONNECTIVE.finditer(text or "")]


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


def _cause_trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    # 「取組の結果」 → 取組; but 「その結果」 keeps その (a back-reference)
    if end - start > 2 and text[end - 1] == "の":
        end -= 1
    return start, end


#: dependency relations of clauses that may be coordinated with a clause-type cause (「Aし、Bしたことにより」)
CLAUSE_DEPS = frozenset({"advcl", "conj", "dep", "acl", "ccomp", "csubj", "parataxis"})


def _is_clause_connective(text: str, cstart: int, conn: str) -> bool:
    """True when the cause is a clause (…することにより, …したため, …した結果), not a noun phrase."""
    if conn.startswith("こと") or conn.startswith("ため"):
        return True
    return conn.startswith("結果") and cstart > 0 and text[cstart - 1] in "たる"


def _extend_clauses(c0, floor, idx, head, dep, start, end, sent, s_tok) -> int:
    """Move the cause start left over whole clauses (advcl, conj, …) that precede it.

    The parser often attaches 「Aし、」 in 「Aし、BしたことによりC」 to the main predicate; such a clause
    belongs to the cause. Topic or frame phrases (「当該生徒は、」, 「センターでは、」) stop the walk.
    """
    left = [i for i in idx if sent[i] == s_tok and end[i] <= c0 and start[i] >= floor]
    if not left:
        return c0
    in_left = set(left)
    unit_of = {}
    for i in left:
        k, seen = i, set()
        while head[k] in in_left and head[k] != k and k not in seen:
            seen.add(k)
            k = head[k]
        unit_of[i] = k
    units: dict[int, list[int]] = {}
    for i, r in unit_of.items():
        units.setdefault(r, []).append(i)
    for r, toks in sorted(units.items(), key=lambda kv: -max(end[i] for i in kv[1])):
        if dep.get(r) in CLAUSE_DEPS:
            c0 = min(c0, min(start[i] for i in toks))
        else:
            break
    return c0


def split_statement(text: str, toks: pd.DataFrame | None) -> list[dict]:
    """Split one statement at its connectives into cause/effect spans.

    Parameters
    ----------
    text : the statement's ``text``.
    toks : its rows of the token table (token_idx, sent_idx, dep, head_idx, bunsetu_idx,
        start_char, end_char), or None / without dependencies → string fallback.

    Returns
    -------
    list of dict: connective, cause_start, cause_end, effect_start, effect_end, method.
    """
    conns = find_connectives(text)
    if not conns:
        return []
    use_dep = (
        toks is not None and len(toks) > 0
        and {"head_idx", "bunsetu_idx", "start_char", "end_char"} <= set(toks.columns)
        and toks["head_idx"].notna().all() and toks["bunsetu_idx"].notna().all()
    )
    sent_bounds: list[tuple[int, int]] = []
    spans = []
    if use_dep:
        t = toks.sort_values("token_idx")
        idx = t["token_idx"].to_numpy(dtype=int)
        head = dict(zip(idx, t["head_idx"].to_numpy(dtype=int)))
        start = dict(zip(idx, t["start_char"].to_numpy(dtype=int)))
        end = dict(zip(idx, t["end_char"].to_numpy(dtype=int)))
        sent = dict(zip(idx, t["sent_idx"].to_numpy(dtype=int))) if "sent_idx" in t else {i: 0 for i in idx}
        bun = dict(zip(idx, zip(t["sent_idx"].to_numpy(dtype=int) if "sent_idx" in t else np.zeros(len(t), int),
                                t["bunsetu_idx"].to_numpy(dtype=int))))
        children: dict[int, list[int]] = {}
        for i, h in head.items():
            if h != i:
                children.setdefault(h, []).append(i)
        members: dict[tuple[int, int], list[int]] = {}
        for i, b in bun.items():
            members.setdefault(b, []).append(i)
        dep = dict(zip(idx, t["dep"].astype("string").fillna("").to_numpy(dtype=object))) if "dep" in t else {}
        sent_start: dict[int, int] = {}
        for s in sorted(set(sent.values())):
            ids = [i for i in idx if sent[i] == s]
            sent_start[s] = min(start[i] for i in ids)
            sent_bounds.append((sent_start[s], max(end[i] for i in ids)))

        def subtree(i: int) -> list[int]:
            out, stack = [], [i]
            while stack:
                k = stack.pop()
                out.append(k)
                stack.extend(children.get(k, []))
            return out

        prev_end = 0
        for cstart, cend, conn in conns:
            over = [i for i in idx if start[i] < cend and end[i] > cstart]
            if not over:
                spans.append(None)
                continue
            tok = max(over)
            s_tok = sent[tok]
            mem = members[bun[tok]]
            roots = [i for i in mem if head[i] not in mem or head[i] == i]
            root = roots[0] if roots else tok
            sub = [i for i in subtree(root) if sent[i] == s_tok]
            c0 = min(min(start[i] for i in sub), cstart)
            if _is_clause_connective(text, cstart, conn):
                c0 = _extend_clauses(c0, max(prev_end, sent_start[s_tok]), idx, head, dep, start, end,
                                     sent, s_tok)
            spans.append((c0, cstart, cend, s_tok))
            prev_end = cend
    if not use_dep:
        sent_bounds = []
        for m in re.finditer(r"[^。]+。?", text):
            sent_bounds.append((m.start(), m.end()))
        if not sent_bounds:
            sent_bounds = [(0, len(text))]
        for cstart, cend, _conn in conns:
            s = next((k for k, (a, b) in enumerate(sent_bounds) if a <= cstart < b), 0)
            spans.append((sent_bounds[s][0], cstart, cend, s))
    out = []
    for k, ((cstart, cend, conn), sp) in enumerate(zip(conns, spans)):
        if sp is None:
            continue
        c0, _, _, s = sp
        s_end = next((b for (a, b) in sent_bounds if a <= cstart < b), len(text))
        e_end = s_end
        for sp2 in spans[k + 1:]:
            if sp2 is None:
                continue
            nc0, ncs, _, _ = sp2
            if ncs >= s_end:
                break
            e_end = nc0 if nc0 >= cend else ncs
            break
        if not use_dep and k > 0:
            # string fallback: the cause starts after the previous connective
            c0 = max(c0, conns[k - 1][1])
        cs, ce = _cause_trim(text, c0, cstart)
        es, ee = _trim(text, cend, e_end)
        out.append({"connective": conn, "cause_start": cs, "cause_end": ce, "effect_start": es,
                    "effect_end": ee, "method": "dependency" if use_dep else "string"})
    return out

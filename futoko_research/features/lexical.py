"""The ``lexical`` profile, vectorised: SudachiPy alone, at close to SudachiPy's own speed.

Each statement (or each chunk of a long one, see :mod:`.chunking`) is tokenised with its own
SudachiPy call, as GiNZA tokenises each chunk: a statement's tokens never depend on its
neighbours, so any slicing or partitioning of the statements gives the same rows. (Packing
statements into one call joined by line breaks, as before issue 19, is no faster here, and
tokenised a statement's first word differently after a line break than at the start of a call:
前年度 → 前 + 年度.) Each morpheme's fields are read once into lists; everything else —
statement of each token, offsets, sentence numbers, token numbers, the variant map, user-term
merges and compounds — is computed on arrays. The output equals the row-by-row reference
(:func:`futoko_research.features.reference.lexical_reference`), which the tests check.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from futoko_research.features.chunking import CHUNK_BYTES, fits, preprocess, split_text
from futoko_research.features.tables import PHRASE_DTYPES, TOKEN_DTYPES, empty_frame
from futoko_research.features.tags import (
    BREAKS_COMPOUND,
    FORMAL_LEMMAS,
    SENTENCE_END_TAGS,
    SENTENCE_END_TEXT,
    STARTS_COMPOUND,
    compound_role,
    is_content_tag,
    sudachi_tag,
)
from futoko_research.features.terms import TermConfig, fold
from futoko_research.nlp import DEFAULT_SPLIT_MODE, sudachi_tokenize

SEP = "\n"
#: statements or chunks per SudachiPy call: one, so that a statement's tokens do not depend on its
#: neighbours (one call per statement measured as fast as ~1 kB batches here: 1.03 s vs 1.02 s for
#: 306k characters)
UNITS_PER_CALL = 1


def _str_array(values) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))


def _na_str(n: int) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(pa.nulls(n, type=pa.large_string()))


def _na_int(n: int) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))


def _int(values) -> pd.arrays.IntegerArray:
    arr = np.asarray(values, dtype="int64")
    return pd.arrays.IntegerArray(arr, np.zeros(len(arr), dtype=bool))


class _Types:
    """Distinct (word id, surface) pairs of a run and their fields (plus merged user terms)."""

    def __init__(self):
        self._end_tags = SENTENCE_END_TAGS
        self._end_text = SENTENCE_END_TEXT
        self.memo: dict[tuple[int, str], int] = {}
        self._terms: dict[tuple[str, tuple[int, ...]], int] = {}
        self._pos: dict[int, tuple[str, bool, bool]] = {}
        self.surface: list[str] = []
        self.lemma: list[str] = []
        self.norm: list[str] = []
        self.reading: list[str] = []
        self.tag: list[str] = []
        self.space: list[bool] = []
        self.end: list[bool] = []
        self.merged: list[bool] = []

    def _append(self, surface, lemma, norm, reading, tag, space, end, merged) -> int:
        self.surface.append(surface)
        self.lemma.append(lemma)
        self.norm.append(norm)
        self.reading.append(reading)
        self.tag.append(tag)
        self.space.append(space)
        self.end.append(end)
        self.merged.append(merged)
        return len(self.surface) - 1

    def add_morpheme(self, key: tuple[int, str], m) -> int:
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        pid = m.part_of_speech_id()
        info = self._pos.get(pid)
        if info is None:
            pos = m.part_of_speech()
            tag = sudachi_tag(pos)
            info = (tag, pos[0] == "空白", tag in self._end_tags)
            self._pos[pid] = info
        surface = key[1]
        tid = self._append(surface, m.dictionary_form(), m.normalized_form(), m.reading_form(), info[0],
                           info[1], info[2] or (len(surface) == 1 and surface in self._end_text), False)
        self.memo[key] = tid
        return tid

    def add_term(self, term: str, members: tuple[int, ...]) -> int:
        """A merged user term: lemma = norm = term; tag of its last part (the head, in Japanese)."""
        key = (term, members)
        hit = self._terms.get(key)
        if hit is None:
            hit = self._terms[key] = self._append(
                "".join(self.surface[t] for t in members), term, term,
                "".join(self.reading[t] for t in members), self.tag[members[-1]], False, False, True)
        return hit

    def arrow(self, terms: TermConfig, formal_lemmas) -> dict:
        """Per-type columns: Arrow strings, and numpy content flags / compound roles."""
        variants = terms.variants
        if variants:
            cache: dict[str, str | None] = {}

            def look(s: str):
                v = cache.get(s, 0)
                if v == 0:
                    v = cache[s] = variants.get(fold(s))
                return v

            term = [look(a) or look(b) or look(c) or a for a, b, c in zip(self.norm, self.lemma, self.surface)]
        else:
            term = self.norm
        content = np.fromiter(((is_content_tag(t) and lem not in formal_lemmas) or mg
                               for t, lem, mg in zip(self.tag, self.lemma, self.merged)),
                              dtype=bool, count=len(self.tag))
        role = np.fromiter((compound_role(t) for t in self.tag), dtype=np.int8, count=len(self.tag))
        big = pa.large_string()
        return {"surface": pa.array(self.surface, type=big), "lemma": pa.array(self.lemma, type=big),
                "norm": pa.array(self.norm, type=big), "term": pa.array(term, type=big),
                "reading": pa.array(self.reading, type=big), "tag": pa.array(self.tag, type=big),
                "content": content, "role": role}


def tokenize_lexical(sids: list[str], cids: list[str], texts: list[str], terms: TermConfig, *,
                     split_mode: str = DEFAULT_SPLIT_MODE, budget: int = CHUNK_BYTES,
                     bar=None) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Token and phrase (compound) tables of the ``lexical`` profile (without the profile column).

    Parameters
    ----------
    sids, cids, texts : statement ids, case ids and texts (parallel lists).
    terms : the user term list and variant map.
    split_mode : Sudachi split mode.
    budget : UTF-8 bytes per SudachiPy call at most (the chunk budget).
    bar : a progress bar updated with the characters tokenised (or None).

    Returns
    -------
    tuple
        tokens, phrases (columns as :func:`~futoko_research.features.extract`, without
        ``profile``), and the number of chunks.
    """
    # ---- units (statements, or chunks of long ones), UNITS_PER_CALL to a SudachiPy call
    units: list[tuple[int, int, str]] = []
    for si, text in enumerate(texts):
        if len(text) <= 250:
            units.append((si, 0, text))
        else:
            units.extend((si, off, c) for off, c in split_text(text, budget))
    groups = [units[k:k + UNITS_PER_CALL] for k in range(0, len(units), UNITS_PER_CALL)]
    batches: list[tuple[int, str]] = []  # (global base, joined original text)
    unit_stmt: list[int] = []
    unit_off: list[int] = []
    unit_gstart: list[int] = []  # start of each unit in the global joined coordinate
    unit_len: list[int] = []
    gpos = 0
    stack = groups[::-1]
    while stack:
        g = stack.pop()
        joined = SEP.join(u[2] for u in g)
        if len(g) > 1 and not fits(joined, budget):  # NFKC expansion: halve the batch
            mid = len(g) // 2
            stack.append(g[mid:])
            stack.append(g[:mid])
            continue
        batches.append((gpos, joined))
        for si, off, chunk in g:
            unit_stmt.append(si)
            unit_off.append(off)
            unit_gstart.append(gpos)
            unit_len.append(len(chunk))
            gpos += len(chunk) + 1
    n_units = len(unit_stmt)

    # ---- tokenise batch by batch. Per morpheme only begin() and word_id() are read; every other
    # field is read once per distinct (word id, surface) — a "type" — and per-token columns are
    # taken from the type tables with numpy / Arrow.
    types = _Types()
    begins: list[int] = []
    ends: list[int] = []
    tids: list[int] = []
    for gbase, joined_orig in batches:
        ms = sudachi_tokenize(preprocess(joined_orig), split_mode)
        if not len(ms):
            continue
        bw = [(m.begin(), m.word_id()) for m in ms]
        b = [x[0] for x in bw]
        e = b[1:] + [ms[len(ms) - 1].end()]
        keys = list(zip([x[1] for x in bw], [joined_orig[x:y] for x, y in zip(b, e)]))
        memo_get = types.memo.get
        t = [memo_get(k, -1) for k in keys]
        for i in [i for i, v in enumerate(t) if v < 0]:
            t[i] = types.add_morpheme(keys[i], ms[i])
        tids.extend(t)
        begins.extend([x + gbase for x in b])
        ends.extend([x + gbase for x in e])
        if bar is not None:
            bar.update(len(joined_orig) - joined_orig.count(SEP))

    n_raw = len(tids)
    if n_raw == 0:
        tok = empty_frame({k: v for k, v in TOKEN_DTYPES.items() if k != "profile"})
        phr = empty_frame({k: v for k, v in PHRASE_DTYPES.items() if k != "profile"})
        return tok, phr, n_units

    tid = np.asarray(tids, dtype=np.int64)
    begin = np.asarray(begins, dtype=np.int64)
    end = np.asarray(ends, dtype=np.int64)
    space = np.asarray(types.space, dtype=bool)[tid]
    unit = np.searchsorted(np.asarray(unit_gstart, dtype=np.int64), begin, side="right") - 1
    stmt = np.asarray(unit_stmt, dtype=np.int64)[unit]
    start_char = begin - np.asarray(unit_gstart, dtype=np.int64)[unit] + np.asarray(unit_off, dtype=np.int64)[unit]
    end_char = start_char + (end - begin)

    # sentence flags on raw tokens: sentence end (tag or surface), or a space holding a line break
    flag = np.asarray(types.end, dtype=bool)[tid]
    sep_pos = np.asarray(unit_gstart, dtype=np.int64) + np.asarray(unit_len, dtype=np.int64)
    for k in np.flatnonzero(space).tolist():
        n_breaks = types.surface[tids[k]].count(SEP)
        if n_breaks and sep_pos[unit[k]] < end[k]:
            n_breaks -= 1  # the separator between units is not a line break of the text
        if n_breaks:
            flag[k] = True
    before = np.concatenate(([0], np.cumsum(flag)[:-1]))  # flags strictly before each raw token

    keep = np.flatnonzero(~space)
    k_stmt = stmt[keep]
    k_before = before[keep]
    first = np.ones(len(keep), dtype=bool)
    first[1:] = k_stmt[1:] != k_stmt[:-1]
    changed = np.zeros(len(keep), dtype=bool)
    changed[1:] = (k_before[1:] != k_before[:-1]) & ~first[1:]
    csum = np.cumsum(changed)
    first_idx = np.maximum.accumulate(np.where(first, np.arange(len(keep)), 0))
    sent = csum - csum[first_idx]
    k_start = start_char[keep]
    k_end = end_char[keep]
    k_tid = tid[keep]

    # ---- user terms: a run of tokens exactly covering a listed term becomes one token (a new type)
    if terms.terms:
        found = [(gbase + s, gbase + e, term) for gbase, joined_orig in batches
                 for s, e, term in terms.find_terms(joined_orig)]
        if found:
            nk = len(keep)
            g_begin_k = begin[keep]
            g_end_k = end[keep]
            gs = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
            ge = np.fromiter((f[1] for f in found), dtype=np.int64, count=len(found))
            i = np.searchsorted(g_begin_k, gs)
            j = np.searchsorted(g_end_k, ge)
            ic, jc = np.minimum(i, nk - 1), np.minimum(j, nk - 1)
            ok = (i < nk) & (j < nk) & (g_begin_k[ic] == gs) & (g_end_k[jc] == ge) & (j >= i)
            new_tid = k_tid.copy()
            for m in np.flatnonzero(ok).tolist():
                a, b = int(i[m]), int(j[m])
                new_tid[a] = types.add_term(found[m][2], tuple(k_tid[a: b + 1].tolist()))
            i, j = i[ok], j[ok]
            k_end[i] = k_end[j]
            k_tid = new_tid
            diff = np.zeros(nk + 1, dtype=np.int64)
            np.add.at(diff, i + 1, 1)
            np.add.at(diff, j + 1, -1)
            drop = np.cumsum(diff[:-1]) > 0
            if drop.any():
                sel = np.flatnonzero(~drop)
                k_start, k_end, sent, k_stmt, k_tid = k_start[sel], k_end[sel], sent[sel], k_stmt[sel], k_tid[sel]
    n = len(k_stmt)
    first = np.ones(n, dtype=bool)
    first[1:] = k_stmt[1:] != k_stmt[:-1]
    first_idx = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    token_idx = np.arange(n) - first_idx

    # ---- per-type analysis form, content flag and compound role; then take per token
    cols = types.arrow(terms, FORMAL_LEMMAS)
    take = pa.array(k_tid)
    stmt_take = pa.array(k_stmt)
    tokens = pd.DataFrame({
        "statement_id": pd.arrays.ArrowStringArray(pa.array(sids, type=pa.large_string()).take(stmt_take)),
        "case_id": pd.arrays.ArrowStringArray(pa.array(cids, type=pa.large_string()).take(stmt_take)),
        "sent_idx": _int(sent),
        "token_idx": _int(token_idx),
        "text": pd.arrays.ArrowStringArray(cols["surface"].take(take)),
        "lemma": pd.arrays.ArrowStringArray(cols["lemma"].take(take)),
        "norm": pd.arrays.ArrowStringArray(cols["norm"].take(take)),
        "term": pd.arrays.ArrowStringArray(cols["term"].take(take)),
        "pos": _na_str(n),
        "tag": pd.arrays.ArrowStringArray(cols["tag"].take(take)),
        "dep": _na_str(n),
        "head_idx": _na_int(n),
        "bunsetu_idx": _na_int(n),
        "ent_label": _na_str(n),
        "is_content": pd.arrays.BooleanArray(cols["content"][k_tid], np.zeros(n, dtype=bool)),
        "start_char": _int(k_start),
        "end_char": _int(k_end),
        "reading": pd.arrays.ArrowStringArray(cols["reading"].take(take)),
    })

    # ---- compounds: runs of ≥ 2 adjacent noun-ish tokens in one sentence (as the reference)
    role = cols["role"][k_tid]
    link = np.zeros(n, dtype=bool)
    link[1:] = ((role[1:] != BREAKS_COMPOUND) & (k_start[1:] == k_end[:-1]) & (k_stmt[1:] == k_stmt[:-1])
                & (sent[1:] == sent[:-1]))
    rows = []
    cand = np.flatnonzero((role == STARTS_COMPOUND) & np.concatenate((link[1:], [False])))
    i_next = 0
    link_l = link.tolist()
    t_lemma = types.lemma
    for i in cand.tolist():
        if i < i_next:
            continue
        j = i + 1
        while j < n and link_l[j]:
            j += 1
        i_next = j
        si = int(k_stmt[i])
        s, e = int(k_start[i]), int(k_end[j - 1])
        rows.append((sids[si], cids[si], "compound", texts[si][s:e], "".join(t_lemma[t] for t in k_tid[i:j].tolist()),
                     int(token_idx[i]), int(token_idx[j - 1]) + 1, s, e))
    names = ["statement_id", "case_id", "kind", "text", "lemma_text", "start_token", "end_token",
             "start_char", "end_char"]
    cols_p = list(zip(*rows)) if rows else [[] for _ in names]
    phrases = pd.DataFrame({
        nm: (pd.Categorical(list(c), dtype=PHRASE_DTYPES[nm]) if nm == "kind"
             else _str_array(list(c)) if PHRASE_DTYPES[nm] != "Int64" else _int(list(c)))
        for nm, c in zip(names, cols_p)
    })
    return tokens, phrases, n_units

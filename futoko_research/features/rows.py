"""Rows of the feature tables: the result container and statement → token / phrase rows.

:class:`FeatureTables` holds the three tables. :class:`TokenRows` collects them row by row;
:func:`finalize_statement` turns one statement's raw tokens (from spaCy Docs, :mod:`.docs`, or
from SudachiPy, :mod:`.reference`) into rows: spaces dropped, user terms merged, tokens,
sentences and bunsetu numbered, heads mapped, phrases and compounds added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pandas as pd

from futoko_research.features.tables import (
    ENTITY_DTYPES,
    PHRASE_DTYPES,
    TOKEN_DTYPES,
    frame_from_columns,
)
from futoko_research.features.tags import (
    BREAKS_COMPOUND,
    FORMAL_LEMMAS,
    STARTS_COMPOUND,
    compound_role,
    is_content_tag,
)
from futoko_research.features.terms import TermConfig

#: the three tables, in their order
TABLE_NAMES = ("tokens", "phrases", "entities")
#: fields of a token row, in order
TOKEN_FIELDS = ("statement_id", "case_id", "sent_idx", "token_idx", "text", "lemma", "norm", "term",
                "pos", "tag", "dep", "head_idx", "bunsetu_idx", "ent_label", "is_content",
                "start_char", "end_char", "reading")
PHRASE_FIELDS = ("statement_id", "case_id", "kind", "text", "lemma_text", "start_token", "end_token",
                 "start_char", "end_char")
ENTITY_FIELDS = ("statement_id", "case_id", "text", "label", "start_char", "end_char")

# raw token tuple layout (before spaces are dropped and terms merged):
# 0 is_space, 1 start, 2 end, 3 lemma, 4 norm, 5 pos, 6 tag, 7 dep, 8 head (raw index or None),
# 9 sent, 10 bunsetu, 11 ent_label, 12 reading


@dataclass
class FeatureTables(Mapping):
    """The three feature tables; attributes and dict-like keys ``tokens``, ``phrases``, ``entities``.

    Attributes
    ----------
    tokens, phrases, entities : pandas.DataFrame (see :func:`extract` for columns)
    profile : the profile that made them
    info : model_info + terms + chunk policy + cache statistics (also in each frame's ``attrs``)
    """

    tokens: pd.DataFrame
    phrases: pd.DataFrame
    entities: pd.DataFrame
    profile: str = "full"
    info: dict = field(default_factory=dict)

    _KEYS = TABLE_NAMES

    def __getitem__(self, key: str) -> pd.DataFrame:
        if key not in self._KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def __len__(self) -> int:
        return 3

    def as_dict(self) -> dict[str, pd.DataFrame]:
        return {k: self[k] for k in self._KEYS}


class TokenRows:
    """Row tuples of the three tables, filled statement by statement."""

    def __init__(self):
        self.tok: list[tuple] = []
        self.phr: list[tuple] = []
        self.ent: list[tuple] = []

    def frames(self, profile: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """tokens, phrases, entities (with a ``profile`` column), typed as in :mod:`.tables`."""
        def build(rows, names, dtypes):
            cols = dict(zip(names, map(list, zip(*rows)))) if rows else {n: [] for n in names}
            cols["profile"] = [profile] * len(rows)
            return frame_from_columns(cols, dtypes)

        return (build(self.tok, TOKEN_FIELDS, TOKEN_DTYPES), build(self.phr, PHRASE_FIELDS, PHRASE_DTYPES),
                build(self.ent, ENTITY_FIELDS, ENTITY_DTYPES))


def finalize_statement(out: TokenRows, sid: str, cid: str, text: str, raw: list[tuple],
                       raw_phrases: list[tuple[str, int, int]], terms: TermConfig) -> None:
    """Drop spaces, merge user terms, renumber, and append the statement's rows to ``out``.

    Parameters
    ----------
    out : the rows collected so far.
    sid, cid, text : the statement's id, case id and text (offsets point into it).
    raw : the statement's raw tokens over all its chunks (layout in this module's source).
    raw_phrases : ``(kind, start, end)`` spans of raw token indices (bunsetu, noun phrases).
    terms : the user term list and variant map.
    """
    n_raw = len(raw)
    old2new = [-1] * n_raw
    kept: list[int] = []
    for i, r in enumerate(raw):
        if not r[0]:
            old2new[i] = len(kept)
            kept.append(i)
    # -- user terms: spans of kept tokens whose start/end coincide with a term occurrence
    merges: list[tuple[int, int, str]] = []  # (first kept pos, last kept pos + 1, term)
    matches = terms.find_terms(text) if terms.terms else []
    if matches:
        starts = {raw[k][1]: p for p, k in enumerate(kept)}
        ends = {raw[k][2]: p for p, k in enumerate(kept)}
        for s, e, term in matches:
            a, b = starts.get(s), ends.get(e)
            if a is not None and b is not None and b >= a:
                merges.append((a, b + 1, term))
    # kept position → final index
    pos2final = list(range(len(kept)))
    merged_at: dict[int, tuple[int, int, str]] = {}
    if merges:
        merges.sort()
        mi = final = p = 0
        pos2final = [0] * len(kept)
        while p < len(kept):
            if mi < len(merges) and merges[mi][0] == p:
                a, b, term = merges[mi]
                for q in range(a, b):
                    pos2final[q] = final
                merged_at[final] = (a, b, term)
                p = b
                mi += 1
            else:
                pos2final[p] = final
                p += 1
            final += 1
    final_of_raw = [pos2final[old2new[i]] if old2new[i] >= 0 else -1 for i in range(n_raw)]
    # dense renumbering of sentences and bunsetu over kept tokens
    sent_map: dict[int, int] = {}
    bun_map: dict[int, int] = {}
    for k in kept:
        s = raw[k][9]
        if s not in sent_map:
            sent_map[s] = len(sent_map)
        b = raw[k][10]
        if b is not None and b not in bun_map:
            bun_map[b] = len(bun_map)

    rows = []
    tags = []
    chars = []
    p = 0
    n_kept = len(kept)
    while p < n_kept:
        final = pos2final[p]
        m = merged_at.get(final) if merged_at else None
        if m is None:
            r = raw[kept[p]]
            start, end = r[1], r[2]
            surface = text[start:end]
            head = r[8]
            head_final = None
            if head is not None:
                head_final = final_of_raw[head]
                if head_final == -1:  # head is a dropped space token: follow it up
                    head_final = resolve_head(raw, final_of_raw, head, final)
            lemma, norm = r[3], r[4]
            rows.append((sid, cid, sent_map[r[9]], final, surface, lemma, norm,
                         terms.term_of(norm, lemma, surface), r[5], r[6], r[7], head_final,
                         bun_map.get(r[10]) if r[10] is not None else None, r[11],
                         is_content_tag(r[6]) and lemma not in FORMAL_LEMMAS, start, end, r[12]))
            tags.append(r[6])
            chars.append((start, end))
            p += 1
        else:
            a, b, term = m
            members = [raw[kept[q]] for q in range(a, b)]
            span_finals = set(range(final, final + 1))
            # syntactic root of the span: the member whose head is outside it (else the last)
            root = members[-1]
            head_final = None
            for r in members:
                h = r[8]
                hf = final_of_raw[h] if h is not None else None
                if hf is not None and hf not in span_finals and hf != -1:
                    root, head_final = r, hf
            if head_final is None and any(r[8] is not None for r in members):
                head_final = final  # the term is the root of its sentence
            start, end = members[0][1], members[-1][2]
            surface = text[start:end]
            readings = [r[12] for r in members]
            reading = "".join(readings) if all(x is not None for x in readings) else None
            ent = next((r[11] for r in members if r[11] is not None), None)
            bun = members[0][10]
            rows.append((sid, cid, sent_map[members[0][9]], final, surface, term, term,
                         terms.term_of(term, term, surface), root[5], root[6], root[7],
                         head_final, bun_map.get(bun) if bun is not None else None, ent,
                         True, start, end, reading))
            tags.append(root[6])
            chars.append((start, end))
            p = b
    out.tok.extend(rows)

    # -- phrases: bunsetu / noun_phrase spans given in raw indices
    n_final = len(rows)
    for kind, s, e in raw_phrases:
        finals = [final_of_raw[i] for i in range(s, e) if final_of_raw[i] >= 0]
        if not finals:
            continue
        fs, fe = finals[0], finals[-1] + 1
        add_phrase(out, sid, cid, kind, text, rows, fs, fe)
    # -- compounds: runs of ≥ 2 adjacent noun-ish tokens in one sentence (all profiles)
    i = 0
    while i < n_final:
        role = compound_role(tags[i])
        if role != STARTS_COMPOUND:
            i += 1
            continue
        j = i + 1
        while (j < n_final and compound_role(tags[j]) != BREAKS_COMPOUND and chars[j][0] == chars[j - 1][1]
               and rows[j][2] == rows[i][2]):
            j += 1
        if j - i >= 2:
            add_phrase(out, sid, cid, "compound", text, rows, i, j)
        i = j


def resolve_head(raw: list[tuple], final_of_raw: list[int], head: int, self_final: int) -> int:
    """Final index of the first kept ancestor of a dropped token (self when there is none)."""
    seen = set()
    while final_of_raw[head] == -1:
        seen.add(head)
        nxt = raw[head][8]
        if nxt is None or nxt in seen:
            return self_final
        head = nxt
    return final_of_raw[head]


def add_phrase(out: TokenRows, sid, cid, kind, text, rows, fs, fe) -> None:
    """Append the phrase over final tokens ``fs`` … ``fe - 1`` of the statement."""
    start, end = rows[fs][15], rows[fe - 1][16]
    lemma_text = "".join(rows[k][5] for k in range(fs, fe))
    out.phr.append((sid, cid, kind, text[start:end], lemma_text, fs, fe, start, end))

"""Statements → token, phrase and entity tables (GiNZA / SudachiPy), with a Doc cache.

The work unit is :func:`extract_partition` (one frame of statements → three tables); the serial
:func:`extract` calls it on the whole frame, and a distributed backend can call it per partition.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from futoko_research.errors import SchemaError
from futoko_research.features.cache import DocCache, cache_meta
from futoko_research.features.chunking import (
    CHUNK_POLICY,
    PREPROCESS_VERSION,
    preprocess,
    split_text,
)
from futoko_research.features.tables import (
    ENTITY_DTYPES,
    PHRASE_DTYPES,
    TOKEN_DTYPES,
    frame_from_columns,
)
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.nlp import DEFAULT_SPLIT_MODE, check_profile, load_nlp, model_info

log = logging.getLogger("futoko_research")

REQUIRED_COLUMNS = ("statement_id", "case_id", "text")
STRING_DTYPE = pd.StringDtype()
DEFAULT_BATCH_SIZE = 64
#: chunks handled per block (cache lookup → parse → store → rows); bounds memory
BLOCK_CHUNKS = 512
SENTENCE_END_TAGS = ("補助記号-句点",)
_SENT_END_TEXT = frozenset("。！？!?")
_CONTENT_FIRST = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
_COMPOUND_FIRST = frozenset({"名詞", "接頭辞"})
#: formal nouns and function-like words written in kana (公用文 style) that are not content words
FORMAL_LEMMAS = frozenset({"こと", "もの", "ため", "よう", "とき", "ところ", "よる", "ほか", "うち", "わけ",
                           "はず", "つもり", "ほう", "まま", "ほど", "たち", "など", "とも", "さ"})


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

    _KEYS = ("tokens", "phrases", "entities")

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


# --------------------------------------------------------------------------- helpers


_CONTENT_MEMO: dict[str, bool] = {}
_COMPOUND_MEMO: dict[str, int] = {}


def is_content_tag(tag: str) -> bool:
    """Content word by Sudachi tag (the same rule in every profile).

    Nouns (not numerals or pronouns), verbs, adjectives, adjectival nouns (形状詞) and adverbs,
    except the 非自立可能 (may-be-auxiliary) verbs, adjectives and nouns (する, ある, なる, いる).
    Kana formal nouns (こと, もの, ため, …: :data:`FORMAL_LEMMAS`) are excluded by the caller.
    """
    out = _CONTENT_MEMO.get(tag)
    if out is None:
        parts = tag.split("-")
        out = parts[0] in _CONTENT_FIRST and "非自立可能" not in parts and parts[:2] != ["名詞", "数詞"]
        _CONTENT_MEMO[tag] = out
    return out


def _compound_role(tag: str) -> int:
    """0 = breaks a compound, 1 = may start or continue one (noun, prefix), 2 = may only continue (suffix)."""
    out = _COMPOUND_MEMO.get(tag)
    if out is None:
        parts = tag.split("-")
        if parts[0] in _COMPOUND_FIRST and parts[:2] != ["名詞", "数詞"]:
            out = 1
        elif parts[0] == "接尾辞" and len(parts) > 1 and parts[1] == "名詞的":
            out = 2
        else:
            out = 0
        _COMPOUND_MEMO[tag] = out
    return out


def check_statements(statements: pd.DataFrame) -> None:
    """Raise SchemaError unless the frame has statement_id, case_id, text (unique ids, no NA)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in statements.columns]
    if missing:
        raise SchemaError(f"table 'statements', column {missing[0]!r}: required by features.extract but missing")
    if statements["statement_id"].isna().any():
        raise SchemaError("table 'statements', column 'statement_id': missing values")
    dup = statements["statement_id"].duplicated()
    if dup.any():
        raise SchemaError(f"table 'statements', column 'statement_id': duplicate id {statements['statement_id'][dup].iloc[0]!r}")
    if statements["text"].isna().any():
        bad = statements.loc[statements["text"].isna(), "statement_id"].iloc[0]
        raise SchemaError(f"table 'statements', column 'text': missing text in statement {bad!r}")


class _Columns:
    """Column lists of the three tables, filled statement by statement."""

    TOKEN_FIELDS = ("statement_id", "case_id", "sent_idx", "token_idx", "text", "lemma", "norm", "term",
                    "pos", "tag", "dep", "head_idx", "bunsetu_idx", "ent_label", "is_content",
                    "start_char", "end_char", "reading")

    def __init__(self):
        self.tok: list[tuple] = []
        self.phr: list[tuple] = []
        self.ent: list[tuple] = []
        self.frames_override: tuple[pd.DataFrame, pd.DataFrame] | None = None

    def frames(self, profile: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        def build(rows, names, dtypes):
            cols = dict(zip(names, map(list, zip(*rows)))) if rows else {n: [] for n in names}
            cols["profile"] = [profile] * len(rows)
            return frame_from_columns(cols, dtypes)

        tokens = build(self.tok, self.TOKEN_FIELDS, TOKEN_DTYPES)
        phrases = build(self.phr, ("statement_id", "case_id", "kind", "text", "lemma_text", "start_token",
                                   "end_token", "start_char", "end_char"), PHRASE_DTYPES)
        entities = build(self.ent, ("statement_id", "case_id", "text", "label", "start_char", "end_char"),
                         ENTITY_DTYPES)
        return tokens, phrases, entities


# raw token tuple layout (before spaces are dropped and terms merged)
# 0 is_space, 1 start, 2 end, 3 lemma, 4 norm, 5 pos, 6 tag, 7 dep, 8 head (raw index or None),
# 9 sent, 10 bunsetu, 11 ent_label, 12 reading


def _finalize(out: _Columns, sid: str, cid: str, text: str, raw: list[tuple],
              raw_phrases: list[tuple[str, int, int]], terms: TermConfig, *, lexical: bool) -> None:
    """Drop spaces, merge user terms, renumber, and append the statement's rows to ``out``."""
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
                    head_final = _resolve_head(raw, final_of_raw, head, final)
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
        _add_phrase(out, sid, cid, kind, text, rows, fs, fe)
    # -- compounds: runs of ≥ 2 adjacent noun-ish tokens in one sentence (all profiles)
    i = 0
    while i < n_final:
        role = _compound_role(tags[i])
        if role != 1:
            i += 1
            continue
        j = i + 1
        while (j < n_final and _compound_role(tags[j]) in (1, 2) and chars[j][0] == chars[j - 1][1]
               and rows[j][2] == rows[i][2]):
            j += 1
        if j - i >= 2:
            _add_phrase(out, sid, cid, "compound", text, rows, i, j)
        i = j


def _resolve_head(raw: list[tuple], final_of_raw: list[int], head: int, self_final: int) -> int:
    """Final index of the first kept ancestor of a dropped token (self when there is none)."""
    seen = set()
    while final_of_raw[head] == -1:
        seen.add(head)
        nxt = raw[head][8]
        if nxt is None or nxt in seen:
            return self_final
        head = nxt
    return final_of_raw[head]


def _add_phrase(out: _Columns, sid, cid, kind, text, rows, fs, fe) -> None:
    start, end = rows[fs][15], rows[fe - 1][16]
    lemma_text = "".join(rows[k][5] for k in range(fs, fe))
    out.phr.append((sid, cid, kind, text[start:end], lemma_text, fs, fe, start, end))


# --------------------------------------------------------------------------- lexical


def _lexical_statement(tokenizer, pos_cache: dict, sid: str, cid: str, text: str, out: _Columns,
                       terms: TermConfig) -> None:
    raw: list[tuple] = []
    sent = 0
    for off, chunk in split_text(text):
        for m in tokenizer.tokenize(preprocess(chunk)):
            pid = m.part_of_speech_id()
            info = pos_cache.get(pid)
            if info is None:
                pos = m.part_of_speech()
                tag = "-".join(x for x in pos[:4] if x != "*")
                info = (tag, pos[0] == "空白", tag in SENTENCE_END_TAGS)
                pos_cache[pid] = info
            tag, is_space, is_end = info
            start = off + m.begin()
            end = off + m.end()
            if is_space:
                raw.append((True, start, end, "", "", None, tag, None, None, sent, None, None, None))
                if "\n" in text[start:end] and raw and any(not r[0] for r in raw):
                    sent += 1
                continue
            raw.append((False, start, end, m.dictionary_form(), m.normalized_form(), None, tag, None,
                        None, sent, None, None, m.reading_form()))
            if is_end or text[start:end] in _SENT_END_TEXT:
                sent += 1
    _finalize(out, sid, cid, text, raw, [], terms, lexical=True)


def lexical_reference(statements: pd.DataFrame, *, terms: TermConfig | None = None,
                      split_mode: str = DEFAULT_SPLIT_MODE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Row-by-row ``lexical`` tokens and phrases (one SudachiPy call per chunk): the reference the
    vectorised path (:mod:`.lexical`) is tested against. Columns as :func:`extract` (no profile)."""
    terms = terms if terms is not None else load_terms()
    tokenizer = load_nlp("lexical", split_mode)
    out = _Columns()
    pos_cache: dict = {}
    for sid, cid, text in zip(statements["statement_id"].astype(str), statements["case_id"].astype(str),
                              statements["text"].astype(str)):
        _lexical_statement(tokenizer, pos_cache, sid, cid, text, out, terms)
    tokens, phrases, _ = out.frames("lexical")
    return tokens.drop(columns="profile"), phrases.drop(columns="profile")


# --------------------------------------------------------------------------- spaCy


class _StringMemo:
    """Hash → string (and MORPH hash → reading) lookups, memoised per Doc."""

    def __init__(self, strings):
        self._strings = strings
        self._memo: dict[int, str] = {0: ""}
        self._reading: dict[int, str | None] = {0: None}

    def get(self, h: int) -> str:
        v = self._memo.get(h)
        if v is None:
            v = self._memo[h] = self._strings[h]
        return v

    def reading(self, h: int) -> str | None:
        if h in self._reading:
            return self._reading[h]
        value = None
        for feat in self.get(h).split("|"):
            if feat.startswith("Reading="):
                value = feat[len("Reading="):]
                break
        self._reading[h] = value
        return value


def _doc_raw(doc, off: int, tok_base: int, sent_base: int, bun_base: int,
             raw: list, raw_phrases: list, ents: list) -> tuple[int, int]:
    import ginza

    n = len(doc)
    bun_of = [None] * n
    try:
        spans = list(ginza.bunsetu_spans(doc))
    except (KeyError, AttributeError):  # no bunsetu data (should not happen with GiNZA docs)
        spans = []
    for bi, span in enumerate(spans):
        for i in range(span.start, span.end):
            bun_of[i] = bun_base + bi
        raw_phrases.append(("bunsetu", tok_base + span.start, tok_base + span.end))
    has_parse = doc.has_annotation("DEP")
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IDX,
        IS_SPACE,
        LEMMA,
        LENGTH,
        MORPH,
        NORM,
        POS,
        SENT_START,
        TAG,
    )

    arr = doc.to_array([IDX, LENGTH, LEMMA, NORM, POS, TAG, DEP, HEAD, SENT_START, ENT_TYPE, IS_SPACE, MORPH])
    strings = _StringMemo(doc.vocab.strings)
    get = strings.get
    reading_of = strings.reading
    si = -1
    heads = arr[:, 7].astype("int64").tolist()
    for i, (idx, length, lemma, norm, pos, tag, dep, _h, sent_start, ent, is_space, morph) in enumerate(
            arr.tolist()):
        if i == 0 or sent_start == 1:
            si += 1
        idx += off
        raw.append((bool(is_space), idx, idx + length, get(lemma), get(norm), get(pos) or None, get(tag),
                    (get(dep) or None) if has_parse else None,
                    tok_base + i + heads[i] if has_parse else None,
                    sent_base + si, bun_of[i], get(ent) or None, reading_of(morph)))
    if has_parse:
        pos_ids = arr[:, 4].tolist()
        dep_ids = arr[:, 6].tolist()
        for a, b in noun_chunk_spans(pos_ids, dep_ids, [i + h for i, h in enumerate(heads)], doc.vocab.strings):
            raw_phrases.append(("noun_phrase", tok_base + a, tok_base + b))
    for e in doc.ents:
        ents.append((off + e.start_char, off + e.end_char, e.label_))
    return si + 1, len(spans)


_NP_LABELS = ("nsubj", "nmod", "ddoclike", "nsubjpass", "pcomp", "pdoclike", "doclike", "obl", "dative",
              "appos", "attr", "ROOT")


def noun_chunk_spans(pos_ids: list[int], dep_ids: list[int], heads: list[int], strings) -> list[tuple[int, int]]:
    """spaCy's Japanese ``noun_chunks`` (spacy/lang/ja/syntax_iterators.py) on plain arrays.

    Same algorithm and output as ``doc.noun_chunks`` (tested), without creating Token objects;
    ``heads`` are absolute indices (a root is its own head).
    """
    from spacy.symbols import NOUN, PRON, PROPN, VERB

    np_deps = {strings.add(label) for label in _NP_LABELS}
    n = len(pos_ids)
    lefts: list[list[int]] = [[] for _ in range(n)]
    rights: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            (lefts if i < h else rights)[h].append(i)

    def subtree(i: int) -> list[int]:
        out: list[int] = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:  # iterative: lefts' subtrees, the token, rights' subtrees
            k, expanded = stack.pop()
            if expanded:
                out.append(k)
                continue
            for r in reversed(rights[k]):
                stack.append((r, False))
            stack.append((k, True))
            for left in reversed(lefts[k]):
                stack.append((left, False))
        return out

    seen: set[int] = set()
    chunks = []
    for i in range(n):
        if pos_ids[i] not in (NOUN, PROPN, PRON) or i in seen or dep_ids[i] not in np_deps:
            continue
        sub = subtree(i)
        unseen = [w for w in sub if w not in seen]
        if not unseen:
            continue
        seen.update(sub)
        seen.update(range(i + 1))
        head = heads[i]
        if pos_ids[head] == VERB:
            seen.add(head)
            for r in rights[head]:
                seen.add(r)
        chunks.append((unseen[0], i + 1))
    return chunks


def _spacy_statement(sid: str, cid: str, text: str, chunk_docs: list[tuple[int, object]], out: _Columns,
                     terms: TermConfig) -> None:
    raw: list[tuple] = []
    raw_phrases: list[tuple[str, int, int]] = []
    ents: list[tuple[int, int, str]] = []
    sent_base = bun_base = 0
    for off, doc in chunk_docs:
        n_sent, n_bun = _doc_raw(doc, off, len(raw), sent_base, bun_base, raw, raw_phrases, ents)
        sent_base += n_sent
        bun_base += n_bun
    _finalize(out, sid, cid, text, raw, raw_phrases, terms, lexical=False)
    for s, e, label in ents:
        out.ent.append((sid, cid, text[s:e], label, s, e))


# --------------------------------------------------------------------------- public


def _progress_bar(total: int, progress: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="char", unit_scale=True, desc=desc, disable=not progress, leave=False)


def extract_partition(
    statements_part: pd.DataFrame,
    *,
    profile: str = "full",
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache_dir: str | Path | None | bool = None,
    progress: bool = False,
    terms: TermConfig | None = None,
    split_mode: str = DEFAULT_SPLIT_MODE,
) -> FeatureTables:
    """Parse one frame of statements into the three tables (the unit of work of every backend).

    Parameters are those of :func:`extract`; ``terms`` is a loaded :class:`TermConfig`
    (default: the packaged files). ``cache_dir=False`` disables the cache.
    """
    check_profile(profile)
    check_statements(statements_part)
    terms = terms if terms is not None else load_terms()
    if n_process and n_process > 1 and profile != "lexical" and len(statements_part) > 1 and _can_fork():
        return _extract_forked(statements_part, profile=profile, n_process=n_process, batch_size=batch_size,
                               cache_dir=cache_dir, progress=progress, terms=terms, split_mode=split_mode)
    sids = statements_part["statement_id"].astype(str).tolist()
    cids = statements_part["case_id"].astype(str).tolist()
    texts = statements_part["text"].astype(str).tolist()
    out = _Columns()
    stats = {"n_statements": len(texts), "n_chars": sum(map(len, texts)), "n_chunks": 0,
             "n_parsed": 0, "n_cached": 0}
    bar = _progress_bar(stats["n_chars"], progress, f"features ({profile})")
    try:
        if profile == "lexical":
            from futoko_research.features.lexical import tokenize_lexical

            tokens, phrases, n_chunks = tokenize_lexical(load_nlp("lexical", split_mode), sids, cids, texts,
                                                         terms, bar=bar)
            stats["n_parsed"] = stats["n_chunks"] = n_chunks
            out.frames_override = (tokens, phrases)
        else:
            _extract_spacy(sids, cids, texts, out, terms, profile=profile, n_process=n_process,
                           batch_size=batch_size, cache_dir=cache_dir, split_mode=split_mode,
                           stats=stats, bar=bar)
    finally:
        bar.close()
    tokens, phrases, entities = out.frames(profile)
    if out.frames_override is not None:
        tokens, phrases = (df.assign(profile=pd.array([profile] * len(df), dtype=STRING_DTYPE))
                           for df in out.frames_override)
    info = run_info(profile, terms, split_mode=split_mode)
    info["stats"] = stats
    for df in (tokens, phrases, entities):
        df.attrs["features"] = info
    return FeatureTables(tokens, phrases, entities, profile=profile, info=info)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _plan_parts(texts: list[str], n_parts: int) -> list[tuple[int, int]]:
    """Contiguous (start, stop) row ranges of about equal character counts."""
    total = sum(map(len, texts)) or 1
    bounds, acc, start = [], 0, 0
    target = total / n_parts
    for i, t in enumerate(texts):
        acc += len(t)
        if acc >= target * (len(bounds) + 1) and i + 1 < len(texts):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(texts)))
    return [b for b in bounds if b[1] > b[0]]


def _forked_worker(part: pd.DataFrame, kwargs: dict) -> FeatureTables:
    return extract_partition(part, n_process=1, progress=False, **kwargs)


def _extract_forked(statements_part: pd.DataFrame, *, profile, n_process, batch_size, cache_dir, progress,
                    terms, split_mode) -> FeatureTables:
    """``n_process`` forked workers, each running :func:`extract_partition` on contiguous parts
    (parse, rows and cache writes all happen in the workers; the model is loaded before the fork
    and shared copy-on-write). The result equals the serial one row for row."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    load_nlp(profile, split_mode)  # once, before forking
    texts = statements_part["text"].astype(str).tolist()
    parts = _plan_parts(texts, n_process * 8)  # small parts: little idle time at the end
    kwargs = {"profile": profile, "batch_size": batch_size, "cache_dir": cache_dir, "terms": terms,
              "split_mode": split_mode}
    cols = [c for c in REQUIRED_COLUMNS]
    bar = _progress_bar(sum(map(len, texts)), progress, f"features ({profile}, {n_process} processes)")
    results: list[FeatureTables | None] = [None] * len(parts)
    try:
        with ProcessPoolExecutor(max_workers=n_process, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_forked_worker, statements_part.iloc[a:b][cols], kwargs): k
                       for k, (a, b) in enumerate(parts)}
            from concurrent.futures import as_completed

            for fut in as_completed(futures):
                k = futures[fut]
                results[k] = fut.result()
                bar.update(results[k].info["stats"]["n_chars"])
    finally:
        bar.close()
    frames = {name: pd.concat([r[name] for r in results], ignore_index=True) for name in FeatureTables._KEYS}
    stats = {key: sum(r.info["stats"][key] for r in results)
             for key in ("n_statements", "n_chars", "n_chunks", "n_parsed", "n_cached")}
    stats["n_process"] = n_process
    info = run_info(profile, terms, split_mode=split_mode)
    info["stats"] = stats
    for df in frames.values():
        df.attrs = {"features": info}
    return FeatureTables(frames["tokens"], frames["phrases"], frames["entities"], profile=profile, info=info)


def run_info(profile: str, terms: TermConfig, *, split_mode: str = DEFAULT_SPLIT_MODE) -> dict:
    """What made a table: model_info, terms/variants hash, preprocessing and chunk policy."""
    return {**model_info(profile, split_mode), **terms.info(), "preprocess": PREPROCESS_VERSION,
            "chunk_policy": CHUNK_POLICY}


def _extract_spacy(sids, cids, texts, out: _Columns, terms: TermConfig, *, profile, n_process, batch_size,
                   cache_dir, split_mode, stats, bar) -> None:
    from futoko_research.paths import CACHE_DIR

    meta = cache_meta(profile, split_mode=split_mode, terms_hash=terms.hash)
    cache = None if cache_dir is False else DocCache(CACHE_DIR if cache_dir is None else cache_dir, meta)
    # statement → chunks (offset, preprocessed text); grouped in blocks of ~BLOCK_CHUNKS chunks
    block: list[tuple[int, list[tuple[int, str]]]] = []
    n_block = 0
    for si, text in enumerate(texts):
        chunks = [(off, preprocess(c)) for off, c in split_text(text)]
        block.append((si, chunks))
        n_block += len(chunks)
        if n_block >= BLOCK_CHUNKS:
            _spacy_block(block, sids, cids, texts, out, terms, cache, profile=profile, n_process=n_process,
                         batch_size=batch_size, split_mode=split_mode, stats=stats, bar=bar)
            block, n_block = [], 0
    if block:
        _spacy_block(block, sids, cids, texts, out, terms, cache, profile=profile, n_process=n_process,
                     batch_size=batch_size, split_mode=split_mode, stats=stats, bar=bar)


def _spacy_block(block, sids, cids, texts, out, terms, cache: DocCache | None, *, profile, n_process,
                 batch_size, split_mode, stats, bar) -> None:
    chunk_texts = [c for _, chunks in block for _, c in chunks]
    stats["n_chunks"] += len(chunk_texts)
    if cache is not None:
        keys = [cache.key(c) for c in chunk_texts]
        found = cache.get_many(keys)
    else:
        keys = list(chunk_texts)
        found = {}
    stats["n_cached"] += sum(1 for k in keys if k in found)
    bar.update(sum(len(c) for k, c in zip(keys, chunk_texts) if k in found))
    todo: dict[str, str] = {}
    for k, c in zip(keys, chunk_texts):
        if k not in found and k not in todo:
            todo[k] = c
    if todo:
        nlp = load_nlp(profile, split_mode)
        todo_keys = list(todo)
        parsed = []
        kw = {"batch_size": batch_size}
        if n_process and n_process > 1:
            kw["n_process"] = n_process
        for doc in nlp.pipe(todo.values(), **kw):
            parsed.append(doc)
            bar.update(len(doc.text))
        stats["n_parsed"] += len(parsed)
        if cache is not None:
            cache.put_many(todo_keys, parsed)
        found.update(zip(todo_keys, parsed))
    ki = 0
    for si, chunks in block:
        chunk_docs = []
        for off, _ in chunks:
            chunk_docs.append((off, found[keys[ki]]))
            ki += 1
        _spacy_statement(sids[si], cids[si], texts[si], chunk_docs, out, terms)


def extract(
    statements: pd.DataFrame,
    *,
    profile: str = "full",
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache_dir: str | Path | None | bool = None,
    progress: bool = True,
    backend: str = "serial",
    client=None,
    partitions: int | str = "auto",
    terms: str | Path | TermConfig | None | bool = None,
    variants: str | Path | Mapping[str, str] | None | bool = None,
    split_mode: str = DEFAULT_SPLIT_MODE,
    **backend_options,
) -> FeatureTables:
    """Parse statements into token, phrase and entity tables.

    Parameters
    ----------
    statements : DataFrame with at least ``statement_id``, ``case_id``, ``text`` (the loader's
        ``statements`` table or any selection of it). ``text`` is parsed; offsets point into it.
    profile : ``"full"`` (every ja_ginza component), ``"fast"`` (no NER) or ``"lexical"``
        (SudachiPy alone). See Notes.
    n_process : parser processes for ``full`` / ``fast`` (``nlp.pipe(n_process=…)``, fork).
        ``lexical`` always runs in one process (it is faster than the process start-up).
    batch_size : ``nlp.pipe`` batch size.
    cache_dir : DocBin cache root (default ``paths.CACHE_DIR``); ``False`` disables it.
        ``lexical`` is not cached (tokenising is faster than reading a cache).
    progress : show a progress bar (characters).
    backend : ``"serial"`` or ``"dask"`` (``features.dask_backend.extract_dask``, with
        ``client`` and ``partitions``).
    terms, variants : term list / variant map (paths, in-memory lists, ``None`` for the
        packaged files, ``False`` for none); or a loaded :class:`TermConfig` as ``terms``.
    split_mode : Sudachi split mode (``"C"`` default, GiNZA's).
    **backend_options : passed to the dask backend (``scheduler=``, ``workers=`` …); the serial
        backend accepts none.

    Returns
    -------
    FeatureTables
        ``tokens`` — one row per non-space token (user terms merged):

        ============  =======  ===============================================================
        statement_id  string   statement
        case_id       string   case
        sent_idx      Int64    0-based sentence within the statement (continuous over chunks)
        token_idx     Int64    0-based token within the statement (continuous over chunks)
        text          string   surface, exactly ``statement.text[start_char:end_char]``
        lemma         string   dictionary form (繋がっ → 繋がる); spelling kept (取組)
        norm          string   Sudachi normalised form (取組 → 取り組み); user term for merged terms
        term          string   analysis form: ``norm`` folded by the variant map
        pos           string   UD part of speech (NA in ``lexical``)
        tag           string   Sudachi part of speech joined with ``-`` (名詞-普通名詞-一般)
        dep           string   UD dependency label (NA in ``lexical``)
        head_idx      Int64    token_idx of the syntactic head (NA in ``lexical``)
        bunsetu_idx   Int64    0-based bunsetu (文節) (NA in ``lexical``)
        ent_label     string   GiNZA extended entity label (NA outside entities, and in fast/lexical)
        is_content    boolean  content word by Sudachi tag (same rule in every profile)
        start_char    Int64    offset into ``text`` of the statement
        end_char      Int64    end offset (exclusive)
        reading       string   katakana reading (Sudachi)
        profile       string   profile that made the row
        ============  =======  ===============================================================

        ``phrases`` — statement_id, case_id, kind (category: bunsetu | noun_phrase | compound),
        text, lemma_text (lemmas joined), start_token, end_token (token_idx, end exclusive),
        start_char, end_char, profile. ``bunsetu`` and ``noun_phrase`` need a parser (not in
        ``lexical``); ``compound`` (runs of ≥ 2 adjacent nouns/prefixes/noun suffixes in a
        sentence) comes from tags, in every profile.

        ``entities`` — statement_id, case_id, text, label, start_char, end_char, profile
        (``full`` only).

        ``info`` (also ``df.attrs["features"]``): model name and versions, split mode, pipes,
        terms hash, preprocessing and chunk policy, and counts of parsed / cached chunks.

    Notes
    -----
    Statements longer than the chunk budget (16,000 UTF-8 bytes, also checked after NFKC) are
    split at sentence ends — never truncated — and parsed chunk by chunk (one Doc per chunk,
    offsets kept). Kangxi radicals are folded one-to-one before parsing. Spaces (``is_space``)
    are dropped. User terms are merged after parsing, so dependencies are those of the parts;
    the merged token takes the part whose head lies outside the term.

    Raises
    ------
    SchemaError : a required column is missing, or ids are duplicated / text missing.
    """
    check_profile(profile)
    term_cfg = terms if isinstance(terms, TermConfig) else load_terms(terms, variants)
    if backend == "dask":
        try:
            from futoko_research.features.dask_backend import extract_dask
        except ModuleNotFoundError as exc:
            from futoko_research.errors import FutokoError

            raise FutokoError(f"backend 'dask' is not available ({exc})") from None
        return extract_dask(statements, profile=profile, n_process=n_process, batch_size=batch_size,
                            cache_dir=cache_dir, progress=progress, client=client, partitions=partitions,
                            terms=term_cfg, split_mode=split_mode, **backend_options)
    if backend != "serial":
        raise ValueError(f"backend must be 'serial' or 'dask', not {backend!r}")
    if backend_options:
        raise TypeError(f"extract() got options for another backend: {', '.join(sorted(backend_options))}")
    if n_process and n_process > 1 and profile != "lexical":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    return extract_partition(statements, profile=profile, n_process=n_process, batch_size=batch_size,
                             cache_dir=cache_dir, progress=progress, terms=term_cfg, split_mode=split_mode)

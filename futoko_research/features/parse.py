"""Statements → the three feature tables in this process: block parsing with the Doc cache.

:func:`extract_partition` is the computation every runner runs on a partition (the serial
runner on the whole table): statements are split into chunks (:mod:`.chunking`), chunks are
looked up in the DocBin cache (:mod:`.cache`) block by block, the missing ones parsed with
``nlp.pipe`` and stored, and each statement's Docs turned into rows (:mod:`.docs`). The
``lexical`` profile tokenises with SudachiPy alone (:mod:`.lexical`; not cached).
"""

from __future__ import annotations

import logging
import warnings
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
from futoko_research.features.docs import statement_rows
from futoko_research.features.lexical import tokenize_lexical
from futoko_research.features.rows import FeatureTables, TokenRows
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.nlp import DEFAULT_SPLIT_MODE, check_profile, load_nlp, model_info

log = logging.getLogger("futoko_research")

REQUIRED_COLUMNS = ("statement_id", "case_id", "text")
STRING_DTYPE = pd.StringDtype()
DEFAULT_BATCH_SIZE = 64
#: chunks handled per block (cache lookup → parse → store → rows); bounds memory
BLOCK_CHUNKS = 512


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


def run_info(profile: str, terms: TermConfig, *, split_mode: str = DEFAULT_SPLIT_MODE) -> dict:
    """What made a table: model_info, terms/variants hash, preprocessing and chunk policy."""
    return {**model_info(profile, split_mode), **terms.info(), "preprocess": PREPROCESS_VERSION,
            "chunk_policy": CHUNK_POLICY}


def progress_bar(total: int, progress: bool, desc: str):
    """A tqdm bar over characters (disabled unless ``progress``)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="char", unit_scale=True, desc=desc, disable=not progress, leave=False)


def extract_partition(
    statements_part: pd.DataFrame,
    *,
    profile: str = "full",
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache_dir: str | Path | None | bool = None,
    progress: bool = False,
    terms: TermConfig | None = None,
    split_mode: str = DEFAULT_SPLIT_MODE,
    n_process: int | None = None,
) -> FeatureTables:
    """Parse a frame of statements into the three tables, in this process.

    Parameters are those of :func:`~futoko_research.features.extract`; ``terms`` is a loaded
    :class:`TermConfig` (default: the packaged files). ``cache_dir=False`` disables the cache.
    ``n_process`` is deprecated and ignored: run ``extract(..., runner=get_runner("processes",
    n_process=N))`` instead.

    Returns
    -------
    FeatureTables
        ``info["stats"]``: ``n_statements``, ``n_chars``, ``n_chunks``, ``n_parsed`` and
        ``n_cached`` (chunks parsed now / read from the Doc cache).
    """
    if n_process is not None:
        warnings.warn("extract_partition(n_process=...) is deprecated and ignored; use "
                      "features.extract(..., runner=get_runner('processes', n_process=N))",
                      DeprecationWarning, stacklevel=2)
    check_profile(profile)
    check_statements(statements_part)
    terms = terms if terms is not None else load_terms()
    sids = statements_part["statement_id"].astype(str).tolist()
    cids = statements_part["case_id"].astype(str).tolist()
    texts = statements_part["text"].astype(str).tolist()
    stats = {"n_statements": len(texts), "n_chars": sum(map(len, texts)), "n_chunks": 0,
             "n_parsed": 0, "n_cached": 0}
    out = TokenRows()
    bar = progress_bar(stats["n_chars"], progress, f"features ({profile})")
    try:
        if profile == "lexical":
            lex_tokens, lex_phrases, n_chunks = tokenize_lexical(sids, cids, texts, terms, split_mode=split_mode,
                                                                 bar=bar)
            stats["n_parsed"] = stats["n_chunks"] = n_chunks
        else:
            parse_statements(sids, cids, texts, out, terms, profile=profile, batch_size=batch_size,
                             cache_dir=cache_dir, split_mode=split_mode, stats=stats, bar=bar)
    finally:
        bar.close()
    tokens, phrases, entities = out.frames(profile)
    if profile == "lexical":
        tokens, phrases = (df.assign(profile=pd.array([profile] * len(df), dtype=STRING_DTYPE))
                           for df in (lex_tokens, lex_phrases))
    info = run_info(profile, terms, split_mode=split_mode)
    info["stats"] = stats
    for df in (tokens, phrases, entities):
        df.attrs["features"] = info
    return FeatureTables(tokens, phrases, entities, profile=profile, info=info)


def parse_statements(sids: list[str], cids: list[str], texts: list[str], out: TokenRows, terms: TermConfig, *,
                     profile: str, batch_size: int, cache_dir: str | Path | None | bool, split_mode: str,
                     stats: dict, bar) -> None:
    """Parse statements with GiNZA block by block (through the Doc cache) and append their rows."""
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
            parse_block(block, sids, cids, texts, out, terms, cache, profile=profile, batch_size=batch_size,
                        split_mode=split_mode, stats=stats, bar=bar)
            block, n_block = [], 0
    if block:
        parse_block(block, sids, cids, texts, out, terms, cache, profile=profile, batch_size=batch_size,
                    split_mode=split_mode, stats=stats, bar=bar)


def parse_block(block, sids, cids, texts, out: TokenRows, terms: TermConfig, cache: DocCache | None, *,
                profile: str, batch_size: int, split_mode: str, stats: dict, bar) -> None:
    """One block: cache lookup of its chunks, ``nlp.pipe`` on the missing ones, store, rows."""
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
        for doc in nlp.pipe(todo.values(), batch_size=batch_size):
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
        statement_rows(sids[si], cids[si], texts[si], chunk_docs, out, terms)

"""The steps over a growing corpus with flat memory: statements in slices, tables written part by part.

The features step tokenises the statements slice by slice (:func:`statement_slices`, at most
:data:`STREAM_CHARS` characters each) and appends each slice's rows to its parquet files as a
row group (:class:`futoko_research.io.ParquetParts`); the analyze step reads or parses the
dependencies that links need slice by slice of whole cases (:func:`stream_links`). Memory then
holds one slice's tokens, whatever the size of the corpus; the tables are those of one call on
the whole corpus (tested).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger("futoko_research")

#: characters of statement text per slice (the Dask runner's largest partition): one slice's
#: lexical tokens take ≈ 60 MB
STREAM_CHARS = 250_000
#: the token columns that links read (:mod:`futoko_research.analysis.link_spans`)
LINK_TOKEN_COLUMNS = ("statement_id", "token_idx", "sent_idx", "head_idx", "bunsetu_idx", "start_char", "end_char",
                      "dep", "pos", "tag", "text")
#: profiles whose tokens carry dependencies
DEPENDENCY_PROFILES = ("fast", "full")


def statement_slices(statements: pd.DataFrame, max_chars: int = STREAM_CHARS, *,
                     by: str | None = "case_id") -> Iterator[pd.DataFrame]:
    """Contiguous slices of ``statements`` (in order) of at most ``max_chars`` characters of text.

    A slice holds whole runs of equal ``by`` values (whole cases, so that a back-reference finds
    the statement before it); a run longer than ``max_chars`` is a slice of its own. ``by=None``
    cuts between any two statements. An empty table gives one empty slice.
    """
    n = len(statements)
    if n == 0:
        yield statements
        return
    lengths = statements["text"].astype("string").str.len().fillna(0).to_numpy(dtype=np.int64)
    if by is None:
        starts = np.arange(n)
    else:
        keys = statements[by].astype("string").fillna("").to_numpy(dtype=object)
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    bounds = np.r_[starts, n]
    run_chars = np.add.reduceat(lengths, starts)
    begin, acc = 0, 0
    for k, chars in enumerate(run_chars):
        if acc and acc + chars > max_chars:
            yield statements.iloc[begin:bounds[k]]
            begin, acc = bounds[k], 0
        acc += int(chars)
    yield statements.iloc[begin:n]


def stored_features_profile(processed_dir: str | Path) -> str | None:
    """The profile recorded in ``features_info.json`` by the features step (None without one)."""
    path = Path(processed_dir) / "features_info.json"
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("profile")
    except (OSError, ValueError):
        return None


class OrderedTokens:
    """The rows of a token file, handed out statement slice by statement slice (one pass over the file).

    The features step writes tokens in the statements' order, so the tokens of consecutive slices
    come from consecutive record batches; rows of statements not in ``order`` are skipped.

    Parameters
    ----------
    path : ``tokens.parquet``.
    order : statement_id → position in the statements.
    columns : the columns to read.
    """

    def __init__(self, path: str | Path, order: dict[str, int], columns=LINK_TOKEN_COLUMNS):
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        names = set(file.schema_arrow.names)
        self.columns = [c for c in columns if c in names]
        self._batches = file.iter_batches(columns=self.columns, batch_size=65_536)
        self._order = order
        self._buffer: list[pd.DataFrame] = []
        self._buffer_max = -1
        self._done = False

    def until(self, last_position: int) -> pd.DataFrame:
        """The rows of the statements up to position ``last_position`` not handed out yet."""
        while not self._done and self._buffer_max <= last_position:
            try:
                batch = next(self._batches).to_pandas()
            except StopIteration:
                self._done = True
                break
            pos = batch["statement_id"].astype(str).map(self._order)
            batch = batch.assign(_pos=pos)[pos.notna().to_numpy()]
            if len(batch):
                self._buffer.append(batch)
                self._buffer_max = max(self._buffer_max, int(batch["_pos"].max()))
        if not self._buffer:
            return pd.DataFrame(columns=self.columns)
        buf = pd.concat(self._buffer, ignore_index=True) if len(self._buffer) > 1 else self._buffer[0]
        take = (buf["_pos"] <= last_position).to_numpy()
        rest = buf[~take]
        self._buffer = [rest] if len(rest) else []
        return buf[take].drop(columns="_pos").reset_index(drop=True)


def stream_links(statements: pd.DataFrame, processed_dir: str | Path, *, codebook=None, runner=None,
                 cache_dir=None, max_chars: int = STREAM_CHARS, side_method: str | None = None,
                 model=None) -> tuple[pd.DataFrame, dict]:
    """Cause → effect links of ``statements``, slice by slice of whole cases.

    Dependencies come from the stored ``tokens.parquet`` when the features step wrote them
    (profile ``fast`` / ``full``); otherwise only the statements that pass the links' prefilter
    (:func:`futoko_research.analysis.link_prefilter.link_candidates`: a lexical cue and text in
    which the codebook's rules could find the codes a link needs) are parsed
    (:func:`futoko_research.features.dependency_tokens`, profile ``fast``, DocBin cache in
    ``cache_dir``, on ``runner``). Each slice's links are
    :func:`~futoko_research.analysis.links.extract_links` of the slice: the same rows as one call
    on the whole table, since links never reach beyond a case. ``side_method`` and ``model`` are
    :func:`~futoko_research.analysis.links.extract_links`' (None: its default, the hybrid with the
    model shipped with the package; the model is loaded once, and the prefilter keeps every
    statement with a cue unless the sides are coded by the rules).

    Returns
    -------
    (links, stats) : the links table, and counts: ``n_statements``, ``n_chars``, ``n_cues`` and
        ``cue_chars`` (statements with a lexical cue), ``n_candidates`` and ``candidate_chars``
        (statements passing the prefilter), ``n_parsed`` and ``parsed_chars``
        (parsed now), ``n_slices``, ``dependencies`` (``stored`` or ``parsed``), ``side_method``
        (how the sides were coded).
    """
    from futoko_research.analysis.link_prefilter import link_candidates
    from futoko_research.analysis.links import (
        check_side_method,
        extract_links,
        has_dependencies,
        prefilter_statements,
    )

    side_method = check_side_method(side_method)
    if side_method == "hybrid":
        from futoko_research.coding.hybrid import resolve_model

        model = resolve_model(model)
    processed_dir = Path(processed_dir)
    statements = statements.reset_index(drop=True)
    lengths = statements["text"].astype("string").str.len().fillna(0)
    cues = prefilter_statements(statements).to_numpy(dtype=bool)
    candidates = link_candidates(statements, codebook, method=side_method).to_numpy(dtype=bool)
    tokens_path = processed_dir / "tokens.parquet"
    stored = tokens_path.is_file() and stored_features_profile(processed_dir) in (*DEPENDENCY_PROFILES, None)
    cursor = None
    if stored:
        order = dict(zip(statements["statement_id"].astype(str), range(len(statements))))
        cursor = OrderedTokens(tokens_path, order)
    stats = {"n_statements": len(statements), "n_chars": int(lengths.sum()), "n_cues": int(cues.sum()),
             "cue_chars": int(lengths[cues].sum()), "n_candidates": int(candidates.sum()),
             "candidate_chars": int(lengths[candidates].sum()), "n_parsed": 0, "parsed_chars": 0, "n_slices": 0,
             "dependencies": "stored" if stored else "parsed", "side_method": side_method}
    parts = []
    for part in statement_slices(statements, max_chars):
        stats["n_slices"] += 1
        sub = part[candidates[part.index]]
        tokens = None
        if len(sub):
            tokens = cursor.until(int(part.index[-1])) if cursor is not None else None
            if not has_dependencies(tokens, sub):
                from futoko_research.features import dependency_tokens

                tokens = dependency_tokens(sub, cache_dir=cache_dir, runner=runner)
                tokens.attrs = {}  # pandas deep-copies attrs on every slice: ≈ 6 % of the step's time
                stats["n_parsed"] += len(sub)
                stats["parsed_chars"] += int(lengths[sub.index].sum())
        elif cursor is not None and len(part):
            cursor.until(int(part.index[-1]))  # skip this slice's rows
        parts.append(extract_links(part, tokens=tokens, codebook=codebook, parse=False,
                                   prefilter=pd.Series(candidates[part.index], index=part.index),
                                   side_method=side_method, model=model))
    if stats["n_parsed"] and stored:
        stats["dependencies"] = "stored, some parsed"
    links = parts[0] if len(parts) == 1 else pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    return links.reset_index(drop=True), stats

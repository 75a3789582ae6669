"""The unit of work a runner maps over partitions of the statements: :class:`ExtractWork`.

It carries the options of :func:`~futoko_research.features.extract` (never a model): a worker
loads GiNZA once in :meth:`~ExtractWork.setup`, parses each partition with
:func:`~futoko_research.features.parse.extract_partition`, and the partition tables are
concatenated in order by :meth:`~ExtractWork.combine` — the same rows, order and dtypes as one
serial call. For the ``dask`` runner it also names a partition cache:
``<cache_dir>/partitions/<profile>-<meta hash[:16]>/<key>/``, where ``key`` is
:func:`partition_key`.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from futoko_research.backends import PartitionWork
from futoko_research.features.cache import cache_key, cache_meta, meta_hash
from futoko_research.features.parse import extract_partition, run_info
from futoko_research.features.rows import TABLE_NAMES, FeatureTables
from futoko_research.features.tables import ENTITY_DTYPES, PHRASE_DTYPES, TOKEN_DTYPES, empty_frame
from futoko_research.features.terms import TermConfig
from futoko_research.nlp import load_nlp

#: bump when the partition files change layout
PARTITION_FORMAT = "dask-partition-v1"
TABLE_DTYPES = {"tokens": TOKEN_DTYPES, "phrases": PHRASE_DTYPES, "entities": ENTITY_DTYPES}


def partition_key(part: pd.DataFrame, meta: Mapping | str) -> str:
    """sha256 key of a partition: :func:`cache_key` over its ids and texts under ``meta``."""
    payload = "\x1e".join(
        f"{sid}\x1f{cid}\x1f{text}"
        for sid, cid, text in zip(part["statement_id"].astype(str), part["case_id"].astype(str),
                                  part["text"].astype(str))
    )
    return cache_key(f"{PARTITION_FORMAT}\x1d{payload}", meta)


def typed_table(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` with the dtypes of feature table ``name`` (ValueError if a column is missing)."""
    dtypes = TABLE_DTYPES[name]
    missing = [c for c in dtypes if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: columns {missing} missing")
    return df.astype({c: d for c, d in dtypes.items() if df[c].dtype != d})


def concat_tables(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    """Partition frames of table ``name`` concatenated in order, typed, without ``attrs``."""
    frames = [f for f in frames if len(f)] or list(frames[:1])
    if not frames:
        return empty_frame(TABLE_DTYPES[name])
    frames = [f.copy(deep=False) for f in frames]
    for f in frames:
        f.attrs = {}
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    return typed_table(out, name)


def sum_stats(items: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Numeric statistics added up over partitions."""
    out: dict[str, int] = {}
    for st in items:
        for k, v in (st or {}).items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                out[k] = out.get(k, 0) + v
    return out


class ExtractWork(PartitionWork):
    """:func:`~futoko_research.features.parse.extract_partition` as a runner's unit of work.

    Parameters
    ----------
    profile, batch_size, cache_dir, terms, split_mode : as for
        :func:`~futoko_research.features.extract` (``terms`` loaded). ``cache_dir`` holds the
        DocBin cache (``docbin/``) and the dask runner's partition cache (``partitions/``);
        ``False`` disables both.
    """

    def __init__(self, *, profile: str, batch_size: int, cache_dir: str | Path | None | bool, terms: TermConfig,
                 split_mode: str):
        self.profile = profile
        self.batch_size = batch_size
        # resolved: workers may run in another working directory
        self.cache_dir = cache_dir if cache_dir is None or cache_dir is False else Path(cache_dir).resolve()
        self.terms = terms
        self.split_mode = split_mode
        self.name = f"features-{profile}"
        self.setup_name = f"nlp-{profile}-{split_mode}"
        self.local_parallel = profile != "lexical"  # SudachiPy alone beats starting processes

    @functools.cached_property
    def meta_hash(self) -> str:
        """Hash of everything that changes a parse (:func:`cache_meta`) and the partition format."""
        meta = cache_meta(self.profile, split_mode=self.split_mode, terms_hash=self.terms.hash)
        return meta_hash({**meta, "partition_format": PARTITION_FORMAT})

    @property
    def partition_cache(self) -> Path | None:  # type: ignore[override]
        if self.cache_dir is False:
            return None
        from futoko_research.paths import CACHE_DIR

        base = Path(CACHE_DIR).resolve() if self.cache_dir is None else self.cache_dir
        return base / "partitions" / f"{self.profile}-{self.meta_hash[:16]}"

    def setup(self) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        load_nlp(self.profile, self.split_mode)  # cached per process

    def scope(self):
        """``nlp.memory_zone()`` for spaCy profiles: a long-lived worker's string store does not grow."""
        if self.profile == "lexical":
            return contextlib.nullcontext()
        zone = getattr(load_nlp(self.profile, self.split_mode), "memory_zone", None)
        return zone() if zone is not None else contextlib.nullcontext()

    def run(self, part: pd.DataFrame, *, progress: bool = False) -> FeatureTables:
        return extract_partition(part, profile=self.profile, batch_size=self.batch_size, cache_dir=self.cache_dir,
                                 progress=progress, terms=self.terms, split_mode=self.split_mode)

    def combine(self, results: Sequence[FeatureTables], stats: Mapping[str, Any]) -> FeatureTables:
        """The partitions' tables concatenated in order; ``info["stats"]`` summed, plus the run's."""
        if len(results) == 1 and not stats:
            return results[0]
        tables = {name: concat_tables([r[name] for r in results], name) for name in TABLE_NAMES}
        run_stats = sum_stats([r.info.get("stats", {}) for r in results])
        run_stats.update(stats)
        info = run_info(self.profile, self.terms, split_mode=self.split_mode)
        info["stats"] = run_stats
        for df in tables.values():
            df.attrs = {"features": info}
        return FeatureTables(tables["tokens"], tables["phrases"], tables["entities"], profile=self.profile,
                             info=info)

    def partition_key(self, part: pd.DataFrame) -> str:
        return partition_key(part, self.meta_hash)

    def dump(self, result: FeatureTables) -> tuple[dict[str, pd.DataFrame], dict]:
        return {name: result[name] for name in TABLE_NAMES}, {"stats": dict(result.info.get("stats", {}))}

    def load(self, tables: Mapping[str, pd.DataFrame], info: Mapping[str, Any]) -> FeatureTables:
        """A cached partition: its tables, and stats saying nothing was parsed (every chunk cached)."""
        typed = {name: typed_table(tables[name], name) for name in TABLE_NAMES}
        stored = info.get("stats", {}) if isinstance(info.get("stats"), Mapping) else {}
        stats = {k: stored[k] for k in ("n_statements", "n_chars", "n_chunks") if k in stored}
        stats.update({"n_parsed": 0, "n_cached": stats.get("n_chunks", stats.get("n_statements", 0))})
        return FeatureTables(typed["tokens"], typed["phrases"], typed["entities"], profile=self.profile,
                             info={"stats": stats})

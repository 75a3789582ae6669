"""What a runner runs and how: :class:`PartitionWork` (a unit of work) and :class:`Runner`.

A runner cuts a table into partitions of rows, runs a picklable unit of work on each partition
— in this process, in forked processes or on a Dask cluster — and hands the partition results,
in partition order, to the unit's :meth:`~PartitionWork.combine`. The unit says what a worker
must load (:meth:`~PartitionWork.setup`), how to measure a partition (:meth:`~PartitionWork.size`)
and, optionally, how to store its result in a partition cache. Runners know nothing of
GiNZA, features or codes: ``backends`` imports neither ``features`` nor ``coding``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

#: column that ties aligned tables (e.g. tokens) to the rows of the mapped table
DEFAULT_ON = "statement_id"


class PartitionWork:
    """A unit of work that a runner maps over partitions of a table (subclass it).

    The object is pickled and sent to every worker, so it holds plain data (options, a loaded
    codebook or term list), never a model or an open file.

    Attributes
    ----------
    name : str
        Label of the work in progress bars and Dask task keys.
    setup_name : str or None
        Names what :meth:`setup` loads (e.g. ``"nlp-full-C"``): a Dask worker runs ``setup`` once
        per name, at start and again after a restart. ``None`` (default): nothing to load.
    local_parallel : bool
        Whether forked local processes pay off for this work (default True). When False the
        ``processes`` runner runs it in the calling process (e.g. SudachiPy alone is faster than
        starting the processes).
    partition_cache : str, Path or None
        Folder of a partition cache (one folder per :meth:`partition_key`) that the ``dask``
        runner reads before sending a partition and workers write after running it. ``None``
        (default): no partition cache. Needs :meth:`partition_key`, :meth:`dump` and
        :meth:`load`.
    """

    name: str = "work"
    setup_name: str | None = None
    local_parallel: bool = True
    partition_cache: str | Path | None = None

    def setup(self) -> None:
        """Load what :meth:`run` needs, once per process (default: nothing)."""

    def run(self, part: pd.DataFrame, *, progress: bool = False, **aligned: pd.DataFrame) -> Any:
        """Compute the result of one partition.

        Parameters
        ----------
        part : the partition's rows (a contiguous slice of the mapped table).
        progress : show a progress bar inside the computation (only the serial runner asks).
        **aligned : the partition's rows of each aligned table (see :meth:`Runner.map`).
        """
        raise NotImplementedError

    def combine(self, results: Sequence[Any], stats: Mapping[str, Any]) -> Any:
        """The whole result from the partition results (in partition order).

        ``stats`` describes the run (runner name, number of partitions …; empty for the serial
        runner). Default: DataFrames concatenated (index reset), or mappings of DataFrames
        concatenated key by key (:func:`concat_results`).
        """
        return concat_results(results)

    def size(self, part: pd.DataFrame) -> int:
        """Work in a partition, for progress bars: characters of ``text`` (else rows)."""
        if "text" in part.columns:
            return int(part["text"].astype("string").str.len().fillna(0).sum())
        return len(part)

    def scope(self) -> contextlib.AbstractContextManager:
        """Context entered around each partition on a long-lived worker (default: none).

        E.g. spaCy's ``nlp.memory_zone()``, so that a worker's string store does not grow over
        a long run.
        """
        return contextlib.nullcontext()

    # ----- partition cache (dask runner)
    def partition_key(self, part: pd.DataFrame) -> str:
        """Key (a file name: sha256 hex) of a partition in :attr:`partition_cache`."""
        raise NotImplementedError

    def dump(self, result: Any) -> tuple[dict[str, pd.DataFrame], dict]:
        """A partition result as named tables (stored as parquet) and JSON-able info."""
        raise NotImplementedError

    def load(self, tables: Mapping[str, pd.DataFrame], info: Mapping[str, Any]) -> Any:
        """The partition result back from :meth:`dump`'s tables and info (read from the cache)."""
        raise NotImplementedError


def concat_results(results: Sequence[Any]) -> Any:
    """Concatenate partition results: DataFrames, or mappings name → DataFrame key by key."""
    if not results:
        raise ValueError("no partition results to combine")
    first = results[0]
    if isinstance(first, pd.DataFrame):
        return concat_frames(list(results))
    if isinstance(first, Mapping):
        return {name: concat_frames([r[name] for r in results]) for name in first}
    raise TypeError(f"cannot concatenate results of type {type(first).__name__}; give the work a combine()")


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames concatenated in order (index reset); empty ones are left out unless all are."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def rows_of(table: pd.DataFrame, part: pd.DataFrame, on: str = DEFAULT_ON) -> pd.DataFrame:
    """Rows of ``table`` whose ``on`` value is one of the partition's (index reset)."""
    return table[table[on].isin(part[on])].reset_index(drop=True)


class Runner:
    """Maps a :class:`PartitionWork` over partitions of a table and combines the results.

    Runners are made by name with :func:`futoko_research.backends.get_runner`. A runner can be
    used as a context manager: resources it holds (a Dask client and its local cluster) are
    then opened once for every :meth:`map` in the block and released at its end.
    """

    name: str = "runner"

    def map(self, work: PartitionWork, table: pd.DataFrame, *,
            aligned: Mapping[str, pd.DataFrame] | None = None, on: str = DEFAULT_ON,
            progress: bool = False) -> Any:
        """Run ``work`` on partitions of ``table`` and return ``work.combine(results, stats)``.

        Parameters
        ----------
        work : the unit of work (picklable).
        table : the rows to partition; partitions are contiguous slices in row order.
        aligned : other tables whose rows belong to rows of ``table`` through column ``on``
            (e.g. the tokens of the statements); each partition's ``work.run`` receives, as
            keyword arguments, the rows of each aligned table that belong to it.
        on : the column tying ``aligned`` tables to ``table``.
        progress : show a progress bar.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Release what the runner holds (default: nothing)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options().items())
        return f"{type(self).__name__}({opts})"

    def options(self) -> dict[str, Any]:
        """The options the runner was made with (for logs and run records)."""
        return {}


def run_in_process(work: PartitionWork, table: pd.DataFrame, *,
                   aligned: Mapping[str, pd.DataFrame] | None = None, progress: bool = False) -> Any:
    """The whole table as one partition, in this process: ``work.combine([work.run(table)], {})``."""
    result = work.run(table, progress=progress, **dict(aligned or {}))
    return work.combine([result], {})

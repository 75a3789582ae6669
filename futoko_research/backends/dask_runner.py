"""The ``dask`` runner: partitions on a Dask cluster, with a partition cache.

How a map goes
--------------
1. The table is cut, in order, into contiguous **partitions** of about equal character counts
   (:func:`~futoko_research.backends.partitions.plan_partitions`): at least four per worker and
   at most 250,000 characters each, unless a count is forced.
2. When the work has a partition cache (:attr:`PartitionWork.partition_cache`), each partition
   gets its key (:meth:`PartitionWork.partition_key`); partitions already in the cache are read
   back on the client and not sent.
3. The other partitions go to the workers. A worker runs the work's :meth:`~PartitionWork.setup`
   (e.g. loads GiNZA) **once**, through a worker plugin registered with
   ``Client.register_plugin`` — never pickled with a task, set up again when a worker restarts.
   Each partition runs inside :meth:`~PartitionWork.scope` (e.g. ``nlp.memory_zone()``); its
   result is written to the partition cache (atomic) and returned.
4. The results are combined in partition order — the table's order — by
   :meth:`~PartitionWork.combine`, so the result equals the serial runner's.

A worker that dies mid-run loses only the partition it was running: Dask reschedules that task
on another worker (each task carries its partition, so nothing is lost with the worker), and
partitions already written are not run again, on a rerun either. A partition that kills its
workers repeatedly (``KilledWorker``) raises :class:`DaskSetupError` naming it.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from futoko_research.backends.base import DEFAULT_ON, PartitionWork, Runner, rows_of, run_in_process
from futoko_research.backends.cluster import (
    DaskSetupError,
    check_workers,
    require_distributed,
    resolve_client,
)
from futoko_research.backends.partitions import PartitionCache, plan_partitions

log = logging.getLogger("futoko_research")

#: per worker process: partitions run / read from the partition cache (``client.run(worker_counts)``)
WORKER_COUNTS = {"run": 0, "cached": 0}


def worker_counts() -> dict[str, Any]:
    """This worker's partition counts and set-up works (``client.run(worker_counts)``)."""
    from futoko_research.backends.dask_plugin import SETUP_DONE

    return {**WORKER_COUNTS, "loaded": sorted(SETUP_DONE)}


def read_cached(work: PartitionWork, cache: PartitionCache, key: str) -> Any | None:
    """A partition's result from the cache (``work.load``), or ``None`` if absent or unreadable."""
    got = cache.read(key)
    if got is None:
        return None
    try:
        return work.load(*got)
    except Exception as exc:  # a foreign or outdated layout: run the partition again
        cache.discard(key, f"unreadable ({exc})")
        return None


def run_partition(work: PartitionWork, part: pd.DataFrame, *, part_key: str = "", cache_root: str | None = None,
                  aligned: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Any]:
    """The task run on a worker for one partition: a cache hit, or run + write.

    Returns
    -------
    dict
        ``result`` (the partition's result) and ``cached`` (bool: read from the cache).
    """
    cache = PartitionCache(cache_root) if cache_root else None
    if cache is not None:
        hit = read_cached(work, cache, part_key)
        if hit is not None:
            WORKER_COUNTS["cached"] += 1
            return {"result": hit, "cached": True}
    with work.scope():
        result = work.run(part, **dict(aligned or {}))
    if cache is not None:
        cache.write(part_key, *work.dump(result))
    WORKER_COUNTS["run"] += 1
    return {"result": result, "cached": False}


class DaskRunner(Runner):
    """Run a work's partitions on a Dask cluster (see the module notes).

    Parameters
    ----------
    client : a :class:`distributed.Client`, or a scheduler address; ``None`` uses ``scheduler``,
        or else starts a LocalCluster of ``workers`` single-threaded workers (for each
        :meth:`map`, or once for a ``with`` block).
    scheduler : address of a running scheduler (``tcp://host:8786``).
    workers : worker processes of the local cluster (default: one per core, at most one per
        2 GiB of memory).
    partitions : ``"auto"`` or a forced number of partitions (see ``plan_partitions``).
    partition_cache : use the work's partition cache (default True; it exists only when the
        work names a folder).

    Raises
    ------
    DaskSetupError
        (when mapping) Dask not installed, scheduler unreachable, a worker with more than one
        thread or less than 1.5 GiB of memory, or workers killed repeatedly on one partition.
    """

    name = "dask"

    def __init__(self, client: Any = None, *, scheduler: str | None = None, workers: int | None = None,
                 partitions: int | str = "auto", partition_cache: bool = True):
        if not (partitions == "auto" or (isinstance(partitions, int) and not isinstance(partitions, bool)
                                         and partitions >= 1)):
            raise ValueError(f"partitions must be 'auto' or a positive int, not {partitions!r}")
        self.client = client
        self.scheduler = scheduler
        self.workers = workers
        self.partitions = partitions
        self.partition_cache = partition_cache
        self._stack: contextlib.ExitStack | None = None
        self._client: Any = None

    def options(self) -> dict[str, Any]:
        client = self.client if self.client is None or isinstance(self.client, str) else "<Client>"
        return {"client": client, "scheduler": self.scheduler, "workers": self.workers,
                "partitions": self.partitions, "partition_cache": self.partition_cache}

    def __enter__(self):
        stack = contextlib.ExitStack()
        self._client = stack.enter_context(resolve_client(self.client, scheduler=self.scheduler,
                                                          workers=self.workers, check=False))
        self._stack = stack
        return self

    @property
    def active_client(self) -> Any:
        """The client open for this runner's ``with`` block (``None`` outside one)."""
        return self._client

    def close(self) -> None:
        if self._stack is not None:
            stack, self._stack, self._client = self._stack, None, None
            stack.close()

    @contextlib.contextmanager
    def _session(self) -> Iterator[Any]:
        if self._client is not None:
            yield self._client
            return
        with resolve_client(self.client, scheduler=self.scheduler, workers=self.workers, check=False) as c:
            yield c

    def map(self, work: PartitionWork, table: pd.DataFrame, *,
            aligned: Mapping[str, pd.DataFrame] | None = None, on: str = DEFAULT_ON,
            progress: bool = False) -> Any:
        if table.empty:
            return run_in_process(work, table, aligned=aligned)
        require_distributed()
        table = table.reset_index(drop=True)
        cache = None
        if self.partition_cache and work.partition_cache is not None:
            cache = PartitionCache(Path(work.partition_cache))
        with self._session() as client:
            n_workers = len(check_workers(client))
            parts = [table.iloc[s] for s in plan_partitions(table, n_workers=n_workers, partitions=self.partitions)]
            keys = [work.partition_key(p) for p in parts] if cache is not None else [""] * len(parts)
            results: list[dict | None] = [None] * len(parts)
            if cache is not None:
                for i, key in enumerate(keys):
                    hit = read_cached(work, cache, key)
                    if hit is not None:
                        results[i] = {"result": hit, "cached": True}
            n_cached = sum(r is not None for r in results)
            todo = [i for i, r in enumerate(results) if r is None]
            log.info("dask: %d rows in %d partitions on %d workers; %d cached, %d to run",
                     len(table), len(parts), n_workers, n_cached, len(todo))
            if todo:
                _run_on_cluster(client, work, parts, keys, todo, results, cache=cache, aligned=aligned, on=on,
                                progress=progress)
        stats = {"runner": "dask", "backend": "dask", "n_workers": n_workers, "n_partitions": len(parts),
                 "n_partitions_cached": n_cached,
                 "n_partitions_run": sum(1 for r in results if not r["cached"])}
        return work.combine([r["result"] for r in results], stats)


def _run_on_cluster(client, work: PartitionWork, parts, keys, todo, results, *, cache, aligned, on,
                    progress) -> None:
    distributed = require_distributed()
    if work.setup_name:
        from futoko_research.backends.dask_plugin import SetupPlugin

        client.register_plugin(SetupPlugin(work))
    run_id = uuid.uuid4().hex[:8]
    futures = {}
    for i in todo:
        part_aligned = {name: rows_of(t, parts[i], on) for name, t in (aligned or {}).items()}
        # each task carries its partition (no scatter): a task lost with its worker can be rerun
        fut = client.submit(
            run_partition, work, parts[i], part_key=keys[i],
            cache_root=None if cache is None else str(cache.root), aligned=part_aligned,
            key=f"futoko-{work.name}-{i:05d}-{keys[i][:12]}-{run_id}", pure=False,
        )
        futures[fut.key] = (i, fut)
    from tqdm.auto import tqdm

    bar = tqdm(total=sum(work.size(parts[i]) for i in todo), unit="char", unit_scale=True,
               desc=f"{work.name} (dask)", disable=not progress, leave=False)
    try:
        for fut in distributed.as_completed([f for _, f in futures.values()], loop=client.loop):
            i = futures[fut.key][0]
            try:
                results[i] = fut.result()
            except distributed.KilledWorker as exc:
                first = parts[i].iloc[0, 0]
                raise DaskSetupError(
                    f"Dask workers died repeatedly on partition {i} ({len(parts[i])} rows, first "
                    f"{first!r}): give each worker more memory ({exc})"
                ) from None
            bar.update(work.size(parts[i]))
    finally:
        bar.close()
        for _, fut in futures.values():
            fut.release()

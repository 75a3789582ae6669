"""The ``processes`` runner: partitions in forked worker processes on this machine."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

import pandas as pd

from futoko_research.backends.base import DEFAULT_ON, PartitionWork, Runner, rows_of, run_in_process
from futoko_research.backends.partitions import plan_partitions

log = logging.getLogger("futoko_research")

#: partitions per process when none are forced (small parts: little idle time at the end)
PARTITIONS_PER_PROCESS = 8


def can_fork() -> bool:
    """Whether this platform can fork worker processes (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_n_process() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run_part(work: PartitionWork, part: pd.DataFrame, aligned: dict[str, pd.DataFrame]) -> Any:
    return work.run(part, **aligned)


class ProcessRunner(Runner):
    """Run a work's partitions in ``n_process`` forked processes.

    The work's :meth:`~PartitionWork.setup` runs once here, before the fork, so what it loads
    (a GiNZA model) is shared copy-on-write by the workers; each worker runs whole partitions
    (contiguous slices of the table, ``8 × n_process`` of them unless ``partitions`` is given)
    and the results are combined in table order: the result equals the serial runner's.

    The work runs in this process instead when ``n_process`` is 1, the table has a single
    partition, the work says local processes do not pay off (``work.local_parallel``), or the
    platform cannot fork.

    Parameters
    ----------
    n_process : worker processes (default: the cores this process may use).
    partitions : ``"auto"``, an int, or ``None`` (default: ``8 × n_process``).
    """

    name = "processes"

    def __init__(self, n_process: int | None = None, *, partitions: int | str | None = None):
        n = default_n_process() if n_process is None else int(n_process)
        if n < 1:
            raise ValueError(f"n_process must be at least 1, not {n_process!r}")
        self.n_process = n
        self.partitions = partitions

    def options(self) -> dict[str, Any]:
        return {"n_process": self.n_process, "partitions": self.partitions}

    def map(self, work: PartitionWork, table: pd.DataFrame, *,
            aligned: Mapping[str, pd.DataFrame] | None = None, on: str = DEFAULT_ON,
            progress: bool = False) -> Any:
        n = self.n_process
        partitions = PARTITIONS_PER_PROCESS * n if self.partitions is None else self.partitions
        slices = plan_partitions(table, n_workers=n, partitions=partitions) if n > 1 else []
        if len(slices) < 2 or not work.local_parallel or not can_fork():
            return run_in_process(work, table, aligned=aligned, progress=progress)
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        work.setup()  # once, before forking
        parts = [table.iloc[s] for s in slices]
        from tqdm.auto import tqdm

        bar = tqdm(total=sum(work.size(p) for p in parts), unit="char", unit_scale=True,
                   desc=f"{work.name} ({n} processes)", disable=not progress, leave=False)
        results: list[Any] = [None] * len(parts)
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {
                    pool.submit(_run_part, work, part,
                                {name: rows_of(t, part, on) for name, t in (aligned or {}).items()}): k
                    for k, part in enumerate(parts)
                }
                for fut in as_completed(futures):
                    k = futures[fut]
                    results[k] = fut.result()
                    bar.update(work.size(parts[k]))
        finally:
            bar.close()
        return work.combine(results, {"runner": "processes", "n_process": n, "n_partitions": len(parts)})

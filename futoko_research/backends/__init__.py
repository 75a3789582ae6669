"""Where work runs: a registry of runners that map a unit of work over partitions of a table.

- :func:`get_runner` — a runner by name: ``"serial"`` (default; in this process),
  ``"processes"`` (forked processes on this machine), ``"dask"`` (a Dask cluster);
  :data:`runners` is the registry (``runners.register(name, cls)`` adds one).
- :class:`PartitionWork` — the unit of work a runner maps (``run``, ``combine``, ``setup`` …);
  :class:`Runner` — the runner interface (``map``).
- :func:`plan_partitions` — how a table is cut into partitions (the one planner);
  :func:`resolve_client` — how client options become a Dask client (the one resolver).

Only the pipeline and the CLI choose a runner; computations (``features.extract``,
``coding.code_statements`` …) take tables. Importing this package does not import Dask.
"""

from __future__ import annotations

from futoko_research.backends.base import PartitionWork, Runner, concat_results
from futoko_research.backends.cluster import (
    DaskSetupError,
    check_workers,
    get_client,
    open_client,
    resolve_client,
)
from futoko_research.backends.dask_runner import DaskRunner, worker_counts
from futoko_research.backends.partitions import PartitionCache, plan_partitions
from futoko_research.backends.processes import ProcessRunner
from futoko_research.backends.registry import RunnerRegistry, get_runner, runners
from futoko_research.backends.serial import SerialRunner

__all__ = [
    "DaskRunner",
    "DaskSetupError",
    "PartitionCache",
    "PartitionWork",
    "ProcessRunner",
    "Runner",
    "RunnerRegistry",
    "SerialRunner",
    "check_workers",
    "concat_results",
    "get_client",
    "open_client",
    "plan_partitions",
    "resolve_client",
    "get_runner",
    "runners",
    "worker_counts",
]

"""Deprecated: Dask clients and partition mapping moved to :mod:`futoko_research.backends` (issue 14).

Every name still imports from here for one release, with a :class:`DeprecationWarning`:

- ``DaskSetupError``, ``require_distributed``, ``check_workers``, ``connect``, ``get_client``,
  ``open_client``, ``default_n_workers`` and the constants → :mod:`futoko_research.backends.cluster`
- ``use_client(client, scheduler, workers)`` → ``backends.resolve_client(client, scheduler=, workers=)``
- ``map_statements(func, statements, tokens=, client=, …)`` → ``get_runner("dask", …).map(work, …)``
  with a :class:`~futoko_research.backends.PartitionWork`
- ``code_statements_dask(statements, codebook, tokens, client=, …)`` →
  ``coding.map_code_statements(statements, codebook, tokens, runner=get_runner("dask", …))``
"""

from __future__ import annotations

import importlib
from typing import Any

from futoko_research.backends.base import PartitionWork, concat_frames
from futoko_research.deprecation import warn_deprecated_message as warn_deprecated

_CLUSTER = ("DaskSetupError", "require_distributed", "check_workers", "connect", "get_client", "open_client",
            "default_n_workers", "MIN_WORKER_MEMORY", "CONNECT_TIMEOUT", "LOCAL_WORKER_MEMORY")


class _CallWork(PartitionWork):
    """``func(part, tokens=part_tokens, **kwargs)`` as a unit of work (for :func:`map_statements`)."""

    name = "map"

    def __init__(self, func, kwargs: dict):
        self.func = func
        self.kwargs = kwargs

    def run(self, part, *, progress: bool = False, tokens=None):
        return self.func(part, tokens=tokens, **self.kwargs)

    def combine(self, results, stats):
        return concat_frames(list(results))


def _use_client(client: Any = None, scheduler: str | None = None, workers: int | None = None):
    from futoko_research.backends.cluster import resolve_client

    return resolve_client(client, scheduler=scheduler, workers=workers)


def _map_statements(func, statements, *, tokens=None, client: Any = None, scheduler: str | None = None,
                    workers: int | None = None, partitions: int | str = "auto", **kwargs):
    from futoko_research.backends import get_runner

    runner = get_runner("dask", client=client, scheduler=scheduler, workers=workers, partitions=partitions)
    aligned = None if tokens is None else {"tokens": tokens}
    return runner.map(_CallWork(func, kwargs), statements.reset_index(drop=True), aligned=aligned)


def _code_statements_dask(statements, codebook=None, tokens=None, *, client: Any = None,
                          scheduler: str | None = None, workers: int | None = None,
                          partitions: int | str = "auto"):
    from futoko_research.backends import get_runner
    from futoko_research.coding.rules import map_code_statements

    runner = get_runner("dask", client=client, scheduler=scheduler, workers=workers, partitions=partitions)
    return map_code_statements(statements, codebook, tokens, runner=runner)


_WRAPPERS = {"use_client": _use_client, "map_statements": _map_statements,
             "code_statements_dask": _code_statements_dask}
_NEW_NAMES = {"use_client": "futoko_research.backends.resolve_client",
              "map_statements": "futoko_research.backends.get_runner('dask', ...).map",
              "code_statements_dask": "futoko_research.coding.map_code_statements(..., runner=get_runner('dask', ...))"}


def __getattr__(name: str):
    if name in _CLUSTER:
        warn_deprecated(f"futoko_research.dask_utils.{name} moved to futoko_research.backends.cluster.{name}")
        return getattr(importlib.import_module("futoko_research.backends.cluster"), name)
    if name in _WRAPPERS:
        warn_deprecated(f"futoko_research.dask_utils.{name} is deprecated; use {_NEW_NAMES[name]}")
        return _WRAPPERS[name]
    raise AttributeError(f"module 'futoko_research.dask_utils' has no attribute {name!r}")

"""Dask clients with the guard rails GiNZA needs (used by the ``dask`` runner).

Nothing here imports Dask at module import time: ``dask[distributed]`` is the optional extra
``futoko-research[dask]``, needed only when the ``dask`` runner is used.

Guard rails (each a :class:`DaskSetupError`, one line, CLI exit status 2)

- **One thread per worker.** GiNZA's SudachiPy tokenizer is not thread-safe: two threads of one
  worker parsing at once fail with ``RuntimeError: Already borrowed``. Workers with more than one
  thread are refused (start them with ``--nthreads 1``; scale with more worker processes).
- **At least** :data:`MIN_WORKER_MEMORY` **per worker.** Loading ja_ginza takes about 430 MB and
  parsing peaks near 840 MB (pitfall 8); with a lower memory limit the nanny kills workers while
  they load the model, and the run loops on restarts.
- **A scheduler that cannot be reached** gives one line naming the address after
  :data:`CONNECT_TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from typing import Any

from futoko_research.errors import FutokoError

log = logging.getLogger("futoko_research")

#: smallest worker memory limit accepted (bytes): 1.5 GiB
MIN_WORKER_MEMORY = int(1.5 * 2**30)
#: seconds to wait for a scheduler before giving up (env FUTOKO_DASK_CONNECT_TIMEOUT overrides)
CONNECT_TIMEOUT = 10.0
#: memory a worker of a LocalCluster should have for the full pipeline (used to pick N)
LOCAL_WORKER_MEMORY = 2 * 2**30


class DaskSetupError(FutokoError):
    """The Dask cluster cannot be used (missing extra, unreachable scheduler, unsafe workers)."""


def require_distributed():
    """Import ``distributed`` or raise a :class:`DaskSetupError` naming the extra to install."""
    if not log.isEnabledFor(logging.DEBUG):
        # dask configures its loggers when distributed is first imported (also in workers,
        # which inherit the environment): keep its INFO chatter out of the user's terminal
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    try:
        import distributed
    except ImportError:
        raise DaskSetupError(
            "the dask runner needs Dask distributed; run: pip install 'futoko-research[dask]'"
        ) from None
    return distributed


def _fmt_bytes(n: float) -> str:
    return f"{n / 2**30:.2f} GiB"


def check_workers(client: Any, *, min_memory: int = MIN_WORKER_MEMORY) -> dict[str, dict]:
    """Refuse a cluster whose workers are unsafe for GiNZA; return the workers' info.

    Parameters
    ----------
    client : distributed.Client
    min_memory : smallest accepted worker memory limit in bytes (``0`` = no limit is accepted).

    Returns
    -------
    dict
        worker address → ``{"nthreads": int, "memory_limit": int}``.

    Raises
    ------
    DaskSetupError
        no workers, a worker with more than one thread, or a memory limit under ``min_memory``.
    """
    info = client.scheduler_info(n_workers=-1) if _accepts_n_workers(client) else client.scheduler_info()
    workers = info.get("workers", {})
    if not workers:
        raise DaskSetupError(f"the Dask cluster at {client.scheduler.address} has no workers")
    out = {}
    for addr, w in sorted(workers.items()):
        nthreads = int(w.get("nthreads", 1))
        mem = int(w.get("memory_limit") or 0)
        if nthreads > 1:
            raise DaskSetupError(
                f"Dask worker {addr} has {nthreads} threads; GiNZA's tokenizer is not thread-safe "
                "('Already borrowed'): start workers with one thread each (--nthreads 1, "
                "threads_per_worker=1) and scale with more worker processes"
            )
        if mem and mem < min_memory:
            raise DaskSetupError(
                f"Dask worker {addr} has a memory limit of {_fmt_bytes(mem)}; GiNZA needs at least "
                f"{_fmt_bytes(min_memory)} per worker (workers are killed while loading the model): "
                "give each worker more memory (--memory-limit) or start fewer workers"
            )
        out[addr] = {"nthreads": nthreads, "memory_limit": mem}
    return out


def _accepts_n_workers(client: Any) -> bool:
    import inspect

    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return False


def _quiet_dask_logs(stack: contextlib.ExitStack) -> None:
    """Dask's INFO lines (scheduler / nanny start and stop) only when we log at DEBUG."""
    if log.isEnabledFor(logging.DEBUG):
        return
    dlog = logging.getLogger("distributed")
    old = dlog.level
    if old == logging.NOTSET or old < logging.WARNING:
        dlog.setLevel(logging.WARNING)
        stack.callback(dlog.setLevel, old)


def default_n_workers() -> int:
    """Worker processes of a local cluster: one per core, at most one per 2 GiB of memory."""
    n_cpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        import psutil

        n_mem = int(psutil.virtual_memory().total // LOCAL_WORKER_MEMORY)
    except ImportError:  # pragma: no cover - psutil comes with distributed
        n_mem = n_cpu
    return max(1, min(n_cpu, n_mem))


def connect(address: str, *, timeout: float | None = None):
    """A :class:`distributed.Client` connected to the scheduler at ``address``.

    An unreachable address raises :class:`DaskSetupError` with one line naming it.
    """
    distributed = require_distributed()
    if timeout is None:
        timeout = float(os.environ.get("FUTOKO_DASK_CONNECT_TIMEOUT", CONNECT_TIMEOUT))
    try:
        from distributed.comm.addressing import parse_address
        from distributed.comm.registry import get_backend

        get_backend(parse_address(address)[0])
    except (ValueError, TypeError) as exc:
        raise DaskSetupError(f"{address!r} is not a Dask scheduler address ({exc})") from None
    try:
        return distributed.Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if len(why) > 160:
            why = why[:157] + "..."
        raise DaskSetupError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({why})"
        ) from None


def open_client(scheduler: str | None = None, workers: int | None = None, **kwargs):
    """Like :func:`get_client` but returns the client; ``client.close()`` also stops its local cluster.

    For callers that cannot use a ``with`` block (a CLI handler that hands the client on).
    Unreachable scheduler and unsafe workers raise :class:`DaskSetupError` as in :func:`get_client`.
    """
    stack = contextlib.ExitStack()
    client = stack.enter_context(get_client(scheduler, workers, **kwargs))
    close = client.close

    def close_all(*args, **kw):
        try:
            return close(*args, **kw)
        finally:
            stack.close()

    client.close = close_all
    return client


@contextlib.contextmanager
def get_client(
    scheduler: str | None = None,
    workers: int | None = None,
    *,
    memory_limit: str | int = "auto",
    threads_per_worker: int = 1,
    timeout: float | None = None,
    check: bool = True,
) -> Iterator[Any]:
    """A Dask client for the ``dask`` runner, closed (with its local cluster) on exit.

    Parameters
    ----------
    scheduler : address of a running scheduler (``tcp://host:8786``); ``None`` starts a
        :class:`distributed.LocalCluster` on this machine.
    workers : worker processes of the local cluster (default :func:`default_n_workers`);
        ignored with ``scheduler``.
    memory_limit : memory limit per local worker (``"auto"`` = total memory / workers).
    threads_per_worker : threads per local worker; anything but 1 is refused (see module notes).
    timeout : seconds to wait for ``scheduler`` (default :data:`CONNECT_TIMEOUT`).
    check : run :func:`check_workers` on the cluster before yielding.

    Yields
    ------
    distributed.Client

    Examples
    --------
    >>> with get_client(workers=2) as client:          # doctest: +SKIP
    ...     feats = extract(statements, runner=get_runner("dask", client=client))
    """
    if threads_per_worker != 1:
        raise DaskSetupError(
            f"threads_per_worker={threads_per_worker}: GiNZA's tokenizer is not thread-safe "
            "('Already borrowed'); use one thread per worker and more workers"
        )
    if scheduler and workers:
        log.warning("dask: --workers %d is ignored with --scheduler %s", workers, scheduler)
    with contextlib.ExitStack() as stack:
        _quiet_dask_logs(stack)
        if scheduler:
            client = connect(scheduler, timeout=timeout)
            stack.callback(client.close)
        else:
            distributed = require_distributed()
            n = int(workers) if workers else default_n_workers()
            if n < 1:
                raise DaskSetupError(f"--workers must be at least 1, not {n}")
            log.info("dask: starting a local cluster of %d single-threaded workers", n)
            cluster = distributed.LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            stack.callback(cluster.close)
            client = distributed.Client(cluster, set_as_default=False)
            stack.callback(client.close)
        if check:
            check_workers(client)
        yield client


@contextlib.contextmanager
def resolve_client(
    client: Any = None, *, scheduler: str | None = None, workers: int | None = None, check: bool = True,
) -> Iterator[Any]:
    """The client to use — the one place that turns client options into a client.

    Parameters
    ----------
    client : a :class:`distributed.Client` (used as it is, never closed here), a scheduler
        address, or ``None`` (then ``scheduler``, else a local cluster of ``workers``).
    scheduler, workers : see :func:`get_client`.
    check : run :func:`check_workers` on the cluster before yielding.

    Yields
    ------
    distributed.Client
        closed on exit (with its local cluster) when it was made here.
    """
    if client is not None and not isinstance(client, str):
        if check:
            check_workers(client)
        yield client
        return
    with get_client(client if isinstance(client, str) else scheduler, workers, check=check) as c:
        yield c

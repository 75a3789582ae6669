"""Where the pipeline's work runs: execution options opened and turned into a runner.

Only the pipeline and the CLI choose a runner; the computations take the one they are given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from futoko_research.backends import Runner, get_client, get_runner
from futoko_research.pipeline.options import ExecutionOptions

__all__ = ["open_execution", "runner_for"]


@contextlib.contextmanager
def open_execution(execution: ExecutionOptions | None = None) -> Iterator[ExecutionOptions]:
    """``execution`` with what it needs opened: a checked Dask client for ``dask`` (closed on exit)."""
    execution = execution or ExecutionOptions()
    if execution.backend == "serial" or execution.client is not None:
        yield execution
        return
    with get_client(execution.scheduler, execution.workers) as client:
        yield replace(execution, client=client)


def runner_for(execution: ExecutionOptions | None) -> Runner:
    """The runner that carries out ``execution``: the one place where execution options become a runner.

    ``dask`` → :class:`~futoko_research.backends.DaskRunner` on ``execution.client`` (opened by
    :func:`open_execution`, or from ``scheduler`` / ``workers``); ``n_process`` > 1 → the
    ``processes`` runner; otherwise ``serial``. The computations take the runner
    (``features.extract(..., runner=)``, ``coding.map_code_statements(..., runner=)``) and never
    choose one themselves.
    """
    execution = execution or ExecutionOptions()
    if execution.backend == "dask":
        return get_runner("dask", client=execution.client, scheduler=execution.scheduler,
                          workers=execution.workers, partitions=execution.partitions)
    if execution.n_process != 1:
        return get_runner("processes", n_process=execution.n_process)
    return get_runner("serial")

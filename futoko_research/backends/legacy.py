"""The execution options of the old API (``backend=``, ``client=``, ``n_process=`` …) as a runner.

Computations took ``backend``, ``client``, ``n_process``, ``scheduler``, ``workers`` and
``partitions`` until they took a runner. Those keywords remain for one release as thin
deprecated aliases: :func:`runner_from_options` turns them into the runner they meant and
warns (:class:`DeprecationWarning`).
"""

from __future__ import annotations

import logging
from typing import Any

from futoko_research.backends.base import Runner
from futoko_research.backends.registry import get_runner
from futoko_research.deprecation import warn_deprecated_message as warn_deprecated

log = logging.getLogger("futoko_research")

#: the deprecated execution keywords
LEGACY_OPTIONS = ("backend", "client", "n_process", "scheduler", "workers", "partitions")


def runner_from_options(
    caller: str, *, backend: str | None = None, client: Any = None, n_process: int | None = None,
    scheduler: str | None = None, workers: int | None = None, partitions: int | str | None = None,
    stacklevel: int = 3,
) -> Runner | None:
    """The runner the deprecated execution options ask for; ``None`` when none is given.

    ``backend="dask"`` → ``get_runner("dask", client=, scheduler=, workers=, partitions=)``;
    ``backend="serial"`` (or none) with ``n_process > 1`` → ``get_runner("processes",
    n_process=)``; otherwise ``get_runner("serial")``. ``caller`` names the function in the
    warning; ``stacklevel`` points the warning at its caller's caller.

    Raises
    ------
    ValueError
        a backend other than ``serial`` or ``dask``.
    TypeError
        ``scheduler`` or ``workers`` with the serial backend.
    """
    given = {"backend": backend, "client": client, "n_process": n_process, "scheduler": scheduler,
             "workers": workers, "partitions": partitions}
    given = {k: v for k, v in given.items() if v is not None}
    if not given:
        return None
    warn_deprecated(f"{caller}({', '.join(f'{k}=' for k in given)}) is deprecated and will be removed "
                    "in the next release; pass runner=futoko_research.backends.get_runner(...)",
                    stacklevel=stacklevel)
    backend = "serial" if backend is None else backend
    if backend == "dask":
        if n_process is not None and n_process > 1:
            log.info("dask: n_process=%d ignored (one process per worker)", n_process)
        return get_runner("dask", client=client, scheduler=scheduler, workers=workers,
                          partitions="auto" if partitions is None else partitions)
    if backend != "serial":
        raise ValueError(f"backend must be 'serial' or 'dask', not {backend!r}")
    other = sorted(k for k in ("scheduler", "workers") if k in given)
    if other:
        raise TypeError(f"{caller}() got options for another backend: {', '.join(other)}")
    if n_process is not None and n_process > 1:
        return get_runner("processes", n_process=n_process)
    return get_runner("serial")

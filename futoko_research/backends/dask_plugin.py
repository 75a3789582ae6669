"""The worker plugin of the ``dask`` runner (imports ``distributed``: only the runner imports it)."""

from __future__ import annotations

import logging
import os

from distributed import WorkerPlugin

from futoko_research.backends.base import PartitionWork

log = logging.getLogger("futoko_research")

#: per worker process: the ``setup_name`` of every work set up by the plugin
SETUP_DONE: set[str] = set()


class SetupPlugin(WorkerPlugin):
    """Run a work's :meth:`~PartitionWork.setup` once in each worker process.

    ``setup`` runs on every worker present when the plugin is registered and on every worker
    that joins later — including a worker restarted after a crash — so a model is loaded once
    per worker, never pickled and never loaded per task. One plugin per ``work.setup_name``:
    registering it again (every map) is a no-op.
    """

    idempotent = True

    def __init__(self, work: PartitionWork):
        self.work = work
        self.name = f"futoko-setup-{work.setup_name}"

    def setup(self, worker=None) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        self.work.setup()
        SETUP_DONE.add(str(self.work.setup_name))
        log.debug("dask worker %s: set up %s", getattr(worker, "address", "?"), self.work.setup_name)

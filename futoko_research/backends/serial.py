"""The ``serial`` runner: the whole table as one partition, in this process."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from futoko_research.backends.base import DEFAULT_ON, PartitionWork, Runner, run_in_process


class SerialRunner(Runner):
    """Run the work once, on the whole table, in the calling process (the default runner).

    Nothing is partitioned, forked or set up in advance: ``work.run(table, progress=progress)``
    (with the aligned tables whole), then ``work.combine([result], {})``.
    """

    name = "serial"

    def map(self, work: PartitionWork, table: pd.DataFrame, *,
            aligned: Mapping[str, pd.DataFrame] | None = None, on: str = DEFAULT_ON,
            progress: bool = False) -> Any:
        return run_in_process(work, table, aligned=aligned, progress=progress)

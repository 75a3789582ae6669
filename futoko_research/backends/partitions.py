"""Partitions of a table: how they are cut (:func:`plan_partitions`) and cached (:class:`PartitionCache`)."""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

log = logging.getLogger("futoko_research")

#: upper bound of characters in a partition (auto mode)
MAX_PARTITION_CHARS = 250_000
#: at least this many partitions per worker (load balance; a lost worker costs little)
PARTITIONS_PER_WORKER = 4
#: the file written last into a cached partition: its info, and the commit marker
DONE_FILE = "done.json"


def plan_partitions(
    table: pd.DataFrame, *, n_workers: int = 1, partitions: int | str = "auto", column: str = "text",
) -> list[slice]:
    """Cut a table, in order, into contiguous partitions of about equal characters.

    Parameters
    ----------
    table : frame with a text column (``column``).
    n_workers : workers that will run the partitions.
    partitions : ``"auto"`` — ``max(ceil(chars / MAX_PARTITION_CHARS),
        PARTITIONS_PER_WORKER × n_workers)`` partitions, i.e. 100k–250k characters each on a
        corpus large enough for it, and never fewer than 4 per worker; or an int to force the
        count. Never more partitions than rows.
    column : the column whose string lengths are balanced (``text``).

    Returns
    -------
    list of slice
        row positions of each partition (non-empty, in order, covering every row once).

    Notes
    -----
    A row is never split across partitions: a very long statement stays whole, and the work
    itself decides how to handle it (features chunk it exactly as the serial path does, so
    token, sentence and bunsetu numbers are the serial path's).
    """
    n_rows = len(table)
    if n_rows == 0:
        return []
    lengths = table[column].astype(str).str.len().to_numpy(dtype="int64", na_value=0)
    total = int(lengths.sum())
    if partitions == "auto":
        n = max(math.ceil(total / MAX_PARTITION_CHARS), PARTITIONS_PER_WORKER * max(1, int(n_workers)))
    elif isinstance(partitions, int) and not isinstance(partitions, bool) and partitions >= 1:
        n = partitions
    else:
        raise ValueError(f"partitions must be 'auto' or a positive int, not {partitions!r}")
    n = min(n, n_rows)
    # boundaries one by one: each partition aims at an equal share of the characters left, and
    # leaves at least one row for every partition still to come (so exactly n partitions)
    edges = [0, *lengths.cumsum().tolist()]  # edges[i] = characters before row i
    bounds = [0]
    for k in range(n - 1):
        start = bounds[-1]
        left = n - k
        target = edges[start] + (total - edges[start]) / left
        pos = start + 1
        while pos < n_rows and edges[pos] < target:
            pos += 1
        if pos - 1 > start and target - edges[pos - 1] < edges[pos] - target:
            pos -= 1  # the boundary nearer the target
        bounds.append(min(pos, n_rows - (left - 1)))
    bounds.append(n_rows)
    return [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]


class PartitionCache:
    """Partition results stored as parquet tables, one folder per partition key.

    Layout: ``<root>/<key>/<table>.parquet`` and ``<root>/<key>/done.json`` (the info, written
    last). A partition is written into a temporary folder renamed into place (atomic), so a
    reader sees it whole or not at all; a folder without ``done.json`` is never read.

    Parameters
    ----------
    root : the cache folder (created on the first write).
    """

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / key

    def read(self, key: str) -> tuple[dict[str, pd.DataFrame], dict[str, Any]] | None:
        """The tables and info of partition ``key``, or ``None`` if absent or unreadable."""
        pdir = self.path(key)
        done = pdir / DONE_FILE
        if not done.is_file():
            return None
        try:
            info = json.loads(done.read_text(encoding="utf-8"))
            tables = {p.stem: pd.read_parquet(p) for p in sorted(pdir.glob("*.parquet"))}
        except Exception as exc:  # truncated / foreign file: run the partition again
            self.discard(key, f"unreadable ({exc})")
            return None
        return tables, info

    def write(self, key: str, tables: Mapping[str, pd.DataFrame], info: Mapping[str, Any]) -> Path:
        """Write a partition's tables atomically (temporary folder renamed to ``root/key``).

        If another worker wrote the same key first, its copy (identical content) is kept.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        final = self.path(key)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root))
        try:
            for name, frame in tables.items():
                frame = frame.copy()
                frame.attrs = {}
                frame.to_parquet(tmp / f"{name}.parquet", index=False, engine="pyarrow")
            (tmp / DONE_FILE).write_text(json.dumps(dict(info), ensure_ascii=False, default=str),
                                         encoding="utf-8")
            try:
                os.replace(tmp, final)
            except OSError:
                if not (final / DONE_FILE).is_file():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return final

    def discard(self, key: str, why: str) -> None:
        """Remove a cached partition (it is then run again)."""
        log.warning("cached partition %s %s; running it again", self.path(key), why)
        shutil.rmtree(self.path(key), ignore_errors=True)

"""Runners (serial, processes, dask): the registry, partition planning, the partition cache, and
the generic map contract on a toy unit of work (no GiNZA, no Dask)."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from futoko_research.backends import (
    PartitionCache,
    PartitionWork,
    ProcessRunner,
    Runner,
    SerialRunner,
    get_runner,
    plan_partitions,
    runners,
)
from futoko_research.backends.processes import can_fork
from futoko_research.errors import FutokoError

TABLE = pd.DataFrame({
    "statement_id": [f"s{i:02d}" for i in range(20)],
    "text": ["あ" * (1 + (i * 7) % 13) for i in range(20)],
}).astype("string")
TOKENS = pd.DataFrame({"statement_id": TABLE["statement_id"].repeat(2).to_numpy(), "n": range(40)})


class CountChars(PartitionWork):
    """Per row: its characters, its tokens' count and the process that ran it."""

    name = "count"

    def __init__(self, local_parallel: bool = True):
        self.local_parallel = local_parallel
        self.set_up = False

    def setup(self) -> None:
        self.set_up = True

    def run(self, part, *, progress=False, tokens=None):
        n_tok = (tokens.groupby("statement_id").size().reindex(part["statement_id"], fill_value=0).to_numpy()
                 if tokens is not None else 0)
        return pd.DataFrame({"statement_id": part["statement_id"].to_numpy(),
                             "n_chars": part["text"].str.len().to_numpy(), "n_tokens": n_tok,
                             "pid": os.getpid(), "set_up": self.set_up})


def test_get_runner_by_name_and_unknown_names_listed():
    assert isinstance(get_runner(), SerialRunner)
    assert isinstance(get_runner("processes", n_process=2), ProcessRunner)
    assert get_runner("dask", workers=2, partitions=3).options()["partitions"] == 3
    with pytest.raises(FutokoError, match=r"unknown runner 'nope'; runners are: dask, processes, serial"):
        get_runner("nope")
    with pytest.raises(TypeError, match="runner 'serial'"):
        get_runner("serial", workers=2)
    with pytest.raises(ValueError, match="partitions"):
        get_runner("dask", partitions=0)


def test_registering_a_runner():
    class Reversed(Runner):
        name = "reversed"

        def map(self, work, table, *, aligned=None, on="statement_id", progress=False):
            parts = [table.iloc[s] for s in plan_partitions(table, partitions=2)]
            return work.combine([work.run(p) for p in parts], {})

    runners.register("reversed", Reversed)
    try:
        got = get_runner("reversed").map(CountChars(), TABLE)
        assert got["statement_id"].tolist() == TABLE["statement_id"].tolist()
        assert "reversed" in runners.names()
    finally:
        runners._runners.pop("reversed")


@pytest.mark.parametrize("runner", ["serial", "processes"])
def test_runners_give_the_serial_table_with_aligned_rows(runner):
    expected = CountChars().run(TABLE, tokens=TOKENS).drop(columns=["pid", "set_up"])
    got = get_runner(runner, **({"n_process": 2} if runner == "processes" else {})).map(
        CountChars(), TABLE, aligned={"tokens": TOKENS})
    pd.testing.assert_frame_equal(got.drop(columns=["pid", "set_up"]), expected)
    assert (got["n_tokens"] == 2).all()
    if runner == "processes" and can_fork():
        assert os.getpid() not in set(got["pid"])  # ran in the workers …
        assert got["set_up"].all()  # … after setup() ran once before the fork


def test_processes_runner_runs_here_when_forking_does_not_pay_off():
    got = ProcessRunner(2).map(CountChars(local_parallel=False), TABLE)
    assert set(got["pid"]) == {os.getpid()} and not got["set_up"].any()
    one = ProcessRunner(1).map(CountChars(), TABLE)
    assert set(one["pid"]) == {os.getpid()}


def test_plan_partitions_forced_count_and_empty_table():
    slices = plan_partitions(TABLE, partitions=5)
    assert len(slices) == 5 and [i for s in slices for i in range(20)[s]] == list(range(20))
    assert plan_partitions(TABLE.head(0)) == []


def test_partition_cache_round_trip_and_unreadable_partition(tmp_path):
    cache = PartitionCache(tmp_path / "parts")
    assert cache.read("k1") is None
    tables = {"a": TABLE.head(3), "b": TOKENS.head(2)}
    cache.write("k1", tables, {"stats": {"n": 3}})
    got, info = cache.read("k1")
    assert info == {"stats": {"n": 3}}
    pd.testing.assert_frame_equal(got["a"], TABLE.head(3))
    cache.write("k1", tables, {"stats": {"n": 3}})  # written twice: the first copy is kept
    (tmp_path / "parts" / "k1" / "a.parquet").write_bytes(b"not parquet")
    assert cache.read("k1") is None
    assert not (tmp_path / "parts" / "k1").exists()

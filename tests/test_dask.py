"""The dask runner: same tables as the serial path, partition cache, lost workers, guard rails.

Data: the real sample's statements plus statements generated here (labelled synthetic in their
ids and case ids), including one long statement that the serial path splits into chunks.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")

from futoko_research.backends import get_runner, plan_partitions, worker_counts  # noqa: E402
from futoko_research.backends.cluster import DaskSetupError, check_workers, get_client  # noqa: E402
from futoko_research.features import extract  # noqa: E402
from futoko_research.features.chunking import split_text  # noqa: E402
from futoko_research.features.work import partition_key  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SORT_KEYS = {
    "tokens": ["statement_id", "token_idx"],
    "phrases": ["statement_id", "kind", "start_token", "end_token"],
    "entities": ["statement_id", "start_char", "end_char", "label"],
}

# fragments for generated (synthetic) statements; the sentences are new to the test suite
_PLACES = ["釧路市", "北見市", "網走町", "帯広市", "稚内市", "室蘭市"]
_WHO = ["スクールソーシャルワーカー", "教育支援センターの指導員", "担任教諭", "養護教諭", "地域の民生委員"]
_DID = [
    "家庭訪問を月二回実施し、保護者と登校の見通しを話し合った",
    "オンラインでの学習支援を始め、ＩＣＴ端末を貸与した",
    "フリースクールと連携して体験活動の場を設けた",
    "校内の別室で個別の学習計画を立てて取り組んだ",
    "関係機関とのケース会議を開き、支援の役割を分担した",
]
_THEN = [
    "その結果、欠席日数が減少した。",
    "生徒は少しずつ学校行事に参加できるようになった。",
    "保護者の不安が軽減されたとの声が寄せられた。",
    "進路について本人が考える機会が増えた。",
]


def synthetic_statements(n: int, *, seed: int = 8) -> pd.DataFrame:
    """Generated statements (synthetic) in the loader's shape: statement_id, case_id, text."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = "".join(
            f"{rng.choice(_PLACES)}では、{rng.choice(_WHO)}が{rng.choice(_DID)}。{rng.choice(_THEN)}"
            for _ in range(rng.randint(1, 3))
        )
        rows.append((f"synthetic_dask_{i // 3:03d}_s{i:03d}", f"synthetic_dask_{i // 3:03d}", text))
    # one long statement: more than the 16,000-byte chunk budget, split by the serial path
    long_text = "".join(f"{_PLACES[j % 6]}の{_WHO[j % 5]}は{_DID[j % 5]}。{_THEN[j % 4]}" for j in range(110))
    rows.append(("synthetic_dask_long_s000", "synthetic_dask_long", long_text))
    return pd.DataFrame(rows, columns=["statement_id", "case_id", "text"]).astype("string")


@pytest.fixture(scope="module")
def corpus(sample_statements) -> pd.DataFrame:
    gen = synthetic_statements(45)
    return pd.concat([sample_statements[["statement_id", "case_id", "text"]], gen], ignore_index=True)


@pytest.fixture(scope="module")
def client():
    with get_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def dask_cache(tmp_path_factory) -> Path:
    """One partition cache for the fast-profile runs of this module (saves re-parsing)."""
    return tmp_path_factory.mktemp("dask_cache")


@pytest.fixture(scope="module")
def serial_fast(corpus):
    return extract(corpus, profile="fast", cache_dir=False, progress=False)


def _sorted(df: pd.DataFrame, name: str) -> pd.DataFrame:
    return df.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)


def assert_same_tables(expected, got) -> None:
    for name in ("tokens", "phrases", "entities"):
        # same rows and dtypes after sorting by ids …
        pd.testing.assert_frame_equal(_sorted(expected[name], name), _sorted(got[name], name))
        # … and already in the serial path's order
        pd.testing.assert_frame_equal(expected[name], got[name])


def _n_parsed(client) -> int:
    return sum(c["run"] for c in client.run(worker_counts, on_error="ignore").values())


def extract_dask(statements, *, client, partitions="auto", **kwargs):
    """features.extract through the dask runner (what ``extract_dask`` was)."""
    return extract(statements, runner=get_runner("dask", client=client, partitions=partitions), **kwargs)


def _partition_files(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (cache / "partitions").rglob("*.parquet")}


# --------------------------------------------------------------------------- planning


def test_corpus_has_a_statement_the_serial_path_chunks(corpus):
    long_text = corpus.loc[corpus["statement_id"] == "synthetic_dask_long_s000", "text"].iloc[0]
    assert len(split_text(long_text)) >= 2


@pytest.mark.parametrize("n_workers, partitions", [(1, "auto"), (2, "auto"), (3, "auto"), (2, 5), (2, 1)])
def test_plan_partitions_covers_every_row_once_in_order(corpus, n_workers, partitions):
    slices = plan_partitions(corpus, n_workers=n_workers, partitions=partitions)
    rows = [i for s in slices for i in range(len(corpus))[s]]
    assert rows == list(range(len(corpus)))
    expected = partitions if isinstance(partitions, int) else 4 * n_workers
    assert len(slices) == expected
    sizes = [int(corpus["text"].iloc[s].str.len().sum()) for s in slices]
    longest = int(corpus["text"].str.len().max())
    assert max(sizes) <= sum(sizes) / len(sizes) + longest


def test_plan_partitions_auto_bounds_partition_size():
    text = "不登校の児童への支援を行った。" * 200  # 3,000 characters
    big = pd.DataFrame({"statement_id": [f"s{i}" for i in range(1000)], "case_id": "c", "text": text})
    slices = plan_partitions(big, n_workers=2, partitions="auto")
    sizes = [int(big["text"].iloc[s].str.len().sum()) for s in slices]
    assert len(slices) == 12  # 3,000,000 / 250,000
    assert all(100_000 <= s <= 250_000 + 3000 for s in sizes)  # whole statements: ± one
    assert len(plan_partitions(big.head(3), n_workers=2)) == 3  # never more than statements
    with pytest.raises(ValueError, match="partitions"):
        plan_partitions(big, partitions=0)


def test_partition_key_changes_with_text_ids_and_metadata(corpus):
    part = corpus.head(5)
    key = partition_key(part, "m" * 64)
    assert len(key) == 64 and key == partition_key(part.copy(), "m" * 64)
    edited = part.copy()
    edited.loc[edited.index[2], "text"] = edited["text"].iloc[2] + "。"
    renamed = part.copy()
    renamed.loc[renamed.index[0], "statement_id"] = "other"
    assert len({key, partition_key(edited, "m" * 64), partition_key(renamed, "m" * 64),
                partition_key(part, "n" * 64)}) == 4


# --------------------------------------------------------------------------- equality


@pytest.mark.parametrize("profile", ["lexical", "fast"])
def test_dask_equals_serial(client, corpus, serial_fast, dask_cache, profile):
    expected = serial_fast if profile == "fast" else extract(corpus, profile=profile, cache_dir=False, progress=False)
    got = extract(corpus, profile=profile, runner=get_runner("dask", client=client), cache_dir=dask_cache,
                  progress=False)
    assert got.info["stats"]["n_partitions"] == 8
    assert got.info["stats"]["n_partitions_run"] == 8
    assert len(got.tokens) > 1000
    assert_same_tables(expected, got)


@pytest.mark.slow
def test_dask_equals_serial_full_profile(client, corpus, tmp_path):
    small = corpus.iloc[list(range(0, len(corpus) - 1, 6))]  # every 6th short statement
    expected = extract(small, profile="full", cache_dir=False, progress=False)
    got = extract(small, profile="full", runner=get_runner("dask", client=client, partitions=3), cache_dir=False,
                  progress=False)
    assert len(got.entities) > 0
    assert_same_tables(expected, got)


def test_code_statements_dask_equals_serial(client, corpus, serial_fast):
    from futoko_research.coding import code_statements
    from futoko_research.coding.rules import map_code_statements

    statements = corpus.assign(section="activity")
    expected = code_statements(statements)
    got = map_code_statements(statements, runner=get_runner("dask", client=client, partitions=5))
    assert len(expected) > 20
    pd.testing.assert_frame_equal(expected, got)
    # with a tokens table: each partition gets its statements' tokens
    with_tokens = map_code_statements(statements, tokens=serial_fast.tokens, runner=get_runner("dask", client=client))
    pd.testing.assert_frame_equal(code_statements(statements, tokens=serial_fast.tokens), with_tokens)


def test_deprecated_dask_utils_names_still_work(client, corpus, serial_fast):
    """dask_utils.code_statements_dask / map_statements / get_client: deprecated aliases of the runner."""
    from futoko_research import dask_utils
    from futoko_research.coding import code_statements, load_codebook

    statements = corpus.assign(section="activity")
    with pytest.warns(DeprecationWarning, match="map_code_statements"):
        code_statements_dask = dask_utils.code_statements_dask
    got = code_statements_dask(statements, tokens=serial_fast.tokens, client=client, partitions=3)
    pd.testing.assert_frame_equal(code_statements(statements, tokens=serial_fast.tokens), got)
    with pytest.warns(DeprecationWarning, match="map_statements is deprecated"):
        map_statements = dask_utils.map_statements
    codebook = load_codebook()
    mapped = map_statements(code_statements, statements, client=client, partitions=4, codebook=codebook)
    pd.testing.assert_frame_equal(code_statements(statements, codebook), mapped)
    with pytest.warns(DeprecationWarning, match="moved to futoko_research.backends.cluster.get_client"):
        assert dask_utils.get_client is get_client


def test_deprecated_backend_dask_alias_equals_serial(client, corpus, serial_fast):
    """extract(backend="dask", scheduler=..., partitions=...): the deprecated alias of the runner."""
    with pytest.warns(DeprecationWarning, match=r"extract\(backend=, scheduler=, partitions=\) is deprecated"):
        got = extract(corpus, profile="fast", backend="dask", scheduler=client.scheduler.address, partitions=3,
                      cache_dir=False, progress=False)
    assert got.info["stats"]["n_partitions"] == 3
    assert_same_tables(serial_fast, got)


# --------------------------------------------------------------------------- partition cache


def test_rerun_reads_partitions_only_and_redoes_missing_ones(client, corpus, serial_fast, dask_cache):
    tmp_path = dask_cache  # filled by test_dask_equals_serial[fast] when run before (else parsed here)
    first = extract_dask(corpus, profile="fast", client=client, cache_dir=tmp_path, progress=False)
    files = {p: t for p, t in _partition_files(tmp_path).items() if p.parent.parent.name.startswith("fast-")}
    assert len(files) == 3 * 8
    parsed_before = _n_parsed(client)

    second = extract_dask(corpus, profile="fast", client=client, cache_dir=tmp_path, progress=False)
    assert _n_parsed(client) == parsed_before  # nothing parsed
    assert {p: t for p, t in _partition_files(tmp_path).items() if p in files} == files  # nothing rewritten
    assert second.info["stats"]["n_partitions_cached"] == 8
    assert second.info["stats"]["n_parsed"] == 0
    assert_same_tables(serial_fast, second)
    assert_same_tables(first, second)

    # a lost partition (e.g. its worker died before writing it) is the only one redone
    victim = sorted({p.parent for p in files})[3]
    for p in victim.iterdir():
        p.unlink()
    victim.rmdir()
    third = extract_dask(corpus, profile="fast", client=client, cache_dir=tmp_path, progress=False)
    assert _n_parsed(client) == parsed_before + 1
    assert third.info["stats"]["n_partitions_run"] == 1
    assert set(files) <= set(_partition_files(tmp_path))
    assert len({p.parent for p in _partition_files(tmp_path) if p.parent.parent.name.startswith("fast-")}) == 8
    assert_same_tables(serial_fast, third)


# --------------------------------------------------------------------------- lost worker


def _only(tables, ids) -> dict[str, pd.DataFrame]:
    return {name: tables[name][tables[name]["statement_id"].isin(ids)].reset_index(drop=True)
            for name in ("tokens", "phrases", "entities")}


def test_killed_worker_loses_and_duplicates_no_rows(client, corpus, serial_fast, tmp_path):
    short = corpus[corpus["text"].str.len() < 2000].reset_index(drop=True)
    pids = client.run(os.getpid, on_error="ignore")
    box: dict = {}

    def work():
        try:
            box["result"] = extract_dask(short, profile="fast", client=client, cache_dir=tmp_path,
                                         progress=False, partitions=16)
        except BaseException as exc:  # pragma: no cover - reported below
            box["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    deadline = time.monotonic() + 60
    done = []
    while not done and time.monotonic() < deadline:
        done = list((tmp_path / "partitions").rglob("done.json")) if (tmp_path / "partitions").exists() else []
        time.sleep(0.02)
    assert done, "no partition finished within 60 s"
    victim_addr, victim_pid = sorted(pids.items())[0]
    os.kill(victim_pid, signal.SIGKILL)  # the worker process dies mid-run
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "error" not in box, box.get("error")
    got = box["result"]
    assert victim_pid not in client.run(os.getpid, on_error="ignore").values()

    tokens = got.tokens
    assert not tokens.duplicated(["statement_id", "token_idx"]).any()
    assert set(tokens["statement_id"]) == set(short["statement_id"])
    assert got.info["stats"]["n_partitions"] == 16
    assert_same_tables(_only(serial_fast, set(short["statement_id"])), got)

    # a worker restarted while idle has the model again through the plugin (no task ran on it)
    client.wait_for_workers(2, timeout=60)
    before = client.run(os.getpid, on_error="ignore")
    os.kill(sorted(before.values())[0], signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = client.run(os.getpid, on_error="ignore")
        if len(now) == 2 and set(now.values()) != set(before.values()):
            break
        time.sleep(0.1)
    now = client.run(os.getpid, on_error="ignore")
    assert len(now) == 2 and set(now.values()) != set(before.values())
    loaded = client.run(worker_counts, on_error="ignore")
    assert len(loaded) == 2 and all("nlp-fast-C" in c["loaded"] for c in loaded.values()), loaded


# --------------------------------------------------------------------------- guard rails


def test_more_than_one_thread_per_worker_is_refused(corpus):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        with pytest.raises(DaskSetupError, match=r"2 threads.*not thread-safe.*Already borrowed"):
            extract_dask(corpus.head(2), profile="lexical", client=c, cache_dir=False, progress=False)
    with pytest.raises(DaskSetupError, match="threads_per_worker=4"):
        with get_client(workers=1, threads_per_worker=4):
            pass


def test_worker_memory_limit_under_1_5_gib_is_refused():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, memory_limit="1GiB",
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        with pytest.raises(DaskSetupError, match=r"memory limit of 1\.00 GiB.*at least 1\.50 GiB"):
            check_workers(c)


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, sample_statements):
    from futoko_research.io import write_parquet

    write_parquet(sample_statements, tmp_path / "statements.parquet")
    env = {**os.environ, "FUTOKO_DASK_CONNECT_TIMEOUT": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "futoko_research.cli", "features", "--backend", "dask",
         "--scheduler", "tcp://127.0.0.1:9", "--processed-dir", str(tmp_path), "--no-progress"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "tcp://127.0.0.1:9" in lines[0] and "cannot reach the Dask scheduler" in lines[0]
    assert not (tmp_path / "tokens.parquet").exists()


def test_dask_is_imported_only_by_the_dask_backend():
    code = (
        "import sys, futoko_research, futoko_research.features, futoko_research.coding\n"
        "import futoko_research.backends, futoko_research.coding.rules, futoko_research.dask_utils\n"
        "futoko_research.backends.get_runner('dask', workers=1)\n"
        "from futoko_research.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_code_statements_backend_dask_equals_serial(client):
    """The deprecated alias code_statements(..., backend="dask", client=, partitions=) gives the serial table."""
    import warnings

    from futoko_research import load_reports
    from futoko_research.coding import code_statements

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, statements, _ = load_reports(REPO / "data" / "raw")
        serial = code_statements(statements)
    with pytest.warns(DeprecationWarning, match=r"code_statements\(backend=, client=, partitions=\) is deprecated"):
        dask = code_statements(statements, backend="dask", client=client, partitions=3)
    pd.testing.assert_frame_equal(dask.reset_index(drop=True), serial.reset_index(drop=True))


@pytest.mark.slow
def test_links_parse_on_dask_equals_serial(client, sample_statements, tmp_path):
    """The analyze step's parse for links (issue 19) on the dask runner: the serial links, slice by slice."""
    from futoko_research.pipeline.streaming import stream_links

    serial, serial_stats = stream_links(sample_statements, tmp_path, cache_dir=False)
    on_dask, dask_stats = stream_links(sample_statements, tmp_path, cache_dir=False, max_chars=1_000,
                                       runner=get_runner("dask", client=client))
    pd.testing.assert_frame_equal(on_dask, serial)
    assert len(serial) > 0 and dask_stats["n_parsed"] == serial_stats["n_parsed"] > 0
    assert dask_stats["n_slices"] > 1

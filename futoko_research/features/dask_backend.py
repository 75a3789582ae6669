"""The ``dask`` backend of :func:`futoko_research.features.extract`: partitions on a Dask cluster.

How a run goes
--------------
1. The statements are cut, in their order, into contiguous **partitions** of about equal
   character counts (:func:`plan_partitions`): at least :data:`PARTITIONS_PER_WORKER` per worker
   and at most :data:`MAX_PARTITION_CHARS` characters each (a single statement longer than that
   stays whole and is chunked inside its partition exactly as in the serial path, by
   :func:`futoko_research.features.chunking.split_text`, so token, sentence and bunsetu numbers
   stay continuous within the statement).
2. Each partition gets a **sha256 key** (:func:`partition_key`): the serial cache's
   :func:`~futoko_research.features.cache.cache_key` over the run's metadata
   (:func:`~futoko_research.features.cache.cache_meta`: model and versions, split mode, pipes,
   preprocessing, chunk policy, terms hash) and the partition's ids and texts.
3. Partitions already in the cache (``<cache_dir>/partitions/<profile>-<meta>/<key>/``) are read
   back; the others are sent to the workers. A worker loads the model **once**, through a
   :class:`NLPWorkerPlugin` registered with ``Client.register_plugin`` (never pickled; set up again
   when a worker restarts), runs :func:`~futoko_research.features.extract.extract_partition`
   inside ``nlp.memory_zone()`` (the string store does not grow over a long run), and writes the
   partition's three tables as parquet into a temporary folder renamed into place (atomic), then
   returns them.
4. The tables are concatenated in partition order, which is the statements' order: the result
   equals the serial path's row for row.

A worker that dies mid-run loses only the partition it was parsing: Dask reschedules that task
on another worker, and partitions already written are not parsed again, on a rerun either.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import shutil
import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from futoko_research.dask_utils import (
    DaskSetupError,
    check_workers,
    connect,
    get_client,
    require_distributed,
)
from futoko_research.features.cache import cache_key, cache_meta, meta_hash
from futoko_research.features.extract import (
    DEFAULT_BATCH_SIZE,
    FeatureTables,
    check_statements,
    extract_partition,
    run_info,
)
from futoko_research.features.tables import ENTITY_DTYPES, PHRASE_DTYPES, TOKEN_DTYPES
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.nlp import DEFAULT_SPLIT_MODE, check_profile

log = logging.getLogger("futoko_research")

#: upper bound of characters in a partition (auto mode)
MAX_PARTITION_CHARS = 250_000
#: at least this many partitions per worker (load balance; a lost worker costs little)
PARTITIONS_PER_WORKER = 4
#: bump when the partition files change layout
PARTITION_FORMAT = "dask-partition-v1"
TABLES = ("tokens", "phrases", "entities")
_DTYPES = {"tokens": TOKEN_DTYPES, "phrases": PHRASE_DTYPES, "entities": ENTITY_DTYPES}
#: columns a partition needs (the rest of the statements table stays on the client)
PARTITION_COLUMNS = ("statement_id", "case_id", "text")

#: per worker process: partitions parsed / read from cache (read with ``client.run``)
WORKER_COUNTS = {"parsed": 0, "cached": 0}
#: per worker process: (profile, split_mode) loaded by :class:`NLPWorkerPlugin`
PLUGIN_LOADED: set[tuple[str, str]] = set()


# --------------------------------------------------------------------------- worker side


try:  # the plugin base class only if distributed is installed (it is an optional extra)
    from distributed import WorkerPlugin as _WorkerPluginBase
except ImportError:  # pragma: no cover - exercised only without the extra
    _WorkerPluginBase = object


class NLPWorkerPlugin(_WorkerPluginBase):
    """Load the GiNZA pipeline (or the SudachiPy tokenizer) once in each worker process.

    ``setup`` runs on every worker present when the plugin is registered and on every worker
    that joins later — including a worker restarted after a crash — so the model is never
    pickled and never loaded per task.
    """

    idempotent = True  # registering it again (every extract call) is a no-op

    def __init__(self, profile: str = "full", split_mode: str = DEFAULT_SPLIT_MODE):
        self.profile = check_profile(profile)
        self.split_mode = split_mode
        self.name = f"futoko-nlp-{profile}-{split_mode}"

    def setup(self, worker=None) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from futoko_research.nlp import load_nlp

        load_nlp(self.profile, self.split_mode)  # cached per process (functools.lru_cache)
        PLUGIN_LOADED.add((self.profile, self.split_mode))
        log.debug("dask worker %s: loaded profile %s", getattr(worker, "address", "?"), self.profile)


def _memory_zone(profile: str, split_mode: str):
    """``nlp.memory_zone()`` for spaCy profiles (spaCy ≥ 3.8), else a no-op."""
    if profile == "lexical":
        return contextlib.nullcontext()
    from futoko_research.nlp import load_nlp

    nlp = load_nlp(profile, split_mode)
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _partition_dir(root: Path, key: str) -> Path:
    return root / key


def read_partition(root: str | Path, key: str) -> dict[str, pd.DataFrame] | None:
    """The cached tables of partition ``key`` under ``root``, or ``None`` if absent or unreadable."""
    pdir = _partition_dir(Path(root), key)
    if not (pdir / "done.json").is_file():
        return None
    try:
        return {name: _typed(pd.read_parquet(pdir / f"{name}.parquet"), name) for name in TABLES}
    except Exception as exc:  # truncated / foreign file: parse the partition again
        log.warning("dask: cached partition %s unreadable (%s); parsing it again", pdir, exc)
        shutil.rmtree(pdir, ignore_errors=True)
        return None


def write_partition(root: str | Path, key: str, tables: Mapping[str, pd.DataFrame], *, info: dict) -> Path:
    """Write a partition's tables atomically: a temporary folder renamed to ``root/key``.

    ``done.json`` (the partition's stats) is written last inside the temporary folder; a folder
    without it is never read. If another worker wrote the same key first, its copy is kept.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    final = _partition_dir(root, key)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        for name in TABLES:
            frame = tables[name].copy()
            frame.attrs = {}
            frame.to_parquet(tmp / f"{name}.parquet", index=False, engine="pyarrow")
        (tmp / "done.json").write_text(json.dumps(info, ensure_ascii=False, default=str), encoding="utf-8")
        try:
            os.replace(tmp, final)
        except OSError:
            if not (final / "done.json").is_file():
                raise
            # the same partition was written by another worker meanwhile (identical content)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def run_partition(
    part: pd.DataFrame,
    *,
    part_key: str,
    cache_root: str | None,
    docbin_dir: str | Path | None | bool,
    profile: str,
    batch_size: int,
    terms: TermConfig,
    split_mode: str,
) -> dict[str, Any]:
    """The task run on a worker for one partition: cache hit, or parse + write.

    Returns
    -------
    dict
        ``tables`` (tokens, phrases, entities), ``stats`` (of the parse, or of the cached run)
        and ``cached`` (bool).
    """
    if cache_root is not None:
        hit = read_partition(cache_root, part_key)
        if hit is not None:
            WORKER_COUNTS["cached"] += 1
            return {"tables": hit, "stats": _read_stats(cache_root, part_key), "cached": True}
    with _memory_zone(profile, split_mode):
        out = extract_partition(part, profile=profile, n_process=1, batch_size=batch_size,
                                cache_dir=docbin_dir, progress=False, terms=terms, split_mode=split_mode)
        tables = {name: out[name] for name in TABLES}
    stats = dict(out.info.get("stats", {}))
    if cache_root is not None:
        write_partition(cache_root, part_key, tables, info={"stats": stats, "n_statements": len(part)})
    WORKER_COUNTS["parsed"] += 1
    return {"tables": tables, "stats": stats, "cached": False}


def _read_stats(root: str | Path, key: str) -> dict:
    """Stats of a cached partition: its sizes, nothing parsed, every chunk cached."""
    try:
        stored = json.loads((_partition_dir(Path(root), key) / "done.json").read_text(encoding="utf-8"))["stats"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    out = {k: stored[k] for k in ("n_statements", "n_chars", "n_chunks") if k in stored}
    out.update({"n_parsed": 0, "n_cached": out.get("n_chunks", out.get("n_statements", 0))})
    return out


def worker_counts() -> dict[str, Any]:
    """This worker's partition counts and plugin-loaded profiles (``client.run(worker_counts)``)."""
    return {**WORKER_COUNTS, "loaded": sorted(p for p, _ in PLUGIN_LOADED)}


# --------------------------------------------------------------------------- client side


def plan_partitions(
    statements: pd.DataFrame, *, n_workers: int = 1, partitions: int | str = "auto"
) -> list[slice]:
    """Cut the statements, in order, into contiguous partitions of about equal characters.

    Parameters
    ----------
    statements : frame with a ``text`` column.
    n_workers : workers of the cluster.
    partitions : ``"auto"`` — ``max(ceil(chars / MAX_PARTITION_CHARS),
        PARTITIONS_PER_WORKER × n_workers)`` partitions, i.e. 100k–250k characters each on a
        corpus large enough for it, and never fewer than 4 per worker; or an int to force the
        count. Never more partitions than statements.

    Returns
    -------
    list of slice
        row positions of each partition (non-empty, in order, covering every row once).

    Notes
    -----
    A statement is never split across partitions: a very long one is chunked inside its
    partition by the serial path's :func:`~futoko_research.features.chunking.split_text`, so its
    token, sentence and bunsetu numbering is the serial path's.
    """
    n_rows = len(statements)
    if n_rows == 0:
        return []
    lengths = statements["text"].astype(str).str.len().to_numpy(dtype="int64", na_value=0)
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


def partition_key(part: pd.DataFrame, meta: Mapping | str) -> str:
    """sha256 key of a partition: :func:`cache_key` over its ids and texts under ``meta``."""
    payload = "\x1e".join(
        f"{sid}\x1f{cid}\x1f{text}"
        for sid, cid, text in zip(part["statement_id"].astype(str), part["case_id"].astype(str),
                                  part["text"].astype(str))
    )
    return cache_key(f"{PARTITION_FORMAT}\x1d{payload}", meta)


def _typed(df: pd.DataFrame, name: str) -> pd.DataFrame:
    dtypes = _DTYPES[name]
    missing = [c for c in dtypes if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: columns {missing} missing")
    return df.astype({c: d for c, d in dtypes.items() if df[c].dtype != d})


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    frames = [f for f in frames if len(f)] or frames[:1]
    if not frames:
        from futoko_research.features.tables import empty_frame

        return empty_frame(_DTYPES[name])
    for f in frames:
        f.attrs = {}
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    return _typed(out, name)


def _resolve_client(client, scheduler, workers, stack: contextlib.ExitStack):
    if client is None or isinstance(client, str):
        address = client if isinstance(client, str) else scheduler
        if address:
            c = connect(address)
            stack.callback(c.close)
            return c
        return stack.enter_context(get_client(None, workers))
    return client


def extract_dask(
    statements: pd.DataFrame,
    *,
    profile: str = "full",
    client=None,
    partitions: int | str = "auto",
    cache_dir: str | Path | None | bool = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
    scheduler: str | None = None,
    workers: int | None = None,
    terms: TermConfig | None = None,
    split_mode: str = DEFAULT_SPLIT_MODE,
    n_process: int = 1,
    docbin: bool = True,
) -> FeatureTables:
    """:func:`~futoko_research.features.extract` on a Dask cluster (``backend="dask"``).

    Parameters
    ----------
    statements : DataFrame with ``statement_id``, ``case_id``, ``text`` (as for ``extract``).
    profile : ``"full"``, ``"fast"`` or ``"lexical"``.
    client : a :class:`distributed.Client`, or a scheduler address; ``None`` uses ``scheduler``,
        or else starts a LocalCluster of ``workers`` single-threaded workers for this call.
    partitions : ``"auto"`` or a forced number of partitions (see :func:`plan_partitions`).
    cache_dir : cache root (default ``paths.CACHE_DIR``; ``False`` disables caching). Partition
        tables go to ``<cache_dir>/partitions/``; workers also use the DocBin cache in
        ``<cache_dir>/docbin/`` shared with the serial path. On a multi-machine cluster it must be
        a folder every worker and the client can reach (a shared file system).
    batch_size : ``nlp.pipe`` batch size on the workers.
    progress : show a progress bar over partitions (characters).
    scheduler, workers : see ``client`` (and :func:`futoko_research.dask_utils.get_client`).
    terms : loaded :class:`TermConfig` (default: the packaged files).
    split_mode : Sudachi split mode.
    n_process : ignored (each worker is one process with one thread); kept for ``extract``'s call.
    docbin : let workers use the DocBin cache too (a rerun with other partition boundaries,
        or after a serial run, then parses nothing).

    Returns
    -------
    FeatureTables
        the tables of :func:`~futoko_research.features.extract`, identical to the serial
        path's (same rows, same order, same dtypes). ``info["stats"]`` adds ``backend``,
        ``n_workers``, ``n_partitions``, ``n_partitions_cached`` (read from the partition cache
        by the client) and ``n_partitions_parsed``.

    Raises
    ------
    DaskSetupError
        Dask not installed, scheduler unreachable, a worker with more than one thread or less
        than 1.5 GiB of memory, or workers killed repeatedly on one partition.
    SchemaError
        the statements lack a required column or have duplicate ids.
    """
    check_profile(profile)
    check_statements(statements)
    require_distributed()
    terms = terms if terms is not None else load_terms()
    if n_process and n_process > 1:
        log.info("dask: n_process=%d ignored (one process per worker)", n_process)
    part_frame = statements.loc[:, list(PARTITION_COLUMNS)].reset_index(drop=True)
    meta = {**cache_meta(profile, split_mode=split_mode, terms_hash=terms.hash), "partition_format": PARTITION_FORMAT}
    mhash = meta_hash(meta)
    if cache_dir is False:
        cache_root = None
        docbin_dir: str | Path | None | bool = False
    else:
        from futoko_research.paths import CACHE_DIR

        base = Path(CACHE_DIR if cache_dir is None else cache_dir).resolve()
        cache_root = base / "partitions" / f"{profile}-{mhash[:16]}"
        docbin_dir = base if docbin else False

    with contextlib.ExitStack() as stack:
        client = _resolve_client(client, scheduler, workers, stack)
        worker_info = check_workers(client)
        n_workers = len(worker_info)
        slices = plan_partitions(part_frame, n_workers=n_workers, partitions=partitions)
        parts = [part_frame.iloc[s] for s in slices]
        keys = [partition_key(p, mhash) for p in parts]
        results: list[dict | None] = [None] * len(parts)
        n_cached_client = 0
        if cache_root is not None:
            for i, key in enumerate(keys):
                hit = read_partition(cache_root, key)
                if hit is not None:
                    results[i] = {"tables": hit, "stats": _read_stats(cache_root, key), "cached": True}
                    n_cached_client += 1
        todo = [i for i, r in enumerate(results) if r is None]
        log.info("dask: %d statements in %d partitions on %d workers; %d cached, %d to parse",
                 len(part_frame), len(parts), n_workers, n_cached_client, len(todo))
        if todo:
            _run_on_cluster(client, parts, keys, todo, results, profile=profile, split_mode=split_mode,
                            cache_root=cache_root, docbin_dir=docbin_dir, batch_size=batch_size,
                            terms=terms, progress=progress)

    tables = {name: _concat([r["tables"][name] for r in results], name) for name in TABLES} if results else {
        name: _concat([], name) for name in TABLES}
    stats = _sum_stats([r["stats"] for r in results])
    stats.update({"backend": "dask", "n_workers": n_workers, "n_partitions": len(parts),
                  "n_partitions_cached": n_cached_client,
                  "n_partitions_parsed": sum(1 for r in results if not r["cached"])})
    info = run_info(profile, terms, split_mode=split_mode)
    info["stats"] = stats
    for df in tables.values():
        df.attrs["features"] = info
    return FeatureTables(tables["tokens"], tables["phrases"], tables["entities"], profile=profile, info=info)


def _sum_stats(items: list[dict]) -> dict:
    out: dict[str, int] = {}
    for st in items:
        for k, v in (st or {}).items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                out[k] = out.get(k, 0) + v
    return out


def _run_on_cluster(client, parts, keys, todo, results, *, profile, split_mode, cache_root, docbin_dir,
                    batch_size, terms, progress) -> None:
    distributed = require_distributed()
    client.register_plugin(NLPWorkerPlugin(profile, split_mode))
    run_id = uuid.uuid4().hex[:8]
    futures = {}
    for i in todo:
        fut = client.submit(
            run_partition, parts[i], part_key=keys[i],
            key=f"futoko-{profile}-{i:05d}-{keys[i][:12]}-{run_id}",
            cache_root=None if cache_root is None else str(cache_root), docbin_dir=docbin_dir,
            profile=profile, batch_size=batch_size, terms=terms, split_mode=split_mode,
            pure=False,
        )
        futures[fut.key] = (i, fut)
    from tqdm.auto import tqdm

    total_chars = sum(int(parts[i]["text"].str.len().sum()) for i in todo)
    bar = tqdm(total=total_chars, unit="char", unit_scale=True, desc=f"features ({profile}, dask)",
               disable=not progress, leave=False)
    try:
        for fut in distributed.as_completed([f for _, f in futures.values()], loop=client.loop):
            i = futures[fut.key][0]
            try:
                results[i] = fut.result()
            except distributed.KilledWorker as exc:
                raise DaskSetupError(
                    f"Dask workers died repeatedly on partition {i} ({len(parts[i])} statements, "
                    f"first {parts[i]['statement_id'].iloc[0]!r}): give each worker more memory ({exc})"
                ) from None
            bar.update(int(parts[i]["text"].str.len().sum()))
    finally:
        bar.close()
        for _, fut in futures.values():
            fut.release()


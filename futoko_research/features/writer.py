"""``statements.parquet`` → ``tokens``, ``phrases``, ``entities`` (.parquet) + ``features_info.json``."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from futoko_research.io import atomic_dir, read_table, write_parquet
from futoko_research.paths import PROCESSED_DIR
from futoko_research.schema import validate

log = logging.getLogger("futoko_research")

INFO_FILE = "features_info.json"


def write_features(
    processed_dir: str | Path = PROCESSED_DIR,
    *,
    profile: str = "full",
    n_process: int = 1,
    cache_dir: str | Path | None | bool = None,
    progress: bool = True,
    backend: str = "serial",
    out_dir: str | Path | None = None,
    **kw,
) -> list[Path]:
    """Parse ``processed_dir/statements.parquet`` and write the feature tables atomically.

    Parameters
    ----------
    processed_dir : folder holding ``statements.parquet`` (written by ``futoko-research ingest``).
    profile, n_process, cache_dir, progress, backend, **kw : passed to
        :func:`futoko_research.features.extract` (``client``, ``partitions``, ``terms``,
        ``variants``, ``batch_size``, ``split_mode``).
    out_dir : where to write (default ``processed_dir``).

    Returns
    -------
    list of Path
        ``tokens.parquet``, ``phrases.parquet``, ``entities.parquet`` and ``features_info.json``
        (model name and versions, profile, split mode, terms hash, chunk policy, counts). The
        same information is in each parquet file's pandas metadata (``attrs["features"]``).
    """
    from futoko_research.features.extract import extract

    processed_dir = Path(processed_dir)
    statements = read_table(processed_dir, "statements")
    tables = extract(statements, profile=profile, n_process=n_process, cache_dir=cache_dir,
                     progress=progress, backend=backend, **kw)
    out_dir = Path(out_dir) if out_dir is not None else processed_dir
    written: list[Path] = []
    # run-dependent counters (statements read from the cache vs parsed) are logged, not
    # written: a warm rerun must leave every output byte-identical
    stats = tables.info.get("stats")
    stable_info = {k: v for k, v in tables.info.items() if k != "stats"}
    if stats:
        log.info("features cache: %s", stats)
    with atomic_dir(out_dir) as tmp:
        for name in ("tokens", "phrases", "entities"):
            df = validate(tables[name], name).copy()
            df.attrs["features"] = dict(stable_info)
            write_parquet(df, tmp / f"{name}.parquet")
            written.append(out_dir / f"{name}.parquet")
        info = json.dumps(stable_info, ensure_ascii=False, indent=1, sort_keys=True, default=str)
        (tmp / INFO_FILE).write_text(info + "\n", encoding="utf-8")
        written.append(out_dir / INFO_FILE)
    log.info("features (%s): %d tokens, %d phrases, %d entities", profile, len(tables.tokens),
             len(tables.phrases), len(tables.entities))
    return written

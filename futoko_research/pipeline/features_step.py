"""The features step: ``statements`` → ``tokens``, ``phrases``, ``entities`` and
``features_info.json``, slice by slice (:mod:`futoko_research.pipeline.streaming`).

- :data:`FEATURES_INFO_FILE` — written beside the tables
- :func:`features`
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from futoko_research.io import atomic_dir, read_table
from futoko_research.nlp import DEFAULT_FEATURES_PROFILE
from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline.options import ExecutionOptions
from futoko_research.pipeline.runners import runner_for
from futoko_research.pipeline.step_inputs import content_statements

log = logging.getLogger("futoko_research")

#: written by the features step beside the tables: model, versions, profile, terms hash …
FEATURES_INFO_FILE = "features_info.json"


def features(
    processed_dir: str | Path = PROCESSED_DIR, *, profile: str = DEFAULT_FEATURES_PROFILE,
    cache_dir: str | Path | None | bool = None, progress: bool = True, out_dir: str | Path | None = None,
    execution: ExecutionOptions | None = None, stream_chars: int | None = None, **extract_options,
) -> list[Path]:
    """Tokenise (or parse) ``processed_dir/statements.parquet`` and write the feature tables.

    The statements are handled in slices of about ``stream_chars`` characters
    (:func:`~futoko_research.pipeline.streaming.statement_slices`), each slice's rows appended to
    the parquet files as a row group: memory holds one slice, whatever the size of the corpus,
    and the files read back as one :func:`futoko_research.features.extract` call on every
    statement would give them.

    Parameters
    ----------
    processed_dir : folder holding ``statements.parquet``.
    profile : :data:`DEFAULT_FEATURES_PROFILE` (``lexical``: SudachiPy alone, enough for every
        count, KWIC, co-occurrence, terms and the coder; links parse their candidate statements
        in the analyze step) or ``fast`` / ``full`` (parse everything).
    cache_dir, progress, **extract_options : passed to :func:`futoko_research.features.extract`
        (``batch_size``, ``terms``, ``variants``, ``split_mode``).
    out_dir : where to write (default ``processed_dir``).
    execution : where the parsing runs (default serial).
    stream_chars : characters per slice (default
        :data:`~futoko_research.pipeline.streaming.STREAM_CHARS`).

    Returns
    -------
    list of Path
        ``tokens.parquet``, ``phrases.parquet``, ``entities.parquet`` and ``features_info.json``
        (model name and versions, profile, split mode, terms hash, chunk policy). The same
        information is in each parquet file's pandas metadata (``attrs["features"]``).
    """
    from futoko_research.features import extract
    from futoko_research.io import ParquetParts
    from futoko_research.pipeline.streaming import STREAM_CHARS, statement_slices
    from futoko_research.schema.registry import validate

    processed_dir = Path(processed_dir)
    statements = content_statements(read_table(processed_dir, "statements"))
    runner = runner_for(execution)
    out_dir = Path(out_dir) if out_dir is not None else processed_dir
    names = ("tokens", "phrases", "entities")
    stable_info: dict = {}
    stats: dict = {}
    counts = dict.fromkeys(names, 0)
    written: list[Path] = []
    with atomic_dir(out_dir) as tmp:
        writers = {name: ParquetParts(tmp / f"{name}.parquet") for name in names}
        try:
            for part in statement_slices(statements, stream_chars or STREAM_CHARS, by=None):
                tables = extract(part, profile=profile, cache_dir=cache_dir, progress=progress, runner=runner,
                                 **extract_options)
                # run-dependent counters (statements read from the cache vs parsed) are logged, not
                # written: a warm rerun must leave every output byte-identical
                for k, v in (tables.info.get("stats") or {}).items():
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        stats[k] = stats.get(k, 0) + v
                stable_info = {k: v for k, v in tables.info.items() if k != "stats"}
                for name in names:
                    df = validate(tables[name], name).copy()
                    df.attrs = {"features": dict(stable_info)}
                    writers[name].write(df)
                    counts[name] += len(df)
        finally:
            for w in writers.values():
                w.close()
        written += [out_dir / f"{name}.parquet" for name in names]
        info = json.dumps(stable_info, ensure_ascii=False, indent=1, sort_keys=True, default=str)
        (tmp / FEATURES_INFO_FILE).write_text(info + "\n", encoding="utf-8")
        written.append(out_dir / FEATURES_INFO_FILE)
    if stats:
        log.info("features cache: %s", stats)
    log.info("features (%s): %d tokens, %d phrases, %d entities", profile, counts["tokens"], counts["phrases"],
             counts["entities"])
    return written


"""``futoko-research features``: statements → tokens, phrases, entities (.parquet)."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.nlp import DEFAULT_FEATURES_PROFILE, PROFILES
from futoko_research.paths import CACHE_DIR, PROCESSED_DIR
from futoko_research.pipeline.options import BACKENDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "features",
        help="parse statements with GiNZA / SudachiPy into token, phrase and entity tables",
        description="Read statements.parquet from the processed folder, parse every statement "
        "(cached: a statement seen before is not parsed again) and write tokens.parquet, "
        "phrases.parquet, entities.parquet and features_info.json. Profiles: lexical (the default; "
        "SudachiPy only: enough for frequencies, keyness, KWIC, co-occurrence, terms and coding — "
        "the analyze step parses the statements links need), fast (no named entities), full (every "
        "GiNZA component, every statement parsed).",
    )
    p.add_argument("--profile", choices=PROFILES, default=DEFAULT_FEATURES_PROFILE,
                   help="what to compute (default: %(default)s)")
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="parser processes (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=None, metavar="N", help="nlp.pipe batch size")
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR,
                   help="folder with statements.parquet; outputs go here (default: %(default)s)")
    p.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help="Doc cache folder (default: %(default)s)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the Doc cache")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--backend", choices=BACKENDS, default="serial",
                   help="serial (default) or dask (distributed over a cluster)")
    p.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="dask scheduler address (backend dask; default: a local cluster)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="dask local workers (backend dask)")
    p.add_argument("--partitions", default="auto", help="dask partitions (backend dask; default: %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.pipeline.features_step import features
    from futoko_research.pipeline.options import ExecutionOptions
    from futoko_research.pipeline.runners import open_execution

    extract_options = {"batch_size": args.batch_size} if args.batch_size else {}
    partitions = int(args.partitions) if str(args.partitions).isdigit() else args.partitions
    execution = ExecutionOptions(args.backend, scheduler=args.scheduler, workers=args.workers,
                                 partitions=partitions, n_process=args.n_process)
    with open_execution(execution) as execution:
        written = features(
            args.processed_dir, profile=args.profile, cache_dir=False if args.no_cache else args.cache_dir,
            progress=not args.no_progress, execution=execution, **extract_options,
        )
    for path in written:
        print(path)
    return 0

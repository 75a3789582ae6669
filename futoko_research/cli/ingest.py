"""``futoko-research ingest``: raw reports → cases, statements, checkboxes (parquet + CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.paths import PROCESSED_DIR, RAW_DIR


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="read the reports listed in data/raw/manifest.csv into tidy tables",
        description="Read every report in the manifest and write cases, statements and checkboxes "
        "as .parquet and .csv (UTF-8 with BOM) into the output folder. Nothing is written when "
        "any input is bad.",
    )
    p.add_argument("--raw-dir", type=Path, default=RAW_DIR, help="folder with manifest.csv and the reports (default: %(default)s)")
    p.add_argument("--out-dir", type=Path, default=PROCESSED_DIR, help="output folder (default: %(default)s)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--pseudonymize", action="store_true", help="pseudonymise personal data of every source (see README 'Personal data')")
    p.add_argument("--key-file", type=Path, default=None, help="pseudonymisation key file (outside the repository)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.pipeline.ingest_step import ingest

    written = ingest(
        raw_dir=args.raw_dir, out_dir=args.out_dir, progress=not args.no_progress,
        pseudonymize=args.pseudonymize, key_file=args.key_file,
    )
    for path in written:
        print(path)
    return 0

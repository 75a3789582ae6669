"""``futoko-research analyze``: case variables, cause → effect links and associations (parquet + CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.paths import PROCESSED_DIR


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze",
        help="case variables, attributed links and intervention × outcome associations per year",
        description="Read cases, statements, checkboxes and codes (and tokens) from the processed "
        "folder and write case_variables, links, link_counts, associations, prevalence and "
        "prevalence_trend (.parquet and .csv). With few cases the statistics are descriptive only. "
        "With --validation (human-coded coding sheets) also validation_rates, prevalence_corrected "
        "and association_robustness: the coder's error carried into the analysis. "
        "Nothing is written when any step fails.",
    )
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR,
                   help="folder with the ingest and code outputs (default: %(default)s)")
    p.add_argument("--out-dir", type=Path, default=None, help="output folder (default: the processed folder)")
    p.add_argument("--codebook", type=Path, default=None, help="codebook YAML (default: the packaged codebook)")
    p.add_argument("--cache-dir", type=Path, default=None, help="DocBin cache for the dependency parses")
    p.add_argument("--no-csv", action="store_true", help="write parquet only")
    p.add_argument("--validation", type=Path, action="append", default=None, metavar="PATH",
                   help="a filled coding sheet, or a folder whose human_codes*.csv are read (repeatable); "
                   "corrects prevalence for the coder's error and flags associations whose direction "
                   "could flip (`futoko-research run` reads the raw folder's sheets)")
    p.add_argument("--seed", type=int, default=None, help="bootstrap seed (default: the notebooks' seed)")
    p.add_argument("--link-method", choices=("rules", "hybrid"), default=None,
                   help="how the links' cause and effect sides are coded "
                   "(default: futoko_research.analysis.links.DEFAULT_SIDE_METHOD, hybrid)")
    p.add_argument("--coder-model", type=Path, default=None, metavar="PATH",
                   help="coder model .npz for --link-method hybrid (default: the model shipped with the package)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.pipeline.analyze_step import analyze

    codebook = None
    if args.codebook is not None:
        from futoko_research.coding import load_codebook

        codebook = load_codebook(args.codebook)
    extra = {"seed": args.seed} if args.seed is not None else {}
    written = analyze(args.processed_dir, codebook=codebook, out_dir=args.out_dir,
                      cache_dir=args.cache_dir, csv=not args.no_csv, validation=args.validation,
                      link_method=args.link_method, coder_model=args.coder_model, **extra)
    for path in written:
        print(path)
    return 0

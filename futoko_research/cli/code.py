"""``futoko-research code``: statements → codes, case_codes, rule_report (parquet + CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline.options import BACKENDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "code",
        help="code statements with a YAML codebook (rules on text, NORM, LEMMA)",
        description="Read statements.parquet (and tokens.parquet when the codebook has token rules) "
        "from the processed folder, apply the codebook and write codes (one row per match, with "
        "the evidence and rule id), case_codes (case x section x code counts) and rule_report "
        "(hits per rule; rules and codes with no hit are flagged and warned about) as .parquet "
        "and .csv. Nothing is written when any step fails.",
    )
    p.add_argument("--codebook", type=Path, default=None, help="codebook YAML (default: the packaged default codebook)")
    p.add_argument("--method", choices=("rules", "hybrid"), default=None,
                   help="rules alone, or rules plus the statistical model's confident codes "
                   "(default: futoko_research.coding.DEFAULT_METHOD)")
    p.add_argument("--model", type=Path, default=None, metavar="PATH",
                   help="coder model .npz for --method hybrid (default: the model shipped with the package)")
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR,
                   help="folder with statements.parquet; outputs go here (default: %(default)s)")
    p.add_argument("--backend", choices=BACKENDS, default="serial",
                   help="tokenisation backend when tokens must be computed (default: %(default)s)")
    p.add_argument("--scheduler", default=None, metavar="ADDR", help="dask scheduler address (backend dask)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="dask local workers (backend dask)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.coding import load_codebook
    from futoko_research.pipeline.code_step import code
    from futoko_research.pipeline.options import ExecutionOptions
    from futoko_research.pipeline.runners import open_execution

    codebook = load_codebook(args.codebook)
    with open_execution(ExecutionOptions(args.backend, scheduler=args.scheduler, workers=args.workers)) as execution:
        written = code(args.processed_dir, codebook=codebook, execution=execution, method=args.method,
                       model=args.model)
    for path in written:
        print(path)
    return 0

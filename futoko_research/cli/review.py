"""``futoko-research review``: the statements a person should code first, as a coding sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.paths import PROCESSED_DIR


def register(sub: argparse._SubParsersAction) -> None:
    from futoko_research.coding.review import DEFAULT_TOP

    p = sub.add_parser(
        "review",
        help="rank statements for human review (rules and model disagree, or the model is unsure) into a coding sheet",
        description="Code statements.parquet with the rules and the statistical model, rank the statements "
        "most informative first (rules and model disagree on a code, then the model's probability is near its "
        "threshold) and write the top ones as a coding sheet: the machine's proposals in the columns "
        "rule_codes, model_codes, scores and reason, one blank column per code for you to fill with 1 or 0. "
        "The filled sheet is validation data for your corpus; 'futoko-research train-coder --sheet' adds it "
        "to the training data of a model for your corpus.",
    )
    p.add_argument("--processed", "--processed-dir", dest="processed", type=Path, default=PROCESSED_DIR,
                   metavar="DIR", help="folder with statements.parquet (default: %(default)s)")
    p.add_argument("--out", type=Path, default=None, metavar="PATH",
                   help="sheet to write, .xlsx or .csv (default: DIR/review_sheet.xlsx)")
    p.add_argument("--top", type=int, default=DEFAULT_TOP, metavar="N",
                   help="statements on the sheet (default: %(default)s; 0 = all)")
    p.add_argument("--codebook", type=Path, default=None, help="codebook YAML (default: the packaged default codebook)")
    p.add_argument("--model", type=Path, default=None, metavar="PATH",
                   help="coder model .npz (default: the model shipped with the package)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.coding import load_codebook, load_model
    from futoko_research.errors import FutokoError
    from futoko_research.pipeline.review_step import review

    if args.top < 0:
        raise FutokoError(f"--top must be 0 or more, not {args.top}")
    out = args.out or args.processed / "review_sheet.xlsx"
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise FutokoError(f"{out}: a review sheet ends in .xlsx or .csv")
    path, table = review(args.processed, out, codebook=load_codebook(args.codebook), model=load_model(args.model),
                         top=args.top or None)
    print(path)
    print(f"review: {len(table)} statement(s), {int((table['n_disagree'] > 0).sum())} where rules and model disagree")
    return 0

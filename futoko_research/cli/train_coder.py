"""``futoko-research train-coder``: train the statistical coder (shipped, or corpus-specific with --sheet)."""

from __future__ import annotations

import argparse
from pathlib import Path

from futoko_research.paths import VALIDATION_DIR


def register(sub: argparse._SubParsersAction) -> None:
    from futoko_research.coding.training import SHEET_MODEL_NAME, SHEET_WEIGHT

    p = sub.add_parser(
        "train-coder",
        help="train the statistical layer of the hybrid coder (character n-gram logistic regressions)",
        description="Train one logistic regression per code on character n-grams of the development corpus "
        "(data/validation: sentences.csv, labels.csv) and write it as a plain-array .npz with the sha256 of "
        "its training data. Without --sheet it writes the model shipped in the package; with --sheet the "
        "reviewed rows of filled coding sheets are added and a corpus-specific model is written beside the "
        f"first sheet ({SHEET_MODEL_NAME}); the shipped model is never replaced by sheet training. The same "
        "data always give the same file, byte for byte.",
    )
    p.add_argument("--data", type=Path, default=VALIDATION_DIR, metavar="DIR",
                   help="development corpus folder (default: %(default)s)")
    p.add_argument("--sheet", type=Path, action="append", default=[], metavar="PATH",
                   help="a filled coding or review sheet (.xlsx or .csv) to add as training data (repeatable)")
    p.add_argument("--out", type=Path, default=None, metavar="PATH",
                   help="model file to write (.npz; default: the shipped model, or beside the first sheet)")
    p.add_argument("--codebook", type=Path, default=None, help="codebook YAML (default: the packaged default codebook)")
    p.add_argument("--sheet-weight", type=float, default=SHEET_WEIGHT, metavar="W",
                   help="weight of a reviewed sheet row against a development sentence (default: %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.coding import load_codebook
    from futoko_research.coding.training import train_coder

    codebook = load_codebook(args.codebook)
    path, model = train_coder(args.data, args.sheet, out=args.out, codebook=codebook, sheet_weight=args.sheet_weight)
    meta = model.meta
    print(path)
    print(f"model {model.version}: {meta['n_train']} sentences from {meta['n_sources']} sources, "
          f"{len(model.vocabulary)} n-grams, codebook {meta['codebook_version']}, "
          f"training data sha256 {meta['training_sha256']}")
    return 0

"""``futoko-research synth``: write a labelled SYNTHETIC corpus with planted effects."""

from __future__ import annotations

import argparse
from pathlib import Path


def _effect(text: str) -> tuple[str, str, float]:
    try:
        pair, orr = text.split("=")
        intervention, outcome = pair.split(":")
        return intervention.strip(), outcome.strip(), float(orr)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"effect {text!r} must look like intervention:outcome=odds_ratio (e.g. ict:school_return=2.5)"
        ) from None


#: the default of --chars-per-case (futoko_research.synthetic.REAL_CHARS_PER_CASE; kept here so that
#: the CLI does not import numpy to build its parser)
REAL_CHARS_PER_CASE = 1500


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="write SYNTHETIC case-sheet reports with planted intervention → outcome effects",
        description="Write synthetic reports in the case-sheet layout, a manifest (synthetic=true), "
        "the ground truth (truth.json, truth.csv, truth_effects.csv, truth_links.csv) and a README into "
        "the output folder. Ingest it with: futoko-research ingest --raw-dir DIR --out-dir OTHER.",
    )
    p.add_argument("--out-dir", type=Path, required=True, help="output folder")
    p.add_argument("--n-cases", type=int, default=600, help="number of cases (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    p.add_argument("--years", type=int, nargs="+", default=None, help="fiscal years (default: 2019–2023)")
    p.add_argument("--cases-per-file", type=int, default=50, help="cases per report file (default: %(default)s)")
    p.add_argument("--chars-per-case", type=int, default=REAL_CHARS_PER_CASE, metavar="M",
                   help="characters of statement text per case, reached with neutral filler sentences that carry "
                   "no code (default: %(default)s, a real case's size; 0: the planted sentences alone, "
                   "≈ 220 characters)")
    p.add_argument("--effect", type=_effect, action="append", default=None,
                   help="planted effect intervention:outcome=odds_ratio (repeatable; default: the built-in set)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.errors import FutokoError
    from futoko_research.synthetic import DEFAULT_YEARS, write_synthetic_corpus

    try:
        paths = write_synthetic_corpus(
            args.out_dir, n_cases=args.n_cases, years=args.years or DEFAULT_YEARS, seed=args.seed,
            effects=args.effect, cases_per_file=args.cases_per_file, chars_per_case=args.chars_per_case or None,
        )
    except ValueError as exc:
        raise FutokoError(f"synth: {exc}") from None
    size = f", ≈ {args.chars_per_case:,} characters each" if args.chars_per_case else ""
    print(f"{len(paths['reports'])} SYNTHETIC report file(s), {args.n_cases} cases{size} → {args.out_dir}")
    print(paths["manifest"])
    print(paths["truth_json"])
    return 0

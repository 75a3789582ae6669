"""Benchmark on the SYNTHETIC corpus: generate N cases, then time each step of the chain.

Steps timed: generate (write_synthetic_corpus) → ingest (load_reports) → features (lexical
profile) → coding (code_statements) → case_variables → associations (+ prevalence and trend),
and planted-code recall of the coder. Prints one line per step with cases/s and characters/s.

Usage::

    .venv/bin/python benchmarks/bench_synthetic.py [--n-cases 10000] [--seed 0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import warnings
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cases-per-file", type=int, default=50)
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    args = parser.parse_args(argv)

    import numpy as np

    from futoko_research.analysis import associations, case_variables, prevalence, prevalence_trend
    from futoko_research.coding import code_statements
    from futoko_research.features import extract
    from futoko_research.loaders.reports import load_reports
    from futoko_research.synthetic import read_truth, write_synthetic_corpus

    out = args.keep or Path(tempfile.mkdtemp(prefix="bench_synthetic_"))
    times: dict[str, float] = {}

    def timed(name, fn):
        t0 = time.perf_counter()
        result = fn()
        times[name] = time.perf_counter() - t0
        return result

    try:
        timed("generate", lambda: write_synthetic_corpus(out, n_cases=args.n_cases, seed=args.seed,
                                                         cases_per_file=args.cases_per_file))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cases, statements, checkboxes = timed("ingest", lambda: load_reports(out))
        n_chars = int(statements["text"].str.len().sum())
        tokens = timed("features (lexical)", lambda: extract(statements, profile="lexical", progress=False,
                                                              cache_dir=False).tokens)
        codes = timed("coding", lambda: code_statements(statements, tokens=tokens))
        cv = timed("case_variables", lambda: case_variables(cases, checkboxes, codes, statements=statements))
        assoc = timed("associations", lambda: associations(cv))
        timed("prevalence + trend", lambda: (prevalence(cv), prevalence_trend(cv)))
        truth, tc = read_truth(out)
        m = cv.merge(tc, on="case_id", suffixes=("", "_true"))
        recalls, fprs = [], []
        for col in [c for c in tc.columns if c.startswith(("int_", "out_"))]:
            got, want = m[col].to_numpy(dtype=bool), m[f"{col}_true"].to_numpy(dtype=bool)
            recalls.append((got & want).sum() / max(want.sum(), 1))
            fprs.append((got & ~want).sum() / max((~want).sum(), 1))
        size_mb = sum(p.stat().st_size for p in out.glob("synthetic_*.txt")) / 1e6
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)

    print(f"SYNTHETIC corpus: {args.n_cases} cases, {len(statements)} statements, {n_chars} characters, "
          f"{size_mb:.1f} MB of text, seed {args.seed}")
    chain = 0.0
    for name, sec in times.items():
        if name != "generate":
            chain += sec
        print(f"  {name:<20s} {sec:8.2f} s   {args.n_cases / sec:10.0f} cases/s   {n_chars / sec / 1e3:9.0f} k chars/s")
    print(f"  {'ingest → analysis':<20s} {chain:8.2f} s   {args.n_cases / chain:10.0f} cases/s")
    print(f"  tokens: {len(tokens)}; codes: {len(codes)}; association rows: {len(assoc)}")
    print(f"  planted-code recall: min {min(recalls):.3f}, mean {np.mean(recalls):.3f}; "
          f"false-positive rate: max {max(fprs):.4f}")
    pooled = assoc[assoc["fiscal_year"] == "all"].set_index(["intervention", "outcome"])
    for e in truth["effects"]:
        r = pooled.loc[(e["intervention"], e["outcome"])]
        print(f"  planted {e['intervention']} → {e['outcome']} OR {e['odds_ratio']:g}: "
              f"MH OR {r['odds_ratio']:.2f} [{r['ci_low']:.2f}, {r['ci_high']:.2f}], q = {r['q_value']:.1e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: parse only what links need (lexical prefilter) versus parse every statement.

On the SYNTHETIC corpus (``futoko_research.synthetic``; file names ``synthetic_*``, labelled
synthetic in its manifest), runs the links twice, side by side, with no parse cache:

- **prefiltered**: ``prefilter_statements`` (regex, no parse) selects the statements holding a
  candidate construction; only they are parsed with ``features.dependency_tokens`` (GiNZA,
  profile fast); ``extract_links`` on them;
- **every statement**: every statement parsed; ``extract_links(..., prefilter=False)``.

Prints the share of statements parsed, the seconds of each stage, the time saved, and whether
the two runs give the same links (they must: every construction starts from a lexical cue).
Also prints the share the prefilter keeps on the real sample in data/raw (no parse needed).

Usage::

    .venv/bin/python benchmarks/bench_links.py [--n-cases 1000] [--seed 0] [--repeat 2] [--distinct]

The generated sentences repeat (templates), and the parser handles a repeated text once, which
makes the statements the prefilter rejects (titles, tick-box labels, activity templates) nearly
free to parse; ``--distinct`` prefixes each statement with a running number （1） so that every
text is distinct, as in real reports.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cases-per-file", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best time of each stage is shown")
    parser.add_argument("--distinct", action="store_true",
                        help="number every statement, so that no two texts repeat (as in real reports)")
    args = parser.parse_args(argv)

    import pandas as pd

    from futoko_research.analysis.links import extract_links, prefilter_statements
    from futoko_research.features import dependency_tokens
    from futoko_research.loaders.reports import load_reports
    from futoko_research.nlp import load_nlp
    from futoko_research.synthetic import write_synthetic_corpus

    out = Path(tempfile.mkdtemp(prefix="bench_links_"))
    try:
        write_synthetic_corpus(out, n_cases=args.n_cases, seed=args.seed, cases_per_file=args.cases_per_file)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _cases, statements, _cb = load_reports(out)
            _c, sample, _b = load_reports(REPO / "data" / "raw")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if args.distinct:
        # the generator's templates repeat (and a parse of a repeated text is reused): make every text
        # distinct, as in real reports, with a running number that holds no construction
        statements = statements.assign(text=[f"（{k}）{t}" for k, t in enumerate(statements["text"], 1)])
        statements["text_norm"] = statements["text"]
    load_nlp("fast")  # load the model once, outside both timings

    def timed(fn, *a, **kw):
        t0 = time.perf_counter()
        result = fn(*a, **kw)
        return result, time.perf_counter() - t0

    best: dict[str, float] = {}

    def keep_best(name: str, sec: float) -> None:
        best[name] = min(sec, best.get(name, float("inf")))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # warm up (model, codebook, regexes) on a few statements, outside the timings
        extract_links(statements.head(20), tokens=dependency_tokens(statements.head(20), cache_dir=False),
                      parse=False)
        for _ in range(args.repeat):  # alternate the two runs; keep the best time of each stage
            keep, t = timed(prefilter_statements, statements)
            keep_best("filter", t)
            sub = statements[keep.to_numpy(dtype=bool)]
            tok_some, t = timed(dependency_tokens, sub, cache_dir=False)
            keep_best("parse_some", t)
            links_some, t = timed(extract_links, statements, tokens=tok_some, parse=False)
            keep_best("links_some", t)
            tok_all, t = timed(dependency_tokens, statements, cache_dir=False)
            keep_best("parse_all", t)
            links_all, t = timed(extract_links, statements, tokens=tok_all, parse=False, prefilter=False)
            keep_best("links_all", t)
    t_filter, t_parse_some, t_links_some = best["filter"], best["parse_some"], best["links_some"]
    t_parse_all, t_links_all = best["parse_all"], best["links_all"]
    try:
        pd.testing.assert_frame_equal(links_some, links_all)
        same = True
    except AssertionError:
        same = False
    n, k = len(statements), int(keep.sum())
    chars_all = int(statements["text"].str.len().sum())
    chars_some = int(sub["text"].str.len().sum())
    total_some = t_filter + t_parse_some + t_links_some
    total_all = t_parse_all + t_links_all
    ks = int(prefilter_statements(sample).sum())

    print(f"SYNTHETIC corpus (futoko_research.synthetic, seed {args.seed}{', texts made distinct' if args.distinct else ''}): "
          f"{args.n_cases} cases, {n} statements, "
          f"{chars_all} characters; GiNZA profile fast, no parse cache, model loaded beforehand, "
          f"best of {args.repeat} alternating runs")
    print(f"  {'':<28s}{'prefiltered':>16s}{'every statement':>18s}")
    print(f"  {'statements parsed':<28s}{k:>9d} ({k / n:5.1%}){n:>11d} (100 %)")
    u_some, u_all = sub["text"].nunique(), statements["text"].nunique()
    print(f"  {'distinct texts parsed':<28s}{u_some:>9d} ({u_some / u_all:5.1%}){u_all:>11d} (100 %)")
    print(f"  {'characters parsed':<28s}{chars_some:>9d} ({chars_some / chars_all:5.1%}){chars_all:>11d} (100 %)")
    print(f"  {'prefilter (regex), s':<28s}{t_filter:>16.2f}{'–':>18s}")
    print(f"  {'parse (dependency_tokens), s':<28s}{t_parse_some:>16.2f}{t_parse_all:>18.2f}")
    print(f"  {'extract_links, s':<28s}{t_links_some:>16.2f}{t_links_all:>18.2f}")
    print(f"  {'total, s':<28s}{total_some:>16.2f}{total_all:>18.2f}")
    print(f"  {'links':<28s}{len(links_some):>16d}{len(links_all):>18d}")
    print(f"  time saved: {total_all - total_some:.2f} s ({1 - total_some / total_all:.1%}); "
          f"same links: {'yes' if same else 'NO'}")
    print(f"  real sample (data/raw): the prefilter keeps {ks} of {len(sample)} statements ({ks / len(sample):.1%})")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

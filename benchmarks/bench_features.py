"""Benchmark of futoko_research.features.extract against bare GiNZA / SudachiPy and MeCab.

Prints figures; asserts nothing (speed is not a unit test). Corpus: the real sample report's
statements repeated with unique suffixes — SYNTHETIC text, labelled as such in every id
(``synthetic-000001``) — up to ``--chars`` characters (default 200,000).

Measured, per profile (full, fast, lexical):

- bare throughput: ``nlp.pipe`` (full / fast) or ``tokenizer.tokenize`` per statement (lexical)
- ``extract()`` throughput (cold Doc cache for full / fast) and its ratio to bare, measured A B B A
  over the two halves of the corpus (bare, extract, extract, bare) so that a drift of the process
  or of the machine weighs on both sides alike
- full only: the ``processes`` runner with ``n_process=2`` (``get_runner("processes",
  n_process=2)``) against the serial runner, and warm-cache speed-up
- peak resident memory (this process; and the parser workers)
- MeCab (fugashi + unidic-lite) on the same statements: parse only, and parse + reading the
  fields the lexical table holds (surface, lemma, POS, reading)

Wall-clock and CPU (process) time are both reported: the machine may be shared, and CPU time of
this process is less sensitive to other loads (it does not count the n_process workers, so the
n_process speed-up uses wall time).

Usage::

    python benchmarks/bench_features.py               # 200k characters, every profile
    python benchmarks/bench_features.py --chars 20000 --profiles lexical,fast   # a quick run
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGETS = {
    "full_wrapper_ratio": 0.95,
    "lexical_vs_mecab": 0.5,
    "n_process_2_speedup": 1.6,
    "warm_speedup": 20.0,
}


def synthetic_corpus(n_chars: int):
    """SYNTHETIC statements: the sample's statements repeated with a unique suffix each."""
    import pandas as pd

    from futoko_research.loaders.reports import load_reports

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sample = load_reports(REPO / "data" / "raw").statements
    base = sample["text"].tolist()
    texts, total, i = [], 0, 0
    while total < n_chars:
        text = f"{base[i % len(base)]}（合成{i:06d}）"
        texts.append(text)
        total += len(text)
        i += 1
    frame = pd.DataFrame({
        "statement_id": [f"synthetic-{k:06d}" for k in range(len(texts))],
        "case_id": [f"synthetic-case-{k // 14:05d}" for k in range(len(texts))],
        "text": texts,
    }).astype("string")
    return frame, texts, total


class Timer:
    def __enter__(self):
        gc.collect()
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0


def bench_mecab(texts, n_chars) -> dict:
    try:
        import fugashi
    except ImportError:
        return {"error": "fugashi / unidic-lite not installed (pip install 'futoko-research[bench]')"}
    tagger = fugashi.Tagger()
    for t in texts[:50]:
        tagger(t)
    with Timer() as parse:
        for t in texts:
            tagger(t)
    with Timer() as fields:
        for t in texts:
            [(w.surface, w.feature.lemma, w.feature.pos1, w.feature.kana) for w in tagger(t)]
    return {
        "parse_wall_cps": n_chars / parse.wall, "parse_cpu_cps": n_chars / parse.cpu,
        "fields_wall_cps": n_chars / fields.wall, "fields_cpu_cps": n_chars / fields.cpu,
    }


def bench_profile(profile, frame, texts, n_chars, args, cache_root) -> dict:
    from futoko_research.backends import get_runner
    from futoko_research.features import extract
    from futoko_research.nlp import load_nlp

    out: dict = {"profile": profile}
    with Timer() as load:
        nlp = load_nlp(profile)
    out["load_s"] = load.wall
    warm_up = texts[:20]
    half = len(texts) // 2
    halves = [(texts[:half], frame.iloc[:half]), (texts[half:], frame.iloc[half:])]
    cache_dir = Path(cache_root) / f"cache-{profile}"

    def run_bare(part):
        with Timer() as t:
            if profile == "lexical":
                for x in part:
                    nlp.tokenize(x)
            else:
                for _ in nlp.pipe(part, batch_size=args.batch_size):
                    pass
        return t

    def run_extract(part_frame):
        with Timer() as t:
            result = extract(part_frame, profile=profile, progress=False, cache_dir=cache_dir,
                             batch_size=args.batch_size)
        return t, result

    if profile == "lexical":
        for t in warm_up:
            nlp.tokenize(t)
        with Timer() as bare_fields:
            for t in texts:
                [(m.surface(), m.dictionary_form(), m.normalized_form(), m.reading_form(), m.part_of_speech())
                 for m in nlp.tokenize(t)]
        out["bare_fields_wall_cps"] = n_chars / bare_fields.wall
        out["bare_fields_cpu_cps"] = n_chars / bare_fields.cpu
    else:
        list(nlp.pipe(warm_up, batch_size=args.batch_size))
    extract(frame.head(20), profile=profile, progress=False, cache_dir=False)  # warm-up of the wrapper
    # A B B A over the two halves (bare, extract, extract, bare): a slow drift of the process or
    # the machine affects both sides alike
    b1 = run_bare(halves[0][0])
    e1, r1 = run_extract(halves[0][1])
    e2, r2 = run_extract(halves[1][1])
    b2 = run_bare(halves[1][0])
    bare_wall, bare_cpu = b1.wall + b2.wall, b1.cpu + b2.cpu
    cold_wall, cold_cpu = e1.wall + e2.wall, e1.cpu + e2.cpu
    out["bare_wall_cps"] = n_chars / bare_wall
    out["bare_cpu_cps"] = n_chars / bare_cpu
    out["extract_wall_cps"] = n_chars / cold_wall
    out["extract_cpu_cps"] = n_chars / cold_cpu
    out["ratio_wall"] = bare_wall / cold_wall
    out["ratio_cpu"] = bare_cpu / cold_cpu

    out["n_tokens"] = len(r1.tokens) + len(r2.tokens)
    out["stats"] = {k: r1.info["stats"][k] + r2.info["stats"][k] for k in ("n_chunks", "n_parsed", "n_cached")}
    if profile != "lexical":
        with Timer() as warm:
            again = extract(frame, profile=profile, progress=False, cache_dir=cache_dir, batch_size=args.batch_size)
        assert again.info["stats"]["n_parsed"] == 0, "warm run parsed text"
        out["warm_wall_s"] = warm.wall
        out["warm_speedup"] = cold_wall / warm.wall
        out["warm_cps"] = n_chars / warm.wall
    out["peak_rss_mb"] = peak_mb()
    if profile == "full" and not args.skip_n_process:
        with Timer() as two:
            extract(frame, profile=profile, progress=False, runner=get_runner("processes", n_process=2),
                    cache_dir=Path(cache_root) / "cache-full-np2", batch_size=args.batch_size)
        out["n_process_2_wall_cps"] = n_chars / two.wall
        out["n_process_2_speedup"] = cold_wall / two.wall
        out["peak_rss_children_mb"] = peak_mb(resource.RUSAGE_CHILDREN)
    return out


def report(results: dict) -> str:
    lines = []
    c = results["corpus"]
    lines.append(f"corpus: {c['n_statements']} statements, {c['n_chars']:,} characters "
                 "(SYNTHETIC: the sample's statements repeated with unique suffixes)")
    lines.append(f"machine: {results['machine']}")
    lines.append("")
    lines.append("| profile | bare chars/s (wall / CPU) | extract() chars/s (wall / CPU) | ratio (wall / CPU) "
                 "| warm cache | peak RSS |")
    lines.append("|---|---|---|---|---|---|")
    for p in ("full", "fast", "lexical"):
        r = results["profiles"].get(p)
        if not r:
            continue
        warm = f"{r['warm_speedup']:.0f}× ({r['warm_cps']:,.0f} chars/s)" if "warm_speedup" in r else "not cached"
        lines.append(f"| {p} | {r['bare_wall_cps']:,.0f} / {r['bare_cpu_cps']:,.0f} | "
                     f"{r['extract_wall_cps']:,.0f} / {r['extract_cpu_cps']:,.0f} | "
                     f"{r['ratio_wall']:.3f} / {r['ratio_cpu']:.3f} | {warm} | {r['peak_rss_mb']:,.0f} MB |")
    full = results["profiles"].get("full", {})
    if "n_process_2_speedup" in full:
        lines.append("")
        lines.append(f"full, n_process=2: {full['n_process_2_wall_cps']:,.0f} chars/s wall, speed-up "
                     f"{full['n_process_2_speedup']:.2f}× over n_process=1 (workers' peak RSS "
                     f"{full['peak_rss_children_mb']:,.0f} MB)")
    lex = results["profiles"].get("lexical")
    mecab = results.get("mecab", {})
    if lex and "bare_fields_cpu_cps" in lex:
        lines.append(f"lexical, bare SudachiPy reading every field: {lex['bare_fields_wall_cps']:,.0f} / "
                     f"{lex['bare_fields_cpu_cps']:,.0f} chars/s (wall / CPU)")
    if "parse_cpu_cps" in mecab:
        lines.append(f"MeCab (fugashi + unidic-lite), parse only: {mecab['parse_wall_cps']:,.0f} / "
                     f"{mecab['parse_cpu_cps']:,.0f} chars/s; parse + surface, lemma, POS, reading: "
                     f"{mecab['fields_wall_cps']:,.0f} / {mecab['fields_cpu_cps']:,.0f} chars/s (wall / CPU)")
    elif mecab:
        lines.append(f"MeCab: {mecab.get('error')}")
    lines.append("")
    lines.append("targets:")
    for name, value, target in results["targets"]:
        verdict = "met" if value is not None and value >= target else "NOT met"
        shown = "n/a" if value is None else f"{value:.2f}"
        lines.append(f"- {name}: {shown} (target ≥ {target}) — {verdict}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000, help="corpus size in characters (default 200000)")
    parser.add_argument("--profiles", default="full,fast,lexical", help="comma-separated profiles")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (bare and extract)")
    parser.add_argument("--skip-n-process", action="store_true", help="skip the n_process=2 run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--one-profile", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    frame, texts, n_chars = synthetic_corpus(args.chars)
    results: dict = {
        "corpus": {"n_statements": len(texts), "n_chars": n_chars, "synthetic": True},
        "machine": f"{os.cpu_count()} CPUs, load average at start {os.getloadavg()[0]:.2f}",
        "profiles": {},
    }
    if args.one_profile:  # child process: one profile, figures as JSON on stdout
        with tempfile.TemporaryDirectory(prefix="bench-features-") as cache_root:
            print(json.dumps(bench_profile(args.one_profile, frame, texts, n_chars, args, cache_root), default=str))
        return 0
    profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    for profile in ("lexical", "fast", "full"):
        if profile in profiles:  # each profile in its own process: peak memory is that profile's
            print(f"... {profile}", file=sys.stderr, flush=True)
            cmd = [sys.executable, __file__, "--one-profile", profile, "--chars", str(args.chars),
                   "--batch-size", str(args.batch_size)] + (["--skip-n-process"] if args.skip_n_process else [])
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
            results["profiles"][profile] = json.loads(proc.stdout.strip().splitlines()[-1])
    print("... MeCab", file=sys.stderr, flush=True)
    results["mecab"] = bench_mecab(texts, n_chars)
    results["machine"] += f", at end {os.getloadavg()[0]:.2f}"

    full = results["profiles"].get("full", {})
    lex = results["profiles"].get("lexical", {})
    mecab = results["mecab"]
    results["targets"] = [
        ("full extract()/bare nlp.pipe (CPU)", full.get("ratio_cpu"), TARGETS["full_wrapper_ratio"]),
        ("full extract()/bare nlp.pipe (wall)", full.get("ratio_wall"), TARGETS["full_wrapper_ratio"]),
        ("lexical extract()/MeCab parse+fields (CPU)",
         lex["extract_cpu_cps"] / mecab["fields_cpu_cps"] if lex and "fields_cpu_cps" in mecab else None,
         TARGETS["lexical_vs_mecab"]),
        ("lexical extract()/MeCab parse only (CPU)",
         lex["extract_cpu_cps"] / mecab["parse_cpu_cps"] if lex and "parse_cpu_cps" in mecab else None,
         TARGETS["lexical_vs_mecab"]),
        ("full n_process=2 speed-up (wall)", full.get("n_process_2_speedup"), TARGETS["n_process_2_speedup"]),
        ("full warm-cache speed-up (wall)", full.get("warm_speedup"), TARGETS["warm_speedup"]),
    ]
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

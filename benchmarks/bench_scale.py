"""Benchmark (issue 19): real-size SYNTHETIC corpora through the steps of `futoko-research run`.

For each N it writes N synthetic cases of about ``--chars-per-case`` characters
(``futoko_research.synthetic.write_synthetic_corpus(chars_per_case=…)``), runs the steps
ingest → features → code → analyze exactly as ``futoko-research run`` does
(``pipeline.steps.run_steps``; default profile, cold parse cache) — each step in its own process,
so that its peak memory is its own — then, with ``--notebooks``, every notebook for every year
(``run_pipeline(steps=())``). It prints per step: wall time, characters per second (content
statements' characters ÷ the step's time), peak RSS (the step's process and its children,
sampled every 0.1 s) and the share of statements parsed with dependencies; and, in the same run,
bare GiNZA ``full`` (``nlp.pipe``, one process, model loaded first) on the first ``--bare-chars``
characters of the same statements, so that chain ÷ bare is the figure.

Variants (``--variants``): ``serial`` (the default execution), ``processes`` (the steps'
parsing in ``--n-process`` forked processes), ``dask`` (every step on a LocalCluster of
``--workers`` workers, one process for the whole chain as `futoko-research run --backend dask`;
peak RSS then covers the client and its workers), ``full`` (``--profile full``: parse
everything). Tables of every variant are compared with the first one's.

    .venv/bin/python benchmarks/bench_scale.py --n 250 1000 [--notebooks] [--variants serial processes dask]

Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # this checkout's package, also in the child processes (PYTHONPATH below)
    sys.path.insert(0, str(ROOT))
STEPS = ("ingest", "features", "code", "analyze")
COMPARED = ("statements", "codes", "case_codes", "case_variables", "links", "link_counts", "associations", "prevalence")


# --------------------------------------------------------------------------- child processes
def child_steps(args: argparse.Namespace) -> int:
    """Run steps (``--child STEP[,STEP]``) with run_steps and print their durations as JSON."""
    from futoko_research.pipeline.options import RunOptions
    from futoko_research.pipeline.steps import run_steps

    settings = dict(raw_dir=Path(args.raw), processed_dir=Path(args.processed), cache_dir=Path(args.cache),
                    steps=tuple(args.child.split(",")), progress=False, nlp_profile=args.profile)
    if args.backend == "dask":
        settings.update(backend="dask", workers=args.workers)
    elif args.n_process > 1:
        settings["n_process"] = args.n_process
    import resource

    t0 = time.perf_counter()
    durations = run_steps(RunOptions.make(**settings).resolved())
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    print("DURATIONS " + json.dumps({"steps": durations, "wall": time.perf_counter() - t0, "cpu": cpu}))
    return 0


def child_notebooks(args: argparse.Namespace) -> int:
    from futoko_research.pipeline import run_pipeline

    t0 = time.perf_counter()
    res = run_pipeline(None, raw_dir=Path(args.raw), processed_dir=Path(args.processed), output_dir=Path(args.output),
                       params_dir=Path(args.output) / "params", steps=(), progress=False)
    print("DURATIONS " + json.dumps({"wall": time.perf_counter() - t0, "runs": res.timings.get("notebook_runs")}))
    return 0


def child_bare(args: argparse.Namespace) -> int:
    """Bare GiNZA full: nlp.pipe over the first --bare-chars characters of the statements."""
    from futoko_research.nlp import load_nlp
    from futoko_research.pipeline.steps import content_statements

    texts, n = [], 0
    for t in content_statements(pd.read_parquet(Path(args.processed) / "statements.parquet"))["text"].astype(str):
        if n >= args.bare_chars:
            break
        texts.append(t)
        n += len(t)
    nlp = load_nlp("full")
    list(nlp.pipe(["準備のための短い文です。"] * 8))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print("DURATIONS " + json.dumps({"chars": n, "wall": wall, "cpu": cpu}))
    return 0


def run_child(argv: list[str]) -> tuple[dict, float, float]:
    """Run this script as a child; (its JSON, wall seconds, peak RSS in MB of its process tree)."""
    import psutil

    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, __file__, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    peak = [0]

    def sample() -> None:
        try:
            p = psutil.Process(proc.pid)
            while proc.poll() is None:
                try:
                    rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
                    peak[0] = max(peak[0], rss)
                except psutil.Error:
                    pass
                time.sleep(0.1)
        except psutil.Error:
            pass

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    th.join()
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"child {argv[:2]} failed:\n{err[-3000:]}")
    line = next(ln for ln in out.splitlines() if ln.startswith("DURATIONS "))
    return json.loads(line[len("DURATIONS "):]), wall, peak[0] / 2**20


# --------------------------------------------------------------------------- one corpus
def corpus_figures(processed: Path) -> dict:
    from futoko_research.analysis.link_prefilter import link_candidates
    from futoko_research.analysis.links import prefilter_statements
    from futoko_research.pipeline.steps import content_statements

    st = content_statements(pd.read_parquet(processed / "statements.parquet")).reset_index(drop=True)
    lengths = st["text"].astype(str).str.len()
    cues = prefilter_statements(st).to_numpy(dtype=bool)
    cand = link_candidates(st).to_numpy(dtype=bool)
    return {"n_statements": len(st), "chars": int(lengths.sum()), "cues": int(cues.sum()),
            "cue_chars": int(lengths[cues].sum()), "candidates": int(cand.sum()),
            "candidate_chars": int(lengths[cand].sum()), "duplicate_chars": int(lengths[st["text"].duplicated()].sum())}


def run_variant(variant: str, raw: Path, folder: Path, args: argparse.Namespace) -> dict:
    processed, cache = folder / "processed", folder / "cache"
    common = ["--raw", str(raw), "--processed", str(processed), "--cache", str(cache), "--workers", str(args.workers)]
    profile = "full" if variant == "full" else "lexical"
    common += ["--profile", profile]
    common += ["--n-process", str(args.n_process if variant == "processes" else 1)]
    rows = {}
    if variant == "dask":
        data, wall, rss = run_child(["--child", ",".join(STEPS), "--backend", "dask", *common])
        for step in STEPS:
            rows[step] = {"s": data["steps"][step], "rss_mb": rss}
        rows["_wall"] = wall
        return rows
    for step in STEPS:
        data, wall, rss = run_child(["--child", step, *common])
        rows[step] = {"s": data["steps"][step], "rss_mb": rss, "process_s": wall, "cpu_s": data.get("cpu")}
    return rows


def same_tables(a: Path, b: Path) -> dict[str, bool]:
    from pandas.testing import assert_frame_equal

    out = {}
    for name in COMPARED:
        try:
            assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"))
            out[name] = True
        except AssertionError:
            out[name] = False
    return out


def bench_n(n: int, args: argparse.Namespace, tmp: Path) -> dict:
    import shutil

    from futoko_research.synthetic import write_synthetic_corpus

    raw = tmp / f"raw_{n}"
    write_synthetic_corpus(raw, n_cases=n, chars_per_case=args.chars_per_case, seed=args.seed)
    # notebook 05 reads the (real, published) national statistics beside the reports
    shutil.copy(ROOT / "data" / "raw" / "mext_futoko_national.csv", raw / "mext_futoko_national.csv")
    result: dict = {"n": n, "variants": {}}
    for variant in args.variants:
        folder = tmp / f"{variant}_{n}"
        t0, load = time.perf_counter(), os.getloadavg()[0]
        result["variants"][variant] = run_variant(variant, raw, folder, args)
        result["variants"][variant]["_load"] = load
        print(f"  [{n}] {variant}: {time.perf_counter() - t0:.1f} s", flush=True)
    first = args.variants[0]
    result["corpus"] = corpus_figures(tmp / f"{first}_{n}" / "processed")
    result["same_tables"] = {v: same_tables(tmp / f"{first}_{n}" / "processed", tmp / f"{v}_{n}" / "processed")
                             for v in args.variants[1:]}
    load = os.getloadavg()[0]
    data, _wall, rss = run_child(["--child-bare", "--processed", str(tmp / f"{first}_{n}" / "processed"),
                                  "--bare-chars", str(args.bare_chars)])
    result["bare"] = {**data, "chars_per_s": data["chars"] / data["wall"], "rss_mb": rss, "load": load}
    if args.notebooks:
        out = tmp / f"output_{n}"
        try:
            data, wall, rss = run_child(["--child-notebooks", "--raw", str(raw), "--processed",
                                         str(tmp / f"{first}_{n}" / "processed"), "--output", str(out)])
            result["notebooks"] = {"s": data["wall"], "runs": data.get("runs"), "rss_mb": rss}
        except RuntimeError as exc:  # keep the steps' figures
            print(f"notebooks failed: {str(exc)[-800:]}", flush=True)
    return result


# --------------------------------------------------------------------------- report
def report(results: list[dict], args: argparse.Namespace) -> str:
    lines = []
    for r in results:
        c, bare = r["corpus"], r["bare"]
        lines.append(f"\nN = {r['n']:,} cases: {c['n_statements']:,} statements, {c['chars']:,} characters "
                     f"(duplicated statements {c['duplicate_chars'] / c['chars']:.1%} of the characters); a link "
                     f"cue in {c['cues']:,} statements ({c['cue_chars'] / c['chars']:.1%} of the characters); links' "
                     f"prefilter keeps {c['candidates']:,} statements ({c['candidates'] / c['n_statements']:.1%}), "
                     f"{c['candidate_chars'] / c['chars']:.1%} of the characters")
        lines.append("load average (1 min) at the start of each variant / of bare: " + ", ".join(
            f"{v} {rows.get('_load', float('nan')):.2f}" for v, rows in r["variants"].items())
            + f", bare {bare.get('load', float('nan')):.2f}")
        lines.append(f"bare GiNZA full (nlp.pipe, 1 process) on the first {bare['chars']:,} characters: "
                     f"{bare['chars_per_s']:,.0f} chars/s (CPU {bare['chars'] / bare['cpu']:,.0f}); peak RSS "
                     f"{bare['rss_mb']:,.0f} MB")
        lines.append("| variant | step | s | chars/s | peak RSS MB | statements parsed with dependencies |")
        lines.append("|---|---|---:|---:|---:|---:|")
        for variant, rows in r["variants"].items():
            total = sum(rows[s]["s"] for s in STEPS)
            for step in STEPS:
                parsed = ("100 %" if variant == "full" else "0 %") if step == "features" else \
                    (f"{c['candidates'] / c['n_statements']:.1%}" if step == "analyze" and variant != "full" else "—")
                if step == "analyze" and variant == "full":
                    parsed = "0 % (reads stored)"
                lines.append(f"| {variant} | {step} | {rows[step]['s']:.1f} | {c['chars'] / rows[step]['s']:,.0f} | "
                             f"{rows[step]['rss_mb']:,.0f} | {parsed} |")
            rate = c["chars"] / total
            lines.append(f"| {variant} | **chain** | **{total:.1f}** | **{rate:,.0f}** | "
                         f"{max(rows[s]['rss_mb'] for s in STEPS):,.0f} | chain ÷ bare full = **{rate / bare['chars_per_s']:.2f}×** |")
            cpu = [rows[s].get("cpu_s") for s in STEPS]
            if all(cpu):
                cpu_rate = c["chars"] / sum(cpu)
                lines.append(f"| {variant} | chain, CPU time (process and children, incl. start-up) | {sum(cpu):.1f} | "
                             f"{cpu_rate:,.0f} | | chain CPU ÷ bare CPU = {cpu_rate / (bare['chars'] / bare['cpu']):.2f}× |")
            if "_wall" in rows:
                lines.append(f"| {variant} | (process, incl. cluster start) | {rows['_wall']:.1f} | | | |")
        for v, same in r.get("same_tables", {}).items():
            lines.append(f"tables of {v} = {args.variants[0]}: " + ", ".join(f"{k} {'yes' if ok else 'NO'}"
                                                                             for k, ok in same.items()))
        if "notebooks" in r:
            nb = r["notebooks"]
            lines.append(f"notebooks (every year and all, {nb['runs']} runs): {nb['s']:.1f} s; peak RSS {nb['rss_mb']:,.0f} MB")
    if len(results) > 1:
        v = args.variants[0]
        a, b = results[0], results[-1]
        peak = {r["n"]: max(r["variants"][v][s]["rss_mb"] for s in STEPS) for r in results}
        lines.append(f"\npeak RSS ({v}) N={b['n']} ÷ N={a['n']}: {peak[b['n']] / peak[a['n']]:.2f}")
        # extrapolation: seconds per character of the largest run, to 10,000 cases
        c = b["corpus"]
        total = sum(b["variants"][v][s]["s"] for s in STEPS)
        per_char = total / c["chars"]
        chars_10k = c["chars"] / b["n"] * 10_000
        est = per_char * chars_10k
        nb = f"; notebooks at N={b['n']}: {b['notebooks']['s']:.0f} s" if "notebooks" in b else ""
        lines.append(f"estimate (extrapolated linearly from N={b['n']}, not measured): 10,000 cases ≈ {chars_10k:,.0f} "
                     f"characters, steps ≈ {est / 60:.1f} min ({v}){nb}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, nargs="+", default=[250, 1000])
    p.add_argument("--chars-per-case", type=int, default=1500)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--variants", nargs="+", default=["serial"], choices=("serial", "processes", "dask", "full"))
    p.add_argument("--n-process", type=int, default=2)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--bare-chars", type=int, default=40_000)
    p.add_argument("--notebooks", action="store_true", help="also run every notebook for every year")
    p.add_argument("--json", type=Path, default=None, help="also write the raw figures here")
    # child modes
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--child-notebooks", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--raw"), p.add_argument("--processed"), p.add_argument("--cache"), p.add_argument("--output")
    p.add_argument("--backend", default="serial"), p.add_argument("--profile", default="lexical")
    args = p.parse_args(argv)
    if args.child:
        return child_steps(args)
    if args.child_notebooks:
        return child_notebooks(args)
    if args.child_bare:
        return child_bare(args)
    import platform

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; Python {platform.python_version()}; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n in args.n:
            results.append(bench_n(n, args, Path(tmp)))
            print(report(results[-1:], args), flush=True)
    print(report(results, args))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: a cold and a warm `futoko-research run`, against the floor of starting the kernels.

Prints figures (no assertions). Runs into a temporary folder so data/processed and
papermill/output are not touched:

    .venv/bin/python benchmarks/bench_pipeline.py [--years all unknown] [--profile full]

1. floor: papermill on an empty notebook (one parameters cell), timed N times: the cost of
   starting a python3 kernel and papermill's bookkeeping, per notebook;
2. cold run: every step (GiNZA parse, no cache) and every notebook for the years;
3. warm run: the same again (parse cache present, same inputs) — what a second `make run` costs;
4. the warm run's notebooks against ``n_notebook_runs × floor``, and whether the two runs'
   outputs are byte-identical.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from futoko_research.pipeline import KERNEL_NAME, output_hashes, run_pipeline
from futoko_research.reporting import project_path


def kernel_floor(folder: Path, repeats: int) -> float:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('x = 1  # int: a parameter')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    src = folder / "empty.ipynb"
    nbformat.write(nb, src)
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        papermill.execute_notebook(str(src), str(folder / f"empty_{i}.ipynb"), parameters={"x": 2},
                                   kernel_name=KERNEL_NAME, progress_bar=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", nargs="+", default=None, help="years (default: every year of the manifest and all)")
    parser.add_argument("--profile", default="full")
    parser.add_argument("--floor-repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1, help="also time a warm run with this many parallel years")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        tmp = Path(tmp)
        floor = kernel_floor(tmp, args.floor_repeats)
        kw = dict(raw_dir=project_path("data/raw"), processed_dir=tmp / "processed", output_dir=tmp / "output",
                  cache_dir=tmp / "cache", nlp_profile=args.profile)
        cold = run_pipeline(args.years, **kw)
        h1 = output_hashes(tmp / "output", tmp / "processed")
        warm = run_pipeline(args.years, **kw)
        h2 = output_hashes(tmp / "output", tmp / "processed")
        parallel = run_pipeline(args.years, jobs=args.jobs, **kw) if args.jobs > 1 else None
    changed = sorted(k for k in set(h1) | set(h2) if h1.get(k) != h2.get(k))
    n = warm.timings["notebook_runs"]
    print(f"kernel floor (median of {args.floor_repeats} empty notebooks): {floor:.2f} s per notebook")
    for name, res in (("cold", cold), ("warm", warm)):
        t = res.timings
        steps = ", ".join(f"{k} {v:.2f}" for k, v in t["steps_s"].items())
        print(f"{name}: total {t['total_s']:.1f} s; steps {sum(t['steps_s'].values()):.1f} s ({steps}); "
              f"notebooks {t['notebooks_total_s']:.1f} s for {t['notebook_runs']} runs")
    for year, per in warm.timings["notebooks_s"].items():
        print(f"warm notebooks [{year}]: " + ", ".join(f"{k} {v:.2f}" for k, v in per.items()))
    print(f"warm notebooks / (runs × floor): {warm.timings['notebooks_total_s']:.1f} / ({n} × {floor:.2f}) "
          f"= {warm.timings['notebooks_total_s'] / (n * floor):.2f}×")
    if parallel is not None:
        print(f"warm, --jobs {args.jobs}: total {parallel.timings['total_s']:.1f} s")
    print(f"byte-identical outputs: {'yes' if not changed else 'NO: ' + ', '.join(changed)} ({len(h2)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``futoko-research run``: the whole pipeline, then every notebook for every year (what ``make run`` does)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from futoko_research.paths import OUTPUT_DIR, PARAMS_DIR, PROCESSED_DIR, RAW_DIR


def register(sub: argparse._SubParsersAction) -> None:
    from futoko_research.nlp import PROFILES
    from futoko_research.pipeline.execute import DEFAULT_TIMEOUT
    from futoko_research.pipeline.options import BACKENDS, STEPS
    from futoko_research.pipeline.params import DEFAULT_PROFILE, DEFAULT_SEED

    p = sub.add_parser(
        "run",
        help="ingest → features → code → analyze, then every notebook per fiscal year (papermill)",
        description="Run the pipeline steps into the processed folder, then execute every notebook in "
        "notebooks/ with papermill for each fiscal year of the manifest, 'unknown' (sources without "
        "a year) and 'all', into OUTPUT_DIR/<year>/ (executed notebooks, figures/ PNG+SVG, tables/ "
        "CSV). Writes OUTPUT_DIR/run_manifest.json (parameters, input hashes, versions, output "
        "hashes) and OUTPUT_DIR/run_timings.json (durations). A second run with the same inputs "
        "rewrites every output byte for byte. Exit status 1 when a notebook fails (the message "
        "names the notebook, year and cell), 2 on bad input.",
    )
    p.add_argument("--years", nargs="+", metavar="YEAR", default=None,
                   help="years to run: 'all', 'unknown' or e.g. 2023 (default: every year of the manifest and 'all')")
    p.add_argument("--notebooks", nargs="+", metavar="NAME", default=None,
                   help="notebooks to run, e.g. 01 or 02_text_features (default: all)")
    p.add_argument("--raw-dir", type=Path, default=RAW_DIR, help="raw reports and manifest.csv (default: %(default)s)")
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR, help="processed tables (default: %(default)s)")
    p.add_argument("--output-dir", type=Path, default=OUTPUT_DIR, help="executed notebooks, figures, tables (default: %(default)s)")
    p.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                   help="parameter files <year>.yaml (default: %(default)s; a missing one is written for the "
                   "years of the repository's own manifest, the defaults are used otherwise)")
    p.add_argument("--codebook", type=Path, default=None, help="codebook YAML (default: the package's default codebook)")
    p.add_argument("--method", choices=("rules", "hybrid"), default=None,
                   help="coding method of the code step (default: futoko_research.coding.DEFAULT_METHOD)")
    p.add_argument("--coder-model", type=Path, default=None, metavar="PATH",
                   help="coder model .npz for --method hybrid and --link-method hybrid "
                   "(default: the model shipped with the package)")
    p.add_argument("--link-method", choices=("rules", "hybrid"), default=None,
                   help="how the analyze step codes the links' cause and effect sides "
                   "(default: futoko_research.analysis.links.DEFAULT_SIDE_METHOD, hybrid)")
    p.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE, help="GiNZA profile of the features step (default: %(default)s)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed passed to every notebook (default: %(default)s)")
    p.add_argument("--steps", nargs="*", choices=STEPS, default=list(STEPS),
                   help="steps to run before the notebooks (default: all; give none to re-run the notebooks only)")
    p.add_argument("--backend", choices=BACKENDS, default="serial", help="where the features and code steps run (default: %(default)s)")
    p.add_argument("--scheduler", default=None, help="dask scheduler address (tcp://host:8786); default: a local cluster")
    p.add_argument("--workers", type=int, default=None, help="workers of the local dask cluster (default: 2)")
    p.add_argument("--n-process", type=int, default=1, metavar="N",
                   help="with --backend serial: processes that parse (the links' candidates; every statement "
                   "with --profile fast/full) (default: %(default)s)")
    p.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds allowed per notebook cell (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="years run in parallel, each notebook in its own kernel (default: the number of CPUs, %(default)s)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="one progress bar over the steps and notebooks (default: on a terminal)")
    p.add_argument("--force", action="store_true",
                   help="run every step and execute every notebook, even those whose inputs did not change")
    p.add_argument("--demo", action=argparse.BooleanOptionalAction, default=False,
                   help="also run the SYNTHETIC demo corpus (5 fiscal years) into OUTPUT_DIR/demo "
                   "(make run does; default: %(default)s)")
    p.add_argument("--key-file", type=Path, default=None,
                   help="pseudonymisation key (outside the repository) for sources with personal_data=pseudonymize")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from futoko_research.cli.console import run_console
    from futoko_research.pipeline import (
        ExecutionOptions,
        NotebookExecutionError,
        RunOptions,
        run_pipeline,
    )
    from futoko_research.pipeline.kernel import kernel_log
    from futoko_research.pipeline.provenance import LOG_FILE
    from futoko_research.pipeline.run import planned_units

    if args.n_process < 1:
        print(f"futoko-research run: error: --n-process must be at least 1, not {args.n_process}", file=sys.stderr)
        return 2
    options = RunOptions(
        raw_dir=args.raw_dir, processed_dir=args.processed_dir, output_dir=args.output_dir,
        params_dir=args.params_dir, codebook=args.codebook, coding_method=args.method,
        coder_model=args.coder_model, link_method=args.link_method, nlp_profile=args.profile, seed=args.seed,
        steps=tuple(args.steps), timeout=args.timeout, jobs=args.jobs, progress=False,
        key_file=args.key_file, force=args.force, demo=args.demo,
        execution=ExecutionOptions(args.backend, scheduler=args.scheduler, workers=args.workers,
                                   n_process=args.n_process),
    )
    total = planned_units(args.years, args.notebooks, options)
    log_path = Path(args.output_dir).resolve() / LOG_FILE
    try:
        with run_console(log_path, total=total, progress=args.progress) as advance, kernel_log(log_path):
            result = run_pipeline(args.years, args.notebooks, options=options, on_progress=advance)
    except NotebookExecutionError as exc:
        for failure in exc.failures:
            print(f"futoko-research run: error: {failure.message()}", file=sys.stderr)
        if getattr(exc, "result", None) is not None:
            _summary(exc.result)
        return 1
    _summary(result)
    return 0


def _summary(result) -> None:
    """The final lines: per corpus, years, notebooks run and unchanged, figures; where the report is."""
    for r in (result, result.demo):
        if r is None:
            continue
        what = "demo (SYNTHETIC)" if r.label else "real data"
        t = r.timings
        steps = "unchanged" if r.steps_skipped else f"{sum(t.get('steps_s', {}).values()):.1f} s"
        print(f"run: {what}: {len(r.years)} year(s) [{', '.join(r.years)}] × {len(r.notebooks)} notebook(s): "
              f"{r.executed} executed, {r.cached} unchanged; {len(r.figures)} figures; steps {steps}; "
              f"{t.get('total_s', 0):.1f} s → {r.output_dir}")
        for failure in r.failures:
            print(f"run: failed: {failure.message()}")
    if result.report_path is not None:
        print(f"run: HTML report {result.report_path}")
    print(f"run: manifest {result.manifest_path}; log {result.output_dir / 'run.log'}")

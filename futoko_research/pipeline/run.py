"""``run_pipeline``: the steps, then every notebook for every year, then the manifest, timings and HTML report."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from futoko_research.errors import NotebookExecutionError
from futoko_research.io import remove_temporaries
from futoko_research.pipeline.execute import NotebookFailure
from futoko_research.pipeline.freshness import (
    files_digest,
    is_fresh,
    notebook_key,
    steps_key,
    table_files,
    write_stamp,
    year_digest,
)
from futoko_research.pipeline.options import STEPS, RunOptions
from futoko_research.pipeline.params import check_notebook_parameters, notebook_parameters
from futoko_research.pipeline.personal_data_guard import guard_personal_data
from futoko_research.pipeline.provenance import (
    LOG_FILE,
    MANIFEST_FILE,
    TIMINGS_FILE,
    run_manifest,
    run_timings,
    write_json,
)
from futoko_research.pipeline.selection import resolve_notebooks, resolve_years
from futoko_research.pipeline.steps import run_steps
from futoko_research.pipeline.years import YearOutcome, YearPlan, run_years

log = logging.getLogger("futoko_research")

#: the stamp of the steps in the processed folder
STEPS_STAMP = "steps"


@dataclass
class RunResult:
    """What :func:`run_pipeline` did (for one corpus; the demo's result is in ``demo``)."""

    years: list[str]
    notebooks: list[str]
    output_dir: Path
    manifest_path: Path
    timings_path: Path
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    failures: list[NotebookFailure] = field(default_factory=list)
    executed: int = 0
    cached: int = 0
    steps_skipped: bool = False
    label: str | None = None
    demo: RunResult | None = None
    report_path: Path | None = None

    @property
    def figures(self) -> list[Path]:
        """The PNG figures written for every year."""
        return [p for files in self.outputs.values() for p in files if p.suffix == ".png"]

    def all_failures(self) -> list[NotebookFailure]:
        """The failures of this run and of its demo."""
        return self.failures + (self.demo.failures if self.demo else [])


def run_pipeline(
    years: Iterable[str | int] | None = None, notebooks: Iterable[str] | None = None, *,
    options: RunOptions | None = None, on_progress: Callable[[str], object] | None = None, **settings,
) -> RunResult:
    """Run the steps, then every notebook for every year; write the run manifest, timings and HTML report.

    Only what changed is redone (:mod:`futoko_research.pipeline.freshness`): the steps when a
    raw file, the codebook, an option or the package changed; a notebook for a year when its
    inputs changed. ``force=True`` redoes everything.

    Parameters
    ----------
    years : year labels (``"all"``, ``"unknown"``, ``"2023"``); default every year of the manifest and ``"all"``.
    notebooks : notebook names (``"01"``, ``"01_corpus"``); default every ``NN_name.ipynb`` of the notebooks folder.
    options : what to run and where (:class:`~futoko_research.pipeline.options.RunOptions`);
        ``demo=True`` also runs the SYNTHETIC demo corpus (:mod:`futoko_research.pipeline.demo`)
        into ``output_dir/demo`` (every year of the demo, whatever ``years`` says).
    on_progress : called with a short text after each step and each notebook (the CLI's progress bar).
    **settings : any field of ``RunOptions`` or ``ExecutionOptions`` (``raw_dir=``, ``steps=()``,
        ``jobs=2``, ``backend="dask"`` …), applied over ``options``.

    Returns
    -------
    RunResult

    Raises
    ------
    NotebookExecutionError
        After every year has run, if any notebook failed (the manifests are still written).
    FutokoError
        Bad input (manifest, parameter files, unknown year, notebook or parameter, missing codebook).
    """
    from futoko_research.pipeline.report import write_index

    opts = RunOptions.make(options, **settings).resolved()
    result = run_corpus(years, notebooks, opts, on_progress=on_progress)
    if opts.demo:
        from futoko_research.pipeline.demo import demo_options, write_demo_corpus

        demo_opts = demo_options(opts)
        write_demo_corpus(demo_opts.raw_dir)
        result.demo = run_corpus(None, notebooks, demo_opts, on_progress=on_progress)
    result.report_path = write_index(opts.output_dir)
    _raise_on_failures(result)
    return result


def planned_units(years: Iterable[str | int] | None, notebooks: Iterable[str] | None, options: RunOptions) -> int:
    """How many progress units (steps + year × notebook runs, the demo's too) a run has."""
    o = options.resolved()
    n_steps = len([s for s in STEPS if s in o.steps])
    n_notebooks = len(resolve_notebooks(notebooks, o.notebooks_dir))
    total = n_steps + len(resolve_years(years, o.raw_dir)) * n_notebooks
    if o.demo:
        from futoko_research.pipeline.demo import DEMO_YEARS

        total += n_steps + (len(DEMO_YEARS) + 1) * n_notebooks
    return total


def run_corpus(
    years: Iterable[str | int] | None, notebooks: Iterable[str] | None, opts: RunOptions, *,
    on_progress: Callable[[str], object] | None = None,
) -> RunResult:
    """The run of one corpus (``opts`` resolved): steps, notebooks per year, manifest, timings."""
    started = time.perf_counter()
    remove_temporaries(opts.processed_dir)
    remove_temporaries(opts.output_dir)
    year_labels, nb_paths = _plan(years, notebooks, opts)
    params = {year: _year_parameters(year, opts) for year in year_labels}
    check_notebook_parameters(nb_paths, params)
    step_durations, skipped = _run_steps(opts, on_progress)
    raw_inputs = notebook_raw_inputs(opts.raw_dir)
    plans = [
        YearPlan(year, params[year], {
            nb.stem: notebook_key(nb, year=year, parameters=params[year], year_tables=digest_of_year,
                                  raw_inputs=raw_inputs, label=opts.label)
            for nb in nb_paths
        })
        for year in year_labels
        for digest_of_year in [year_digest(opts.processed_dir, year)]
    ]
    from futoko_research.pipeline.report import export_notebook_html

    outcomes = run_years(
        plans, nb_paths, output_dir=opts.output_dir, timeout=opts.timeout, jobs=opts.jobs, force=opts.force,
        label=opts.label, after_execute=export_notebook_html,
        on_notebook=(lambda y, nb, executed: on_progress(f"{nb} [{y}]" + ("" if executed else " (unchanged)")))
        if on_progress else None,
    )
    result = _collect(year_labels, nb_paths, outcomes, opts)
    result.steps_skipped = skipped
    guard_personal_data(opts.raw_dir, _written_folders(opts), key_file=opts.key_file)
    write_json(result.manifest_path, run_manifest(opts, years=year_labels, notebooks=nb_paths, status=_status(result)))
    result.timings = run_timings(step_durations, {y: o.durations for y, o in outcomes.items()},
                                 time.perf_counter() - started)
    write_json(result.timings_path, result.timings)
    _log_done(result)
    return result


def _run_steps(opts: RunOptions, on_progress) -> tuple[dict[str, float], bool]:
    """Run the steps unless the whole chain is fresh; returns (durations, skipped)."""
    steps = [s for s in STEPS if s in opts.steps]
    if not steps:
        return {}, False
    whole = tuple(steps) == STEPS
    key = steps_key(opts) if whole else None
    if whole and not opts.force and is_fresh(opts.processed_dir, STEPS_STAMP, key):
        log.info("run: steps skipped: no raw file, option or package file changed since the last run")
        for step in steps:
            if on_progress:
                on_progress(f"step {step} (unchanged)")
        return {}, True
    durations = run_steps(opts, on_step=(lambda step: on_progress(f"step {step}")) if on_progress else None)
    if whole:
        write_stamp(opts.processed_dir, STEPS_STAMP, key, table_files(opts.processed_dir)
                    + sorted(opts.processed_dir.glob("*.csv")))
    return durations, False


def notebook_raw_inputs(raw_dir: Path) -> dict[str, str]:
    """sha256 of the raw files the notebooks read directly: every file of ``raw_dir`` that is not a report.

    The reports reach the notebooks through the processed tables (cut by year); ``manifest.csv``
    too. What is left is read whole by every year's notebooks (the national statistics, coding
    sheets).
    """
    from futoko_research.loaders.manifest import read_manifest

    raw_dir = Path(raw_dir)
    reports = {(raw_dir / s.path).resolve() for s in read_manifest(raw_dir)}
    files = [p for p in raw_dir.rglob("*") if p.is_file() and p.resolve() not in reports and p.name != "manifest.csv"
             and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)]
    return files_digest(files, base=raw_dir)


def _plan(years, notebooks, opts: RunOptions) -> tuple[list[str], list[Path]]:
    """The years and notebook paths to run (checked), with the output folders made."""
    year_labels = resolve_years(years, opts.raw_dir)
    nb_paths = resolve_notebooks(notebooks, opts.notebooks_dir)
    opts.output_dir.mkdir(parents=True, exist_ok=True)
    opts.processed_dir.mkdir(parents=True, exist_ok=True)
    return year_labels, nb_paths


def _year_parameters(year: str, opts: RunOptions) -> dict:
    return notebook_parameters(
        year, params_dir=opts.params_dir, raw_dir=opts.raw_dir, processed_dir=opts.processed_dir,
        year_dir=opts.output_dir / year, codebook=opts.codebook, nlp_profile=opts.nlp_profile, seed=opts.seed,
    )


def _collect(year_labels: list[str], nb_paths: list[Path], outcomes: dict[str, YearOutcome], opts: RunOptions) -> RunResult:
    result = RunResult(year_labels, [p.stem for p in nb_paths], opts.output_dir,
                       opts.output_dir / MANIFEST_FILE, opts.output_dir / TIMINGS_FILE, label=opts.label)
    for year in year_labels:
        outcome = outcomes[year]
        result.outputs[year] = outcome.files
        result.executed += len(outcome.durations)
        result.cached += len(outcome.cached)
        for failure in outcome.failures:
            log.error("run: %s", failure.message())
            result.failures.append(failure)
    return result


def _written_folders(opts: RunOptions) -> list[Path]:
    """The folders a run writes (scanned by the personal-data guard)."""
    return [opts.processed_dir, opts.output_dir] + ([opts.cache_dir] if opts.cache_dir else [])


def _status(result: RunResult) -> dict[str, str]:
    return {y: ("failed" if any(f.year == y for f in result.failures) else "ok") for y in result.years}


def _log_done(result: RunResult) -> None:
    t = result.timings
    log.info("run%s: done in %.1f s (%d notebook runs executed in %.1f s, %d unchanged; steps %s; log in %s)",
             f" [{result.label}]" if result.label else "", t["total_s"], result.executed, t["notebooks_total_s"],
             result.cached, "unchanged" if result.steps_skipped else f"{sum(t['steps_s'].values()):.1f} s",
             result.output_dir / LOG_FILE)


def _raise_on_failures(result: RunResult) -> None:
    failures = result.all_failures()
    if failures:
        exc = NotebookExecutionError(failures)
        exc.result = result
        raise exc


__all__ = ["RunResult", "notebook_raw_inputs", "planned_units", "run_corpus", "run_pipeline"]

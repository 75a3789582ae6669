"""``run_pipeline``: the steps, then every notebook for every year, then the manifest and timings."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from futoko_research.errors import NotebookExecutionError
from futoko_research.pipeline.execute import NotebookFailure
from futoko_research.pipeline.options import RunOptions
from futoko_research.pipeline.params import notebook_parameters
from futoko_research.pipeline.provenance import (
    MANIFEST_FILE,
    TIMINGS_FILE,
    run_manifest,
    run_timings,
    write_json,
)
from futoko_research.pipeline.selection import resolve_notebooks, resolve_years
from futoko_research.pipeline.steps import guard_personal_data, run_steps
from futoko_research.pipeline.years import YearOutcome, run_years

log = logging.getLogger("futoko_research")


@dataclass
class RunResult:
    """What :func:`run_pipeline` did."""

    years: list[str]
    notebooks: list[str]
    output_dir: Path
    manifest_path: Path
    timings_path: Path
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    failures: list[NotebookFailure] = field(default_factory=list)


def run_pipeline(
    years: Iterable[str | int] | None = None, notebooks: Iterable[str] | None = None, *,
    options: RunOptions | None = None, **settings,
) -> RunResult:
    """Run the steps, then every notebook for every year; write the run manifest and timings.

    Parameters
    ----------
    years : year labels (``"all"``, ``"unknown"``, ``"2023"``); default every year of the manifest and ``"all"``.
    notebooks : notebook names (``"01"``, ``"01_corpus"``); default every ``NN_name.ipynb`` of the notebooks folder.
    options : what to run and where (:class:`~futoko_research.pipeline.options.RunOptions`).
    **settings : any field of ``RunOptions`` or ``ExecutionOptions`` (``raw_dir=``, ``steps=()``,
        ``jobs=2``, ``backend="dask"`` …), applied over ``options``.

    Returns
    -------
    RunResult

    Raises
    ------
    NotebookExecutionError
        After every year has run, if any notebook failed (the manifest is still written).
    FutokoError
        Bad input (manifest, parameter files, unknown year or notebook, missing codebook).
    """
    started = time.perf_counter()
    opts = RunOptions.make(options, **settings).resolved()
    year_labels, nb_paths = _plan(years, notebooks, opts)
    step_durations = run_steps(opts)
    params = {year: _year_parameters(year, opts) for year in year_labels}
    outcomes = run_years(year_labels, nb_paths, params, output_dir=opts.output_dir, timeout=opts.timeout,
                         progress=opts.progress, jobs=opts.jobs)
    result = _collect(year_labels, nb_paths, outcomes, opts)
    guard_personal_data(opts.raw_dir, _written_folders(opts), key_file=opts.key_file)
    write_json(result.manifest_path, run_manifest(opts, years=year_labels, notebooks=nb_paths, status=_status(result)))
    result.timings = run_timings(step_durations, {y: o.durations for y, o in outcomes.items()},
                                 time.perf_counter() - started)
    write_json(result.timings_path, result.timings)
    _log_done(result.timings)
    _raise_on_failures(result)
    return result


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
                       opts.output_dir / MANIFEST_FILE, opts.output_dir / TIMINGS_FILE)
    for year in year_labels:
        result.outputs[year] = outcomes[year].files
        if outcomes[year].failure is not None:
            log.error("run: %s", outcomes[year].failure.message())
            result.failures.append(outcomes[year].failure)
    return result


def _written_folders(opts: RunOptions) -> list[Path]:
    """The folders a run writes (scanned by the personal-data guard)."""
    return [opts.processed_dir, opts.output_dir] + ([opts.cache_dir] if opts.cache_dir else [])


def _status(result: RunResult) -> dict[str, str]:
    return {y: ("failed" if any(f.year == y for f in result.failures) else "ok") for y in result.years}


def _log_done(timings: dict) -> None:
    n_runs = timings["notebook_runs"]
    log.info("run: done in %.1f s (notebooks %.1f s for %d runs; kernel floor %.1f s)",
             timings["total_s"], timings["notebooks_total_s"], n_runs, timings["kernel_start_floor_s"])


def _raise_on_failures(result: RunResult) -> None:
    if result.failures:
        exc = NotebookExecutionError(result.failures)
        exc.result = result
        raise exc

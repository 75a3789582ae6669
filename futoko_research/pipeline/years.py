"""Running every notebook for one year in its own output folder, and the years of a run.

Each year writes ``output_dir/<year>/``. Its previous outputs are moved aside
(``output_dir/.previous-<year>``) before the run and put back when a notebook fails; the failed
attempt is kept in ``output_dir/<year>.failed/`` for inspection. Outputs of notebooks that are
not re-run (``--notebooks 01``) are carried over by their ``NN_`` prefix. Other years are
unaffected by a failure.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from futoko_research.pipeline.execute import NotebookFailure, execute_notebook

log = logging.getLogger("futoko_research")


class YearOutcome(NamedTuple):
    """What running one year gave: its output files, each notebook's duration, a failure or None."""

    files: list[Path]
    durations: dict[str, float]
    failure: NotebookFailure | None


def restore_interrupted(year_dir: Path, backup: Path) -> None:
    """A previous run was killed while running this year: put its earlier outputs back."""
    if backup.exists():
        if year_dir.exists():
            shutil.rmtree(year_dir)
        os.replace(backup, year_dir)


def keep_other_notebooks(previous: Path, year_dir: Path, notebooks: Sequence[Path]) -> None:
    """Copy the previous outputs of the notebooks that are not re-run into the new year folder.

    Outputs belong to a notebook by their ``NN_`` prefix (``01_corpus.ipynb``,
    ``figures/01_*.png``, ``tables/01_*.csv``); running ``--notebooks 01`` replaces only those.
    """
    prefixes = tuple(nb.stem.split("_", 1)[0] + "_" for nb in notebooks)
    for src in sorted(previous.rglob("*")):
        if not src.is_file() or src.name.startswith(prefixes):
            continue
        dest = year_dir / src.relative_to(previous)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def run_year(
    year: str, *, notebooks: Sequence[Path], output_dir: Path, params: dict, timeout: int, progress: bool,
) -> YearOutcome:
    """Run ``notebooks`` in order for ``year`` into ``output_dir/<year>``; stop at the first failure.

    Returns
    -------
    YearOutcome
        On success the year's files; on failure no files, and the failure pointing at the
        executed copy in ``output_dir/<year>.failed/`` (the previous outputs are back in place).
    """
    year_dir = output_dir / year
    backup = output_dir / f".previous-{year}"
    failed_dir = output_dir / f"{year}.failed"
    restore_interrupted(year_dir, backup)
    if year_dir.exists():
        os.replace(year_dir, backup)
    year_dir.mkdir(parents=True)
    if backup.exists():
        keep_other_notebooks(backup, year_dir, notebooks)
    durations: dict[str, float] = {}
    failure = None
    try:
        for nb in notebooks:
            log.info("run: notebook %s [year %s]", nb.name, year)
            t0 = time.perf_counter()
            failure = execute_notebook(nb, year_dir / nb.name, params, year=year, timeout=timeout, progress=progress)
            durations[nb.stem] = round(time.perf_counter() - t0, 3)
            if failure is not None:
                break
    except BaseException:
        restore_interrupted(year_dir, backup)
        raise
    if failure is not None:
        if failed_dir.exists():
            shutil.rmtree(failed_dir)
        os.replace(year_dir, failed_dir)
        failure = NotebookFailure(failure.notebook, failure.year, failure.cell_index, failure.ename,
                                  failure.evalue, failure.source_line, failed_dir / failure.notebook)
        if backup.exists():
            os.replace(backup, year_dir)
        return YearOutcome([], durations, failure)
    if backup.exists():
        shutil.rmtree(backup)
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    files = sorted(p for p in year_dir.rglob("*") if p.is_file())
    return YearOutcome(files, durations, None)


def run_years(
    years: Sequence[str], notebooks: Sequence[Path], params: dict[str, dict], *,
    output_dir: Path, timeout: int, progress: bool, jobs: int = 1,
) -> dict[str, YearOutcome]:
    """:func:`run_year` for every year (``params[year]`` each), ``jobs`` years at a time.

    Years in parallel run in threads: each notebook runs in its own kernel process and the
    kernels' working directory is passed per kernel, so nothing process-wide changes.
    """
    run_one = functools.partial(run_year, notebooks=notebooks, output_dir=output_dir, timeout=timeout,
                                progress=progress)
    if jobs > 1 and len(years) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(jobs, len(years))) as pool:
            futures = {year: pool.submit(run_one, year, params=params[year]) for year in years}
            return {year: futures[year].result() for year in years}
    return {year: run_one(year, params=params[year]) for year in years}

"""Running the notebooks of one year into its output folder, only those whose inputs changed.

Each year writes ``output_dir/<year>/``. A run of a year

1. checks every notebook's key (:func:`futoko_research.pipeline.freshness.notebook_key`); when
   all are fresh the year is left as it is, byte for byte;
2. otherwise builds the year's new folder in ``output_dir/.staging/<year>/``: the outputs of the
   fresh notebooks are copied from the current folder, the stale notebooks execute into it (and
   are exported to HTML), each with its stamp;
3. moves the staging folder into place (the current folder goes to ``output_dir/.replaced/<year>``
   for the instant of the swap, then is removed).

So a run stopped at any moment (Ctrl-C, SIGTERM, SIGKILL) leaves every year's folder either as it
was or complete; the next run removes the staging leftovers (:func:`recover`) and finishes the
work. A notebook that fails does not stop the year: its executed copy goes to
``output_dir/<year>.failed/``, its previous outputs (if any) stay, the other notebooks run, and
the failure is returned.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from futoko_research.pipeline.execute import NotebookFailure, execute_notebook
from futoko_research.pipeline.freshness import STAMP_DIR, is_fresh, write_stamp

log = logging.getLogger("futoko_research")

#: hidden folders of a run inside ``output_dir``
STAGING_DIR = ".staging"
REPLACED_DIR = ".replaced"


class YearOutcome(NamedTuple):
    """What running one year gave: its output files, each executed notebook's duration, failures, cached notebooks."""

    files: list[Path]
    durations: dict[str, float]
    failure: NotebookFailure | None
    cached: list[str] = []
    failures: list[NotebookFailure] = []


class YearPlan(NamedTuple):
    """One year's notebooks to run: the parameters each runs with, their keys."""

    year: str
    parameters: dict
    keys: dict[str, str]


def recover(output_dir: Path) -> None:
    """Clean up after a run that was stopped: put back a folder caught mid-swap, drop staging leftovers."""
    replaced = output_dir / REPLACED_DIR
    if replaced.is_dir():
        for old in sorted(replaced.iterdir()):
            target = output_dir / old.name
            if target.exists():
                shutil.rmtree(old)
            else:
                os.replace(old, target)
        shutil.rmtree(replaced, ignore_errors=True)
    shutil.rmtree(output_dir / STAGING_DIR, ignore_errors=True)
    for legacy in output_dir.glob(".previous-*"):  # the folders of runs before 0.3
        target = output_dir / legacy.name.removeprefix(".previous-")
        if target.exists():
            shutil.rmtree(legacy)
        else:
            os.replace(legacy, target)


def notebook_outputs(folder: Path, notebook: Path) -> list[Path]:
    """The files of ``folder`` that belong to ``notebook``: those whose name starts with its ``NN_`` prefix."""
    prefix = notebook.stem.split("_", 1)[0] + "_"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.startswith(prefix)
                  and STAMP_DIR not in p.relative_to(folder).parts)


def copy_outputs(src_dir: Path, dest_dir: Path, notebook: Path) -> None:
    """Copy a notebook's outputs and its stamp from ``src_dir`` to ``dest_dir`` (same relative paths)."""
    files = notebook_outputs(src_dir, notebook)
    stamp = src_dir / STAMP_DIR / f"{notebook.stem}.json"
    for src in files + ([stamp] if stamp.is_file() else []):
        dest = dest_dir / src.relative_to(src_dir)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def _swap_in(staging: Path, year_dir: Path, output_dir: Path) -> None:
    replaced = output_dir / REPLACED_DIR / year_dir.name
    if year_dir.exists():
        replaced.parent.mkdir(parents=True, exist_ok=True)
        if replaced.exists():
            shutil.rmtree(replaced)
        os.replace(year_dir, replaced)
    os.replace(staging, year_dir)
    if replaced.exists():
        shutil.rmtree(replaced)
    # ``.replaced`` itself stays: years running in parallel park their folders there, and removing
    # it here raced with another year's swap (its parent vanished between mkdir and replace);
    # :func:`run_years` removes it once every year is done.


def run_year(
    plan: YearPlan, *, notebooks: Sequence[Path], output_dir: Path, timeout: int, progress: bool = False,
    force: bool = False, label: str | None = None, after_execute: Callable[[Path], object] | None = None,
    on_notebook: Callable[[str, str, bool], object] | None = None,
) -> YearOutcome:
    """Run the stale notebooks of one year (all of them with ``force``) into ``output_dir/<year>``.

    Parameters
    ----------
    plan : the year, its notebook parameters (with the final folder as ``output_dir``) and each
        notebook's key.
    notebooks : the notebooks, in order.
    output_dir : the run's output folder.
    timeout, progress : per cell, and papermill's progress bar.
    force : execute every notebook, fresh or not.
    label : prefixed to the executed notebooks' titles (``"SYNTHETIC DEMO"``).
    after_execute : called with each executed notebook's path in the staging folder (the HTML
        export), before its stamp is written.
    on_notebook : called with (year, notebook stem, executed) after each notebook.

    Returns
    -------
    YearOutcome
    """
    year = plan.year
    year_dir = output_dir / year
    stale = [nb for nb in notebooks if force or not is_fresh(year_dir, nb.stem, plan.keys[nb.stem])]
    cached = [nb.stem for nb in notebooks if nb not in stale]
    if not stale:
        for nb in notebooks:
            if on_notebook:
                on_notebook(year, nb.stem, False)
        return YearOutcome(_files(year_dir), {}, None, cached, [])
    staging = output_dir / STAGING_DIR / year
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for nb in notebooks:
        if nb not in stale:
            copy_outputs(year_dir, staging, nb)
    durations: dict[str, float] = {}
    failures: list[NotebookFailure] = []
    params = dict(plan.parameters, output_dir=str(staging))
    for nb in notebooks:
        if nb not in stale:
            if on_notebook:
                on_notebook(year, nb.stem, False)
            continue
        log.info("run: notebook %s [year %s]", nb.name, year)
        t0 = time.perf_counter()
        failure = execute_notebook(nb, staging / nb.name, params, year=year, timeout=timeout, progress=progress,
                                   shown_parameters=plan.parameters, shown_path=year_dir / nb.name, label=label)
        durations[nb.stem] = round(time.perf_counter() - t0, 3)
        if failure is None:
            if after_execute is not None:
                after_execute(staging / nb.name)
            write_stamp(staging, nb.stem, plan.keys[nb.stem], notebook_outputs(staging, nb))
        else:
            failures.append(_keep_failed(failure, staging, year_dir, output_dir, nb))
        if on_notebook:
            on_notebook(year, nb.stem, True)
    _swap_in(staging, year_dir, output_dir)
    if not failures:
        shutil.rmtree(output_dir / f"{year}.failed", ignore_errors=True)
    return YearOutcome(_files(year_dir), durations, failures[0] if failures else None, cached, failures)


def _keep_failed(failure: NotebookFailure, staging: Path, year_dir: Path, output_dir: Path, nb: Path) -> NotebookFailure:
    """Move a failed notebook's attempt to ``<year>.failed/`` and put its previous outputs back in staging."""
    failed_dir = output_dir / f"{failure.year}.failed"
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    failed_dir.mkdir(parents=True)
    for src in notebook_outputs(staging, nb):
        dest = failed_dir / src.relative_to(staging)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
    copy_outputs(year_dir, staging, nb)  # the previous outputs, with their (now stale) stamp
    return dataclasses.replace(failure, executed_path=failed_dir / nb.name)


def _files(year_dir: Path) -> list[Path]:
    if not year_dir.is_dir():
        return []
    return sorted(p for p in year_dir.rglob("*") if p.is_file() and STAMP_DIR not in p.relative_to(year_dir).parts)


def run_years(
    plans: Sequence[YearPlan], notebooks: Sequence[Path], *, output_dir: Path, timeout: int, progress: bool = False,
    jobs: int = 1, force: bool = False, label: str | None = None,
    after_execute: Callable[[Path], object] | None = None,
    on_notebook: Callable[[str, str, bool], object] | None = None,
) -> dict[str, YearOutcome]:
    """:func:`run_year` for every plan, ``jobs`` years at a time (after :func:`recover`).

    Years in parallel run in threads: each notebook runs in its own kernel process and the
    kernels' working directory is passed per kernel, so nothing process-wide changes.
    """
    recover(output_dir)
    run_one = functools.partial(run_year, notebooks=notebooks, output_dir=output_dir, timeout=timeout,
                                progress=progress, force=force, label=label, after_execute=after_execute,
                                on_notebook=on_notebook)
    try:
        if jobs > 1 and len(plans) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(jobs, len(plans))) as pool:
                futures = {plan.year: pool.submit(run_one, plan) for plan in plans}
                return {year: fut.result() for year, fut in futures.items()}
        return {plan.year: run_one(plan) for plan in plans}
    finally:
        shutil.rmtree(output_dir / STAGING_DIR, ignore_errors=True)
        try:  # only when empty: a run stopped mid-swap leaves its parked folder for recover()
            (output_dir / REPLACED_DIR).rmdir()
        except OSError:
            pass

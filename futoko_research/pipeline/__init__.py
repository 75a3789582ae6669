"""The reproducible pipeline: ingest → features → code → analyze, then every notebook per year.

:func:`run_pipeline` is what ``make run`` (``futoko-research run``) calls. It

1. runs the steps of :mod:`futoko_research.pipeline.steps` into ``processed_dir``;
2. executes every notebook of ``notebooks/`` with papermill for every year (each fiscal year of
   the manifest, ``"unknown"`` for sources without a year, and ``"all"``) into
   ``output_dir/<year>/NN_name.ipynb``; the notebooks write ``figures/`` (PNG + SVG) and
   ``tables/`` (CSV, UTF-8 with BOM) beside them;
3. writes ``output_dir/run_manifest.json`` (parameters, sha256 of every input file, versions,
   sha256 of every output) and ``output_dir/run_timings.json`` (durations; the only file that
   changes between two identical runs).

Modules, one job each:

- :mod:`~futoko_research.pipeline.steps` — the steps (read → compute → validate → write) in order
  (:func:`run_steps`); each step in a module of its own: :mod:`~futoko_research.pipeline.ingest_step`,
  :mod:`~futoko_research.pipeline.features_step`, :mod:`~futoko_research.pipeline.code_step`,
  :mod:`~futoko_research.pipeline.analyze_step`; what they read in
  :mod:`~futoko_research.pipeline.step_inputs`; the review sheet in
  :mod:`~futoko_research.pipeline.review_step`
- :mod:`~futoko_research.pipeline.personal_data_guard` — no original of the key file in any output
- :mod:`~futoko_research.pipeline.options` — :class:`RunOptions`, :class:`ExecutionOptions`
- :mod:`~futoko_research.pipeline.params` — the notebooks' parameters and their defaults
- :mod:`~futoko_research.pipeline.selection` — which years and notebooks a run covers
- :mod:`~futoko_research.pipeline.execute` — one notebook through papermill
- :mod:`~futoko_research.pipeline.years` — one year's output folder (backup, restore, failures)
- :mod:`~futoko_research.pipeline.provenance` — hashes, versions, run manifest and timings
- :mod:`~futoko_research.pipeline.report` — the HTML report: notebook pages, ``index.html``, link check
- :mod:`~futoko_research.pipeline.run` — :func:`run_pipeline`

Reproducibility
---------------
Executed notebooks are stripped of what papermill and nbclient record about time (start/end
times, durations, ``metadata.execution``), figures are saved deterministically
(:func:`futoko_research.plots.save_figure`), tables are sorted, and the kernel runs with
``PYTHONHASHSEED=0``, so a second run with the same inputs rewrites every output byte for byte.

Failures
--------
Each year runs in its own folder; the previous outputs of that year are kept aside and put back
when a notebook fails, and the failed attempt is left in ``output_dir/<year>.failed/`` for
inspection. Other years are unaffected. A failure raises :class:`NotebookExecutionError` naming
the notebook, the year and the cell.
"""

from __future__ import annotations

from futoko_research.errors import NotebookExecutionError, ParamsError
from futoko_research.pipeline.execute import (
    DEFAULT_TIMEOUT,
    KERNEL_NAME,
    NotebookFailure,
    execute_notebook,
    strip_execution_metadata,
)
from futoko_research.pipeline.options import STEPS, ExecutionOptions, RunOptions
from futoko_research.pipeline.params import (
    DEFAULT_PROFILE,
    DEFAULT_SEED,
    NOTEBOOK_PARAMETERS,
    default_params,
    format_params_yaml,
    notebook_parameters,
    parameters_cell,
    read_params_file,
    write_params_file,
)
from futoko_research.pipeline.personal_data_guard import guard_personal_data
from futoko_research.pipeline.provenance import (
    KERNEL_START_FLOOR_S,
    MANIFEST_FILE,
    TIMINGS_FILE,
    VERSIONED_DISTRIBUTIONS,
    output_hashes,
)
from futoko_research.pipeline.run import RunResult, run_pipeline
from futoko_research.pipeline.runners import open_execution
from futoko_research.pipeline.selection import (
    RE_NOTEBOOK,
    list_notebooks,
    manifest_years,
    resolve_notebooks,
    resolve_years,
)
from futoko_research.pipeline.steps import run_steps

__all__ = [
    "DEFAULT_PROFILE", "DEFAULT_SEED", "DEFAULT_TIMEOUT", "KERNEL_NAME", "KERNEL_START_FLOOR_S",
    "MANIFEST_FILE", "NOTEBOOK_PARAMETERS", "RE_NOTEBOOK", "STEPS", "TIMINGS_FILE",
    "VERSIONED_DISTRIBUTIONS", "ExecutionOptions", "NotebookExecutionError", "NotebookFailure",
    "ParamsError", "RunOptions", "RunResult", "default_params", "execute_notebook",
    "format_params_yaml", "guard_personal_data", "list_notebooks", "manifest_years",
    "notebook_parameters", "open_execution", "output_hashes", "parameters_cell", "read_params_file",
    "resolve_notebooks", "resolve_years", "run_pipeline", "run_steps", "strip_execution_metadata",
    "write_params_file",
]

"""The pipeline's steps: ingest → features → code → analyze, each read → compute → validate → write.

Every step reads the previous step's tables from ``processed_dir``, computes its own with the
library, validates them against their contracts (:func:`futoko_research.schema.validate`) and
writes them atomically (nothing is written when any part fails):

=========  =====================================  ===============================================
step       reads                                  writes
=========  =====================================  ===============================================
ingest     ``raw_dir/manifest.csv``, the reports  cases, statements, checkboxes (.parquet, .csv)
features   statements                             tokens, phrases, entities (.parquet),
                                                  features_info.json
code       statements (tokens)                    codes, case_codes, rule_report (.parquet, .csv)
analyze    cases, statements, checkboxes, codes   case_variables, links, link_counts,
           (tokens); coding sheets                associations, prevalence, prevalence_trend;
           ``human_codes*.csv`` when given        with a sheet also validation_rates,
                                                  prevalence_corrected, association_robustness
=========  =====================================  ===============================================

Each step is a module of its own, and :func:`run_steps` (here) runs them in pipeline order;
every name is importable from here:

- :mod:`~futoko_research.pipeline.ingest_step` — :func:`ingest`
- :mod:`~futoko_research.pipeline.features_step` — :func:`features`, :data:`FEATURES_INFO_FILE`
- :mod:`~futoko_research.pipeline.code_step` — :func:`code`
- :mod:`~futoko_research.pipeline.analyze_step` — :func:`analyze`, :data:`ANALYSIS_TABLES`,
  :data:`CORRECTION_TABLES`
- :mod:`~futoko_research.pipeline.review_step` — :func:`review` (a review sheet, not a step of a run)
- :mod:`~futoko_research.pipeline.step_inputs` — :func:`content_statements`,
  :func:`read_analysis_inputs`: what the steps read
- :mod:`~futoko_research.pipeline.personal_data_guard` — :func:`guard_personal_data`, the run's last check

Where the work runs is an :class:`~futoko_research.pipeline.options.ExecutionOptions` chosen by the
runner or the CLI; :func:`~futoko_research.pipeline.runners.open_execution` opens what it needs
(a Dask client) and :func:`~futoko_research.pipeline.runners.runner_for` is the one place that
turns it into a runner of :mod:`futoko_research.backends` (both importable from here too).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

# "re-exported": defined in a step's module; a bare "noqa: F401": a name this module has always
# let be imported (its body used it before the steps had modules of their own)
from futoko_research.errors import FutokoError, SparseDataWarning  # noqa: F401
from futoko_research.io import atomic_dir, read_table, write_tables  # noqa: F401
from futoko_research.nlp import DEFAULT_FEATURES_PROFILE  # noqa: F401
from futoko_research.paths import PROCESSED_DIR, RAW_DIR  # noqa: F401
from futoko_research.pipeline.analyze_step import ANALYSIS_TABLES, CORRECTION_TABLES, analyze  # noqa: F401 (re-exported)
from futoko_research.pipeline.code_step import code
from futoko_research.pipeline.features_step import FEATURES_INFO_FILE, features  # noqa: F401 (re-exported)
from futoko_research.pipeline.ingest_step import ingest
from futoko_research.pipeline.options import STEPS, ExecutionOptions, RunOptions  # noqa: F401
from futoko_research.pipeline.params import DEFAULT_SEED  # noqa: F401
from futoko_research.pipeline.personal_data_guard import guard_personal_data  # noqa: F401 (re-exported)
from futoko_research.pipeline.review_step import review  # noqa: F401 (re-exported)
from futoko_research.pipeline.runners import open_execution, runner_for  # noqa: F401
from futoko_research.pipeline.step_inputs import content_statements, read_analysis_inputs  # noqa: F401 (re-exported)
from futoko_research.vocab import NON_CONTENT_SECTIONS  # noqa: F401

log = logging.getLogger("futoko_research")


def run_steps(options: RunOptions, *, on_step: Callable[[str], object] | None = None) -> dict[str, float]:
    """Run ``options.steps`` in pipeline order (:data:`STEPS`); returns each step's duration in seconds.

    The execution options are opened once (one Dask client for every step). ``on_step`` is
    called with each step's name when it is done (a progress bar).
    """
    unknown = [s for s in options.steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}; steps are {', '.join(STEPS)}")
    o = options
    durations: dict[str, float] = {}
    with open_execution(o.execution) as execution:
        calls = {
            "ingest": lambda: ingest(o.raw_dir, o.processed_dir, progress=o.progress, key_file=o.key_file),
            "features": lambda: features(o.processed_dir, profile=o.nlp_profile, progress=o.progress,
                                         cache_dir=o.cache_dir, execution=execution),
            "code": lambda: code(o.processed_dir, codebook=o.codebook, execution=execution,
                                 method=o.coding_method, model=o.coder_model),
            "analyze": lambda: analyze(o.processed_dir, codebook=o.codebook, validation=o.raw_dir, seed=o.seed,
                                       cache_dir=o.cache_dir, execution=execution, link_method=o.link_method,
                                       coder_model=o.coder_model),
        }
        for step in (s for s in STEPS if s in o.steps):
            t0 = time.perf_counter()
            log.info("run: step %s", step)
            calls[step]()
            durations[step] = round(time.perf_counter() - t0, 3)
            if on_step is not None:
                on_step(step)
    return durations


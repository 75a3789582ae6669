"""The steps with their old call signatures, behind the deprecated names (removed in the next release).

``features.write_features``, ``coding.write_codes``, ``analysis.write_analysis`` and
``futoko_research.pipeline_steps.*`` resolve here (they warn where they are looked up). The old
signatures took the execution options as keywords (``backend=``, ``client=``, ``scheduler=``,
``workers=``, ``partitions=``, ``n_process=``); they become an
:class:`~futoko_research.pipeline.options.ExecutionOptions`.
"""

from __future__ import annotations

from pathlib import Path

from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline import analyze_step, code_step, features_step, ingest_step
from futoko_research.pipeline.options import split_execution_kwargs


def write_features(processed_dir: str | Path = PROCESSED_DIR, **kwargs) -> list[Path]:
    """:func:`futoko_research.pipeline.steps.features` with the execution options as keywords."""
    execution, rest = split_execution_kwargs(kwargs)
    return features_step.features(processed_dir, execution=execution, **rest)


def write_codes(processed_dir: str | Path | None = None, **kwargs) -> list[Path]:
    """:func:`futoko_research.pipeline.steps.code` with the execution options as keywords."""
    execution, rest = split_execution_kwargs(kwargs)
    return code_step.code(processed_dir, execution=execution, **rest)


def write_analysis(processed_dir: str | Path, **kwargs) -> list[Path]:
    """:func:`futoko_research.pipeline.steps.analyze`."""
    return analyze_step.analyze(processed_dir, **kwargs)


ingest = ingest_step.ingest
features = write_features
code = write_codes
analyze = write_analysis

"""Outcome-by-intervention analysis: case variables, associations per year, prevalence, trends.

Public names: :func:`case_variables`, :func:`associations`, :func:`prevalence`,
:func:`prevalence_trend`, :func:`mantel_haenszel`, :func:`wilson_interval`,
:func:`extract_links`, :func:`link_counts` (cause → effect links, :mod:`.links`);
coding error (:mod:`.misclassification`): :func:`human_case_flags`, :func:`classification_rates`,
:func:`rogan_gladen`, :func:`corrected_prevalence`, :func:`direction_robustness`; constants
:data:`INTERVENTION_KEYS`, :data:`OUTCOME_KEYS`. The analyze step that writes these tables is
:func:`futoko_research.pipeline.steps.analyze`.
See docs/analysis.md for the data dictionary and the methods.
"""

from __future__ import annotations

from futoko_research.analysis.links import extract_links, link_counts
from futoko_research.analysis.misclassification import (
    classification_rates,
    corrected_prevalence,
    direction_robustness,
    human_case_flags,
    rogan_gladen,
)
from futoko_research.analysis.stats import (
    ALL_YEARS,
    INSUFFICIENT,
    MIN_CASES_FOR_INFERENCE,
    UNKNOWN_YEAR,
    associations,
    bh_qvalues,
    mantel_haenszel,
    odds_ratio_woolf,
    prevalence,
    prevalence_trend,
    wilson_interval,
)
from futoko_research.analysis.variables import (
    INTERVENTION_KEYS,
    OUTCOME_KEYS,
    case_variables,
)

__all__ = [
    "ALL_YEARS", "INSUFFICIENT", "INTERVENTION_KEYS", "MIN_CASES_FOR_INFERENCE", "OUTCOME_KEYS",
    "UNKNOWN_YEAR", "associations", "bh_qvalues", "case_variables", "classification_rates", "corrected_prevalence",
    "direction_robustness", "extract_links", "human_case_flags", "link_counts", "mantel_haenszel",
    "odds_ratio_woolf", "prevalence", "prevalence_trend", "rogan_gladen", "wilson_interval",
]


def __getattr__(name: str):
    if name in ("write_analysis", "read_analysis_inputs"):  # deprecated: moved to futoko_research.pipeline.steps
        from futoko_research.analysis import write

        return getattr(write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

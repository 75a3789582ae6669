"""Outcome-by-intervention analysis: case variables, associations per year, prevalence, trends.

Public names: :func:`case_variables`, :func:`associations`, :func:`prevalence`,
:func:`prevalence_trend`, :func:`mantel_haenszel`, :func:`wilson_interval`,
:func:`extract_links`, :func:`link_counts` (cause → effect links, :mod:`.links`),
:func:`write_analysis`, :func:`read_analysis_inputs`; constants :data:`INTERVENTION_KEYS`,
:data:`OUTCOME_KEYS`.
See docs/analysis.md for the data dictionary and the methods.
"""

from __future__ import annotations

from futoko_research.analysis.links import extract_links, link_counts
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
from futoko_research.analysis.write import read_analysis_inputs, write_analysis

__all__ = [
    "ALL_YEARS", "INSUFFICIENT", "INTERVENTION_KEYS", "MIN_CASES_FOR_INFERENCE", "OUTCOME_KEYS",
    "UNKNOWN_YEAR", "associations", "bh_qvalues", "case_variables", "extract_links", "link_counts", "mantel_haenszel",
    "odds_ratio_woolf", "prevalence", "prevalence_trend", "read_analysis_inputs", "wilson_interval",
    "write_analysis",
]

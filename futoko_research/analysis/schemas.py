"""Pandera contracts of the analysis tables (declared in :mod:`futoko_research.schema.analysis_tables`, re-exported)."""

from __future__ import annotations

from futoko_research.schema.analysis_tables import (
    ASSOCIATION_ROBUSTNESS,
    ASSOCIATIONS,
    CASE_VARIABLES,
    LINK_COUNTS,
    LINKS,
    PREVALENCE,
    PREVALENCE_CORRECTED,
    PREVALENCE_TREND,
    VALIDATION_RATES,
)

__all__ = ["ASSOCIATIONS", "ASSOCIATION_ROBUSTNESS", "CASE_VARIABLES", "LINKS", "LINK_COUNTS", "PREVALENCE",
           "PREVALENCE_CORRECTED", "PREVALENCE_TREND", "VALIDATION_RATES"]

"""Pandera contracts of the analysis tables (declared in :mod:`futoko_research.schema`, re-exported)."""

from __future__ import annotations

from futoko_research.schema import (
    ASSOCIATIONS,
    CASE_VARIABLES,
    LINK_COUNTS,
    LINKS,
    PREVALENCE,
    PREVALENCE_TREND,
)

__all__ = ["ASSOCIATIONS", "CASE_VARIABLES", "LINKS", "LINK_COUNTS", "PREVALENCE", "PREVALENCE_TREND"]

"""Contracts of the analysis tables: ``case_variables``, ``links``, ``link_counts``,
``associations``, ``prevalence``, ``prevalence_trend`` and, with a validation sheet,
``validation_rates``, ``prevalence_corrected``, ``association_robustness``
(:mod:`futoko_research.analysis`)."""

from __future__ import annotations

from futoko_research.schema.columns import (
    STRING,
    count_column,
    float_column,
    int_column,
    pa,
    probability_column,
    string_column,
)
from futoko_research.vocab import (
    LINK_BACKREFS,
    LINK_CONSTRUCTIONS,
    LINK_MODALITIES,
    LINK_POLARITIES,
)

#: statistical tests named in ``associations.test``
ASSOCIATION_TESTS = ("fisher_exact", "mantel_haenszel")

CASE_VARIABLES = pa.DataFrameSchema(
    {
        "case_id": pa.Column(STRING, unique=True),
        "fiscal_year": pa.Column("Int64", nullable=True),
        "municipality": string_column(nullable=True),
        "n_statements": count_column(), "n_intervention_codes": count_column(), "n_outcome_codes": count_column(),
        r"^(int|out)_\w+$": pa.Column("boolean", regex=True),
        r"^cb_\w+$": pa.Column("boolean", regex=True, nullable=True),
    },
    strict=False,
)

LINKS = pa.DataFrameSchema(
    {
        "statement_id": string_column(), "case_id": string_column(), "connective": string_column(), "cause_text": string_column(), "effect_text": string_column(),
        "cause_codes": pa.Column(object), "effect_codes": pa.Column(object),
        "cause_start": pa.Column("Int64"), "effect_start": pa.Column("Int64"),
        "is_backref": pa.Column("boolean"), "method": string_column(),
        "construction": string_column(checks=pa.Check.isin(list(LINK_CONSTRUCTIONS))),
        "backref": string_column(checks=pa.Check.isin(list(LINK_BACKREFS))),
        "cause_statement_id": string_column(),
        "polarity": string_column(checks=pa.Check.isin(list(LINK_POLARITIES))),
        "modality": string_column(checks=pa.Check.isin(list(LINK_MODALITIES))),
    },
    strict=False,
)

LINK_COUNTS = pa.DataFrameSchema(
    {
        "intervention": string_column(), "outcome": string_column(), "fiscal_year": string_column(),
        "polarity": string_column(checks=pa.Check.isin(list(LINK_POLARITIES))),
        "modality": string_column(checks=pa.Check.isin(list(LINK_MODALITIES))),
        "n_links": count_column(1), "n_cases": count_column(1), "n_statements": count_column(1),
    },
    strict=False,
)

ASSOCIATIONS = pa.DataFrameSchema(
    {
        "intervention": string_column(), "outcome": string_column(), "fiscal_year": string_column(),
        "n": count_column(), "a": count_column(), "b": count_column(), "c": count_column(), "d": count_column(),
        "odds_ratio": float_column(checks=pa.Check(lambda s: ~s.isin([float("inf")]))),
        "ci_low": float_column(), "ci_high": float_column(),
        "p_value": probability_column(),
        "test": string_column(checks=pa.Check.isin(list(ASSOCIATION_TESTS))),
        "q_value": probability_column(),
        "p_homogeneity": float_column(), "descriptive_only": pa.Column("boolean"), "note": string_column(),
    },
    strict=False,
)

PREVALENCE = pa.DataFrameSchema(
    {
        "variable": string_column(), "code": string_column(), "kind": string_column(), "fiscal_year": string_column(),
        "n": count_column(), "count": count_column(), "proportion": probability_column(),
        "ci_low": probability_column(), "ci_high": probability_column(), "note": string_column(nullable=True),
    },
    strict=False,
)

PREVALENCE_TREND = pa.DataFrameSchema(
    {
        "variable": string_column(), "code": string_column(), "n": count_column(), "n_years": count_column(), "n_unknown_year": count_column(),
        "estimate": float_column(), "std_error": float_column(), "odds_ratio_per_year": float_column(),
        "ci_low": float_column(), "ci_high": float_column(), "p_value": probability_column(),
        "descriptive_only": pa.Column("boolean"), "note": string_column(nullable=True),
    },
    strict=False,
)

# written by the analyze step only when a human-coded validation sheet exists
VALIDATION_RATES = pa.DataFrameSchema(
    {
        "variable": string_column(), "code": string_column(), "kind": string_column(checks=pa.Check.isin(["intervention", "outcome"])),
        "n_validation": count_column(), "positives": count_column(), "negatives": count_column(),
        "tp": count_column(), "fn": count_column(), "fp": count_column(), "tn": count_column(),
        "sensitivity": probability_column(), "sensitivity_low": probability_column(), "sensitivity_high": probability_column(),
        "specificity": probability_column(), "specificity_low": probability_column(), "specificity_high": probability_column(),
        "usable": pa.Column("boolean"), "note": string_column(),
    },
    strict=False,
)

PREVALENCE_CORRECTED = pa.DataFrameSchema(
    {
        "variable": string_column(), "code": string_column(), "kind": string_column(checks=pa.Check.isin(["intervention", "outcome"])),
        "fiscal_year": string_column(), "n": count_column(), "observed": probability_column(),
        "sensitivity": probability_column(), "specificity": probability_column(), "n_validation": count_column(),
        "corrected": probability_column(), "ci_low": probability_column(), "ci_high": probability_column(), "note": string_column(),
    },
    strict=False,
)

ASSOCIATION_ROBUSTNESS = pa.DataFrameSchema(
    {
        "intervention": string_column(), "outcome": string_column(), "fiscal_year": string_column(), "n": count_column(),
        "odds_ratio": float_column(), "odds_ratio_corrected": float_column(checks=pa.Check.gt(0)),
        "n_validation": int_column(nullable=True, checks=pa.Check.ge(0)),
        "draws": int_column(nullable=True, checks=pa.Check.ge(0)), "share_flipped": probability_column(),
        "direction_robust": pa.Column("boolean", nullable=True), "note": string_column(),
    },
    strict=False,
)

"""Pandera contracts of the analysis tables (registered in :mod:`futoko_research.schema`)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from futoko_research.schema import STRING, register

_S = pa.Column(STRING)
_SN = pa.Column(STRING, nullable=True)
_I = pa.Column("Int64", checks=pa.Check.ge(0))
_F = pa.Column("float64", nullable=True)

CASE_VARIABLES = register("case_variables", pa.DataFrameSchema(
    {
        "case_id": pa.Column(STRING, unique=True),
        "fiscal_year": pa.Column("Int64", nullable=True),
        "municipality": _SN,
        "n_statements": _I, "n_intervention_codes": _I, "n_outcome_codes": _I,
        r"^(int|out)_\w+$": pa.Column("boolean", regex=True),
        r"^cb_\w+$": pa.Column("boolean", regex=True, nullable=True),
    },
    strict=False,
))

ASSOCIATIONS = register("associations", pa.DataFrameSchema(
    {
        "intervention": _S, "outcome": _S, "fiscal_year": _S,
        "n": _I, "a": _I, "b": _I, "c": _I, "d": _I,
        "odds_ratio": pa.Column("float64", nullable=True, checks=pa.Check(lambda s: ~s.isin([float("inf")]))),
        "ci_low": _F, "ci_high": _F,
        "p_value": pa.Column("float64", nullable=True, checks=pa.Check.in_range(0, 1)),
        "test": pa.Column(STRING, checks=pa.Check.isin(["fisher_exact", "mantel_haenszel"])),
        "q_value": pa.Column("float64", nullable=True, checks=pa.Check.in_range(0, 1)),
        "p_homogeneity": _F, "descriptive_only": pa.Column("boolean"), "note": _S,
    },
    strict=False,
))

LINKS = register("links", pa.DataFrameSchema(
    {
        "statement_id": _S, "case_id": _S, "connective": _S, "cause_text": _S, "effect_text": _S,
        "cause_codes": pa.Column(object), "effect_codes": pa.Column(object),
        "cause_start": pa.Column("Int64"), "effect_start": pa.Column("Int64"),
        "is_backref": pa.Column("boolean"), "method": _S,
    },
    strict=False,
))

__all__ = ["ASSOCIATIONS", "CASE_VARIABLES", "LINKS"]

"""Contracts (pandera schemas) of every stored table, declared here and nowhere else.

Each table has a name in :data:`SCHEMAS`; :func:`validate` checks a frame against its schema
and raises :class:`~futoko_research.errors.SchemaError` with one line naming the table, column
and problem. Extra columns are allowed (tables grow); the listed columns must be present with
the listed dtypes.

Every table the package writes is declared below, so ``validate(df, "codes")`` works in a fresh
interpreter: no contract is added as a side effect of importing the module that makes the
table. :func:`register` remains for tables of code outside this package.

Tables
------
- loader: ``cases``, ``statements``, ``checkboxes``
- features: ``tokens``, ``phrases``, ``entities`` (column dtypes in :data:`TOKEN_DTYPES`,
  :data:`PHRASE_DTYPES`, :data:`ENTITY_DTYPES`)
- coding: ``codes``, ``case_codes``, ``rule_report``, ``validation_sentences``,
  ``validation_labels``
- analysis: ``case_variables``, ``links``, ``link_counts``, ``associations``, ``prevalence``,
  ``prevalence_trend``; with a validation sheet also ``validation_rates``,
  ``prevalence_corrected``, ``association_robustness``

The closed vocabularies (sections, tick-box and code categories, layouts) come from
:mod:`futoko_research.vocab`. The data dictionary is ``docs/data_dictionary.md``.
"""

from __future__ import annotations

import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from futoko_research.errors import SchemaError
from futoko_research.nlp import PROFILES
from futoko_research.vocab import (
    CHECKBOX_CATEGORIES,
    CODE_CATEGORIES,
    LAYOUTS,
    LINK_BACKREFS,
    LINK_CONSTRUCTIONS,
    LINK_MODALITIES,
    LINK_POLARITIES,
    SECTIONS,
)

STRING = pd.StringDtype()
#: kept for existing imports; the layouts are :data:`futoko_research.vocab.LAYOUTS`
LAYOUT_VALUES = LAYOUTS
#: kinds of rows in the phrases table
PHRASE_KINDS = ("bunsetu", "noun_phrase", "compound")
#: statistical tests named in ``associations.test``
ASSOCIATION_TESTS = ("fisher_exact", "mantel_haenszel")


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(STRING, nullable=nullable, **kw)


def _int(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column("Int64", nullable=nullable, **kw)


def _count(minimum: int = 0) -> pa.Column:
    return pa.Column("Int64", checks=pa.Check.ge(minimum))


def _float(**kw) -> pa.Column:
    return pa.Column("float64", nullable=True, **kw)


def _probability() -> pa.Column:
    return pa.Column("float64", nullable=True, checks=pa.Check.in_range(0, 1))


def _from_dtypes(dtypes: dict, nullable=frozenset(), checks: dict | None = None, **kw) -> pa.DataFrameSchema:
    checks = checks or {}
    cols = {name: pa.Column(dtype, nullable=name in nullable, checks=checks.get(name)) for name, dtype in dtypes.items()}
    return pa.DataFrameSchema(cols, strict=False, **kw)


# --------------------------------------------------------------------------- loader tables
CASES = pa.DataFrameSchema(
    {
        "case_id": _str(unique=True),
        "source_id": _str(),
        "fiscal_year": _int(nullable=True),
        "region": _str(nullable=True),
        "municipality": _str(nullable=True),
        "title": _str(nullable=True),
        "page": _int(checks=pa.Check.ge(1)),
        "layout": _str(checks=pa.Check.isin(LAYOUTS)),
    },
    strict=False,
)

STATEMENTS = pa.DataFrameSchema(
    {
        "statement_id": _str(unique=True),
        "case_id": _str(),
        "section": pa.Column(pd.CategoricalDtype(SECTIONS), checks=pa.Check.isin(SECTIONS)),
        "position": _int(checks=pa.Check.ge(1)),
        "text": _str(),
        "text_norm": _str(),
        "source_id": _str(),
        "page": _int(nullable=True),
        "line_start": _int(nullable=True),
        "line_end": _int(nullable=True),
        # where a statement of a Word file or web page is (p12, t2r3c1, main/p[4]); NA otherwise
        "locator": _str(nullable=True, required=False),
    },
    strict=False,
)

#: the tables found in PDF, Word and web-page reports, one row per non-empty cell (ingest)
SOURCE_TABLES = pa.DataFrameSchema(
    {
        "source_id": _str(),
        "table_id": _int(checks=pa.Check.ge(1)),
        "page": _int(nullable=True),
        "row": _int(checks=pa.Check.ge(1)),
        "column": _int(checks=pa.Check.ge(1)),
        "header": _str(nullable=True),
        "value": _str(),
        "locator": _str(nullable=True),
        "statement_id": _str(nullable=True),
    },
    strict=True,
    unique=["source_id", "table_id", "row", "column"],
)

#: one row per source: what ingest read and how well (see loaders.ingest_report for the counts)
INGEST_REPORT = pa.DataFrameSchema(
    {
        "source_id": _str(unique=True),
        "path": _str(),
        "format": _str(checks=pa.Check.isin(["text", "pdf", "docx", "html"])),
        "layout": _str(),
        "pages": _int(nullable=True),
        "n_cases": _count(),
        "n_statements": _count(),
        **{f"n_{s}": _count() for s in SECTIONS},
        "n_table_cells": _count(),
        "n_tables": _count(),
        "chars_input": _count(),
        "chars_statements": _count(),
        "chars_furniture": _count(),
        "chars_tables": _count(),
        "chars_unassigned": _count(),
        "chars_structure": _count(),
        "chars_boilerplate": _count(),
        "chars_lost": _int(),
        "boilerplate": _str(),
        "n_warnings": _count(),
        "warnings": _str(),
    },
    strict=True,
)

CHECKBOXES = pa.DataFrameSchema(
    {
        "case_id": _str(),
        "category": pa.Column(pd.CategoricalDtype(CHECKBOX_CATEGORIES)),
        "label_ja": _str(),
        "checked": pa.Column("boolean"),
    },
    strict=False,
    unique=["case_id", "category"],
)

# --------------------------------------------------------------------------- feature tables
#: columns and dtypes of the tokens table (see docs/features.md)
TOKEN_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "sent_idx": "Int64",
    "token_idx": "Int64",
    "text": STRING,
    "lemma": STRING,
    "norm": STRING,
    "term": STRING,
    "pos": STRING,
    "tag": STRING,
    "dep": STRING,
    "head_idx": "Int64",
    "bunsetu_idx": "Int64",
    "ent_label": STRING,
    "is_content": "boolean",
    "start_char": "Int64",
    "end_char": "Int64",
    "reading": STRING,
    "profile": STRING,
}
#: columns and dtypes of the phrases table
PHRASE_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "kind": pd.CategoricalDtype(PHRASE_KINDS),
    "text": STRING,
    "lemma_text": STRING,
    "start_token": "Int64",
    "end_token": "Int64",
    "start_char": "Int64",
    "end_char": "Int64",
    "profile": STRING,
}
#: columns and dtypes of the entities table
ENTITY_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "text": STRING,
    "label": STRING,
    "start_char": "Int64",
    "end_char": "Int64",
    "profile": STRING,
}
#: token columns a profile may leave empty (``lexical`` has no POS, dependencies or entities)
TOKEN_NULLABLE = frozenset({"pos", "dep", "head_idx", "bunsetu_idx", "ent_label", "reading"})

TOKENS = _from_dtypes(
    TOKEN_DTYPES, TOKEN_NULLABLE,
    checks={
        "token_idx": pa.Check.ge(0), "start_char": pa.Check.ge(0), "end_char": pa.Check.ge(1),
        "profile": pa.Check.isin(PROFILES),
    },
    unique=["statement_id", "token_idx"],
)
PHRASES = _from_dtypes(PHRASE_DTYPES, checks={"start_token": pa.Check.ge(0), "end_token": pa.Check.ge(1)})
ENTITIES = _from_dtypes(ENTITY_DTYPES, checks={"start_char": pa.Check.ge(0)})

# --------------------------------------------------------------------------- coding tables
CODES = pa.DataFrameSchema(
    {
        "statement_id": pa.Column("string"), "case_id": pa.Column("string"),
        "code": pa.Column("category"), "category": pa.Column("category", checks=pa.Check.isin(CODE_CATEGORIES)),
        "start_char": pa.Column("Int64", checks=pa.Check.ge(0)), "end_char": pa.Column("Int64", checks=pa.Check.ge(1)),
        "evidence": pa.Column("string"), "rule_id": pa.Column("string"), "codebook_version": pa.Column("string"),
        # where the row comes from (coding.hybrid): a rule, the statistical model, or both
        "origin": pa.Column("string", nullable=True, checks=pa.Check.isin(["rule", "model", "rule+model"])),
        "model_version": pa.Column("string", nullable=True),
        "score": pa.Column("Float64", nullable=True, checks=pa.Check.in_range(0, 1)),
    },
    strict=False,
)

CASE_CODES = pa.DataFrameSchema(
    {
        "case_id": pa.Column("string"), "code": pa.Column("category"),
        "n_statements": pa.Column("Int64", checks=pa.Check.ge(1)), "n_matches": pa.Column("Int64", checks=pa.Check.ge(1)),
    },
    strict=False,
)

RULE_REPORT = pa.DataFrameSchema(
    {
        "rule_id": _str(unique=True), "code": _str(), "category": _str(checks=pa.Check.isin(CODE_CATEGORIES)),
        "n_hits": _count(), "n_statements": _count(), "n_cases": _count(), "is_zero": pa.Column("boolean"),
        "code_n_hits": _count(), "code_is_zero": pa.Column("boolean"),
    },
    strict=False,
)

#: the development corpus of the coder (data/validation, read by coding.validation.load_validation)
VALIDATION_SENTENCES = pa.DataFrameSchema(
    {
        "sentence_id": _str(unique=True), "set": _str(nullable=True), "source_url": _str(), "host": _str(),
        "publisher": _str(nullable=True), "prefecture": _str(nullable=True),
        "year": _int(nullable=True, checks=pa.Check.in_range(1900, 2200)), "genre": _str(nullable=True),
        "text": _str(checks=pa.Check.str_length(min_value=1)),
    },
    strict=False,
)

VALIDATION_LABELS = pa.DataFrameSchema(
    {
        "sentence_id": _str(), "annotator": _str(checks=pa.Check.isin(["A", "B", "adjudicated"])),
        "section": _str(checks=pa.Check.isin(["goal", "focus", "activity", "outcome"])),
        "codes": pa.Column(object), "cause_codes": pa.Column(object), "effect_codes": pa.Column(object),
        "notes": _str(nullable=True),
    },
    strict=False,
    unique=["sentence_id", "annotator"],
)

# --------------------------------------------------------------------------- analysis tables
CASE_VARIABLES = pa.DataFrameSchema(
    {
        "case_id": pa.Column(STRING, unique=True),
        "fiscal_year": pa.Column("Int64", nullable=True),
        "municipality": _str(nullable=True),
        "n_statements": _count(), "n_intervention_codes": _count(), "n_outcome_codes": _count(),
        r"^(int|out)_\w+$": pa.Column("boolean", regex=True),
        r"^cb_\w+$": pa.Column("boolean", regex=True, nullable=True),
    },
    strict=False,
)

LINKS = pa.DataFrameSchema(
    {
        "statement_id": _str(), "case_id": _str(), "connective": _str(), "cause_text": _str(), "effect_text": _str(),
        "cause_codes": pa.Column(object), "effect_codes": pa.Column(object),
        "cause_start": pa.Column("Int64"), "effect_start": pa.Column("Int64"),
        "is_backref": pa.Column("boolean"), "method": _str(),
        "construction": _str(checks=pa.Check.isin(list(LINK_CONSTRUCTIONS))),
        "backref": _str(checks=pa.Check.isin(list(LINK_BACKREFS))),
        "cause_statement_id": _str(),
        "polarity": _str(checks=pa.Check.isin(list(LINK_POLARITIES))),
        "modality": _str(checks=pa.Check.isin(list(LINK_MODALITIES))),
    },
    strict=False,
)

LINK_COUNTS = pa.DataFrameSchema(
    {
        "intervention": _str(), "outcome": _str(), "fiscal_year": _str(),
        "polarity": _str(checks=pa.Check.isin(list(LINK_POLARITIES))),
        "modality": _str(checks=pa.Check.isin(list(LINK_MODALITIES))),
        "n_links": _count(1), "n_cases": _count(1), "n_statements": _count(1),
    },
    strict=False,
)

ASSOCIATIONS = pa.DataFrameSchema(
    {
        "intervention": _str(), "outcome": _str(), "fiscal_year": _str(),
        "n": _count(), "a": _count(), "b": _count(), "c": _count(), "d": _count(),
        "odds_ratio": _float(checks=pa.Check(lambda s: ~s.isin([float("inf")]))),
        "ci_low": _float(), "ci_high": _float(),
        "p_value": _probability(),
        "test": _str(checks=pa.Check.isin(list(ASSOCIATION_TESTS))),
        "q_value": _probability(),
        "p_homogeneity": _float(), "descriptive_only": pa.Column("boolean"), "note": _str(),
    },
    strict=False,
)

PREVALENCE = pa.DataFrameSchema(
    {
        "variable": _str(), "code": _str(), "kind": _str(), "fiscal_year": _str(),
        "n": _count(), "count": _count(), "proportion": _probability(),
        "ci_low": _probability(), "ci_high": _probability(), "note": _str(nullable=True),
    },
    strict=False,
)

PREVALENCE_TREND = pa.DataFrameSchema(
    {
        "variable": _str(), "code": _str(), "n": _count(), "n_years": _count(), "n_unknown_year": _count(),
        "estimate": _float(), "std_error": _float(), "odds_ratio_per_year": _float(),
        "ci_low": _float(), "ci_high": _float(), "p_value": _probability(),
        "descriptive_only": pa.Column("boolean"), "note": _str(nullable=True),
    },
    strict=False,
)

# written by the analyze step only when a human-coded validation sheet exists
VALIDATION_RATES = pa.DataFrameSchema(
    {
        "variable": _str(), "code": _str(), "kind": _str(checks=pa.Check.isin(["intervention", "outcome"])),
        "n_validation": _count(), "positives": _count(), "negatives": _count(),
        "tp": _count(), "fn": _count(), "fp": _count(), "tn": _count(),
        "sensitivity": _probability(), "sensitivity_low": _probability(), "sensitivity_high": _probability(),
        "specificity": _probability(), "specificity_low": _probability(), "specificity_high": _probability(),
        "usable": pa.Column("boolean"), "note": _str(),
    },
    strict=False,
)

PREVALENCE_CORRECTED = pa.DataFrameSchema(
    {
        "variable": _str(), "code": _str(), "kind": _str(checks=pa.Check.isin(["intervention", "outcome"])),
        "fiscal_year": _str(), "n": _count(), "observed": _probability(),
        "sensitivity": _probability(), "specificity": _probability(), "n_validation": _count(),
        "corrected": _probability(), "ci_low": _probability(), "ci_high": _probability(), "note": _str(),
    },
    strict=False,
)

ASSOCIATION_ROBUSTNESS = pa.DataFrameSchema(
    {
        "intervention": _str(), "outcome": _str(), "fiscal_year": _str(), "n": _count(),
        "odds_ratio": _float(), "odds_ratio_corrected": _float(checks=pa.Check.gt(0)),
        "n_validation": _int(nullable=True, checks=pa.Check.ge(0)),
        "draws": _int(nullable=True, checks=pa.Check.ge(0)), "share_flipped": _probability(),
        "direction_robust": pa.Column("boolean", nullable=True), "note": _str(),
    },
    strict=False,
)

#: residual risk of a pseudonymising ingest (privacy_report.csv; counts only, no originals)
PRIVACY_REPORT = pa.DataFrameSchema(
    {
        "source_id": _str(), "kind": _str(), "n_replaced": pa.Column("Int64", checks=pa.Check.ge(0)),
        "n_review": pa.Column("Int64", checks=pa.Check.ge(0)),
        **{c: pa.Column("Float64", nullable=True, checks=pa.Check.ge(0)) for c in (
            "recall", "recall_lo", "recall_hi", "expected_missed", "expected_missed_lo", "expected_missed_hi")},
    },
    strict=True,
)

#: every table contract by name
SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "cases": CASES,
    "statements": STATEMENTS,
    "checkboxes": CHECKBOXES,
    "source_tables": SOURCE_TABLES,
    "ingest_report": INGEST_REPORT,
    "tokens": TOKENS,
    "phrases": PHRASES,
    "entities": ENTITIES,
    "codes": CODES,
    "case_codes": CASE_CODES,
    "rule_report": RULE_REPORT,
    "validation_sentences": VALIDATION_SENTENCES,
    "validation_labels": VALIDATION_LABELS,
    "case_variables": CASE_VARIABLES,
    "links": LINKS,
    "link_counts": LINK_COUNTS,
    "associations": ASSOCIATIONS,
    "prevalence": PREVALENCE,
    "prevalence_trend": PREVALENCE_TREND,
    "validation_rates": VALIDATION_RATES,
    "prevalence_corrected": PREVALENCE_CORRECTED,
    "association_robustness": ASSOCIATION_ROBUSTNESS,
    "privacy_report": PRIVACY_REPORT,
}
#: the tables of this package (those declared above)
TABLE_NAMES = tuple(SCHEMAS)


def register(name: str, schema: pa.DataFrameSchema) -> pa.DataFrameSchema:
    """Add the contract of a table made outside this package; return ``schema``.

    The package's own tables (:data:`TABLE_NAMES`) are all declared in this module; nothing in
    the package calls this function.
    """
    SCHEMAS[name] = schema
    return schema


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Validate ``df`` against the contract ``name``; return it unchanged.

    Raises
    ------
    SchemaError : one line: table, column, what was expected and what was found.
    KeyError : for an unknown table name.
    """
    schema = SCHEMAS[name]
    try:
        return schema.validate(df, lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        col = getattr(exc, "schema", None)
        col_name = getattr(col, "name", None) or "?"
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SchemaError(f"table {name!r}, column {col_name!r}: {msg}") from None

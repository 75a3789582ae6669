"""Contracts of the coding tables: ``codes``, ``case_codes``, ``rule_report`` and the coder's
development corpus ``validation_sentences``, ``validation_labels`` (:mod:`futoko_research.coding`)."""

from __future__ import annotations

from futoko_research.schema.columns import count_column, int_column, pa, string_column
from futoko_research.vocab import CODE_CATEGORIES

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
        "rule_id": string_column(unique=True), "code": string_column(), "category": string_column(checks=pa.Check.isin(CODE_CATEGORIES)),
        "n_hits": count_column(), "n_statements": count_column(), "n_cases": count_column(), "is_zero": pa.Column("boolean"),
        "code_n_hits": count_column(), "code_is_zero": pa.Column("boolean"),
    },
    strict=False,
)

#: the development corpus of the coder (data/validation, read by coding.validation.load_validation)
VALIDATION_SENTENCES = pa.DataFrameSchema(
    {
        "sentence_id": string_column(unique=True), "set": string_column(nullable=True), "source_url": string_column(), "host": string_column(),
        "publisher": string_column(nullable=True), "prefecture": string_column(nullable=True),
        "year": int_column(nullable=True, checks=pa.Check.in_range(1900, 2200)), "genre": string_column(nullable=True),
        "text": string_column(checks=pa.Check.str_length(min_value=1)),
    },
    strict=False,
)

VALIDATION_LABELS = pa.DataFrameSchema(
    {
        "sentence_id": string_column(), "annotator": string_column(checks=pa.Check.isin(["A", "B", "adjudicated"])),
        "section": string_column(checks=pa.Check.isin(["goal", "focus", "activity", "outcome"])),
        "codes": pa.Column(object), "cause_codes": pa.Column(object), "effect_codes": pa.Column(object),
        "notes": string_column(nullable=True),
    },
    strict=False,
    unique=["sentence_id", "annotator"],
)

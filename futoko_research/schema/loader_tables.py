"""Contracts of the tables ingest writes: ``cases``, ``statements``, ``source_tables``,
``ingest_report`` and ``checkboxes`` (:mod:`futoko_research.loaders`)."""

from __future__ import annotations

import pandas as pd

from futoko_research.schema.columns import count_column, int_column, pa, string_column
from futoko_research.vocab import CHECKBOX_CATEGORIES, LAYOUTS, SECTIONS

#: kept for existing imports; the layouts are :data:`futoko_research.vocab.LAYOUTS`
LAYOUT_VALUES = LAYOUTS

CASES = pa.DataFrameSchema(
    {
        "case_id": string_column(unique=True),
        "source_id": string_column(),
        "fiscal_year": int_column(nullable=True),
        "region": string_column(nullable=True),
        "municipality": string_column(nullable=True),
        "title": string_column(nullable=True),
        "page": int_column(checks=pa.Check.ge(1)),
        "layout": string_column(checks=pa.Check.isin(LAYOUTS)),
    },
    strict=False,
)

STATEMENTS = pa.DataFrameSchema(
    {
        "statement_id": string_column(unique=True),
        "case_id": string_column(),
        "section": pa.Column(pd.CategoricalDtype(SECTIONS), checks=pa.Check.isin(SECTIONS)),
        "position": int_column(checks=pa.Check.ge(1)),
        "text": string_column(),
        "text_norm": string_column(),
        "source_id": string_column(),
        "page": int_column(nullable=True),
        "line_start": int_column(nullable=True),
        "line_end": int_column(nullable=True),
        # where a statement of a Word file or web page is (p12, t2r3c1, main/p[4]); NA otherwise
        "locator": string_column(nullable=True, required=False),
    },
    strict=False,
)

#: the tables found in PDF, Word and web-page reports, one row per non-empty cell (ingest)
SOURCE_TABLES = pa.DataFrameSchema(
    {
        "source_id": string_column(),
        "table_id": int_column(checks=pa.Check.ge(1)),
        "page": int_column(nullable=True),
        "row": int_column(checks=pa.Check.ge(1)),
        "column": int_column(checks=pa.Check.ge(1)),
        "header": string_column(nullable=True),
        "value": string_column(),
        "locator": string_column(nullable=True),
        "statement_id": string_column(nullable=True),
    },
    strict=True,
    unique=["source_id", "table_id", "row", "column"],
)

#: one row per source: what ingest read and how well (see loaders.ingest_report for the counts)
INGEST_REPORT = pa.DataFrameSchema(
    {
        "source_id": string_column(unique=True),
        "path": string_column(),
        "format": string_column(checks=pa.Check.isin(["text", "pdf", "docx", "html"])),
        "layout": string_column(),
        "pages": int_column(nullable=True),
        "n_cases": count_column(),
        "n_statements": count_column(),
        **{f"n_{s}": count_column() for s in SECTIONS},
        "n_table_cells": count_column(),
        "n_tables": count_column(),
        "chars_input": count_column(),
        "chars_statements": count_column(),
        "chars_furniture": count_column(),
        "chars_tables": count_column(),
        "chars_unassigned": count_column(),
        "chars_structure": count_column(),
        "chars_boilerplate": count_column(),
        "chars_lost": int_column(),
        "boilerplate": string_column(),
        "n_warnings": count_column(),
        "warnings": string_column(),
    },
    strict=True,
)

CHECKBOXES = pa.DataFrameSchema(
    {
        "case_id": string_column(),
        "category": pa.Column(pd.CategoricalDtype(CHECKBOX_CATEGORIES)),
        "label_ja": string_column(),
        "checked": pa.Column("boolean"),
    },
    strict=False,
    unique=["case_id", "category"],
)

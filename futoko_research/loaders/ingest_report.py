"""The ingest report (one row per source) and the tidy ``source_tables`` table.

Character accounting
--------------------
Every count is of **non-whitespace characters** (spaces, tabs, line breaks, full-width spaces
and form feeds are not counted; NFKC is not applied).

``chars_input``
    counted from the input itself: the decoded (and pseudonymised) text of a text file; the
    words on every page of a PDF (plus one ■/□ per tick box drawn as a rectangle, a mark the loader
    writes into its line); the paragraphs, table cells, running heads and feet of a Word
    file; the visible text of a web page (its ``<body>`` without scripts and styles).
``chars_statements``
    the ``text`` of the statements in every section but ``furniture`` and ``unassigned``.
``chars_furniture``, ``chars_unassigned``
    the text of the ``furniture`` and ``unassigned`` statements.
``chars_tables``
    table cells that are not also a statement (counts, labels, header rows).
``chars_structure``
    lines the parser read that are in no statement (titles, municipality lines, the case-sheet
    headers, tick-box lines, pages of a PDF left out of the cases) plus the marks a statement
    drops from its lines (the bullet ○ ・ ■, the brackets of 【tags】).
``chars_boilerplate``
    text of a web page outside its main text (menus, breadcrumbs, footers); the blocks are listed
    in ``boilerplate``.
``chars_lost``
    ``chars_input`` minus the sum of the six counts above. It is 0 when every character of the
    input is somewhere in the tables; a negative value means text was invented (e.g. a line read
    twice). Any other value adds a warning.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from futoko_research.loaders.blocks import SourceRead
from futoko_research.loaders.manifest import Source
from futoko_research.schema.columns import STRING
from futoko_research.vocab import SECTIONS

RE_SPACE = re.compile(r"\s")

INGEST_REPORT_COLUMNS = [
    "source_id", "path", "format", "layout", "pages", "n_cases", "n_statements",
    *[f"n_{s}" for s in SECTIONS], "n_table_cells", "n_tables",
    "chars_input", "chars_statements", "chars_furniture", "chars_tables", "chars_unassigned",
    "chars_structure", "chars_boilerplate", "chars_lost", "boilerplate", "n_warnings", "warnings",
]
SOURCE_TABLE_COLUMNS = ["source_id", "table_id", "page", "row", "column", "header", "value", "locator", "statement_id"]


def nonspace(text: str | None) -> int:
    """Number of non-whitespace characters of ``text``."""
    return len(RE_SPACE.sub("", text)) if text else 0


def report_row(source: Source, read: SourceRead, warnings: list[str]) -> dict:
    """The ingest-report row of one source (see the module docstring for the counts)."""
    blocks = [b for c in read.cases for b in c.blocks if b.text]
    by_section = {s: 0 for s in SECTIONS}
    chars = {s: 0 for s in SECTIONS}
    for b in blocks:
        by_section[b.section] += 1
        chars[b.section] += nonspace(b.text)
    cell_locators = {c.locator for c in read.cells}
    covered: dict[tuple[int, ...], list] = {}
    for b in blocks:
        covered.setdefault(tuple(id(ln) for ln in b.lines), []).append(b)
    in_blocks = {i for key in covered for i in key}
    structure = sum(
        nonspace(ln.text) for ln in read.lines
        if id(ln) not in in_blocks and (ln.locator is None or ln.locator not in cell_locators)
    )
    marks_warn = []
    for bs in covered.values():
        lines = [ln for b in bs[:1] for ln in b.lines]
        dropped = sum(nonspace(ln.text) for ln in lines) - sum(nonspace(b.text) for b in bs)
        structure += dropped
        if dropped < 0:
            marks_warn.append(f"line {lines[0].lineno}: statements longer than their lines")
    tables = sum(nonspace(c.value) for c in read.cells if c.block is None)
    boiler = sum(nonspace(t) for t in read.boilerplate)
    content = sum(v for s, v in chars.items() if s not in ("furniture", "unassigned"))
    lost = read.input_chars - (content + chars["furniture"] + chars["unassigned"] + tables + structure + boiler)
    all_warnings = list(warnings) + list(read.warnings) + marks_warn
    if lost:
        all_warnings.append(f"{lost} character(s) of the input are in no table (chars_lost)")
    row = {
        "source_id": source.source_id, "path": source.path.name, "format": read.format, "layout": read.layout,
        "pages": read.pages, "n_cases": len(read.cases), "n_statements": len(blocks),
        **{f"n_{s}": by_section[s] for s in SECTIONS},
        "n_table_cells": len(read.cells), "n_tables": len({c.table_id for c in read.cells}),
        "chars_input": read.input_chars, "chars_statements": content, "chars_furniture": chars["furniture"],
        "chars_tables": tables, "chars_unassigned": chars["unassigned"], "chars_structure": structure,
        "chars_boilerplate": boiler, "chars_lost": lost,
        "boilerplate": json.dumps(read.boilerplate, ensure_ascii=False),
        "n_warnings": len(all_warnings), "warnings": "\n".join(all_warnings),
    }
    return row


def coerce_ingest_report(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=INGEST_REPORT_COLUMNS)
    for c in ("source_id", "path", "format", "layout", "boilerplate", "warnings"):
        df[c] = df[c].astype(STRING)
    for c in INGEST_REPORT_COLUMNS:
        if c.startswith(("n_", "chars_")) or c == "pages":
            df[c] = df[c].astype("Int64")
    return df


def source_table_rows(source: Source, read: SourceRead, statement_ids: dict[int, str]) -> list[dict]:
    """Rows of ``source_tables`` for one source (``statement_ids``: id(block) → statement_id)."""
    return [
        {"source_id": source.source_id, "table_id": c.table_id, "page": c.page, "row": c.row, "column": c.column,
         "header": c.header, "value": c.value, "locator": c.locator,
         "statement_id": statement_ids.get(id(c.block)) if c.block is not None else None}
        for c in read.cells
    ]


def coerce_source_tables(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=SOURCE_TABLE_COLUMNS)
    for c in ("source_id", "header", "value", "locator", "statement_id"):
        df[c] = df[c].astype(STRING)
    for c in ("table_id", "page", "row", "column"):
        df[c] = df[c].astype("Int64")
    return df

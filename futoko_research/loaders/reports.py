"""load_reports(): the manifest's raw reports → ``cases``, ``statements``, ``checkboxes``."""

from __future__ import annotations

import logging
import sys
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from futoko_research.errors import LayoutWarning, ReportParseError, UnassignedTextWarning
from futoko_research.loaders.blocks import ParsedCase, SourceRead
from futoko_research.loaders.case_sheet import (
    looks_like_case_sheet,
    parse_case_sheet_lines,
    split_lines,
)
from futoko_research.loaders.decode import read_text
from futoko_research.loaders.furniture import attach_furniture, split_furniture
from futoko_research.loaders.generic import parse_generic_lines
from futoko_research.loaders.ingest_report import (
    coerce_ingest_report,
    coerce_source_tables,
    nonspace,
    report_row,
    source_table_rows,
)
from futoko_research.loaders.manifest import Source, read_manifest
from futoko_research.loaders.tables import (
    build_tables,
    coerce_cases,
    coerce_checkboxes,
    coerce_statements,
    statement_ids,
)
from futoko_research.schema.registry import validate

log = logging.getLogger("futoko_research")


class IngestTables(NamedTuple):
    """Everything ingest writes: the loader's three tables, ``source_tables``, ``ingest_report``."""

    cases: pd.DataFrame
    statements: pd.DataFrame
    checkboxes: pd.DataFrame
    source_tables: pd.DataFrame
    ingest_report: pd.DataFrame


class ReportTables(NamedTuple):
    """The loader's three tables (unpack as ``cases, statements, checkboxes = ...``)."""

    cases: pd.DataFrame
    statements: pd.DataFrame
    checkboxes: pd.DataFrame


def _parse_lines(lines, *, layout: str, path) -> tuple[list[ParsedCase], str]:
    """Parse split lines (furniture taken apart first); return the cases and the layout used."""
    if not lines:
        raise ReportParseError(path, "no text (only whitespace)")
    lines, furniture = split_furniture(lines)
    if not lines:
        raise ReportParseError(path, "no text besides page numbers and running heads")
    if layout == "case_sheet" or (layout == "auto" and looks_like_case_sheet(lines)):
        parsed = parse_case_sheet_lines(lines)
        if not parsed:
            raise ReportParseError(path, "layout is case_sheet but no 目標・方向性 header was found")
        used = "case_sheet"
    else:
        if layout == "auto":
            warnings.warn(f"{path}: case-sheet layout not recognised; parsed as generic paragraphs", LayoutWarning, stacklevel=3)
        parsed = parse_generic_lines(lines)
        used = "generic"
    attach_furniture(parsed, furniture)
    return parsed, used


def parse_text(text: str, *, layout: str = "auto", path: str | Path = "<text>") -> list[ParsedCase]:
    """Parse decoded report text with the given layout (``auto`` detects the case sheet).

    Non-empty text never yields an empty result: text that no parser can structure becomes
    ``body`` statements of one generic case. Page furniture (page numbers, running heads; see
    :mod:`futoko_research.loaders.furniture`) becomes ``furniture`` statements.
    """
    return _parse_lines(split_lines(text), layout=layout, path=path)[0]


def read_source(source: Source, *, pseudonymize_fn=None) -> SourceRead:
    """Read, decode (and optionally pseudonymise) one source and parse it, by its file suffix.

    ``.pdf`` (:mod:`~futoko_research.loaders.pdf`), ``.docx`` (:mod:`~futoko_research.loaders.word`),
    ``.html`` / ``.htm`` (:mod:`~futoko_research.loaders.html`), anything else as text.
    """
    suffix = source.path.suffix.lower()
    if suffix == ".pdf":
        from futoko_research.loaders.pdf import read_pdf_source

        return read_pdf_source(source.path, layout=source.layout, pseudonymize_fn=pseudonymize_fn)
    if suffix == ".docx":
        from futoko_research.loaders.word import read_docx

        return read_docx(source.path, pseudonymize_fn=pseudonymize_fn)
    if suffix in (".html", ".htm"):
        from futoko_research.loaders.html import read_html

        return read_html(source.path, encoding=source.encoding, pseudonymize_fn=pseudonymize_fn)
    text, used = read_text(source.path, encoding=source.encoding)
    log.info("%s: decoded as %s", source.path, used)
    if pseudonymize_fn is not None:
        text = pseudonymize_fn(text)
    lines = split_lines(text)
    cases, layout = _parse_lines(lines, layout=source.layout, path=source.path)
    pages = max((ln.page for ln in lines), default=1)
    return SourceRead("text", layout, cases, lines, nonspace(text), pages)


def parse_source(source: Source, *, pseudonymize_fn=None) -> list[ParsedCase]:
    """Read, decode (and optionally pseudonymise) one source and parse it into cases."""
    return read_source(source, pseudonymize_fn=pseudonymize_fn).cases


def _in_jupyter_kernel() -> bool:
    """True inside a running Jupyter kernel (not merely when ipykernel has been imported)."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def ingest_sources(sources: Iterable[Source], *, progress: bool = False, pseudonymize_fn=None) -> IngestTables:
    """Parse the given sources into the five validated ingest tables (ordered by source, case).

    Besides :func:`load_sources`' three tables: ``source_tables`` (the tables found in PDF, Word
    and web-page reports, one row per cell) and ``ingest_report`` (one row per source: what was
    read and how well; see :mod:`futoko_research.loaders.ingest_report`).
    """
    sources = list(sources)
    parts, cells, report = [], [], []
    iterator = sources
    if progress:
        from tqdm.auto import tqdm

        # no bar when stderr is not a terminal (logs, CI, a failing CLI run), except in Jupyter
        in_kernel = _in_jupyter_kernel()
        iterator = tqdm(sources, desc="reports", unit="file", disable=False if in_kernel else None)
    for source in iterator:
        fn = pseudonymize_fn if source.personal_data == "pseudonymize" else None
        if fn is not None and hasattr(fn, "set_source"):  # per-source counts (privacy_report.csv)
            fn.set_source(source.source_id)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                read = read_source(source, pseudonymize_fn=fn)
            except ReportParseError as exc:
                if source.manifest_line is not None:
                    exc.args = (f"{exc.args[0]} (manifest.csv line {source.manifest_line}, source_id {source.source_id!r})",)
                raise
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        messages = [str(w.message) for w in caught if issubclass(w.category, (LayoutWarning, UnassignedTextWarning))]
        for k, case in enumerate(read.cases, start=1):
            for w in case.warnings:
                msg = f"{source.path} (case {k}): {w}"
                messages.append(msg)
                warnings.warn(msg, UnassignedTextWarning if "unassigned" in w else LayoutWarning, stacklevel=2)
        parts.append(build_tables(read.cases, source))
        cells.extend(source_table_rows(source, read, statement_ids(read.cases, source)))
        report.append(report_row(source, read, messages))
    cases = coerce_cases(pd.concat([p[0] for p in parts], ignore_index=True))
    statements = coerce_statements(pd.concat([p[1] for p in parts], ignore_index=True))
    checkboxes = coerce_checkboxes(pd.concat([p[2] for p in parts], ignore_index=True))
    return IngestTables(
        validate(cases, "cases"), validate(statements, "statements"), validate(checkboxes, "checkboxes"),
        validate(coerce_source_tables(cells), "source_tables"), validate(coerce_ingest_report(report), "ingest_report"),
    )


def load_sources(sources: Iterable[Source], *, progress: bool = False, pseudonymize_fn=None) -> ReportTables:
    """Parse the given sources into the three validated tables (ordered by source, case)."""
    t = ingest_sources(sources, progress=progress, pseudonymize_fn=pseudonymize_fn)
    return ReportTables(t.cases, t.statements, t.checkboxes)


def load_reports(raw_dir: str | Path | None = None, *, progress: bool = False, pseudonymize_fn=None) -> ReportTables:
    """Load every report listed in ``raw_dir/manifest.csv``.

    Parameters
    ----------
    raw_dir : folder with ``manifest.csv`` and the reports (default: the project's data/raw).
    progress : show a progress bar over files.
    pseudonymize_fn : ``str -> str`` applied to decoded text of sources whose manifest
        ``personal_data`` is ``pseudonymize`` (see :mod:`futoko_research.privacy`).

    Returns
    -------
    ReportTables(cases, statements, checkboxes)
        cases : case_id, source_id, fiscal_year (Int64, NA = unknown), region, municipality,
            title, page, layout.
        statements : statement_id, case_id, section (goal|focus|activity|outcome|tag|body|
            unassigned|furniture), position, text, text_norm, source_id, page, line_start, line_end,
            bbox_x0, bbox_top, bbox_x1, bbox_bottom (PDF only), locator (Word and web pages).
        checkboxes : case_id, category, label_ja, checked, page, line.
    """
    from futoko_research.paths import RAW_DIR

    sources = read_manifest(raw_dir if raw_dir is not None else RAW_DIR)
    return load_sources(sources, progress=progress, pseudonymize_fn=pseudonymize_fn)

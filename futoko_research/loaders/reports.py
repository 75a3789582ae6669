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
from futoko_research.loaders.blocks import ParsedCase
from futoko_research.loaders.case_sheet import (
    looks_like_case_sheet,
    parse_case_sheet_lines,
    split_lines,
)
from futoko_research.loaders.decode import read_text
from futoko_research.loaders.generic import parse_generic_lines
from futoko_research.loaders.manifest import Source, read_manifest
from futoko_research.loaders.tables import (
    build_tables,
    coerce_cases,
    coerce_checkboxes,
    coerce_statements,
)
from futoko_research.schema import validate

log = logging.getLogger("futoko_research")


class ReportTables(NamedTuple):
    """The loader's three tables (unpack as ``cases, statements, checkboxes = ...``)."""

    cases: pd.DataFrame
    statements: pd.DataFrame
    checkboxes: pd.DataFrame


def parse_text(text: str, *, layout: str = "auto", path: str | Path = "<text>") -> list[ParsedCase]:
    """Parse decoded report text with the given layout (``auto`` detects the case sheet).

    Non-empty text never yields an empty result: text that no parser can structure becomes
    ``body`` statements of one generic case.
    """
    lines = split_lines(text)
    if not lines:
        raise ReportParseError(path, "no text (only whitespace)")
    if layout == "case_sheet" or (layout == "auto" and looks_like_case_sheet(lines)):
        parsed = parse_case_sheet_lines(lines)
        if not parsed:
            raise ReportParseError(path, "layout is case_sheet but no 目標・方向性 header was found")
        return parsed
    if layout == "auto":
        warnings.warn(f"{path}: case-sheet layout not recognised; parsed as generic paragraphs", LayoutWarning, stacklevel=2)
    return parse_generic_lines(lines)


def parse_source(source: Source, *, pseudonymize_fn=None) -> list[ParsedCase]:
    """Read, decode (and optionally pseudonymise) one source and parse it."""
    if source.path.suffix.lower() == ".pdf":
        from futoko_research.loaders.pdf import parse_pdf

        return parse_pdf(source.path, layout=source.layout, pseudonymize_fn=pseudonymize_fn)
    text, used = read_text(source.path, encoding=source.encoding)
    log.info("%s: decoded as %s", source.path, used)
    if pseudonymize_fn is not None:
        text = pseudonymize_fn(text)
    return parse_text(text, layout=source.layout, path=source.path)


def _in_jupyter_kernel() -> bool:
    """True inside a running Jupyter kernel (not merely when ipykernel has been imported)."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def load_sources(sources: Iterable[Source], *, progress: bool = False, pseudonymize_fn=None) -> ReportTables:
    """Parse the given sources into the three validated tables (ordered by source, case)."""
    sources = list(sources)
    parts = []
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
        try:
            parsed = parse_source(source, pseudonymize_fn=fn)
        except ReportParseError as exc:
            if source.manifest_line is not None:
                exc.args = (f"{exc.args[0]} (manifest.csv line {source.manifest_line}, source_id {source.source_id!r})",)
            raise
        for k, case in enumerate(parsed, start=1):
            for w in case.warnings:
                warnings.warn(f"{source.path} (case {k}): {w}", UnassignedTextWarning if "unassigned" in w else LayoutWarning, stacklevel=2)
        parts.append(build_tables(parsed, source))
    cases = coerce_cases(pd.concat([p[0] for p in parts], ignore_index=True))
    statements = coerce_statements(pd.concat([p[1] for p in parts], ignore_index=True))
    checkboxes = coerce_checkboxes(pd.concat([p[2] for p in parts], ignore_index=True))
    return ReportTables(validate(cases, "cases"), validate(statements, "statements"), validate(checkboxes, "checkboxes"))


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
            unassigned), position, text, text_norm, source_id, page, line_start, line_end,
            bbox_x0, bbox_top, bbox_x1, bbox_bottom (PDF only).
        checkboxes : case_id, category, label_ja, checked, page, line.
    """
    from futoko_research.paths import RAW_DIR

    sources = read_manifest(raw_dir if raw_dir is not None else RAW_DIR)
    return load_sources(sources, progress=progress, pseudonymize_fn=pseudonymize_fn)

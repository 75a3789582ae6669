"""Intermediate structures shared by the parsers (text and PDF): lines, blocks, parsed cases.

The sections and tick-box categories come from :mod:`futoko_research.vocab` (re-exported here).

A parser turns a decoded report into :class:`ParsedCase` objects holding :class:`Block`
statements; :mod:`futoko_research.loaders.tables` turns them into the tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from futoko_research.deprecation import deprecated_getattr
from futoko_research.vocab import CHECKBOX_CATEGORIES, CHECKBOX_FORM_LABELS_JA, SECTIONS

__all__ = [
    "ACTIVITY_BULLETS", "CHECKBOX_CATEGORIES", "CHECKBOX_FORM_LABELS_JA", "GOAL_BULLETS", "HEADER_ACTIVITY",
    "HEADER_GOAL", "SECTIONS", "STRUCTURAL_MARKS", "TAG_CLOSE", "TAG_OPEN", "TICKED_MARKS", "UNTICKED_MARKS",
    "Block", "Checkbox", "Line", "ParsedCase", "SourceRead", "TableCell",
]
# CHECKBOX_LABELS_JA (the form labels) was renamed: a second CHECKBOX_LABELS_JA with other contents
# lived in reporting.py
__getattr__ = deprecated_getattr(__name__, {"CHECKBOX_LABELS_JA": "futoko_research.vocab:CHECKBOX_FORM_LABELS_JA"})
HEADER_GOAL = "目標・方向性"
HEADER_ACTIVITY = "相談・支援、取組等の状況"
GOAL_BULLETS = "○◯●◎◆◇"
ACTIVITY_BULLETS = "・･"
TICKED_MARKS = "■☑☒✓✔"
UNTICKED_MARKS = "□☐"
TAG_OPEN, TAG_CLOSE = "【", "】"
STRUCTURAL_MARKS = GOAL_BULLETS + ACTIVITY_BULLETS + TICKED_MARKS + UNTICKED_MARKS + TAG_OPEN + TAG_CLOSE


@dataclass
class Line:
    """One non-blank physical line of a decoded report.

    lineno : 1-based line number in the decoded input.
    raw : the line as decoded (without newline and form feed).
    text : stripped, letter-spacing repaired (original characters).
    page : 1-based page (form feeds counted; inferred pages are set by the parser).
    gap_before : number of blank lines directly before this line.
    page_break_before : a form feed precedes this line.
    bbox : (x0, top, x1, bottom) in PDF points, when the line comes from a PDF.
    locator : where the line is in a Word file or web page (``p12`` = 12th paragraph,
        ``t2r3c1`` = table 2, row 3, cell 1, ``main/p[4]`` = 4th block of the page's main text).
    """

    lineno: int
    raw: str
    text: str
    page: int = 1
    gap_before: int = 0
    page_break_before: bool = False
    bbox: tuple[float, float, float, float] | None = None
    locator: str | None = None


@dataclass
class Block:
    """A statement under construction: a section and the lines that make it up."""

    section: str
    lines: list[Line]
    text: str

    @property
    def line_start(self) -> int:
        return self.lines[0].lineno

    @property
    def line_end(self) -> int:
        return self.lines[-1].lineno

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass
class Checkbox:
    category: str
    label_ja: str
    checked: bool
    line: Line


@dataclass
class ParsedCase:
    """One case (one municipality's page) as parsed."""

    page: int
    layout: str
    title: str | None = None
    municipality: str | None = None
    title_lines: list[Line] = field(default_factory=list)
    municipality_line: Line | None = None
    blocks: list[Block] = field(default_factory=list)
    checkboxes: list[Checkbox] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class TableCell:
    """One cell of a table in a report (a row of ``source_tables``).

    row and column are 1-based; ``header`` is the text of the table's first row in this column
    (None for the first row itself and for one-row tables); ``block`` is the statement that
    also carries the cell's text when the cell holds prose (a sentence, not a count or label).
    """

    table_id: int
    page: int | None
    row: int
    column: int
    header: str | None
    value: str
    locator: str | None = None
    block: Block | None = None


@dataclass
class SourceRead:
    """Everything read from one source: the parsed cases and what the ingest report needs.

    format : ``text``, ``pdf``, ``docx`` or ``html``.
    layout : the layout the parser used (``case_sheet``, ``generic``, ``headings`` …).
    pages : number of pages (PDF, text with form feeds), None when the format has none.
    lines : every line the parser was given, furniture included.
    cells : table cells (``source_tables``), header rows included (``header`` None).
    boilerplate : text dropped from a web page (menus, breadcrumbs, footers), one item per block.
    input_chars : non-whitespace characters of the input, counted from the file's own text
        (decoded text, PDF words, Word runs, the web page's visible text), not from ``lines``.
    """

    format: str
    layout: str
    cases: list[ParsedCase]
    lines: list[Line]
    input_chars: int
    pages: int | None = None
    cells: list[TableCell] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

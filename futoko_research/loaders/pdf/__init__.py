"""PDF reports → :class:`~futoko_research.loaders.blocks.ParsedCase` objects, from page geometry.

Entry points
------------
parse_pdf(path, *, layout="auto", pseudonymize_fn=None) -> list[ParsedCase]
    What :func:`futoko_research.loaders.reports.parse_source` calls for a ``.pdf`` source.
pdf_text(path, *, layout="auto", pseudonymize_fn=None) -> str
    The reconstructed text the line numbers refer to (see Notes).

Modules
-------
extract   pdfplumber → words, segments, tick-box rectangles per page; bad-file errors
regions   a case-sheet page's regions from its headers and geometry; other pages' lines

Notes
-----
- Layout values written to the ``cases`` table: ``pdf_case_sheet`` for pages read as case
  sheets, ``pdf_generic`` for the generic parser; the ``pdf_`` prefix records that regions
  came from geometry, not from a text extraction's order.
- A PDF has no text lines of its own. Every line the loader builds is numbered in document
  order, in the **reconstructed text** that :func:`pdf_text` returns: pages in order, form
  feeds between pages (so its page count matches the PDF's), and on a case page the regions
  in the order goals, title, municipality, 目標・方向性, focus labels, 相談・支援、取組等の状況,
  activities, tick boxes, outcomes, unplaced lines, tags, each region after one blank line.
  ``line_start``/``line_end`` (statements) and ``line`` (checkboxes) are line numbers of that
  text; ``page`` and ``bbox_*`` locate the statement in the PDF itself. The reconstructed text
  is in the order the text parser expects, so for a document of case sheets only
  ``parse_text(pdf_text(p))`` gives the same statements as ``parse_pdf(p)`` (tested).
- Mixed documents: with layout ``auto`` or ``case_sheet``, pages without both headers (cover,
  table of contents, …) are left out of the cases and named in the log (INFO per page, one
  WARNING per file). With ``auto`` and no case page at all, the generic parser reads every
  page (one case per page, :class:`~futoko_research.errors.LayoutWarning`).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from futoko_research.errors import LayoutWarning, ReportParseError
from futoko_research.loaders.blocks import Block, Checkbox, Line, ParsedCase, SourceRead, TableCell
from futoko_research.loaders.case_sheet import RE_TAG, checkbox_of, group_bullets
from futoko_research.loaders.furniture import attach_furniture, find_furniture
from futoko_research.loaders.generic import parse_generic_lines
from futoko_research.loaders.normalize import clean_line
from futoko_research.loaders.pdf.extract import PageData, iter_pages
from futoko_research.loaders.pdf.regions import (
    MARGIN_FRACTION,
    PageLines,
    analyse_case_page,
    analyse_text_page,
    lines_of,
)
from futoko_research.loaders.structured import is_prose

__all__ = ["LAYOUT_CASE_SHEET", "LAYOUT_GENERIC", "PdfDocument", "parse_pdf", "pdf_text", "read_pdf", "read_pdf_source"]

log = logging.getLogger("futoko_research")

LAYOUT_CASE_SHEET = "pdf_case_sheet"
LAYOUT_GENERIC = "pdf_generic"


@dataclass
class PdfDocument:
    """A read PDF: its pages' lines (numbered), the mode used, and the reconstructed text."""

    path: Path
    pages: list[PageLines]
    mode: str  # "case_sheet" or "generic"
    text: str
    n_pages: int
    n_chars: int = 0  # non-whitespace characters of every word on every page
    cells: list[TableCell] = field(default_factory=list)  # cells of the data tables (source_tables)


def is_data_table(rows: list[list[str | None]]) -> bool:
    """A ruled table of data (counts, labels): at least 2 rows and 2 columns, at most half of its
    non-empty cells prose. A ruled box of prose (a Word table of text saved as PDF) stays text."""
    values = [v for row in rows for v in row if v and v.strip()]
    if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2 or not values:
        return False
    return sum(is_prose(v) for v in values) <= len(values) / 2


def take_data_tables(page: PageData, *, table_base: int, fix: Callable[[str], str] | None = None) -> list[TableCell]:
    """The data tables of a (non case-sheet) page as cells; their words are taken off the page.

    Table k of the document (1-based, counted over pages) has cells with ``locator``
    ``page<n>/t<k>r<i>c<j>``; the first row is the header row. Words whose centre lies inside a
    data table's box are removed from ``page.segments`` (they are in the cells, not in statements).
    """
    out: list[TableCell] = []
    boxes = []
    for bbox, rows in page.tables:
        if not is_data_table(rows):
            continue
        boxes.append(bbox)
        k = table_base + len(boxes)
        texts = [[(fix(v) if fix and v else v) for v in row] for row in rows]
        header = texts[0]
        for i, row in enumerate(texts, start=1):
            for j, v in enumerate(row, start=1):
                if v is None or not v.strip():
                    continue
                head = header[j - 1] if i > 1 and j - 1 < len(header) else None
                out.append(TableCell(k, page.number, i, j, head.replace("\n", "") if head else None,
                                     v.replace("\n", ""), f"page{page.number}/t{k}r{i}c{j}"))
    if boxes:
        def inside(s) -> bool:
            cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
            return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

        page.segments = [s for s in page.segments if not inside(s)]
    return out


def pdf_furniture(pages: list[PageData]) -> set[int]:
    """``id`` of the segments that are page furniture: page numbers and repeated running heads
    or feet in the top or bottom :data:`~futoko_research.loaders.pdf.regions.MARGIN_FRACTION` of
    a page (rules of :mod:`futoko_research.loaders.furniture`)."""
    margins = []
    for page in pages:
        lo, hi = MARGIN_FRACTION * page.height, (1 - MARGIN_FRACTION) * page.height
        margins.append(sorted((s for s in page.segments if s.bottom < lo or s.top > hi), key=lambda s: (s.top, s.x0)))
    return find_furniture(margins, lambda s: s.text)


def _number_lines(pages: list[PageLines]) -> str:
    """Give every line its number in the reconstructed text; return that text."""
    out: list[str] = []
    prev_page = 1
    for pl in pages:
        for _region, ln in pl.regions:
            breaks = ln.page - prev_page
            if out and ln.gap_before:
                out.extend([""] * ln.gap_before)
            ln.page_break_before = breaks > 0
            out.append("\f" * breaks + ln.raw)
            ln.lineno = len(out)
            prev_page = ln.page
    return "\n".join(out) + "\n"


def read_pdf(
    path: str | Path, *, layout: str = "auto", pseudonymize_fn: Callable[[str], str] | None = None
) -> PdfDocument:
    """Read a PDF into numbered lines by region (see the module Notes).

    Raises
    ------
    ReportParseError : encrypted, corrupt or truncated file; a page with images but no text
        layer (``page 3 has no text layer; run OCR first``); layout ``case_sheet`` without a
        case page; a document without any text.
    """
    path = Path(path)
    if layout not in ("auto", "case_sheet", "generic"):
        raise ValueError(f"layout must be 'auto', 'case_sheet' or 'generic', not {layout!r}")
    pages: list[PageLines] = []
    cells: list[TableCell] = []
    data = list(iter_pages(path, pseudonymize_fn=pseudonymize_fn))
    n_pages = len(data)
    n_chars = sum(len("".join(s.text.split())) for page in data for s in page.segments)
    furniture = pdf_furniture(data)
    for page in data:
        if page.n_chars == 0 and page.n_images > 0:
            raise ReportParseError(path, f"page {page.number} has no text layer; run OCR first")
        furn = [s for s in page.segments if id(s) in furniture]
        page.segments = [s for s in page.segments if id(s) not in furniture]
        analysed = analyse_case_page(page) if layout != "generic" else None
        if analysed is None:
            cells.extend(take_data_tables(page, table_base=len({c.table_id for c in cells}), fix=pseudonymize_fn))
        pl = analysed if analysed is not None else analyse_text_page(page)
        for k, ln in enumerate(lines_of(furn, page.number)):
            ln.gap_before = 1 if k == 0 else 0
            pl.regions.append(("furniture", ln))
        pages.append(pl)
    if not cells and not any(pl.kind != "blank" for pl in pages):
        raise ReportParseError(path, "PDF has no text on any page")
    has_case = any(pl.kind == "case_sheet" for pl in pages)
    if layout == "case_sheet" and not has_case:
        raise ReportParseError(path, "layout is case_sheet but no page has the 目標・方向性 and 相談・支援、取組等の状況 headers")
    mode = "case_sheet" if has_case else "generic"
    if layout == "auto" and not has_case:
        warnings.warn(f"{path}: case-sheet layout not recognised; parsed as generic paragraphs", LayoutWarning, stacklevel=3)
    if pseudonymize_fn is not None:
        # words were pseudonymised one by one as they were read; a name split over two words
        # is only whole on its line, so every joined line goes through the pseudonymiser again
        # (idempotent: already replaced names are not touched)
        for pl in pages:
            for _region, ln in pl.regions:
                new = pseudonymize_fn(ln.raw)
                if new != ln.raw:
                    ln.raw, ln.text = new, clean_line(new)
    text = _number_lines(pages)
    return PdfDocument(path, pages, mode, text, n_pages, n_chars, cells)


def pdf_text(
    path: str | Path, *, layout: str = "auto", pseudonymize_fn: Callable[[str], str] | None = None
) -> str:
    """The reconstructed text of a PDF, whose line numbers the tables use (see module Notes)."""
    return read_pdf(path, layout=layout, pseudonymize_fn=pseudonymize_fn).text


def _case_of(pl: PageLines) -> ParsedCase:
    case = ParsedCase(page=pl.page, layout=LAYOUT_CASE_SHEET)
    case.warnings.extend(pl.warnings)
    case.title_lines = pl.lines("title")
    case.title = "".join(ln.text for ln in case.title_lines) or None
    muni = pl.lines("municipality")
    if muni:
        case.municipality_line = muni[0]
        case.municipality = muni[0].text
    for section in ("goal", "focus", "activity", "outcome"):
        case.blocks.extend(group_bullets(pl.lines(section), section, case))
    for ln in pl.lines("unassigned"):
        case.warnings.append(f"line {ln.lineno}: text on the tick-box row kept as 'unassigned'")
        case.blocks.append(Block("unassigned", [ln], ln.text))
    for run in pl.tag_runs:
        text = "".join(ln.text for ln in run)
        for tag in RE_TAG.findall(text):
            case.blocks.append(Block("tag", run, tag.strip()))
        leftover = RE_TAG.sub("", text).strip()
        if leftover:
            case.warnings.append(f"line {run[0].lineno}: text outside 【】 kept as 'unassigned'")
            case.blocks.append(Block("unassigned", run, leftover))
    for ln in pl.lines("furniture"):
        case.blocks.append(Block("furniture", [ln], ln.text))
    for tick in pl.ticks:
        cb = checkbox_of(tick.line)
        if cb is not None:
            case.checkboxes.append(Checkbox(cb.category, cb.label_ja, tick.checked, tick.line))
    if len(case.checkboxes) not in (0, 3):
        case.warnings.append(f"page {pl.page}: {len(case.checkboxes)} tick boxes found, expected 3")
    return case


def read_pdf_source(
    path: str | Path, *, layout: str = "auto", pseudonymize_fn: Callable[[str], str] | None = None
) -> SourceRead:
    """:func:`parse_pdf` with what the ingest report needs (pages, every line, input characters)."""
    doc = read_pdf(path, layout=layout, pseudonymize_fn=pseudonymize_fn)
    cases = _cases_of(doc)
    lines = [ln for pl in doc.pages for _r, ln in pl.regions]
    # the ■/□ written for tick boxes drawn as rectangles count as read (they are in the lines)
    n_chars = doc.n_chars + sum(pl.drawn_marks for pl in doc.pages)
    return SourceRead("pdf", doc.mode, cases, lines, n_chars, doc.n_pages, doc.cells)


def parse_pdf(
    path: str | Path, *, layout: str = "auto", pseudonymize_fn: Callable[[str], str] | None = None
) -> list[ParsedCase]:
    """Parse a PDF report into cases, using page geometry rather than the PDF's text order.

    Parameters
    ----------
    path : the PDF file.
    layout : ``auto`` (case sheet when any page has both case-sheet headers, else generic),
        ``case_sheet`` or ``generic`` (the manifest's layout value).
    pseudonymize_fn : ``str -> str`` applied to each word's text before anything else.

    Returns
    -------
    list of ParsedCase, one per case-sheet page (layout ``pdf_case_sheet``), or one per page
    with text (layout ``pdf_generic``). Every :class:`~futoko_research.loaders.blocks.Line`
    carries ``page`` (the PDF page, 1-based), ``bbox`` (x0, top, x1, bottom in points from the
    page's top-left corner) and ``lineno`` (its line in :func:`pdf_text`).

    Raises
    ------
    ReportParseError : see :func:`read_pdf`.
    """
    return _cases_of(read_pdf(path, layout=layout, pseudonymize_fn=pseudonymize_fn))


def _cases_of(doc: PdfDocument) -> list[ParsedCase]:
    if doc.mode == "generic":
        lines: list[Line] = [ln for pl in doc.pages for r, ln in pl.regions if r != "furniture"]
        cases = parse_generic_lines(lines)
        for case in cases:
            case.layout = LAYOUT_GENERIC
        attach_furniture(cases, [ln for pl in doc.pages for ln in pl.lines("furniture")])
        return cases
    cases = []
    left_out = []
    for pl in doc.pages:
        if pl.kind == "case_sheet":
            cases.append(_case_of(pl))
        elif pl.kind == "blank":
            log.info("%s: page %d is blank; skipped", doc.path, pl.page)
        else:
            left_out.append(pl.page)
            log.info(
                "%s: page %d is not a case sheet (no 目標・方向性 / 相談・支援、取組等の状況 headers; starts %r); left out of the cases",
                doc.path, pl.page, pl.snippet,
            )
    if left_out:
        log.warning(
            "%s: %d of %d pages are not case sheets and were left out of the cases: page(s) %s",
            doc.path, len(left_out), doc.n_pages, ", ".join(map(str, left_out)),
        )
    return cases

"""Regions of a case-sheet page, recognised from geometry and headers.

A case sheet (実践事例) page is recognised by its two headers, each found as a run of
neighbouring segments of one row (whitespace ignored, so letter-spaced headers count):
``目標・方向性`` (G) and ``相談・支援、取組等の状況`` (A), with A below G. Then, with
``cy`` the vertical centre of a segment:

==================  ===========================================================================
region              segments
==================  ===========================================================================
title, municipality above G (``cy < G.top``); the segment that looks like a municipality name
                    (…市/町/村/区, :data:`~futoko_research.loaders.case_sheet.RE_MUNICIPALITY`) is
                    the municipality, the others (top to bottom) make the title
goal                between G and A (``G.top <= cy < A.top``): the box under (or beside) G
left column         below A and left of the column gutter: focus labels (○) and tags (【…】)
tick row            below A: segments that are a tick-box label with a mark before them (■/□
                    glyph, or a small square rectangle, filled = ticked)
activity            below A, right of the gutter, above the tick row
outcome             below A, right of the gutter, below the tick row (tags there too)
==================  ===========================================================================

The column boundary ("gutter") is the left edge of the activity bullets (・) that reach under
A, minus a quarter em; without such bullets, the widest vertical strip left of A's left edge
that no segment between A and the tick row crosses; failing that, A's left edge. Below the
first segment that crosses the boundary the sheet is taken as full width (an outcome box or
tags spanning the page): nothing there is put in the left column.

Page numbers left in the margins after the furniture pass (:func:`futoko_research.loaders.pdf.pdf_furniture`:
the top or bottom 8 % of the page) are
dropped everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from futoko_research.loaders.blocks import (
    ACTIVITY_BULLETS,
    HEADER_ACTIVITY,
    HEADER_GOAL,
    TAG_CLOSE,
    TAG_OPEN,
    TICKED_MARKS,
    UNTICKED_MARKS,
    Line,
)
from futoko_research.loaders.case_sheet import RE_MUNICIPALITY, checkbox_of
from futoko_research.loaders.normalize import clean_line, squash
from futoko_research.loaders.pdf.extract import Box, PageData, Segment, join_words, rows_of

RE_PAGE_NUMBER = re.compile(r"^[-–—‐ー―(（\s]*\d{1,4}[-–—‐ー―)）\s]*$|^\d{1,4}\s*/\s*\d{1,4}$")
#: a page-number segment must lie in this top or bottom fraction of the page
MARGIN_FRACTION = 0.08
#: longest tick-box label (characters, spaces removed)
MAX_TICK_LABEL = 30
MARKS = TICKED_MARKS + UNTICKED_MARKS

#: order in which the regions of a case page are written to the reconstructed text (this is
#: also the order the text parser expects: goals, title, municipality, 目標・方向性, focus
#: labels, 相談・支援…, activities, tick boxes, outcomes, tags)
REGION_ORDER = (
    "goal", "title", "municipality", "goal_header", "focus", "activity_header", "activity",
    "tick", "outcome", "unassigned", "tag",
)


@dataclass
class Tick:
    """A tick box found on the page: its reconstructed line, category and state."""

    line: Line
    checked: bool


@dataclass
class PageLines:
    """The lines of one page, by region, in reconstructed-text order.

    kind : ``case_sheet`` (both headers found), ``text`` (other text) or ``blank``.
    regions : list of (region, Line); lines are numbered later, in document order.
    ticks : tick boxes (their lines are also in ``regions`` under ``tick``).
    tag_runs : lines of each 【…】 tag (a tag may wrap), top to bottom.
    """

    page: int
    kind: str
    regions: list[tuple[str, Line]] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    tag_runs: list[list[Line]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: ■/□ marks the loader wrote for tick boxes drawn as rectangles (not characters of the PDF)
    drawn_marks: int = 0

    def lines(self, region: str) -> list[Line]:
        return [ln for r, ln in self.regions if r == region]

    @property
    def snippet(self) -> str:
        text = "".join(ln.text for _, ln in self.regions)
        return text[:40]


def make_line(segments: list[Segment], page: int, *, mark: str | None = None) -> Line:
    """One :class:`Line` from segments of one row (words joined left to right).

    ``lineno`` is 0 until the document is numbered. ``mark`` (■/□) is put in front of the text
    for tick boxes drawn as rectangles, so the line reads like a text extraction's.
    """
    words = sorted((w for s in segments for w in s.words), key=lambda w: w.x0)
    raw = join_words(words)
    if mark is not None:
        raw = f"{mark} {raw}"
    bbox = (
        min(s.x0 for s in segments), min(s.top for s in segments),
        max(s.x1 for s in segments), max(s.bottom for s in segments),
    )
    return Line(0, raw, clean_line(raw), page, 0, False, bbox)


def lines_of(segments: list[Segment], page: int) -> list[Line]:
    """Group segments into rows (top to bottom) and each row into one line."""
    lines = []
    prev = None
    for row in rows_of(segments):
        ln = make_line(row, page)
        if prev is not None:
            ln.gap_before = paragraph_gap(prev, ln)
        lines.append(ln)
        prev = ln
    return lines


def paragraph_gap(prev: Line, line: Line) -> int:
    """2 when the vertical gap between two lines is at least one empty line high, else 0.

    (2, not 1, so that the generic parser does not take the text as double spaced.)
    """
    h = max(prev.bbox[3] - prev.bbox[1], line.bbox[3] - line.bbox[1], 1.0)
    return 2 if line.bbox[1] - prev.bbox[3] > 0.9 * h else 0


def drop_page_numbers(page: PageData) -> list[Segment]:
    keep = []
    for s in page.segments:
        in_margin = s.bottom < MARGIN_FRACTION * page.height or s.top > (1 - MARGIN_FRACTION) * page.height
        if in_margin and RE_PAGE_NUMBER.match(s.text.strip()):
            continue
        keep.append(s)
    return keep


def find_header(segments: list[Segment], header: str) -> tuple[Segment, list[Segment]] | None:
    """The topmost run of neighbouring segments of one row that reads ``header``.

    Whitespace is ignored, and a header may span several segments of its row, so
    letter-spaced headers (均等割り付け, 「目　標　・　方　向　性」) are found too.
    Returns (the run merged into one segment, the run's segments), or None.
    """
    for row in rows_of(segments):
        for i, first in enumerate(row):
            if not header.startswith(squash(first.text)) or not squash(first.text):
                continue
            text = ""
            for j in range(i, len(row)):
                text += squash(row[j].text)
                if text == header:
                    run = row[i: j + 1]
                    return Segment([w for seg in run for w in seg.words]), run
                if not header.startswith(text):
                    break
    return None


def _tick_category_line(label: str, mark: str) -> Line | None:
    return checkbox_of(Line(0, f"{mark} {label}", f"{mark} {label}"))


def find_ticks(segments: list[Segment], boxes: list[Box]) -> list[tuple[list[Segment], str, Box | None]]:
    """Tick boxes among ``segments``: (segments of the tick, mark ■/□, box or None).

    A tick is a label (one of the three categories) preceded by a ■/□ glyph in the same
    segment, by a glyph-only segment just left of it, or by a small square rectangle.
    """
    found = []
    used: set[int] = set()
    mark_only = {id(s): s for s in segments if s.text.strip() and all(c in MARKS + " " for c in s.text)}
    for s in segments:
        if id(s) in mark_only:
            continue
        text = s.text.strip()
        if text and text[0] in MARKS:
            label = text[1:].strip()
            if len(squash(label)) <= MAX_TICK_LABEL and _tick_category_line(label, text[0]):
                found.append(([s], text[0], None))
            continue
        if len(squash(text)) > MAX_TICK_LABEL or not _tick_category_line(text, "□"):
            continue
        em = max(s.size, 1.0)
        glyph = [
            m for m in mark_only.values()
            if id(m) not in used and abs(m.cy - s.cy) < 0.5 * em and m.x1 <= s.x0 + 1 and s.x0 - m.x1 <= 3 * em
        ]
        if glyph:
            m = max(glyph, key=lambda m: m.x1)
            used.add(id(m))
            found.append(([m, s], m.text.strip()[0], None))
            continue
        near = [b for b in boxes if abs(b.cy - s.cy) < 0.6 * em and b.x1 <= s.x0 + 2 and s.x0 - b.x1 <= 3 * em]
        if near:
            b = max(near, key=lambda b: b.x1)
            found.append(([s], "■" if b.filled else "□", b))
    return found


def column_gutter(segments: list[Segment], limit: float) -> float | None:
    """x of the gutter between the left and right columns, left of ``limit``; None if none."""
    if not segments:
        return None
    lo = min(s.x0 for s in segments)
    hi = max(s.x1 for s in segments)

    def gaps(segs):
        spans = sorted((s.x0, s.x1) for s in segs)
        out = []
        end = spans[0][1]
        for x0, x1 in spans[1:]:
            if x0 > end:
                out.append((end, x0))
            end = max(end, x1)
        return [g for g in out if g[1] <= limit + 1.0]

    found = gaps(segments)
    if not found:
        narrow = [s for s in segments if s.x1 - s.x0 <= 0.6 * (hi - lo)]
        found = gaps(narrow) if narrow else []
    if not found:
        return None
    g = max(found, key=lambda g: (g[1] - g[0]))
    return (g[0] + g[1]) / 2


def right_column_edge(body: list[Segment], a: Segment, t_top: float) -> float:
    """x where the right (activity) column begins, minus a quarter em.

    The left edge of the activity bullets (・) that reach under the 相談・支援… header (so a
    ・ in the left column is not taken); without such bullets, the column gutter
    (:func:`column_gutter`); failing that, the header's left edge.
    """
    bullets = [
        s for s in body
        if s.text[:1] in ACTIVITY_BULLETS and a.bottom <= s.cy < t_top and s.x1 > a.x0 and s.x0 < a.x1
    ]
    if bullets:
        edge = min(s.x0 for s in bullets)
        return edge - 0.25 * max(a.size, 1.0)
    gutter = column_gutter([s for s in body if s.cy < t_top] or body, a.x0)
    return gutter if gutter is not None else a.x0 - 1.0


def _split_tags(lines: list[Line]) -> tuple[list[Line], list[list[Line]]]:
    """Separate tag runs (a line starting with 【, up to the line that closes it) from the rest."""
    rest: list[Line] = []
    tags: list[list[Line]] = []
    open_run: list[Line] | None = None
    for ln in lines:
        if open_run is not None:
            open_run.append(ln)
            if TAG_CLOSE in ln.text:
                open_run = None
            continue
        if ln.text.startswith(TAG_OPEN):
            run = [ln]
            tags.append(run)
            if TAG_CLOSE not in ln.text:
                open_run = run
        else:
            rest.append(ln)
    return rest, tags


def analyse_case_page(page: PageData) -> PageLines | None:
    """Regions of a case-sheet page, or None when the page lacks either header."""
    segments = drop_page_numbers(page)
    g_hit = find_header(segments, HEADER_GOAL)
    a_hit = find_header(segments, HEADER_ACTIVITY)
    if g_hit is None or a_hit is None or a_hit[0].cy <= g_hit[0].cy:
        return None
    (g, g_run), (a, a_run) = g_hit, a_hit
    out = PageLines(page.number, "case_sheet")
    n = page.number
    header_ids = {id(s) for s in g_run + a_run}
    rest = [s for s in segments if id(s) not in header_ids]
    head = [s for s in rest if s.cy < g.top]
    goal = [s for s in rest if g.top <= s.cy < a.top]
    below = [s for s in rest if s.cy >= a.top]

    # title and municipality: each head segment is a line of its own
    head_lines = [make_line([s], n) for s in sorted(head, key=lambda s: (s.top, s.x0))]
    munis = [ln for ln in head_lines if RE_MUNICIPALITY.match(squash(ln.text))]
    if munis:
        muni = munis[-1]
    elif head_lines:
        muni = head_lines[-1]
        out.warnings.append(f"page {n}: {muni.text!r} taken as the municipality")
    else:
        muni = None
        out.warnings.append(f"page {n}: no title or municipality above the 目標・方向性 header")

    # tick boxes
    ticks = find_ticks(below, page.boxes)
    tick_ids = {id(s) for segs, _, _ in ticks for s in segs}
    body = [s for s in below if id(s) not in tick_ids]
    t_top = min((s.top for segs, _, _ in ticks for s in segs), default=float("inf"))
    t_bottom = max((s.bottom for segs, _, _ in ticks for s in segs), default=float("inf"))
    gutter = right_column_edge(body, a, t_top)
    # below the first line that crosses the gutter the sheet is full width (e.g. an outcome
    # box spanning the page): nothing there belongs to the left column
    crossing = [s for s in body if s.x0 < gutter - 1.0 and s.x1 > gutter + 1.0]
    full_top = min((s.top for s in crossing), default=float("inf"))
    left = [s for s in body if s.x1 <= gutter + 0.5 and s.cy < full_top]
    left_ids = {id(s) for s in left}
    right = [s for s in body if id(s) not in left_ids]
    if ticks:
        activity = [s for s in right if s.cy < t_top]
        outcome = [s for s in right if s.cy > t_bottom]
        stray = [s for s in right if t_top <= s.cy <= t_bottom]
    else:
        out.warnings.append(f"page {n}: no tick boxes (■/□ or drawn boxes) found")
        activity, outcome, stray = right, [], []

    regions: dict[str, list[Line]] = {r: [] for r in REGION_ORDER}
    regions["goal"] = lines_of(goal, n)
    regions["title"] = [ln for ln in head_lines if ln is not muni]
    regions["municipality"] = [muni] if muni is not None else []
    regions["goal_header"] = [make_line([g], n)]
    left_lines, left_tags = _split_tags(lines_of(left, n))
    regions["focus"] = left_lines
    regions["activity_header"] = [make_line([a], n)]
    act_lines, act_tags = _split_tags(lines_of(activity, n))
    regions["activity"] = act_lines
    tick_lines = []
    drawn_marks = 0
    for segs, mark, box in sorted(ticks, key=lambda t: (min(s.top for s in t[0]), min(s.x0 for s in t[0]))):
        if len(segs) == 1 and box is None:  # "■ label" in one segment
            ln = make_line(segs, n)
        else:  # a glyph segment + the label, or a drawn box + the label
            label_segs = [s for s in segs if s.text.strip() not in MARKS]
            drawn_marks += len(label_segs) == len(segs)
            ln = make_line(label_segs, n, mark=mark)
            x0, top, x1, bottom = ln.bbox
            x0, top = min(x0, *(s.x0 for s in segs)), min(top, *(s.top for s in segs))
            if box is not None:
                x0, top, bottom = min(x0, box.x0), min(top, box.top), max(bottom, box.bottom)
            ln.bbox = (x0, top, x1, bottom)
        tick_lines.append(ln)
        out.ticks.append(Tick(ln, mark in TICKED_MARKS))
    regions["tick"] = tick_lines
    out.drawn_marks = drawn_marks
    out_lines, out_tags = _split_tags(lines_of(outcome, n))
    regions["outcome"] = out_lines
    regions["unassigned"] = lines_of(stray, n)
    tag_runs = sorted(left_tags + act_tags + out_tags, key=lambda run: (run[0].bbox[1], run[0].bbox[0]))
    regions["tag"] = [ln for run in tag_runs for ln in run]
    out.tag_runs = tag_runs
    for r in REGION_ORDER:
        for i, ln in enumerate(regions[r]):
            ln.gap_before = 1 if i == 0 else 0
            out.regions.append((r, ln))
    return out


def analyse_text_page(page: PageData) -> PageLines:
    """Any other page: rows top to bottom, one line per row; a two-column page
    (:mod:`~futoko_research.loaders.pdf.columns`) column by column."""
    from futoko_research.loaders.pdf.columns import split_columns

    segments = drop_page_numbers(page)
    if not segments:
        return PageLines(page.number, "blank")
    out = PageLines(page.number, "text")
    parts = split_columns(segments, page.width) or [segments]
    for part in parts:
        lines = lines_of(part, page.number)
        if lines and out.regions:
            lines[0].gap_before = 2
        out.regions.extend(("text", ln) for ln in lines)
    return out

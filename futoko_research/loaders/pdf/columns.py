"""Two-column free-layout pages (leaflets, newsletters): read the left column, then the right.

A page is read in two columns when a vertical strip (the gutter) in the middle of the page —
its centre between 30 % and 70 % of the page width, at least :data:`MIN_GUTTER` points wide —
is crossed by no segment except a band of full-width segments above both columns (a title) and
one below them (a footer), and each column holds at least :data:`MIN_COLUMN_SEGMENTS` segments.
Otherwise the page is one column (rows across the full width).
"""

from __future__ import annotations

from futoko_research.loaders.pdf.extract import Segment

MIN_GUTTER = 12.0
MIN_COLUMN_SEGMENTS = 3


def _gaps(segments: list[Segment]) -> list[tuple[float, float]]:
    spans = sorted((s.x0, s.x1) for s in segments)
    out, end = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > end:
            out.append((end, x0))
        end = max(end, x1)
    return out


def split_columns(segments: list[Segment], width: float) -> list[list[Segment]] | None:
    """``[top band, left column, right column, bottom band]`` of a two-column page, else None."""
    if len(segments) < 2 * MIN_COLUMN_SEGMENTS:
        return None
    narrow = [s for s in segments if s.x1 - s.x0 <= 0.5 * width]
    if len(narrow) < 2 * MIN_COLUMN_SEGMENTS:
        return None
    gaps = [g for g in _gaps(narrow) if g[1] - g[0] >= MIN_GUTTER and 0.3 * width <= (g[0] + g[1]) / 2 <= 0.7 * width]
    if not gaps:
        return None
    lo, hi = max(gaps, key=lambda g: g[1] - g[0])
    crossing = [s for s in segments if s.x0 < hi and s.x1 > lo]
    left = [s for s in segments if s.x1 <= lo]
    right = [s for s in segments if s.x0 >= hi]
    if len(left) < MIN_COLUMN_SEGMENTS or len(right) < MIN_COLUMN_SEGMENTS:
        return None
    body_top = min(s.top for s in left + right)
    body_bottom = max(s.bottom for s in left + right)
    top = [s for s in crossing if s.bottom <= body_top]
    bottom = [s for s in crossing if s.top >= body_bottom]
    if len(top) + len(bottom) != len(crossing):  # something spans the gutter between the columns
        return None
    return [top, left, right, bottom]

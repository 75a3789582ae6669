"""PDF bytes → positioned words, segments and tick-box rectangles, page by page.

This module only reads the PDF (with pdfplumber, on top of pdfminer.six) and turns every
page into geometry the region logic of :mod:`futoko_research.loaders.pdf.regions` can use:

- :class:`Word`: a run of characters without a blank and without a gap wider than
  ``X_TOLERANCE`` points (pdfplumber ``extract_words`` with ``use_text_flow=False``, so the
  order the PDF stores its text in plays no part);
- :class:`Segment`: the words of one visual row that sit close together (gaps under
  ``SEGMENT_GAP_EM`` times the font size). Two columns, or two tick boxes on one row, give
  two segments;
- :class:`Box`: a small, roughly square rectangle (a tick box), with whether it is filled.

Coordinates are PDF points with the origin at the top-left of the page (pdfplumber's
``top``/``bottom``), as stored in the statements table's ``bbox_*`` columns.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from futoko_research.errors import ReportParseError
from futoko_research.loaders.normalize import is_japanese_char

log = logging.getLogger("futoko_research")

#: chars closer than this (points) join into one word (CJK text has no spaces between words)
X_TOLERANCE = 1.0
#: chars whose tops differ by less than this (points) are on one line
Y_TOLERANCE = 2.0
#: a horizontal gap wider than this many font sizes splits a row into segments
SEGMENT_GAP_EM = 1.0
#: a gap between two words wider than this many font sizes becomes a space ...
SPACE_GAP_EM = 0.15
#: ... unless both neighbouring characters are Japanese, where the gap must be this wide
#: (justified or letter-spaced Japanese text has gaps that are not spaces)
CJK_SPACE_GAP_EM = 0.6
#: a rectangle whose sides are within these bounds (points) and nearly equal is a tick box
BOX_MIN, BOX_MAX = 4.0, 20.0


@dataclass
class Word:
    """A positioned word (pdfplumber ``extract_words`` output)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Segment:
    """Words of one visual row that belong together (no gap wider than ``SEGMENT_GAP_EM``)."""

    words: list[Word]
    text: str = ""
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.text = join_words(self.words)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.size = statistics.median(w.size for w in self.words)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Box:
    """A small square rectangle (tick box candidate); ``filled`` = painted with a dark fill."""

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PageData:
    """Geometry of one PDF page."""

    number: int
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    n_chars: int = 0
    n_images: int = 0
    #: ruled tables pdfplumber found: (bbox (x0, top, x1, bottom), rows of cell texts, None = empty)
    tables: list[tuple[tuple[float, float, float, float], list[list[str | None]]]] = field(default_factory=list)


def _space_between(left: Word, right: Word) -> str:
    gap = right.x0 - left.x1
    em = max(left.size, right.size, 1.0)
    a, b = left.text[-1:], right.text[:1]
    both_ja = bool(a and b and is_japanese_char(a) and is_japanese_char(b))
    return " " if gap > (CJK_SPACE_GAP_EM if both_ja else SPACE_GAP_EM) * em else ""


def join_words(words: list[Word]) -> str:
    """Join the words of one row left to right, with a space only where the gap is one.

    >>> w = lambda t, x0, x1: Word(t, x0, 0, x1, 10, 10)
    >>> join_words([w("○", 0, 10), w("学校", 12.7, 32.7), w("Wi-Fi", 35.4, 59)])
    '○ 学校 Wi-Fi'
    >>> join_words([w("学校", 0, 20), w("支援", 23, 43)])
    '学校支援'
    """
    out = [words[0].text]
    for left, right in zip(words, words[1:]):
        out.append(_space_between(left, right))
        out.append(right.text)
    return "".join(out)


def rows_of(items: list, *, key_top=lambda o: o.top, key_bottom=lambda o: o.bottom) -> list[list]:
    """Cluster positioned items into visual rows (by vertical centre), top to bottom.

    An item joins the current row when its centre lies within 40 % of the smaller height of
    the row's first item's centre. Items of each row are sorted left to right (``x0``).
    """
    def cy(o):
        return (key_top(o) + key_bottom(o)) / 2

    rows: list[list] = []
    ref = None
    for o in sorted(items, key=lambda o: (cy(o), o.x0)):
        h = key_bottom(o) - key_top(o)
        if ref is not None:
            rh = key_bottom(ref) - key_top(ref)
            if abs(cy(o) - cy(ref)) <= 0.4 * max(min(h, rh), 1.0):
                rows[-1].append(o)
                continue
        rows.append([o])
        ref = o
    for row in rows:
        row.sort(key=lambda o: o.x0)
    return rows


def segments_of(words: list[Word]) -> list[Segment]:
    """Split every visual row of ``words`` into segments at gaps wider than ``SEGMENT_GAP_EM``."""
    segments: list[Segment] = []
    for row in rows_of(words):
        current = [row[0]]
        for left, right in zip(row, row[1:]):
            em = max(left.size, right.size, 1.0)
            if right.x0 - left.x1 > SEGMENT_GAP_EM * em:
                segments.append(Segment(current))
                current = []
            current.append(right)
        segments.append(Segment(current))
    return segments


def _is_dark(color) -> bool:
    """True for a fill colour darker than mid-grey (gray, RGB or CMYK tuples; None = black)."""
    if color is None:
        return True
    if isinstance(color, int | float):
        return color < 0.5
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return True  # a pattern or named colour space: count as ink
    if len(vals) == 1:
        return vals[0] < 0.5
    if len(vals) == 3:
        return sum(vals) / 3 < 0.5
    if len(vals) == 4:
        c, m, y, k = vals
        return k > 0.5 or (c + m + y) / 3 > 0.5
    return True


def boxes_of(rects: list[dict]) -> list[Box]:
    """Small near-square rectangles of a page, as tick-box candidates."""
    out = []
    for r in rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if BOX_MIN <= w <= BOX_MAX and BOX_MIN <= h <= BOX_MAX and abs(w - h) <= 0.3 * max(w, h):
            filled = bool(r.get("fill")) and _is_dark(r.get("non_stroking_color"))
            out.append(Box(r["x0"], r["top"], r["x1"], r["bottom"], filled))
    return out


def _open_error(path: Path, exc: BaseException) -> ReportParseError:
    """Translate a pdfminer/pdfplumber failure into one clear line."""
    inner = exc
    while inner.__cause__ is not None or (inner.args and isinstance(inner.args[0], BaseException)):
        inner = inner.__cause__ if inner.__cause__ is not None else inner.args[0]
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return ReportParseError(path, "PDF is encrypted (a password is needed to read it); decrypt it first, e.g. qpdf --decrypt")
    return ReportParseError(path, f"PDF is corrupt or not a PDF ({name}: {inner})")


def check_pdf_bytes(path: Path) -> None:
    """Cheap structural checks before parsing: the ``%PDF-`` header and the ``%%EOF`` marker.

    pdfminer recovers silently from some truncations (it rebuilds a lost cross-reference
    table), which would drop the last pages without a word; a file that does not end with
    ``%%EOF`` is therefore refused as truncated.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise ReportParseError(path, f"cannot read the file ({exc.strerror})") from None
    if size == 0:
        raise ReportParseError(path, "PDF file is empty")
    if b"%PDF-" not in head:
        raise ReportParseError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in tail:
        raise ReportParseError(path, "PDF is truncated (no %%EOF end marker); download it again")


def iter_pages(
    path: str | Path, *, pseudonymize_fn: Callable[[str], str] | None = None
) -> Iterator[PageData]:
    """Yield the geometry of each page of a PDF.

    Parameters
    ----------
    path : the PDF file.
    pseudonymize_fn : ``str -> str`` applied to every word's text as soon as it is extracted,
        before any other processing (a name split across two words or lines is not seen whole).

    Raises
    ------
    ReportParseError : encrypted, corrupt or truncated file; a page that cannot be read.
    """
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    path = Path(path)
    check_pdf_bytes(path)
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except PdfminerException as exc:
        raise _open_error(path, exc) from None
    except Exception as exc:  # pdfminer raises plain errors on some broken files
        raise _open_error(path, exc) from None
    try:
        for page in pages:
            n = page.page_number
            try:
                raw_words = page.extract_words(
                    x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, keep_blank_chars=False,
                    use_text_flow=False, horizontal_ltr=True, extra_attrs=["size"],
                )
                n_chars = sum(1 for ch in page.chars if ch["text"].strip())
                n_images = len(page.images)
                rects = page.rects
                tables = [(tuple(float(v) for v in t.bbox), t.extract()) for t in page.find_tables()]
            except Exception as exc:
                raise ReportParseError(path, f"page {n} cannot be read ({type(exc).__name__}: {exc})") from None
            words = []
            for w in raw_words:
                text = w["text"]
                if pseudonymize_fn is not None:
                    text = pseudonymize_fn(text)
                if not text.strip():
                    continue
                words.append(Word(text, float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]), float(w["size"])))
            data = PageData(n, float(page.width), float(page.height), segments_of(words) if words else [],
                            boxes_of(rects), n_chars, n_images, tables)
            page.close()
            yield data
    finally:
        pdf.close()

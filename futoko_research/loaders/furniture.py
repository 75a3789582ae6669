"""Page furniture: running heads, publisher lines and page numbers repeated on a report's pages.

Furniture lines are kept (section ``furniture`` of the statements table, so no character is
lost) but never reach features or codes (:data:`futoko_research.vocab.NON_CONTENT_SECTIONS`).

Rules (applied to the lines of a text file with form feeds, or of a PDF, page by page):

1. **Page numbers.** A line that is only a page number in one of the forms 「- 3 -」「－３－」
   「— 3 —」「3/12」「3 / 12」「P.3」「p. 3」 is furniture wherever it stands. A bare number
   (「3」) or 「(3)」 is furniture only as the first or last line of a page of a document with
   two or more pages.
2. **Repeated heads and feet.** Among the first :data:`EDGE_LINES` and last :data:`EDGE_LINES`
   lines of every page, a line whose text (whitespace removed, a number at its start or end replaced by ``#``, at most
   :data:`MAX_FURNITURE_CHARS` characters) occurs on at least two pages and on at least half of
   the pages is furniture on every page where it stands at the top or bottom. Lines that begin
   with an item marker (○ ・ 【 ■ （1） …: tags and tick boxes repeat on case sheets) and the
   case-sheet headers and municipality lines (「根室市」: a collection of one town's cases repeats
   it) and sentences (ending with 。) are never furniture by this rule (「○○市教育委員会」, a
   masked name, may be).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from futoko_research.loaders.blocks import HEADER_ACTIVITY, HEADER_GOAL
from futoko_research.loaders.case_sheet import RE_MUNICIPALITY
from futoko_research.loaders.items import starts_item

T = TypeVar("T")

#: lines at the top and at the bottom of a page that may be running heads or feet
EDGE_LINES = 2
#: a running head or foot is short
MAX_FURNITURE_CHARS = 40
_DASH = r"[-–—‐ー―－~〜]"
RE_PAGE_NUMBER_FORM = re.compile(
    rf"^(?:{_DASH}\s*\d{{1,4}}\s*{_DASH}|(\d{{1,4}})\s*/\s*(\d{{1,4}})|[Pp]\.?\s*\d{{1,4}})$"
)
RE_BARE_NUMBER = re.compile(r"^[(（]?\d{1,4}[)）]?$")


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
    return re.sub(r"^\d+|\d+$", "#", s)


def _item_line(text: str) -> bool:
    """An item line (tag, tick box, bullet) or a sentence (ends with 。); 「○○市教育委員会」 (a
    masked name) is not an item."""
    return (starts_item(text) and not text.lstrip().startswith("○○")) or text.rstrip().endswith("。")


def is_page_number(text: str, *, at_edge: bool = False) -> bool:
    """True for a line that is only a page number (see rule 1 of the module docstring)."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = RE_PAGE_NUMBER_FORM.match(s)
    if m:
        if m.group(1) is not None:  # "3/12": page ≤ pages, not a date like 12/3
            return 0 < int(m.group(1)) <= int(m.group(2))
        return True
    return at_edge and bool(RE_BARE_NUMBER.match(s))


def find_furniture(pages: Sequence[Sequence[T]], text_of: Callable[[T], str]) -> set[int]:
    """Indices ``(page_index, item_index)`` flattened as ``id(item)`` of the furniture items.

    Parameters
    ----------
    pages : the items (lines, PDF segments) of each page, top to bottom.
    text_of : an item's text.

    Returns
    -------
    set of ``id(item)`` for the items that are furniture (rules of the module docstring).
    """
    n_pages = sum(1 for p in pages if p)
    found: set[int] = set()
    edges: list[list[T]] = []
    for items in pages:
        if len(items) <= 2 * EDGE_LINES:
            edge = list(items)
        else:
            edge = list(items[:EDGE_LINES]) + list(items[-EDGE_LINES:])
        edges.append(edge)
        for k, item in enumerate(items):
            at_edge = n_pages >= 2 and (k == 0 or k == len(items) - 1)
            if is_page_number(text_of(item), at_edge=at_edge):
                found.add(id(item))
    if n_pages >= 2:
        seen: dict[str, int] = {}
        for edge in edges:
            for key in {_key(text_of(it)) for it in edge}:
                seen[key] = seen.get(key, 0) + 1
        need = max(2, math.ceil(n_pages / 2))
        repeated = {k for k, c in seen.items() if c >= need and 0 < len(k) <= MAX_FURNITURE_CHARS}
        repeated = {k for k in repeated if k not in (HEADER_GOAL, HEADER_ACTIVITY) and not RE_MUNICIPALITY.match(k)}
        for edge in edges:
            for it in edge:
                if _key(text_of(it)) in repeated and not _item_line(text_of(it)):
                    found.add(id(it))
    return found


def split_furniture(lines: list) -> tuple[list, list]:
    """Split :class:`~futoko_research.loaders.blocks.Line` objects into (content, furniture)."""
    pages: dict[int, list] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    found = find_furniture([pages[p] for p in sorted(pages)], lambda ln: ln.text)
    return [ln for ln in lines if id(ln) not in found], [ln for ln in lines if id(ln) in found]


def attach_furniture(cases: list, furniture: list) -> None:
    """Add each furniture line as a ``furniture`` block of the case on its page.

    The case is the last one that starts on or before the line's page (the first case when
    none does).
    """
    from futoko_research.loaders.blocks import Block

    if not cases:
        return
    for ln in furniture:
        target = cases[0]
        for case in cases:
            if case.page <= ln.page:
                target = case
        target.blocks.append(Block("furniture", [ln], ln.text))

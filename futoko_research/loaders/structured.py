"""Documents with their own structure (Word files, web pages) → cases, lines and table cells.

A Word file or a web page is read into a sequence of :class:`Element` objects (headings,
paragraphs and list items, tables) by :mod:`~futoko_research.loaders.word` or
:mod:`~futoko_research.loaders.html`; :func:`parse_elements` turns them into cases, the same way
for both formats:

- **Headings.** A heading whose text names a section (目標・方向性 → goal, 重点 → focus, 取組 /
  支援内容 / 相談・支援 → activity, 成果 → outcome; at most :data:`MAX_CUE_CHARS` characters, and
  at most :data:`TITLE_CUE_CHARS` for a top-level heading) is a section cue: the paragraphs after it, up to the next cue or title, get that section. Any
  other top-level heading (Title, Heading 1, ``<h1>``) is the title of a new case (a document
  without one is one case without a title). Other headings are ``body`` statements.
- **Paragraphs and list items** are read like the generic text parser reads lines
  (:mod:`~futoko_research.loaders.generic`): every paragraph starts a statement, and so does
  a line of it (a soft line break) that begins with an item marker or follows a 。.
- **Tables** become :class:`~futoko_research.loaders.blocks.TableCell` rows (``source_tables``).
  A cell holding prose (at least :data:`PROSE_CHARS` characters that are not digits, or ending
  with 。) is also a statement, in the section its column header or row label names (else the
  current section), so that sentences written in a table are coded like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from futoko_research.loaders.blocks import Block, Line, ParsedCase, TableCell
from futoko_research.loaders.generic import parse_generic_lines
from futoko_research.loaders.items import strip_bullet
from futoko_research.loaders.normalize import clean_line, squash

#: a section cue heading is short
MAX_CUE_CHARS = 20
#: a top-level heading (Title, Heading 1, <h1>) is a section cue only when this short (「目標」)
TITLE_CUE_CHARS = 8
#: a table cell with at least this many non-digit characters (or ending with 。) is prose
PROSE_CHARS = 15
SECTION_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("goal", ("目標", "方向性", "ねらい")),
    ("focus", ("重点",)),
    ("outcome", ("成果",)),
    ("activity", ("取組", "取り組み", "支援内容", "相談・支援", "活動内容", "支援の状況")),
)


@dataclass
class Element:
    """One block of a structured document.

    kind : ``heading``, ``paragraph`` or ``table``.
    index : 1-based position among the document's blocks (becomes ``line_start``).
    locator : ``p12`` (Word paragraph), ``t2`` (Word table), ``main/p[4]`` (web page) …
    text : the text (headings and paragraphs; soft line breaks as ``\\n``).
    level : heading level (1 = title).
    rows : a table's cell texts, row by row.
    """

    kind: str
    index: int
    locator: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def section_cue(text: str) -> str | None:
    """The section a short heading or table label names, else None."""
    s = squash(text)
    if not s or len(s) > MAX_CUE_CHARS:
        return None
    for section, words in SECTION_CUES:
        if any(w in s for w in words):
            return section
    return None


def is_prose(text: str) -> bool:
    s = squash(text)
    return s.endswith("。") or len(re.sub(r"[\d０-９,，.．%％\-－]", "", s)) >= PROSE_CHARS


def _line(el: Element, raw: str, *, gap: int, locator: str | None = None) -> Line:
    return Line(el.index, raw, clean_line(raw), 1, gap, False, None, locator or el.locator)


def parse_elements(elements: list[Element], *, layout: str) -> tuple[list[ParsedCase], list[Line], list[TableCell]]:
    """Cases, every line read and the table cells of a structured document (module docstring)."""
    cases: list[ParsedCase] = []
    lines: list[Line] = []
    cells: list[TableCell] = []
    state = {"section": "body", "run": []}

    def case() -> ParsedCase:
        if not cases:
            cases.append(ParsedCase(page=1, layout=layout))
        return cases[-1]

    def flush() -> None:
        run: list[Line] = state["run"]
        if run:
            for parsed in parse_generic_lines(run):
                for block in parsed.blocks:
                    if block.section == "body":
                        block.section = state["section"]
                    case().blocks.append(block)
        state["run"] = []

    n_tables = 0
    for el in elements:
        if el.kind == "table":
            flush()
            n_tables += 1
            cells.extend(_table_cells(el, n_tables, case(), state["section"], lines))
            continue
        parts = [p for p in el.text.split("\n") if p.strip()]
        if not parts:
            continue
        el_lines = [_line(el, p, gap=2 if k == 0 else 0) for k, p in enumerate(parts)]
        lines.extend(el_lines)
        if el.kind == "heading":
            flush()
            text = "".join(ln.text for ln in el_lines)
            cue = section_cue(text) if el.level >= 2 or len(squash(text)) <= TITLE_CUE_CHARS else None
            if cue is not None:
                case()
                state["section"] = cue
            elif el.level <= 1:
                if not cases or cases[-1].blocks or cases[-1].title:
                    cases.append(ParsedCase(page=1, layout=layout))
                cases[-1].title, cases[-1].title_lines = text, el_lines
                state["section"] = "body"
            else:
                case().blocks.append(Block("body", el_lines, strip_bullet(text)))
            continue
        state["run"].extend(el_lines)
    flush()
    return cases, lines, cells


def _table_cells(el: Element, table_id: int, case: ParsedCase, section: str, lines: list[Line]) -> list[TableCell]:
    out: list[TableCell] = []
    # the first row is a header row unless the table has one row or that row holds prose (a
    # label | text table, e.g. 目標 | …。); without a header row a cell's header is its row label
    header = el.rows[0] if len(el.rows) >= 2 and not any(is_prose(v) for v in el.rows[0]) else None
    for i, row in enumerate(el.rows, start=1):
        label = section_cue(row[0]) if row else None
        for j, value in enumerate(row, start=1):
            if not value.strip():
                continue
            locator = f"{el.locator}r{i}c{j}"
            if header is not None:
                head = header[j - 1] if i > 1 and j - 1 < len(header) else None
            else:
                head = row[0].replace("\n", "") if j > 1 and row[0].strip() else None
            line = _line(el, value.replace("\n", ""), gap=2, locator=locator)
            lines.append(line)
            cell = TableCell(table_id, None, i, j, head, line.text, locator)
            in_header_row = header is not None and i == 1
            if not in_header_row and is_prose(value):
                cue = (section_cue(head) if head else None) or (label if j > 1 else None) or section
                cell.block = Block(cue, [line], strip_bullet(line.text))
                case.blocks.append(cell.block)
            out.append(cell)
    return out

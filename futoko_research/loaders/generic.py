"""Fallback parser for reports in free layout: paragraphs and bullets become statements.

Rules
-----
- One case per page (form feed) when the text has form feeds, else one case per file.
- A statement starts at an item marker (○ ・ ● ◆ （1） 1. ① ア 一、 …, see
  :mod:`futoko_research.loaders.items`), after a blank gap, or after a line that
  ends a sentence (。); it ends before the next such start. When the text is "double spaced"
  (a blank line between every line, as pdftotext writes), a single blank line does not end a
  paragraph: only a sentence end, a bullet or a gap of two or more blank lines does.
- Tags (【…】 lines) become section ``tag``; everything else section ``body``.
"""

from __future__ import annotations

from futoko_research.loaders.blocks import ACTIVITY_BULLETS, GOAL_BULLETS, Block, Line, ParsedCase
from futoko_research.loaders.case_sheet import RE_TAG, split_lines
from futoko_research.loaders.items import starts_item, strip_bullet

BULLETS = GOAL_BULLETS + ACTIVITY_BULLETS


def _double_spaced(lines: list[Line]) -> bool:
    if len(lines) < 4:
        return False
    single = sum(1 for ln in lines[1:] if ln.gap_before == 1)
    return single >= 0.6 * (len(lines) - 1)


def _flush(case: ParsedCase, current: list[Line]) -> None:
    """Turn the lines of one paragraph or bullet into a body statement (or tags)."""
    if not current:
        return
    text = strip_bullet("".join(ln.text for ln in current))
    if text.startswith("【") and RE_TAG.fullmatch(text.strip()):
        for tag in RE_TAG.findall(text):
            case.blocks.append(Block("tag", list(current), tag.strip()))
    elif text:
        case.blocks.append(Block("body", list(current), text))


def parse_generic_lines(lines: list[Line]) -> list[ParsedCase]:
    """Group lines into body statements; see the module docstring."""
    if not lines:
        return []
    min_gap = 2 if _double_spaced(lines) else 1
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    cases = []
    for page, plines in sorted(pages.items()):
        case = ParsedCase(page=page, layout="generic")
        current: list[Line] = []
        for ln in plines:
            starts_new = (
                not current
                or starts_item(ln.text)
                or ln.text.startswith("【")
                or ln.gap_before >= min_gap
                or ln.page_break_before
                or current[-1].text.endswith(("。", "】"))
            )
            if starts_new:
                _flush(case, current)
                current = [ln]
            else:
                current.append(ln)
        _flush(case, current)
        cases.append(case)
    return cases


def parse_generic(text: str) -> list[ParsedCase]:
    """Parse free-layout text; see :func:`parse_generic_lines`."""
    return parse_generic_lines(split_lines(text))

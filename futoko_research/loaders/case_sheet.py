"""Parser of the board-of-education case sheet (実践事例) as text extraction leaves it.

Layout, in the order pdftotext emits a page (see the issue and data/raw/README.md):

1. goal bullets (○ …) of the 目標・方向性 box, hard-wrapped at ~45 characters;
2. the title line, then the municipality line;
3. the header 目標・方向性 (then a long run of blank lines);
4. short ○ focus labels of the left column (wrapped at ~10 characters, maybe letter-spaced);
5. the header 相談・支援、取組等の状況 and the activity bullets (・ …);
6. three tick boxes (■ ticked, □ not);
7. the outcome bullets (○ …, 成果), the rest of the left-column focus labels, then tags (【…】).

Cases are anchored on the 目標・方向性 header. The boundary between one case's tail (outcomes,
focus labels, tags) and the next case's head (goals, title, municipality) is a form feed if
there is one, else a run of blank lines (a page gap), else the first long ○ bullet after the
tail's short focus labels and tags.
"""

from __future__ import annotations

import re

from futoko_research.loaders.blocks import (
    ACTIVITY_BULLETS,
    CHECKBOX_FORM_LABELS_JA,
    GOAL_BULLETS,
    HEADER_ACTIVITY,
    HEADER_GOAL,
    TAG_CLOSE,
    TAG_OPEN,
    TICKED_MARKS,
    UNTICKED_MARKS,
    Block,
    Checkbox,
    Line,
    ParsedCase,
)
from futoko_research.loaders.items import starts_item
from futoko_research.loaders.normalize import clean_line, squash

#: a line of a bullet longer than this (characters, spaces removed) is box text, not a label
SHORT_LABEL_WIDTH = 16
#: this many blank lines in a row between two cases mark a page gap
PAGE_GAP_LINES = 4
RE_TAG = re.compile(f"{TAG_OPEN}([^{TAG_CLOSE}]*){TAG_CLOSE}")
RE_MUNICIPALITY = re.compile(r"^\S{1,12}(都|道|府|県|市|町|村|区|組合|広域連合)$")


def split_lines(text: str) -> list[Line]:
    """Decoded text → non-blank :class:`Line` objects with page and blank-gap information.

    A form feed starts a new page wherever it sits: ``"…の確保\\f○ 本町は…"`` (pages joined
    without a newline) gives two lines with the same line number on consecutive pages.
    """
    lines: list[Line] = []
    page = 1
    gap = 0
    pending_break = False
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if not raw.replace("\f", "").strip():
            page += raw.count("\f")
            pending_break = pending_break or "\f" in raw
            gap += 1
            continue
        for k, part in enumerate(raw.split("\f")):
            if k > 0:
                page += 1
                pending_break = True
            if not part.strip():
                continue
            lines.append(Line(lineno, part, clean_line(part), page, gap, pending_break))
            gap = 0
            pending_break = False
    return lines


def is_header(line: Line, header: str) -> bool:
    return squash(line.text) == header


def checkbox_of(line: Line) -> Checkbox | None:
    """A tick-box line (■/□ + one of the three labels) → :class:`Checkbox`, else None."""
    s = line.text
    if not s or s[0] not in TICKED_MARKS + UNTICKED_MARKS:
        return None
    label = s[1:].strip()
    key = squash(label)
    for category, label_ja in CHECKBOX_FORM_LABELS_JA.items():
        if key == label_ja:
            return Checkbox(category, label, s[0] in TICKED_MARKS, line)
    if "学校復帰" in key:
        return Checkbox("school_return_support", label, s[0] in TICKED_MARKS, line)
    if "学習機会" in key:
        return Checkbox("learning_opportunity", label, s[0] in TICKED_MARKS, line)
    if "教育支援センター" in key or "機能充実" in key:
        return Checkbox("center_enhancement", label, s[0] in TICKED_MARKS, line)
    return None


def looks_like_case_sheet(lines: list[Line]) -> bool:
    """True when the text has the case sheet's two headers."""
    has_goal = any(is_header(ln, HEADER_GOAL) for ln in lines)
    has_act = any(is_header(ln, HEADER_ACTIVITY) for ln in lines)
    return has_goal and has_act


def _bullet_mark(line: Line) -> str | None:
    return line.text[0] if line.text and line.text[0] in GOAL_BULLETS + ACTIVITY_BULLETS else None


def _strip_mark(text: str) -> str:
    return text[1:].lstrip(" \u3000") if text and text[0] in GOAL_BULLETS + ACTIVITY_BULLETS else text


def group_bullets(lines: list[Line], section: str, case: ParsedCase) -> list[Block]:
    """Group lines into bullet statements; text before the first bullet is 'unassigned'."""
    blocks: list[Block] = []
    current: list[Line] = []
    leading: list[Line] = []

    def flush():
        if current:
            text = _strip_mark(current[0].text) + "".join(ln.text for ln in current[1:])
            blocks.append(Block(section, list(current), text))

    for ln in lines:
        if _bullet_mark(ln) or (current and starts_item(ln.text) and not ln.text.startswith(TAG_OPEN)):
            flush()
            current = [ln]
        elif current:
            current.append(ln)
        else:
            leading.append(ln)
    flush()
    if leading:
        case.warnings.append(
            f"lines {leading[0].lineno}-{leading[-1].lineno}: text before the first bullet of the {section} box kept as 'unassigned'"
        )
        blocks.insert(0, Block("unassigned", leading, "".join(ln.text for ln in leading)))
    return blocks


def _is_tag_line(line: Line) -> bool:
    return line.text.startswith(TAG_OPEN)


def _is_long_bullet(lines: list[Line]) -> bool:
    text = "".join(squash(ln.text) for ln in lines)
    return any(len(squash(ln.text)) > SHORT_LABEL_WIDTH for ln in lines) or text.endswith("。")


def _bullet_runs(lines: list[Line]) -> list[list[Line]]:
    """Split lines into runs that start at a bullet or tag line (the first run may not)."""
    runs: list[list[Line]] = []
    for ln in lines:
        if _bullet_mark(ln) or _is_tag_line(ln) or not runs:
            runs.append([ln])
        else:
            runs[-1].append(ln)
    return runs


def split_tail_head(lines: list[Line]) -> int:
    """Index in ``lines`` where the next case begins (tail of case k | head of case k+1)."""
    for i in range(len(lines) - 1, 0, -1):
        if lines[i].page_break_before:
            return i
    gaps = [i for i in range(1, len(lines)) if lines[i].gap_before >= PAGE_GAP_LINES]
    if gaps:
        return max(gaps, key=lambda i: (lines[i].gap_before, i))
    # structural: after the last short label or tag, the first long bullet starts the head
    runs = _bullet_runs(lines)
    idx = 0
    last_short = -1
    for r, run in enumerate(runs):
        if _is_tag_line(run[0]) or (_bullet_mark(run[0]) and not _is_long_bullet(run)):
            last_short = r
    if last_short >= 0:
        idx = sum(len(run) for run in runs[: last_short + 1])
        return idx
    return 0


def parse_head(lines: list[Line], case: ParsedCase) -> None:
    """Goals, title and municipality: the lines of a case before its 目標・方向性 header."""
    if not lines:
        case.warnings.append("no title or municipality line before the 目標・方向性 header")
        return
    muni = lines[-1]
    case.municipality_line = muni
    case.municipality = muni.text
    if not RE_MUNICIPALITY.match(squash(muni.text)):
        case.warnings.append(f"line {muni.lineno}: {muni.text!r} taken as the municipality")
    rest = lines[:-1]
    # title: lines after the last line that ends a goal bullet (。), at most two; else one line
    end_idx = None
    for i in range(len(rest) - 1, -1, -1):
        if rest[i].text.endswith("。") or (_bullet_mark(rest[i]) and i < len(rest) - 1):
            end_idx = i
            break
    if end_idx is None:
        title_lines = rest[-1:] if rest and not _bullet_mark(rest[-1]) else []
    else:
        title_lines = rest[end_idx + 1:]
        if len(title_lines) > 2:
            title_lines = title_lines[-2:]
    case.title_lines = title_lines
    case.title = "".join(ln.text for ln in title_lines) or None
    goal_lines = rest[: len(rest) - len(title_lines)]
    case.blocks.extend(group_bullets(goal_lines, "goal", case))


def parse_tail(lines: list[Line], case: ParsedCase) -> None:
    """Outcomes, trailing focus labels and tags: the lines after the tick boxes."""
    for run in _bullet_runs(lines):
        first = run[0]
        if _is_tag_line(first):
            text = "".join(ln.text for ln in run)
            tags = RE_TAG.findall(text)
            leftover = RE_TAG.sub("", text).strip()
            for tag in tags:
                case.blocks.append(Block("tag", run, tag.strip()))
            if leftover:
                case.warnings.append(f"line {first.lineno}: text outside 【】 kept as 'unassigned'")
                case.blocks.append(Block("unassigned", run, leftover))
        elif _bullet_mark(first):
            section = "outcome" if _is_long_bullet(run) else "focus"
            text = _strip_mark(first.text) + "".join(ln.text for ln in run[1:])
            case.blocks.append(Block(section, run, text))
        else:
            case.warnings.append(f"lines {first.lineno}-{run[-1].lineno}: text after the tick boxes kept as 'unassigned'")
            case.blocks.append(Block("unassigned", run, "".join(ln.text for ln in run)))


def parse_case_sheet(text: str) -> list[ParsedCase]:
    """Parse case-sheet text into cases.

    Parameters
    ----------
    text : decoded report text (LF newlines; form feeds allowed).

    Returns
    -------
    list of ParsedCase, in the order of the text. Empty when the headers are missing.
    """
    lines = split_lines(text)
    return parse_case_sheet_lines(lines)


def _drop_repeated_headers(lines: list[Line], case: ParsedCase) -> list[Line]:
    """Remove stray 相談・支援、取組等の状況 header lines (structural, like the first one)."""
    kept = [ln for ln in lines if not is_header(ln, HEADER_ACTIVITY)]
    if len(kept) < len(lines):
        extra = [ln.lineno for ln in lines if is_header(ln, HEADER_ACTIVITY)]
        case.warnings.append(f"line(s) {', '.join(map(str, extra))}: repeated {HEADER_ACTIVITY} header ignored")
    return kept


def parse_case_sheet_lines(lines: list[Line]) -> list[ParsedCase]:
    """Parse already split lines (text or PDF) into cases; see :func:`parse_case_sheet`."""
    anchors = [i for i, ln in enumerate(lines) if is_header(ln, HEADER_GOAL)]
    if not anchors:
        return []
    # for each anchor, the end of its body (activity header, tick boxes) and its tail
    bodies = []
    for k, a in enumerate(anchors):
        nxt = anchors[k + 1] if k + 1 < len(anchors) else len(lines)
        seg = range(a + 1, nxt)
        h2 = next((i for i in seg if is_header(lines[i], HEADER_ACTIVITY)), None)
        # tick boxes belong after the activity header; a tick-box-like line before it is text
        ticks = [i for i in seg if (h2 is None or i > h2) and checkbox_of(lines[i]) is not None]
        last_body = ticks[-1] if ticks else (h2 if h2 is not None else a)
        bodies.append((a, h2, ticks, last_body))
    # case boundaries
    starts = [0]
    for k in range(1, len(anchors)):
        prev_last = bodies[k - 1][3]
        span = lines[prev_last + 1: anchors[k]]
        # the head needs at least the municipality line
        cut = split_tail_head(span)
        cut = min(cut, max(len(span) - 1, 0))
        starts.append(prev_last + 1 + cut)
    ends = starts[1:] + [len(lines)]

    cases: list[ParsedCase] = []
    inferred_pages = not any(ln.page_break_before for ln in lines)
    for k, (a, h2, ticks, _last) in enumerate(bodies):
        start, end = starts[k], ends[k]
        page = k + 1 if inferred_pages else lines[a].page
        if inferred_pages:
            for ln in lines[start:end]:
                ln.page = page
        case = ParsedCase(page=page, layout="case_sheet")
        parse_head(_drop_repeated_headers(lines[start:a], case), case)
        body_end = h2 if h2 is not None else (ticks[0] if ticks else end)
        focus_lines = _drop_repeated_headers(lines[a + 1: body_end], case)
        case.blocks.extend(group_bullets(focus_lines, "focus", case))
        if h2 is None:
            case.warnings.append(f"line {lines[a].lineno}: no 相談・支援、取組等の状況 header in this case")
        first_tick = ticks[0] if ticks else None
        act_end = first_tick if first_tick is not None else end
        if h2 is not None:
            act_lines = _drop_repeated_headers(lines[h2 + 1: act_end], case)
            case.blocks.extend(group_bullets(act_lines, "activity", case))
        if ticks:
            tick_region = _drop_repeated_headers(lines[ticks[0]: ticks[-1] + 1], case)
            seen: set[str] = set()
            for ln in tick_region:
                cb = checkbox_of(ln)
                if cb is not None and cb.category not in seen:
                    seen.add(cb.category)
                    case.checkboxes.append(cb)
                elif cb is not None:
                    case.warnings.append(f"line {ln.lineno}: repeated tick box {cb.label_ja!r} kept as 'unassigned'")
                    case.blocks.append(Block("unassigned", [ln], ln.text))
                else:
                    case.warnings.append(f"line {ln.lineno}: line among the tick boxes kept as 'unassigned'")
                    case.blocks.append(Block("unassigned", [ln], ln.text))
            tail = _drop_repeated_headers(lines[ticks[-1] + 1: end], case)
        else:
            case.warnings.append("no tick boxes (■/□) found in this case")
            tail = []
        parse_tail(tail, case)
        if len(case.checkboxes) not in (0, 3):
            case.warnings.append(f"{len(case.checkboxes)} tick boxes found, expected 3")
        cases.append(case)
    return cases

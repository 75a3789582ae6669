"""The page layout of the SYNTHETIC corpus (:mod:`futoko_research.synthetic`): a case rendered as
the real sample's case sheet, so that :func:`futoko_research.load_reports` parses it like a real report.

- :data:`GOAL_WIDTH`, :data:`ACTIVITY_WIDTH`, :data:`FOCUS_WIDTH`, :data:`OUTCOME_WIDTH` — line widths
- :func:`wrap`, :func:`render_case`, :func:`render_report`
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from futoko_research.loaders.blocks import STRUCTURAL_MARKS
from futoko_research.synthetic_case import SyntheticCase
from futoko_research.vocab import CHECKBOX_FORM_LABELS_JA

GOAL_WIDTH, ACTIVITY_WIDTH, FOCUS_WIDTH, OUTCOME_WIDTH = 45, 30, 10, 45


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap ``text`` at ``width`` characters; no line starts with a layout mark or 、。."""
    lines, i = [], 0
    bad_start = STRUCTURAL_MARKS + "、。"
    while i < len(text):
        j = min(i + width, len(text))
        while j < len(text) and text[j] in bad_start and j - i > 1:
            j -= 1
        lines.append(text[i:j])
        i = j
    return lines


def _bullet_lines(mark: str, text: str, width: int, *, blank_between: bool = True) -> list[str]:
    out = []
    sep = "" if mark == "・" else " "  # the sample writes 「・学校や」 but 「○ 当該生徒は」
    for k, ln in enumerate(wrap(text, width)):
        out.append((f"{mark}{sep}" if k == 0 else "") + ln + " ")
        if blank_between:
            out.append("")
    return out


def render_case(case: SyntheticCase) -> str:
    """One case page in the sample's layout (goals, title, municipality, boxes, tick boxes, …)."""
    lines: list[str] = []
    for g in case.goals:
        lines += _bullet_lines("○", g, GOAL_WIDTH)
    lines += [case.title + " ", "", case.municipality + " ", "", " 目標・方向性  ", ""]
    lines += [" "] * 12
    for f in case.focus_head:
        lines += _bullet_lines("○", f, FOCUS_WIDTH)
    lines += [" 相談・支援、取組等の状況  ", ""]
    for a in case.activities:
        lines += _bullet_lines("・", a, ACTIVITY_WIDTH)
    for cat, label in CHECKBOX_FORM_LABELS_JA.items():
        lines.append(f"{'■' if case.checkboxes[cat] else '□'} {label} ")
    lines.append("")
    for o in case.outcomes:
        lines += _bullet_lines("○", o, OUTCOME_WIDTH)
    for f in case.focus_tail:
        lines += _bullet_lines("○", f, FOCUS_WIDTH)
    for t in case.tags:
        lines += [f"【{t}】 ", ""]
    return "\n".join(lines) + "\n"


def render_report(cases: Sequence[SyntheticCase], rng: np.random.Generator | None = None) -> str:
    """Cases joined into one report; pages separated by a form feed or a run of blank lines."""
    parts = []
    for k, case in enumerate(cases):
        if k:
            use_ff = rng is None or rng.random() < 0.5
            parts.append("\f" if use_ff else "\n" + " \n" * 20)
        parts.append(render_case(case))
    return "".join(parts)

"""One case of the SYNTHETIC corpus (:mod:`futoko_research.synthetic`): :class:`SyntheticCase`,
its ground truth and rendered text pieces, and :func:`case_chars`, the characters of its statements."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyntheticCase:
    """One generated case (ground truth and the rendered text pieces)."""

    case_no: int
    fiscal_year: int
    municipality: str
    x: dict[str, int]
    y: dict[str, int]
    checkboxes: dict[str, bool]
    goals: list[str] = field(default_factory=list)
    focus_head: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    focus_tail: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    title: str = ""
    links: list[dict] = field(default_factory=list)


def case_chars(case: SyntheticCase) -> int:
    """Characters of a case's sentences (goals, focus, activities, outcomes, tags): its statements' text."""
    return sum(len(t) for part in (case.goals, case.focus_head, case.activities, case.outcomes, case.focus_tail,
                                   case.tags) for t in part)

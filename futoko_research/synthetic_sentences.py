"""The sentences of a SYNTHETIC case (:mod:`futoko_research.synthetic`): goals, activities, focus
labels and outcome sentences drawn from :mod:`futoko_research.synthetic_templates`, each outcome
sentence attributing its outcomes to an intervention (the planted links).

- :func:`pick` — one of the options, drawn with the generator
- :func:`write_sentences` — fill a :class:`~futoko_research.synthetic_case.SyntheticCase`'s text pieces
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from futoko_research.analysis.variables import INTERVENTION_KEYS, OUTCOME_KEYS
from futoko_research.synthetic_case import SyntheticCase
from futoko_research.synthetic_templates import (
    ACTIVITY_TEMPLATES,
    CAUSE_CLAUSES,
    CAUSE_PHRASES,
    EFFECT_CLAUSES,
    EFFECT_PHRASES,
    FOCUS_LABELS,
    NEUTRAL_ACTIVITIES,
    NEUTRAL_GOALS,
    NEUTRAL_OUTCOMES,
    TAGS,
    TITLES,
)


def pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    """One of ``options``, drawn with ``rng``."""
    return options[int(rng.integers(len(options)))]


def write_sentences(case: SyntheticCase, rng: np.random.Generator, eff: dict) -> None:
    """Fill ``case``'s title, goals, focus, activities, outcomes (with their links) and tags.

    ``eff`` holds the planted effects (:func:`~futoko_research.synthetic_model.simulate`); an
    outcome is attributed to a planted cause when one is active, more often than not.
    """
    active = [k for k in INTERVENTION_KEYS if case.x[k]]
    rng.shuffle(active)
    case.title = pick(rng, TITLES)
    case.goals.append(pick(rng, NEUTRAL_GOALS))
    # interventions: each in one activity bullet, or (1 in 4) in a goal bullet
    for k in active:
        sent = pick(rng, ACTIVITY_TEMPLATES[k])
        (case.goals if rng.random() < 0.25 else case.activities).append(sent)
    if not case.activities:
        case.activities.append(pick(rng, NEUTRAL_ACTIVITIES))
    labels = [FOCUS_LABELS[k] for k in active[:3]]
    case.focus_head = labels[:1] or ["児童生徒の実態把握"]
    case.focus_tail = labels[1:]
    # outcomes: 1–2 per sentence, each attributed to an active intervention (a planted one
    # preferred) or, without any, to a back-reference
    positive = [k for k in OUTCOME_KEYS if case.y[k]]
    rng.shuffle(positive)
    while positive:
        group = positive[:1 + int(rng.random() < 0.4)] if len(positive) > 1 else positive[:1]
        positive = positive[len(group):]
        planted = [k for k in active if any((k, o) in eff for o in group)]
        cause = (planted[0] if planted and rng.random() < 0.7 else pick(rng, active)) if active else None
        case.outcomes.append(_outcome_sentence(rng, cause, group))
        case.links.append({"cause": cause, "effects": group, "text": case.outcomes[-1]})
    if not case.outcomes:
        case.outcomes.append(pick(rng, NEUTRAL_OUTCOMES))
    if rng.random() < 0.5:
        case.tags.append(pick(rng, TAGS))


def _outcome_sentence(rng: np.random.Generator, cause: str | None, group: list[str]) -> str:
    if cause is None:
        head = pick(rng, ("このような取組の結果、", "その結果、"))
        return head + _effect_clause(rng, group) + "。"
    form = int(rng.integers(4))
    if form == 0:
        return f"{pick(rng, CAUSE_CLAUSES[cause])}ことにより、{_effect_clause(rng, group)}。"
    if form == 1:
        return f"{pick(rng, CAUSE_CLAUSES[cause])}ことで、{_effect_clause(rng, group)}。"
    if form == 2:
        return f"{pick(rng, CAUSE_PHRASES[cause])}を通して、{_effect_clause(rng, group)}。"
    nps = "や".join(pick(rng, EFFECT_PHRASES[o]) for o in group)
    return f"{pick(rng, CAUSE_CLAUSES[cause])}ことにより、{nps}へと繋がった。"


def _effect_clause(rng: np.random.Generator, group: list[str]) -> str:
    clauses = [pick(rng, EFFECT_CLAUSES[o]) for o in group]
    if len(clauses) == 1:
        return clauses[0]
    # 「Aた」→ join as 「Aとともに、B」 needs the plain form: use 「Aほか、B」 (past form kept)
    return "".join(c + "ほか、" for c in clauses[:-1]) + clauses[-1]

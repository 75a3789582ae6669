"""Real-size SYNTHETIC cases (:mod:`futoko_research.synthetic`): neutral filler sentences that
bring a case to the length of a prefecture's reports without changing its codes or links.

- :data:`REAL_CHARS_PER_CASE`, :data:`FILLER_REASON_SHARE`, :data:`FILLER_STATEMENT_CHARS`
- :func:`filler_sentence`, :func:`pad_case`
"""

from __future__ import annotations

import numpy as np

from futoko_research.synthetic_case import SyntheticCase, case_chars
from futoko_research.synthetic_sentences import pick
from futoko_research.synthetic_templates import (
    FILLER_DONE,
    FILLER_REASON,
    FILLER_TAIL,
    FILLER_TOPIC,
    FILLER_WHEN,
    FILLER_WHO,
)

#: characters of statement text per case of a prefecture's collections (issue 19: thousands of cases
#: of about 1,500 characters; the three cases of the real sample have 743–933); the default of
#: ``futoko-research synth --chars-per-case``
REAL_CHARS_PER_CASE = 1500
#: share of filler sentences that open with a reason (「…の変更により、」): calibrated so that the
#: links' lexical prefilter keeps about the real sample's share of the characters (63 %; 51 % of
#: the statements) — the share of the text the analyze step parses
FILLER_REASON_SHARE = 0.38
#: a bullet grows by filler sentences up to about this many characters before a new one starts
#: (the real sample's statements: 75–80 characters on average, up to ≈ 200)
FILLER_STATEMENT_CHARS = 120


def filler_sentence(rng: np.random.Generator) -> str:
    """A neutral descriptive sentence (no code, see :data:`~futoko_research.synthetic_templates.FILLER_WHO`).

    One in three joins two actions (「…を整理し、…を見直した」); :data:`FILLER_REASON_SHARE` of them
    open with a reason (「…の変更により、」), as reports often do."""
    when, who = pick(rng, FILLER_WHEN), pick(rng, FILLER_WHO)
    body = pick(rng, FILLER_TOPIC) + pick(rng, FILLER_DONE)
    if rng.random() < 1 / 3:
        body += "、" + pick(rng, FILLER_TOPIC) + pick(rng, FILLER_DONE)
    reason = pick(rng, FILLER_REASON).format(topic=pick(rng, FILLER_TOPIC)) if rng.random() < FILLER_REASON_SHARE else ""
    return f"{when}{reason}{who}が{body}た。{pick(rng, FILLER_TAIL)}"


def pad_case(case: SyntheticCase, rng: np.random.Generator, chars_per_case: int) -> None:
    """Add filler sentences to a case until its statements hold ``chars_per_case`` characters.

    A filler sentence is appended to a goal, activity or outcome bullet (half, a quarter, a
    quarter) while the bullet is shorter than :data:`FILLER_STATEMENT_CHARS`, else it starts a
    new bullet of that section. Codes, planted links and the truth files do not change.
    """
    total = case_chars(case)
    while total < chars_per_case:
        sent = filler_sentence(rng)
        r = rng.random()
        bullets = case.activities if r < 0.5 else case.goals if r < 0.75 else case.outcomes
        if bullets and len(bullets[-1]) + len(sent) <= FILLER_STATEMENT_CHARS:
            bullets[-1] += sent
        else:
            bullets.append(sent)
        total += len(sent)

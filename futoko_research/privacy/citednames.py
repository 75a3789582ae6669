"""Round 20: a theorist cited for a theory is no one in the case.

A post-pass on the final findings (text coordinates):

* **A name before の and a theory** (``エリクソンの発達段階理論``, ``ボウルビィの愛着理論``): a person
  finding followed by の and, within ten characters on the same clause, a theory word (理論, 概念,
  学説, モデル, 療法, 法則, 仮説, 尺度) as a word is a cited author, not personal data, and is
  dropped. ハルカの発達 (no theory word) and 山田の説明 stay.
"""

from __future__ import annotations

import re

from futoko_research.privacy.text import Candidate

_RE_THEORY = re.compile(r"の[^。、\n]{0,10}?(?:理論|概念|学説|モデル|療法|法則|仮説|尺度)(?![一-龥々])")


def drop_cited_authors(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without the cited authors of the module docstring."""
    return [c for c in cands if not (c.kind == "person" and _RE_THEORY.match(text, c.end))]

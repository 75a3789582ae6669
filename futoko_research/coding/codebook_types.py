"""The codebook's data model: codes, rules, context checks, and the closed sets they use.

:class:`Codebook` is a read-only mapping ``key → Code``; it is built by
:func:`futoko_research.coding.codebook_validation.parse_codebook` (which checks a YAML
document) and loaded from a file by :func:`futoko_research.coding.codebook.load_codebook`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from futoko_research.vocab import CODE_CATEGORIES, SECTIONS

#: categories of a code (:data:`futoko_research.vocab.CODE_CATEGORIES`)
CATEGORIES = CODE_CATEGORIES
#: context windows of a context check
WHERE = ("before", "after", "around", "sentence", "statement")
#: default window (characters) of a context check, by ``where``
DEFAULT_CHARS = {"before": 15, "after": 15, "around": 10, "sentence": None, "statement": None}
#: token-pattern attributes → the token-table column (profile output) they read
ATTR_NEEDS = {
    "NORM": "norm", "LEMMA": "lemma", "ORTH": "text", "TEXT": "text", "LOWER": "text",
    "LENGTH": "text", "IS_ALPHA": "text", "IS_DIGIT": "text", "IS_PUNCT": "text",
    "IS_ASCII": "text", "LIKE_NUM": "text", "POS": "pos", "TAG": "tag",
}

__all__ = ["ATTR_NEEDS", "CATEGORIES", "DEFAULT_CHARS", "SECTIONS", "WHERE", "Code", "Codebook", "Context", "DecisionRule",
           "Rule"]


@dataclass(frozen=True)
class Context:
    """A context check (veto or requirement) around a match.

    ``where`` picks the text searched: ``before`` (up to ``chars`` characters before the match,
    inside its sentence), ``after`` (up to ``chars`` after it, inside its sentence), ``around``
    (the match widened by ``chars`` each side, inside its sentence), ``sentence`` (the
    sentence holding the match; sentences end at 。！？) or ``statement``. Regexes read
    ``text_norm``; anchor with ``^`` / ``$`` to the window's edges.
    """

    regex: re.Pattern
    where: str = "around"
    chars: int | None = 10


@dataclass(frozen=True)
class Rule:
    """One rule of a code; its ``id`` becomes ``rule_id`` in the codes table."""

    id: str
    code: str
    regex: tuple[re.Pattern, ...] = ()
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    exclude: tuple[Context, ...] = ()
    require: tuple[Context, ...] = ()
    sections: frozenset[str] | None = None
    line: int | None = None

    @property
    def needs(self) -> set[str]:
        """Token-table columns this rule reads (empty for regex-only rules)."""
        out: set[str] = set()
        if self.phrases:
            out.add("norm")
        for pattern in self.patterns:
            for spec in pattern:
                for attr in spec:
                    if attr.upper() in ATTR_NEEDS:
                        out.add(ATTR_NEEDS[attr.upper()])
        return out


@dataclass(frozen=True)
class Code:
    """A code of the codebook."""

    key: str
    label_ja: str
    label_en: str
    category: str
    definition: str
    examples: dict = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    exclude: tuple[Context, ...] = ()
    color: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class DecisionRule:
    """A numbered decision rule: how a careful coder applies the definitions (documentation only).

    Code definitions refer to it as "rule ``id``"; the rule coder does not read it.
    """

    id: int
    title: str
    text: str
    line: int | None = None


class Codebook(Mapping):
    """A loaded codebook: a read-only mapping ``key → Code`` in file order.

    Attributes
    ----------
    version, name, description : from the file's top level.
    section_definitions : section name (goal, activity, outcome, focus, …) → what it means.
    decision_rules : the numbered :class:`DecisionRule` s, in file order.
    path : the file it came from (None when built from a dict).

    Notes
    -----
    ``section_definitions`` and ``decision_rules`` document how a human coder applies the
    definitions; they do not change what the rules code.
    """

    def __init__(self, codes: dict[str, Code], *, version: str, name: str, description: str = "",
                 section_definitions: dict[str, str] | None = None,
                 decision_rules: tuple[DecisionRule, ...] = (), path: str | None = None):
        self._codes = dict(codes)
        self.version = version
        self.name = name
        self.description = description
        self.section_definitions = dict(section_definitions or {})
        self.decision_rules = tuple(decision_rules)
        self.path = path

    def __getitem__(self, key: str) -> Code:
        return self._codes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"Codebook(name={self.name!r}, version={self.version!r}, codes={len(self)})"

    @property
    def rules(self) -> list[Rule]:
        """Every rule, in file order."""
        return [rule for code in self._codes.values() for rule in code.rules]

    @property
    def needs(self) -> set[str]:
        """Token-table columns the codebook's token rules read (empty: regex only)."""
        out: set[str] = set()
        for rule in self.rules:
            out |= rule.needs
        return out

    def keys_by_category(self, category: str) -> list[str]:
        return [k for k, c in self._codes.items() if c.category == category]

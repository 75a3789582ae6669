"""Codebook: load a YAML codebook (codes, rules, exclusions) and resolve codebook arguments.

The data model (:class:`Codebook`, :class:`Code`, :class:`Rule`, :class:`Context`) is in
:mod:`futoko_research.coding.codebook_types` and the checks of a document in
:mod:`futoko_research.coding.codebook_validation` (:func:`parse_codebook`); both are re-exported
here. This module reads the file, keeping each mapping's line for the error messages.

The format is documented with an example in ``docs/coding.md``. In short::

    version: "1.0"
    name: default
    section_definitions:          # optional: what each section means (documentation)
      goal: What the programme aims at.
    decision_rules:               # optional: numbered rules for human coders (documentation)
      - {id: 1, title: Children only, text: Outcome codes describe changes for the children.}
    macros:                       # optional, reusable regex pieces: {{CHILD}}
      CHILD: "(?:児童|生徒|子ども|子供)"
    codes:
      - key: home_visit
        label_ja: 家庭訪問・アウトリーチ
        label_en: Home visits and outreach
        category: intervention    # intervention | outcome | other
        definition: Staff go to the child.
        examples: {include: [家庭訪問を行った], exclude: [訪問看護]}
        exclude:                  # vetoes applying to every rule of the code (optional)
          - {regex: "訪問看護", where: around, chars: 4}
        rules:
          - id: home_visit.regex
            regex: "家庭訪問|訪問(?:型)?支援|アウトリーチ"
          - id: home_visit.phrase
            phrases: [家庭訪問]                         # PhraseMatcher on NORM
          - id: home_visit.pattern
            patterns: [[{NORM: 家庭}, {NORM: 訪問}]]   # Matcher token patterns
            sections: [activity, outcome]             # optional restriction
            require: [{regex: "{{CHILD}}", where: sentence}]
            exclude: [{regex: "^[^、。]{0,8}(?:至らな|でき(?:な|ず))", where: after}]

Every problem found in a file is collected and raised together as one
:class:`~futoko_research.errors.CodebookError` whose lines name the file, the line and the
code key (like spaCy's ``MatchPatternError``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from futoko_research.coding.codebook_types import (
    ATTR_NEEDS,
    CATEGORIES,
    DEFAULT_CHARS,
    SECTIONS,
    WHERE,
    Code,
    Codebook,
    Context,
    DecisionRule,
    Rule,
)
from futoko_research.coding.codebook_validation import (
    CODE_FIELDS,
    CONTEXT_FIELDS,
    DECISION_RULE_FIELDS,
    EXAMPLE_FIELDS,
    RE_KEY,
    RE_MACRO,
    RE_RULE_ID,
    REGEX_FLAGS,
    RULE_FIELDS,
    TOP_FIELDS,
    CodebookProblems,
    parse_codebook,
)
from futoko_research.errors import CodebookError
from futoko_research.paths import DEFAULT_CODEBOOK

__all__ = [
    "ATTR_NEEDS", "CATEGORIES", "CODE_FIELDS", "CONTEXT_FIELDS", "DECISION_RULE_FIELDS", "DEFAULT_CHARS",
    "EXAMPLE_FIELDS", "RE_KEY", "RE_MACRO", "RE_RULE_ID", "REGEX_FLAGS", "RULE_FIELDS", "SECTIONS", "TOP_FIELDS",
    "WHERE", "Code", "Codebook", "Context", "DecisionRule", "Rule", "codebook_table", "iter_rule_ids",
    "load_codebook", "parse_codebook", "resolve_codebook",
]


# --------------------------------------------------------------------------- YAML with lines
class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records each mapping's line (``__line__``) and rejects duplicate keys."""

    duplicate_keys: list[tuple[str, int]]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            is_dup = key in seen
        except TypeError:
            is_dup = False
        if is_dup:
            loader.duplicate_keys.append((str(key), key_node.start_mark.line + 1))
        else:
            try:
                seen.add(key)
            except TypeError:
                pass
    mapping = loader.construct_mapping(node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a YAML codebook.

    Parameters
    ----------
    path : the YAML file; ``None`` loads the package's default codebook
        (:data:`futoko_research.paths.DEFAULT_CODEBOOK`).

    Returns
    -------
    Codebook
        A mapping ``key → Code`` (file order) with ``version``, ``name`` and ``path``.

    Raises
    ------
    CodebookError
        The file is missing or not YAML, or has unknown fields, duplicate keys or rule ids,
        bad regexes or bad token patterns; the message lists every problem with file, line
        and code key.
    """
    path = Path(path) if path is not None else DEFAULT_CODEBOOK
    if isinstance(path, Path) and path.suffix == "" and not path.exists():
        path = path.with_suffix(".yaml")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{path}: codebook not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: cannot read codebook ({exc})") from None
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise CodebookError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        problems = CodebookProblems(str(path))
        for key, line in loader.duplicate_keys:
            problems.add(f"field {key!r} given twice in one mapping", line=line)
        problems.raise_if_any()
    return parse_codebook(data, path=str(path))


def resolve_codebook(codebook: Codebook | str | Path | None) -> Codebook:
    """A :class:`Codebook` from a codebook, a path to a YAML file, or None (the default codebook).

    Raises
    ------
    TypeError
        For anything else.
    CodebookError
        When the file cannot be loaded (see :func:`load_codebook`).
    """
    if codebook is None or isinstance(codebook, str | Path):
        return load_codebook(codebook)
    if isinstance(codebook, Codebook):
        return codebook
    raise TypeError(f"codebook must be a Codebook, a path or None, not {type(codebook).__name__}")


def iter_rule_ids(codebook: Codebook) -> Iterable[str]:
    """The ids of the codebook's rules, in file order."""
    return (r.id for r in codebook.rules)


def codebook_table(codebook: Codebook) -> "pd.DataFrame":  # noqa: F821, UP037
    """The codebook as a table (one row per code).

    Returns
    -------
    DataFrame with key, label_ja, label_en, category (string), definition, n_rules (Int64).
    """
    import pandas as pd

    rows = [
        {"key": c.key, "label_ja": c.label_ja, "label_en": c.label_en, "category": c.category,
         "definition": c.definition, "n_rules": len(c.rules)}
        for c in codebook.values()
    ]
    df = pd.DataFrame(rows, columns=["key", "label_ja", "label_en", "category", "definition", "n_rules"])
    return df.astype({"key": "string", "label_ja": "string", "label_en": "string", "category": "string",
                      "definition": "string", "n_rules": "Int64"})

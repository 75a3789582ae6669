"""Codebook: load and validate a YAML codebook (codes, rules, exclusions).

The format is documented with an example in ``docs/coding.md``. In short::

    version: "1.0"
    name: default
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

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from futoko_research.errors import CodebookError
from futoko_research.paths import DEFAULT_CODEBOOK

CATEGORIES = ("intervention", "outcome", "other")
SECTIONS = ("goal", "focus", "activity", "outcome", "tag", "body", "unassigned")
WHERE = ("before", "after", "around", "sentence", "statement")
#: default window (characters) of a context check, by ``where``
DEFAULT_CHARS = {"before": 15, "after": 15, "around": 10, "sentence": None, "statement": None}
#: token-pattern attributes → the token-table column (profile output) they read
ATTR_NEEDS = {
    "NORM": "norm", "LEMMA": "lemma", "ORTH": "text", "TEXT": "text", "LOWER": "text",
    "LENGTH": "text", "IS_ALPHA": "text", "IS_DIGIT": "text", "IS_PUNCT": "text",
    "IS_ASCII": "text", "LIKE_NUM": "text", "POS": "pos", "TAG": "tag",
}
RE_MACRO = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
RE_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
RE_RULE_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
#: regular expressions are compiled with these flags (ASCII letters match in either case)
REGEX_FLAGS = re.IGNORECASE

TOP_FIELDS = {"version", "name", "description", "language", "macros", "codes"}
CODE_FIELDS = {"key", "label_ja", "label_en", "category", "definition", "examples", "rules", "exclude", "color"}
RULE_FIELDS = {"id", "regex", "phrases", "patterns", "exclude", "require", "sections", "comment"}
CONTEXT_FIELDS = {"regex", "where", "chars", "comment"}
EXAMPLE_FIELDS = {"include", "exclude"}


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


class Codebook(Mapping):
    """A loaded codebook: a read-only mapping ``key → Code`` in file order.

    Attributes
    ----------
    version, name, description : from the file's top level.
    path : the file it came from (None when built from a dict).
    """

    def __init__(self, codes: dict[str, Code], *, version: str, name: str, description: str = "", path: str | None = None):
        self._codes = dict(codes)
        self.version = version
        self.name = name
        self.description = description
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


def _strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


# --------------------------------------------------------------------------- validation
class _Problems:
    def __init__(self, path: str):
        self.path = path
        self.items: list[str] = []

    def add(self, message: str, *, line: int | None = None, code: str | None = None) -> None:
        where = f"{self.path}:{line}" if line else self.path
        who = f" code {code!r}:" if code else ""
        self.items.append(f"{where}:{who} {message}")

    def raise_if_any(self) -> None:
        if self.items:
            head = f"{self.path}: {len(self.items)} problem(s) in codebook"
            raise CodebookError(head + "\n  " + "\n  ".join(self.items) if len(self.items) > 1 else self.items[0])


def _expand_macros(pattern: str, macros: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in macros:
            raise KeyError(name)
        if name in seen:
            raise RecursionError(name)
        return _expand_macros(macros[name], macros, (*seen, name))

    return RE_MACRO.sub(sub, pattern)


def _compile(pattern: Any, macros: dict[str, str], problems: _Problems, *, line, code, what) -> re.Pattern | None:
    if not isinstance(pattern, str) or not pattern:
        problems.add(f"{what}: a regex must be a non-empty string, not {pattern!r}", line=line, code=code)
        return None
    try:
        expanded = _expand_macros(pattern, macros)
    except KeyError as exc:
        problems.add(f"{what}: unknown macro {{{{{exc.args[0]}}}}} in regex {pattern!r}", line=line, code=code)
        return None
    except RecursionError as exc:
        problems.add(f"{what}: macro {exc.args[0]!r} refers to itself", line=line, code=code)
        return None
    try:
        return re.compile(expanded, REGEX_FLAGS)
    except re.error as exc:
        problems.add(f"{what}: bad regex {pattern!r}: {exc}", line=line, code=code)
        return None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _contexts(raw: Any, macros, problems: _Problems, *, line, code, what) -> tuple[Context, ...]:
    out = []
    for i, item in enumerate(_as_list(raw)):
        if isinstance(item, str):
            item = {"regex": item}
        if not isinstance(item, dict):
            problems.add(f"{what}[{i}]: must be a mapping with 'regex' (and 'where', 'chars'), not {item!r}", line=line, code=code)
            continue
        iline = item.get("__line__", line)
        unknown = set(item) - CONTEXT_FIELDS - {"__line__"}
        if unknown:
            problems.add(f"{what}[{i}]: unknown field(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(CONTEXT_FIELDS))})", line=iline, code=code)
        where = item.get("where", "around")
        if where not in WHERE:
            problems.add(f"{what}[{i}]: where must be one of {', '.join(WHERE)}, not {where!r}", line=iline, code=code)
            continue
        chars = item.get("chars", DEFAULT_CHARS[where])
        if chars is not None and (not isinstance(chars, int) or isinstance(chars, bool) or chars < 0):
            problems.add(f"{what}[{i}]: chars must be a non-negative integer, not {chars!r}", line=iline, code=code)
            continue
        rx = _compile(item.get("regex"), macros, problems, line=iline, code=code, what=f"{what}[{i}]")
        if rx is not None:
            out.append(Context(regex=rx, where=where, chars=chars))
    return tuple(out)


def _check_patterns(patterns: list, rule_id: str, problems: _Problems, *, line, code) -> list[tuple[dict, ...]]:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    out = []
    if not isinstance(patterns, list):
        problems.add(f"rule {rule_id!r}: patterns must be a list of token patterns (lists of dicts)", line=line, code=code)
        return out
    matcher = Matcher(Vocab(), validate=True)
    for i, pattern in enumerate(patterns):
        clean = _strip_lines(pattern)
        if not isinstance(clean, list) or not clean or not all(isinstance(t, dict) for t in clean):
            problems.add(f"rule {rule_id!r}: patterns[{i}] must be a non-empty list of token dicts, not {clean!r}", line=line, code=code)
            continue
        try:
            matcher.add(f"{rule_id}#{i}", [clean])
        except MatchPatternError as exc:
            detail = " ".join(s.strip() for s in str(exc).splitlines()[2:] if s.strip())
            problems.add(f"rule {rule_id!r}: bad token pattern patterns[{i}]: {detail or exc}", line=line, code=code)
            continue
        except (re.error, ValueError, TypeError, KeyError) as exc:
            problems.add(f"rule {rule_id!r}: bad token pattern patterns[{i}]: {exc}", line=line, code=code)
            continue
        out.append(tuple(clean))
    return out


def _rules(raw: Any, key: str, macros, problems: _Problems, seen_ids: dict[str, str], *, line) -> tuple[Rule, ...]:
    out = []
    if not isinstance(raw, list) or not raw:
        problems.add("rules must be a non-empty list", line=line, code=key)
        return ()
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.add(f"rules[{i}] must be a mapping, not {item!r}", line=line, code=key)
            continue
        rline = item.get("__line__", line)
        rule_id = item.get("id")
        if not isinstance(rule_id, str) or not RE_RULE_ID.match(rule_id):
            problems.add(f"rules[{i}]: 'id' must be a string of letters, digits and ._:- (got {rule_id!r})", line=rline, code=key)
            rule_id = f"{key}.#{i}"
        elif rule_id in seen_ids:
            problems.add(f"duplicate rule id {rule_id!r} (also in code {seen_ids[rule_id]!r})", line=rline, code=key)
        else:
            seen_ids[rule_id] = key
        unknown = set(item) - RULE_FIELDS - {"__line__"}
        if unknown:
            problems.add(f"rule {rule_id!r}: unknown field(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(RULE_FIELDS))})", line=rline, code=key)
        if not unknown and not any(item.get(f) for f in ("regex", "phrases", "patterns")):
            problems.add(f"rule {rule_id!r}: needs at least one of regex, phrases, patterns", line=rline, code=key)
        regexes = []
        for j, rx in enumerate(_as_list(item.get("regex"))):
            compiled = _compile(rx, macros, problems, line=rline, code=key, what=f"rule {rule_id!r} regex[{j}]")
            if compiled is not None:
                if compiled.search("") is not None:
                    problems.add(f"rule {rule_id!r} regex[{j}]: matches the empty string", line=rline, code=key)
                else:
                    regexes.append(compiled)
        phrases = _as_list(item.get("phrases"))
        bad = [p for p in phrases if not isinstance(p, str) or not p.strip()]
        if bad:
            problems.add(f"rule {rule_id!r}: phrases must be non-empty strings, not {bad!r}", line=rline, code=key)
        patterns = _check_patterns(item["patterns"], rule_id, problems, line=rline, code=key) if item.get("patterns") else []
        sections = item.get("sections")
        if sections is not None:
            sections = _as_list(sections)
            badsec = [s for s in sections if s not in SECTIONS]
            if badsec:
                problems.add(f"rule {rule_id!r}: unknown section(s) {badsec!r} (allowed: {', '.join(SECTIONS)})", line=rline, code=key)
            sections = frozenset(sections)
        out.append(Rule(
            id=rule_id, code=key, regex=tuple(regexes),
            phrases=tuple(p for p in phrases if isinstance(p, str) and p.strip()),
            patterns=tuple(patterns),
            exclude=_contexts(item.get("exclude"), macros, problems, line=rline, code=key, what=f"rule {rule_id!r} exclude"),
            require=_contexts(item.get("require"), macros, problems, line=rline, code=key, what=f"rule {rule_id!r} require"),
            sections=sections, line=rline,
        ))
    return tuple(out)


def parse_codebook(data: Any, *, path: str = "<codebook>") -> Codebook:
    """Validate a parsed codebook (``dict`` as read from YAML) and build a :class:`Codebook`.

    Raises
    ------
    CodebookError : listing every problem found (file, line, code key).
    """
    problems = _Problems(path)
    if not isinstance(data, dict):
        problems.add("the top level must be a mapping with 'version', 'name' and 'codes'")
        problems.raise_if_any()
    top_line = data.get("__line__")
    unknown = set(data) - TOP_FIELDS - {"__line__"}
    if unknown:
        problems.add(f"unknown top-level field(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(TOP_FIELDS))})", line=top_line)
    for req in ("version", "name", "codes"):
        if req not in data:
            problems.add(f"missing top-level field {req!r}", line=top_line)
    macros = _strip_lines(data.get("macros") or {})
    if not isinstance(macros, dict) or not all(isinstance(v, str) for v in macros.values()):
        problems.add("macros must map NAME → regex string", line=top_line)
        macros = {}
    for name, rx in macros.items():
        _compile(rx, macros, problems, line=top_line, code=None, what=f"macro {name!r}")
    codes: dict[str, Code] = {}
    seen_ids: dict[str, str] = {}
    raw_codes = data.get("codes") or []
    if not isinstance(raw_codes, list):
        problems.add("codes must be a list of mappings", line=top_line)
        raw_codes = []
    for i, raw in enumerate(raw_codes):
        if not isinstance(raw, dict):
            problems.add(f"codes[{i}] must be a mapping, not {raw!r}", line=top_line)
            continue
        line = raw.get("__line__")
        key = raw.get("key")
        if not isinstance(key, str) or not RE_KEY.match(key):
            problems.add(f"codes[{i}]: 'key' must be ASCII snake_case (got {key!r})", line=line)
            key = f"#{i}"
        store_key = key
        if key in codes:
            problems.add(f"duplicate code key {key!r} (first at line {codes[key].line})", line=line, code=key)
            store_key = f"{key}#dup{i}"
        unknown = set(raw) - CODE_FIELDS - {"__line__"}
        if unknown:
            problems.add(f"unknown field(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(CODE_FIELDS))})", line=line, code=key)
        for req in ("label_ja", "label_en", "category", "definition", "rules"):
            if req not in raw:
                problems.add(f"missing field {req!r}", line=line, code=key)
        for textfield in ("label_ja", "label_en", "definition"):
            if textfield in raw and not isinstance(raw[textfield], str):
                problems.add(f"{textfield} must be a string", line=line, code=key)
        category = raw.get("category")
        if "category" in raw and category not in CATEGORIES:
            problems.add(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}", line=line, code=key)
        examples = _strip_lines(raw.get("examples") or {})
        if not isinstance(examples, dict) or set(examples) - EXAMPLE_FIELDS:
            problems.add("examples must be a mapping with 'include' and/or 'exclude' lists", line=line, code=key)
            examples = {}
        rules = _rules(raw.get("rules"), key, macros, problems, seen_ids, line=line) if "rules" in raw else ()
        exclude = _contexts(raw.get("exclude"), macros, problems, line=line, code=key, what="exclude")
        codes[store_key] = Code(
            key=key, label_ja=str(raw.get("label_ja", "")), label_en=str(raw.get("label_en", "")),
            category=category if category in CATEGORIES else "other",
            definition=str(raw.get("definition", "")).strip(),
            examples={k: [str(x) for x in _as_list(v)] for k, v in examples.items()},
            rules=rules, exclude=exclude, color=raw.get("color"), line=line,
        )
    if not codes and "codes" in data:
        problems.add("codes is empty", line=top_line)
    problems.raise_if_any()
    return Codebook(codes, version=str(data["version"]), name=str(data["name"]),
                    description=str(data.get("description") or "").strip(), path=path)


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
        problems = _Problems(str(path))
        for key, line in loader.duplicate_keys:
            problems.add(f"field {key!r} given twice in one mapping", line=line)
        problems.raise_if_any()
    return parse_codebook(data, path=str(path))


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

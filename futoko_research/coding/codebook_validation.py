"""Validate a codebook document (as read from YAML) and build a :class:`Codebook`.

Every problem found is collected (:class:`CodebookProblems`) and raised together as one
:class:`~futoko_research.errors.CodebookError` whose lines name the file, the line and the code
key (like spaCy's ``MatchPatternError``). Reading the file is
:func:`futoko_research.coding.codebook.load_codebook`'s job.
"""

from __future__ import annotations

import re
from typing import Any

from futoko_research.coding.codebook_types import (
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
from futoko_research.errors import CodebookError

RE_MACRO = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
RE_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
RE_RULE_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
#: regular expressions are compiled with these flags (ASCII letters match in either case)
REGEX_FLAGS = re.IGNORECASE

TOP_FIELDS = {"version", "name", "description", "language", "section_definitions", "decision_rules", "macros", "codes"}
CODE_FIELDS = {"key", "label_ja", "label_en", "category", "definition", "examples", "rules", "exclude", "color"}
RULE_FIELDS = {"id", "regex", "phrases", "patterns", "exclude", "require", "sections", "comment"}
CONTEXT_FIELDS = {"regex", "where", "chars", "comment"}
EXAMPLE_FIELDS = {"include", "exclude"}
DECISION_RULE_FIELDS = {"id", "title", "text"}


def strip_lines(obj: Any) -> Any:
    """``obj`` without the line numbers the YAML loader recorded (``__line__`` keys)."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


class CodebookProblems:
    """Problems found in a codebook file, raised together by :meth:`raise_if_any`."""

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


def _compile(pattern: Any, macros: dict[str, str], problems: CodebookProblems, *, line, code, what) -> re.Pattern | None:
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


def _contexts(raw: Any, macros, problems: CodebookProblems, *, line, code, what) -> tuple[Context, ...]:
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


def _check_patterns(patterns: list, rule_id: str, problems: CodebookProblems, *, line, code) -> list[tuple[dict, ...]]:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    out = []
    if not isinstance(patterns, list):
        problems.add(f"rule {rule_id!r}: patterns must be a list of token patterns (lists of dicts)", line=line, code=code)
        return out
    matcher = Matcher(Vocab(), validate=True)
    for i, pattern in enumerate(patterns):
        clean = strip_lines(pattern)
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


def _rules(raw: Any, key: str, macros, problems: CodebookProblems, seen_ids: dict[str, str], *, line) -> tuple[Rule, ...]:
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


def _section_definitions(raw: Any, problems: CodebookProblems, *, line) -> dict[str, str]:
    """``section_definitions``: a mapping section name → non-empty text (optional)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add("section_definitions must map a section (goal, activity, outcome, focus, …) to its definition", line=line)
        return {}
    sline = raw.get("__line__", line)
    out = {}
    for name, text in raw.items():
        if name == "__line__":
            continue
        if name not in SECTIONS:
            problems.add(f"section_definitions: unknown section {name!r} (allowed: {', '.join(SECTIONS)})", line=sline)
        elif not isinstance(text, str) or not text.strip():
            problems.add(f"section_definitions: the definition of {name!r} must be a non-empty string", line=sline)
        else:
            out[name] = text.strip()
    return out


def _decision_rules(raw: Any, problems: CodebookProblems, *, line) -> tuple[DecisionRule, ...]:
    """``decision_rules``: a list of {id (positive int, unique), title, text} (optional)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("decision_rules must be a list of mappings with 'id', 'title' and 'text'", line=line)
        return ()
    out: list[DecisionRule] = []
    seen: dict[int, int | None] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.add(f"decision_rules[{i}] must be a mapping with 'id', 'title' and 'text', not {item!r}", line=line)
            continue
        rline = item.get("__line__", line)
        ok = True
        unknown = set(item) - DECISION_RULE_FIELDS - {"__line__"}
        if unknown:
            problems.add(f"decision_rules[{i}]: unknown field(s) {', '.join(sorted(map(str, unknown)))} "
                         f"(allowed: {', '.join(sorted(DECISION_RULE_FIELDS))})", line=rline)
        rid = item.get("id")
        if not isinstance(rid, int) or isinstance(rid, bool) or rid < 1:
            problems.add(f"decision_rules[{i}]: 'id' must be a positive integer (got {rid!r})", line=rline)
            ok = False
        elif rid in seen:
            problems.add(f"decision_rules[{i}]: duplicate id {rid} (first at line {seen[rid]})", line=rline)
            ok = False
        else:
            seen[rid] = rline
        for field_name in ("title", "text"):
            value = item.get(field_name)
            if not isinstance(value, str) or not value.strip():
                problems.add(f"decision_rules[{i}]: {field_name!r} must be a non-empty string", line=rline)
                ok = False
        if ok:
            out.append(DecisionRule(id=rid, title=item["title"].strip(), text=item["text"].strip(), line=rline))
    return tuple(out)


def parse_codebook(data: Any, *, path: str = "<codebook>") -> Codebook:
    """Validate a parsed codebook (``dict`` as read from YAML) and build a :class:`Codebook`.

    Raises
    ------
    CodebookError : listing every problem found (file, line, code key).
    """
    problems = CodebookProblems(path)
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
    section_definitions = _section_definitions(data.get("section_definitions"), problems, line=top_line)
    decision_rules = _decision_rules(data.get("decision_rules"), problems, line=top_line)
    macros = strip_lines(data.get("macros") or {})
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
        examples = strip_lines(raw.get("examples") or {})
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
                    description=str(data.get("description") or "").strip(),
                    section_definitions=section_definitions, decision_rules=decision_rules, path=path)

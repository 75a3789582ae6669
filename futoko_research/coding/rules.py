"""Apply a codebook to statements: one row per match, with the words that triggered it.

Notes
-----
- Regex rules read the NFKC form of ``text`` (``text_norm``), computed here with
  :func:`~futoko_research.loaders.normalize.nfkc_with_offsets` so that every match maps back
  to character offsets in the original ``text`` (full-width ＩＣＴ is matched as ICT, and the
  evidence shows ＩＣＴ). Regexes also see substrings inside compounds (不登校 in 不登校児童),
  which token rules cannot (Sudachi split mode C).
- Token rules (``phrases`` on NORM, ``patterns`` for spaCy's Matcher) run on a spaCy ``Doc``
  rebuilt per statement from the tokens table (no model needed); phrases are tokenised with
  the lexical profile (SudachiPy, split mode C) like the tokens.
- Context checks (``exclude`` vetoes, ``require`` conditions) read ``text_norm`` around each
  match, inside its sentence (sentences end at 。！？).
- Within a statement, a match of a code whose span lies inside another kept match of the same
  code is dropped, so each evidence span is listed once per code.
"""

from __future__ import annotations

import bisect
import functools
import inspect
import logging
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from futoko_research.backends.base import PartitionWork, concat_frames
from futoko_research.coding.codebook import CATEGORIES, Codebook, Context, Rule, load_codebook
from futoko_research.errors import FutokoError, FutokoWarning
from futoko_research.loaders.normalize import nfkc_with_offsets, norm_span_to_text_span

log = logging.getLogger("futoko_research")

RE_SENT_END = re.compile(r"[。!?！？]")
CODE_COLUMNS = ["statement_id", "case_id", "section", "code", "category", "start_char", "end_char",
                "evidence", "rule_id", "codebook_version"]
REQUIRED_STATEMENT_COLUMNS = ("statement_id", "case_id", "text")


class ZeroHitWarning(FutokoWarning):
    """Rules or codes of the codebook matched nothing (a typo in a pattern shows up here)."""


def _resolve_codebook(codebook) -> Codebook:
    if codebook is None or isinstance(codebook, str | Path):
        return load_codebook(codebook)
    if isinstance(codebook, Codebook):
        return codebook
    raise TypeError(f"codebook must be a Codebook, a path or None, not {type(codebook).__name__}")


# --------------------------------------------------------------------------- token rules
@functools.lru_cache(maxsize=1)
def _vocab():
    from spacy.vocab import Vocab

    return Vocab()


def _phrase_norms(phrases: list[str]) -> dict[str, tuple[str, ...]]:
    """NORM sequence of each phrase, tokenised exactly like the tokens table.

    Phrases go through ``features.extract(profile="lexical")`` (SudachiPy split mode C with the
    package's user terms merged — the equivalent of ``nlp.make_doc``), so a phrase and the same
    words in a statement give the same NORM sequence.
    """
    todo = [p for p in dict.fromkeys(phrases) if p not in _PHRASE_CACHE]
    if todo:
        frame = pd.DataFrame({
            "statement_id": [f"phrase{i}" for i in range(len(todo))],
            "case_id": "phrases", "section": "body", "text": todo,
        }).astype({"statement_id": "string", "case_id": "string", "text": "string"})
        frame["text_norm"] = frame["text"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutokoWarning)
            tokens = compute_tokens(frame, profile="lexical")
        tokens = tokens.sort_values(["statement_id", "token_idx"], kind="stable")
        by_id = {str(sid): tuple(str(n) for n in g["norm"]) for sid, g in tokens.groupby("statement_id", sort=False, observed=True)}
        for i, phrase in enumerate(todo):
            _PHRASE_CACHE[phrase] = by_id.get(f"phrase{i}", ())
    return {p: _PHRASE_CACHE[p] for p in phrases}


_PHRASE_CACHE: dict[str, tuple[str, ...]] = {}


class _TokenMatcher:
    """spaCy Matcher + PhraseMatcher for the codebook's token rules."""

    def __init__(self, rules: list[Rule]):
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        vocab = _vocab()
        self.matcher = Matcher(vocab, validate=True)
        self.phrase_matcher = PhraseMatcher(vocab, attr="NORM")
        self.rules: dict[int, Rule] = {}
        for rule in rules:
            key = vocab.strings.add(rule.id)
            self.rules[key] = rule
            if rule.patterns:
                self.matcher.add(rule.id, [list(p) for p in rule.patterns])
            if rule.phrases:
                docs = []
                norm_map = _phrase_norms(list(rule.phrases))
                for phrase in rule.phrases:
                    norms = norm_map[phrase]
                    if not norms:
                        continue
                    doc = Doc(vocab, words=list(norms))
                    for token, norm in zip(doc, norms):
                        token.norm_ = norm
                    docs.append(doc)
                if docs:
                    self.phrase_matcher.add(rule.id, docs)

    def __call__(self, doc) -> list[tuple[Rule, int, int]]:
        found = [(self.rules[m], s, e) for m, s, e in self.matcher(doc)]
        found += [(self.rules[m], s, e) for m, s, e in self.phrase_matcher(doc)]
        return found


def _doc_from_tokens(tok: pd.DataFrame):
    """A spaCy Doc (text, lemma, norm, tag, pos) from one statement's rows of the tokens table."""
    from spacy.tokens import Doc

    words = [str(w) for w in tok["text"].tolist()]
    starts = tok["start_char"].astype("int64").tolist()
    ends = tok["end_char"].astype("int64").tolist()
    spaces = [ends[i] < starts[i + 1] for i in range(len(words) - 1)] + [False]

    def col(name):
        if name not in tok.columns:
            return None
        values = tok[name].tolist()
        return [("" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)) for v in values]

    lemmas = col("lemma")
    norms = col("norm")
    tags = col("tag")
    pos = col("pos")
    kwargs = {}
    if lemmas:
        kwargs["lemmas"] = [lem or w for lem, w in zip(lemmas, words)]
    if tags and any(tags):
        kwargs["tags"] = tags
    if pos and all(pos):
        kwargs["pos"] = pos
    try:
        doc = Doc(_vocab(), words=words, spaces=spaces, **kwargs)
    except ValueError:  # unknown POS values: drop POS
        kwargs.pop("pos", None)
        doc = Doc(_vocab(), words=words, spaces=spaces, **kwargs)
    if norms:
        for token, norm in zip(doc, norms):
            token.norm_ = norm or token.text
    return doc, starts, ends


# --------------------------------------------------------------------------- context checks
def _sentence_bounds(norm: str, s: int, e: int) -> tuple[int, int]:
    start = 0
    for m in RE_SENT_END.finditer(norm, 0, max(s, 0)):
        start = m.end()
    m = RE_SENT_END.search(norm, max(e - 1, s, 0))
    end = m.end() if m else len(norm)
    return start, end


def _window(norm: str, s: int, e: int, ctx: Context) -> str:
    if ctx.where == "statement":
        return norm
    ss, se = _sentence_bounds(norm, s, e)
    if ctx.where == "sentence":
        return norm[ss:se]
    n = ctx.chars
    if ctx.where == "before":
        return norm[max(ss, s - n) if n is not None else ss:s]
    if ctx.where == "after":
        return norm[e:min(se, e + n) if n is not None else se]
    lo = max(ss, s - n) if n is not None else ss
    hi = min(se, e + n) if n is not None else se
    return norm[lo:hi]


def _passes(norm: str, s: int, e: int, rule: Rule, code_exclude: tuple[Context, ...]) -> bool:
    for ctx in (*rule.exclude, *code_exclude):
        if ctx.regex.search(_window(norm, s, e, ctx)):
            return False
    return all(ctx.regex.search(_window(norm, s, e, ctx)) for ctx in rule.require)


# --------------------------------------------------------------------------- tokens
def _needed_profile(codebook: Codebook) -> str | None:
    needs = codebook.needs
    if not needs:
        return None
    from futoko_research.nlp import cheapest_profile

    return cheapest_profile(needs)


def compute_tokens(statements: pd.DataFrame, profile: str = "lexical", **extract_kwargs) -> pd.DataFrame:
    """Tokens for coding, computed now: ``features.extract(statements, profile=..., progress=False)["tokens"]``.

    Extra keyword arguments (``cache_dir``, ``runner`` …) are passed on when ``extract``
    accepts them (``None`` values are dropped). Without ``runner`` the tokens are computed
    serially, in this process.
    """
    from futoko_research.features import extract

    accepted = inspect.signature(extract).parameters
    kwargs = {k: v for k, v in extract_kwargs.items() if k in accepted and v is not None}
    return extract(statements, profile=profile, progress=False, **kwargs).tokens


# --------------------------------------------------------------------------- partitions (runners)
class CodingWork(PartitionWork):
    """:func:`code_statements` as a runner's unit of work (picklable: it holds the loaded codebook).

    Each partition is coded with its statements' rows of the tokens table (passed by the runner
    as ``tokens``); without tokens, a codebook with token rules computes them per partition.
    """

    name = "coding"

    def __init__(self, codebook: Codebook):
        self.codebook = codebook

    def run(self, part: pd.DataFrame, *, progress: bool = False, tokens: pd.DataFrame | None = None) -> pd.DataFrame:
        return code_statements(part, self.codebook, tokens=tokens)

    def combine(self, results, stats) -> pd.DataFrame:
        return concat_frames(list(results))


def map_code_statements(statements: pd.DataFrame, codebook=None, tokens: pd.DataFrame | None = None, *,
                        runner=None, progress: bool = False) -> pd.DataFrame:
    """:func:`code_statements` run by a runner, partition by partition: the same table.

    Parameters
    ----------
    statements, codebook, tokens : as for :func:`code_statements`. The codebook is loaded once
        here; each partition receives its statements' tokens.
    runner : a runner from :func:`futoko_research.backends.get_runner` or its name (default
        ``"serial"``: one call in this process).
    progress : show the runner's progress bar.

    Returns
    -------
    DataFrame
        the table of :func:`code_statements` (rows in statement order, index reset).
    """
    from futoko_research.backends import get_runner
    from futoko_research.coding.codebook import load_codebook

    if not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    if runner is None or isinstance(runner, str):
        runner = get_runner(runner or "serial")
    # only the columns coding reads travel to the workers (not text_norm, pages, boxes …)
    keep = [c for c in ("statement_id", "case_id", "section", "text") if c in statements.columns]
    aligned = None if tokens is None else {"tokens": tokens}
    return runner.map(CodingWork(codebook), statements.loc[:, keep], aligned=aligned, progress=progress)


def _code_statements_deprecated(statements, codebook, tokens, *, backend, client, partitions, **extract_kwargs):
    """``code_statements(backend=, client=, partitions=, scheduler=, workers=, **extract_kwargs)``."""
    from futoko_research.backends.legacy import runner_from_options, warn_deprecated
    from futoko_research.coding.codebook import load_codebook

    runner = runner_from_options("code_statements", backend=backend, client=client, partitions=partitions,
                                 scheduler=extract_kwargs.pop("scheduler", None),
                                 workers=extract_kwargs.pop("workers", None), stacklevel=4)
    if extract_kwargs:
        warn_deprecated(f"code_statements({', '.join(f'{k}=' for k in extract_kwargs)}) is deprecated and "
                        "will be removed in the next release; compute the tokens and pass tokens=",
                        stacklevel=3)
    if not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    if tokens is None and extract_kwargs and codebook.needs:
        tokens = compute_tokens(statements, profile=_needed_profile(codebook), **extract_kwargs)
    return map_code_statements(statements, codebook, tokens, runner=runner)


# --------------------------------------------------------------------------- coding
def _empty_codes(codebook: Codebook, section_dtype) -> pd.DataFrame:
    df = pd.DataFrame({c: [] for c in CODE_COLUMNS})
    return _typed(df, codebook, section_dtype)


def _typed(df: pd.DataFrame, codebook: Codebook, section_dtype) -> pd.DataFrame:
    out = df.astype({
        "statement_id": "string", "case_id": "string", "evidence": "string", "rule_id": "string",
        "codebook_version": "string", "start_char": "Int64", "end_char": "Int64",
    })
    out["section"] = out["section"].astype(section_dtype if isinstance(section_dtype, pd.CategoricalDtype) else "string")
    out["code"] = pd.Categorical(out["code"], categories=list(codebook))
    out["category"] = pd.Categorical(out["category"], categories=list(CATEGORIES))
    return out.reset_index(drop=True)


def code_statements(
    statements: pd.DataFrame,
    codebook=None,
    tokens: pd.DataFrame | None = None,
    *,
    backend: str | None = None,
    client=None,
    partitions: int | str | None = None,
    **extract_kwargs,
) -> pd.DataFrame:
    """Code statements with a codebook's rules; one row per match.

    Parameters
    ----------
    statements : DataFrame with statement_id, case_id, text (and section; text_norm is
        recomputed from text so that offsets map back). Any frame of this shape works,
        e.g. the cause and effect halves of sentences.
    codebook : a :class:`Codebook`, a path to a YAML codebook, or None (the default codebook).
    tokens : the tokens table (statement_id, token_idx, text, lemma, norm, pos, tag, start_char,
        end_char) for the codebook's token rules. When None and the codebook has token rules,
        tokens are computed here, serially, with ``features.extract`` using the cheapest profile
        that fills what the rules read (``lexical`` for NORM / LEMMA / ORTH). A regex-only
        codebook needs no tokens.
    backend, client, partitions, **extract_kwargs : deprecated (removed in the next release).
        ``backend="dask"`` with ``client``, ``partitions``, ``scheduler=``, ``workers=`` codes
        partition by partition on a Dask cluster: use :func:`map_code_statements` with
        ``runner=get_runner("dask", …)``. Other keywords (``n_process``, ``cache_dir`` …) were
        passed to ``features.extract`` when tokens are computed: compute them and pass
        ``tokens``.

    Returns
    -------
    DataFrame
        statement_id (string), case_id (string), section (category, as in statements, or string),
        code (category, codebook order), category (category: intervention|outcome|other),
        start_char, end_char (Int64, offsets into the statement's ``text``), evidence (string,
        ``text[start_char:end_char]``), rule_id (string), codebook_version (string).
        Sorted by statement (input order), start_char, code.

    See Also
    --------
    map_code_statements : the same table, computed partition by partition by a runner.
    """
    if backend is not None or client is not None or partitions is not None or extract_kwargs:
        return _code_statements_deprecated(statements, codebook, tokens, backend=backend, client=client,
                                           partitions=partitions, **extract_kwargs)
    codebook = _resolve_codebook(codebook)
    missing = [c for c in REQUIRED_STATEMENT_COLUMNS if c not in statements.columns]
    if missing:
        raise ValueError(f"statements lacks column(s) {', '.join(missing)}")
    section_dtype = statements["section"].dtype if "section" in statements.columns else pd.StringDtype()
    if statements.empty:
        return _empty_codes(codebook, section_dtype)
    if statements["statement_id"].duplicated().any():
        dup = statements.loc[statements["statement_id"].duplicated(), "statement_id"].iloc[0]
        raise ValueError(f"statements has duplicate statement_id {dup!r}")

    token_rules = [r for r in codebook.rules if r.phrases or r.patterns]
    regex_rules = [r for r in codebook.rules if r.regex]
    docs: dict = {}
    matcher = None
    if token_rules:
        if tokens is None:
            tokens = compute_tokens(statements, profile=_needed_profile(codebook))
        need = {"statement_id", "text", "start_char", "end_char"} | codebook.needs
        lacking = need - set(tokens.columns)
        if lacking:
            raise FutokoError(f"tokens table lacks column(s) {', '.join(sorted(lacking))} needed by the codebook's token rules")
        matcher = _TokenMatcher(token_rules)
        tok = tokens[tokens["statement_id"].isin(statements["statement_id"])]
        sort_cols = [c for c in ("statement_id", "token_idx") if c in tok.columns]
        tok = tok.sort_values(sort_cols, kind="stable")
        for sid, group in tok.groupby("statement_id", sort=False, observed=True):
            docs[str(sid)] = group
    code_of = {r.id: codebook[r.code] for r in codebook.rules}
    rule_order = {r.id: i for i, r in enumerate(codebook.rules)}

    has_section = "section" in statements.columns
    rows: list[tuple] = []
    for rec in statements.itertuples(index=False):
        sid = str(rec.statement_id)
        text = "" if pd.isna(rec.text) else str(rec.text)
        if not text:
            continue
        section = getattr(rec, "section", None) if has_section else None
        section_s = None if section is None or pd.isna(section) else str(section)
        norm, origin = nfkc_with_offsets(text)
        candidates: list[tuple[Rule, int, int, int, int]] = []  # rule, norm s/e, text s/e
        for rule in regex_rules:
            if rule.sections is not None and section_s not in rule.sections:
                continue
            for rx in rule.regex:
                for m in rx.finditer(norm):
                    if m.end() <= m.start():
                        continue
                    ts, te = norm_span_to_text_span(origin, m.start(), m.end())
                    candidates.append((rule, m.start(), m.end(), ts, te))
        if matcher is not None and sid in docs:
            doc, starts, ends = _doc_from_tokens(docs[sid])
            for rule, s, e in matcher(doc):
                if rule.sections is not None and section_s not in rule.sections:
                    continue
                ts, te = starts[s], ends[e - 1]
                ns = bisect.bisect_left(origin, ts, 0, len(origin) - 1)
                ne = bisect.bisect_left(origin, te, 0, len(origin))
                candidates.append((rule, ns, max(ne, ns + 1), ts, te))
        kept: dict[str, list[tuple[int, int]]] = {}
        candidates.sort(key=lambda c: (c[3], -(c[4] - c[3]), rule_order[c[0].id]))
        for rule, ns, ne, ts, te in candidates:
            code = code_of[rule.id]
            if not _passes(norm, ns, ne, rule, code.exclude):
                continue
            spans = kept.setdefault(code.key, [])
            if any(ks <= ts and te <= ke for ks, ke in spans):
                continue
            spans.append((ts, te))
            rows.append((sid, rec.case_id, section, code.key, code.category, ts, te, text[ts:te], rule.id, codebook.version))
    if not rows:
        return _empty_codes(codebook, section_dtype)
    df = pd.DataFrame(rows, columns=CODE_COLUMNS)
    order = {sid: i for i, sid in enumerate(statements["statement_id"].astype(str))}
    code_order = {k: i for i, k in enumerate(codebook)}
    df["_o"] = df["statement_id"].map(order)
    df["_c"] = df["code"].map(code_order)
    df = df.sort_values(["_o", "start_char", "_c", "end_char"], kind="stable").drop(columns=["_o", "_c"])
    return _typed(df, codebook, section_dtype)


def case_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """Case × code × section counts.

    Returns
    -------
    DataFrame
        case_id (string), section (as in codes), code (category), category (category),
        n_statements (Int64, statements of the case and section carrying the code),
        n_matches (Int64). Only non-zero rows.
    """
    if codes.empty:
        out = pd.DataFrame({c: [] for c in ("case_id", "section", "code", "category", "n_statements", "n_matches")})
        return out.astype({"case_id": "string", "n_statements": "Int64", "n_matches": "Int64"}).assign(
            section=codes["section"].astype(codes["section"].dtype), code=codes["code"], category=codes["category"])
    grouped = codes.groupby(["case_id", "section", "code"], observed=True, sort=True)
    out = grouped.agg(n_statements=("statement_id", "nunique"), n_matches=("statement_id", "size")).reset_index()
    cat_of = codes.drop_duplicates("code").set_index("code")["category"]
    out["category"] = pd.Categorical(out["code"].map(cat_of).astype(str), categories=list(CATEGORIES))
    out = out[["case_id", "section", "code", "category", "n_statements", "n_matches"]]
    return out.astype({"case_id": "string", "n_statements": "Int64", "n_matches": "Int64"}).reset_index(drop=True)


def statement_code_sets(codes: pd.DataFrame) -> dict[str, set[str]]:
    """statement_id → set of code keys."""
    out: dict[str, set[str]] = {}
    for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
        out.setdefault(str(sid), set()).add(str(code))
    return out


def rule_report(codes: pd.DataFrame, codebook=None, *, warn: bool = True) -> pd.DataFrame:
    """Every rule with its hit count; rules and codes that matched nothing are flagged.

    Parameters
    ----------
    codes : the table of :func:`code_statements`.
    codebook : the codebook used (default codebook when None).
    warn : emit a :class:`ZeroHitWarning` naming the rules and codes with no hit.

    Returns
    -------
    DataFrame
        rule_id (string), code (string), category (string), n_hits (Int64, rows of codes with
        this rule), n_statements (Int64), n_cases (Int64), is_zero (boolean, the rule never
        fired), code_n_hits (Int64), code_is_zero (boolean, no rule of the code fired).
        Note that a rule whose matches were all inside another rule's match of the same code
        counts 0 here (its hits were deduplicated).
    """
    codebook = _resolve_codebook(codebook)
    rows = []
    by_rule = codes.groupby("rule_id", observed=True) if not codes.empty else None
    by_code = codes.groupby("code", observed=True).size() if not codes.empty else pd.Series(dtype="int64")
    for rule in codebook.rules:
        if by_rule is not None and rule.id in by_rule.groups:
            g = by_rule.get_group(rule.id)
            n_hits, n_st, n_cases = len(g), g["statement_id"].nunique(), g["case_id"].nunique()
        else:
            n_hits = n_st = n_cases = 0
        code_hits = int(by_code.get(rule.code, 0))
        rows.append((rule.id, rule.code, codebook[rule.code].category, n_hits, n_st, n_cases,
                     n_hits == 0, code_hits, code_hits == 0))
    out = pd.DataFrame(rows, columns=["rule_id", "code", "category", "n_hits", "n_statements", "n_cases",
                                      "is_zero", "code_n_hits", "code_is_zero"])
    out = out.astype({"rule_id": "string", "code": "string", "category": "string", "n_hits": "Int64",
                      "n_statements": "Int64", "n_cases": "Int64", "is_zero": "boolean",
                      "code_n_hits": "Int64", "code_is_zero": "boolean"})
    if warn:
        zero_codes = sorted(set(out.loc[out["code_is_zero"], "code"]))
        zero_rules = out.loc[out["is_zero"], "rule_id"].tolist()
        if zero_codes or zero_rules:
            parts = []
            if zero_codes:
                parts.append(f"{len(zero_codes)} code(s) with no match: {', '.join(zero_codes)}")
            if zero_rules:
                shown = ", ".join(zero_rules[:20]) + (" …" if len(zero_rules) > 20 else "")
                parts.append(f"{len(zero_rules)} rule(s) with no hit: {shown}")
            warnings.warn("; ".join(parts), ZeroHitWarning, stacklevel=2)
    return out


def _register_schemas() -> None:
    import warnings as _w

    with _w.catch_warnings():
        _w.simplefilter("ignore")
        import pandera.pandas as pa

    from futoko_research.schema import SCHEMAS, register

    if "codes" not in SCHEMAS:
        register("codes", pa.DataFrameSchema({
            "statement_id": pa.Column("string"), "case_id": pa.Column("string"),
            "code": pa.Column("category"), "category": pa.Column("category", checks=pa.Check.isin(CATEGORIES)),
            "start_char": pa.Column("Int64", checks=pa.Check.ge(0)), "end_char": pa.Column("Int64", checks=pa.Check.ge(1)),
            "evidence": pa.Column("string"), "rule_id": pa.Column("string"), "codebook_version": pa.Column("string"),
        }, strict=False))
    if "case_codes" not in SCHEMAS:
        register("case_codes", pa.DataFrameSchema({
            "case_id": pa.Column("string"), "code": pa.Column("category"),
            "n_statements": pa.Column("Int64", checks=pa.Check.ge(1)), "n_matches": pa.Column("Int64", checks=pa.Check.ge(1)),
        }, strict=False))


def write_codes(
    processed_dir: str | Path | None = None,
    *,
    codebook=None,
    backend: str = "serial",
    client=None,
    **extract_kwargs,
) -> list[Path]:
    """Code ``statements.parquet`` and write codes, case_codes and rule_report (parquet + CSV).

    Token rules read ``tokens.parquet`` when it exists and has the columns they need;
    otherwise tokens are computed with ``features.extract`` (cheapest profile; ``backend``,
    ``client`` and other keyword arguments are passed through). A regex-only codebook (like the
    default one) needs no tokens. All files are written atomically.

    Returns
    -------
    list of Path : the files written (codes, case_codes, rule_report as .parquet and .csv).
    """
    from futoko_research.io import read_table, write_tables
    from futoko_research.paths import PROCESSED_DIR
    from futoko_research.schema import validate

    processed_dir = Path(processed_dir) if processed_dir is not None else PROCESSED_DIR
    codebook = _resolve_codebook(codebook)
    statements = read_table(processed_dir, "statements")
    tokens = None
    if codebook.needs:
        tok_path = processed_dir / "tokens.parquet"
        if tok_path.exists():
            tokens = pd.read_parquet(tok_path)
            if not ({"statement_id", "text", "start_char", "end_char"} | codebook.needs) <= set(tokens.columns):
                tokens = None
        if tokens is None:
            tokens = compute_tokens(statements, profile=_needed_profile(codebook), backend=backend,
                                    client=client, **extract_kwargs)
    dask_opts = ({"client": client, "scheduler": extract_kwargs.get("scheduler"),
                  "workers": extract_kwargs.get("workers")} if backend == "dask" else {})
    codes = code_statements(statements, codebook, tokens=tokens, backend=backend, **dask_opts)
    _register_schemas()
    validate(codes, "codes")
    cc = case_codes(codes)
    validate(cc, "case_codes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ZeroHitWarning)
        report = rule_report(codes, codebook)
    for w in caught:
        warnings.warn(str(w.message), ZeroHitWarning, stacklevel=2)
    log.info("code: %d matches in %d statements; %d rules without hits",
             len(codes), codes["statement_id"].nunique(), int(report["is_zero"].sum()))
    return write_tables({"codes": codes, "case_codes": cc, "rule_report": report}, processed_dir)


def iter_rule_ids(codebook: Codebook) -> Iterable[str]:
    return (r.id for r in codebook.rules)

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
import inspect
import logging
import warnings

import pandas as pd

from futoko_research.backends.base import PartitionWork, concat_frames
from futoko_research.coding.code_table import CODE_COLUMNS, empty_codes, typed_codes
from futoko_research.coding.codebook import Codebook, Rule
from futoko_research.coding.codebook import resolve_codebook as _resolve_codebook
from futoko_research.coding.context import passes_context as _passes
from futoko_research.coding.report import ZeroHitWarning, case_codes, rule_report
from futoko_research.coding.token_docs import doc_from_tokens as _doc_from_tokens
from futoko_research.coding.token_docs import token_vocab
from futoko_research.deprecation import deprecated_getattr
from futoko_research.errors import FutokoError, FutokoWarning
from futoko_research.loaders.normalize import nfkc_with_offsets, norm_span_to_text_span

log = logging.getLogger("futoko_research")
# _resolve_codebook, _passes and _doc_from_tokens: public helpers of coding.codebook, .context and
# .token_docs under the local names code_statements uses

REQUIRED_STATEMENT_COLUMNS = ("statement_id", "case_id", "text")

__all__ = ["CODE_COLUMNS", "REQUIRED_STATEMENT_COLUMNS", "ZeroHitWarning", "case_codes", "code_statements",
           "compute_tokens", "rule_report", "typed_codes"]
# moved: context checks → coding.context, report tables → coding.report, codebook helpers → coding.codebook
__getattr__ = deprecated_getattr(__name__, {
    "write_codes": ("futoko_research.pipeline.legacy:write_codes", "futoko_research.pipeline.steps.code"),
    "statement_code_sets": "futoko_research.coding.report:statement_code_sets",
    "iter_rule_ids": "futoko_research.coding.codebook:iter_rule_ids",
    "RE_SENT_END": "futoko_research.coding.context:RE_SENT_END",
})


# --------------------------------------------------------------------------- token rules
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

        vocab = token_vocab()
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

    def __init__(self, codebook: Codebook, method: str = "rules", model=None):
        self.codebook = codebook
        self.method = method
        self.model = model

    def run(self, part: pd.DataFrame, *, progress: bool = False, tokens: pd.DataFrame | None = None) -> pd.DataFrame:
        return code_statements(part, self.codebook, tokens=tokens, method=self.method, model=self.model)

    def combine(self, results, stats) -> pd.DataFrame:
        return concat_frames(list(results))


def map_code_statements(statements: pd.DataFrame, codebook=None, tokens: pd.DataFrame | None = None, *,
                        runner=None, progress: bool = False, method: str | None = None, model=None) -> pd.DataFrame:
    """:func:`code_statements` run by a runner, partition by partition: the same table.

    Parameters
    ----------
    statements, codebook, tokens, method, model : as for :func:`code_statements`. The codebook
        (and the model) are loaded once here; each partition receives its statements' tokens.
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
    from futoko_research.coding.hybrid import check_method, resolve_model

    if not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    method = check_method(method)
    model = resolve_model(model) if method == "hybrid" else None
    if runner is None or isinstance(runner, str):
        runner = get_runner(runner or "serial")
    # only the columns coding reads travel to the workers (not text_norm, pages, boxes …)
    keep = [c for c in ("statement_id", "case_id", "section", "text") if c in statements.columns]
    aligned = None if tokens is None else {"tokens": tokens}
    return runner.map(CodingWork(codebook, method, model), statements.loc[:, keep], aligned=aligned, progress=progress)


def _code_statements_deprecated(statements, codebook, tokens, *, backend, client, partitions, method="rules", model=None,
                                **extract_kwargs):
    """``code_statements(backend=, client=, partitions=, scheduler=, workers=, **extract_kwargs)``."""
    from futoko_research.backends.legacy import runner_from_options
    from futoko_research.coding.codebook import load_codebook
    from futoko_research.deprecation import warn_deprecated_message as warn_deprecated

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
    return map_code_statements(statements, codebook, tokens, runner=runner, method=method, model=model)


# --------------------------------------------------------------------------- coding
def code_statements(
    statements: pd.DataFrame,
    codebook=None,
    tokens: pd.DataFrame | None = None,
    *,
    backend: str | None = None,
    client=None,
    partitions: int | str | None = None,
    method: str | None = None,
    model=None,
    **extract_kwargs,
) -> pd.DataFrame:
    """Code statements with a codebook's rules (and, ``method="hybrid"``, a statistical model).

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
    method : ``"rules"`` (one row per rule match) or ``"hybrid"`` (the rules' rows plus one row
        per code the model gives that no rule gave; :mod:`futoko_research.coding.hybrid`).
        None = :data:`futoko_research.coding.DEFAULT_METHOD`.
    model : the statistical model of the hybrid method: a
        :class:`~futoko_research.coding.model.CoderModel`, a path to its ``.npz``, or None (the
        model shipped with the package). Ignored by ``method="rules"``.
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
        ``text[start_char:end_char]``; for a model row the strongest n-gram spans joined by
        `` / ``, the first being ``text[start_char:end_char]``), rule_id (string; ``model:<code>``
        for a model row), codebook_version (string), origin (string: ``rule``, ``model`` or
        ``rule+model``), model_version (string, NA when no model ran), score (Float64, the
        model's probability for the row's code; NA when no model ran).
        Sorted by statement (input order), start_char, code.

    See Also
    --------
    map_code_statements : the same table, computed partition by partition by a runner.
    """
    from futoko_research.coding.hybrid import check_method

    method = check_method(method)
    if backend is not None or client is not None or partitions is not None or extract_kwargs:
        return _code_statements_deprecated(statements, codebook, tokens, backend=backend, client=client,
                                           partitions=partitions, method=method, model=model, **extract_kwargs)
    codebook = _resolve_codebook(codebook)
    if method == "hybrid":
        from futoko_research.coding.hybrid import add_model_codes, resolve_model

        model = resolve_model(model)
        rules_only = code_statements(statements, codebook, tokens, method="rules")
        return add_model_codes(rules_only, statements, codebook, model)
    missing = [c for c in REQUIRED_STATEMENT_COLUMNS if c not in statements.columns]
    if missing:
        raise ValueError(f"statements lacks column(s) {', '.join(missing)}")
    section_dtype = statements["section"].dtype if "section" in statements.columns else pd.StringDtype()
    if statements.empty:
        return empty_codes(codebook, section_dtype)
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
            rows.append((sid, rec.case_id, section, code.key, code.category, ts, te, text[ts:te], rule.id,
                         codebook.version, "rule", pd.NA, pd.NA))
    if not rows:
        return empty_codes(codebook, section_dtype)
    df = pd.DataFrame(rows, columns=CODE_COLUMNS)
    order = {sid: i for i, sid in enumerate(statements["statement_id"].astype(str))}
    code_order = {k: i for i, k in enumerate(codebook)}
    df["_o"] = df["statement_id"].map(order)
    df["_c"] = df["code"].map(code_order)
    df = df.sort_values(["_o", "start_char", "_c", "end_char"], kind="stable").drop(columns=["_o", "_c"])
    return typed_codes(df, codebook, section_dtype)

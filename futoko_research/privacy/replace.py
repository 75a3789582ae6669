"""Replace personal data by stable pseudonyms (人物A, 学校A …) using a key kept outside the repo."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from futoko_research.privacy.detect import (
    CERTAIN_THRESHOLD,
    find_candidates,
    fold_text,
    text_views,
    view_span_to_text,
)
from futoko_research.privacy.keys import KeyStore, default_key_path, write_private_text
from futoko_research.privacy.lexicon import KINDS, RE_PSEUDONYM
from futoko_research.privacy.text import TokenIndex

log = logging.getLogger("futoko_research")

REPORT_COLUMNS = ("kind", "pseudonym", "role", "n_replacements", "n_statements", "statement_ids")
REVIEW_COLUMNS = ("text_idx", "statement_id", "kind", "text", "context", "detector", "confidence")


class PseudonymizationResult(NamedTuple):
    """What :func:`pseudonymize` returns.

    statements : the input table with personal data replaced (``text``; ``text_norm`` redone).
    report : publishable summary (no originals), see :func:`pseudonymize`.
    review : uncertain findings WITH their original text — for the researcher only; never
        write it into the repository.
    """

    statements: pd.DataFrame
    report: pd.DataFrame
    review: pd.DataFrame


def _is_wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_@.-"


def _known_spans(view: str, key: KeyStore, index: TokenIndex) -> list[tuple[int, int, dict]]:
    """Whole-token occurrences in ``view`` of every original/alias in the key."""
    out: list[tuple[int, int, dict]] = []
    folded = fold_text(view)
    for original, entry in key.originals():
        variants = {original, unicodedata.normalize("NFKC", original), fold_text(original)}
        for v in variants:
            if len(v) < 1:
                continue
            for hay in (view, folded) if v != original else (view,):
                for m in re.finditer(re.escape(v), hay):
                    s, e = m.start(), m.end()
                    if v.isascii():
                        if (s > 0 and _is_wordish(hay[s - 1]) and _is_wordish(v[0])) or (
                            e < len(hay) and _is_wordish(hay[e]) and _is_wordish(v[-1])
                        ):
                            continue
                    elif not index.is_whole(s, e, entry["kind"]):
                        continue
                    out.append((s, e, entry))
    return out


def _choose(spans: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Non-overlapping spans, longest first (then leftmost)."""
    chosen: list[tuple[int, int, dict]] = []
    for s, e, entry in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, entry))
    return sorted(chosen, key=lambda x: x[0])


#: detection rounds at most (round 2+ runs the rules again on the replaced text)
MAX_ROUNDS = 3


def pseudonymize_texts(
    texts: Sequence[str], key: KeyStore, *, use_ner: bool = True
) -> tuple[list[str], list[tuple[int, dict]], list[dict]]:
    """Core of :func:`pseudonymize`: returns (new texts, replacements, review rows).

    Replacements are (text_idx, key entry); review rows carry the uncertain originals.
    Line breaks inside a replaced span are kept after the pseudonym, so line numbers stay valid.

    Notes
    -----
    Sudachi's tags depend on context, so a word next to a fresh pseudonym can read differently
    (長野 after 人物A). The rules (without NER) are therefore run again on the replaced text
    until nothing certain is found (at most :data:`MAX_ROUNDS` rounds): the output is a fixed
    point, which is what makes a second run change nothing.
    """
    texts = [t if isinstance(t, str) else "" for t in texts]
    given = {e["pseudonym"] for e in key.entries}
    key.reserve({m.group(0) for t in texts for m in RE_PSEUDONYM.finditer(t)} - given)
    new_texts, hits, review = _one_round(texts, key, use_ner=use_ner, with_review=True)
    for _ in range(MAX_ROUNDS - 1):
        again, more, _ = _one_round(new_texts, key, use_ner=False, with_review=False)
        if again == new_texts:
            break
        new_texts = again
        hits += more
    return new_texts, hits, review


def original_form(span: str) -> str:
    """How an original is stored in the key: line breaks (and the spaces around them) removed."""
    return re.sub(r"\s*[\n\r\f\v]\s*", "", span).strip()


def _one_round(
    texts: list[str], key: KeyStore, *, use_ner: bool, with_review: bool
) -> tuple[list[str], list[tuple[int, dict]], list[dict]]:
    found = find_candidates(texts, use_ner=use_ner, ignore=key.ignore)
    # pass 1: register certain findings in order of first appearance; initials right next to
    # a name (Ｓ．Ｋ（鈴木健太）) become an alias of that name, not a new person
    for raw, cands in found:
        certain = [c for c in cands if c.confidence >= CERTAIN_THRESHOLD]
        for c in certain:
            if "initials" not in c.detector.split("+"):
                key.add(c.kind, original_form(raw[c.start:c.end]))
        for c in certain:
            if "initials" in c.detector.split("+"):
                near = [d for d in certain if d.kind == "person" and d is not c
                        and "initials" not in d.detector.split("+")
                        and (0 <= d.start - c.end <= 2 or 0 <= c.start - d.end <= 2)]
                initials = original_form(raw[c.start:c.end])
                if near and key.lookup(initials) is None:
                    key.add_alias(key.add("person", original_form(raw[near[0].start:near[0].end])), initials)
                else:
                    key.add(c.kind, initials)
    # pass 2: replace findings and every whole-token occurrence of a known original
    new_texts: list[str] = []
    hits: list[tuple[int, dict]] = []
    review: list[dict] = []
    for idx, (raw, cands) in enumerate(found):
        spans = [
            (c.start, c.end, key.lookup(raw[c.start:c.end]))
            for c in cands if c.confidence >= CERTAIN_THRESHOLD
        ]
        spans = [s for s in spans if s[2] is not None]
        if key.entries:
            for view, origin in text_views(raw):
                spans += [
                    (*view_span_to_text(origin, s, e), entry)
                    for s, e, entry in _known_spans(view, key, TokenIndex(view))
                ]
        chosen = _choose(spans)
        for c in cands if with_review else ():
            if c.confidence < CERTAIN_THRESHOLD and all(c.end <= s or c.start >= e for s, e, _ in chosen):
                review.append({
                    "text_idx": idx, "kind": c.kind, "text": raw[c.start:c.end],
                    "context": raw[max(0, c.start - 15):c.end + 15].replace("\n", " "),
                    "detector": c.detector, "confidence": c.confidence,
                })
        pieces: list[str] = []
        pos = 0
        for s, e, entry in chosen:
            pieces.append(raw[pos:s])
            shown = (dob_year(raw[s:e]) or entry["pseudonym"]) if entry["kind"] == "date_of_birth" else entry["pseudonym"]
            pieces.append(shown + "".join(ch for ch in raw[s:e] if ch in "\n\f"))
            pos = e
            hits.append((idx, entry))
        pieces.append(raw[pos:])
        new_texts.append("".join(pieces))
    return new_texts, hits, review


_ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}


def dob_year(date: str) -> str | None:
    """A date of birth generalised to its (Western) year: 平成24年4月5日 → 2012年,
    2014/03/27 → 2014年; None when the date has no year.

    Notes
    -----
    The year alone is what a published table may show (an age band); the full date, with a
    place, identifies a child. Era years: 令和 n = 2018 + n, 平成 n = 1988 + n, 昭和 n = 1925 + n
    (元年 = 1).
    """
    d = fold_text(unicodedata.normalize("NFKC", date))
    m = re.match(r"\s*(令和|平成|昭和|R|H|S)\s?([0-9]{1,2}|元)", d)
    if m:
        n = 1 if m.group(2) == "元" else int(m.group(2))
        return f"{_ERA_START[m.group(1)] + n}年"
    m = re.match(r"\s*((?:19|20)[0-9]{2})(?![0-9])", d)
    return f"{m.group(1)}年" if m else None


def _report(hits: list[tuple[int, dict]], ids: Sequence[str]) -> pd.DataFrame:
    rows: dict[str, dict] = {}
    for idx, entry in hits:
        r = rows.setdefault(entry["id"], {
            "kind": entry["kind"], "pseudonym": entry["pseudonym"], "role": entry.get("role", ""),
            "n_replacements": 0, "ids": [],
        })
        r["n_replacements"] += 1
        if ids[idx] not in r["ids"]:
            r["ids"].append(ids[idx])
    df = pd.DataFrame(
        [(r["kind"], r["pseudonym"], r["role"], r["n_replacements"], len(r["ids"]), ";".join(r["ids"]))
         for r in rows.values()],
        columns=list(REPORT_COLUMNS),
    )
    df = df.astype({
        "kind": pd.CategoricalDtype(list(KINDS)), "pseudonym": "string", "role": "string",
        "n_replacements": "Int64", "n_statements": "Int64", "statement_ids": "string",
    })
    return df  # rows in order of first replacement


def _review_frame(review: list[dict], ids: Sequence[str] | None) -> pd.DataFrame:
    df = pd.DataFrame(review, columns=[c for c in REVIEW_COLUMNS if c != "statement_id"])
    df.insert(1, "statement_id", [ids[i] for i in df["text_idx"]] if ids is not None else [pd.NA] * len(df))
    return df.astype({
        "text_idx": "Int64", "statement_id": "string", "kind": pd.CategoricalDtype(list(KINDS)),
        "text": "string", "context": "string", "detector": "string", "confidence": "Float64",
    })


def pseudonymize(
    statements: pd.DataFrame,
    *,
    key_path: str | Path | None = None,
    text_col: str = "text",
    id_col: str = "statement_id",
    use_ner: bool = True,
    allow_inside_repo: bool = False,
) -> PseudonymizationResult:
    """Replace personal data in ``statements[text_col]`` by stable pseudonyms.

    Parameters
    ----------
    statements : a table with ``text_col`` (and ``id_col``; the row position is used when absent).
    key_path : the key file (JSON or YAML) outside the repository; created when missing,
        extended otherwise (default :func:`default_key_path`).
    use_ner : also use GiNZA's Person entities (see :func:`find_personal_data`).
    allow_inside_repo : permit a key path inside the repository (only for throw-away keys).

    Returns
    -------
    PseudonymizationResult(statements, report, review)
        statements : a copy with ``text_col`` replaced and ``text_norm`` (if present)
            recomputed as NFKC of the new text.
        report (publishable, no originals) : kind (category), pseudonym (string), role
            (string, from the key), n_replacements (Int64), n_statements (Int64),
            statement_ids (string, ``;``-joined), one row per pseudonym used.
        review (private) : text_idx (Int64), statement_id (string), kind (category), text
            (string, the original), context (string), detector (string), confidence
            (Float64) — uncertain findings left in place for a person to decide.

    Notes
    -----
    Pseudonyms are given per kind in order of first appearance (人物A, 人物B, 学校A …) and are
    stable across runs because the key is loaded and extended. Every later whole-token
    occurrence of a known original is replaced too (Sudachi token boundaries: 長野さん's
    original 長野 does not hit 長野県). Running it again on its output changes nothing.
    """
    if text_col not in statements.columns:
        raise KeyError(f"statements has no column {text_col!r}")
    key = KeyStore.load(key_path or default_key_path(), allow_inside_repo=allow_inside_repo)
    texts = statements[text_col].astype("string").fillna("").tolist()
    ids = (statements[id_col].astype("string").fillna("").tolist() if id_col in statements.columns
           else [str(i) for i in range(len(statements))])
    new_texts, hits, review = pseudonymize_texts(texts, key, use_ner=use_ner)
    if key.changed or not key.path.exists():
        key.save()
    out = statements.copy()
    out[text_col] = pd.array(
        [t if not pd.isna(o) else pd.NA for t, o in zip(new_texts, statements[text_col])], dtype="string"
    )
    if "text_norm" in out.columns and text_col == "text":
        from futoko_research.loaders.normalize import nfkc

        out["text_norm"] = out["text"].map(lambda t: nfkc(t) if isinstance(t, str) else t).astype("string")
    log.info("pseudonymize: %d replacements, %d uncertain findings for review", len(hits), len(review))
    return PseudonymizationResult(out, _report(hits, ids), _review_frame(review, ids))


class TextPseudonymizer:
    """``str -> str`` pseudonymiser for decoded raw text (see :func:`make_text_pseudonymizer`).

    Attributes
    ----------
    key_path : the key file.
    review_path : where the review queue (uncertain findings, with originals) is written,
        next to the key file with owner-only permissions.
    review : review rows collected so far (list of dicts).
    n_replacements : replacements made so far.
    """

    def __init__(self, key_path: Path, *, use_ner: bool, allow_inside_repo: bool):
        self.key = KeyStore.load(key_path, allow_inside_repo=allow_inside_repo)
        self.key_path = self.key.path
        self.review_path = self.key_path.with_name(self.key_path.stem + ".review.csv")
        self.use_ner = use_ner
        self.review: list[dict] = []
        self.n_replacements = 0
        self._n_calls = 0
        self._memo: dict[str, tuple[int, str, tuple[str, ...]]] = {}
        self.source_id = ""
        #: per source id: {"replaced": {kind: n}, "review": {kind: n}} (counts only, no originals)
        self.stats: dict[str, dict[str, dict[str, int]]] = {}

    def set_source(self, source_id: str) -> None:
        """Count the following calls under ``source_id`` (for ``privacy_report.csv``)."""
        self.source_id = str(source_id)
        self.stats.setdefault(self.source_id, {"replaced": {}, "review": {}})

    def _count(self, part: str, kinds) -> None:
        counts = self.stats.setdefault(self.source_id, {"replaced": {}, "review": {}})[part]
        for k in kinds:
            counts[k] = counts.get(k, 0) + 1

    def __call__(self, text: str) -> str:
        memo = self._memo.get(text)
        if memo is not None and memo[0] == len(self.key.entries):
            self.n_replacements += len(memo[2])
            self._count("replaced", memo[2])
            return memo[1]
        [new], hits, review = pseudonymize_texts([text], self.key, use_ner=self.use_ner)
        kinds = tuple(entry["kind"] for _, entry in hits)
        self._count("replaced", kinds)
        self._count("review", [r["kind"] for r in review])
        if not review and len(text) <= 200:  # short, repeated strings (PDF words, headers)
            self._memo[text] = (len(self.key.entries), new, kinds)
        self._n_calls += 1
        for r in review:
            r["text_idx"] = self._n_calls - 1
        self.review.extend(review)
        self.n_replacements += len(hits)
        if self.key.changed or not self.key_path.exists():
            self.key.save()
        if review:
            df = _review_frame(self.review, None)
            write_private_text(self.review_path, df.to_csv(index=False))
            log.warning(
                "pseudonymize: %d uncertain finding(s) left in place; review them in %s",
                len(self.review), self.review_path,
            )
        log.info("pseudonymize: %d replacement(s) in this text", len(hits))
        return new


def make_text_pseudonymizer(
    key_file: str | Path | None = None, *, use_ner: bool = True, allow_inside_repo: bool = False
) -> Callable[[str], str]:
    """A function that pseudonymises decoded report text before it is parsed.

    Parameters
    ----------
    key_file : the key file outside the repository; default :func:`default_key_path`
        (``~/.futoko_research/keys/<project>.json``).
    use_ner : also use GiNZA's Person entities on sentences with a cue.
    allow_inside_repo : permit a key inside the repository (refused by default).

    Returns
    -------
    TextPseudonymizer : call it with a text; the key is saved (0o600) after each call, and
        uncertain findings are written to ``<key stem>.review.csv`` next to the key.
    """
    path = Path(key_file) if key_file is not None else default_key_path()
    if key_file is None:
        log.info("pseudonymize: no key file given; using the default location %s", path)
    return TextPseudonymizer(path, use_ner=use_ner, allow_inside_repo=allow_inside_repo)

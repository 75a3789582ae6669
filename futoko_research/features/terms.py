"""User terms (multi-word terms kept as one token) and the variant map (spellings → one form).

Both are plain, versioned files in ``futoko_research/resources/``:

``terms.txt``
    one term per line (``#`` comments). A term found in a statement's text — in the spelling
    listed, its NFKC form or its full-width form — whose start and end fall on token
    boundaries becomes ONE token in every table (``lemma`` = ``norm`` = the listed term).
``variants.csv``
    columns ``variant,form[,note]`` (``#`` comment lines allowed). A token whose ``norm``,
    ``lemma`` or ``text`` equals a variant (compared after NFKC + casefold) gets ``form`` as its
    analysis form in the ``term`` column; otherwise ``term`` is Sudachi's ``norm``.

:func:`load_terms` returns a :class:`TermConfig` whose :attr:`~TermConfig.hash` (sha256 of the
normalised contents) goes into the cache key and into every output's metadata.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from futoko_research.errors import FutokoError
from futoko_research.paths import PROJECT_ROOT, RESOURCES_DIR

DEFAULT_TERMS = RESOURCES_DIR / "terms.txt"
DEFAULT_VARIANTS = RESOURCES_DIR / "variants.csv"

_FULLWIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def fold(s: str) -> str:
    """The comparison key of a spelling: NFKC, then casefold."""
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    return s.casefold()


def to_fullwidth(s: str) -> str:
    """ASCII letters, digits and symbols → their full-width forms (ＳＣ, ＩＣＴ)."""
    return s.translate(_FULLWIDTH)


@dataclass(frozen=True)
class TermConfig:
    """The user term list and variant map applied to every table.

    Attributes
    ----------
    terms : the multi-word terms, longest first.
    variants : fold(variant) → analysis form.
    hash : sha256 of the normalised contents (terms and variants); recorded in cache keys.
    sources : where the lists came from (paths or ``"<inline>"``).
    """

    terms: tuple[str, ...] = ()
    variants: Mapping[str, str] = field(default_factory=dict)
    hash: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.hash:
            payload = "\n".join(self.terms) + "\n--\n" + "\n".join(
                f"{k}\t{v}" for k, v in sorted(self.variants.items()))
            object.__setattr__(self, "hash", hashlib.sha256(payload.encode("utf-8")).hexdigest())
        spellings: dict[str, str] = {}
        for term in self.terms:
            for spelling in (term, unicodedata.normalize("NFKC", term), to_fullwidth(term)):
                spellings.setdefault(spelling, term)
        object.__setattr__(self, "_spellings", spellings)
        pattern = "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s)))
        object.__setattr__(self, "_regex", re.compile(pattern) if pattern else None)
        object.__setattr__(self, "_memo", {})

    def find_terms(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping term occurrences in ``text`` as (start, end, listed term), longest first."""
        if self._regex is None:
            return []
        return [(m.start(), m.end(), self._spellings[m.group()]) for m in self._regex.finditer(text)]

    def term_of(self, norm: str, lemma: str, text: str) -> str:
        """The analysis form of a token: the variant map applied to norm, lemma or text; else norm."""
        key = (norm, lemma, text)
        memo = self._memo
        out = memo.get(key)
        if out is None:
            variants = self.variants
            out = norm
            if variants:
                for s in key:
                    hit = variants.get(fold(s))
                    if hit is not None:
                        out = hit
                        break
            if len(memo) < 1_000_000:
                memo[key] = out
        return out

    def info(self) -> dict:
        """What to record in outputs.

        ``term_sources`` are given relative to the project root when the files lie inside it
        (``futoko_research/resources/terms.txt``), so outputs do not depend on where the
        repository was cloned; other paths are recorded as given. The content is in ``terms_hash``.
        """
        return {"terms_hash": self.hash, "n_terms": len(self.terms), "n_variants": len(self.variants),
                "term_sources": [_portable(s) for s in self.sources]}


def _portable(source: str) -> str:
    """``source`` relative to the project root (POSIX) when it is a path inside it, else unchanged."""
    if source.startswith("<"):
        return source
    try:
        return Path(source).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return source


def _read_lines(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FutokoError(f"{path}: term/variant file not found") from None
    except UnicodeDecodeError as exc:
        raise FutokoError(f"{path}: not UTF-8 ({exc.reason})") from None


def parse_terms(text: str) -> tuple[str, ...]:
    """Terms from the text of a terms file (comments and blanks dropped, duplicates removed)."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            seen.setdefault(line, None)
    return tuple(sorted(seen, key=lambda s: (-len(s), s)))


def parse_variants(text: str, *, source: str = "<inline>") -> dict[str, str]:
    """fold(variant) → form from the text of a variants CSV (``variant,form[,note]``)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames is None or not {"variant", "form"} <= set(reader.fieldnames):
        raise FutokoError(f"{source}: variants file needs the columns variant,form")
    out: dict[str, str] = {}
    for i, row in enumerate(reader, start=2):
        variant, form = (row.get("variant") or "").strip(), (row.get("form") or "").strip()
        if not variant or not form:
            raise FutokoError(f"{source}: data row {i}: empty variant or form")
        key = fold(variant)
        if key in out and out[key] != form:
            raise FutokoError(f"{source}: data row {i}: variant {variant!r} mapped twice ({out[key]!r}, {form!r})")
        out[key] = form
    return out


def load_terms(
    terms: str | Path | Iterable[str] | None | bool = None,
    variants: str | Path | Mapping[str, str] | None | bool = None,
) -> TermConfig:
    """Load the term list and variant map.

    Parameters
    ----------
    terms : path of a terms file, an iterable of terms, ``None`` for the packaged
        ``resources/terms.txt``, or ``False`` for no terms.
    variants : path of a variants CSV, a mapping variant → form, ``None`` for the packaged
        ``resources/variants.csv``, or ``False`` for none.

    Returns
    -------
    TermConfig
    """
    sources = []
    if terms is None:
        terms = DEFAULT_TERMS
    if terms is False:
        term_list: tuple[str, ...] = ()
    elif isinstance(terms, str | Path):
        term_list = parse_terms(_read_lines(Path(terms)))
        sources.append(str(terms))
    else:
        term_list = parse_terms("\n".join(terms))
        sources.append("<inline terms>")
    if variants is None:
        variants = DEFAULT_VARIANTS
    if variants is False:
        variant_map: dict[str, str] = {}
    elif isinstance(variants, str | Path):
        variant_map = parse_variants(_read_lines(Path(variants)), source=str(variants))
        sources.append(str(variants))
    else:
        variant_map = {fold(k): v for k, v in dict(variants).items()}
        sources.append("<inline variants>")
    return TermConfig(terms=term_list, variants=variant_map, sources=tuple(sources))

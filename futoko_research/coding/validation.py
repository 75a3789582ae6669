"""The real, double-annotated development corpus in ``data/validation/`` (loader and gold labels).

Two CSV files (UTF-8 with BOM), documented in ``data/validation/README.md``:

- ``sentences.csv`` — one row per sentence: sentence_id, set, source_url, host, publisher,
  prefecture, year, genre, text (verbatim from a public page).
- ``labels.csv`` — one row per sentence × annotator: sentence_id, annotator (``A``, ``B`` or
  ``adjudicated``), section (goal|focus|activity|outcome), codes, cause_codes, effect_codes
  (code keys joined by ``;``; empty = none), notes.

:func:`load_validation` reads and checks both files (every problem names the file and line);
:func:`gold_labels` picks one label set per sentence (``adjudicated`` when present, else ``A``).
The sentences are kept out of the default corpus (``data/raw``): they are development and
evaluation data of the coder, not practice reports to analyse.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from futoko_research.errors import FutokoError
from futoko_research.paths import VALIDATION_DIR

#: columns of ``sentences.csv``, in file order
SENTENCE_COLUMNS = ("sentence_id", "set", "source_url", "host", "publisher", "prefecture", "year", "genre", "text")
#: columns of ``labels.csv``, in file order
LABEL_COLUMNS = ("sentence_id", "annotator", "section", "codes", "cause_codes", "effect_codes", "notes")
#: annotators of ``labels.csv``; ``adjudicated`` is the agreed label set after both passes
ANNOTATORS = ("A", "B", "adjudicated")
#: sections a validation sentence may belong to
VALIDATION_SECTIONS = ("goal", "focus", "activity", "outcome")
#: columns that must not be empty
_REQUIRED = {"sentence_id", "source_url", "host", "text", "annotator", "section"}
_CODE_LISTS = ("codes", "cause_codes", "effect_codes")

__all__ = ["ANNOTATORS", "ValidationDataError", "gold_labels", "label_matrix", "load_validation"]


class ValidationDataError(FutokoError):
    """A validation file is missing or invalid; the message names the file and line."""


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise ValidationDataError(f"{path}: not found")
    try:
        df = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValidationDataError(f"{path}: cannot read as UTF-8 CSV ({' '.join(str(exc).split())})") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValidationDataError(f"{path}:1: missing column(s) {', '.join(missing)}")
    df = df.loc[:, list(columns)]
    return df.apply(lambda s: s.str.strip())


def _split_codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in value.split(";") if c.strip())


def _check_required(df: pd.DataFrame, path: Path) -> None:
    for col in [c for c in df.columns if c in _REQUIRED]:
        empty = df.index[df[col] == ""]
        if len(empty):
            raise ValidationDataError(f"{path}:{empty[0] + 2}: empty {col}")


def _sentences(path: Path) -> pd.DataFrame:
    df = _read_csv(path, SENTENCE_COLUMNS)
    _check_required(df, path)
    dup = df.index[df["sentence_id"].duplicated()]
    if len(dup):
        raise ValidationDataError(f"{path}:{dup[0] + 2}: duplicate sentence_id {df.at[dup[0], 'sentence_id']!r}")
    for i, url, host in zip(df.index, df["source_url"], df["host"]):
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValidationDataError(f"{path}:{i + 2}: source_url {url!r} is not an http(s) address")
        netloc = parsed.netloc.lower().split(":")[0]
        if netloc != host.lower() and not netloc.endswith("." + host.lower()):
            raise ValidationDataError(f"{path}:{i + 2}: host {host!r} is not the host of {url!r}")
    bad_year = df.index[(df["year"] != "") & ~df["year"].str.fullmatch(r"(?:19|20)\d\d")]
    if len(bad_year):
        raise ValidationDataError(f"{path}:{bad_year[0] + 2}: year {df.at[bad_year[0], 'year']!r} is not a year")
    out = df.replace("", pd.NA)
    out["year"] = pd.to_numeric(out["year"]).astype("Int64")
    return out.astype({c: "string" for c in SENTENCE_COLUMNS if c != "year"})


def _labels(path: Path, known_ids: set[str], keys: list[str], sentences_path: Path) -> pd.DataFrame:
    df = _read_csv(path, LABEL_COLUMNS)
    _check_required(df, path)
    allowed = set(keys)
    seen: set[tuple[str, str]] = set()
    for i, rec in zip(df.index, df.to_dict("records")):
        line = f"{path}:{i + 2}"
        if rec["sentence_id"] not in known_ids:
            raise ValidationDataError(f"{line}: sentence_id {rec['sentence_id']!r} is not in {sentences_path.name}")
        if rec["annotator"] not in ANNOTATORS:
            raise ValidationDataError(f"{line}: annotator {rec['annotator']!r} is not one of {', '.join(ANNOTATORS)}")
        pair = (rec["sentence_id"], rec["annotator"])
        if pair in seen:
            raise ValidationDataError(f"{line}: second row for sentence {pair[0]!r} by annotator {pair[1]!r}")
        seen.add(pair)
        if rec["section"] not in VALIDATION_SECTIONS:
            raise ValidationDataError(f"{line}: section {rec['section']!r} is not one of {', '.join(VALIDATION_SECTIONS)}")
        codes = set(_split_codes(rec["codes"]))
        for col in _CODE_LISTS:
            found = _split_codes(rec[col])
            bad = [c for c in found if c not in allowed]
            if bad:
                raise ValidationDataError(f"{line}: {col}: unknown code(s) {', '.join(bad)}")
            if len(set(found)) != len(found):
                raise ValidationDataError(f"{line}: {col}: a code is listed twice")
            if col != "codes" and not set(found) <= codes:
                extra = sorted(set(found) - codes)
                raise ValidationDataError(f"{line}: {col}: {', '.join(extra)} not in codes")
    order = {k: i for i, k in enumerate(keys)}
    out = df.copy()
    for col in _CODE_LISTS:
        out[col] = [tuple(sorted(_split_codes(v), key=order.__getitem__)) for v in df[col]]
    out["notes"] = df["notes"].replace("", pd.NA)
    return out.astype({"sentence_id": "string", "annotator": "string", "section": "string", "notes": "string"})


def load_validation(directory: str | Path | None = None, *, codebook=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check ``sentences.csv`` and ``labels.csv`` of a validation folder.

    Parameters
    ----------
    directory : the folder (default :data:`futoko_research.paths.VALIDATION_DIR`,
        ``data/validation``).
    codebook : the codebook whose keys the labels may use (default codebook when None).

    Returns
    -------
    (sentences, labels)
        sentences: sentence_id, set, source_url, host, publisher, prefecture, genre, text
        (string; optional fields ``<NA>`` when empty), year (Int64), in file order.
        labels: sentence_id, annotator, section, notes (string), codes, cause_codes,
        effect_codes (tuples of code keys in codebook order; empty tuple = no code), in file
        order. Both are validated against the ``validation_sentences`` and
        ``validation_labels`` contracts of :mod:`futoko_research.schema`.

    Raises
    ------
    ValidationDataError
        one line naming the file and line: a missing file or column, an empty required field,
        a duplicate sentence id or (sentence, annotator) pair, a host that is not the URL's, an
        unknown annotator, section or code key, a link code that is not among the codes.
    """
    from futoko_research.coding.codebook import resolve_codebook
    from futoko_research.schema import validate

    directory = Path(directory) if directory is not None else VALIDATION_DIR
    keys = list(resolve_codebook(codebook))
    sentences_path, labels_path = directory / "sentences.csv", directory / "labels.csv"
    sentences = _sentences(sentences_path)
    labels = _labels(labels_path, set(sentences["sentence_id"]), keys, sentences_path)
    return validate(sentences, "validation_sentences"), validate(labels, "validation_labels")


def gold_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """One label set per sentence: the ``adjudicated`` row when there is one, else annotator ``A``.

    Parameters
    ----------
    labels : the labels table of :func:`load_validation`.

    Returns
    -------
    DataFrame
        the chosen rows (same columns as ``labels``; ``annotator`` says which was used), one per
        sentence that has an ``adjudicated`` or ``A`` row, in the order of first appearance of
        the sentence in ``labels``; index reset.
    """
    rank = {"adjudicated": 0, "A": 1}
    chosen = labels[labels["annotator"].isin(list(rank))].copy()
    chosen["_rank"] = chosen["annotator"].map(rank).astype(int)
    first = {sid: i for i, sid in reversed(list(enumerate(labels["sentence_id"])))}
    chosen["_order"] = chosen["sentence_id"].map(first).astype(int)
    chosen = chosen.sort_values(["_order", "_rank"], kind="stable").drop_duplicates("sentence_id")
    return chosen.drop(columns=["_rank", "_order"]).reset_index(drop=True)


def label_matrix(codes, keys) -> pd.DataFrame:
    """0/1 indicator table of code sets: one row per item of ``codes``, one column per key.

    Parameters
    ----------
    codes : iterable of iterables of code keys (e.g. ``gold_labels(labels)["codes"]``).
    keys : the code keys (columns, in this order).

    Returns
    -------
    DataFrame
        int8 columns named by ``keys``; a default RangeIndex.
    """
    keys = list(keys)
    rows = [[int(k in set(c)) for k in keys] for c in codes]
    return pd.DataFrame(rows, columns=keys, dtype="int8")

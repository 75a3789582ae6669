"""The final guard: refuse to finish when an export contains an original from the key file."""

from __future__ import annotations

import html
import json
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from futoko_research.errors import PersonalDataError
from futoko_research.privacy.detect import fold_text, make_view
from futoko_research.privacy.keys import KeyStore
from futoko_research.privacy.text import TokenIndex, norm_key

log = logging.getLogger("futoko_research")

#: files read as text
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".md", ".svg", ".html", ".htm", ".xml", ".yaml", ".yml", ".tex", ".log")
#: binary formats whose text cannot be searched (figures are checked through their SVG twin)
SKIPPED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".pdf", ".webp", ".xlsx")
#: originals shorter than this (after NFKC, spaces removed) are not searched (too many false alarms)
MIN_ORIGINAL_LEN = 2


def _iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file())
        elif p.is_file():
            yield p


def _json_strings(obj, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out.append(str(k))
            _json_strings(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _json_strings(v, out)


def extract_text(path: Path) -> str | None:
    """The searchable text of an output file (None for formats that are skipped)."""
    suffix = path.suffix.lower()
    if suffix in SKIPPED_SUFFIXES:
        return None
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        parts = [" ".join(table.column_names)]
        for col in table.columns:
            if col.type in ("string", "large_string") or str(col.type).startswith(("string", "large_string", "dictionary")):
                parts.extend(str(v) for v in col.to_pylist() if v is not None)
        return "\n".join(parts)
    data = path.read_bytes()
    if suffix in (".json", ".ipynb"):
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return data.decode("utf-8", errors="ignore")
        out: list[str] = []
        _json_strings(obj, out)
        return "\n".join(out)
    if suffix in (".spacy", ".docbin"):
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        return data.decode("utf-8", errors="ignore")
    text = data.decode("utf-8-sig", errors="ignore")
    if suffix in (".svg", ".html", ".htm", ".xml"):
        text = html.unescape(text)
    return text


def _leaks(text: str, originals: list[tuple[str, dict]]) -> list[dict]:
    found: list[dict] = []
    norm = unicodedata.normalize("NFKC", text)
    folded = fold_text(text)
    joined = make_view(text)[0]  # 小林 健一 / a name wrapped over two lines
    for original, entry in originals:
        variants = {original, unicodedata.normalize("NFKC", original), fold_text(original), norm_key(original)}
        hit = False
        for v in variants:
            for hay in (text, norm, folded, joined):
                if v not in hay:
                    continue
                for m in re.finditer(re.escape(v), hay):
                    s, e = m.start(), m.end()
                    if v.isascii():
                        left = s > 0 and hay[s - 1].isalnum() and v[0].isalnum()
                        right = e < len(hay) and hay[e].isalnum() and v[-1].isalnum()
                        if not (left or right):
                            hit = True
                    else:
                        a = max(0, s - 30)
                        window = hay[a:e + 30]
                        if TokenIndex(window).is_whole(s - a, e - a, entry["kind"]):
                            hit = True
                    if hit:
                        break
                if hit:
                    break
            if hit:
                break
        if hit:
            found.append(entry)
    return found


def guard_outputs(
    paths: Iterable[str | Path],
    key_path: str | Path,
    *,
    allow_inside_repo: bool = False,
) -> list[Path]:
    """Scan every output for the originals in the key file; raise if one is found.

    Parameters
    ----------
    paths : files or folders (searched recursively): parquet, CSV, notebooks (.ipynb), JSON,
        SVG figures (their text), Markdown/HTML/text, spaCy DocBin caches. PNG/PDF/JPEG are
        skipped (check the SVG twin of each figure).
    key_path : the pseudonymisation key file.

    Returns
    -------
    list of Path : the files scanned (all clean).

    Raises
    ------
    PersonalDataError : naming each offending file and the *pseudonym* and kind of what leaked
        (never the original itself, so the message is safe to log).

    Notes
    -----
    A match must be a whole token (Sudachi boundaries; ASCII originals: not inside a longer
    word), compared in the file's own form, its NFKC form and with full-width digits folded.
    Originals shorter than two characters are not searched.
    """
    key = KeyStore.load(key_path, allow_inside_repo=allow_inside_repo, create=False)
    key_files = {key.path.resolve(), key.path.with_name(key.path.stem + ".review.csv").resolve()}
    originals = [(o, e) for o, e in key.originals() if len(norm_key(o)) >= MIN_ORIGINAL_LEN]
    scanned: list[Path] = []
    problems: list[str] = []
    for f in _iter_files(paths):
        if f.resolve() in key_files:
            continue
        text = extract_text(f)
        if text is None:
            log.debug("guard: %s skipped (binary format)", f)
            continue
        scanned.append(f)
        for entry in _leaks(text, originals):
            problems.append(f"{f}: contains the original of {entry['pseudonym']} ({entry['kind']})")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise PersonalDataError(
            "personal data found in outputs — not finishing: " + "; ".join(problems[:5]) + more
        )
    log.info("guard: %d file(s) scanned, no original from the key found", len(scanned))
    return scanned

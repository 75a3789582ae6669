"""data/raw/manifest.csv: which raw files make the corpus, and what is known about them.

Columns
-------
source_id : unique id of the source (ASCII; becomes the prefix of case ids).
path : file path relative to the raw folder (.txt, .pdf, .docx, .html or .htm).
fiscal_year : integer fiscal year (年度), or empty when the source names none (never invent one).
region, publisher, source_url, notes : provenance, free text.
layout : ``case_sheet`` | ``generic`` | ``auto`` (default auto).
encoding : ``auto`` | ``utf-8`` | ``cp932`` | ``euc-jp`` | … (default auto; wins over detection).
personal_data : ``none`` | ``pseudonymize`` (default none); see futoko_research.privacy.
synthetic : ``true`` for generated data (default false); synthetic and real never mix silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from futoko_research.errors import ManifestError
from futoko_research.loaders.decode import check_encoding_name

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "source_id", "path", "fiscal_year", "region", "publisher", "source_url", "layout", "encoding", "notes",
)
OPTIONAL_COLUMNS = ("personal_data", "synthetic")
LAYOUTS = ("case_sheet", "generic", "auto")
PERSONAL_DATA_MODES = ("none", "pseudonymize")
REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")


@dataclass(frozen=True)
class Source:
    """One manifest row, validated."""

    source_id: str
    path: Path
    fiscal_year: int | None
    region: str
    publisher: str
    source_url: str
    layout: str
    encoding: str
    notes: str
    personal_data: str = "none"
    synthetic: bool = False
    manifest_line: int | None = None


def read_manifest(raw_dir: str | Path) -> list[Source]:
    """Read and validate ``raw_dir/manifest.csv``.

    Without a manifest, every report file (.txt, .pdf, .docx, .html, .htm) in ``raw_dir`` becomes a source with
    ``source_id`` = file stem, unknown year, ``layout=auto`` and ``encoding=auto``.

    Raises
    ------
    ManifestError : naming the manifest line for a missing file, duplicate source_id,
        non-integer fiscal_year, unknown layout, encoding or personal_data value.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ManifestError(raw_dir, "raw folder not found")
    mpath = raw_dir / MANIFEST_NAME
    if not mpath.exists():
        files = sorted(p for p in raw_dir.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
        if not files:
            raise ManifestError(raw_dir, f"no {MANIFEST_NAME} and no .txt, .pdf, .docx or .html reports")
        return [
            Source(p.stem, p, None, "", "", "", "auto", "auto", "no manifest row") for p in files
        ]
    try:
        content = mpath.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(mpath, "manifest is not UTF-8") from None
    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    missing = [c for c in ("source_id", "path") if c not in header]
    if missing:
        raise ManifestError(mpath, f"missing column(s) {', '.join(missing)}", line=1)
    unknown = [c for c in header if c not in MANIFEST_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise ManifestError(mpath, f"unknown column(s) {', '.join(unknown)}", line=1)
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        sid = row.get("source_id", "")
        if not sid:
            raise ManifestError(mpath, "empty source_id", line=i)
        if sid in seen:
            raise ManifestError(mpath, f"duplicate source_id {sid!r} (first on line {seen[sid]})", line=i)
        seen[sid] = i
        rel = row.get("path", "")
        if not rel:
            raise ManifestError(mpath, f"source {sid!r}: empty path", line=i)
        path = (raw_dir / rel)
        if not path.is_file():
            raise ManifestError(mpath, f"source {sid!r}: file {rel!r} not found in {raw_dir}", line=i)
        year_s = row.get("fiscal_year", "")
        year: int | None = None
        if year_s:
            try:
                year = int(year_s)
            except ValueError:
                raise ManifestError(mpath, f"source {sid!r}: fiscal_year {year_s!r} is not an integer", line=i) from None
            if not 1900 <= year <= 2200:
                raise ManifestError(mpath, f"source {sid!r}: fiscal_year {year} is out of range", line=i)
        layout = row.get("layout", "") or "auto"
        if layout not in LAYOUTS:
            raise ManifestError(mpath, f"source {sid!r}: unknown layout {layout!r} (use {', '.join(LAYOUTS)})", line=i)
        encoding = row.get("encoding", "") or "auto"
        try:
            check_encoding_name(encoding)
        except ValueError:
            raise ManifestError(mpath, f"source {sid!r}: unknown encoding {encoding!r}", line=i) from None
        pdmode = row.get("personal_data", "") or "none"
        if pdmode not in PERSONAL_DATA_MODES:
            raise ManifestError(mpath, f"source {sid!r}: unknown personal_data {pdmode!r} (use none or pseudonymize)", line=i)
        synth_s = (row.get("synthetic", "") or "false").lower()
        if synth_s not in ("true", "false", "1", "0", "yes", "no"):
            raise ManifestError(mpath, f"source {sid!r}: synthetic must be true or false, not {synth_s!r}", line=i)
        sources.append(
            Source(
                source_id=sid, path=path, fiscal_year=year, region=row.get("region", ""),
                publisher=row.get("publisher", ""), source_url=row.get("source_url", ""),
                layout=layout, encoding=encoding, notes=row.get("notes", ""),
                personal_data=pdmode, synthetic=synth_s in ("true", "1", "yes"), manifest_line=i,
            )
        )
    if not sources:
        raise ManifestError(mpath, "manifest lists no sources")
    return sources

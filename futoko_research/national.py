"""National context: MEXT's annual count of children in 不登校 (data/raw/mext_futoko_national.csv).

The file comes from 文部科学省「児童生徒の問題行動・不登校等生徒指導上の諸課題に関する調査」
(national totals, elementary plus lower-secondary schools, national/public/private); its
provenance is documented in ``data/raw/mext_futoko_national.source.md``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from futoko_research.errors import FutokoError

NATIONAL_FILE = "mext_futoko_national.csv"
NATIONAL_COLUMNS = ("fiscal_year", "enrolled", "futoko")


class NationalDataError(FutokoError):
    """The national statistics file is missing or invalid (names the file and line)."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


def _parse_count(value: str, *, path: Path, line: int, column: str, required: bool) -> int | None:
    text = value.strip().replace(",", "")
    if not text:
        if required:
            raise NationalDataError(path, f"{column} is empty", line=line)
        return None
    if not text.isdigit():
        raise NationalDataError(path, f"{column} {value!r} is not a non-negative integer", line=line)
    return int(text)


def load_national(raw_dir_or_file: str | Path) -> pd.DataFrame:
    """Read and validate the national 不登校 counts and add the rate per 100 enrolled.

    Parameters
    ----------
    raw_dir_or_file : str or Path
        The raw data folder (the file ``mext_futoko_national.csv`` inside it) or the CSV itself.

    Returns
    -------
    pandas.DataFrame
        One row per fiscal year, sorted by year:

        - ``fiscal_year`` (Int64) — 年度.
        - ``enrolled`` (Int64) — enrolled pupils, elementary + lower secondary; NA when not recorded.
        - ``futoko`` (Int64) — pupils counted as 不登校.
        - ``rate_per_100`` (Float64) — ``futoko / enrolled * 100``; NA where ``enrolled`` is NA.
        - ``has_enrolled`` (boolean) — False for years without an enrolment figure.

    Raises
    ------
    NationalDataError
        Missing file or column, a non-integer or duplicated year, a negative or non-numeric count,
        or a count of 不登校 larger than the enrolment (naming the file and line).

    Notes
    -----
    The rate is computed here, never stored, so it cannot disagree with the counts.
    """
    path = Path(raw_dir_or_file)
    if path.is_dir():
        path = path / NATIONAL_FILE
    if not path.is_file():
        raise NationalDataError(path, "national statistics file not found")
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NationalDataError(path, "file is not UTF-8") from None
    reader = csv.DictReader(io.StringIO(content))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in NATIONAL_COLUMNS if c not in header]
    if missing:
        raise NationalDataError(path, f"missing column(s) {', '.join(missing)}", line=1)
    rows = []
    seen: dict[int, int] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "") for k, v in row.items()}
        if not any(v.strip() for v in row.values()):
            continue
        year_s = row["fiscal_year"].strip()
        if not year_s.isdigit() or not 1900 <= int(year_s) <= 2200:
            raise NationalDataError(path, f"fiscal_year {year_s!r} is not a year", line=line)
        year = int(year_s)
        if year in seen:
            raise NationalDataError(path, f"fiscal_year {year} repeated (first on line {seen[year]})", line=line)
        seen[year] = line
        enrolled = _parse_count(row["enrolled"], path=path, line=line, column="enrolled", required=False)
        futoko = _parse_count(row["futoko"], path=path, line=line, column="futoko", required=True)
        if enrolled is not None and futoko is not None and futoko > enrolled:
            raise NationalDataError(path, f"futoko {futoko} exceeds enrolled {enrolled}", line=line)
        rows.append((year, enrolled, futoko))
    if not rows:
        raise NationalDataError(path, "no data rows")
    df = pd.DataFrame(rows, columns=list(NATIONAL_COLUMNS)).sort_values("fiscal_year", ignore_index=True)
    for col in NATIONAL_COLUMNS:
        df[col] = df[col].astype("Int64")
    df["rate_per_100"] = (df["futoko"].astype("Float64") / df["enrolled"].astype("Float64") * 100).round(4)
    df["has_enrolled"] = df["enrolled"].notna().astype("boolean")
    return df

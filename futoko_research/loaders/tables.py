"""Parsed cases → the tidy tables ``cases``, ``statements`` and ``checkboxes``.

IDs are derived from the source and positions, never random:
``case_id = f"{source_id}_{n:03d}"`` (n = 1-based order of the case in its source) and
``statement_id = f"{case_id}_{section}_{position:02d}"``.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.loaders.blocks import CHECKBOX_CATEGORIES, SECTIONS, ParsedCase
from futoko_research.loaders.manifest import Source
from futoko_research.loaders.normalize import nfkc
from futoko_research.schema.columns import STRING

CASE_COLUMNS = ["case_id", "source_id", "fiscal_year", "region", "municipality", "title", "page", "layout"]
STATEMENT_COLUMNS = [
    "statement_id", "case_id", "section", "position", "text", "text_norm", "source_id", "page",
    "line_start", "line_end", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom", "locator",
]
CHECKBOX_COLUMNS = ["case_id", "category", "label_ja", "checked", "page", "line"]


def case_id_for(source_id: str, n: int) -> str:
    return f"{source_id}_{n:03d}"


def statement_ids(parsed: list[ParsedCase], source: Source) -> dict[int, str]:
    """``id(block) → statement_id`` for the blocks that become statements (as in build_tables)."""
    out: dict[int, str] = {}
    for n, case in enumerate(parsed, start=1):
        cid = case_id_for(source.source_id, n)
        positions: dict[str, int] = {}
        for block in case.blocks:
            if block.text:
                positions[block.section] = positions.get(block.section, 0) + 1
                out[id(block)] = f"{cid}_{block.section}_{positions[block.section]:02d}"
    return out


def build_tables(
    parsed: list[ParsedCase], source: Source
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Build the three tables of one source. See the data dictionary for the columns."""
    case_rows, stmt_rows, cb_rows = [], [], []
    for n, case in enumerate(parsed, start=1):
        cid = case_id_for(source.source_id, n)
        case_rows.append({
            "case_id": cid, "source_id": source.source_id, "fiscal_year": source.fiscal_year,
            "region": source.region or None, "municipality": case.municipality,
            "title": case.title, "page": case.page, "layout": case.layout,
        })
        positions: dict[str, int] = {}
        for block in case.blocks:
            if not block.text:
                continue
            positions[block.section] = positions.get(block.section, 0) + 1
            pos = positions[block.section]
            boxes = [ln.bbox for ln in block.lines if ln.bbox is not None]
            locs = [ln.locator for ln in block.lines if ln.locator]
            stmt_rows.append({
                "statement_id": f"{cid}_{block.section}_{pos:02d}",
                "case_id": cid, "section": block.section, "position": pos,
                "text": block.text, "text_norm": nfkc(block.text),
                "source_id": source.source_id, "page": block.page,
                "line_start": block.line_start, "line_end": block.line_end,
                "bbox_x0": min(b[0] for b in boxes) if boxes else None,
                "bbox_top": min(b[1] for b in boxes) if boxes else None,
                "bbox_x1": max(b[2] for b in boxes) if boxes else None,
                "bbox_bottom": max(b[3] for b in boxes) if boxes else None,
                "locator": (locs[0] if locs[0] == locs[-1] else f"{locs[0]}..{locs[-1]}") if locs else None,
            })
        for cb in case.checkboxes:
            cb_rows.append({
                "case_id": cid, "category": cb.category, "label_ja": cb.label_ja,
                "checked": cb.checked, "page": cb.line.page, "line": cb.line.lineno,
            })
    return (
        coerce_cases(pd.DataFrame(case_rows, columns=CASE_COLUMNS)),
        coerce_statements(pd.DataFrame(stmt_rows, columns=STATEMENT_COLUMNS)),
        coerce_checkboxes(pd.DataFrame(cb_rows, columns=CHECKBOX_COLUMNS)),
    )


def coerce_cases(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("case_id", "source_id", "region", "municipality", "title", "layout"):
        df[c] = df[c].astype(STRING)
    for c in ("fiscal_year", "page"):
        df[c] = df[c].astype("Int64")
    return df


def coerce_statements(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("statement_id", "case_id", "text", "text_norm", "source_id", "locator"):
        if c in df:
            df[c] = df[c].astype(STRING)
    df["section"] = pd.Categorical(df["section"], categories=SECTIONS)
    for c in ("position", "page", "line_start", "line_end"):
        df[c] = df[c].astype("Int64")
    for c in ("bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom"):
        if c in df:
            df[c] = df[c].astype("Float64")
    return df


def coerce_checkboxes(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("case_id", "label_ja"):
        df[c] = df[c].astype(STRING)
    df["category"] = pd.Categorical(df["category"], categories=CHECKBOX_CATEGORIES)
    df["checked"] = df["checked"].astype("boolean")
    for c in ("page", "line"):
        df[c] = df[c].astype("Int64")
    return df

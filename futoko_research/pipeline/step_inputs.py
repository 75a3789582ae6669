"""What the steps read from ``processed_dir``: the content statements, stored tokens and the
analyze step's input tables.

- :func:`content_statements` — every statement but the page furniture
- :func:`stored_tokens` — ``tokens.parquet`` when it has the columns a codebook's token rules read
- :func:`read_processed` — one stored table (a clear error when missing or corrupt)
- :func:`read_analysis_inputs` — cases, statements, checkboxes, codes (and tokens)
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from futoko_research.errors import FutokoError
from futoko_research.vocab import NON_CONTENT_SECTIONS

log = logging.getLogger("futoko_research")


def content_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements that features, codes and the analysis read: every section but the page
    furniture (:data:`futoko_research.vocab.NON_CONTENT_SECTIONS`), which ingest keeps so that
    no character of a report is lost. The furniture category is dropped from ``section`` too, so
    downstream tables do not carry an always-empty category."""
    if statements is None or "section" not in statements:
        return statements
    keep = ~statements["section"].isin(NON_CONTENT_SECTIONS).to_numpy(dtype=bool)
    out = statements if keep.all() else statements[keep].reset_index(drop=True)
    if isinstance(out["section"].dtype, pd.CategoricalDtype):
        cats = list(out["section"].cat.categories)
        kept = [c for c in cats if c not in NON_CONTENT_SECTIONS]
        if kept != cats:  # set_categories keeps the order (remove_categories sorts in pandas 3)
            out = out.assign(section=out["section"].cat.set_categories(kept))
    return out


def stored_tokens(processed_dir: Path, needs: set[str]) -> pd.DataFrame | None:
    """``tokens.parquet`` when it exists and has the columns the codebook's token rules read."""
    path = processed_dir / "tokens.parquet"
    if not path.exists():
        return None
    tokens = pd.read_parquet(path)
    return tokens if ({"statement_id", "text", "start_char", "end_char"} | needs) <= set(tokens.columns) else None


def read_processed(processed_dir: Path, name: str, *, required: bool = True) -> pd.DataFrame | None:
    """``processed_dir/<name>.parquet``; None when it is missing and not ``required``.

    Raises
    ------
    FutokoError : a required table is missing, or the file is not readable parquet.
    """
    path = processed_dir / f"{name}.parquet"
    if not path.exists():
        if required:
            raise FutokoError(f"{path}: not found; run 'futoko-research ingest' (and 'code') first")
        return None
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # corrupt parquet
        raise FutokoError(f"{path}: cannot read parquet ({exc})") from None


def read_analysis_inputs(processed_dir: str | Path, *, codebook=None, tokens: bool = True) -> dict[str, pd.DataFrame | None]:
    """Read cases, statements, checkboxes, codes (coded now if codes.parquet is absent) and, with
    ``tokens``, the whole token table (the analyze step reads the tokens links need slice by slice
    instead: :func:`~futoko_research.pipeline.streaming.stream_links`)."""
    processed_dir = Path(processed_dir)
    tables = {name: read_processed(processed_dir, name) for name in ("cases", "statements", "checkboxes")}
    tables["statements"] = content_statements(tables["statements"])
    codes = read_processed(processed_dir, "codes", required=False)
    if codes is None:
        from futoko_research.coding import code_statements

        log.info("analyze: no codes.parquet in %s; coding statements now", processed_dir)
        codes = code_statements(tables["statements"], codebook=codebook)
    tables["codes"] = codes
    tables["tokens"] = read_processed(processed_dir, "tokens", required=False) if tokens else None
    return tables


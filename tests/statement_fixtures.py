"""Statement tables for the link tests: one invented sentence per statement and case.

Imported by name (``from statement_fixtures import statements_frame``) like ``pdf_fixtures``.
"""

from __future__ import annotations

import pandas as pd


def statements_frame(texts: list[str], *, prefix: str, section: str = "outcome") -> pd.DataFrame:
    """A ``statements`` table: statement ``{prefix}_{i:03d}`` in case ``{prefix}c_{i:03d}``, position 1.

    Parameters
    ----------
    texts : the sentences, one statement (and one case) each.
    prefix : the id prefix, so ids stay distinct between test modules.
    section : the section of every statement.
    """
    n = len(texts)
    return pd.DataFrame({
        "statement_id": pd.array([f"{prefix}_{i:03d}" for i in range(n)], dtype="string"),
        "case_id": pd.array([f"{prefix}c_{i:03d}" for i in range(n)], dtype="string"),
        "section": pd.array([section] * n, dtype="string"),
        "position": pd.array([1] * n, dtype="Int64"),
        "text": pd.array(texts, dtype="string"),
        "text_norm": pd.array(texts, dtype="string"),
        "source_id": pd.array(["t"] * n, dtype="string"),
    })

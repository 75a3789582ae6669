"""The ``codes`` table's columns and dtypes, shared by the rule coder and the hybrid coder."""

from __future__ import annotations

import pandas as pd

from futoko_research.coding.codebook import CATEGORIES, Codebook

#: columns of the ``codes`` table, in order (schema: ``futoko_research.schema`` ``codes``)
CODE_COLUMNS = ["statement_id", "case_id", "section", "code", "category", "start_char", "end_char",
                "evidence", "rule_id", "codebook_version", "origin", "model_version", "score"]

__all__ = ["CODE_COLUMNS", "empty_codes", "typed_codes"]


def empty_codes(codebook: Codebook, section_dtype) -> pd.DataFrame:
    """An empty codes table with the contract's dtypes."""
    df = pd.DataFrame({c: [] for c in CODE_COLUMNS})
    return typed_codes(df, codebook, section_dtype)


def typed_codes(df: pd.DataFrame, codebook: Codebook, section_dtype) -> pd.DataFrame:
    """The codes table ``df`` with the contract's dtypes (code and category categorical, in
    codebook order; section as ``section_dtype`` when categorical, else string), index reset."""
    out = df.astype({
        "statement_id": "string", "case_id": "string", "evidence": "string", "rule_id": "string",
        "codebook_version": "string", "start_char": "Int64", "end_char": "Int64",
        "origin": "string", "model_version": "string", "score": "Float64",
    })
    out["section"] = out["section"].astype(section_dtype if isinstance(section_dtype, pd.CategoricalDtype) else "string")
    out["code"] = pd.Categorical(out["code"], categories=list(codebook))
    out["category"] = pd.Categorical(out["category"], categories=list(CATEGORIES))
    return out.reset_index(drop=True)

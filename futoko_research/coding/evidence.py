"""The evidence of every code match with its context (keyword in context).

The keyword-in-context listing of a *word* in the tokens table is
:func:`futoko_research.features.kwic`.
"""

from __future__ import annotations

import pandas as pd


def evidence_in_context(codes: pd.DataFrame, statements: pd.DataFrame, *, code: str | None = None,
                        width: int = 20) -> pd.DataFrame:
    """Evidence listing per code in KWIC form (keyword in context).

    Formerly ``kwic`` (renamed: :func:`futoko_research.features.kwic` is the keyword-in-context
    listing of a word in the tokens table).

    Returns
    -------
    DataFrame
        code, statement_id, case_id, section, left, evidence, right, rule_id (string),
        start_char (Int64). ``left``/``right`` are up to ``width`` characters of the statement's
        text either side of the evidence. Sorted by code (codebook order), statement, start.
    """
    sub = codes if code is None else codes[codes["code"].astype(str) == code]
    texts = dict(zip(statements["statement_id"].astype(str), statements["text"].astype(str)))
    rows = []
    for r in sub.itertuples(index=False):
        text = texts.get(str(r.statement_id), "")
        s, e = int(r.start_char), int(r.end_char)
        rows.append((str(r.code), r.statement_id, r.case_id, None if pd.isna(r.section) else str(r.section),
                     text[max(0, s - width):s], text[s:e], text[e:e + width], r.rule_id, s))
    out = pd.DataFrame(rows, columns=["code", "statement_id", "case_id", "section", "left", "evidence", "right", "rule_id", "start_char"])
    return out.astype({c: "string" for c in ("code", "statement_id", "case_id", "section", "left", "evidence", "right", "rule_id")}
                      | {"start_char": "Int64"}).reset_index(drop=True)

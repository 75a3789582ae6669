"""Ask a person first where it matters: statements ranked for review, as a coding sheet.

:func:`review_table` scores every statement with the rules and the statistical model and ranks
them most informative first; :func:`write_review_sheet` writes the top of that ranking as a
coding sheet (:func:`~futoko_research.coding.write_coding_sheet`) with the machine's proposals
in information columns and the code columns left blank for the person. The filled sheet, read
back with :func:`~futoko_research.coding.read_coding_sheet`, is validation data for that corpus,
and with ``futoko-research train-coder --sheet`` extra training data.

Notes
-----
For statement *i* and code *c* let ``r`` be 1 when a rule gives the code, ``p`` the model's
probability and ``t`` its threshold (the model-alone threshold of
:class:`~futoko_research.coding.model.CoderModel`). Rules and model *disagree* on the code when
``r`` differs from ``p ≥ t``. The code's *closeness* to the decision is
``1 - |p - t| / max(t, 1 - t)`` (1 at the threshold, 0 at the far end). A statement's priority
is the number of codes on which rules and model disagree plus its largest closeness, so every
statement with a disagreement comes before every statement without one, and within each
group the most uncertain first (uncertainty sampling with the margin to the threshold;
Lewis & Gale 1994, Settles 2012). Ties keep the statements' order.

References
----------
Lewis, D. D., Gale, W. A. (1994). A sequential algorithm for training text classifiers.
SIGIR '94, 3–12.
Settles, B. (2012). Active Learning. Synthesis Lectures on Artificial Intelligence and Machine
Learning 6(1). Morgan & Claypool.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: default number of statements on a review sheet
DEFAULT_TOP = 100
#: probabilities at or above this are listed in the ``scores`` column
SHOW_SCORE = 0.2

__all__ = ["DEFAULT_TOP", "review_table", "write_review_sheet"]


def review_table(statements: pd.DataFrame, codebook=None, *, model=None, tokens: pd.DataFrame | None = None,
                 codes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every statement with the rules' and the model's codes, ranked most informative first.

    Parameters
    ----------
    statements : statement_id, case_id, section, text.
    codebook : the codebook (default codebook).
    model : a :class:`~futoko_research.coding.model.CoderModel`, a path, or None (shipped model).
    tokens : tokens for the codebook's token rules (computed when needed and not given).
    codes : the rules' codes table, when already computed (``method="rules"``).

    Returns
    -------
    DataFrame
        statement_id, case_id, section, text (string), review_rank (Int64, 1 = review first),
        priority (float64, see Notes), n_disagree (Int64), reason (string: the codes where rules
        and model disagree, then the code nearest its threshold), rule_codes, model_codes
        (string, code keys joined by ``;``), scores (string, ``code=probability`` for
        probabilities ≥ 0.2, highest first). Sorted by review_rank.
    """
    from futoko_research.coding.codebook import resolve_codebook
    from futoko_research.coding.hybrid import resolve_model
    from futoko_research.coding.report import statement_code_sets
    from futoko_research.coding.rules import code_statements

    codebook = resolve_codebook(codebook)
    model = resolve_model(model)
    keys = [k for k in model.keys if k in codebook]
    if codes is None:
        codes = code_statements(statements, codebook, tokens, method="rules")
    rule_sets = statement_code_sets(codes[~codes["rule_id"].astype(str).str.startswith("model:")])
    sids = statements["statement_id"].astype(str).tolist()
    proba = model.predict_proba(statements["text"].tolist())[keys].to_numpy()
    thr = np.asarray([model.thresholds[model.keys.index(k)] for k in keys])
    r = np.asarray([[k in rule_sets.get(s, set()) for k in keys] for s in sids], dtype=bool).reshape(len(sids), len(keys))
    m = proba >= thr
    disagree = r != m
    closeness = 1 - np.abs(proba - thr) / np.maximum(thr, 1 - thr)
    n_dis = disagree.sum(1)
    top_close = closeness.max(1) if len(keys) else np.zeros(len(sids))
    priority = n_dis + top_close
    reasons, rule_col, model_col, score_col = [], [], [], []
    for i in range(len(sids)):
        parts = [f"{'rule only' if r[i, j] else 'model only'}: {keys[j]}" for j in np.flatnonzero(disagree[i])]
        if len(keys):
            j = int(np.argmax(closeness[i]))
            parts.append(f"nearest threshold: {keys[j]} ({proba[i, j]:.2f} vs {thr[j]:.2f})")
        reasons.append("; ".join(parts))
        rule_col.append(";".join(k for j, k in enumerate(keys) if r[i, j]))
        model_col.append(";".join(k for j, k in enumerate(keys) if m[i, j]))
        shown = sorted((j for j in range(len(keys)) if proba[i, j] >= SHOW_SCORE), key=lambda j: (-proba[i, j], j))
        score_col.append("; ".join(f"{keys[j]}={proba[i, j]:.2f}" for j in shown))
    cols = [c for c in ("statement_id", "case_id", "section", "text") if c in statements.columns]
    out = statements[cols].astype("string").reset_index(drop=True)
    out = out.assign(priority=priority.astype(float), n_disagree=pd.array(n_dis, dtype="Int64"),
                     reason=pd.array(reasons, dtype="string"), rule_codes=pd.array(rule_col, dtype="string"),
                     model_codes=pd.array(model_col, dtype="string"), scores=pd.array(score_col, dtype="string"))
    out["_order"] = np.arange(len(out))
    out = out.sort_values(["priority", "_order"], ascending=[False, True], kind="stable").drop(columns="_order")
    out.insert(len(cols), "review_rank", pd.array(np.arange(1, len(out) + 1), dtype="Int64"))
    return out.reset_index(drop=True)


def write_review_sheet(statements: pd.DataFrame, path: str | Path, codebook=None, *, model=None,
                       top: int | None = DEFAULT_TOP, tokens: pd.DataFrame | None = None) -> tuple[Path, pd.DataFrame]:
    """Write the ``top`` statements of :func:`review_table` as a coding sheet (.xlsx or .csv).

    The sheet has the usual columns (statement_id, case_id, section, text), the information
    columns review_rank, reason, rule_codes, model_codes, scores, and one blank column per code
    key for the person to fill with 1 or 0.

    Returns
    -------
    (path, table) : the sheet written and the rows it holds (:func:`review_table`, top rows).
    """
    from futoko_research.coding.agreement import write_coding_sheet

    table = review_table(statements, codebook, model=model, tokens=tokens)
    if top is not None:
        table = table.head(int(top))
    info = table[["review_rank", "reason", "rule_codes", "model_codes", "scores"]]
    path = write_coding_sheet(table[[c for c in ("statement_id", "case_id", "section", "text") if c in table.columns]],
                              path, codebook, info=info)
    return path, table.reset_index(drop=True)

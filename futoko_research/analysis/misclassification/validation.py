"""The coder against a person: validation case flags from a human coding sheet, and Se / Sp per code.

:func:`human_case_flags` turns a filled coding sheet into the human's case flags (made as
:func:`~futoko_research.analysis.variables.case_variables` makes the coder's);
:func:`classification_rates` compares the coder's flags with them, per code (the
``validation_rates`` table). Overview: :mod:`futoko_research.analysis.misclassification`.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
Journal of the American Statistical Association 22(158), 209–212.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis.estimators import wilson_interval
from futoko_research.analysis.variables import (
    INTERVENTION_PREFIX,
    INTERVENTION_SECTIONS,
    OUTCOME_PREFIX,
    OUTCOME_SECTIONS,
    code_keys,
    strip_prefix,
)

#: fewest human-positive and human-negative validation cases for a code to be corrected
MIN_VALIDATION_UNITS = 5

NOT_VALIDATED = "no validation units: no case of the validation sheet was coded completely for this code"
NO_BETTER_THAN_CHANCE = "not corrected: Se + Sp <= 1 on the validation sample (the coder is no better than chance)"

RATE_COLUMNS = [
    "variable", "code", "kind", "n_validation", "positives", "negatives", "tp", "fn", "fp", "tn",
    "sensitivity", "sensitivity_low", "sensitivity_high", "specificity", "specificity_low",
    "specificity_high", "usable", "note",
]


def _majority(sheet: pd.DataFrame) -> pd.DataFrame:
    """statement_id, code, value (0/1; NA on a tie) pooled over coders by majority."""
    decided = sheet.dropna(subset=["value"])
    if decided.empty:
        return pd.DataFrame({"statement_id": pd.Series(dtype="string"), "code": pd.Series(dtype="string"),
                             "value": pd.Series(dtype="Int64")})
    g = decided.assign(value=decided["value"].astype(int)).groupby(
        [decided["statement_id"].astype("string"), decided["code"].astype("string")])["value"]
    ones, n = g.sum(), g.count()
    value = pd.Series(pd.NA, index=ones.index, dtype="Int64")
    value[2 * ones > n] = 1
    value[2 * ones < n] = 0
    out = value.rename("value").reset_index()
    out.columns = ["statement_id", "code", "value"]
    return out


def human_case_flags(sheet: pd.DataFrame, statements: pd.DataFrame, codebook=None, *,
                     codes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The human's case flags from a statement-level coding sheet (the validation sample).

    Parameters
    ----------
    sheet : long coding-sheet table (statement_id, code, value 0/1/NA), as
        :func:`futoko_research.coding.read_coding_sheet` returns it; several coders may be
        concatenated (a ``coder`` column is then ignored: cells are pooled by majority).
    statements : the loader's statements (statement_id, case_id, section).
    codebook, codes : which keys are intervention and which outcome codes (as in
        :func:`~futoko_research.analysis.variables.case_variables`).

    Returns
    -------
    pandas.DataFrame
        case_id (string) for every case with a decided cell on the sheet, and ``int_<key>`` /
        ``out_<key>`` (boolean; NA = this case is not a validation unit for that code).

    Notes
    -----
    A flag is made exactly as :func:`case_variables` makes the coder's: an intervention code
    counts in goal, focus and activity statements, an outcome code in outcome statements, and
    a case carries the code when any such statement does. A case is a validation unit for a
    code only when the sheet decides that code on **every** statement of the case in those
    sections (a case without such statements is a negative for both coder and human); a
    partly coded case would give a flag that depends on which statements were coded. With
    several coders each cell takes the majority value; a tie leaves the cell undecided.
    """
    ints, outs = code_keys(codebook, codes)
    cells = _majority(sheet)
    decided = cells.dropna(subset=["value"])
    st = statements[["statement_id", "case_id", "section"]].copy()
    st["statement_id"] = st["statement_id"].astype("string")
    st["case_id"] = st["case_id"].astype("string")
    st["section"] = st["section"].astype("string")
    case_of = st.set_index("statement_id")["case_id"]
    sheet_cases = sorted(set(case_of.reindex(decided["statement_id"].unique()).dropna()))
    out = pd.DataFrame({"case_id": pd.array(sheet_cases, dtype="string")})
    groups = ((INTERVENTION_PREFIX, ints, INTERVENTION_SECTIONS), (OUTCOME_PREFIX, outs, OUTCOME_SECTIONS))
    for prefix, keys, sections in groups:
        rel = st[st["section"].isin(sections) & st["case_id"].isin(sheet_cases)]
        n_rel = rel.groupby("case_id").size()
        for key in keys:
            dec = decided[decided["code"] == key].set_index("statement_id")["value"]
            v = rel.assign(value=rel["statement_id"].map(dec))
            n_dec = v.dropna(subset=["value"]).groupby("case_id").size()
            n_pos = v[v["value"] == 1].groupby("case_id").size()
            cid = out["case_id"]
            total = cid.map(n_rel).fillna(0).astype(int).to_numpy()
            done = cid.map(n_dec).fillna(0).astype(int).to_numpy()
            pos = cid.map(n_pos).fillna(0).astype(int).to_numpy()
            flag = pd.array(pos > 0, dtype="boolean")
            flag[done < total] = pd.NA
            out[f"{prefix}{key}"] = flag
    return out


def classification_rates(case_table: pd.DataFrame, human: pd.DataFrame, *, alpha: float = 0.05,
                         min_units: int = MIN_VALIDATION_UNITS) -> pd.DataFrame:
    """Sensitivity and specificity of the coder's case flags against the human's, per code.

    Parameters
    ----------
    case_table : :func:`~futoko_research.analysis.variables.case_variables` output (the coder).
    human : :func:`human_case_flags` output (the person; NA = not a validation unit).
    alpha : 1 − confidence level of the Wilson intervals.
    min_units : fewest human-positive and fewest human-negative cases for the rates to be used.

    Returns
    -------
    pandas.DataFrame
        variable (string: ``int_<key>`` / ``out_<key>``), code, kind (intervention | outcome),
        n_validation, positives (human 1), negatives (human 0), tp, fn, fp, tn (Int64),
        sensitivity = tp / positives, sensitivity_low, sensitivity_high, specificity =
        tn / negatives, specificity_low, specificity_high (float64; Wilson intervals), usable
        (boolean: enough units and Se + Sp > 1), note (string: why a code is not usable).

    Notes
    -----
    Each validation case is one Bernoulli trial for Se (if the human flags it) or for Sp (if
    not), so the Wilson score interval applies (:func:`~futoko_research.analysis.estimators.wilson_interval`,
    Wilson 1927). The rates pool every year of the validation sample: they are assumed not to
    change with the year. They describe the coder on the validation cases; they carry over to
    the corpus only when those cases are a random sample of it (a sheet of the statements the
    coder found hardest, such as a review sheet ranked by disagreement, gives rates that are too
    low and over-corrects).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    Journal of the American Statistical Association 22(158), 209–212.
    """
    variables = [c for c in human.columns if c.startswith((INTERVENTION_PREFIX, OUTCOME_PREFIX))
                 and c in case_table.columns]
    coder = case_table.assign(case_id=case_table["case_id"].astype("string")).set_index("case_id")
    hid = human["case_id"].astype("string")
    rows = []
    for var in variables:
        h = human[var].astype("boolean").to_numpy(dtype=object)
        a = coder[var].astype("boolean").reindex(hid).to_numpy(dtype=object)
        ok = np.array([x is not pd.NA and y is not pd.NA for x, y in zip(h, a)], dtype=bool)
        hb = np.array([bool(x) for x in h[ok]], dtype=bool)
        ab = np.array([bool(x) for x in a[ok]], dtype=bool)
        tp, fn = int(np.sum(ab & hb)), int(np.sum(~ab & hb))
        fp, tn = int(np.sum(ab & ~hb)), int(np.sum(~ab & ~hb))
        pos, neg = tp + fn, fp + tn
        se = tp / pos if pos else np.nan
        sp = tn / neg if neg else np.nan
        se_lo, se_hi = wilson_interval(tp, pos, alpha)
        sp_lo, sp_hi = wilson_interval(tn, neg, alpha)
        if pos + neg == 0:
            note = NOT_VALIDATED
        elif pos < min_units or neg < min_units:
            note = (f"too few validation units: {pos} human-positive and {neg} human-negative case(s), "
                    f"need >= {min_units} of each")
        elif not se + sp > 1:
            note = NO_BETTER_THAN_CHANCE
        else:
            note = ""
        rows.append({"variable": var, "code": strip_prefix(var),
                     "kind": "intervention" if var.startswith(INTERVENTION_PREFIX) else "outcome",
                     "n_validation": pos + neg, "positives": pos, "negatives": neg, "tp": tp, "fn": fn, "fp": fp,
                     "tn": tn, "sensitivity": se, "sensitivity_low": se_lo, "sensitivity_high": se_hi,
                     "specificity": sp, "specificity_low": sp_lo, "specificity_high": sp_hi,
                     "usable": note == "", "note": note})
    out = pd.DataFrame(rows, columns=RATE_COLUMNS)
    return out.astype({"variable": "string", "code": "string", "kind": "string", "n_validation": "Int64",
                       "positives": "Int64", "negatives": "Int64", "tp": "Int64", "fn": "Int64", "fp": "Int64",
                       "tn": "Int64", "sensitivity": "float64", "sensitivity_low": "float64",
                       "sensitivity_high": "float64", "specificity": "float64", "specificity_low": "float64",
                       "specificity_high": "float64", "usable": "boolean", "note": "string"})

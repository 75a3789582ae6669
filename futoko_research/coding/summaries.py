"""Summaries of coded statements: frequencies, crosstabs with tests, matrices, co-occurrence, KWIC.

Co-occurrence (:mod:`.code_pairs`) and the evidence listing (:mod:`.evidence`) are in their own
modules and re-exported here.

Notes
-----
- Frequencies count **cases** carrying a code at least once (as KH Coder counts documents),
  with the share of cases of the group, and also statements and matches.
- :func:`crosstab_codes` tests, per code, whether the share of cases with the code differs
  between groups (2 × k table: has code / has not × group). Pearson's χ² (no continuity
  correction) is used when every expected count is ≥ 5; otherwise Fisher's exact test for
  2 × 2 tables, and for larger tables a Monte-Carlo permutation test of the χ² statistic
  with fixed margins (``n_resamples`` label permutations, fixed ``seed``; p = (b + 1)/(B + 1)).
  Cramér's V = sqrt(χ² / (n · (min(r, c) − 1))); adjusted standardised residuals
  (Haberman 1973) = (O − E) / sqrt(E · (1 − row/n) · (1 − col/n)); |r| > 1.96 marks a
  cell at the 5 % level.
- Co-occurrence counts units (statements or cases) carrying both codes; Jaccard =
  n_both / (n_a + n_b − n_both).

References
----------
Haberman, S. J. (1973). The analysis of residuals in cross-classified tables. Biometrics 29.
Agresti, A. (2013). Categorical Data Analysis, 3rd ed., §2.4 and §3.3.
Higuchi, K. (2016). KH Coder 3 Reference Manual (coding rules, cross tabulation).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from futoko_research.coding.code_pairs import code_cooccurrence, cooccurrence_matrix
from futoko_research.coding.codebook import load_codebook, resolve_codebook
from futoko_research.coding.evidence import evidence_in_context
from futoko_research.coding.report import ordered_code_keys
from futoko_research.deprecation import deprecated_getattr

GROUP_COLUMNS = ("section", "municipality", "fiscal_year", "region", "case_id")


def _attach(codes: pd.DataFrame, statements: pd.DataFrame | None, cases: pd.DataFrame | None, by: str) -> pd.DataFrame:
    """codes with a ``group`` column taken from codes, statements or cases."""
    out = codes.copy()
    out["code"] = out["code"].astype(str)
    if by in out.columns:
        out["group"] = out[by]
    elif cases is not None and by in cases.columns:
        out = out.merge(cases[["case_id", by]], on="case_id", how="left")
        out["group"] = out[by]
    else:
        raise ValueError(f"cannot group by {by!r}: not a column of codes or cases")
    return out


def _units(statements: pd.DataFrame | None, cases: pd.DataFrame | None, codes: pd.DataFrame, by: str) -> pd.DataFrame:
    """case_id, group for every case (× section when grouping by section): the denominators."""
    if by == "section":
        if statements is None:
            base = codes[["case_id", "section"]].drop_duplicates()
        else:
            base = statements[["case_id", "section"]].drop_duplicates()
        return base.rename(columns={"section": "group"})
    if cases is not None and by in cases.columns:
        return cases[["case_id", by]].rename(columns={by: "group"}).drop_duplicates()
    if statements is not None and by in statements.columns:
        return statements[["case_id", by]].rename(columns={by: "group"}).drop_duplicates()
    return codes[["case_id", by]].rename(columns={by: "group"}).drop_duplicates()


def code_frequencies(codes: pd.DataFrame, statements: pd.DataFrame | None = None, cases: pd.DataFrame | None = None,
                     *, by: str = "section", codebook=None) -> pd.DataFrame:
    """Code frequency by ``section``, ``municipality``, ``fiscal_year`` (or another case column).

    Parameters
    ----------
    codes : table of :func:`code_statements`.
    statements : the statements table (denominators for ``section``).
    cases : the cases table (municipality, fiscal_year …; denominators for them).
    by : grouping column.
    codebook : gives the list and order of codes (zeros are kept).

    Returns
    -------
    DataFrame
        group (string; NA groups shown as "(NA)"), code (string), category (string),
        n_cases (Int64, cases in the group with the code), n_cases_total (Int64, cases in the
        group), pct_cases (float64, 100 · n_cases / n_cases_total), n_statements (Int64),
        n_matches (Int64). One row per group × code, zeros included.
    """
    keys = ordered_code_keys(codes, codebook)
    cat_of = {}
    if not codes.empty:
        cat_of = dict(zip(codes["code"].astype(str), codes["category"].astype(str)))
    if codebook is not None:
        cat_of = {k: c.category for k, c in resolve_codebook(codebook).items()}
    if any(k not in cat_of for k in keys):  # no match of some codes: take their category from the default codebook
        default = load_codebook()
        cat_of.update({k: default[k].category for k in keys if k not in cat_of and k in default})
    coded = _attach(codes, statements, cases, by)
    units = _units(statements, cases, codes, by)
    units["group"] = units["group"].astype("string").fillna("(NA)")
    coded["group"] = coded["group"].astype("string").fillna("(NA)")
    groups = list(dict.fromkeys(units["group"].tolist() + coded["group"].tolist()))
    totals = units.groupby("group")["case_id"].nunique()
    agg = coded.groupby(["group", "code"]).agg(
        n_cases=("case_id", "nunique"), n_statements=("statement_id", "nunique"), n_matches=("statement_id", "size"))
    idx = pd.MultiIndex.from_product([groups, keys], names=["group", "code"])
    out = agg.reindex(idx, fill_value=0).reset_index()
    out["n_cases_total"] = out["group"].map(totals).fillna(0).astype(int)
    out["pct_cases"] = np.where(out["n_cases_total"] > 0, 100.0 * out["n_cases"] / out["n_cases_total"].clip(lower=1), np.nan)
    out["category"] = out["code"].map(cat_of)
    out = out[["group", "code", "category", "n_cases", "n_cases_total", "pct_cases", "n_statements", "n_matches"]]
    return out.astype({"group": "string", "code": "string", "category": "string", "n_cases": "Int64",
                       "n_cases_total": "Int64", "n_statements": "Int64", "n_matches": "Int64", "pct_cases": "float64"})


@dataclass
class CrosstabResult:
    """Result of :func:`crosstab_codes`: ``cells`` (one row per code × group) and ``tests`` (one per code)."""

    cells: pd.DataFrame
    tests: pd.DataFrame


def adjusted_residuals(table: np.ndarray) -> np.ndarray:
    """Adjusted standardised residuals ``(O − E) / sqrt(E (1 − row/n) (1 − col/n))`` of an r × c table.

    Returns a float64 array of the table's shape, NaN where undefined.

    Notes
    -----
    Stays hand-written: statsmodels' ``Table(table, shift_zeros=False).standardized_resids``
    orders the operations differently, and on 19,995 random 2 × k tables 99.5 % differ in the
    last bits (at most 1.5e-14), which would change ``03_crosstab_municipality_cells.csv``.
    The tests check this function against statsmodels.

    References
    ----------
    Haberman, S. J. (1973). The analysis of residuals in cross-classified tables. Biometrics
    29(1), 205–220.
    """
    table = np.asarray(table, dtype=float)
    n = table.sum()
    row = table.sum(axis=1, keepdims=True)
    col = table.sum(axis=0, keepdims=True)
    expected = row @ col / n
    with np.errstate(divide="ignore", invalid="ignore"):
        res = (table - expected) / np.sqrt(expected * (1 - row / n) * (1 - col / n))
    return np.where(np.isfinite(res), res, np.nan)


def monte_carlo_chi2(table: np.ndarray, *, n_resamples: int = 9999, seed: int = 0) -> tuple[float, float]:
    """Pearson's χ² of an r × c count table and its Monte-Carlo p-value with fixed margins.

    Returns ``(statistic, p_value)``; ``(0.0, 1.0)`` when fewer than two rows or columns are
    non-empty.

    Notes
    -----
    The rows' labels (one per unit) are shuffled against the columns' labels ``n_resamples``
    times with ``numpy.random.default_rng(seed)``; p = (b + 1) / (B + 1) where b counts
    resampled χ² ≥ observed (with a 1e-9 relative tolerance). The observed statistic is
    scipy's ``chi2_contingency(correction=False)`` on the non-empty rows and columns.
    The permutation stays hand-written: scipy's ``chi2_contingency`` with
    ``PermutationMethod`` or ``MonteCarloMethod`` draws another random stream, and its p-values
    differ (on [[3, 0, 1, 4], [2, 5, 6, 1]], B = 9,999, seed 0: 0.0218 here, 0.0243 and
    0.0246 there), which would change ``03_crosstab_municipality_tests.csv``.

    References
    ----------
    Hope, A. C. A. (1968). A simplified Monte Carlo significance test procedure. JRSS B 30,
    582–598.
    """
    table = np.asarray(table, dtype=int)
    filled = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if filled.ndim != 2 or min(filled.shape) < 2:
        return 0.0, 1.0
    stat = float(stats.chi2_contingency(filled, correction=False).statistic)
    r, c = table.shape
    rows = np.repeat(np.arange(r), table.sum(axis=1))
    # one (row, column) label pair per unit, listed in the same order
    cols = np.concatenate([np.repeat(np.arange(c), table[i]) for i in range(r)])
    rng = np.random.default_rng(seed)
    n = len(cols)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / max(n, 1)
    nonzero = expected > 0
    b = 0
    batch = max(1, min(n_resamples, 2_000_000 // max(n, 1)))
    done = 0
    while done < n_resamples:
        k = min(batch, n_resamples - done)
        # k independent permutations of the column labels at once (vectorised)
        perms = rng.permuted(np.broadcast_to(cols, (k, n)), axis=1)
        flat = rows[None, :] * c + perms + (np.arange(k) * r * c)[:, None]
        sims = np.bincount(flat.ravel(), minlength=k * r * c).reshape(k, r, c).astype(float)
        # χ² with the table's fixed margins (label permutation keeps them)
        chi2s = (((sims - expected) ** 2)[:, nonzero] / expected[nonzero]).sum(axis=1)
        b += int(np.count_nonzero(chi2s >= stat * (1 - 1e-9)))
        done += k
    return stat, (b + 1) / (n_resamples + 1)


def _test_table(table: np.ndarray, *, n_resamples: int, seed: int, min_expected: float) -> dict:
    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    out = {"test": "none", "statistic": np.nan, "dof": pd.NA, "p_value": np.nan, "cramers_v": np.nan,
           "min_expected": np.nan, "n": int(table.sum())}
    if table.ndim != 2 or min(table.shape) < 2:
        return out
    # scipy's statistic, expected counts, dof, p-value and Cramér's V are bit-identical to the
    # former hand-written formulas (measured on 19,995 random 2 × k tables)
    chi2 = stats.chi2_contingency(table, correction=False)
    expected = chi2.expected_freq
    counts = table.astype(int)
    out.update(statistic=float(chi2.statistic), dof=int(chi2.dof), min_expected=float(expected.min()),
               cramers_v=float(stats.contingency.association(counts, method="cramer", correction=False)))
    if expected.min() >= min_expected:
        out.update(test="chi2", p_value=float(chi2.pvalue))
    elif table.shape == (2, 2):
        out.update(test="fisher", p_value=float(stats.fisher_exact(counts)[1]))
    else:
        _, p = monte_carlo_chi2(counts, n_resamples=n_resamples, seed=seed)
        out.update(test="monte_carlo", p_value=p)
    return out


def crosstab_codes(codes: pd.DataFrame, statements: pd.DataFrame | None = None, cases: pd.DataFrame | None = None,
                   *, by: str = "municipality", codebook=None, n_resamples: int = 9999, seed: int = 0,
                   min_expected: float = 5.0) -> CrosstabResult:
    """Cross-tabulate codes (cases with / without) against a grouping, with tests per code.

    Parameters
    ----------
    codes, statements, cases, by, codebook : as in :func:`code_frequencies`.
    n_resamples, seed : Monte-Carlo test settings (used when an expected count < ``min_expected``
        in a table larger than 2 × 2).
    min_expected : smallest expected count for the asymptotic χ² test (Cochran's rule: 5).

    Returns
    -------
    CrosstabResult
        ``cells``: code, group (string), n_cases, n_cases_total (Int64), pct_cases, expected,
        adj_residual (float64; the residual of the "has code" row), is_significant (boolean,
        |adj_residual| > 1.96).
        ``tests``: code (string), test (string: chi2|fisher|monte_carlo|none), statistic
        (float64, Pearson χ²), dof (Int64), p_value, cramers_v, min_expected (float64), n (Int64).
    """
    freq = code_frequencies(codes, statements, cases, by=by, codebook=codebook)
    cell_rows, test_rows = [], []
    for key, sub in freq.groupby("code", sort=False):
        sub = sub[sub["n_cases_total"] > 0]
        has = sub["n_cases"].to_numpy(dtype=float)
        tot = sub["n_cases_total"].to_numpy(dtype=float)
        table = np.vstack([has, tot - has])
        res = _test_table(table, n_resamples=n_resamples, seed=seed, min_expected=min_expected)
        test_rows.append({"code": key, **res})
        if table.sum() > 0 and table.shape[1] >= 1:
            n = table.sum()
            expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
            adj = adjusted_residuals(table)[0] if table.shape[1] >= 2 else np.full(table.shape[1], np.nan)
        else:
            expected = np.full(table.shape, np.nan)
            adj = np.full(table.shape[1], np.nan)
        for j, (_, row) in enumerate(sub.iterrows()):
            cell_rows.append({"code": key, "group": row["group"], "n_cases": row["n_cases"],
                              "n_cases_total": row["n_cases_total"], "pct_cases": row["pct_cases"],
                              "expected": float(expected[0, j]), "adj_residual": float(adj[j])})
    cells = pd.DataFrame(cell_rows, columns=["code", "group", "n_cases", "n_cases_total", "pct_cases", "expected", "adj_residual"])
    cells["is_significant"] = (cells["adj_residual"].abs() > 1.96).astype("boolean")
    cells = cells.astype({"code": "string", "group": "string", "n_cases": "Int64", "n_cases_total": "Int64",
                          "pct_cases": "float64", "expected": "float64", "adj_residual": "float64"})
    tests = pd.DataFrame(test_rows, columns=["code", "test", "statistic", "dof", "p_value", "cramers_v", "min_expected", "n"])
    tests = tests.astype({"code": "string", "test": "string", "statistic": "float64", "dof": "Int64",
                          "p_value": "float64", "cramers_v": "float64", "min_expected": "float64", "n": "Int64"})
    return CrosstabResult(cells=cells, tests=tests)


def case_code_matrix(codes: pd.DataFrame, statements: pd.DataFrame | None = None, *, codebook=None,
                     by_section: bool = True, binary: bool = False) -> pd.DataFrame:
    """Case × code matrix (optionally per section), as KH Coder's document × code table.

    Returns
    -------
    DataFrame
        case_id (string), section (string, when ``by_section``), then one Int64 column per code
        key: the number of statements carrying the code (or 0/1 when ``binary``). Every case
        (and case × section) of ``statements`` appears, zeros included.
    """
    keys = ordered_code_keys(codes, codebook)
    index_cols = ["case_id", "section"] if by_section else ["case_id"]
    if statements is not None:
        base = statements[index_cols].astype("string").drop_duplicates()
    else:
        base = codes[index_cols].astype("string").drop_duplicates()
    c = codes.assign(code=codes["code"].astype(str))
    for col in index_cols:
        c[col] = c[col].astype("string")
    counts = c.groupby([*index_cols, "code"])["statement_id"].nunique().unstack("code")
    counts = counts.reindex(columns=keys).fillna(0).astype(int) if not counts.empty else pd.DataFrame(columns=keys)
    out = base.merge(counts.reset_index() if len(counts) else base.assign(**{k: 0 for k in keys}), on=index_cols, how="left")
    for key in keys:
        out[key] = out[key].fillna(0).astype(int)
        if binary:
            out[key] = (out[key] > 0).astype(int)
        out[key] = out[key].astype("Int64")
    return out.sort_values(index_cols, kind="stable").reset_index(drop=True)


def document_code_matrix(codes: pd.DataFrame, statements: pd.DataFrame, *, codebook=None, binary: bool = True) -> pd.DataFrame:
    """Statement × code matrix (document = statement).

    Returns
    -------
    DataFrame
        statement_id, case_id, section, text (string), then one Int64 column per code key
        (0/1 when ``binary``, else matches). Statements in input order, all included.
    """
    keys = ordered_code_keys(codes, codebook)
    cols = [c for c in ("statement_id", "case_id", "section", "text") if c in statements.columns]
    out = statements[cols].astype("string").reset_index(drop=True)
    c = codes.assign(code=codes["code"].astype(str), statement_id=codes["statement_id"].astype(str))
    counts = c.groupby(["statement_id", "code"]).size()
    sids = out["statement_id"].astype(str)
    for key in keys:
        vals = np.array([counts.get((s, key), 0) for s in sids], dtype=int)
        out[key] = pd.array((vals > 0).astype(int) if binary else vals, dtype="Int64")
    return out


def write_document_code_matrix(codes: pd.DataFrame, statements: pd.DataFrame, path: str | Path, *, codebook=None,
                               binary: bool = True) -> Path:
    """Write :func:`document_code_matrix` as CSV (UTF-8 with BOM, for Excel), atomically."""
    from futoko_research.io import atomic_dir, write_csv

    path = Path(path)
    with atomic_dir(path.parent) as tmp:
        write_csv(document_code_matrix(codes, statements, codebook=codebook, binary=binary), tmp / path.name)
    return path


__all__ = [
    "GROUP_COLUMNS", "CrosstabResult", "adjusted_residuals", "case_code_matrix", "code_cooccurrence",
    "code_frequencies", "cooccurrence_matrix", "crosstab_codes", "document_code_matrix", "evidence_in_context",
    "monte_carlo_chi2", "write_document_code_matrix",
]
# kwic and cooccurrence were renamed (their names collided with futoko_research.features.kwic /
# .cooccurrence); co-occurrence and the evidence listing live in their own modules, re-exported here
__getattr__ = deprecated_getattr(__name__, {
    "kwic": "futoko_research.coding.evidence:evidence_in_context",
    "cooccurrence": "futoko_research.coding.code_pairs:code_cooccurrence",
})

"""Associations (per-year Fisher, pooled Mantel–Haenszel), prevalence (Wilson) and trends (GLM).

Every function returns a tidy table and never raises on small or degenerate data: such rows
get NaN estimates and the note ``insufficient data``. With fewer than ``min_cases`` cases the
output is flagged ``descriptive_only``, p- and q-values are withheld (NaN) and a
:class:`~futoko_research.errors.SparseDataWarning` is issued.
"""

from __future__ import annotations

import logging
import math
import warnings

import numpy as np
import pandas as pd
from scipy import stats as sps

from futoko_research.analysis.estimators import (
    Z95,  # noqa: F401  (re-exported: analysis.stats.Z95 was defined here)
    bh_qvalues,
    is_degenerate,
    odds_ratio_woolf,
    table2x2,
    wilson_interval,
)
from futoko_research.analysis.variables import (
    INTERVENTION_PREFIX,
    OUTCOME_PREFIX,
    strip_prefix,
    variable_columns,
)
from futoko_research.errors import SparseDataWarning
from futoko_research.vocab import YEAR_ALL as ALL_YEARS
from futoko_research.vocab import YEAR_UNKNOWN as UNKNOWN_YEAR
from futoko_research.vocab import year_labels

log = logging.getLogger("futoko_research")

INSUFFICIENT = "insufficient data"
#: below this many cases, results are descriptive only (no p-values)
MIN_CASES_FOR_INFERENCE = 20
HALDANE_NOTE = "Haldane-corrected odds ratio and CI (+0.5 to every cell): a cell is 0"

ASSOCIATION_COLUMNS = [
    "intervention", "outcome", "fiscal_year", "n", "a", "b", "c", "d", "odds_ratio", "ci_low",
    "ci_high", "p_value", "test", "q_value", "p_homogeneity", "n_strata", "descriptive_only", "note",
]


def _year_order(labels: pd.Series) -> list[str]:
    known = sorted({s for s in labels if s != UNKNOWN_YEAR}, key=int)
    return known + ([UNKNOWN_YEAR] if (labels == UNKNOWN_YEAR).any() else [])


def _resolve(case_table: pd.DataFrame, names, prefix: str) -> list[str]:
    if names is None:
        return variable_columns(case_table, prefix)
    cols = []
    for name in ([names] if isinstance(names, str) else list(names)):
        if name in case_table.columns:
            cols.append(name)
        elif f"{prefix}{name}" in case_table.columns:
            cols.append(f"{prefix}{name}")
        else:
            raise KeyError(f"case_table has no column {name!r} (nor {prefix}{name!r})")
    return cols


def _empty_row(**kw) -> dict:
    row = {"odds_ratio": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_value": np.nan,
           "p_homogeneity": np.nan}
    row.update(kw)
    return row


def _year_row(a, b, c, d) -> dict:
    n = a + b + c + d
    if is_degenerate(a, b, c, d):
        return _empty_row(test="fisher_exact", note=INSUFFICIENT, n_strata=0)
    orr, lo, hi, corrected = odds_ratio_woolf(a, b, c, d)
    p = float(sps.fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue)
    note = HALDANE_NOTE if corrected else ""
    return _empty_row(odds_ratio=orr, ci_low=lo, ci_high=hi, p_value=min(p, 1.0), test="fisher_exact",
                      note=note, n_strata=1 if n else 0)


def mantel_haenszel(tables: list[tuple[int, int, int, int]], *, correction: bool = False) -> dict:
    """Pooled Mantel–Haenszel odds ratio (RGB CI), its test and the Breslow–Day p-value.

    Parameters
    ----------
    tables : list of tuple of int
        One ``(a, b, c, d)`` per stratum (see :func:`table2x2`).
    correction : bool
        Continuity correction of the Cochran–Mantel–Haenszel test (R's default is True,
        statsmodels' False).

    Returns
    -------
    dict
        odds_ratio, ci_low, ci_high, p_value, p_homogeneity (float; NaN when not estimable),
        n_strata (int: strata used), note (str).

    See Also
    --------
    statsmodels.stats.contingency_tables.StratifiedTable : the computation
        (``oddsratio_pooled``, ``oddsratio_pooled_confint``, ``test_null_odds``,
        ``test_equal_odds``).

    Notes
    -----
    Strata with a degenerate margin (a zero row or column total, or fewer than two cases) carry
    no information for the MH estimator and make statsmodels' Breslow–Day test undefined; they
    are dropped and counted in the note. When the pooled estimate is 0 or infinite (every
    informative stratum has a zero cell in the same diagonal), 0.5 is added to each cell of the
    strata with a zero cell before estimating the odds ratio and CI (the test uses raw counts).
    The interval is Robins–Breslow–Greenland's; the homogeneity test is Breslow–Day without
    Tarone's adjustment.

    References
    ----------
    Mantel, N., Haenszel, W. (1959). Statistical aspects of the analysis of data from
    retrospective studies of disease. J Natl Cancer Inst 22, 719–748.
    Robins, J., Breslow, N., Greenland, S. (1986). Estimators of the Mantel–Haenszel variance
    consistent in both sparse data and large-strata limiting models. Biometrics 42, 311–323.
    Breslow, N. E., Day, N. E. (1980). Statistical Methods in Cancer Research I. IARC.
    """
    from statsmodels.stats.contingency_tables import StratifiedTable

    kept = [t for t in tables if not is_degenerate(*t)]
    dropped = len(tables) - len(kept)
    notes = []
    if dropped:
        notes.append(f"{dropped} stratum/strata with a degenerate margin dropped")
    if not kept:
        return _empty_row(n_strata=0, note="; ".join([INSUFFICIENT] + notes))
    arrs = [np.array([[a, b], [c, d]], dtype=float) for a, b, c, d in kept]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        st = StratifiedTable(arrs)
        p = float(st.test_null_odds(correction=correction).pvalue)
        orr = float(st.oddsratio_pooled)
        lo, hi = (float(v) for v in st.oddsratio_pooled_confint(alpha=0.05))
        if not (np.isfinite(orr) and orr > 0 and np.isfinite(lo) and np.isfinite(hi) and lo > 0):
            shifted = [t + 0.5 if (t == 0).any() else t for t in arrs]
            st2 = StratifiedTable(shifted)
            orr = float(st2.oddsratio_pooled)
            lo, hi = (float(v) for v in st2.oddsratio_pooled_confint(alpha=0.05))
            notes.append("odds ratio and CI with +0.5 added to strata with a zero cell")
        p_h = np.nan
        if len(kept) >= 2:
            p_h = float(st.test_equal_odds(adjust=False).pvalue)
        else:
            notes.append("homogeneity test needs 2 or more strata")
    vals = [orr, lo, hi]
    if not all(np.isfinite(v) and v > 0 for v in vals):
        orr = lo = hi = np.nan
        notes.append("odds ratio not estimable")
    return {"odds_ratio": orr, "ci_low": lo, "ci_high": hi, "p_value": p if np.isfinite(p) else np.nan,
            "p_homogeneity": p_h if np.isfinite(p_h) else np.nan, "n_strata": len(kept),
            "note": "; ".join(notes)}


def _descriptive_flag(n_cases: int, min_cases: int, what: str = "cases") -> bool:
    if n_cases < min_cases:
        warnings.warn(
            f"only {n_cases} {what} (< {min_cases}): results are descriptive, inference needs more cases",
            SparseDataWarning, stacklevel=3,
        )
        return True
    return False


def _join_notes(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def associations(
    case_table: pd.DataFrame,
    interventions=None,
    outcomes=None,
    year_col: str = "fiscal_year",
    *,
    min_cases: int = MIN_CASES_FOR_INFERENCE,
    mh_correction: bool = False,
) -> pd.DataFrame:
    """Intervention × outcome 2×2 tables per fiscal year and pooled over years.

    Parameters
    ----------
    case_table : :func:`case_variables` output (boolean flag columns and ``year_col``).
    interventions, outcomes : column names (``int_ict``) or code keys (``ict``); None = every
        ``int_*`` / ``out_*`` column.
    year_col : the stratifying column (missing values form the stratum ``unknown``).
    min_cases : below this many cases the table is descriptive only (p- and q-values NaN).
    mh_correction : continuity correction of the Mantel–Haenszel test (R's default is True,
        statsmodels' False).

    Returns
    -------
    pandas.DataFrame
        intervention (string; key without ``int_``), outcome (string; key without ``out_``),
        fiscal_year (string: the year, ``unknown``, or ``all`` for the pooled row), n (Int64),
        a, b, c, d (Int64: a = intervention & outcome, b = intervention & no outcome,
        c = no intervention & outcome, d = neither), odds_ratio, ci_low, ci_high, p_value
        (float64), test (string: ``fisher_exact`` | ``mantel_haenszel``), q_value (float64,
        Benjamini–Hochberg over every p-value of the table), p_homogeneity (float64, Breslow–Day,
        pooled rows only), n_strata (Int64: strata used), descriptive_only (boolean), note
        (string).

    Notes
    -----
    Per year: Fisher's exact test (two-sided); the sample odds ratio with a Woolf (logit) 95 %
    interval, Haldane-corrected (+0.5 to every cell) when a cell is 0. Pooled: the
    Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland interval, the Cochran–
    Mantel–Haenszel test and the Breslow–Day test of homogeneity (statsmodels
    ``StratifiedTable``); strata with a degenerate margin are dropped. A table with fewer than two
    cases or a zero margin gives ``insufficient data`` and NaN estimates. Cases with a missing
    flag (e.g. an absent tick box) are left out of that pair's tables.

    References
    ----------
    Mantel N, Haenszel W (1959) J Natl Cancer Inst 22:719–748. Breslow NE, Day NE (1980)
    Statistical Methods in Cancer Research I. Woolf B (1955) Ann Hum Genet 19:251–253.
    Haldane JBS (1956) Ann Hum Genet 20:309–311. Benjamini Y, Hochberg Y (1995) JRSS B 57:289–300.
    """
    icols = _resolve(case_table, interventions, INTERVENTION_PREFIX)
    ocols = _resolve(case_table, outcomes, OUTCOME_PREFIX)
    years = year_labels(case_table[year_col]) if year_col in case_table.columns else pd.Series(
        [UNKNOWN_YEAR] * len(case_table), dtype="string")
    years = years.reset_index(drop=True)
    order = _year_order(years)
    n_cases = len(case_table)
    descriptive = _descriptive_flag(n_cases, min_cases)
    rows = []
    for ic in icols:
        xs = case_table[ic].astype("boolean").reset_index(drop=True)
        for oc in ocols:
            ys = case_table[oc].astype("boolean").reset_index(drop=True)
            ok = (xs.notna() & ys.notna()).to_numpy()
            x = xs.fillna(False).to_numpy(dtype=bool)
            y = ys.fillna(False).to_numpy(dtype=bool)
            strata = []
            for yr in order:
                m = ok & (years == yr).to_numpy()
                t = table2x2(x[m], y[m])
                strata.append(t)
                r = _year_row(*t)
                rows.append({"intervention": strip_prefix(ic), "outcome": strip_prefix(oc),
                             "fiscal_year": yr, "n": sum(t), "a": t[0], "b": t[1], "c": t[2], "d": t[3],
                             **r})
            tot = tuple(int(sum(t[i] for t in strata)) for i in range(4))
            pooled = mantel_haenszel(strata, correction=mh_correction)
            rows.append({"intervention": strip_prefix(ic), "outcome": strip_prefix(oc),
                         "fiscal_year": ALL_YEARS, "n": sum(tot), "a": tot[0], "b": tot[1], "c": tot[2],
                         "d": tot[3], "test": "mantel_haenszel", **pooled})
    out = pd.DataFrame(rows, columns=[c for c in ASSOCIATION_COLUMNS if c not in ("q_value", "descriptive_only")])
    if out.empty:
        out = pd.DataFrame(columns=ASSOCIATION_COLUMNS)
    out["descriptive_only"] = descriptive
    if descriptive:
        out["p_value"] = np.nan
        out["p_homogeneity"] = np.nan
        out["note"] = [
            _join_notes(n, f"descriptive only: {n_cases} cases < {min_cases}, inference needs more cases")
            for n in out["note"].fillna("")
        ]
    out["q_value"] = bh_qvalues(out["p_value"].astype("float64"))
    return _coerce_assoc(out[ASSOCIATION_COLUMNS])


def _coerce_assoc(out: pd.DataFrame) -> pd.DataFrame:
    out = out.copy()
    for c in ("intervention", "outcome", "fiscal_year", "test", "note"):
        out[c] = out[c].astype("string")
    for c in ("n", "a", "b", "c", "d", "n_strata"):
        out[c] = out[c].astype("Int64")
    for c in ("odds_ratio", "ci_low", "ci_high", "p_value", "q_value", "p_homogeneity"):
        out[c] = out[c].astype("float64")
    out["descriptive_only"] = out["descriptive_only"].astype("boolean")
    out["note"] = out["note"].fillna("")
    return out.reset_index(drop=True)


def prevalence(
    case_table: pd.DataFrame, columns=None, *, year_col: str = "fiscal_year", alpha: float = 0.05,
) -> pd.DataFrame:
    """Share of cases carrying each flag, per fiscal year and over all years, with Wilson intervals.

    Parameters
    ----------
    case_table : :func:`case_variables` output.
    columns : flag columns (default: every ``int_*``, ``out_*`` and ``cb_*`` column).
    year_col : year column (missing → ``unknown``).

    Returns
    -------
    pandas.DataFrame
        variable (string: the column), code (string: key without prefix), kind (string:
        intervention | outcome | checkbox | other), fiscal_year (string: year, ``unknown`` or
        ``all``), n (Int64: cases with a non-missing flag), count (Int64), proportion, ci_low,
        ci_high (float64; Wilson score interval), note (string; ``insufficient data`` when n < 2).

    Notes
    -----
    Cases with a missing flag are left out of that flag's ``n``. The interval is Wilson's score
    interval at level ``1 − alpha`` (:func:`wilson_interval`, statsmodels'
    ``proportion_confint``); it stays inside [0, 1] and is sensible for 0 and n successes.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. Journal of the American Statistical Association 22(158), 209–212.
    """
    if columns is None:
        columns = (variable_columns(case_table, INTERVENTION_PREFIX) + variable_columns(case_table, OUTCOME_PREFIX)
                   + variable_columns(case_table, "cb_"))
    years = year_labels(case_table[year_col]).reset_index(drop=True)
    order = _year_order(years) + [ALL_YEARS]
    rows = []
    for col in columns:
        v = case_table[col].astype("boolean").reset_index(drop=True)
        kind = ("intervention" if col.startswith(INTERVENTION_PREFIX) else "outcome"
                if col.startswith(OUTCOME_PREFIX) else "checkbox" if col.startswith("cb_") else "other")
        for yr in order:
            sub = v if yr == ALL_YEARS else v[(years == yr).to_numpy()]
            sub = sub.dropna()
            n, k = len(sub), int(sub.sum())
            lo, hi = wilson_interval(k, n, alpha)
            rows.append({"variable": col, "code": strip_prefix(col).removeprefix("cb_"), "kind": kind,
                         "fiscal_year": yr, "n": n, "count": k,
                         "proportion": k / n if n else np.nan, "ci_low": lo, "ci_high": hi,
                         "note": INSUFFICIENT if n < 2 else ""})
    out = pd.DataFrame(rows, columns=["variable", "code", "kind", "fiscal_year", "n", "count",
                                      "proportion", "ci_low", "ci_high", "note"])
    return out.astype({"variable": "string", "code": "string", "kind": "string", "fiscal_year": "string",
                       "n": "Int64", "count": "Int64", "proportion": "float64", "ci_low": "float64",
                       "ci_high": "float64", "note": "string"})


def prevalence_trend(
    case_table: pd.DataFrame, columns=None, *, year_col: str = "fiscal_year",
    min_cases: int = MIN_CASES_FOR_INFERENCE,
) -> pd.DataFrame:
    """Trend of each flag over fiscal years: logistic regression ``flag ~ year`` (GLM Binomial).

    Returns
    -------
    pandas.DataFrame
        variable, code (string), n (Int64: cases with a known year), n_years (Int64: distinct
        years), n_unknown_year (Int64: cases excluded for a missing year), estimate (float64: log
        odds ratio per year), std_error, odds_ratio_per_year, ci_low, ci_high (Wald 95 %), p_value,
        descriptive_only (boolean), note (string).

    Notes
    -----
    Cases without a year are excluded (counted in ``n_unknown_year`` and the note). Fewer than two
    distinct years, fewer than two cases, a constant flag or perfect separation give
    ``insufficient data`` and NaN estimates. Year is centred before fitting. The fit is
    statsmodels' ``GLM(family=Binomial())`` (logit link); the interval is its Wald interval
    (``fit.conf_int()``), exponentiated.

    References
    ----------
    Agresti, A. (2013). Categorical Data Analysis, 3rd ed., Wiley, ch. 5.
    """
    import statsmodels.api as sm

    if columns is None:
        columns = (variable_columns(case_table, INTERVENTION_PREFIX) + variable_columns(case_table, OUTCOME_PREFIX)
                   + variable_columns(case_table, "cb_"))
    yr_all = case_table[year_col].astype("Int64").reset_index(drop=True)
    n_unknown = int(yr_all.isna().sum())
    descriptive = _descriptive_flag(int(yr_all.notna().sum()), min_cases, "cases with a known year")
    rows = []
    for col in columns:
        v = case_table[col].astype("boolean").reset_index(drop=True)
        m = (yr_all.notna() & v.notna()).to_numpy()
        yrs = yr_all[m].to_numpy(dtype=float)
        y = v[m].to_numpy(dtype=float)
        notes = [f"{n_unknown} case(s) without a year excluded"] if n_unknown else []
        row = {"variable": col, "code": strip_prefix(col).removeprefix("cb_"), "n": int(m.sum()),
               "n_years": len(set(yrs)), "n_unknown_year": n_unknown, "estimate": np.nan,
               "std_error": np.nan, "odds_ratio_per_year": np.nan, "ci_low": np.nan, "ci_high": np.nan,
               "p_value": np.nan}
        if len(y) < 2 or len(set(yrs)) < 2 or y.min() == y.max():
            notes.insert(0, INSUFFICIENT)
        else:
            X = sm.add_constant(yrs - yrs.mean())
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    fit = sm.GLM(y, X, family=sm.families.Binomial()).fit()
                b, se = float(fit.params[1]), float(fit.bse[1])
                if not (np.isfinite(b) and np.isfinite(se)) or abs(b) > 20:
                    raise ValueError("separation")
                lo, hi = (math.exp(v) for v in fit.conf_int(alpha=0.05)[1])  # Wald: b ± z·se
                row.update(estimate=b, std_error=se, odds_ratio_per_year=math.exp(b), ci_low=lo, ci_high=hi,
                           p_value=float(fit.pvalues[1]))
            except Exception as exc:  # perfect separation, non-convergence
                log.debug("trend %s: %s", col, exc)
                notes.insert(0, f"{INSUFFICIENT} (model not estimable: separation or no convergence)")
        if descriptive:
            row["p_value"] = np.nan
            notes.append("descriptive only: inference needs more cases")
        row["descriptive_only"] = descriptive
        row["note"] = _join_notes(*notes)
        rows.append(row)
    cols = ["variable", "code", "n", "n_years", "n_unknown_year", "estimate", "std_error",
            "odds_ratio_per_year", "ci_low", "ci_high", "p_value", "descriptive_only", "note"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"variable": "string", "code": "string", "n": "Int64", "n_years": "Int64",
                       "n_unknown_year": "Int64", "estimate": "float64", "std_error": "float64",
                       "odds_ratio_per_year": "float64", "ci_low": "float64", "ci_high": "float64",
                       "p_value": "float64", "descriptive_only": "boolean", "note": "string"})

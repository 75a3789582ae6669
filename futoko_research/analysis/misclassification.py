"""Coding error carried into the analyses: Rogan–Gladen prevalence and the direction of associations.

The automatic coder misses some codes and finds others that a person would not. When a
person has coded a sample of the corpus (a filled coding sheet), the coder's **sensitivity**
(Se, the share of the human's positives it finds) and **specificity** (Sp, the share of the
human's negatives it leaves alone) are estimated on that sample, at the level at which the
analysis counts: the **case** (:func:`futoko_research.analysis.stats.prevalence` and
:func:`~futoko_research.analysis.stats.associations` use the case flags of
:func:`~futoko_research.analysis.variables.case_variables`). Then

- :func:`rogan_gladen` corrects an observed prevalence for that error;
- :func:`corrected_prevalence` does it for every code and year with a bootstrap interval that
  carries both the validation sample's and the corpus' sampling error;
- :func:`direction_robustness` asks, for each intervention × outcome association, whether its
  direction could flip within the error (matrix method; probabilistic bias analysis).

Pipeline: :func:`human_case_flags` (sheet → the human's case flags) → :func:`classification_rates`
(the coder against the human, per code: the ``validation_rates`` table) → :func:`corrected_prevalence`
(``prevalence_corrected``) and :func:`direction_robustness` (``association_robustness``; matrix
method with the misclassification matrix estimated on the validation cases, drawn from its
posterior).
The analyze step (:func:`futoko_research.pipeline.steps.analyze`) writes these three tables only
when a validation sheet exists. Formulas and their limits: docs/analysis.md.

References
----------
Rogan, W. J., Gladen, B. (1978). Estimating prevalence from the results of a screening test.
American Journal of Epidemiology 107(1), 71–76.
Barron, B. A. (1977). The effects of misclassification on the estimation of relative risk.
Biometrics 33(2), 414–418.
Lang, Z., Reiczigel, J. (2014). Confidence limits for prevalence of disease adjusted for
estimated sensitivity and specificity. Preventive Veterinary Medicine 113(1), 13–22.
Greenland, S. (1988). Variance estimation for epidemiologic effect estimates under
misclassification. Statistics in Medicine 7(7), 745–757.
Lyles, R. H., Lin, J. (2010). Sensitivity analysis for misclassification in logistic regression
via likelihood methods and predictive value weighting. Statistics in Medicine 29(22), 2297–2309.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from futoko_research.analysis.estimators import is_degenerate, wilson_interval
from futoko_research.analysis.variables import (
    INTERVENTION_PREFIX,
    INTERVENTION_SECTIONS,
    OUTCOME_PREFIX,
    OUTCOME_SECTIONS,
    code_keys,
    strip_prefix,
)
from futoko_research.vocab import YEAR_ALL

#: seed of the bootstrap (the notebooks' default seed; the analyze step passes the run's seed)
DEFAULT_SEED = 20240401
#: bootstrap replicates of :func:`corrected_prevalence`
N_BOOT = 2000
#: fewest human-positive and human-negative validation cases for a code to be corrected
MIN_VALIDATION_UNITS = 5

NOT_VALIDATED = "no validation units: no case of the validation sheet was coded completely for this code"
NO_BETTER_THAN_CHANCE = "not corrected: Se + Sp <= 1 on the validation sample (the coder is no better than chance)"

RATE_COLUMNS = [
    "variable", "code", "kind", "n_validation", "positives", "negatives", "tp", "fn", "fp", "tn",
    "sensitivity", "sensitivity_low", "sensitivity_high", "specificity", "specificity_low",
    "specificity_high", "usable", "note",
]
CORRECTED_COLUMNS = [
    "variable", "code", "kind", "fiscal_year", "n", "observed", "sensitivity", "specificity",
    "n_validation", "corrected", "ci_low", "ci_high", "note",
]
ROBUSTNESS_COLUMNS = [
    "intervention", "outcome", "fiscal_year", "n", "odds_ratio", "odds_ratio_corrected", "n_validation",
    "draws", "share_flipped", "direction_robust", "note",
]


# --------------------------------------------------------------------------- Rogan–Gladen


def rogan_gladen(p_obs, sensitivity, specificity, *, clip: bool = True):
    """Prevalence corrected for misclassification (Rogan–Gladen estimator).

    Parameters
    ----------
    p_obs : float or array-like
        Observed prevalence: the share of units the coder flags.
    sensitivity, specificity : float or array-like
        The coder's Se = P(flagged | truly positive) and Sp = P(not flagged | truly negative).
    clip : bool
        Clip the estimate to [0, 1] (default).

    Returns
    -------
    float or numpy.ndarray
        ``(p_obs + Sp − 1) / (Se + Sp − 1)``; NaN where ``Se + Sp <= 1`` or an input is NaN.

    Notes
    -----
    With a coder of sensitivity Se and specificity Sp, the expected observed prevalence is
    ``p_obs = Se·p + (1 − Sp)(1 − p)``; solving for the true prevalence ``p`` gives
    ``p = (p_obs + Sp − 1) / (Se + Sp − 1)`` (Rogan & Gladen 1978). The estimator falls outside
    [0, 1] when ``p_obs < 1 − Sp`` or ``p_obs > Se`` (the observed share is not compatible with
    the error rates, usually by sampling error); it is then clipped to the nearest bound. When
    ``Se + Sp <= 1`` the coder carries no information on the truth (its flags are independent of
    it, or inverted) and nothing can be corrected. The estimator assumes the error rates are
    the same in the corpus as in the validation sample.

    References
    ----------
    Rogan, W. J., Gladen, B. (1978). Estimating prevalence from the results of a screening test.
    American Journal of Epidemiology 107(1), 71–76.
    """
    p = np.asarray(p_obs, dtype=float)
    se = np.asarray(sensitivity, dtype=float)
    sp = np.asarray(specificity, dtype=float)
    denom = se + sp - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.where(denom > 0, (p + sp - 1) / np.where(denom > 0, denom, 1.0), np.nan)
    if clip:
        est = np.clip(est, 0.0, 1.0)
    return float(est) if est.ndim == 0 else est


# --------------------------------------------------------------------------- validation sample


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


# --------------------------------------------------------------------------- corrected prevalence


def _rng(seed: int, name: str) -> np.random.Generator:
    """A generator per variable, so one code's interval does not depend on which other codes exist."""
    return np.random.default_rng([int(seed), zlib.crc32(name.encode("utf-8"))])


def bootstrap_rogan_gladen(count: int, n: int, tp: int, fn: int, fp: int, tn: int, *,
                           n_boot: int = N_BOOT, alpha: float = 0.05,
                           rng: np.random.Generator | int | None = None) -> tuple[float, float, float]:
    """Percentile bootstrap interval of the Rogan–Gladen prevalence.

    Parameters
    ----------
    count, n : units the coder flags in the corpus, and units.
    tp, fn, fp, tn : the coder against the human on the validation sample.
    n_boot : bootstrap replicates.
    alpha : 1 − confidence level.
    rng : a numpy Generator or a seed (default: :data:`DEFAULT_SEED`).

    Returns
    -------
    tuple of float
        ``(ci_low, ci_high, share_undefined)``: the interval, and the share of replicates in
        which ``Se* + Sp* <= 1`` (or a replicate has no human positive or negative). When that
        share exceeds ``alpha / 2`` the interval is ``(0, 1)``: within the sampling error of the
        validation sample the coder may carry no information.

    Notes
    -----
    Each replicate resamples **both** samples with replacement, independently: the validation
    cases (a multinomial draw of ``n_val = tp + fn + fp + tn`` cases over the four cells, which
    gives Se* and Sp*) and the corpus (a binomial draw of ``n`` cases with probability
    ``count / n``, which gives p*), and computes the clipped Rogan–Gladen estimate. The interval
    is the ``alpha/2`` and ``1 − alpha/2`` percentiles of the replicates: the nonparametric
    bootstrap of the two samples, taken as independent. Lang & Reiczigel (2014) derive an
    approximate closed-form interval for the same setting (Se and Sp estimated from samples,
    not known); both carry the three sources of sampling error, where correcting only the
    corpus' interval with fixed Se and Sp gives intervals that are too narrow. Coverage of
    this interval on planted synthetic corpora is checked in tests/test_misclassification.py.

    References
    ----------
    Rogan, W. J., Gladen, B. (1978). Am J Epidemiol 107(1), 71–76.
    Lang, Z., Reiczigel, J. (2014). Confidence limits for prevalence of disease adjusted for
    estimated sensitivity and specificity. Preventive Veterinary Medicine 113(1), 13–22.
    Efron, B., Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall, ch. 13.
    """
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(DEFAULT_SEED if rng is None else rng)
    n_val = tp + fn + fp + tn
    if n <= 0 or n_val <= 0:
        return (np.nan, np.nan, np.nan)
    cells = rng.multinomial(n_val, np.array([tp, fn, fp, tn], dtype=float) / n_val, size=n_boot)
    k = rng.binomial(n, count / n, size=n_boot)
    return _percentile_interval(k / n, cells, alpha)


def _percentile_interval(p_star: np.ndarray, cells: np.ndarray, alpha: float) -> tuple[float, float, float]:
    pos = cells[:, 0] + cells[:, 1]
    neg = cells[:, 2] + cells[:, 3]
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.where(pos > 0, cells[:, 0] / np.where(pos > 0, pos, 1), np.nan)
        sp = np.where(neg > 0, cells[:, 3] / np.where(neg > 0, neg, 1), np.nan)
    est = rogan_gladen(p_star, se, sp)
    est = np.atleast_1d(est)
    defined = np.isfinite(est)
    undefined = 1.0 - float(defined.mean())
    if undefined > alpha / 2:
        return (0.0, 1.0, undefined)
    lo, hi = np.quantile(est[defined], [alpha / 2, 1 - alpha / 2])
    return (float(lo), float(hi), undefined)


def corrected_prevalence(prevalence: pd.DataFrame, rates: pd.DataFrame, *, n_boot: int = N_BOOT,
                         alpha: float = 0.05, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Each code's prevalence, raw and corrected for the coder's error (Rogan–Gladen).

    Parameters
    ----------
    prevalence : :func:`futoko_research.analysis.stats.prevalence` output (per case, per year).
    rates : :func:`classification_rates` output (per case, from the validation sheet).
    n_boot, alpha : bootstrap replicates and 1 − confidence level.
    seed : seed of the bootstrap; each code draws from its own stream
        (``numpy.random.default_rng([seed, crc32(variable)])``), so the result is the same
        whichever other codes exist.

    Returns
    -------
    pandas.DataFrame
        One row per intervention / outcome variable × fiscal year of ``prevalence``
        (tick boxes are not coded and are left out): variable, code, kind, fiscal_year (string),
        n (Int64: cases), observed (float64: the coder's share), sensitivity, specificity
        (float64: from the validation sheet), n_validation (Int64: validation cases for the
        code), corrected (float64: Rogan–Gladen, clipped to [0, 1]), ci_low, ci_high (float64:
        percentile bootstrap interval), note (string: why a row is not corrected, or what was
        clipped or dropped).

    Notes
    -----
    ``corrected = clip((observed + Sp − 1) / (Se + Sp − 1), 0, 1)`` (:func:`rogan_gladen`); the
    interval is :func:`bootstrap_rogan_gladen`, resampling the validation cases and the year's
    cases. Every year uses the same Se and Sp (pooled over the validation sample); the same
    validation replicates serve every year of a code. A row is not corrected (corrected, ci_low
    and ci_high NaN; the note says why) when the code has no validation units, fewer than
    :data:`MIN_VALIDATION_UNITS` human-positive or human-negative ones, or Se + Sp <= 1.
    The validation cases are assumed to be a random sample of the corpus, coded independently
    of it (see :func:`classification_rates`). Where the validation sample shows no miss
    (fn = 0) or no false find (fp = 0), every replicate has Se* = 1 (or Sp* = 1) and the
    interval ignores that rate's uncertainty; the note says so. Measured on planted corpora
    (800 cases; tests/test_misclassification.py): with 40 validation cases (Se 0.9, Sp 0.95)
    the 95 % interval covered the truth in 457 of 498 runs (92 %), with 100 in 485 of 500, with
    200 in 97–99 of 100 for each of three codes (the raw Wilson interval: 0–1 of 100).

    References
    ----------
    Rogan, W. J., Gladen, B. (1978). Am J Epidemiol 107(1), 71–76.
    Lang, Z., Reiczigel, J. (2014). Prev Vet Med 113(1), 13–22.
    """
    prev = prevalence[prevalence["kind"].astype("string").isin(["intervention", "outcome"])]
    by_var = {str(r["variable"]): r for r in rates.to_dict("records")}
    rows = []
    for var, sub in prev.groupby(prev["variable"].astype("string"), sort=False):
        rate = by_var.get(str(var))
        rng = _rng(seed, str(var))
        cells = None
        if rate is not None and bool(rate["usable"]):
            counts = np.array([rate["tp"], rate["fn"], rate["fp"], rate["tn"]], dtype=float)
            cells = rng.multinomial(int(counts.sum()), counts / counts.sum(), size=n_boot)
        for r in sub.to_dict("records"):
            n, k = int(r["n"]), int(r["count"])
            row = {"variable": var, "code": r["code"], "kind": r["kind"], "fiscal_year": r["fiscal_year"], "n": n,
                   "observed": k / n if n else np.nan, "sensitivity": np.nan, "specificity": np.nan,
                   "n_validation": 0, "corrected": np.nan, "ci_low": np.nan, "ci_high": np.nan}
            if rate is None:
                row["note"] = NOT_VALIDATED
                rows.append(row)
                continue
            row.update(sensitivity=rate["sensitivity"], specificity=rate["specificity"],
                       n_validation=int(rate["n_validation"]))
            if cells is None:
                row["note"] = str(rate["note"])
            elif n == 0:
                row["note"] = "no cases"
            else:
                row["corrected"] = rogan_gladen(row["observed"], rate["sensitivity"], rate["specificity"])
                raw = rogan_gladen(row["observed"], rate["sensitivity"], rate["specificity"], clip=False)
                p_star = rng.binomial(n, k / n, size=n_boot) / n
                lo, hi, undefined = _percentile_interval(p_star, cells, alpha)
                row.update(ci_low=lo, ci_high=hi)
                notes = []
                if raw < 0 or raw > 1:
                    notes.append(f"clipped to {row['corrected']:g}: the observed share lies outside "
                                 "[1 - Sp, Se]")
                if undefined > alpha / 2:
                    notes.append(f"interval [0, 1]: Se* + Sp* <= 1 in {undefined:.1%} of the bootstrap "
                                 "replicates (the coder may carry no information)")
                elif undefined > 0:
                    notes.append(f"{round(undefined * n_boot)} of {n_boot} bootstrap replicates with "
                                 "Se* + Sp* <= 1 dropped")
                for cell, rate_name, bound in (("fn", "Se", "sensitivity_low"), ("fp", "Sp", "specificity_low")):
                    if int(rate[cell]) == 0:
                        notes.append(f"no {cell} in the validation sample: the bootstrap cannot vary {rate_name} "
                                     f"(its Wilson lower bound is {rate[bound]:.3f}); the interval may be too narrow")
                if n < 2:
                    notes.append("insufficient data")
                row["note"] = "; ".join(notes)
            rows.append(row)
    out = pd.DataFrame(rows, columns=CORRECTED_COLUMNS)
    return out.astype({"variable": "string", "code": "string", "kind": "string", "fiscal_year": "string",
                       "n": "Int64", "observed": "float64", "sensitivity": "float64", "specificity": "float64",
                       "n_validation": "Int64", "corrected": "float64", "ci_low": "float64", "ci_high": "float64",
                       "note": "string"})


# --------------------------------------------------------------------------- direction of associations

#: cell order of a 2×2 table: (exposure, outcome) = (1, 1), (1, 0), (0, 1), (0, 0) = a, b, c, d
_CELLS = ((1, 1), (1, 0), (0, 1), (0, 0))


def classification_matrix(se_x: float, sp_x: float, se_y: float, sp_y: float) -> np.ndarray:
    """The 4×4 matrix M with ``observed = M @ true`` under independent, non-differential error.

    Parameters
    ----------
    se_x, sp_x : sensitivity and specificity of the exposure (intervention) flag.
    se_y, sp_y : sensitivity and specificity of the outcome flag.

    Returns
    -------
    numpy.ndarray
        ``M[i, j] = P(observed cell i | true cell j)``, cells ordered a, b, c, d (exposure &
        outcome, exposure only, outcome only, neither): ``M = A_x ⊗ A_y`` with
        ``A = [[Se, 1 − Sp], [1 − Se, Sp]]`` (Greenland 1988).

    Notes
    -----
    :func:`classification_matrix_from_validation` estimates M without assuming independent or
    non-differential error; this function states the textbook special case, used to show that
    non-differential error cannot reverse a direction (:func:`correct_table`).

    References
    ----------
    Greenland, S. (1988). Variance estimation for epidemiologic effect estimates under
    misclassification. Statistics in Medicine 7(7), 745–757.
    """
    def a(se, sp):
        return np.array([[se, 1 - sp], [1 - se, sp]], dtype=float)

    return np.kron(a(se_x, sp_x), a(se_y, sp_y))


def _cell_index(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Index 0..3 of the cells a, b, c, d for 0/1 arrays of exposure and outcome."""
    return (1 - x.astype(int)) * 2 + (1 - y.astype(int))


def validation_cells(human_x, human_y, coder_x, coder_y) -> np.ndarray:
    """Counts of the validation cases by true cell (rows) and observed cell (columns), 4×4.

    Parameters
    ----------
    human_x, human_y, coder_x, coder_y : array-like of 0/1 (NaN = missing)
        The human's (truth) and the coder's exposure and outcome flags of the validation cases;
        cases with any missing flag are left out.

    Returns
    -------
    numpy.ndarray
        ``counts[j, i]`` = cases in true cell j and observed cell i (cells a, b, c, d).
    """
    arrs = [np.asarray(v, dtype=float) for v in (human_x, human_y, coder_x, coder_y)]
    ok = ~np.any([np.isnan(v) for v in arrs], axis=0)
    hx, hy, ax, ay = (v[ok] for v in arrs)
    flat = _cell_index(hx, hy) * 4 + _cell_index(ax, ay)
    return np.bincount(flat, minlength=16).reshape(4, 4)


def classification_matrix_from_validation(cells: np.ndarray) -> np.ndarray:
    """``M[i, j] = P(observed cell i | true cell j)`` estimated from :func:`validation_cells` counts.

    Columns of true cells without a validation case are NaN. No assumption on the errors: they
    may be differential (an outcome found more easily in cases with the intervention) and
    dependent between the two flags.
    """
    cells = np.asarray(cells, dtype=float)
    total = cells.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (cells / np.where(total > 0, total, np.nan)).T


def correct_table(cells, matrix: np.ndarray) -> np.ndarray:
    """The 2×2 table corrected for misclassification (matrix method): ``M⁻¹ @ (a, b, c, d)``.

    Parameters
    ----------
    cells : observed (a, b, c, d) (exposure & outcome, exposure only, outcome only, neither).
    matrix : ``M[i, j] = P(observed i | true j)`` (:func:`classification_matrix`,
        :func:`classification_matrix_from_validation`).

    Returns
    -------
    numpy.ndarray
        The corrected cells; they sum to ``a + b + c + d`` and may be negative when the observed
        table is not compatible with M. NaN when M is singular or undefined.

    Notes
    -----
    The expected observed cells are ``M @ true``, so ``true = M⁻¹ @ observed`` (Barron 1977;
    Greenland 1988). With independent non-differential error, writing the table as a matrix
    ``T`` (rows exposure 1/0, columns outcome 1/0), the observed table is ``A_x T A_yᵀ``, so
    ``det(observed) = (Se_x + Sp_x − 1)(Se_y + Sp_y − 1) det(T)``, and ``ad − bc`` (the sign of
    the log odds ratio) keeps its sign: such error weakens an association but never reverses
    it while Se + Sp > 1. Only differential or dependent error, or Se + Sp <= 1, can.

    References
    ----------
    Barron, B. A. (1977). The effects of misclassification on the estimation of relative risk.
    Biometrics 33(2), 414–418.
    Greenland, S. (1988). Stat Med 7(7), 745–757.
    """
    m = np.asarray(matrix, dtype=float)
    if not np.all(np.isfinite(m)) or abs(np.linalg.det(m)) < 1e-12:
        return np.full(4, np.nan)
    return np.linalg.solve(m, np.asarray(cells, dtype=float))


def _mh_contrast(tables: np.ndarray) -> np.ndarray:
    """Σ_i (a_i d_i − b_i c_i) / n_i over strata (last axis = cells); its sign is that of log MH OR."""
    n = tables.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = (tables[..., 0] * tables[..., 3] - tables[..., 1] * tables[..., 2]) / np.where(n > 0, n, 1)
    return per.sum(axis=-1)


def _mh_or(tables: np.ndarray) -> float:
    n = tables.sum(axis=-1)
    num = float(np.sum(tables[:, 0] * tables[:, 3] / n))
    den = float(np.sum(tables[:, 1] * tables[:, 2] / n))
    return num / den if den > 0 and num > 0 else np.nan


def _aligned(case_table: pd.DataFrame, human: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """variable → (human flags, coder flags) on the validation cases, as float arrays (NaN = missing)."""
    coder = case_table.assign(case_id=case_table["case_id"].astype("string")).set_index("case_id")
    ids = human["case_id"].astype("string")
    out = {}
    for var in human.columns:
        if var.startswith((INTERVENTION_PREFIX, OUTCOME_PREFIX)) and var in coder.columns:
            h = human[var].astype("boolean").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            a = coder[var].astype("boolean").reindex(ids).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            out[var] = (h, a)
    return out


#: Dirichlet prior weight per cell of the misclassification matrix's columns (Jeffreys)
PRIOR = 0.5


def _replicate_inverses(cells: np.ndarray, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """M*⁻¹ of draws of the misclassification matrix (k × 4 × 4; singular draws left out).

    Column j of M* (the observed cells of true cell j) is drawn from Dirichlet(counts[j] + PRIOR).
    """
    cols = [rng.dirichlet(np.asarray(cells[j], dtype=float) + PRIOR, size=n_draws) for j in range(4)]
    m = np.stack(cols, axis=2)  # draws × observed × true
    m = m[np.abs(np.linalg.det(m)) >= 1e-12]
    return np.linalg.inv(m)


def direction_robustness(associations: pd.DataFrame, case_table: pd.DataFrame | None = None,
                         human: pd.DataFrame | None = None, *, rates: pd.DataFrame | None = None,
                         n_draws: int = N_BOOT, alpha: float = 0.05, seed: int = DEFAULT_SEED,
                         tol: float = 1e-9) -> pd.DataFrame:
    """Whether each association's direction could flip within the coder's error.

    Parameters
    ----------
    associations : :func:`futoko_research.analysis.stats.associations` output.
    case_table : the coder's case flags (:func:`case_variables`, the table ``associations``
        was computed from).
    human : the human's case flags (:func:`human_case_flags`); None (no validation sheet)
        gives ``direction_robust`` NA everywhere.
    rates : :func:`classification_rates` (default: computed from ``case_table`` and ``human``);
        a pair is assessed only when both codes' rates are ``usable``.
    n_draws, alpha, seed : draws of the misclassification matrix, 1 − confidence level, seed
        (each pair draws from its own stream, seeded by ``seed`` and the CRC-32 of the pair's
        two keys).
    tol : a corrected cell below ``−tol·n`` makes a draw inadmissible.

    Returns
    -------
    pandas.DataFrame
        intervention, outcome, fiscal_year (string), n (Int64), odds_ratio (float64: as in
        ``associations``), odds_ratio_corrected (float64: the table corrected with the
        estimated misclassification matrix; per year ``a'd' / b'c'``, pooled the
        Mantel–Haenszel estimate over the corrected strata; NaN when a corrected cell is <= 0
        or M is not estimable), n_validation (Int64: validation cases with both flags known),
        draws (Int64: admissible draws of the misclassification matrix), share_flipped
        (float64: share of them whose corrected direction is the reverse of the observed one),
        direction_robust
        (boolean: ``share_flipped <= alpha / 2``; NA when it cannot be assessed), note (string).

    Notes
    -----
    The direction of an association is the sign of its log odds ratio (per year the sign of
    ``ad − bc``, pooled the sign of ``Σ (a_i d_i − b_i c_i) / n_i``, that of the
    Mantel–Haenszel odds ratio).

    **Matrix method.** Each validation case has a true cell (the human's flags: intervention ×
    outcome) and an observed cell (the coder's). Their 4×4 cross-tabulation estimates
    ``M[i, j] = P(observed cell i | true cell j)``, and the corrected table is
    ``M⁻¹ · observed`` (:func:`correct_table`; Barron 1977, Greenland 1988). Estimating M
    directly assumes neither independent nor non-differential error. That matters here: with
    non-differential error the sign of ``ad − bc`` cannot change while Se + Sp > 1
    (:func:`correct_table`), so what can create or reverse an association is **differential**
    error, e.g. an outcome that the coder finds more easily in the reports of cases with an
    intervention — which the estimated M captures.

    **Within the error** (probabilistic bias analysis; Lash, Fox & Fink 2009). Each column of M
    (the observed cells of one true cell) is drawn ``n_draws`` times from its posterior given
    the validation counts, ``Dirichlet(counts + 1/2)`` (Jeffreys prior, :data:`PRIOR`); each
    draw gives the corrected table(s) ``M*⁻¹ · observed``. A resampling bootstrap of the
    validation cases would be the same where the counts are large, but where the validation
    sample shows no error at all (e.g. 18 of 18 positives found) it would never vary M and
    call every direction robust; the prior keeps errors that 18 cases cannot rule out
    possible. Draws with a negative corrected cell are incompatible with the observed table
    and are dropped (as Lash, Fox & Fink do). The direction is robust when at most
    ``alpha / 2`` of the admissible draws reverse it, i.e. the one-sided ``1 − alpha/2`` bound
    of the corrected log odds ratio stays on the observed side. It is not assessed (NA) when a
    true cell has no validation case (its column of M is unknown) or no draw is admissible.
    Pooled rows correct every year's table with the same M* (error does not vary by year) and
    drop degenerate strata as :func:`~futoko_research.analysis.stats.mantel_haenszel` does.

    Limits: the corpus table is held fixed — only **coding** error is considered, so an
    association whose odds-ratio interval spans 1 is uncertain whatever this flag says; M is
    estimated on the validation cases and carries over only if they are a random sample of
    the corpus; a true cell with few validation cases makes M* noisy and the flag conservative
    (the 12 free rates of M need more validation cases than the 2 of Rogan–Gladen); dropping
    inadmissible draws conditions on compatibility with the observed table.
    An observed direction that rests on Haldane's +0.5 (the odds ratio and ``ad − bc``
    disagree) is reported as not robust.

    References
    ----------
    Barron, B. A. (1977). The effects of misclassification on the estimation of relative risk.
    Biometrics 33(2), 414–418.
    Greenland, S. (1988). Variance estimation for epidemiologic effect estimates under
    misclassification. Statistics in Medicine 7(7), 745–757.
    Lyles, R. H., Lin, J. (2010). Sensitivity analysis for misclassification in logistic
    regression via likelihood methods and predictive value weighting. Statistics in Medicine
    29(22), 2297–2309.
    Lash, T. L., Fox, M. P., Fink, A. K. (2009). Applying Quantitative Bias Analysis to
    Epidemiologic Data. Springer, ch. 6.
    """
    keys = ["intervention", "outcome", "fiscal_year"]
    out = associations[keys + ["n", "odds_ratio"]].copy()
    out["odds_ratio_corrected"] = np.nan
    for c in ("n_validation", "draws"):
        out[c] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["share_flipped"] = np.nan
    out["direction_robust"] = pd.array([pd.NA] * len(out), dtype="boolean")
    out["note"] = "no validation sheet: nothing corrected"
    if human is None or case_table is None:
        return _coerce_robust(out)
    if rates is None:
        rates = classification_rates(case_table, human, alpha=alpha)
    usable = {(str(r["kind"]), str(r["code"])): (bool(r["usable"]), str(r["note"])) for r in rates.to_dict("records")}
    flags = _aligned(case_table, human)
    cells = associations[["a", "b", "c", "d"]].astype("float64").to_numpy()
    year = associations["fiscal_year"].astype("string").to_numpy()
    pairs = associations[["intervention", "outcome"]].astype("string").agg("\x1f".join, axis=1).to_numpy()
    cache: dict[str, tuple] = {}
    for i in range(len(associations)):
        row = out.index[i]
        iv, ov = str(associations["intervention"].iloc[i]), str(associations["outcome"].iloc[i])
        missing = [f"{k} {c}" for k, c in (("intervention", iv), ("outcome", ov))
                   if not usable.get((k, c), (False, ""))[0]]
        if missing:
            out.loc[row, "note"] = f"not assessed: no usable validation rates for {' and '.join(missing)}"
            continue
        if pairs[i] not in cache:
            (hx, ax), (hy, ay) = flags[f"{INTERVENTION_PREFIX}{iv}"], flags[f"{OUTCOME_PREFIX}{ov}"]
            vc = validation_cells(hx, hy, ax, ay)
            inv = _replicate_inverses(vc, n_draws, _rng(seed, pairs[i])) if (vc.sum(axis=1) > 0).all() else None
            cache[pairs[i]] = (vc, classification_matrix_from_validation(vc), inv)
        vc, m_hat, inv = cache[pairs[i]]
        out.loc[row, "n_validation"] = int(vc.sum())
        if year[i] == YEAR_ALL:
            sel = (pairs == pairs[i]) & (year != YEAR_ALL)
            strata = np.array([t for t in cells[sel] if not is_degenerate(*t)]).reshape(-1, 4)
        else:
            strata = cells[i:i + 1] if not is_degenerate(*cells[i]) else np.empty((0, 4))
        orr = float(associations["odds_ratio"].iloc[i])
        if not len(strata) or not np.isfinite(orr):
            out.loc[row, "note"] = "no observed direction (insufficient data)"
            continue
        if orr == 1:
            out.loc[row, "note"] = "no observed direction (odds ratio 1)"
            continue
        sign = 1 if orr > 1 else -1
        point = np.array([correct_table(t, m_hat) for t in strata])
        if np.all(point > 0):
            out.loc[row, "odds_ratio_corrected"] = (
                _mh_or(point) if year[i] == YEAR_ALL else point[0, 0] * point[0, 3] / (point[0, 1] * point[0, 2]))
        if inv is None:
            empty = [name for j, name in enumerate(("a", "b", "c", "d")) if vc[j].sum() == 0]
            out.loc[row, "note"] = (f"not assessed: no validation case in true cell(s) {', '.join(empty)} "
                                    "(a = intervention & outcome, b = intervention only, c = outcome only, d = neither)")
            continue
        k = len(inv)
        corrected = np.einsum("kij,sj->ksi", inv, strata)  # replicates × strata × cells
        n_s = strata.sum(axis=1)
        admissible = (corrected >= -tol * n_s[None, :, None]).all(axis=(1, 2))
        n_adm = int(admissible.sum())
        out.loc[row, "draws"] = n_adm
        notes = []
        contrast = _mh_contrast(strata[None, :, :])[0]
        if n_adm == 0:
            out.loc[row, "note"] = "not assessed: no draw of the coding error is compatible with the observed table"
            continue
        share = float(np.mean(np.sign(_mh_contrast(corrected[admissible])) != sign))
        out.loc[row, "share_flipped"] = share
        if np.sign(contrast) != sign:
            notes.append("the observed direction rests on Haldane's +0.5 (ad - bc has the other sign)")
            robust = False
        else:
            robust = share <= alpha / 2
            if not robust:
                notes.append(f"direction reverses in {share:.1%} of the draws of the coding error")
        if n_adm < k:
            notes.append(f"{k - n_adm} of {k} draws incompatible with the observed table dropped")
        out.loc[row, "direction_robust"] = robust
        out.loc[row, "note"] = "; ".join(notes)
    return _coerce_robust(out)


def _coerce_robust(out: pd.DataFrame) -> pd.DataFrame:
    out = out.reset_index(drop=True)
    return out[ROBUSTNESS_COLUMNS].astype({
        "intervention": "string", "outcome": "string", "fiscal_year": "string", "n": "Int64",
        "odds_ratio": "float64", "odds_ratio_corrected": "float64", "n_validation": "Int64",
        "draws": "Int64", "share_flipped": "float64", "direction_robust": "boolean", "note": "string"})

"""Prevalence corrected for the coder's error: Rogan–Gladen, with a bootstrap interval.

:func:`rogan_gladen` corrects an observed prevalence for known Se and Sp;
:func:`bootstrap_rogan_gladen` and :func:`corrected_prevalence` give its interval, carrying the
validation sample's and the corpus' sampling error (the ``prevalence_corrected`` table).
Overview: :mod:`futoko_research.analysis.misclassification`.

References
----------
Rogan, W. J., Gladen, B. (1978). Estimating prevalence from the results of a screening test.
American Journal of Epidemiology 107(1), 71–76.
Lang, Z., Reiczigel, J. (2014). Confidence limits for prevalence of disease adjusted for
estimated sensitivity and specificity. Preventive Veterinary Medicine 113(1), 13–22.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis.misclassification.resampling import DEFAULT_SEED, N_BOOT, named_rng
from futoko_research.analysis.misclassification.validation import NOT_VALIDATED

CORRECTED_COLUMNS = [
    "variable", "code", "kind", "fiscal_year", "n", "observed", "sensitivity", "specificity",
    "n_validation", "corrected", "ci_low", "ci_high", "note",
]


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
        rng = named_rng(seed, str(var))
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

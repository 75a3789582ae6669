"""The direction of associations under coding error: the matrix method and probabilistic bias analysis.

:func:`validation_cells` cross-tabulates the validation cases by true and observed cell,
:func:`classification_matrix_from_validation` estimates the misclassification matrix from them
(:func:`classification_matrix` is the textbook non-differential case), :func:`correct_table`
inverts it, and :func:`direction_robustness` asks, for each intervention × outcome association,
whether its direction could flip within the error (the ``association_robustness`` table).
Overview: :mod:`futoko_research.analysis.misclassification`.

References
----------
Barron, B. A. (1977). The effects of misclassification on the estimation of relative risk.
Biometrics 33(2), 414–418.
Greenland, S. (1988). Variance estimation for epidemiologic effect estimates under
misclassification. Statistics in Medicine 7(7), 745–757.
Lash, T. L., Fox, M. P., Fink, A. K. (2009). Applying Quantitative Bias Analysis to
Epidemiologic Data. Springer, ch. 6.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.analysis.estimators import is_degenerate
from futoko_research.analysis.misclassification.resampling import DEFAULT_SEED, N_BOOT, named_rng
from futoko_research.analysis.misclassification.validation import classification_rates
from futoko_research.analysis.variables import INTERVENTION_PREFIX, OUTCOME_PREFIX
from futoko_research.vocab import YEAR_ALL

ROBUSTNESS_COLUMNS = [
    "intervention", "outcome", "fiscal_year", "n", "odds_ratio", "odds_ratio_corrected", "n_validation",
    "draws", "share_flipped", "direction_robust", "note",
]

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
            inv = _replicate_inverses(vc, n_draws, named_rng(seed, pairs[i])) if (vc.sum(axis=1) > 0).all() else None
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

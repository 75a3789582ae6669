"""futoko_research.analysis.misclassification: coding error carried into the analyses.

- Reference values: ROGAN_GLADEN_REFERENCE, MATRIX_REFERENCE and VALIDATION_MATRIX_REFERENCE
  printed by tests/reference/rogan_gladen_reference.py (exact fractions, standard library only).
- SYNTHETIC corpora (every case id starts with ``synthetic_``): a planted true prevalence per
  code, a coder with planted sensitivity and specificity, and a validation sample coded by a
  perfect human. The corrected prevalence must recover the planted truth within its interval
  in most runs, while the raw prevalence is biased; an association planted as null but made
  by differential coding error must be flagged as not robust, a strong one as robust.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from futoko_research.analysis import associations, case_variables, prevalence, wilson_interval
from futoko_research.analysis.misclassification import (
    NOT_VALIDATED,
    bootstrap_rogan_gladen,
    classification_matrix,
    classification_matrix_from_validation,
    classification_rates,
    correct_table,
    corrected_prevalence,
    direction_robustness,
    human_case_flags,
    rogan_gladen,
    validation_cells,
)
from futoko_research.schema import validate

# printed by tests/reference/rogan_gladen_reference.py: (k, n, tp, fn, fp, tn) -> corrected prevalence
ROGAN_GLADEN_REFERENCE = {
    (43, 200, 30, 20, 3, 47): 0.28703703703703703,
    (10, 50, 18, 2, 5, 75): 0.16417910447761194,
    (0, 40, 9, 1, 2, 18): 0.0,
    (40, 40, 9, 1, 2, 18): 1.0,
    (7, 20, 5, 5, 10, 10): None,
    (123, 457, 61, 19, 11, 309): 0.32243311013232406,
}
# (true table, (Se_x, Sp_x, Se_y, Sp_y), observed = M·true, det(observed) / det(true))
MATRIX_REFERENCE = [
    ((30, 70, 20, 180), (0.7, 0.9, 0.6, 0.95), (17.15, 72.85, 25.35, 184.65), 0.33),
    ((12, 8, 25, 55), (0.8, 0.85, 0.9, 0.8), (14.945, 13.055, 30.955, 41.045), 0.455),
]
# (validation counts[true cell][observed cell], observed table, corrected table)
VALIDATION_MATRIX_REFERENCE = [
    ([[40, 5, 8, 2], [4, 50, 1, 6], [6, 1, 60, 5], [1, 3, 4, 120]], (50, 80, 90, 280),
     (48.253389980897104, 82.71426036305938, 87.38879088071651, 281.643558775327)),
    ([[9, 1, 2, 0], [1, 14, 0, 2], [2, 0, 20, 3], [0, 1, 2, 43]], (11, 19, 25, 45),
     (10.161152573670847, 20.932974917288604, 26.84730130030007, 42.05857120874048)),
]

#: planted codes of the SYNTHETIC corpora: variable -> (true prevalence, coder Se, coder Sp)
PLANTED = {
    "int_ict": (0.35, 0.70, 0.95),
    "out_school_return": (0.25, 0.60, 0.97),
    "out_self_esteem": (0.50, 0.70, 0.85),
}


# --------------------------------------------------------------------------- reference values


@pytest.mark.parametrize("case", list(ROGAN_GLADEN_REFERENCE), ids=str)
def test_rogan_gladen_reference_values(case):
    k, n, tp, fn, fp, tn = case
    got = rogan_gladen(k / n, tp / (tp + fn), tn / (tn + fp))
    expected = ROGAN_GLADEN_REFERENCE[case]
    if expected is None:
        assert np.isnan(got)
    else:
        assert got == pytest.approx(expected, rel=1e-13, abs=1e-15)


def test_rogan_gladen_is_vectorised_and_undefined_without_information():
    got = rogan_gladen(np.array([0.2, 0.5, 0.9]), np.array([0.8, 0.5, 0.4]), np.array([0.9, 0.5, 0.5]))
    assert got[0] == pytest.approx((0.2 + 0.9 - 1) / 0.7) and np.isnan(got[1]) and np.isnan(got[2])
    assert rogan_gladen(0.5, 0.9, 0.9, clip=False) == pytest.approx(0.5)
    assert rogan_gladen(0.01, 0.9, 0.9, clip=False) < 0 == rogan_gladen(0.01, 0.9, 0.9)


@pytest.mark.parametrize("case", MATRIX_REFERENCE, ids=lambda c: str(c[0]))
def test_classification_matrix_against_enumeration_and_the_determinant_identity(case):
    true, rates, observed, ratio = case
    m = classification_matrix(*rates)
    np.testing.assert_allclose(m @ np.array(true, dtype=float), observed, rtol=1e-13)
    np.testing.assert_allclose(m.sum(axis=0), 1.0, rtol=1e-14)
    np.testing.assert_allclose(correct_table(observed, m), true, rtol=1e-11)
    # non-differential error: ad - bc is scaled by (Se_x + Sp_x - 1)(Se_y + Sp_y - 1) > 0, never reversed
    o, t = observed, true
    assert (o[0] * o[3] - o[1] * o[2]) / (t[0] * t[3] - t[1] * t[2]) == pytest.approx(ratio, rel=1e-12)


def _flags_from_counts(counts):
    """Validation flags (human x, human y, coder x, coder y) reproducing counts[true][observed]."""
    cells = ((1, 1), (1, 0), (0, 1), (0, 0))
    rows = [(*cells[j], *cells[i]) for j in range(4) for i in range(4) for _ in range(counts[j][i])]
    return np.array(rows, dtype=float).T


@pytest.mark.parametrize("case", VALIDATION_MATRIX_REFERENCE, ids=lambda c: str(c[1]))
def test_matrix_estimated_from_validation_reference(case):
    counts, observed, corrected = case
    hx, hy, ax, ay = _flags_from_counts(counts)
    hx[0] = np.nan  # a case with a missing flag is left out
    got_counts = validation_cells(hx, hy, ax, ay)
    expected = np.array(counts)
    expected[0, 0] -= 1
    np.testing.assert_array_equal(got_counts, expected)
    m = classification_matrix_from_validation(np.array(counts))
    np.testing.assert_allclose(m.sum(axis=0), 1.0, rtol=1e-14)
    np.testing.assert_allclose(correct_table(observed, m), corrected, rtol=1e-11)
    assert np.isnan(correct_table(observed, classification_matrix_from_validation(np.zeros((4, 4))))).all()


# --------------------------------------------------------------------------- the validation sample


def _sheet_fixture():
    statements = pd.DataFrame({
        "statement_id": ["s1", "s2", "s3", "s4", "s5", "s6", "s7"],
        "case_id": ["c1", "c1", "c1", "c2", "c2", "c3", "c3"],
        "section": ["goal", "activity", "outcome", "activity", "outcome", "activity", "outcome"],
    })
    sheet = pd.DataFrame({
        "coder": "synthetic",
        "statement_id": ["s1", "s2", "s3", "s4", "s5", "s1", "s2", "s3", "s6"],
        "code": ["ict", "ict", "school_return", "ict", "school_return", "school_return", "school_return", "ict", "ict"],
        "value": pd.array([0, 1, 1, 0, pd.NA, 1, 1, 0, 1], dtype="Int64"),
    })
    return statements, sheet


def test_human_case_flags_follow_the_case_variables_rules():
    statements, sheet = _sheet_fixture()
    flags = human_case_flags(sheet, statements).set_index("case_id")
    assert list(flags.index) == ["c1", "c2", "c3"]
    # c1: ict decided on both goal and activity statements (one 1) -> True
    assert flags.loc["c1", "int_ict"] is True or bool(flags.loc["c1", "int_ict"]) is True
    # an outcome code in goal/activity statements does not count: c1's outcome statement says 1
    assert bool(flags.loc["c1", "out_school_return"]) is True
    assert bool(flags.loc["c2", "int_ict"]) is False
    # c2's outcome statement is not decided -> not a validation unit for school_return
    assert pd.isna(flags.loc["c2", "out_school_return"])
    # c3: ict decided on its activity statement; school_return not decided on its outcome statement
    assert bool(flags.loc["c3", "int_ict"]) is True and pd.isna(flags.loc["c3", "out_school_return"])
    # a code nobody coded: no validation unit
    assert flags["int_home_visit"].isna().all()


def test_several_coders_are_pooled_by_majority_and_a_tie_is_undecided():
    statements, sheet = _sheet_fixture()
    other = sheet.assign(coder="synthetic_b")
    other.loc[other["statement_id"] == "s2", "value"] = 0  # disagrees on s2 (ict 1 vs 0, school_return 1 vs 0)
    flags = human_case_flags(pd.concat([sheet, other]), statements).set_index("case_id")
    assert pd.isna(flags.loc["c1", "int_ict"])  # tie on s2 -> c1 not complete for ict
    third = sheet.assign(coder="synthetic_c")
    flags = human_case_flags(pd.concat([sheet, other, third]), statements).set_index("case_id")
    assert bool(flags.loc["c1", "int_ict"]) is True  # 2 of 3 say 1


def test_classification_rates_counts_and_wilson_intervals():
    ids = [f"synthetic_{i}" for i in range(20)]
    human = pd.DataFrame({"case_id": ids, "int_ict": pd.array([True] * 8 + [False] * 12, dtype="boolean")})
    coder = pd.DataFrame({"case_id": ids[::-1], "int_ict": pd.array(
        ([True] * 6 + [False] * 2 + [True] * 1 + [False] * 11)[::-1], dtype="boolean")})
    human.loc[19, "int_ict"] = pd.NA
    rates = validate(classification_rates(coder, human), "validation_rates")
    r = rates.iloc[0]
    assert (r["tp"], r["fn"], r["fp"], r["tn"], r["n_validation"]) == (6, 2, 1, 10, 19)
    assert r["sensitivity"] == 6 / 8 and r["specificity"] == 10 / 11
    assert (r["sensitivity_low"], r["sensitivity_high"]) == wilson_interval(6, 8)
    assert (r["specificity_low"], r["specificity_high"]) == wilson_interval(10, 11)
    assert bool(r["usable"]) and r["note"] == ""
    few = classification_rates(coder, human, min_units=9).iloc[0]
    assert not few["usable"] and "too few validation units" in few["note"]


# --------------------------------------------------------------------------- SYNTHETIC corpora


def synthetic_corpus(seed: int, *, n_cases: int = 800, n_validation: int = 200, planted=PLANTED):
    """SYNTHETIC case flags: truth drawn with the planted prevalence, the coder's with planted Se/Sp.

    Returns (coder case table, human case flags of a random validation sample, truth table).
    """
    rng = np.random.default_rng(seed)
    ids = pd.array([f"synthetic_{seed}_{i:05d}" for i in range(n_cases)], dtype="string")
    years = pd.array(rng.choice([2021, 2022], size=n_cases), dtype="Int64")
    coder = pd.DataFrame({"case_id": ids, "fiscal_year": years})
    truth = pd.DataFrame({"case_id": ids})
    for var, (prev, se, sp) in planted.items():
        t = rng.random(n_cases) < prev
        u = rng.random(n_cases)
        truth[var] = pd.array(t, dtype="boolean")
        coder[var] = pd.array(np.where(t, u < se, u >= sp), dtype="boolean")
    val = np.sort(rng.choice(n_cases, size=n_validation, replace=False))
    human = truth.iloc[val].reset_index(drop=True)
    return coder, human, truth


def test_synthetic_corrected_prevalence_covers_the_planted_truth_and_the_raw_one_is_biased():
    covered = {var: 0 for var in PLANTED}
    raw_covered = {var: 0 for var in PLANTED}
    errors = {var: [] for var in PLANTED}
    runs = 100
    for seed in range(runs):
        coder, human, _ = synthetic_corpus(seed)
        prev = prevalence(coder, list(PLANTED))
        table = corrected_prevalence(prev, classification_rates(coder, human), n_boot=1000, seed=seed)
        table = table[table["fiscal_year"] == "all"].set_index("variable")
        raw = prev[prev["fiscal_year"] == "all"].set_index("variable")
        for var, (truth, _, _) in PLANTED.items():
            row = table.loc[var]
            covered[var] += row["ci_low"] <= truth <= row["ci_high"]
            raw_covered[var] += raw.loc[var, "ci_low"] <= truth <= raw.loc[var, "ci_high"]
            errors[var].append((row["corrected"] - truth, row["observed"] - truth))
    for var, (truth, se, sp) in PLANTED.items():
        assert covered[var] >= 90, (var, covered[var])  # a 95 % interval: >= 90 of 100 runs
        assert raw_covered[var] <= 10, (var, raw_covered[var])  # the raw Wilson interval misses
        corr, raw = np.array(errors[var]).T
        expected_raw_bias = truth * se + (1 - truth) * (1 - sp) - truth
        assert abs(corr.mean()) < 0.01 and raw.mean() == pytest.approx(expected_raw_bias, abs=0.01)


def test_corrected_prevalence_notes_rows_it_does_not_correct():
    coder, human, _ = synthetic_corpus(1, n_validation=30)
    coder["out_emotional_stability"] = coder["out_self_esteem"]  # never validated
    planted = {**PLANTED, "int_home_visit": (0.5, 0.5, 0.5)}
    c2, h2, _ = synthetic_corpus(2, n_validation=400, planted=planted)
    coder["int_home_visit"], human["int_home_visit"] = c2["int_home_visit"], h2["int_home_visit"][:30]
    prev = prevalence(coder, [*PLANTED, "out_emotional_stability", "int_home_visit"])
    rates = classification_rates(coder, human.drop(columns=["out_emotional_stability"], errors="ignore"))
    table = validate(corrected_prevalence(prev, rates), "prevalence_corrected")
    notes = table[table["fiscal_year"] == "all"].set_index("variable")["note"]
    assert notes["out_emotional_stability"] == NOT_VALIDATED
    usable = rates.set_index("variable")["usable"]
    corrected = table[table["fiscal_year"] == "all"].set_index("variable")["corrected"]
    for var in PLANTED:
        assert usable[var] == corrected.notna()[var]
        assert usable[var] or "too few validation units" in notes[var]
    home = table[(table["variable"] == "int_home_visit")]
    assert home["corrected"].isna().all() and home["ci_low"].isna().all()
    assert table["fiscal_year"].tolist()[:3] == ["2021", "2022", "all"]


def test_bootstrap_interval_is_deterministic_and_conservative_without_information():
    a = bootstrap_rogan_gladen(43, 200, 30, 20, 3, 47, rng=5)
    assert a == bootstrap_rogan_gladen(43, 200, 30, 20, 3, 47, rng=5)
    assert a[0] < ROGAN_GLADEN_REFERENCE[(43, 200, 30, 20, 3, 47)] < a[1] and a[2] == 0.0
    lo, hi, undefined = bootstrap_rogan_gladen(7, 20, 5, 5, 10, 10, rng=5)  # Se + Sp = 1
    assert (lo, hi) == (0.0, 1.0) and undefined > 0.025


def test_each_code_draws_its_own_stream():
    coder, human, _ = synthetic_corpus(3)
    rates = classification_rates(coder, human)
    full = corrected_prevalence(prevalence(coder, list(PLANTED)), rates)
    one = corrected_prevalence(prevalence(coder, ["out_school_return"]), rates)
    pd.testing.assert_frame_equal(full[full["variable"] == "out_school_return"].reset_index(drop=True), one)


def planted_association(seed: int, *, odds_ratio: float, differential: bool, n_cases: int = 1500,
                        n_validation: int = 300):
    """SYNTHETIC intervention ict × outcome school_return with a planted odds ratio and coding error.

    Differential: the coder finds the outcome more easily in cases with the intervention
    (Se 0.9 vs 0.6; Sp 0.85 vs 0.97); otherwise Se 0.75 and Sp 0.92 for everyone.
    """
    rng = np.random.default_rng(seed)
    x = rng.random(n_cases) < 0.4
    odds0 = 0.3 / 0.7
    y = rng.random(n_cases) < np.where(x, odds0 * odds_ratio / (1 + odds0 * odds_ratio), 0.3)
    ax = np.where(x, rng.random(n_cases) < 0.9, rng.random(n_cases) >= 0.95)
    se = np.where(x, 0.9, 0.6) if differential else np.full(n_cases, 0.75)
    sp = np.where(x, 0.85, 0.97) if differential else np.full(n_cases, 0.92)
    u = rng.random(n_cases)
    ay = np.where(y, u < se, u >= sp)
    ids = pd.array([f"synthetic_{seed}_{i:05d}" for i in range(n_cases)], dtype="string")
    coder = pd.DataFrame({"case_id": ids, "fiscal_year": pd.array(rng.choice([2021, 2022], size=n_cases), dtype="Int64"),
                          "int_ict": pd.array(ax, dtype="boolean"), "out_school_return": pd.array(ay, dtype="boolean")})
    val = np.sort(rng.choice(n_cases, size=n_validation, replace=False))
    human = pd.DataFrame({"case_id": ids[val], "int_ict": pd.array(x[val], dtype="boolean"),
                          "out_school_return": pd.array(y[val], dtype="boolean")})
    return coder, human


def _pooled(coder, human, **kw):
    assoc = associations(coder)
    table = validate(direction_robustness(assoc, coder, human, **kw), "association_robustness")
    return table[table["fiscal_year"] == "all"].iloc[0]


def test_synthetic_association_made_by_differential_error_is_flagged_and_a_real_one_is_not():
    spurious, real = [], []
    for seed in range(10):
        row = _pooled(*planted_association(seed, odds_ratio=1.0, differential=True), n_draws=500, seed=seed)
        assert row["odds_ratio"] > 1.5  # the coder's error alone makes the association
        spurious.append(bool(row["direction_robust"]))
        row = _pooled(*planted_association(seed, odds_ratio=4.0, differential=False), n_draws=500, seed=seed)
        assert row["odds_ratio"] < row["odds_ratio_corrected"]  # non-differential error weakens it
        real.append(bool(row["direction_robust"]))
    # measured: seeds 0-19 give 0 / 20 spurious and 17 / 20 real associations robust (300 validation cases:
    # the 4×4 matrix has 12 free rates, so a real association is sometimes not distinguishable)
    assert sum(spurious) == 0 and sum(real) >= 8


def test_direction_robustness_without_a_sheet_is_na_and_deterministic_with_one():
    coder, human = planted_association(0, odds_ratio=4.0, differential=False)
    assoc = associations(coder)
    none = direction_robustness(assoc)
    assert none["direction_robust"].isna().all() and (none["note"] == "no validation sheet: nothing corrected").all()
    a = direction_robustness(assoc, coder, human, n_draws=300)
    pd.testing.assert_frame_equal(a, direction_robustness(assoc, coder, human, n_draws=300))
    year_rows = a[a["fiscal_year"] != "all"]
    assert year_rows["direction_robust"].notna().all() and (year_rows["draws"] > 250).all()
    thin = direction_robustness(assoc, coder, human.iloc[:6], n_draws=300)
    assert thin["direction_robust"].isna().all() and thin["note"].str.startswith("not assessed: no usable").all()
    # no validation case carries both codes: the column of M for true cell a is unknown
    both = (human["int_ict"] & human["out_school_return"]).to_numpy(dtype=bool)
    gap = direction_robustness(assoc, coder, human[~both], n_draws=300)
    assert gap["direction_robust"].isna().all()
    assert gap["note"].str.startswith("not assessed: no validation case in true cell(s) a ").all()


# --------------------------------------------------------------------------- through the analyze step


def _write_synthetic_processed(folder, seed: int = 11, n_cases: int = 400, n_validation: int = 150):
    """SYNTHETIC processed tables (one activity and one outcome statement per case) and a perfect human's sheet."""
    from futoko_research.io import write_csv, write_parquet

    coder, human, truth = synthetic_corpus(seed, n_cases=n_cases, n_validation=n_validation)
    ids = coder["case_id"].astype(str).tolist()
    cases = pd.DataFrame({"case_id": ids, "fiscal_year": coder["fiscal_year"], "municipality": "synthetic"})
    st = pd.DataFrame({
        "statement_id": [f"{c}_{s}" for c in ids for s in ("activity_01", "outcome_01")],
        "case_id": [c for c in ids for _ in range(2)],
        "section": ["activity", "outcome"] * len(ids),
        "text": ["SYNTHETIC activity statement", "SYNTHETIC outcome statement"] * len(ids),
    })
    rows = []
    for var in PLANTED:
        key, cat, sec = var.split("_", 1)[1], "intervention" if var.startswith("int_") else "outcome", \
            "activity_01" if var.startswith("int_") else "outcome_01"
        for cid in coder.loc[coder[var].to_numpy(dtype=bool), "case_id"].astype(str):
            rows.append((f"{cid}_{sec}", cid, key, cat))
    codes = pd.DataFrame(rows, columns=["statement_id", "case_id", "code", "category"])
    codes["section"] = codes["statement_id"].str.rsplit("_", n=2).str[1]
    checkboxes = pd.DataFrame({"case_id": pd.Series(dtype="string"), "category": pd.Series(dtype="string"),
                               "checked": pd.Series(dtype="boolean")})
    for name, df in (("cases", cases), ("statements", st), ("codes", codes), ("checkboxes", checkboxes)):
        write_parquet(df, folder / f"{name}.parquet")
    val_ids = set(human["case_id"].astype(str))
    sheet = st[st["case_id"].isin(val_ids)].copy()
    t = truth.set_index("case_id")
    for var in PLANTED:
        key, sec = var.split("_", 1)[1], "activity" if var.startswith("int_") else "outcome"
        sheet[key] = [int(bool(t.loc[c, var]) and s == sec) for c, s in zip(sheet["case_id"], sheet["section"])]
    sheet_path = folder / "human_codes_synthetic.csv"
    write_csv(sheet, sheet_path)
    return coder, human, sheet_path


def test_analyze_step_writes_the_corrections_only_with_a_sheet(tmp_path):
    from futoko_research.pipeline.steps import CORRECTION_TABLES, analyze

    processed = tmp_path / "processed"
    processed.mkdir()
    coder, human, sheet = _write_synthetic_processed(processed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = analyze(processed, validation=sheet, seed=7)
    assert {p.name for p in written} >= {f"{n}.parquet" for n in CORRECTION_TABLES}
    got = pd.read_parquet(processed / "prevalence_corrected.parquet")
    # the sheet → case flags path gives the same validation units as the planted case-level truth
    cv = pd.read_parquet(processed / "case_variables.parquet")
    rates = classification_rates(cv, human)
    expected = corrected_prevalence(prevalence(cv), rates, seed=7)
    pd.testing.assert_frame_equal(got, expected)
    stored = pd.read_parquet(processed / "validation_rates.parquet").set_index("variable")
    for var in PLANTED:
        assert stored.loc[var, "n_validation"] == 150
    robust = pd.read_parquet(processed / "association_robustness.parquet")
    assert robust["direction_robust"].notna().any()
    first = {n: (processed / f"{n}.csv").read_bytes() for n in CORRECTION_TABLES}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(processed, validation=sheet.parent, seed=7)  # the folder form finds human_codes_*.csv
    assert {n: (processed / f"{n}.csv").read_bytes() for n in CORRECTION_TABLES} == first  # byte-identical rerun
    before = {p.name: p.read_bytes() for p in processed.glob("*.parquet") if p.stem not in CORRECTION_TABLES}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(processed, validation=None)
    after = {p.name: p.read_bytes() for p in processed.glob("*.parquet")}
    assert not any((processed / f"{n}.parquet").exists() or (processed / f"{n}.csv").exists() for n in CORRECTION_TABLES)
    assert after == before  # the other tables do not depend on the sheet


def test_cli_analyze_with_a_bad_sheet_exits_2_naming_it_and_writes_nothing(tmp_path, capsys):
    from futoko_research.cli import main

    processed = tmp_path / "processed"
    processed.mkdir()
    _, _, sheet = _write_synthetic_processed(processed, n_cases=40, n_validation=10)
    text = sheet.read_text(encoding="utf-8-sig").splitlines()
    text[3] = text[3].rsplit(",", 1)[0] + ",2"
    sheet.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
    status = main(["analyze", "--processed-dir", str(processed), "--validation", str(sheet)])
    err = capsys.readouterr().err
    assert status == 2 and str(sheet) in err and ":4:" in err and len(err.strip().splitlines()) == 1
    assert not (processed / "associations.parquet").exists()
    assert main(["analyze", "--processed-dir", str(processed), "--validation", str(tmp_path / "nope.csv")]) == 2
    assert "coding sheet not found" in capsys.readouterr().err


def test_case_variables_of_the_synthetic_tables_are_the_planted_coder_flags(tmp_path):
    processed = tmp_path
    coder, _, _ = _write_synthetic_processed(processed, n_cases=60, n_validation=20)
    cv = case_variables(pd.read_parquet(processed / "cases.parquet"), pd.read_parquet(processed / "checkboxes.parquet"),
                        pd.read_parquet(processed / "codes.parquet"))
    for var in PLANTED:
        np.testing.assert_array_equal(cv[var].to_numpy(dtype=bool), coder[var].to_numpy(dtype=bool))


@pytest.mark.slow
def test_notebooks_03_and_04_show_the_correction_with_a_sheet(tmp_path):
    """SYNTHETIC corpus (futoko_research.synthetic) and a sheet of 40 whole cases by a person who
    disagrees with the rules on some cells: notebook 03 gives P/R/F1 with intervals, notebook 04
    raw and corrected prevalence and direction_robust."""
    import shutil

    from futoko_research.coding import coding_sheet
    from futoko_research.io import write_csv
    from futoko_research.pipeline import run_pipeline
    from futoko_research.pipeline.steps import code, ingest
    from futoko_research.synthetic import write_synthetic_corpus

    repo = __import__("pathlib").Path(__file__).resolve().parents[1]
    raw, processed, out = tmp_path / "raw", tmp_path / "processed", tmp_path / "out"
    write_synthetic_corpus(raw, n_cases=80, years=[2021, 2022], seed=5, cases_per_file=40)
    shutil.copy(repo / "data" / "raw" / "mext_futoko_national.csv", raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(raw, processed, progress=False)
        code(processed)
    statements, codes = pd.read_parquet(processed / "statements.parquet"), pd.read_parquet(processed / "codes.parquet")
    rng = np.random.default_rng(0)
    cases = sorted(statements["case_id"].unique())
    sample = set(rng.choice(cases, size=40, replace=False))
    sheet = coding_sheet(statements[statements["case_id"].isin(sample)], codes=codes)
    for key in ("school_return", "self_esteem", "ict"):  # the person sees codes the rules miss, and vice versa
        flip = rng.random(len(sheet)) < 0.08
        sheet.loc[flip, key] = 1 - sheet.loc[flip, key]
    write_csv(sheet, raw / "human_codes_synthetic.csv")
    run_pipeline(["all"], ["03", "04"], raw_dir=raw, processed_dir=processed, output_dir=out, nlp_profile="fast",
                 cache_dir=tmp_path / "cache", params_dir=tmp_path / "params")
    tables = out / "all" / "tables"
    rvh = pd.read_csv(tables / "03_rule_vs_human.csv", encoding="utf-8-sig")
    assert {"precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high"} <= set(rvh.columns)
    corrected = pd.read_csv(tables / "04_prevalence_corrected.csv", encoding="utf-8-sig")
    assert {"observed", "observed_ci_low", "corrected", "ci_low", "ci_high", "note"} <= set(corrected.columns)
    assert corrected["corrected"].notna().any()
    robust = pd.read_csv(tables / "04_association_robustness.csv", encoding="utf-8-sig")
    assert "direction_robust" in robust.columns
    assert (out / "all" / "figures" / "04_prevalence_corrected.png").is_file()
    assert (tables / "04_validation_rates.csv").is_file()


def test_reporting_without_a_sheet_says_nothing_is_corrected_and_writes_nothing(tmp_path):
    from futoko_research import reporting
    from futoko_research.pipeline.steps import CORRECTION_TABLES

    assert reporting.CORRECTION_TABLES == CORRECTION_TABLES
    text = reporting.coding_error_note(tmp_path).data
    assert "Nothing is corrected for coding error" in text
    for name in CORRECTION_TABLES:
        assert reporting.correction_table(tmp_path, "all", name, tmp_path / "out", f"04_{name}") is None
    assert reporting.corrected_prevalence_figure(tmp_path, "all", tmp_path / "out", "04_prevalence_corrected") is None
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="validation_rates"):
        reporting.correction_table(tmp_path, "all", "prevalence", tmp_path / "out", "04_x")

"""futoko_research.analysis: case variables, associations, prevalence, trends.

Reference values come from other implementations called independently in the tests:
scipy.stats.fisher_exact, statsmodels Table2x2 / StratifiedTable / proportion_confint /
GLM / multipletests (R equivalents: fisher.test, mantelhaen.test(correct=FALSE),
binom::binom.wilson, glm(family=binomial), p.adjust(method="BH")), and the hard-coded
WOOLF_REFERENCE / WILSON_REFERENCE printed by tests/reference/woolf_wilson_reference.py
(50-digit decimal arithmetic from the formulas, standard library only).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy.stats import fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from futoko_research.analysis import (
    INSUFFICIENT,
    associations,
    case_variables,
    odds_ratio_woolf,
    prevalence,
    prevalence_trend,
    wilson_interval,
)
from futoko_research.errors import SparseDataWarning

# printed by tests/reference/woolf_wilson_reference.py: (a, b, c, d) -> (odds ratio, ci_low, ci_high)
WOOLF_REFERENCE = {
    (12, 5, 6, 14): (5.6, 1.3599886925685196, 23.059015248702153),
    (40, 60, 25, 75): (2.0, 1.0931306210692966, 3.659215031491126),
    (1, 1, 1, 1): (1.0, 0.01984252396814991, 50.39681451841222),
    (0, 5, 3, 4): (0.11688311688311688, 0.004696140805848081, 2.9091255090348995),
    (7, 0, 0, 9): (285.0, 5.039688831601944, 16117.066492413056),
    (3, 9, 0, 11): (8.473684210526315, 0.3873978628440958, 185.34775481871847),
}
# printed by tests/reference/woolf_wilson_reference.py: (count, n, alpha) -> (ci_low, ci_high)
WILSON_REFERENCE = {
    (0, 10, 0.05): (0.0, 0.27753279986288926),
    (3, 10, 0.05): (0.10779126740630102, 0.6032218525388546),
    (10, 10, 0.05): (0.7224672001371107, 1.0),
    (1, 1, 0.05): (0.2065493143772374, 1.0),
    (57, 240, 0.05): (0.18806266832991592, 0.29520813963940246),
    (3, 10, 0.01): (0.07956631652306577, 0.6799753207988974),
    (3, 10, 0.1): (0.12687658390319784, 0.558300204130165),
}


def make_case_table(n=240, seed=7, years=(2020, 2021, 2022), n_unknown=20, log_or=1.1):
    """Random case table: int_a → out_x planted (log OR), int_b and out_y independent."""
    rng = np.random.default_rng(seed)
    yr = rng.choice(years, size=n).astype(object)
    yr[:n_unknown] = None
    a = rng.random(n) < 0.4
    b = rng.random(n) < 0.3
    base = np.array([{2020: -1.2, 2021: -0.8, 2022: -0.4}.get(y, -1.0) for y in yr])
    x = rng.random(n) < 1 / (1 + np.exp(-(base + log_or * a)))
    y = rng.random(n) < 0.35
    return pd.DataFrame({
        "case_id": pd.array([f"c{i:04d}" for i in range(n)], dtype="string"),
        "fiscal_year": pd.array(yr, dtype="Int64"),
        "municipality": pd.array(["架空町"] * n, dtype="string"),
        "int_a": pd.array(a, dtype="boolean"), "int_b": pd.array(b, dtype="boolean"),
        "out_x": pd.array(x, dtype="boolean"), "out_y": pd.array(y, dtype="boolean"),
    })


@pytest.fixture(scope="module")
def case_table():
    return make_case_table()


@pytest.fixture(scope="module")
def assoc(case_table):
    return associations(case_table, ["int_a", "int_b"], ["out_x", "out_y"])


def _stratum_table(ct, i, o, year):
    sub = ct[ct["fiscal_year"].isna()] if year == "unknown" else ct[ct["fiscal_year"] == int(year)]
    x, y = sub[i].to_numpy(dtype=bool), sub[o].to_numpy(dtype=bool)
    return np.array([[np.sum(x & y), np.sum(x & ~y)], [np.sum(~x & y), np.sum(~x & ~y)]])


def test_association_columns_and_years(assoc):
    assert list(assoc.columns[:15]) == [
        "intervention", "outcome", "fiscal_year", "n", "a", "b", "c", "d", "odds_ratio", "ci_low",
        "ci_high", "p_value", "test", "q_value", "p_homogeneity"]
    assert set(assoc["fiscal_year"]) == {"2020", "2021", "2022", "unknown", "all"}
    assert set(assoc["intervention"]) == {"a", "b"} and set(assoc["outcome"]) == {"x", "y"}
    assert assoc["fiscal_year"].dtype == "string" and assoc["n"].dtype == "Int64"
    assert not assoc["descriptive_only"].any()
    pooled = assoc[assoc["fiscal_year"] == "all"]
    assert (pooled["n"] == 240).all()
    assert (pooled["test"] == "mantel_haenszel").all()


def test_per_year_rows_match_scipy_fisher_and_woolf(case_table, assoc):
    per_year = assoc[assoc["fiscal_year"] != "all"]
    assert len(per_year) == 16
    for r in per_year.itertuples():
        t = _stratum_table(case_table, f"int_{r.intervention}", f"out_{r.outcome}", r.fiscal_year)
        assert (r.a, r.b, r.c, r.d) == tuple(t.ravel())
        ref = fisher_exact(t)  # R: fisher.test(t)$p.value
        assert r.p_value == pytest.approx(ref.pvalue, rel=1e-10)
        # Woolf interval on the Haldane-corrected table (+0.5 to every cell when one is 0);
        # statsmodels' shift_zeros=True would replace only the zero cells, so it is off here
        tab = Table2x2(t + 0.5 if (t == 0).any() else t, shift_zeros=False)
        lo, hi = tab.oddsratio_confint(alpha=0.05, method="normal")
        assert r.odds_ratio == pytest.approx(tab.oddsratio, rel=1e-10)
        assert (r.ci_low, r.ci_high) == pytest.approx((lo, hi), rel=1e-10)
        assert ("Haldane" in r.note) == bool((t == 0).any())


@pytest.mark.parametrize("table", list(WOOLF_REFERENCE))
def test_odds_ratio_woolf_reference_values_and_statsmodels(table):
    orr, lo, hi, corrected = odds_ratio_woolf(*table)
    assert corrected == (0 in table)
    # independent reference (tests/reference/woolf_wilson_reference.py)
    assert (orr, lo, hi) == pytest.approx(WOOLF_REFERENCE[table], rel=1e-12)
    # the library called directly, on the Haldane-corrected table
    t = np.array(table, dtype=float).reshape(2, 2)
    tab = Table2x2(t + 0.5 if corrected else t, shift_zeros=False)
    assert (orr, lo, hi) == pytest.approx((tab.oddsratio, *tab.oddsratio_confint(alpha=0.05, method="normal")),
                                          rel=1e-12)
    if corrected:
        # measured reason the Woolf code stays ours: shift_zeros=True is not Haldane's correction
        assert Table2x2(t, shift_zeros=True).oddsratio != pytest.approx(orr, rel=1e-3)


def test_pooled_rows_match_statsmodels_mantel_haenszel(case_table, assoc):
    for (i, o), g in assoc.groupby(["intervention", "outcome"]):
        tables = [_stratum_table(case_table, f"int_{i}", f"out_{o}", y) for y in ("2020", "2021", "2022", "unknown")]
        st = StratifiedTable([t.astype(float) for t in tables])
        row = g[g["fiscal_year"] == "all"].iloc[0]
        assert row["odds_ratio"] == pytest.approx(st.oddsratio_pooled, rel=1e-10)
        lo, hi = st.oddsratio_pooled_confint()
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((lo, hi), rel=1e-10)
        # R: mantelhaen.test(array, correct = FALSE)$p.value
        assert row["p_value"] == pytest.approx(st.test_null_odds(correction=False).pvalue, rel=1e-10)
        assert row["p_homogeneity"] == pytest.approx(st.test_equal_odds().pvalue, rel=1e-10)
        assert row["n_strata"] == 4


def test_planted_association_detected_and_null_quiet(assoc):
    pooled = assoc[assoc["fiscal_year"] == "all"].set_index(["intervention", "outcome"])
    assert pooled.loc[("a", "x"), "p_value"] < 0.01
    assert pooled.loc[("a", "x"), "ci_low"] > 1
    assert pooled.loc[("b", "y"), "q_value"] > 0.05


def test_q_values_are_bh_over_the_whole_table(assoc):
    p = assoc["p_value"].to_numpy()
    ok = ~np.isnan(p)
    ref = multipletests(p[ok], method="fdr_bh")[1]  # R: p.adjust(p, "BH")
    np.testing.assert_allclose(assoc["q_value"].to_numpy()[ok], ref, rtol=1e-12)


def test_mh_continuity_correction_option(case_table):
    out = associations(case_table, ["int_a"], ["out_x"], mh_correction=True)
    tables = [_stratum_table(case_table, "int_a", "out_x", y) for y in ("2020", "2021", "2022", "unknown")]
    st = StratifiedTable([t.astype(float) for t in tables])
    row = out[out["fiscal_year"] == "all"].iloc[0]
    assert row["p_value"] == pytest.approx(st.test_null_odds(correction=True).pvalue, rel=1e-10)


def test_degenerate_strata_dropped_from_pooled(case_table):
    ct = case_table.copy()
    m = (ct["fiscal_year"] == 2020).fillna(False).to_numpy(dtype=bool)
    ct.loc[m, "int_a"] = True  # 2020: no case without the intervention → degenerate margin
    out = associations(ct, ["int_a"], ["out_x"])
    y2020 = out[out["fiscal_year"] == "2020"].iloc[0]
    assert y2020["note"] == INSUFFICIENT and np.isnan(y2020["odds_ratio"]) and np.isnan(y2020["p_value"])
    pooled = out[out["fiscal_year"] == "all"].iloc[0]
    assert pooled["n_strata"] == 3 and "degenerate margin dropped" in pooled["note"]
    tables = [_stratum_table(ct, "int_a", "out_x", y) for y in ("2021", "2022", "unknown")]
    st = StratifiedTable([t.astype(float) for t in tables])
    assert pooled["odds_ratio"] == pytest.approx(st.oddsratio_pooled, rel=1e-10)


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_cases_is_insufficient_not_a_crash(n):
    ct = make_case_table(n=40).iloc[:n]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SparseDataWarning)
        out = associations(ct, ["int_a"], ["out_x"])
    assert out["note"].str.contains(INSUFFICIENT).all()
    assert out[["odds_ratio", "ci_low", "ci_high", "p_value", "q_value"]].isna().all().all()


def test_all_zero_cells_never_inf():
    ct = make_case_table(n=60)
    ct["int_a"] = pd.array(np.arange(60) % 2 == 0, dtype="boolean")
    ct["out_x"] = ct["int_a"]  # perfect association: b = c = 0 in every stratum
    out = associations(ct, ["int_a"], ["out_x"])
    vals = out[["odds_ratio", "ci_low", "ci_high"]].to_numpy(dtype=float)
    assert not np.isinf(vals).any()
    pooled = out[out["fiscal_year"] == "all"].iloc[0]
    assert np.isfinite(pooled["odds_ratio"]) and pooled["odds_ratio"] > 1
    assert "+0.5" in pooled["note"]
    assert out[out["fiscal_year"] != "all"]["note"].str.contains("Haldane").all()


def test_sample_sized_data_is_descriptive_only():
    ct = make_case_table(n=3, n_unknown=3)
    with pytest.warns(SparseDataWarning, match="inference needs more cases"):
        out = associations(ct, ["int_a", "int_b"], ["out_x"])
    assert out["descriptive_only"].all()
    assert out["p_value"].isna().all() and out["q_value"].isna().all()
    assert out["note"].str.contains("descriptive only").all()
    assert set(out["fiscal_year"]) == {"unknown", "all"}


@pytest.mark.parametrize("case", list(WILSON_REFERENCE))
def test_wilson_reference_values_and_statsmodels(case):
    k, n, alpha = case
    got = wilson_interval(k, n, alpha)
    # independent reference (tests/reference/woolf_wilson_reference.py)
    assert got == pytest.approx(WILSON_REFERENCE[case], rel=1e-12, abs=1e-15)
    # the library called directly
    assert got == pytest.approx(proportion_confint(k, n, alpha=alpha, method="wilson"), rel=1e-12, abs=1e-15)


def test_wilson_is_bit_identical_to_the_formula_of_published_tables():
    """wilson_interval passes statsmodels the tail 1 − (1 − alpha/2) so that its z is the
    norm.ppf(1 − alpha/2) of the former hand-written formula: output tables keep their bytes."""
    import math

    from scipy.stats import norm

    for alpha in (0.05, 0.01, 0.1):
        z = float(norm.ppf(1 - alpha / 2))
        for n in range(1, 61):
            for k in range(n + 1):
                p = k / n
                denom = 1 + z * z / n
                centre = (p + z * z / (2 * n)) / denom
                half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
                assert wilson_interval(k, n, alpha) == (max(0.0, centre - half), min(1.0, centre + half))
    with pytest.raises(ValueError, match="count must be between 0 and n"):
        wilson_interval(11, 10)


def test_wilson_matches_statsmodels(case_table):
    for k, n in [(0, 10), (3, 10), (10, 10), (1, 1), (57, 240)]:
        # R: binom::binom.wilson(k, n)
        ref = proportion_confint(k, n, alpha=0.05, method="wilson")
        assert wilson_interval(k, n) == pytest.approx(ref, rel=1e-10, abs=1e-12)
    assert all(np.isnan(v) for v in wilson_interval(0, 0))
    prev = prevalence(case_table, ["int_a", "out_x"])
    assert set(prev["fiscal_year"]) == {"2020", "2021", "2022", "unknown", "all"}
    for r in prev.itertuples():
        lo, hi = proportion_confint(r.count, r.n, method="wilson")
        assert (r.ci_low, r.ci_high) == pytest.approx((lo, hi), rel=1e-10)
        assert r.proportion == pytest.approx(r.count / r.n)
    allrow = prev[(prev["variable"] == "int_a") & (prev["fiscal_year"] == "all")].iloc[0]
    assert allrow["n"] == 240 and allrow["count"] == int(case_table["int_a"].sum())


def test_prevalence_of_empty_year_is_insufficient():
    ct = make_case_table(n=30)
    prev = prevalence(ct.iloc[:1], ["int_a"])
    assert prev["note"].eq(INSUFFICIENT).all()


def test_trend_matches_statsmodels_glm(case_table):
    tr = prevalence_trend(case_table, ["out_x", "int_b"])
    known = case_table[case_table["fiscal_year"].notna()]
    for r in tr.itertuples():
        yrs = known["fiscal_year"].to_numpy(dtype=float)
        X = sm.add_constant(yrs - yrs.mean())
        fit = sm.GLM(known[r.variable].to_numpy(dtype=float), X, family=sm.families.Binomial()).fit()
        assert r.estimate == pytest.approx(fit.params[1], rel=1e-6)
        assert r.p_value == pytest.approx(fit.pvalues[1], rel=1e-6)
        assert (r.ci_low, r.ci_high) == pytest.approx(tuple(np.exp(fit.conf_int()[1])), rel=1e-6)
        assert r.n == len(known) and r.n_unknown_year == 20 and r.n_years == 3
        assert "20 case(s) without a year excluded" in r.note
    out_x = tr.set_index("variable").loc["out_x"]
    assert out_x["odds_ratio_per_year"] > 1  # the intercept rises over the years


def test_trend_with_one_year_or_constant_flag_is_insufficient():
    ct = make_case_table(n=50, years=(2021,), n_unknown=0)
    tr = prevalence_trend(ct, ["int_a"])
    assert tr["note"].iloc[0].startswith(INSUFFICIENT) and np.isnan(tr["estimate"].iloc[0])
    ct2 = make_case_table(n=50)
    ct2["int_a"] = pd.array([True] * 50, dtype="boolean")
    tr2 = prevalence_trend(ct2, ["int_a"])
    assert tr2["note"].iloc[0].startswith(INSUFFICIENT)


def _mini_tables():
    cases = pd.DataFrame({
        "case_id": pd.array(["s_001", "s_002", "s_003"], dtype="string"),
        "fiscal_year": pd.array([2021, None, 2022], dtype="Int64"),
        "municipality": pd.array(["甲市", "乙町", "丙村"], dtype="string"),
    })
    checkboxes = pd.DataFrame({
        "case_id": pd.array(["s_001", "s_001", "s_001", "s_002"], dtype="string"),
        "category": pd.Categorical(["school_return_support", "learning_opportunity", "center_enhancement",
                                    "school_return_support"]),
        "checked": pd.array([True, False, True, False], dtype="boolean"),
    })
    statements = pd.DataFrame({
        "statement_id": pd.array(["s_001_goal_01", "s_001_activity_01", "s_001_outcome_01",
                                  "s_002_goal_01", "s_002_outcome_01"], dtype="string"),
        "case_id": pd.array(["s_001", "s_001", "s_001", "s_002", "s_002"], dtype="string"),
        "section": pd.Categorical(["goal", "activity", "outcome", "goal", "outcome"]),
    })
    codes = pd.DataFrame({
        "statement_id": ["s_001_goal_01", "s_001_activity_01", "s_001_activity_01", "s_001_outcome_01",
                         "s_001_outcome_01", "s_002_goal_01", "s_002_outcome_01"],
        "case_id": ["s_001", "s_001", "s_001", "s_001", "s_001", "s_002", "s_002"],
        "code": ["ict", "ict", "counseling", "school_return", "individual_learning", "school_return",
                 "self_esteem"],
        "category": ["intervention", "intervention", "intervention", "outcome", "intervention", "outcome",
                     "outcome"],
    })
    return cases, checkboxes, statements, codes


def test_case_variables_flags_and_counts():
    cases, checkboxes, statements, codes = _mini_tables()
    with pytest.raises(ValueError, match="section"):
        case_variables(cases, checkboxes, codes)
    cv = case_variables(cases, checkboxes, codes, statements=statements).set_index("case_id")
    assert cv.loc["s_001", "int_ict"] and cv.loc["s_001", "int_counseling"]
    # an intervention code in an outcome statement is not a case-level intervention
    assert not cv.loc["s_001", "int_individual_learning"]
    assert cv.loc["s_001", "out_school_return"]
    # an outcome code in a goal statement is an aim, not a result
    assert not cv.loc["s_002", "out_school_return"] and cv.loc["s_002", "out_self_esteem"]
    assert cv.loc["s_001", "cb_school_return_support"] and not cv.loc["s_001", "cb_learning_opportunity"]
    assert pd.isna(cv.loc["s_002", "cb_center_enhancement"]) and pd.isna(cv.loc["s_003", "cb_school_return_support"])
    assert list(cv["n_statements"]) == [3, 2, 0]
    assert list(cv["n_intervention_codes"]) == [2, 0, 0] and list(cv["n_outcome_codes"]) == [1, 1, 0]
    assert not cv.loc["s_003"].filter(like="int_").any()
    # every default key has a column even when no case carries it
    assert "int_home_visit" in cv.columns and "out_daily_rhythm" in cv.columns
    assert cv["int_ict"].dtype == "boolean" and cv["fiscal_year"].dtype == "Int64"
    # with a section column already present the statements are optional
    with_sec = codes.merge(statements[["statement_id", "section"]], on="statement_id")
    cv2 = case_variables(cases, checkboxes, with_sec).set_index("case_id")
    assert cv2.loc["s_001", "int_ict"] and list(cv2["n_statements"]) == [3, 2, 0]


def test_case_variables_feed_associations():
    cases, checkboxes, statements, codes = _mini_tables()
    cv = case_variables(cases, checkboxes, codes, statements=statements)
    with pytest.warns(SparseDataWarning):
        out = associations(cv, ["ict", "counseling"], ["school_return"])
    assert set(out["fiscal_year"]) == {"2021", "2022", "unknown", "all"}
    assert out["note"].str.contains(INSUFFICIENT).all()
    with pytest.raises(KeyError, match="nope"):
        associations(cv, ["nope"], ["school_return"])


def test_analyze_without_inputs_is_one_line_error(tmp_path, capsys):
    from futoko_research.cli import main

    assert main(["analyze", "--processed-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cases.parquet" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "case_variables.parquet").exists()


def test_figures_draw_with_japanese_labels(case_table, tmp_path):
    import matplotlib.pyplot as plt

    from futoko_research.plots import save_figure
    from futoko_research.plots.analysis import (
        plot_association_heatmap,
        plot_forest,
        plot_link_diagram,
        plot_prevalence,
    )

    ct = case_table.rename(columns={"int_a": "int_ict", "int_b": "int_home_visit", "out_x": "out_school_return",
                                    "out_y": "out_self_esteem"})
    assoc = associations(ct)
    counts = pd.DataFrame({"intervention": ["ict", "home_visit"], "outcome": ["school_return", "school_return"],
                           "fiscal_year": ["all", "all"], "n_links": [4, 1], "n_cases": [3, 1],
                           "n_statements": [4, 1]})
    axes = [plot_association_heatmap(assoc), plot_association_heatmap(assoc, value="count", fiscal_year="2021"),
            plot_prevalence(prevalence(ct)), plot_forest(assoc), plot_link_diagram(counts)]
    for k, ax in enumerate(axes):
        # every figure names its x axis and has a title; the link diagram has no y label by design
        assert ax.get_xlabel() and ax.get_title() and (ax.get_ylabel() or k == len(axes) - 1)
        save_figure(ax.figure, tmp_path / f"fig{k}")
        plt.close(ax.figure)
    heat = axes[0]
    assert "ICTの活用" in [t.get_text() for t in heat.get_yticklabels()]
    assert (tmp_path / "fig3.svg").exists() and (tmp_path / "fig3.png").exists()

"""Tests of coding sheets, intercoder reliability and rule-versus-human scores.

Reference values for kappa and alpha: the published ones (Krippendorff 2011) and exact
fractions printed by tests/reference/agreement_reference.py (rational arithmetic from the
definitions, standard library only). The wrappers are also checked against the libraries they
call (statsmodels' cohens_kappa, the krippendorff package), called directly here.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa

from futoko_research.coding import (
    code_statements,
    coding_sheet,
    cohen_kappa,
    krippendorff_alpha,
    load_codebook,
    percent_agreement,
    read_coding_sheet,
    reliability,
    rule_vs_human,
    write_coding_sheet,
)
from futoko_research.coding.agreement import CodingSheetError
from futoko_research.errors import FutokoError

NA = np.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12
# units, nominal values with missing data; published nominal alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]


# exact values printed by tests/reference/agreement_reference.py
ALPHA_2011_EXACT = 113 / 152
ALPHA_BINARY_EXACT = 2 / 21
KAPPA_THREE = (["a", "a", "b", "c", "b", "a", None, "c", "c", "b", "a", "b"],
               ["a", "b", "b", "c", "b", "a", "c", "a", "c", None, "a", "c"])
KAPPA_THREE_EXACT = 6 / 11


def _library_alpha(matrix) -> float:
    return float(krippendorff.alpha(reliability_data=np.array(matrix, dtype=float), level_of_measurement="nominal"))


def _library_kappa(a, b) -> float:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    table = pd.crosstab(pd.Series([x for x, _ in pairs]), pd.Series([y for _, y in pairs]))
    cats = sorted(set(table.index) | set(table.columns))
    return float(sm_cohens_kappa(table.reindex(index=cats, columns=cats, fill_value=0).to_numpy(), return_results=False))


def test_krippendorff_alpha_published_example():
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(ALPHA_2011_EXACT, rel=1e-12)
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(_library_alpha(KRIPPENDORFF_2011), rel=1e-12)


def test_krippendorff_alpha_two_coders_binary_hand_calc():
    # Krippendorff (2011) section A: 2 coders, 10 units, binary; published alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)
    assert krippendorff_alpha([a, b]) == pytest.approx(ALPHA_BINARY_EXACT, rel=1e-12)
    assert krippendorff_alpha([a, b]) == pytest.approx(_library_alpha([a, b]), rel=1e-12)
    # no variation at all: perfect agreement
    assert krippendorff_alpha([[1, 1, 1], [1, 1, 1]]) == 1.0
    with pytest.raises(ValueError):
        krippendorff_alpha([a, b], level="interval")


def test_krippendorff_alpha_edge_cases_kept_where_the_library_raises():
    # one value only (D_e = 0): 1.0 here; the library raises
    assert krippendorff_alpha([[1, 1, NA], [1, 1, 2]]) == 1.0  # the 2 is in no pairable unit
    with pytest.raises(ValueError, match="more than one value"):
        _library_alpha([[1, 1, 1], [1, 1, 1]])
    # no unit with two values: NaN here; the library raises
    assert np.isnan(krippendorff_alpha([[1, NA, 2], [NA, 3, NA]]))
    assert np.isnan(krippendorff_alpha([]))
    with pytest.raises(ValueError, match="at least one unit"):
        _library_alpha([[1, NA, 2], [NA, 3, NA]])
    # missing values in any form, strings as values
    assert krippendorff_alpha([["a", "b", None, "a"], ["a", "b", "b", pd.NA], ["a", "a", "b", NA]]) == pytest.approx(
        float(krippendorff.alpha(reliability_data=[["a", "b", "nan", "a"], ["a", "b", "b", "nan"], ["a", "a", "b", "nan"]],
                                 level_of_measurement="nominal")), rel=1e-12)


def test_cohen_kappa_textbook_example():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> p_o = 0.7, p_e = 0.5, kappa = 0.4
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert percent_agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(a, b) == pytest.approx(_library_kappa(a, b), rel=1e-12)
    # missing values drop the unit for both statistics
    assert cohen_kappa([*a, 1], [*b, None]) == pytest.approx(0.4)
    assert np.isnan(cohen_kappa([None], [1]))


def test_cohen_kappa_three_categories_with_missing():
    a, b = KAPPA_THREE
    assert cohen_kappa(a, b) == pytest.approx(KAPPA_THREE_EXACT, rel=1e-12)
    assert cohen_kappa(a, b) == pytest.approx(_library_kappa(a, b), rel=1e-12)


def test_cohen_kappa_single_shared_value_is_perfect_agreement():
    # p_e = 1: kappa is 0/0. Kept: 1.0 here; statsmodels gives NaN with a RuntimeWarning
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) == 1.0
    with pytest.warns(RuntimeWarning):
        assert np.isnan(sm_cohens_kappa(np.array([[3.0]]), return_results=False))
    # one value each, but different: p_e = 0, kappa = 0
    assert cohen_kappa([0, 0], [1, 1]) == 0.0 == _library_kappa([0, 0], [1, 1])


@pytest.fixture(scope="module")
def statements(sample_statements):
    return sample_statements.head(6).reset_index(drop=True)


def test_coding_sheet_roundtrip_csv_and_xlsx(tmp_path, statements):
    cb = load_codebook()
    sheet = coding_sheet(statements, cb)
    assert list(sheet.columns[:4]) == ["statement_id", "case_id", "section", "text"]
    assert list(sheet.columns[4:]) == list(cb)
    for suffix in (".csv", ".xlsx"):
        path = write_coding_sheet(statements, tmp_path / f"coder1{suffix}", cb)
        assert path.exists()
        long = read_coding_sheet(path, cb, statements=statements)
        assert long["value"].isna().all()
        assert len(long) == len(statements) * len(cb)
        assert set(long["coder"]) == {"coder1"}
    # a prefilled sheet (rules' codes) read back gives the rules' codes
    codes = code_statements(statements, cb, method="rules")
    path = write_coding_sheet(statements, tmp_path / "rules.xlsx", cb, codes=codes)
    long = read_coding_sheet(path, cb, statements=statements)
    table = rule_vs_human(codes, long)
    assert table.set_index("code").loc["micro", "f1"] == 1.0


def _filled(tmp_path, statements, rows):
    cb = load_codebook()
    sheet = coding_sheet(statements, cb)
    for (i, col), value in rows.items():
        sheet[col] = sheet[col].astype(object)
        sheet.loc[i, col] = value
    path = tmp_path / "filled.csv"
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    return path, cb


def test_read_coding_sheet_errors_name_file_and_row(tmp_path, statements):
    path, cb = _filled(tmp_path, statements, {(1, "ict"): "yes"})
    with pytest.raises(CodingSheetError, match=r"filled\.csv:3: column 'ict': value 'yes' is not 0, 1 or blank"):
        read_coding_sheet(path, cb, statements=statements)
    path, cb = _filled(tmp_path, statements, {(0, "statement_id"): "no_such_statement"})
    with pytest.raises(FutokoError, match=r"filled\.csv:2: unknown statement_id 'no_such_statement'"):
        read_coding_sheet(path, cb, statements=statements)
    sheet = coding_sheet(statements, cb).rename(columns={"ict": "icts"})
    bad = tmp_path / "badcol.csv"
    sheet.to_csv(bad, index=False)
    with pytest.raises(CodingSheetError, match=r"badcol\.csv: unknown code column\(s\) icts"):
        read_coding_sheet(bad, cb)


def _long(coder, values: dict[tuple[str, str], int | None]) -> pd.DataFrame:
    rows = [(coder, s, c, v) for (s, c), v in values.items()]
    return pd.DataFrame(rows, columns=["coder", "statement_id", "code", "value"]).astype(
        {"coder": "string", "statement_id": "string", "code": "string", "value": "Int64"})


def test_reliability_per_code_and_overall():
    units = [f"s{i}" for i in range(50)]
    a_vals = [1] * 25 + [0] * 25
    b_vals = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    a = _long("a", {**{(u, "ict"): v for u, v in zip(units, a_vals)}, **{(u, "ibasho"): 1 for u in units[:10]},
                    **{(u, "ibasho"): 0 for u in units[10:]}})
    b = _long("b", {**{(u, "ict"): v for u, v in zip(units, b_vals)}, **{(u, "ibasho"): 1 for u in units[:10]},
                    **{(u, "ibasho"): 0 for u in units[10:]}})
    rel = reliability([a, b]).set_index("code")
    assert rel.loc["ict", "percent_agreement"] == pytest.approx(0.7)
    assert rel.loc["ict", "cohen_kappa"] == pytest.approx(cohen_kappa(a_vals, b_vals))
    assert rel.loc["ict", "krippendorff_alpha"] == pytest.approx(krippendorff_alpha([a_vals, b_vals]))
    assert rel.loc["ibasho", "cohen_kappa"] == pytest.approx(1.0)
    assert rel.loc["overall", "n_units"] == 100
    assert rel.loc["overall", "percent_agreement"] == pytest.approx(85 / 100)
    # three coders: kappa undefined, alpha defined
    c = _long("c", {(u, "ict"): v for u, v in zip(units, a_vals)})
    rel3 = reliability({"a": a, "b": b, "c": c}, codes=["ict"]).set_index("code")
    assert np.isnan(rel3.loc["ict", "cohen_kappa"])
    assert rel3.loc["ict", "krippendorff_alpha"] == pytest.approx(krippendorff_alpha([a_vals, b_vals, a_vals]))
    with pytest.raises(ValueError):
        reliability([a])


def test_rule_vs_human_precision_recall():
    codes = pd.DataFrame({"statement_id": ["s1", "s1", "s2", "s3"], "code": ["ict", "ibasho", "ict", "ibasho"]})
    human = {"s1": ["ict"], "s2": ["ict", "ibasho"], "s3": [], "s4": ["ict"]}
    t = rule_vs_human(codes, human, code_keys=["ict", "ibasho"]).set_index("code")
    # ict: tp s1,s2; fn s4 -> P 1, R 2/3; ibasho: tp 0, fp s1,s3, fn s2
    assert (t.loc["ict", "tp"], t.loc["ict", "fp"], t.loc["ict", "fn"]) == (2, 0, 1)
    assert t.loc["ict", "recall"] == pytest.approx(2 / 3)
    assert (t.loc["ibasho", "tp"], t.loc["ibasho", "fp"], t.loc["ibasho", "fn"]) == (0, 2, 1)
    assert t.loc["ibasho", "precision"] == 0.0
    assert t.loc["micro", "precision"] == pytest.approx(2 / 4)
    assert t.loc["micro", "recall"] == pytest.approx(2 / 4)
    assert t.loc["micro", "f1"] == pytest.approx(0.5)
    # long sheet form: blank cells are not decisions
    long = _long("h", {("s1", "ict"): 1, ("s1", "ibasho"): None, ("s2", "ict"): 0})
    t2 = rule_vs_human(codes, long, code_keys=["ict", "ibasho"]).set_index("code")
    assert (t2.loc["ict", "tp"], t2.loc["ict", "fp"]) == (1, 1)
    assert t2.loc["ibasho", "tp"] + t2.loc["ibasho", "fp"] + t2.loc["ibasho", "fn"] == 0


def test_rule_vs_human_intervals_wilson_and_statement_bootstrap():
    from futoko_research.analysis import wilson_interval

    rng = np.random.default_rng(3)
    sids = [f"s{i}" for i in range(120)]
    human = {s: [k for k in ("ict", "ibasho") if rng.random() < 0.4] for s in sids}
    rows = [(s, k) for s in sids for k in ("ict", "ibasho") if (k in human[s]) == (rng.random() < 0.85)]
    codes = pd.DataFrame(rows, columns=["statement_id", "code"])
    plain = rule_vs_human(codes, human, code_keys=["ict", "ibasho"])
    t = rule_vs_human(codes, human, code_keys=["ict", "ibasho"], intervals=True, n_boot=400, seed=9)
    pd.testing.assert_frame_equal(t[plain.columns], plain)  # the point estimates are unchanged
    for r in t.itertuples():
        # Wilson, bit-identical to analysis.wilson_interval (coding sits below analysis)
        assert (r.precision_low, r.precision_high) == wilson_interval(r.tp, r.tp + r.fp)
        assert (r.recall_low, r.recall_high) == wilson_interval(r.tp, r.tp + r.fn)
        assert r.f1_low < r.f1 < r.f1_high
    pd.testing.assert_frame_equal(t, rule_vs_human(codes, human, code_keys=["ict", "ibasho"], intervals=True,
                                                   n_boot=400, seed=9))
    # the F1 interval is the percentile bootstrap over statements: recomputed naively, draw by draw
    draws = np.random.default_rng(9)
    rule = {(s, k) for s, k in rows}
    f1s = {k: [] for k in ("ict", "ibasho", "micro")}
    for start in range(0, 400, 100):
        idx = draws.integers(0, len(sids), size=(min(100, 400 - start), len(sids)))
        for rep in idx:
            tot = np.zeros(3)
            for k in ("ict", "ibasho"):
                tp = sum((sids[i], k) in rule and k in human[sids[i]] for i in rep)
                fp = sum((sids[i], k) in rule and k not in human[sids[i]] for i in rep)
                fn = sum((sids[i], k) not in rule and k in human[sids[i]] for i in rep)
                f1s[k].append(2 * tp / (2 * tp + fp + fn))
                tot += (tp, fp, fn)
            f1s["micro"].append(2 * tot[0] / (2 * tot[0] + tot[1] + tot[2]))
    got = t.set_index("code")
    for k, vals in f1s.items():
        lo, hi = np.quantile(vals, [0.025, 0.975])
        assert (got.loc[k, "f1_low"], got.loc[k, "f1_high"]) == pytest.approx((lo, hi), abs=1e-12)


def test_rule_vs_human_intervals_are_nan_where_undefined():
    codes = pd.DataFrame({"statement_id": ["s1"], "code": ["ict"]})
    t = rule_vs_human(codes, {"s1": ["ict"], "s2": []}, code_keys=["ict", "ibasho"], intervals=True,
                      n_boot=50).set_index("code")
    assert np.isnan(t.loc["ibasho", ["precision_low", "recall_high", "f1_low", "f1_high"]].astype(float)).all()
    assert t.loc["ict", "recall_high"] == 1.0

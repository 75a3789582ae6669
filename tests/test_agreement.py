"""Tests of coding sheets, intercoder reliability and rule-versus-human scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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


def test_krippendorff_alpha_published_example():
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_two_coders_binary_hand_calc():
    # Krippendorff (2011) section A: 2 coders, 10 units, binary; published alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)
    # no variation at all: perfect agreement
    assert krippendorff_alpha([[1, 1, 1], [1, 1, 1]]) == 1.0
    with pytest.raises(ValueError):
        krippendorff_alpha([a, b], level="interval")


def test_cohen_kappa_textbook_example():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> p_o = 0.7, p_e = 0.5, kappa = 0.4
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert percent_agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    # missing values drop the unit for both statistics
    assert cohen_kappa([*a, 1], [*b, None]) == pytest.approx(0.4)
    assert np.isnan(cohen_kappa([None], [1]))


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
    codes = code_statements(statements, cb)
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

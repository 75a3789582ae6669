"""Notebook helpers (futoko_research.reporting): year selection, saving, corpus overview."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from futoko_research import reporting
from futoko_research.plots.analysis import plot_prevalence_bars
from futoko_research.plots.corpus import plot_statements_by_section

CASES = pd.DataFrame({
    "case_id": pd.array(["a", "b", "c", "d"], dtype="string"),
    "fiscal_year": pd.array([2021, None, 2022, 2021], dtype="Int64"),
    "municipality": pd.array(["甲市", "乙町", "甲市", None], dtype="string"),
})
STATEMENTS = pd.DataFrame({
    "statement_id": pd.array(["a1", "a2", "b1", "c1", "d1"], dtype="string"),
    "case_id": pd.array(["a", "a", "b", "c", "d"], dtype="string"),
})


@pytest.mark.parametrize(
    ("value", "expected"),
    [("all", "all"), ("ALL", "all"), (" unknown ", "unknown"), (2021, "2021"), ("2021", "2021")],
)
def test_normalize_year(value, expected):
    assert reporting.normalize_year(value) == expected


@pytest.mark.parametrize("value", ["last", "21", True, None, "2021.0"])
def test_normalize_year_rejects(value):
    with pytest.raises(ValueError, match="fiscal_year must be"):
        reporting.normalize_year(value)


@pytest.mark.parametrize(
    ("year", "cases", "statements"),
    [("all", ["a", "b", "c", "d"], ["a1", "a2", "b1", "c1", "d1"]),
     ("2021", ["a", "d"], ["a1", "a2", "d1"]),
     ("unknown", ["b"], ["b1"]),
     ("2030", [], [])],
)
def test_filter_by_year_on_year_column_and_through_case_id(year, cases, statements):
    assert reporting.filter_by_year(CASES, year)["case_id"].tolist() == cases
    assert reporting.filter_by_year(STATEMENTS, year, cases=CASES)["statement_id"].tolist() == statements


def test_filter_by_year_on_year_labels():
    # analysis tables label their rows "2021", "unknown", "all"
    assoc = pd.DataFrame({"fiscal_year": pd.array(["2021", "unknown", "all"], dtype="string"), "x": [1, 2, 3]})
    assert reporting.filter_by_year(assoc, "unknown")["x"].tolist() == [2]
    assert reporting.filter_by_year(assoc, 2021)["x"].tolist() == [1]
    assert reporting.filter_by_year(assoc, "all")["x"].tolist() == [1, 2, 3]


def test_filter_by_year_needs_cases_for_tables_without_a_year():
    with pytest.raises(ValueError, match="pass cases="):
        reporting.filter_by_year(STATEMENTS, "2021")
    with pytest.raises(ValueError, match="neither fiscal_year nor case_id"):
        reporting.filter_by_year(pd.DataFrame({"x": [1]}), "2021")


def test_save_table_writes_bom_csv_and_returns_the_table(tmp_path):
    df = pd.DataFrame({"term": pd.array(["不登校", "連携"], dtype="string"), "n": pd.array([2, None], dtype="Int64")})
    assert reporting.save_table(df, tmp_path, "01_x") is df
    raw = (tmp_path / "tables" / "01_x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    assert raw.decode("utf-8-sig") == "term,n\n不登校,2\n連携,\n"
    assert not [p for p in (tmp_path / "tables").iterdir() if p.name.startswith(".")]


def test_save_fig_writes_png_and_svg_and_shows_the_png(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    shown = reporting.save_fig(ax, tmp_path, "01_line")
    assert {p.name for p in (tmp_path / "figures").iterdir()} == {"01_line.png", "01_line.svg"}
    assert shown.data == (tmp_path / "figures" / "01_line.png").read_bytes()
    assert not plt.fignum_exists(fig.number)


def test_cases_by_year_and_municipality():
    out = reporting.cases_by_year_municipality(CASES)
    assert out.to_dict("list") == {
        "fiscal_year": ["2021", "2021", "2022", "unknown"],
        "municipality": ["(不明)", "甲市", "甲市", "乙町"],
        "n_cases": [1, 1, 1, 1],
    }


def test_statements_by_section_counts_the_sample(sample_tables):
    out = reporting.statements_by_section(sample_tables.statements, sample_tables.cases)
    stmts = sample_tables.statements
    assert out["n_statements"].sum() == len(stmts)
    assert out["n_chars"].sum() == stmts["text"].str.len().sum()
    expected = stmts.groupby(["case_id", "section"], observed=True).size()
    got = out.set_index(["case_id", "section"])["n_statements"]
    assert {k: int(v) for k, v in got.items()} == {k: int(v) for k, v in expected.items()}
    assert out["municipality"].notna().all()


def test_checkbox_table_matches_the_sample_checkboxes(sample_tables):
    out = reporting.checkbox_table(sample_tables.checkboxes, sample_tables.cases)
    cb = sample_tables.checkboxes
    assert len(out) == cb[["category", "label_ja"]].drop_duplicates().shape[0]
    per_label = cb.groupby("label_ja")["checked"].sum()
    assert {r.label_ja: int(r.n_checked) for r in out.itertuples()} == {k: int(v) for k, v in per_label.items()}
    case_cols = [c for c in out.columns if "(" in c and c.endswith(")") and c not in ("category_ja",)]
    assert len(case_cols) == len(sample_tables.cases)


def test_plot_statements_by_section(sample_tables):
    table = reporting.statements_by_section(sample_tables.statements, sample_tables.cases)
    ax = plot_statements_by_section(table)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    widths: dict[float, float] = {}
    for patch in ax.patches:
        widths[round(patch.get_y(), 3)] = widths.get(round(patch.get_y(), 3), 0) + patch.get_width()
    per_town = table.groupby("municipality")["n_statements"].sum().astype(float)
    assert sorted(widths.values()) == sorted(per_town.tolist())
    assert {t.get_text() for t in ax.get_yticklabels()} == {f"{m} (1事例)" for m in per_town.index}
    plt.close(ax.figure)


def test_plot_prevalence_bars_draws_the_selected_year():
    prev = pd.DataFrame({
        "variable": ["int_a", "out_b", "int_a"], "code": ["a", "b", "a"],
        "kind": ["intervention", "outcome", "intervention"], "fiscal_year": ["all", "all", "2021"],
        "n": [3, 3, 2], "count": [3, 0, 1], "proportion": [1.0, 0.0, 0.5],
        "ci_low": [0.4385, 0.0, 0.0945], "ci_high": [1.0, 0.5615, 0.9055],
    })
    ax = plot_prevalence_bars(prev, fiscal_year="all")
    assert sorted(p.get_width() for p in ax.patches[:2]) == [0.0, 3.0]  # three cases: counts, not shares
    assert "n = 3" in ax.get_title() and "too few cases for intervals" in ax.get_title()
    plt.close(ax.figure)


def test_human_agreement_note_without_sheets_and_scores_with_one(tmp_path, sample_tables):
    from futoko_research.coding import coding_sheet, load_codebook
    from futoko_research.io import write_csv
    from futoko_research.pipeline.steps import code, ingest

    raw, processed, out = tmp_path / "raw", tmp_path / "processed", tmp_path / "out"
    raw.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(reporting.project_path("data/raw"), processed, progress=False)
        code(processed)
    result = reporting.human_agreement(raw, processed, "all", out)
    assert "No human codes" in result.data
    assert not out.exists()
    # SYNTHETIC coding sheet: a coder who agrees with the rules everywhere except one flipped cell
    codes = pd.read_parquet(processed / "codes.parquet")
    sheet = coding_sheet(sample_tables.statements, load_codebook(), codes=codes)
    first_key = list(load_codebook())[0]
    sheet.loc[0, first_key] = 1 - int(sheet.loc[0, first_key])
    write_csv(sheet, raw / "human_codes_synthetic.csv")
    table = reporting.human_agreement(raw, processed, "all", out)
    assert set(table["coder"]) == {"human_codes_synthetic"}
    micro = table[table["code"] == "micro"].iloc[0]
    assert int(micro["fp"]) + int(micro["fn"]) == 1
    assert (out / "tables" / "03_rule_vs_human.csv").is_file()


def test_describe_features_names_the_profile_and_flags_a_mismatch(tmp_path):
    assert "not found" in reporting.describe_features(tmp_path).data
    (tmp_path / "features_info.json").write_text(
        '{"profile": "lexical", "model": "ja_ginza", "split_mode": "C", "stats": {"n_cached": 3}}', encoding="utf-8")
    text = reporting.describe_features(tmp_path, "lexical").data
    assert "| profile | `lexical` |" in text and "n_cached" not in text and "Note" not in text
    assert "not the `nlp_profile` parameter `full`" in reporting.describe_features(tmp_path, "full").data


def test_section_keyness_is_empty_for_reports_without_the_section(sample_statements):
    from futoko_research.features import extract, keyness

    tokens = extract(sample_statements, profile="lexical", progress=False, cache_dir=False).tokens
    got = reporting.section_keyness(tokens, sample_statements, "outcome")
    pd.testing.assert_frame_equal(got, keyness(tokens, "outcome", by="section", statements=sample_statements))
    body_only = sample_statements.assign(section="body")  # as the generic layout gives
    empty = reporting.section_keyness(tokens, body_only, "outcome")
    assert empty.empty and list(empty.columns) == list(got.columns)

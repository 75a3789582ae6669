"""National context: the MEXT 不登校 counts (data/raw/mext_futoko_national.csv) and their figures."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from futoko_research.national import NationalDataError, load_national
from futoko_research.plots.national import plot_national_count, plot_national_rate

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def national():
    return load_national(RAW_DIR)


def test_national_file_covers_2010_to_2024(national):
    assert national["fiscal_year"].tolist() == list(range(2010, 2025))
    assert national.dtypes.astype(str).to_dict() == {
        "fiscal_year": "Int64", "enrolled": "Int64", "futoko": "Int64",
        "rate_per_100": "Float64", "has_enrolled": "boolean",
    }
    # 2024: count recorded, enrolment not -> no rate, flagged
    last = national.iloc[-1]
    assert last["futoko"] == 353970 and pd.isna(last["enrolled"]) and pd.isna(last["rate_per_100"])
    assert national["has_enrolled"].tolist() == [True] * 14 + [False]


def test_rate_per_100_enrolled(national):
    row = national.set_index("fiscal_year").loc[2023]
    # 346,482 / 9,321,243 pupils = 3.717 per 100 (MEXT reports 3.7 %)
    assert row["rate_per_100"] == pytest.approx(3.7171, abs=1e-4)
    assert national["rate_per_100"].dropna().is_monotonic_increasing is False  # 2011-2012 dipped
    assert national.loc[national["fiscal_year"] >= 2012, "rate_per_100"].dropna().is_monotonic_increasing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("fiscal_year,futoko\n2020,1\n", ":1: missing column(s) enrolled"),
        ("fiscal_year,enrolled,futoko\n2020,100,1\n2020,100,2\n", ":3: fiscal_year 2020 repeated (first on line 2)"),
        ("fiscal_year,enrolled,futoko\n2020,100,many\n", ":2: futoko 'many' is not a non-negative integer"),
        ("fiscal_year,enrolled,futoko\n2020,100,\n", ":2: futoko is empty"),
        ("fiscal_year,enrolled,futoko\n2020,100,101\n", ":2: futoko 101 exceeds enrolled 100"),
        ("fiscal_year,enrolled,futoko\nH30,100,1\n", ":2: fiscal_year 'H30' is not a year"),
        ("fiscal_year,enrolled,futoko\n", "no data rows"),
    ],
)
def test_bad_national_file_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "mext_futoko_national.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NationalDataError) as info:
        load_national(tmp_path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_missing_national_file(tmp_path):
    with pytest.raises(NationalDataError, match="not found"):
        load_national(tmp_path)


def test_thousands_separators_are_accepted(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text('fiscal_year,enrolled,futoko\n2023,"9,321,243","346,482"\n', encoding="utf-8-sig")
    assert load_national(path)["enrolled"].tolist() == [9321243]


def test_count_figure_marks_the_year_without_enrolment(national):
    ax = plot_national_count(national)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    bars = [p for p in ax.patches]
    assert len(bars) == len(national)
    hatched = [b for b in bars if b.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_x() < 2024 < hatched[0].get_x() + hatched[0].get_width()
    assert any("no enrolment" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(ax.figure)


def test_rate_figure_has_no_point_for_the_year_without_enrolment(national):
    ax = plot_national_rate(national)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == list(range(2010, 2024))
    assert [v.get_xdata()[0] for v in ax.get_lines()[1:]] == [2024]  # the dashed marker line
    assert ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)

"""Figures: no intervals from a handful of cases, and every text inside the figure.

The tables come from the real chain — load_reports → features (lexical) → code_statements →
case_variables → associations / prevalence / corrected_prevalence — on the real sample in
data/raw (3 cases, one report, no fiscal year) and on a SYNTHETIC demo corpus
(:mod:`futoko_research.synthetic`: 200 cases over 5 fiscal years, about 40 a year).
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.container import ErrorbarContainer
from matplotlib.text import Text

from futoko_research.plots import analysis as pa
from futoko_research.plots.labels import (
    count_label_overlaps,
    text_width_em,
    texts_outside_figure,
    wrap_to_width,
)
from futoko_research.plots.small_n import TOO_FEW_CASES_EN, TOO_FEW_CASES_JA, has_interval

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
TOO_FEW_3 = f"{TOO_FEW_CASES_JA} / {TOO_FEW_CASES_EN} (n = 3)"
#: smallest font size (points) a saved figure may use: 7 pt at 150 dpi is about 15 px
MIN_FONT_SIZE = 7.0


@dataclass
class Run:
    """The tables of one corpus, made by the library's own functions."""

    cases: pd.DataFrame
    statements: pd.DataFrame
    tokens: pd.DataFrame
    codes: pd.DataFrame
    case_table: pd.DataFrame
    assoc: pd.DataFrame
    prev: pd.DataFrame


def _run(raw_dir: Path) -> Run:
    from futoko_research.analysis import associations, case_variables, prevalence
    from futoko_research.coding import code_statements
    from futoko_research.features import extract
    from futoko_research.loaders.reports import load_reports

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SparseDataWarning on the sample is the point here
        cases, statements, checkboxes = load_reports(raw_dir)
        tokens = extract(statements, profile="lexical", progress=False, cache_dir=False).tokens
        codes = code_statements(statements, tokens=tokens)
        table = case_variables(cases, checkboxes, codes, statements=statements)
        return Run(cases, statements, tokens, codes, table, associations(table), prevalence(table))


@pytest.fixture(scope="module")
def sample_run() -> Run:
    return _run(RAW_DIR)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    from futoko_research.synthetic import write_synthetic_corpus

    out = tmp_path_factory.mktemp("synthetic_demo")
    write_synthetic_corpus(out, n_cases=200, seed=1, cases_per_file=50)
    return out


@pytest.fixture(scope="module")
def demo_run(demo_dir) -> Run:
    return _run(demo_dir)


@pytest.fixture(scope="module")
def demo_rates(demo_dir, demo_run):
    """The coder's sensitivity and specificity on 60 demo cases, the planted truth as the human."""
    from futoko_research.analysis import classification_rates
    from futoko_research.synthetic import read_truth

    _, truth = read_truth(demo_dir)
    flags = [c for c in truth.columns if c.startswith(("int_", "out_"))]
    human = truth[["case_id", *flags]].iloc[::3].reset_index(drop=True).astype({c: "boolean" for c in flags})
    return classification_rates(demo_run.case_table, human)


def _corrected(run: Run, rates) -> pd.DataFrame:
    """corrected_prevalence with the observed share's Wilson interval, as reporting gives it to the figure."""
    from futoko_research.analysis import corrected_prevalence

    table = corrected_prevalence(run.prev, rates, n_boot=200)
    obs = run.prev[["variable", "fiscal_year", "ci_low", "ci_high"]].rename(
        columns={"ci_low": "observed_ci_low", "ci_high": "observed_ci_high"})
    return table.merge(obs, on=["variable", "fiscal_year"], how="left", validate="one_to_one")


def interval_artists(ax) -> int:
    """Error bars (containers or their line collections) drawn on ``ax``."""
    return (sum(isinstance(c, ErrorbarContainer) for c in ax.containers)
            + sum(isinstance(c, LineCollection) for c in ax.collections))


def _close(ax) -> None:
    plt.close(ax.get_figure(root=True))


# --------------------------------------------------------------------------- small n: no intervals


def test_three_case_figures_show_no_intervals_and_say_so(sample_run, demo_rates):
    assoc, prev = sample_run.assoc, sample_run.prev
    corrected = _corrected(sample_run, demo_rates)
    # the tables do carry intervals (from 3 cases): the figures must withhold them
    assert np.isfinite(assoc["ci_high"]).any() and np.isfinite(prev["ci_high"]).any()
    assert corrected["ci_low"].notna().any()
    assert int(assoc["n"].max()) == 3 and assoc["descriptive_only"].all()
    figures = {
        "forest all": pa.plot_forest(assoc),
        "forest unknown": pa.plot_forest(assoc, fiscal_year="unknown"),
        "odds-ratio heatmap": pa.plot_association_heatmap(assoc),
        "prevalence bars": pa.plot_prevalence_bars(prev),
        "corrected prevalence": pa.plot_prevalence_corrected(corrected),
    }
    for name, ax in figures.items():
        assert interval_artists(ax) == 0, name
        assert TOO_FEW_3 in ax.get_title().replace("\n", " "), (name, ax.get_title())
        assert texts_outside_figure(ax.get_figure(root=True)) == [], name
        _close(ax)
    forest = pa.plot_forest(assoc)
    assert forest.get_xscale() == "linear"  # counts of cases, not odds ratios
    drawn = [p.get_width() for p in forest.patches]
    both = assoc[(assoc["fiscal_year"] == "all") & (assoc["a"] > 0)]["a"].astype(int)
    assert len(drawn) == min(25, len(both)) and max(drawn) == both.max()
    _close(forest)
    trend = pa.plot_prevalence(prev)  # no case has a year: nothing on the year axis, and a note
    assert interval_artists(trend) == 0 and not trend.lines
    assert any("no case with a fiscal year" in t.get_text() for t in trend.texts)
    _close(trend)


def test_demo_figures_draw_intervals(demo_run, demo_rates):
    assoc, prev = demo_run.assoc, demo_run.prev
    assert not assoc["descriptive_only"].any()
    forest = pa.plot_forest(assoc)
    bars = [c for c in forest.containers if isinstance(c, ErrorbarContainer)]
    assert len(bars) == 1 and len(bars[0].lines[0].get_xdata()) == 25  # max_rows of 90 pairs
    title = forest.get_title()
    assert "n = 200" in title and "25 of 90 pairs" in title and TOO_FEW_CASES_EN not in title
    assert forest.get_xscale() == "log" and pa.FOREST_XLIM[0] <= forest.get_xlim()[0] < forest.get_xlim()[1] <= 100
    _close(forest)
    year = pa.plot_forest(assoc, fiscal_year="2021")  # about 40 cases: still enough for intervals
    assert interval_artists(year) > 0
    _close(year)
    for ax in (pa.plot_prevalence_bars(prev), pa.plot_prevalence(prev, codes=["ict", "school_return"]),
               pa.plot_prevalence_corrected(_corrected(demo_run, demo_rates))):
        assert interval_artists(ax) > 0 and TOO_FEW_CASES_EN not in ax.get_title()
        _close(ax)


def test_a_small_year_gets_no_interval_while_the_pooled_rows_keep_theirs(demo_run):
    from futoko_research.analysis import associations, prevalence

    table = demo_run.case_table
    years = table["fiscal_year"].astype("Int64")
    small = table[(years != 2019) | (table.index.isin(table.index[years == 2019][:8]))]
    small = small.assign(int_never=pd.array([False] * len(small), dtype="boolean"))  # zero margin: no estimate
    assoc = associations(small)
    few = pa.plot_forest(assoc, fiscal_year="2019")
    assert interval_artists(few) == 0 and f"{TOO_FEW_CASES_EN} (n = 8)" in few.get_title().replace("\n", " ")
    _close(few)
    pooled = pa.plot_forest(assoc)
    n_left_out = int((~has_interval(assoc[assoc["fiscal_year"] == "all"], estimate="odds_ratio")).sum())
    assert n_left_out >= 9 and f"{n_left_out} pairs without interval left out" in pooled.get_title().replace("\n", " ")
    assert interval_artists(pooled) > 0
    _close(pooled)
    heat = pa.plot_association_heatmap(assoc, fiscal_year="2019")
    assert "事例数" in heat.get_title() and TOO_FEW_CASES_EN in heat.get_title()
    _close(heat)
    trend = pa.plot_prevalence(prevalence(small), codes=["ict"])
    bars = [c for c in trend.containers if isinstance(c, ErrorbarContainer)]
    years_with_bars = {round(seg[0][0]) for seg in bars[0].lines[2][0].get_segments()}
    assert len(bars) == 1 and years_with_bars == {2020, 2021, 2022, 2023}  # 2019 (8 cases): a hollow point
    assert "hollow = no interval" in trend.get_title().replace("\n", " ")
    _close(trend)


def test_forest_clips_an_interval_beyond_the_axis_with_an_arrow():
    from futoko_research.analysis import associations

    # 30 cases; the intervention always comes with the outcome (b = 0): Haldane-corrected, huge interval
    x = [True] * 6 + [False] * 24
    y = [True] * 6 + [True] * 2 + [False] * 22
    table = pd.DataFrame({"case_id": pd.array([f"c{i}" for i in range(30)], dtype="string"),
                          "fiscal_year": pd.array([2022] * 30, dtype="Int64"),
                          "int_ict": pd.array(x, dtype="boolean"), "out_school_return": pd.array(y, dtype="boolean")})
    assoc = associations(table)
    row = assoc[assoc["fiscal_year"] == "all"].iloc[0]
    assert row["ci_high"] > pa.FOREST_XLIM[1]
    ax = pa.plot_forest(assoc)
    assert ax.get_xlim()[1] == pa.FOREST_XLIM[1]
    arrows = [ln for ln in ax.lines if ln.get_marker() == ">"]
    assert len(arrows) == 1 and "beyond the axis" in ax.get_xlabel()
    assert texts_outside_figure(ax.get_figure(root=True)) == []
    _close(ax)


# --------------------------------------------------------------------------- everything fits


def _all_figures(run: Run, rates) -> dict:
    """Every plot_* function of futoko_research.plots on the run's tables: name -> Axes."""
    from futoko_research import features as F
    from futoko_research.coding import code_cooccurrence, code_frequencies, load_codebook
    from futoko_research.corpus import statements_by_section
    from futoko_research.national import load_national
    from futoko_research.plots.coding import (
        plot_code_frequency,
        plot_code_network,
        plot_cooccurrence_heatmap,
    )
    from futoko_research.plots.corpus import plot_statements_by_section
    from futoko_research.plots.national import plot_national_count, plot_national_rate
    from futoko_research.plots.text import (
        plot_cooccurrence_network,
        plot_keyness,
        plot_word_frequency,
    )
    from futoko_research.plots.views import (
        plot_ca_biplot,
        plot_dendrogram,
        plot_mds,
        plot_topic_shares,
    )

    book = load_codebook()
    counts = run.assoc[run.assoc["a"] > 0][["intervention", "outcome", "fiscal_year", "a"]].rename(
        columns={"a": "n_links"})
    cooc = code_cooccurrence(run.codes, level="statement", codebook=book)
    national = load_national(RAW_DIR / "mext_futoko_national.csv")
    sim = F.term_similarity(run.tokens, top_n=25)
    by = "fiscal_year" if run.cases["fiscal_year"].notna().any() else "case_id"
    model = F.topic_model(run.tokens, n_topics=3, seed=0)
    ca_table = F.code_table(run.codes, "section", statements=run.statements)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figs = {
            "plot_forest": pa.plot_forest(run.assoc, codebook=book),
            "plot_association_heatmap": pa.plot_association_heatmap(run.assoc, codebook=book),
            "plot_association_heatmap (count)": pa.plot_association_heatmap(run.assoc, value="count", codebook=book),
            "plot_prevalence": pa.plot_prevalence(run.prev, codebook=book),
            "plot_prevalence_bars": pa.plot_prevalence_bars(run.prev, codebook=book),
            "plot_prevalence_corrected": pa.plot_prevalence_corrected(_corrected(run, rates), codebook=book),
            "plot_link_diagram": pa.plot_link_diagram(counts, codebook=book),
            "plot_code_frequency": plot_code_frequency(code_frequencies(run.codes, run.statements, run.cases,
                                                                        codebook=book), codebook=book),
            "plot_cooccurrence_heatmap": plot_cooccurrence_heatmap(cooc, codebook=book),
            "plot_code_network": plot_code_network(cooc, codebook=book),
            "plot_statements_by_section": plot_statements_by_section(statements_by_section(run.statements, run.cases)),
            "plot_national_count": plot_national_count(national),
            "plot_national_rate": plot_national_rate(national),
            "plot_cooccurrence_network": plot_cooccurrence_network(F.cooccurrence(run.tokens)),
            "plot_word_frequency": plot_word_frequency(F.word_frequency(run.tokens)),
            "plot_keyness": plot_keyness(F.keyness(run.tokens, "outcome", statements=run.statements)),
            "plot_ca_biplot": plot_ca_biplot(F.correspondence_analysis(ca_table)),
            "plot_dendrogram": plot_dendrogram(F.cluster_terms(sim)),
            "plot_mds": plot_mds(F.mds_terms(sim, seed=1)),
            "plot_topic_shares": plot_topic_shares(F.topic_shares(model, by, statements=run.statements,
                                                                  cases=run.cases), model.terms, by=by),
        }
    return figs


def _plot_functions() -> set[str]:
    import importlib
    import pkgutil

    import futoko_research.plots as plots

    names = set()
    for info in pkgutil.iter_modules(plots.__path__):
        module = importlib.import_module(f"futoko_research.plots.{info.name}")
        names |= {n for n, f in inspect.getmembers(module, inspect.isfunction)
                  if n.startswith("plot_") and f.__module__ == module.__name__}
    return names


@pytest.mark.parametrize("which", ["sample", "demo"])
def test_every_figure_keeps_its_text_inside_and_readable(which, request, demo_rates):
    run = request.getfixturevalue(f"{which}_run")
    figs = _all_figures(run, demo_rates)
    assert {name.split(" ")[0] for name in figs} == _plot_functions()  # every plot function is checked
    problems = {}
    for name, ax in figs.items():
        fig = ax.get_figure(root=True)
        outside = texts_outside_figure(fig)
        fig.set_dpi(plt.rcParams["savefig.dpi"])  # as saved: text is hinted at 150 dpi, a little wider
        outside += texts_outside_figure(fig)
        small = sorted({t.get_fontsize() for t in fig.findobj(Text)
                        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT_SIZE})
        overlaps = count_label_overlaps(ax) if name.startswith(("plot_forest", "plot_prevalence")) else 0
        if outside or small or overlaps:
            problems[name] = {"outside": outside, "font sizes": small, "overlaps": overlaps}
        plt.close(fig)
    assert problems == {}


def test_the_outside_check_can_fail():
    from futoko_research.plots import new_figure

    fig, ax = new_figure(4.0, 3.0)
    ax.set_title("取組 × 成果のオッズ比：全年度（統合）、n = 200 事例、しかも長すぎる題名 / a title far too long")
    assert texts_outside_figure(fig) != []
    plt.close(fig)


@pytest.mark.parametrize("text", [
    "統合オッズ比 (Mantel–Haenszel)、全年度、n = 200 事例 / 25 of 90 pairs (smallest q)",
    "症例が少なすぎて区間を示せません / too few cases for intervals (n = 3)",
    "コーディングの誤りを補正した出現割合をコードごとに示す図であり、題名がとても長い場合の折り返しの確認",
])
def test_wrap_to_width_keeps_every_line_within_the_width(text):
    wrapped = wrap_to_width(text, 3.0, 10.0)
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert "\n" in wrapped
    assert all(text_width_em(line) * 10.0 / 72.0 <= 3.0 for line in wrapped.split("\n"))

"""The SYNTHETIC stamp of demo figures (``reporting.corpus_banner`` + ``save_fig``), and x labels that fit."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

matplotlib.use("Agg")

from futoko_research import reporting  # noqa: E402
from futoko_research.plots import new_figure  # noqa: E402
from futoko_research.plots.labels import fit_titles, texts_outside_figure  # noqa: E402
from futoko_research.synthetic import write_synthetic_corpus  # noqa: E402

LONG_XLABEL = "オッズ比（95% 信頼区間, 対数軸） / odds ratio (95% CI, log scale)"


def _narrow_axes_figure():
    """A figure like the forest plot: long row labels leave a narrow Axes under a long x label."""
    fig, ax = new_figure(6.0, 4.0)
    ax.barh(range(3), [1, 2, 3])
    ax.set_yticks(range(3), ["個に応じた学習支援 → 対人関係・社会性の向上と維持"] * 3)
    ax.set_xlabel(LONG_XLABEL)
    return fig


def _overlaps(a, b) -> bool:
    return not (a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0)


@pytest.fixture
def synthetic_banner(tmp_path):
    raw = tmp_path / "raw"
    write_synthetic_corpus(raw, n_cases=2, years=[2021], seed=1)
    reporting.corpus_banner(raw)
    yield
    reporting._figure_stamp = None


def test_long_x_label_under_a_narrow_axes_is_wrapped_into_the_figure():
    fig = _narrow_axes_figure()
    fit_titles(fig)
    assert texts_outside_figure(fig) == []
    assert "\n" in fig.axes[0].get_xlabel()


def test_synthetic_stamp_is_on_every_saved_figure_and_overlaps_no_label(tmp_path, synthetic_banner):
    fig = _narrow_axes_figure()
    reporting.save_fig(fig, tmp_path, "forest_like")
    stamp = fig._supxlabel
    assert stamp is not None and stamp.get_text() == reporting.SYNTHETIC_STAMP
    FigureCanvasAgg(fig)  # save_fig closed the figure; give it a canvas again to measure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    xlabel = fig.axes[0].xaxis.label.get_window_extent(renderer)
    ticks = fig.axes[0].xaxis.get_tightbbox(renderer)
    assert not _overlaps(stamp.get_window_extent(renderer), xlabel)
    assert stamp.get_window_extent(renderer).y1 <= ticks.y0 + 1
    assert texts_outside_figure(fig) == []
    assert (tmp_path / "figures" / "forest_like.png").is_file()


def test_real_corpus_figures_carry_no_stamp(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "r.txt").write_text("テスト\n", encoding="utf-8")
    (raw / "manifest.csv").write_text("source_id,path,fiscal_year,layout\ns1,r.txt,2023,generic\n", encoding="utf-8")
    reporting.corpus_banner(raw)
    fig = _narrow_axes_figure()
    reporting.save_fig(fig, tmp_path, "real")
    assert fig._supxlabel is None

"""Figures of the national context (MEXT 不登校 counts; see :mod:`futoko_research.national`)."""

from __future__ import annotations

import pandas as pd

from futoko_research.plots import get_ax
from futoko_research.plots.labels import fit_title, fits_titles

COLOR_COUNT = "#4c72b0"
COLOR_MISSING = "#bbbbbb"
COLOR_RATE = "#c44e52"
NOTE_NO_ENROLLED = "在籍者数なし (no enrolment figure)"


def _check(df: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"national table lacks column(s) {', '.join(missing)}; use national.load_national")
    if df.empty:
        raise ValueError("national table is empty")


@fits_titles
def plot_national_count(df: pd.DataFrame, *, ax=None):
    """Bar chart of the national number of children in 不登校 per fiscal year.

    Years without an enrolment figure (``has_enrolled`` False) are drawn hatched in grey
    and named in the legend, so a reader sees why the rate chart has no point there.

    Parameters
    ----------
    df : DataFrame from :func:`futoko_research.national.load_national`
        (``fiscal_year``, ``futoko``, ``has_enrolled``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    _check(df, ("fiscal_year", "futoko", "has_enrolled"))
    ax = get_ax(ax, width=8.0, height=4.5)
    years = df["fiscal_year"].astype(int).to_numpy()
    counts = df["futoko"].astype(float).to_numpy()
    has = df["has_enrolled"].fillna(False).astype(bool).to_numpy()
    ax.bar(years[has], counts[has] / 1000, color=COLOR_COUNT, label="不登校児童生徒数 (futoko count)")
    if (~has).any():
        ax.bar(years[~has], counts[~has] / 1000, color=COLOR_MISSING, hatch="//", edgecolor="#666666",
               label=f"不登校児童生徒数・{NOTE_NO_ENROLLED}")
    ax.set_xlabel("年度 (fiscal year)")
    ax.set_ylabel("不登校児童生徒数（千人） (thousands)")
    fit_title(ax, "全国の不登校児童生徒数（小・中学校） / National futoko count, elementary + lower secondary")
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], rotation=45)
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return ax


@fits_titles
def plot_national_rate(df: pd.DataFrame, *, ax=None):
    """Line chart of 不登校 per 100 enrolled pupils per fiscal year.

    Years without an enrolment figure get no point; a dashed vertical line and a note mark them.

    Parameters
    ----------
    df : DataFrame from :func:`futoko_research.national.load_national`
        (``fiscal_year``, ``rate_per_100``, ``has_enrolled``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    _check(df, ("fiscal_year", "rate_per_100", "has_enrolled"))
    ax = get_ax(ax, width=8.0, height=4.5)
    years = df["fiscal_year"].astype(int).to_numpy()
    rate = df["rate_per_100"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    has = df["has_enrolled"].fillna(False).astype(bool).to_numpy()
    ax.plot(years[has], rate[has], marker="o", color=COLOR_RATE, label="100人あたり不登校数 (per 100 enrolled)")
    top = float(pd.Series(rate[has]).max()) if has.any() else 1.0
    for i, year in enumerate(years[~has]):
        ax.axvline(year, color="#888888", linestyle="--", linewidth=1,
                   label=f"{NOTE_NO_ENROLLED}" if i == 0 else None)
        ax.annotate(f"{year}: 率なし\n(no rate)", xy=(year, top * 0.5), ha="right", va="center",
                    fontsize=8, color="#555555")
    ax.set_xlabel("年度 (fiscal year)")
    ax.set_ylabel("在籍者100人あたり (per 100 enrolled)")
    fit_title(ax, "全国の不登校率（小・中学校） / National futoko rate per 100 enrolled")
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], rotation=45)
    ax.set_ylim(0, top * 1.15)
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return ax

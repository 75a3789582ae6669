"""Figures of the corpus overview (notebook 01).

- :func:`plot_statements_by_section` — stacked bars: statements per section for each municipality

Each takes a table from :mod:`futoko_research.corpus`, draws on ``ax`` (or a new Axes)
and returns the Axes; none shows or saves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from futoko_research.plots import get_ax
from futoko_research.plots.labels import fit_title, fits_titles


@fits_titles
def plot_statements_by_section(table: pd.DataFrame, *, ax=None, max_groups: int = 40):
    """Stacked horizontal bars: statements per section for each municipality.

    Parameters
    ----------
    table : :func:`futoko_research.corpus.statements_by_section` output (with ``municipality``; without it, cases are drawn).
    max_groups : draw at most this many municipalities (those with most statements); the title says
        when some were left out.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib

    key = "municipality" if "municipality" in table.columns else "case_id"
    df = table.assign(_group=table[key].astype("string").fillna("(不明)"))
    n_cases = df.groupby("_group", sort=False)["case_id"].nunique()
    wide = df.pivot_table(index="_group", columns="section_ja", values="n_statements", aggfunc="sum",
                          sort=False, observed=True).fillna(0)
    wide = wide.reindex(columns=list(dict.fromkeys(df["section_ja"])))
    total = wide.sum(axis=1)
    order = sorted(wide.index, key=lambda g: (-float(total[g]), str(g)))
    shown = order[:max_groups]
    wide = wide.reindex(index=shown)
    ax = get_ax(ax, width=8.0, height=max(3.0, 0.4 * len(wide) + 1.8))
    cmap = matplotlib.colormaps["tab10"]
    y = np.arange(len(wide))[::-1]
    left = np.zeros(len(wide))
    for i, col in enumerate(wide.columns):
        values = wide[col].to_numpy(dtype=float)
        ax.barh(y, values, left=left, label=col, color=cmap(i % 10))
        left = left + values
    unit = "事例" if key == "municipality" else ""
    labels = [f"{g} ({n_cases[g]}{unit})" if key == "municipality" else str(g) for g in wide.index]
    ax.set_yticks(y, labels, fontsize=8 if len(wide) > 15 else 10)
    ax.set_ylabel("自治体（事例数） (municipality, cases)" if key == "municipality" else "事例 (case)")
    ax.set_xlabel("記述数 (number of statements)")
    title = "自治体・項目別の記述数 / Statements per municipality and section"
    if len(order) > len(shown):
        title += f"（上位{len(shown)} / {len(order)}）"
    fit_title(ax, title)
    ax.legend(title="項目 (section)", fontsize=8, bbox_to_anchor=(1.02, 1), loc="upper left")
    return ax

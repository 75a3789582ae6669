"""Figures of the outcome-by-intervention analysis (Japanese labels).

- :func:`plot_association_heatmap` — intervention × outcome: counts of cases or pooled odds ratios
- :func:`plot_prevalence` — share of cases per fiscal year with Wilson intervals
- :func:`plot_forest` — pooled (Mantel–Haenszel) odds ratios with 95 % intervals
- :func:`plot_link_diagram` — attributed links intervention → outcome, edge width = number of links
- :func:`plot_prevalence_bars` — share of cases with each code in one year, with Wilson intervals
- :func:`plot_prevalence_corrected` — each code's share as coded and corrected for coding error

Each takes a table from :mod:`futoko_research.analysis` / :mod:`futoko_research.analysis.links`, draws on
``ax`` (or a new Axes) and returns the Axes; none shows or saves. An interval (or odds ratio) is
drawn only for a row with enough cases (:func:`futoko_research.plots.small_n.has_interval`); with
too few, the figures show counts and say 「症例が少なすぎて区間を示せません / too few cases for intervals」.

This module is where the notebooks import them from; each is defined in a module of one job
(every name is re-exported here):

- :mod:`futoko_research.plots.association_heatmap` — :func:`plot_association_heatmap`
- :mod:`futoko_research.plots.forest` — :func:`plot_forest`, :data:`FOREST_XLIM`, :data:`FOREST_TICKS`
- :mod:`futoko_research.plots.link_diagram` — :func:`plot_link_diagram`
- :mod:`futoko_research.plots.prevalence` — :func:`plot_prevalence`, :func:`plot_prevalence_bars`,
  :func:`plot_prevalence_corrected`, :data:`KIND_COLORS`, :data:`KIND_LABELS`
- :mod:`futoko_research.plots.analysis_labels` — :data:`LABELS_JA`, :func:`label_ja`
"""

from __future__ import annotations

# a bare "noqa: F401": a name this module has always let be imported (its body used it)
from futoko_research.analysis import MIN_CASES_FOR_INFERENCE  # noqa: F401
from futoko_research.plots import get_ax, setup_japanese_font  # noqa: F401
from futoko_research.plots.analysis_labels import LABELS_JA, label_ja  # noqa: F401 (re-exported)
from futoko_research.plots.association_heatmap import plot_association_heatmap  # noqa: F401 (re-exported)
from futoko_research.plots.forest import FOREST_TICKS, FOREST_XLIM, plot_forest  # noqa: F401 (re-exported)
from futoko_research.plots.labels import fit_title, fits_titles  # noqa: F401
from futoko_research.plots.link_diagram import plot_link_diagram  # noqa: F401 (re-exported)
from futoko_research.plots.prevalence import (  # noqa: F401 (re-exported)
    KIND_COLORS,
    KIND_LABELS,
    plot_prevalence,
    plot_prevalence_bars,
    plot_prevalence_corrected,
)
from futoko_research.plots.small_n import (  # noqa: F401
    draw_too_few_cases,
    has_interval,
    interval_rule_note,
    n_cases_of,
    too_few_cases_note,
)
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year  # noqa: F401

"""Rows of a table that belong to one fiscal year label (``all``, ``unknown`` or ``2023``).

The one definition of "a year's rows", shared by the notebooks (through
:func:`futoko_research.reporting.read_year_tables`) and by the run's freshness check
(:mod:`futoko_research.pipeline.freshness`), which re-executes a year's notebooks only when the
rows they read change.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year


def year_mask(years: pd.Series, label: str) -> pd.Series:
    """Boolean mask of ``years`` (integer years, NA = unknown) matching a normalised year label."""
    years = years.astype("Int64")
    if label == YEAR_ALL:
        return pd.Series(True, index=years.index)
    if label == YEAR_UNKNOWN:
        return years.isna().fillna(False).astype(bool)
    return (years == int(label)).fillna(False).astype(bool)


def filter_by_year(
    df: pd.DataFrame, fiscal_year: str | int, *, cases: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows of ``df`` that belong to the selected fiscal year.

    ``df`` is filtered on its own ``fiscal_year`` column when it has one, otherwise on its
    ``case_id`` through ``cases``, otherwise on its ``source_id`` through ``sources`` (a table
    with ``source_id`` and ``fiscal_year``, e.g. ``cases``). Returns a new frame with a fresh
    index; ``df`` is not modified.

    Raises
    ------
    ValueError
        Bad ``fiscal_year``, or a table with none of ``fiscal_year``, ``case_id`` (with
        ``cases``) or ``source_id`` (with ``sources``).
    """
    label = normalize_year(fiscal_year)
    if label == YEAR_ALL:
        return df.reset_index(drop=True)
    if "fiscal_year" in df.columns:
        col = df["fiscal_year"]
        # tables such as associations use the labels "all" / "unknown" as values
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            return df[col.astype("string").fillna(YEAR_UNKNOWN) == label].reset_index(drop=True)
        return df[year_mask(col, label)].reset_index(drop=True)
    if "case_id" in df.columns and cases is not None:
        keep = cases.loc[year_mask(cases["fiscal_year"], label), "case_id"]
        return df[df["case_id"].isin(keep)].reset_index(drop=True)
    if "source_id" in df.columns and sources is not None:
        keep = sources.loc[year_mask(sources["fiscal_year"], label), "source_id"]
        return df[df["source_id"].isin(keep)].reset_index(drop=True)
    if "case_id" in df.columns:
        raise ValueError("filter_by_year: this table has no fiscal_year column; pass cases=")
    raise ValueError("filter_by_year: the table has neither fiscal_year nor case_id")


def has_year_key(df_columns) -> bool:
    """Whether a table with these columns can be cut by year (``fiscal_year``, ``case_id`` or ``source_id``)."""
    return bool({"fiscal_year", "case_id", "source_id"} & set(df_columns))


#: processed tables computed over every year at once (a rule's hits in the corpus, the trend over
#: years): the notebooks show them for ``all`` only, so a year's notebooks do not depend on them
POOLED_TABLES = ("rule_report", "prevalence_trend")

"""Corpus overview tables: cases per year and municipality, statements per section, tick boxes.

Each function takes the loader tables (``cases``, ``statements``, ``checkboxes``) or the tokens
table and returns a new tidy table for display; none reads or writes files.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.vocab import CHECKBOX_DISPLAY_LABELS_JA, SECTION_LABELS_JA, YEAR_UNKNOWN

#: municipality shown when a case names none
UNKNOWN_MUNICIPALITY = "(不明)"


def cases_by_year_municipality(cases: pd.DataFrame) -> pd.DataFrame:
    """Number of cases per fiscal year and municipality.

    Returns
    -------
    pandas.DataFrame
        - ``fiscal_year`` (string) — the year, or ``"unknown"`` when the source names none.
        - ``municipality`` (string) — as in the report; ``"(不明)"`` when missing.
        - ``n_cases`` (Int64).

        Sorted by year then municipality.
    """
    df = pd.DataFrame({
        "fiscal_year": cases["fiscal_year"].astype("Int64").astype("string").fillna(YEAR_UNKNOWN),
        "municipality": cases["municipality"].astype("string").fillna(UNKNOWN_MUNICIPALITY),
    })
    out = df.groupby(["fiscal_year", "municipality"], sort=True).size().rename("n_cases").reset_index()
    out["n_cases"] = out["n_cases"].astype("Int64")
    return out.astype({"fiscal_year": "string", "municipality": "string"})


def statements_by_section(statements: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements and characters per case and section.

    Parameters
    ----------
    statements : the ``statements`` table (case_id, section, text).
    cases : optional ``cases`` table; adds the municipality to each row.

    Returns
    -------
    pandas.DataFrame
        - ``case_id`` (string), ``municipality`` (string, when ``cases`` is given)
        - ``section`` (string) and ``section_ja`` (string, Japanese label with English)
        - ``n_statements`` (Int64), ``n_chars`` (Int64) — statements and characters of text.

        Sections in the schema order; sections without statements are left out.
    """
    sections = list(statements["section"].cat.categories) if isinstance(statements["section"].dtype, pd.CategoricalDtype) else sorted(statements["section"].dropna().unique())
    df = pd.DataFrame({
        "case_id": statements["case_id"].astype("string"),
        "section": pd.Categorical(statements["section"].astype("string"), categories=sections),
        "n_chars": statements["text"].astype("string").str.len().fillna(0).astype("int64"),
    })
    out = (
        df.groupby(["case_id", "section"], observed=True, sort=True)
        .agg(n_statements=("n_chars", "size"), n_chars=("n_chars", "sum"))
        .reset_index()
    )
    out["section"] = out["section"].astype("string")
    out.insert(2, "section_ja", out["section"].map(lambda s: SECTION_LABELS_JA.get(s, s)).astype("string"))
    out = out.astype({"n_statements": "Int64", "n_chars": "Int64"})
    if cases is not None:
        muni = cases.set_index(cases["case_id"].astype("string"))["municipality"].astype("string")
        out.insert(1, "municipality", out["case_id"].map(muni).astype("string"))
    return out


def checkbox_table(checkboxes: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Tick-box items per case, wide: one row per item, one column per municipality (✓ as True).

    Returns
    -------
    pandas.DataFrame
        - ``category`` (string), ``category_ja`` (string), ``label_ja`` (string) — the item.
        - one boolean column per case, named ``<municipality> (<case_id>)`` in case order.
        - ``n_checked`` (Int64) — cases that ticked the item.
    """
    muni = cases.set_index(cases["case_id"].astype("string"))["municipality"].astype("string").fillna(UNKNOWN_MUNICIPALITY)
    df = checkboxes.copy()
    df["case"] = [f"{muni.get(c, UNKNOWN_MUNICIPALITY)} ({c})" for c in df["case_id"].astype("string")]
    order = [f"{muni[c]} ({c})" for c in cases["case_id"].astype("string") if c in set(df["case_id"].astype("string"))]
    df["category"] = df["category"].astype("string")
    df["label_ja"] = df["label_ja"].astype("string")
    wide = df.pivot_table(index=["category", "label_ja"], columns="case", values="checked", aggfunc="max", sort=False, observed=True)
    wide = wide.reindex(columns=order).astype("boolean").reset_index()
    wide.columns.name = None
    wide.insert(1, "category_ja", wide["category"].map(lambda s: CHECKBOX_DISPLAY_LABELS_JA.get(s, s)).astype("string"))
    wide["n_checked"] = wide[order].fillna(False).astype(int).sum(axis=1).astype("Int64")
    return wide


def section_keyness(tokens: pd.DataFrame, statements: pd.DataFrame, section: str = "outcome", **kwargs) -> pd.DataFrame:
    """Keyness of one section against the others (:func:`futoko_research.features.keyness`).

    Reports without that section (a generic layout has only ``body`` statements) give an empty
    table with the same columns instead of an error, so a notebook runs on any corpus.
    """
    from futoko_research.features import keyness

    present = set(statements["section"].astype("string").dropna())
    if section in present and len(present) > 1 and tokens["statement_id"].isin(
            statements.loc[statements["section"].astype("string") == section, "statement_id"]).any():
        return keyness(tokens, section, by="section", statements=statements, **kwargs)
    return pd.DataFrame({
        "term": pd.Series(dtype="string"), "n_target": pd.Series(dtype="Int64"),
        "n_reference": pd.Series(dtype="Int64"), "g2": pd.Series(dtype="float64"),
        "p_value": pd.Series(dtype="float64"), "log_ratio": pd.Series(dtype="float64"),
        "rel_target": pd.Series(dtype="float64"), "rel_reference": pd.Series(dtype="float64"),
    })

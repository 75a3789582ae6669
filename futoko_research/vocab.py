"""The package's shared vocabulary: fiscal years, sections, tick boxes, code categories.

One place for the closed sets of values the tables use and their display labels, so that
the loaders, the schemas, the coder, the analysis and the notebooks agree. This module is at
the bottom of the package (it imports nothing from it).

Years
-----
A *year selection* is ``"all"`` (:data:`YEAR_ALL`: every case), ``"unknown"``
(:data:`YEAR_UNKNOWN`: cases whose source names no fiscal year) or a year such as ``"2023"``;
:func:`normalize_year` turns user input into one of these labels and :func:`year_labels` turns
a ``fiscal_year`` column into them.

Labels
------
Two label sets exist for the tick boxes, and they are different things:

- :data:`CHECKBOX_FORM_LABELS_JA` — the wording printed on the MEXT case sheet (学校復帰に向けた
  支援 …). The parsers recognise the boxes by it and the synthetic corpus prints it.
- :data:`CHECKBOX_DISPLAY_LABELS_JA` — short Japanese labels with an English gloss
  (学校復帰支援 (school return support) …) for tables shown in the notebooks.
"""

from __future__ import annotations

import pandas as pd

# --------------------------------------------------------------------------- fiscal years
#: the year selection meaning every case
YEAR_ALL = "all"
#: the year label of cases whose source names no fiscal year (``fiscal_year`` NA)
YEAR_UNKNOWN = "unknown"
#: the range a fiscal year given as a number must fall in
YEAR_RANGE = (1900, 2200)


def normalize_year(fiscal_year: str | int) -> str:
    """Return the canonical label of a year selection: ``"all"``, ``"unknown"`` or ``"2023"``.

    Parameters
    ----------
    fiscal_year : ``"all"``, ``"unknown"`` (any case, surrounding spaces ignored) or a year as
        an int or a string of digits.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``fiscal_year`` is neither ``"all"``, ``"unknown"`` nor an integer year.
    """
    if isinstance(fiscal_year, bool):
        raise ValueError(f"fiscal_year must be 'all', 'unknown' or a year, not {fiscal_year!r}")
    text = str(fiscal_year).strip().lower()
    if text in (YEAR_ALL, YEAR_UNKNOWN):
        return text
    if text.isdigit() and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return str(int(text))
    raise ValueError(f"fiscal_year must be 'all', 'unknown' or a year, not {fiscal_year!r}")


def year_labels(values: pd.Series) -> pd.Series:
    """Fiscal years as labels (string dtype); a missing year becomes ``"unknown"``.

    Parameters
    ----------
    values : a ``fiscal_year`` column (Int64, or anything ``astype("Int64")`` accepts).

    Returns
    -------
    pandas.Series
        string dtype, same index.
    """
    v = pd.Series(values).astype("Int64")
    return v.astype("string").fillna(YEAR_UNKNOWN).astype("string")


# --------------------------------------------------------------------------- report layouts
#: parsers recorded in ``cases.layout``
LAYOUTS = ("case_sheet", "generic", "pdf_case_sheet", "pdf_generic", "docx", "html")

# --------------------------------------------------------------------------- sections
#: sections of a statement, in display order (the categories of ``statements.section``)
SECTIONS = ("goal", "focus", "activity", "outcome", "tag", "body", "unassigned", "furniture")
#: sections kept in ``statements`` (so no character is lost) but never sent to features or codes:
#: running heads, publisher lines and page numbers repeated on the pages of a report
NON_CONTENT_SECTIONS = ("furniture",)
#: Japanese display label (with the English key) of each section
SECTION_LABELS_JA = {
    "goal": "目標 (goal)",
    "focus": "重点 (focus)",
    "activity": "取組 (activity)",
    "outcome": "成果 (outcome)",
    "tag": "タグ (tag)",
    "body": "本文 (body)",
    "unassigned": "未分類 (unassigned)",
    "furniture": "欄外 (furniture)",
}

# --------------------------------------------------------------------------- tick boxes
#: tick-box categories of a case sheet (the categories of ``checkboxes.category``)
CHECKBOX_CATEGORIES = ("school_return_support", "learning_opportunity", "center_enhancement")
#: the label of each tick box as printed on the case sheet (what the parsers recognise)
CHECKBOX_FORM_LABELS_JA = {
    "school_return_support": "学校復帰に向けた支援",
    "learning_opportunity": "学習機会確保の取組",
    "center_enhancement": "教育支援センターの機能充実に向けた取組",
}
#: short Japanese display label (with an English gloss) of each tick box, for tables
CHECKBOX_DISPLAY_LABELS_JA = {
    "school_return_support": "学校復帰支援 (school return support)",
    "learning_opportunity": "学習機会の確保 (learning opportunity)",
    "center_enhancement": "教育支援センターの充実 (center enhancement)",
}

# --------------------------------------------------------------------------- codes
#: categories of a codebook's codes (the categories of ``codes.category``)
CODE_CATEGORIES = ("intervention", "outcome", "other")

# --------------------------------------------------------------------------- cause → effect links
#: how a link was read (``links.construction``; :mod:`futoko_research.analysis.link_cues`)
LINK_CONSTRUCTIONS = ("means", "means_adnominal", "kotode", "through", "through_adnominal", "thanks", "result",
                      "reason", "conditional", "attribution", "frame", "te_chain",
                      "aim_chain", "purpose", "trigger")
#: whether the effect happened (``links.polarity``): 〜につながった vs 〜につながらなかった
LINK_POLARITIES = ("positive", "negative")
#: whether the effect is reported or only aimed at (``links.modality``): 〜が増えた vs 〜を目指す
LINK_MODALITIES = ("reported", "intended")
#: where the cause of a link is (``links.backref``): in its own sentence (``none``) or, for a
#: back-reference (その結果, これにより), in the previous sentence of the statement or the case
LINK_BACKREFS = ("none", "previous_sentence", "previous_statement", "unresolved")

__all__ = [
    "CHECKBOX_CATEGORIES",
    "CHECKBOX_DISPLAY_LABELS_JA",
    "CHECKBOX_FORM_LABELS_JA",
    "CODE_CATEGORIES",
    "LAYOUTS",
    "LINK_BACKREFS",
    "LINK_CONSTRUCTIONS",
    "LINK_MODALITIES",
    "LINK_POLARITIES",
    "NON_CONTENT_SECTIONS",
    "SECTIONS",
    "SECTION_LABELS_JA",
    "YEAR_ALL",
    "YEAR_RANGE",
    "YEAR_UNKNOWN",
    "normalize_year",
    "year_labels",
]

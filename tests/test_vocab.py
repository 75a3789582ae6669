"""futoko_research.vocab: one definition of years, sections, tick boxes and code categories,
and the deprecated aliases of the names that moved or were renamed in the restructuring."""

from __future__ import annotations

import ast
import importlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

from futoko_research import vocab

PACKAGE = Path(__file__).resolve().parents[1] / "futoko_research"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("all", "all"), ("ALL", "all"), (" unknown ", "unknown"), (2021, "2021"), ("2021", "2021"), ("02021", "2021")],
)
def test_normalize_year(value, expected):
    assert vocab.normalize_year(value) == expected


@pytest.mark.parametrize("value", ["", "1999-2000", "year", True, 1800, "3000", None])
def test_normalize_year_rejects(value):
    with pytest.raises(ValueError, match="fiscal_year must be"):
        vocab.normalize_year(value)


def test_year_labels():
    got = vocab.year_labels(pd.Series([2021, None, 2022], dtype="Int64"))
    assert got.tolist() == ["2021", "unknown", "2022"]
    assert isinstance(got.dtype, pd.StringDtype)


def test_every_closed_set_is_defined_once():
    from futoko_research import reporting, schema
    from futoko_research.analysis import stats
    from futoko_research.coding import codebook
    from futoko_research.loaders import blocks

    assert blocks.SECTIONS is vocab.SECTIONS and codebook.SECTIONS is vocab.SECTIONS
    assert blocks.CHECKBOX_CATEGORIES is vocab.CHECKBOX_CATEGORIES
    assert codebook.CATEGORIES is vocab.CODE_CATEGORIES
    assert schema.LAYOUT_VALUES is vocab.LAYOUTS
    assert list(schema.STATEMENTS.columns["section"].dtype.type.categories) == list(vocab.SECTIONS)
    assert (stats.ALL_YEARS, stats.UNKNOWN_YEAR) == (vocab.YEAR_ALL, vocab.YEAR_UNKNOWN)
    assert (reporting.YEAR_ALL, reporting.YEAR_UNKNOWN) == (vocab.YEAR_ALL, vocab.YEAR_UNKNOWN)
    assert reporting.normalize_year is vocab.normalize_year and stats.year_labels is vocab.year_labels
    assert reporting.SECTION_LABELS_JA is vocab.SECTION_LABELS_JA


def test_label_sets_cover_their_vocabularies():
    assert set(vocab.SECTION_LABELS_JA) == set(vocab.SECTIONS)
    assert set(vocab.CHECKBOX_FORM_LABELS_JA) == set(vocab.CHECKBOX_CATEGORIES)
    assert set(vocab.CHECKBOX_DISPLAY_LABELS_JA) == set(vocab.CHECKBOX_CATEGORIES)


def test_form_labels_are_what_the_case_sheet_prints(sample_tables):
    # the parser recognises tick boxes by the printed wording; the sample's labels are that wording
    printed = dict(zip(sample_tables.checkboxes["category"].astype(str), sample_tables.checkboxes["label_ja"]))
    assert printed == vocab.CHECKBOX_FORM_LABELS_JA


# --------------------------------------------------------------------------- deprecated aliases
#: (module, old name, module of the new object, new name) — every alias kept for one release
DEPRECATED = [
    ("futoko_research.loaders.blocks", "CHECKBOX_LABELS_JA", "futoko_research.vocab", "CHECKBOX_FORM_LABELS_JA"),
    ("futoko_research.reporting", "CHECKBOX_LABELS_JA", "futoko_research.vocab", "CHECKBOX_DISPLAY_LABELS_JA"),
    ("futoko_research.reporting", "plot_statements_by_section", "futoko_research.plots.corpus",
     "plot_statements_by_section"),
    ("futoko_research.reporting", "plot_prevalence_bars", "futoko_research.plots.analysis", "plot_prevalence_bars"),
    ("futoko_research.reporting", "KIND_COLORS", "futoko_research.plots.analysis", "KIND_COLORS"),
    ("futoko_research.reporting", "KIND_LABELS", "futoko_research.plots.analysis", "KIND_LABELS"),
    ("futoko_research.coding", "kwic", "futoko_research.coding.evidence", "evidence_in_context"),
    ("futoko_research.coding", "cooccurrence", "futoko_research.coding.code_pairs", "code_cooccurrence"),
    ("futoko_research.coding.summaries", "kwic", "futoko_research.coding.evidence", "evidence_in_context"),
    ("futoko_research.coding.summaries", "cooccurrence", "futoko_research.coding.code_pairs", "code_cooccurrence"),
    ("futoko_research.coding.rules", "statement_code_sets", "futoko_research.coding.report", "statement_code_sets"),
    ("futoko_research.coding.rules", "iter_rule_ids", "futoko_research.coding.codebook", "iter_rule_ids"),
    ("futoko_research.coding.rules", "RE_SENT_END", "futoko_research.coding.context", "RE_SENT_END"),
    ("futoko_research.links", "extract_links", "futoko_research.analysis.links", "extract_links"),
    ("futoko_research.links", "link_counts", "futoko_research.analysis.links", "link_counts"),
    ("futoko_research.links", "RE_CONNECTIVE", "futoko_research.analysis.links", "RE_CONNECTIVE"),
]


@pytest.mark.parametrize(("module", "old", "new_module", "new"), DEPRECATED)
def test_deprecated_alias_warns_and_is_the_new_object(module, old, new_module, new):
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=rf"{module}\.{old} is deprecated.*{new}"):
        value = getattr(mod, old)
    assert value is getattr(importlib.import_module(new_module), new)


def test_from_import_of_a_moved_name_warns():
    with pytest.warns(DeprecationWarning, match="futoko_research.analysis.links.extract_links"):
        from futoko_research.links import extract_links  # noqa: F401
    with pytest.warns(DeprecationWarning, match="evidence_in_context"):
        from futoko_research.coding import kwic  # noqa: F401


def test_names_kept_where_they_were_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        from futoko_research.analysis import ALL_YEARS, UNKNOWN_YEAR  # noqa: F401
        from futoko_research.coding.rules import ZeroHitWarning, case_codes, rule_report  # noqa: F401
        from futoko_research.features.tables import PHRASE_DTYPES, TOKEN_DTYPES, TOKENS_SCHEMA  # noqa: F401
        from futoko_research.loaders.blocks import CHECKBOX_CATEGORIES, SECTIONS  # noqa: F401
        from futoko_research.privacy.keys import norm_key  # noqa: F401
        from futoko_research.reporting import (  # noqa: F401
            YEAR_ALL,
            cases_by_year_municipality,
            checkbox_table,
            normalize_year,
            section_keyness,
            statements_by_section,
        )


def test_unknown_names_still_raise_attribute_error():
    from futoko_research import coding, links, reporting
    from futoko_research.loaders import blocks

    for mod in (coding, links, reporting, blocks):
        with pytest.raises(AttributeError):
            mod.no_such_name  # noqa: B018


def test_norm_key_is_defined_once():
    from futoko_research.privacy import detect, guard, keys, text

    assert keys.norm_key is text.norm_key is detect.norm_key is guard.norm_key
    assert text.norm_key("山田 太郎\u3000") == "山田太郎" and text.norm_key("ＡＢ") == "AB"


# --------------------------------------------------------------------------- private names
def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("futoko_research"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_private_name_is_imported_across_modules():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        found = _private_imports(path)
        if found:
            offenders[str(rel)] = found
    assert offenders == {}

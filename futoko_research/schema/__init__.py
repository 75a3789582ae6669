"""Contracts (pandera schemas) of every stored table, declared in this package and nowhere else.

Each table has a name in :data:`SCHEMAS`; :func:`validate` checks a frame against its schema
and raises :class:`~futoko_research.errors.SchemaError` with one line naming the table, column
and problem. Extra columns are allowed (tables grow); the listed columns must be present with
the listed dtypes.

Every table the package writes is declared in a module below, so ``validate(df, "codes")`` works
in a fresh interpreter: no contract is added as a side effect of importing the module that makes
the table. :func:`register` remains for tables of code outside this package.

Modules, one job each (every name is importable from ``futoko_research.schema``; imports are
lazy, so ``import futoko_research.schema`` stays cheap):

- :mod:`~futoko_research.schema.columns` — column builders and :data:`STRING`
- :mod:`~futoko_research.schema.loader_tables` — ``cases``, ``statements``, ``checkboxes``,
  ``source_tables``, ``ingest_report``
- :mod:`~futoko_research.schema.feature_tables` — ``tokens``, ``phrases``, ``entities`` (column
  dtypes in :data:`TOKEN_DTYPES`, :data:`PHRASE_DTYPES`, :data:`ENTITY_DTYPES`)
- :mod:`~futoko_research.schema.coding_tables` — ``codes``, ``case_codes``, ``rule_report``,
  ``validation_sentences``, ``validation_labels``
- :mod:`~futoko_research.schema.analysis_tables` — ``case_variables``, ``links``,
  ``link_counts``, ``associations``, ``prevalence``, ``prevalence_trend``; with a validation
  sheet also ``validation_rates``, ``prevalence_corrected``, ``association_robustness``
- :mod:`~futoko_research.schema.privacy_tables` — ``privacy_report``
- :mod:`~futoko_research.schema.registry` — :data:`SCHEMAS`, :data:`TABLE_NAMES`,
  :func:`validate`, :func:`register`

The closed vocabularies (sections, tick-box and code categories, layouts) come from
:mod:`futoko_research.vocab`. The data dictionary is ``docs/data_dictionary.md``.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "columns": ("STRING",),
    "loader_tables": ("CASES", "STATEMENTS", "SOURCE_TABLES", "INGEST_REPORT", "CHECKBOXES", "LAYOUT_VALUES"),
    "feature_tables": ("TOKEN_DTYPES", "PHRASE_DTYPES", "ENTITY_DTYPES", "TOKEN_NULLABLE", "PHRASE_KINDS", "TOKENS",
                       "PHRASES", "ENTITIES"),
    "coding_tables": ("CODES", "CASE_CODES", "RULE_REPORT", "VALIDATION_SENTENCES", "VALIDATION_LABELS"),
    "analysis_tables": ("CASE_VARIABLES", "LINKS", "LINK_COUNTS", "ASSOCIATIONS", "ASSOCIATION_TESTS", "PREVALENCE",
                        "PREVALENCE_TREND", "VALIDATION_RATES", "PREVALENCE_CORRECTED",
                        "ASSOCIATION_ROBUSTNESS"),
    "privacy_tables": ("PRIVACY_REPORT",),
    "registry": ("SCHEMAS", "TABLE_NAMES", "register", "validate"),
}
#: names this module has always let be imported that belong elsewhere (not part of ``__all__``)
_KEPT = {
    "columns": ("pa",),
    "loader_tables": ("CHECKBOX_CATEGORIES", "LAYOUTS", "SECTIONS"),
    "feature_tables": ("PROFILES",),
    "coding_tables": ("CODE_CATEGORIES",),
    "analysis_tables": ("LINK_BACKREFS", "LINK_CONSTRUCTIONS", "LINK_MODALITIES", "LINK_POLARITIES"),
    "registry": ("SchemaError",),
}
_WHERE = {name: module for table in (_EXPORTS, _KEPT) for module, names in table.items() for name in names}

__all__ = sorted(name for names in _EXPORTS.values() for name in names)


def __getattr__(name: str):
    if name in _WHERE:
        module = importlib.import_module(f"futoko_research.schema.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'futoko_research.schema' has no attribute {name!r}")


def __dir__():
    return __all__

"""The contracts by name: :data:`SCHEMAS`, :func:`validate` and :func:`register`.

Every table of the package is declared in a module of :mod:`futoko_research.schema` by kind
(:mod:`.loader_tables`, :mod:`.feature_tables`, :mod:`.coding_tables`, :mod:`.analysis_tables`,
:mod:`.privacy_tables`) and named here, so ``validate(df, "codes")`` works in a fresh interpreter.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.errors import SchemaError
from futoko_research.schema.analysis_tables import (
    ASSOCIATION_ROBUSTNESS,
    ASSOCIATIONS,
    CASE_VARIABLES,
    LINK_COUNTS,
    LINKS,
    PREVALENCE,
    PREVALENCE_CORRECTED,
    PREVALENCE_TREND,
    VALIDATION_RATES,
)
from futoko_research.schema.coding_tables import (
    CASE_CODES,
    CODES,
    RULE_REPORT,
    VALIDATION_LABELS,
    VALIDATION_SENTENCES,
)
from futoko_research.schema.columns import pa
from futoko_research.schema.feature_tables import ENTITIES, PHRASES, TOKENS
from futoko_research.schema.loader_tables import (
    CASES,
    CHECKBOXES,
    INGEST_REPORT,
    SOURCE_TABLES,
    STATEMENTS,
)
from futoko_research.schema.privacy_tables import PRIVACY_REPORT

#: every table contract by name
SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "cases": CASES,
    "statements": STATEMENTS,
    "checkboxes": CHECKBOXES,
    "source_tables": SOURCE_TABLES,
    "ingest_report": INGEST_REPORT,
    "tokens": TOKENS,
    "phrases": PHRASES,
    "entities": ENTITIES,
    "codes": CODES,
    "case_codes": CASE_CODES,
    "rule_report": RULE_REPORT,
    "validation_sentences": VALIDATION_SENTENCES,
    "validation_labels": VALIDATION_LABELS,
    "case_variables": CASE_VARIABLES,
    "links": LINKS,
    "link_counts": LINK_COUNTS,
    "associations": ASSOCIATIONS,
    "prevalence": PREVALENCE,
    "prevalence_trend": PREVALENCE_TREND,
    "validation_rates": VALIDATION_RATES,
    "prevalence_corrected": PREVALENCE_CORRECTED,
    "association_robustness": ASSOCIATION_ROBUSTNESS,
    "privacy_report": PRIVACY_REPORT,
}
#: the tables of this package (those declared above)
TABLE_NAMES = tuple(SCHEMAS)


def register(name: str, schema: pa.DataFrameSchema) -> pa.DataFrameSchema:
    """Add the contract of a table made outside this package; return ``schema``.

    The package's own tables (:data:`TABLE_NAMES`) are all declared in :mod:`futoko_research.schema`; nothing in
    the package calls this function.
    """
    SCHEMAS[name] = schema
    return schema


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Validate ``df`` against the contract ``name``; return it unchanged.

    Raises
    ------
    SchemaError : one line: table, column, what was expected and what was found.
    KeyError : for an unknown table name.
    """
    schema = SCHEMAS[name]
    try:
        return schema.validate(df, lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        col = getattr(exc, "schema", None)
        col_name = getattr(col, "name", None) or "?"
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SchemaError(f"table {name!r}, column {col_name!r}: {msg}") from None

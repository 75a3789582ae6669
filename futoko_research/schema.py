"""Contracts (pandera schemas) of every stored table, and dtype coercion.

Each table has a name in :data:`SCHEMAS`; :func:`validate` checks a frame against its schema
and raises :class:`~futoko_research.errors.SchemaError` with one line naming the table, column
and problem. Extra columns are allowed (tables grow); the listed columns must be present with
the listed dtypes. Other modules register their tables with :func:`register`.
"""

from __future__ import annotations

import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from futoko_research.errors import SchemaError
from futoko_research.loaders.blocks import CHECKBOX_CATEGORIES, SECTIONS

STRING = pd.StringDtype()
LAYOUT_VALUES = ("case_sheet", "generic", "pdf_case_sheet", "pdf_generic")


def _str(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column(STRING, nullable=nullable, **kw)


def _int(nullable: bool = False, **kw) -> pa.Column:
    return pa.Column("Int64", nullable=nullable, **kw)


SCHEMAS: dict[str, pa.DataFrameSchema] = {}


def register(name: str, schema: pa.DataFrameSchema) -> pa.DataFrameSchema:
    """Add a table contract (used by the modules that produce the table)."""
    SCHEMAS[name] = schema
    return schema


register("cases", pa.DataFrameSchema(
    {
        "case_id": _str(unique=True),
        "source_id": _str(),
        "fiscal_year": _int(nullable=True),
        "region": _str(nullable=True),
        "municipality": _str(nullable=True),
        "title": _str(nullable=True),
        "page": _int(checks=pa.Check.ge(1)),
        "layout": _str(checks=pa.Check.isin(LAYOUT_VALUES)),
    },
    strict=False,
))

register("statements", pa.DataFrameSchema(
    {
        "statement_id": _str(unique=True),
        "case_id": _str(),
        "section": pa.Column(pd.CategoricalDtype(SECTIONS), checks=pa.Check.isin(SECTIONS)),
        "position": _int(checks=pa.Check.ge(1)),
        "text": _str(),
        "text_norm": _str(),
        "source_id": _str(),
        "page": _int(nullable=True),
        "line_start": _int(nullable=True),
        "line_end": _int(nullable=True),
    },
    strict=False,
))

register("checkboxes", pa.DataFrameSchema(
    {
        "case_id": _str(),
        "category": pa.Column(pd.CategoricalDtype(CHECKBOX_CATEGORIES)),
        "label_ja": _str(),
        "checked": pa.Column("boolean"),
    },
    strict=False,
    unique=["case_id", "category"],
))


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

"""Column builders of the table contracts, shared by every module of :mod:`futoko_research.schema`.

- :data:`STRING` — the string dtype of every text column
- :func:`string_column`, :func:`int_column`, :func:`count_column`, :func:`float_column`,
  :func:`probability_column` — one pandera column of a kind
- :func:`schema_from_dtypes` — a contract from a ``{column: dtype}`` mapping

``pa`` is ``pandera.pandas``, imported here with its import-time warnings silenced; the table
modules take it from here.
"""

from __future__ import annotations

import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

__all__ = ["STRING", "count_column", "float_column", "int_column", "pa", "probability_column",
           "schema_from_dtypes", "string_column"]

STRING = pd.StringDtype()


def string_column(nullable: bool = False, **kw) -> pa.Column:
    """A string column (``kw`` passed to :class:`pandera.Column`: ``unique``, ``checks`` …)."""
    return pa.Column(STRING, nullable=nullable, **kw)


def int_column(nullable: bool = False, **kw) -> pa.Column:
    """A nullable-integer (``Int64``) column."""
    return pa.Column("Int64", nullable=nullable, **kw)


def count_column(minimum: int = 0) -> pa.Column:
    """A count: ``Int64``, at least ``minimum``."""
    return pa.Column("Int64", checks=pa.Check.ge(minimum))


def float_column(**kw) -> pa.Column:
    """A nullable ``float64`` column."""
    return pa.Column("float64", nullable=True, **kw)


def probability_column() -> pa.Column:
    """A nullable ``float64`` column within [0, 1]."""
    return pa.Column("float64", nullable=True, checks=pa.Check.in_range(0, 1))


def schema_from_dtypes(dtypes: dict, nullable=frozenset(), checks: dict | None = None, **kw) -> pa.DataFrameSchema:
    """A non-strict contract with one column per ``dtypes`` entry; ``nullable`` names the columns that may be NA."""
    checks = checks or {}
    cols = {name: pa.Column(dtype, nullable=name in nullable, checks=checks.get(name)) for name, dtype in dtypes.items()}
    return pa.DataFrameSchema(cols, strict=False, **kw)

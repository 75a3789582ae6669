"""Column dtypes of the feature tables (tokens, phrases, entities) and frames built from them.

The dtypes and the pandera contracts are declared in :mod:`futoko_research.schema.feature_tables`
(:mod:`futoko_research.schema` is the one place for table contracts) and re-exported here.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.schema.columns import STRING
from futoko_research.schema.feature_tables import ENTITIES as ENTITIES_SCHEMA
from futoko_research.schema.feature_tables import (
    ENTITY_DTYPES,
    PHRASE_DTYPES,
    PHRASE_KINDS,
    TOKEN_DTYPES,
)
from futoko_research.schema.feature_tables import PHRASES as PHRASES_SCHEMA
from futoko_research.schema.feature_tables import TOKENS as TOKENS_SCHEMA

__all__ = [
    "ENTITIES_SCHEMA", "ENTITY_DTYPES", "PHRASES_SCHEMA", "PHRASE_DTYPES", "PHRASE_KINDS", "STRING",
    "TOKENS_SCHEMA", "TOKEN_DTYPES", "empty_frame", "frame_from_columns",
]


def empty_frame(dtypes: dict) -> pd.DataFrame:
    """A zero-row frame with the given columns and dtypes."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in dtypes.items()})


def frame_from_columns(columns: dict[str, list], dtypes: dict) -> pd.DataFrame:
    """Build a typed frame from column lists (None → NA)."""
    return pd.DataFrame({c: pd.array(columns[c], dtype=dtypes[c]) if not isinstance(dtypes[c], pd.CategoricalDtype)
                         else pd.Categorical(columns[c], dtype=dtypes[c]) for c in dtypes})

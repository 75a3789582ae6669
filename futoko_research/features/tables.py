"""Column contracts of the feature tables (tokens, phrases, entities), registered with pandera."""

from __future__ import annotations

import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from futoko_research.nlp import PROFILES
from futoko_research.schema import register

STRING = pd.StringDtype()
PHRASE_KINDS = ("bunsetu", "noun_phrase", "compound")

TOKEN_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "sent_idx": "Int64",
    "token_idx": "Int64",
    "text": STRING,
    "lemma": STRING,
    "norm": STRING,
    "term": STRING,
    "pos": STRING,
    "tag": STRING,
    "dep": STRING,
    "head_idx": "Int64",
    "bunsetu_idx": "Int64",
    "ent_label": STRING,
    "is_content": "boolean",
    "start_char": "Int64",
    "end_char": "Int64",
    "reading": STRING,
    "profile": STRING,
}
PHRASE_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "kind": pd.CategoricalDtype(PHRASE_KINDS),
    "text": STRING,
    "lemma_text": STRING,
    "start_token": "Int64",
    "end_token": "Int64",
    "start_char": "Int64",
    "end_char": "Int64",
    "profile": STRING,
}
ENTITY_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "text": STRING,
    "label": STRING,
    "start_char": "Int64",
    "end_char": "Int64",
    "profile": STRING,
}

_NULLABLE = {"pos", "dep", "head_idx", "bunsetu_idx", "ent_label", "reading"}


def _schema(dtypes: dict, nullable: set[str] = frozenset(), checks: dict | None = None, **kw) -> pa.DataFrameSchema:
    checks = checks or {}
    cols = {
        name: pa.Column(dtype, nullable=name in nullable, checks=checks.get(name))
        for name, dtype in dtypes.items()
    }
    return pa.DataFrameSchema(cols, strict=False, **kw)


TOKENS_SCHEMA = register("tokens", _schema(
    TOKEN_DTYPES, _NULLABLE,
    checks={
        "token_idx": pa.Check.ge(0), "start_char": pa.Check.ge(0), "end_char": pa.Check.ge(1),
        "profile": pa.Check.isin(PROFILES),
    },
    unique=["statement_id", "token_idx"],
))
PHRASES_SCHEMA = register("phrases", _schema(
    PHRASE_DTYPES, checks={"start_token": pa.Check.ge(0), "end_token": pa.Check.ge(1)},
))
ENTITIES_SCHEMA = register("entities", _schema(ENTITY_DTYPES, checks={"start_char": pa.Check.ge(0)}))


def empty_frame(dtypes: dict) -> pd.DataFrame:
    """A zero-row frame with the given columns and dtypes."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in dtypes.items()})


def frame_from_columns(columns: dict[str, list], dtypes: dict) -> pd.DataFrame:
    """Build a typed frame from column lists (None → NA)."""
    return pd.DataFrame({c: pd.array(columns[c], dtype=dtypes[c]) if not isinstance(dtypes[c], pd.CategoricalDtype)
                         else pd.Categorical(columns[c], dtype=dtypes[c]) for c in dtypes})

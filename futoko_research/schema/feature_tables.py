"""Contracts and column dtypes of the feature tables: ``tokens``, ``phrases``, ``entities``
(:mod:`futoko_research.features`; see docs/features.md)."""

from __future__ import annotations

import pandas as pd

from futoko_research.nlp import PROFILES
from futoko_research.schema.columns import STRING, pa, schema_from_dtypes

#: kinds of rows in the phrases table
PHRASE_KINDS = ("bunsetu", "noun_phrase", "compound")

#: columns and dtypes of the tokens table (see docs/features.md)
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
#: columns and dtypes of the phrases table
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
#: columns and dtypes of the entities table
ENTITY_DTYPES: dict[str, object] = {
    "statement_id": STRING,
    "case_id": STRING,
    "text": STRING,
    "label": STRING,
    "start_char": "Int64",
    "end_char": "Int64",
    "profile": STRING,
}
#: token columns a profile may leave empty (``lexical`` has no POS, dependencies or entities)
TOKEN_NULLABLE = frozenset({"pos", "dep", "head_idx", "bunsetu_idx", "ent_label", "reading"})

TOKENS = schema_from_dtypes(
    TOKEN_DTYPES, TOKEN_NULLABLE,
    checks={
        "token_idx": pa.Check.ge(0), "start_char": pa.Check.ge(0), "end_char": pa.Check.ge(1),
        "profile": pa.Check.isin(PROFILES),
    },
    unique=["statement_id", "token_idx"],
)
PHRASES = schema_from_dtypes(PHRASE_DTYPES, checks={"start_token": pa.Check.ge(0), "end_token": pa.Check.ge(1)})
ENTITIES = schema_from_dtypes(ENTITY_DTYPES, checks={"start_char": pa.Check.ge(0)})

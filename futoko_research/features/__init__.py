"""Text features: GiNZA / SudachiPy token, phrase and entity tables, and analyses on them.

- :func:`extract` — statements → ``tokens``, ``phrases``, ``entities`` (any runner of
  :mod:`futoko_research.backends`); :func:`extract_partition` — the same in this process;
  :func:`dependency_tokens` — tokens with dependencies (profile ``fast``), e.g. for links;
  :class:`ExtractWork` — the unit of work a runner maps
- analyses returning DataFrames: :func:`word_frequency`, :func:`tfidf_top_terms`,
  :func:`keyness`, :func:`kwic`, :func:`cooccurrence`
- :func:`load_terms` — the user term list and variant map; :func:`cache_key` — the DocBin key

Importing this package does not import spaCy or load a model.
"""

from __future__ import annotations

from futoko_research.features.cache import CacheWarning, cache_key, cache_meta
from futoko_research.features.cooccurrence import cooccurrence
from futoko_research.features.extract import dependency_tokens, extract
from futoko_research.features.frequency import attach_groups, tfidf_top_terms, word_frequency
from futoko_research.features.keyness import g2_statistic, keyness
from futoko_research.features.kwic import kwic
from futoko_research.features.parse import extract_partition
from futoko_research.features.rows import FeatureTables
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.features.work import ExtractWork

__all__ = [
    "CacheWarning",
    "ExtractWork",
    "FeatureTables",
    "TermConfig",
    "attach_groups",
    "cache_key",
    "cache_meta",
    "cooccurrence",
    "dependency_tokens",
    "extract",
    "extract_partition",
    "g2_statistic",
    "keyness",
    "kwic",
    "load_terms",
    "tfidf_top_terms",
    "word_frequency",
]


def __getattr__(name: str):
    if name == "write_features":  # deprecated: moved to futoko_research.pipeline.steps.features
        from futoko_research.features import writer

        return writer.write_features
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

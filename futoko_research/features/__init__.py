"""Text features: GiNZA / SudachiPy token, phrase and entity tables, and analyses on them.

- :func:`extract` — statements → ``tokens``, ``phrases``, ``entities`` (any runner of
  :mod:`futoko_research.backends`); :func:`extract_partition` — the same in this process;
  :func:`dependency_tokens` — tokens with dependencies (profile ``fast``), e.g. for links;
  :class:`ExtractWork` — the unit of work a runner maps
- analyses returning DataFrames: :func:`word_frequency`, :func:`tfidf_top_terms`,
  :func:`keyness`, :func:`kwic`, :func:`cooccurrence`
- KH Coder's views: :func:`correspondence_analysis` (of :func:`contingency_table` /
  :func:`code_table`), :func:`term_similarity` → :func:`cluster_terms`, :func:`mds_terms`;
  :func:`cooccurrence_network` (communities, GraphML-ready), :func:`mixed_cooccurrence` (codes
  and words); :func:`topic_model`, :func:`topic_shares`; :func:`load_stopwords` (the versioned
  stop-word list applied to every view, switchable off with ``stopwords=False``)
- :func:`load_terms` — the user term list and variant map; :func:`cache_key` — the DocBin key

Importing this package does not import spaCy or load a model.
"""

from __future__ import annotations

from futoko_research.features.ca import CAResult, correspondence_analysis
from futoko_research.features.cache import CacheWarning, cache_key, cache_meta
from futoko_research.features.cooccurrence import (
    COEFFICIENTS,
    cooccurrence,
    mixed_cooccurrence,
    presence,
    presence_cooccurrence,
)
from futoko_research.features.extract import dependency_tokens, extract
from futoko_research.features.frequency import attach_groups, tfidf_top_terms, word_frequency
from futoko_research.features.keyness import g2_statistic, keyness
from futoko_research.features.kwic import kwic
from futoko_research.features.network import cooccurrence_network, network_nodes
from futoko_research.features.parse import extract_partition
from futoko_research.features.rows import FeatureTables
from futoko_research.features.stopwords import load_stopwords
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.features.topics import TopicModel, topic_model, topic_shares
from futoko_research.features.views import (
    Clustering,
    cluster_terms,
    code_presence,
    code_table,
    contingency_table,
    matrix_long,
    mds_terms,
    similarity_matrix,
    term_similarity,
)
from futoko_research.features.work import ExtractWork

__all__ = [
    "CAResult",
    "COEFFICIENTS",
    "CacheWarning",
    "Clustering",
    "ExtractWork",
    "FeatureTables",
    "TermConfig",
    "TopicModel",
    "attach_groups",
    "cache_key",
    "cache_meta",
    "cluster_terms",
    "code_presence",
    "code_table",
    "contingency_table",
    "cooccurrence",
    "cooccurrence_network",
    "correspondence_analysis",
    "dependency_tokens",
    "extract",
    "extract_partition",
    "g2_statistic",
    "keyness",
    "kwic",
    "load_stopwords",
    "load_terms",
    "matrix_long",
    "mds_terms",
    "mixed_cooccurrence",
    "network_nodes",
    "presence",
    "presence_cooccurrence",
    "similarity_matrix",
    "term_similarity",
    "tfidf_top_terms",
    "topic_model",
    "topic_shares",
    "word_frequency",
]


def __getattr__(name: str):
    if name == "write_features":  # deprecated: moved to futoko_research.pipeline.steps.features
        from futoko_research.features import writer

        return writer.write_features
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

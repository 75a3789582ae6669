"""Statements → token, phrase and entity tables (GiNZA / SudachiPy): the public :func:`extract`.

The work is done by :mod:`.parse` (one frame, in this process) through a runner
(:mod:`futoko_research.backends`): the serial runner by default, or whichever runner the
caller passes — :class:`~futoko_research.features.work.ExtractWork` is the unit it maps.
:func:`dependency_tokens` gives the tokens with dependencies that links need.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from futoko_research.backends import Runner, get_runner
from futoko_research.backends.legacy import runner_from_options
from futoko_research.deprecation import warn_deprecated_message as warn_deprecated
from futoko_research.features.parse import DEFAULT_BATCH_SIZE, REQUIRED_COLUMNS, check_statements
from futoko_research.features.rows import FeatureTables
from futoko_research.features.terms import TermConfig, load_terms
from futoko_research.features.work import ExtractWork
from futoko_research.nlp import DEFAULT_SPLIT_MODE, check_profile

#: profile whose tokens carry dependencies (dep, head_idx, bunsetu_idx) at the lowest cost
DEPENDENCY_PROFILE = "fast"


def extract(
    statements: pd.DataFrame,
    *,
    profile: str = "full",
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache_dir: str | Path | None | bool = None,
    terms: str | Path | TermConfig | None | bool = None,
    variants: str | Path | Mapping[str, str] | None | bool = None,
    split_mode: str = DEFAULT_SPLIT_MODE,
    progress: bool = True,
    runner: Runner | str | None = None,
    backend: str | None = None,
    client=None,
    n_process: int | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partitions: int | str | None = None,
) -> FeatureTables:
    """Parse statements into token, phrase and entity tables.

    Parameters
    ----------
    statements : DataFrame with at least ``statement_id``, ``case_id``, ``text`` (the loader's
        ``statements`` table or any selection of it). ``text`` is parsed; offsets point into it.
    profile : ``"full"`` (every ja_ginza component), ``"fast"`` (no NER) or ``"lexical"``
        (SudachiPy alone). See Notes.
    batch_size : ``nlp.pipe`` batch size.
    cache_dir : DocBin cache root (default ``paths.CACHE_DIR``); ``False`` disables it.
        ``lexical`` is not cached (tokenising is faster than reading a cache). The ``dask``
        runner also keeps whole partitions under ``<cache_dir>/partitions/``; on a
        multi-machine cluster the folder must be one every worker and the client can reach.
    terms, variants : term list / variant map (paths, in-memory lists, ``None`` for the
        packaged files, ``False`` for none); or a loaded :class:`TermConfig` as ``terms``.
    split_mode : Sudachi split mode (``"C"`` default, GiNZA's).
    progress : show a progress bar (characters).
    runner : where the parsing runs: a runner from :func:`futoko_research.backends.get_runner`
        (``"serial"`` — the default, ``"processes"``, ``"dask"``) or its name. Every runner gives
        the same tables.
    backend, client, n_process, scheduler, workers, partitions : deprecated (removed in the next
        release): ``backend="dask"`` with ``client``, ``scheduler``, ``workers``, ``partitions``
        is ``runner=get_runner("dask", …)``; ``n_process=N`` is
        ``runner=get_runner("processes", n_process=N)``.

    Returns
    -------
    FeatureTables
        ``tokens`` — one row per non-space token (user terms merged):

        ============  =======  ===============================================================
        statement_id  string   statement
        case_id       string   case
        sent_idx      Int64    0-based sentence within the statement (continuous over chunks)
        token_idx     Int64    0-based token within the statement (continuous over chunks)
        text          string   surface, exactly ``statement.text[start_char:end_char]``
        lemma         string   dictionary form (繋がっ → 繋がる); spelling kept (取組)
        norm          string   Sudachi normalised form (取組 → 取り組み); user term for merged terms
        term          string   analysis form: ``norm`` folded by the variant map
        pos           string   UD part of speech (NA in ``lexical``)
        tag           string   Sudachi part of speech joined with ``-`` (名詞-普通名詞-一般)
        dep           string   UD dependency label (NA in ``lexical``)
        head_idx      Int64    token_idx of the syntactic head (NA in ``lexical``)
        bunsetu_idx   Int64    0-based bunsetu (文節) (NA in ``lexical``)
        ent_label     string   GiNZA extended entity label (NA outside entities, and in fast/lexical)
        is_content    boolean  content word by Sudachi tag (same rule in every profile)
        start_char    Int64    offset into ``text`` of the statement
        end_char      Int64    end offset (exclusive)
        reading       string   katakana reading (Sudachi)
        profile       string   profile that made the row
        ============  =======  ===============================================================

        ``phrases`` — statement_id, case_id, kind (category: bunsetu | noun_phrase | compound),
        text, lemma_text (lemmas joined), start_token, end_token (token_idx, end exclusive),
        start_char, end_char, profile. ``bunsetu`` and ``noun_phrase`` need a parser (not in
        ``lexical``); ``compound`` (runs of ≥ 2 adjacent nouns/prefixes/noun suffixes in a
        sentence) comes from tags, in every profile.

        ``entities`` — statement_id, case_id, text, label, start_char, end_char, profile
        (``full`` only).

        ``info`` (also ``df.attrs["features"]``): model name and versions, split mode, pipes,
        terms hash, preprocessing and chunk policy, and counts of parsed / cached chunks (a
        partitioning runner adds ``runner``, ``n_partitions`` and counts of its own).

    Notes
    -----
    Statements longer than the chunk budget (16,000 UTF-8 bytes, also checked after NFKC) are
    split at sentence ends — never truncated — and parsed chunk by chunk (one Doc per chunk,
    offsets kept). Kangxi radicals are folded one-to-one before parsing. Spaces (``is_space``)
    are dropped. User terms are merged after parsing, so dependencies are those of the parts;
    the merged token takes the part whose head lies outside the term. The ``processes`` runner
    parses ``lexical`` in the calling process (SudachiPy alone is faster than starting processes).

    Raises
    ------
    SchemaError : a required column is missing, or ids are duplicated / text missing.
    DaskSetupError : the ``dask`` runner cannot use its cluster.

    Examples
    --------
    >>> feats = extract(statements, profile="lexical")                        # doctest: +SKIP
    >>> feats = extract(statements, runner=get_runner("processes", n_process=2))  # doctest: +SKIP
    """
    check_profile(profile)
    legacy = runner_from_options("extract", backend=backend, client=client, n_process=n_process,
                                 scheduler=scheduler, workers=workers, partitions=partitions)
    if legacy is not None:
        if runner is not None:
            raise TypeError("extract() takes runner= or the deprecated backend=/client=/n_process=/"
                            "scheduler=/workers=/partitions=, not both")
        runner = legacy
    if runner is None or isinstance(runner, str):
        runner = get_runner(runner or "serial")
    term_cfg = terms if isinstance(terms, TermConfig) else load_terms(terms, variants)
    check_statements(statements)
    work = ExtractWork(profile=profile, batch_size=batch_size, cache_dir=cache_dir, terms=term_cfg,
                       split_mode=split_mode)
    return runner.map(work, statements.loc[:, list(REQUIRED_COLUMNS)], progress=progress)


def dependency_tokens(
    statements: pd.DataFrame,
    *,
    cache_dir: str | Path | None | bool = None,
    runner: Runner | str | None = None,
) -> pd.DataFrame:
    """Tokens with dependencies (``dep``, ``head_idx``, ``bunsetu_idx``) of the statements.

    The ``fast`` profile (every ja_ginza component but NER), through the DocBin cache: what
    cause → effect links read when the stored tokens have no dependencies (``lexical``).

    Parameters
    ----------
    statements : statement_id, case_id, text.
    cache_dir : DocBin cache root (default ``paths.CACHE_DIR``; ``False``: no cache).
    runner : as for :func:`extract` (default: serial).

    Returns
    -------
    pandas.DataFrame
        the ``tokens`` table of :func:`extract` (profile ``fast``).
    """
    return extract(statements, profile=DEPENDENCY_PROFILE, progress=False, cache_dir=cache_dir,
                   runner=runner).tokens


#: names that moved out of this module (features/extract.py was split; issue 14)
_MOVED = {
    "FeatureTables": "futoko_research.features.rows",
    "check_statements": "futoko_research.features.parse",
    "extract_partition": "futoko_research.features.parse",
    "run_info": "futoko_research.features.parse",
    "BLOCK_CHUNKS": "futoko_research.features.parse",
    "STRING_DTYPE": "futoko_research.features.parse",
    "SENTENCE_END_TAGS": "futoko_research.features.tags",
    "FORMAL_LEMMAS": "futoko_research.features.tags",
    "is_content_tag": "futoko_research.features.tags",
    "noun_chunk_spans": "futoko_research.features.docs",
    "lexical_reference": "futoko_research.features.reference",
}


def __getattr__(name: str):
    if name in _MOVED:
        import importlib

        warn_deprecated(f"futoko_research.features.extract.{name} moved to {_MOVED[name]}.{name}")
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module 'futoko_research.features.extract' has no attribute {name!r}")

"""The one place that names and loads the GiNZA model (and SudachiPy for the lexical profile).

Profiles
--------
``full``
    every ja_ginza component: tokenizer (SudachiPy), tok2vec, parser (dependencies), ner,
    morphologizer, compound_splitter, bunsetu_recognizer. Fills every column of the token,
    phrase and entity tables. About 2.6k characters/s per core here.
``fast``
    ja_ginza without ``ner``: everything but entities (ent_label empty, no entities table rows).
``lexical``
    SudachiPy's tokenizer alone (surface, lemma = dictionary form, norm = normalised form,
    reading, Sudachi POS tag); no UD POS, dependencies, bunsetsu or entities. Roughly 200×
    faster; enough for frequencies, KWIC and rule coding on NORM / LEMMA / text.

Notes
-----
- Always ``spacy.load("ja_ginza")`` — never ``ja_ginza_electra`` (downloads weights at run time).
- The split mode is set with ``ginza.set_split_mode`` after loading (config is ignored) and is
  recorded by :func:`model_info`. Default: ``C`` (GiNZA's default; longest units).
- Models are loaded lazily, once per process, and reused.
- :func:`sudachi_tokenize` is the one call to SudachiPy's tokenizer in ``features`` and ``coding``
  (``privacy.text`` keeps its own call).
"""

from __future__ import annotations

import functools
import os
from importlib import metadata

from futoko_research.errors import FutokoError

MODEL_NAME = "ja_ginza"
PROFILES = ("full", "fast", "lexical")
#: profile of the features step unless told otherwise: SudachiPy alone serves every count, keyness,
#: KWIC, co-occurrence, terms and the coder; links parse only their candidate statements (analyze
#: step) and personal-data detection runs its own NER (ingest); ``full`` parses everything
DEFAULT_FEATURES_PROFILE = "lexical"
DEFAULT_SPLIT_MODE = "C"
#: what each profile fills (used to pick the cheapest profile an analysis needs)
PROFILE_FILLS = {
    "lexical": frozenset({"text", "lemma", "norm", "reading", "tag"}),
    "fast": frozenset({"text", "lemma", "norm", "reading", "tag", "pos", "dep", "head", "bunsetu", "sent"}),
    "full": frozenset({"text", "lemma", "norm", "reading", "tag", "pos", "dep", "head", "bunsetu", "sent", "ent"}),
}


def cheapest_profile(needs: set[str] | frozenset[str]) -> str:
    """The cheapest profile whose outputs cover ``needs`` (names as in :data:`PROFILE_FILLS`)."""
    for profile in ("lexical", "fast", "full"):
        if set(needs) <= PROFILE_FILLS[profile]:
            return profile
    raise ValueError(f"no profile fills {sorted(set(needs) - PROFILE_FILLS['full'])}")


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")
    return profile


def load_nlp(profile: str = "full", split_mode: str = DEFAULT_SPLIT_MODE):
    """Load (once per process) the pipeline for ``profile``.

    ``load_nlp("full")``, ``load_nlp("full", "C")`` and ``load_nlp(profile="full",
    split_mode="C")`` return the same object (one model per process and profile).

    Returns
    -------
    spacy.Language for ``full`` and ``fast``; a ``sudachipy.Tokenizer`` for ``lexical``.
    """
    check_profile(profile)
    if split_mode not in ("A", "B", "C"):
        raise ValueError(f"split_mode must be A, B or C, not {split_mode!r}")
    return _load_nlp(profile, split_mode)


load_nlp.cache_clear = lambda: _load_nlp.cache_clear()  # type: ignore[attr-defined]
load_nlp.cache_info = lambda: _load_nlp.cache_info()  # type: ignore[attr-defined]


@functools.cache
def _load_nlp(profile: str, split_mode: str):
    if profile == "lexical":
        return load_sudachi(split_mode)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        import ginza
        import spacy
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise FutokoError(f"GiNZA is not installed ({exc}); run: pip install 'ginza==5.3.0' 'ja-ginza==5.3.0'") from None
    try:
        exclude = ["ner"] if profile == "fast" else []
        nlp = spacy.load(MODEL_NAME, exclude=exclude)
    except OSError:
        raise FutokoError("the GiNZA model ja_ginza is not installed; run: pip install 'ja-ginza==5.3.0'") from None
    ginza.set_split_mode(nlp, split_mode)
    return nlp


@functools.cache
def load_sudachi(split_mode: str = DEFAULT_SPLIT_MODE):
    """A SudachiPy tokenizer with SudachiDict-core (the dictionary GiNZA uses)."""
    from sudachipy import Dictionary, SplitMode

    mode = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}[split_mode]
    return Dictionary(dict="core").create(mode=mode)


def sudachi_tokenize(text: str, split_mode: str = DEFAULT_SPLIT_MODE):
    """SudachiPy morphemes of ``text``: the one call to SudachiPy's tokenizer in features and coding.

    The tokenizer is :func:`load_sudachi`'s (SudachiDict-core, the dictionary GiNZA uses; loaded
    once per process and split mode).

    Parameters
    ----------
    text : at most 49,149 UTF-8 bytes (SudachiPy's input limit; pitfall 1): callers split longer
        text first (:func:`futoko_research.features.chunking.split_text`).
    split_mode : ``"A"``, ``"B"`` or ``"C"`` (default, GiNZA's).

    Returns
    -------
    sudachipy.MorphemeList
        ``surface()``, ``dictionary_form()`` (lemma), ``normalized_form()`` (norm),
        ``reading_form()``, ``part_of_speech()``, ``begin()`` / ``end()`` offsets …
    """
    if split_mode not in ("A", "B", "C"):
        raise ValueError(f"split_mode must be A, B or C, not {split_mode!r}")
    return load_sudachi(split_mode).tokenize(text)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def model_info(profile: str = "full", split_mode: str = DEFAULT_SPLIT_MODE) -> dict[str, str | None]:
    """Versions that determine parse results (recorded with every feature table and cache key)."""
    return dict(_model_info(profile, split_mode))


@functools.cache
def _model_info(profile: str, split_mode: str) -> dict[str, str | None]:
    info = {
        "model": MODEL_NAME,
        "model_version": _version("ja-ginza") or _version("ja_ginza"),
        "spacy": _version("spacy"),
        "ginza": _version("ginza"),
        "sudachipy": _version("SudachiPy"),
        "sudachidict_core": _version("SudachiDict-core"),
        "profile": profile,
        "split_mode": split_mode,
    }
    if profile != "lexical":
        exclude = {"ner"} if profile == "fast" else set()
        pipes = [p for p in ("tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer") if p not in exclude]
        info["pipes"] = ",".join(pipes)
    return info

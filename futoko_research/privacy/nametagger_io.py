"""Store and load a :class:`~futoko_research.privacy.nametagger.NameTagger` as plain arrays (no pickle).

The artefact is one ``.npz`` file read with ``numpy.load(allow_pickle=False)``: ``features``
(unicode array), ``coef`` (float64), ``intercept`` and ``threshold`` (0-d float64) and ``meta``
(a 0-d unicode array holding JSON with sorted keys: feature_version, training_sha256, fixtures,
c, min_count, n_rows, n_positive …). As in :mod:`futoko_research.coding.model_io`, the zip is
written with a fixed member order, timestamp and permissions, so the same tagger gives the same
bytes; nothing in the file can run code.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from futoko_research.errors import FutokoError
from futoko_research.io import npz_bytes, read_npz
from futoko_research.paths import MODELS_DIR
from futoko_research.privacy.nametagger import FEATURE_VERSION, NameTagger

#: the tagger shipped with the package (``benchmarks/train_name_tagger.py --write``)
SHIPPED_TAGGER = MODELS_DIR / "privacy_name_tagger.npz"
_ARRAYS = ("features", "coef", "intercept", "threshold", "meta")

__all__ = ["SHIPPED_TAGGER", "TaggerFileError", "load_tagger", "save_tagger", "tagger_bytes"]


class TaggerFileError(FutokoError):
    """A name-tagger file is missing, unreadable or inconsistent (the message names the file)."""


def tagger_bytes(model: NameTagger) -> bytes:
    """The artefact's bytes: a deterministic zip of ``.npy`` members."""
    arrays = {
        "features": np.asarray(model.features, dtype=str),
        "coef": np.ascontiguousarray(model.coef, dtype=np.float64),
        "intercept": np.asarray(model.intercept, dtype=np.float64),
        "threshold": np.asarray(model.threshold, dtype=np.float64),
        "meta": np.asarray(json.dumps(model.meta, sort_keys=True, ensure_ascii=False)),
    }
    return npz_bytes({name: arrays[name] for name in _ARRAYS})


def save_tagger(model: NameTagger, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (``.npz``) atomically; the same tagger always gives the same bytes."""
    from futoko_research.io import write_npz_artefact

    return write_npz_artefact(path, tagger_bytes(model), what="name-tagger")


def load_tagger(path: str | Path | None = None) -> NameTagger:
    """Read a name tagger (default: the one shipped with the package).

    Raises
    ------
    TaggerFileError
        the file is missing, not a tagger of this feature version, or its arrays do not fit.
    """
    path = Path(path) if path is not None else SHIPPED_TAGGER
    return _load(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _load(path_s: str, _mtime: int) -> NameTagger:
    path = Path(path_s)
    if not path.is_file():
        raise TaggerFileError(f"{path}: name tagger not found (benchmarks/train_name_tagger.py --write)")
    arrays = read_npz(path, _ARRAYS, error=TaggerFileError, what="name tagger")
    meta = json.loads(str(arrays["meta"]))
    if meta.get("feature_version") != FEATURE_VERSION:
        raise TaggerFileError(f"{path}: feature version {meta.get('feature_version')!r}, "
                              f"this version reads {FEATURE_VERSION}")
    features = tuple(str(f) for f in arrays["features"])
    coef = np.asarray(arrays["coef"], dtype=np.float64)
    if coef.shape != (len(features),):
        raise TaggerFileError(f"{path}: {len(features)} features but {coef.shape} weights")
    return NameTagger(features, coef, float(arrays["intercept"]), float(arrays["threshold"]), meta)

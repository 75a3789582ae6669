"""Store and load a :class:`~futoko_research.coding.model.CoderModel` as plain arrays (no pickle).

The artefact is one ``.npz`` file (a zip of ``.npy`` arrays, read with
``numpy.load(allow_pickle=False)``): ``keys`` and ``vocabulary`` (unicode arrays),
``ngram_range`` (int64), ``coef`` (float32: the trained coefficients are float32 values, see
:func:`~futoko_research.coding.model.fit_coder_model`; read back as float64), ``idf``, ``intercept``,
``thresholds``, ``hybrid_thresholds`` (float64) and ``meta`` (a 0-d unicode array holding JSON with sorted
keys: model_version, training_sha256, codebook_version, sklearn_version, …).

Notes
-----
``numpy.savez`` stamps every member with the current time, so two saves of the same model
differ. :func:`save_model` writes the zip itself with a fixed member order, a fixed timestamp
(1980-01-01) and fixed permissions, so the same model gives the same bytes (and sha256); the
file is written atomically. Loading needs no network and no pickle: nothing in the file can run
code.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from futoko_research.coding.model import MODEL_FORMAT, CoderModel
from futoko_research.errors import FutokoError
from futoko_research.io import npz_bytes, read_npz
from futoko_research.paths import MODELS_DIR

#: the model shipped with the package (trained by ``futoko-research train-coder`` on data/validation)
SHIPPED_MODEL = MODELS_DIR / "coder.npz"
_ARRAYS = ("keys", "vocabulary", "ngram_range", "idf", "coef", "intercept", "thresholds", "hybrid_thresholds", "meta")

__all__ = ["SHIPPED_MODEL", "ModelFileError", "load_model", "model_bytes", "save_model"]


class ModelFileError(FutokoError):
    """A coder model file is missing, unreadable or inconsistent (the message names the file)."""


def model_bytes(model: CoderModel) -> bytes:
    """The artefact's bytes: a deterministic zip of ``.npy`` members (see Notes of the module)."""
    arrays = {
        "keys": np.asarray(model.keys, dtype=str),
        "vocabulary": np.asarray(model.vocabulary, dtype=str),
        "ngram_range": np.asarray(model.ngram_range, dtype=np.int64),
        "idf": np.ascontiguousarray(model.idf, dtype=np.float64),
        "coef": np.ascontiguousarray(model.coef, dtype=np.float32),
        "intercept": np.ascontiguousarray(model.intercept, dtype=np.float64),
        "thresholds": np.ascontiguousarray(model.thresholds, dtype=np.float64),
        "hybrid_thresholds": np.ascontiguousarray(model.hybrid_thresholds, dtype=np.float64),
        "meta": np.asarray(json.dumps(model.meta, sort_keys=True, ensure_ascii=False)),
    }
    return npz_bytes({name: arrays[name] for name in _ARRAYS})


def save_model(model: CoderModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (``.npz``) atomically; the same model always gives the same bytes."""
    from futoko_research.io import write_npz_artefact

    return write_npz_artefact(path, model_bytes(model), what="coder model")


def load_model(path: str | Path | None = None) -> CoderModel:
    """Read a coder model (default: the one shipped with the package).

    Parameters
    ----------
    path : an ``.npz`` written by :func:`save_model`, or None for :data:`SHIPPED_MODEL`.

    Returns
    -------
    CoderModel

    Raises
    ------
    ModelFileError
        the file is missing, not a model of this format, or its arrays do not fit together.
    """
    path = Path(path) if path is not None else SHIPPED_MODEL
    return _load(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _load(path_s: str, _mtime: int) -> CoderModel:
    path = Path(path_s)
    if not path.is_file():
        raise ModelFileError(f"{path}: coder model not found (train one with 'futoko-research train-coder')")
    arrays = read_npz(path, _ARRAYS, error=ModelFileError, what="coder model")
    meta = json.loads(str(arrays["meta"]))
    if meta.get("model_format") != MODEL_FORMAT:
        raise ModelFileError(f"{path}: model format {meta.get('model_format')!r}, this version reads {MODEL_FORMAT}")
    keys = tuple(str(k) for k in arrays["keys"])
    vocabulary = tuple(str(v) for v in arrays["vocabulary"])
    coef = np.asarray(arrays["coef"], dtype=np.float64)  # float32 on disk (float64 in older files)
    arrays["coef"] = coef
    if coef.shape != (len(keys), len(vocabulary)) or arrays["idf"].shape != (len(vocabulary),) \
            or any(arrays[n].shape != (len(keys),) for n in ("intercept", "thresholds", "hybrid_thresholds")):
        raise ModelFileError(f"{path}: arrays of inconsistent shapes")
    for name in ("idf", "coef", "intercept", "thresholds", "hybrid_thresholds"):
        arrays[name].setflags(write=False)
    return CoderModel(keys=keys, ngram_range=tuple(int(n) for n in arrays["ngram_range"]), vocabulary=vocabulary,
                      idf=arrays["idf"], coef=coef, intercept=arrays["intercept"], thresholds=arrays["thresholds"],
                      hybrid_thresholds=arrays["hybrid_thresholds"], meta=meta)

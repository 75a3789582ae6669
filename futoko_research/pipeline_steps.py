"""Deprecated: the steps are in :mod:`futoko_research.pipeline.steps` (kept for one release).

``ingest``, ``features``, ``code`` and ``analyze`` still work here, with their old keyword
arguments (``backend=``, ``client=``, ``n_process=`` …), and warn.
"""

from __future__ import annotations

import importlib
import warnings

_NAMES = ("ingest", "features", "code", "analyze")


def __getattr__(name: str):
    if name in _NAMES:
        warnings.warn(f"futoko_research.pipeline_steps.{name} is deprecated; use "
                      f"futoko_research.pipeline.steps.{name}", DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module("futoko_research.pipeline.legacy"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

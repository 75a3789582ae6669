"""Deprecated home of ``write_features``: the features step is :func:`futoko_research.pipeline.steps.features`.

Kept for one release; this module imports nothing from the pipeline until an old name is used.
"""

from __future__ import annotations

import importlib
import warnings

#: old name → (module, name) of its replacement
_MOVED = {
    "write_features": ("futoko_research.pipeline.legacy", "write_features"),
    "INFO_FILE": ("futoko_research.pipeline.steps", "FEATURES_INFO_FILE"),
}


def __getattr__(name: str):
    if name in _MOVED:
        module, new = _MOVED[name]
        shown = "futoko_research.pipeline.steps." + ("features" if name == "write_features" else new)
        warnings.warn(f"futoko_research.features.writer.{name} is deprecated; use {shown}",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(module), new)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

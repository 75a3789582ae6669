"""Deprecated home of ``write_analysis`` and ``read_analysis_inputs``: the analyze step is
:func:`futoko_research.pipeline.steps.analyze`.

Kept for one release; this module imports nothing from the pipeline until an old name is used.
"""

from __future__ import annotations

import importlib
import warnings

#: old name → (module, name) of its replacement
_MOVED = {
    "write_analysis": ("futoko_research.pipeline.legacy", "write_analysis"),
    "read_analysis_inputs": ("futoko_research.pipeline.steps", "read_analysis_inputs"),
    "ANALYSIS_TABLES": ("futoko_research.pipeline.steps", "ANALYSIS_TABLES"),
}


def __getattr__(name: str):
    if name in _MOVED:
        module, new = _MOVED[name]
        shown = "futoko_research.pipeline.steps." + ("analyze" if name == "write_analysis" else new)
        warnings.warn(f"futoko_research.analysis.{name} is deprecated; use {shown}",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(module), new)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Deprecated home of ``write_analysis`` and ``read_analysis_inputs``: the analyze step is
:func:`futoko_research.pipeline.steps.analyze`.

Kept for one release; this module imports nothing from the pipeline until an old name is used.
"""

from __future__ import annotations

from futoko_research.deprecation import deprecated_getattr

__getattr__ = deprecated_getattr(__name__, {
    "write_analysis": ("futoko_research.pipeline.legacy:write_analysis", "futoko_research.pipeline.steps.analyze"),
    "read_analysis_inputs": "futoko_research.pipeline.steps:read_analysis_inputs",
    "ANALYSIS_TABLES": "futoko_research.pipeline.steps:ANALYSIS_TABLES",
})

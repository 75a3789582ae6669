"""Deprecated home of ``write_features``: the features step is :func:`futoko_research.pipeline.steps.features`.

Kept for one release; this module imports nothing from the pipeline until an old name is used.
"""

from __future__ import annotations

from futoko_research.deprecation import deprecated_getattr

__getattr__ = deprecated_getattr(__name__, {
    "write_features": ("futoko_research.pipeline.legacy:write_features", "futoko_research.pipeline.steps.features"),
    "INFO_FILE": "futoko_research.pipeline.steps:FEATURES_INFO_FILE",
})

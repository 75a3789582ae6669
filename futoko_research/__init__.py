"""futoko_research: practice reports on support for children who do not attend school (不登校).

Entry points re-exported here (imports are lazy, so ``import futoko_research`` stays cheap):

- :func:`load_reports` — raw reports (manifest) → ``cases``, ``statements``, ``checkboxes`` tables.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_reports"]


def __getattr__(name: str):
    if name == "load_reports":
        from futoko_research.loaders.reports import load_reports

        return load_reports
    raise AttributeError(f"module 'futoko_research' has no attribute {name!r}")

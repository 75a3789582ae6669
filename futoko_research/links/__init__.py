"""Deprecated: cause → effect links moved to :mod:`futoko_research.analysis.links`.

Every name of the old module is still served from here for one release; reading one emits a
:class:`DeprecationWarning` (``from futoko_research.links import extract_links`` included).
This is a package rather than a ``links.py`` module only so that version control follows the
move of the file.
"""

from __future__ import annotations


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    from futoko_research.analysis import links
    from futoko_research.deprecation import warn_deprecated

    value = getattr(links, name)  # AttributeError for a name the module never had
    warn_deprecated(f"futoko_research.links.{name}", f"futoko_research.analysis.links.{name}")
    return value


def __dir__():
    from futoko_research.analysis import links

    return [n for n in dir(links) if not n.startswith("__")]

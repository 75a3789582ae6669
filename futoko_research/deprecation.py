"""Deprecated aliases of renamed or moved public names (kept for one release).

A module whose public name moved gets a module-level ``__getattr__`` from
:func:`deprecated_getattr`; reading the old name imports the new home, emits a
:class:`DeprecationWarning` naming it, and returns the object. Nothing is imported before the
old name is used, so an alias never creates an import cycle at import time.

Examples
--------
>>> __getattr__ = deprecated_getattr(__name__, {"old_name": "futoko_research.vocab:NEW_NAME"})
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Emit the package's DeprecationWarning: ``old`` is deprecated, use ``new``."""
    warnings.warn(f"{old} is deprecated and will be removed in the next release; use {new}",
                  DeprecationWarning, stacklevel=stacklevel)


def warn_deprecated_message(message: str, *, stacklevel: int = 2) -> None:
    """Emit ``message`` as a DeprecationWarning; ``stacklevel`` as for :func:`warnings.warn` where this is called."""
    warnings.warn(message, DeprecationWarning, stacklevel=stacklevel + 1)


def resolve_target(target: str):
    """The object named by ``"package.module:attribute"``."""
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr) if attr else module


def deprecated_getattr(module_name: str, aliases: Mapping[str, str | tuple[str, str]]) -> Callable[[str], object]:
    """A module ``__getattr__`` serving deprecated aliases.

    Parameters
    ----------
    module_name : the module's ``__name__`` (for the messages).
    aliases : old attribute name → ``"package.module:new_name"``, or a pair
        ``("package.module:new_name", "name to show")`` when the object is reached through a
        compatibility wrapper but users should be pointed at another name.

    Returns
    -------
    callable
        ``__getattr__(name)``: the new object (with a DeprecationWarning) for an alias, else
        ``AttributeError``.
    """

    def __getattr__(name: str):
        target = aliases.get(name)
        if target is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        target, shown = target if isinstance(target, tuple) else (target, None)
        module, _, attr = target.partition(":")
        warn_deprecated(f"{module_name}.{name}", shown or (f"{module}.{attr}" if attr else module))
        return resolve_target(target)

    return __getattr__

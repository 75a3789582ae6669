"""Runners registered by name and looked up (modelled on papermill's engine registry)."""

from __future__ import annotations

from typing import Any

from futoko_research.backends.base import Runner
from futoko_research.backends.dask_runner import DaskRunner
from futoko_research.backends.processes import ProcessRunner
from futoko_research.backends.serial import SerialRunner
from futoko_research.errors import FutokoError


class RunnerRegistry:
    """Runner classes by name: :meth:`register` one, :meth:`get` it back, :meth:`create` one.

    Like ``papermill.engines.PapermillEngines``: the package registers its runners at import
    (``serial``, ``processes``, ``dask``); other code may register more.
    """

    def __init__(self):
        self._runners: dict[str, type[Runner]] = {}

    def register(self, name: str, runner: type[Runner]) -> None:
        """Register a runner class under ``name`` (replacing one of the same name)."""
        self._runners[name] = runner

    def names(self) -> list[str]:
        """The registered names, sorted."""
        return sorted(self._runners)

    def get(self, name: str) -> type[Runner]:
        """The runner class registered as ``name``.

        Raises
        ------
        FutokoError
            no runner of that name; the message lists the registered names.
        """
        try:
            return self._runners[name]
        except (KeyError, TypeError):
            raise FutokoError(f"unknown runner {name!r}; runners are: {', '.join(self.names())}") from None

    def create(self, name: str, **options: Any) -> Runner:
        """A new runner ``name`` made with ``options``."""
        cls = self.get(name)
        try:
            return cls(**options)
        except TypeError as exc:
            raise TypeError(f"runner {name!r}: {exc}") from None


#: the package's runner registry (papermill's ``papermill_engines``)
runners = RunnerRegistry()
runners.register("serial", SerialRunner)
runners.register("processes", ProcessRunner)
runners.register("dask", DaskRunner)


def get_runner(name: str = "serial", **options: Any) -> Runner:
    """A runner by name: ``"serial"``, ``"processes"`` or ``"dask"`` (or one registered later).

    Parameters
    ----------
    name : the registered name.
    **options : the runner's options — ``processes``: ``n_process``, ``partitions``;
        ``dask``: ``client``, ``scheduler``, ``workers``, ``partitions``, ``partition_cache``.

    Raises
    ------
    FutokoError
        unknown name (the message lists the registered ones).
    TypeError
        an option the runner does not take.

    Examples
    --------
    >>> from futoko_research.backends import get_runner
    >>> get_runner("serial")
    SerialRunner()
    >>> with get_runner("dask", workers=2) as runner:      # doctest: +SKIP
    ...     feats = extract(statements, runner=runner)
    """
    return runners.create(name, **options)

"""Exceptions and warnings of futoko_research.

Every error a user can cause with bad input is a :class:`FutokoError`; the CLI prints its
message as one line and exits with status 2. Messages name the file (and line or field).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class FutokoError(Exception):
    """Base class of errors caused by bad input or configuration (CLI exit status 2)."""


class ReportParseError(FutokoError):
    """A raw report or manifest cannot be read or parsed.

    Parameters
    ----------
    path : path of the offending file.
    message : what is wrong.
    line : 1-based line (of the file, or of the manifest) when known.
    """

    def __init__(self, path: str | Path, message: str, *, line: int | None = None):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ManifestError(ReportParseError):
    """A manifest row is invalid (missing file, duplicate id, bad year, layout or encoding)."""


class CodebookError(FutokoError):
    """A codebook file is invalid; the message lists every bad entry."""


class SchemaError(FutokoError):
    """A table does not match its contract (table, column, expected vs actual)."""


class PersonalDataError(FutokoError):
    """Personal data would be written, or the pseudonymisation key is unusable."""


class ParamsError(FutokoError):
    """A parameter file (``papermill/params/<year>.yaml``) is invalid; names the file and key."""


class NotebookExecutionError(FutokoError):
    """One or more notebooks failed; the message names each notebook, year and cell.

    Parameters
    ----------
    failures : the failures (:class:`futoko_research.pipeline.NotebookFailure`: anything with a
        ``message()`` method), kept as :attr:`failures`.

    Notes
    -----
    Not an input error: the CLI exits with status 1, not 2. :func:`futoko_research.pipeline.run_pipeline`
    attaches its :class:`~futoko_research.pipeline.RunResult` as ``result`` (the manifest is
    written before it raises).
    """

    def __init__(self, failures: Sequence):
        self.failures = list(failures)
        self.result = None
        super().__init__("; ".join(f.message() for f in self.failures))


class FutokoWarning(UserWarning):
    """Base class of the package's warnings."""


class LayoutWarning(FutokoWarning):
    """A report's layout was not recognised; the generic parser was used."""


class UnassignedTextWarning(FutokoWarning):
    """Text the parser could not place was kept with section ``unassigned``."""


class SparseDataWarning(FutokoWarning):
    """Too few cases for inference; results are descriptive."""

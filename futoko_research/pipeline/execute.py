"""Executing one notebook with papermill: kernel environment, failure capture, metadata stripping.

:func:`execute_notebook` runs a notebook in the project's kernel
(:data:`~futoko_research.pipeline.kernel.KERNEL_NAME`, over IPC) with a fixed hash seed, turns
papermill's and nbclient's exceptions into a :class:`NotebookFailure` (which notebook, year and
cell), and strips from the executed copy what changes between two runs
(:func:`strip_execution_metadata`), so that a rerun writes the same bytes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from futoko_research.io import atomic_write_text
from futoko_research.paths import PROJECT_ROOT
from futoko_research.pipeline.kernel import KERNEL_NAME, IPCKernelManager, ensure_kernelspec

#: seconds allowed per cell
DEFAULT_TIMEOUT = 1800
#: set in the kernels' environment (recorded in the run manifest)
KERNEL_ENVIRONMENT = {"PYTHONHASHSEED": "0"}
#: set in the kernels' environment unless already set
KERNEL_ENVIRONMENT_DEFAULTS = {"OMP_NUM_THREADS": "1"}
#: papermill/nbclient metadata that records time, removed from executed notebooks
TIME_KEYS = ("duration", "start_time", "end_time")


@dataclass(frozen=True)
class NotebookFailure:
    """Where a notebook failed: notebook, year, cell (index and first line), error, executed copy."""

    notebook: str
    year: str
    cell_index: int | None
    ename: str
    evalue: str
    source_line: str
    executed_path: Path | None

    def message(self) -> str:
        """One line naming the notebook, year, cell and error (and where the executed copy is)."""
        cell = f"cell {self.cell_index}" if self.cell_index is not None else "an unknown cell"
        src = f" ({self.source_line!r})" if self.source_line else ""
        where = f"; executed copy: {self.executed_path}" if self.executed_path else ""
        return f"notebook {self.notebook} [year {self.year}] failed at {cell}{src}: {self.ename}: {self.evalue}{where}"


def strip_execution_metadata(nb) -> None:
    """Remove what changes from one execution to the next from a notebook, in place.

    Times and durations recorded by papermill and nbclient, and the random id papermill gives
    the injected-parameters cell (replaced by a fixed one).
    """
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for key in TIME_KEYS:
            pm.pop(key, None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cpm = cell.metadata.get("papermill")
        if cpm is not None:
            for key in TIME_KEYS:
                cpm.pop(key, None)


def show_parameters(nb, parameters: dict, *, output_path: Path | None = None) -> None:
    """Make an executed notebook show ``parameters`` in its injected cell (in place).

    A run executes each notebook into a staging folder and then moves the outputs into place
    (:mod:`futoko_research.pipeline.years`); the executed copy then shows the folder its
    outputs ended up in, not the staging folder it wrote to.
    """
    from papermill.translators import translate_parameters

    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters(KERNEL_NAME, "python", parameters, "Parameters")
    pm = nb.metadata.get("papermill")
    if pm is not None:
        pm["parameters"] = parameters
        if output_path is not None:
            pm["output_path"] = str(output_path)


def label_title(nb, label: str) -> None:
    """Prefix the notebook's first Markdown heading and its ``metadata.title`` with ``label`` (in place)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            head, _, rest = cell.source.partition("\n")
            hashes, _, title = head.partition(" ")
            cell.source = f"{hashes} {label} — {title}" + (f"\n{rest}" if rest else "")
            nb.metadata["title"] = f"{label} — {title}"
            return


def rewrite_stripped(path: Path, *, parameters: dict | None = None, output_path: Path | None = None,
                     label: str | None = None) -> None:
    """Rewrite an executed notebook without its execution metadata (atomically).

    ``parameters``/``output_path``: shown in the injected cell instead of the staging paths
    (:func:`show_parameters`); ``label``: prefixed to the title (``"SYNTHETIC DEMO"``).
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    strip_execution_metadata(nb)
    if parameters is not None:
        show_parameters(nb, parameters, output_path=output_path)
    if label:
        label_title(nb, label)
    atomic_write_text(path, nbformat.writes(nb) + "\n")


def first_line(source: str) -> str:
    """The first non-blank line of a cell's source, stripped and cut at 80 characters."""
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def failed_cell(path: Path) -> tuple[int | None, str]:
    """(index, first source line) of the cell that failed or was still running in an executed notebook."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - the notebook may not have been written at all
        return None, ""
    for i, cell in enumerate(nb.cells):
        status = cell.metadata.get("papermill", {}).get("status")
        if status in ("running", "failed") or any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i, first_line(cell.source)
    return None, ""


@contextlib.contextmanager
def kernel_environment() -> Iterator[None]:
    """Environment the kernels inherit: fixed hash seed, one BLAS/OpenMP thread; restored on exit."""
    saved = {k: os.environ.get(k) for k in (*KERNEL_ENVIRONMENT, *KERNEL_ENVIRONMENT_DEFAULTS)}
    os.environ.update(KERNEL_ENVIRONMENT)
    for k, v in KERNEL_ENVIRONMENT_DEFAULTS.items():
        os.environ.setdefault(k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute_notebook(
    notebook: Path, executed_path: Path, parameters: dict, *, year: str,
    cwd: Path = PROJECT_ROOT, timeout: int = DEFAULT_TIMEOUT, progress: bool = False,
    shown_parameters: dict | None = None, shown_path: Path | None = None, label: str | None = None,
) -> NotebookFailure | None:
    """Execute one notebook with papermill (the project's kernel, over IPC) and strip its timing metadata.

    Parameters
    ----------
    notebook, executed_path : the notebook, and where its executed copy goes.
    parameters : injected after the ``parameters`` cell (JSON-native values).
    year : the year label, for the failure message.
    cwd : the kernel's working directory (relative paths in the notebook are read from it).
    timeout : seconds allowed per cell.
    progress : show papermill's progress bar.
    shown_parameters, shown_path : what the executed copy shows as its parameters and output path
        (default: what it ran with); see :func:`show_parameters`.
    label : prefixed to the executed copy's title (e.g. ``"SYNTHETIC DEMO"``).

    Returns
    -------
    NotebookFailure or None
        None on success; otherwise where it failed (a cell exception, a cell timeout or a dead
        kernel; the executed copy is still written).
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    executed_path.parent.mkdir(parents=True, exist_ok=True)
    ensure_kernelspec()
    failure: NotebookFailure | None = None
    try:
        with kernel_environment():
            # the kernel's working directory is given to nbclient (resources.metadata.path), not as
            # papermill's cwd=, which changes the runner's own directory and is not thread-safe
            papermill.execute_notebook(
                str(notebook), str(executed_path), parameters=parameters, kernel_name=KERNEL_NAME,
                language="python", progress_bar=progress, log_output=False,
                execution_timeout=timeout, request_save_on_cell_execute=True,
                resources={"metadata": {"path": str(cwd)}}, kernel_manager_class=IPCKernelManager,
            )
    except papermill.PapermillExecutionError as exc:
        failure = NotebookFailure(
            notebook.name, year, exc.cell_index, exc.ename, str(exc.evalue).splitlines()[0] if exc.evalue else "",
            first_line(exc.source or ""), executed_path,
        )
    except CellTimeoutError as exc:
        index, src = failed_cell(executed_path)
        failure = NotebookFailure(notebook.name, year, index, "CellTimeoutError",
                                  f"no result after {timeout} s ({str(exc).splitlines()[0]})", src, executed_path)
    except DeadKernelError as exc:
        index, src = failed_cell(executed_path)
        failure = NotebookFailure(notebook.name, year, index, "DeadKernelError", str(exc).splitlines()[0], src, executed_path)
    if executed_path.exists():
        rewrite_stripped(executed_path, parameters=shown_parameters, output_path=shown_path, label=label)
    return failure

"""The reproducible pipeline: ingest → features → code → analyze, then every notebook per year.

:func:`run_pipeline` is what ``make run`` (``futoko-research run``) calls. It

1. runs the steps of :mod:`futoko_research.pipeline_steps` into ``processed_dir``;
2. executes every notebook of ``notebooks/`` with papermill for every year (each fiscal year of
   the manifest, ``"unknown"`` for sources without a year, and ``"all"``) into
   ``output_dir/<year>/NN_name.ipynb``; the notebooks write ``figures/`` (PNG + SVG) and
   ``tables/`` (CSV, UTF-8 with BOM) beside them;
3. writes ``output_dir/run_manifest.json`` (parameters, sha256 of every input file, versions,
   sha256 of every output) and ``output_dir/run_timings.json`` (durations; the only file that
   changes between two identical runs).

Reproducibility
---------------
Executed notebooks are stripped of what papermill and nbclient record about time (start/end
times, durations, ``metadata.execution``), figures are saved deterministically
(:func:`futoko_research.plots.save_figure`), tables are sorted, and the kernel runs with
``PYTHONHASHSEED=0``, so a second run with the same inputs rewrites every output byte for byte.

Failures
--------
Each year runs in its own folder; the previous outputs of that year are kept aside and put back
when a notebook fails, and the failed attempt is left in ``output_dir/<year>.failed/`` for
inspection. Other years are unaffected. A failure raises :class:`NotebookExecutionError` naming
the notebook, the year and the cell.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import platform
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from futoko_research.errors import FutokoError
from futoko_research.io import atomic_write_text, sha256_file
from futoko_research.paths import (
    DEFAULT_CODEBOOK,
    NOTEBOOKS_DIR,
    OUTPUT_DIR,
    PARAMS_DIR,
    PROCESSED_DIR,
    PROJECT_ROOT,
    RAW_DIR,
)
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year

log = logging.getLogger("futoko_research")

STEPS = ("ingest", "features", "code", "analyze")
KERNEL_NAME = "python3"
DEFAULT_SEED = 20240401
DEFAULT_PROFILE = "full"
DEFAULT_TIMEOUT = 1800
MANIFEST_FILE = "run_manifest.json"
TIMINGS_FILE = "run_timings.json"
#: measured here: starting a python3 kernel costs about this many seconds per notebook
KERNEL_START_FLOOR_S = 1.1
RE_NOTEBOOK = re.compile(r"^\d\d_[A-Za-z0-9_]+\.ipynb$")
#: the distributions whose versions determine the outputs
VERSIONED_DISTRIBUTIONS = (
    "futoko-research", "pandas", "numpy", "pyarrow", "scipy", "spacy", "ginza", "ja-ginza",
    "SudachiPy", "SudachiDict-core", "statsmodels", "matplotlib", "matplotlib-fontja", "networkx",
    "papermill", "nbclient", "nbformat", "ipykernel", "pandera",
)
#: papermill/nbclient metadata that records time, removed from executed notebooks
_TIME_KEYS = ("duration", "start_time", "end_time")


class ParamsError(FutokoError):
    """A parameter file (papermill/params/<year>.yaml) is invalid; names the file and key."""


class NotebookExecutionError(FutokoError):
    """One or more notebooks failed; the message names each notebook, year and cell."""

    def __init__(self, failures: Sequence[NotebookFailure]):
        self.failures = list(failures)
        super().__init__("; ".join(f.message() for f in self.failures))


@dataclass(frozen=True)
class NotebookFailure:
    """Where a notebook failed."""

    notebook: str
    year: str
    cell_index: int | None
    ename: str
    evalue: str
    source_line: str
    executed_path: Path | None

    def message(self) -> str:
        cell = f"cell {self.cell_index}" if self.cell_index is not None else "an unknown cell"
        src = f" ({self.source_line!r})" if self.source_line else ""
        where = f"; executed copy: {self.executed_path}" if self.executed_path else ""
        return f"notebook {self.notebook} [year {self.year}] failed at {cell}{src}: {self.ename}: {self.evalue}{where}"


@dataclass
class RunResult:
    """What :func:`run_pipeline` did."""

    years: list[str]
    notebooks: list[str]
    output_dir: Path
    manifest_path: Path
    timings_path: Path
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    failures: list[NotebookFailure] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# years, notebooks, parameters


def manifest_years(raw_dir: str | Path = RAW_DIR) -> list[str]:
    """Year labels to run: ``"all"``, every fiscal year of the manifest, ``"unknown"`` if any source has none."""
    from futoko_research.loaders.manifest import read_manifest

    sources = read_manifest(raw_dir)
    years = sorted({s.fiscal_year for s in sources if s.fiscal_year is not None})
    labels = [YEAR_ALL] + [str(y) for y in years]
    if any(s.fiscal_year is None for s in sources):
        labels.append(YEAR_UNKNOWN)
    return labels


def resolve_years(years: Iterable[str | int] | None, raw_dir: str | Path) -> list[str]:
    """Validate requested years against the manifest (all of them when ``years`` is None)."""
    available = manifest_years(raw_dir)
    if not years:
        return available
    out = []
    for y in years:
        try:
            label = normalize_year(y)
        except ValueError as exc:
            raise FutokoError(f"--years: {exc}") from None
        if label not in available:
            raise FutokoError(f"--years: year {label} is not in {Path(raw_dir) / 'manifest.csv'} (available: {', '.join(available)})")
        if label not in out:
            out.append(label)
    return out


def list_notebooks(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The pipeline's notebooks (``NN_name.ipynb``) in ``notebooks_dir``, in order."""
    folder = Path(notebooks_dir)
    return sorted(p for p in folder.iterdir() if RE_NOTEBOOK.match(p.name)) if folder.is_dir() else []


def resolve_notebooks(notebooks: Iterable[str] | None, notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """Notebook paths from names (``01``, ``01_corpus`` or ``01_corpus.ipynb``); all when None."""
    available = list_notebooks(notebooks_dir)
    if not available:
        raise FutokoError(f"{notebooks_dir}: no NN_name.ipynb notebooks found")
    if not notebooks:
        return available
    out: list[Path] = []
    for name in notebooks:
        key = Path(str(name)).name.removesuffix(".ipynb")
        match = [p for p in available if p.stem == key or p.stem.split("_", 1)[0] == key]
        if len(match) != 1:
            raise FutokoError(f"--notebooks: no notebook {name!r} in {notebooks_dir} (available: {', '.join(p.stem for p in available)})")
        if match[0] not in out:
            out.append(match[0])
    return out


def default_params(year: str) -> dict:
    """The committed parameter file's content for ``year`` (paths relative to the project root)."""
    return {
        "fiscal_year": year,
        "raw_dir": "data/raw",
        "processed_dir": "data/processed",
        "output_dir": f"papermill/output/{year}",
        "codebook": None,
        "nlp_profile": DEFAULT_PROFILE,
        "seed": DEFAULT_SEED,
    }


def format_params_yaml(params: dict) -> str:
    """YAML with every string quoted (JSON-native values only, so nothing is read as octal or bool)."""
    lines = [
        "# papermill parameters for the notebooks in notebooks/ (see docs/notebooks.md).",
        "# Paths are relative to the repository root; `futoko-research run` replaces them by absolute paths.",
    ]
    for key, value in params.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def write_params_file(year: str, params_dir: str | Path = PARAMS_DIR) -> Path:
    """Write ``params_dir/<year>.yaml`` with :func:`default_params`; returns its path."""
    path = Path(params_dir) / f"{year}.yaml"
    atomic_write_text(path, format_params_yaml(default_params(year)))
    return path


def read_params_file(path: str | Path) -> dict:
    """Read and check a parameter file: a mapping of JSON-native values whose fiscal_year matches the file name.

    Raises
    ------
    ParamsError
        Not YAML, not a mapping, a value of another type (dates, octal surprises become
        non-strings), or a fiscal_year that is not the file's year.
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ParamsError(f"{path}: cannot read parameters ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ParamsError(f"{path}: expected a mapping of parameter: value")
    for key, value in data.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise ParamsError(f"{path}: parameter name {key!r} is not a Python identifier")
        if value is not None and not isinstance(value, str | int | float | bool):
            raise ParamsError(f"{path}: {key}: {type(value).__name__} values are not allowed; quote it (JSON-native values only)")
    year = data.get("fiscal_year", path.stem)
    try:
        label = normalize_year(year)
    except ValueError:
        raise ParamsError(f"{path}: fiscal_year {year!r} is not 'all', 'unknown' or a year") from None
    if label != path.stem:
        raise ParamsError(f"{path}: fiscal_year {year!r} does not match the file name")
    data["fiscal_year"] = label
    return data


def notebook_parameters(
    year: str, *, params_dir: Path, raw_dir: Path, processed_dir: Path, year_dir: Path,
    codebook: Path | None, nlp_profile: str, seed: int,
) -> dict:
    """The parameters one notebook run gets: the year's file, with the runner's absolute paths and settings."""
    path = Path(params_dir) / f"{year}.yaml"
    if path.exists():
        params = read_params_file(path)
    elif Path(raw_dir).resolve() == RAW_DIR.resolve():
        # a new year in the repository's own manifest: give it its parameter file
        written = write_params_file(year, params_dir)
        log.warning("run: %s was missing; wrote it with the default parameters", written)
        params = read_params_file(written)
    else:
        # another corpus: do not write into this repository's parameter folder
        log.info("run: no %s; using the default parameters", path)
        params = default_params(year)
    params.update({
        "fiscal_year": year,
        "raw_dir": str(raw_dir),
        "processed_dir": str(processed_dir),
        "output_dir": str(year_dir),
        "codebook": str(codebook) if codebook is not None else None,
        "nlp_profile": nlp_profile,
        "seed": int(seed),
    })
    return params


# ---------------------------------------------------------------------------------------------
# executed notebooks


def strip_execution_metadata(nb) -> None:
    """Remove what changes from one execution to the next from a notebook, in place.

    Times and durations recorded by papermill and nbclient, and the random id papermill gives
    the injected-parameters cell (replaced by a fixed one).
    """
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for key in _TIME_KEYS:
            pm.pop(key, None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cpm = cell.metadata.get("papermill")
        if cpm is not None:
            for key in _TIME_KEYS:
                cpm.pop(key, None)


def _rewrite_stripped(path: Path) -> None:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    strip_execution_metadata(nb)
    atomic_write_text(path, nbformat.writes(nb) + "\n")


def _failed_cell(path: Path) -> tuple[int | None, str]:
    """(index, first source line) of the cell that failed or was still running in an executed notebook."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - the notebook may not have been written at all
        return None, ""
    for i, cell in enumerate(nb.cells):
        status = cell.metadata.get("papermill", {}).get("status")
        if status in ("running", "failed") or any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i, _first_line(cell.source)
    return None, ""


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


@contextlib.contextmanager
def _kernel_environment() -> Iterator[None]:
    """Environment the kernels inherit: fixed hash seed, one BLAS/OpenMP thread, no display."""
    wanted = {"PYTHONHASHSEED": "0"}
    defaults = {"OMP_NUM_THREADS": "1"}
    saved = {k: os.environ.get(k) for k in (*wanted, *defaults)}
    os.environ.update(wanted)
    for k, v in defaults.items():
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
) -> NotebookFailure | None:
    """Execute one notebook with papermill (kernel ``python3`` of this interpreter) and strip its timing metadata.

    Returns None on success, or a :class:`NotebookFailure` naming the failing cell.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    executed_path.parent.mkdir(parents=True, exist_ok=True)
    failure: NotebookFailure | None = None
    try:
        with _kernel_environment():
            # the kernel's working directory is given to nbclient (resources.metadata.path), not as
            # papermill's cwd=, which changes the runner's own directory and is not thread-safe
            papermill.execute_notebook(
                str(notebook), str(executed_path), parameters=parameters, kernel_name=KERNEL_NAME,
                language="python", progress_bar=progress, log_output=False,
                execution_timeout=timeout, request_save_on_cell_execute=True,
                resources={"metadata": {"path": str(cwd)}},
            )
    except papermill.PapermillExecutionError as exc:
        failure = NotebookFailure(
            notebook.name, year, exc.cell_index, exc.ename, str(exc.evalue).splitlines()[0] if exc.evalue else "",
            _first_line(exc.source or ""), executed_path,
        )
    except CellTimeoutError as exc:
        index, src = _failed_cell(executed_path)
        failure = NotebookFailure(notebook.name, year, index, "CellTimeoutError",
                                  f"no result after {timeout} s ({str(exc).splitlines()[0]})", src, executed_path)
    except DeadKernelError as exc:
        index, src = _failed_cell(executed_path)
        failure = NotebookFailure(notebook.name, year, index, "DeadKernelError", str(exc).splitlines()[0], src, executed_path)
    if executed_path.exists():
        _rewrite_stripped(executed_path)
    return failure


# ---------------------------------------------------------------------------------------------
# inputs, versions, outputs


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for dist in VERSIONED_DISTRIBUTIONS:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def _rel(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _file_hashes(folder: Path, *, base: Path, exclude: Iterable[str] = ()) -> list[dict]:
    """sha256 of every file under ``folder`` (hidden files and excluded top-level names skipped), sorted."""
    exclude = set(exclude)
    rows = []
    if not folder.is_dir():
        return rows
    for path in sorted(folder.rglob("*")):
        rel_parts = path.relative_to(folder).parts
        if not path.is_file() or any(p.startswith(".") for p in rel_parts) or rel_parts[0] in exclude:
            continue
        rows.append({"path": _rel(path, base), "sha256": sha256_file(path), "bytes": path.stat().st_size})
    return rows


def output_hashes(output_dir: str | Path, processed_dir: str | Path | None = None) -> dict[str, str]:
    """``{relative path: sha256}`` of every output the reproducibility check compares.

    Everything under ``output_dir`` except :data:`TIMINGS_FILE` and failed attempts, and the tables
    of ``processed_dir`` (not its ``cache/``). Keys are relative to each folder, prefixed
    ``output/`` and ``processed/``.
    """
    out: dict[str, str] = {}
    output_dir = Path(output_dir)
    if output_dir.is_dir():
        for path in sorted(output_dir.rglob("*")):
            rel = path.relative_to(output_dir)
            if not path.is_file() or rel.name == TIMINGS_FILE or any(p.startswith(".") or p.endswith(".failed") for p in rel.parts):
                continue
            out[f"output/{rel.as_posix()}"] = sha256_file(path)
    if processed_dir is not None and Path(processed_dir).is_dir():
        for path in sorted(Path(processed_dir).iterdir()):
            if path.is_file() and not path.name.startswith("."):
                out[f"processed/{path.name}"] = sha256_file(path)
    return out


# ---------------------------------------------------------------------------------------------
# steps


def run_steps(
    steps: Sequence[str], *, raw_dir: Path, processed_dir: Path, codebook: Path | None, nlp_profile: str,
    cache_dir: Path | None = None, backend: str = "serial", scheduler: str | None = None,
    workers: int | None = None, progress: bool = False, key_file: str | Path | None = None,
) -> dict[str, float]:
    """Run the pipeline steps in order; returns each step's duration in seconds.

    ``key_file`` is the pseudonymisation key for sources marked ``personal_data=pseudonymize``
    (default :func:`futoko_research.privacy.default_key_path`).
    """
    from futoko_research import pipeline_steps

    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}; steps are {', '.join(STEPS)}")
    durations: dict[str, float] = {}
    with _dask_client(backend, scheduler, workers) as client:
        for step in STEPS:
            if step not in steps:
                continue
            t0 = time.perf_counter()
            log.info("run: step %s", step)
            if step == "ingest":
                pipeline_steps.ingest(raw_dir, processed_dir, progress=progress, key_file=key_file)
            elif step == "features":
                kwargs: dict = {"profile": nlp_profile, "progress": progress}
                if cache_dir is not None:
                    kwargs["cache_dir"] = cache_dir
                if backend != "serial":
                    kwargs.update(backend=backend, client=client)
                pipeline_steps.features(processed_dir, **kwargs)
            elif step == "code":
                extra = {"backend": backend, "scheduler": scheduler, "workers": workers} if backend != "serial" else {}
                pipeline_steps.code(processed_dir, codebook=codebook, **extra)
            elif step == "analyze":
                pipeline_steps.analyze(processed_dir, codebook=codebook)
            durations[step] = round(time.perf_counter() - t0, 3)
    return durations


def guard_personal_data(raw_dir: Path, paths: list[Path], *, key_file: str | Path | None = None) -> None:
    """When any source is pseudonymised, scan every output for the key's originals.

    Raises :class:`~futoko_research.errors.PersonalDataError` (exit status 2) naming the file and
    the pseudonym of what leaked; a run over published, already anonymised reports does nothing.
    """
    from futoko_research.loaders.manifest import read_manifest

    if not any(s.personal_data == "pseudonymize" for s in read_manifest(raw_dir)):
        return
    from futoko_research.privacy import default_key_path, guard_outputs

    scanned = guard_outputs(paths, key_file or default_key_path())
    log.info("run: personal-data guard scanned %d files, none holds an original", len(scanned))


@contextlib.contextmanager
def _dask_client(backend: str, scheduler: str | None, workers: int | None):
    """None for the serial backend; a checked Dask client (futoko_research.dask_utils) for ``dask``."""
    if backend == "serial":
        yield None
        return
    if backend != "dask":
        raise ValueError(f"backend must be 'serial' or 'dask', not {backend!r}")
    from futoko_research.dask_utils import get_client

    with get_client(scheduler, workers) as client:
        yield client


# ---------------------------------------------------------------------------------------------
# the runner


def _restore_interrupted(year_dir: Path, backup: Path) -> None:
    """A previous run was killed while running this year: put its earlier outputs back."""
    if backup.exists():
        if year_dir.exists():
            shutil.rmtree(year_dir)
        os.replace(backup, year_dir)


def _keep_other_notebooks(previous: Path, year_dir: Path, notebooks: Sequence[Path]) -> None:
    """Copy the previous outputs of the notebooks that are not re-run into the new year folder.

    Outputs belong to a notebook by their ``NN_`` prefix (``01_corpus.ipynb``,
    ``figures/01_*.png``, ``tables/01_*.csv``); running ``--notebooks 01`` replaces only those.
    """
    prefixes = tuple(nb.stem.split("_", 1)[0] + "_" for nb in notebooks)
    for src in sorted(previous.rglob("*")):
        if not src.is_file() or src.name.startswith(prefixes):
            continue
        dest = year_dir / src.relative_to(previous)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def _run_year(
    year: str, *, notebooks: Sequence[Path], output_dir: Path, params: dict, timeout: int, progress: bool,
) -> tuple[list[Path], dict[str, float], NotebookFailure | None]:
    year_dir = output_dir / year
    backup = output_dir / f".previous-{year}"
    failed_dir = output_dir / f"{year}.failed"
    _restore_interrupted(year_dir, backup)
    if year_dir.exists():
        os.replace(year_dir, backup)
    year_dir.mkdir(parents=True)
    if backup.exists():
        _keep_other_notebooks(backup, year_dir, notebooks)
    durations: dict[str, float] = {}
    failure = None
    try:
        for nb in notebooks:
            log.info("run: notebook %s [year %s]", nb.name, year)
            t0 = time.perf_counter()
            failure = execute_notebook(nb, year_dir / nb.name, params, year=year, timeout=timeout, progress=progress)
            durations[nb.stem] = round(time.perf_counter() - t0, 3)
            if failure is not None:
                break
    except BaseException:
        _restore_interrupted(year_dir, backup)
        raise
    if failure is not None:
        if failed_dir.exists():
            shutil.rmtree(failed_dir)
        os.replace(year_dir, failed_dir)
        failure = NotebookFailure(failure.notebook, failure.year, failure.cell_index, failure.ename,
                                  failure.evalue, failure.source_line, failed_dir / failure.notebook)
        if backup.exists():
            os.replace(backup, year_dir)
        return [], durations, failure
    if backup.exists():
        shutil.rmtree(backup)
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    files = sorted(p for p in year_dir.rglob("*") if p.is_file())
    return files, durations, None


def run_pipeline(
    years: Iterable[str | int] | None = None,
    notebooks: Iterable[str] | None = None,
    *,
    raw_dir: str | Path = RAW_DIR,
    processed_dir: str | Path = PROCESSED_DIR,
    output_dir: str | Path = OUTPUT_DIR,
    codebook: str | Path | None = None,
    nlp_profile: str = DEFAULT_PROFILE,
    seed: int = DEFAULT_SEED,
    backend: str = "serial",
    scheduler: str | None = None,
    workers: int | None = None,
    steps: Sequence[str] = STEPS,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    params_dir: str | Path = PARAMS_DIR,
    cache_dir: str | Path | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    jobs: int = 1,
    progress: bool = False,
    key_file: str | Path | None = None,
) -> RunResult:
    """Run the steps, then every notebook for every year; write the run manifest and timings.

    Parameters
    ----------
    years : year labels to run (``"all"``, ``"unknown"``, ``"2023"``); default every year of the manifest plus ``"all"``.
    notebooks : notebook names (``"01"``, ``"01_corpus"``); default every ``NN_name.ipynb`` in ``notebooks_dir``.
    raw_dir, processed_dir, output_dir : folders (made absolute; the notebooks get absolute paths).
    codebook : codebook YAML; None = the package default.
    nlp_profile : GiNZA profile of the features step (``full``, ``fast``, ``lexical``).
    seed : passed to every notebook (layouts and any sampling).
    backend, scheduler, workers : ``serial`` or ``dask`` (a scheduler address, or a local cluster of ``workers``).
    steps : the steps to run before the notebooks (default all; ``()`` re-runs the notebooks only).
    cache_dir : GiNZA parse cache (default: the features step's, ``processed_dir/cache``).
    timeout : seconds allowed per cell.
    jobs : years run in parallel (threads driving separate kernels; a year's notebooks run in order).

    Returns
    -------
    RunResult

    Raises
    ------
    NotebookExecutionError
        After every year has run, if any notebook failed (the manifest is still written).
    FutokoError
        Bad input (manifest, parameter files, unknown year or notebook).
    """
    from futoko_research.nlp import check_profile, model_info

    t_start = time.perf_counter()
    raw_dir, processed_dir, output_dir = (Path(p).resolve() for p in (raw_dir, processed_dir, output_dir))
    notebooks_dir, params_dir = Path(notebooks_dir).resolve(), Path(params_dir).resolve()
    check_profile(nlp_profile)
    codebook_path = Path(codebook).resolve() if codebook is not None else None
    if codebook_path is not None and not codebook_path.is_file():
        raise FutokoError(f"{codebook_path}: codebook not found")
    year_labels = resolve_years(years, raw_dir)
    nb_paths = resolve_notebooks(notebooks, notebooks_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    processed_dir.mkdir(parents=True, exist_ok=True)

    step_durations = run_steps(
        list(steps), raw_dir=raw_dir, processed_dir=processed_dir, codebook=codebook_path,
        nlp_profile=nlp_profile, cache_dir=Path(cache_dir).resolve() if cache_dir else None,
        backend=backend, scheduler=scheduler, workers=workers, progress=progress, key_file=key_file,
    )

    result = RunResult(year_labels, [p.stem for p in nb_paths], output_dir,
                       output_dir / MANIFEST_FILE, output_dir / TIMINGS_FILE)
    nb_durations: dict[str, dict[str, float]] = {}
    all_params = {
        year: notebook_parameters(
            year, params_dir=params_dir, raw_dir=raw_dir, processed_dir=processed_dir,
            year_dir=output_dir / year, codebook=codebook_path, nlp_profile=nlp_profile, seed=seed,
        )
        for year in year_labels
    }
    run_one = functools.partial(_run_year, notebooks=nb_paths, output_dir=output_dir, timeout=timeout,
                                progress=progress)
    if jobs > 1 and len(year_labels) > 1:
        # years in parallel threads: each notebook runs in its own kernel process; the kernels'
        # working directory is passed per kernel, so nothing process-wide changes
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(jobs, len(year_labels))) as pool:
            futures = {year: pool.submit(run_one, year, params=all_params[year]) for year in year_labels}
            outcomes = {year: futures[year].result() for year in year_labels}
    else:
        outcomes = {year: run_one(year, params=all_params[year]) for year in year_labels}
    for year in year_labels:
        files, durations, failure = outcomes[year]
        result.outputs[year] = files
        nb_durations[year] = durations
        if failure is not None:
            log.error("run: %s", failure.message())
            result.failures.append(failure)

    guard_personal_data(raw_dir, [processed_dir, output_dir] + ([Path(cache_dir)] if cache_dir else []),
                        key_file=key_file)

    codebook_for_hash = codebook_path or (DEFAULT_CODEBOOK if DEFAULT_CODEBOOK.exists() else None)
    manifest = {
        "package": "futoko_research",
        "parameters": {
            "years": year_labels,
            "notebooks": [p.name for p in nb_paths],
            "steps": [s for s in STEPS if s in steps],
            "raw_dir": str(raw_dir),
            "processed_dir": str(processed_dir),
            "output_dir": str(output_dir),
            "codebook": str(codebook_path) if codebook_path else None,
            "nlp_profile": nlp_profile,
            "seed": int(seed),
            "backend": backend,
            "kernel": KERNEL_NAME,
            "kernel_environment": {"PYTHONHASHSEED": "0"},
        },
        "inputs": {
            "raw_files": _file_hashes(raw_dir, base=raw_dir),
            "codebook": (
                {"path": _rel(codebook_for_hash, PROJECT_ROOT), "sha256": sha256_file(codebook_for_hash)}
                if codebook_for_hash else None
            ),
            "notebooks": [{"path": p.name, "sha256": sha256_file(p)} for p in nb_paths],
            "params": [
                {"path": f"{y}.yaml", "sha256": sha256_file(params_dir / f"{y}.yaml")}
                for y in year_labels if (params_dir / f"{y}.yaml").exists()
            ],
        },
        "versions": _versions(),
        "nlp": model_info(nlp_profile),
        "timings_file": TIMINGS_FILE,
        "status": {y: ("failed" if any(f.year == y for f in result.failures) else "ok") for y in year_labels},
        "outputs": {
            k: v for k, v in output_hashes(output_dir, processed_dir).items()
            if k != f"output/{MANIFEST_FILE}"
        },
    }
    atomic_write_text(result.manifest_path, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")

    n_runs = sum(len(d) for d in nb_durations.values())
    nb_total = round(sum(sum(d.values()) for d in nb_durations.values()), 3)
    result.timings = {
        "steps_s": step_durations,
        "notebooks_s": nb_durations,
        "notebooks_total_s": nb_total,
        "notebook_runs": n_runs,
        "kernel_start_floor_s": round(n_runs * KERNEL_START_FLOOR_S, 3),
        "notebooks_over_floor": round(nb_total / (n_runs * KERNEL_START_FLOOR_S), 2) if n_runs else None,
        "total_s": round(time.perf_counter() - t_start, 3),
        "python": sys.executable,
    }
    atomic_write_text(result.timings_path, json.dumps(result.timings, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    log.info("run: done in %.1f s (notebooks %.1f s for %d runs; kernel floor %.1f s)",
             result.timings["total_s"], nb_total, n_runs, n_runs * KERNEL_START_FLOOR_S)
    if result.failures:
        exc = NotebookExecutionError(result.failures)
        exc.result = result
        raise exc
    return result

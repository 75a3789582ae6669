"""Notebook parameters: the one place for their names, types, help texts and default values.

Every notebook's first code cell (tagged ``parameters``) assigns :data:`NOTEBOOK_PARAMETERS`
with the values of :func:`default_params` for the year ``"all"``; ``tools/make_notebooks.py``
writes that cell from :func:`parameters_cell` into the notebook sources (``notebooks/NN_name.py``)
and the ``.ipynb`` files, and the CLI takes :data:`DEFAULT_SEED` and :data:`DEFAULT_PROFILE` from
here. A year's committed parameter file (``papermill/params/<year>.yaml``) holds
:func:`default_params`; :func:`notebook_parameters` gives one notebook run its values.

Values are JSON-native (strings, numbers, booleans, None) and written as JSON in the YAML files,
so nothing is read back as an octal number, a date or a boolean (``0123``, ``2021-04-01``,
``no``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from futoko_research.errors import ParamsError
from futoko_research.io import atomic_write_text
from futoko_research.paths import PARAMS_DIR, RAW_DIR
from futoko_research.vocab import YEAR_ALL, normalize_year

log = logging.getLogger("futoko_research")

#: seed given to every notebook (network layouts, any sampling)
DEFAULT_SEED = 20240401
#: GiNZA profile of the features step (see :data:`futoko_research.nlp.PROFILES`): ``lexical``, as
#: :data:`futoko_research.nlp.DEFAULT_FEATURES_PROFILE` — the notebooks read only lexical token
#: columns (:data:`futoko_research.reporting.NOTEBOOK_COLUMNS`) and links parse what they need
DEFAULT_PROFILE = "lexical"


@dataclass(frozen=True)
class NotebookParameter:
    """One notebook parameter: its name, type (as written in the help comment) and help text."""

    name: str
    type: str
    help: str


#: the parameters of every notebook, in the order of the parameters cell
NOTEBOOK_PARAMETERS: tuple[NotebookParameter, ...] = (
    NotebookParameter("fiscal_year", "str", '"all" (every case), "unknown" (sources without a year) or a year such as "2023"'),
    NotebookParameter("raw_dir", "str", "folder with manifest.csv, the raw reports and mext_futoko_national.csv"),
    NotebookParameter("processed_dir", "str", "processed tables written by `futoko-research run` (or ingest/features/code/analyze)"),
    NotebookParameter("output_dir", "str", "the folder of this run; figures/ and tables/ are written inside it"),
    NotebookParameter("codebook", "str | None", "codebook YAML, or None for the package default codebook"),
    NotebookParameter("nlp_profile", "str", "GiNZA profile of the feature tables (full | fast | lexical)"),
    NotebookParameter("seed", "int", "random seed (network layouts)"),
)


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


def python_literal(value: str | int | float | bool | None) -> str:
    """``value`` as a Python literal, strings in double quotes (``"all"``, ``None``, ``20240401``)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def parameters_cell(year: str = YEAR_ALL) -> str:
    """Source of the notebooks' ``parameters`` cell: one literal assignment per parameter.

    Each line carries a ``# type: help`` comment, which ``papermill --help-notebook`` shows.

    Examples
    --------
    >>> print(parameters_cell().splitlines()[-1])
    seed = 20240401  # int: random seed (network layouts)
    """
    values = default_params(year)
    return "\n".join(f"{p.name} = {python_literal(values[p.name])}  # {p.type}: {p.help}" for p in NOTEBOOK_PARAMETERS)


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
    """The parameters one notebook run gets: the year's file, with the runner's absolute paths and settings.

    A missing file is written with :func:`default_params` when ``raw_dir`` is the repository's
    own (a new year of its manifest); for another corpus the defaults are used and nothing is
    written. Extra keys of the file are kept.
    """
    path = Path(params_dir) / f"{year}.yaml"
    if path.exists():
        params = read_params_file(path)
    elif Path(raw_dir).resolve() == RAW_DIR.resolve():
        written = write_params_file(year, params_dir)
        log.warning("run: %s was missing; wrote it with the default parameters", written)
        params = read_params_file(written)
    else:
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


def declared_parameters(notebook: Path) -> set[str]:
    """The names a notebook's ``parameters`` cell assigns (papermill's ``inspect_notebook``)."""
    import papermill

    return set(papermill.inspect_notebook(str(notebook)))


def check_notebook_parameters(notebooks: list[Path], parameters: dict[str, dict]) -> None:
    """Refuse a parameter that a notebook does not declare, before anything runs.

    papermill injects unknown names without complaint, so a misspelt key in a parameter file
    (``fiscal_yaer``) would silently do nothing. The runner's own parameters
    (:data:`NOTEBOOK_PARAMETERS`) are given to every notebook; any other key must be declared
    by every notebook of the run.

    Raises
    ------
    ParamsError
        Naming the notebook, the parameter and the year whose parameters hold it.
    """
    for nb in notebooks:
        declared = declared_parameters(nb)
        for year, params in parameters.items():
            unknown = sorted(set(params) - declared - {p.name for p in NOTEBOOK_PARAMETERS})
            if unknown:
                raise ParamsError(
                    f"{nb.name}: unknown parameter {unknown[0]!r} (year {year}; the notebook declares "
                    f"{', '.join(sorted(declared))}); remove it from the parameter file or add it to "
                    "futoko_research/pipeline/params.py"
                )

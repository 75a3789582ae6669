"""Provenance of a run: sha256 of inputs and outputs, versions, the run manifest and the timings.

``output_dir/run_manifest.json`` records the parameters, the sha256 of every input file (raw
reports, codebook, notebooks, parameter files), the versions of every distribution that
determines the outputs, the NLP model, each year's status and the sha256 of every output.
``output_dir/run_timings.json`` records durations: the only file that differs between two
identical runs, so it is not hashed.
"""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from futoko_research.io import atomic_write_text, sha256_file
from futoko_research.paths import DEFAULT_CODEBOOK, PROJECT_ROOT
from futoko_research.pipeline.execute import KERNEL_ENVIRONMENT, KERNEL_NAME
from futoko_research.pipeline.options import STEPS, RunOptions

MANIFEST_FILE = "run_manifest.json"
TIMINGS_FILE = "run_timings.json"
#: the run's log (every warning in full; the console shows one line each)
LOG_FILE = "run.log"
#: the HTML report of a run (real and demo), at the top of the output folder
INDEX_FILE = "index.html"
#: the demo's folder inside the output folder (its own manifest; not part of the real run's)
DEMO_SUBDIR = "demo"
#: files of the output folder that differ between two identical runs, or belong to no single run
UNHASHED_FILES = (TIMINGS_FILE, LOG_FILE, INDEX_FILE)
#: measured here: starting a python3 kernel costs about this many seconds per notebook
KERNEL_START_FLOOR_S = 1.1
#: the distributions whose versions determine the outputs
VERSIONED_DISTRIBUTIONS = (
    "futoko-research", "pandas", "numpy", "pyarrow", "scipy", "spacy", "ginza", "ja-ginza",
    "SudachiPy", "SudachiDict-core", "statsmodels", "matplotlib", "matplotlib-fontja", "networkx",
    "papermill", "nbclient", "nbformat", "ipykernel", "pandera",
)


def versions() -> dict[str, str | None]:
    """Python's version and that of every :data:`VERSIONED_DISTRIBUTIONS` (None when not installed)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for dist in VERSIONED_DISTRIBUTIONS:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def relative_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (POSIX), or its absolute POSIX path when outside ``base``."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def file_hashes(folder: Path, *, base: Path, exclude: Iterable[str] = ()) -> list[dict]:
    """sha256 of every file under ``folder`` (hidden files and excluded top-level names skipped), sorted."""
    exclude = set(exclude)
    rows = []
    if not folder.is_dir():
        return rows
    for path in sorted(folder.rglob("*")):
        rel_parts = path.relative_to(folder).parts
        if not path.is_file() or any(p.startswith(".") for p in rel_parts) or rel_parts[0] in exclude:
            continue
        rows.append({"path": relative_path(path, base), "sha256": sha256_file(path), "bytes": path.stat().st_size})
    return rows


def output_hashes(output_dir: str | Path, processed_dir: str | Path | None = None) -> dict[str, str]:
    """``{relative path: sha256}`` of every output the reproducibility check compares.

    Everything under ``output_dir`` except :data:`UNHASHED_FILES` (timings, log, HTML index),
    hidden folders (stamps), failed attempts and the demo's folder (``demo/``, a run of its own
    with its own manifest), and the tables of ``processed_dir`` (not its ``cache/`` nor ``demo/``). Keys are relative to each folder, prefixed
    ``output/`` and ``processed/``.
    """
    out: dict[str, str] = {}
    output_dir = Path(output_dir)
    if output_dir.is_dir():
        for path in sorted(output_dir.rglob("*")):
            rel = path.relative_to(output_dir)
            top_level = len(rel.parts) == 1
            if (not path.is_file() or (top_level and rel.name in UNHASHED_FILES)
                    or (not top_level and rel.parts[0] == DEMO_SUBDIR)
                    or any(p.startswith(".") or p.endswith(".failed") for p in rel.parts)):
                continue
            out[f"output/{rel.as_posix()}"] = sha256_file(path)
    if processed_dir is not None and Path(processed_dir).is_dir():
        for path in sorted(Path(processed_dir).iterdir()):
            if path.is_file() and not path.name.startswith("."):
                out[f"processed/{path.name}"] = sha256_file(path)
    return out


def _coding_method(options: RunOptions) -> str:
    from futoko_research.coding.hybrid import check_method

    return check_method(options.coding_method)


def _link_method(options: RunOptions) -> str:
    from futoko_research.analysis.links import check_side_method

    return check_side_method(options.link_method)


def _coder_model_input(options: RunOptions) -> dict | None:
    """Path, sha256 and version of the hybrid's model (None when neither the code step nor the links used it)."""
    uses = ((_coding_method(options) == "hybrid" and "code" in options.steps)
            or (_link_method(options) == "hybrid" and "analyze" in options.steps))
    if not uses:
        return None
    from futoko_research.coding.model_io import SHIPPED_MODEL, load_model

    path = Path(options.coder_model) if options.coder_model else SHIPPED_MODEL
    return {"path": relative_path(path, PROJECT_ROOT), "sha256": sha256_file(path),
            "model_version": load_model(path).version}


def run_manifest(options: RunOptions, *, years: list[str], notebooks: list[Path], status: dict[str, str]) -> dict:
    """The run manifest of a finished run (``options`` resolved, as :func:`run_pipeline` ran them)."""
    from futoko_research.nlp import model_info

    o = options
    codebook_for_hash = o.codebook or (DEFAULT_CODEBOOK if DEFAULT_CODEBOOK.exists() else None)
    return {
        "package": "futoko_research",
        "parameters": {
            "years": years,
            "notebooks": [p.name for p in notebooks],
            "steps": [s for s in STEPS if s in o.steps],
            "raw_dir": str(o.raw_dir),
            "processed_dir": str(o.processed_dir),
            "output_dir": str(o.output_dir),
            "codebook": str(o.codebook) if o.codebook else None,
            "coding_method": _coding_method(o),
            "link_method": _link_method(o),
            "nlp_profile": o.nlp_profile,
            "seed": int(o.seed),
            "backend": o.execution.backend,
            "kernel": KERNEL_NAME,
            "kernel_environment": dict(KERNEL_ENVIRONMENT),
        },
        "inputs": {
            "raw_files": file_hashes(o.raw_dir, base=o.raw_dir),
            "codebook": (
                {"path": relative_path(codebook_for_hash, PROJECT_ROOT), "sha256": sha256_file(codebook_for_hash)}
                if codebook_for_hash else None
            ),
            "coder_model": _coder_model_input(o),
            "notebooks": [{"path": p.name, "sha256": sha256_file(p)} for p in notebooks],
            "params": [
                {"path": f"{y}.yaml", "sha256": sha256_file(o.params_dir / f"{y}.yaml")}
                for y in years if (o.params_dir / f"{y}.yaml").exists()
            ],
        },
        "versions": versions(),
        "nlp": model_info(o.nlp_profile),
        "timings_file": TIMINGS_FILE,
        "status": status,
        "outputs": {
            k: v for k, v in output_hashes(o.output_dir, o.processed_dir).items()
            if k != f"output/{MANIFEST_FILE}"
        },
    }


def run_timings(step_durations: dict[str, float], notebook_durations: dict[str, dict[str, float]],
                total_s: float) -> dict:
    """Durations of a run: each step, each notebook per year, and the notebooks against the kernel-start floor."""
    n_runs = sum(len(d) for d in notebook_durations.values())
    nb_total = round(sum(sum(d.values()) for d in notebook_durations.values()), 3)
    return {
        "steps_s": step_durations,
        "notebooks_s": notebook_durations,
        "notebooks_total_s": nb_total,
        "notebook_runs": n_runs,
        "kernel_start_floor_s": round(n_runs * KERNEL_START_FLOOR_S, 3),
        "notebooks_over_floor": round(nb_total / (n_runs * KERNEL_START_FLOOR_S), 2) if n_runs else None,
        "total_s": round(total_s, 3),
        "python": sys.executable,
    }


def write_json(path: Path, data: dict) -> Path:
    """Write ``data`` as sorted, indented UTF-8 JSON (atomically); returns ``path``."""
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return path

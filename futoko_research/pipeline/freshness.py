"""Which work of a run is already done: keys of the steps and of each (year, notebook), and stamps.

A run redoes only what changed, like jupyter-cache or Quarto's ``freeze``:

- **the steps** (ingest → analyze) are skipped when their key — the sha256 of every raw file,
  the codebook, the coder model and the key file, the step options, the package's own source
  and the versions that determine the outputs — equals the key stamped after the last complete
  run, and every table the steps wrote is still there with the bytes it had;
- **a notebook for a year** re-executes only when its key changes: the sha256 of the notebook,
  its parameters, the package's source and versions, the raw files the notebooks read directly
  (national data, coding sheets) and a digest of *the year's rows* of every processed table
  (:func:`year_digest`; tables computed over all years, :data:`~futoko_research.year_filter.POOLED_TABLES`,
  count for ``all`` only), or when one of its outputs is missing or was changed by hand.

Stamps are small JSON files in hidden folders beside the outputs (``processed_dir/.stamps/``,
``output_dir/<year>/.stamps/``); they travel with the outputs when a year's folder is moved into
place, so an interrupted run never leaves a stamp without its outputs.

Notes
-----
jupyter-cache (and Quarto's freeze) key a notebook on its code cells only: neither sees the data
files a notebook reads, nor the figure and table files it writes beside itself, which are most of
this project's outputs. The keys here add both; the notebook's code is still in the key (its
sha256), so a change of the notebook re-executes it as jupyter-cache would.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from futoko_research.io import atomic_write_text, sha256_file

#: hidden folder of stamps beside the outputs
STAMP_DIR = ".stamps"
#: bump to invalidate every stamp (the keys' recipe changed)
KEY_VERSION = 1


def digest(value) -> str:
    """sha256 of a JSON-serialisable value (sorted keys, so dict order does not matter)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: parts of the package the steps never use (figures, notebook I/O, the command line): an edit
#: there re-executes notebooks but does not re-run the steps
NOT_IN_STEPS = ("plots", "reporting.py", "text_views.py", "cli")


@functools.lru_cache(maxsize=4)
def package_digest(exclude: tuple[str, ...] = ()) -> str:
    """sha256 over the package's own files (source, codebooks, resources, shipped models).

    An editable install does not change its version when its code changes; this digest does,
    so a run after an edit of the package re-executes what the edit may change. ``exclude``:
    top-level names of the package left out (:data:`NOT_IN_STEPS`).
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in exclude:
            continue
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            h.update(path.relative_to(root).as_posix().encode("utf-8"))
            h.update(sha256_file(path).encode("ascii"))
    return h.hexdigest()


def files_digest(paths: Iterable[Path], *, base: Path) -> dict[str, str]:
    """``{path relative to base: sha256}`` of existing files."""
    out = {}
    for path in sorted(Path(p) for p in paths):
        if path.is_file():
            try:
                key = path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                key = path.resolve().as_posix()
            out[key] = sha256_file(path)
    return out


def table_files(processed_dir: Path) -> list[Path]:
    """The processed tables a year's notebooks may read (``*.parquet`` and ``*.json`` at the top level)."""
    folder = Path(processed_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".parquet", ".json")
                  and not p.name.startswith("."))


def year_digest(processed_dir: str | Path, year: str) -> str:
    """Digest of what the notebooks of ``year`` can read from ``processed_dir``.

    Each parquet table is cut to the year's rows with
    :func:`futoko_research.year_filter.filter_by_year` (through ``cases`` for tables keyed by
    case or source) and hashed with :func:`pandas.util.hash_pandas_object`; a table with no year
    key counts whole; :data:`~futoko_research.year_filter.POOLED_TABLES` count for ``all`` only;
    JSON files count by their bytes.
    """
    import pandas as pd

    from futoko_research.vocab import YEAR_ALL
    from futoko_research.year_filter import POOLED_TABLES, filter_by_year, has_year_key

    processed_dir = Path(processed_dir)
    parts: dict[str, str] = {}
    cases_path = processed_dir / "cases.parquet"
    cases = pd.read_parquet(cases_path) if cases_path.is_file() else None
    for path in table_files(processed_dir):
        name = path.stem
        if path.suffix == ".json" or year == YEAR_ALL:
            parts[path.name] = sha256_file(path)
            continue
        if name in POOLED_TABLES:
            continue
        df = pd.read_parquet(path)
        if has_year_key(df.columns) and (cases is not None or "fiscal_year" in df.columns):
            df = filter_by_year(df, year, cases=cases, sources=cases)
        parts[path.name] = frame_digest(df)
    return digest(parts)


def frame_digest(df) -> str:
    """sha256 of a table's content (columns, types and values; not the index), via Arrow's IPC stream.

    Arrow serialises list columns (token lists, spans) that ``pandas.util.hash_pandas_object``
    cannot hash.
    """
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def read_stamp(folder: Path, name: str) -> dict | None:
    """The stamp ``folder/.stamps/<name>.json`` (None when absent or unreadable)."""
    path = Path(folder) / STAMP_DIR / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_stamp(folder: Path, name: str, key: str, outputs: Iterable[Path]) -> Path:
    """Record that the work ``name`` with ``key`` wrote ``outputs`` (paths under ``folder``)."""
    folder = Path(folder)
    files = {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(outputs) if p.is_file()}
    path = folder / STAMP_DIR / f"{name}.json"
    atomic_write_text(path, json.dumps({"key": key, "outputs": files}, indent=1, sort_keys=True) + "\n")
    return path


def is_fresh(folder: Path, name: str, key: str) -> bool:
    """Whether ``name``'s stamp in ``folder`` has ``key`` and every output it lists is there, unchanged."""
    stamp = read_stamp(folder, name)
    if not stamp or stamp.get("key") != key or not isinstance(stamp.get("outputs"), Mapping):
        return False
    folder = Path(folder)
    for rel, sha in stamp["outputs"].items():
        path = folder / rel
        if not path.is_file() or sha256_file(path) != sha:
            return False
    return True


def steps_key(options) -> str:
    """Key of the steps of a run (:class:`~futoko_research.pipeline.options.RunOptions`, resolved).

    Everything that determines the processed tables: every raw file, the codebook, the coder
    model and the key file (sha256), the profile, coding method, links' side method and seed, the package's source
    and the versions of the libraries. Where the work runs (serial, Dask) is not in it: it
    does not change a table.
    """
    from futoko_research.analysis.links import check_side_method
    from futoko_research.coding.hybrid import check_method
    from futoko_research.pipeline.provenance import versions

    o = options
    raw = Path(o.raw_dir)
    extra = [Path(p) for p in (o.codebook, o.coder_model, o.key_file) if p]
    return digest({
        "key_version": KEY_VERSION,
        "raw": files_digest((p for p in raw.rglob("*") if not any(part.startswith(".") for part in p.relative_to(raw).parts)),
                            base=raw),
        "extra": {p.name: sha256_file(p) for p in extra if p.is_file()},
        "options": {"profile": o.nlp_profile, "method": check_method(o.coding_method),
                    "link_method": check_side_method(o.link_method), "seed": int(o.seed),
                    "codebook": bool(o.codebook), "coder_model": bool(o.coder_model)},
        "package": package_digest(NOT_IN_STEPS),
        "versions": versions(),
    })


def notebook_key(notebook: Path, *, year: str, parameters: Mapping, year_tables: str, raw_inputs: Mapping[str, str],
                 label: str | None = None) -> str:
    """Key of one notebook run for one year (see the module notes for what it holds)."""
    from futoko_research.pipeline.provenance import versions

    return digest({
        "key_version": KEY_VERSION,
        "notebook": sha256_file(notebook),
        "year": year,
        "parameters": dict(parameters),
        "tables": year_tables,
        "raw_inputs": dict(raw_inputs),
        "label": label,
        "package": package_digest(),
        "versions": versions(),
    })

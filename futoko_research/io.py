"""Reading and writing tables: parquet for processing, CSV (UTF-8 with BOM) for people.

All writes are atomic: files are written into a temporary folder next to the destination
and moved into place only when every file of the batch has been written, so a failure
leaves no half-written output behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pandas as pd


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts become JSON strings so the CSV stays one value per cell."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list | tuple | dict)).any():
            out[col] = out[col].map(
                lambda v: json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
                if isinstance(v, list | tuple | dict) else v
            )
    return out


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    """Write a CSV in UTF-8 with BOM (so Excel shows Japanese), LF line ends, no index."""
    _csv_ready(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write parquet without the index (pyarrow)."""
    df.to_parquet(path, index=False, engine="pyarrow")


class ParquetParts:
    """One parquet file written part by part, each part a row group: memory holds one part only.

    The file reads back (``pandas.read_parquet``) as the parts concatenated in order, with the
    first part's column types, pandas metadata and ``attrs`` (what ``DataFrame.to_parquet`` would
    store for the whole table). Use as a context manager; write at least one part (an empty frame
    gives an empty table with its columns).

    Parameters
    ----------
    path : the file (its folder must exist).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._writer = None
        self._schema = None
        self.n_rows = 0

    def write(self, df: pd.DataFrame) -> None:
        """Append ``df`` (same columns and dtypes as the first part) as a row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        if self._writer is None:
            meta = dict(table.schema.metadata or {})
            if df.attrs:
                meta[b"PANDAS_ATTRS"] = json.dumps(df.attrs).encode("utf-8")
            self._schema = table.schema.with_metadata(meta)
            self._writer = pq.ParquetWriter(self.path, self._schema)
        table = table.cast(self._schema)
        self._writer.write_table(table)
        self.n_rows += len(df)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __enter__(self) -> ParquetParts:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_table(processed_dir: str | Path, name: str) -> pd.DataFrame:
    """Read ``processed_dir/name.parquet``; a missing file names the command that makes it."""
    path = Path(processed_dir) / f"{name}.parquet"
    if not path.exists():
        from futoko_research.errors import FutokoError

        raise FutokoError(f"{path}: not found; run 'futoko-research ingest' (or the step that writes {name}) first")
    return pd.read_parquet(path)


@contextlib.contextmanager
def atomic_dir(out_dir: str | Path) -> Iterator[Path]:
    """Yield a temporary folder; on success move its files into ``out_dir``.

    On an exception nothing is moved and the temporary folder is removed.
    """
    from futoko_research.errors import FutokoError

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=out_dir))
    except (FileExistsError, NotADirectoryError):
        raise FutokoError(f"{out_dir}: output path exists and is not a folder") from None
    except PermissionError:
        raise FutokoError(f"{out_dir}: no permission to write here") from None
    try:
        yield tmp
        for src in sorted(tmp.iterdir()):
            dest = out_dir / src.name
            if dest.is_dir() and src.is_dir():
                shutil.rmtree(dest)
            os.replace(src, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    csv: bool = True,
    check: Callable[[Path], object] | None = None,
) -> list[Path]:
    """Write each table as ``name.parquet`` (and ``name.csv``) into ``out_dir`` atomically.

    ``check`` (e.g. the personal-data guard) is called with the temporary folder once every
    file is written; if it raises, nothing is moved into ``out_dir``.

    Returns the final paths written.
    """
    out_dir = Path(out_dir)
    written: list[Path] = []
    with atomic_dir(out_dir) as tmp:
        for name, df in tables.items():
            write_parquet(df, tmp / f"{name}.parquet")
            written.append(out_dir / f"{name}.parquet")
            if csv:
                write_csv(df, tmp / f"{name}.csv")
                written.append(out_dir / f"{name}.csv")
        if check is not None:
            check(tmp)
    return written


#: the prefix of every temporary file and folder the atomic writers make
TEMPORARY_PREFIX = ".tmp-"


def remove_temporaries(folder: str | Path) -> list[Path]:
    """Remove what an interrupted atomic write left under ``folder`` (``.tmp-*`` files and folders).

    Called at the start of a run, so a run killed mid-write leaves nothing behind once the next
    run has started. Returns what was removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.rglob(f"{TEMPORARY_PREFIX}*"), key=lambda p: len(p.parts)):
        if not path.exists():
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write a file atomically (temporary file in the same folder, then ``os.replace``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write a text file (UTF-8, LF) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_graphml(graph, path: str | Path) -> None:
    """Write a networkx graph as GraphML (UTF-8) atomically, for Gephi, Cytoscape and R igraph.

    The bytes depend only on the graph's insertion order and attributes: build graphs in sorted
    order (as :func:`futoko_research.features.cooccurrence_network` does) for identical files.
    """
    import networkx as nx

    text = "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"
    atomic_write_text(path, text)


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


#: the fixed timestamp of every member of an artefact zip (reproducible bytes)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def npz_bytes(arrays: Mapping[str, object]) -> bytes:
    """A deterministic ``.npz``: one ``.npy`` member per array, in the mapping's order.

    Parameters
    ----------
    arrays : name → array (no object arrays: they are written with ``allow_pickle=False``).

    Returns
    -------
    bytes
        a zip that :func:`numpy.load` reads; the same arrays always give the same bytes (fixed
        member dates and modes, unlike :func:`numpy.savez_compressed`).
    """
    import io as _io
    import zipfile

    import numpy as np

    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            member = _io.BytesIO()
            np.lib.format.write_array(member, np.asarray(array), allow_pickle=False)
            zf.writestr(info, member.getvalue())
    return buf.getvalue()


def write_npz_artefact(path: str | Path, data: bytes, *, what: str) -> Path:
    """Write the bytes of an ``.npz`` artefact (from :func:`npz_bytes`) to ``path`` atomically.

    Parameters
    ----------
    path : the file; it must end in ``.npz``.
    data : the artefact's bytes.
    what : what the file is, for the message (``"coder model"``).

    Raises
    ------
    ValueError
        ``path`` does not end in ``.npz``.
    """
    path = Path(path)
    if path.suffix != ".npz":
        raise ValueError(f"a {what} file ends in .npz, not {path.suffix!r}")
    atomic_write_bytes(path, data)
    return path


def read_npz(path: str | Path, names: tuple[str, ...], *, error: type[Exception], what: str) -> dict:
    """The arrays ``names`` of an ``.npz`` artefact, read without pickle.

    Parameters
    ----------
    path : the file.
    names : the members it must hold.
    error : the exception class raised (its message names the file).
    what : what the file is, for the message (``"coder model"``).

    Raises
    ------
    error
        a member is missing, or the file is not a readable zip of ``.npy`` members.
    """
    import zipfile

    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            missing = [n for n in names if n not in data.files]
            if missing:
                raise error(f"{path}: not a {what} (missing {', '.join(missing)})")
            return {n: data[n] for n in names}
    except error:
        raise
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise error(f"{path}: cannot read {what} ({' '.join(str(exc).split())})") from None

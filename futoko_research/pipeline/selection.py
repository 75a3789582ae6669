"""Which years and notebooks a run covers: year labels from the manifest, notebooks by name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from futoko_research.errors import FutokoError
from futoko_research.paths import NOTEBOOKS_DIR, RAW_DIR
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, normalize_year

#: the pipeline's notebooks are named ``NN_short_name.ipynb``
RE_NOTEBOOK = re.compile(r"^\d\d_[A-Za-z0-9_]+\.ipynb$")


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
    """Validate requested years against the manifest (all of them when ``years`` is None).

    Raises
    ------
    FutokoError
        A label that is not a year, or a year the manifest does not have.
    """
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
    """Notebook paths from names (``01``, ``01_corpus`` or ``01_corpus.ipynb``); all when None.

    Raises
    ------
    FutokoError
        No notebook in ``notebooks_dir``, or a name that matches none (or several).
    """
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

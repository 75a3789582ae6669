"""Build the pipeline's notebooks (notebooks/NN_name.ipynb) from their sources (notebooks/NN_name.py).

The source of each notebook is a Python script in jupytext's "percent" format, next to the
notebook it builds: ``# %% [markdown]`` starts a markdown cell (its lines commented with ``# ``),
``# %%`` a code cell, ``# %% tags=["parameters"]`` the parameters cell; magics are commented
(``# %matplotlib inline``). ruff checks the scripts like any other code.

For every script this tool

1. writes the parameters cell from ``futoko_research.pipeline.params.parameters_cell()`` (the one
   place for the parameters' names, types, help and defaults) into the script when it differs;
2. converts the script with jupytext into nbformat JSON with fixed cell ids (``c00``, ``c01`` …),
   fixed notebook metadata (kernel ``futoko-research``, the project's pinned kernel), no outputs, no execution counts and no cell
   metadata except tags, so the same script always gives the same bytes;
3. writes ``NN_name.ipynb`` when it differs.

Usage (from the repository root)::

    .venv/bin/python tools/make_notebooks.py          # (re)write every notebook from its script
    .venv/bin/python tools/make_notebooks.py --check  # exit 1 if a script or notebook is out of date

The scripts are paired with the notebooks (notebooks/jupytext.toml): in JupyterLab, editing
either one updates the other; run this tool before committing (tests/test_notebooks.py fails when
a committed notebook differs from its script).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the checkout's package, also when the venv has another one installed
    sys.path.insert(0, str(ROOT))

from futoko_research.pipeline.kernel import KERNEL_DISPLAY_NAME, KERNEL_NAME  # noqa: E402
from futoko_research.pipeline.params import parameters_cell  # noqa: E402

NOTEBOOKS_DIR = ROOT / "notebooks"
RE_SOURCE = re.compile(r"^\d\d_[A-Za-z0-9_]+\.py$")
#: the parameters cell of a script: its marker line, then its lines up to the next cell
RE_PARAMETERS_CELL = re.compile(r'^(# %% tags=\["parameters"\]\n)(.*?)(?=\n+# %%|\n*\Z)', re.M | re.S)
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": KERNEL_DISPLAY_NAME, "language": "python", "name": KERNEL_NAME},
    "language_info": {"name": "python"},
}


def sources(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebook sources ``NN_name.py`` in ``notebooks_dir``, in order."""
    return sorted(p for p in notebooks_dir.iterdir() if RE_SOURCE.match(p.name))


def sync_parameters(script: str, *, name: str = "script") -> str:
    """``script`` with its parameters cell replaced by :func:`parameters_cell`.

    Raises
    ------
    ValueError
        The script has no cell, or more than one, tagged ``parameters``.
    """
    found = RE_PARAMETERS_CELL.findall(script)
    if len(found) != 1:
        raise ValueError(f'{name}: expected one cell marked # %% tags=["parameters"], found {len(found)}')
    return RE_PARAMETERS_CELL.sub(lambda m: m.group(1) + parameters_cell(), script)


def build(script: str) -> nbformat.NotebookNode:
    """The notebook of a percent script: fixed ids and metadata, no outputs."""
    nb = jupytext.reads(script, fmt="py:percent")
    nb.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
        tags = cell.metadata.get("tags")
        cell.metadata = nbformat.from_dict({"tags": list(tags)} if tags else {})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    return nb


def render(script: str) -> str:
    """The ``.ipynb`` text of a percent script (parameters cell taken from the package)."""
    return nbformat.writes(build(sync_parameters(script))) + "\n"


def update(notebooks_dir: Path = NOTEBOOKS_DIR, *, check: bool = False) -> list[Path]:
    """Sync every script's parameters cell and rebuild its notebook; returns the files that changed.

    With ``check`` nothing is written: the files that would change are returned.
    """
    changed: list[Path] = []
    scripts = sources(notebooks_dir)
    for script_path in scripts:
        text = script_path.read_text(encoding="utf-8")
        synced = sync_parameters(text, name=str(script_path))
        notebook_path = script_path.with_suffix(".ipynb")
        notebook = render(synced)
        for path, new in ((script_path, synced), (notebook_path, notebook)):
            if not path.exists() or path.read_text(encoding="utf-8") != new:
                changed.append(path)
                if not check:
                    path.write_text(new, encoding="utf-8")
    return changed


def orphans(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Notebooks ``NN_name.ipynb`` without their source script."""
    return sorted(p for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb") if not p.with_suffix(".py").exists())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that scripts and notebooks are up to date")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS_DIR, help="default: %(default)s")
    args = parser.parse_args(argv)
    changed = update(args.notebooks_dir, check=args.check)
    for path in changed:
        print(("out of date: " if args.check else "wrote ") + str(path), file=sys.stderr if args.check else sys.stdout)
    if args.check and changed:
        print("run: .venv/bin/python tools/make_notebooks.py", file=sys.stderr)
    lost = orphans(args.notebooks_dir)
    if lost:
        print("no source script for: " + ", ".join(p.name for p in lost), file=sys.stderr)
    return 1 if (args.check and changed) or lost else 0


if __name__ == "__main__":
    sys.exit(main())

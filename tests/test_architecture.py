"""The package's layers (docs/architecture.md): every import of a futoko_research module, at the
top of a file or inside a function, goes to the same layer or a lower one; only ``backends/``
imports Dask."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "futoko_research"

#: top-level module or package of futoko_research → layer (lowest first): the table of
#: docs/architecture.md
LAYERS = {
    "errors": 0, "paths": 0, "vocab": 0, "deprecation": 0, "synthetic_templates": 0,
    "io": 1, "nlp": 1, "national": 1, "backends": 1, "year_filter": 1,
    "schema": 2,
    "loaders": 3, "features": 3,
    "privacy": 4, "coding": 4, "corpus": 4,
    "analysis": 5, "dask_utils": 5,
    "plots": 6, "synthetic": 6, "synthetic_case": 6, "synthetic_sentences": 6, "synthetic_filler": 6,
    "synthetic_model": 6, "synthetic_layout": 6, "synthetic_gallery": 6, "synthetic_gallery_render": 6, "synthetic_gallery_types": 6, "pipeline": 6, "links": 6,
    "reporting": 7, "text_views": 7, "cli": 7, "pipeline_steps": 7, "__init__": 7,
}
#: rooms allowed to import dask / distributed (the deprecated dask_utils shim forwards to backends)
DASK_ROOMS = ("backends",)
FILES = sorted(PACKAGE.rglob("*.py"))


def room_of(rel: Path) -> str:
    """The top-level module or package a file (path relative to the package) belongs to."""
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imports_in(source: str, rel: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in ``source`` (a file at ``rel`` in the package), relative imports resolved."""
    pkg = ["futoko_research", *rel.parent.parts]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            if base == "futoko_research":  # from futoko_research import reporting: a module
                found += [(node.lineno, f"futoko_research.{alias.name}") for alias in node.names]
    return found


def upward_imports(source: str, rel: Path) -> list[str]:
    """The imports of ``source`` that run to a higher layer than its own."""
    room = room_of(rel)
    out = []
    for line, name in imports_in(source, rel):
        parts = name.split(".")
        if parts[0] == "futoko_research" and len(parts) > 1 and parts[1] in LAYERS \
                and LAYERS[parts[1]] > LAYERS[room]:
            out.append(f"{rel}:{line}: {name} (layer {LAYERS[parts[1]]}) from {room} (layer {LAYERS[room]})")
    return out


def test_every_module_has_a_layer():
    assert sorted({room_of(p.relative_to(PACKAGE)) for p in FILES} - set(LAYERS)) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_layers(path):
    assert upward_imports(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE)) == []


@pytest.mark.parametrize("path", [p for p in FILES if room_of(p.relative_to(PACKAGE)) not in DASK_ROOMS],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_backends_import_dask(path):
    names = [n for _, n in imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))]
    assert [n for n in names if n.split(".")[0] in ("dask", "distributed")] == []


def test_the_checks_catch_an_upward_import_and_dask():
    """Not vacuous: a lazy pipeline import or a Dask import inside features/ is reported."""
    src = "def f():\n    from futoko_research.pipeline import steps\n    from ..pipeline import run\n    import dask\n"
    rel = Path("features/kwic.py")
    assert len(upward_imports(src, rel)) == 2
    assert "dask" in [n for _, n in imports_in(src, rel)]
    assert upward_imports(src, Path("cli/run.py")) == []

"""TEMPORARY stub, replaced by the HTML report module (wt-html)."""
from pathlib import Path


def export_notebook_html(executed: Path) -> Path:
    return executed


def write_index(output_root: Path, *, trees=None) -> Path:
    return Path(output_root) / "index.html"

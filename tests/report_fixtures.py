"""Output trees for the HTML report's tests, built as a run builds them but without running the
pipeline: year folders with an executed-looking notebook (a markdown cell, a table and the figure
as outputs), a real figure of the plotting library (PNG + SVG), tables (CSV with BOM, GraphML) and a
run manifest made by the provenance functions."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nbformat
import networkx as nx
import pandas as pd

from futoko_research.io import write_csv, write_graphml
from futoko_research.pipeline.provenance import MANIFEST_FILE, file_hashes, versions, write_json

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
NOTEBOOK_NAMES = ("01_corpus", "05_national_context")


def national_figure(figures: Path) -> Path:
    """The national count chart of the sample's MEXT table, saved as PNG and SVG; returns the PNG."""
    from futoko_research.national import load_national
    from futoko_research.plots import save_figure
    from futoko_research.plots.national import plot_national_count

    ax = plot_national_count(load_national(RAW_DIR))
    written = save_figure(ax.get_figure(), figures / "05_national_count", close=True)
    return next(p for p in written if p.suffix == ".png")


def executed_notebook(path: Path, *, year: str, png: bytes, table: pd.DataFrame) -> Path:
    """A notebook with outputs as papermill leaves them (execution counts, a table, a figure)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {path.stem} / 年度 {year}\n\n## 表 / Table", id="c00"),
        nbformat.v4.new_code_cell("table", id="c01", execution_count=1, outputs=[nbformat.v4.new_output(
            "execute_result", execution_count=1,
            data={"text/plain": table.to_string(), "text/html": table.to_html()})]),
        nbformat.v4.new_markdown_cell("## 図 / Figure", id="c02"),
        nbformat.v4.new_code_cell("save_fig(ax, output_dir, '05_national_count')", id="c03", execution_count=2,
                                  outputs=[nbformat.v4.new_output(
                                      "display_data", data={"image/png": base64.b64encode(png).decode("ascii"),
                                                            "text/plain": "<IPython.core.display.Image object>"})]),
    ]
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


def write_year(folder: Path, *, year: str) -> Path:
    """One year's folder: notebooks, ``figures/`` and ``tables/``."""
    png = national_figure(folder / "figures")
    table = pd.DataFrame({"年度": [2022, 2023], "事例数 / cases": [3, 4]})
    tables = folder / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    write_csv(table, tables / "01_cases_by_year_municipality.csv")
    graph = nx.Graph()
    graph.add_edge("支援", "登校", weight=2)
    write_graphml(graph, tables / "02_cooccurrence_network.graphml")
    write_csv(table, tables / "02_cooccurrence_network_edges.csv")
    for name in NOTEBOOK_NAMES:
        executed_notebook(folder / f"{name}.ipynb", year=year, png=png.read_bytes(), table=table)
    return folder


def write_tree(tree: Path, *, years: tuple[str, ...] = ("all", "2023"), manifest: bool = True,
               raw_dir: Path = RAW_DIR) -> Path:
    """An output tree with ``years`` and (optionally) its run manifest."""
    tree.mkdir(parents=True, exist_ok=True)
    for year in years:
        write_year(tree / year, year=year)
    if manifest:
        write_json(tree / MANIFEST_FILE, {
            "package": "futoko_research",
            "parameters": {"years": list(years), "seed": 20240401, "coding_method": "rules", "nlp_profile": "full",
                           "output_dir": str(tree), "raw_dir": str(raw_dir)},
            "inputs": {"raw_files": file_hashes(raw_dir, base=raw_dir), "codebook": None,
                       "notebooks": [{"path": f"{n}.ipynb", "sha256": "0" * 64} for n in NOTEBOOK_NAMES]},
            "versions": versions(),
            "status": dict.fromkeys(years, "ok"),
        })
    return tree


def read_manifest(tree: Path) -> dict:
    return json.loads((tree / MANIFEST_FILE).read_text(encoding="utf-8"))

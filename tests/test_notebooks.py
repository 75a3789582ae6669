"""The committed notebooks: built from their sources (notebooks/NN_name.py), structure (parameters
cell, no outputs, no def/class), and a smoke run of every notebook through the pipeline on the
sample, whose rerun must be byte-identical."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from futoko_research.pipeline.kernel import KERNEL_NAME
from futoko_research.pipeline.params import NOTEBOOK_PARAMETERS, default_params

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SOURCES = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))
EXPECTED = [
    "01_corpus.ipynb", "02_text_features.ipynb", "03_qualitative_coding.ipynb",
    "04_outcomes_by_intervention.ipynb", "05_national_context.ipynb",
]
PARAMETERS = ["fiscal_year", "raw_dir", "processed_dir", "output_dir", "codebook", "nlp_profile", "seed"]
RE_OUTPUT = re.compile(r"`((?:tables|figures)/[A-Za-z0-9_]+)\.(csv\|parquet|png\|svg|csv|parquet|graphml)`")


def _make_notebooks():
    """tools/make_notebooks.py as a module."""
    spec = importlib.util.spec_from_file_location("make_notebooks", REPO / "tools" / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _python(source: str) -> str:
    """Cell source without IPython magics (so ast can parse it)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def declared_outputs(nb) -> tuple[set[str], set[str]]:
    """(required, optional) output files named in the first markdown cell's Outputs paragraph."""
    text = nb.cells[0].source
    outputs = text.split("**出力 / Outputs.**", 1)[1].split("\n\n", 1)[0]
    required_text, _, optional_text = outputs.partition("Optional:")

    def names(chunk: str) -> set[str]:
        out = set()
        for stem, ext in RE_OUTPUT.findall(chunk):
            out |= {f"{stem}.{e}" for e in ext.split("|")}
        return out

    return names(required_text), names(optional_text)


def test_the_five_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


def test_papermill_folder_holds_no_python():
    # a papermill/ package would shadow the papermill library for code run from the root
    assert not [p for p in (REPO / "papermill").rglob("*.py") if "output" not in p.parts]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_is_the_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    first = _code_cells(nb)[0]
    assert first.metadata.get("tags") == ["parameters"]
    inspected = papermill.inspect_notebook(str(path))
    assert list(inspected) == PARAMETERS == [p.name for p in NOTEBOOK_PARAMETERS]
    # the defaults are those of the one place that declares them
    assert {k: ast.literal_eval(v["default"]) for k, v in inspected.items()} == default_params("all")
    for node, line in zip(ast.parse(first.source).body, first.source.splitlines()):
        # literal assignments only, each with a type/help comment (papermill --help-notebook)
        assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant), line
        assert re.search(r"#\s*(str|int|str \| None):", line), line
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME == "futoko-research"
    assert "papermill" not in nb.metadata
    for cell in _code_cells(nb):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
        assert "injected-parameters" not in cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_shape_follows_house_style(path):
    nb = nbformat.read(path, as_version=4)
    head = nb.cells[0]
    assert head.cell_type == "markdown"
    for part in ("問い / Question", "入力 / Inputs", "出力 / Outputs"):
        assert part in head.source
    required, _ = declared_outputs(nb)
    assert required, "the Outputs paragraph names no output"
    stem = path.stem.split("_", 1)[0]
    for cell in _code_cells(nb):
        tree = ast.parse(_python(cell.source))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)], cell.source
        assert cell.source.count("save_fig(") <= 1, "one figure per cell"
        for name in re.findall(r'output_dir, "([^"]+)"\)', cell.source):
            assert name.startswith(stem + "_"), f"{name}: outputs carry the notebook's number prefix"
    headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert headings and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff].* / [A-Za-z]", h.splitlines()[0]) for h in headings)


def test_every_notebook_has_its_source_script():
    assert [p.stem for p in SOURCES] == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_notebook_is_built_from_its_source(source):
    """Fails when a committed .ipynb differs from its script: run tools/make_notebooks.py."""
    make = _make_notebooks()
    script = source.read_text(encoding="utf-8")
    assert make.sync_parameters(script) == script, "the parameters cell differs from futoko_research.pipeline.params"
    assert source.with_suffix(".ipynb").read_text(encoding="utf-8") == make.render(script)


def test_check_reports_a_notebook_that_differs_from_its_source(tmp_path):
    make = _make_notebooks()
    for source in SOURCES:
        shutil.copy(source, tmp_path)
        shutil.copy(source.with_suffix(".ipynb"), tmp_path)
    assert make.update(tmp_path, check=True) == []
    script = tmp_path / SOURCES[0].name
    script.write_text(script.read_text(encoding="utf-8") + "\n# %%\nprint(1)\n", encoding="utf-8")
    stale_params = tmp_path / SOURCES[1].name
    stale_params.write_text(stale_params.read_text(encoding="utf-8").replace("seed = 20240401", "seed = 1"), encoding="utf-8")
    assert make.update(tmp_path, check=True) == [script.with_suffix(".ipynb"), stale_params]
    assert make.main(["--check", "--notebooks-dir", str(tmp_path)]) == 1
    make.update(tmp_path)
    assert make.update(tmp_path, check=True) == []
    assert "print(1)" in (tmp_path / SOURCES[0].name).with_suffix(".ipynb").read_text(encoding="utf-8")
    assert "seed = 20240401" in stale_params.read_text(encoding="utf-8")


# --- smoke run on the sample, and byte-identical rerun ----------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The whole pipeline (all steps, every notebook) on the sample, year "all", once."""
    from futoko_research.pipeline import output_hashes, run_pipeline

    tmp = tmp_path_factory.mktemp("run")
    kw = dict(raw_dir=REPO / "data" / "raw", processed_dir=tmp / "processed", output_dir=tmp / "output",
              cache_dir=tmp / "cache")
    result = run_pipeline(["all"], **kw)
    manifest = json.loads((tmp / "output" / "run_manifest.json").read_text(encoding="utf-8"))
    return {"kw": kw, "result": result, "hashes": output_hashes(tmp / "output", tmp / "processed"), "tmp": tmp,
            "inputs": manifest["inputs"]}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_sample_and_writes_its_outputs(executed, path):
    year_dir = executed["tmp"] / "output" / "all"
    nb_out = nbformat.read(year_dir / path.name, as_version=4)
    errors = [o for c in _code_cells(nb_out) for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    stderr = "".join(o.get("text", "") for c in _code_cells(nb_out) for o in c.get("outputs", [])
                     if o.output_type == "stream" and o.name == "stderr")
    assert "Glyph" not in stderr  # Japanese labels render (no empty boxes)
    required, optional = declared_outputs(nbformat.read(path, as_version=4))
    stem = path.stem.split("_", 1)[0] + "_"
    written = {p.relative_to(year_dir).as_posix() for p in year_dir.rglob(f"{stem}*")
               if p.parent != year_dir and not p.relative_to(year_dir).parts[0].startswith(".")}
    assert required <= written, f"missing: {sorted(required - written)}"
    assert written <= required | optional, f"not declared in the notebook's Outputs: {sorted(written - required - optional)}"
    for name in written:
        assert (year_dir / name).stat().st_size > 0, name
    for csv in (n for n in written if n.endswith(".csv")):
        assert (year_dir / csv).read_bytes().startswith(b"\xef\xbb\xbf"), f"{csv}: UTF-8 with BOM"


@pytest.mark.slow
def test_second_run_is_byte_identical(executed):
    """An unchanged rerun executes nothing and a forced rerun executes everything: both byte-identical."""
    from futoko_research.pipeline import MANIFEST_FILE, TIMINGS_FILE, output_hashes, run_pipeline
    from futoko_research.pipeline.freshness import STAMP_DIR

    tmp = executed["tmp"]
    for force in (False, True):
        again_result = run_pipeline(["all"], force=force, **executed["kw"])
        again = output_hashes(tmp / "output", tmp / "processed")
        manifest = json.loads((tmp / "output" / MANIFEST_FILE).read_text(encoding="utf-8"))
        if manifest["inputs"] != executed["inputs"]:  # e.g. the codebook was edited while the test ran
            pytest.fail("inputs changed between the two runs, rerun the test: "
                        + json.dumps({k: v for k, v in manifest["inputs"].items()
                                      if executed["inputs"].get(k) != v})[:300])
        changed = sorted(k for k in set(again) | set(executed["hashes"]) if again.get(k) != executed["hashes"].get(k))
        assert not changed, f"force={force}: {changed[:5]}"
        timings = json.loads((tmp / "output" / TIMINGS_FILE).read_text(encoding="utf-8"))
        if force:
            assert set(timings["steps_s"]) == {"ingest", "features", "code", "analyze"}
            assert again_result.timings["notebook_runs"] == len(EXPECTED)
        else:  # nothing changed: no step and no notebook runs again
            assert again_result.steps_skipped and timings["steps_s"] == {}
            assert again_result.executed == 0 and again_result.cached == len(EXPECTED)
    assert sum(k.endswith(".ipynb") for k in again) == len(EXPECTED)
    assert f"output/{MANIFEST_FILE}" in again and f"output/{TIMINGS_FILE}" not in again
    assert {"python", "pandas", "spacy", "ginza", "ja-ginza", "SudachiPy", "SudachiDict-core",
            "statsmodels", "matplotlib", "papermill"} <= set(manifest["versions"])
    assert {"000_3827d6ec588ac27e.txt", "manifest.csv", "mext_futoko_national.csv"} <= {
        r["path"] for r in manifest["inputs"]["raw_files"]}
    assert manifest["inputs"]["codebook"]["sha256"]
    assert set(manifest["outputs"]) == set(again) - {f"output/{MANIFEST_FILE}"}
    hidden = [p for p in (tmp / "output").rglob(".*") if STAMP_DIR not in p.relative_to(tmp / "output").parts]
    assert not hidden  # no temporary, staging or replaced files left behind (only the stamps)

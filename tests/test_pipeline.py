"""The papermill runner (futoko_research.pipeline): years, parameter files, failures, reproducibility."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from futoko_research.cli import main as cli_main
from futoko_research.errors import FutokoError
from futoko_research.pipeline import (
    MANIFEST_FILE,
    NotebookExecutionError,
    ParamsError,
    default_params,
    format_params_yaml,
    manifest_years,
    notebook_parameters,
    output_hashes,
    read_params_file,
    resolve_notebooks,
    resolve_years,
    run_pipeline,
    strip_execution_metadata,
    write_params_file,
)

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
PARAMS_DIR = REPO / "papermill" / "params"
NOTEBOOKS_DIR = REPO / "notebooks"

PARAMS_CELL = 'fiscal_year = "all"  # str: year\noutput_dir = "out"  # str: output folder\nseed = 1  # int: seed'


def _notebook(path: Path, *bodies: str) -> Path:
    """A tiny notebook (parameters cell + the given code cells), written for a runner test."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMS_CELL)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# test notebook"), params]
    nb.cells += [nbformat.v4.new_code_cell(b) for b in bodies]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"t{i}"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _write_manifest(raw: Path, years: list[str]) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    lines = ["source_id,path,fiscal_year,layout"]
    for i, year in enumerate(years):
        (raw / f"r{i}.txt").write_text("テスト\n", encoding="utf-8")
        lines.append(f"s{i},r{i}.txt,{year},generic")
    (raw / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


# --- years, notebooks, parameter files -----------------------------------------------------------


def test_sample_manifest_years_are_all_and_unknown():
    # the sample's manifest row names no fiscal year
    assert manifest_years(RAW_DIR) == ["all", "unknown"]


def test_manifest_years_lists_each_year_then_unknown(tmp_path):
    raw = _write_manifest(tmp_path / "raw", ["2022", "", "2021", "2022"])
    assert manifest_years(raw) == ["all", "2021", "2022", "unknown"]
    assert resolve_years(["2021", 2022, "ALL"], raw) == ["2021", "2022", "all"]
    with pytest.raises(FutokoError, match="2019 is not in"):
        resolve_years(["2019"], raw)
    with pytest.raises(FutokoError, match="fiscal_year must be"):
        resolve_years(["last-year"], raw)


def test_resolve_notebooks_by_number_or_name():
    names = [p.name for p in resolve_notebooks(None, NOTEBOOKS_DIR)]
    assert names == sorted(names) and names[0] == "01_corpus.ipynb"
    assert [p.stem for p in resolve_notebooks(["05", "01_corpus.ipynb"], NOTEBOOKS_DIR)] == ["05_national_context", "01_corpus"]
    with pytest.raises(FutokoError, match="no notebook '99'"):
        resolve_notebooks(["99"], NOTEBOOKS_DIR)


@pytest.mark.parametrize("year", ["all", "unknown"])
def test_committed_params_files_match_the_defaults(year):
    path = PARAMS_DIR / f"{year}.yaml"
    assert read_params_file(path) == default_params(year)
    assert path.read_text(encoding="utf-8") == format_params_yaml(default_params(year))


def test_every_manifest_year_has_a_params_file():
    for year in manifest_years(RAW_DIR):
        assert (PARAMS_DIR / f"{year}.yaml").is_file(), year


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("fiscal_year: 2021\nseed: 2021-04-01\n", "seed: date values are not allowed"),
        ("fiscal_year: '2020'\n", "does not match the file name"),
        ("- a\n- b\n", "expected a mapping"),
        ("fiscal_year: '2021'\nraw_dir: [a, b]\n", "raw_dir: list values"),
        ("fiscal_year: '2021'\n2x: 1\n", "not a Python identifier"),
    ],
)
def test_bad_params_file_names_file_and_key(tmp_path, content, message):
    path = tmp_path / "2021.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParamsError, match=message) as info:
        read_params_file(path)
    assert str(path) in str(info.value)


def test_params_yaml_quotes_strings_so_years_stay_strings(tmp_path):
    path = write_params_file("2021", tmp_path)
    assert 'fiscal_year: "2021"' in path.read_text(encoding="utf-8")
    assert read_params_file(path)["fiscal_year"] == "2021"


def test_notebook_parameters_override_paths_and_keep_extra_keys(tmp_path):
    common = dict(processed_dir=tmp_path / "p", year_dir=tmp_path / "out" / "2021", codebook=None,
                  nlp_profile="lexical", seed=7)
    (tmp_path / "2021.yaml").write_text(format_params_yaml({**default_params("2021"), "top_n": 5}), encoding="utf-8")
    params = notebook_parameters("2021", params_dir=tmp_path, raw_dir=tmp_path / "raw", **common)
    assert params == {"fiscal_year": "2021", "raw_dir": str(tmp_path / "raw"), "processed_dir": str(tmp_path / "p"),
                      "output_dir": str(tmp_path / "out" / "2021"), "codebook": None, "nlp_profile": "lexical",
                      "seed": 7, "top_n": 5}


def test_missing_params_file_is_written_only_for_the_repository_manifest(tmp_path):
    common = dict(processed_dir=tmp_path / "p", year_dir=tmp_path / "o", codebook=None, nlp_profile="full", seed=1)
    other = notebook_parameters("2022", params_dir=tmp_path, raw_dir=tmp_path / "raw", **common)
    assert other["fiscal_year"] == "2022" and not (tmp_path / "2022.yaml").exists()
    notebook_parameters("unknown", params_dir=tmp_path, raw_dir=RAW_DIR, **common)
    assert read_params_file(tmp_path / "unknown.yaml") == default_params("unknown")


# --- executed notebooks --------------------------------------------------------------------------


def test_strip_execution_metadata_removes_times_and_random_ids():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"duration": 1.0, "start_time": "t", "end_time": "t", "parameters": {"a": 1}}
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata.update({"tags": ["injected-parameters"], "execution": {"iopub.status.busy": "t"},
                          "papermill": {"duration": 0.1, "start_time": "t", "end_time": "t", "status": "completed"}})
    nb.cells = [cell]
    strip_execution_metadata(nb)
    assert nb.metadata["papermill"] == {"parameters": {"a": 1}}
    assert cell.id == "injected-parameters"
    assert "execution" not in cell.metadata
    assert cell.metadata["papermill"] == {"status": "completed"}


@pytest.mark.slow
def test_failing_notebook_names_notebook_and_cell_and_keeps_other_outputs(tmp_path):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    write = 'from pathlib import Path\nPath(output_dir, "tables").mkdir(parents=True, exist_ok=True)\n'
    _notebook(nbdir / "01_ok.ipynb", write + 'Path(output_dir, "tables", "01_ok.csv").write_text(fiscal_year)')
    out = tmp_path / "out"
    kw = dict(raw_dir=RAW_DIR, processed_dir=tmp_path / "proc", output_dir=out, steps=(),
              notebooks_dir=nbdir, params_dir=tmp_path / "params")
    run_pipeline(**kw)
    before = output_hashes(out)
    assert (out / "all" / "tables" / "01_ok.csv").read_text() == "all"
    assert (out / "unknown" / "tables" / "01_ok.csv").read_text() == "unknown"
    assert (tmp_path / "params" / "all.yaml").is_file()  # generated when missing

    _notebook(nbdir / "02_fail.ipynb", "x = 1", 'raise ValueError("planted failure")')
    with pytest.raises(NotebookExecutionError) as info:
        run_pipeline(["all"], **kw)
    message = str(info.value)
    assert "02_fail.ipynb" in message and "[year all]" in message
    assert "ValueError: planted failure" in message and "'raise ValueError(\"planted failure\")'" in message
    assert "cell 4" in message  # markdown, parameters, injected parameters, x = 1, raise
    # the previous outputs of the failed year are back, the other year untouched
    after = output_hashes(out)
    assert {k: v for k, v in after.items() if "run_" not in k} == {k: v for k, v in before.items() if "run_" not in k}
    failed = out / "all.failed" / "02_fail.ipynb"
    assert failed.is_file()
    assert any(o.get("ename") == "ValueError" for c in nbformat.read(failed, 4).cells for o in c.get("outputs", []))
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["status"] == {"all": "failed"}


@pytest.mark.slow
def test_cell_timeout_is_reported_with_its_cell(tmp_path):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    _notebook(nbdir / "01_slow.ipynb", "import time\ntime.sleep(30)")
    with pytest.raises(NotebookExecutionError, match=r"01_slow.ipynb \[year all\] failed at cell 3 \('import time'\): CellTimeoutError"):
        run_pipeline(["all"], raw_dir=RAW_DIR, processed_dir=tmp_path / "proc", output_dir=tmp_path / "out",
                     steps=(), notebooks_dir=nbdir, params_dir=tmp_path / "params", timeout=2)


def test_cli_run_bad_year_exits_2(capsys):
    assert cli_main(["run", "--years", "1999", "--steps"]) == 2
    assert "1999 is not in" in capsys.readouterr().err


def test_cli_run_passes_n_process_and_rejects_a_bad_one(monkeypatch, capsys):
    import futoko_research.pipeline as pipeline

    seen = {}

    def fake_run(years, notebooks, *, options, **kwargs):
        seen["options"] = options
        raise FutokoError("stopped here")

    monkeypatch.setattr(pipeline, "run_pipeline", fake_run)
    assert cli_main(["run", "--steps", "--n-process", "2"]) == 2
    assert seen["options"].execution.n_process == 2 and seen["options"].nlp_profile == "lexical"
    assert cli_main(["run", "--steps", "--n-process", "0"]) == 2
    assert "--n-process must be at least 1" in capsys.readouterr().err


@pytest.mark.slow
def test_one_fiscal_year_of_a_synthetic_multi_year_corpus(tmp_path):
    """Per-year notebooks see only their year's cases (SYNTHETIC corpus from futoko_research.synthetic)."""
    import pandas as pd

    from futoko_research.synthetic import write_synthetic_corpus

    raw = tmp_path / "raw"
    write_synthetic_corpus(raw, n_cases=6, years=[2021, 2022], seed=3, cases_per_file=3)
    shutil.copy(RAW_DIR / "mext_futoko_national.csv", raw)
    assert manifest_years(raw) == ["all", "2021", "2022"]
    out = tmp_path / "out"
    run_pipeline(["2022"], ["01", "04"], raw_dir=raw, processed_dir=tmp_path / "processed", output_dir=out,
                 nlp_profile="fast", cache_dir=tmp_path / "cache", params_dir=tmp_path / "params")
    assert not (tmp_path / "params").exists()  # another corpus: defaults, nothing written
    cases = pd.read_parquet(tmp_path / "processed" / "cases.parquet")
    expected = cases.loc[cases["fiscal_year"] == 2022, "municipality"].value_counts().sort_index()
    table = pd.read_csv(out / "2022" / "tables" / "01_cases_by_year_municipality.csv", encoding="utf-8-sig")
    assert set(table["fiscal_year"].astype(str)) == {"2022"}
    assert table.set_index("municipality")["n_cases"].sort_index().to_dict() == expected.to_dict()
    case_vars = pd.read_csv(out / "2022" / "tables" / "04_case_variables.csv", encoding="utf-8-sig")
    assert set(case_vars["fiscal_year"]) == {2022}
    assert (out / "2022" / "figures" / "04_association_counts.png").is_file()
    assert not (out / "all").exists() and not (out / "2021").exists()


def test_cli_run_failed_notebook_exits_1_naming_it(monkeypatch, capsys):
    from futoko_research import pipeline
    from futoko_research.pipeline import NotebookFailure

    failure = NotebookFailure("03_qualitative_coding.ipynb", "all", 7, "KeyError", "'code'", "xtab = crosstab_codes(", None)

    def fail(*args, **kwargs):
        raise NotebookExecutionError([failure])

    monkeypatch.setattr(pipeline, "run_pipeline", fail)
    assert cli_main(["run", "--steps"]) == 1
    err = capsys.readouterr().err
    assert "notebook 03_qualitative_coding.ipynb [year all] failed at cell 7 ('xtab = crosstab_codes('): KeyError: 'code'" in err


@pytest.mark.slow
def test_years_in_parallel_give_the_same_outputs(tmp_path, monkeypatch):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    body = ('import os\nfrom pathlib import Path\nPath(output_dir, "tables").mkdir(parents=True, exist_ok=True)\n'
            'Path(output_dir, "tables", "01_cwd.csv").write_text(fiscal_year + "," + os.getcwd())')
    _notebook(nbdir / "01_cwd.ipynb", body)
    monkeypatch.chdir(tmp_path)  # the runner must not depend on, or change, its own directory
    kw = dict(raw_dir=RAW_DIR, processed_dir=tmp_path / "proc", output_dir=tmp_path / "out", steps=(),
              notebooks_dir=nbdir, params_dir=tmp_path / "params")
    run_pipeline(**kw)
    serial = {k: v for k, v in output_hashes(tmp_path / "out").items() if "run_" not in k}
    run_pipeline(jobs=2, **kw)
    assert {k: v for k, v in output_hashes(tmp_path / "out").items() if "run_" not in k} == serial
    assert (tmp_path / "out" / "unknown" / "tables" / "01_cwd.csv").read_text() == f"unknown,{REPO}"
    assert Path.cwd() == tmp_path


def test_a_failing_notebook_does_not_stop_the_rest_of_the_run(tmp_path):
    """The notebooks after a failing one, and the other years, still run; each failure is one line."""
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    write = 'from pathlib import Path\nPath(output_dir, "tables").mkdir(parents=True, exist_ok=True)\n'
    _notebook(nbdir / "01_ok.ipynb", write + 'Path(output_dir, "tables", "01_ok.csv").write_text(fiscal_year)')
    _notebook(nbdir / "02_fail.ipynb", 'raise RuntimeError("planted")')
    _notebook(nbdir / "03_after.ipynb", write + 'Path(output_dir, "tables", "03_after.csv").write_text(fiscal_year)')
    out = tmp_path / "out"
    with pytest.raises(NotebookExecutionError) as info:
        run_pipeline(raw_dir=RAW_DIR, processed_dir=tmp_path / "proc", output_dir=out, steps=(),
                     notebooks_dir=nbdir, params_dir=tmp_path / "params")
    failures = info.value.failures
    assert sorted(f.year for f in failures) == ["all", "unknown"]
    assert all(f.notebook == "02_fail.ipynb" and "\n" not in f.message() for f in failures)
    for year in ("all", "unknown"):
        assert (out / year / "tables" / "03_after.csv").read_text() == year
        assert (out / year / "tables" / "01_ok.csv").read_text() == year
        assert (out / f"{year}.failed" / "02_fail.ipynb").is_file()

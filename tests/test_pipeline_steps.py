"""The pipeline's steps (futoko_research.pipeline.steps): what each writes, the CLI over them, where
the work runs (ExecutionOptions), and the deprecated old homes of the step functions."""

from __future__ import annotations

import importlib
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from futoko_research import features as F
from futoko_research.analysis import INSUFFICIENT
from futoko_research.cli import main
from futoko_research.coding import ZeroHitWarning
from futoko_research.pipeline import ExecutionOptions, RunOptions, steps

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
BAD_CODEBOOK = (
    'version: "t"\nname: test\ncodes:\n'
    "  - key: x\n    label_ja: エックス\n    label_en: X\n    category: outcome\n    definition: test\n"
    "    rules:\n      - id: x.a\n        regex: '('\n"
)


# --- features --------------------------------------------------------------------------------------


def test_features_step_and_cli(sample_statements, tmp_path):
    from futoko_research.io import write_parquet

    write_parquet(sample_statements, tmp_path / "statements.parquet")
    written = steps.features(tmp_path, profile="lexical", progress=False)
    assert [p.name for p in written] == ["tokens.parquet", "phrases.parquet", "entities.parquet",
                                         "features_info.json"]
    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    assert tokens.attrs["features"]["profile"] == "lexical"
    info = json.loads((tmp_path / "features_info.json").read_text(encoding="utf-8"))
    assert info["profile"] == "lexical" and info["terms_hash"] == F.load_terms().hash
    assert main(["features", "--profile", "lexical", "--processed-dir", str(tmp_path), "--no-progress"]) == 0
    assert main(["features", "--profile", "lexical", "--processed-dir", str(tmp_path / "missing"),
                 "--no-progress"]) == 2


# --- code ------------------------------------------------------------------------------------------


def test_code_step_and_cli(tmp_path, sample_statements):
    sample_statements.to_parquet(tmp_path / "statements.parquet", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroHitWarning)
        written = steps.code(tmp_path)
    names = {p.name for p in written}
    assert {"codes.parquet", "case_codes.parquet", "rule_report.parquet", "codes.csv"} <= names
    codes = pd.read_parquet(tmp_path / "codes.parquet")
    cc = pd.read_parquet(tmp_path / "case_codes.parquet")
    assert cc["n_statements"].sum() == codes.drop_duplicates(["statement_id", "code"]).shape[0]
    assert not list(tmp_path.glob(".tmp-*"))
    assert main(["code", "--processed-dir", str(tmp_path)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_CODEBOOK, encoding="utf-8")
    before = (tmp_path / "codes.parquet").read_bytes()
    assert main(["code", "--processed-dir", str(tmp_path), "--codebook", str(bad)]) == 2
    assert (tmp_path / "codes.parquet").read_bytes() == before  # nothing half-written


# --- analyze ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_analyze_step_on_the_sample_is_descriptive(tmp_path, caplog):
    """ingest → analyze on the real 3-case sample: tables written, nothing presented as a finding."""
    caplog.set_level("INFO", logger="futoko_research")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        steps.ingest(raw_dir=RAW_DIR, out_dir=tmp_path, progress=False)
    assert main(["analyze", "--processed-dir", str(tmp_path), "--cache-dir", str(tmp_path / "cache")]) == 0
    cv = pd.read_parquet(tmp_path / "case_variables.parquet")
    assert len(cv) == 3 and cv["fiscal_year"].isna().all()
    assert cv.set_index("case_id").loc["nemuro_cases_003", "out_school_return"]
    assoc = pd.read_parquet(tmp_path / "associations.parquet")
    assert assoc["descriptive_only"].all()
    assert assoc["p_value"].isna().all() and assoc["q_value"].isna().all()
    assert assoc["note"].str.contains("inference needs more cases").all()
    assert set(assoc["fiscal_year"]) == {"unknown", "all"}
    links = pd.read_parquet(tmp_path / "links.parquet")
    assert links["statement_id"].str.contains("_outcome_").sum() >= 9
    assert isinstance(links["cause_codes"].iloc[0], list | np.ndarray)
    # no stored tokens: only the statements that pass the links' prefilter were parsed
    from futoko_research.analysis.link_prefilter import link_candidates
    from futoko_research.analysis.links import DEFAULT_SIDE_METHOD

    statements = steps.content_statements(pd.read_parquet(tmp_path / "statements.parquet"))
    kept = int(link_candidates(statements.reset_index(drop=True), method=DEFAULT_SIDE_METHOD).sum())
    assert 0 < kept < len(statements) == 41
    assert f"parsing {kept} of 41 statements for links" in caplog.text
    counts = pd.read_parquet(tmp_path / "link_counts.parquet")
    assert set(counts["polarity"]) == {"positive"} and set(counts["modality"]) == {"reported"}
    trend = pd.read_parquet(tmp_path / "prevalence_trend.parquet")
    assert trend["note"].str.startswith(INSUFFICIENT).all()
    for name in ("link_counts", "prevalence"):
        assert (tmp_path / f"{name}.parquet").exists()


# --- where the work runs ---------------------------------------------------------------------------


def test_execution_options_reach_the_computations_from_one_place(monkeypatch, tmp_path, sample_statements):
    """The steps turn ExecutionOptions into one runner (steps.runner_for) and hand it to features.extract."""
    seen = []

    def fake_extract(statements, **kwargs):
        seen.append(kwargs)
        raise RuntimeError("stop")

    monkeypatch.setattr(F, "extract", fake_extract)
    sample_statements.to_parquet(tmp_path / "statements.parquet", index=False)
    for execution in (None, ExecutionOptions(n_process=2),
                      ExecutionOptions("dask", workers=2, partitions=3, client="tcp://x:1")):
        with pytest.raises(RuntimeError, match="stop"):
            steps.features(tmp_path, profile="lexical", progress=False, execution=execution)
    assert all(set(kw) == {"profile", "cache_dir", "progress", "runner"} for kw in seen)
    runners = [kw["runner"] for kw in seen]
    assert [r.name for r in runners] == ["serial", "processes", "dask"]
    assert runners[1].options()["n_process"] == 2
    assert {k: runners[2].options()[k] for k in ("client", "partitions", "scheduler", "workers")} == {
        "client": "tcp://x:1", "partitions": 3, "scheduler": None, "workers": 2}
    with pytest.raises(ValueError, match="backend must be 'serial' or 'dask'"):
        ExecutionOptions("spark")


def test_run_options_take_the_old_flat_keywords():
    options = RunOptions.make(None, raw_dir="raw", steps=["code"], backend="dask", workers=3, jobs=2)
    assert options.raw_dir == "raw" and options.steps == ("code",) and options.jobs == 2
    assert options.execution == ExecutionOptions("dask", workers=3)
    assert RunOptions.make(options, seed=1).execution == options.execution
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        RunOptions.make(None, colour="red")


def test_old_execution_keywords_become_execution_options():
    from futoko_research.pipeline.options import split_execution_kwargs

    execution, rest = split_execution_kwargs({"backend": "dask", "client": None, "n_process": 2, "profile": "fast"})
    assert execution == ExecutionOptions("dask", n_process=2) and rest == {"profile": "fast"}


def test_serial_execution_opens_nothing():
    with steps.open_execution(None) as execution:
        assert execution == ExecutionOptions()


# --- deprecated old homes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("futoko_research.pipeline_steps", "ingest", "ingest"),
        ("futoko_research.pipeline_steps", "features", "write_features"),
        ("futoko_research.pipeline_steps", "code", "write_codes"),
        ("futoko_research.pipeline_steps", "analyze", "write_analysis"),
        ("futoko_research.features", "write_features", "write_features"),
        ("futoko_research.features.writer", "write_features", "write_features"),
        ("futoko_research.coding", "write_codes", "write_codes"),
        ("futoko_research.coding.rules", "write_codes", "write_codes"),
        ("futoko_research.analysis", "write_analysis", "write_analysis"),
        ("futoko_research.analysis.write", "write_analysis", "write_analysis"),
    ],
)
def test_old_homes_warn_and_forward(module, name, new):
    from futoko_research.pipeline import legacy

    with pytest.deprecated_call(match=r"futoko_research\.pipeline\.steps\."):
        found = getattr(importlib.import_module(module), name)
    assert found is getattr(legacy, new)


def test_read_analysis_inputs_moved_to_the_steps():
    import futoko_research.analysis as analysis

    with pytest.deprecated_call():
        assert analysis.read_analysis_inputs is steps.read_analysis_inputs


def test_old_write_codes_takes_the_old_keywords(tmp_path, sample_statements):
    from futoko_research.pipeline.legacy import write_codes

    sample_statements.to_parquet(tmp_path / "statements.parquet", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroHitWarning)
        old = write_codes(tmp_path, backend="serial", client=None)
        codes = pd.read_parquet(tmp_path / "codes.parquet")
        new = steps.code(tmp_path)
    assert old == new
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "codes.parquet"), codes)


def test_importing_the_computations_does_not_import_the_pipeline():
    import subprocess
    import sys

    code = ("import sys, futoko_research.features, futoko_research.coding, futoko_research.analysis; "
            "print('futoko_research.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"

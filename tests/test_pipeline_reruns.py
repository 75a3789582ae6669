"""Reruns redo only what changed, and a stopped run loses nothing (issue 18, items 5 and 7).

The corpus is a small SYNTHETIC one (``futoko_research.synthetic``, three fiscal years, lexical
profile) so the steps produce real per-year tables; the notebooks are tiny ones that read the
year's ``cases`` table and write a table and a figure-like file, and sleep a little so a run can
be stopped while a notebook executes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from futoko_research.pipeline import output_hashes, run_pipeline
from futoko_research.pipeline.freshness import STAMP_DIR
from futoko_research.synthetic import write_synthetic_corpus

REPO = Path(__file__).resolve().parents[1]
YEARS = [2021, 2022, 2023]
PARAMS_CELL = ('fiscal_year = "all"  # str: year\noutput_dir = "out"  # str: output folder\n'
               'processed_dir = "p"  # str: processed tables\nraw_dir = "r"  # str: raw reports\n'
               'codebook = None  # str: codebook\nnlp_profile = "lexical"  # str: profile\nseed = 1  # int: seed')
BODY = """import time
from pathlib import Path
import pandas as pd
time.sleep({sleep})
cases = pd.read_parquet(Path(processed_dir, "cases.parquet"))
if fiscal_year != "all":
    cases = cases[cases["fiscal_year"].astype("string") == fiscal_year]
Path(output_dir, "tables").mkdir(parents=True, exist_ok=True)
Path(output_dir, "figures").mkdir(parents=True, exist_ok=True)
Path(output_dir, "tables", "{stem}_n.csv").write_text(f"{{fiscal_year}},{{len(cases)}}\\n")
Path(output_dir, "figures", "{stem}_fig.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
"""


def _notebooks(folder: Path, sleep: float = 0.0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem in ("01_a", "02_b"):
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell(PARAMS_CELL)
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {stem} (SYNTHETIC test notebook)"), params,
                    nbformat.v4.new_code_cell(BODY.format(sleep=sleep, stem=stem))]
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"c{i}"
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{stem}.ipynb")
    return folder


def _corpus(root: Path) -> Path:
    raw = root / "raw"
    write_synthetic_corpus(raw, n_cases=6, years=YEARS, seed=5, cases_per_file=1)
    return raw


def _kw(root: Path, raw: Path, nbdir: Path, jobs: int = 1) -> dict:
    return dict(raw_dir=raw, processed_dir=root / "processed", output_dir=root / "out", cache_dir=root / "cache",
                notebooks_dir=nbdir, params_dir=root / "params", nlp_profile="lexical", jobs=jobs)


def _hashes(root: Path) -> dict[str, str]:
    hashes = output_hashes(root / "out", root / "processed")
    return {k: v for k, v in hashes.items() if "run_manifest" not in k}


def _stray(root: Path) -> list[Path]:
    """Hidden or temporary files a run may leave: anything hidden except the stamps."""
    found = []
    for top in (root / "out", root / "processed"):
        for p in top.rglob("*"):
            parts = p.relative_to(top).parts
            if any(part.startswith(".") for part in parts) and STAMP_DIR not in parts:
                found.append(p)
            elif p.name.endswith(".failed") or ".tmp" in p.name:
                found.append(p)
    return found


def _runs(messages: list[str]) -> set[str]:
    """The notebook runs that executed ("01_a [2022]"), from the progress messages."""
    return {m for m in messages if not m.startswith("step") and not m.endswith("(unchanged)")}


@pytest.mark.slow
def test_rerun_executes_nothing_and_one_changed_year_reruns_only_it_and_all(tmp_path):
    raw = _corpus(tmp_path)
    kw = _kw(tmp_path, raw, _notebooks(tmp_path / "nb"), jobs=2)  # years side by side: swaps in parallel
    first: list[str] = []
    run_pipeline(on_progress=first.append, **kw)
    years = ["all", "unknown", *map(str, YEARS)] if (tmp_path / "out" / "unknown").exists() else ["all", *map(str, YEARS)]
    assert _runs(first) == {f"{nb} [{y}]" for nb in ("01_a", "02_b") for y in years}
    before = _hashes(tmp_path)

    again: list[str] = []
    result = run_pipeline(on_progress=again.append, **kw)
    assert _runs(again) == set() and result.steps_skipped and result.executed == 0
    assert _hashes(tmp_path) == before

    # one 2022 report changes: the steps run again, only 2022's and the pooled notebooks execute
    manifest = (raw / "manifest.csv").read_text(encoding="utf-8").splitlines()
    path_2022 = next(line.split(",")[1] for line in manifest[1:] if ",2022," in line)
    report = raw / path_2022
    report.write_text(report.read_text(encoding="utf-8").replace("。", "。\n登校できる日が増えた。", 1), encoding="utf-8")
    third: list[str] = []
    result = run_pipeline(on_progress=third.append, **kw)
    assert not result.steps_skipped
    assert _runs(third) == {f"{nb} [{y}]" for nb in ("01_a", "02_b") for y in ("2022", "all")}
    after = _hashes(tmp_path)
    unchanged_year = [k for k in before if "/2021/" in k or "/2023/" in k]
    assert unchanged_year and all(after[k] == before[k] for k in unchanged_year)

    forced: list[str] = []
    run_pipeline(on_progress=forced.append, force=True, **kw)
    assert len(_runs(forced)) == 2 * len(years)
    assert _hashes(tmp_path) == after
    assert not _stray(tmp_path)


RUNNER = """import sys
from pathlib import Path
from futoko_research.pipeline import run_pipeline
root, nbdir = Path(sys.argv[1]), Path(sys.argv[2])
run_pipeline(raw_dir=root / "raw", processed_dir=root / "processed", output_dir=root / "out",
             cache_dir=root / "cache", notebooks_dir=nbdir, params_dir=root / "params",
             nlp_profile="lexical", jobs=1)
"""


def _start(root: Path, nbdir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    return subprocess.Popen([sys.executable, "-c", RUNNER, str(root), str(nbdir)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for(condition, proc: subprocess.Popen, timeout: float = 240.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def _staging_holds_a_notebook(root: Path) -> bool:
    staging = root / "out" / ".staging"
    return staging.is_dir() and any(p.suffix == ".ipynb" for p in staging.rglob("*"))


STOP_POINTS = {
    # while the steps write the processed tables
    "steps": lambda root: (root / "processed").is_dir() and any((root / "processed").glob("*.parquet")),
    # while a year's notebooks execute in the staging folder
    "notebooks": _staging_holds_a_notebook,
    # after a first year has been moved into place
    "between years": lambda root: any((root / "out").glob("*/01_a.ipynb")) if (root / "out").is_dir() else False,
}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """One corpus and the hashes of its uninterrupted run; each stop test reuses the tree (same paths)."""
    root = tmp_path_factory.mktemp("stops") / "corpus"
    _corpus(root)
    nbdir = _notebooks(root.parent / "nb", sleep=0.5)
    run_pipeline(**_kw(root, root / "raw", nbdir))
    return root, nbdir, _hashes(root)


@pytest.mark.slow
@pytest.mark.parametrize(("point", "sig"), [("steps", signal.SIGKILL), ("notebooks", signal.SIGKILL),
                                            ("between years", signal.SIGKILL), ("notebooks", signal.SIGTERM),
                                            ("notebooks", signal.SIGINT)])
def test_stopped_run_then_rerun_ends_byte_identical_with_no_stray_files(uninterrupted, point, sig):
    root, nbdir, expected = uninterrupted  # executed notebooks show their folders' paths: same tree
    for made in ("processed", "out", "cache", "params"):
        shutil.rmtree(root / made, ignore_errors=True)

    proc = _start(root, nbdir)
    try:
        reached = _wait_for(lambda: STOP_POINTS[point](root), proc)
        assert reached, f"the run ended before reaching {point!r}"
        os.killpg(proc.pid, sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    # whatever the run left, no year folder is half-written: each holds both notebooks or none
    for year_dir in (root / "out").glob("*"):
        if year_dir.is_dir() and not year_dir.name.startswith("."):
            assert {p.name for p in year_dir.glob("*.ipynb")} in (set(), {"01_a.ipynb", "02_b.ipynb"}), year_dir

    run_pipeline(**_kw(root, root / "raw", nbdir))
    assert _hashes(root) == expected
    assert not _stray(root)


def test_a_years_swap_leaves_the_shared_parking_folder_for_a_year_swapping_beside_it(tmp_path):
    """Regression (CI, stop 33): year A had made ``.replaced/`` and was about to park its folder
    there when year B's swap, finishing first, removed the (then empty) ``.replaced/``; A's
    ``os.replace`` failed with FileNotFoundError. The interleaving is replayed in one thread."""
    from futoko_research.pipeline.years import REPLACED_DIR, STAGING_DIR, _swap_in

    out = tmp_path / "out"
    for year in ("2021", "2022"):
        (out / year).mkdir(parents=True)
        (out / year / "old.txt").write_text(year, encoding="utf-8")
        (out / STAGING_DIR / year).mkdir(parents=True)
        (out / STAGING_DIR / year / "new.txt").write_text(year, encoding="utf-8")
    (out / REPLACED_DIR).mkdir()  # year 2021 is between its mkdir and its replace
    _swap_in(out / STAGING_DIR / "2022", out / "2022", out)
    assert (out / REPLACED_DIR).is_dir()
    _swap_in(out / STAGING_DIR / "2021", out / "2021", out)  # raised FileNotFoundError before the fix
    assert sorted(p.name for p in (out / "2021").iterdir()) == ["new.txt"]
    assert sorted(p.name for p in (out / "2022").iterdir()) == ["new.txt"]

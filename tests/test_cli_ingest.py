"""``futoko-research ingest``: outputs, --help, and bad input (exit 2, one line, nothing written)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from futoko_research.cli import main

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
SAMPLE = RAW_DIR / "000_3827d6ec588ac27e.txt"
TABLES = ("cases", "statements", "checkboxes", "source_tables", "ingest_report")
OUTPUTS = sorted(f"{t}.{ext}" for t in TABLES for ext in ("parquet", "csv"))
HEADER = "source_id,path,fiscal_year,region,publisher,source_url,layout,encoding,notes\n"
SCRIPT = Path(sys.executable).parent / "futoko-research"


def make_raw(tmp_path: Path, rows: list[str], files: dict[str, bytes]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    (raw / "manifest.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return raw


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file (and folder) under ``folder``, with contents."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.rglob("*"))}


def test_ingest_writes_parquet_and_bom_csv(tmp_path, capsys, sample_tables):
    out = tmp_path / "processed"
    assert main(["ingest", "--raw-dir", str(RAW_DIR), "--out-dir", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == OUTPUTS
    for name, expected in zip(TABLES, sample_tables):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), expected)
        raw_csv = (out / f"{name}.csv").read_bytes()
        assert raw_csv.startswith(b"\xef\xbb\xbf"), f"{name}.csv must start with a UTF-8 BOM (Excel)"
        assert b"\r\n" not in raw_csv
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(csv.columns) == list(expected.columns)
        assert len(csv) == len(expected)
    cases_csv = pd.read_csv(out / "cases.csv", encoding="utf-8-sig")
    assert list(cases_csv["municipality"]) == ["根室市", "別海町", "中標津町"]
    assert cases_csv["fiscal_year"].isna().all()


def test_ingest_twice_gives_identical_tables(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["ingest", "--raw-dir", str(RAW_DIR), "--out-dir", str(a), "--no-progress"]) == 0
    assert main(["ingest", "--raw-dir", str(RAW_DIR), "--out-dir", str(b), "--no-progress"]) == 0
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"))
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes()


@pytest.mark.parametrize("argv", [["--help"], ["ingest", "--help"]])
def test_help(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "ingest" in out
    if argv[0] == "ingest":
        assert "--raw-dir" in out and "--out-dir" in out


SAMPLE_BYTES = SAMPLE.read_bytes()
SAMPLE_CP932 = SAMPLE.read_text(encoding="utf-8").encode("cp932")

# name → (manifest rows, files, substrings the one-line message must contain)
BAD_INPUTS = {
    "empty_file": (["a,a.txt,,,,,auto,auto,"], {"a.txt": b""}, ["a.txt", "empty", "manifest.csv line 2"]),
    "whitespace_only_file": (["a,a.txt,,,,,auto,auto,"], {"a.txt": b" \r\n\t\r\n"}, ["a.txt", "empty"]),
    "binary_bytes": (["a,a.txt,,,,,auto,auto,"], {"a.txt": bytes(range(256)) * 8}, ["a.txt", "binary", "manifest.csv line 2"]),
    "undecodable_with_explicit_encoding": (
        ["ok,ok.txt,,,,,auto,auto,", "a,a.txt,,,,,case_sheet,utf-8,"],
        {"ok.txt": SAMPLE_BYTES, "a.txt": SAMPLE_CP932},
        ["a.txt:1", "cannot decode as utf-8", "manifest.csv line 3"],
    ),
    "undecodable_auto": (["a,a.txt,,,,,auto,auto,"], {"a.txt": b"\x82\xa0\xff\xfe\xfd" * 50}, ["a.txt", "cannot decode"]),
    "missing_file": (["a,nope.txt,,,,,auto,auto,"], {}, ["manifest.csv:2", "nope.txt", "not found"]),
    "duplicate_source_id": (
        ["a,a.txt,,,,,auto,auto,", "a,b.txt,,,,,auto,auto,"],
        {"a.txt": SAMPLE_BYTES, "b.txt": SAMPLE_BYTES},
        ["manifest.csv:3", "duplicate source_id 'a'", "line 2"],
    ),
    "non_integer_fiscal_year": (["a,a.txt,R5,,,,auto,auto,"], {"a.txt": SAMPLE_BYTES}, ["manifest.csv:2", "fiscal_year 'R5'"]),
    "decimal_fiscal_year": (["a,a.txt,2023.5,,,,auto,auto,"], {"a.txt": SAMPLE_BYTES}, ["manifest.csv:2", "fiscal_year"]),
    "unknown_layout": (["a,a.txt,,,,,columns,auto,"], {"a.txt": SAMPLE_BYTES}, ["manifest.csv:2", "unknown layout 'columns'"]),
    "unknown_encoding": (["a,a.txt,,,,,auto,klingon,"], {"a.txt": SAMPLE_BYTES}, ["manifest.csv:2", "encoding 'klingon'"]),
    "non_text_encoding": (["a,a.txt,,,,,auto,base64,"], {"a.txt": SAMPLE_BYTES}, ["manifest.csv:2", "encoding 'base64'"]),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("earlier_outputs", [False, True])
def test_bad_input_exit_2_one_line_nothing_written(tmp_path, capsys, name, earlier_outputs):
    rows, files, needles = BAD_INPUTS[name]
    raw = make_raw(tmp_path, rows, files)
    out = tmp_path / "processed"
    if earlier_outputs:
        assert main(["ingest", "--raw-dir", str(RAW_DIR), "--out-dir", str(out), "--no-progress"]) == 0
        capsys.readouterr()
    before = snapshot(out)
    status = main(["ingest", "--raw-dir", str(raw), "--out-dir", str(out)])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("futoko-research: error: ")
    assert "Traceback" not in captured.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert captured.out == ""
    assert snapshot(out) == before, "outputs changed or partial files left behind"
    assert out.exists() == earlier_outputs


def test_missing_raw_dir(tmp_path, capsys):
    assert main(["ingest", "--raw-dir", str(tmp_path / "nowhere"), "--out-dir", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert "nowhere" in err and len(err.splitlines()) == 1


def test_warnings_are_logged_not_raised(tmp_path, caplog):
    text = SAMPLE.read_text(encoding="utf-8").replace("■ 学習機会確保の取組 \n", "■ 学習機会確保の取組 \n注記\n", 1)
    raw = make_raw(tmp_path, ["s,s.txt,,,,,auto,auto,", "g,g.txt,,,,,auto,auto,"],
                   {"s.txt": text.encode(), "g.txt": "自由な形式の報告です。".encode()})
    with caplog.at_level("WARNING", logger="futoko_research"):
        assert main(["ingest", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o"), "--no-progress"]) == 0
    messages = [r.getMessage() for r in caplog.records if r.name == "futoko_research"]
    assert any(m.startswith("UnassignedTextWarning: ") and "s.txt" in m for m in messages)
    assert any(m.startswith("LayoutWarning: ") and "g.txt" in m for m in messages)
    assert all("\n" not in m for m in messages)


# --- the installed console script, as a user runs it -------------------------------------------

needs_script = pytest.mark.skipif(not SCRIPT.exists() and not shutil.which("futoko-research"), reason="console script not installed")


def _script() -> str:
    return str(SCRIPT) if SCRIPT.exists() else shutil.which("futoko-research")


@needs_script
def test_console_script_bad_input(tmp_path):
    raw = make_raw(tmp_path, ["a,a.txt,2023,,,,auto,auto,", "b,b.txt,,,,,auto,auto,"],
                   {"a.txt": SAMPLE_BYTES, "b.txt": b""})
    out = tmp_path / "processed"
    proc = subprocess.run([_script(), "ingest", "--raw-dir", str(raw), "--out-dir", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "b.txt" in lines[0] and "manifest.csv line 3" in lines[0]
    assert not out.exists()


@needs_script
def test_console_script_warnings_are_single_lines(tmp_path):
    raw = make_raw(tmp_path, ["g,g.txt,,,,,auto,auto,"], {"g.txt": "自由な形式の報告です。\n\n・箇条書き\n".encode()})
    proc = subprocess.run([_script(), "ingest", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"WARNING futoko_research: LayoutWarning: {raw / 'g.txt'}: case-sheet layout not recognised; parsed as generic paragraphs"]
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == OUTPUTS

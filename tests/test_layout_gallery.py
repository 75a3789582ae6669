"""The SYNTHETIC layout gallery: every file read with nothing lost and nothing invented (issue 17, item 7)."""

from __future__ import annotations

import json
import unicodedata
import warnings

import pytest

from futoko_research.loaders.manifest import read_manifest
from futoko_research.loaders.normalize import squash
from futoko_research.loaders.reports import ingest_sources, read_source
from futoko_research.synthetic_gallery import FORMATS, GALLERY, gallery_files, write_gallery

pytest.importorskip("reportlab")


def norm(text: str) -> str:
    return squash(unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    out = write_gallery(tmp_path_factory.mktemp("gallery"))
    return out, json.loads((out / "expected.json").read_text(encoding="utf-8"))


def test_gallery_has_at_least_12_layouts_in_every_format():
    assert len(GALLERY) >= 12
    assert {f for _, f, _ in gallery_files()} == set(FORMATS)


@pytest.mark.parametrize(("name", "fmt", "fname"), gallery_files())
def test_every_gallery_file_reads_back_exactly(gallery, name, fmt, fname):
    out, expected = gallery
    want = expected[fname]
    source = next(s for s in read_manifest(out) if s.path.name == fname)
    assert source.synthetic
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read = read_source(source)
    blocks = [b for c in read.cases for b in c.blocks]
    got = [[b.section, norm(b.text)] for b in blocks if b.section != "furniture"]
    assert got == [[s, norm(t)] for s, t in want["statements"]]
    assert [norm(b.text) for b in blocks if b.section == "furniture"] == [norm(t) for t in want["furniture"]]
    assert [norm(c.value) for c in read.cells] == [norm(v) for v in want["cells"]]
    if want["title"] is not None:
        assert read.cases[0].title == want["title"]


def test_gallery_ingest_report_adds_up(gallery):
    out, _ = gallery
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = ingest_sources(read_manifest(out))
    rep = t.ingest_report
    assert len(rep) == len(gallery_files())
    assert rep["chars_lost"].tolist() == [0] * len(rep), rep[rep["chars_lost"] != 0][["source_id", "chars_lost", "warnings"]]
    parts = ["chars_statements", "chars_furniture", "chars_tables", "chars_unassigned", "chars_structure", "chars_boilerplate"]
    assert (rep[parts].sum(axis=1) == rep["chars_input"]).all()
    assert (rep.loc[rep["format"] == "html", "chars_boilerplate"] > 0).all()
    menu = ["ホーム", "お知らせ一覧", "トップページ", "Copyright"]
    assert not any(m in text for m in menu for text in t.statements["text"])

"""privacy_report.csv (residual risk of a pseudonymising ingest), the recall resource, the
evaluation with shapes and intervals. All texts are invented (synthetic)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from futoko_research.privacy.evaluate import (
    read_fixture,
    score_shapes,
    score_spans,
    wilson_interval,
)
from futoko_research.privacy.risk import expected_missed, load_recall, privacy_report

NOTES = """面談記録（合成データ）

担任の鏑木先生は、白樺台中学校２年３組の鏑木朔太郎さんの家庭を訪問した。
母親の連絡先は０９０－７７７１－３２０９、kaburagi.s@example.jp。
朔太郎さんは教育支援センターに週２回通室した。
"""
ORIGINALS = ["鏑木", "朔太郎", "白樺台", "7771", "７７７１", "kaburagi"]


def test_expected_missed_from_recall():
    assert expected_missed(90, 0.9) == pytest.approx(10.0)
    assert expected_missed(10, 1.0) == 0.0
    assert expected_missed(0, 0.5) == 0.0


def test_recall_resource_is_complete():
    rec = load_recall()
    assert rec["synthetic"] is True and rec["sets"]
    for kind in ("person", "direct"):
        r = rec["kinds"][kind]
        assert 0 <= r["recall_lo"] <= r["recall"] <= r["recall_hi"] <= 1
        assert r["n_match"] <= r["n_gold"]


def test_privacy_report_counts_and_direct_row():
    recall = {"kinds": {"direct": {"recall": 0.8, "recall_lo": 0.5, "recall_hi": 1.0}}}
    stats = {"b": {"replaced": {"person": 6, "school": 2}, "review": {"person": 1}},
             "a": {"replaced": {"phone": 2}, "review": {}}}
    df = privacy_report(stats, recall)
    assert df["source_id"].tolist() == ["a", "a", "b", "b", "b"]
    b = df[df["source_id"] == "b"].set_index("kind")
    assert b.loc["person", "n_replaced"] == 6 and b.loc["person", "n_review"] == 1
    assert b.loc["direct", "n_replaced"] == 6  # a school is not a direct identifier
    assert b.loc["direct", "expected_missed"] == pytest.approx(1.5)
    assert b.loc["direct", "expected_missed_lo"] == 0.0
    assert b.loc["direct", "expected_missed_hi"] == pytest.approx(6.0)


@pytest.mark.slow
def test_ingest_writes_privacy_report_without_originals(tmp_path):
    from futoko_research.pipeline.steps import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.txt").write_text(NOTES, encoding="utf-8")
    (raw / "manifest.csv").write_text(
        "source_id,path,layout,personal_data,synthetic\nnotes,notes.txt,generic,pseudonymize,true\n",
        encoding="utf-8",
    )
    out = tmp_path / "processed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(raw, out, progress=False, key_file=tmp_path / "keys" / "k.json")
    path = out / "privacy_report.csv"
    raw_bytes = path.read_bytes()
    assert raw_bytes.startswith(b"\xef\xbb\xbf")
    text = raw_bytes.decode("utf-8-sig")
    assert not any(o in text for o in ORIGINALS)
    df = pd.read_csv(path, encoding="utf-8-sig").set_index("kind")
    assert df.loc["person", "n_replaced"] >= 3
    assert df.loc["phone", "n_replaced"] == 1 and df.loc["email", "n_replaced"] == 1
    assert df.loc["direct", "n_replaced"] == df.loc[["person", "phone", "email"], "n_replaced"].sum()
    assert df.loc["direct", "expected_missed_hi"] >= df.loc["direct", "expected_missed"] >= 0


def test_ingest_without_pseudonymize_writes_no_privacy_report(tmp_path):
    from futoko_research.pipeline.steps import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "r.txt").write_text("事例1\n当該生徒は週2回登校した。\n", encoding="utf-8")
    (raw / "manifest.csv").write_text("source_id,path,layout,synthetic\nr,r.txt,generic,true\n", encoding="utf-8")
    out = tmp_path / "processed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(raw, out, progress=False)
    assert not (out / "privacy_report.csv").exists()


def test_fixture_shapes_and_intervals(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "synthetic: true\nitems:\n"
        "  - text: こころは最近、山田さんと話した。\n"
        "    spans: [[person, こころ, hiragana_subject], [person, 山田]]\n",
        encoding="utf-8",
    )
    texts, gold = read_fixture(path)
    assert gold["shape"].tolist() == ["hiragana_subject", "unspecified"]
    pred = gold.iloc[[1]][["text_idx", "start", "end", "kind"]]
    shapes = score_shapes(gold, pred).set_index("shape")
    assert shapes.loc["hiragana_subject", "recall"] == 0.0 and shapes.loc["unspecified", "recall"] == 1.0
    scores = score_spans(gold, pred).set_index("kind")
    assert scores.loc["person", "recall"] == 0.5
    lo, hi = wilson_interval(1, 2)
    assert scores.loc["person", "recall_lo"] == pytest.approx(lo) and lo < 0.5 < hi
    # statsmodels' Wilson interval for 1 of 2 (reference value)
    assert (lo, hi) == pytest.approx((0.0945, 0.9055), abs=1e-4)

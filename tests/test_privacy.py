"""Personal data: detection, pseudonymisation, key file, pipeline flow, output guard.

All texts here are invented (synthetic); no real person is named.
"""

from __future__ import annotations

import json
import os
import stat
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futoko_research.errors import PersonalDataError
from futoko_research.privacy import (
    KeyStore,
    check_key_path,
    find_personal_data,
    guard_outputs,
    make_text_pseudonymizer,
    pseudonymize,
)
from futoko_research.privacy.evaluate import evaluate_fixture, read_fixture

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]

# (text, expected [(kind, span text)] of certain findings) — rules only, no NER (fast)
DETECT_CASES = [
    ("担任の佐藤先生と山田太郎さんが面談した。", [("person", "佐藤"), ("person", "山田太郎")]),
    ("長野さんは長野県の出身である。", [("person", "長野")]),
    ("根室市教育委員会、教育支援センター、保健所が連携した。", []),
    ("当該生徒A君とBさん、児童A、〇〇さんについて協議した。", []),
    ("人物Aさんと学校Aの学級Aで、電話Aに連絡した。", []),
    ("連絡先０１５３－２３－４５６７、携帯090-1234-5678", [("phone", "０１５３－２３－４５６７"), ("phone", "090-1234-5678")]),
    ("mail: taro.y@example.jp まで", [("email", "taro.y@example.jp")]),
    ("〒087-0012 根室市光和町3丁目12番地", [("postcode", "087-0012"), ("address", "根室市光和町3丁目12番地")]),
    ("生年月日：平成24年4月5日、5年B組", [("date_of_birth", "平成24年4月5日"), ("class", "5年B組")]),
    ("学籍番号S2023-0147の生徒", [("id", "S2023-0147")]),
    ("南小から東中に進学し、光洋中学校で過ごした。", [("school", "南小"), ("school", "東中"), ("school", "光洋中学校")]),
    ("授業中に一日中うつむいていた。市内の小中学校と当該中学校。", []),
    ("鈴木SSWと高橋SCが訪問した。養護教諭も同席。", [("person", "鈴木"), ("person", "高橋")]),
    ("氏名：小林 健一（こばやし けんいち）", [("person", "小林 健一"), ("person", "こばやし けんいち")]),
    ("担任の先生や校長先生、お母さんとおばあちゃんが関わった。", []),
]


@pytest.mark.parametrize(("text", "expected"), DETECT_CASES)
def test_find_personal_data_rules(text, expected):
    found = find_personal_data([text], use_ner=False, include_uncertain=False)
    got = [(str(r.kind), r.text) for r in found.itertuples()]
    assert got == expected
    for r in found.itertuples():
        assert text[r.start:r.end] == r.text


def test_findings_table_columns_and_dtypes():
    found = find_personal_data(["山田さん", "なし", "佐藤くんと090-1111-2222"], use_ner=False)
    assert list(found.columns) == ["text_idx", "start", "end", "kind", "text", "detector", "confidence", "certain"]
    assert str(found["text_idx"].dtype) == "Int64" and str(found["certain"].dtype) == "boolean"
    assert isinstance(found["kind"].dtype, pd.CategoricalDtype)
    assert found["text_idx"].tolist() == [0, 2, 2]


def test_wrapped_and_spaced_names_are_one_span():
    text = "担任は山\n田太郎さんと話した。"
    [row] = find_personal_data([text], use_ner=False).itertuples()
    assert text[row.start:row.end] == "山\n田太郎"


@pytest.mark.slow
def test_no_flags_on_the_published_sample(sample_text, sample_statements, sample_tables, nlp):
    """The real sample is already anonymised: nothing is flagged, certain or not (NER on)."""
    assert find_personal_data([sample_text], use_ner=True).empty
    assert find_personal_data(sample_statements["text"], use_ner=True).empty
    cases = sample_tables.cases
    assert find_personal_data(cases["title"].fillna(""), use_ner=True, include_uncertain=False).empty


@pytest.mark.slow
@pytest.mark.parametrize("name", ["privacy_dev.yaml", "privacy_heldout.yaml"])
def test_fixture_scores(name, nlp):
    scores, errors = evaluate_fixture(FIXTURES / name, use_ner=True)
    direct = scores.set_index("kind").loc["direct"]
    assert direct["recall"] >= 0.95, errors.to_string()
    assert direct["precision"] >= 0.85, errors.to_string()


def test_fixtures_are_labelled_synthetic_and_parse():
    import yaml

    for path in sorted(FIXTURES.glob("privacy_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["synthetic"] is True
        texts, gold = read_fixture(path)
        assert len(texts) >= 30 and len(gold) >= 30


# --------------------------------------------------------------------- pseudonymize
STATEMENTS = pd.DataFrame({
    "statement_id": ["s1", "s2", "s3", "s4"],
    "text": [
        "担任の佐藤先生と、山田太郎さんの母親が面談した。",
        "山田太郎さんは光洋中学校の2年B組。連絡先は090-1234-5678。",
        "長野さんは長野県の出身。佐藤は家庭訪問を続けた。",
        "教育支援センターで当該生徒A君と話した。",
    ],
}).astype("string")
ORIGINALS = ["佐藤", "山田太郎", "光洋中学校", "2年B組", "090-1234-5678", "長野"]


def test_pseudonymize_replaces_everything_with_stable_pseudonyms(tmp_path):
    key = tmp_path / "keys" / "k.json"
    res = pseudonymize(STATEMENTS, key_path=key, use_ner=False)
    texts = res.statements["text"].tolist()
    assert texts[0] == "担任の人物A先生と、人物Bさんの母親が面談した。"
    assert texts[1] == "人物Bさんは学校Aの学級A。連絡先は電話A。"
    assert texts[2] == "人物Cさんは長野県の出身。人物Aは家庭訪問を続けた。"  # whole-token: 長野県 kept
    assert texts[3] == STATEMENTS["text"][3]
    for t in texts:
        assert not any(o in t.replace("長野県", "") for o in ORIGINALS)
    # the report is publishable: no originals anywhere in it
    report_text = res.report.astype("string").to_csv()
    assert not any(o in report_text for o in ORIGINALS)
    row = res.report.set_index("pseudonym").loc["人物A"]
    assert row["n_replacements"] == 2 and row["statement_ids"] == "s1;s3"
    # key file: owner-only, original <-> pseudonym with salted ids
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    data = json.loads(key.read_text(encoding="utf-8"))
    assert {e["original"]: e["pseudonym"] for e in data["entries"]}["山田太郎"] == "人物B"
    assert all(e["id"].startswith("k") and len(e["id"]) == 17 for e in data["entries"])


def test_pseudonymize_is_idempotent_and_stable_across_runs(tmp_path):
    key = tmp_path / "k.json"
    first = pseudonymize(STATEMENTS, key_path=key, use_ner=False)
    n_entries = len(json.loads(key.read_text(encoding="utf-8"))["entries"])
    again = pseudonymize(first.statements, key_path=key, use_ner=False)
    pd.testing.assert_frame_equal(again.statements, first.statements)
    assert again.report.empty
    assert len(json.loads(key.read_text(encoding="utf-8"))["entries"]) == n_entries
    # a second run on the raw statements with the same key gives the same pseudonyms …
    second = pseudonymize(STATEMENTS.iloc[::-1].reset_index(drop=True), key_path=key, use_ner=False)
    assert second.statements["text"].tolist() == first.statements["text"].tolist()[::-1]
    # … and the detector does not flag pseudonymised text
    assert find_personal_data(first.statements["text"], use_ner=False).empty


def test_pseudonymize_recomputes_text_norm(tmp_path):
    df = STATEMENTS.assign(text_norm=STATEMENTS["text"])
    res = pseudonymize(df, key_path=tmp_path / "k.json", use_ner=False)
    assert res.statements["text_norm"][1] == "人物Bさんは学校Aの学級A。連絡先は電話A。"


def test_known_original_replaced_where_not_detected(tmp_path):
    """A name confirmed in the key is replaced even where no detector would flag it."""
    key = tmp_path / "k.yaml"
    key.write_text("entries:\n- {kind: person, original: 鏑木, role: 児童}\n", encoding="utf-8")
    os.chmod(key, 0o600)
    res = pseudonymize(pd.DataFrame({"statement_id": ["a"], "text": ["鏑木は欠席。鏑木町へ。"]}), key_path=key, use_ner=False)
    assert res.statements["text"][0] == "人物Aは欠席。鏑木町へ。"
    assert res.report["role"].tolist() == ["児童"]


def test_review_queue_holds_uncertain_findings(tmp_path):
    # 蓮 (a name and the lotus) is not the subject of a person verb here: a lone one-kanji name
    # that is also an ordinary word stays uncertain (翔, a name and nothing else, is certain
    # since round 13)
    df = pd.DataFrame({"statement_id": ["a"], "text": ["蓮の絵を飾った。郵送先は087-0012です。"]})
    res = pseudonymize(df, key_path=tmp_path / "k.json", use_ner=False)
    assert res.statements["text"][0] == df["text"][0]  # uncertain: left in place …
    assert set(res.review["text"]) == {"蓮", "087-0012"}  # … and queued for a person
    assert set(res.review["statement_id"]) == {"a"}


def test_key_file_inside_repository_is_refused(tmp_path):
    with pytest.raises(PersonalDataError, match="outside the repository"):
        KeyStore.load(REPO / "data" / "key.json")
    with pytest.raises(PersonalDataError, match="outside the repository"):
        make_text_pseudonymizer(REPO / "keys.json")
    assert check_key_path(REPO / "data" / "key.json", allow_inside_repo=True) == (REPO / "data" / "key.json").resolve()


def test_key_file_readable_by_others_is_refused(tmp_path):
    key = tmp_path / "k.json"
    key.write_text('{"entries": []}', encoding="utf-8")
    os.chmod(key, 0o644)
    with pytest.raises(PersonalDataError, match="chmod 600"):
        KeyStore.load(key)


def test_bad_key_file_names_the_file(tmp_path):
    key = tmp_path / "k.json"
    key.write_text('{"entries": [{"kind": "person"}]}', encoding="utf-8")
    os.chmod(key, 0o600)
    with pytest.raises(PersonalDataError, match=r"k\.json: entry 1 has no 'original'"):
        KeyStore.load(key)


def test_text_pseudonymizer_keeps_lines_and_is_idempotent(tmp_path):
    fn = make_text_pseudonymizer(tmp_path / "k.json", use_ner=False)
    raw = "担任の佐藤先生と山\n田太郎さんが面談した。\n\n山田太郎さんの連絡先は090-1111-2222。\n"
    out = fn(raw)
    assert out == "担任の人物A先生と人物B\nさんが面談した。\n\n人物Bさんの連絡先は電話A。\n"
    assert fn(out) == out
    fn2 = make_text_pseudonymizer(tmp_path / "k.json", use_ner=False)  # new process, same key
    assert fn2("山田太郎さんと佐藤先生") == "人物Bさんと人物A先生"


# --------------------------------------------------------------------- pipeline + guard
CANARIES = ["鏑木朔太郎", "鏑木", "０９０－７７７１－３２０９", "kaburagi.s@example.jp", "白樺台中学校"]
CANARY_REPORT = """面談記録（合成データ）

担任の鏑木先生は、白樺台中学校２年３組の鏑木朔太郎さんの家庭を訪問した。
母親の連絡先は０９０－７７７１－３２０９、kaburagi.s@example.jp。
朔太郎さんは教育支援センターに週２回通室した。
"""


@pytest.fixture
def canary_raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.txt").write_text(CANARY_REPORT, encoding="utf-8")
    (raw / "manifest.csv").write_text(
        "source_id,path,layout,personal_data,synthetic\nnotes,notes.txt,generic,pseudonymize,true\n",
        encoding="utf-8",
    )
    return raw


def _all_output_text(folder: Path) -> str:
    parts = []
    for f in sorted(folder.rglob("*")):
        if f.suffix == ".parquet":
            parts.append(pd.read_parquet(f).astype("string").to_csv())
        elif f.is_file():
            parts.append(f.read_bytes().decode("utf-8", errors="ignore"))
    return "\n".join(parts)


@pytest.mark.slow
def test_canaries_never_reach_outputs(canary_raw, tmp_path):
    from futoko_research.pipeline.steps import code, features, ingest

    out = tmp_path / "processed"
    key = tmp_path / "keys" / "project.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(canary_raw, out, progress=False, key_file=key)
        features(out, profile="lexical", cache_dir=tmp_path / "cache", progress=False)
        code(out)
    text = _all_output_text(out) + _all_output_text(tmp_path / "cache")
    assert "人物A" in text and "学校A" in text
    for canary in CANARIES:
        assert canary not in text
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert guard_outputs([out, tmp_path / "cache"], key)


def test_guard_refuses_leaks_in_every_format(tmp_path):
    from futoko_research.plots import new_figure, save_figure

    key = tmp_path / "k.json"
    pseudonymize(pd.DataFrame({"text": ["鏑木朔太郎さんと白樺台中学校、電話090-7771-3209"]}), key_path=key, use_ner=False)
    out = tmp_path / "out"
    out.mkdir()
    pd.DataFrame({"x": ["人物Aさん", "長野県"]}).to_parquet(out / "ok.parquet")
    assert len(guard_outputs([out], key)) == 1
    leaks = {
        "t.csv": "id,text\n1,白樺台中学校の生徒\n",
        "n.ipynb": json.dumps({"cells": [{"source": ["鏑木朔太郎さん"]}]}),  # \\u-escaped JSON
        "d.json": json.dumps({"phone": "０９０－７７７１－３２０９"}, ensure_ascii=False),
    }
    for name, content in leaks.items():
        (out / name).write_text(content, encoding="utf-8")
    fig, ax = new_figure()
    ax.set_title("鏑木朔太郎")
    save_figure(fig, out / "fig", close=True)  # PNG (skipped) + SVG (text searched)
    pd.DataFrame({"text": ["x 鏑木朔太郎 y"]}).to_parquet(out / "leak.parquet")
    with pytest.raises(PersonalDataError) as exc:
        guard_outputs([out], key)
    msg = str(exc.value)
    for name in ("t.csv", "n.ipynb", "d.json", "fig.svg", "leak.parquet"):
        assert name in msg
    assert "鏑木" not in msg and "白樺台" not in msg  # the error names pseudonyms, never originals


def test_cli_ingest_pseudonymize_and_scan(canary_raw, tmp_path, capsys):
    from futoko_research.cli import main

    key = tmp_path / "k.json"
    out = tmp_path / "processed"
    status = main(["ingest", "--raw-dir", str(canary_raw), "--out-dir", str(out), "--no-progress",
                   "--pseudonymize", "--key-file", str(key)])
    assert status == 0
    assert "鏑木" not in pd.read_parquet(out / "statements.parquet")["text"].str.cat()
    assert main(["privacy", "guard", str(out), "--key-file", str(key)]) == 0
    assert main(["ingest", "--raw-dir", str(canary_raw), "--out-dir", str(out), "--no-progress",
                 "--pseudonymize", "--key-file", str(REPO / "key.json")]) == 2
    capsys.readouterr()
    assert main(["privacy", "scan", "--raw-dir", str(canary_raw), "--no-ner"]) == 0
    printed = capsys.readouterr().out
    assert "鏑木朔太郎" in printed and "person" in printed and "notes" in printed


@pytest.mark.slow
def test_canaries_never_reach_outputs_from_a_pdf(tmp_path):
    """The PDF loader calls the pseudonymiser on each extracted word (a line of Japanese text)."""
    pf = pytest.importorskip("pdf_fixtures")
    from futoko_research.pipeline.steps import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    paragraphs = [p for p in CANARY_REPORT.split("\n") if p.strip()]
    pf.write_free_layout_pdf(raw / "notes.pdf", [paragraphs])
    (raw / "manifest.csv").write_text(
        "source_id,path,layout,personal_data,synthetic\nnotes,notes.pdf,generic,pseudonymize,true\n",
        encoding="utf-8",
    )
    out = tmp_path / "processed"
    key = tmp_path / "keys" / "project.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(raw, out, progress=False, key_file=key)
    text = _all_output_text(out)
    assert "人物A" in text
    for canary in CANARIES:
        assert canary not in text
    assert guard_outputs([out], key)


def test_pseudonyms_already_in_the_text_are_not_reused(tmp_path):
    df = pd.DataFrame({"statement_id": ["a"], "text": ["人物Aは、山田さんと話した。"]})
    res = pseudonymize(df, key_path=tmp_path / "k.json", use_ner=False)
    assert res.statements["text"][0] == "人物Aは、人物Bさんと話した。"


_NAMES = ["佐藤", "山田太郎", "長野", "翔太", "光洋中学校", "南小", "5年B組", "090-1234-5678", "当該生徒", "A君"]
_GLUE = ["さん", "くん", "先生", "は", "の", "と", "、", "。", "\n", "は長野県の", "と教育支援センターで"]


@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(_GLUE)), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None)
def test_text_pseudonymizer_is_idempotent_property(parts):
    import tempfile

    with tempfile.TemporaryDirectory() as d:  # a fresh key per example
        fn = make_text_pseudonymizer(Path(d) / "k.json", use_ner=False)
        text = "".join(a + b for a, b in parts)
        once = fn(text)
        assert fn(once) == once
        assert once.count("\n") == text.count("\n")
        assert once.count("長野県") == text.count("長野県")
        assert "090-1234-5678" not in once


def test_ingest_refuses_to_write_tables_that_hold_a_known_original(canary_raw, tmp_path):
    """A second, unmarked source repeats a name the key knows: the guard stops the write."""
    from futoko_research.errors import PersonalDataError
    from futoko_research.pipeline.steps import ingest

    key = tmp_path / "keys" / "project.json"
    (canary_raw / "memo.txt").write_text("鏑木朔太郎さんの様子を記録した。\n", encoding="utf-8")
    (canary_raw / "manifest.csv").write_text(
        "source_id,path,layout,personal_data,synthetic\n"
        "notes,notes.txt,generic,pseudonymize,true\n"
        "memo,memo.txt,generic,none,true\n",
        encoding="utf-8",
    )
    out = tmp_path / "processed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(PersonalDataError) as err:
            ingest(canary_raw, out, progress=False, key_file=key)
    assert "鏑木" not in str(err.value)  # the message names the pseudonym, never the original
    assert not any(p.suffix in (".parquet", ".csv") for p in out.rglob("*"))


def test_run_pipeline_guard_scans_outputs_of_pseudonymised_sources(canary_raw, tmp_path):
    from futoko_research.errors import PersonalDataError
    from futoko_research.pipeline import guard_personal_data

    key = tmp_path / "keys" / "project.json"
    fn = make_text_pseudonymizer(key, use_ner=False)
    fn(CANARY_REPORT)
    leaky = tmp_path / "out"
    leaky.mkdir()
    (leaky / "table.csv").write_text("text\n鏑木朔太郎さんが通室した。\n", encoding="utf-8")
    with pytest.raises(PersonalDataError):
        guard_personal_data(canary_raw, [leaky], key_file=key)
    (leaky / "table.csv").write_text("text\n人物Bさんが通室した。\n", encoding="utf-8")
    guard_personal_data(canary_raw, [leaky], key_file=key)

"""The development corpus loader, the statistical coder, its artefact and the hybrid coder."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from futoko_research.coding import (
    DEFAULT_METHOD,
    CoderModel,
    code_statements,
    evidence_in_context,
    fit_coder_model,
    gold_labels,
    label_matrix,
    load_codebook,
    load_model,
    load_validation,
    map_code_statements,
    save_model,
    train_coder,
    training_table,
)
from futoko_research.coding.model_io import SHIPPED_MODEL, ModelFileError
from futoko_research.coding.training import training_sha256
from futoko_research.coding.validation import ValidationDataError
from futoko_research.errors import FutokoError, FutokoWarning
from futoko_research.schema import validate

REPO = Path(__file__).resolve().parents[1]
VALIDATION = REPO / "data" / "validation"


# --------------------------------------------------------------------------- the development corpus
def test_validation_data_loads_and_is_consistent():
    sentences, labels = load_validation()
    keys = list(load_codebook(None))
    assert len(sentences) >= 390 and sentences["sentence_id"].is_unique
    assert sentences["host"].nunique() >= 60 and sentences["source_url"].str.match(r"https?://").all()
    assert set(labels["sentence_id"]) <= set(sentences["sentence_id"])
    assert set(labels["annotator"]) <= {"A", "B", "adjudicated"}
    assert all(set(c) <= set(keys) for c in labels["codes"])
    gold = gold_labels(labels)
    assert gold["sentence_id"].is_unique and set(gold["sentence_id"]) == set(sentences["sentence_id"])
    assert (label_matrix(gold["codes"], keys).sum() > 0).all()  # every code has gold sentences
    raw = REPO / "data" / "raw"
    assert not any(p.name in ("sentences.csv", "labels.csv") for p in raw.rglob("*"))


def test_validation_sentences_from_reserved_hosts_were_held_before():
    """No new sentence from a reserved host: those present were in tests/fixtures already.

    ``reserved_sources.txt`` lets the repository keep what it held from a reserved host; the
    interim corpus took over the three real-sentence sets of tests/fixtures verbatim.
    """
    import yaml

    reserved = Path("/work/shared/reserved_sources.txt")
    if not reserved.exists():
        pytest.skip("no list of reserved hosts here")
    hosts = {ln.strip().lower() for ln in reserved.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")}
    held = set()
    for path in (REPO / "tests" / "fixtures").glob("coding_heldout_real*.yaml"):
        held |= {s["text"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]}
    sentences, _ = load_validation()
    is_reserved = sentences["host"].str.lower().map(lambda h: h in hosts or any(h.endswith("." + r) for r in hosts))
    new = sentences[is_reserved.astype(bool) & ~sentences["text"].isin(held)]
    assert new.empty, f"{len(new)} sentence(s) from reserved hosts, e.g. {new['sentence_id'].iloc[0]}"


SENTENCES_CSV = """sentence_id,set,source_url,host,publisher,prefecture,year,genre,text
t:a-01,t,https://www.example-board.jp/report/a.html,example-board.jp,市教委,静岡県,2021,board,家庭訪問を行った。
t:a-02,t,https://www.example-board.jp/report/a.html,example-board.jp,,,,,タブレットで授業を受け、登校できる日が増えた。
t:b-01,t,http://news.example.com/x,news.example.com,,,,news,教育支援センターを開設した。
"""
LABELS_CSV = """sentence_id,annotator,section,codes,cause_codes,effect_codes,notes
t:a-01,A,activity,home_visit,,,
t:a-02,A,outcome,ict;school_return,ict,school_return,
t:a-02,B,outcome,ict,,,
t:b-01,A,activity,center_operation,,,definition? no
"""


def _folder(tmp_path) -> Path:
    out = tmp_path / "validation"
    out.mkdir()
    (out / "sentences.csv").write_text(SENTENCES_CSV, encoding="utf-8-sig")
    (out / "labels.csv").write_text(LABELS_CSV, encoding="utf-8-sig")
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8-sig")


def test_validation_small_folder_loads(tmp_path):
    sentences, labels = load_validation(_folder(tmp_path))
    assert sentences["year"].iloc[0] == 2021 and sentences["year"].iloc[1:].isna().all()
    assert sentences["publisher"].iloc[1:].isna().all() and sentences["text"].iloc[2] == "教育支援センターを開設した。"
    assert labels["codes"].tolist()[1] == ("ict", "school_return")  # codebook order
    assert labels["annotator"].tolist() == ["A", "A", "B", "A"]


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("labels.csv", "t:a-01,A,activity,home_visit", "t:a-01,A,activity,home_visits",
     r"labels\.csv:2: codes: unknown code\(s\) home_visits"),
    ("labels.csv", "t:a-02,B,", "t:a-02,C,", r"labels\.csv:4: annotator 'C'"),
    ("labels.csv", "t:b-01,A,activity", "t:b-01,A,results", r"labels\.csv:5: section 'results'"),
    ("labels.csv", "t:a-02,B,", "t:a-02,A,", r"labels\.csv:4: second row for sentence 't:a-02' by annotator 'A'"),
    ("labels.csv", "t:b-01,A,", "t:b-99,A,", r"labels\.csv:5: sentence_id 't:b-99' is not in sentences\.csv"),
    ("labels.csv", "ict;school_return,ict,", "ict;school_return,home_visit,", r"labels\.csv:3: cause_codes: home_visit not in codes"),
    ("labels.csv", "t:a-01,A,activity", "t:a-01,A,", r"labels\.csv:2: empty section"),
    ("sentences.csv", "t:a-02,t,", "t:a-01,t,", r"sentences\.csv:3: duplicate sentence_id 't:a-01'"),
    ("sentences.csv", "http://news.example.com/x,news.example.com", "http://news.example.com/x,example.org",
     r"sentences\.csv:4: host 'example\.org' is not the host"),
    ("sentences.csv", "https://www.example-board.jp/report/a.html,example-board.jp,市", "www.example-board.jp,example-board.jp,市",
     r"sentences\.csv:2: source_url .* is not an http\(s\) address"),
    ("sentences.csv", ",2021,", ",R3,", r"sentences\.csv:2: year 'R3' is not a year"),
    ("sentences.csv", "sentence_id,set,", "id,set,", r"sentences\.csv:1: missing column\(s\) sentence_id"),
])
def test_validation_errors_name_file_and_line(tmp_path, file, old, new, message):
    folder = _folder(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(ValidationDataError, match=message):
        load_validation(folder)


def test_validation_missing_file(tmp_path):
    folder = _folder(tmp_path)
    (folder / "labels.csv").unlink()
    with pytest.raises(ValidationDataError, match=r"labels\.csv: not found"):
        load_validation(folder)


def test_gold_labels_prefer_adjudicated_then_a():
    labels = pd.DataFrame({
        "sentence_id": ["s1", "s1", "s1", "s2", "s2", "s3"],
        "annotator": ["A", "B", "adjudicated", "B", "A", "B"],
        "codes": [("ict",), ("ibasho",), ("counseling",), ("ibasho",), ("ict",), ("ict",)],
    })
    gold = gold_labels(labels)
    assert gold[["sentence_id", "annotator"]].values.tolist() == [["s1", "adjudicated"], ["s2", "A"]]
    assert gold["codes"].tolist() == [("counseling",), ("ict",)]


# --------------------------------------------------------------------------- the model
TOY_TEXTS = ["ひだまりで過ごした", "ひだまりに通う子が増えた", "放課後はひだまりで休んだ", "ひだまりの部屋を開いた",
             "タブレットで授業を受けた", "タブレットを配った", "オンラインで面談した", "画面越しにタブレットで話した",
             "校庭を走った", "給食を食べた", "作文を書いた", "図書室で本を読んだ"]
TOY_LABELS = pd.DataFrame({"ibasho": [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], "ict": [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]})


@pytest.fixture(scope="module")
def toy_model() -> CoderModel:
    return fit_coder_model(TOY_TEXTS, TOY_LABELS, thresholds="fixed", meta={"model_version": "toy-1"})


def test_model_probabilities_equal_scikit_learns(toy_model):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
    x = vec.fit_transform(TOY_TEXTS)
    assert list(vec.get_feature_names_out()) == list(toy_model.vocabulary)
    new = ["ひだまりで絵を描いた", "タブレットを使った"]
    got = toy_model.predict_proba(new)
    for key in ("ibasho", "ict"):
        clf = LogisticRegression(C=3.0, solver="liblinear", dual=True, class_weight="balanced",
                                 random_state=0).fit(x, TOY_LABELS[key])
        # the model keeps its coefficients at float32 precision (the artefact's size): 1e-6, not 1e-12
        np.testing.assert_allclose(got[key], clf.predict_proba(vec.transform(new))[:, 1], rtol=1e-6)
    assert toy_model.predict(new).values.tolist() == [[1, 0], [0, 1]]
    assert toy_model.predict_proba([]).shape == (0, 2)


def test_model_evidence_points_at_the_words_that_weigh(toy_model):
    text = "今日はひだまりで静かに過ごした。"
    spans = toy_model.evidence(text, "ibasho")
    assert spans and all(0 <= s < e <= len(text) for s, e, _ in spans)
    assert "ひだまり" in text[spans[0][0]:spans[0][1]] or text[spans[0][0]:spans[0][1]] in "ひだまり"
    assert [w for _, _, w in spans] == sorted((w for _, _, w in spans), reverse=True)


def test_artefact_roundtrip_is_plain_arrays_and_byte_stable(tmp_path, toy_model):
    path = save_model(toy_model, tmp_path / "toy.npz")
    first = path.read_bytes()
    loaded = load_model(path)
    assert loaded.keys == toy_model.keys and loaded.vocabulary == toy_model.vocabulary
    np.testing.assert_array_equal(loaded.coef, toy_model.coef)
    pd.testing.assert_frame_equal(loaded.predict_proba(TOY_TEXTS), toy_model.predict_proba(TOY_TEXTS))
    assert save_model(loaded, tmp_path / "again.npz").read_bytes() == first
    with zipfile.ZipFile(path) as zf:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) and i.filename.endswith(".npy") for i in zf.infolist())
    with np.load(path, allow_pickle=False) as data:  # nothing in the file needs pickle
        assert json.loads(str(data["meta"]))["model_version"] == "toy-1"


def test_model_file_errors_name_the_file(tmp_path):
    with pytest.raises(ModelFileError, match=r"nothere\.npz: coder model not found"):
        load_model(tmp_path / "nothere.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError, match=r"bad\.npz: cannot read coder model"):
        load_model(bad)
    np.savez(tmp_path / "other.npz", a=np.zeros(2))
    with pytest.raises(ModelFileError, match=r"other\.npz: not a coder model"):
        load_model(tmp_path / "other.npz")


def test_shipped_model_is_current_and_retraining_gives_the_same_bytes(tmp_path):
    """Train twice from data/validation: same sha256, and the same bytes as the shipped model.

    Fails when data/validation or the model code changed without ``futoko-research train-coder``.
    """
    a, model = train_coder(out=tmp_path / "a.npz")
    b, _ = train_coder(out=tmp_path / "b.npz")
    digest = hashlib.sha256(a.read_bytes()).hexdigest()
    assert hashlib.sha256(b.read_bytes()).hexdigest() == digest
    shipped = load_model()
    assert shipped.meta["training_sha256"] == training_sha256(training_table()), \
        "the shipped model is stale: run 'futoko-research train-coder'"
    assert hashlib.sha256(SHIPPED_MODEL.read_bytes()).hexdigest() == digest, \
        "the shipped model differs from a retrain: run 'futoko-research train-coder'"
    meta = shipped.meta
    assert meta["codebook_version"] == load_codebook(None).version
    assert meta["model_version"].startswith("char-tfidf-logreg-1+") and meta["sklearn_version"]
    assert shipped.keys == tuple(load_codebook(None))
    assert model.version == shipped.version


def test_sheet_training_never_overwrites_the_shipped_model(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("statement_id,text,ict\ns1,タブレットを使った,1\n", encoding="utf-8")
    with pytest.raises(FutokoError, match="never replaces the shipped model"):
        train_coder(sheets=[sheet], out=SHIPPED_MODEL)


# --------------------------------------------------------------------------- the hybrid coder
def _statements(texts, sections=None):
    return pd.DataFrame({
        "statement_id": [f"s{i}" for i in range(len(texts))], "case_id": "c1",
        "section": sections or ["activity"] * len(texts), "text": texts,
    }).astype("string")


def test_default_method_is_hybrid_and_rows_say_so():
    assert DEFAULT_METHOD == "hybrid"
    codes = code_statements(_statements(["家庭訪問を行った。"]))
    assert len(codes) and set(codes["origin"]) <= {"rule", "rule+model", "model"}
    assert (codes["model_version"] == load_model().version).all() and codes["score"].notna().all()
    validate(codes, "codes")
    rules = code_statements(_statements(["家庭訪問を行った。"]), method="rules")
    assert rules["origin"].tolist() == ["rule"] * len(rules) and len(rules)
    assert rules["model_version"].isna().all() and rules["score"].isna().all()
    with pytest.raises(FutokoError, match="coding method"):
        code_statements(_statements(["家庭訪問を行った。"]), method="magic")


def test_hybrid_adds_model_codes_with_their_origin(toy_model):
    stmts = _statements(["ひだまりで過ごす時間が増えた。", "タブレットで授業を受けた。", "給食を食べた。"])
    codes = code_statements(stmts, method="hybrid", model=toy_model)
    validate(codes, "codes")
    model_rows = codes[codes["origin"] == "model"]
    assert model_rows["rule_id"].str.startswith("model:").all()
    assert ("s0", "ibasho") in set(zip(model_rows["statement_id"], model_rows["code"].astype(str)))
    row = model_rows[model_rows["statement_id"] == "s0"].iloc[0]
    text = stmts.at[0, "text"]
    assert row["evidence"].split(" / ")[0] == text[row["start_char"]:row["end_char"]]
    assert row["model_version"] == "toy-1" and 0.5 <= row["score"] <= 1
    ict = codes[(codes["statement_id"] == "s1") & (codes["code"] == "ict")]
    assert len(ict) and ict["origin"].isin(["rule", "rule+model"]).all() and ict["score"].notna().all()
    assert not len(codes[codes["statement_id"] == "s2"])
    ctx = evidence_in_context(codes, stmts)
    assert "model:ibasho" in set(ctx["rule_id"])
    rules_only = code_statements(stmts, method="rules")
    kept = codes[codes["origin"] != "model"].drop(columns=["origin", "model_version", "score"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, rules_only.drop(columns=["origin", "model_version", "score"]))


def test_hybrid_codes_export_to_refi_qda_with_their_selected_text(tmp_path, toy_model):
    import xml.etree.ElementTree as ET

    from futoko_research.coding import load_codebook, write_qdpx

    stmts = _statements(["ひだまりで過ごす時間が増えた。", "タブレットで授業を受けた。"])
    codes = code_statements(stmts, method="hybrid", model=toy_model)
    assert (codes["origin"] == "model").any()
    path = write_qdpx(codes, stmts, tmp_path / "h.qdpx", codebook=load_codebook())
    with zipfile.ZipFile(path) as zf:
        project = ET.fromstring(zf.read("project.qde"))
        ns = {"p": "urn:QDA-XML:project:1.0"}
        n = 0
        for src in project.findall(".//p:TextSource", ns):
            text = zf.read(f"sources/{src.get('guid')}.txt").decode("utf-8")
            for sel in src.findall("p:PlainTextSelection", ns):
                s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert text[s:e] == sel.get("name") and e > s
                n += 1
    assert n == len(codes)


def test_hybrid_through_a_runner_is_the_same_table(toy_model):
    stmts = _statements(["ひだまりで過ごす時間が増えた。", "タブレットで授業を受けた。"])
    pd.testing.assert_frame_equal(map_code_statements(stmts, None, method="hybrid", model=toy_model),
                                  code_statements(stmts, method="hybrid", model=toy_model))


def test_hybrid_ignores_model_codes_the_codebook_lacks(tmp_path):
    model = fit_coder_model(TOY_TEXTS, TOY_LABELS.rename(columns={"ibasho": "not_a_code"}), thresholds="fixed",
                            meta={"model_version": "toy-2"})
    with pytest.warns(FutokoWarning, match="not_a_code"):
        codes = code_statements(_statements(["ひだまりで過ごした。"]), method="hybrid", model=model)
    assert "not_a_code" not in set(codes["code"].astype(str))


def test_hybrid_on_no_statements():
    codes = code_statements(_statements([]), method="hybrid")
    assert codes.empty and list(codes.columns)[-3:] == ["origin", "model_version", "score"]


def test_hybrid_threshold_is_chosen_for_rules_or_model():
    from futoko_research.coding.model import NEVER, best_hybrid_threshold

    y = np.array([1, 1, 1, 0, 0, 0])
    rule = np.array([1, 0, 0, 0, 0, 0])
    p = np.array([0.9, 0.7, 0.35, 0.6, 0.1, 0.2])
    # rule | p ≥ 0.35 gives tp 3, fp 1: F1 6/7, above 0.7's 4/5; 0.30 ties 0.35, the higher is kept
    assert best_hybrid_threshold(y, rule, p) == 0.35
    # the model only adds false positives: never add
    assert best_hybrid_threshold(np.array([1, 0]), np.array([1, 0]), np.array([0.2, 0.9])) == NEVER


def test_fit_with_rule_labels_chooses_union_thresholds():
    texts = TOY_TEXTS * 2
    labels = pd.concat([TOY_LABELS, TOY_LABELS], ignore_index=True)
    groups = [f"g{i % 4}" for i in range(len(texts))]
    rules = labels.copy()  # rules that are always right leave nothing for the model to add
    model = fit_coder_model(texts, labels, groups=groups, rule_labels=rules, min_positives=2)
    assert model.meta["options"]["hybrid_thresholds"] == "cv-union"
    assert (model.hybrid_thresholds == 1.01).all()
    plain = fit_coder_model(texts, labels, groups=groups, min_positives=2)
    assert plain.meta["options"]["hybrid_thresholds"] == "floor"
    np.testing.assert_array_equal(plain.hybrid_thresholds, np.maximum(plain.thresholds, 0.5))


def test_synthetic_rows_are_the_marked_fixture_sets_and_join_the_training_table():
    from futoko_research.coding import synthetic_rows

    rows = synthetic_rows()
    assert len(rows) == 350 and set(rows["source"]) == {"synthetic"}
    assert rows["sentence_id"].str.startswith("synthetic:coding_synthetic").all() and rows["sentence_id"].is_unique
    assert rows["group"].nunique() == 9
    keys = [c for c in rows.columns if c not in ("sentence_id", "group", "section", "text", "source")]
    assert rows[keys].to_numpy().sum() > 350 and rows[keys].isin([0, 1]).all().all()
    table = training_table()
    assert (table["source"] == "synthetic").sum() == 350
    assert len(training_table(synthetic=False)) == len(table) - 350


def test_train_only_rows_are_fitted_but_never_choose_the_thresholds(monkeypatch):
    import futoko_research.coding.model as model_module

    seen = []
    real = model_module.best_threshold

    def spy(y, p):
        seen.append(len(y))
        return real(y, p)

    monkeypatch.setattr(model_module, "best_threshold", spy)
    texts = ["家庭訪問を行った", "オンライン学習を行った"] * 10
    labels = pd.DataFrame({"home_visit": [1, 0] * 10})
    extra = ["家庭訪問に出かけた", "タブレットを使った"] * 10
    model = fit_coder_model(texts + extra, pd.concat([labels, labels], ignore_index=True),
                            groups=[f"g{i % 4}" for i in range(20)] + [f"x{i}" for i in range(20)],
                            train_only=[False] * 20 + [True] * 20)
    # thresholds are chosen on the 20 scored rows' out-of-fold probabilities only
    assert seen == [20]
    assert model.meta["n_train_only"] == 20 and model.meta["n_train"] == 40
    # the train_only rows are fitted: the vocabulary holds their n-grams
    assert "出かけ" in model.vocabulary
    with pytest.raises(ValueError, match="train_only"):
        fit_coder_model(texts, labels, groups=["a", "b"] * 10, train_only=[True])


def test_candidate_synthetic_set_loads_and_stays_out_of_the_shipped_training():
    """The session-8 candidate set is marked synthetic, uses codebook keys, and is not trained on."""
    from futoko_research.coding import synthetic_rows
    from futoko_research.paths import PROJECT_ROOT

    rows = synthetic_rows(PROJECT_ROOT / "benchmarks" / "data" / "synthetic_candidates")
    assert len(rows) == 490 and rows["sentence_id"].is_unique
    keys = [c for c in rows.columns if c not in ("sentence_id", "group", "section", "text", "source")]
    assert (rows[keys].sum(axis=1) == 0).mean() >= 0.2
    assert not set(rows["text"]) & set(training_table()["text"])

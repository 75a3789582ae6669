"""futoko_research.analysis.link_eval (pair precision / recall with a host bootstrap) and benchmarks/eval_links.py.

MICRO_REFERENCE / BOOT_REFERENCE printed by tests/reference/link_eval_reference.py (standard
library only: pair counting, and the exact bootstrap distribution over all 6⁶ resamples of the
clusters). The script's fixture (tests/fixtures/links_eval/) holds INVENTED sentences.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from futoko_research.analysis.link_eval import pair_scores, pairs_from_labels, pairs_from_links

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "reference"))
from link_eval_reference import CLUSTERS, GOLD, PRED  # noqa: E402

# printed by tests/reference/link_eval_reference.py
MICRO_REFERENCE = (0.6, 0.6666666667, 0.6315789474)  # precision, recall, f1; TP 6, predicted 10, gold 9
BOOT_REFERENCE = ((0.25, 1.0), (0.3333333333, 0.9), (0.2857142857, 0.8888888889))  # exact 2.5 % / 97.5 % points


def test_micro_scores_match_the_reference_and_sklearn():
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.preprocessing import MultiLabelBinarizer

    got = pair_scores(GOLD, PRED, CLUSTERS, n_boot=0).set_index("metric")
    np.testing.assert_allclose(got["estimate"].to_numpy(), MICRO_REFERENCE, atol=1e-9)
    assert (got["n_true_pos"].iloc[0], got["n_pred"].iloc[0], got["n_gold"].iloc[0]) == (6, 10, 9)
    assert got["conf_low"].isna().all()  # no bootstrap asked
    # the same micro averages from scikit-learn's multilabel scoring (one label per pair)
    ids = list(GOLD)
    mlb = MultiLabelBinarizer().fit([GOLD[i] | PRED[i] for i in ids])
    p, r, f, _ = precision_recall_fscore_support(mlb.transform([GOLD[i] for i in ids]),
                                                 mlb.transform([PRED[i] for i in ids]), average="micro")
    np.testing.assert_allclose(got["estimate"].to_numpy(), (p, r, f))


def test_cluster_bootstrap_converges_to_the_exact_percentiles():
    got = pair_scores(GOLD, PRED, CLUSTERS, n_boot=20000, seed=7).set_index("metric")
    for metric, (lo, hi) in zip(("precision", "recall", "f1"), BOOT_REFERENCE):
        assert got.loc[metric, "conf_low"] == pytest.approx(lo, abs=0.03), metric
        assert got.loc[metric, "conf_high"] == pytest.approx(hi, abs=0.03), metric
    assert got["n_clusters"].iloc[0] == 6
    again = pair_scores(GOLD, PRED, CLUSTERS, n_boot=20000, seed=7)
    pd.testing.assert_frame_equal(got.reset_index(), again)  # deterministic


def test_one_cluster_gives_a_point_interval_and_sentences_without_pairs_count():
    one = {k: "h" for k in GOLD}
    got = pair_scores(GOLD, PRED, one, n_boot=200).set_index("metric")
    assert (got["conf_low"] == got["estimate"]).all() and (got["conf_high"] == got["estimate"]).all()
    # a sentence with predictions but absent from gold still costs precision when listed
    more = pair_scores(GOLD, PRED | {"x": {("ict", "self_esteem")}}, sentences=[*GOLD, "x"], n_boot=0)
    assert more["n_pred"].iloc[0] == 11


def test_pairs_from_labels_and_links():
    labels = pd.DataFrame({"sentence_id": ["a", "b", "c"], "cause_codes": ["ict;counseling", "", "home_visit"],
                           "effect_codes": ["school_return", "self_esteem", ""]})
    assert pairs_from_labels(labels) == {"a": {("ict", "school_return"), ("counseling", "school_return")},
                                         "b": set(), "c": set()}
    links = pd.DataFrame({"statement_id": ["a", "a", "b"], "cause_codes": [["ict"], ["ict"], ["ict"]],
                          "effect_codes": [["school_return"], ["self_esteem"], ["daily_rhythm"]],
                          "polarity": ["positive", "negative", "positive"],
                          "modality": ["reported", "reported", "intended"]})
    assert pairs_from_links(links) == {"a": {("ict", "school_return")}, "b": {("ict", "daily_rhythm")}}
    assert pairs_from_links(links, modality=["reported"]) == {"a": {("ict", "school_return")}}


def _script():
    spec = importlib.util.spec_from_file_location("eval_links", REPO / "benchmarks" / "eval_links.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_eval_links_script_on_the_tiny_fixture(capsys):
    rc = _script().main(["--data", str(REPO / "tests" / "fixtures" / "links_eval"), "--n-boot", "500",
                         "--cache-dir", "off", "--errors"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "gold = annotator 'adjudicated'" in out and "from 3 hosts" in out
    # e1 means, e2 te-form chain, e4 conditional, e5 を通して ×2: 5 of the 6 gold pairs (e6's is a planted miss)
    assert "pairs: 5 true positive, 5 predicted, 6 gold" in out
    assert "extractor precision 1.000" in out and "extractor recall    0.833" in out
    # human–human: B has 3 of A's 5 pairs and nothing else
    assert "annotator 'B' against 'A' on 6 sentences both annotated (5 pairs of 'A', 3 of 'B')" in out
    assert "human    precision 1.000" in out and "human    recall    0.600" in out
    assert "e6 [activity]" in out and "missed: [('home_visit', 'school_return')]" in out


def test_eval_links_script_on_the_yaml_fixture_without_parse(capsys):
    rc = _script().main(["--data", str(REPO / "tests" / "fixtures" / "coding_heldout_real3.yaml"), "--no-parse",
                         "--n-boot", "100"])
    out = capsys.readouterr().out
    assert rc == 0 and "gold = annotator 'A'" in out and "string fallback" in out
    assert "no annotator 'B' beside 'A'" in out


def test_eval_links_script_rejects_bad_input_in_one_line(tmp_path, capsys):
    src = REPO / "tests" / "fixtures" / "links_eval"
    (tmp_path / "sentences.csv").write_text((src / "sentences.csv").read_text(encoding="utf-8-sig"), encoding="utf-8")
    labels = (src / "labels.csv").read_text(encoding="utf-8-sig") + "zz,A,outcome,,,,\n"
    (tmp_path / "labels.csv").write_text(labels, encoding="utf-8")
    assert _script().main(["--data", str(tmp_path), "--no-parse"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "labels.csv: line 20: sentence_id 'zz' is not in sentences.csv" in err[0]
    (tmp_path / "labels.csv").write_text("sentence_id,annotator\ne1,A\n", encoding="utf-8")
    assert _script().main(["--data", str(tmp_path), "--no-parse"]) == 2
    assert "missing column(s) section, cause_codes, effect_codes" in capsys.readouterr().err
    assert _script().main(["--data", str(tmp_path / "nothing.txt"), "--no-parse"]) == 2


def test_eval_links_sets_keep_only_the_named_sets():
    mod = _script()
    sentences = pd.DataFrame({"sentence_id": ["a", "b", "c"], "host": ["h1", "h2", "h3"], "text": ["x", "y", "z"],
                              "set": ["c1", "c2", "c3"]})
    labels = pd.DataFrame({"sentence_id": ["a", "b", "c", "c"], "annotator": ["A", "A", "A", "B"]})
    lab, sen = mod.select_sets(labels, sentences, "c1, c2", Path("x"))
    assert list(sen["sentence_id"]) == ["a", "b"] and list(lab["sentence_id"]) == ["a", "b"]
    lab, sen = mod.select_sets(labels, sentences, None, Path("x"))  # default: every set
    assert len(sen) == 3 and len(lab) == 4
    with pytest.raises(mod.DataError, match="c9"):
        mod.select_sets(labels, sentences, "c1,c9", Path("x"))
    with pytest.raises(mod.DataError, match="no 'set' column"):
        mod.select_sets(labels, sentences.drop(columns="set"), "c1", Path("x"))

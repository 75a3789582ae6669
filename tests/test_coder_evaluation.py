"""coding.evaluation: per-code scores, leave-source-out folds, cluster bootstrap, human ceiling.

Reference values come from ``tests/reference/coder_eval_reference.py`` (exact fractions,
standard library only; the bootstrap quantiles from enumerating every resample of the five
hosts) and from scikit-learn's metrics, which share no code with the module.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from futoko_research.coding import (
    bootstrap_scores,
    cross_validated_model,
    human_ceiling,
    label_matrix,
    paired_difference,
    score_codes,
    source_folds,
)

sys.path.insert(0, str(Path(__file__).parent / "reference"))
import coder_eval_reference as ref  # noqa: E402

KEYS = list(ref.KEYS)


def _example():
    hosts = [h for h, _, _ in ref.SENTENCES]
    gold = label_matrix([g for _, g, _ in ref.SENTENCES], KEYS)
    pred = label_matrix([p for _, _, p in ref.SENTENCES], KEYS)
    return hosts, gold, pred


def test_score_codes_matches_the_exact_reference():
    _, gold, pred = _example()
    table = score_codes(gold, pred).set_index("code")
    counts, per, micro, macro = ref.scores(ref.SENTENCES)
    for k in KEYS:
        assert tuple(int(table.at[k, c]) for c in ("tp", "fp", "fn")) == counts[k]
        assert int(table.at[k, "support"]) == counts[k][0] + counts[k][2]
        for col, exact in zip(("precision", "recall", "f1"), per[k]):
            assert table.at[k, col] == pytest.approx(float(exact), abs=1e-12)
    for col, exact in zip(("precision", "recall", "f1"), micro):
        assert table.at["micro", col] == pytest.approx(float(exact), abs=1e-12)
    assert table.at["macro", "f1"] == pytest.approx(float(macro), abs=1e-12)  # 37/63


def test_score_codes_agrees_with_scikit_learn():
    from sklearn.metrics import precision_recall_fscore_support

    rng = np.random.default_rng(3)
    gold = pd.DataFrame(rng.integers(0, 2, (60, 4)), columns=list("wxyz"))
    pred = pd.DataFrame(rng.integers(0, 2, (60, 4)), columns=list("wxyz"))
    table = score_codes(gold, pred).set_index("code")
    p, r, f, s = precision_recall_fscore_support(gold, pred, average=None, zero_division=np.nan)
    np.testing.assert_allclose(table.loc[list("wxyz"), "precision"], p)
    np.testing.assert_allclose(table.loc[list("wxyz"), "recall"], r)
    np.testing.assert_allclose(table.loc[list("wxyz"), "f1"], f)
    assert table.loc[list("wxyz"), "support"].tolist() == s.tolist()
    mp, mr, mf, _ = precision_recall_fscore_support(gold, pred, average="micro")
    assert (table.at["micro", "precision"], table.at["micro", "recall"], table.at["micro", "f1"]) == pytest.approx((mp, mr, mf))
    assert table.at["macro", "f1"] == pytest.approx(precision_recall_fscore_support(gold, pred, average="macro")[2])


def test_score_codes_leaves_undefined_scores_missing():
    gold = pd.DataFrame({"a": [0, 0], "b": [1, 0]})
    pred = pd.DataFrame({"a": [0, 0], "b": [0, 0]})
    table = score_codes(gold, pred).set_index("code")
    assert np.isnan(table.at["a", "precision"]) and np.isnan(table.at["a", "f1"])
    assert table.at["b", "recall"] == 0 and np.isnan(table.at["b", "precision"])
    assert table.at["macro", "f1"] == 0  # only b has support


def test_cluster_bootstrap_interval_is_the_exact_bootstrap_quantile():
    hosts, gold, pred = _example()
    out = bootstrap_scores(gold, pred, hosts, n_boot=20000, seed=1).set_index("code")
    # enumerating all 5^5 resamples of the hosts: 2.5 % quantile 14/27, 97.5 % quantile 5/6
    lo, _, _ = ref.quantile_atom(ref.exact_bootstrap_micro_f1(), Fraction(1, 40))
    hi, _, _ = ref.quantile_atom(ref.exact_bootstrap_micro_f1(), Fraction(39, 40))
    assert (lo, hi) == (Fraction(14, 27), Fraction(5, 6))
    assert out.at["micro", "f1_low"] == pytest.approx(float(lo), abs=1e-12)
    assert out.at["micro", "f1_high"] == pytest.approx(float(hi), abs=1e-12)
    assert out.at["micro", "f1"] == pytest.approx(2 / 3)


def test_cluster_bootstrap_is_seeded_and_brackets_the_estimate():
    hosts, gold, pred = _example()
    a = bootstrap_scores(gold, pred, hosts, n_boot=500, seed=7)
    b = bootstrap_scores(gold, pred, hosts, n_boot=500, seed=7)
    pd.testing.assert_frame_equal(a, b)
    micro = a.set_index("code").loc["micro"]
    for name in ("precision", "recall", "f1"):
        assert micro[f"{name}_low"] <= micro[name] <= micro[f"{name}_high"]


def test_paired_difference_interval_is_the_exact_paired_bootstrap_quantile():
    hosts, gold, pred = _example()
    second = label_matrix(ref.SECOND, KEYS)
    out = paired_difference(gold, pred, second, hosts, n_boot=20000, seed=1)
    # enumerating all 5^5 resamples of the hosts, both coders on the same draw:
    # 2.5 % quantile 1/78, 97.5 % quantile 125/406 (tests/reference/coder_eval_reference.py)
    dist = ref.exact_bootstrap_difference()
    lo, _, _ = ref.quantile_atom(dist, Fraction(1, 40))
    hi, _, _ = ref.quantile_atom(dist, Fraction(39, 40))
    assert (lo, hi) == (Fraction(1, 78), Fraction(125, 406))
    assert out["low"] == pytest.approx(float(lo), abs=1e-12)
    assert out["high"] == pytest.approx(float(hi), abs=1e-12)
    assert out["f1_a"] == pytest.approx(2 / 3) and out["f1_b"] == pytest.approx(11 / 13)
    assert out["difference"] == pytest.approx(11 / 13 - 2 / 3)
    assert (out["n_sentences"], out["n_clusters"]) == (15, 5)


def test_paired_difference_of_a_coder_with_itself_is_zero_everywhere():
    hosts, gold, pred = _example()
    out = paired_difference(gold, pred, pred.copy(), hosts, n_boot=300, seed=3)
    assert out["difference"] == out["low"] == out["high"] == 0


def test_source_folds_never_split_a_source():
    hosts = [f"h{i % 13}" for i in range(100)]
    folds = source_folds(hosts, 5)
    assert len(folds) == 5
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(100))
    for train, test in folds:
        assert not {hosts[i] for i in train} & {hosts[i] for i in test}
    again = source_folds(hosts, 5)
    assert all((a[1] == b[1]).all() for a, b in zip(folds, again))
    with pytest.raises(ValueError, match="two sources"):
        source_folds(["same"] * 4)


def test_cross_validated_model_never_trains_on_the_scored_host(monkeypatch):
    import futoko_research.coding.model as model_module

    seen = []
    real = model_module.fit_coder_model

    def spy(texts, labels, *, groups=None, **kw):
        seen.append(set(groups))
        return real(texts, labels, groups=groups, **kw)

    monkeypatch.setattr(model_module, "fit_coder_model", spy)
    texts = ["不登校の生徒が家庭訪問を受けた", "オンライン学習を行った", "教育支援センターに通級した", "相談を受けた"] * 6
    hosts = [f"host{i % 6}" for i in range(len(texts))]
    labels = pd.DataFrame({"home_visit": [int("家庭訪問" in t) for t in texts], "ict": [int("オンライン" in t) for t in texts]})
    proba, decisions, hybrid = cross_validated_model(texts, labels, hosts, n_splits=3, thresholds="fixed")
    assert len(seen) == 3
    folds = source_folds(hosts, 3)
    for groups, (_, test) in zip(seen, folds):
        assert not groups & {hosts[i] for i in test}
    assert proba.notna().all().all() and decisions.shape == labels.shape and hybrid.shape == labels.shape


def test_cross_validated_model_extra_rows_take_one_weight_or_one_per_row(monkeypatch):
    import futoko_research.coding.model as model_module

    seen = []
    real = model_module.fit_coder_model

    def spy(texts, labels, *, groups=None, **kw):
        seen.append((list(kw["sample_weight"]), list(kw["train_only"])))
        return real(texts, labels, groups=groups, **kw)

    monkeypatch.setattr(model_module, "fit_coder_model", spy)
    texts = ["家庭訪問を行った", "オンライン学習を行った", "相談を受けた"] * 4
    hosts = [f"host{i % 4}" for i in range(len(texts))]
    labels = pd.DataFrame({"home_visit": [int("家庭訪問" in t) for t in texts], "ict": [int("オンライン" in t) for t in texts]})
    extra = pd.DataFrame({"text": ["先生が家庭訪問をした", "タブレットでオンライン授業"], "home_visit": [1, 0], "ict": [0, 1]})
    one, _, _ = cross_validated_model(texts, labels, hosts, n_splits=2, thresholds="fixed", extra=extra, extra_weight=3)
    both, _, _ = cross_validated_model(texts, labels, hosts, n_splits=2, thresholds="fixed", extra=extra,
                                       extra_weight=[3.0, 3.0])
    pd.testing.assert_frame_equal(one, both)
    cross_validated_model(texts, labels, hosts, n_splits=2, thresholds="fixed", extra=extra, extra_weight=[3.0, 1.0])
    weights, train_only = seen[-1]
    assert weights[-2:] == [3.0, 1.0] and set(weights[:-2]) == {1.0} and train_only[-2:] == [True, True]
    with pytest.raises(ValueError):
        cross_validated_model(texts, labels, hosts, n_splits=2, thresholds="fixed", extra=extra, extra_weight=[1.0, 2.0, 3.0])


def test_human_ceiling_kappa_and_f1_agree_with_scikit_learn():
    from sklearn.metrics import cohen_kappa_score, f1_score

    rng = np.random.default_rng(11)
    keys = ["ict", "ibasho", "counseling"]
    rows = []
    for i in range(40):
        a = [k for k in keys if rng.random() < 0.4]
        b = [k for k in keys if (k in a) != (rng.random() < 0.15)]
        rows += [(f"s{i}", "A", tuple(a)), (f"s{i}", "B", tuple(b))]
    rows.append(("s99", "A", ("ict",)))  # coded by A only: not in the ceiling
    labels = pd.DataFrame(rows, columns=["sentence_id", "annotator", "codes"])
    out = human_ceiling(labels, keys).set_index("code")
    a = label_matrix(labels[(labels.annotator == "A") & (labels.sentence_id != "s99")]["codes"], keys)
    b = label_matrix(labels[labels.annotator == "B"]["codes"], keys)
    for k in keys:
        assert out.at[k, "kappa"] == pytest.approx(cohen_kappa_score(a[k], b[k]))
        assert out.at[k, "f1"] == pytest.approx(f1_score(a[k], b[k]))
    assert out.at["micro", "f1"] == pytest.approx(f1_score(a, b, average="micro"))
    assert np.isnan(out.at["micro", "kappa"])


def test_human_ceiling_is_empty_without_a_second_annotator():
    labels = pd.DataFrame({"sentence_id": ["s1"], "annotator": ["A"], "codes": [("ict",)]})
    out = human_ceiling(labels, ["ict"])
    assert out.empty and "kappa" in out.columns

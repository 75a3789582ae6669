"""benchmarks/coder_combinations.py: the combinations of rules and model are learnt inside the fold.

No model is fitted here: the out-of-fold probabilities are made up.
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("coder_combinations", REPO / "benchmarks" / "coder_combinations.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("coder_combinations", mod)
    spec.loader.exec_module(mod)
    return mod


def _toy(n=240, seed=0):
    """Two codes; code a's rule fires on the gold plus noise that the model scores low."""
    rng = np.random.default_rng(seed)
    y = rng.random((n, 2)) < 0.3
    noise = (rng.random((n, 2)) < 0.15) & ~y
    rules = (y & (rng.random((n, 2)) < 0.7)) | noise
    p = np.where(y, rng.uniform(0.45, 0.95, (n, 2)), rng.uniform(0.0, 0.5, (n, 2)))
    p[noise] = rng.uniform(0.0, 0.04, int(noise.sum()))
    return y, rules, p


def test_veto_removes_the_rules_codes_the_model_rejects():
    mod = _module()
    y, r, p = _toy()
    f = mod._veto(y[:, 0], r[:, 0], p[:, 0])
    pred = f(r[:, 0], p[:, 0])
    assert not (pred & r[:, 0] & (p[:, 0] < 0.02)).any()  # the noise the rule gives is vetoed
    assert mod._f1(y[:, 0], pred) > mod._f1(y[:, 0], r[:, 0])


def test_choice_keeps_the_union_on_a_tie():
    mod = _module()
    y = np.array([1, 1, 0, 0, 1, 0, 0, 0, 1, 0] * 3, dtype=bool)
    r = y.copy()
    p = np.where(y, 0.9, 0.1)
    f = mod._choice(y, r, p)
    assert (f(r, p) == r).all()


def test_combined_predictions_learn_inside_the_fold():
    mod = _module()
    y, rules, p = _toy(seed=1)
    n = len(y)
    hosts = [f"h{i % 40}" for i in range(n)]
    df = pd.DataFrame({"codes": [[k for k, v in zip("ab", row) if v] for row in y], "host": hosts,
                       "set": ["r1" if i % 4 == 0 else "na" for i in range(n)]})
    fired = [{(k, f"{k}-1")} if v else set() for row in rules for k, v in zip("ab", row)]
    fired = [fired[2 * i] | fired[2 * i + 1] for i in range(n)]
    from futoko_research.coding.evaluation import source_folds

    split = source_folds(hosts, 5)
    probs = {"folds": split, "outer": p, "inner": [p[train] for train, _ in split]}
    union = mod.combined_predictions(df, ["a", "b"], rules.astype(np.int8), fired, probs, "hybrid-all")
    assert ((union == 1) >= rules).all()  # the union never removes a rule's code
    for method in ("veto", "stacked", "stacked-others", "choice", "stacked-all"):
        pred = mod.combined_predictions(df, ["a", "b"], rules.astype(np.int8), fired, probs, method)
        assert pred.shape == y.shape and set(np.unique(pred)) <= {0, 1}
        assert mod._f1(y, pred.astype(bool)) >= mod._f1(y, rules) - 1e-9

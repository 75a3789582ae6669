"""Compare ways of combining the rules and the statistical model, leave-source-out on data/validation.

Every combination is a per-code decision on the rule's 0/1 and the model's probability ``p``;
its parameters are chosen on out-of-fold probabilities *inside* each training fold (inner
folds grouped by host) and applied to the outer fold's sentences, which no step saw:

- ``union`` — *rule or p ≥ t* (what ``code_statements(..., method="hybrid")`` ships), ``t`` on the
  hybrid grid 0.30–0.95 or "never";
- ``veto`` — *(rule and p ≥ v) or p ≥ t*: the model may also veto a rule when its probability is
  very low (``v`` in 0–0.30). Every monotone decision on (rule, p) has this form, so no other
  combination of these two inputs can do better in-sample;
- ``*-honest`` — the same, with the parameters chosen only on training sentences of the later
  batches (``set`` starting with ``n``), where the rules were not written while reading them (on
  r1–r3 the rules look better than they are, which makes the combination trust them too much).

Prints micro precision / recall / F1 on all sentences and on the later batches, with 95 %
intervals from the cluster bootstrap over hosts of ``eval_codebook_real.py``.

    .venv/bin/python benchmarks/compare_hybrid_rules.py [--data DIR] [--folds 10] [--n-boot 2000]

Notes
-----
The model is the shipped configuration (character 1–3-grams, ``C`` 3): one fit per outer fold
and one per inner fold (5 inner folds grouped by host), probabilities from
:meth:`~futoko_research.coding.model.CoderModel.predict_proba`; codes with fewer than
``MIN_POSITIVES`` training positives get no model decision (rules only). The parameters of a
code maximise its F1 on the inner out-of-fold probabilities (ties: the higher threshold, the
lower veto). Figures in docs/coding.md and benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
VETO_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    denom = int(pred.sum()) + int(y.sum())
    return 2 * int((pred & y).sum()) / denom if denom else 0.0


def choose(y, rule, p, *, veto: bool) -> tuple[float, float]:
    """(v, t) maximising the F1 of ``(rule & p >= v) | (p >= t)`` (ties: higher t, lower v)."""
    from futoko_research.coding.model import HYBRID_GRID

    y, rule = np.asarray(y) == 1, np.asarray(rule) == 1
    best, best_f1 = (0.0, HYBRID_GRID[0]), -1.0
    for v in (VETO_GRID if veto else (0.0,)):
        for t in HYBRID_GRID:  # from "never" downwards
            f = _f1(y, (rule & (p >= v)) | (p >= t))
            if f > best_f1 + 1e-12:
                best, best_f1 = (v, t), f
    return best


def nested_probabilities(texts, gold: pd.DataFrame, hosts, folds: int):
    """Per outer fold: (train, test, inner out-of-fold probabilities of train, outer probabilities of test)."""
    from sklearn.model_selection import GroupKFold

    from futoko_research.coding import fit_coder_model, source_folds
    from futoko_research.coding.model import THRESHOLD_FOLDS

    hosts = np.asarray([str(h) for h in hosts])

    def fit_predict(train, test):
        model = fit_coder_model([texts[i] for i in train], gold.iloc[train], thresholds="fixed")
        return model.predict_proba([texts[i] for i in test]).to_numpy()

    out = []
    for train, test in source_folds(hosts, folds):
        oof = np.zeros((len(train), gold.shape[1]))
        for itr, ite in GroupKFold(n_splits=THRESHOLD_FOLDS).split(train, groups=hosts[train]):
            oof[ite] = fit_predict(train[itr], train[ite])
        out.append((train, test, oof, fit_predict(train, test)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="validation folder (default: data/validation)")
    ap.add_argument("--folds", type=int, default=10, help="leave-source-out folds")
    ap.add_argument("--n-boot", type=int, default=2000, help="bootstrap replicates")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data, predictions

    from futoko_research.coding import bootstrap_scores, label_matrix, load_codebook
    from futoko_research.coding.evaluation import SEED
    from futoko_research.coding.model import MIN_POSITIVES, NEVER

    codebook = load_codebook()
    keys = list(codebook)
    df, _ = load_data(args.data, codebook)
    gold = label_matrix(df["codes"], keys)
    y = gold.to_numpy()
    rules = predictions(df, codebook, ["rules"], folds=args.folds)["rules"].to_numpy()
    later = df["set"].astype(str).str.startswith("n").to_numpy()
    t0 = time.perf_counter()
    nested = nested_probabilities(df["text"].tolist(), gold, df["host"].tolist(), args.folds)
    print(f"{len(df)} sentences, {df['host'].nunique()} hosts; {args.folds} outer folds by host, inner folds by host; "
          f"models fitted in {time.perf_counter() - t0:.0f} s; cluster bootstrap {args.n_boot} × hosts, seed {SEED}")
    variants = {"rules": None, "union": (False, False), "veto": (True, False), "union-honest": (False, True),
                "veto-honest": (True, True)}
    print(f"{'combination':14s} {'all sentences: P / R / F1 [95 %]':42s} later batches na–ne: P / R / F1 [95 %]")
    for name, how in variants.items():
        pred = rules.copy()
        if how is not None:
            veto, honest = how
            for train, test, oof, p_test in nested:
                rows = later[train] if honest else np.ones(len(train), dtype=bool)
                for j in range(len(keys)):
                    v, t = 0.0, NEVER
                    if int(y[train, j].sum()) >= MIN_POSITIVES:
                        v, t = choose(y[train][rows, j], rules[train][rows, j], oof[rows, j], veto=veto)
                    pred[test, j] = ((rules[test, j] == 1) & (p_test[:, j] >= v)) | (p_test[:, j] >= t)
        cells = []
        for mask in (np.ones(len(df), dtype=bool), later):
            table = bootstrap_scores(gold[mask].reset_index(drop=True),
                                     pd.DataFrame(pred[mask], columns=keys).astype("int8"),
                                     df.loc[mask, "host"].reset_index(drop=True), n_boot=args.n_boot, seed=SEED)
            mi = table[table["code"] == "micro"].iloc[0]
            cells.append(f"{mi['precision']:.3f} / {mi['recall']:.3f} / {mi['f1']:.3f} "
                         f"[{mi['f1_low']:.2f}, {mi['f1_high']:.2f}]")
        print(f"{name:14s} {cells[0]:42s} {cells[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

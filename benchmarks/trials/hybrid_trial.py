"""Shared scaffolding of the coder trials: the corpus, the shipped model, and the hybrid's scoring.

Every trial of ``benchmarks/trials/coder_*.py`` scores a candidate model layer exactly as
``benchmarks/eval_codebook_real.py`` scores the shipped hybrid: 10 folds grouped by host; the
SYNTHETIC rows (weight ``SYNTHETIC_WEIGHT``) in every training fold; model thresholds and hybrid
thresholds (rules OR p >= t) chosen on inner host folds of the real training rows; micro precision,
recall and F1; paired host bootstrap of the hybrid's F1 against the shipped model. The shipped model
(``lr_trainer`` with no extra features) reproduces eval_codebook_real's figures.
"""
import sys
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np

REPO = Path(__file__).resolve().parents[2]
#: the sets no rule writer read
HONEST = ["c1", "c2", "c3", "c5", "c6", "na", "nb", "nc", "nd", "ne"]
SEED = 20240615


def load_trial_corpus() -> SimpleNamespace:
    """The real validation sentences plus the SYNTHETIC training rows, with gold, rule codes and folds.

    Returns a namespace with ``cb``, ``keys``, ``df``, ``gold`` (n_real, K), ``rules`` (the rule
    coder's 0/1), ``texts`` (real then synthetic), ``y_all``, ``n_real``, ``hosts``, ``weight``,
    ``synthetic`` (indices of the synthetic rows), ``sets`` and ``outer_folds``.
    """
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_coder_corpus

    from futoko_research.coding.evaluation import N_FOLDS, source_folds
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    cb, keys, df, gold, rules, extra = load_coder_corpus(folds=N_FOLDS)
    gold = gold.to_numpy()
    texts = df["text"].astype(str).tolist() + extra["text"].astype(str).tolist()
    n_real = len(df)
    hosts = np.array([str(h) for h in df["host"]])
    return SimpleNamespace(
        cb=cb, keys=keys, df=df, gold=gold, rules=rules, texts=texts, n_real=n_real, hosts=hosts,
        y_all=np.vstack([gold, extra[keys].to_numpy(dtype=np.int64)]),
        weight=np.array([1.0] * n_real + [float(SYNTHETIC_WEIGHT)] * len(extra)),
        synthetic=np.arange(n_real, len(texts)), sets=df["set"].astype(str).to_numpy(),
        outer_folds=list(source_folds(hosts, N_FOLDS)))


def masks(corpus) -> dict:
    """The scored subsets: all sentences, the sets no rule writer read, the fresh sets c5 + c6."""
    return {"all": np.ones(corpus.n_real, bool), "HONEST": np.isin(corpus.sets, HONEST),
            "c5+c6": np.isin(corpus.sets, ["c5", "c6"])}


def lr_probabilities(x_train, y, weight, x_test, C=3.0, max_iter=1000):
    """Per-code balanced logistic regression (liblinear, dual) as the shipped model fits it.

    ``y`` is (n_train, K); a code with no positive (or no negative) row gets a constant.
    Returns (n_test, K) probabilities.
    """
    from scipy.special import expit
    from sklearn.linear_model import LogisticRegression

    p = np.zeros((x_test.shape[0], y.shape[1]))
    for j in range(y.shape[1]):
        yy = y[:, j]
        if 0 < yy.sum() < len(yy):
            clf = LogisticRegression(C=C, solver="liblinear", dual=True, class_weight="balanced",
                                     random_state=0, max_iter=max_iter)
            p[:, j] = expit(clf.fit(x_train, yy, sample_weight=weight).decision_function(x_test))
        else:
            p[:, j] = float(yy.sum() > 0)
    return p


def lr_trainer(texts, y, keys, weight, dense=None, scale=0.0):
    """The shipped model: per-code LR on character (1, 3)-gram TF-IDF; ``dense`` × ``scale`` appended if given.

    Returns ``fit_predict(train, test)`` → (len(test), K) probabilities.
    """
    import scipy.sparse as sp

    from futoko_research.coding.model import _vectorizer, model_input

    norms = model_input(texts)

    def fit_predict(train, test):
        vec = _vectorizer((1, 3), 2)
        x_train, x_test = vec.fit_transform([norms[i] for i in train]), vec.transform([norms[i] for i in test])
        if dense is not None and scale:
            x_train = sp.hstack([x_train, sp.csr_matrix(dense[train] * scale)]).tocsr()
            x_test = sp.hstack([x_test, sp.csr_matrix(dense[test] * scale)]).tocsr()
        return lr_probabilities(x_train, y[train], weight[train], x_test)
    return fit_predict


def oof_probabilities(fit_predict, hosts, n_real, synthetic, n_keys, inner, outer_folds):
    """Outer out-of-fold probabilities (n_real, K) and, per outer fold, inner OOF of its training rows."""
    from sklearn.model_selection import GroupKFold

    outer = np.zeros((n_real, n_keys))
    inner_p = []
    for f, (train, test) in enumerate(outer_folds):
        t0 = time.time()
        oof = np.zeros((len(train), n_keys))
        for itr, ite in GroupKFold(n_splits=inner).split(train, groups=hosts[train]):
            oof[ite] = fit_predict(np.concatenate([train[itr], synthetic]), train[ite])
        inner_p.append(oof)
        outer[test] = fit_predict(np.concatenate([train, synthetic]), test)
        print(f"    fold {f}: {time.time() - t0:.0f} s", flush=True)
    return outer, inner_p


def decide(outer, inner_p, gold, rules, outer_folds, keys):
    """Model and hybrid 0/1 predictions with thresholds chosen on the inner OOF probabilities."""
    from futoko_research.coding.model import (
        HYBRID_FLOOR,
        MIN_POSITIVES,
        best_hybrid_threshold,
        best_threshold,
    )

    model = np.zeros(gold.shape, dtype=int)
    hybrid = model.copy()
    for (train, test), oof in zip(outer_folds, inner_p):
        thr, hyb = np.full(len(keys), 0.5), np.full(len(keys), HYBRID_FLOOR)
        for j in range(len(keys)):
            if gold[train, j].sum() >= MIN_POSITIVES:
                thr[j] = best_threshold(gold[train, j], oof[:, j])
                hyb[j] = best_hybrid_threshold(gold[train, j], rules[train, j], oof[:, j])
        p = outer[test]
        model[test], hybrid[test] = p >= thr, rules[test] | (p >= hyb)
    return model, hybrid


def counts(gold, pred, mask):
    g, q = gold[mask] == 1, pred[mask] == 1
    return int((g & q).sum()), int(q.sum()), int(g.sum())


def micro(gold, pred, mask):
    tp, npred, ngold = counts(gold, pred, mask)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-12)


def paired_bootstrap(gold, a, b, hosts, mask, n_boot, seed):
    """Mean and 95 % percentile interval of micro-F1(b) - micro-F1(a), hosts drawn with replacement."""
    uh = np.unique(hosts[mask])
    per = np.array([[*counts(gold, a, mask & (hosts == h)), *counts(gold, b, mask & (hosts == h))] for h in uh])
    rng = np.random.default_rng(seed)
    diffs = np.empty(n_boot)
    for i in range(n_boot):
        c = per[rng.integers(0, len(uh), len(uh))].sum(axis=0)
        diffs[i] = 2 * c[3] / max(c[4] + c[5], 1) - 2 * c[0] / max(c[1] + c[2], 1)
    c = per.sum(axis=0)
    point = 2 * c[3] / max(c[4] + c[5], 1) - 2 * c[0] / max(c[1] + c[2], 1)
    return point, np.percentile(diffs, 2.5), np.percentile(diffs, 97.5)


def report(corpus, name, outer, inner_p, inner_note=""):
    """Print micro P/R/F1 of the model alone and of the hybrid on each subset; return the hybrid's 0/1."""
    model, hybrid = decide(outer, inner_p, corpus.gold, corpus.rules, corpus.outer_folds, corpus.keys)
    for subset, mask in masks(corpus).items():
        print(f"{name:10s} {subset:7s} model P/R/F1 %.3f/%.3f/%.3f  hybrid %.3f/%.3f/%.3f"
              % (*micro(corpus.gold, model, mask), *micro(corpus.gold, hybrid, mask)), flush=True)
    return hybrid

"""Trial (not shipped, session 10): does a chiVe seed-similarity feature per code help the coder?

Each code gets seed words: the NORM forms of its Japanese label and of the Japanese terms of its
definition (SudachiPy via ``compute_tokens(profile="lexical")``; particles, one- and two-kana words
and a short stop list dropped). For each sentence and code, two features: the highest cosine
between any content token's chiVe vector (``ja_ginza``'s static vectors, nothing downloaded) and
any seed, and the mean of the three highest per-token maxima. They are appended, times ``SCALE``,
to the character (1, 3)-gram TF-IDF of the shipped model. Procedure as ``eval_codebook_real.py``
scores the shipped hybrid: 10 host folds; the SYNTHETIC rows (weight 3) in every training fold;
thresholds from 5 inner host folds on the real training rows; hybrid thresholds for
rules-or-model. ``SCALE`` 0 is the shipped model (its figures match eval_codebook_real's).

    .venv/bin/python benchmarks/trials/coder_seed_similarity.py [SCALE ...]   # default 0 1 3

Prints micro precision / recall / F1 of the model alone and of the hybrid on all sentences, on
the sets the rules were not written from, and on the fresh sets c5 + c6. Measured 2026-12-07:
docs/coding.md, "Session 10".
"""
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
STOP = set("こと もの ため よう 等 など 中 的 場 する ある いる なる れる られる 出来る 行う 思う".split())
HONEST = ["c1", "c2", "c3", "c5", "c6", "na", "nb", "nc", "nd", "ne"]


def content_norms(texts, compute_tokens):
    """NORM forms of each text's content words (no particles, no one- or two-kana words)."""
    st = pd.DataFrame({"statement_id": [str(i) for i in range(len(texts))], "case_id": "x", "section": "goal",
                       "text": list(texts)}).astype("string")
    tokens = compute_tokens(st, profile="lexical")
    out = {str(i): [] for i in range(len(texts))}
    for sid, norm in tokens[["statement_id", "norm"]].itertuples(index=False):
        norm = str(norm)
        if not (re.fullmatch(r"[\u3040-\u309f]{1,2}|[\W\d_]+", norm) or norm in STOP):
            out[str(sid)].append(norm)
    return [out[str(i)] for i in range(len(texts))]


def unit_vectors(words, vocab):
    """Rows of L2-normalised chiVe vectors of the words that have one."""
    vs = [vocab.get_vector(w) for w in words if vocab.has_vector(w)]
    if not vs:
        return np.zeros((0, vocab.vectors.shape[1]))
    v = np.asarray(vs, dtype=np.float64)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def seed_features(sentence_words, seeds, vocab):
    """(n, 2 × codes): max cosine to a code's seeds, and the mean of the three best tokens."""
    out = np.zeros((len(sentence_words), 2 * len(seeds)))
    for i, words in enumerate(sentence_words):
        v = unit_vectors(words, vocab)
        if not len(v):
            continue
        for j, s in enumerate(seeds):
            if len(s):
                m = (v @ s.T).max(axis=1)
                out[i, j], out[i, len(seeds) + j] = m.max(), np.sort(m)[-3:].mean()
    return out


def main(argv=None) -> int:
    import scipy.sparse as sp
    import spacy
    from scipy.special import expit
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data, predictions

    from futoko_research.coding import compute_tokens, label_matrix, load_codebook, synthetic_rows
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

    scales = [float(a) for a in (sys.argv[1:] if argv is None else argv)] or [0.0, 1.0, 3.0]
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
    vocab = spacy.load("ja_ginza", exclude=["ner", "parser", "attribute_ruler", "compound_splitter",
                                            "bunsetu_recognizer"]).vocab
    seed_texts = ["、".join([cb[k].label_ja] + re.findall(r"[\u3040-\u30ff\u4e00-\u9fff〜ー]{2,}", cb[k].definition))
                  for k in keys]
    seed_words = [sorted(set(w)) for w in content_norms(seed_texts, compute_tokens)]
    for k, w in zip(keys, seed_words):
        print(f"{k:22s} {len(w):3d} seeds: {' '.join(w[:12])} …")
    dense = seed_features(content_norms(texts, compute_tokens), [unit_vectors(w, vocab) for w in seed_words], vocab)
    print(f"{n_real} real sentences, {len(extra)} SYNTHETIC training rows", flush=True)

    def fit_predict(train, test, scale):
        vec = _vectorizer((1, 3), 2)
        x_train, x_test = vec.fit_transform([norms[i] for i in train]), vec.transform([norms[i] for i in test])
        if scale:
            x_train = sp.hstack([x_train, sp.csr_matrix(dense[train] * scale)]).tocsr()
            x_test = sp.hstack([x_test, sp.csr_matrix(dense[test] * scale)]).tocsr()
        p = np.zeros((len(test), len(keys)))
        for j in range(len(keys)):
            y = y_all[train, j]
            if 0 < y.sum() < len(y):
                clf = LogisticRegression(C=3.0, solver="liblinear", dual=True, class_weight="balanced",
                                         random_state=0, max_iter=1000)
                p[:, j] = expit(clf.fit(x_train, y, sample_weight=weight[train]).decision_function(x_test))
            else:
                p[:, j] = float(y.sum() > 0)
        return p

    synthetic = np.arange(n_real, len(texts))

    def run(scale):
        hybrid = np.zeros((n_real, len(keys)), dtype=int)
        model = hybrid.copy()
        for train, test in source_folds(hosts, N_FOLDS):
            oof = np.zeros((len(train), len(keys)))
            for itr, ite in GroupKFold(n_splits=THRESHOLD_FOLDS).split(train, groups=hosts[train]):
                oof[ite] = fit_predict(np.concatenate([train[itr], synthetic]), train[ite], scale)
            thr, hyb = np.full(len(keys), 0.5), np.full(len(keys), HYBRID_FLOOR)
            for j in range(len(keys)):
                if gold[train, j].sum() >= MIN_POSITIVES:
                    thr[j] = best_threshold(gold[train, j], oof[:, j])
                    hyb[j] = best_hybrid_threshold(gold[train, j], rules[train, j], oof[:, j])
            p = fit_predict(np.concatenate([train, synthetic]), test, scale)
            model[test], hybrid[test] = p >= thr, rules[test] | (p >= hyb)
        return model, hybrid

    def micro(pred, mask):
        g, q = gold[mask] == 1, pred[mask] == 1
        tp = (g & q).sum()
        p, r = tp / max(q.sum(), 1), tp / max(g.sum(), 1)
        return p, r, 2 * p * r / (p + r)

    sets = df["set"].astype(str).to_numpy()
    masks = {"all": np.ones(n_real, bool), "c1-c3, c5, c6, na-ne": np.isin(sets, HONEST),
             "c5, c6": np.isin(sets, ["c5", "c6"])}
    for scale in scales:
        t0 = time.time()
        model, hybrid = run(scale)
        for name, mask in masks.items():
            print(f"scale {scale:4.1f} {name:22s} model P/R/F1 %.3f/%.3f/%.3f  hybrid %.3f/%.3f/%.3f"
                  % (*micro(model, mask), *micro(hybrid, mask)))
        print(f"  {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

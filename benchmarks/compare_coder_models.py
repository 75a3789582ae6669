"""Compare feature sets and settings of the statistical coder, leave-source-out on data/validation.

Each configuration is scored exactly as ``eval_codebook_real.py`` scores the model: folds
grouped by host, thresholds chosen inside each training fold. Configurations: character
n-gram TF-IDF with n-gram ranges (1, 3), (2, 4), (1, 4); ``C`` 1, 3, 10; thresholds by
cross-validation or fixed at 0.5; and, with ``--chive``, the (1, 3) n-grams plus the average
of the chiVe word vectors that the installed ``ja_ginza`` model carries (SudachiPy tokens,
NORM forms; nothing is downloaded). Prints micro precision / recall / F1 and macro F1 of the
model alone, the micro F1 of the hybrid (rules of ``--codebook`` ∪ model codes at the hybrid
thresholds, chosen for rules-or-model inside each training fold) and the time per configuration.

    .venv/bin/python benchmarks/compare_coder_models.py [--data DIR] [--codebook PATH]
        [--score-set SET ...] [--chive] [--quick]

The package ships the configuration chosen here (``futoko_research.coding.model``: (1, 3),
``C`` 3, thresholds by cross-validation); docs/coding.md lists the figures.
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


def _chive_vectors(df: pd.DataFrame) -> np.ndarray:
    """L2-normalised average chiVe vector (ja_ginza's static vectors) of each sentence's NORM tokens."""
    import spacy

    from futoko_research.coding import compute_tokens

    stmts = pd.DataFrame({"statement_id": df["sentence_id"], "case_id": df["host"], "section": df["section"],
                          "text": df["text"]}).astype("string")
    tokens = compute_tokens(stmts, profile="lexical")
    vocab = spacy.load("ja_ginza", exclude=["ner", "parser", "attribute_ruler", "compound_splitter",
                                            "bunsetu_recognizer"]).vocab
    out = np.zeros((len(df), vocab.vectors.shape[1]))
    by_sid = {str(s): g["norm"].astype(str).tolist() for s, g in tokens.groupby("statement_id", sort=False)}
    for i, sid in enumerate(df["sentence_id"].astype(str)):
        vs = [vocab.get_vector(n) for n in by_sid.get(sid, []) if vocab.has_vector(n)]
        if vs:
            v = np.mean(vs, axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
    return out


def _cv_char_plus_vectors(texts, gold: pd.DataFrame, hosts, vectors: np.ndarray, *, C: float, folds: int):
    """Leave-source-out decisions of char (1,3) TF-IDF ⊕ averaged chiVe (same threshold procedure)."""
    import scipy.sparse as sp
    from scipy.special import expit
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from futoko_research.coding.evaluation import source_folds
    from futoko_research.coding.model import (
        MIN_POSITIVES,
        THRESHOLD_FOLDS,
        best_threshold,
        model_input,
    )

    norms = model_input(texts)
    y_all = gold.to_numpy()
    hosts = np.asarray([str(h) for h in hosts])

    def fit_predict(train, test):
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        xtr = sp.hstack([vec.fit_transform([norms[i] for i in train]), sp.csr_matrix(vectors[train])]).tocsr()
        xte = sp.hstack([vec.transform([norms[i] for i in test]), sp.csr_matrix(vectors[test])]).tocsr()
        p = np.zeros((len(test), y_all.shape[1]))
        for j in range(y_all.shape[1]):
            y = y_all[train, j]
            if 0 < y.sum() < len(y):
                clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0)
                p[:, j] = expit(clf.fit(xtr, y).decision_function(xte))
        return p

    dec = np.zeros_like(y_all)
    for train, test in source_folds(hosts, folds):
        oof = np.zeros((len(train), y_all.shape[1]))
        for itr, ite in GroupKFold(n_splits=THRESHOLD_FOLDS).split(train, groups=hosts[train]):
            oof[ite] = fit_predict(train[itr], train[ite])
        thr = np.array([best_threshold(y_all[train, j], oof[:, j]) if y_all[train, j].sum() >= MIN_POSITIVES else 0.5
                        for j in range(y_all.shape[1])])
        dec[test] = fit_predict(train, test) >= thr
    return pd.DataFrame(dec, columns=gold.columns).astype("int8"), thr


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="validation folder (default: data/validation)")
    ap.add_argument("--codebook", default=None, help="codebook YAML for the rules of the hybrid")
    ap.add_argument("--score-set", nargs="+", default=None, metavar="SET", help="score only these sets")
    ap.add_argument("--chive", action="store_true", help="also try char n-grams + averaged chiVe vectors")
    ap.add_argument("--quick", action="store_true", help="only the n-gram ranges at C 3, thresholds by CV")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data, predictions

    from futoko_research.coding import (
        cross_validated_model,
        label_matrix,
        load_codebook,
        score_codes,
    )
    from futoko_research.coding.evaluation import N_FOLDS
    from futoko_research.coding.model import HYBRID_FLOOR

    codebook = load_codebook(args.codebook)
    keys = list(codebook)
    df, _ = load_data(args.data, codebook)
    gold = label_matrix(df["codes"], keys)
    rules = predictions(df, codebook, ["rules"], folds=N_FOLDS)["rules"]
    mask = np.ones(len(df), dtype=bool) if not args.score_set else df["set"].isin(args.score_set).to_numpy()

    def scores(pred):
        t = score_codes(gold[mask].reset_index(drop=True), pred[mask].reset_index(drop=True))
        mi, ma = t[t["code"] == "micro"].iloc[0], t[t["code"] == "macro"].iloc[0]
        return mi["precision"], mi["recall"], mi["f1"], ma["f1"]

    configs = [((1, 3), 3.0, "cv"), ((2, 4), 3.0, "cv"), ((1, 4), 3.0, "cv")]
    if not args.quick:
        configs += [((1, 3), 1.0, "cv"), ((1, 3), 10.0, "cv"), ((2, 4), 1.0, "cv"), ((2, 4), 10.0, "cv"),
                    ((1, 3), 3.0, "fixed"), ((1, 3), 1.0, "fixed")]
    p, r, f, m = scores(rules)
    print(f"{len(df)} sentences, {df['host'].nunique()} hosts; scored {int(mask.sum())}; rules of codebook {codebook.version}: "
          f"P={p:.3f} R={r:.3f} F1={f:.3f} macro={m:.3f}")
    print(f"{'features':26s} {'C':>4s} {'thr':>5s}  {'P':>5s} {'R':>5s} {'F1':>5s} {'macro':>5s}  {'hybrid F1':>9s} {'s':>4s}")
    for ngram, C, thr in configs:
        t0 = time.perf_counter()
        _, dec, add = cross_validated_model(df["text"].tolist(), gold, df["host"].tolist(), ngram_range=ngram, C=C,
                                            thresholds=thr, rules=rules)
        p, r, f, m = scores(dec)
        hf = scores((rules | add).astype("int8"))[2]
        print(f"{'char ' + str(ngram):26s} {C:4.0f} {thr:>5s}  {p:5.3f} {r:5.3f} {f:5.3f} {m:5.3f}  {hf:9.3f} "
              f"{time.perf_counter() - t0:4.0f}")
    if args.chive:
        t0 = time.perf_counter()
        vectors = _chive_vectors(df)
        t_vec = time.perf_counter() - t0
        for C in (1.0, 3.0):
            t0 = time.perf_counter()
            dec, _ = _cv_char_plus_vectors(df["text"].tolist(), gold, df["host"].tolist(), vectors, C=C, folds=N_FOLDS)
            p, r, f, m = scores(dec)
            print(f"{'char (1, 3) + chiVe avg':26s} {C:4.0f} {'cv':>5s}  {p:5.3f} {r:5.3f} {f:5.3f} {m:5.3f}  "
                  f"{'':>9s} {time.perf_counter() - t0 + t_vec:4.0f}")
    print(f"(hybrid: rules ∪ model codes at the hybrid thresholds, chosen for rules-or-model by CV; "
          f"{HYBRID_FLOOR} with fixed thresholds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

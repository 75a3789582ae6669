"""Other ways to combine the rules and the model than the hybrid's union, leave-source-out.

Used by ``benchmarks/eval_codebook_real.py`` for the methods ``veto``, ``stacked``,
``stacked-others``, ``choice`` (and their ``-all`` forms); see docs/coding.md, *Session 7*.

Every variant is learnt inside each of the 10 outer training folds (hosts, ``GroupKFold``) from
the *out-of-fold* probabilities of the model on the training sentences (an inner 5-fold split
grouped by host, exactly the one ``fit_coder_model`` uses to choose the hybrid thresholds) and
applied to the held-out fold with the probabilities of the model trained on the whole training
fold. The outer and inner probabilities are cached on disk (``cache_path``) because they cost
60 model fits; the variants themselves are cheap.

*Learning rows.* The rules were written while reading sets r1–r3, so there they look nearly
perfect and any reliability learnt from them is optimistic. By default (``learn="honest"``) a
variant is learnt only from training sentences of the other sets (c1–c3, na–ne); the ``-all``
methods learn from every training sentence, as the shipped hybrid's thresholds are.

Variants (per code j; p = the model's probability, r = any rule of j fired):

- ``hybrid`` — r or p ≥ t (t on the hybrid grid or "never"); reproduces ``cross_validated_model``
  when learnt from all rows.
- ``veto`` — (r and p ≥ v) or p ≥ t: the model may also remove a rule's code; v in
  {0 (never), 0.02, …, 0.30} and t chosen jointly (ties: no veto, then the higher t).
- ``stacked`` — a logistic regression (L2, C 1) on logit(p), r, and one flag per rule id of j
  that fired at least twice in the learning rows (its reliability learnt from data); its
  threshold chosen on its own out-of-fold probabilities (5 folds by host inside the learning
  rows), then refitted on all of them. ``stacked-others`` adds the other codes' rule flags.
  Every variant keeps the hybrid's union, its threshold learnt from all training rows, for a
  code with fewer than 8 positives among the learning rows.
- ``choice`` — per code the best of rules / model (p ≥ t) / union / intersection (r and
  p ≥ v) on the learning rows (ties keep the union).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

HONEST_SETS_EXCLUDED = ("r1", "r2", "r3")
VETO_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
INTERSECT_GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.81, 0.05))
STACK_C = 1.0
MIN_RULE_FIRES = 2
VARIANTS = ("veto", "stacked", "stacked-others", "choice")
METHODS = (*VARIANTS, *(f"{v}-all" for v in VARIANTS), "hybrid-honest", "hybrid-all")


def rule_firings(df: pd.DataFrame, codebook) -> tuple[np.ndarray, list[set[tuple[str, str]]]]:
    """The rules' 0/1 matrix (sentences × codes) and, per sentence, the (code, rule_id) pairs that fired."""
    from futoko_research.coding import code_statements

    keys = list(codebook)
    stmts = pd.DataFrame({"statement_id": df["sentence_id"], "case_id": df["host"], "section": df["section"],
                          "text": df["text"]}).astype("string")
    codes = code_statements(stmts, codebook, method="rules")
    row = {str(s): i for i, s in enumerate(df["sentence_id"])}
    fired: list[set] = [set() for _ in range(len(df))]
    mat = np.zeros((len(df), len(keys)), dtype=np.int8)
    for sid, code, rid in codes[["statement_id", "code", "rule_id"]].itertuples(index=False):
        i = row[str(sid)]
        fired[i].add((str(code), str(rid)))
        mat[i, keys.index(str(code))] = 1
    return mat, fired


def cache_key(texts, y: np.ndarray, extra: pd.DataFrame | None, folds: int) -> str:
    """sha256 (16 hex) of what the cached probabilities depend on."""
    import sklearn

    h = hashlib.sha256()
    h.update(json.dumps([list(texts), y.tolist(), folds, sklearn.__version__], ensure_ascii=False).encode())
    if extra is not None:
        h.update(extra.to_csv(index=False).encode())
    return h.hexdigest()[:16]


def oof_probabilities(texts, y: np.ndarray, groups, keys, *, folds: int, extra: pd.DataFrame | None, extra_weight: float,
                      cache_dir: str | Path | None = "/tmp") -> dict:
    """Outer held-out and inner out-of-fold probabilities of the model, cached on disk.

    Returns
    -------
    dict
        ``folds``: list of (train, test) index arrays; ``outer``: (n, K) probabilities of each
        sentence from the model of its outer training fold; ``inner``: per fold, (len(train), K)
        out-of-fold probabilities of the training sentences (inner 5 folds by host, synthetic
        rows in every inner training fold, as ``fit_coder_model``'s threshold choice).
    """
    from scipy.special import expit
    from sklearn.model_selection import GroupKFold

    from futoko_research.coding.evaluation import source_folds
    from futoko_research.coding.model import (
        MIN_DF,
        NGRAM_RANGE,
        RANDOM_STATE,
        THRESHOLD_FOLDS,
        C,
        _fit_arrays,
        _vectorizer,
        model_input,
    )

    texts = list(texts)
    groups = np.asarray([str(g) for g in groups])
    split = source_folds(groups, folds)
    path = None
    if cache_dir is not None:
        path = Path(cache_dir) / f"futoko_coder_oof_{cache_key(texts, y, extra, folds)}.npz"
        if path.is_file():
            with np.load(path, allow_pickle=False) as z:
                return {"folds": split, "outer": z["outer"], "inner": [z[f"inner{k}"] for k in range(len(split))]}
    norms = model_input(texts)
    opts = dict(ngram_range=NGRAM_RANGE, min_df=MIN_DF, C=C, random_state=RANDOM_STATE)
    x_norms = model_input(extra["text"]) if extra is not None else []
    x_y = extra[list(keys)].to_numpy(dtype=np.int64) if extra is not None else np.zeros((0, y.shape[1]), np.int64)

    def fit_predict(train_idx, test_idx):
        t_norms = [norms[i] for i in train_idx] + x_norms
        t_y = np.concatenate([y[train_idx], x_y]).astype(np.int64)
        w = np.concatenate([np.ones(len(train_idx)), np.full(len(x_norms), float(extra_weight))])
        vocab, idf, coef, intercept, _ = _fit_arrays(t_norms, t_y, weight=w, **opts)
        vec = _vectorizer(NGRAM_RANGE, 1, vocabulary={t: i for i, t in enumerate(vocab)})
        vec.idf_ = idf
        return expit(np.asarray(vec.transform([norms[i] for i in test_idx]) @ coef.T) + intercept)

    outer = np.full(y.shape, np.nan)
    inner = []
    for train, test in split:
        outer[test] = fit_predict(train, test)
        oof = np.full((len(train), y.shape[1]), np.nan)
        g = groups[train]
        for itr, ite in GroupKFold(n_splits=min(THRESHOLD_FOLDS, len(set(g)))).split(train, groups=g):
            oof[ite] = fit_predict(train[itr], train[ite])
        inner.append(oof)
    if path is not None:
        np.savez(path, outer=outer, **{f"inner{k}": a for k, a in enumerate(inner)})
    return {"folds": split, "outer": outer, "inner": inner}


def _f1(y, pred) -> float:
    denom = int(pred.sum()) + int(y.sum())
    return 2 * int((pred & y).sum()) / denom if denom else 0.0


def _veto(y, r, p):
    from futoko_research.coding.model import HYBRID_GRID

    best, best_f1 = (0.0, HYBRID_GRID[0]), -1.0
    for v in VETO_GRID:
        for t in HYBRID_GRID:
            f = _f1(y, (r & (p >= v)) | (p >= t))
            if f > best_f1 + 1e-12:
                best, best_f1 = (v, t), f
    return lambda r_, p_: (r_ & (p_ >= best[0])) | (p_ >= best[1])


def _choice(y, r, p):
    from futoko_research.coding.model import best_hybrid_threshold, best_threshold

    t_u = best_hybrid_threshold(y, r, p)
    t_m = best_threshold(y, p)
    v_i = max(INTERSECT_GRID, key=lambda v: (_f1(y, r & (p >= v)), -v))
    options = [(lambda r_, p_: r_ | (p_ >= t_u)), (lambda r_, p_: r_.copy()), (lambda r_, p_: p_ >= t_m),
               (lambda r_, p_: r_ & (p_ >= v_i))]
    scores = [_f1(y, f(r, p)) for f in options]
    return options[int(np.argmax(np.asarray(scores) - 1e-12 * np.arange(4)))]


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _stack_features(j, rules, fired, p, ids, others):
    cols = [_logit(p[:, j]), rules[:, j].astype(float)]
    cols += [np.array([1.0 if rid in f else 0.0 for f in fired]) for rid in ids]
    if others:
        cols += [rules[:, k].astype(float) for k in range(rules.shape[1]) if k != j]
    return np.column_stack(cols)


def _stack(j, key, y, rules, fired, p, groups, others):
    """Decision function of code j's stacker (None when too few positives or one class)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from futoko_research.coding.model import MIN_POSITIVES, best_threshold

    if int(y.sum()) < MIN_POSITIVES or int(y.sum()) == len(y):
        return None
    count: dict = {}
    for f in fired:
        for code, rid in f:
            if code == key:
                count[(code, rid)] = count.get((code, rid), 0) + 1
    ids = sorted(k for k, n in count.items() if n >= MIN_RULE_FIRES)
    x = _stack_features(j, rules, fired, p, ids, others)

    def fit(xx, yy):
        return LogisticRegression(C=STACK_C, max_iter=2000).fit(xx, yy)

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=min(5, len(set(groups)))).split(x, groups=groups):
        oof[te] = fit(x[tr], y[tr]).predict_proba(x[te])[:, 1] if 0 < y[tr].sum() < len(tr) else y[tr].mean()
    t = best_threshold(y.astype(int), oof)
    clf = fit(x, y)
    return lambda rules_, fired_, p_: clf.predict_proba(_stack_features(j, rules_, fired_, p_, ids, others))[:, 1] >= t


def combined_predictions(df: pd.DataFrame, keys, rules: np.ndarray, fired, probs: dict, method: str) -> np.ndarray:
    """0/1 predictions (n × K) of ``method`` (one of :data:`METHODS` or ``hybrid``), leave-source-out."""
    from futoko_research.coding.model import best_hybrid_threshold
    from futoko_research.coding.validation import label_matrix

    y_all = label_matrix(df["codes"], list(keys)).to_numpy(dtype=bool)
    rules_b = rules.astype(bool)
    groups = df["host"].astype(str).to_numpy()
    honest = ~df["set"].isin(HONEST_SETS_EXCLUDED).to_numpy()
    base = method.removesuffix("-all").removesuffix("-honest")
    learn_all = method.endswith("-all") or method == "hybrid"
    out = np.zeros(rules.shape, dtype=np.int8)
    for (train, test), inner in zip(probs["folds"], probs["inner"]):
        use = np.ones(len(train), dtype=bool) if learn_all else honest[train]
        tr = train[use]
        fallback = [best_hybrid_threshold(y_all[train, j], rules_b[train, j], inner[:, j])
                    if int(y_all[train, j].sum()) >= 8 else 0.5 for j in range(len(keys))]
        y, r, p = y_all[tr], rules_b[tr], inner[use]
        fired_tr = [fired[i] for i in tr]
        p_te, r_te, fired_te = probs["outer"][test], rules_b[test], [fired[i] for i in test]
        for j, key in enumerate(keys):
            few = int(y[:, j].sum()) < 8
            if few or base == "hybrid":
                t = fallback[j] if few else best_hybrid_threshold(y[:, j], r[:, j], p[:, j])
                pred = r_te[:, j] | (p_te[:, j] >= t)
            elif base == "veto":
                pred = _veto(y[:, j], r[:, j], p[:, j])(r_te[:, j], p_te[:, j])
            elif base == "choice":
                pred = _choice(y[:, j], r[:, j], p[:, j])(r_te[:, j], p_te[:, j])
            elif base in ("stacked", "stacked-others"):
                f = _stack(j, key, y[:, j], r, fired_tr, p, groups[tr], base == "stacked-others")
                pred = r_te[:, j] | (p_te[:, j] >= fallback[j]) if f is None else f(r_te, fired_te, p_te)
            else:
                raise ValueError(f"unknown combination {method!r}")
            out[test, j] = pred
    return out

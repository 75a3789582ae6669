"""Honest scores of a coder: leave-source-out cross-validation, cluster bootstrap, human ceiling.

- :func:`source_folds` — folds grouped by source (host): no source is in two folds.
- :func:`cross_validated_model` — out-of-fold probabilities and decisions of the statistical
  coder, each fold's model trained on the other sources only.
- :func:`score_codes` — per-code precision / recall / F1 with support, micro and macro.
- :func:`bootstrap_scores` — those scores with 95 % intervals from a bootstrap that resamples
  sources (clusters), not sentences.
- :func:`human_ceiling` — annotator A versus B per code: F1 and Cohen's κ.

Notes
-----
Every decision is one (sentence, code) pair. For a code, ``tp``/``fp``/``fn`` count the
sentences where coder and gold both / only the coder / only the gold give it; precision
``tp/(tp+fp)``, recall ``tp/(tp+fn)``, F1 ``2tp/(2tp+fp+fn)`` (NaN when undefined). Micro scores
pool the counts of every code; macro F1 is the unweighted mean of the per-code F1 over codes
with at least one gold sentence.

*Leave-source-out.* Sentences of one page or one publisher share wording, topics and the
writer's habits; a split by sentence lets a model see the source it is scored on and
overstates how it does on a new report. Folds are therefore grouped by host (scikit-learn's
``GroupKFold``, which balances fold sizes deterministically), so each sentence is scored by a
model that never saw its host. Rules are fixed, not trained, so they are scored on every
sentence; note that the rules were written while reading earlier versions of this data, so
their scores here are optimistic.

*Cluster bootstrap.* Sentences of a host are not independent, so the intervals resample whole
hosts with replacement (as many as there are), keep every sentence of each drawn host (a host
drawn twice counts twice) and recompute the scores from the pooled counts; the 2.5 and 97.5
percentiles of ``n_boot`` replicates (seeded) give a percentile interval (Efron & Tibshirani
1993, ch. 13; Field & Welsh 2007 for resampling clusters). The predictions are those of the
cross-validation and are not refitted inside the bootstrap, so the interval reflects the
sampling of sources in the evaluation set, not the variance of training.

*Human ceiling.* Where a second annotator (``B``) coded the sentences, the same scores with A
as gold and B as coder give the agreement two people reach (F1 is symmetric in A and B);
Cohen's κ per code comes from :func:`futoko_research.coding.cohen_kappa` (statsmodels).

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
Measurement 20(1), 37–46.
Efron, B., Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Field, C. A., Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
Statistical Society B 69(3), 369–390.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: default number of leave-source-out folds, bootstrap replicates and the bootstrap seed
N_FOLDS = 10
N_BOOT = 2000
SEED = 20240615

__all__ = ["N_BOOT", "N_FOLDS", "SEED", "bootstrap_scores", "cross_validated_model", "human_ceiling", "paired_difference",
           "score_codes", "source_folds"]


def source_folds(groups: Sequence, n_splits: int = N_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test index pairs grouped by source: every source lies in exactly one test fold.

    Parameters
    ----------
    groups : the source (host) of each sentence.
    n_splits : number of folds (at most the number of distinct sources).

    Returns
    -------
    list of (train_index, test_index) int arrays, from scikit-learn's ``GroupKFold``
    (deterministic: folds balanced by size, no shuffling).
    """
    from sklearn.model_selection import GroupKFold

    groups = np.asarray([str(g) for g in groups])
    n = min(n_splits, len(set(groups)))
    if n < 2:
        raise ValueError("leave-source-out needs at least two sources")
    return list(GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups))


def cross_validated_model(texts: Sequence, labels: pd.DataFrame, groups: Sequence, *, n_splits: int = N_FOLDS,
                          rules: pd.DataFrame | None = None, extra: pd.DataFrame | None = None,
                          extra_weight: float | Sequence[float] = 1.0,
                          **fit_options) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Out-of-fold probabilities and 0/1 decisions of the statistical coder, leave-source-out.

    Parameters
    ----------
    texts, labels, groups : as for :func:`futoko_research.coding.model.fit_coder_model`.
    n_splits : folds (:func:`source_folds`).
    rules : the rules' 0/1 decisions (shaped like ``labels``); each fold's hybrid thresholds are
        then chosen for *rules or model* on its training sources (``rule_labels`` of
        ``fit_coder_model``).
    extra : rows added to *every* training fold and never scored (``train_only`` of
        ``fit_coder_model``): ``text`` and one 0/1 column per column of ``labels`` (e.g. the
        SYNTHETIC sentences of :func:`futoko_research.coding.synthetic_rows`).
    extra_weight : sample weight of the ``extra`` rows (the others weigh 1): one number for all, or
        one per row.
    **fit_options : passed to ``fit_coder_model`` (thresholds are chosen inside each training
        fold, on its own sources, so the test fold never informs them).

    Returns
    -------
    (proba, decisions, hybrid_decisions)
        tables shaped like ``labels`` (same index and columns): the probabilities (float64),
        the model's decisions at its thresholds and at its hybrid thresholds (int8; the codes
        the hybrid coder would add to the rules').
    """
    from futoko_research.coding.model import fit_coder_model

    texts = list(texts)
    groups = [str(g) for g in groups]
    proba = pd.DataFrame(np.nan, index=labels.index, columns=labels.columns)
    decisions = pd.DataFrame(0, index=labels.index, columns=labels.columns, dtype="int8")
    hybrid = decisions.copy()
    n_extra = 0 if extra is None else len(extra)
    if n_extra:
        x_texts = extra["text"].astype(str).tolist()
        x_labels = extra.loc[:, list(labels.columns)].astype("int64").reset_index(drop=True)
        x_groups = [f"extra:{i}" for i in range(n_extra)]
        x_weights = np.broadcast_to(np.asarray(extra_weight, dtype=float), (n_extra,)).tolist()
        fit_options = {"train_only": None, **fit_options}
    for train, test in source_folds(groups, n_splits):
        t_texts, t_labels = [texts[i] for i in train], labels.iloc[train].reset_index(drop=True)
        t_groups, t_rules = [groups[i] for i in train], None if rules is None else rules.iloc[train].reset_index(drop=True)
        if n_extra:
            t_texts = t_texts + x_texts
            t_labels = pd.concat([t_labels.astype("int64"), x_labels], ignore_index=True)
            t_groups = t_groups + x_groups
            if t_rules is not None:
                t_rules = pd.concat([t_rules.astype("int64"), pd.DataFrame(0, index=range(n_extra), columns=labels.columns)],
                                    ignore_index=True)
            fit_options["train_only"] = [False] * len(train) + [True] * n_extra
            fit_options["sample_weight"] = [1.0] * len(train) + x_weights
        model = fit_coder_model(t_texts, t_labels, groups=t_groups, rule_labels=t_rules, **fit_options)
        p = model.predict_proba([texts[i] for i in test])
        proba.iloc[test] = p.to_numpy()
        decisions.iloc[test] = (p >= model.thresholds).astype("int8").to_numpy()
        hybrid.iloc[test] = (p >= model.hybrid_thresholds).astype("int8").to_numpy()
    return proba, decisions, hybrid


def _counts(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """tp, fp, fn per code: array (3, n_codes)."""
    g, p = gold.astype(bool), pred.astype(bool)
    return np.stack([(g & p).sum(0), (~g & p).sum(0), (g & ~p).sum(0)]).astype(np.int64)


def _prf(tp, fp, fn):
    tp, fp, fn = (np.asarray(a, dtype=float) for a in (tp, fp, fn))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        r = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f = np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    return p, r, f


def _summary(counts: np.ndarray) -> np.ndarray:
    """[P, R, F1] per code then micro P/R/F1 and macro F1 as one flat vector."""
    p, r, f = _prf(*counts)
    mp, mr, mf = _prf(*counts.sum(1))
    support = counts[0] + counts[2]
    macro = np.nanmean(np.where(support > 0, f, np.nan)) if (support > 0).any() else np.nan
    return np.concatenate([np.stack([p, r, f], 1).ravel(), [mp, mr, mf, macro]])


def score_codes(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Per-code and pooled precision, recall and F1 (see Notes of the module).

    Parameters
    ----------
    gold, pred : 0/1 tables, one row per sentence (same order), one column per code key.

    Returns
    -------
    DataFrame
        code (string; per code in column order, then ``micro`` and ``macro``), support, tp,
        fp, fn (Int64; ``macro`` repeats the pooled counts), precision, recall, f1 (float64;
        ``macro`` has only f1, the mean over codes with support).
    """
    keys = [str(c) for c in gold.columns]
    counts = _counts(gold.to_numpy(), pred.loc[:, list(gold.columns)].to_numpy())
    p, r, f = _prf(*counts)
    rows = [(k, counts[0, j] + counts[2, j], *counts[:, j], p[j], r[j], f[j]) for j, k in enumerate(keys)]
    tot = counts.sum(1)
    mp, mr, mf = _prf(*tot)
    rows.append(("micro", tot[0] + tot[2], *tot, float(mp), float(mr), float(mf)))
    s = _summary(counts)
    rows.append(("macro", tot[0] + tot[2], *tot, np.nan, np.nan, float(s[-1])))
    out = pd.DataFrame(rows, columns=["code", "support", "tp", "fp", "fn", "precision", "recall", "f1"])
    return out.astype({"code": "string", "support": "Int64", "tp": "Int64", "fp": "Int64", "fn": "Int64",
                       "precision": "float64", "recall": "float64", "f1": "float64"})


def bootstrap_scores(gold: pd.DataFrame, pred: pd.DataFrame, clusters: Sequence, *, n_boot: int = N_BOOT,
                     seed: int = SEED, level: float = 0.95) -> pd.DataFrame:
    """:func:`score_codes` with cluster-bootstrap percentile intervals (see Notes of the module).

    Parameters
    ----------
    gold, pred : 0/1 tables as for :func:`score_codes`.
    clusters : the source (host) of each sentence; whole sources are resampled.
    n_boot : bootstrap replicates; seed : seed of ``numpy.random.default_rng``.
    level : coverage of the interval.

    Returns
    -------
    DataFrame
        the columns of :func:`score_codes` plus precision_low, precision_high, recall_low,
        recall_high, f1_low, f1_high (float64; NaN where a replicate never defines the score).
    """
    table = score_codes(gold, pred)
    g = gold.to_numpy().astype(bool)
    p = pred.loc[:, list(gold.columns)].to_numpy().astype(bool)
    clusters = np.asarray([str(c) for c in clusters])
    names, inverse = np.unique(clusters, return_inverse=True)
    # counts per cluster: (n_clusters, 3, n_codes), so a replicate is a weighted sum
    per = np.zeros((len(names), 3, g.shape[1]), dtype=np.int64)
    for c in range(len(names)):
        per[c] = _counts(g[inverse == c], p[inverse == c])
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(names), size=(n_boot, len(names)))
    weights = np.stack([np.bincount(d, minlength=len(names)) for d in draws])  # (n_boot, n_clusters)
    reps = np.stack([_summary(np.tensordot(w, per, axes=1)) for w in weights])
    alpha = (1 - level) / 2
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            lo = np.nanquantile(reps, alpha, axis=0)
            hi = np.nanquantile(reps, 1 - alpha, axis=0)
    k = g.shape[1]
    out = table.copy()
    for name, col in (("precision", 0), ("recall", 1), ("f1", 2)):
        low = [lo[j * 3 + col] for j in range(k)] + [lo[3 * k + col], np.nan]
        high = [hi[j * 3 + col] for j in range(k)] + [hi[3 * k + col], np.nan]
        if name == "f1":
            low[-1], high[-1] = lo[-1], hi[-1]
        out[f"{name}_low"] = np.asarray(low, dtype=float)
        out[f"{name}_high"] = np.asarray(high, dtype=float)
    return out


def paired_difference(gold: pd.DataFrame, pred_a: pd.DataFrame, pred_b: pd.DataFrame, clusters: Sequence, *,
                      n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95) -> dict[str, float]:
    """Micro-F1 of ``pred_b`` minus that of ``pred_a`` on the same sentences, with a paired interval.

    Parameters
    ----------
    gold, pred_a, pred_b : 0/1 tables as for :func:`score_codes` (same rows and columns).
    clusters : the source (host) of each sentence; whole sources are resampled.
    n_boot, seed, level : as for :func:`bootstrap_scores`.

    Returns
    -------
    dict
        ``f1_a``, ``f1_b``, ``difference`` (b − a), ``low``, ``high`` (the percentile interval of
        the difference), ``n_sentences``, ``n_clusters``.

    Notes
    -----
    *Paired* cluster bootstrap: each replicate draws hosts with replacement (as many as there
    are) and recomputes both coders' micro-F1 on the *same* drawn sentences, so the interval of
    the difference is much narrower than the two unpaired intervals suggest when the coders err
    on the same hard sentences (Field & Welsh 2007; Koehn 2004 for paired resampling of two
    systems on one test set). The interval is about which sources happen to be in the
    evaluation set, given the two coders; it does not refit them.

    References
    ----------
    Field, C. A., Welsh, A. H. (2007). Bootstrapping clustered data. JRSS B 69(3), 369–390.
    Koehn, P. (2004). Statistical significance tests for machine translation evaluation. EMNLP, 388–395.
    """
    g = gold.to_numpy().astype(bool)
    a = pred_a.loc[:, list(gold.columns)].to_numpy().astype(bool)
    b = pred_b.loc[:, list(gold.columns)].to_numpy().astype(bool)
    clusters = np.asarray([str(c) for c in clusters])
    names, inverse = np.unique(clusters, return_inverse=True)
    per = np.zeros((len(names), 2, 3), dtype=np.int64)  # cluster × coder × (tp, fp, fn) pooled over codes
    for c in range(len(names)):
        rows = inverse == c
        per[c, 0] = _counts(g[rows], a[rows]).sum(1)
        per[c, 1] = _counts(g[rows], b[rows]).sum(1)

    def f1(counts: np.ndarray) -> np.ndarray:  # counts (..., 3)
        tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)

    total = per.sum(0)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(names), size=(n_boot, len(names)))
    weights = np.stack([np.bincount(d, minlength=len(names)) for d in draws])
    reps = np.tensordot(weights, per, axes=1)  # (n_boot, 2, 3)
    diff = f1(reps[:, 1]) - f1(reps[:, 0])
    alpha = (1 - level) / 2
    lo, hi = np.nanquantile(diff, [alpha, 1 - alpha])
    fa, fb = float(f1(total[0])), float(f1(total[1]))
    return {"f1_a": fa, "f1_b": fb, "difference": fb - fa, "low": float(lo), "high": float(hi),
            "n_sentences": int(len(g)), "n_clusters": int(len(names))}


def human_ceiling(labels: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Agreement of annotators A and B per code: F1 (A as gold) and Cohen's κ.

    Parameters
    ----------
    labels : the labels table of :func:`futoko_research.coding.validation.load_validation`.
    keys : the code keys.

    Returns
    -------
    DataFrame
        the columns of :func:`score_codes` (B scored against A) plus ``kappa`` (float64,
        Cohen's κ of the two 0/1 columns; NaN for micro/macro and when undefined), on the
        sentences both A and B coded. Empty (same columns) when no sentence has both.
    """
    from futoko_research.coding.coefficients import cohen_kappa
    from futoko_research.coding.validation import label_matrix

    a = labels[labels["annotator"] == "A"].set_index("sentence_id")
    b = labels[labels["annotator"] == "B"].set_index("sentence_id")
    both = [s for s in a.index if s in b.index]
    ga = label_matrix(a.loc[both, "codes"], keys)
    gb = label_matrix(b.loc[both, "codes"], keys)
    table = score_codes(ga, gb)
    if not both:
        return table.iloc[0:0].assign(kappa=pd.Series(dtype="float64"))
    kappas = []
    for code in table["code"]:
        if code in keys:
            kappas.append(cohen_kappa(ga[code].tolist(), gb[code].tolist()))
        else:
            kappas.append(np.nan)
    return table.assign(kappa=np.asarray(kappas, dtype=float))

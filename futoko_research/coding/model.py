"""The statistical layer of the coder: one logistic regression per code on character n-grams.

:func:`fit_coder_model` trains a :class:`CoderModel` from texts and 0/1 labels;
:meth:`CoderModel.predict_proba` scores statements and :meth:`CoderModel.evidence` names the
n-grams that weigh most for a decision. The model is plain arrays (vocabulary, idf,
coefficients, intercepts, thresholds) plus metadata; :mod:`futoko_research.coding.model_io`
stores it without pickle.

Notes
-----
- Input is the NFKC form of ``text`` (:func:`~futoko_research.loaders.normalize.nfkc_with_offsets`,
  the ``text_norm`` the rules read), lower-cased; features are character n-grams (default 1–3
  characters, ``min_df`` 2) weighted by TF-IDF with sublinear term frequency and smoothed idf,
  rows L2-normalised (scikit-learn's ``TfidfVectorizer``, ``analyzer="char"``). Character
  n-grams need no tokeniser, see inside compounds (不登校 in 不登校児童) and are robust to the
  spelling variants (取組 / 取り組み) that split words differently (McNamee & Mayfield 2004).
- Each code has its own binary ``LogisticRegression`` (liblinear, L2, dual, ``C`` 3, ``class_weight
  ="balanced"`` so that a rare code is not ignored, fixed ``random_state``): a statement can
  carry several codes (binary relevance). A code without positive (or without negative)
  training sentences gets a constant model (coefficients 0, probability 0 or 1).
- The decision threshold of each code is chosen on out-of-fold probabilities of the training
  data, folds grouped by source (``groups``), as the threshold on a fixed grid that maximises
  the code's F1; a code with fewer than ``min_positives`` training positives keeps 0.5. With
  ``thresholds="fixed"`` every code uses 0.5.
- In the hybrid coder the model only *adds* codes the rules did not give, so its threshold
  there is chosen for the union: given the rules' decisions on the training sentences
  (``rule_labels``), the hybrid threshold of a code is the one on the grid 0.30–0.95 (or
  "never", stored as 1.01) that maximises the F1 of *rule or model ≥ threshold* on the same
  out-of-fold probabilities (ties: the higher threshold, i.e. fewer additions). Without rule
  decisions it is ``max(threshold, HYBRID_FLOOR)`` (0.5). Where the rules were written while
  reading the training sentences they look better there than on new reports, which makes these
  thresholds conservative (the model adds less than it could on new sources).
- Fitting is deterministic: liblinear's *dual* coordinate descent (``dual=True``, the usual choice
  with fewer sentences than n-grams) with a fixed seed, features in sorted order. The primal
  solver (TRON) calls BLAS, whose sums change in the last bits with the number of BLAS threads
  the process started with (``OPENBLAS_NUM_THREADS``), so the same data gave different bytes
  under different environments; the dual solver uses no BLAS and converges to the same
  optimum (scores unchanged to two decimals). The same data give the same arrays, bit for bit,
  on the same platform and library versions.

References
----------
Fan, R.-E., Chang, K.-W., Hsieh, C.-J., Wang, X.-R., Lin, C.-J. (2008). LIBLINEAR: A library
for large linear classification. Journal of Machine Learning Research 9, 1871–1874.
McNamee, P., Mayfield, J. (2004). Character n-gram tokenization for European language text
retrieval. Information Retrieval 7, 73–97.
Zhang, M.-L., Zhou, Z.-H. (2014). A review on multi-label learning algorithms. IEEE
Transactions on Knowledge and Data Engineering 26(8), 1819–1837 (binary relevance).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from futoko_research.loaders.normalize import nfkc_with_offsets, norm_span_to_text_span

#: the model family and its format: bump when features, training or the stored arrays change
MODEL_FAMILY = "char-tfidf-logreg"
MODEL_FORMAT = 1
#: defaults of :func:`fit_coder_model`
NGRAM_RANGE = (1, 3)
MIN_DF = 2
C = 3.0
RANDOM_STATE = 0
#: liblinear's dual coordinate descent (no BLAS calls: results independent of BLAS threads)
DUAL = True
#: thresholds searched when they are chosen by cross-validation
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.20, 0.81, 0.05))
#: codes with fewer training positives than this keep the threshold 0.5
MIN_POSITIVES = 8
#: inner folds (grouped by source) used to choose thresholds
THRESHOLD_FOLDS = 5
#: hybrid threshold of a code when no rule decisions are given: max(threshold, HYBRID_FLOOR)
HYBRID_FLOOR = 0.5
#: hybrid thresholds searched when rule decisions are given (NEVER: the model never adds the code)
NEVER = 1.01
HYBRID_GRID = (NEVER, *(round(x, 2) for x in np.arange(0.95, 0.29, -0.05)))

__all__ = ["CoderModel", "MODEL_FAMILY", "MODEL_FORMAT", "best_hybrid_threshold", "best_threshold", "fit_coder_model",
           "model_input"]


def model_input(texts: Iterable) -> list[str]:
    """The text the model reads: NFKC form of each text (``""`` for a missing one)."""
    return [nfkc_with_offsets("" if t is None or pd.isna(t) else str(t))[0] for t in texts]


def _vectorizer(ngram_range, min_df, vocabulary=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=tuple(ngram_range), min_df=min_df if vocabulary is None else 1,
                           lowercase=True, sublinear_tf=True, smooth_idf=True, norm="l2",
                           vocabulary=vocabulary, dtype=np.float64)


@dataclasses.dataclass(frozen=True, eq=False)
class CoderModel:
    """A trained statistical coder: per-code logistic regressions on character n-gram TF-IDF.

    Attributes
    ----------
    keys : code keys, in codebook order (the rows of ``coef``).
    ngram_range : (min_n, max_n) of the character n-grams.
    vocabulary : the n-grams (features), sorted; column j of ``coef`` is ``vocabulary[j]``.
    idf : float64 array (n_features,), the inverse document frequencies.
    coef : float64 array (n_codes, n_features); intercept : float64 array (n_codes,).
    thresholds : float64 array (n_codes,), the probability at or above which the model alone
        gives a code.
    hybrid_thresholds : float64 array (n_codes,), the probability at or above which the hybrid
        coder adds a code the rules did not give.
    meta : dict of JSON values: model_version, model_family, model_format, training_sha256,
        codebook_version, sklearn_version, n_train, n_sources, positives (per code), options.
    """

    keys: tuple[str, ...]
    ngram_range: tuple[int, int]
    vocabulary: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    hybrid_thresholds: np.ndarray
    meta: dict

    @property
    def version(self) -> str:
        """The model version string (family, format and the first 12 hex of the training data's sha256)."""
        return str(self.meta.get("model_version", ""))

    @functools.cached_property
    def _fitted_vectorizer(self):
        """The TF-IDF vectorizer of :attr:`vocabulary` and :attr:`idf`, built once per model.

        Building it validates the whole vocabulary (about 4 ms for the shipped model); the
        evidence of every model code transforms one statement, so building it per call made
        the hybrid coder 3–4 times slower than the rules (measured on 7,070 statements: 13–15 s
        against 3–5 s; built once: 5.9–6.1 s)."""
        vec = _vectorizer(self.ngram_range, 1, vocabulary={t: i for i, t in enumerate(self.vocabulary)})
        vec.idf_ = self.idf
        return vec

    def _transform(self, norms: list[str]):
        if not norms:
            import scipy.sparse as sp

            return sp.csr_matrix((0, len(self.vocabulary)))
        return self._fitted_vectorizer.transform(norms)

    def decision_function(self, texts: Iterable) -> np.ndarray:
        """Linear scores (log-odds), shape (n_texts, n_codes)."""
        x = self._transform(model_input(texts))
        return np.asarray(x @ self.coef.T) + self.intercept

    def predict_proba(self, texts: Iterable) -> pd.DataFrame:
        """Probability of every code for every text.

        Returns
        -------
        DataFrame
            float64 columns named by :attr:`keys`, one row per text (RangeIndex).
        """
        from scipy.special import expit

        return pd.DataFrame(expit(self.decision_function(texts)), columns=list(self.keys))

    def predict(self, texts: Iterable, *, hybrid: bool = False) -> pd.DataFrame:
        """0/1 decisions: probability ≥ the code's threshold (``hybrid``: its hybrid threshold).

        Returns
        -------
        DataFrame
            int8 columns named by :attr:`keys`, one row per text.
        """
        proba = self.predict_proba(texts)
        return (proba >= (self.hybrid_thresholds if hybrid else self.thresholds)).astype("int8")

    def evidence(self, text: str, key: str, *, top: int = 3) -> list[tuple[int, int, float]]:
        """The spans of ``text`` that weigh most for ``key``, strongest first.

        The n-grams of the statement with a positive contribution (TF-IDF value × coefficient)
        are found in the NFKC text; overlapping or touching occurrences of the strongest ten
        merge into spans, each weighted by the summed contribution of its distinct n-grams.
        Punctuation and spaces are trimmed from the ends of a span; single characters are
        dropped when a longer span exists; a span whose text is part of a stronger one's is dropped.

        Returns
        -------
        list of (start_char, end_char, weight)
            offsets into the original ``text`` (NFKC offsets mapped back), at most ``top``.
            Empty when no n-gram pushes towards the code.
        """
        text = "" if text is None or pd.isna(text) else str(text)
        norm, origin = nfkc_with_offsets(text)
        x = self._transform([norm]).tocsr()
        j = self.keys.index(key)
        contrib = x.data * self.coef[j, x.indices]
        order = sorted((i for i in range(len(contrib)) if contrib[i] > 0), key=lambda i: (-contrib[i], x.indices[i]))
        grams = [(self.vocabulary[x.indices[i]], float(contrib[i])) for i in order[:10]]
        low = norm.lower()
        hits: list[tuple[int, int, str, float]] = []
        for gram, w in grams:
            if not gram.strip():
                continue
            start = low.find(gram)
            while start >= 0:
                hits.append((start, start + len(gram), gram, w))
                start = low.find(gram, start + 1)
        if not hits:
            return []
        hits.sort()
        spans: list[list] = []
        for s, e, gram, w in hits:
            if spans and s <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], e)
                spans[-1][2][gram] = w
            else:
                spans.append([s, e, {gram: w}])
        scored = []
        for s, e, ws in spans:
            while s < e and norm[s] in _TRIM:
                s += 1
            while e > s and norm[e - 1] in _TRIM:
                e -= 1
            if e > s:
                scored.append((s, e, sum(ws.values())))
        scored.sort(key=lambda t: (-t[2], t[0]))
        if any(e - s >= 2 for s, e, _ in scored):
            scored = [t for t in scored if t[1] - t[0] >= 2]
        out, seen = [], set()
        for s, e, w in scored:
            if any(norm[s:e] in t for t in seen):
                continue
            seen.add(norm[s:e])
            ts, te = norm_span_to_text_span(origin, s, e)
            if te > ts:
                out.append((ts, te, w))
            if len(out) == top:
                break
        return out


#: characters trimmed from the ends of an evidence span (punctuation and spaces)
_TRIM = frozenset(" \t\u3000、。，．,.・:：;；!！?？「」『』（）()[]【】〔〕\"'")


def _fit_one(x, y: np.ndarray, *, C: float, random_state: int, weight=None) -> tuple[np.ndarray, float]:
    """Coefficients and intercept of one code's logistic regression (constant when y has one class)."""
    from sklearn.linear_model import LogisticRegression

    n_pos = int(y.sum())
    if n_pos == 0 or n_pos == len(y):
        return np.zeros(x.shape[1]), (-20.0 if n_pos == 0 else 20.0)
    clf = LogisticRegression(C=C, solver="liblinear", dual=DUAL, class_weight="balanced", random_state=random_state,
                             max_iter=1000)
    clf.fit(x, y, sample_weight=weight)
    # coefficients kept at float32 precision: the artefact stores them as float32 (half its size,
    # under 2 MB) and a loaded model computes exactly what the trained one does; measured against
    # full precision: probabilities differ by < 1e-7, no decision of the 1,718 corpus sentences changes
    return clf.coef_[0].astype(np.float32).astype(np.float64), float(clf.intercept_[0])


def _fit_arrays(norms: list[str], y: np.ndarray, *, ngram_range, min_df, C, random_state, weight=None):
    vec = _vectorizer(ngram_range, min_df)
    x = vec.fit_transform(norms)
    vocabulary = tuple(vec.get_feature_names_out().tolist())
    coef = np.zeros((y.shape[1], x.shape[1]))
    intercept = np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        coef[j], intercept[j] = _fit_one(x, y[:, j], C=C, random_state=random_state, weight=weight)
    return vocabulary, np.asarray(vec.idf_, dtype=np.float64), coef, intercept, x


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The grid threshold with the highest F1 (ties: the one closest to 0.5, then the lower)."""
    best, best_f1 = 0.5, -1.0
    for t in sorted(THRESHOLD_GRID, key=lambda t: (abs(t - 0.5), t)):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        denom = int(pred.sum()) + int(y.sum())
        f1 = 2 * tp / denom if denom else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = t, f1
    return float(best)


def best_hybrid_threshold(y: np.ndarray, rule: np.ndarray, p: np.ndarray) -> float:
    """The :data:`HYBRID_GRID` threshold with the highest F1 of ``rule | (p ≥ t)`` (ties: the higher)."""
    y, rule = np.asarray(y) == 1, np.asarray(rule) == 1
    best, best_f1 = NEVER, -1.0
    for t in HYBRID_GRID:  # from "never" downwards: a tie keeps the higher threshold
        pred = rule | (p >= t)
        denom = int(pred.sum()) + int(y.sum())
        f1 = 2 * int((pred & y).sum()) / denom if denom else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = t, f1
    return float(best)


def _cv_thresholds(norms: list[str], y: np.ndarray, groups: Sequence, *, ngram_range, min_df, C, random_state,
                   min_positives: int, n_folds: int, weight=None, rules=None,
                   train_only=None) -> tuple[np.ndarray, np.ndarray]:
    from scipy.special import expit
    from sklearn.model_selection import GroupKFold

    groups = np.asarray([str(g) for g in groups])
    always = np.zeros(len(norms), dtype=bool) if train_only is None else np.asarray(train_only, dtype=bool)
    scored = np.flatnonzero(~always)
    fixed = np.flatnonzero(always)
    thresholds = np.full(y.shape[1], 0.5)
    n_groups = len(set(groups[scored]))
    if n_groups < 2:
        return thresholds, np.maximum(thresholds, HYBRID_FLOOR)
    oof = np.zeros(y.shape, dtype=np.float64)
    for inner_train, inner_test in GroupKFold(n_splits=min(n_folds, n_groups)).split(scored, groups=groups[scored]):
        train, test = np.concatenate([scored[inner_train], fixed]), scored[inner_test]
        vocab, idf, coef, intercept, _ = _fit_arrays([norms[i] for i in train], y[train], ngram_range=ngram_range,
                                                     min_df=min_df, C=C, random_state=random_state,
                                                     weight=None if weight is None else weight[train])
        vec = _vectorizer(ngram_range, 1, vocabulary={t: i for i, t in enumerate(vocab)})
        vec.idf_ = idf
        oof[test] = expit(np.asarray(vec.transform([norms[i] for i in test]) @ coef.T) + intercept)
    hybrid = np.full(y.shape[1], HYBRID_FLOOR)
    y, oof = y[scored], oof[scored]
    rules = None if rules is None else rules[scored]
    for j in range(y.shape[1]):
        if int(y[:, j].sum()) >= min_positives:
            thresholds[j] = best_threshold(y[:, j], oof[:, j])
            if rules is not None:
                hybrid[j] = best_hybrid_threshold(y[:, j], rules[:, j], oof[:, j])
        if rules is None:
            hybrid[j] = max(thresholds[j], HYBRID_FLOOR)
    return thresholds, hybrid


def fit_coder_model(texts: Sequence, labels: pd.DataFrame, *, groups: Sequence | None = None,
                    ngram_range: tuple[int, int] = NGRAM_RANGE, min_df: int = MIN_DF, C: float = C,
                    thresholds: str = "cv", min_positives: int = MIN_POSITIVES, random_state: int = RANDOM_STATE,
                    sample_weight: Sequence[float] | None = None, rule_labels: pd.DataFrame | None = None,
                    train_only: Sequence[bool] | None = None, meta: dict | None = None) -> CoderModel:
    """Train a :class:`CoderModel`.

    Parameters
    ----------
    texts : the statements' texts (NFKC-normalised here).
    labels : 0/1 table, one row per text, one column per code key (the model's codes, in
        this order; e.g. :func:`futoko_research.coding.validation.label_matrix`).
    groups : source of each text (host, or case); thresholds are chosen by cross-validation
        grouped by it. Required when ``thresholds="cv"``.
    ngram_range, min_df, C : features and regularisation (see Notes of the module).
    thresholds : ``"cv"`` (per code, by grouped cross-validation) or ``"fixed"`` (0.5).
    min_positives : codes with fewer positives keep 0.5.
    random_state : seed of liblinear.
    sample_weight : weight of each text in the loss (default 1 each), multiplied by the class
        weights; e.g. reviewed sentences of the user's own corpus weigh more than the
        development corpus in a corpus-specific model.
    rule_labels : the rules' 0/1 decisions on ``texts`` (same shape and columns as ``labels``):
        with ``thresholds="cv"`` the hybrid thresholds are chosen for *rules or model* (see
        Notes of the module); without, they are ``max(threshold, 0.5)``.
    train_only : True for rows that are always fitted but never scored when the thresholds are
        chosen (e.g. the SYNTHETIC sentences of :func:`futoko_research.coding.training.synthetic_rows`):
        they join every inner training fold, and only the other rows' out-of-fold probabilities
        choose the thresholds, so the thresholds are fitted to real sentences only.
    meta : extra metadata stored with the model (e.g. model_version, training_sha256).

    Returns
    -------
    CoderModel
    """
    import sklearn

    norms = model_input(texts)
    keys = tuple(str(k) for k in labels.columns)
    y = labels.to_numpy(dtype=np.int64, copy=True)
    if len(norms) != len(y):
        raise ValueError(f"{len(norms)} texts but {len(y)} label rows")
    weight = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if weight is not None and weight.shape != (len(norms),):
        raise ValueError(f"sample_weight has {weight.shape} values for {len(norms)} texts")
    opts = dict(ngram_range=tuple(ngram_range), min_df=min_df, C=C, random_state=random_state)
    vocabulary, idf, coef, intercept, _ = _fit_arrays(norms, y, weight=weight, **opts)
    if thresholds == "cv":
        if groups is None:
            raise ValueError("thresholds='cv' needs groups (the source of each text)")
        rules = None
        if rule_labels is not None:
            rules = rule_labels.loc[:, list(labels.columns)].to_numpy(dtype=np.int64, copy=True)
            if rules.shape != y.shape:
                raise ValueError("rule_labels must have one row per text and the columns of labels")
        only = None if train_only is None else np.asarray(train_only, dtype=bool)
        if only is not None and only.shape != (len(norms),):
            raise ValueError(f"train_only has {only.shape} values for {len(norms)} texts")
        thr, hybrid = _cv_thresholds(norms, y, groups, min_positives=min_positives, n_folds=THRESHOLD_FOLDS,
                                     weight=weight, rules=rules, train_only=only, **opts)
    elif thresholds == "fixed":
        thr = np.full(len(keys), 0.5)
        hybrid = np.maximum(thr, HYBRID_FLOOR)
    else:
        raise ValueError(f"thresholds must be 'cv' or 'fixed', not {thresholds!r}")
    info = {
        "model_family": MODEL_FAMILY, "model_format": MODEL_FORMAT, "sklearn_version": sklearn.__version__,
        "n_train": len(norms), "n_sources": len({str(g) for g in groups}) if groups is not None else None,
        "n_train_only": int(np.sum(train_only)) if train_only is not None else 0,
        "positives": {k: int(y[:, j].sum()) for j, k in enumerate(keys)},
        "options": {"ngram_range": list(ngram_range), "min_df": min_df, "C": C, "thresholds": thresholds,
                    "min_positives": min_positives, "random_state": random_state, "hybrid_floor": HYBRID_FLOOR,
                    "hybrid_thresholds": "cv-union" if rule_labels is not None and thresholds == "cv" else "floor",
                    "class_weight": "balanced", "solver": "liblinear", "dual": DUAL},
    } | dict(meta or {})
    return CoderModel(keys=keys, ngram_range=tuple(int(n) for n in ngram_range), vocabulary=vocabulary, idf=idf,
                      coef=coef, intercept=intercept, thresholds=thr, hybrid_thresholds=hybrid,
                      meta=info)

"""Training data and fitting of the person-name tagger (:mod:`~futoko_research.privacy.nametagger`).

Each text of an annotated fixture gives candidate spans (one to three Sudachi tokens of the
joined view) labelled 1 when the span is a gold person span (up to the evaluator's span
conventions, :func:`~futoko_research.privacy.evaluate.span_key`). The rules' findings on the
same text give the document features and say which candidates the tagger could add at all
(those touching no finding of the rules: ``eligible``).

Notes
-----
Fitting: features seen at least ``min_count`` times in the training rows, binary; scikit-learn's
``LogisticRegression`` (liblinear, *dual*, L2, ``C``, fixed ``random_state``), which uses no
BLAS, so the same rows give the same weights bit for bit on the same platform and versions.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from futoko_research.privacy.evaluate import span_key
from futoko_research.privacy.nametagger import (
    FEATURE_VERSION,
    DocInfo,
    NameTagger,
    candidate_spans,
    doc_info,
    guards_of,
    select_names,
    span_features,
)
from futoko_research.privacy.text import Candidate, Tok, make_view, tokenize, view_span_to_text


@dataclasses.dataclass
class TextRows:
    """The candidates of one text: spans, features, labels, eligibility, and what is needed to
    replay the selection (view, origin, tokens, the rules' document info)."""

    group: str
    text_idx: int
    text: str
    view: str
    origin: list[int]
    toks: list[Tok]
    doc: DocInfo
    spans: list[tuple[int, int]]
    feats: list[list[str]]
    labels: np.ndarray
    eligible: np.ndarray


def pred_to_view(text: str, origin: list[int], pred: pd.DataFrame) -> list[Candidate]:
    """The rules' findings of one text (text coordinates) as view-coordinate candidates."""
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for r in pred.itertuples():
        s, e = inv.get(int(r.start)), inv.get(int(r.end) - 1)
        if s is None or e is None:
            continue
        out.append(Candidate(s, e + 1, str(r.kind), str(r.detector), float(r.confidence)))
    return out


def build_rows(group: str, texts: Sequence[str], gold: pd.DataFrame, pred: pd.DataFrame) -> list[TextRows]:
    """Candidate rows of every text of one fixture, given its gold spans and the rules' findings
    (``find_personal_data(texts, include_uncertain=True)``)."""
    gold_keys = {span_key(r.text_idx, r.start, r.end, r.kind, str(r.text))
                 for r in gold.itertuples() if r.kind == "person"}
    out = []
    for idx, text in enumerate(texts):
        view, origin = make_view(text)
        toks = tokenize(view)
        cands = pred_to_view(text, origin, pred[pred["text_idx"] == idx])
        doc = doc_info(view, cands)
        spans = candidate_spans(toks, origin)
        feats = [span_features(view, toks, i, j, doc, origin) for i, j in spans]
        labels, eligible = [], []
        taken = doc.taken
        for i, j in spans:
            s, e = toks[i].start, toks[j - 1].end
            ts, te = view_span_to_text(origin, s, e)
            labels.append(span_key(idx, ts, te, "person", text[ts:te]) in gold_keys)
            eligible.append(not any(s <= b and a <= e for a, b in taken))
        out.append(TextRows(group, idx, text, view, origin, toks, doc, spans, feats,
                            np.asarray(labels, dtype=bool), np.asarray(eligible, dtype=bool)))
    return out


def fit_tagger(rows: Iterable[TextRows], *, c: float = 0.5, min_count: int = 3, eligible_only: bool = False,
               threshold: float = 0.5, meta: dict | None = None) -> NameTagger:
    """Fit a :class:`~futoko_research.privacy.nametagger.NameTagger` on candidate rows."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats: list[list[str]] = []
    y: list[bool] = []
    for tr in rows:
        for f, lab, el in zip(tr.feats, tr.labels, tr.eligible):
            if eligible_only and not el:
                continue
            feats.append(f)
            y.append(bool(lab))
    counts = Counter(x for f in feats for x in set(f))
    names = tuple(sorted(k for k, v in counts.items() if v >= min_count))
    index = {k: n for n, k in enumerate(names)}
    ind, ptr = [], [0]
    for f in feats:
        ind.extend(sorted({index[x] for x in f if x in index}))
        ptr.append(len(ind))
    x = csr_matrix((np.ones(len(ind)), np.asarray(ind, dtype=np.int64), np.asarray(ptr, dtype=np.int64)),
                   shape=(len(feats), len(names)))
    clf = LogisticRegression(solver="liblinear", dual=True, C=c, max_iter=5000, random_state=0)
    clf.fit(x, np.asarray(y, dtype=int))
    info = {"feature_version": FEATURE_VERSION, "c": c, "min_count": min_count, "eligible_only": eligible_only,
            "n_rows": len(y), "n_positive": int(sum(y)), **(meta or {})}
    return NameTagger(names, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), float(threshold), info)


def additions(tr: TextRows, probs: np.ndarray, threshold: float,
              guarded_threshold: float | None = None) -> list[tuple[int, int]]:
    """Text-coordinate spans the tagger adds to one text at ``threshold`` (``guarded_threshold``
    for candidates under a soft guard; default the same), given its scores."""
    got = select_names(tr.view, tr.toks, tr.spans, probs, tr.doc, threshold,
                       guards=guards_of(tr.feats), guarded_threshold=guarded_threshold)
    return [view_span_to_text(tr.origin, c.start, c.end) for c in got]


def training_sha256(paths: Sequence[str | Path]) -> str:
    """sha256 over the training fixtures' names and bytes, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        p = Path(p)
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()

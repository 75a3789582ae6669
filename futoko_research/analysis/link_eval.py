"""Scoring cause → effect links against gold pairs: pair precision, recall and F1 with intervals.

A *pair* is (cause code, effect code) of the cartesian product of a sentence's cause codes and
effect codes; a sentence's pairs form a set. :func:`pairs_from_links` turns
:func:`~futoko_research.analysis.links.extract_links` output into such sets, :func:`pairs_from_labels`
reads them from annotation rows (``cause_codes`` and ``effect_codes`` joined with ``;``), and
:func:`pair_scores` compares two sets of sets: micro-averaged precision, recall and F1 over every
sentence, with percentile intervals from a bootstrap that resamples clusters (e.g. the host each
sentence comes from) — sentences of one source are not independent.

The same function gives human–human agreement: annotator B's pairs scored against annotator A's
(precision = share of B's pairs that A also has, recall = share of A's pairs that B has).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

Pair = tuple[str, str]


def _split_codes(value) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.split(";") if c.strip()]
    return [str(c) for c in value]


def pairs_from_labels(labels: pd.DataFrame, *, id_col: str = "sentence_id") -> dict[str, set[Pair]]:
    """Gold pairs per sentence from annotation rows (cause_codes × effect_codes, ``;``-joined or lists)."""
    out: dict[str, set[Pair]] = {}
    for sid, cause, effect in zip(labels[id_col].astype(str), labels["cause_codes"], labels["effect_codes"]):
        out.setdefault(sid, set()).update((c, e) for c in _split_codes(cause) for e in _split_codes(effect))
    return out


def pairs_from_links(
    links: pd.DataFrame, *, polarity: Iterable[str] | None = ("positive",), modality: Iterable[str] | None = None,
) -> dict[str, set[Pair]]:
    """Predicted pairs per statement from :func:`~futoko_research.analysis.links.extract_links` output.

    Parameters
    ----------
    links : the links table.
    polarity, modality : links kept (default: positive links of any modality — a gold link of an aim
        「…を通して…を目指す」 is a link too; a denied effect is not).
    """
    lk = links
    if polarity is not None and "polarity" in lk.columns:
        lk = lk[lk["polarity"].astype("string").isin(list(polarity)).to_numpy(dtype=bool)]
    if modality is not None and "modality" in lk.columns:
        lk = lk[lk["modality"].astype("string").isin(list(modality)).to_numpy(dtype=bool)]
    out: dict[str, set[Pair]] = {}
    for sid, cause, effect in zip(lk["statement_id"].astype(str), lk["cause_codes"], lk["effect_codes"]):
        out.setdefault(sid, set()).update((c, e) for c in _split_codes(cause) for e in _split_codes(effect))
    return out


def _prf(tp: np.ndarray, n_pred: np.ndarray, n_gold: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n_pred > 0, tp / np.maximum(n_pred, 1), np.nan)
        r = np.where(n_gold > 0, tp / np.maximum(n_gold, 1), np.nan)
        f = np.where(n_pred + n_gold > 0, 2 * tp / np.maximum(n_pred + n_gold, 1), np.nan)
    return p, r, f


def pair_scores(
    gold: Mapping[str, set[Pair]],
    pred: Mapping[str, set[Pair]],
    clusters: Mapping[str, str] | None = None,
    *,
    sentences: Iterable[str] | None = None,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 20240401,
) -> pd.DataFrame:
    """Micro pair precision, recall and F1 of ``pred`` against ``gold``, with cluster-bootstrap intervals.

    Parameters
    ----------
    gold, pred : sentence id → set of (cause code, effect code) pairs. A sentence missing from one
        of them has no pairs there.
    clusters : sentence id → cluster (e.g. the host of its source); default: each sentence its own
        cluster.
    sentences : the sentences scored (default: every id of ``gold``; pass the ids that were
        annotated, so that sentences without gold pairs count towards precision).
    n_boot : bootstrap replicates (0: no interval).
    level : interval level.
    seed : seed of :class:`numpy.random.Generator` (results are deterministic).

    Returns
    -------
    pandas.DataFrame
        One row per metric (``precision``, ``recall``, ``f1``): metric (string), estimate,
        conf_low, conf_high (float64), n_true_pos, n_pred, n_gold, n_sentences, n_clusters (Int64).

    Notes
    -----
    Micro averaging pools the pairs of all sentences: precision = TP / predicted pairs, recall =
    TP / gold pairs, F1 = 2 TP / (predicted + gold). The interval is the percentile interval of
    the statistic over ``n_boot`` resamples of whole clusters with replacement (Field & Welsh
    2007), so that sentences of one source move together; replicates where the statistic is
    undefined (no predicted pair, say) are left out. With one cluster the interval is a point.

    References
    ----------
    Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13 (percentile
    intervals). Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B* 69(3),
    369–390.
    """
    ids = list(dict.fromkeys(sentences if sentences is not None else gold.keys()))
    clusters = clusters or {}
    names = [str(clusters.get(i, i)) for i in ids]
    order = list(dict.fromkeys(names))
    pos = {c: k for k, c in enumerate(order)}
    tp_c = np.zeros(len(order))
    pred_c = np.zeros(len(order))
    gold_c = np.zeros(len(order))
    for sid, c in zip(ids, names):
        g, p = set(gold.get(sid, ())), set(pred.get(sid, ()))
        k = pos[c]
        tp_c[k] += len(g & p)
        pred_c[k] += len(p)
        gold_c[k] += len(g)
    est = _prf(np.array([tp_c.sum()]), np.array([pred_c.sum()]), np.array([gold_c.sum()]))
    lo = hi = [np.full(1, np.nan)] * 3
    if n_boot and len(order):
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, len(order), size=(int(n_boot), len(order)))
        reps = _prf(tp_c[idx].sum(axis=1), pred_c[idx].sum(axis=1), gold_c[idx].sum(axis=1))
        a = (1 - level) / 2
        lo = [np.array([np.nanquantile(r, a)]) if np.isfinite(r).any() else np.full(1, np.nan) for r in reps]
        hi = [np.array([np.nanquantile(r, 1 - a)]) if np.isfinite(r).any() else np.full(1, np.nan) for r in reps]
    rows = []
    for k, metric in enumerate(("precision", "recall", "f1")):
        rows.append({"metric": metric, "estimate": float(est[k][0]), "conf_low": float(lo[k][0]),
                     "conf_high": float(hi[k][0]), "n_true_pos": int(tp_c.sum()), "n_pred": int(pred_c.sum()),
                     "n_gold": int(gold_c.sum()), "n_sentences": len(ids), "n_clusters": len(order)})
    out = pd.DataFrame(rows)
    return out.astype({"metric": "string", "estimate": "float64", "conf_low": "float64", "conf_high": "float64",
                       "n_true_pos": "Int64", "n_pred": "Int64", "n_gold": "Int64", "n_sentences": "Int64",
                       "n_clusters": "Int64"})


__all__ = ["Pair", "pair_scores", "pairs_from_labels", "pairs_from_links"]

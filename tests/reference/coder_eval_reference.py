"""Reference values for the coder's scores and its cluster bootstrap, in exact rational arithmetic.

Standard library only (fractions, itertools, math): nothing is shared with
``futoko_research.coding.evaluation`` (numpy) or scikit-learn. Run
``python tests/reference/coder_eval_reference.py`` to print the values hard-coded in
``tests/test_coder_evaluation.py``.

- Scores: per code tp/fp/fn over sentences; precision tp/(tp+fp), recall tp/(tp+fn),
  F1 2tp/(2tp+fp+fn); micro pools the counts; macro F1 averages the per-code F1 over codes
  with support (tp+fn > 0).
- Cluster bootstrap, exactly: drawing K clusters with replacement from K clusters gives every
  count vector (k_1 … k_K), Σ k = K, with the multinomial probability K! / Π k_i! · K^-K; the
  replicate's counts are Σ k_i · counts_i. The exact bootstrap distribution of micro F1 is
  enumerated over all count vectors; its 2.5 % and 97.5 % quantiles are the smallest atoms whose
  CDF reaches 0.025 and 0.975. The CDF just below and at each quantile atom is printed too, to
  show the crossing lies well inside the atom's mass (so a Monte Carlo percentile with 20,000
  replicates lands on the atom).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

KEYS = ("a", "b", "c")
#: (host, gold codes, predicted codes) of the small example
SENTENCES = [
    ("h1", {"a"}, {"a"}), ("h1", {"a", "b"}, {"a"}), ("h1", set(), {"c"}),
    ("h2", {"b"}, {"b"}), ("h2", {"c"}, set()), ("h2", {"a"}, {"a", "b"}),
    ("h3", {"c"}, {"c"}), ("h3", set(), set()), ("h3", {"a"}, {"a"}),
    ("h4", {"a"}, {"a"}), ("h4", {"b", "c"}, {"b"}), ("h4", set(), {"a"}),
    ("h5", {"b"}, {"c"}), ("h5", {"a"}, {"a"}), ("h5", set(), {"a"}),
]


def counts(rows) -> dict[str, tuple[int, int, int]]:
    out = {}
    for k in KEYS:
        tp = sum(k in g and k in p for _, g, p in rows)
        fp = sum(k not in g and k in p for _, g, p in rows)
        fn = sum(k in g and k not in p for _, g, p in rows)
        out[k] = (tp, fp, fn)
    return out


def f1(tp, fp, fn):
    return Fraction(2 * tp, 2 * tp + fp + fn) if 2 * tp + fp + fn else None


def scores(rows):
    c = counts(rows)
    per = {k: (Fraction(tp, tp + fp) if tp + fp else None, Fraction(tp, tp + fn) if tp + fn else None, f1(tp, fp, fn))
           for k, (tp, fp, fn) in c.items()}
    tp, fp, fn = (sum(v[i] for v in c.values()) for i in range(3))
    micro = (Fraction(tp, tp + fp), Fraction(tp, tp + fn), f1(tp, fp, fn))
    with_support = [per[k][2] for k, (tp_k, _, fn_k) in c.items() if tp_k + fn_k > 0]
    macro = sum(with_support) / len(with_support)
    return c, per, micro, macro


def exact_bootstrap_micro_f1():
    hosts = sorted({h for h, _, _ in SENTENCES})
    per_host = {h: counts([s for s in SENTENCES if s[0] == h]) for h in hosts}
    totals = {h: tuple(sum(v[i] for v in per_host[h].values()) for i in range(3)) for h in hosts}
    K = len(hosts)
    dist: dict[Fraction, Fraction] = {}
    for ks in itertools.product(range(K + 1), repeat=K):
        if sum(ks) != K:
            continue
        prob = Fraction(math.factorial(K), math.prod(math.factorial(k) for k in ks) * K ** K)
        tp, fp, fn = (sum(k * totals[h][i] for k, h in zip(ks, hosts)) for i in range(3))
        value = f1(tp, fp, fn)
        dist[value] = dist.get(value, 0) + prob
    return dist


#: a second coder's predictions for the same sentences (paired difference, ``paired_difference``)
SECOND = [{"a"}, {"a", "b"}, set(), {"b"}, {"c"}, {"a"}, {"c"}, {"c"}, {"a"}, {"a"}, {"b"}, set(), set(), {"a"}, {"a"}]


def exact_bootstrap_difference():
    """Exact bootstrap distribution of micro F1 (SECOND) − micro F1 (first), hosts drawn for both."""
    hosts = sorted({h for h, _, _ in SENTENCES})
    second = [(h, g, p2) for (h, g, _), p2 in zip(SENTENCES, SECOND)]
    tot = {}
    for name, rows in (("a", SENTENCES), ("b", second)):
        for h in hosts:
            c = counts([s for s in rows if s[0] == h])
            tot[name, h] = tuple(sum(v[i] for v in c.values()) for i in range(3))
    K = len(hosts)
    dist: dict[Fraction, Fraction] = {}
    for ks in itertools.product(range(K + 1), repeat=K):
        if sum(ks) != K:
            continue
        prob = Fraction(math.factorial(K), math.prod(math.factorial(k) for k in ks) * K ** K)
        fa, fb = (f1(*(sum(k * tot[name, h][i] for k, h in zip(ks, hosts)) for i in range(3))) for name in ("a", "b"))
        dist[fb - fa] = dist.get(fb - fa, 0) + prob
    return dist


def quantile_atom(dist, q):
    cdf = Fraction(0)
    for value in sorted(dist):
        before = cdf
        cdf += dist[value]
        if cdf >= q:
            return value, before, cdf
    raise AssertionError


if __name__ == "__main__":
    c, per, micro, macro = scores(SENTENCES)
    print("counts", c)
    for k in KEYS:
        print(k, [str(x) for x in per[k]], [float(x) for x in per[k]])
    print("micro", [str(x) for x in micro], [float(x) for x in micro])
    print("macro F1", macro, float(macro))
    dist = exact_bootstrap_micro_f1()
    assert sum(dist.values()) == 1
    for q in (Fraction(1, 40), Fraction(39, 40)):
        value, before, at = quantile_atom(dist, q)
        print(f"quantile {float(q)}: atom {value} = {float(value)!r}; CDF below {float(before):.4f}, at {float(at):.4f}")
    second = [(h, g, p2) for (h, g, _), p2 in zip(SENTENCES, SECOND)]
    print("second coder micro", [str(x) for x in scores(second)[2]])
    diff = exact_bootstrap_difference()
    assert sum(diff.values()) == 1
    for q in (Fraction(1, 40), Fraction(39, 40)):
        value, before, at = quantile_atom(diff, q)
        print(f"difference quantile {float(q)}: atom {value} = {float(value)!r}; "
              f"CDF below {float(before):.4f}, at {float(at):.4f}")

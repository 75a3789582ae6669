"""Reference values for the pair scores of :mod:`futoko_research.analysis.link_eval`.

Computed with the standard library only (no numpy, no scipy), so that the test compares our
function with numbers that share no code with it:

- micro precision, recall and F1 by counting the pairs of :data:`GOLD` and :data:`PRED`;
- the cluster bootstrap *exactly*: with 6 clusters there are 6⁶ = 46,656 equally likely ordered
  resamples; the 2.5 % and 97.5 % points of the statistic over all of them (inverted CDF,
  resamples with an undefined statistic left out) are what a percentile bootstrap with many
  replicates converges to.

Run ``python tests/reference/link_eval_reference.py`` to print the values hard-coded in
``tests/test_link_eval.py`` (``MICRO_REFERENCE``, ``BOOT_REFERENCE``).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

# sentence → pairs; cluster of each sentence (the same data as in tests/test_link_eval.py)
GOLD = {
    "s1": {("ict", "school_return")}, "s2": {("ict", "self_esteem"), ("counseling", "self_esteem")},
    "s3": {("home_visit", "school_return")}, "s4": set(), "s5": {("experiential", "social_relations")},
    "s6": {("ict", "school_return"), ("ict", "learning_motivation")}, "s7": {("counseling", "emotional_stability")},
    "s8": {("peer_interaction", "social_relations")}, "s9": set(),
}
PRED = {
    "s1": {("ict", "school_return")}, "s2": {("ict", "self_esteem")}, "s3": {("home_visit", "daily_rhythm")},
    "s4": {("ict", "school_return")}, "s5": {("experiential", "social_relations")},
    "s6": {("ict", "school_return"), ("ict", "learning_motivation")}, "s7": set(),
    "s8": {("peer_interaction", "social_relations"), ("counseling", "social_relations")},
    "s9": {("ict", "self_esteem")},
}
CLUSTERS = {"s1": "h1", "s2": "h1", "s3": "h2", "s4": "h2", "s5": "h3", "s6": "h4", "s7": "h5", "s8": "h6", "s9": "h6"}


def per_cluster():
    out = {}
    for sid in GOLD:
        tp, npred, ngold = out.get(CLUSTERS[sid], (0, 0, 0))
        g, p = GOLD[sid], PRED[sid]
        out[CLUSTERS[sid]] = (tp + len(g & p), npred + len(p), ngold + len(g))
    return out


def prf(tp, npred, ngold):
    p = Fraction(tp, npred) if npred else None
    r = Fraction(tp, ngold) if ngold else None
    f = Fraction(2 * tp, npred + ngold) if npred + ngold else None
    return p, r, f


def quantile(values, q):
    """Inverted-CDF quantile of equally weighted values."""
    v = sorted(values)
    k = max(0, -(-len(v) * q // 1) - 1)  # ceil(n q) - 1
    return v[int(k)]


def main():
    cl = per_cluster()
    tot = [sum(x[i] for x in cl.values()) for i in range(3)]
    print("MICRO_REFERENCE =", tuple(round(float(x), 10) for x in prf(*tot)), "# precision, recall, f1;", tot)
    names = sorted(cl)
    reps = [[], [], []]
    for combo in itertools.product(names, repeat=len(names)):
        s = [sum(cl[c][i] for c in combo) for i in range(3)]
        for k, x in enumerate(prf(*s)):
            if x is not None:
                reps[k].append(x)
    bounds = tuple((round(float(quantile(r, 0.025)), 10), round(float(quantile(r, 0.975)), 10)) for r in reps)
    print("BOOT_REFERENCE =", bounds, "# (low, high) of precision, recall, f1")


if __name__ == "__main__":
    main()

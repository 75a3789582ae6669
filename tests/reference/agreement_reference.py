"""Reference values for Cohen's kappa and Krippendorff's alpha, in exact rational arithmetic.

Computed by hand from the definitions with :class:`fractions.Fraction` and the standard
library only (no statsmodels, no krippendorff package), so the tests compare our wrappers with
numbers that share no code with them. Run ``python tests/reference/agreement_reference.py`` to
print the values hard-coded in ``tests/test_agreement.py``.

- Cohen (1960): kappa = (p_o − p_e) / (1 − p_e), p_o the share of agreeing units, p_e =
  Σ_k p_a(k) p_b(k) from each coder's marginal shares; units missing for either coder dropped.
- Krippendorff (2011), nominal: o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1) over
  units with m_u ≥ 2 values, n_c = Σ_k o_ck, n = Σ_c n_c; alpha = 1 − (n − 1) Σ_{c≠k} o_ck /
  Σ_{c≠k} n_c n_k.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

NA = None


def kappa(a: list, b: list) -> Fraction:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    n = len(pairs)
    p_o = Fraction(sum(x == y for x, y in pairs), n)
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    p_e = sum(Fraction(ca[k], n) * Fraction(cb[k], n) for k in ca)
    return (p_o - p_e) / (1 - p_e)


def alpha_nominal(matrix: list[list]) -> Fraction:
    o: Counter = Counter()
    for u in range(len(matrix[0])):
        values = [row[u] for row in matrix if row[u] is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += Fraction(1, m - 1)
    n_c: Counter = Counter()
    for (c, _k), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    return 1 - (n - 1) * d_o / d_e


# Textbook two-coder table: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (p_o = 0.7, p_e = 0.5).
KAPPA_TEXTBOOK = ([1] * 25 + [0] * 25, [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15)
# Three categories (strings) with missing values.
KAPPA_THREE = (["a", "a", "b", "c", "b", "a", NA, "c", "c", "b", "a", "b"],
               ["a", "b", "b", "c", "b", "a", "c", "a", "c", NA, "a", "c"])
# Krippendorff (2011) section A: 2 coders, 10 units, binary (published alpha 0.095).
ALPHA_BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
# Krippendorff (2011) section C: 4 observers x 12 units, nominal, missing data (published 0.743).
ALPHA_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]

if __name__ == "__main__":
    for name, value in [("KAPPA_TEXTBOOK", kappa(*KAPPA_TEXTBOOK)), ("KAPPA_THREE", kappa(*KAPPA_THREE)),
                        ("ALPHA_BINARY", alpha_nominal(ALPHA_BINARY)), ("ALPHA_2011", alpha_nominal(ALPHA_2011))]:
        print(f"{name}: {value} = {float(value)!r}")

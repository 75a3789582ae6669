"""Reference values for the Woolf odds-ratio interval and the Wilson score interval.

Computed by hand from the formulas, in 50-digit decimal arithmetic with the standard library
only (no scipy, no statsmodels), so the tests compare our wrappers with numbers that share no
code with them. Run ``python tests/reference/woolf_wilson_reference.py`` to print the values
hard-coded in ``tests/test_analysis.py`` (``WOOLF_REFERENCE``, ``WILSON_REFERENCE``).

- z = Φ⁻¹(1 − alpha/2): Newton's method on Φ(x) = (1 + erf(x / √2)) / 2, with erf from its
  Taylor series.
- Woolf (1955): OR = ad / bc, CI = exp(ln OR ± z sqrt(1/a + 1/b + 1/c + 1/d)); when a cell is
  0, 0.5 is added to every cell first (Haldane 1956).
- Wilson (1927): (p + z²/2n ± z sqrt(p(1 − p)/n + z²/4n²)) / (1 + z²/n), p = k/n, clipped to
  [0, 1].
"""

from __future__ import annotations

from decimal import Decimal, getcontext

getcontext().prec = 50
D = Decimal


def pi() -> Decimal:
    """π by the series in the :mod:`decimal` documentation's recipes."""
    getcontext().prec += 2
    three = D(3)
    lasts, t, s, n, na, d, da = 0, three, 3, 1, 0, 0, 24
    while s != lasts:
        lasts = s
        n, na = n + na, na + 8
        d, da = d + da, da + 32
        t = (t * n) / d
        s += t
    getcontext().prec -= 2
    return +s


def erf(x: Decimal) -> Decimal:
    """erf(x) = 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1))."""
    total, term, n = D(0), x, 0  # term = (−1)ⁿ x²ⁿ⁺¹ / n!
    while True:
        add = term / (2 * n + 1)
        if abs(add) < D(10) ** -60:
            break
        total += add
        n += 1
        term = -term * x * x / n
    return 2 / pi().sqrt() * total


def norm_cdf(x: Decimal) -> Decimal:
    return (1 + erf(x / D(2).sqrt())) / 2


def norm_ppf(p: Decimal) -> Decimal:
    x = D(2)
    for _ in range(100):
        step = (norm_cdf(x) - p) / ((-x * x / 2).exp() / (2 * pi()).sqrt())
        x -= step
        if abs(step) < D(10) ** -45:
            break
    return x


def woolf(a: int, b: int, c: int, d: int, alpha: str = "0.05") -> tuple[Decimal, Decimal, Decimal]:
    z = norm_ppf(1 - D(alpha) / 2)
    cells = [D(v) for v in (a, b, c, d)]
    if min(cells) == 0:
        cells = [v + D("0.5") for v in cells]
    a_, b_, c_, d_ = cells
    log_or = (a_ * d_ / (b_ * c_)).ln()
    se = (1 / a_ + 1 / b_ + 1 / c_ + 1 / d_).sqrt()
    return log_or.exp(), (log_or - z * se).exp(), (log_or + z * se).exp()


def wilson(k: int, n: int, alpha: str = "0.05") -> tuple[Decimal, Decimal]:
    z = norm_ppf(1 - D(alpha) / 2)
    p, n_ = D(k) / D(n), D(n)
    denom = 1 + z * z / n_
    centre = (p + z * z / (2 * n_)) / denom
    half = z * (p * (1 - p) / n_ + z * z / (4 * n_ * n_)).sqrt() / denom
    lo, hi = centre - half, centre + half
    if k == 0:  # centre == half exactly; 50-digit rounding would leave about 1e-50
        lo = D(0)
    return max(D(0), lo), min(D(1), hi)


WOOLF_TABLES = [(12, 5, 6, 14), (40, 60, 25, 75), (1, 1, 1, 1), (0, 5, 3, 4), (7, 0, 0, 9), (3, 9, 0, 11)]
WILSON_CASES = [(0, 10, "0.05"), (3, 10, "0.05"), (10, 10, "0.05"), (1, 1, "0.05"), (57, 240, "0.05"),
                (3, 10, "0.01"), (3, 10, "0.1")]

if __name__ == "__main__":
    print("z(0.05) =", norm_ppf(D("0.975")))
    print("WOOLF_REFERENCE = {")
    for t in WOOLF_TABLES:
        print(f"    {t}: ({', '.join(repr(float(v)) for v in woolf(*t))}),")
    print("}")
    print("WILSON_REFERENCE = {")
    for k, n, alpha in WILSON_CASES:
        print(f"    ({k}, {n}, {alpha}): ({', '.join(repr(float(v)) for v in wilson(k, n, alpha))}),")
    print("}")

"""Reference values for the misclassification corrections, in exact rational arithmetic.

Computed by hand from the definitions with :class:`fractions.Fraction` and the standard library
only (no numpy, no pandas, nothing of futoko_research), so the tests compare
``futoko_research.analysis.misclassification`` with numbers that share no code with it. Run
``python tests/reference/rogan_gladen_reference.py`` to print the values hard-coded in
``tests/test_misclassification.py`` (``ROGAN_GLADEN_REFERENCE``, ``MATRIX_REFERENCE``,
``VALIDATION_MATRIX_REFERENCE``).

- Rogan & Gladen (1978): p = (p_obs + Sp − 1) / (Se + Sp − 1), with p_obs = k / n,
  Se = tp / (tp + fn), Sp = tn / (tn + fp); clipped to [0, 1]; undefined when Se + Sp <= 1.
- Matrix method (Barron 1977; Greenland 1988): observed cell (x*, y*) =
  Σ over true cells (x, y) of P(x* | x) P(y* | y) · true(x, y) for independent non-differential
  error (enumerated, not written as a Kronecker product); the corrected table solves that
  linear system by Gauss–Jordan elimination on fractions.
- Matrix estimated from a validation sample: P(observed cell i | true cell j) =
  count(true j, observed i) / count(true j); the corrected table again by Gauss–Jordan.
"""

from __future__ import annotations

from fractions import Fraction as F

CELLS = ((1, 1), (1, 0), (0, 1), (0, 0))  # a, b, c, d = (exposure, outcome)


def rogan_gladen(k: int, n: int, tp: int, fn: int, fp: int, tn: int):
    p, se, sp = F(k, n), F(tp, tp + fn), F(tn, tn + fp)
    if se + sp <= 1:
        return None
    est = (p + sp - 1) / (se + sp - 1)
    return min(max(est, F(0)), F(1))


def p_obs(obs: int, true: int, se: F, sp: F) -> F:
    """P(observed flag = obs | true flag = true)."""
    if true == 1:
        return se if obs == 1 else 1 - se
    return 1 - sp if obs == 1 else sp


def observed_from_true(true: list[F], se_x: F, sp_x: F, se_y: F, sp_y: F) -> list[F]:
    return [sum(p_obs(xs, x, se_x, sp_x) * p_obs(ys, y, se_y, sp_y) * true[j] for j, (x, y) in enumerate(CELLS))
            for xs, ys in CELLS]


def solve(matrix: list[list[F]], rhs: list[F]) -> list[F]:
    """Gauss–Jordan elimination with exact fractions."""
    n = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        a[col] = [v / a[col][col] for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                a[r] = [vr - a[r][col] * vc for vr, vc in zip(a[r], a[col])]
    return [a[i][n] for i in range(n)]


def matrix_nondifferential(se_x: F, sp_x: F, se_y: F, sp_y: F) -> list[list[F]]:
    return [[p_obs(xs, x, se_x, sp_x) * p_obs(ys, y, se_y, sp_y) for x, y in CELLS] for xs, ys in CELLS]


def matrix_from_validation(counts: list[list[int]]) -> list[list[F]]:
    """counts[j][i]: validation cases in true cell j and observed cell i → M[i][j]."""
    return [[F(counts[j][i], sum(counts[j])) for j in range(4)] for i in range(4)]


#: (k, n, tp, fn, fp, tn)
RG_CASES = [
    (43, 200, 30, 20, 3, 47),    # Se 0.6, Sp 0.94
    (10, 50, 18, 2, 5, 75),      # Se 0.9, Sp 0.9375
    (0, 40, 9, 1, 2, 18),        # observed 0 below 1 − Sp: clipped to 0
    (40, 40, 9, 1, 2, 18),       # observed 1 above Se: clipped to 1
    (7, 20, 5, 5, 10, 10),       # Se + Sp = 1: undefined
    (123, 457, 61, 19, 11, 309),
]
#: (true a, b, c, d), (Se_x, Sp_x, Se_y, Sp_y)
MATRIX_CASES = [
    ((30, 70, 20, 180), (F(7, 10), F(9, 10), F(3, 5), F(19, 20))),
    ((12, 8, 25, 55), (F(4, 5), F(17, 20), F(9, 10), F(4, 5))),
]
#: validation counts[true cell][observed cell], and an observed table
VALIDATION_CASES = [
    ([[40, 5, 8, 2], [4, 50, 1, 6], [6, 1, 60, 5], [1, 3, 4, 120]], (50, 80, 90, 280)),
    ([[9, 1, 2, 0], [1, 14, 0, 2], [2, 0, 20, 3], [0, 1, 2, 43]], (11, 19, 25, 45)),
]


def main() -> None:
    print("ROGAN_GLADEN_REFERENCE = {")
    for case in RG_CASES:
        v = rogan_gladen(*case)
        print(f"    {case}: {'None' if v is None else repr(float(v))},")
    print("}")
    print("MATRIX_REFERENCE = [  # (true table, rates, observed = M·true, det(obs)/det(true))")
    for true, rates in MATRIX_CASES:
        t = [F(v) for v in true]
        obs = observed_from_true(t, *rates)
        back = solve(matrix_nondifferential(*rates), obs)
        assert back == t
        ratio = (obs[0] * obs[3] - obs[1] * obs[2]) / (t[0] * t[3] - t[1] * t[2])
        se_x, sp_x, se_y, sp_y = rates
        assert ratio == (se_x + sp_x - 1) * (se_y + sp_y - 1)
        print(f"    ({true}, {tuple(float(r) for r in rates)}, {tuple(float(v) for v in obs)}, {float(ratio)!r}),")
    print("]")
    print("VALIDATION_MATRIX_REFERENCE = [  # (counts, observed, corrected cells)")
    for counts, observed in VALIDATION_CASES:
        corrected = solve(matrix_from_validation(counts), [F(v) for v in observed])
        print(f"    ({counts}, {observed}, {tuple(float(v) for v in corrected)}),")
    print("]")


if __name__ == "__main__":
    main()

"""Reference values for tests/test_views.py: correspondence analysis of Greenacre's smoke table.

Independent of futoko_research: the textbook recipe written out with plain numpy (Greenacre 2017,
*Correspondence Analysis in Practice*, 3rd ed., appendix A), run once; its printed output is
hard-coded in the test (statsmodels' habit). The same table ships with R's ``ca`` package as
``smoke``; ``summary(ca::ca(smoke))`` prints the same principal inertias
(0.074759, 0.010017, 0.000414; total 0.085190), which the test also checks.

Run: .venv/bin/python tests/reference/ca_reference.py
"""

import numpy as np

SMOKE = np.array([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]], dtype=float)


def main() -> None:
    p = SMOKE / SMOKE.sum()
    r, c = p.sum(1), p.sum(0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, d, vt = np.linalg.svd(s, full_matrices=False)
    k = 3
    print("principal inertias", np.round(d[:k] ** 2, 8).tolist())
    print("row principal", np.round((u[:, :k] / np.sqrt(r)[:, None]) * d[:k], 6).tolist())
    print("col principal", np.round((vt.T[:, :k] / np.sqrt(c)[:, None]) * d[:k], 6).tolist())
    print("row contributions", np.round(u[:, :k] ** 2, 6).tolist())


if __name__ == "__main__":
    main()

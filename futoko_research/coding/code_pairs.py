"""Co-occurrence of codes: pairs of codes carried by the same statement or case.

Co-occurrence counts units (statements or cases) carrying both codes; Jaccard =
n_both / (n_a + n_b − n_both). The co-occurrence of *words* in the tokens table is
:func:`futoko_research.features.cooccurrence`.
"""

from __future__ import annotations

import pandas as pd

from futoko_research.coding.report import ordered_code_keys


def code_cooccurrence(codes: pd.DataFrame, *, level: str = "statement", codebook=None) -> pd.DataFrame:
    """Co-occurrence of code pairs across statements or cases.

    Formerly ``cooccurrence`` (renamed: :func:`futoko_research.features.cooccurrence` counts
    co-occurring words of the tokens table).

    Parameters
    ----------
    level : ``statement`` (both codes on one statement) or ``case`` (anywhere in one case).

    Returns
    -------
    DataFrame
        code_a, code_b (string; code_a before code_b in codebook order), n_a, n_b, n_both
        (Int64, units), jaccard (float64). One row per unordered pair, zeros included.
    """
    if level not in ("statement", "case"):
        raise ValueError(f"level must be 'statement' or 'case', not {level!r}")
    keys = ordered_code_keys(codes, codebook)
    unit = "statement_id" if level == "statement" else "case_id"
    sets: dict[str, set] = {k: set() for k in keys}
    for u, code in codes[[unit, "code"]].itertuples(index=False):
        if str(code) in sets:
            sets[str(code)].add(str(u))
    rows = []
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            both = len(sets[a] & sets[b])
            union = len(sets[a] | sets[b])
            rows.append((a, b, len(sets[a]), len(sets[b]), both, both / union if union else 0.0))
    out = pd.DataFrame(rows, columns=["code_a", "code_b", "n_a", "n_b", "n_both", "jaccard"])
    return out.astype({"code_a": "string", "code_b": "string", "n_a": "Int64", "n_b": "Int64", "n_both": "Int64",
                       "jaccard": "float64"})


def cooccurrence_matrix(cooc: pd.DataFrame, *, value: str = "jaccard") -> pd.DataFrame:
    """Square code × code matrix (symmetric) from :func:`code_cooccurrence`; the diagonal holds
    n_a (counts) or 1.0 (Jaccard) for codes that occur, 0 otherwise."""
    keys = list(dict.fromkeys(cooc["code_a"].tolist() + cooc["code_b"].tolist()))
    mat = pd.DataFrame(0.0, index=keys, columns=keys)
    n_of: dict[str, int] = {}
    for r in cooc.itertuples(index=False):
        v = float(getattr(r, value))
        mat.loc[r.code_a, r.code_b] = v
        mat.loc[r.code_b, r.code_a] = v
        n_of[r.code_a] = int(r.n_a)
        n_of[r.code_b] = int(r.n_b)
    for k in keys:
        mat.loc[k, k] = (1.0 if n_of.get(k, 0) else 0.0) if value == "jaccard" else float(n_of.get(k, 0))
    return mat

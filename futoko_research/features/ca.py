"""Correspondence analysis of a contingency table (KH Coder's 対応分析), by a short SVD."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class CAResult:
    """Correspondence analysis of a two-way table (see :func:`correspondence_analysis`).

    Attributes
    ----------
    eigenvalues : Series (float64, index ``dim1`` …) — principal inertias λ_k = σ_k², descending.
    inertia_share : Series — λ_k / Σλ (share of the total inertia per dimension).
    total_inertia : float — Σλ = χ² / n.
    row_coordinates, column_coordinates : DataFrame — principal coordinates (rows × ``dim1`` …),
        indexed by the table's rows / columns.
    row_standard, column_standard : DataFrame — standard coordinates (principal / σ_k).
    row_contributions, column_contributions : DataFrame — share of each dimension's inertia
        due to each row / column (each column sums to 1).
    row_masses, column_masses : Series — margins of the correspondence matrix.
    """

    eigenvalues: pd.Series
    inertia_share: pd.Series
    total_inertia: float
    row_coordinates: pd.DataFrame
    column_coordinates: pd.DataFrame
    row_standard: pd.DataFrame
    column_standard: pd.DataFrame
    row_contributions: pd.DataFrame
    column_contributions: pd.DataFrame
    row_masses: pd.Series
    column_masses: pd.Series

    def tidy(self, n_dims: int = 2) -> pd.DataFrame:
        """One row per table row or column and dimension (for CSV / parquet export).

        Returns
        -------
        DataFrame
            ``side`` (string: row | column), ``label`` (string), ``dim`` (Int64), ``mass``,
            ``principal``, ``standard``, ``contribution``, ``inertia``, ``inertia_share``
            (float64). Sorted by side (row first), dim, label.
        """
        parts = []
        for side, coords, std, ctr, mass in (
            ("row", self.row_coordinates, self.row_standard, self.row_contributions, self.row_masses),
            ("column", self.column_coordinates, self.column_standard, self.column_contributions,
             self.column_masses),
        ):
            for k, dim in enumerate(coords.columns[:n_dims], start=1):
                parts.append(pd.DataFrame({
                    "side": side, "label": coords.index.astype(str), "dim": k,
                    "mass": mass.to_numpy(dtype=float), "principal": coords[dim].to_numpy(),
                    "standard": std[dim].to_numpy(), "contribution": ctr[dim].to_numpy(),
                    "inertia": float(self.eigenvalues[dim]), "inertia_share": float(self.inertia_share[dim]),
                }))
        if not parts:
            return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in (
                ("side", "string"), ("label", "string"), ("dim", "Int64"), ("mass", "float64"),
                ("principal", "float64"), ("standard", "float64"), ("contribution", "float64"),
                ("inertia", "float64"), ("inertia_share", "float64"))})
        out = pd.concat(parts, ignore_index=True)
        out = out.sort_values(["side", "dim", "label"], ascending=[False, True, True], kind="mergesort")
        return out.astype({"side": "string", "label": "string", "dim": "Int64"}).reset_index(drop=True)


def correspondence_analysis(table: pd.DataFrame) -> CAResult:
    """Correspondence analysis of a contingency table (rows × columns of non-negative counts).

    Parameters
    ----------
    table : DataFrame of counts, e.g. terms × municipality from
        :func:`~futoko_research.features.contingency_table`, or codes × section. Rows and
        columns whose total is zero are dropped (they carry no mass).

    Returns
    -------
    CAResult
        ``eigenvalues`` (principal inertias, descending), ``inertia_share``,
        ``row_coordinates`` / ``column_coordinates`` (principal), standard coordinates,
        contributions and masses; ``min(I, J) − 1`` dimensions.

    Raises
    ------
    ValueError : negative or missing counts, or fewer than two non-empty rows or columns.

    Notes
    -----
    With correspondence matrix P = N / n, masses r = P·1 and c = Pᵀ·1, the standardised
    residuals S = D_r^{-1/2} (P − r cᵀ) D_c^{-1/2} are decomposed as S = U Σ Vᵀ. Principal
    inertias are λ_k = σ_k² (Σλ = χ²/n); row principal coordinates F = D_r^{-1/2} U Σ, column
    principal coordinates G = D_c^{-1/2} V Σ; standard coordinates drop Σ; contributions of
    row i to dimension k are u_ik² (columns: v_jk²). This is the symmetric map of R's ``ca``
    package. The sign of each dimension is arbitrary; here it is fixed so that the column with
    the largest absolute standard coordinate is positive (the same table gives the same map).

    References
    ----------
    Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.). CRC Press.
    Nenadić, O., & Greenacre, M. (2007). Correspondence analysis in R, with two- and
    three-dimensional graphics: the ca package. *Journal of Statistical Software*, 20(3).
    """
    n = table.astype(float)
    if n.isna().to_numpy().any() or (n.to_numpy() < 0).any():
        raise ValueError("correspondence_analysis needs a table of non-negative counts without missing values")
    n = n.loc[n.sum(axis=1) > 0, n.sum(axis=0) > 0]
    if n.shape[0] < 2 or n.shape[1] < 2:
        raise ValueError(f"correspondence_analysis needs at least 2 non-empty rows and columns, got {n.shape}")
    p = n.to_numpy() / n.to_numpy().sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    k = min(n.shape) - 1
    u, sigma, v = u[:, :k], sigma[:k], vt[:k].T
    col_std = v / np.sqrt(c)[:, None]
    flip = np.sign(col_std[np.abs(col_std).argmax(axis=0), np.arange(k)])
    flip[flip == 0] = 1.0
    u, v = u * flip, v * flip
    dims = [f"dim{i}" for i in range(1, k + 1)]
    row_std = pd.DataFrame(u / np.sqrt(r)[:, None], index=n.index, columns=dims)
    col_std = pd.DataFrame(v / np.sqrt(c)[:, None], index=n.columns, columns=dims)
    eig = pd.Series(sigma ** 2, index=dims, name="principal_inertia")
    total = float((s ** 2).sum())
    return CAResult(
        eigenvalues=eig,
        inertia_share=(eig / total).rename("inertia_share"),
        total_inertia=total,
        row_coordinates=row_std * sigma,
        column_coordinates=col_std * sigma,
        row_standard=row_std,
        column_standard=col_std,
        row_contributions=pd.DataFrame(u ** 2, index=n.index, columns=dims),
        column_contributions=pd.DataFrame(v ** 2, index=n.columns, columns=dims),
        row_masses=pd.Series(r, index=n.index, name="mass"),
        column_masses=pd.Series(c, index=n.columns, name="mass"),
    )

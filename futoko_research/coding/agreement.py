"""Human coders: coding sheets, intercoder reliability, and rules versus humans.

Notes
-----
- A coding sheet has one row per statement (statement_id, case_id, section, text) and one
  column per code key; coders enter 1 (code applies) or 0 (does not); a blank cell is missing.
  A review sheet (:mod:`futoko_research.coding.review`) adds information columns
  (:data:`SHEET_INFO_COLUMNS`: the machine's proposals) that reading ignores.
- Percent agreement and Cohen's kappa (Cohen 1960) use the units coded by both coders.
  Krippendorff's alpha (nominal; Krippendorff 2004, 2011) uses every unit with at least two
  values, for any number of coders, with missing values. Both are computed by kept libraries
  (``statsmodels.stats.inter_rater.cohens_kappa`` and ``krippendorff.alpha``); the functions
  here pair the data, shape the result and keep the documented edge cases.
- Rule-versus-human precision, recall and F1 treat each (statement, code) pair as one
  decision; ``micro`` pools the pairs of every code.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
Psychological Measurement 20(1), 37–46.
Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
Communication, University of Pennsylvania.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from futoko_research.coding.coefficients import cohen_kappa, krippendorff_alpha, percent_agreement
from futoko_research.errors import FutokoError

SHEET_ID_COLUMNS = ["statement_id", "case_id", "section", "text"]
#: file names of filled coding sheets (one coder each) in the raw folder: the validation sample
HUMAN_CODES_PATTERN = "human_codes*.csv"
#: information columns a sheet may carry besides the codes (written by the review sheet, ignored on reading)
SHEET_INFO_COLUMNS = ["review_rank", "reason", "rule_codes", "model_codes", "scores"]


class CodingSheetError(FutokoError):
    """A filled coding sheet is invalid (file, row and column named)."""


def _codebook_keys(codebook) -> list[str]:
    from futoko_research.coding.codebook import resolve_codebook

    return list(resolve_codebook(codebook))


def coding_sheet(statements: pd.DataFrame, codebook=None, *, codes: pd.DataFrame | None = None,
                 info: pd.DataFrame | None = None) -> pd.DataFrame:
    """A blank (or rule-prefilled) coding sheet.

    Parameters
    ----------
    statements : statement_id, case_id, section, text.
    codebook : codebook whose keys become the columns (default codebook when None).
    codes : optional codes table; when given, cells are prefilled with the rules' 0/1.
    info : optional information columns (names from :data:`SHEET_INFO_COLUMNS`), one row per
        statement in the order of ``statements``; placed between the text and the codes.

    Returns
    -------
    DataFrame
        statement_id, case_id, section, text (string), the ``info`` columns, and one Int64
        column per code key (NA = to be filled).
    """
    keys = _codebook_keys(codebook)
    cols = [c for c in SHEET_ID_COLUMNS if c in statements.columns]
    sheet = statements[cols].astype("string").reset_index(drop=True)
    if info is not None:
        unknown = [c for c in info.columns if c not in SHEET_INFO_COLUMNS]
        if unknown or len(info) != len(sheet):
            raise ValueError(f"info must have one row per statement and columns among {SHEET_INFO_COLUMNS}")
        sheet = pd.concat([sheet, info.reset_index(drop=True)], axis=1)
    for key in keys:
        sheet[key] = pd.array([pd.NA] * len(sheet), dtype="Int64")
    if codes is not None:
        from futoko_research.coding.report import statement_code_sets

        sets = statement_code_sets(codes)
        for key in keys:
            sheet[key] = pd.array([int(key in sets.get(str(s), set())) for s in sheet["statement_id"]], dtype="Int64")
    return sheet


def write_coding_sheet(statements: pd.DataFrame, path: str | Path, codebook=None, *, codes: pd.DataFrame | None = None,
                       info: pd.DataFrame | None = None) -> Path:
    """Write a coding sheet as CSV (UTF-8 with BOM) or .xlsx (by the suffix of ``path``), atomically.

    ``codes`` and ``info`` are as for :func:`coding_sheet`.
    """
    from futoko_research.io import atomic_dir, write_csv

    path = Path(path)
    sheet = coding_sheet(statements, codebook, codes=codes, info=info)
    with atomic_dir(path.parent) as tmp:
        out = tmp / path.name
        if path.suffix.lower() == ".xlsx":
            sheet.astype(object).where(sheet.notna(), None).to_excel(out, index=False, sheet_name="coding", engine="openpyxl")
        elif path.suffix.lower() == ".csv":
            write_csv(sheet, out)
        else:
            raise ValueError(f"coding sheet must end in .csv or .xlsx, not {path.suffix!r}")
    return path


def read_coding_sheet(path: str | Path, codebook=None, *, statements: pd.DataFrame | None = None, coder: str | None = None) -> pd.DataFrame:
    """Read a filled coding sheet (CSV or .xlsx) into a long table, validating every cell.

    Parameters
    ----------
    path : the sheet.
    codebook : codebook whose keys are allowed as columns (default codebook when None).
    statements : when given, every statement_id must exist in it.
    coder : coder name (default: the file's stem).

    Returns
    -------
    DataFrame
        coder (string), statement_id (string), code (string), value (Int64: 0, 1 or NA).

    Raises
    ------
    CodingSheetError : unknown statement ids or code columns, duplicate ids, or values other
        than 0/1/blank; the message names the file, the row (spreadsheet row number) and column.
    """
    path = Path(path)
    keys = set(_codebook_keys(codebook))
    raw = _read_sheet_frame(path)
    code_cols = [c for c in raw.columns if c not in SHEET_ID_COLUMNS and c not in SHEET_INFO_COLUMNS]
    problems: list[str] = []
    unknown = [c for c in code_cols if c not in keys]
    if unknown:
        problems.append(f"{path}: unknown code column(s) {', '.join(map(str, unknown))}")
    known_ids = set(statements["statement_id"].astype(str)) if statements is not None else None
    seen: set[str] = set()
    rows = []
    for i, rec in enumerate(raw.to_dict("records")):
        rowno = i + 2  # header is row 1
        sid = rec.get("statement_id")
        sid = "" if sid is None or (isinstance(sid, float) and np.isnan(sid)) else str(sid).strip()
        if not sid:
            problems.append(f"{path}:{rowno}: empty statement_id")
            continue
        if sid in seen:
            problems.append(f"{path}:{rowno}: duplicate statement_id {sid!r}")
        seen.add(sid)
        if known_ids is not None and sid not in known_ids:
            problems.append(f"{path}:{rowno}: unknown statement_id {sid!r}")
        for col in code_cols:
            if col not in keys:
                continue
            v = rec.get(col)
            if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
                value = pd.NA
            else:
                s = str(v).strip()
                if s in ("0", "1", "0.0", "1.0"):
                    value = int(float(s))
                else:
                    problems.append(f"{path}:{rowno}: column {col!r}: value {s!r} is not 0, 1 or blank")
                    continue
            rows.append((sid, col, value))
    if problems:
        shown = problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise CodingSheetError(shown[0] if len(shown) == 1 else f"{path}: {len(problems)} problem(s)\n  " + "\n  ".join(shown))
    out = pd.DataFrame(rows, columns=["statement_id", "code", "value"])
    out.insert(0, "coder", coder or path.stem)
    return out.astype({"coder": "string", "statement_id": "string", "code": "string", "value": "Int64"})


def find_coding_sheets(location, pattern: str = HUMAN_CODES_PATTERN) -> list[Path]:
    """The filled coding sheets at ``location``, sorted.

    ``location`` is a folder (its files matching ``pattern``, by default ``human_codes*.csv``),
    a sheet file, an iterable of them, or None (no sheets). A named file that does not exist
    raises :class:`CodingSheetError`.
    """
    if location is None:
        return []
    if isinstance(location, str | Path):
        path = Path(location)
        if path.is_dir():
            return sorted(path.glob(pattern))
        if not path.is_file():
            raise CodingSheetError(f"{path}: coding sheet not found")
        return [path]
    return sorted({p for item in location for p in find_coding_sheets(item, pattern)})
def _read_sheet_frame(path: Path) -> pd.DataFrame:
    """The sheet as read by pandas (all cells as text or objects); errors name the file."""
    try:
        if path.suffix.lower() == ".xlsx":
            raw = pd.read_excel(path, dtype=object, engine="openpyxl")
        else:
            raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except FileNotFoundError:
        raise CodingSheetError(f"{path}: coding sheet not found") from None
    except Exception as exc:  # noqa: BLE001 - any parse failure is bad input
        raise CodingSheetError(f"{path}: cannot read coding sheet ({exc})") from None
    if "statement_id" not in raw.columns:
        raise CodingSheetError(f"{path}: no 'statement_id' column")
    return raw


def read_sheet_statements(path: str | Path) -> pd.DataFrame:
    """The statements of a coding sheet: its statement_id, case_id, section and text columns.

    Returns
    -------
    DataFrame
        statement_id, case_id, section, text (string; a column the sheet lacks is all NA), in
        sheet order. Values are not checked here: read the codes with :func:`read_coding_sheet`.
    """
    path = Path(path)
    raw = _read_sheet_frame(path)

    def cell(v):
        if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
            return pd.NA
        return str(v)

    out = pd.DataFrame({c: [cell(v) for v in raw[c]] if c in raw.columns else [pd.NA] * len(raw)
                        for c in SHEET_ID_COLUMNS}).astype("string")
    out["statement_id"] = out["statement_id"].str.strip()
    return out


def _wide(sheets) -> pd.DataFrame:
    """Long coder tables → statement_id, code, one column per coder."""
    if isinstance(sheets, Mapping):
        frames = [df.assign(coder=name) for name, df in sheets.items()]
    elif isinstance(sheets, pd.DataFrame):
        frames = [sheets]
    else:
        frames = list(sheets)
    long = pd.concat(frames, ignore_index=True)
    wide = long.pivot_table(index=["statement_id", "code"], columns="coder", values="value", aggfunc="first", dropna=False)
    return wide


def reliability(sheets, *, codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Intercoder reliability per code and overall.

    Parameters
    ----------
    sheets : long coder tables from :func:`read_coding_sheet` (a list, a mapping coder →
        table, or one concatenated table with a ``coder`` column).
    codes : restrict to these code keys (default: every code in the sheets).

    Returns
    -------
    DataFrame
        code (string; ``overall`` pools every statement × code decision), n_coders (Int64),
        n_units (Int64, units with ≥ 2 values), percent_agreement (float64, mean pairwise),
        cohen_kappa (float64; NaN unless exactly two coders), krippendorff_alpha (float64).
    """
    wide = _wide(sheets)
    coders = list(wide.columns)
    if len(coders) < 2:
        raise ValueError("reliability needs at least two coders")
    keys = list(codes) if codes is not None else sorted(wide.index.get_level_values("code").unique())
    rows = []

    def stats(sub: pd.DataFrame, name: str):
        mat = sub.to_numpy(dtype=object).T  # coders × units
        mat = [[None if pd.isna(v) else int(v) for v in row] for row in mat]
        n_units = sum(sum(row[u] is not None for row in mat) >= 2 for u in range(len(mat[0]))) if mat and mat[0] else 0
        pa = [percent_agreement(mat[i], mat[j]) for i in range(len(mat)) for j in range(i + 1, len(mat))]
        pa = [x for x in pa if not np.isnan(x)]
        kappa = cohen_kappa(mat[0], mat[1]) if len(mat) == 2 else float("nan")
        rows.append((name, len(coders), n_units, float(np.mean(pa)) if pa else float("nan"), kappa, krippendorff_alpha(mat)))

    for key in keys:
        sub = wide[wide.index.get_level_values("code") == key]
        if len(sub):
            stats(sub, key)
    sub = wide[wide.index.get_level_values("code").isin(keys)]
    stats(sub, "overall")
    out = pd.DataFrame(rows, columns=["code", "n_coders", "n_units", "percent_agreement", "cohen_kappa", "krippendorff_alpha"])
    return out.astype({"code": "string", "n_coders": "Int64", "n_units": "Int64"})


#: bootstrap replicates and seed of the F1 intervals of :func:`rule_vs_human`
N_BOOT = 2000
DEFAULT_SEED = 20240401
_BOOT_CHUNK = 100


def _wilson(count: int, n: int, alpha: float) -> tuple[float, float]:
    """Wilson score interval, bit-identical to :func:`futoko_research.analysis.estimators.wilson_interval`.

    (That function sits a layer above coding; the tail is passed the same way, so that
    statsmodels' ``norm.isf`` gives exactly ``norm.ppf(1 − alpha/2)``.)
    """
    from statsmodels.stats.proportion import proportion_confint

    if n <= 0:
        return (np.nan, np.nan)
    tail = 1 - (1 - alpha / 2)
    lo, hi = proportion_confint(count, n, alpha=2 * tail, method="wilson")
    return (float(lo), float(hi))


def _f1_bootstrap(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, *, n_boot: int, alpha: float,
                  seed: int) -> np.ndarray:
    """Percentile intervals of F1 per row of the (rows × statements) indicator arrays, resampling statements."""
    rows, n_st = tp.shape
    out = np.full((rows, 2), np.nan)
    if n_st == 0 or n_boot <= 0:
        return out
    rng = np.random.default_rng(seed)
    m = np.stack([tp, fp, fn]).astype(float)  # 3 × rows × statements
    draws = []
    for start in range(0, n_boot, _BOOT_CHUNK):
        size = min(_BOOT_CHUNK, n_boot - start)
        idx = rng.integers(0, n_st, size=(size, n_st))
        weights = np.bincount((np.arange(size)[:, None] * n_st + idx).ravel(), minlength=size * n_st)
        weights = weights.reshape(size, n_st).astype(float)
        draws.append(np.einsum("bs,krs->bkr", weights, m))  # replicates × (tp, fp, fn) × rows
    counts = np.concatenate(draws)
    t, f_p, f_n = counts[:, 0], counts[:, 1], counts[:, 2]
    denom = 2 * t + f_p + f_n
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(denom > 0, 2 * t / np.where(denom > 0, denom, 1), np.nan)
    for r in range(rows):
        vals = f1[:, r][np.isfinite(f1[:, r])]
        if len(vals):
            out[r] = np.quantile(vals, [alpha / 2, 1 - alpha / 2])
    return out


def rule_vs_human(codes: pd.DataFrame, human, *, code_keys: Iterable[str] | None = None,
                  statement_ids: Iterable[str] | None = None, intervals: bool = False, alpha: float = 0.05,
                  n_boot: int = N_BOOT, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Precision, recall and F1 of the rule coder against human codes, per code and micro.

    Parameters
    ----------
    codes : the rule coder's table (statement_id, code).
    human : the human's codes, either a long sheet table (statement_id, code, value 0/1/NA;
        NA cells are ignored) or a mapping statement_id → iterable of code keys (every
        listed statement counts as fully coded).
    code_keys : codes to score (default: every code seen in either).
    statement_ids : statements to score (default: those the human coded).
    intervals : add 95 % (``1 − alpha``) intervals: Wilson for precision and recall, a
        percentile bootstrap over statements for F1.
    alpha : 1 − confidence level of the intervals.
    n_boot, seed : bootstrap replicates and seed of the F1 intervals.

    Returns
    -------
    DataFrame
        code (string; last row ``micro``), tp, fp, fn, support (Int64, human positives),
        precision, recall, f1 (float64; NaN when undefined); with ``intervals`` also
        precision_low, precision_high, recall_low, recall_high, f1_low, f1_high (float64).

    Notes
    -----
    Each (statement, code) pair with a human decision is one decision; ``micro`` pools the
    pairs of every code. Precision = tp / (tp + fp), recall = tp / (tp + fn),
    F1 = 2 tp / (2 tp + fp + fn).

    Intervals: precision and recall are binomial proportions (tp out of the coder's, or the
    human's, positives), so their interval is Wilson's score interval (Wilson 1927; statsmodels'
    ``proportion_confint(method="wilson")``, called as
    :func:`futoko_research.analysis.estimators.wilson_interval` calls it). For ``micro`` the
    pairs of one statement are not independent, and Wilson treats them as if they were (the
    interval is then somewhat too narrow). F1 is not a proportion; its interval is the
    percentile bootstrap over **statements** (Efron & Tibshirani 1993): each replicate draws the
    scored statements with replacement (``numpy.random.default_rng(seed)``, fixed, so reruns
    are identical), recounts tp, fp and fn of every code from the same drawn statements, and
    the interval is the ``alpha/2`` and ``1 − alpha/2`` quantiles of the replicates' F1
    (replicates where F1 is undefined are dropped). Resampling statements rather than pairs
    keeps the pairs of a statement together, so the micro F1 interval accounts for them.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    Journal of the American Statistical Association 22(158), 209–212.
    Efron, B., Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall, ch. 13.
    """
    rule_sets: dict[str, set[str]] = {}
    for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
        rule_sets.setdefault(str(sid), set()).add(str(code))
    human_sets: dict[str, set[str]] = {}
    decided: dict[str, set[str] | None] = {}  # statement → codes with a human decision (None = all)
    if isinstance(human, Mapping):
        for sid, keys in human.items():
            human_sets[str(sid)] = {str(k) for k in keys}
            decided[str(sid)] = None
    else:
        for sid, code, value in human[["statement_id", "code", "value"]].itertuples(index=False):
            if pd.isna(value):
                continue
            decided.setdefault(str(sid), set()).add(str(code))
            if int(value) == 1:
                human_sets.setdefault(str(sid), set()).add(str(code))
    sids = [str(s) for s in statement_ids] if statement_ids is not None else list(decided)
    if code_keys is None:
        keys = sorted({c for s in sids for c in rule_sets.get(s, set()) | human_sets.get(s, set())})
    else:
        keys = list(code_keys)
    # per code × statement indicators (0 where the pair is not scored)
    tp_m = np.zeros((len(keys), len(sids)), dtype=np.int32)
    fp_m, fn_m = tp_m.copy(), tp_m.copy()
    for j, sid in enumerate(sids):
        dec = decided.get(sid, None)
        rule, hum = rule_sets.get(sid, set()), human_sets.get(sid, set())
        for k, key in enumerate(keys):
            if sid in decided and dec is not None and key not in dec:
                continue
            r, h = key in rule, key in hum
            tp_m[k, j], fp_m[k, j], fn_m[k, j] = r and h, r and not h, h and not r
    tp_m = np.vstack([tp_m, tp_m.sum(axis=0, keepdims=True)])  # last row: micro
    fp_m = np.vstack([fp_m, fp_m.sum(axis=0, keepdims=True)])
    fn_m = np.vstack([fn_m, fn_m.sum(axis=0, keepdims=True)])
    out = pd.DataFrame({"code": [*keys, "micro"], "tp": tp_m.sum(axis=1, dtype=np.int64),
                        "fp": fp_m.sum(axis=1, dtype=np.int64), "fn": fn_m.sum(axis=1, dtype=np.int64)})
    out["support"] = out["tp"] + out["fn"]
    with np.errstate(divide="ignore", invalid="ignore"):
        tp, fp, fn = (out[c].to_numpy(dtype=float) for c in ("tp", "fp", "fn"))
        out["precision"] = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        out["recall"] = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        out["f1"] = np.where((tp + fp + fn) > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    if intervals:
        t, p, n = (out[c].to_numpy(dtype=int) for c in ("tp", "fp", "fn"))
        prec = [_wilson(int(a), int(a + b), alpha) for a, b in zip(t, p)]
        rec = [_wilson(int(a), int(a + b), alpha) for a, b in zip(t, n)]
        out["precision_low"], out["precision_high"] = [x[0] for x in prec], [x[1] for x in prec]
        out["recall_low"], out["recall_high"] = [x[0] for x in rec], [x[1] for x in rec]
        f1_ci = _f1_bootstrap(tp_m, fp_m, fn_m, n_boot=n_boot, alpha=alpha, seed=seed)
        f1_ci[~np.isfinite(out["f1"].to_numpy())] = np.nan
        out["f1_low"], out["f1_high"] = f1_ci[:, 0], f1_ci[:, 1]
        for c in ("precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high"):
            out[c] = out[c].astype("float64")
    return out.astype({"code": "string", "tp": "Int64", "fp": "Int64", "fn": "Int64", "support": "Int64"})

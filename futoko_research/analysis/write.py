"""write_analysis(): processed tables → case_variables, links, associations (+ prevalence, trends)."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pandas as pd

from futoko_research.errors import FutokoError, SparseDataWarning

log = logging.getLogger("futoko_research")

ANALYSIS_TABLES = ("case_variables", "links", "link_counts", "associations", "prevalence", "prevalence_trend")


def _read(processed_dir: Path, name: str, *, required: bool = True) -> pd.DataFrame | None:
    path = processed_dir / f"{name}.parquet"
    if not path.exists():
        if required:
            raise FutokoError(f"{path}: not found; run 'futoko-research ingest' (and 'code') first")
        return None
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # corrupt parquet
        raise FutokoError(f"{path}: cannot read parquet ({exc})") from None


def read_analysis_inputs(processed_dir: str | Path, *, codebook=None) -> dict[str, pd.DataFrame | None]:
    """Read cases, statements, checkboxes, codes (coded now if codes.parquet is absent) and tokens."""
    processed_dir = Path(processed_dir)
    tables = {name: _read(processed_dir, name) for name in ("cases", "statements", "checkboxes")}
    codes = _read(processed_dir, "codes", required=False)
    if codes is None:
        from futoko_research.coding import code_statements

        log.info("analyze: no codes.parquet in %s; coding statements now", processed_dir)
        codes = code_statements(tables["statements"], codebook=codebook)
    tables["codes"] = codes
    tables["tokens"] = _read(processed_dir, "tokens", required=False)
    return tables


def write_analysis(
    processed_dir: str | Path,
    *,
    codebook=None,
    out_dir: str | Path | None = None,
    cache_dir=None,
    csv: bool = True,
) -> list[Path]:
    """Compute and write the analysis tables atomically.

    Reads ``cases``, ``statements``, ``checkboxes``, ``codes`` (and ``tokens`` when they carry
    dependencies) from ``processed_dir``. Links need dependency parses: when the stored tokens
    have none (``lexical``) only the statements containing a causal connective are parsed with
    ``features.extract(profile="fast")`` (DocBin cache in ``cache_dir``).

    Writes (into ``out_dir``, default ``processed_dir``) ``case_variables``, ``links`` (cause_codes
    and effect_codes as list columns), ``link_counts``, ``associations``, ``prevalence`` and
    ``prevalence_trend`` as .parquet (and .csv). Nothing is written when any step fails.

    Returns
    -------
    list of the paths written.
    """
    from futoko_research.analysis.stats import associations, prevalence, prevalence_trend
    from futoko_research.analysis.variables import case_variables
    from futoko_research.io import write_tables
    from futoko_research.links import RE_CONNECTIVE, extract_links, has_dependencies, link_counts

    processed_dir = Path(processed_dir)
    t = read_analysis_inputs(processed_dir, codebook=codebook)
    cv = case_variables(t["cases"], t["checkboxes"], t["codes"], statements=t["statements"], codebook=codebook)
    st = t["statements"]
    has = st["text"].astype("string").fillna("").map(lambda s: bool(RE_CONNECTIVE.search(s))).to_numpy(dtype=bool)
    sub = st[has]
    tokens = t["tokens"]
    if len(sub) and not has_dependencies(tokens, sub):
        from futoko_research.features import dependency_tokens

        log.info("analyze: parsing %d statements with a connective (profile fast)", len(sub))
        tokens = dependency_tokens(sub, cache_dir=cache_dir)
    links = extract_links(st, tokens=tokens, codebook=codebook, parse=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SparseDataWarning)
        assoc = associations(cv)
        prev = prevalence(cv)
        trend = prevalence_trend(cv)
    for w in caught:
        if issubclass(w.category, SparseDataWarning):
            log.warning("analyze: %s", w.message)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    from futoko_research.schema import validate

    cv, links, assoc = validate(cv, "case_variables"), validate(links, "links"), validate(assoc, "associations")
    tables = {
        "case_variables": cv, "links": links, "link_counts": link_counts(links, t["cases"]),
        "associations": assoc, "prevalence": prev, "prevalence_trend": trend,
    }
    written = write_tables(tables, out_dir if out_dir is not None else processed_dir, csv=csv)
    log.info("analyze: %d cases, %d links, %d association rows", len(cv), len(links), len(assoc))
    return written

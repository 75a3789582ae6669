"""The analyze step: cases, statements, checkboxes, codes → the analysis tables; with a
human-coded validation sheet also the tables that carry the coder's error.

- :data:`ANALYSIS_TABLES`, :data:`CORRECTION_TABLES` — what it writes
- :func:`analyze`
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pandas as pd

from futoko_research.errors import SparseDataWarning
from futoko_research.io import write_tables
from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline.options import ExecutionOptions
from futoko_research.pipeline.params import DEFAULT_SEED
from futoko_research.pipeline.runners import runner_for
from futoko_research.pipeline.step_inputs import read_analysis_inputs

log = logging.getLogger("futoko_research")

#: written by the analyze step
ANALYSIS_TABLES = ("case_variables", "links", "link_counts", "associations", "prevalence", "prevalence_trend")
#: written by the analyze step only when a human-coded validation sheet exists
CORRECTION_TABLES = ("validation_rates", "prevalence_corrected", "association_robustness")


def _correction_tables(t: dict, cv: pd.DataFrame, prev: pd.DataFrame, assoc: pd.DataFrame, sheets: list[Path],
                       *, codebook, seed: int) -> dict[str, pd.DataFrame]:
    """validation_rates, prevalence_corrected and association_robustness from the coding sheets."""
    from futoko_research.analysis.misclassification import (
        classification_rates,
        corrected_prevalence,
        direction_robustness,
        human_case_flags,
    )
    from futoko_research.coding import read_coding_sheet

    long = pd.concat([read_coding_sheet(p, codebook, statements=t["statements"]) for p in sheets], ignore_index=True)
    human = human_case_flags(long, t["statements"], codebook, codes=t["codes"])
    rates = classification_rates(cv, human)
    log.info("analyze: validation sheet(s) %s: %d case(s), %d of %d code(s) usable", ", ".join(p.name for p in sheets),
             len(human), int(rates["usable"].sum()), len(rates))
    return {"validation_rates": rates, "prevalence_corrected": corrected_prevalence(prev, rates, seed=seed),
            "association_robustness": direction_robustness(assoc, cv, human, rates=rates, seed=seed)}


def _remove_stale(out_dir: Path, names: tuple[str, ...]) -> None:
    """Delete correction tables of an earlier run made with a sheet that is no longer there."""
    for name in names:
        for suffix in (".parquet", ".csv"):
            path = out_dir / f"{name}{suffix}"
            if path.is_file():
                log.info("analyze: no validation sheet; removing %s from an earlier run", path.name)
                path.unlink()


def analyze(
    processed_dir: str | Path = PROCESSED_DIR, *, codebook=None, out_dir: str | Path | None = None,
    cache_dir=None, csv: bool = True, validation=None, seed: int = DEFAULT_SEED,
    execution: ExecutionOptions | None = None, stream_chars: int | None = None,
    link_method: str | None = None, coder_model=None,
) -> list[Path]:
    """Compute and write the analysis tables.

    Reads ``cases``, ``statements``, ``checkboxes``, ``codes`` (and ``tokens`` when they carry
    dependencies) from ``processed_dir``. Links need dependency parses: when the stored tokens
    have none (``lexical``, the default) only the statements that pass the links' lexical
    prefilter (a candidate construction) are parsed with ``features.extract(profile="fast")``
    (DocBin cache in ``cache_dir``; on ``execution``'s runner), slice by slice of whole cases of
    about ``stream_chars`` characters, so memory stays flat
    (:func:`~futoko_research.pipeline.streaming.stream_links`). The links' cause and effect sides
    are coded by ``link_method`` (``"hybrid"`` or ``"rules"``; None =
    :data:`futoko_research.analysis.links.DEFAULT_SIDE_METHOD`, the hybrid) with ``coder_model``
    (a model or its ``.npz``; None: the model shipped with the package).

    Writes (into ``out_dir``, default ``processed_dir``) :data:`ANALYSIS_TABLES`: ``links`` has
    cause_codes and effect_codes as list columns; ``link_counts`` counts reported, positive
    links (the defaults of :func:`~futoko_research.analysis.links.link_counts`); .parquet (and
    .csv with ``csv``).

    ``validation`` names human-coded coding sheets (a folder, whose ``human_codes*.csv`` are
    read, a sheet file, or a list of them; see :func:`futoko_research.coding.find_coding_sheets`).
    When it yields a sheet, the coder's error on it is carried into the analysis and
    :data:`CORRECTION_TABLES` are written too: ``validation_rates`` (case-level sensitivity and
    specificity per code), ``prevalence_corrected`` (Rogan–Gladen, bootstrap interval with
    ``seed``) and ``association_robustness`` (whether each association's direction could flip
    within the error); see :mod:`futoko_research.analysis.misclassification`. Without a sheet
    nothing more is written, and those tables left by an earlier run are removed.

    Returns
    -------
    list of Path : the files written.

    Raises
    ------
    CodingSheetError : a sheet is invalid (file, row and column named); nothing is written.
    """
    from futoko_research.analysis.links import link_counts
    from futoko_research.analysis.stats import associations, prevalence, prevalence_trend
    from futoko_research.analysis.variables import case_variables
    from futoko_research.coding import find_coding_sheets
    from futoko_research.pipeline.streaming import STREAM_CHARS, stream_links
    from futoko_research.schema.registry import validate

    sheets = find_coding_sheets(validation)
    t = read_analysis_inputs(processed_dir, codebook=codebook, tokens=False)
    cv = case_variables(t["cases"], t["checkboxes"], t["codes"], statements=t["statements"], codebook=codebook)
    links, link_stats = stream_links(t["statements"], processed_dir, codebook=codebook, runner=runner_for(execution),
                                     cache_dir=cache_dir, max_chars=stream_chars or STREAM_CHARS,
                                     side_method=link_method, model=coder_model)
    if link_stats["n_parsed"]:
        log.info("analyze: parsing %d of %d statements for links (links' prefilter: %d of %d characters; "
                 "%d with a cue; profile fast; %d slice(s))", link_stats["n_parsed"], link_stats["n_statements"],
                 link_stats["parsed_chars"], link_stats["n_chars"], link_stats["cue_chars"], link_stats["n_slices"])
    else:
        log.info("analyze: links read the stored dependencies of %d of %d statements (links' prefilter)",
                 link_stats["n_candidates"], link_stats["n_statements"])
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
    cv, links, assoc = validate(cv, "case_variables"), validate(links, "links"), validate(assoc, "associations")
    tables = {
        "case_variables": cv, "links": links, "link_counts": validate(link_counts(links, t["cases"]), "link_counts"),
        "associations": assoc, "prevalence": prev, "prevalence_trend": trend,
    }
    if sheets:
        corrections = _correction_tables(t, cv, prev, assoc, sheets, codebook=codebook, seed=seed)
        tables.update({name: validate(df, name) for name, df in corrections.items()})
    out_dir = Path(out_dir) if out_dir is not None else Path(processed_dir)
    written = write_tables(tables, out_dir, csv=csv)
    if not sheets:
        _remove_stale(out_dir, CORRECTION_TABLES)
    log.info("analyze: %d cases, %d links (sides coded by %s), %d association rows", len(cv), len(links),
             link_stats["side_method"], len(assoc))
    return written


"""The pipeline's steps: ingest → features → code → analyze, each read → compute → validate → write.

Every step reads the previous step's tables from ``processed_dir``, computes its own with the
library, validates them against their contracts (:func:`futoko_research.schema.validate`) and
writes them atomically (nothing is written when any part fails):

=========  =====================================  ===============================================
step       reads                                  writes
=========  =====================================  ===============================================
ingest     ``raw_dir/manifest.csv``, the reports  cases, statements, checkboxes (.parquet, .csv)
features   statements                             tokens, phrases, entities (.parquet),
                                                  features_info.json
code       statements (tokens)                    codes, case_codes, rule_report (.parquet, .csv)
analyze    cases, statements, checkboxes, codes   case_variables, links, link_counts,
           (tokens); coding sheets                associations, prevalence, prevalence_trend;
           ``human_codes*.csv`` when given        with a sheet also validation_rates,
                                                  prevalence_corrected, association_robustness
=========  =====================================  ===============================================

Where the work runs is an :class:`~futoko_research.pipeline.options.ExecutionOptions` chosen by the
runner or the CLI; :func:`~futoko_research.pipeline.runners.open_execution` opens what it needs
(a Dask client) and :func:`~futoko_research.pipeline.runners.runner_for` is the one place that
turns it into a runner of :mod:`futoko_research.backends` (both importable from here too).
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from futoko_research.errors import FutokoError, SparseDataWarning
from futoko_research.io import atomic_dir, read_table, write_tables
from futoko_research.nlp import DEFAULT_FEATURES_PROFILE
from futoko_research.paths import PROCESSED_DIR, RAW_DIR
from futoko_research.pipeline.options import STEPS, ExecutionOptions, RunOptions
from futoko_research.pipeline.params import DEFAULT_SEED
from futoko_research.pipeline.runners import open_execution, runner_for
from futoko_research.vocab import NON_CONTENT_SECTIONS

log = logging.getLogger("futoko_research")

#: written by the features step beside the tables: model, versions, profile, terms hash …
FEATURES_INFO_FILE = "features_info.json"

#: written by the analyze step
ANALYSIS_TABLES = ("case_variables", "links", "link_counts", "associations", "prevalence", "prevalence_trend")
#: written by the analyze step only when a human-coded validation sheet exists
CORRECTION_TABLES = ("validation_rates", "prevalence_corrected", "association_robustness")


# --------------------------------------------------------------------------- the steps


def content_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements that features, codes and the analysis read: every section but the page
    furniture (:data:`futoko_research.vocab.NON_CONTENT_SECTIONS`), which ingest keeps so that
    no character of a report is lost. The furniture category is dropped from ``section`` too, so
    downstream tables do not carry an always-empty category."""
    if statements is None or "section" not in statements:
        return statements
    keep = ~statements["section"].isin(NON_CONTENT_SECTIONS).to_numpy(dtype=bool)
    out = statements if keep.all() else statements[keep].reset_index(drop=True)
    if isinstance(out["section"].dtype, pd.CategoricalDtype):
        cats = list(out["section"].cat.categories)
        kept = [c for c in cats if c not in NON_CONTENT_SECTIONS]
        if kept != cats:  # set_categories keeps the order (remove_categories sorts in pandas 3)
            out = out.assign(section=out["section"].cat.set_categories(kept))
    return out


def ingest(
    raw_dir: str | Path = RAW_DIR, out_dir: str | Path = PROCESSED_DIR, *, progress: bool = True,
    pseudonymize: bool = False, key_file: str | Path | None = None,
) -> list[Path]:
    """Load the reports of ``raw_dir/manifest.csv`` and write ``cases``, ``statements``, ``checkboxes``,
    ``source_tables`` and ``ingest_report``.

    Sources marked ``personal_data=pseudonymize`` (all of them with ``pseudonymize``) are
    pseudonymised with the key in ``key_file``; ``privacy_report.csv`` (per source: findings
    replaced per kind, uncertain findings in the review queue, expected missed direct
    identifiers; no originals) is written next to the tables, and everything is scanned for
    the key's originals before it is moved into place.

    Returns
    -------
    list of Path : the files written (.parquet and .csv of each table).
    """
    from futoko_research.loaders.manifest import read_manifest
    from futoko_research.loaders.reports import ingest_sources

    sources = read_manifest(raw_dir)
    pseudo_fn = None
    check = None
    if pseudonymize or any(s.personal_data == "pseudonymize" for s in sources):
        from futoko_research.privacy import guard_outputs, make_text_pseudonymizer

        pseudo_fn = make_text_pseudonymizer(key_file)
        if pseudonymize:
            sources = [s.__class__(**{**s.__dict__, "personal_data": "pseudonymize"}) for s in sources]

        def check(tmp: Path) -> None:
            # the residual-risk report (counts only), then the final guard, before the tables
            # are moved into place: refuse to finish when an original from the key file is
            # still in any table or in the report
            from futoko_research.io import write_csv
            from futoko_research.privacy.risk import privacy_report
            from futoko_research.schema import validate

            write_csv(validate(privacy_report(pseudo_fn.stats), "privacy_report"), tmp / "privacy_report.csv")
            guard_outputs([tmp], pseudo_fn.key_path)

    tables = ingest_sources(sources, progress=progress, pseudonymize_fn=pseudo_fn)
    written = write_tables(tables._asdict(), out_dir, check=check)
    log.info("ingest: %d cases, %d statements", len(tables.cases), len(tables.statements))
    return written


def features(
    processed_dir: str | Path = PROCESSED_DIR, *, profile: str = DEFAULT_FEATURES_PROFILE,
    cache_dir: str | Path | None | bool = None, progress: bool = True, out_dir: str | Path | None = None,
    execution: ExecutionOptions | None = None, stream_chars: int | None = None, **extract_options,
) -> list[Path]:
    """Tokenise (or parse) ``processed_dir/statements.parquet`` and write the feature tables.

    The statements are handled in slices of about ``stream_chars`` characters
    (:func:`~futoko_research.pipeline.streaming.statement_slices`), each slice's rows appended to
    the parquet files as a row group: memory holds one slice, whatever the size of the corpus,
    and the files read back as one :func:`futoko_research.features.extract` call on every
    statement would give them.

    Parameters
    ----------
    processed_dir : folder holding ``statements.parquet``.
    profile : :data:`DEFAULT_FEATURES_PROFILE` (``lexical``: SudachiPy alone, enough for every
        count, KWIC, co-occurrence, terms and the coder; links parse their candidate statements
        in the analyze step) or ``fast`` / ``full`` (parse everything).
    cache_dir, progress, **extract_options : passed to :func:`futoko_research.features.extract`
        (``batch_size``, ``terms``, ``variants``, ``split_mode``).
    out_dir : where to write (default ``processed_dir``).
    execution : where the parsing runs (default serial).
    stream_chars : characters per slice (default
        :data:`~futoko_research.pipeline.streaming.STREAM_CHARS`).

    Returns
    -------
    list of Path
        ``tokens.parquet``, ``phrases.parquet``, ``entities.parquet`` and ``features_info.json``
        (model name and versions, profile, split mode, terms hash, chunk policy). The same
        information is in each parquet file's pandas metadata (``attrs["features"]``).
    """
    from futoko_research.features import extract
    from futoko_research.io import ParquetParts
    from futoko_research.pipeline.streaming import STREAM_CHARS, statement_slices
    from futoko_research.schema import validate

    processed_dir = Path(processed_dir)
    statements = content_statements(read_table(processed_dir, "statements"))
    runner = runner_for(execution)
    out_dir = Path(out_dir) if out_dir is not None else processed_dir
    names = ("tokens", "phrases", "entities")
    stable_info: dict = {}
    stats: dict = {}
    counts = dict.fromkeys(names, 0)
    written: list[Path] = []
    with atomic_dir(out_dir) as tmp:
        writers = {name: ParquetParts(tmp / f"{name}.parquet") for name in names}
        try:
            for part in statement_slices(statements, stream_chars or STREAM_CHARS, by=None):
                tables = extract(part, profile=profile, cache_dir=cache_dir, progress=progress, runner=runner,
                                 **extract_options)
                # run-dependent counters (statements read from the cache vs parsed) are logged, not
                # written: a warm rerun must leave every output byte-identical
                for k, v in (tables.info.get("stats") or {}).items():
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        stats[k] = stats.get(k, 0) + v
                stable_info = {k: v for k, v in tables.info.items() if k != "stats"}
                for name in names:
                    df = validate(tables[name], name).copy()
                    df.attrs = {"features": dict(stable_info)}
                    writers[name].write(df)
                    counts[name] += len(df)
        finally:
            for w in writers.values():
                w.close()
        written += [out_dir / f"{name}.parquet" for name in names]
        info = json.dumps(stable_info, ensure_ascii=False, indent=1, sort_keys=True, default=str)
        (tmp / FEATURES_INFO_FILE).write_text(info + "\n", encoding="utf-8")
        written.append(out_dir / FEATURES_INFO_FILE)
    if stats:
        log.info("features cache: %s", stats)
    log.info("features (%s): %d tokens, %d phrases, %d entities", profile, counts["tokens"], counts["phrases"],
             counts["entities"])
    return written


def _stored_tokens(processed_dir: Path, needs: set[str]) -> pd.DataFrame | None:
    """``tokens.parquet`` when it exists and has the columns the codebook's token rules read."""
    path = processed_dir / "tokens.parquet"
    if not path.exists():
        return None
    tokens = pd.read_parquet(path)
    return tokens if ({"statement_id", "text", "start_char", "end_char"} | needs) <= set(tokens.columns) else None


def code(
    processed_dir: str | Path | None = None, *, codebook=None, execution: ExecutionOptions | None = None,
    method: str | None = None, model=None, **extract_options,
) -> list[Path]:
    """Code ``statements.parquet`` and write codes, case_codes and rule_report (parquet + CSV).

    Token rules read ``tokens.parquet`` when it exists and has the columns they need; otherwise
    tokens are computed with ``features.extract`` (cheapest profile; ``extract_options`` passed
    on). A regex-only codebook (like the default one) needs no tokens. A :class:`ZeroHitWarning`
    names the rules and codes that matched nothing. ``method`` (``"rules"`` or ``"hybrid"``;
    None = :data:`futoko_research.coding.DEFAULT_METHOD`) and ``model`` (the hybrid's model: a
    path or None for the shipped one) are passed to ``code_statements``.

    Returns
    -------
    list of Path : the files written (codes, case_codes, rule_report as .parquet and .csv).
    """
    from futoko_research.coding import (
        Codebook,
        ZeroHitWarning,
        case_codes,
        code_statements,
        compute_tokens,
        load_codebook,
        map_code_statements,
        rule_report,
    )
    from futoko_research.nlp import cheapest_profile
    from futoko_research.schema import validate

    processed_dir = Path(processed_dir) if processed_dir is not None else PROCESSED_DIR
    codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    statements = content_statements(read_table(processed_dir, "statements"))
    runner = runner_for(execution)
    tokens = None
    if codebook.needs:
        tokens = _stored_tokens(processed_dir, codebook.needs)
        if tokens is None:
            tokens = compute_tokens(statements, profile=cheapest_profile(codebook.needs), runner=runner,
                                    **extract_options)
    if runner.name == "serial":
        codes = code_statements(statements, codebook, tokens=tokens, method=method, model=model)
    else:
        codes = map_code_statements(statements, codebook, tokens, runner=runner, method=method, model=model)
    validate(codes, "codes")
    cc = validate(case_codes(codes), "case_codes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ZeroHitWarning)
        report = rule_report(codes, codebook)
    for w in caught:
        warnings.warn(str(w.message), ZeroHitWarning, stacklevel=2)
    log.info("code: %d matches in %d statements; %d rules without hits",
             len(codes), codes["statement_id"].nunique(), int(report["is_zero"].sum()))
    return write_tables({"codes": codes, "case_codes": cc, "rule_report": report}, processed_dir)


def review(processed_dir: str | Path | None, out: str | Path, *, codebook=None, model=None,
           top: int | None = None) -> tuple[Path, pd.DataFrame]:
    """Write a review sheet of ``statements.parquet``: the statements a person should code first.

    Reads statements (and tokens when the codebook's token rules need them), ranks them with
    :func:`futoko_research.coding.review.review_table` and writes the ``top`` ones to ``out``
    (.xlsx or .csv) with :func:`futoko_research.coding.write_review_sheet`.

    Returns
    -------
    (path, table) : the sheet and its rows.
    """
    from futoko_research.coding import Codebook, compute_tokens, load_codebook
    from futoko_research.coding.review import write_review_sheet
    from futoko_research.nlp import cheapest_profile

    processed_dir = Path(processed_dir) if processed_dir is not None else PROCESSED_DIR
    codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    statements = content_statements(read_table(processed_dir, "statements"))
    tokens = None
    if codebook.needs:
        tokens = _stored_tokens(processed_dir, codebook.needs)
        if tokens is None:
            tokens = compute_tokens(statements, profile=cheapest_profile(codebook.needs))
    return write_review_sheet(statements, out, codebook, model=model, top=top, tokens=tokens)


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


def read_analysis_inputs(processed_dir: str | Path, *, codebook=None, tokens: bool = True) -> dict[str, pd.DataFrame | None]:
    """Read cases, statements, checkboxes, codes (coded now if codes.parquet is absent) and, with
    ``tokens``, the whole token table (the analyze step reads the tokens links need slice by slice
    instead: :func:`~futoko_research.pipeline.streaming.stream_links`)."""
    processed_dir = Path(processed_dir)
    tables = {name: _read(processed_dir, name) for name in ("cases", "statements", "checkboxes")}
    tables["statements"] = content_statements(tables["statements"])
    codes = _read(processed_dir, "codes", required=False)
    if codes is None:
        from futoko_research.coding import code_statements

        log.info("analyze: no codes.parquet in %s; coding statements now", processed_dir)
        codes = code_statements(tables["statements"], codebook=codebook)
    tables["codes"] = codes
    tables["tokens"] = _read(processed_dir, "tokens", required=False) if tokens else None
    return tables


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
) -> list[Path]:
    """Compute and write the analysis tables.

    Reads ``cases``, ``statements``, ``checkboxes``, ``codes`` (and ``tokens`` when they carry
    dependencies) from ``processed_dir``. Links need dependency parses: when the stored tokens
    have none (``lexical``, the default) only the statements that pass the links' lexical
    prefilter (a candidate construction) are parsed with ``features.extract(profile="fast")``
    (DocBin cache in ``cache_dir``; on ``execution``'s runner), slice by slice of whole cases of
    about ``stream_chars`` characters, so memory stays flat
    (:func:`~futoko_research.pipeline.streaming.stream_links`).

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
    from futoko_research.schema import validate

    sheets = find_coding_sheets(validation)
    t = read_analysis_inputs(processed_dir, codebook=codebook, tokens=False)
    cv = case_variables(t["cases"], t["checkboxes"], t["codes"], statements=t["statements"], codebook=codebook)
    links, link_stats = stream_links(t["statements"], processed_dir, codebook=codebook, runner=runner_for(execution),
                                     cache_dir=cache_dir, max_chars=stream_chars or STREAM_CHARS)
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
    log.info("analyze: %d cases, %d links, %d association rows", len(cv), len(links), len(assoc))
    return written


# --------------------------------------------------------------------------- a run's steps


def run_steps(options: RunOptions, *, on_step: Callable[[str], object] | None = None) -> dict[str, float]:
    """Run ``options.steps`` in pipeline order (:data:`STEPS`); returns each step's duration in seconds.

    The execution options are opened once (one Dask client for every step). ``on_step`` is
    called with each step's name when it is done (a progress bar).
    """
    unknown = [s for s in options.steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}; steps are {', '.join(STEPS)}")
    o = options
    durations: dict[str, float] = {}
    with open_execution(o.execution) as execution:
        calls = {
            "ingest": lambda: ingest(o.raw_dir, o.processed_dir, progress=o.progress, key_file=o.key_file),
            "features": lambda: features(o.processed_dir, profile=o.nlp_profile, progress=o.progress,
                                         cache_dir=o.cache_dir, execution=execution),
            "code": lambda: code(o.processed_dir, codebook=o.codebook, execution=execution,
                                 method=o.coding_method, model=o.coder_model),
            "analyze": lambda: analyze(o.processed_dir, codebook=o.codebook, validation=o.raw_dir, seed=o.seed,
                                       cache_dir=o.cache_dir, execution=execution),
        }
        for step in (s for s in STEPS if s in o.steps):
            t0 = time.perf_counter()
            log.info("run: step %s", step)
            calls[step]()
            durations[step] = round(time.perf_counter() - t0, 3)
            if on_step is not None:
                on_step(step)
    return durations


def guard_personal_data(raw_dir: Path, paths: list[Path], *, key_file: str | Path | None = None) -> None:
    """When any source is pseudonymised, scan every output for the key's originals.

    Raises :class:`~futoko_research.errors.PersonalDataError` (exit status 2) naming the file and
    the pseudonym of what leaked; a run over published, already anonymised reports does nothing.
    """
    from futoko_research.loaders.manifest import read_manifest

    if not any(s.personal_data == "pseudonymize" for s in read_manifest(raw_dir)):
        return
    from futoko_research.privacy import default_key_path, guard_outputs

    scanned = guard_outputs(paths, key_file or default_key_path())
    log.info("run: personal-data guard scanned %d files, none holds an original", len(scanned))

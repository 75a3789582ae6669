"""Notebook I/O: year selection, reading the processed tables, saving tables, figures and notes.

The notebooks in ``notebooks/`` only orchestrate: they read the processed tables, select a
fiscal year with :func:`read_year_tables` / :func:`filter_by_year`, call one library function per
cell, and store what they show with :func:`save_table` (CSV, UTF-8 with BOM, under
``output_dir/tables``) and :func:`save_fig` (PNG + SVG under ``output_dir/figures``).

Year selection
--------------
``fiscal_year`` is ``"all"`` (every case), ``"unknown"`` (cases whose source names no year,
``fiscal_year`` NA) or a year (``"2023"`` or ``2023``); see :mod:`futoko_research.vocab`.

Moved out
---------
The corpus overview tables (:func:`cases_by_year_municipality`, :func:`statements_by_section`,
:func:`checkbox_table`, :func:`section_keyness`) live in :mod:`futoko_research.corpus`
and are re-exported here for the notebooks. The plots moved to :mod:`futoko_research.plots`
(``plot_statements_by_section`` → :mod:`futoko_research.plots.corpus`,
``plot_prevalence_bars``, ``KIND_COLORS``, ``KIND_LABELS`` → :mod:`futoko_research.plots.analysis`);
their old names here are deprecated aliases.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from futoko_research.corpus import (
    cases_by_year_municipality,
    checkbox_table,
    section_keyness,
    statements_by_section,
)
from futoko_research.deprecation import deprecated_getattr
from futoko_research.io import atomic_write_bytes, read_table, write_csv, write_graphml
from futoko_research.plots import save_figure
from futoko_research.vocab import SECTION_LABELS_JA, YEAR_ALL, YEAR_UNKNOWN, normalize_year
from futoko_research.year_filter import filter_by_year, year_mask

# importing futoko_research.plots selects the Agg backend; the notebooks import this module
# first and then switch to the inline backend (%matplotlib inline) so figures show under cells.

TABLES_SUBDIR = "tables"
FIGURES_SUBDIR = "figures"

__all__ = [
    "FEATURES_INFO_KEYS", "FIGURES_SUBDIR", "HUMAN_CODES_PATTERN", "SECTION_LABELS_JA", "TABLES_SUBDIR",
    "YEAR_ALL", "YEAR_UNKNOWN", "cases_by_year_municipality", "checkbox_table", "coding_error_note",
    "corpus_banner", "corrected_prevalence_figure", "correction_table", "describe_features", "filter_by_year", "human_agreement",
    "normalize_year", "note", "pooled_table", "project_path", "read_year_tables", "save_fig", "save_table", "section_keyness",
    "statements_by_section",
]

__getattr__ = deprecated_getattr(__name__, {
    # a different CHECKBOX_LABELS_JA (the form labels) lived in loaders/blocks.py
    "CHECKBOX_LABELS_JA": "futoko_research.vocab:CHECKBOX_DISPLAY_LABELS_JA",
    "plot_statements_by_section": "futoko_research.plots.corpus:plot_statements_by_section",
    "plot_prevalence_bars": "futoko_research.plots.analysis:plot_prevalence_bars",
    "KIND_COLORS": "futoko_research.plots.analysis:KIND_COLORS",
    "KIND_LABELS": "futoko_research.plots.analysis:KIND_LABELS",
})


def project_path(path: str | Path) -> Path:
    """``path`` as an absolute Path; a relative path is taken from the repository root.

    So the default parameters (``"data/processed"``) work whether a notebook runs in
    JupyterLab (cwd ``notebooks/``) or through papermill from the repository root.
    """
    from futoko_research.paths import PROJECT_ROOT

    path = Path(path).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


#: the columns a notebook reads of a table unless told otherwise (tables not named: every column).
#: The text views (frequencies, keyness, KWIC, co-occurrence, CA, clusters, topics, the mixed
#: network) read the lexical columns of the tokens; the dependency and entity columns (pos, dep,
#: head_idx, bunsetu_idx, ent_label) and the reading stay on disk.
NOTEBOOK_COLUMNS: dict[str, tuple[str, ...]] = {
    "tokens": ("statement_id", "case_id", "sent_idx", "token_idx", "text", "lemma", "norm", "term", "tag",
               "is_content", "start_char", "end_char", "profile"),
}


def _year_case_ids(cases: pd.DataFrame, fiscal_year: str | int) -> list[str] | None:
    """The case ids of the selected year (None for ``all``: no filter)."""
    label = normalize_year(fiscal_year)
    if label == YEAR_ALL:
        return None
    return cases.loc[year_mask(cases["fiscal_year"], label), "case_id"].astype(str).tolist()


def read_year_table(processed_dir: str | Path, name: str, fiscal_year: str | int, *, cases: pd.DataFrame,
                    columns: Iterable[str] | None = None) -> pd.DataFrame:
    """``processed_dir/<name>.parquet``: the selected year's rows and the given columns only.

    A table without a ``fiscal_year`` column but with ``case_id`` is filtered on the year's cases
    while it is read (pyarrow row filter), so a year's notebook never holds the other years' rows;
    ``columns`` (None: all) are read, plus the column the year is told by. The result equals
    :func:`filter_by_year` of the whole table, restricted to those columns.
    """
    import pyarrow.parquet as pq

    path = Path(processed_dir) / f"{name}.parquet"
    if not path.exists():
        return filter_by_year(read_table(processed_dir, name), fiscal_year, cases=cases, sources=cases)  # names the step
    names = pq.read_schema(path).names
    cols = None
    if columns is not None:
        key = next((c for c in ("fiscal_year", "case_id", "source_id") if c in names), None)
        wanted = set(columns) | ({key} if key else set())
        cols = [c for c in names if c in wanted]
    filters = None
    if "fiscal_year" not in names and "case_id" in names:
        ids = _year_case_ids(cases, fiscal_year)
        if ids is not None and not ids:  # no case in the year: the table's columns, no rows
            return filter_by_year(pd.read_parquet(path, columns=cols).iloc[:0], fiscal_year, cases=cases, sources=cases)
        if ids is not None:
            filters = [("case_id", "in", ids)]
    df = pd.read_parquet(path, columns=cols, filters=filters)
    return filter_by_year(df, fiscal_year, cases=cases, sources=cases)


def read_year_tables(processed_dir: str | Path, fiscal_year: str | int, names: Iterable[str], *,
                     columns: Mapping[str, Iterable[str] | None] | None = None) -> dict[str, pd.DataFrame]:
    """Read ``processed_dir/<name>.parquet`` for each name, only the selected year's rows
    (:func:`read_year_table`).

    ``cases`` is always read (it carries the year of every case) and is included in the result.
    ``columns`` maps table names to the columns to read (None for a table: all); the default,
    :data:`NOTEBOOK_COLUMNS`, reads the tokens' lexical columns only. A missing table raises
    :class:`~futoko_research.errors.FutokoError` naming the step that makes it.
    """
    columns = NOTEBOOK_COLUMNS if columns is None else columns
    cases = read_table(processed_dir, "cases")
    out = {"cases": filter_by_year(cases, fiscal_year)}
    for name in names:
        if name == "cases":
            continue
        out[name] = read_year_table(processed_dir, name, fiscal_year, cases=cases, columns=columns.get(name))
    return out


#: the ingest-report columns notebook 01 shows first (see futoko_research.loaders.ingest_report)
INGEST_REPORT_VIEW = [
    "source_id", "format", "layout", "pages", "n_cases", "n_statements", "n_furniture", "n_unassigned",
    "n_table_cells", "chars_input", "chars_statements", "chars_furniture", "chars_tables", "chars_unassigned",
    "chars_structure", "chars_boilerplate", "chars_lost", "n_warnings",
]


def ingest_report_view(processed_dir: str | Path, fiscal_year: str | int = YEAR_ALL) -> pd.DataFrame:
    """The ingest report (one row per source), its main columns: what was read and how well.

    For a year other than ``all``, the sources with a case of that year (through ``cases``).

    ``chars_lost`` must be 0 (every character of the input is in a table); a source with
    warnings, unassigned text or many furniture characters deserves a look before anything else.
    A missing ``ingest_report.parquet`` raises :class:`~futoko_research.errors.FutokoError`.
    """
    report = read_table(processed_dir, "ingest_report")
    if normalize_year(fiscal_year) != YEAR_ALL:
        report = filter_by_year(report, fiscal_year, sources=read_table(processed_dir, "cases"))
    return report[[c for c in INGEST_REPORT_VIEW if c in report.columns]]


def pooled_table(processed_dir: str | Path, table: str, fiscal_year: str | int, output_dir: str | Path, name: str):
    """Save and return a table computed over every year (:data:`~futoko_research.year_filter.POOLED_TABLES`).

    Shown for ``all`` only: for a single year the notebook shows a note pointing at the pooled
    notebook instead, so a year's outputs depend on that year's rows alone (and a run
    re-executes the year's notebooks only when they change).
    """
    if normalize_year(fiscal_year) != YEAR_ALL:
        return note(f"`{table}` is computed over every year: see the notebook for `all` (tables/{name}.csv there).")
    return save_table(read_table(processed_dir, table), output_dir, name)


def save_table(df: pd.DataFrame, output_dir: str | Path, name: str) -> pd.DataFrame:
    """Write ``df`` to ``output_dir/tables/<name>.csv`` (UTF-8 with BOM, LF) atomically; return ``df``.

    Returning the table lets a notebook cell save and show it in one call.
    """
    folder = Path(output_dir) / TABLES_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=folder)
    os.close(fd)
    try:
        write_csv(df, tmp)
        os.replace(tmp, folder / f"{name}.csv")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return df


def save_matrix(df: pd.DataFrame, output_dir: str | Path, name: str) -> pd.DataFrame:
    """Write a tidy table both as ``tables/<name>.csv`` (UTF-8 with BOM) and ``tables/<name>.parquet``
    (for R, Python, spreadsheets); return ``df``."""
    import io as _io

    save_table(df, output_dir, name)
    buf = _io.BytesIO()
    df.reset_index(drop=True).to_parquet(buf, index=False, engine="pyarrow")
    atomic_write_bytes(Path(output_dir) / TABLES_SUBDIR / f"{name}.parquet", buf.getvalue())
    return df


def save_graphml(graph, output_dir: str | Path, name: str) -> Path:
    """Write a network as ``tables/<name>.graphml`` (Gephi, Cytoscape, R igraph); return the path."""
    path = Path(output_dir) / TABLES_SUBDIR / f"{name}.graphml"
    write_graphml(graph, path)
    return path


#: stamped on every figure :func:`save_fig` saves after :func:`corpus_banner` found a synthetic corpus
SYNTHETIC_STAMP = "SYNTHETIC 合成データ — not real reports"
_figure_stamp: str | None = None


def corpus_banner(raw_dir: str | Path):
    """Say at the top of a notebook whether its corpus is real or SYNTHETIC (from ``manifest.csv``).

    For a synthetic corpus (any source with ``synthetic=true``) every figure saved afterwards
    with :func:`save_fig` carries :data:`SYNTHETIC_STAMP`, so no figure of the demo can pass for
    a real result.
    """
    global _figure_stamp
    from futoko_research.loaders.manifest import read_manifest

    sources = read_manifest(raw_dir)
    n_synthetic = sum(s.synthetic for s in sources)
    if n_synthetic:
        _figure_stamp = SYNTHETIC_STAMP
        return note(f"> **SYNTHETIC — 合成データ.** {n_synthetic} of {len(sources)} sources are generated by "
                    "`futoko_research.synthetic` (planted effects: see the corpus's `README.md` and "
                    "`truth_effects.csv`). Nothing here describes real children or schools.")
    _figure_stamp = None
    return note(f"Real data: {len(sources)} source(s) listed in `{Path(raw_dir).name}/manifest.csv`.")


def save_fig(ax_or_fig, output_dir: str | Path, name: str):
    """Save a figure (or the figure of an Axes) as ``output_dir/figures/<name>.png`` and ``.svg``.

    Deterministic (see :func:`futoko_research.plots.save_figure`). The figure is then closed and
    the saved PNG is returned as an ``IPython.display.Image``, so a notebook cell ending with
    this call shows exactly the file that was written (without drawing the figure a third time).
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    fig = ax_or_fig if isinstance(ax_or_fig, Figure) else ax_or_fig.get_figure(root=True)
    if _figure_stamp:  # a figure-level x label: the constrained layout keeps room for it below everything else
        fig.supxlabel(_figure_stamp, x=0.995, ha="right", fontsize=7, color="#b00020", alpha=0.9)
    written = save_figure(fig, Path(output_dir) / FIGURES_SUBDIR / name)
    plt.close(fig)
    png = next(p for p in written if p.suffix == ".png")
    try:
        from IPython.display import Image
    except ImportError:  # pragma: no cover - IPython always present with papermill
        return png
    return Image(data=png.read_bytes(), format="png")


def note(text: str):
    """A Markdown note for the notebook (an ``IPython.display.Markdown`` object; plain str without IPython)."""
    try:
        from IPython.display import Markdown
    except ImportError:  # pragma: no cover - IPython always present with papermill
        return text
    return Markdown(text)


#: the filled coding sheets read from raw_dir (one coder each); the same as the analyze step's
HUMAN_CODES_PATTERN = "human_codes*.csv"


def human_agreement(
    raw_dir: str | Path, processed_dir: str | Path, fiscal_year: str | int, output_dir: str | Path,
    *, codebook=None, pattern: str = HUMAN_CODES_PATTERN, seed: int = 20240401,
):
    """Agreement of the rule coder with human coders, when filled coding sheets exist.

    Reads every ``raw_dir/human_codes*.csv`` (coding sheets from
    :func:`futoko_research.coding.write_coding_sheet`, filled by one coder each; the coder is the
    file's stem), scores the rule coder's ``codes`` against each coder on the selected year's
    statements (:func:`futoko_research.coding.rule_vs_human` with ``intervals=True``: Wilson
    95 % intervals for precision and recall, a percentile bootstrap over statements with
    ``seed`` for F1) and, with two or more coders, the intercoder reliability
    (:func:`futoko_research.coding.reliability`). Writes
    ``output_dir/tables/03_rule_vs_human.csv`` (and ``03_reliability.csv``).

    Returns
    -------
    pandas.DataFrame or IPython Markdown
        The rule-versus-human table with a leading ``coder`` column (string), or a Markdown note
        saying that no coding sheet was found (nothing is written then).
    """
    from futoko_research.coding import read_coding_sheet, reliability, rule_vs_human

    files = sorted(Path(raw_dir).glob(pattern))
    if not files:
        return note(
            f"人手によるコーディングはありません / No human codes: no `{pattern}` in `{Path(raw_dir).name}/`. "
            "To validate the codebook on your reports, export a coding sheet "
            "(`futoko_research.coding.write_coding_sheet`), have coders fill it, and save each as "
            f"`data/raw/human_codes_<coder>.csv`; this cell then reports precision, recall, F1 and agreement."
        )
    statements = read_table(processed_dir, "statements")
    cases = read_table(processed_dir, "cases")
    year_ids = filter_by_year(statements, fiscal_year, cases=cases)["statement_id"].astype("string")
    codes = read_table(processed_dir, "codes")
    sheets = [read_coding_sheet(f, codebook, statements=statements) for f in files]
    scores = []
    for sheet in sheets:
        coder = str(sheet["coder"].iloc[0]) if len(sheet) else "coder"
        ids = [s for s in sheet["statement_id"].astype("string").unique() if s in set(year_ids)]
        table = rule_vs_human(codes, sheet, statement_ids=ids, intervals=True, seed=seed)
        table.insert(0, "coder", pd.Series(coder, index=table.index, dtype="string"))
        scores.append(table)
    result = pd.concat(scores, ignore_index=True)
    save_table(result, output_dir, "03_rule_vs_human")
    if len(sheets) >= 2:
        long = pd.concat(sheets, ignore_index=True)
        long = long[long["statement_id"].astype("string").isin(set(year_ids))]
        save_table(reliability(long), output_dir, "03_reliability")
    return result


#: tables the analyze step writes only when a validation sheet exists (pipeline.steps.CORRECTION_TABLES)
CORRECTION_TABLES = ("validation_rates", "prevalence_corrected", "association_robustness")


def coding_error_note(processed_dir: str | Path):
    """A Markdown note: is coding error carried into this analysis, and with which validation sample?

    The analyze step writes ``validation_rates``, ``prevalence_corrected`` and
    ``association_robustness`` only when human-coded coding sheets (``raw_dir/human_codes*.csv``)
    exist; this note says which, or that nothing is corrected.
    """
    path = Path(processed_dir) / "validation_rates.parquet"
    if not path.is_file():
        return note(
            "コーディングの誤りは補正していません / **Nothing is corrected for coding error**: no validation "
            f"sheet (`{HUMAN_CODES_PATTERN}` in the raw folder) was given to the analyze step, so the "
            "prevalences and associations above are those of the automatic coder as it stands. To correct them, "
            "have a person code a random sample of whole cases on a coding sheet "
            "(`futoko_research.coding.write_coding_sheet`), save it as `data/raw/human_codes_<coder>.csv` and "
            "run `futoko-research run` again.")
    rates = read_table(processed_dir, "validation_rates")
    usable = rates[rates["usable"].fillna(False).astype(bool)]
    n_cases = int(rates["n_validation"].max()) if len(rates) else 0
    return note(
        f"コーディングの誤りを補正しました / **Corrected for coding error** with a validation sample of up to "
        f"{n_cases} case(s) coded by a person: {len(usable)} of {len(rates)} codes have enough validation cases "
        "(sensitivity and specificity per code below). Prevalence is corrected by Rogan–Gladen with a bootstrap "
        "interval over the validation sample and the corpus (seed fixed); `direction_robust` says whether an "
        "association's direction holds within the coding error (matrix method, bootstrap). Both assume the "
        "validation cases are a random sample of the corpus.")


def _corrected_with_observed_ci(processed_dir: str | Path, fiscal_year: str | int) -> pd.DataFrame:
    """``prevalence_corrected`` of the year with the observed share's Wilson interval from ``prevalence``."""
    table = filter_by_year(read_table(processed_dir, "prevalence_corrected"), fiscal_year)
    prev = read_table(processed_dir, "prevalence")[["variable", "fiscal_year", "ci_low", "ci_high"]]
    prev = prev.rename(columns={"ci_low": "observed_ci_low", "ci_high": "observed_ci_high"})
    table = table.merge(prev, on=["variable", "fiscal_year"], how="left", validate="one_to_one")
    cols = [c for c in table.columns if not c.startswith("observed_ci")]
    at = cols.index("observed") + 1
    return table[cols[:at] + ["observed_ci_low", "observed_ci_high"] + cols[at:]]


def correction_table(processed_dir: str | Path, fiscal_year: str | int, name: str, output_dir: str | Path,
                     out_name: str):
    """A correction table of the analyze step, for the selected year, saved as ``tables/<out_name>.csv``.

    ``name`` is one of ``validation_rates`` (not by year), ``prevalence_corrected`` (gains the
    observed share's Wilson interval, ``observed_ci_low`` / ``observed_ci_high``, from
    ``prevalence``) or ``association_robustness``. Returns the table, or None (nothing written)
    when the analyze step had no validation sheet; :func:`coding_error_note` says so.
    """
    if name not in CORRECTION_TABLES:
        raise ValueError(f"name must be one of {', '.join(CORRECTION_TABLES)}, not {name!r}")
    if not (Path(processed_dir) / f"{name}.parquet").is_file():
        return None
    if name == "prevalence_corrected":
        table = _corrected_with_observed_ci(processed_dir, fiscal_year)
    else:
        table = read_table(processed_dir, name)
        if "fiscal_year" in table.columns:
            table = filter_by_year(table, fiscal_year)
    return save_table(table, output_dir, out_name)


def corrected_prevalence_figure(processed_dir: str | Path, fiscal_year: str | int, output_dir: str | Path,
                                out_name: str, *, codebook=None):
    """Raw and corrected prevalence of each code (:func:`~futoko_research.plots.prevalence.plot_prevalence_corrected`).

    Saves ``figures/<out_name>.png|svg`` and returns the image, or None (nothing written) when the
    analyze step had no validation sheet.
    """
    from futoko_research.plots.prevalence import plot_prevalence_corrected

    if not (Path(processed_dir) / "prevalence_corrected.parquet").is_file():
        return None
    table = _corrected_with_observed_ci(processed_dir, fiscal_year)
    ax = plot_prevalence_corrected(table, fiscal_year=normalize_year(fiscal_year), codebook=codebook)
    return save_fig(ax, output_dir, out_name)


FEATURES_INFO_KEYS = ("profile", "model", "model_version", "spacy", "ginza", "sudachipy", "sudachidict_core",
                      "split_mode", "terms_hash")


def describe_features(processed_dir: str | Path, nlp_profile: str | None = None):
    """A Markdown note: which GiNZA profile, model and dictionary versions made the token table.

    Reads ``processed_dir/features_info.json`` (written by the features step). When
    ``nlp_profile`` is given and differs from the profile of the tables, the note says so.
    """
    import json

    path = Path(processed_dir) / "features_info.json"
    if not path.is_file():
        return note(f"`{path.name}` not found: run the features step (`futoko-research run`) first.")
    info = json.loads(path.read_text(encoding="utf-8"))
    rows = [f"| {key} | `{str(info.get(key))[:16] if key == 'terms_hash' else info.get(key)}` |"
            for key in FEATURES_INFO_KEYS if key in info]
    text = "解析の設定 / How the tokens were made\n\n| | |\n|---|---|\n" + "\n".join(rows)
    if nlp_profile is not None and info.get("profile") not in (None, nlp_profile):
        text += (f"\n\n**Note:** the tables were made with profile `{info.get('profile')}`, "
                 f"not the `nlp_profile` parameter `{nlp_profile}`; re-run the features step to change it.")
    return note(text)

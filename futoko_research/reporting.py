"""Small helpers the notebooks share: year selection, saving tables and figures, corpus overview.

The notebooks in ``notebooks/`` only orchestrate: they read the processed tables, select a
fiscal year with :func:`read_year_tables` / :func:`filter_by_year`, call one library function per
cell, and store what they show with :func:`save_table` (CSV, UTF-8 with BOM, under
``output_dir/tables``) and :func:`save_fig` (PNG + SVG under ``output_dir/figures``).

Year selection
--------------
``fiscal_year`` is ``"all"`` (every case), ``"unknown"`` (cases whose source names no year,
``fiscal_year`` NA) or a year (``"2023"`` or ``2023``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from futoko_research.io import read_table, write_csv
from futoko_research.plots import get_ax, save_figure

# importing futoko_research.plots selects the Agg backend; the notebooks import this module
# first and then switch to the inline backend (%matplotlib inline) so figures show under cells.

YEAR_ALL = "all"
YEAR_UNKNOWN = "unknown"
TABLES_SUBDIR = "tables"
FIGURES_SUBDIR = "figures"

SECTION_LABELS_JA = {
    "goal": "目標 (goal)",
    "focus": "重点 (focus)",
    "activity": "取組 (activity)",
    "outcome": "成果 (outcome)",
    "tag": "タグ (tag)",
    "body": "本文 (body)",
    "unassigned": "未分類 (unassigned)",
}
CHECKBOX_LABELS_JA = {
    "school_return_support": "学校復帰支援 (school return support)",
    "learning_opportunity": "学習機会の確保 (learning opportunity)",
    "center_enhancement": "教育支援センターの充実 (center enhancement)",
}


def normalize_year(fiscal_year: str | int) -> str:
    """Return the canonical label of a year selection: ``"all"``, ``"unknown"`` or ``"2023"``.

    Raises
    ------
    ValueError
        If ``fiscal_year`` is neither ``"all"``, ``"unknown"`` nor an integer year.
    """
    if isinstance(fiscal_year, bool):
        raise ValueError(f"fiscal_year must be 'all', 'unknown' or a year, not {fiscal_year!r}")
    text = str(fiscal_year).strip().lower()
    if text in (YEAR_ALL, YEAR_UNKNOWN):
        return text
    if text.isdigit() and 1900 <= int(text) <= 2200:
        return str(int(text))
    raise ValueError(f"fiscal_year must be 'all', 'unknown' or a year, not {fiscal_year!r}")


def project_path(path: str | Path) -> Path:
    """``path`` as an absolute Path; a relative path is taken from the repository root.

    So the default parameters (``"data/processed"``) work whether a notebook runs in
    JupyterLab (cwd ``notebooks/``) or through papermill from the repository root.
    """
    from futoko_research.paths import PROJECT_ROOT

    path = Path(path).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


def _year_mask(years: pd.Series, label: str) -> pd.Series:
    years = years.astype("Int64")
    if label == YEAR_ALL:
        return pd.Series(True, index=years.index)
    if label == YEAR_UNKNOWN:
        return years.isna().fillna(False).astype(bool)
    return (years == int(label)).fillna(False).astype(bool)


def filter_by_year(df: pd.DataFrame, fiscal_year: str | int, *, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of ``df`` that belong to the selected fiscal year.

    ``df`` is filtered on its own ``fiscal_year`` column when it has one, otherwise on its
    ``case_id`` through ``cases`` (which must then be given). Returns a new frame with a fresh
    index; ``df`` is not modified.

    Raises
    ------
    ValueError
        Bad ``fiscal_year``, or a table with neither ``fiscal_year`` nor ``case_id`` (or no ``cases``).
    """
    label = normalize_year(fiscal_year)
    if label == YEAR_ALL:
        return df.reset_index(drop=True)
    if "fiscal_year" in df.columns:
        col = df["fiscal_year"]
        # tables such as associations use the labels "all" / "unknown" as values
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            return df[col.astype("string").fillna(YEAR_UNKNOWN) == label].reset_index(drop=True)
        return df[_year_mask(col, label)].reset_index(drop=True)
    if "case_id" in df.columns:
        if cases is None:
            raise ValueError("filter_by_year: this table has no fiscal_year column; pass cases=")
        keep = cases.loc[_year_mask(cases["fiscal_year"], label), "case_id"]
        return df[df["case_id"].isin(keep)].reset_index(drop=True)
    raise ValueError("filter_by_year: the table has neither fiscal_year nor case_id")


def read_year_tables(processed_dir: str | Path, fiscal_year: str | int, names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Read ``processed_dir/<name>.parquet`` for each name and keep the selected year's rows.

    ``cases`` is always read (it carries the year of every case) and is included in the result.
    A missing table raises :class:`~futoko_research.errors.FutokoError` naming the step that makes it.
    """
    cases = read_table(processed_dir, "cases")
    out = {"cases": filter_by_year(cases, fiscal_year)}
    for name in names:
        if name == "cases":
            continue
        out[name] = filter_by_year(read_table(processed_dir, name), fiscal_year, cases=cases)
    return out


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


def save_fig(ax_or_fig, output_dir: str | Path, name: str):
    """Save a figure (or the figure of an Axes) as ``output_dir/figures/<name>.png`` and ``.svg``.

    Deterministic (see :func:`futoko_research.plots.save_figure`). The figure is then closed and
    the saved PNG is returned as an ``IPython.display.Image``, so a notebook cell ending with
    this call shows exactly the file that was written (without drawing the figure a third time).
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    fig = ax_or_fig if isinstance(ax_or_fig, Figure) else ax_or_fig.get_figure(root=True)
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


# ---------------------------------------------------------------------------------------------
# corpus overview (notebook 01)


def cases_by_year_municipality(cases: pd.DataFrame) -> pd.DataFrame:
    """Number of cases per fiscal year and municipality.

    Returns
    -------
    pandas.DataFrame
        - ``fiscal_year`` (string) — the year, or ``"unknown"`` when the source names none.
        - ``municipality`` (string) — as in the report; ``"(不明)"`` when missing.
        - ``n_cases`` (Int64).

        Sorted by year then municipality.
    """
    df = pd.DataFrame({
        "fiscal_year": cases["fiscal_year"].astype("Int64").astype("string").fillna(YEAR_UNKNOWN),
        "municipality": cases["municipality"].astype("string").fillna("(不明)"),
    })
    out = df.groupby(["fiscal_year", "municipality"], sort=True).size().rename("n_cases").reset_index()
    out["n_cases"] = out["n_cases"].astype("Int64")
    return out.astype({"fiscal_year": "string", "municipality": "string"})


def statements_by_section(statements: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements and characters per case and section.

    Parameters
    ----------
    statements : the ``statements`` table (case_id, section, text).
    cases : optional ``cases`` table; adds the municipality to each row.

    Returns
    -------
    pandas.DataFrame
        - ``case_id`` (string), ``municipality`` (string, when ``cases`` is given)
        - ``section`` (string) and ``section_ja`` (string, Japanese label with English)
        - ``n_statements`` (Int64), ``n_chars`` (Int64) — statements and characters of text.

        Sections in the schema order; sections without statements are left out.
    """
    sections = list(statements["section"].cat.categories) if isinstance(statements["section"].dtype, pd.CategoricalDtype) else sorted(statements["section"].dropna().unique())
    df = pd.DataFrame({
        "case_id": statements["case_id"].astype("string"),
        "section": pd.Categorical(statements["section"].astype("string"), categories=sections),
        "n_chars": statements["text"].astype("string").str.len().fillna(0).astype("int64"),
    })
    out = (
        df.groupby(["case_id", "section"], observed=True, sort=True)
        .agg(n_statements=("n_chars", "size"), n_chars=("n_chars", "sum"))
        .reset_index()
    )
    out["section"] = out["section"].astype("string")
    out.insert(2, "section_ja", out["section"].map(lambda s: SECTION_LABELS_JA.get(s, s)).astype("string"))
    out = out.astype({"n_statements": "Int64", "n_chars": "Int64"})
    if cases is not None:
        muni = cases.set_index(cases["case_id"].astype("string"))["municipality"].astype("string")
        out.insert(1, "municipality", out["case_id"].map(muni).astype("string"))
    return out


def checkbox_table(checkboxes: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Tick-box items per case, wide: one row per item, one column per municipality (✓ as True).

    Returns
    -------
    pandas.DataFrame
        - ``category`` (string), ``category_ja`` (string), ``label_ja`` (string) — the item.
        - one boolean column per case, named ``<municipality> (<case_id>)`` in case order.
        - ``n_checked`` (Int64) — cases that ticked the item.
    """
    muni = cases.set_index(cases["case_id"].astype("string"))["municipality"].astype("string").fillna("(不明)")
    df = checkboxes.copy()
    df["case"] = [f"{muni.get(c, '(不明)')} ({c})" for c in df["case_id"].astype("string")]
    order = [f"{muni[c]} ({c})" for c in cases["case_id"].astype("string") if c in set(df["case_id"].astype("string"))]
    df["category"] = df["category"].astype("string")
    df["label_ja"] = df["label_ja"].astype("string")
    wide = df.pivot_table(index=["category", "label_ja"], columns="case", values="checked", aggfunc="max", sort=False, observed=True)
    wide = wide.reindex(columns=order).astype("boolean").reset_index()
    wide.columns.name = None
    wide.insert(1, "category_ja", wide["category"].map(lambda s: CHECKBOX_LABELS_JA.get(s, s)).astype("string"))
    wide["n_checked"] = wide[order].fillna(False).astype(int).sum(axis=1).astype("Int64")
    return wide


def plot_statements_by_section(table: pd.DataFrame, *, ax=None, max_groups: int = 40):
    """Stacked horizontal bars: statements per section for each municipality.

    Parameters
    ----------
    table : :func:`statements_by_section` output (with ``municipality``; without it, cases are drawn).
    max_groups : draw at most this many municipalities (those with most statements); the title says
        when some were left out.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib

    key = "municipality" if "municipality" in table.columns else "case_id"
    df = table.assign(_group=table[key].astype("string").fillna("(不明)"))
    n_cases = df.groupby("_group", sort=False)["case_id"].nunique()
    wide = df.pivot_table(index="_group", columns="section_ja", values="n_statements", aggfunc="sum",
                          sort=False, observed=True).fillna(0)
    wide = wide.reindex(columns=list(dict.fromkeys(df["section_ja"])))
    total = wide.sum(axis=1)
    order = sorted(wide.index, key=lambda g: (-float(total[g]), str(g)))
    shown = order[:max_groups]
    wide = wide.reindex(index=shown)
    ax = get_ax(ax, width=8.0, height=max(3.0, 0.4 * len(wide) + 1.8))
    cmap = matplotlib.colormaps["tab10"]
    y = np.arange(len(wide))[::-1]
    left = np.zeros(len(wide))
    for i, col in enumerate(wide.columns):
        values = wide[col].to_numpy(dtype=float)
        ax.barh(y, values, left=left, label=col, color=cmap(i % 10))
        left = left + values
    unit = "事例" if key == "municipality" else ""
    labels = [f"{g} ({n_cases[g]}{unit})" if key == "municipality" else str(g) for g in wide.index]
    ax.set_yticks(y, labels, fontsize=8 if len(wide) > 15 else 10)
    ax.set_ylabel("自治体（事例数） (municipality, cases)" if key == "municipality" else "事例 (case)")
    ax.set_xlabel("記述数 (number of statements)")
    title = "自治体・項目別の記述数 / Statements per municipality and section"
    if len(order) > len(shown):
        title += f"（上位{len(shown)} / {len(order)}）"
    ax.set_title(title)
    ax.legend(title="項目 (section)", fontsize=8, bbox_to_anchor=(1.02, 1), loc="upper left")
    return ax


KIND_COLORS = {"intervention": "#4c72b0", "outcome": "#c44e52", "checkbox": "#55a868", "other": "#8c8c8c"}
KIND_LABELS = {"intervention": "取組 (intervention)", "outcome": "成果 (outcome)",
               "checkbox": "チェック欄 (tick box)", "other": "その他 (other)"}


def plot_prevalence_bars(prev: pd.DataFrame, *, fiscal_year: str | int = YEAR_ALL, codebook=None, ax=None):
    """Share of cases with each code in one year (``all`` = every case), with Wilson 95 % intervals.

    A one-year complement to :func:`futoko_research.plots.analysis.plot_prevalence` (which draws the
    trend over years and so shows nothing for a corpus without years).

    Parameters
    ----------
    prev : :func:`futoko_research.analysis.prevalence` output (variable, code, kind, fiscal_year,
        n, count, proportion, ci_low, ci_high).
    fiscal_year : the rows drawn (``"all"``, ``"unknown"`` or a year).
    codebook : for Japanese code labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from futoko_research.plots.analysis import label_ja

    label = normalize_year(fiscal_year)
    sub = prev[prev["fiscal_year"].astype("string") == label]
    sub = sub[sub["proportion"].notna()]
    order = {k: i for i, k in enumerate(KIND_COLORS)}
    sub = sub.assign(_k=sub["kind"].map(order).fillna(len(order))).sort_values(["_k", "variable"], kind="mergesort")
    ax = get_ax(ax, width=7.5, height=max(3.0, 0.3 * len(sub) + 1.5))
    y = list(range(len(sub)))[::-1]
    p = sub["proportion"].to_numpy(dtype=float)
    err = np.clip([p - sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float) - p], 0, None)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in sub["kind"]]
    ax.barh(y, p, xerr=err, color=colors, capsize=2, error_kw={"elinewidth": 0.8})
    ax.set_yticks(y, [label_ja(str(c), codebook) for c in sub["code"]], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("該当事例の割合（95% Wilson 区間） / share of cases")
    ax.set_ylabel("コード (code)")
    n = int(sub["n"].max()) if len(sub) else 0
    year = "全年度 (all years)" if label == YEAR_ALL else ("年度不明 (unknown year)" if label == YEAR_UNKNOWN else f"{label}年度")
    ax.set_title(f"コードの出現割合：{year}、n = {n} 事例")
    from matplotlib.patches import Patch

    kinds = list(dict.fromkeys(sub["kind"]))
    ax.legend(handles=[Patch(color=KIND_COLORS.get(k, KIND_COLORS["other"]), label=KIND_LABELS.get(k, k)) for k in kinds],
              fontsize=8, loc="lower right")
    if sub.empty:
        ax.text(0.5, 0.5, "データなし (no data)", ha="center", va="center", transform=ax.transAxes)
    return ax


HUMAN_CODES_PATTERN = "human_codes*.csv"


def human_agreement(
    raw_dir: str | Path, processed_dir: str | Path, fiscal_year: str | int, output_dir: str | Path,
    *, codebook=None, pattern: str = HUMAN_CODES_PATTERN,
):
    """Agreement of the rule coder with human coders, when filled coding sheets exist.

    Reads every ``raw_dir/human_codes*.csv`` (coding sheets from
    :func:`futoko_research.coding.write_coding_sheet`, filled by one coder each; the coder is the
    file's stem), scores the rule coder's ``codes`` against each coder on the selected year's
    statements (:func:`futoko_research.coding.rule_vs_human`) and, with two or more coders, the
    intercoder reliability (:func:`futoko_research.coding.reliability`). Writes
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
        table = rule_vs_human(codes, sheet, statement_ids=ids)
        table.insert(0, "coder", pd.Series(coder, index=table.index, dtype="string"))
        scores.append(table)
    result = pd.concat(scores, ignore_index=True)
    save_table(result, output_dir, "03_rule_vs_human")
    if len(sheets) >= 2:
        long = pd.concat(sheets, ignore_index=True)
        long = long[long["statement_id"].astype("string").isin(set(year_ids))]
        save_table(reliability(long), output_dir, "03_reliability")
    return result


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


def section_keyness(tokens: pd.DataFrame, statements: pd.DataFrame, section: str = "outcome", **kwargs) -> pd.DataFrame:
    """Keyness of one section against the others (:func:`futoko_research.features.keyness`).

    Reports without that section (a generic layout has only ``body`` statements) give an empty
    table with the same columns instead of an error, so a notebook runs on any corpus.
    """
    from futoko_research.features import keyness

    present = set(statements["section"].astype("string").dropna())
    if section in present and len(present) > 1 and tokens["statement_id"].isin(
            statements.loc[statements["section"].astype("string") == section, "statement_id"]).any():
        return keyness(tokens, section, by="section", statements=statements, **kwargs)
    return pd.DataFrame({
        "term": pd.Series(dtype="string"), "n_target": pd.Series(dtype="Int64"),
        "n_reference": pd.Series(dtype="Int64"), "g2": pd.Series(dtype="float64"),
        "p_value": pd.Series(dtype="float64"), "log_ratio": pd.Series(dtype="float64"),
        "rel_target": pd.Series(dtype="float64"), "rel_reference": pd.Series(dtype="float64"),
    })

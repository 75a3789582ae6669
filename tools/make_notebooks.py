"""Write the pipeline's notebooks (notebooks/NN_name.ipynb) as clean nbformat JSON.

The notebooks are generated so that they stay uniform: a first markdown cell (question, inputs,
outputs), a first code cell tagged ``parameters`` with literal assignments and type/help
comments, one imports cell, a derived-values cell, then cells that each call one library function
and at most one figure per cell. No outputs, no execution counts.

Usage (from the repository root)::

    .venv/bin/python tools/make_notebooks.py          # (re)write every notebook
    .venv/bin/python tools/make_notebooks.py --check  # exit 1 if a committed notebook differs

Editing a notebook by hand in JupyterLab is fine too; then clear its outputs before committing
(tests/test_notebooks.py checks that) and port the change here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"

PARAMETERS = '''\
fiscal_year = "all"  # str: "all" (every case), "unknown" (sources without a year) or a year such as "2023"
raw_dir = "data/raw"  # str: folder with manifest.csv, the raw reports and mext_futoko_national.csv
processed_dir = "data/processed"  # str: processed tables written by `futoko-research run` (or ingest/features/code/analyze)
output_dir = "papermill/output/all"  # str: the folder of this run; figures/ and tables/ are written inside it
codebook = None  # str | None: codebook YAML, or None for the package default codebook
nlp_profile = "full"  # str: GiNZA profile of the feature tables (full | fast | lexical)
seed = 20240401  # int: random seed (network layouts)'''

DERIVED = '''\
fiscal_year = reporting.normalize_year(fiscal_year)
raw_dir = reporting.project_path(raw_dir)
processed_dir = reporting.project_path(processed_dir)
output_dir = reporting.project_path(output_dir)
print(f"年度 fiscal_year = {fiscal_year}; processed_dir = {processed_dir.name}/; output_dir = {output_dir.name}/")'''


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def code(text: str, *, tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def header(title: str, question: str, inputs: str, outputs: str) -> list:
    return [
        md(f"""
# {title}

**問い / Question.** {question}

**入力 / Inputs.** {inputs}

**出力 / Outputs.** {outputs}

Parameters are in the next cell (tagged `parameters`); `futoko-research run` injects absolute paths
and the year. Run by hand from the repository root with
`papermill notebooks/<this notebook> out.ipynb -f papermill/params/all.yaml`.
"""),
        code(PARAMETERS, tags=("parameters",)),
    ]


def imports(*lines: str) -> list:
    body = "\n".join(("from futoko_research import reporting", *lines, "", "%matplotlib inline"))
    return [code(body), code(DERIVED)]


# ---------------------------------------------------------------------------------------------

NB01 = [
    *header(
        "01 コーパスの概要 / Corpus overview",
        "どの年度・自治体の事例が、どの項目にどれだけの記述を持つか。チェック欄ではどの取組が選ばれているか。"
        " / Which years and municipalities do the cases come from, how much text does each section hold, "
        "and which tick boxes are checked?",
        "`processed_dir`: `cases`, `statements`, `checkboxes` (.parquet, written by the ingest step).",
        "`tables/01_cases_by_year_municipality.csv`, `tables/01_statements_by_section.csv`, "
        "`tables/01_checkboxes.csv`; `figures/01_statements_by_section.png|svg`.",
    ),
    *imports("from futoko_research.plots.corpus import plot_statements_by_section"),
    md("## データの読み込み / Load the tables of the selected year"),
    code('tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "checkboxes"])'),
    md("## 年度・自治体別の事例数 / Cases by fiscal year and municipality"),
    code('reporting.save_table(reporting.cases_by_year_municipality(tables["cases"]), output_dir, "01_cases_by_year_municipality")'),
    md("## 事例・項目別の記述数 / Statements by case and section\n\n"
       "The table lists every case; the figure sums the cases of each municipality."),
    code('sections = reporting.save_table(reporting.statements_by_section(tables["statements"], tables["cases"]), output_dir, "01_statements_by_section")\nsections'),
    code('ax = plot_statements_by_section(sections)\nreporting.save_fig(ax, output_dir, "01_statements_by_section")'),
    md("## チェック欄（取組の種類） / Tick boxes (kind of support)\n\n"
       "Each case sheet has three tick boxes; `True` = ticked (■), `False` = not ticked (□)."),
    code('reporting.save_table(reporting.checkbox_table(tables["checkboxes"], tables["cases"]), output_dir, "01_checkboxes")'),
]

NB02 = [
    *header(
        "02 テキストの特徴 / Text features",
        "報告書ではどの語が多く使われ、成果の記述に特徴的な語は何か。「連携」はどんな文脈で語られ、どの語が一緒に現れるか。"
        " / Which words do the reports use most, which words characterise the outcome statements, in what context "
        "does 連携 (cooperation) appear, and which words co-occur?",
        "`processed_dir`: `cases`, `statements`, `tokens` (.parquet; tokens from the features step with the "
        "`nlp_profile` recorded in each row).",
        "`tables/02_word_frequency.csv`, `tables/02_word_frequency_by_section.csv`, "
        "`tables/02_tfidf_by_municipality.csv`, `tables/02_keyness_outcome.csv`, `tables/02_kwic_renkei.csv`, "
        "`tables/02_cooccurrence.csv`; `figures/02_word_frequency.png|svg`, `figures/02_keyness_outcome.png|svg`, "
        "`figures/02_cooccurrence_network.png|svg`.",
    ),
    *imports(
        "from futoko_research.features import cooccurrence, kwic, tfidf_top_terms, word_frequency",
        "from futoko_research.plots.text import plot_cooccurrence_network, plot_keyness, plot_word_frequency",
    ),
    md("## データの読み込み / Load the tables of the selected year"),
    code('tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "tokens"])'),
    code("reporting.describe_features(processed_dir, nlp_profile)"),
    md("## 頻出語 / Word frequency\n\n"
       "Content words, counted on the analysis form `term` (Sudachi's normalised form plus the project's "
       "variant map: 子供/子ども, 取組/取り組み … fold together); `doc_freq` counts statements."),
    code('freq = reporting.save_table(word_frequency(tables["tokens"], statements=tables["statements"]), output_dir, "02_word_frequency")\nfreq.head(30)'),
    code('ax = plot_word_frequency(freq, top_n=25, title="頻出語（上位25語） / Most frequent content words")\nreporting.save_fig(ax, output_dir, "02_word_frequency")'),
    md("## 項目別の頻出語 / Word frequency by section"),
    code('reporting.save_table(word_frequency(tables["tokens"], by="section", statements=tables["statements"]), output_dir, "02_word_frequency_by_section").groupby("section", observed=True).head(10)'),
    md("## 自治体ごとの特徴語（TF-IDF） / Terms characterising each municipality (TF-IDF)"),
    code('reporting.save_table(tfidf_top_terms(tables["tokens"], by="municipality", statements=tables["statements"], cases=tables["cases"], top_n=10), output_dir, "02_tfidf_by_municipality")'),
    md("## 成果の記述の特徴語 / Keyness of the outcome statements\n\n"
       "Signed log-likelihood G² (Dunning 1993) of each term in outcome statements against all other "
       "sections; positive = more frequent in outcomes. With a few cases, read it as description, not inference. "
       "Reports without outcome statements (generic layout) give an empty table."),
    code('key = reporting.save_table(reporting.section_keyness(tables["tokens"], tables["statements"], "outcome"), output_dir, "02_keyness_outcome")\nkey.head(20)'),
    code('ax = plot_keyness(key, top_n=15, title="成果の記述の特徴語 / Keyness: outcome vs. other sections (signed G²)")\nreporting.save_fig(ax, output_dir, "02_keyness_outcome")'),
    md("## KWIC：「連携」 / Keyword in context: 連携 (cooperation)"),
    code('reporting.save_table(kwic(tables["tokens"], "連携", window=6), output_dir, "02_kwic_renkei")'),
    md("## 共起ネットワーク / Co-occurrence network\n\n"
       "Terms occurring in at least two statements; edges are the strongest pairs by Jaccard coefficient "
       "over statements (as KH Coder draws it); node size = frequency, colour = community."),
    code('edges = reporting.save_table(cooccurrence(tables["tokens"], min_freq=2, top_n=60), output_dir, "02_cooccurrence")\nedges.head(20)'),
    code('ax = plot_cooccurrence_network(edges, seed=seed)\nreporting.save_fig(ax, output_dir, "02_cooccurrence_network")'),
]

NB03 = [
    *header(
        "03 質的コーディング / Qualitative coding",
        "どのコード（取組・成果のテーマ）が、どの項目・自治体で、どの語を根拠に付いたか。コード同士はどう共起するか。"
        "人手のコーディングとどれだけ一致するか。"
        " / Which codes (themes of support and outcomes) occur, in which sections and municipalities, on what "
        "evidence; which codes go together; and how well do the rules agree with human coders?",
        "`processed_dir`: `cases`, `statements`, `codes`, `case_codes`, `rule_report` (.parquet, written by the code "
        "step with the codebook `codebook`); `raw_dir/human_codes*.csv` (filled coding sheets) when present.",
        "`tables/03_code_frequency_by_section.csv`, `tables/03_code_frequency_by_year.csv`, `tables/03_crosstab_municipality_cells.csv`, "
        "`tables/03_crosstab_municipality_tests.csv`, `tables/03_case_code_matrix.csv`, "
        "`tables/03_document_code_matrix.csv`, `tables/03_code_cooccurrence_statements.csv`, "
        "`tables/03_code_cooccurrence_cases.csv`, `tables/03_evidence.csv`, `tables/03_rule_report.csv`; "
        "`figures/03_code_frequency.png|svg`, `figures/03_code_cooccurrence_heatmap.png|svg`, "
        "`figures/03_code_network.png|svg`. "
        "Optional: `tables/03_rule_vs_human.csv`, `tables/03_reliability.csv` (when human coding sheets exist).",
    ),
    *imports(
        "from futoko_research.coding import case_code_matrix, code_cooccurrence, code_frequencies, crosstab_codes",
        "from futoko_research.coding import document_code_matrix, evidence_in_context, load_codebook",
        "from futoko_research.io import read_table",
        "from futoko_research.plots.coding import plot_code_frequency, plot_code_network, plot_cooccurrence_heatmap",
    ),
    md("## データとコードブック / Tables of the selected year and the codebook"),
    code('tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "codes", "case_codes"])'),
    code("book = load_codebook(codebook)"),
    md("## コードの頻度 / Code frequencies\n\n"
       "Cases (and statements) carrying each code, per section; `pct_cases` is the share of the group's cases."),
    code('freq = reporting.save_table(code_frequencies(tables["codes"], tables["statements"], tables["cases"], by="section", codebook=book), output_dir, "03_code_frequency_by_section")\nfreq'),
    md("Share of **cases** carrying each code (cases are counted once per year, so the figure pools years, "
       "not sections):"),
    code('freq_year = reporting.save_table(code_frequencies(tables["codes"], tables["statements"], tables["cases"], by="fiscal_year", codebook=book), output_dir, "03_code_frequency_by_year")\nfreq_year'),
    code('ax = plot_code_frequency(freq_year, codebook=book)\nreporting.save_fig(ax, output_dir, "03_code_frequency")'),
    md("## 自治体とのクロス集計 / Codes by municipality\n\n"
       "χ² test per code with adjusted standardised residuals and Cramér's V (exact or Monte-Carlo test when "
       "expected counts are small). With one case per municipality, read the counts, not the tests."),
    code('xtab = crosstab_codes(tables["codes"], tables["statements"], tables["cases"], by="municipality", codebook=book, seed=seed)'),
    code('reporting.save_table(xtab.cells, output_dir, "03_crosstab_municipality_cells")'),
    code('reporting.save_table(xtab.tests, output_dir, "03_crosstab_municipality_tests")'),
    md("## 事例 × コード / Case × code matrix\n\n"
       "Statements carrying each code, per case and section (as KH Coder's document × code table); the "
       "statement-level 0/1 matrix is exported for spreadsheets."),
    code('reporting.save_table(case_code_matrix(tables["codes"], tables["statements"], codebook=book), output_dir, "03_case_code_matrix")'),
    code('reporting.save_table(document_code_matrix(tables["codes"], tables["statements"], codebook=book), output_dir, "03_document_code_matrix").head()'),
    md("## コードの共起 / Code co-occurrence\n\n"
       "Pairs of codes on the same statement (Jaccard over statements), and in the same case."),
    code('cooc = reporting.save_table(code_cooccurrence(tables["codes"], level="statement", codebook=book), output_dir, "03_code_cooccurrence_statements")\ncooc.sort_values("jaccard", ascending=False).head(15)'),
    code('ax = plot_cooccurrence_heatmap(cooc, codebook=book)\nreporting.save_fig(ax, output_dir, "03_code_cooccurrence_heatmap")'),
    code('ax = plot_code_network(cooc, codebook=book, seed=seed)\nreporting.save_fig(ax, output_dir, "03_code_network")'),
    code('reporting.save_table(code_cooccurrence(tables["codes"], level="case", codebook=book), output_dir, "03_code_cooccurrence_cases").sort_values("jaccard", ascending=False).head(15)'),
    md("## コードの根拠 / Evidence per code\n\n"
       "Every match with the words that triggered it (`evidence`) in context, and the rule that fired (`rule_id`)."),
    code('reporting.save_table(evidence_in_context(tables["codes"], tables["statements"], width=20), output_dir, "03_evidence")'),
    md("## ルールの点検 / Rule report (no silent zeros)\n\n"
       "Hit count of every rule over the whole corpus; rules and codes that matched nothing are flagged, so a "
       "typo in a pattern is seen."),
    code('reporting.save_table(read_table(processed_dir, "rule_report"), output_dir, "03_rule_report")'),
    md("## 人手コーディングとの一致 / Agreement with human coders\n\n"
       "Precision, recall and F1 of the rules against each human coder, and intercoder reliability "
       "(percent agreement, Cohen's kappa, Krippendorff's alpha) when two or more coders filled the sheet."),
    code("reporting.human_agreement(raw_dir, processed_dir, fiscal_year, output_dir, codebook=book)"),
]

NB04 = [
    *header(
        "04 取組と成果 / Outcomes by intervention",
        "どの取組（支援の実践）がどの成果と一緒に報告されているか。それは年度によって変わるか。"
        " / Which support practices go with which reported outcomes, and does that hold from year to year?",
        "`processed_dir`: `cases`, `case_variables`, `links`, `link_counts`, `associations`, `prevalence`, "
        "`prevalence_trend` (.parquet, written by the analyze step).",
        "`tables/04_case_variables.csv`, `tables/04_links.csv`, `tables/04_link_counts.csv`, "
        "`tables/04_associations.csv`, `tables/04_prevalence.csv`, `tables/04_prevalence_trend.csv`; "
        "`figures/04_link_diagram.png|svg`, `figures/04_association_counts.png|svg`, "
        "`figures/04_forest.png|svg`, `figures/04_prevalence.png|svg`.",
    ),
    *imports(
        "from futoko_research.coding import load_codebook",
        "from futoko_research.io import read_table",
        "from futoko_research.plots.analysis import plot_association_heatmap, plot_forest, plot_link_diagram",
        "from futoko_research.plots.analysis import plot_prevalence_bars",
    ),
    md("## データの読み込み / Load the tables of the selected year\n\n"
       "Per-year tables keep the rows of the selected year (`all` keeps every year and the pooled rows)."),
    code('tables = reporting.read_year_tables(processed_dir, fiscal_year, ["case_variables", "links", "link_counts", "associations", "prevalence"])'),
    code("book = load_codebook(codebook)"),
    md("## 事例の変数 / Case variables\n\n"
       "One row per case: the tick boxes (`cb_*`), each intervention code found in goal, focus or activity "
       "statements (`int_*`) and each outcome code found in outcome statements (`out_*`)."),
    code('reporting.save_table(tables["case_variables"], output_dir, "04_case_variables")'),
    md("## 記述の中の因果 / Attributed links inside the statements\n\n"
       "Statements with a causal connective (ことにより, ことで, を通して …) split into a cause side and an effect "
       "side, each coded with the codebook."),
    code('reporting.save_table(tables["links"], output_dir, "04_links")'),
    code('reporting.save_table(tables["link_counts"], output_dir, "04_link_counts")'),
    code('ax = plot_link_diagram(tables["link_counts"], fiscal_year=fiscal_year, codebook=book)\nreporting.save_fig(ax, output_dir, "04_link_diagram")'),
    md("## 取組と成果の関連 / Associations between interventions and outcomes\n\n"
       "Per year: Fisher's exact test (Haldane-corrected odds ratio when a cell is 0); pooled over years: "
       "Mantel–Haenszel. **With a handful of cases no inference is possible**: the `note` column says so "
       "(`insufficient data`, descriptive only) and no p-value here is a finding."),
    code('assoc = reporting.save_table(tables["associations"], output_dir, "04_associations")\nassoc'),
    code('ax = plot_association_heatmap(assoc, value="count", fiscal_year=fiscal_year, codebook=book)\nreporting.save_fig(ax, output_dir, "04_association_counts")'),
    code('ax = plot_forest(assoc, fiscal_year=fiscal_year, codebook=book)\nreporting.save_fig(ax, output_dir, "04_forest")'),
    md("## コードの出現割合 / Prevalence of each code\n\n"
       "Share of cases with each code in the selected year (Wilson 95 % intervals), and its trend over years "
       "(logistic regression on year; cases without a year are excluded)."),
    code('prev = reporting.save_table(tables["prevalence"], output_dir, "04_prevalence")\nprev'),
    code('ax = plot_prevalence_bars(prev, fiscal_year=fiscal_year, codebook=book)\nreporting.save_fig(ax, output_dir, "04_prevalence")'),
    code('reporting.save_table(read_table(processed_dir, "prevalence_trend"), output_dir, "04_prevalence_trend")'),
]

NB05 = [
    *header(
        "05 全国の動向 / National context",
        "全国の不登校児童生徒数と在籍者100人あたりの割合は、年度とともにどう推移したか。"
        " / How have the national number of children in 不登校 and the rate per 100 enrolled pupils changed over the years?",
        "`raw_dir/mext_futoko_national.csv` — MEXT「児童生徒の問題行動・不登校等生徒指導上の諸課題に関する調査」, "
        "national totals, elementary + lower secondary, national/public/private schools "
        "(provenance: `data/raw/mext_futoko_national.source.md`).",
        "`tables/05_national_trend.csv`; `figures/05_national_count.png|svg`, `figures/05_national_rate.png|svg`.",
    ),
    *imports(
        "from futoko_research.national import load_national",
        "from futoko_research.plots.national import plot_national_count, plot_national_rate",
    ),
    md("## 全国の統計 / National statistics\n\n"
       "The rate per 100 enrolled is computed from the two counts; 2024 has no enrolment figure in the file, so it has no rate."),
    code('national = reporting.save_table(load_national(raw_dir), output_dir, "05_national_trend")\nnational'),
    md("## 不登校児童生徒数の推移 / The count over the years"),
    code('ax = plot_national_count(national)\nreporting.save_fig(ax, output_dir, "05_national_count")'),
    md("## 在籍者100人あたりの不登校 / The rate per 100 enrolled"),
    code('ax = plot_national_rate(national)\nreporting.save_fig(ax, output_dir, "05_national_rate")'),
    md("## 選択した年度 / The selected fiscal year\n\n"
       "The national row for the notebook's `fiscal_year` (every year for \"all\"; none for \"unknown\": "
       "the sample names no fiscal year, so its cases cannot be placed on the national timeline)."),
    code("reporting.filter_by_year(national, fiscal_year)"),
]

NOTEBOOKS: dict[str, list] = {
    "01_corpus.ipynb": NB01,
    "02_text_features.ipynb": NB02,
    "03_qualitative_coding.ipynb": NB03,
    "04_outcomes_by_intervention.ipynb": NB04,
    "05_national_context.ipynb": NB05,
}


def build(cells: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    return nb


def render(cells: list) -> str:
    return nbformat.writes(build(cells)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed notebooks are up to date")
    args = parser.parse_args(argv)
    NOTEBOOKS_DIR.mkdir(exist_ok=True)
    stale = []
    for name, cells in NOTEBOOKS.items():
        path = NOTEBOOKS_DIR / name
        text = render(cells)
        nbformat.validate(nbformat.reads(text, as_version=4))
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(ROOT))
    if stale:
        print("out of date: " + ", ".join(stale) + " (run tools/make_notebooks.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

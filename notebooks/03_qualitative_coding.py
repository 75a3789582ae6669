# %% [markdown]
# # 03 質的コーディング / Qualitative coding
#
# **問い / Question.** どのコード（取組・成果のテーマ）が、どの項目・自治体で、どの語を根拠に付いたか。コード同士はどう共起するか。人手のコーディングとどれだけ一致するか。 / Which codes (themes of support and outcomes) occur, in which sections and municipalities, on what evidence; which codes go together; and how well do the rules agree with human coders?
#
# **入力 / Inputs.** `processed_dir`: `cases`, `statements`, `tokens`, `codes`, `case_codes`, `rule_report` (.parquet, written by the code step with the codebook `codebook`); `raw_dir/human_codes*.csv` (filled coding sheets) when present.
#
# **出力 / Outputs.** `tables/03_code_frequency_by_section.csv`, `tables/03_code_frequency_by_year.csv`, `tables/03_crosstab_municipality_cells.csv`, `tables/03_crosstab_municipality_tests.csv`, `tables/03_evidence.csv`, `tables/03_rule_report.csv`, `tables/03_case_code_matrix.csv|parquet`, `tables/03_document_code_matrix.csv|parquet`, `tables/03_code_cooccurrence_statements.csv|parquet`, `tables/03_code_cooccurrence_cases.csv|parquet`, `tables/03_code_cooccurrence_network_nodes.csv|parquet`, `tables/03_code_cooccurrence_network_edges.csv|parquet`, `tables/03_mixed_network_nodes.csv|parquet`, `tables/03_mixed_network_edges.csv|parquet`, `tables/03_ca_codes_municipality.csv|parquet`, `tables/03_ca_codes_municipality_table.csv|parquet`, `tables/03_ca_codes_section.csv|parquet`, `tables/03_ca_codes_section_table.csv|parquet`, `tables/03_code_clusters_similarity.csv|parquet`, `tables/03_code_clusters_ward.csv|parquet`, `tables/03_code_mds.csv|parquet`, `tables/03_code_cooccurrence_network.graphml`, `tables/03_mixed_network.graphml`; `figures/03_code_frequency.png|svg`, `figures/03_code_cooccurrence_heatmap.png|svg`, `figures/03_code_network.png|svg`, `figures/03_code_cooccurrence_network.png|svg`, `figures/03_mixed_network.png|svg`, `figures/03_ca_codes_municipality.png|svg`, `figures/03_ca_codes_section.png|svg`, `figures/03_code_clusters_ward.png|svg`, `figures/03_code_mds.png|svg` (GraphML edge `weight` = Jaccard). Optional: `tables/03_rule_vs_human.csv`, `tables/03_reliability.csv` (when human coding sheets exist).
#
# Parameters are in the next cell (tagged `parameters`); `futoko-research run` injects absolute paths
# and the year. Run by hand from the repository root with
# `papermill notebooks/<this notebook> out.ipynb -f papermill/params/all.yaml`.

# %% tags=["parameters"]
fiscal_year = "all"  # str: "all" (every case), "unknown" (sources without a year) or a year such as "2023"
raw_dir = "data/raw"  # str: folder with manifest.csv, the raw reports and mext_futoko_national.csv
processed_dir = "data/processed"  # str: processed tables written by `futoko-research run` (or ingest/features/code/analyze)
output_dir = "papermill/output/all"  # str: the folder of this run; figures/ and tables/ are written inside it
codebook = None  # str | None: codebook YAML, or None for the package default codebook
nlp_profile = "lexical"  # str: GiNZA profile of the feature tables (full | fast | lexical)
seed = 20240401  # int: random seed (network layouts)

# %%
from futoko_research import reporting
from futoko_research import text_views as views
from futoko_research.coding import (
    case_code_matrix,
    code_cooccurrence,
    code_frequencies,
    crosstab_codes,
    document_code_matrix,
    evidence_in_context,
    load_codebook,
)
from futoko_research.features import (
    code_presence,
    code_table,
    mixed_cooccurrence,
    presence_cooccurrence,
    similarity_matrix,
)
from futoko_research.plots.coding import (
    plot_code_frequency,
    plot_code_network,
    plot_cooccurrence_heatmap,
)

# %matplotlib inline

# %%
fiscal_year = reporting.normalize_year(fiscal_year)
raw_dir = reporting.project_path(raw_dir)
processed_dir = reporting.project_path(processed_dir)
output_dir = reporting.project_path(output_dir)
print(f"年度 fiscal_year = {fiscal_year}; processed_dir = {processed_dir.name}/; output_dir = {output_dir.name}/")

# %%
reporting.corpus_banner(raw_dir)

# %% [markdown]
# ## データとコードブック / Tables of the selected year and the codebook

# %%
tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "tokens", "codes", "case_codes"])

# %%
book = load_codebook(codebook)
labels = {key: book[key].label_ja for key in book.keys()}

# %% [markdown]
# ## コードの頻度 / Code frequencies
#
# Cases (and statements) carrying each code, per section; `pct_cases` is the share of the group's cases.

# %%
freq = reporting.save_table(code_frequencies(tables["codes"], tables["statements"], tables["cases"], by="section", codebook=book), output_dir, "03_code_frequency_by_section")
freq

# %% [markdown]
# Share of **cases** carrying each code (cases are counted once per year, so the figure pools years, not sections):

# %%
freq_year = reporting.save_table(code_frequencies(tables["codes"], tables["statements"], tables["cases"], by="fiscal_year", codebook=book), output_dir, "03_code_frequency_by_year")
freq_year

# %%
ax = plot_code_frequency(freq_year, codebook=book)
reporting.save_fig(ax, output_dir, "03_code_frequency")

# %% [markdown]
# ## 自治体とのクロス集計 / Codes by municipality
#
# χ² test per code with adjusted standardised residuals and Cramér's V (exact or Monte-Carlo test when expected counts are small). With one case per municipality, read the counts, not the tests.

# %%
xtab = crosstab_codes(tables["codes"], tables["statements"], tables["cases"], by="municipality", codebook=book, seed=seed)

# %%
reporting.save_table(xtab.cells, output_dir, "03_crosstab_municipality_cells")

# %%
reporting.save_table(xtab.tests, output_dir, "03_crosstab_municipality_tests")

# %% [markdown]
# ## 事例 × コード / Case × code matrix
#
# Statements carrying each code, per case and section (as KH Coder's document × code table); the statement-level 0/1 matrix is exported for spreadsheets.

# %%
reporting.save_matrix(case_code_matrix(tables["codes"], tables["statements"], codebook=book), output_dir, "03_case_code_matrix")

# %%
reporting.save_matrix(document_code_matrix(tables["codes"], tables["statements"], codebook=book), output_dir, "03_document_code_matrix").head()

# %% [markdown]
# ## コードの共起 / Code co-occurrence
#
# Pairs of codes on the same statement (Jaccard over statements), and in the same case.

# %%
cooc = reporting.save_matrix(code_cooccurrence(tables["codes"], level="statement", codebook=book), output_dir, "03_code_cooccurrence_statements")
cooc.sort_values("jaccard", ascending=False).head(15)

# %%
ax = plot_cooccurrence_heatmap(cooc, codebook=book)
reporting.save_fig(ax, output_dir, "03_code_cooccurrence_heatmap")

# %%
ax = plot_code_network(cooc, codebook=book, seed=seed)
reporting.save_fig(ax, output_dir, "03_code_network")

# %%
reporting.save_matrix(code_cooccurrence(tables["codes"], level="case", codebook=book), output_dir, "03_code_cooccurrence_cases").sort_values("jaccard", ascending=False).head(15)

# %% [markdown]
# ## コードの共起ネットワーク / Code co-occurrence network (KH Coder style, GraphML)
#
# Every pair of codes sharing a statement, coloured by modularity community; written as `tables/03_code_cooccurrence_network.graphml` (edge `weight` = Jaccard) for Gephi, Cytoscape or R igraph.
#
# How to read it: codes joined by a line are applied to the same statements (thicker = higher Jaccard); node size is the number of statements coded, colour the community.

# %%
views.network_view(presence_cooccurrence(code_presence(tables["codes"], labels), min_freq=1, top_n=None), output_dir, "03_code_cooccurrence_network", seed=seed)

# %% [markdown]
# ## コードと語の共起ネットワーク / Codes and words in one network
#
# Codes (squares, 【label】) and content words (circles) in one network over statements: the 60 strongest pairs by Jaccard (KH Coder #326).
#
# How to read it: the words around a code square are the vocabulary of the statements carrying that code; a word between two codes links them.

# %%
views.network_view(mixed_cooccurrence(tables["tokens"], tables["codes"], labels=labels, min_freq=2, top_n=60), output_dir, "03_mixed_network", seed=seed)

# %% [markdown]
# ## コードの対応分析 / Correspondence analysis of codes
#
# How to read it: a code lies near the municipality (red square) where it is applied more than on average; codes near the origin are applied everywhere alike.

# %%
views.ca_view(code_table(tables["codes"], "municipality", statements=tables["statements"], cases=tables["cases"], labels=labels), output_dir, "03_ca_codes_municipality")

# %% [markdown]
# How to read it: the same map against the report's sections: a code near a section is typical of that part of the reports.

# %%
views.ca_view(code_table(tables["codes"], "section", statements=tables["statements"], cases=tables["cases"], labels=labels), output_dir, "03_ca_codes_section")

# %% [markdown]
# ## コードのクラスター分析と MDS / Code clusters and MDS
#
# Distance = 1 − Jaccard over statements between the codes applied at least once.

# %%
code_similarity = similarity_matrix(code_presence(tables["codes"], labels), top_n=40, min_freq=1)

# %% [markdown]
# How to read it: codes that join low in the tree (to the right) are applied to the same statements; colours cut the tree into four clusters (Ward's method).

# %%
views.cluster_view(code_similarity, output_dir, "03_code_clusters", method="ward", n_clusters=4)

# %% [markdown]
# How to read it: codes close on the map share statements (metric MDS, seed fixed); the stress in the title says how much the 2-D map distorts the distances.

# %%
views.mds_view(code_similarity, output_dir, "03_code_mds", seed=seed, n_clusters=4)

# %% [markdown]
# ## コードの根拠 / Evidence per code
#
# Every match with the words that triggered it (`evidence`) in context, and the rule that fired (`rule_id`).

# %%
reporting.save_table(evidence_in_context(tables["codes"], tables["statements"], width=20), output_dir, "03_evidence")

# %% [markdown]
# ## ルールの点検 / Rule report (no silent zeros)
#
# Hit count of every rule over the whole corpus; rules and codes that matched nothing are flagged, so a typo in a pattern is seen.

# %%
reporting.pooled_table(processed_dir, "rule_report", fiscal_year, output_dir, "03_rule_report")

# %% [markdown]
# ## 人手コーディングとの一致 / Agreement with human coders
#
# Precision, recall and F1 of the rules against each human coder, per code and pooled (`micro`), with 95 % intervals: Wilson for precision and recall (`precision_low`, `precision_high`, `recall_low`, `recall_high`), a percentile bootstrap over statements for F1 (`f1_low`, `f1_high`; 2,000 replicates, seed `seed`). With two or more coders, intercoder reliability (percent agreement, Cohen's kappa, Krippendorff's alpha). The same sheets correct the analysis of notebook 04 for coding error.

# %%
reporting.human_agreement(raw_dir, processed_dir, fiscal_year, output_dir, codebook=book, seed=seed)

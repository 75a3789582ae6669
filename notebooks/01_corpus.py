# %% [markdown]
# # 01 コーパスの概要 / Corpus overview
#
# **問い / Question.** どの年度・自治体の事例が、どの項目にどれだけの記述を持つか。チェック欄ではどの取組が選ばれているか。 / Which years and municipalities do the cases come from, how much text does each section hold, and which tick boxes are checked?
#
# **入力 / Inputs.** `processed_dir`: `ingest_report`, `cases`, `statements`, `checkboxes` (.parquet, written by the ingest step).
#
# **出力 / Outputs.** `tables/01_cases_by_year_municipality.csv`, `tables/01_statements_by_section.csv`, `tables/01_checkboxes.csv`; `figures/01_statements_by_section.png|svg`.
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
from futoko_research.plots.corpus import plot_statements_by_section

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
# ## 読み込み報告 / Ingest report: what was read from each source, and how well
#
# One row per source (every year): format, layout detected, pages, statements, and where the
# input's characters went (statements, page furniture, tables, unassigned text, structure such as
# titles and bullet marks, web-page boilerplate). `chars_lost` must be 0; look at any source with
# warnings or unassigned text before trusting what follows.

# %%
reporting.ingest_report_view(processed_dir, fiscal_year)

# %% [markdown]
# ## データの読み込み / Load the tables of the selected year

# %%
tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "checkboxes"])

# %% [markdown]
# ## 年度・自治体別の事例数 / Cases by fiscal year and municipality

# %%
reporting.save_table(reporting.cases_by_year_municipality(tables["cases"]), output_dir, "01_cases_by_year_municipality")

# %% [markdown]
# ## 事例・項目別の記述数 / Statements by case and section
#
# The table lists every case; the figure sums the cases of each municipality.

# %%
sections = reporting.save_table(reporting.statements_by_section(tables["statements"], tables["cases"]), output_dir, "01_statements_by_section")
sections

# %%
ax = plot_statements_by_section(sections)
reporting.save_fig(ax, output_dir, "01_statements_by_section")

# %% [markdown]
# ## チェック欄（取組の種類） / Tick boxes (kind of support)
#
# Each case sheet has three tick boxes; `True` = ticked (■), `False` = not ticked (□).

# %%
reporting.save_table(reporting.checkbox_table(tables["checkboxes"], tables["cases"]), output_dir, "01_checkboxes")

# %% [markdown]
# # 05 全国の動向 / National context
#
# **問い / Question.** 全国の不登校児童生徒数と在籍者100人あたりの割合は、年度とともにどう推移したか。 / How have the national number of children in 不登校 and the rate per 100 enrolled pupils changed over the years?
#
# **入力 / Inputs.** `raw_dir/mext_futoko_national.csv` — MEXT「児童生徒の問題行動・不登校等生徒指導上の諸課題に関する調査」, national totals, elementary + lower secondary, national/public/private schools (provenance: `data/raw/mext_futoko_national.source.md`).
#
# **出力 / Outputs.** `tables/05_national_trend.csv`; `figures/05_national_count.png|svg`, `figures/05_national_rate.png|svg`.
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
from futoko_research.national import load_national
from futoko_research.plots.national import plot_national_count, plot_national_rate

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
# ## 全国の統計 / National statistics
#
# The rate per 100 enrolled is computed from the two counts; 2024 has no enrolment figure in the file, so it has no rate.

# %%
national = reporting.save_table(load_national(raw_dir), output_dir, "05_national_trend")
national

# %% [markdown]
# ## 不登校児童生徒数の推移 / The count over the years

# %%
ax = plot_national_count(national)
reporting.save_fig(ax, output_dir, "05_national_count")

# %% [markdown]
# ## 在籍者100人あたりの不登校 / The rate per 100 enrolled

# %%
ax = plot_national_rate(national)
reporting.save_fig(ax, output_dir, "05_national_rate")

# %% [markdown]
# ## 選択した年度 / The selected fiscal year
#
# The national row for the notebook's `fiscal_year` (every year for "all"; none for "unknown": the sample names no fiscal year, so its cases cannot be placed on the national timeline).

# %%
reporting.filter_by_year(national, fiscal_year)

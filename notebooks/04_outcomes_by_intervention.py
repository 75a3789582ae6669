# %% [markdown]
# # 04 取組と成果 / Outcomes by intervention
#
# **問い / Question.** どの取組（支援の実践）がどの成果と一緒に報告されているか。それは年度によって変わるか。 / Which support practices go with which reported outcomes, and does that hold from year to year?
#
# **入力 / Inputs.** `processed_dir`: `cases`, `case_variables`, `links`, `link_counts`, `associations`, `prevalence`, `prevalence_trend` (.parquet, written by the analyze step); `validation_rates`, `prevalence_corrected`, `association_robustness` when the analyze step had a human-coded validation sheet (`raw_dir/human_codes*.csv`).
#
# **出力 / Outputs.** `tables/04_case_variables.csv`, `tables/04_links.csv`, `tables/04_link_evidence.csv`, `tables/04_link_counts.csv`, `tables/04_associations.csv`, `tables/04_prevalence.csv`, `tables/04_prevalence_trend.csv`; `figures/04_link_diagram.png|svg`, `figures/04_association_counts.png|svg`, `figures/04_forest.png|svg`, `figures/04_prevalence.png|svg`. Optional: `tables/04_validation_rates.csv`, `tables/04_prevalence_corrected.csv`, `tables/04_association_robustness.csv`, `figures/04_prevalence_corrected.png|svg` (when a validation sheet exists).
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
from futoko_research.analysis.links import link_evidence
from futoko_research.coding import load_codebook
from futoko_research.plots.analysis import (
    plot_association_heatmap,
    plot_forest,
    plot_link_diagram,
    plot_prevalence_bars,
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
# ## データの読み込み / Load the tables of the selected year
#
# Per-year tables keep the rows of the selected year (`all` keeps every year and the pooled rows).

# %%
tables = reporting.read_year_tables(processed_dir, fiscal_year, ["case_variables", "links", "link_counts", "associations", "prevalence"])

# %%
book = load_codebook(codebook)

# %% [markdown]
# ## 事例の変数 / Case variables
#
# One row per case: the tick boxes (`cb_*`), each intervention code found in goal, focus or activity statements (`int_*`) and each outcome code found in outcome statements (`out_*`).

# %%
reporting.save_table(tables["case_variables"], output_dir, "04_case_variables")

# %% [markdown]
# ## 記述の中の因果 / Attributed links inside the statements
#
# Each statement that names what led to what splits into a cause side and an effect side, each coded with the codebook. Constructions (`construction`): connectives (ことにより, により, ことで, を通して, おかげで, 結果), reasons (ので, ため, から), conditionals (たら, と, ば), による / を通した before a noun, topic–predicate frames (「…の連携は、再登校を促進した」), attributions (「…のは、…のおかげです」) and te-form chains ending in a change (「…を続け、…ようになって、…が増えた」). A back-reference (その結果, これにより) takes its cause from the previous sentence of the statement or case (`backref`). `polarity` says whether the effect happened (`negative`: 〜には至らなかった) and `modality` whether it is reported or only intended (〜を目指す, 〜を図りたい).
#
# The table of evidence lists every link, cause span → effect span, with its connective, polarity, modality and back-reference.

# %%
reporting.save_table(tables["links"], output_dir, "04_links")

# %%
evidence = reporting.save_table(link_evidence(tables["links"]), output_dir, "04_link_evidence")
evidence

# %% [markdown]
# **Counts and diagram: reported, positive links only** (`link_counts` defaults; `link_counts(links, cases, polarity=None, modality=None)` counts every link, by polarity and modality). Per fiscal year and over all years (`all`).

# %%
reporting.save_table(tables["link_counts"], output_dir, "04_link_counts")

# %%
ax = plot_link_diagram(tables["link_counts"], fiscal_year=fiscal_year, codebook=book)
reporting.save_fig(ax, output_dir, "04_link_diagram")

# %% [markdown]
# ## 取組と成果の関連 / Associations between interventions and outcomes
#
# Per year: Fisher's exact test (Haldane-corrected odds ratio when a cell is 0); pooled over years: Mantel–Haenszel. **With a handful of cases no inference is possible**: the `note` column says so (`insufficient data`, descriptive only) and no p-value here is a finding.

# %%
assoc = reporting.save_table(tables["associations"], output_dir, "04_associations")
assoc

# %%
ax = plot_association_heatmap(assoc, value="count", fiscal_year=fiscal_year, codebook=book)
reporting.save_fig(ax, output_dir, "04_association_counts")

# %%
ax = plot_forest(assoc, fiscal_year=fiscal_year, codebook=book)
reporting.save_fig(ax, output_dir, "04_forest")

# %% [markdown]
# ## コードの出現割合 / Prevalence of each code
#
# Share of cases with each code in the selected year (Wilson 95 % intervals), and its trend over years (logistic regression on year; cases without a year are excluded).

# %%
prev = reporting.save_table(tables["prevalence"], output_dir, "04_prevalence")
prev

# %%
ax = plot_prevalence_bars(prev, fiscal_year=fiscal_year, codebook=book)
reporting.save_fig(ax, output_dir, "04_prevalence")

# %%
reporting.pooled_table(processed_dir, "prevalence_trend", fiscal_year, output_dir, "04_prevalence_trend")

# %% [markdown]
# ## コーディングの誤りの補正 / Coding error carried into the analysis
#
# Every table above rests on the automatic codes. When a person has coded a sample of whole cases (`raw_dir/human_codes*.csv`), the analyze step measures the coder's sensitivity and specificity per code on those cases (`validation_rates`, Wilson 95 % intervals), corrects each code's share of cases by Rogan–Gladen (`prevalence_corrected`: `observed` as coded, `corrected` with a bootstrap 95 % interval that resamples the validation cases and the corpus; `note` says why a row is not corrected) and flags each association whose direction could reverse within the coding error (`association_robustness`: matrix method with the misclassification matrix estimated on the validation cases, bootstrapped; `direction_robust` is NA where it cannot be assessed). See docs/analysis.md for the formulas and their limits.

# %%
reporting.coding_error_note(processed_dir)

# %%
reporting.correction_table(processed_dir, fiscal_year, "validation_rates", output_dir, "04_validation_rates")

# %%
reporting.correction_table(processed_dir, fiscal_year, "prevalence_corrected", output_dir, "04_prevalence_corrected")

# %%
reporting.corrected_prevalence_figure(processed_dir, fiscal_year, output_dir, "04_prevalence_corrected", codebook=book)

# %%
reporting.correction_table(processed_dir, fiscal_year, "association_robustness", output_dir, "04_association_robustness")

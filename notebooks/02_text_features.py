# %% [markdown]
# # 02 テキストの特徴 / Text features
#
# **問い / Question.** 報告書ではどの語が多く使われ、成果の記述に特徴的な語は何か。「連携」はどんな文脈で語られ、どの語が一緒に現れるか。 / Which words do the reports use most, which words characterise the outcome statements, in what context does 連携 (cooperation) appear, and which words co-occur?
#
# **入力 / Inputs.** `processed_dir`: `cases`, `statements`, `tokens` (.parquet; tokens from the features step with the `nlp_profile` recorded in each row).
#
# **出力 / Outputs.** `tables/02_word_frequency.csv`, `tables/02_word_frequency_by_section.csv`, `tables/02_tfidf_by_municipality.csv`, `tables/02_keyness_outcome.csv`, `tables/02_kwic_renkei.csv`, `tables/02_stopwords.csv`, `tables/02_cooccurrence.csv|parquet`, `tables/02_cooccurrence_network_nodes.csv|parquet`, `tables/02_cooccurrence_network_edges.csv|parquet`, `tables/02_ca_municipality.csv|parquet`, `tables/02_ca_municipality_table.csv|parquet`, `tables/02_ca_section.csv|parquet`, `tables/02_ca_section_table.csv|parquet`, `tables/02_word_clusters_similarity.csv|parquet`, `tables/02_word_clusters_ward.csv|parquet`, `tables/02_word_clusters_average.csv|parquet`, `tables/02_word_mds.csv|parquet`, `tables/02_topics_terms.csv|parquet`, `tables/02_topics_shares.csv|parquet`, `tables/02_cooccurrence_network.graphml`; `figures/02_word_frequency.png|svg`, `figures/02_keyness_outcome.png|svg`, `figures/02_cooccurrence_network.png|svg`, `figures/02_ca_municipality.png|svg`, `figures/02_ca_section.png|svg`, `figures/02_word_clusters_ward.png|svg`, `figures/02_word_clusters_average.png|svg`, `figures/02_word_mds.png|svg`, `figures/02_topics.png|svg`. The GraphML's edge attribute `weight` is the Jaccard coefficient of `02_cooccurrence.csv`; `.parquet` twins of the matrices keep dtypes for R and Python.
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
from futoko_research.features import (
    contingency_table,
    cooccurrence,
    kwic,
    load_stopwords,
    term_similarity,
    tfidf_top_terms,
    word_frequency,
)
from futoko_research.plots.text import plot_keyness, plot_word_frequency

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

# %%
tables = reporting.read_year_tables(processed_dir, fiscal_year, ["statements", "tokens"])

# %%
reporting.describe_features(processed_dir, nlp_profile)

# %% [markdown]
# ## 頻出語 / Word frequency
#
# Content words, counted on the analysis form `term` (Sudachi's normalised form plus the project's variant map: 子供/子ども, 取組/取り組み … fold together); `doc_freq` counts statements.

# %%
freq = reporting.save_table(word_frequency(tables["tokens"], statements=tables["statements"]), output_dir, "02_word_frequency")
freq.head(30)

# %%
ax = plot_word_frequency(freq, top_n=25, title="頻出語（上位25語） / Most frequent content words")
reporting.save_fig(ax, output_dir, "02_word_frequency")

# %% [markdown]
# ## 項目別の頻出語 / Word frequency by section

# %%
reporting.save_table(word_frequency(tables["tokens"], by="section", statements=tables["statements"]), output_dir, "02_word_frequency_by_section").groupby("section", observed=True).head(10)

# %% [markdown]
# ## 自治体ごとの特徴語（TF-IDF） / Terms characterising each municipality (TF-IDF)

# %%
reporting.save_table(tfidf_top_terms(tables["tokens"], by="municipality", statements=tables["statements"], cases=tables["cases"], top_n=10), output_dir, "02_tfidf_by_municipality")

# %% [markdown]
# ## 成果の記述の特徴語 / Keyness of the outcome statements
#
# Signed log-likelihood G² (Dunning 1993) of each term in outcome statements against all other sections; positive = more frequent in outcomes. With a few cases, read it as description, not inference. Reports without outcome statements (generic layout) give an empty table.

# %%
key = reporting.save_table(reporting.section_keyness(tables["tokens"], tables["statements"], "outcome"), output_dir, "02_keyness_outcome")
key.head(20)

# %%
ax = plot_keyness(key, top_n=15, title="成果の記述の特徴語 / Keyness: outcome vs. other sections (signed G²)")
reporting.save_fig(ax, output_dir, "02_keyness_outcome")

# %% [markdown]
# ## KWIC：「連携」 / Keyword in context: 連携 (cooperation)

# %%
reporting.save_table(kwic(tables["tokens"], "連携", window=6), output_dir, "02_kwic_renkei")

# %% [markdown]
# ## 除外語 / Stop words of the views below
#
# Filler words dropped from the network, correspondence analysis, clustering, MDS and topics (the versioned list `futoko_research/resources/stopwords_ja.yaml`, each with its reason; `stopwords=False` in any view switches it off). Frequencies and keyness above keep every word.

# %%
reporting.save_table(load_stopwords(), output_dir, "02_stopwords")

# %% [markdown]
# ## 共起ネットワーク / Co-occurrence network
#
# Terms occurring in at least two statements; edges are the 60 strongest pairs by Jaccard coefficient over statements (as KH Coder draws it; formulas in docs/features.md). The network is also written as GraphML (`tables/02_cooccurrence_network.graphml`, edge `weight` = Jaccard) for Gephi, Cytoscape or R igraph.

# %%
edges = reporting.save_matrix(cooccurrence(tables["tokens"], min_freq=2, top_n=60), output_dir, "02_cooccurrence")
edges.head(20)

# %% [markdown]
# How to read it: words joined by a line appear in the same statements (thicker = higher Jaccard); node size is the number of statements with the word, colour its modularity community, and distance between unconnected groups means nothing.

# %%
views.network_view(edges, output_dir, "02_cooccurrence_network", seed=seed)

# %% [markdown]
# ## 対応分析 / Correspondence analysis
#
# The 40 most frequent content words against municipalities (then sections).
#
# How to read it: a word lies near the municipality (red square) where it is over-represented relative to the average profile; words near the origin are used everywhere alike, and the axis labels give each dimension's share of the inertia.

# %%
views.ca_view(contingency_table(tables["tokens"], "municipality", statements=tables["statements"], cases=tables["cases"], top_n=40), output_dir, "02_ca_municipality")

# %% [markdown]
# How to read it: the same map against the report's sections (取組・成果・課題 …): words near a section characterise that part of the reports.

# %%
views.ca_view(contingency_table(tables["tokens"], "section", statements=tables["statements"], cases=tables["cases"], top_n=40), output_dir, "02_ca_section")

# %% [markdown]
# ## 語のクラスター分析と多次元尺度構成法 / Word clusters and MDS
#
# The 30 words in the most statements; distance = 1 − Jaccard over statements.

# %%
similarity = term_similarity(tables["tokens"], top_n=30, min_freq=2)

# %% [markdown]
# How to read it: words that join low in the tree (to the right) appear in the same statements; the colours cut the tree into five clusters (Ward's method).

# %%
views.cluster_view(similarity, output_dir, "02_word_clusters", method="ward")

# %% [markdown]
# How to read it: the same data with average linkage (UPGMA): branches that agree with the Ward tree are robust groupings.

# %%
views.cluster_view(similarity, output_dir, "02_word_clusters", method="average", write_matrix=False)

# %% [markdown]
# How to read it: words close on the map co-occur often (metric MDS of 1 − Jaccard, seed fixed); colours are the Ward clusters, and the stress in the title says how much the 2-D map distorts the distances (0 = none).

# %%
views.mds_view(similarity, output_dir, "02_word_mds", seed=seed)

# %% [markdown]
# ## トピック / Topics (NMF)
#
# Four topics from non-negative matrix factorisation of the statements' TF-IDF (fixed seed); `tables/02_topics_terms` lists the top words of each, `tables/02_topics_shares` the mean share per year and municipality.
#
# How to read it: each bar is a municipality, split into the average share of its statements' wording that each topic (named by its top three words) explains.

# %%
views.topic_view(tables["tokens"], tables["statements"], tables["cases"], output_dir, "02_topics", n_topics=4, seed=seed)

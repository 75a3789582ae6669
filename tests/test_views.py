"""KH Coder's views: correspondence analysis against reference values, co-occurrence coefficients,
stop words, communities and GraphML, clustering, MDS, topics, labels that do not overlap, and the
per-year GraphML contract of a pipeline run."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from futoko_research import features as F
from futoko_research.io import write_graphml

REPO = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- correspondence analysis

#: Greenacre's smoke table (staff group × smoking), shipped with R's ``ca`` package as ``smoke``
SMOKE = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
                     index=["SM", "JM", "SE", "JE", "SC"], columns=["none", "light", "medium", "heavy"])
#: tests/reference/ca_reference.py (plain numpy SVD, Greenacre 2017 appendix A), printed output
REF_INERTIAS = [0.07475911, 0.01001718, 0.00041357]
REF_ROW_PRINCIPAL = [[-0.065768, -0.193737, 0.070981], [0.258958, -0.243305, -0.033705],
                     [-0.380595, -0.01066, -0.005156], [0.232952, 0.057744, 0.003305],
                     [-0.201089, 0.078911, -0.008081]]
REF_COL_PRINCIPAL = [[-0.393308, -0.030492, -0.00089], [0.099456, 0.141064, 0.021998],
                     [0.196321, 0.007359, -0.025659], [0.293776, -0.197766, 0.026211]]
REF_ROW_CONTRIB = [[0.003298, 0.213558, 0.694331], [0.083659, 0.551151, 0.256186],
                   [0.512006, 0.002998, 0.016984], [0.330974, 0.151772, 0.012045],
                   [0.070064, 0.080522, 0.020454]]
#: summary(ca::ca(smoke)) in R (ca 0.71): principal inertias 0.074759 0.010017 0.000414,
#: total 0.085190; row principal coordinates, dims 1–2, as printed by ca (rounded to 4 digits)
R_CA_INERTIAS = [0.074759, 0.010017, 0.000414]
R_CA_ROWS = {"SM": (-0.0658, 0.1937), "JM": (0.2590, 0.2433), "SE": (-0.3806, 0.0107),
             "JE": (0.2330, -0.0577), "SC": (-0.2011, -0.0789)}


def _same_up_to_sign(actual: np.ndarray, expected: np.ndarray, atol: float) -> None:
    for k in range(expected.shape[1]):
        a, e = actual[:, k], expected[:, k]
        sign = 1.0 if np.abs(a - e).max() <= np.abs(a + e).max() else -1.0
        np.testing.assert_allclose(sign * a, e, atol=atol)


def test_ca_equals_reference_values_on_the_smoke_table():
    ca = F.correspondence_analysis(SMOKE)
    np.testing.assert_allclose(ca.eigenvalues.to_numpy(), REF_INERTIAS, atol=1e-8)
    np.testing.assert_allclose(ca.eigenvalues.to_numpy(), R_CA_INERTIAS, atol=1e-6)
    assert ca.total_inertia == pytest.approx(0.085190, abs=1e-6)
    assert list(ca.row_coordinates.index) == list(SMOKE.index)
    assert list(ca.column_coordinates.index) == list(SMOKE.columns)
    _same_up_to_sign(ca.row_coordinates.to_numpy(), np.array(REF_ROW_PRINCIPAL), 1e-6)
    _same_up_to_sign(ca.column_coordinates.to_numpy(), np.array(REF_COL_PRINCIPAL), 1e-6)
    _same_up_to_sign(ca.row_coordinates.iloc[:, :2].to_numpy(), np.array(list(R_CA_ROWS.values())), 6e-5)
    np.testing.assert_allclose(ca.row_contributions.to_numpy(), REF_ROW_CONTRIB, atol=1e-6)


def test_ca_agrees_with_prince():
    prince = pytest.importorskip("prince")
    ours = F.correspondence_analysis(SMOKE)
    theirs = prince.CA(n_components=3).fit(SMOKE)
    np.testing.assert_allclose(ours.eigenvalues.to_numpy(), theirs.eigenvalues_, rtol=1e-8)
    _same_up_to_sign(ours.row_coordinates.to_numpy(), theirs.row_coordinates(SMOKE).to_numpy(), 1e-8)
    _same_up_to_sign(ours.column_coordinates.to_numpy(), theirs.column_coordinates(SMOKE).to_numpy(), 1e-8)


def test_ca_identities_on_a_generated_table():
    rng = np.random.default_rng(7)
    table = pd.DataFrame(rng.integers(0, 30, size=(8, 5)), index=[f"語{i}" for i in range(8)],
                         columns=list("ABCDE"))
    ca = F.correspondence_analysis(table)
    chi2 = chi2_contingency(table.to_numpy(), correction=False)[0]
    assert ca.total_inertia == pytest.approx(chi2 / table.to_numpy().sum())
    assert ca.eigenvalues.sum() == pytest.approx(ca.total_inertia)
    assert (np.diff(ca.eigenvalues.to_numpy()) <= 0).all()
    assert ca.inertia_share.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(ca.row_contributions.sum(axis=0), 1.0)
    np.testing.assert_allclose(ca.column_contributions.sum(axis=0), 1.0)
    # principal = standard × √λ; masses-weighted standard coordinates have unit variance
    np.testing.assert_allclose(ca.row_coordinates, ca.row_standard * np.sqrt(ca.eigenvalues.to_numpy()))
    np.testing.assert_allclose((ca.column_masses.to_numpy()[:, None] * ca.column_standard ** 2).sum(axis=0), 1.0)
    tidy = ca.tidy()
    assert set(tidy["side"]) == {"row", "column"} and len(tidy) == 2 * (8 + 5)


@pytest.mark.parametrize("bad", [pd.DataFrame([[1, -1], [2, 3]]), pd.DataFrame([[1, 2]]),
                                 pd.DataFrame([[1.0, np.nan], [2, 3]])])
def test_ca_rejects_bad_tables(bad):
    with pytest.raises(ValueError, match="correspondence_analysis"):
        F.correspondence_analysis(bad)


# --------------------------------------------------------------------------- co-occurrence, stop words

def _toy_tokens(docs: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(sid, "c", i, t, t, t, t, True, 0) for sid, terms in docs.items() for i, t in enumerate(terms)]
    return pd.DataFrame(rows, columns=["statement_id", "case_id", "token_idx", "text", "lemma", "norm", "term",
                                       "is_content", "sent_idx"])


TOY = {"s1": ["学校", "連携", "支援", "当該"], "s2": ["学校", "連携", "当該"], "s3": ["学校", "支援", "行う"],
       "s4": ["家庭", "連携", "行う"]}


def test_coefficients_match_their_formulas():
    edges = F.cooccurrence(_toy_tokens(TOY), min_freq=2, top_n=None).set_index(["term_a", "term_b"])
    row = edges.loc[("学校", "連携")]  # n_a = 3, n_b = 3, n_ab = 2
    assert row["jaccard"] == pytest.approx(2 / 4)
    assert row["dice"] == pytest.approx(4 / 6)
    assert row["simpson"] == pytest.approx(2 / 3)
    assert row["cosine"] == pytest.approx(2 / 3)
    row = edges.loc[("学校", "支援")]  # 3, 2, 2
    assert (row["jaccard"], row["simpson"]) == (pytest.approx(2 / 3), pytest.approx(1.0))
    by_simpson = F.cooccurrence(_toy_tokens(TOY), min_freq=2, top_n=1, coefficient="simpson")
    assert by_simpson[["term_a", "term_b"]].values.tolist() == [["学校", "支援"]]
    strong = F.cooccurrence(_toy_tokens(TOY), min_freq=2, top_n=None, min_coefficient=0.5)
    assert (strong["jaccard"] >= 0.5).all() and len(strong) == 2
    with pytest.raises(ValueError, match="coefficient"):
        F.cooccurrence(_toy_tokens(TOY), coefficient="lift")


def test_stopword_list_is_versioned_with_reasons_and_switchable():
    stop = F.load_stopwords()
    assert re.fullmatch(r"\d+\.\d+\.\d+", stop.attrs["stopwords_version"])
    assert {"当該", "つく", "行う"} <= set(stop["term"])
    assert stop["reason"].str.len().min() > 5 and not stop["term"].duplicated().any()
    terms = lambda e: set(e["term_a"]) | set(e["term_b"])  # noqa: E731
    assert not {"当該", "行う"} & terms(F.cooccurrence(_toy_tokens(TOY), min_freq=2, top_n=None))
    assert {"当該", "行う"} <= terms(F.cooccurrence(_toy_tokens(TOY), min_freq=2, top_n=None, stopwords=False))
    assert "当該" not in F.contingency_table(_toy_tokens(TOY).assign(g="x"), "g", min_count=1).index
    assert "当該" in F.contingency_table(_toy_tokens(TOY).assign(g="x"), "g", min_count=1, stopwords=False).index


def test_stopword_file_without_reasons_is_refused(tmp_path):
    bad = tmp_path / "stop.yaml"
    bad.write_text('version: "1"\nwords:\n  - {term: 当該}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"stop\.yaml"):
        F.load_stopwords(bad)


def test_mixed_network_has_code_and_word_nodes():
    codes = pd.DataFrame({"statement_id": ["s1", "s2", "s4"], "code": ["cooperation"] * 3})
    edges = F.mixed_cooccurrence(_toy_tokens(TOY), codes, labels={"cooperation": "連携"}, min_freq=2, top_n=None)
    g = F.cooccurrence_network(edges)
    assert g.nodes["【連携】"]["kind"] == "code" and g.nodes["連携"]["kind"] == "word"
    assert g.edges["【連携】", "連携"]["weight"] == pytest.approx(1.0)  # same three statements


# --------------------------------------------------------------------------- network, GraphML

def _two_cliques() -> pd.DataFrame:
    docs = {f"a{i}": ["犬", "猫", "鳥"] for i in range(4)} | {f"b{i}": ["机", "椅子", "棚"] for i in range(3)}
    docs["x"] = ["鳥", "机"]
    return _toy_tokens(docs)


def test_network_weights_communities_and_graphml_roundtrip(tmp_path):
    edges = F.cooccurrence(_two_cliques(), min_freq=1, top_n=None)
    g = F.cooccurrence_network(edges)
    comm = nx.get_node_attributes(g, "community")
    assert comm["犬"] == comm["猫"] == comm["鳥"] != comm["机"] == comm["椅子"] == comm["棚"]
    assert sorted(set(comm.values())) == [1, 2] and comm["机"] == 1  # equal sizes: by first term
    assert g.graph["modularity"] > 0.3
    write_graphml(g, tmp_path / "a.graphml")
    write_graphml(F.cooccurrence_network(edges), tmp_path / "b.graphml")
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()
    back = nx.read_graphml(tmp_path / "a.graphml")
    for row in edges.itertuples():
        assert back.edges[row.term_a, row.term_b]["weight"] == pytest.approx(row.jaccard, abs=1e-12)
    dice = F.cooccurrence_network(edges, coefficient="dice")
    assert dice.edges["鳥", "机"]["weight"] == pytest.approx(edges.set_index(["term_a", "term_b"]).loc[("机", "鳥"), "dice"])
    nodes = F.network_nodes(g)
    assert nodes.set_index("term").loc["犬", "n"] == 4


# --------------------------------------------------------------------------- clustering, MDS

def test_similarity_clusters_and_mds_separate_two_groups():
    sim = F.term_similarity(_two_cliques(), top_n=10, min_freq=1)
    assert sim.loc["犬", "猫"] == pytest.approx(1.0) and sim.loc["鳥", "机"] == pytest.approx(1 / (5 + 4 - 1))
    np.testing.assert_allclose(sim.to_numpy(), sim.to_numpy().T)
    for method in ("ward", "average"):
        cl = F.cluster_terms(sim, method=method, n_clusters=2).clusters.set_index("term")["cluster"]
        assert cl["犬"] == cl["猫"] == cl["鳥"] != cl["机"] == cl["椅子"] == cl["棚"]
    a = F.mds_terms(sim, seed=3)
    b = F.mds_terms(sim, seed=3)
    pd.testing.assert_frame_equal(a, b)
    xy = a.set_index("term")[["dim1", "dim2"]]
    within = np.linalg.norm(xy.loc["犬"] - xy.loc["猫"])
    between = np.linalg.norm(xy.loc["犬"] - xy.loc["椅子"])
    assert within < between and 0 <= a.attrs["stress"] < 1


def test_code_table_counts_statements_per_group():
    codes = pd.DataFrame({"statement_id": ["s1", "s1", "s2", "s3"], "case_id": ["c1", "c1", "c1", "c2"],
                          "code": ["ict", "ict", "ict", "home"], "section": ["goal", "goal", "outcome", "goal"]})
    table = F.code_table(codes, "section", labels={"ict": "ICTの活用"})
    assert table.loc["ICTの活用"].to_dict() == {"成果": 1, "目標": 1}  # sections by their Japanese label
    assert table.loc["home", "目標"] == 1


# --------------------------------------------------------------------------- topics

def test_topics_recover_two_planted_vocabularies_with_a_fixed_seed():
    a, b = ["登校", "学校", "教室", "授業"], ["家庭", "保護者", "相談", "訪問"]
    docs = {f"a{i}": [a[i % 4], a[(i + 1) % 4], a[(i + 2) % 4]] for i in range(8)}
    docs |= {f"b{i}": [b[i % 4], b[(i + 1) % 4], b[(i + 2) % 4]] for i in range(8)}
    tokens = _toy_tokens(docs)
    m1 = F.topic_model(tokens, n_topics=2, seed=5, top_n=4)
    m2 = F.topic_model(tokens, n_topics=2, seed=5, top_n=4)
    pd.testing.assert_frame_equal(m1.terms, m2.terms)
    tops = [set(m1.terms.loc[m1.terms["topic"] == k, "term"]) for k in (1, 2)]
    assert sorted(map(frozenset, tops), key=sorted) == sorted([frozenset(a), frozenset(b)], key=sorted)
    shares = m1.documents.groupby("statement_id")["share"].sum()
    np.testing.assert_allclose(shares, 1.0)
    statements = pd.DataFrame({"statement_id": list(docs), "case_id": ["c" + s[0] for s in docs]})
    cases = pd.DataFrame({"case_id": ["ca", "cb"], "municipality": ["甲町", "乙町"], "fiscal_year": [2022, 2022]})
    by = F.topic_shares(m1, "municipality", statements=statements, cases=cases)
    assert by.groupby("municipality")["share"].max().min() > 0.9  # each town is one topic
    with pytest.raises(ValueError, match="topic_model"):
        F.topic_model(tokens.head(3), n_topics=4)


# --------------------------------------------------------------------------- figures

def test_repel_removes_overlaps_that_plain_labels_have():
    from futoko_research.plots import new_figure
    from futoko_research.plots.labels import count_label_overlaps, repel_labels

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=25) * 0.05, rng.normal(size=25) * 0.05
    words = [f"語{i}の支援" for i in range(25)]
    _, ax = new_figure(6, 5)
    ax.scatter(x, y)
    ax.set_xlim(-1, 1), ax.set_ylim(-1, 1)
    for a, b, w in zip(x, y, words, strict=True):
        ax.text(a, b, w)
    assert count_label_overlaps(ax) > 10  # the check can fail
    _, ax2 = new_figure(6, 5)
    ax2.scatter(x, y)
    ax2.set_xlim(-1, 1), ax2.set_ylim(-1, 1)
    repel_labels(ax2, x, y, words)
    assert count_label_overlaps(ax2) == 0


def test_view_figures_have_japanese_glyphs_and_no_overlapping_labels(tmp_path, recwarn):
    from futoko_research.plots.labels import count_label_overlaps
    from futoko_research.plots.text import plot_cooccurrence_network
    from futoko_research.plots.views import plot_ca_biplot, plot_dendrogram, plot_mds

    tokens = _two_cliques()
    edges = F.cooccurrence(tokens, min_freq=1, top_n=None)
    table = pd.DataFrame([[9, 1, 2], [1, 8, 1], [2, 2, 7], [5, 5, 1]], index=["学校", "家庭", "地域", "連携"],
                         columns=["根室市", "別海町", "中標津町"])
    sim = F.term_similarity(tokens, min_freq=1)
    for ax in (plot_cooccurrence_network(edges), plot_ca_biplot(F.correspondence_analysis(table)),
               plot_mds(F.mds_terms(sim, seed=1))):
        assert count_label_overlaps(ax) == 0
        ax.get_figure(root=True).savefig(tmp_path / "f.png")
    plot_dendrogram(F.cluster_terms(sim)).get_figure(root=True).savefig(tmp_path / "d.png")
    assert not [w for w in recwarn if "Glyph" in str(w.message)]


def test_views_with_too_little_data_return_a_note(tmp_path):
    from futoko_research import text_views

    one = pd.DataFrame([[3, 1]], index=pd.Index(["学校"], name="term"), columns=["a", "b"])
    assert "省略" in str(getattr(text_views.ca_view(one, tmp_path, "x"), "data", ""))
    tiny = F.term_similarity(_toy_tokens({"s1": ["学校", "連携"], "s2": ["学校", "連携"]}))
    assert "省略" in str(getattr(text_views.cluster_view(tiny, tmp_path, "y"), "data", ""))
    assert not (tmp_path / "tables").exists()


# --------------------------------------------------------------------------- the run's contract

@pytest.mark.slow
def test_run_writes_a_graphml_per_year_whose_weights_equal_the_csv_jaccard(tmp_path):
    from futoko_research.pipeline import manifest_years, run_pipeline

    out = tmp_path / "out"
    run_pipeline(None, ["02"], raw_dir=REPO / "data" / "raw", processed_dir=tmp_path / "processed", output_dir=out,
                 nlp_profile="fast", cache_dir=tmp_path / "cache", params_dir=tmp_path / "params")
    years = manifest_years(REPO / "data" / "raw")
    assert years
    for year in years:
        tables = out / year / "tables"
        g = nx.read_graphml(tables / "02_cooccurrence_network.graphml")
        csv = pd.read_csv(tables / "02_cooccurrence.csv", encoding="utf-8-sig", keep_default_na=False)
        assert g.number_of_edges() == len(csv) > 0
        for row in csv.itertuples():
            assert g.edges[row.term_a, row.term_b]["weight"] == pytest.approx(row.jaccard, rel=1e-12)
        assert (out / year / "figures" / "02_ca_municipality.png").is_file()
        assert pd.read_parquet(tables / "02_word_mds.parquet").shape[0] > 3


def test_ca_biplot_labels_at_most_n_cols_columns_and_says_so():
    """Many municipalities (columns): the most contributing ``n_cols`` are drawn and labelled, the title says how many."""
    import numpy as np

    rng = np.random.default_rng(3)
    table = pd.DataFrame(rng.integers(1, 20, size=(12, 80)), index=[f"語{i}" for i in range(12)],
                         columns=[f"市{j:02d}" for j in range(80)])
    ca = F.correspondence_analysis(table)
    ax = plot_ca_biplot_view(ca, n_cols=10)
    labels = {t.get_text() for t in ax.texts}
    shown = {c for c in table.columns if c in labels}
    ctr = ca.column_contributions.iloc[:, :2].sum(axis=1)
    assert shown == set(ctr.sort_values(ascending=False).index[:10])
    assert "10 / 80" in ax.get_title()


def plot_ca_biplot_view(ca, **kwargs):
    from futoko_research.plots.views import plot_ca_biplot

    return plot_ca_biplot(ca, **kwargs)

"""Text features: token/phrase/entity tables, terms and variants, cache, analyses, CLI."""

from __future__ import annotations

import functools
import importlib
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from futoko_research import features as F
from futoko_research.backends import get_runner
from futoko_research.errors import SchemaError
from futoko_research.features.chunking import CHUNK_BYTES, fits, split_text
from futoko_research.features.docs import noun_chunk_spans
from futoko_research.features.reference import lexical_reference
from futoko_research.schema import validate

parse = importlib.import_module("futoko_research.features.parse")  # block parsing (monkeypatched below)
STRING = pd.StringDtype()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory):
    return tmp_path_factory.mktemp("doc_cache")


@pytest.fixture(scope="module")
def full_tables(sample_statements, nlp, cache_root):
    """The sample parsed once with the full profile (fills the module's cache)."""
    return F.extract(sample_statements, profile="full", progress=False, cache_dir=cache_root)


@pytest.fixture(scope="module")
def lexical_tables(sample_statements):
    return F.extract(sample_statements, profile="lexical", progress=False)


def _tables(request, profile):
    return request.getfixturevalue(f"{profile}_tables")


def _frame(rows):
    return pd.DataFrame(rows, columns=["statement_id", "case_id", "text"]).astype(STRING)


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize("profile", ["lexical", "full"])
def test_tokens_rebuild_every_statement(request, sample_statements, profile):
    tokens = _tables(request, profile).tokens
    texts = dict(zip(sample_statements["statement_id"], sample_statements["text"]))
    rebuilt = tokens.groupby("statement_id", sort=False)["text"].agg("".join)
    assert set(rebuilt.index) == set(texts)
    for sid, text in texts.items():
        assert rebuilt[sid] == "".join(text.split()), sid
    # offsets point into the statement's text
    for row in tokens.itertuples(index=False):
        assert texts[row.statement_id][row.start_char:row.end_char] == row.text


@pytest.mark.parametrize("profile", ["lexical", "full"])
def test_tables_match_their_schema(request, profile):
    tables = _tables(request, profile)
    for name in ("tokens", "phrases", "entities"):
        validate(tables[name], name)
        assert (tables[name]["profile"] == profile).all()
    assert set(tables) == {"tokens", "phrases", "entities"}
    assert tables.tokens.attrs["features"]["profile"] == profile
    assert tables.info["terms_hash"] == F.load_terms().hash


@pytest.mark.parametrize("profile", ["lexical", "full"])
def test_token_idx_continuous_and_heads_inside_statement(request, profile):
    tokens = _tables(request, profile).tokens
    for _, g in tokens.groupby("statement_id", sort=False):
        assert g["token_idx"].tolist() == list(range(len(g)))
        if profile == "full":
            assert g["head_idx"].notna().all()
            assert g["head_idx"].between(0, len(g) - 1).all()
            assert g["bunsetu_idx"].is_monotonic_increasing
        else:
            assert g["head_idx"].isna().all() and g["pos"].isna().all()
        assert g["sent_idx"].is_monotonic_increasing


@pytest.mark.parametrize("profile", ["lexical", "full"])
def test_lemmas_are_dictionary_forms(request, profile):
    tokens = _tables(request, profile).tokens
    hits = tokens[tokens["text"] == "繋がっ"]
    assert len(hits) >= 1
    assert (hits["lemma"] == "繋がる").all()
    verbs = tokens[tokens["tag"].str.startswith("動詞")]
    assert len(verbs) > 20
    assert verbs["lemma"].str[-1].isin(list("うくぐすずつづぬふぶむゆるる")).all()  # dictionary forms
    assert (tokens["text"] != tokens["lemma"]).any()


def test_lexical_and_full_share_lexical_columns(full_tables, lexical_tables):
    cols = ["statement_id", "token_idx", "text", "lemma", "norm", "term", "tag", "is_content",
            "start_char", "end_char", "reading"]
    pd.testing.assert_frame_equal(full_tables.tokens[cols], lexical_tables.tokens[cols])


def test_entities_and_bunsetu_phrases_present(full_tables, sample_statements):
    ents = full_tables.entities
    assert len(ents) > 0 and ents["label"].notna().all()
    texts = dict(zip(sample_statements["statement_id"], sample_statements["text"]))
    for row in ents.itertuples(index=False):
        assert texts[row.statement_id][row.start_char:row.end_char] == row.text
    phrases = full_tables.phrases
    kinds = set(phrases["kind"].astype(str))
    assert {"bunsetu", "noun_phrase", "compound"} <= kinds
    # bunsetu of a statement cover its tokens exactly once, in order
    tokens = full_tables.tokens
    for sid, g in phrases[phrases["kind"] == "bunsetu"].groupby("statement_id", sort=False):
        n = (tokens["statement_id"] == sid).sum()
        assert g["start_token"].tolist()[0] == 0 and g["end_token"].tolist()[-1] == n
        assert g["start_token"].tolist()[1:] == g["end_token"].tolist()[:-1]
    tok_ent = tokens[tokens["ent_label"].notna()]
    assert len(tok_ent) >= len(ents)


def test_noun_chunks_on_arrays_equal_spacy(sample_statements, nlp):
    from spacy.attrs import DEP, HEAD, POS

    for doc in nlp.pipe(sample_statements["text"].head(12).tolist()):
        arr = doc.to_array([POS, DEP, HEAD]).astype("int64")
        heads = [i + h for i, h in enumerate(arr[:, 2].tolist())]
        mine = noun_chunk_spans(arr[:, 0].tolist(), arr[:, 1].tolist(), heads, doc.vocab.strings)
        assert mine == [(nc.start, nc.end) for nc in doc.noun_chunks]


def test_lexical_profile_has_no_parser_output(lexical_tables):
    assert lexical_tables.entities.empty
    assert set(lexical_tables.phrases["kind"].astype(str)) <= {"compound"}
    assert lexical_tables.tokens["ent_label"].isna().all()


def test_user_terms_and_variants():
    statements = _frame([
        ("s1", "c1", "教育支援センターではＳＣとスクールソーシャルワーカーが子どもの取組に関わった。"),
        ("s2", "c1", "不登校解消対策個票を作成した。"),
    ])
    tokens = F.extract(statements, profile="lexical", progress=False).tokens
    texts = tokens["text"].tolist()
    for term in ("教育支援センター", "スクールソーシャルワーカー", "不登校解消対策個票"):
        assert term in texts
    term_of = dict(zip(tokens["text"], tokens["term"]))
    assert term_of["ＳＣ"] == "スクールカウンセラー"
    assert term_of["子ども"] == "子供"
    assert term_of["取組"] == "取り組み"
    # without the lists the multi-word term is split and ＳＣ keeps Sudachi's norm
    plain = F.extract(statements, profile="lexical", progress=False, terms=False, variants=False).tokens
    assert "教育支援センター" not in plain["text"].tolist()
    assert dict(zip(plain["text"], plain["term"]))["ＳＣ"] == dict(zip(plain["text"], plain["norm"]))["ＳＣ"]
    # inline lists, and a different hash
    cfg = F.load_terms(["取組に関わ"], {"関わる": "関係する"})
    assert cfg.hash != F.load_terms().hash


LEXICAL_EDGE_CASES = [
    ("e1", "教育支援センターではＳＣと\nスクールソーシャルワーカーが子どもの取組に関わった。次に　全角空白！そして"),
    ("e2", "  先頭に空白 \n\n改行。⽂部科学省の教育支援センター"),
    ("e3", "関係機関関係機関児童生徒"),
    ("e4", "。。。"),
    ("e5", ""),
    ("e6", ("不登校の児童生徒への支援を行った。" * 1500) + "\n" + ("㍿" * 3000)),
]


def test_vectorised_lexical_equals_row_by_row_reference(sample_statements):
    statements = pd.concat([sample_statements[["statement_id", "case_id", "text"]],
                            _frame([(sid, "c", text) for sid, text in LEXICAL_EDGE_CASES])], ignore_index=True)
    tables = F.extract(statements, profile="lexical", progress=False)
    ref_tokens, ref_phrases = lexical_reference(statements)
    pd.testing.assert_frame_equal(tables.tokens.drop(columns="profile"), ref_tokens)
    pd.testing.assert_frame_equal(tables.phrases.drop(columns="profile"), ref_phrases)


def test_bad_statements_raise_schema_error():
    with pytest.raises(SchemaError, match="statement_id"):
        F.extract(pd.DataFrame({"text": ["a"]}), profile="lexical", progress=False)
    with pytest.raises(SchemaError, match="duplicate"):
        F.extract(_frame([("a", "c", "x"), ("a", "c", "y")]), profile="lexical", progress=False)
    with pytest.raises(ValueError, match="profile"):
        F.extract(_frame([("a", "c", "x")]), profile="electra", progress=False)


# --------------------------------------------------------------------------- long text


def test_split_text_respects_byte_and_nfkc_budgets():
    text = ("不登校の児童生徒への支援を行った。" * 4000) + "\n" + ("㍿" * 3000)
    assert len(text.encode("utf-8")) > 49_149
    chunks = split_text(text)
    assert "".join(c for _, c in chunks) == text
    assert all(fits(c) for _, c in chunks)
    assert all(text[off:off + len(c)] == c for off, c in chunks)
    # ㍿ (3 bytes) expands to 株式会社 (12 bytes) under NFKC: the NFKC budget decides
    assert len(split_text("㍿" * 3000)) >= 3
    assert split_text("短い文。") == [(0, "短い文。")]
    one_run = "あ" * 20_000  # no sentence end at all: split between characters, nothing lost
    assert "".join(c for _, c in split_text(one_run)) == one_run
    assert CHUNK_BYTES <= 16_000


def test_long_statement_lexical(sample_statements):
    base = "".join(sample_statements["text"].tolist())
    text = base * (60_000 // len(base.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) > 49_149
    tokens = F.extract(_frame([("long", "c", text)]), profile="lexical", progress=False).tokens
    assert "".join(tokens["text"]) == "".join(text.split())
    assert tokens["token_idx"].tolist() == list(range(len(tokens)))
    assert tokens["end_char"].max() == len(text)


@pytest.mark.slow
def test_long_statement_parsed_in_chunks(sample_statements, tmp_path):
    base = "".join(sample_statements["text"].tolist())
    text = base * (50_000 // len(base.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) > 49_149
    tables = F.extract(_frame([("long", "c", text)]), profile="fast", progress=False, cache_dir=False)
    tokens = tables.tokens
    assert "".join(tokens["text"]) == "".join(text.split())
    assert tables.info["stats"]["n_chunks"] >= 4
    assert tokens["head_idx"].between(0, len(tokens) - 1).all()
    assert tokens["sent_idx"].is_monotonic_increasing
    assert tokens["bunsetu_idx"].is_monotonic_increasing


def test_chunk_boundaries_keep_indices_continuous(sample_statements, nlp, monkeypatch):
    """Multi-chunk parsing with a small budget: offsets, sentences and bunsetu stay continuous."""
    monkeypatch.setattr(parse, "split_text", functools.partial(split_text, budget=150))
    text = "".join(sample_statements["text"].head(6).tolist())
    tables = F.extract(_frame([("x", "c", text)]), profile="full", progress=False, cache_dir=False)
    tokens = tables.tokens
    assert tables.info["stats"]["n_chunks"] >= 3
    assert "".join(tokens["text"]) == "".join(text.split())
    assert all(text[s:e] == t for s, e, t in zip(tokens["start_char"], tokens["end_char"], tokens["text"]))
    assert tokens["sent_idx"].is_monotonic_increasing and tokens["sent_idx"].max() >= 3
    bun = tables.phrases[tables.phrases["kind"] == "bunsetu"]
    assert bun["start_token"].tolist()[1:] == bun["end_token"].tolist()[:-1]
    assert all(text[s:e] == t for s, e, t in zip(tables.entities["start_char"], tables.entities["end_char"],
                                                  tables.entities["text"]))


@pytest.fixture(scope="module")
def serial_fast_sample(sample_statements, nlp):
    return F.extract(sample_statements, profile="fast", progress=False, cache_dir=False)


def test_processes_runner_equals_serial(sample_statements, serial_fast_sample):
    serial = serial_fast_sample
    forked = F.extract(sample_statements, profile="fast", progress=False, cache_dir=False,
                       runner=get_runner("processes", n_process=2))
    assert forked.info["stats"]["n_process"] == 2
    for name in ("tokens", "phrases", "entities"):
        pd.testing.assert_frame_equal(forked[name], serial[name])


def test_deprecated_n_process_alias_builds_the_processes_runner(sample_statements, serial_fast_sample):
    with pytest.warns(DeprecationWarning, match=r"extract\(n_process=\) is deprecated"):
        forked = F.extract(sample_statements, profile="fast", progress=False, cache_dir=False, n_process=2)
    assert forked.info["stats"]["n_process"] == 2
    for name in ("tokens", "phrases", "entities"):
        pd.testing.assert_frame_equal(forked[name], serial_fast_sample[name])


def test_lexical_through_the_processes_runner_runs_here_and_equals_serial(lexical_tables, sample_statements):
    got = F.extract(sample_statements, profile="lexical", progress=False, runner="processes")
    assert "n_process" not in got.info["stats"]  # SudachiPy alone: not worth forking
    for name in ("tokens", "phrases", "entities"):
        pd.testing.assert_frame_equal(got[name], lexical_tables[name])


def test_runner_and_deprecated_options_together_are_refused(sample_statements):
    with pytest.raises(TypeError, match="not both"), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        F.extract(sample_statements, profile="lexical", progress=False, runner="serial", n_process=2)


def test_dependency_tokens_are_the_fast_profile_tokens(sample_statements, serial_fast_sample, tmp_path):
    tokens = F.dependency_tokens(sample_statements, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(tokens, serial_fast_sample.tokens)
    assert tokens["head_idx"].notna().all() and tokens["bunsetu_idx"].notna().all()


def test_moved_names_still_import_with_a_deprecation_warning():
    fx = importlib.import_module("futoko_research.features.extract")
    with pytest.warns(DeprecationWarning, match="moved to futoko_research.features.reference"):
        assert fx.lexical_reference is lexical_reference


# --------------------------------------------------------------------------- cache


def test_warm_cache_does_not_call_the_parser(full_tables, sample_statements, cache_root, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("load_nlp called on a warm cache")

    monkeypatch.setattr(parse, "load_nlp", refuse)
    warm = F.extract(sample_statements, profile="full", progress=False, cache_dir=cache_root)
    assert warm.info["stats"]["n_parsed"] == 0
    assert warm.info["stats"]["n_cached"] == len(sample_statements)
    for name in ("tokens", "phrases", "entities"):
        pd.testing.assert_frame_equal(warm[name], full_tables[name])
    # a subset in another order is served from the same cache
    sub = sample_statements.iloc[[5, 2, 9]]
    part = F.extract(sub, profile="full", progress=False, cache_dir=cache_root)
    assert part.tokens["statement_id"].unique().tolist() == sub["statement_id"].tolist()


def test_cache_key_is_sha256_of_meta_and_text():
    meta = F.cache_meta("full")
    k = F.cache_key("連携した。", meta)
    assert len(k) == 64 and k == F.cache_key("連携した。", meta)
    assert k != F.cache_key("連携した", meta)
    assert k != F.cache_key("連携した。", F.cache_meta("fast"))
    assert k != F.cache_key("連携した。", F.cache_meta("full", terms_hash="other"))
    for field in ("model_version", "spacy", "ginza", "sudachipy", "sudachidict_core", "split_mode",
                  "pipes", "chunk_policy", "preprocess"):
        assert field in meta


def test_corrupt_cache_file_is_rebuilt_with_warning(nlp, tmp_path):
    statements = _frame([("a", "c", "学校と連携した。"), ("b", "c", "保護者の相談に応じた。")])
    first = F.extract(statements, profile="full", progress=False, cache_dir=tmp_path)
    files = list(tmp_path.rglob("*.spacy"))
    assert len(files) == 1
    files[0].write_bytes(b"not a docbin")
    with pytest.warns(F.CacheWarning, match="rebuilding"):
        again = F.extract(statements, profile="full", progress=False, cache_dir=tmp_path)
    assert again.info["stats"]["n_parsed"] == 2
    pd.testing.assert_frame_equal(first.tokens, again.tokens)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", ResourceWarning)  # a loop another test leaked, collected here
        third = F.extract(statements, profile="full", progress=False, cache_dir=tmp_path)
    assert third.info["stats"]["n_cached"] == 2


# --------------------------------------------------------------------------- analyses


def test_kwic_of_renkei_returns_exactly_the_statements_containing_it(lexical_tables, full_tables,
                                                                      sample_statements):
    expected = set(sample_statements.loc[sample_statements["text"].str.contains("連携"), "statement_id"])
    assert expected
    n_expected = int(sample_statements["text"].str.count("連携").sum())
    for tables in (lexical_tables, full_tables):
        k = F.kwic(tables.tokens, "連携", window=4)
        assert set(k["statement_id"]) == expected
        assert len(k) == n_expected
        assert (k["keyword"] == "連携").all()
        assert k.attrs["features"]["profile"] == tables.profile
    texts = dict(zip(sample_statements["statement_id"], sample_statements["text"]))
    for row in k.itertuples(index=False):
        assert texts[row.statement_id][row.start_char:row.end_char] == "連携"


def test_kwic_folds_variants_and_matches_phrases():
    tokens = F.extract(_frame([("a", "c", "子供の取組を支えた。"), ("b", "c", "子どもの取り組みを教育支援センターで行う。")]),
                       profile="lexical", progress=False).tokens
    assert set(F.kwic(tokens, "子ども")["statement_id"]) == {"a", "b"}
    assert set(F.kwic(tokens, "取組")["statement_id"]) == {"a", "b"}
    assert set(F.kwic(tokens, "子ども", field="text")["statement_id"]) == {"b"}
    phrase = F.kwic(tokens, "取り組みを教育支援センター", window=1)
    assert phrase["statement_id"].tolist() == ["b"] and phrase["keyword"].tolist() == ["取り組みを教育支援センター"]


def _toy_tokens(docs: dict[str, tuple[str, list[str]]]) -> pd.DataFrame:
    """Hand-made tokens: statement_id → (section, terms)."""
    rows = []
    for sid, (section, terms) in docs.items():
        for i, t in enumerate(terms):
            rows.append((sid, "c", section, i, t, t, t, t, True, 0))
    return pd.DataFrame(rows, columns=["statement_id", "case_id", "section", "token_idx", "text", "lemma",
                                       "norm", "term", "is_content", "sent_idx"])


def test_keyness_matches_hand_computation():
    # target (goal): A×10, B×5, C×5 (20 tokens); reference (outcome): A×5, B×25, C×10 (40 tokens)
    tokens = _toy_tokens({
        "g1": ("goal", ["A"] * 6 + ["B"] * 2 + ["C"] * 2),
        "g2": ("goal", ["A"] * 4 + ["B"] * 3 + ["C"] * 3),
        "o1": ("outcome", ["A"] * 5 + ["B"] * 25 + ["C"] * 10),
    })
    key = F.keyness(tokens, "goal", by="section", correction="none").set_index("term")
    # A: a=10, b=5, c=10, d=35, N=60; E = rows × cols / N
    a, b, c, d = 10, 5, 10, 35
    n = 60
    e = [(a + c) * (a + b) / n, (b + d) * (a + b) / n, (a + c) * (c + d) / n, (b + d) * (c + d) / n]
    g2 = 2 * sum(o * math.log(o / x) for o, x in zip([a, b, c, d], e))
    assert key.loc["A", "g2"] == pytest.approx(g2)
    assert key.loc["A", "g2"] == pytest.approx(
        chi2_contingency(np.array([[a, c], [b, d]]), correction=False, lambda_="log-likelihood")[0])
    assert key.loc["A", "log_ratio"] == pytest.approx(math.log2((10 / 20) / (5 / 40)))
    assert key.loc["B", "g2"] < 0  # under-used in the target: negative sign
    assert key.loc["A", "n_target"] == 10 and key.loc["A", "n_reference"] == 5
    assert key.index[0] == "A"
    # quanteda's default: Yates ±0.5 only where an expected count is below 5 (C: E11 = 5 → none)
    default = F.keyness(tokens, "goal", by="section").set_index("term")
    assert default.loc["A", "g2"] == pytest.approx(g2)
    small = F.g2_statistic([2], [0], [8], [10])  # E11 = 1 < 5, |ad − bc| = 20 > N/2 = 10
    aa, bb, cc, dd = 1.5, 0.5, 8.5, 9.5
    nn = 20
    ee = [(aa + cc) * (aa + bb) / nn, (bb + dd) * (aa + bb) / nn, (aa + cc) * (cc + dd) / nn,
          (bb + dd) * (cc + dd) / nn]
    assert small[0] == pytest.approx(2 * sum(o * math.log(o / x) for o, x in zip([aa, bb, cc, dd], ee)))


def test_cooccurrence_matches_hand_computation():
    tokens = _toy_tokens({
        "s1": ("goal", ["学校", "連携", "支援"]),
        "s2": ("goal", ["学校", "連携"]),
        "s3": ("goal", ["学校", "支援", "支援"]),
        "s4": ("goal", ["家庭", "連携"]),
    })
    edges = F.cooccurrence(tokens, min_freq=2, top_n=None).set_index(["term_a", "term_b"])
    # df: 学校 3, 連携 3, 支援 2, 家庭 1 (dropped by min_freq)
    assert edges.loc[("学校", "連携"), "n_ab"] == 2
    assert edges.loc[("学校", "連携"), "jaccard"] == pytest.approx(2 / (3 + 3 - 2))
    assert edges.loc[("学校", "支援"), "jaccard"] == pytest.approx(2 / (3 + 2 - 2))
    assert edges.loc[("支援", "連携"), "jaccard"] == pytest.approx(1 / (2 + 3 - 1))
    assert "家庭" not in set(edges.index.get_level_values(0)) | set(edges.index.get_level_values(1))
    top = F.cooccurrence(tokens, min_freq=2, top_n=1)
    assert top[["term_a", "term_b"]].values.tolist() == [["学校", "支援"]]


def test_word_frequency_and_tfidf_on_toy_tokens():
    tokens = _toy_tokens({
        "g1": ("goal", ["A", "A", "B"]),
        "g2": ("goal", ["A", "C"]),
        "o1": ("outcome", ["B", "B", "C"]),
    })
    freq = F.word_frequency(tokens, by="section").set_index(["section", "term"])
    assert freq.loc[("goal", "A"), "n"] == 3 and freq.loc[("goal", "A"), "doc_freq"] == 2
    assert freq.loc[("goal", "A"), "n_docs"] == 2
    assert freq.loc[("goal", "A"), "per_1000"] == pytest.approx(1000 * 3 / 5)
    tf = F.tfidf_top_terms(tokens, by="section", top_n=5).set_index(["section", "term"])
    # A only in goal: idf = ln(3/2) + 1; tf = 3/5
    assert tf.loc[("goal", "A"), "tfidf"] == pytest.approx(3 / 5 * (math.log(3 / 2) + 1))
    assert tf.loc[("outcome", "B"), "idf"] == pytest.approx(1.0)


def test_frequencies_by_case_columns(lexical_tables, sample_tables):
    freq = F.word_frequency(lexical_tables.tokens, by="municipality", statements=sample_tables.statements,
                            cases=sample_tables.cases)
    assert set(freq["municipality"]) == {"根室市", "別海町", "中標津町"}
    top = freq[freq["municipality"] == "根室市"].iloc[0]
    assert top["rank"] == 1 and top["n"] >= 5


# --------------------------------------------------------------------------- outputs, CLI, figure


def test_cooccurrence_network_figure(lexical_tables, tmp_path):
    import matplotlib.pyplot as plt

    from futoko_research.plots import save_figure
    from futoko_research.plots.text import plot_cooccurrence_network

    edges = F.cooccurrence(lexical_tables.tokens, min_freq=2, top_n=30)
    ax = plot_cooccurrence_network(edges)
    labels = {t.get_text() for t in ax.texts}
    assert set(edges["term_a"]) <= labels
    a = save_figure(ax.figure, tmp_path / "net_a", close=True)
    ax2 = plot_cooccurrence_network(edges)
    b = save_figure(ax2.figure, tmp_path / "net_b", close=True)
    assert a[1].read_bytes() == b[1].read_bytes()  # same table, same seed → same SVG
    plt.close("all")


def test_term_sources_are_recorded_relative_to_the_project(tmp_path):
    """Outputs must not depend on where the repository was cloned (features_info.json, parquet metadata)."""
    from futoko_research.features.terms import load_terms

    assert load_terms().info()["term_sources"] == ["futoko_research/resources/terms.txt",
                                                   "futoko_research/resources/variants.csv"]
    outside = tmp_path / "my_terms.txt"
    outside.write_text("連携\n", encoding="utf-8")
    info = load_terms(terms=outside, variants=False).info()
    assert info["term_sources"] == [str(outside)]
    assert load_terms(terms=["連携"], variants=False).info()["term_sources"] == ["<inline terms>"]

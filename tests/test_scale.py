"""Scale (issue 19): real-size synthetic cases, streamed steps, and the same tables with and
without the optimisation (lexical features + links parsing their candidates vs parsing everything)."""

from __future__ import annotations

import shutil
import warnings

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from futoko_research import load_reports
from futoko_research.io import ParquetParts
from futoko_research.pipeline import steps
from futoko_research.pipeline.streaming import statement_slices
from futoko_research.synthetic import (
    FILLER_STATEMENT_CHARS,
    REAL_CHARS_PER_CASE,
    filler_sentence,
    write_synthetic_corpus,
)


@pytest.fixture(scope="module")
def real_size_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("real_size")
    write_synthetic_corpus(out / "padded", n_cases=10, seed=4, years=(2021, 2022), cases_per_file=4,
                           chars_per_case=1500)
    write_synthetic_corpus(out / "plain", n_cases=10, seed=4, years=(2021, 2022), cases_per_file=4)
    return out


def test_real_size_cases_reach_the_size_and_keep_the_truth(real_size_corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a padded report still parses without layout warnings
        warnings.simplefilter("ignore", ResourceWarning)  # a loop another test leaked, collected here
        cases, statements, _ = load_reports(real_size_corpus / "padded")
    chars = statements.assign(n=statements["text"].str.len()).groupby("case_id")["n"].sum()
    assert len(chars) == 10
    # every case reaches the size; it overshoots by less than one filler sentence (≤ 120 characters)
    assert (chars >= 1500 - 40).all() and (chars <= 1500 + FILLER_STATEMENT_CHARS).all(), chars.describe()
    for name in ("truth.csv", "truth_links.csv", "truth_effects.csv"):
        assert_frame_equal(pd.read_csv(real_size_corpus / "padded" / name), pd.read_csv(real_size_corpus / "plain" / name))
    assert "SYNTHETIC" in (real_size_corpus / "padded" / "README.md").read_text(encoding="utf-8")


def test_filler_sentences_carry_no_code():
    from futoko_research.coding import code_statements

    rng = np.random.default_rng(0)
    texts = [filler_sentence(rng) for _ in range(400)]
    df = pd.DataFrame({"statement_id": [f"f{i}" for i in range(len(texts))], "case_id": "c", "text": texts,
                       "section": "activity"})
    assert code_statements(df, method="rules").empty
    assert len(set(texts)) > 390  # drawn combinatorially: statements rarely repeat


def test_cli_default_size_is_the_libraries():
    from futoko_research.cli import synth

    assert synth.REAL_CHARS_PER_CASE == REAL_CHARS_PER_CASE


def test_statement_slices_hold_whole_cases_in_order():
    df = pd.DataFrame({"statement_id": [f"s{i}" for i in range(9)], "case_id": list("aaabbcccd"),
                       "text": ["x" * n for n in (10, 10, 10, 50, 5, 30, 30, 30, 1)]})
    parts = list(statement_slices(df, 60))
    assert_frame_equal(pd.concat(parts), df)
    assert [list(p["case_id"].unique()) for p in parts] == [["a"], ["b"], ["c"], ["d"]]  # c (90) alone
    assert [len(p) for p in statement_slices(df, 1000)] == [9]
    assert [len(p) for p in statement_slices(df, 35, by=None)] == [3, 1, 2, 1, 2]
    assert len(list(statement_slices(df.iloc[:0], 10))) == 1


def test_parquet_parts_read_back_as_one_table(tmp_path):
    df = pd.DataFrame({"a": pd.array(["x", None, "z", "w"], dtype="string"), "b": pd.array([1, None, 3, 4], dtype="Int64"),
                       "k": pd.Categorical(["p", "q", "p", "p"], categories=["p", "q", "r"])})
    df.attrs = {"features": {"profile": "lexical"}}
    with ParquetParts(tmp_path / "t.parquet") as out:
        out.write(df.iloc[:2])
        out.write(df.iloc[2:2])
        out.write(df.iloc[2:])
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert_frame_equal(back, pd.read_parquet(df.to_parquet(tmp_path / "whole.parquet") or tmp_path / "whole.parquet"))
    assert back.attrs == df.attrs


@pytest.mark.slow
def test_features_step_streamed_equals_one_extract(real_size_corpus, tmp_path):
    from futoko_research.features import extract

    steps.ingest(raw_dir=real_size_corpus / "padded", out_dir=tmp_path, progress=False)
    steps.features(tmp_path, progress=False, stream_chars=2_000)  # the default profile, many slices
    statements = steps.content_statements(pd.read_parquet(tmp_path / "statements.parquet"))
    whole = extract(statements, profile="lexical", progress=False)
    for name in ("tokens", "phrases", "entities"):
        got = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert_frame_equal(got, whole[name].reset_index(drop=True), check_categorical=False)
    assert pd.read_parquet(tmp_path / "tokens.parquet")["profile"].eq("lexical").all()


@pytest.mark.slow
def test_same_tables_with_and_without_the_optimisation(real_size_corpus, tmp_path):
    """`full` parses every statement; the default reads lexical tokens and parses only the links'
    candidates (in slices): codes, case variables, links and the parsed statements' tokens agree."""
    from futoko_research.analysis.link_prefilter import link_candidates
    from futoko_research.features import dependency_tokens

    full, lean = tmp_path / "full", tmp_path / "lean"
    steps.ingest(raw_dir=real_size_corpus / "padded", out_dir=full, progress=False)
    shutil.copytree(full, lean)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        steps.features(full, profile="full", cache_dir=False, progress=False)
        steps.features(lean, cache_dir=False, progress=False)
        for folder in (full, lean):
            steps.code(folder)
        steps.analyze(full, cache_dir=False)
        steps.analyze(lean, cache_dir=False, stream_chars=3_000)  # several slices of whole cases
    statements = steps.content_statements(pd.read_parquet(full / "statements.parquet"))
    candidates = statements[link_candidates(statements).to_numpy(dtype=bool)]
    assert 0 < len(candidates) < len(statements)
    for name in ("codes", "case_codes", "case_variables", "links", "link_counts", "associations", "prevalence"):
        assert_frame_equal(pd.read_parquet(lean / f"{name}.parquet"), pd.read_parquet(full / f"{name}.parquet"),
                           obj=name)
    assert len(pd.read_parquet(full / "links.parquet")) > 0
    # the tokens the lean run parses for links are the full run's tokens of those statements
    parsed = dependency_tokens(candidates, cache_dir=False)
    stored = pd.read_parquet(full / "tokens.parquet")
    stored = stored[stored["statement_id"].isin(candidates["statement_id"])].reset_index(drop=True)
    drop = ["ent_label", "profile"]
    assert_frame_equal(parsed.drop(columns=drop).reset_index(drop=True), stored.drop(columns=drop))
    # and the lean token table has the full one's lexical columns
    lex = pd.read_parquet(lean / "tokens.parquet")
    assert lex["head_idx"].isna().all() and len(pd.read_parquet(lean / "entities.parquet")) == 0
    full_tokens = pd.read_parquet(full / "tokens.parquet")
    cols = ["statement_id", "text", "lemma", "norm", "term", "tag", "start_char", "end_char"]
    assert_frame_equal(lex[cols], full_tokens[cols])


def test_notebooks_read_only_their_year_and_columns(tmp_path):
    from futoko_research import reporting

    cases = pd.DataFrame({"case_id": ["a", "b", "c"], "fiscal_year": pd.array([2021, 2022, None], dtype="Int64")})
    tokens = pd.DataFrame({"statement_id": ["s1", "s2", "s3", "s4"], "case_id": ["a", "b", "b", "c"],
                           "term": ["x", "y", "z", "w"], "dep": pd.array([None] * 4, dtype="string")})
    assoc = pd.DataFrame({"fiscal_year": ["2021", "all"], "n": [1, 2]})
    for name, df in (("cases", cases), ("tokens", tokens), ("associations", assoc)):
        df.to_parquet(tmp_path / f"{name}.parquet", index=False)
    for year in ("2021", "2022", "unknown", "all", "2030"):
        got = reporting.read_year_tables(tmp_path, year, ["tokens", "associations"],
                                         columns={"tokens": ["statement_id", "term"]})
        want = reporting.filter_by_year(tokens, year, cases=cases)[["statement_id", "case_id", "term"]]
        assert_frame_equal(got["tokens"], want, obj=year)
        assert_frame_equal(got["associations"], reporting.filter_by_year(assoc, year), obj=year)
    default = reporting.read_year_tables(tmp_path, "2022", ["tokens"])["tokens"]
    assert "dep" not in default.columns and list(default["statement_id"]) == ["s2", "s3"]

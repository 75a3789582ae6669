"""The SYNTHETIC validation corpus: labelled, parseable, and planted effects are recovered.

The whole chain runs here: write_synthetic_corpus → load_reports → features (lexical) →
code_statements → case_variables → associations.
"""

from __future__ import annotations

import csv
import json
import warnings

import numpy as np
import pandas as pd
import pytest

from futoko_research.synthetic import read_truth, simulate, write_synthetic_corpus


def _load(raw_dir):
    from futoko_research.loaders.reports import load_reports

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a synthetic report must parse without layout warnings
        warnings.simplefilter("ignore", ResourceWarning)  # a loop another test leaked, collected here
        return load_reports(raw_dir)


def _case_table(raw_dir):
    from futoko_research.analysis import case_variables
    from futoko_research.coding import code_statements
    from futoko_research.features import extract

    cases, statements, checkboxes = _load(raw_dir)
    tokens = extract(statements, profile="lexical", progress=False, cache_dir=False).tokens
    codes = code_statements(statements, tokens=tokens, method="rules")
    return case_variables(cases, checkboxes, codes, statements=statements)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("syn_small")
    paths = write_synthetic_corpus(out, n_cases=23, seed=3, years=(2020, 2021, 2022), cases_per_file=5)
    return out, paths


def test_every_file_and_row_is_marked_synthetic(small_corpus):
    out, paths = small_corpus
    assert paths["reports"] and all(p.name.startswith("synthetic_") for p in paths["reports"])
    with open(paths["manifest"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(paths["reports"])
    assert all(r["synthetic"] == "true" and "SYNTHETIC" in r["notes"] for r in rows)
    assert "SYNTHETIC" in paths["readme"].read_text(encoding="utf-8")
    truth = json.loads(paths["truth_json"].read_text(encoding="utf-8"))
    assert truth["synthetic"] is True and truth["seed"] == 3
    assert pd.read_csv(paths["truth_csv"])["synthetic"].all()
    from futoko_research.loaders.manifest import read_manifest

    assert all(s.synthetic for s in read_manifest(out))


def test_loader_parses_the_layout_exactly(small_corpus):
    out, _paths = small_corpus
    cases, statements, checkboxes = _load(out)
    _truth, tc = read_truth(out)
    assert list(cases["case_id"]) == list(tc["case_id"])
    assert list(cases["municipality"]) == list(tc["municipality"])
    assert list(cases["fiscal_year"]) == list(tc["fiscal_year"])
    assert not (statements["section"] == "unassigned").any()
    # the generator's sentences come back, section by section
    sim, _ = simulate(23, seed=3, years=(2020, 2021, 2022))
    by_case = dict(zip(tc["municipality"], tc["case_id"]))
    for case in sim:
        got = statements[statements["case_id"] == by_case[case.municipality]]
        for section, want in (("goal", case.goals), ("activity", case.activities), ("outcome", case.outcomes),
                              ("focus", case.focus_head + case.focus_tail), ("tag", case.tags)):
            assert list(got.loc[got["section"] == section, "text"]) == want, (case.municipality, section)
        cb = checkboxes[checkboxes["case_id"] == by_case[case.municipality]].set_index("category")["checked"]
        assert {k: bool(v) for k, v in cb.items()} == case.checkboxes


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    a = write_synthetic_corpus(tmp_path / "a", n_cases=8, seed=9)
    b = write_synthetic_corpus(tmp_path / "b", n_cases=8, seed=9)
    c = write_synthetic_corpus(tmp_path / "c", n_cases=8, seed=10)
    assert [p.read_bytes() for p in a["reports"]] == [p.read_bytes() for p in b["reports"]]
    assert a["truth_csv"].read_bytes() == b["truth_csv"].read_bytes()
    assert a["truth_csv"].read_bytes() != c["truth_csv"].read_bytes()


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="unknown intervention"):
        simulate(5, effects={("nope", "school_return"): 2.0})
    with pytest.raises(ValueError, match="positive"):
        simulate(5, effects={("ict", "school_return"): 0.0})
    with pytest.raises(ValueError, match="n_cases"):
        simulate(0)


def test_cli_synth(tmp_path, capsys):
    from futoko_research.cli import main

    assert main(["synth", "--out-dir", str(tmp_path / "s"), "--n-cases", "6", "--seed", "2",
                 "--effect", "ict:school_return=2.5"]) == 0
    truth = json.loads((tmp_path / "s" / "truth.json").read_text(encoding="utf-8"))
    assert truth["effects"] == [{"intervention": "ict", "outcome": "school_return", "odds_ratio": 2.5}]
    assert main(["synth", "--out-dir", str(tmp_path / "t"), "--n-cases", "6",
                 "--effect", "ict:nothing=2"]) == 2
    assert "unknown outcome" in capsys.readouterr().err


def _template_rows():
    from futoko_research import synthetic as sy

    rows = []

    def add(text, section, want, kind):
        rows.append({"statement_id": f"x_001_{section}_{len(rows) + 1:03d}", "case_id": "x_001",
                     "section": section, "position": 1, "text": text, "text_norm": text, "source_id": "x",
                     "want": want, "kind": kind})

    for key, texts in sy.ACTIVITY_TEMPLATES.items():
        for t in texts:
            add(t, "activity", {key}, "activity")
    for key, t in sy.FOCUS_LABELS.items():
        add(t, "focus", {key}, "focus")
    for t in sy.NEUTRAL_GOALS + sy.NEUTRAL_ACTIVITIES:
        add(t, "goal", set(), "neutral")
    for t in sy.NEUTRAL_OUTCOMES:
        add(t, "outcome", set(), "neutral")
    for key, texts in sy.EFFECT_CLAUSES.items():
        for t in texts:
            add(t + "。", "outcome", {key}, "effect")
    for key, texts in sy.EFFECT_PHRASES.items():
        for t in texts:
            add(t + "へと繋がった。", "outcome", {key}, "effect")
    for key, texts in list(sy.CAUSE_CLAUSES.items()) + list(sy.CAUSE_PHRASES.items()):
        for t in texts:
            add(t + "ことにより、", "outcome", {key}, "cause")
    return pd.DataFrame(rows)


def test_every_template_carries_exactly_its_code():
    """The default codebook finds each template's planted code and nothing else (precision)."""
    from futoko_research.analysis import OUTCOME_KEYS
    from futoko_research.coding import code_statements

    rows = _template_rows()
    st = rows.drop(columns=["want", "kind"]).astype(
        {"statement_id": "string", "case_id": "string", "text": "string", "text_norm": "string"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        codes = code_statements(st, method="rules")
    got = codes.groupby("statement_id")["code"].agg(set).to_dict()
    bad = []
    for r in rows.itertuples():
        found = got.get(r.statement_id, set())
        if r.kind == "cause":  # a cause side must carry its intervention and no outcome
            ok = (found - set(OUTCOME_KEYS)) == r.want and not (found & set(OUTCOME_KEYS))
        else:
            ok = found == r.want
        if not ok:
            bad.append((r.text, sorted(r.want), sorted(found)))
    assert len(rows) > 100 and not bad, bad


@pytest.mark.slow
@pytest.mark.parametrize("seed", [101, 202, 303])
def test_planted_effects_recovered_and_nulls_quiet(tmp_path, seed):
    from futoko_research.analysis import associations

    write_synthetic_corpus(tmp_path, n_cases=600, seed=seed)
    cv = _case_table(tmp_path)
    truth, tc = read_truth(tmp_path)
    # the default codebook finds the planted codes (recall) and little else (precision)
    m = cv.merge(tc, on="case_id", suffixes=("", "_true"))
    for col in [c for c in tc.columns if c.startswith(("int_", "out_"))]:
        got = m[col].to_numpy(dtype=bool)
        want = m[f"{col}_true"].to_numpy(dtype=bool)
        assert (got & want).sum() >= 0.95 * want.sum(), col
        assert (got & ~want).sum() <= 0.02 * len(m), col
    assoc = associations(cv)
    pooled = assoc[assoc["fiscal_year"] == "all"].set_index(["intervention", "outcome"])
    effects = {(e["intervention"], e["outcome"]): e["odds_ratio"] for e in truth["effects"]}
    main = pooled.loc[("individual_learning", "learning_motivation")]
    assert effects[("individual_learning", "learning_motivation")] == 3.0
    assert main["ci_low"] <= 3.0 <= main["ci_high"]
    assert main["p_value"] < 0.001 and main["q_value"] < 0.01
    for pair, orr in effects.items():
        assert pooled.loc[pair, "ci_low"] <= orr <= pooled.loc[pair, "ci_high"], pair
    nulls = pooled[[pair not in effects for pair in pooled.index]]
    assert len(nulls) == 87
    assert int((nulls["q_value"] < 0.05).sum()) <= 1
    # per-year rows exist for every year, and none is infinite
    assert set(assoc["fiscal_year"]) == {"2019", "2020", "2021", "2022", "2023", "all"}
    assert not np.isinf(assoc[["odds_ratio", "ci_low", "ci_high"]].to_numpy(dtype=float)).any()

"""The links' prefilter (issue 19): a cue and codable text, and the same links as looking at every statement."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from futoko_research.analysis.link_prefilter import (
    RelaxedCoder,
    link_candidates,
    relax_pattern,
    relaxed_coder,
)
from futoko_research.analysis.links import extract_links as _extract_links
from futoko_research.analysis.links import prefilter_statements
from futoko_research.coding import code_statements
from futoko_research.coding.codebook import resolve_codebook


def extract_links(*args, side_method="rules", **kwargs):
    """``links.extract_links`` with the rules' sides: these tests pin constructions and spans with the
    codes the rules give (the hybrid's sides, the default, are tested in tests/test_links_hybrid.py)."""
    return _extract_links(*args, side_method=side_method, **kwargs)

ROOT = Path(__file__).resolve().parents[1]


def _frame(texts, case_ids=None, section="outcome"):
    n = len(texts)
    return pd.DataFrame({
        "statement_id": pd.array([f"s{i:04d}" for i in range(n)], dtype="string"),
        "case_id": pd.array(case_ids or [f"c{i:04d}" for i in range(n)], dtype="string"),
        "section": pd.array([section] * n, dtype="string"),
        "text": pd.array(texts, dtype="string"),
    })


def test_relaxed_patterns_drop_lookarounds_and_anchors():
    rx = relax_pattern([re.compile(r"(?<!家庭)連携(?!状況)|^目標$", re.IGNORECASE)])
    assert rx.search("家庭連携状況") and not re.search(r"(?<!家庭)連携(?!状況)", "家庭連携状況")
    assert rx.search("今年の目標は")
    assert rx.flags & re.IGNORECASE
    # what cannot be relaxed safely is not relaxed (the coder then keeps every text)
    assert relax_pattern([re.compile(r"(a)b\1")]) is None
    assert relax_pattern([re.compile(r"(?>ab|a)c")]) is None


def test_relaxed_coder_finds_whatever_the_rules_find_in_a_part():
    """Every code the rules give a substring (any start, any end) is a category the relaxed coder
    finds in the whole text: the property the prefilter's argument rests on."""
    sentences = pd.read_csv(ROOT / "data" / "validation" / "sentences.csv")["text"].astype(str).tolist()
    rng = np.random.default_rng(0)
    parts = []
    for text in rng.choice(sentences, 300, replace=False):
        for _ in range(4):
            a, b = sorted(rng.integers(0, len(text) + 1, 2))
            if b > a:
                parts.append((text, text[a:b]))
    coded = code_statements(_frame([p for _, p in parts]), method="rules")
    assert len(coded) > 50  # the check is not vacuous
    coder = relaxed_coder()
    for sid, category in coded[["statement_id", "category"]].drop_duplicates().itertuples(index=False):
        whole = parts[int(str(sid)[1:])][0]
        assert coder.finds(str(category), [whole]), (whole, category)


def test_hybrid_or_token_rules_keep_everything():
    coder = RelaxedCoder(resolve_codebook(None), method="hybrid")
    assert {"intervention", "outcome"} <= coder.always


def test_candidates_need_a_cue_and_the_codes_a_link_needs():
    st = _frame([
        "家庭訪問を続けたことにより、登校できる日が増えた。",          # explicit: both sides coded
        "天候が悪かったので、行事は延期になった。",                    # a cue, but nothing to code
        "担任が定期的に家庭訪問を行った。",                            # codes, but no cue
        "担任が家庭訪問を続けた。その結果、登校できる日が増えた。",    # back-reference in the statement
        "その結果、登校できる日が増えた。",                            # back-reference to the statement before
    ], case_ids=["a", "b", "c", "d", "d"])
    got = link_candidates(st).tolist()
    assert got == [True, False, False, True, True]
    assert prefilter_statements(st).tolist() == [True, True, False, True, True]


def _parse(st):
    from futoko_research.features import dependency_tokens

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dependency_tokens(st, cache_dir=False)


def _causal_set() -> pd.DataFrame:
    df = pd.read_csv(ROOT / "data" / "validation" / "links" / "sentences.csv")
    rows = []
    for r in df.itertuples(index=False):
        if isinstance(r.previous, str) and r.previous.strip():  # the sentence before, in the same "case"
            rows.append({"statement_id": f"{r.sentence_id}:prev", "case_id": r.sentence_id, "text": r.previous})
        rows.append({"statement_id": r.sentence_id, "case_id": r.sentence_id, "text": r.text})
    return pd.DataFrame(rows).astype("string")


@pytest.mark.slow
def test_prefilter_gives_the_links_of_every_statement(sample_statements):
    """Real sample and the real causal set: the links of the statements the prefilter keeps are
    those of every statement (each parsed whole, as the full path does)."""
    sample = sample_statements[["statement_id", "case_id", "section", "text"]].astype({"section": "string"})
    for st in (sample.reset_index(drop=True), _causal_set()):
        cues = prefilter_statements(st).to_numpy(dtype=bool)
        tokens = _parse(st[cues])  # statements without a cue give no span, parsed or not
        keep = link_candidates(st)
        assert 0 < keep.sum() < cues.sum()
        every = extract_links(st, tokens=tokens, prefilter=False, parse=False)
        kept = tokens[tokens["statement_id"].isin(set(st.loc[keep, "statement_id"]))]
        some = extract_links(st, tokens=kept, parse=False)
        pd.testing.assert_frame_equal(every, some)
        assert len(every) > 10

"""Round 9 of the links (issue 16): carry, project and guard (``extract_links(fill_options=)``), the miss split.

Sentences invented for these tests (not from the causal set); string fallback (no parse).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from futoko_research.analysis.link_fill import check_fill_options
from futoko_research.analysis.links import DEFAULT_FILL_OPTIONS, extract_links
from futoko_research.errors import FutokoError

pytest.importorskip("futoko_research.coding")


def _case(texts, section="outcome"):
    n = len(texts)
    return pd.DataFrame({
        "statement_id": pd.array([f"r9_001_{section}_{i + 1:02d}" for i in range(n)], dtype="string"),
        "case_id": pd.array(["r9_001"] * n, dtype="string"),
        "section": pd.array([section] * n, dtype="string"),
        "text": pd.array(texts, dtype="string"),
    })


def _links(texts, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract_links(_case(texts), parse=False, **kw)


COUNSELING_BEFORE = ["スクールカウンセラーによるカウンセリングを週に一度行った。",
                     "専門家によるサポートがあることで、生徒は悩みやストレスを抱え込まずに、心の回復に集中できた。"]


# --- carry (default with hybrid sides) ---------------------------------------------------------------

def test_carry_is_the_default_with_hybrid_sides():
    assert DEFAULT_FILL_OPTIONS == {"carry": True}
    links = _links(COUNSELING_BEFORE)
    row = links.iloc[-1]
    assert row["statement_id"] == "r9_001_outcome_02"
    assert row["cause_codes"] == ["counseling"] and "emotional_stability" in row["effect_codes"]
    # the link says where its cause came from
    assert bool(row["is_backref"]) and row["backref"] == "previous_statement"
    assert row["cause_statement_id"] == "r9_001_outcome_01"
    assert row["cause_text"].startswith("スクールカウンセラー")


def test_carry_off_and_with_rules_sides():
    """A trap: the same sentences without the fill (``{}``) or with the rules' sides keep an empty cause."""
    for kw in ({"fill_options": {}}, {"side_method": "rules"}):
        links = _links(COUNSELING_BEFORE, **kw)
        last = links[links["statement_id"] == "r9_001_outcome_02"]
        assert all(c == [] for c in last["cause_codes"]) and not last["is_backref"].any()


def test_carry_never_replaces_the_childs_own_state():
    """A trap: a cause that is the child's own change (「…ようになったことで」) is not filled from before."""
    links = _links(["スクールカウンセラーによるカウンセリングを週に一度行った。",
                    "友達と話せるようになったことで、学習意欲が高まった。"])
    assert "r9_001_outcome_02" not in set(links["statement_id"])


def test_carry_keeps_a_coded_cause():
    """A trap: a cause side with its own practice keeps it, and is no back-reference."""
    links = _links(["スクールカウンセラーによるカウンセリングを週に一度行った。",
                    "家庭訪問を続けたことにより、登校できる日が増えた。"])
    row = links[links["statement_id"] == "r9_001_outcome_02"].iloc[0]
    assert row["cause_codes"] == ["home_visit"] and row["backref"] == "none"


# --- guard (option, not shipped) -----------------------------------------------------------------------

#: an invented sentence on which the shipped model adds an effect code beside the rules' school_return
#: (the sample's 生活習慣 sentence until the session-9 retrain)
SAMPLE_LIKE = ["個別に声かけを続けたことで、登校への意欲が高まった。"]


def test_guard_drops_model_only_codes_beside_a_rule_code():
    default = _links(SAMPLE_LIKE).iloc[0]
    guarded = _links(SAMPLE_LIKE, fill_options={"guard": True}).iloc[0]
    assert set(default["effect_codes"]) > {"school_return"}  # the hybrid adds codes (docs: Session 8)
    assert guarded["effect_codes"] == ["school_return"]
    assert guarded["cause_codes"] == default["cause_codes"]


def test_guard_keeps_model_codes_where_the_rules_are_silent():
    """A trap: on an effect side the rules left empty the model's code stays; ``short`` spares long sides."""
    from futoko_research.analysis.link_fill import SHORT_EFFECT, guard_model_codes

    rows = pd.DataFrame({"statement_id": ["k#0:e0", "k#1:e0", "k#1:e0"],
                         "code": ["self_esteem", "daily_rhythm", "social_relations"],
                         "category": ["outcome"] * 3, "origin": ["model", "rule", "model"]})
    long_text = "生活" * SHORT_EFFECT
    found = {"k#0:e0": {"outcome": ["self_esteem"]}, "k#1:e0": {"outcome": ["daily_rhythm", "social_relations"]}}
    guard_model_codes(rows, {"k#0:e0": "表情が明るくなった", "k#1:e0": long_text}, found, "short")
    assert found["k#0:e0"]["outcome"] == ["self_esteem"]
    assert found["k#1:e0"]["outcome"] == ["daily_rhythm", "social_relations"]  # longer than SHORT_EFFECT
    guard_model_codes(rows, {"k#0:e0": "表情が明るくなった", "k#1:e0": long_text}, found, "all")
    assert found["k#0:e0"]["outcome"] == ["self_esteem"] and found["k#1:e0"]["outcome"] == ["daily_rhythm"]


# --- project (option, not shipped) and option checking --------------------------------------------------

def test_project_fills_an_empty_cause_from_the_sentence():
    from futoko_research.analysis.link_fill import project_codes

    cands = [{"key": "s#0", "sp": {"clauses": None}, "parts": [((0, 1), None)], "pre": True}]
    found = {"s#0:pre": {"intervention": ["counseling"]}, "s#0:e0": {"outcome": ["emotional_stability"]},
             "s#0:post": {"outcome": ["emotional_stability", "school_return"]}}
    project_codes(cands, found, set(), "empty")
    assert found["s#0:cause"]["intervention"] == ["counseling"]
    assert found["s#0:e0"]["outcome"] == ["emotional_stability"]  # "empty": a coded effect is kept as is
    project_codes(cands, found, set(), "fewer")
    assert found["s#0:e0"]["outcome"] == ["emotional_stability", "school_return"]


def test_project_leaves_a_vetoed_effect_alone():
    """A trap: an effect whose outcome was a purpose's aim is not filled from the sentence."""
    from futoko_research.analysis.link_fill import project_codes

    cands = [{"key": "s#0", "sp": {"clauses": None}, "parts": [((0, 1), None)], "pre": True}]
    found = {"s#0:post": {"outcome": ["school_return"]}}
    project_codes(cands, found, {"s#0:e0"}, "empty")
    assert "outcome" not in found.get("s#0:e0", {})


def test_fill_options_are_checked():
    assert check_fill_options(None) == {}
    assert check_fill_options({"project": True, "guard": True}) == {"project": "empty", "guard": "all"}
    with pytest.raises(FutokoError):
        check_fill_options({"coordinate": True})
    with pytest.raises(FutokoError):
        check_fill_options({"project": "all"})


# --- the miss split of benchmarks/links_miss_split.py --------------------------------------------------

def test_miss_split_classes():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from links_miss_split import classify

    here = {"intervention:counseling", "outcome:school_return"}
    before = {"intervention:home_visit"}
    assert classify(("ict", "school_return"), here, before, True, set(), set()) == "c"  # nowhere
    assert classify(("counseling", "self_esteem"), here, before, True, set(), set()) == "c"
    assert classify(("counseling", "school_return"), here, before, False, set(), set()) == "d"
    assert classify(("counseling", "school_return"), here, before, True, {"counseling"}, {"school_return"}) == "e"
    assert classify(("home_visit", "school_return"), here, before, True, set(), set()) == "b"
    assert classify(("counseling", "school_return"), here, before, True, set(), {"school_return"}) == "a"

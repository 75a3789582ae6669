"""Round 12 of the links (issue 16): the general constructions the issue names, in the forms of set c5.

Every sentence here is INVENTED for these tests (not from the causal set): for each construction an
example that gives a link, and traps that must not (docs/analysis.md, "Session 9, round 12"). Sides
are the rules' (deterministic); cues are checked on the text alone.
"""

from __future__ import annotations

import warnings

import pandas as pd
from statement_fixtures import statements_frame

from futoko_research.analysis.link_aims import inner_practice_end, mask_parentheses
from futoko_research.analysis.link_cues import find_cues, find_sentence_cues, sentence_spans
from futoko_research.analysis.links import extract_links


def _frame(texts: list[str], section: str = "activity") -> pd.DataFrame:
    return statements_frame(texts, prefix="r12", section=section)


def _cues(text: str) -> list[tuple[str, str]]:
    return [(c.construction, c.connective) for c in find_cues(text)]


def _links(text: str, section: str = "activity", parse: bool = False) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract_links(_frame([text], section=section), parse=parse, side_method="rules")


def _pairs(df: pd.DataFrame) -> set[tuple[str, str]]:
    return {(c, e) for cs, es in zip(df["cause_codes"], df["effect_codes"]) for c in cs for e in es}


# ----------------------------------------------------------------------------- 1. topic–predicate frames
def test_frame_with_a_present_transitive_change():
    """「Xは、…自己肯定感を高めます」: the topic (a practice) is the cause of a general statement."""
    df = _links("野外での体験活動は、子どもの自己肯定感を高めます。")
    assert _pairs(df) == {("experiential", "self_esteem")}
    assert df.iloc[0]["construction"] == "frame"


def test_frame_with_a_causative_subject():
    """「Xが…を回復させた」: a subject in が of a causative verb of change is its cause."""
    df = _links("毎週の家庭訪問が、子どもの自己肯定感を回復させた。")
    assert ("home_visit", "self_esteem") in _pairs(df)


def test_frame_traps():
    """The topic is no practice, or the predicate is no change: no link."""
    assert _links("子どもたちは、自己肯定感を高めます。").empty
    assert _links("体験活動は、毎週土曜日に行います。").empty
    assert not any(k == "chain" for k, _, _ in find_sentence_cues("体験活動は、毎週土曜日に行います。"))


# ----------------------------------------------------------------------------- 2. chains ending in an aim
def test_aim_chain_keeps_an_aim_worded_as_help():
    """「Aを行い、Bへの援助を図る」: the aim B is not vetoed as a purpose phrase (it is the aim)."""
    df = _links("家庭訪問と教育相談を主な内容とし、学校復帰への援助を図る。")
    assert _pairs(df) == {("home_visit", "school_return"), ("counseling", "school_return")}
    assert set(df["modality"]) == {"intended"}


def test_aim_veto_stays_outside_the_final_aim():
    """「…の解消のための支援を行っている」 with no practice named: no link."""
    assert _links("不安の解消のための支援を行っている。").empty


# ----------------------------------------------------------------------------- 3. のための / に向けた + practice
def test_no_tame_no_before_a_practice_noun():
    """「B、C等のための相談」: the outcomes before のための are the aim of the practice after it."""
    text = "人間関係の改善、心の安定等のための教育相談"
    assert ("purpose", "のための") in _cues(text)
    df = _links(text)
    assert df.iloc[0]["construction"] == "purpose" and set(df["modality"]) == {"intended"}
    assert ("counseling", "emotional_stability") in _pairs(df)


def test_ni_muketa_before_a_practice_noun():
    """「学校復帰に向けた個別の学習指導」: the noun phrase after に向けた is the cause."""
    text = "学校復帰に向けた個別の学習指導を行っている。"
    assert ("purpose", "に向けた") in _cues(text)
    assert _pairs(_links(text)) == {("individual_learning", "school_return")}


def test_no_tame_no_before_an_uncoded_noun_gives_no_link():
    """「学校復帰のための支援を行った」: a cue, but 支援 names no practice: no link."""
    assert ("purpose", "のための") in _cues("学校復帰のための支援を行った。")
    assert _links("学校復帰のための支援を行った。").empty


def test_no_tame_no_traps():
    """A pronoun (そのための), an effect noun (ための効果) or a verb (行うための) is no cue."""
    for text in ("そのための相談を行う。", "学校復帰のための効果を調べた。", "面談を行うための部屋がある。",
                 "学校復帰に向けた課題を整理した。"):
        assert not any(c == "purpose" for c, _ in _cues(text)), text


# ----------------------------------------------------------------------------- 4. purposes of establishment
def test_purpose_of_establishment_credits_the_practice_inside_the_aim():
    """「…に対し、相談を行い、学校復帰を支援するため、…教室を設置する」: the practice → the aim."""
    text = ("登校が難しい児童(以下「児童」という。)に対し、個別の教育相談を行い、学校復帰を支援するため、"
            "町教育支援センターを設置する。")
    assert ("purpose", "ため") in _cues(text)
    df = _links(text, section="goal")
    pur = df[df["construction"] == "purpose"]
    assert _pairs(pur) == {("counseling", "school_return")}
    assert set(pur["modality"]) == {"intended"}


def test_purpose_of_establishment_credits_the_centre():
    """Without a practice inside the aim, the centre set up is the cause (the parse spans the aim)."""
    df = _links("学校復帰に向けた支援を行うため、町教育支援センターを設置する。", section="goal", parse=True)
    assert ("center_operation", "school_return") in _pairs(df)


def test_establishment_traps():
    """〜を行うため、 without setting up a centre stays no cue (round 10's trap)."""
    assert ("purpose", "ため") not in _cues("面談を行うため、部屋を用意した。")
    assert ("purpose", "ため") not in _cues("学校復帰を支援するため、家庭訪問を続けた。")
    assert ("purpose", "ために") not in _cues("学校復帰を支援するために、教室を開設した。")  # a past event
    assert inner_practice_end("学校復帰を支援する", 0, 9) is None


# ----------------------------------------------------------------------------- sentences and parentheses
def test_mark_inside_parentheses_does_not_end_a_sentence():
    text = "児童(以下「児童」という。)に対し、相談を行う。次の文。"
    assert mask_parentheses(text) == text.replace("という。)", "という、)")
    assert sentence_spans(text) == [(0, text.index("次")), (text.index("次"), len(text))]
    assert sentence_spans("(未閉じ。文") == [(0, 5), (5, 6)]  # unbalanced: the mark ends it

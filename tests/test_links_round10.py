"""Round 10 of the links (issue 16): constructions read from the (d) misses of c1 + c2 + c3.

Every sentence here is INVENTED for these tests (not from the causal set): for each construction an
example that gives a link, and a trap with the same words that must not (docs/analysis.md,
"Session 8, round 10"). Sides are the rules' (deterministic); cues are checked on the text alone.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from statement_fixtures import statements_frame

from futoko_research.analysis.link_cues import find_cues, find_sentence_cues, link_modality
from futoko_research.analysis.link_spans import split_statement
from futoko_research.analysis.links import extract_links


def _frame(texts: list[str], section: str = "outcome") -> pd.DataFrame:
    return statements_frame(texts, prefix="r10", section=section)


def _cues(text: str) -> list[tuple[str, str]]:
    return [(c.construction, c.connective) for c in find_cues(text)]


# --- connectives (text alone) ----------------------------------------------------------------------

def test_kanji_koto_de():
    assert ("kotode", "事で") in _cues("家庭訪問を続けた事で、本人と話せるようになった。")
    # trap: 事で after a noun (仕事で, 行事で) is no connective
    assert _cues("保護者が仕事で忙しく、学校の行事で会う機会も少なかった。") == []


def test_support_mo_ari():
    assert ("thanks", "もあり") in _cues("担任の先生の支えもあり、教室に入れるようになった。")
    assert ("thanks", "もあって") in _cues("地域の方々の協力もあって、居場所の利用者が増えた。")
    # trap: もあり without a helper before it, or without a comma (a list of things there are)
    assert _cues("課題もあり、今後も検討が必要である。") == []
    assert _cues("学習支援もあります。") == []


def test_uchi_ni():
    assert ("conditional", "うちに") in _cues("一緒に遊んでいくうちに、友だちと話せるようになった。")
    assert ("conditional", "うちに") in _cues("面談を重ねるうちに不安が和らいだ。")
    # traps: ないうちに (before), そのうちに, 今のうちに
    for text in ("気づかないうちに、疲れがたまっていた。", "そのうちに、春になった。", "今のうちに、準備をしておく。"):
        assert ("conditional", "うちに") not in _cues(text), text


def test_uchi_ni_is_not_hypothetical():
    """A change that came while doing something is reported (not a condition's hypothetical non-past)."""
    st = _frame(["家庭訪問を続けていくうちに、登校できる日が増えていく。"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = extract_links(st, parse=False, side_method="rules")
    row = links.iloc[0]
    assert row["construction"] == "conditional" and row["polarity"] == "positive"
    assert row["modality"] == "reported"
    assert row["cause_codes"] == ["home_visit"] and row["effect_codes"] == ["school_return"]
    assert link_modality("登校できる日が増えていく", section="outcome", hypothetical=True) == "intended"  # a condition


def test_aim_adnominal_before_a_practice_noun():
    """「Bを高める教材」「Bの支えとなる居場所」: the practice's noun is the cause, B the (intended) effect."""
    text = "子どもの自己肯定感を高める体験活動を行っている。"
    assert ("purpose", "を高める") in _cues(text)
    sp = split_statement(text, None)[0]
    assert sp["construction"] == "purpose"
    assert text[sp["effect_start"]:sp["effect_end"]].endswith("自己肯定感")
    assert text[sp["cause_start"]:sp["cause_end"]].startswith("体験活動")
    assert ("purpose", "の支えとなる") in _cues("心の安定の支えとなる居場所を開いている。")
    # traps: the noun is an effect, not a practice (を高める効果), or the verb ends the sentence
    assert _cues("自己肯定感を高める効果も期待できる。") == []
    assert _cues("体験活動は自己肯定感を高める。") == []


def test_purpose_tame_after_a_verb_of_change():
    text = "学習意欲を高めるため、体験活動を採り入れている。"
    assert ("purpose", "ため") in _cues(text)
    sp = split_statement(text, None)[0]
    assert text[sp["effect_start"]:sp["effect_end"]] == "学習意欲を高める"
    assert text[sp["cause_start"]:sp["cause_end"]].startswith("体験活動")
    # trap: ため after another verb stays out (a purpose that names no change: 〜を行うため、)
    assert _cues("面談を行うため、会議室を予約した。") == []


# --- sentence shapes --------------------------------------------------------------------------------

def test_role_attribution():
    text = "子どもが学校に戻るための一歩を後押しするのが、スクールカウンセラーの役割です。"
    assert ("attribution", 0, len(text)) in find_sentence_cues(text)
    sp = split_statement(text, None)[0]
    assert text[sp["cause_start"]:sp["cause_end"]] == "スクールカウンセラー"
    assert text[sp["effect_start"]:sp["effect_end"]].endswith("後押しする")
    # trap: のが without 〜の役割です is no attribution
    assert find_sentence_cues("子どもと話すのが、いちばん楽しい時間です。") == []


def test_new_frame_and_change_stems():
    assert find_sentence_cues("毎週の家庭訪問が親子の会話に発展した。")
    assert find_sentence_cues("そこで、体験活動は、自分の良さに気づく貴重な機会となる。")
    # trap: 発展 / 機会 not as the final predicate
    assert find_sentence_cues("発展的な学習の機会について説明した。") == []


@pytest.fixture(scope="module")
def parsed():
    from futoko_research.features import dependency_tokens

    texts = ["3回のカウンセリングでまた登校できるようになった。", "図書館で本を読んで過ごすようになった。",
             "毎週の家庭訪問が親子の会話に発展した。"]
    st = _frame(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokens = dependency_tokens(st, cache_dir=False)
    return texts, st, tokens


def _split(parsed, k):
    texts, st, tokens = parsed
    return texts[k], split_statement(texts[k], tokens[tokens["statement_id"] == st["statement_id"][k]])


@pytest.mark.slow
def test_means_in_de_splits_a_chain(parsed):
    """「Nでまた登校できるようになった」: the phrase in で is the chain's first clause (the means)."""
    text, sps = _split(parsed, 0)
    sp = [s for s in sps if s["construction"] == "te_chain"][0]
    assert text[sp["cause_start"]:sp["cause_end"]] == "3回のカウンセリングで"
    assert text[sp["effect_start"]:sp["effect_end"]].startswith("また登校")


@pytest.mark.slow
def test_means_in_de_trap_gives_no_link(parsed):
    """A place in で (図書館で) splits too, but no intervention code is on it: no link (both sides needed)."""
    _texts, st, tokens = parsed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = extract_links(st.iloc[[1]], tokens=tokens, side_method="rules")
    assert links.empty


@pytest.mark.slow
def test_hatten_frame_link(parsed):
    _texts, st, tokens = parsed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = extract_links(st.iloc[[2]], tokens=tokens, side_method="rules")
    assert len(links) == 1
    row = links.iloc[0]
    assert "home_visit" in row["cause_codes"] and row["modality"] == "reported" and row["polarity"] == "positive"

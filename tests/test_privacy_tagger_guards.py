"""Round 24 (issue 21): the name tagger's soft guards, spaced katakana chains, clause predicates
and label features (feature version 2), each with an example and a trap.

These check the functions, not the shipped weights (except where named), so they do not move
when the tagger is retrained.
"""

from __future__ import annotations

import pytest

from futoko_research.privacy.nametagger import (
    DocInfo,
    candidate_spans,
    guard,
    guards_of,
    predicate,
    select_names,
    spaced,
    span_features,
)
from futoko_research.privacy.nametagger_io import load_tagger
from futoko_research.privacy.text import make_view, tokenize


def _toks(text: str):
    view, origin = make_view(text)
    return view, origin, tokenize(view)


def _span(toks, surface: str) -> tuple[int, int]:
    for i in range(len(toks)):
        for j in range(i + 1, min(i + 6, len(toks)) + 1):
            if "".join(t.surface for t in toks[i:j]).replace(" ", "") == surface:
                return i, j
    raise AssertionError(surface)


# ------------------------------------------------------------------ soft and hard guards
@pytest.mark.parametrize(("key", "parts", "label"), [
    ("陸", ["陸"], "common1"),        # one kanji that is also a common noun
    ("本町", ["本町"], "place"),      # SudachiDict lists it as a place
    ("あかり", ["あかり"], "kana"),   # an ordinary hiragana word
    ("ゆい", ["ゆい"], "kana"),       # two hiragana characters
    ("アオイ", ["アオイ"], ""),       # a katakana spelling of a word is a sign of a name: no guard
    ("颯太", ["颯太"], ""),
])
def test_soft_guards_name_the_reason(key, parts, label):
    assert guard(key, parts) == label


def test_hard_guards_still_refuse_loanwords_and_joined_words():
    assert guard("フリースペース", ["フリースペース"]) is None
    assert guard("パソコンタブレット", ["パソコン", "・", "タブレット"]) is None


def test_a_long_katakana_word_is_a_candidate_only_when_the_view_joined_spaces_inside_it():
    view, origin, toks = _toks("グエン ヴァン ミンは学校に来た。")
    assert spaced(toks[0], origin) and toks[0].surface == "グエンヴァンミン"
    assert guard("グエンヴァンミン", ["グエンヴァンミン"], spaced=True) == "spaced_katakana"
    assert (0, 1) in candidate_spans(toks, origin)
    # the same characters written without spaces are a loanword-like run: no candidate
    view2, origin2, toks2 = _toks("グエンヴァンミンは学校に来た。")
    assert not spaced(toks2[0], origin2)
    assert (0, 1) not in candidate_spans(toks2, origin2)


# ------------------------------------------------------------------ the clause's predicate
def test_predicate_is_the_particle_and_the_first_verb_of_the_clause():
    _, _, toks = _toks("陸は昨日から登校していない。")
    i, j = _span(toks, "陸")
    assert predicate(toks, j) == "は:登校"
    _, _, toks = _toks("湊が泣いた。")
    assert predicate(toks, _span(toks, "湊")[1]) == "が:泣く"


def test_predicate_stops_at_the_sentence_end_and_needs_a_particle():
    _, _, toks = _toks("陸。昨日は登校した。")
    assert predicate(toks, _span(toks, "陸")[1]) == ""
    _, _, toks = _toks("陸上部で走った。")
    assert predicate(toks, 1) == ""


# ------------------------------------------------------------------ label before a colon
def test_a_label_word_is_a_feature_but_a_name_before_a_colon_is_not():
    view, origin, toks = _toks("会場：千葉（幕張）")
    i, j = _span(toks, "千葉")
    doc = DocInfo(frozenset(), [], frozenset())
    assert "label=会場" in span_features(view, toks, i, j, doc, origin)
    view, origin, toks = _toks("陸：おはよう")  # a chat speaker: its name is no feature of the next word
    i, j = _span(toks, "おはよう") if any(t.surface == "おはよう" for t in toks) else (2, 3)
    assert not any(f.startswith("label=陸") for f in span_features(view, toks, i, j, doc, origin))


# ------------------------------------------------------------------ two thresholds
def test_a_guarded_candidate_needs_the_guarded_threshold():
    view, origin, toks = _toks("陸とアオイが来た。")
    spans = [_span(toks, "陸"), _span(toks, "アオイ")]
    doc = DocInfo(frozenset(), [], frozenset())
    feats = [span_features(view, toks, i, j, doc, origin) for i, j in spans]
    assert guards_of(feats) == ["common1", "none"]
    got = select_names(view, toks, spans, [0.6, 0.6], doc, 0.3, guards=guards_of(feats), guarded_threshold=0.9)
    assert [view[c.start:c.end] for c in got] == ["アオイ"]
    got = select_names(view, toks, spans, [0.95, 0.6], doc, 0.3, guards=guards_of(feats), guarded_threshold=0.9)
    assert [view[c.start:c.end] for c in got] == ["陸", "アオイ"]


def test_the_shipped_tagger_carries_its_guarded_threshold():
    model = load_tagger()
    assert model.meta["feature_version"] == 2
    assert model.threshold <= model.guarded_threshold <= 1.01
    assert model.meta["guarded_precision_target"] > model.meta["add_precision_target"]

"""Span conventions of the privacy evaluator added in session 9 (futoko_research.privacy.evaluate)."""

from __future__ import annotations

import pandas as pd

from futoko_research.privacy.evaluate import score_spans, split_joined_addresses

TEXT = "住所：港南市若松3丁目2-7 ハイツ若松 305号室。母と二人暮らし。"


def _spans(*parts: tuple[str, str]) -> pd.DataFrame:
    rows = []
    for kind, s in parts:
        start = TEXT.index(s)
        rows.append({"text_idx": 0, "start": start, "end": start + len(s), "kind": kind, "text": s})
    return pd.DataFrame(rows)


def test_one_address_over_a_split_street_and_building_counts_as_both():
    gold = _spans(("address", "港南市若松3丁目2-7"), ("address", "ハイツ若松 305号室"))
    pred = _spans(("address", "港南市若松3丁目2-7 ハイツ若松 305号室"))
    split = split_joined_addresses(gold, pred)
    assert sorted(split["text"]) == sorted(gold["text"])
    direct = score_spans(gold, pred).set_index("kind").loc["direct"]
    assert (direct.n_match, direct.n_gold, direct.n_pred) == (2, 2, 2)


def test_a_span_that_runs_past_the_gold_or_holds_other_text_is_left_alone():
    gold = _spans(("address", "港南市若松3丁目2-7"), ("address", "ハイツ若松 305号室"))
    longer = _spans(("address", "港南市若松3丁目2-7 ハイツ若松 305号室。母"))
    assert split_joined_addresses(gold, longer)["text"].tolist() == longer["text"].tolist()
    one = _spans(("address", "港南市若松3丁目2-7"))
    street_only = _spans(("address", "港南市若松3丁目2-7 ハイツ若松"))
    assert split_joined_addresses(one, street_only)["text"].tolist() == ["港南市若松3丁目2-7 ハイツ若松"]
    assert score_spans(one, street_only).set_index("kind").loc["direct"].n_match == 0


def test_other_kinds_are_never_split():
    gold = _spans(("person", "港南市若松3丁目2-7"), ("person", "ハイツ若松 305号室"))
    pred = _spans(("person", "港南市若松3丁目2-7 ハイツ若松 305号室"))
    assert len(split_joined_addresses(gold, pred)) == 1

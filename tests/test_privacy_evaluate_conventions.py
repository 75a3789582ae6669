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


def _address_score(text: str, gold_span: str, pred_span: str) -> int:
    g, p = text.index(gold_span), text.index(pred_span)
    gold = pd.DataFrame([{"text_idx": 0, "start": g, "end": g + len(gold_span), "kind": "address", "text": gold_span}])
    pred = pd.DataFrame([{"text_idx": 0, "start": p, "end": p + len(pred_span), "kind": "address", "text": pred_span}])
    return int(score_spans(gold, pred).set_index("kind").loc["address"].n_match)


def test_an_address_that_also_covers_the_place_names_before_the_gold_counts():
    # session 14: writers 46-49 mark the address below the town or district, the detector from the town on
    text = "住所：柚原市御影台3丁目11-4　母と二人。"
    assert _address_score(text, "3丁目11-4", "柚原市御影台3丁目11-4") == 1
    text = "住所：千草平町大字上郷字堂ノ前412番地　母と二人。"
    assert _address_score(text, "大字上郷字堂ノ前412番地", "千草平町大字上郷字堂ノ前412番地") == 1


def test_an_address_shorter_than_the_gold_or_reaching_over_a_number_is_still_a_miss():
    text = "住所：柚原市御影台3丁目11-4　母と二人。"
    assert _address_score(text, "柚原市御影台3丁目11-4", "3丁目11-4") == 0      # the detector masks less
    assert _address_score(text, "11-4", "御影台3丁目11-4") == 0                 # the extra head holds a number
    assert _address_score(text, "3丁目11-4", "柚原市御影台3丁目11") == 0        # a different end


def test_a_handle_with_its_at_and_a_nickname_with_its_decoration_are_the_same_span():
    from futoko_research.privacy.evaluate import span_key

    assert span_key(0, 0, 10, "person", "@kanata__k") == span_key(0, 1, 10, "person", "kanata__k")
    assert span_key(0, 0, 3, "person", "そら🌙") == span_key(0, 0, 2, "person", "そら")
    assert span_key(0, 0, 2, "person", "☆☆") == (0, 0, 2, "person")  # nothing but symbols: left alone

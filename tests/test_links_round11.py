"""Round 11 of the links (issue 16): purposes read from the (a) misses of c1 + c2 + c3.

Every sentence here is INVENTED for these tests (not from the causal set): for each construction an
example that gives a link, and a trap with the same words that must not (docs/analysis.md,
"Session 8, round 11"). Sides are the rules' (deterministic); cues are checked on the text alone.
"""

from __future__ import annotations

import warnings

import pandas as pd
from statement_fixtures import statements_frame

from futoko_research.analysis.link_cues import find_cues
from futoko_research.analysis.links import extract_links


def _frame(texts: list[str], section: str = "activity") -> pd.DataFrame:
    return statements_frame(texts, prefix="r11", section=section)


def _cues(text: str) -> list[tuple[str, str]]:
    return [(c.construction, c.connective) for c in find_cues(text)]


def _links(text: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract_links(_frame([text]), parse=False, side_method="rules")


def test_you_ni_after_a_potential_is_a_purpose():
    """「Bできるよう(に)、Aする」: B is the (intended) effect, the clause after the comma the cause."""
    text = "教室に入れるように、担任が家庭訪問を続けた。"
    assert ("purpose", "ように") in _cues(text)
    assert ("purpose", "よう") in _cues("毎日登校できるよう、家庭訪問を続けている。")
    row = _links(text).iloc[0]
    assert row["construction"] == "purpose" and row["polarity"] == "positive"
    assert row["modality"] == "intended"
    assert row["cause_codes"] == ["home_visit"] and row["effect_codes"] == ["school_return"]
    assert row["effect_text"] == "教室に入れる"


def test_you_ni_traps():
    """「表に見られるように、」「このように、」「述べたように、」 compare or refer back: no purpose."""
    for text in ("表に見られるように、登校日数は増えた。", "このように、家庭訪問を続けた。",
                 "先に述べたように、家庭訪問を行った。", "考えられるように、面談を重ねた。"):
        assert ("purpose", "ように") not in _cues(text), text
        assert ("purpose", "よう") not in _cues(text), text


def test_tame_no_before_a_practice_noun():
    """「Bを向上させるための(、)Aの名詞」: the noun phrase after ための is the cause, B the aim."""
    text = "子どもの自己肯定感を向上させるための、交流キャンプを開催する。"
    assert ("purpose", "ための、") in _cues(text)
    row = _links(text).iloc[0]
    assert row["construction"] == "purpose" and row["modality"] == "intended"
    assert row["cause_text"] == "交流キャンプ"
    assert row["effect_codes"] == ["self_esteem"] and "peer_interaction" in row["cause_codes"]


def test_tame_no_traps():
    """ための before 効果 / 成果 / 可能性, or after a verb that is no change, is no purpose cue."""
    assert _cues("学習意欲を高めるための効果的な方法を検討する。") == []
    assert ("purpose", "ための") not in _cues("面談を行うための部屋を用意した。")

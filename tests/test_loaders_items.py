"""Item markers start statements; page furniture is kept apart (issue 17, items 3 and 4)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from futoko_research.loaders.furniture import is_page_number
from futoko_research.loaders.items import starts_item
from futoko_research.loaders.reports import parse_text
from futoko_research.pipeline.steps import content_statements


def body_texts(text: str) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = parse_text(text, layout="generic")
    return [b.text for c in cases for b in c.blocks if b.section != "furniture"]


def furniture_texts(text: str) -> list[str]:
    cases = parse_text(text, layout="generic")
    return [b.text for c in cases for b in c.blocks if b.section == "furniture"]


@pytest.mark.parametrize("marker", ["（1）", "(1) ", "1. ", "１．", "①", "ア ", "イ、", "一、", "1) "])
def test_numbered_items_start_statements_without_a_full_stop(marker):
    second = marker.replace("1", "2").replace("１", "２").replace("①", "②").replace("ア", "イ").replace("一", "二")
    text = f"{marker}関係機関との連携で登校に繋がったケース\n{second}中学校には相談室がある\n"
    assert body_texts(text) == [f"{marker}関係機関との連携で登校に繋がったケース".strip(), f"{second}中学校には相談室がある".strip()]


@pytest.mark.parametrize("bullet", ["・", "○", "◎", "■", "●"])
def test_bullets_start_statements_and_are_dropped(bullet):
    assert body_texts(f"{bullet}家庭訪問を行った\n{bullet}学習支援を行った\n") == ["家庭訪問を行った", "学習支援を行った"]


def test_figure_references_inside_a_sentence_do_not_start_statements():
    text = "支援の流れは\n図1のとおりであり（図2）\n1.5倍に増えた児童の\n10月に面談した\n"
    assert body_texts(text) == ["支援の流れは図1のとおりであり（図2）1.5倍に増えた児童の10月に面談した"]


def test_marker_detection():
    assert starts_item("（３）学習支援") and starts_item("一、総論") and starts_item("② 訪問")
    assert not starts_item("図1のとおり") and not starts_item("アンケートを") and not starts_item("第1章")


@pytest.mark.parametrize(("line", "edge", "want"), [
    ("- 3 -", False, True), ("－３－", False, True), ("3/12", False, True), ("12/3", False, False),
    ("3", True, True), ("3", False, False), ("P.4", False, True), ("3人", True, False),
])
def test_page_number_forms(line, edge, want):
    assert is_page_number(line, at_edge=edge) is want


def test_running_heads_and_page_numbers_are_furniture():
    pages = []
    for k in range(1, 4):
        pages.append(f"○○市教育委員会\n第{k}回の支援の記録である。\n家庭と連携した。\n- {k} -\n")
    text = "\f".join(pages)
    assert body_texts(text) == [s for k in range(1, 4) for s in (f"第{k}回の支援の記録である。", "家庭と連携した。")]
    assert furniture_texts(text) == [s for k in range(1, 4) for s in ("○○市教育委員会", f"- {k} -")]


def test_a_line_on_one_page_only_is_not_furniture():
    text = "はじめに\n支援を行った。\n\f別の見出し\n面談を行った。\n"
    assert furniture_texts(text) == []


def test_furniture_never_reaches_features_or_codes():
    st = pd.DataFrame({"statement_id": ["a", "b"], "section": pd.Categorical(["body", "furniture"]), "text": ["x", "- 1 -"]})
    assert content_statements(st)["statement_id"].tolist() == ["a"]

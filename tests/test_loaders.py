"""The report loader on the real sample and on re-encoded, re-paged and re-split copies of it.

Expected texts are pinned in ``tests/fixtures/sample_expected.yaml`` (read off the raw file by
eye). Variants are built from the sample's bytes by code in this module; nothing is invented.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from futoko_research.errors import LayoutWarning, ReportParseError, UnassignedTextWarning
from futoko_research.loaders.blocks import CHECKBOX_CATEGORIES, HEADER_ACTIVITY, HEADER_GOAL
from futoko_research.loaders.case_sheet import parse_case_sheet, split_lines
from futoko_research.loaders.decode import decode_bytes, read_text
from futoko_research.loaders.normalize import (
    clean_line,
    fold_kangxi,
    join_wrapped,
    nfkc,
    nfkc_with_offsets,
    norm_span_to_text_span,
    repair_letter_spacing,
    squash,
)
from futoko_research.loaders.reports import load_reports, parse_text

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "000_3827d6ec588ac27e.txt"
EXPECTED = yaml.safe_load((Path(__file__).parent / "fixtures" / "sample_expected.yaml").read_text(encoding="utf-8"))
SECTIONS = ("goal", "focus", "activity", "outcome", "tag")
MANIFEST_HEADER = "source_id,path,fiscal_year,region,publisher,source_url,layout,encoding,notes\n"


# --- helpers ---------------------------------------------------------------------------------


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def sample_pages() -> list[str]:
    """The sample cut into its 3 pages at the first goal line of each case (from the fixture)."""
    lines = sample_text().split("\n")
    starts = [c["statements"]["goal"][0]["line_start"] for c in EXPECTED["cases"]]
    bounds = zip(starts, starts[1:] + [len(lines) + 1])
    return ["\n".join(lines[a - 1:b - 1]) for a, b in bounds]


def without_blank_lines(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if ln.strip())


def write_raw(tmp_path: Path, files: dict[str, bytes], rows: list[str]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    (raw / "manifest.csv").write_text(MANIFEST_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return raw


def load_quiet(raw: Path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tables = load_reports(raw)
    return tables, caught


def case_signature(tables) -> list[dict]:
    """Per case (in table order): municipality, title, year, texts per section, tick boxes."""
    cases, statements, checkboxes = tables
    out = []
    for case in cases.itertuples():
        st = statements[statements["case_id"] == case.case_id]
        cb = checkboxes[checkboxes["case_id"] == case.case_id]
        out.append({
            "municipality": case.municipality,
            "title": case.title,
            "fiscal_year": None if pd.isna(case.fiscal_year) else int(case.fiscal_year),
            **{s: list(st.loc[st["section"] == s, "text"]) for s in SECTIONS + ("unassigned", "body")},
            "checkboxes": [(c.category, bool(c.checked)) for c in cb.itertuples()],
        })
    return out


def expected_signature(order=(0, 1, 2), years=(None, None, None)) -> list[dict]:
    out = []
    for k, year in zip(order, years):
        c = EXPECTED["cases"][k]
        out.append({
            "municipality": c["municipality"],
            "title": c["title"],
            "fiscal_year": year,
            **{s: [x["text"] for x in c["statements"][s]] for s in SECTIONS},
            "unassigned": [],
            "body": [],
            "checkboxes": [(x["category"], x["checked"]) for x in c["checkboxes"]],
        })
    return out


# --- the sample as shipped -------------------------------------------------------------------


def test_sample_cases(sample_tables):
    cases = sample_tables.cases
    assert list(cases["municipality"]) == ["根室市", "別海町", "中標津町"]
    assert list(cases["title"]) == [
        "関係機関との連携による支援の充実",
        "安心できる居場所づくりと興味ある活動への支援",
        "関係機関との連携と学校復帰に向けた学習支援",
    ]
    assert list(cases["page"]) == [1, 2, 3]
    assert set(cases["layout"]) == {"case_sheet"}
    assert cases["fiscal_year"].isna().all(), "the sample names no year: fiscal_year must stay unknown"
    assert str(cases["fiscal_year"].dtype) == "Int64"


def test_sample_section_counts(sample_tables):
    st = sample_tables.statements
    counts = st.groupby(["case_id", "section"], observed=False).size().unstack()
    assert list(counts["goal"]) == [3, 3, 3]
    assert list(counts["activity"]) == [4, 4, 4]
    assert list(counts["outcome"]) == [3, 3, 3]
    assert list(counts["focus"]) == [3, 2, 3]
    assert list(counts["tag"]) == [0, 2, 1]
    assert counts[["body", "unassigned"]].sum().sum() == 0


def test_sample_tick_boxes(sample_tables):
    cb = sample_tables.checkboxes
    marks = cb.groupby("case_id")["checked"].apply(lambda s: "".join("■" if v else "□" for v in s))
    assert list(marks) == ["□■■", "□□■", "■■□"]
    assert list(cb["category"].astype(str)) == list(CHECKBOX_CATEGORIES) * 3
    assert str(cb["checked"].dtype) == "boolean"


def test_sample_full_texts_and_lines(sample_tables):
    cases, st, cb = sample_tables
    for case, exp in zip(cases.itertuples(), EXPECTED["cases"], strict=True):
        rows = st[st["case_id"] == case.case_id]
        for section in SECTIONS:
            got = rows[rows["section"] == section]
            want = exp["statements"][section]
            assert list(got["text"]) == [w["text"] for w in want], (case.municipality, section)
            assert list(got["line_start"]) == [w["line_start"] for w in want]
            assert list(got["line_end"]) == [w["line_end"] for w in want]
            assert list(got["position"]) == list(range(1, len(want) + 1))
            assert set(got["page"]) <= {exp["page"]}
        got_cb = cb[cb["case_id"] == case.case_id]
        assert list(got_cb["label_ja"]) == [x["label_ja"] for x in exp["checkboxes"]]
        assert list(got_cb["line"]) == [x["line"] for x in exp["checkboxes"]]


def test_sample_title_and_municipality_lines():
    parsed = parse_case_sheet(sample_text())
    assert [(c.title, [ln.lineno for ln in c.title_lines], c.municipality, c.municipality_line.lineno) for c in parsed] == [
        (e["title"], [e["title_line"]], e["municipality"], e["municipality_line"]) for e in EXPECTED["cases"]
    ]
    assert all(not c.warnings for c in parsed)


@pytest.mark.parametrize(
    ("needle", "section"),
    [
        ("コミュニケーション", "goal"),  # wrapped mid-word: joined without a space
        ("学校や関係機関が連携した生徒への支援", "focus"),  # letter-spaced in the PDF
        ("教育支援センターの Wi-Fi 環境や", "activity"),  # ordinary spaces are kept
        ("ＩＣＴ機器（タブレット）", "goal"),  # original full-width characters in text
    ],
)
def test_sample_text_repairs(sample_tables, needle, section):
    st = sample_tables.statements
    hits = st[st["text"].str.contains(needle, regex=False)]
    assert len(hits) >= 1 and section in set(hits["section"])


def test_text_norm_is_nfkc_of_text(sample_tables):
    st = sample_tables.statements
    assert all(n == unicodedata.normalize("NFKC", t) for t, n in zip(st["text"], st["text_norm"]))
    assert st["text_norm"].str.contains("ICT機器(タブレット)", regex=False).any()


def test_sample_decodes_as_utf8_and_has_no_form_feeds():
    text, used = read_text(SAMPLE)
    assert used == "utf-8"
    assert "\f" not in text and "\r" not in text


# --- ids ---------------------------------------------------------------------------------------


def test_ids_follow_scheme(sample_tables):
    cases, st, _ = sample_tables
    assert list(cases["case_id"]) == ["nemuro_cases_001", "nemuro_cases_002", "nemuro_cases_003"]
    expected = [f"{c}_{s}_{p:02d}" for c, s, p in zip(st["case_id"], st["section"], st["position"])]
    assert list(st["statement_id"]) == expected
    assert st["statement_id"].is_unique


def test_ids_stable_across_runs(sample_tables):
    again, _ = load_quiet(REPO / "data" / "raw")
    for a, b in zip(sample_tables, again):
        pd.testing.assert_frame_equal(a, b)


# --- variants of the sample --------------------------------------------------------------------

SOURCE_ROW = "s1,{name},{year},北海道根室管内,,,{layout},{encoding},variant"


def _variant(tmp_path, data: bytes, *, encoding="auto", layout="auto", year=""):
    raw = write_raw(tmp_path, {"v.txt": data}, [SOURCE_ROW.format(name="v.txt", year=year, layout=layout, encoding=encoding)])
    tables, caught = load_quiet(raw)
    assert not [w for w in caught if issubclass(w.category, LayoutWarning | UnassignedTextWarning)]
    return tables


VARIANTS = {
    "cp932_crlf": (lambda t: t.replace("\n", "\r\n").encode("cp932"), "auto"),
    "cp932_crlf_declared": (lambda t: t.replace("\n", "\r\n").encode("cp932"), "cp932"),
    "shift_jis_declared": (lambda t: t.encode("shift_jis"), "shift_jis"),
    "euc_jp": (lambda t: t.encode("euc-jp"), "auto"),
    "utf8_bom": (lambda t: t.encode("utf-8-sig"), "auto"),
    "utf8_bom_crlf_declared": (lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"), "utf-8"),
    "cr_only": (lambda t: t.replace("\n", "\r").encode("utf-8"), "auto"),
    "form_feeds_no_blank_lines": (lambda t: "\f".join(without_blank_lines(p) for p in sample_pages()).encode(), "auto"),
    "form_feed_lines_no_blank_lines": (lambda t: "\n\f".join(without_blank_lines(p) for p in sample_pages()).encode(), "auto"),
    "form_feeds_with_padding": (lambda t: "\f".join(sample_pages()).encode(), "auto"),
    "no_blank_lines_no_form_feeds": (lambda t: without_blank_lines(t).encode(), "auto"),
    "letter_spaced_headers": (
        lambda t: t.replace(HEADER_GOAL, " ".join(HEADER_GOAL)).replace(HEADER_ACTIVITY, " ".join(HEADER_ACTIVITY)).encode(),
        "auto",
    ),
    "tabs_and_ideographic_spaces": (lambda t: t.replace(" 目標・方向性", "\t目標・方向性\u3000").encode(), "auto"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_gives_same_cases(tmp_path, name):
    make, encoding = VARIANTS[name]
    tables = _variant(tmp_path, make(sample_text()), encoding=encoding)
    assert case_signature(tables) == expected_signature()
    assert list(tables.cases["page"]) == [1, 2, 3]


@pytest.mark.parametrize("order", [(1, 2, 0), (2, 1, 0), (2, 0, 1)])
@pytest.mark.parametrize("sep", ["\n", "\f"])
def test_pages_in_another_order(tmp_path, order, sep):
    pages = sample_pages()
    if sep == "\f":
        pages = [without_blank_lines(p) for p in pages]
    data = sep.join(pages[k] for k in order).encode()
    tables = _variant(tmp_path, data)
    assert case_signature(tables) == expected_signature(order)


def test_split_over_two_files_with_different_years(tmp_path):
    pages = sample_pages()
    raw = write_raw(
        tmp_path,
        {"a.txt": pages[0].encode("cp932"), "b.txt": "\f".join(pages[1:]).replace("\n", "\r\n").encode("utf-8")},
        [
            SOURCE_ROW.format(name="a.txt", year="2022", layout="case_sheet", encoding="cp932").replace("s1", "rep2022", 1),
            SOURCE_ROW.format(name="b.txt", year="2023", layout="auto", encoding="auto").replace("s1", "rep2023", 1),
        ],
    )
    tables, _ = load_quiet(raw)
    assert case_signature(tables) == expected_signature(years=(2022, 2023, 2023))
    assert list(tables.cases["case_id"]) == ["rep2022_001", "rep2023_001", "rep2023_002"]
    assert list(tables.cases["source_id"]) == ["rep2022", "rep2023", "rep2023"]
    assert list(tables.cases["page"]) == [1, 1, 2]
    assert set(tables.statements["source_id"]) == {"rep2022", "rep2023"}


def test_manifest_encoding_wins_over_detection(tmp_path):
    data = "café 報告".encode()  # valid UTF-8, and also valid latin-1
    assert decode_bytes(data)[0] == "café 報告"
    text, used = decode_bytes(data, encoding="latin-1")
    assert used == "iso8859-1" and text.startswith("cafÃ©")


def test_regression_garbage_is_not_accepted_as_cp932():
    """cp932 decodes 0xFD–0xFF to private-use characters: auto-detection must refuse that."""
    data = b"\x82\xa0\xff\xfe\xfd" * 50
    with pytest.raises(ReportParseError, match="cannot decode"):
        decode_bytes(data, path="g.txt")
    text, used = decode_bytes(data, encoding="cp932")  # an explicit encoding wins
    assert used == "cp932" and text.startswith("あ")


@pytest.mark.parametrize(
    ("encoding", "expected_used"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"), ("euc-jp", "euc-jp")],
)
def test_detection_names_the_codec(encoding, expected_used):
    text, used = decode_bytes("相談・支援、取組等の状況\r\n".encode(encoding))
    assert used == expected_used
    assert text == "相談・支援、取組等の状況\n"


# --- warnings and fallbacks --------------------------------------------------------------------


def test_generic_layout_warns_and_keeps_text(tmp_path):
    text = "不登校児童生徒への支援について報告する。\n\n・居場所づくりを行った。\n\n【連携】\n"
    tables, caught = load_quiet(write_raw(tmp_path, {"g.txt": text.encode()}, ["g,g.txt,,,,,auto,auto,"]))
    assert any(issubclass(w.category, LayoutWarning) for w in caught)
    assert list(tables.cases["layout"]) == ["generic"]
    st = tables.statements
    assert list(zip(st["section"], st["text"])) == [
        ("body", "不登校児童生徒への支援について報告する。"),
        ("body", "居場所づくりを行った。"),
        ("tag", "連携"),
    ]


def test_generic_layout_declared_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", ResourceWarning)  # a loop another test leaked, collected here
        parsed = parse_text("自由な形式の文章。", layout="generic")
    assert [b.text for b in parsed[0].blocks] == ["自由な形式の文章。"]


def test_case_sheet_declared_without_header_is_an_error():
    with pytest.raises(ReportParseError, match="目標・方向性"):
        parse_text("見出しのない文章。", layout="case_sheet", path="x.txt")


def test_unplaceable_text_is_unassigned_with_warning(tmp_path):
    text = sample_text().replace("■ 学習機会確保の取組 \n", "■ 学習機会確保の取組 \n紛れ込んだ注記\n", 1)
    tables, caught = load_quiet(write_raw(tmp_path, {"u.txt": text.encode()}, ["u,u.txt,,,,,auto,auto,"]))
    un = tables.statements[tables.statements["section"] == "unassigned"]
    assert list(un["text"]) == ["紛れ込んだ注記"]
    assert list(un["case_id"]) == ["u_001"]
    messages = [str(w.message) for w in caught if issubclass(w.category, UnassignedTextWarning)]
    assert len(messages) == 1 and "u.txt" in messages[0] and "unassigned" in messages[0]
    assert len(tables.checkboxes) == 9


# --- regressions found while writing these tests ------------------------------------------------


def test_regression_form_feed_inside_a_line_starts_a_page():
    """Pages joined with \\f but no newline: '…所の確保\\f○ 本町は…' must split into two lines."""
    lines = split_lines("所の確保 \f○ 本町は、広大な地域。\n次の行")
    assert [(ln.lineno, ln.text, ln.page, ln.page_break_before) for ln in lines] == [
        (1, "所の確保", 1, False),
        (1, "○ 本町は、広大な地域。", 2, True),
        (2, "次の行", 2, False),
    ]


def test_regression_repeated_tick_box_is_not_a_second_checkbox(tmp_path):
    text = sample_text().replace("□ 学校復帰に向けた支援 \n", "□ 学校復帰に向けた支援 \n□ 学校復帰に向けた支援 \n", 1)
    tables, caught = load_quiet(write_raw(tmp_path, {"d.txt": text.encode()}, ["d,d.txt,,,,,auto,auto,"]))
    assert len(tables.checkboxes) == 9  # schema: one row per (case, category)
    un = tables.statements[tables.statements["section"] == "unassigned"]
    assert list(un["text"]) == ["□ 学校復帰に向けた支援"]
    assert any(issubclass(w.category, UnassignedTextWarning) for w in caught)


def test_regression_tick_box_line_before_activity_header_is_not_counted_twice():
    text = sample_text().replace(" 相談・支援、取組等の状況  \n", "■ 学校復帰に向けた支援\n 相談・支援、取組等の状況  \n", 1)
    parsed = parse_case_sheet(text)
    first = parsed[0]
    assert [(c.category, c.checked) for c in first.checkboxes] == [
        ("school_return_support", False), ("learning_opportunity", True), ("center_enhancement", True),
    ]
    used = [ln.lineno for b in first.blocks for ln in b.lines]
    assert len(used) == len(set(used)), "a line was placed in two statements"
    assert [len([b for b in first.blocks if b.section == s]) for s in ("activity", "outcome")] == [4, 3]


def test_regression_repeated_activity_header_is_dropped():
    text = sample_text().replace("・衝立で", f"{HEADER_ACTIVITY}\n・衝立で", 1)
    parsed = parse_case_sheet(text)
    texts = [b.text for c in parsed for b in c.blocks]
    assert not any(HEADER_ACTIVITY in t for t in texts)
    assert [len([b for b in parsed[0].blocks if b.section == "activity"])] == [4]
    assert any("repeated" in w for w in parsed[0].warnings)


# --- normalisation helpers ---------------------------------------------------------------------

JOIN_CASES = [
    (["コミュニ ", "", "ケーション"], "コミュニケーション"),
    (["ICT を活用し", "た学習"], "ICT を活用した学習"),
    (["  行頭の空白\u3000", "\t次の行 "], "行頭の空白次の行"),
    (["が 連 携 し た 生 徒 へ", "の支援"], "が連携した生徒への支援"),
    ([], ""),
]


@pytest.mark.parametrize(("lines", "expected"), JOIN_CASES)
def test_join_wrapped(lines, expected):
    assert join_wrapped(lines) == expected


LETTER_SPACING_CASES = [
    ("学 校 や 関 係 機 関", "学校や関係機関"),
    ("が 連 携 し た 生 徒 へ", "が連携した生徒へ"),
    ("目 標 ・ 方 向 性", "目標・方向性"),
    ("学 校 や 関係機関", "学校や関係機関"),  # a trailing multi-character word joins the spaced run
    ("教育支援センターの Wi-Fi 環境や", "教育支援センターの Wi-Fi 環境や"),
    ("Wi - Fi", "Wi - Fi"),  # Latin letters are never joined
    ("第 ３ 回", "第３回"),
    ("支援 及び 相談", "支援 及び 相談"),  # spaces between words are not letter-spacing
    ("学 校", "学 校"),  # two characters are not enough evidence
]


@pytest.mark.parametrize(("line", "expected"), LETTER_SPACING_CASES)
def test_repair_letter_spacing(line, expected):
    assert repair_letter_spacing(line) == expected


def test_clean_line_strips_and_repairs():
    assert clean_line("\u3000 学 校 や 関 係 \t") == "学校や関係"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u2f42部科学省", "文部科学省"),  # KANGXI RADICAL TEXT ⽂
        ("\u2f08と\u2f08", "人と人"),  # ⼈
        ("\u2ed8\u2f47", "青日"),  # regression: supplement ⻘ (no NFKC mapping), Kangxi ⽇
        ("\u2ed1\u671f\u6b20\u5e2d", "長期欠席"),  # ⻑期欠席 as PDFs extract it
        ("普通の文", "普通の文"),
    ],
)
def test_fold_kangxi_one_for_one(text, expected):
    folded = fold_kangxi(text)
    assert folded == expected
    assert len(folded) == len(text)


def test_nfkc_with_offsets_maps_back():
    text = "ＩＣＴとｶﾞｯｺｳ㈱"
    norm, origin = nfkc_with_offsets(text)
    assert norm == nfkc(text) == "ICTとガッコウ(株)"
    assert len(origin) == len(norm) + 1 and origin[-1] == len(text)
    assert origin[:4] == [0, 1, 2, 3]
    assert origin[4] == 4  # ガ ← ｶﾞ (two characters, mapped to the first)
    assert origin[5] == 6
    # (株) ← ㈱: three normalised characters from one original
    assert origin[-4:-1] == [len(text) - 1] * 3
    start = norm.index("ガッコウ")
    assert norm_span_to_text_span(origin, start, start + 4) == (4, 9)
    s, e = norm_span_to_text_span(origin, norm.index("(株)"), len(norm))
    assert text[s:e] == "㈱"
    s, e = norm_span_to_text_span(origin, 0, 3)
    assert text[s:e] == "ＩＣＴ"


def test_nfkc_with_offsets_identity_on_plain_text():
    text = "学校や関係機関が連携した。"
    norm, origin = nfkc_with_offsets(text)
    assert norm == text and origin == list(range(len(text) + 1))


def test_squash_removes_all_whitespace():
    assert squash(" 相 談・支援、\t取組等の\u3000状況 ") == HEADER_ACTIVITY


def test_no_text_is_an_error(tmp_path):
    with pytest.raises(ReportParseError, match="empty"):
        decode_bytes(b" \r\n\t", path="x.txt")
    assert re.search("no text", str(pytest.raises(ReportParseError, parse_text, "\f \n", path="y.txt").value))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_fail_cleanly(data):
    """Arbitrary bytes either decode and parse, or raise ReportParseError naming the file."""
    try:
        text, _ = decode_bytes(data, path="fuzz.txt")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = parse_text(text, path="fuzz.txt")
    except ReportParseError as exc:
        assert str(exc).startswith("fuzz.txt") and "\n" not in str(exc)
        return
    assert parsed and "\r" not in text

"""Nothing lost: every non-whitespace character of a decoded report lands in exactly one field.

The fields are statement ``text``, case ``title`` and ``municipality``, and tick-box
``label_ja``. Exempt are the structural marks (:data:`blocks.STRUCTURAL_MARKS`: ○ ・ ■ □ 【 】 …)
and, when the case-sheet parser was used, the lines that are one of its two section headers.
Checked as a multiset of characters (so a character counted twice fails as surely as one
dropped), on the real sample and on random perturbations of it, through the public
``load_reports`` path (manifest → decode → parse → validated tables).
"""

from __future__ import annotations

import re
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from futoko_research.errors import LayoutWarning, ReportParseError, UnassignedTextWarning
from futoko_research.loaders.blocks import HEADER_ACTIVITY, HEADER_GOAL, STRUCTURAL_MARKS
from futoko_research.loaders.normalize import fold_kangxi
from futoko_research.loaders.reports import load_reports

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3827d6ec588ac27e.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE_TEXT.split("\n")
RE_WS = re.compile(r"\s")
HEADERS = (HEADER_GOAL, HEADER_ACTIVITY)
TICK_MARKS = ("■", "□")
TICK_BOX_LINES = [i for i, ln in enumerate(SAMPLE_LINES) if ln.strip().startswith(TICK_MARKS)]

# characters for inserted lines: kana, kanji, marks, Latin, full-width, a Kangxi radical, spaces
JA_ALPHABET = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー"
    "学校支援生徒児童教育相談関係機関連携町市村課室不登校居場所確保"
    "○・■□【】、。「」（）ＩＣＴ１２３ABCxyz-⽂ 　"
)


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not RE_WS.match(ch) and ch not in STRUCTURAL_MARKS)


def expected_chars(text: str, *, case_sheet: bool) -> Counter:
    """Characters that must be found in the tables (computed without the parser's code)."""
    total: Counter = Counter()
    for line in text.replace("\f", "\n").split("\n"):
        if case_sheet and RE_WS.sub("", line) in HEADERS:
            continue
        total += _chars(fold_kangxi(line))
    return total


def found_chars(tables) -> Counter:
    cases, statements, checkboxes = tables
    total: Counter = Counter()
    for col in (cases["title"], cases["municipality"], statements["text"], checkboxes["label_ja"]):
        for value in col.dropna():
            total += _chars(value)
    return total


def load_text(text: str):
    """Write ``text`` as the only report of a raw folder and load it; returns (tables, warnings)."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        (raw / "r.txt").write_text(text, encoding="utf-8", newline="")
        (raw / "manifest.csv").write_text("source_id,path,layout,encoding\nr,r.txt,auto,utf-8\n", encoding="utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tables = load_reports(raw)
    return tables, [w.category for w in caught]


def check_nothing_lost(text: str) -> None:
    tables, categories = load_text(text)
    cases, statements, _ = tables
    assert len(cases) >= 1, "non-empty text gave no case"
    layouts = set(cases["layout"])
    assert len(layouts) == 1
    case_sheet = layouts == {"case_sheet"}
    want, got = expected_chars(text, case_sheet=case_sheet), found_chars(tables)
    assert got - want == Counter(), f"characters counted twice or invented: {dict(got - want)}"
    assert want - got == Counter(), f"characters lost: {dict(want - got)}"
    if want:
        assert len(statements) + cases["title"].notna().sum() + cases["municipality"].notna().sum() > 0
    if (statements["section"] == "unassigned").any():
        assert UnassignedTextWarning in categories
    if not case_sheet:
        assert LayoutWarning in categories
        # a line repeated at the head of most pages is page furniture: kept as a statement, not lost (issue 17)
        assert set(statements["section"]) <= {"body", "tag", "furniture"}


# --- perturbations of the sample ------------------------------------------------------------


def _pages(lines: list[str]) -> list[list[str]]:
    """The sample's pages: each starts at a goal bullet that follows the previous tick boxes."""
    starts = [0]
    seen_ticks = False
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith(TICK_MARKS):
            seen_ticks = True
        elif seen_ticks and s.startswith("○") and len(s) > 30:
            starts.append(i)
            seen_ticks = False
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


@st.composite
def base_lines(draw) -> list[str]:
    kind = draw(st.sampled_from(["as_is", "no_blanks", "reordered", "form_feeds"]))
    lines = list(SAMPLE_LINES)
    if kind == "no_blanks":
        return [ln for ln in lines if ln.strip()]
    pages = _pages(lines)
    order = draw(st.permutations(range(len(pages))))
    if kind == "reordered":
        return [ln for k in order for ln in pages[k]]
    if kind == "form_feeds":
        out: list[str] = []
        for n, k in enumerate(order):
            page = [ln for ln in pages[k] if ln.strip()]
            if n:
                page[0] = "\f" + page[0]
            out.extend(page)
        return out
    return lines


japanese_line = st.text(alphabet=JA_ALPHABET, min_size=1, max_size=40)


@st.composite
def perturbed_sample(draw) -> str:
    lines = draw(base_lines())
    n_ops = draw(st.integers(0, 6))
    for _ in range(n_ops):
        op = draw(st.sampled_from(
            ["drop", "duplicate", "shuffle", "insert", "remove_header", "tick_junk", "blanks", "form_feed"]
        ))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "drop" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "shuffle" and lines:
            k = draw(st.integers(2, 12))
            window = lines[i:i + k]
            lines[i:i + k] = draw(st.permutations(window))
        elif op == "insert":
            new = draw(st.one_of(japanese_line, st.sampled_from(HEADERS + ("○ " + "短い",))))
            lines.insert(i, new)
        elif op == "remove_header":
            header = draw(st.sampled_from(HEADERS))
            keep_some = draw(st.booleans())
            hits = [j for j, ln in enumerate(lines) if RE_WS.sub("", ln) == header]
            for j in reversed(hits[: 1 if keep_some else None]):
                del lines[j]
        elif op == "tick_junk":
            ticks = [j for j, ln in enumerate(lines) if ln.strip().startswith(TICK_MARKS)]
            if ticks:
                j = draw(st.sampled_from(ticks))
                lines.insert(j + 1, draw(japanese_line))
        elif op == "blanks":
            lines[i:i] = [" " * draw(st.integers(0, 2))] * draw(st.integers(1, 60))
        elif op == "form_feed" and lines:
            ln = lines[i]
            cut = draw(st.integers(0, len(ln)))
            lines[i] = ln[:cut] + "\f" + ln[cut:]
    text = "\n".join(lines)
    if not text.strip():
        text = draw(japanese_line.filter(lambda s: s.strip())) + text
    return text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@example(SAMPLE_TEXT)
# the sample with its blank runs and first line dropped, an "A" line opening two pages (a running head: furniture);
# found by hypothesis in CI
@example((Path(__file__).parent / "fixtures" / "no_text_lost_running_head.txt").read_text(encoding="utf-8"))
@given(perturbed_sample())
def test_no_text_lost_on_perturbed_sample(text):
    check_nothing_lost(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=JA_ALPHABET + "\n\f", min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_no_text_lost_on_random_text(text):
    check_nothing_lost(text)


def test_sample_places_everything_without_unassigned():
    tables, categories = load_text(SAMPLE_TEXT)
    assert "unassigned" not in set(tables.statements["section"])
    assert UnassignedTextWarning not in categories and LayoutWarning not in categories
    assert expected_chars(SAMPLE_TEXT, case_sheet=True) == found_chars(tables)


def test_checker_detects_a_lost_character(monkeypatch):
    """The property can fail: a parser that drops one statement's last character is caught."""
    from futoko_research.loaders import tables as tables_mod

    original = tables_mod.build_tables

    def lossy(parsed, source):
        cases, statements, checkboxes = original(parsed, source)
        statements = statements.copy()
        statements.loc[0, "text"] = statements.loc[0, "text"][:-1]
        return cases, statements, checkboxes

    monkeypatch.setattr("futoko_research.loaders.reports.build_tables", lossy)
    with pytest.raises(AssertionError, match="characters lost"):
        check_nothing_lost(SAMPLE_TEXT)


def test_junk_between_tick_boxes_is_unassigned_with_warning():
    lines = list(SAMPLE_LINES)
    lines.insert(TICK_BOX_LINES[0] + 1, "ここに紛れ込んだ行")
    tables, categories = load_text("\n".join(lines))
    unassigned = tables.statements[tables.statements["section"] == "unassigned"]
    assert list(unassigned["text"]) == ["ここに紛れ込んだ行"]
    assert UnassignedTextWarning in categories
    assert len(tables.checkboxes) == 9


def test_whitespace_only_text_is_an_error():
    with pytest.raises(ReportParseError, match="r.txt"):
        load_text(" \n\n\f\u3000\n")

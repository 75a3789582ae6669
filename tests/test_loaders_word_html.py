"""Word (.docx) and web-page (.html) reports; bad files of both (issue 17, items 1, 2, 5, 6, 8)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from futoko_research.cli import main
from futoko_research.loaders.html import declared_charset, read_html
from futoko_research.loaders.manifest import read_manifest
from futoko_research.loaders.reports import ingest_sources
from futoko_research.loaders.word import OLE_MAGIC, read_docx

HEADER = "source_id,path,fiscal_year,region,publisher,source_url,layout,encoding,notes,personal_data,synthetic\n"

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>学校だより</title></head>
<body><nav><ul><li><a href="/">ホーム</a></li><li><a href="/a">教育委員会について</a></li><li><a href="/b">お知らせ一覧</a></li></ul></nav>
<div class="breadcrumb"><a href="/">トップ</a> &gt; 学校だより</div>
<main><article><h1>学校だより 第3号（SYNTHETIC）</h1>
<h2>目標・方向性</h2><p>学校と家庭が連携して、子どもの居場所をつくる。</p>
<ul><li>（1）関係機関との連携で登校に繋がったケース</li><li>（2）中学校には相談室がある</li></ul>
<h2>成果</h2><p>週に三日、別室に登校できるようになった。</p>
<table><tr><th>年度</th><th>児童数</th></tr><tr><td>2022</td><td>12</td></tr><tr><td>2023</td><td>15</td></tr></table>
</article></main>
<footer><p>Copyright 2024 ○○市教育委員会</p><p>〒000-0000 ○○市1-2-3</p></footer></body></html>"""


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "○○市教育委員会（SYNTHETIC）"
    d.add_heading("関係機関との連携による支援", level=1)
    d.add_heading("目標・方向性", level=2)
    d.add_paragraph("学校と家庭が連携する", style="List Bullet")
    d.add_paragraph("（1）関係機関との連携で登校に繋がったケース\n（2）中学校には相談室がある")
    d.add_heading("成果", level=2)
    d.add_paragraph("登校日数が増えた。")
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["年度", "児童数", "生徒数"], ["2022", "12", "30"], ["2023", "15", "28"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t2 = d.add_table(rows=2, cols=2)
    t2.cell(0, 0).text, t2.cell(0, 1).text = "目標", "学習の機会を確保し、自己肯定感を高める。"
    t2.cell(1, 0).text, t2.cell(1, 1).text = "成果", "週3日の登校ができるようになった。"
    d.save(path)
    return path


def statements_of(read) -> list[tuple[str, str, str | None]]:
    return [(b.section, b.text, b.lines[0].locator) for c in read.cases for b in c.blocks]


def test_docx_paragraphs_lists_headings_tables(tmp_path):
    read = read_docx(make_docx(tmp_path / "r.docx"))
    assert [c.title for c in read.cases] == ["関係機関との連携による支援"]
    assert statements_of(read) == [
        ("goal", "学校と家庭が連携する", "p3"),
        ("goal", "（1）関係機関との連携で登校に繋がったケース", "p4"),
        ("goal", "（2）中学校には相談室がある", "p4"),
        ("outcome", "登校日数が増えた。", "p6"),
        ("goal", "学習の機会を確保し、自己肯定感を高める。", "t2r1c2"),
        ("outcome", "週3日の登校ができるようになった。", "t2r2c2"),
        ("furniture", "○○市教育委員会（SYNTHETIC）", "header_footer/p1"),
    ]
    counts = [(c.row, c.column, c.header, c.value) for c in read.cells if c.table_id == 1]
    assert (2, 2, "児童数", "12") in counts and (3, 3, "生徒数", "28") in counts


def test_html_main_text_boilerplate_and_shift_jis(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("cp932"))
    assert declared_charset(path.read_bytes()) == "cp932"
    read = read_html(path)
    assert [(s, t) for s, t, _ in statements_of(read)] == [
        ("goal", "学校と家庭が連携して、子どもの居場所をつくる。"),
        ("goal", "（1）関係機関との連携で登校に繋がったケース"),
        ("goal", "（2）中学校には相談室がある"),
        ("outcome", "週に三日、別室に登校できるようになった。"),
    ]
    assert statements_of(read)[1][2] == "main/list[1]/item[1]"
    assert "ホーム" in read.boilerplate and "Copyright 2024 ○○市教育委員会" in read.boilerplate
    assert [(c.header, c.value) for c in read.cells if c.row == 3] == [("年度", "2023"), ("児童数", "15")]


def test_ingest_tables_and_report_add_up(tmp_path):
    make_docx(tmp_path / "r.docx")
    (tmp_path / "page.htm").write_bytes(PAGE.encode("cp932"))
    (tmp_path / "manifest.csv").write_text(
        HEADER + "w,r.docx,,,,,auto,auto,,none,true\nh,page.htm,,,,,auto,auto,,none,true\n", encoding="utf-8")
    t = ingest_sources(read_manifest(tmp_path))
    rep = t.ingest_report.set_index("source_id")
    assert rep.loc["w", "format"] == "docx" and rep.loc["h", "format"] == "html"
    assert rep["chars_lost"].tolist() == [0, 0]
    parts = ["chars_statements", "chars_furniture", "chars_tables", "chars_unassigned", "chars_structure", "chars_boilerplate"]
    assert (rep[parts].sum(axis=1) == rep["chars_input"]).all()
    assert rep.loc["h", "chars_boilerplate"] > 0 and "ホーム" in rep.loc["h", "boilerplate"]
    st = t.source_tables
    assert set(st["source_id"]) == {"w", "h"}
    linked = st[st["statement_id"].notna()]
    assert set(linked["statement_id"]) <= set(t.statements["statement_id"])
    assert "ホーム" not in "".join(t.statements["text"])


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _corrupt_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<broken")
    return buf.getvalue()


BAD_FILES = {
    "corrupt_docx": ("r.docx", _corrupt_docx(), "corrupt"),
    "truncated_docx": ("r.docx", _docx_bytes()[:300], "corrupt"),
    "password_docx": ("r.docx", OLE_MAGIC + b"\x00" * 504, "password-protected"),
    "empty_docx": ("r.docx", _docx_bytes(), "no text"),
    "html_without_main_text": ("p.html", "<html><body><nav><a href='/'>ホーム</a></nav></body></html>".encode(), "no main text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_word_and_web_files_exit_2_one_line_nothing_written(tmp_path, capsys, name):
    fname, data, needle = BAD_FILES[name]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / fname).write_bytes(data)
    (raw / "manifest.csv").write_text(HEADER + f"a,{fname},,,,,auto,auto,,none,true\n", encoding="utf-8")
    out = tmp_path / "processed"
    status = main(["ingest", "--raw-dir", str(raw), "--out-dir", str(out), "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(err) == 1 and "Traceback" not in err[0]
    assert fname in err[0] and needle in err[0], err[0]
    assert not out.exists()


def test_real_sample_and_its_pdf_account_for_every_character(tmp_path):
    import shutil
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import pdf_fixtures as pf

    from futoko_research.paths import RAW_DIR

    shutil.copy(RAW_DIR / "000_3827d6ec588ac27e.txt", tmp_path / "real.txt")
    sheets = pf.synthetic_sheet_cases(3, seed=1)
    pf.write_case_sheet_pdf(tmp_path / "sheets.pdf", sheets, synthetic=True, page_numbers=True)
    (tmp_path / "manifest.csv").write_text(
        HEADER + "real,real.txt,,,,,case_sheet,utf-8,,none,false\npdf,sheets.pdf,,,,,auto,auto,,none,true\n",
        encoding="utf-8")
    rep = ingest_sources(read_manifest(tmp_path)).ingest_report.set_index("source_id")
    assert rep["chars_lost"].tolist() == [0, 0]
    assert rep.loc["pdf", "n_furniture"] == 3 and rep.loc["real", "n_furniture"] == 0
    assert rep.loc["real", "chars_statements"] > 0.85 * rep.loc["real", "chars_input"]


def test_html_line_breaks_inside_a_paragraph_separate_numbered_items(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><body><main><h1>SYNTHETIC 報告</h1><p>（1）関係機関との連携で登校に繋がったケース<br>"
                    "（2）中学校には相談室がある</p><p>図1のとおり<br>増えた。</p></main></body></html>", encoding="utf-8")
    assert [t for _, t, _ in statements_of(read_html(path))] == [
        "（1）関係機関との連携で登校に繋がったケース", "（2）中学校には相談室がある", "図1のとおり増えた。"]


def test_navigation_and_footer_lines_inside_the_main_text_are_boilerplate(tmp_path):
    path = tmp_path / "n.html"
    path.write_text("""<html><head><meta charset="utf-8"></head><body>
<div id="wrap"><div class="crumbs"><a href="/">トップ</a> &gt; <a href="/k">学校教育</a> &gt; 支援の報告</div>
<div id="main"><h1>SYNTHETIC 支援の報告</h1>
<p>（1）関係機関との連携で登校に繋がったケース</p><p>（2）中学校には相談室がある</p>
<p>本市では、教育支援センターの機能を充実させた。</p><p><a href="/x">関連リンク</a></p>
<p>このページに関するお問い合わせ 学校教育課</p><p>Copyright 2024 ○○市</p></div>
<div id="side"><ul><li><a href="/a">お知らせ</a></li><li><a href="/b">イベント</a></li></ul></div></div></body></html>""",
                    encoding="utf-8")
    read = read_html(path)
    assert [t for _, t, _ in statements_of(read)] == [
        "（1）関係機関との連携で登校に繋がったケース", "（2）中学校には相談室がある", "本市では、教育支援センターの機能を充実させた。"]
    for nav in ("トップ > 学校教育 > 支援の報告", "関連リンク", "Copyright 2024 ○○市", "お知らせ"):
        assert nav in read.boilerplate

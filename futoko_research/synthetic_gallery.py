"""A SYNTHETIC layout gallery: report files in the layouts real collections use, with the
statements a loader must read from each (issue 17).

Every layout is a short list of :class:`Item` objects (title, section heading, paragraph,
numbered or bulleted item, flowchart step, speaker turn, data table, page break) plus the page
furniture printed on every page. :func:`write_gallery` renders each layout in the forms that
apply to it — text (``.txt``, as a text extraction leaves it: hard-wrapped lines), PDF (reportlab,
IPAex Gothic; running heads and page numbers in the margins, ruled tables), Word (python-docx;
headings, list styles, tables, the running head in the header part) and web page (``.html``
with a menu, breadcrumbs and a footer, some in Shift_JIS) — and :func:`expected_statements`
says what must come back. Nothing here is real: every title says SYNTHETIC, the manifest marks
every row ``synthetic=true`` and the folder's README.md says so.

The PDF form needs reportlab (a dev extra) and is skipped when it is missing. The four forms are
drawn by :mod:`futoko_research.synthetic_gallery_render`.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from futoko_research.loaders.items import strip_bullet
from futoko_research.loaders.manifest import MANIFEST_COLUMNS
from futoko_research.loaders.structured import section_cue
from futoko_research.synthetic_gallery_types import FORMATS, SYNTHETIC_NOTE, Item, Layout  # noqa: F401 (re-exported)


def T(text):  # noqa: N802 - short constructors keep the layouts readable
    return Item("title", text)


def C(text):  # noqa: N802
    return Item("cue", text)


def P(text):  # noqa: N802
    return Item("para", text)


def I(text):  # noqa: E743, N802
    return Item("item", text)


def S(text):  # noqa: N802
    return Item("step", text)


def TB(*rows):  # noqa: N802
    return Item("table", rows=tuple(tuple(r) for r in rows))


PAGE = Item("page")

GALLERY: dict[str, Layout] = {g.name: g for g in (
    Layout("leaflet_two_column", "two-column leaflet of a support centre (columns read one after the other)", (
        T("SYNTHETIC 教育支援センターのご案内"),
        C("目標・方向性"),
        P("子どもが安心して過ごせる居場所をつくり、学びの機会を確保する。"),
        I("◎ 個別の学習支援"), I("◎ 体験活動とスポーツ交流"), I("◎ 保護者の相談"),
        C("取組"),
        P("指導員が一人一人の興味に合わせて学習計画を立てている。"),
        P("月に一度、保護者向けの座談会を開いている。"),
    ), formats=("txt", "pdf", "docx", "html"), extra={"columns": 2}),
    Layout("programme_counts", "programme report with a table of yearly counts", (
        T("SYNTHETIC 不登校児童生徒支援事業の報告"),
        P("本事業では、教育支援センターと学校が連携して支援を行った。"),
        TB(("年度", "通室児童生徒数", "学校復帰数"), ("2021", "18", "5"), ("2022", "24", "7"), ("2023", "31", "9")),
        P("通室する児童生徒は三年間で増加した。"),
    )),
    Layout("flowchart_steps", "flowchart page: one fragment per line, arrows between", (
        T("SYNTHETIC 相談から支援までの流れ"),
        S("保護者や学校からの相談受付"), S("教育相談員によるアセスメント"), S("ケース会議で支援方針を決定"),
        S("支援の実施と定期的な振り返り"),
    ), formats=("txt", "pdf")),
    Layout("meeting_minutes", "meeting minutes with speaker tags", (
        T("SYNTHETIC 第2回連絡協議会 議事録"),
        I("司会：本日は不登校支援の現状について協議します"),
        I("A委員：中学校では別室登校の生徒が増えています"),
        I("B委員：教育支援センターとの情報共有を月一回にしました"),
        I("司会：次回までに事例をまとめてください"),
    ), formats=("txt", "docx", "html")),
    Layout("newsletter_web", "school newsletter web page with a menu, breadcrumbs and a footer (Shift_JIS)", (
        T("SYNTHETIC 学校だより 第3号"),
        P("二学期から校内に学びの部屋を開きました。"),
        P("教室に入りづらい生徒が、自分のペースで学習できます。"),
        I("・開室時間は午前九時から午後三時まで"),
        I("・スクールカウンセラーが毎週水曜日に来校"),
    ), formats=("html",), encoding="cp932"),
    Layout("word_case_template", "Word case template: a table of goals and outcomes", (
        T("SYNTHETIC 支援事例シート 事例1"),
        TB(("項目", "内容"), ("目標", "学習の遅れを取り戻し、自信をもって過ごせるようにする。"),
           ("取組", "週二回、指導員が個別に学習を支援した。"), ("成果", "通室日数が増え、学習への意欲が高まった。")),
    ), formats=("docx", "html")),
    Layout("ocr_scan", "scanned-style text with OCR noise (letter spacing, half-width kana, Kangxi radicals)", (
        T("SYNTHETIC 実践報告（スキャン）"),
        P("学 校 と 家 庭 が 連 携 し て 支 援 を 行 っ た 。"),
        P("ｽｸｰﾙｶｳﾝｾﾗｰによる⾯談を定期的に実施した。"),
        P("教育支援センターでは⼩集団での活動を取り入れた。"),
    ), formats=("txt",), ocr_noise=True),
    Layout("numbered_items", "numbered items without a final 。 in several numbering styles", (
        T("SYNTHETIC 令和5年度の取組の概要"),
        I("（1）関係機関との連携で登校に繋がったケース"),
        I("（2）中学校には相談室を設置"),
        I("① 家庭訪問の充実"), I("② オンライン学習の導入"),
        I("ア 学校との情報共有"), I("イ 保護者の会の開催"),
        I("1. 校内教育支援センターの開設"), I("2. 学習支援員の配置"),
    )),
    Layout("running_heads", "three pages with a running head and page numbers", (
        T("SYNTHETIC 実践事例集"),
        P("第一の事例では、不登校の初期段階で家庭訪問を行った。"), P("訪問を重ねるうちに、本人と話せるようになった。"),
        PAGE,
        P("第二の事例では、別室登校から学級へ戻る段階を支えた。"), P("担任と相談員が毎日短い面談を行った。"),
        PAGE,
        P("第三の事例では、フリースクールと学校が出席の扱いを協議した。"), P("本人の学びが出席として認められた。"),
    ), formats=("txt", "pdf"), furniture=("○○市教育委員会（SYNTHETIC）", "- {n} -")),
    Layout("headed_sections", "report with 目標・取組・成果 section headings", (
        T("SYNTHETIC 関係機関との連携による支援"),
        C("目標・方向性"), P("学校と関係機関が情報を共有し、切れ目のない支援を行う。"),
        C("取組"), P("月に一度、ケース会議を開いて支援方針を確認した。"), I("・福祉課と保健所を交えた会議"),
        C("成果"), P("半年後には週に三日登校できるようになった。"),
    )),
    Layout("bullet_mix", "bullets of several kinds (・ ○ ◎ ■ ●)", (
        T("SYNTHETIC 支援のポイント"),
        I("・小さな変化を認めて伝える"), I("○ 家庭との信頼関係を築く"), I("◎ 学びの場を複数用意する"),
        I("■ 記録を共有する"), I("● 焦らず長い目で見守る"),
    )),
    Layout("figure_references", "sentences that mention 図1 （図2） and 1.5倍 inside a line", (
        T("SYNTHETIC 調査結果の概要"),
        P("相談件数は前年度の1.5倍に増えており、その内訳は図1のとおりである。"),
        P("年齢別にみると中学生が多く（図2）、特に二年生で増えている。"),
    ), formats=("txt", "pdf", "docx")),
    Layout("annual_statistics", "a table of yearly counts of children with one sentence", (
        T("SYNTHETIC 不登校児童生徒数の推移"),
        TB(("区分", "2021年度", "2022年度", "2023年度"), ("小学校", "35", "41", "48"), ("中学校", "92", "103", "117")),
        P("小中学校とも増加が続いている。"),
    ), formats=("pdf", "docx", "html")),
)}


# --------------------------------------------------------------------------- expected statements
def expected_statements(layout: Layout, fmt: str) -> dict:
    """What a loader must read from ``layout`` written as ``fmt``.

    Returns
    -------
    dict with ``statements`` (list of [section, text], content statements in order),
    ``furniture`` (texts), ``cells`` (table cell values, row by row) and ``title``.
    """
    structured = fmt in ("docx", "html")
    section = "body"
    out: list[list[str]] = []
    cells: list[str] = []
    title = None
    for it in layout.items:
        if it.kind == "title":
            if structured:
                title = it.text
            else:
                out.append(["body", it.text])
        elif it.kind == "cue":
            if structured:
                section = section_cue(it.text) or "body"
            else:
                out.append(["body", it.text])
        elif it.kind in ("para", "item", "step"):
            out.append([section if structured else "body", strip_bullet(it.text)])
        elif it.kind == "table" and fmt != "txt":
            header = it.rows[0]
            prose_rows = structured and any(section_cue(r[0]) for r in it.rows[1:]) and any(len(c) > 15 for r in it.rows for c in r)
            for r in it.rows:
                for k, v in enumerate(r):
                    cells.append(v)
                    if prose_rows and r is not header and k > 0:
                        out.append([section_cue(r[0]) or section, v])
    n_pages = 1 + sum(1 for it in layout.items if it.kind == "page")
    furniture = []
    if fmt in ("txt", "pdf"):
        for n in range(1, n_pages + 1):
            furniture.extend(f.format(n=n) for f in layout.furniture)
    elif fmt == "docx":
        furniture.extend(f for f in layout.furniture if "{n}" not in f)
    return {"statements": out, "furniture": furniture, "cells": cells, "title": title}


# --------------------------------------------------------------------------- the gallery
def gallery_files(formats: tuple[str, ...] = FORMATS) -> list[tuple[str, str, str]]:
    """(layout name, format, file name) of every file :func:`write_gallery` writes."""
    return [(g.name, f, f"synthetic_{g.name}.{f}") for g in GALLERY.values() for f in g.formats if f in formats]


def write_gallery(out_dir: str | Path, *, formats: tuple[str, ...] = FORMATS) -> Path:
    """Write every layout in every form that applies, a manifest, ``expected.json`` and a README.

    Returns the folder. The PDF forms are left out when reportlab is not installed.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    try:
        import reportlab  # noqa: F401
    except ImportError:
        formats = tuple(f for f in formats if f != "pdf")
    expected: dict[str, dict] = {}
    rows = []
    for name, fmt, fname in gallery_files(formats):
        layout = GALLERY[name]
        path = out / fname
        from futoko_research.synthetic_gallery_render import (
            render_html,
            render_text,
            write_docx,
            write_pdf,
        )

        if fmt == "txt":
            path.write_text(render_text(layout), encoding="utf-8")
        elif fmt == "pdf":
            write_pdf(layout, path)
        elif fmt == "docx":
            write_docx(layout, path)
        else:
            path.write_bytes(render_html(layout).encode(layout.encoding))
        expected[fname] = {"layout": name, "format": fmt, **expected_statements(layout, fmt)}
        rows.append({"source_id": f"gallery_{name}_{fmt}", "path": fname, "fiscal_year": "", "region": "",
                     "publisher": "futoko_research.synthetic_gallery (SYNTHETIC)", "source_url": "",
                     "layout": "auto", "encoding": "auto", "notes": f"{SYNTHETIC_NOTE}: {layout.description}",
                     "personal_data": "none", "synthetic": "true"})
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*MANIFEST_COLUMNS, "personal_data", "synthetic"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / "manifest.csv").write_text(buf.getvalue(), encoding="utf-8")
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        "# SYNTHETIC layout gallery\n\nEvery file here is SYNTHETIC, generated by "
        "`futoko_research.synthetic_gallery.write_gallery`; none is a real report. `expected.json` "
        "lists, per file, the statements, furniture and table cells a loader must read.\n", encoding="utf-8")
    return out

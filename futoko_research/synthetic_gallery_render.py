"""The four forms of a :class:`~futoko_research.synthetic_gallery.Layout` (SYNTHETIC): text, PDF,
Word and web page. See :mod:`futoko_research.synthetic_gallery`."""

from __future__ import annotations

import html as html_lib
import io
from pathlib import Path

from futoko_research.loaders.items import starts_item
from futoko_research.synthetic_gallery_types import SYNTHETIC_NOTE, Layout

WRAP = 34  # characters per line of the text and PDF forms


# --------------------------------------------------------------------------- text
def wrap(text: str, width: int = WRAP) -> list[str]:
    """Hard-wrap ``text``; no continuation line starts with an item marker or 、。."""
    lines, i = [], 0
    while i < len(text):
        j = min(i + width, len(text))
        while j < len(text) and j - i > 1 and (text[j] in "、。" or starts_item(text[j:])):
            j -= 1
        lines.append(text[i:j])
        i = j
    return lines


def _blocks(layout: Layout, *, tables: bool, width: int = WRAP) -> list[list[list[str]]]:
    """Pages → blocks → physical lines (text and PDF forms), wrapped at ``width`` characters."""
    pages: list[list[list[str]]] = [[]]
    prev = None
    for it in layout.items:
        if it.kind == "page":
            pages.append([])
        elif it.kind == "step":
            if prev == "step":
                pages[-1].append(["↓"])
            pages[-1].append(wrap(it.text, width))
        elif it.kind == "item":
            pages[-1].append([it.text])
        elif it.kind == "table":
            if tables:
                pages[-1].append(["\t".join(r) for r in it.rows])
        else:
            pages[-1].append(wrap(it.text, width))
        prev = it.kind
    return pages


def render_text(layout: Layout) -> str:
    """The text form: blocks separated by two blank lines, items on consecutive lines."""
    pages = []
    for n, blocks in enumerate(_blocks(layout, tables=False), start=1):
        out: list[str] = [layout.furniture[0]] if layout.furniture else []
        prev_item = False
        for block in blocks:
            is_item = len(block) == 1 and starts_item(block[0])
            if out and not (is_item and prev_item):
                out.extend(["", ""])
            out.extend(block)
            prev_item = is_item
        for f in layout.furniture[1:]:
            out.extend(["", "", f.format(n=n)])
        pages.append("\n".join(out) + "\n")
    return "\f".join(pages)


# --------------------------------------------------------------------------- PDF
def write_pdf(layout: Layout, path: Path) -> None:
    """The PDF form (reportlab): one line per row, a blank row between blocks, ruled tables."""
    import matplotlib_fontja
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "IPAexGothicGallery"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf")))
    w, h = A4
    lead = 11.0 * 1.6
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setSubject(SYNTHETIC_NOTE)
    two = layout.extra.get("columns") == 2
    colw = (w - 120 - 24) / 2
    for n, blocks in enumerate(_blocks(layout, tables=True, width=18 if two else WRAP), start=1):
        if layout.furniture:
            c.setFont(font, 9)
            c.drawString(60, h - 30, layout.furniture[0])
            for f in layout.furniture[1:]:
                c.drawCentredString(w / 2, 24, f.format(n=n))
        if two:  # the title across the page, then half of the lines in each column
            _draw_blocks(c, font, blocks[:1], 60, 90.0, w, h)
            body = blocks[1:]
            total, k, count = sum(len(b) for b in body), 0, 0
            while k < len(body) and count + len(body[k]) <= total / 2 + 1:
                count += len(body[k])
                k += 1
            _draw_blocks(c, font, body[:k], 60, 90.0 + 3 * lead, w, h)
            _draw_blocks(c, font, body[k:], 60 + colw + 24, 90.0 + 3 * lead, w, h)
        else:
            _draw_blocks(c, font, blocks, 60, 90.0, w, h)
        c.showPage()
    c.save()


def _draw_blocks(c, font: str, blocks: list[list[str]], x: float, top0: float, w: float, h: float) -> None:
    """Draw blocks top-down from ``top0`` at ``x``: a blank row between blocks (none between
    consecutive items), tables as ruled grids across the page."""
    size, lead = 11.0, 11.0 * 1.6
    top = top0
    prev_item = False
    for block in blocks:
        is_item = len(block) == 1 and starts_item(block[0])
        if top > top0 and not (is_item and prev_item):
            top += lead
        prev_item = is_item
        if block and "\t" in block[0]:
            rows = [r.split("\t") for r in block]
            cw = (w - 120) / len(rows[0])
            xs = [60 + k * cw for k in range(len(rows[0]) + 1)]
            ys = [h - top - k * lead * 1.2 for k in range(len(rows) + 1)]
            c.grid(xs, ys)
            c.setFont(font, size)
            for i, r in enumerate(rows):
                for k, v in enumerate(r):
                    c.drawString(xs[k] + 4, ys[i] - lead * 0.9, v)
            top += lead * 1.2 * len(rows)
            continue
        for line in block:
            c.setFont(font, size)
            c.drawString(x, h - top - 0.88 * size, line)
            top += lead


# --------------------------------------------------------------------------- Word
def write_docx(layout: Layout, path: Path) -> None:
    """The Word form: Title / Heading 2 styles, list styles for items, tables, header part."""
    import docx

    d = docx.Document()
    d.core_properties.comments = SYNTHETIC_NOTE
    heads = [f for f in layout.furniture if "{n}" not in f]
    if heads:
        d.sections[0].header.paragraphs[0].text = heads[0]
    for it in layout.items:
        if it.kind == "title":
            d.add_heading(it.text, level=1)
        elif it.kind == "cue":
            d.add_heading(it.text, level=2)
        elif it.kind == "item":
            d.add_paragraph(it.text, style="List Paragraph")
        elif it.kind in ("para", "step"):
            d.add_paragraph(it.text)
        elif it.kind == "table":
            t = d.add_table(rows=len(it.rows), cols=len(it.rows[0]))
            for i, r in enumerate(it.rows):
                for k, v in enumerate(r):
                    t.cell(i, k).text = v
        elif it.kind == "page":
            d.add_page_break()
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------- web page
def render_html(layout: Layout) -> str:
    """The web-page form: a menu, breadcrumbs, the article, a footer."""
    e = html_lib.escape
    charset = "Shift_JIS" if layout.encoding == "cp932" else "utf-8"
    body: list[str] = []
    items: list[str] = []

    def close_list():
        if items:
            body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>")
            items.clear()

    for it in layout.items:
        if it.kind == "item":
            items.append(it.text)
            continue
        close_list()
        if it.kind == "title":
            body.append(f"<h1>{e(it.text)}</h1>")
        elif it.kind == "cue":
            body.append(f"<h2>{e(it.text)}</h2>")
        elif it.kind in ("para", "step"):
            body.append(f"<p>{e(it.text)}</p>")
        elif it.kind == "table":
            head = "".join(f"<th>{e(v)}</th>" for v in it.rows[0])
            rows = "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in r) + "</tr>" for r in it.rows[1:])
            body.append(f"<table><tr>{head}</tr>{rows}</table>")
    close_list()
    return (
        f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="{charset}"><title>{e(layout.items[0].text)}</title>'
        f'<meta name="description" content="{e(SYNTHETIC_NOTE)}"></head><body>\n'
        '<header><nav><ul><li><a href="/">ホーム</a></li><li><a href="/about">教育委員会の紹介</a></li>'
        '<li><a href="/news">お知らせ一覧</a></li><li><a href="/contact">お問い合わせ</a></li></ul></nav></header>\n'
        '<div class="breadcrumb"><a href="/">トップページ</a> &gt; <a href="/school">学校教育</a></div>\n'
        "<main><article>\n" + "\n".join(body) + "\n</article></main>\n"
        "<footer><p>このページに関するお問い合わせは学校教育課まで</p><p>Copyright (c) SYNTHETIC City Board of Education</p></footer>\n"
        "</body></html>\n"
    )

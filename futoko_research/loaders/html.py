"""Web pages (.html / .htm saved from a board's site) → :class:`~futoko_research.loaders.blocks.SourceRead`.

Steps
-----
1. **Encoding.** The manifest's ``encoding`` when it names one; else the page's own declaration
   (``<meta charset="Shift_JIS">`` or ``<meta http-equiv="Content-Type" content="…;
   charset=…">`` in the first 4 KB; Shift_JIS is read as its superset cp932); else detection
   (:func:`~futoko_research.loaders.decode.decode_bytes`). The bytes are decoded here, before
   any extraction, so the extractor never guesses.
2. **Main text** with trafilatura (tables kept, links and formatting dropped, recall favoured,
   no minimum length): its headings, paragraphs, list items and tables become
   :class:`~futoko_research.loaders.structured.Element` objects read like a Word file's.
   Provenance: ``line_start`` is the block's position in the main text and ``locator`` its
   path there (``main/p[3]``, ``main/list[1]/item[2]``, ``main/table[1]r2c1``).
3. **Navigation left in the main text** is taken out: a block that is only the text of the page's
   links (a menu entry; breadcrumbs 「トップ > 学校教育 > …」 whose last crumb need not be a link)
   or that starts like a footer (Copyright, ©, 〒, TEL, ページの先頭へ …).
4. **Boilerplate.** The page's visible text (``<body>`` without scripts, styles and templates)
   is cut into the text of its block elements, in document order; a block whose text is not
   found, in order, in the main text is boilerplate (menus, breadcrumbs, footers) and is listed
   in the ingest report's ``boilerplate`` column, never silently lost.

A page whose main text is empty (only menus and links) raises
:class:`~futoko_research.errors.ReportParseError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from futoko_research.errors import ReportParseError
from futoko_research.loaders.blocks import SourceRead
from futoko_research.loaders.decode import decode_bytes
from futoko_research.loaders.normalize import squash
from futoko_research.loaders.structured import Element, parse_elements

LAYOUT = "html"
RE_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
CHARSET_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
                   "windows-31j": "cp932", "ms932": "cp932", "euc-jp": "euc-jp", "utf-8": "utf-8", "utf8": "utf-8"}
#: block-level elements: the text inside one of them is one block of the visible text
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", "caption", "option", "button",
}
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "title", "svg")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB (normalised), or None."""
    m = RE_META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return CHARSET_ALIASES.get(name, name)


def decode_html(data: bytes, *, encoding: str = "auto", path: str | Path = "<html>") -> tuple[str, str]:
    """Decode a page's bytes: the manifest's encoding, else the meta charset, else detection."""
    if encoding == "auto":
        declared = declared_charset(data)
        if declared is not None:
            try:
                return decode_bytes(data, encoding=declared, path=path)
            except (ValueError, ReportParseError):
                pass
    return decode_bytes(data, encoding=encoding, path=path)


def visible_blocks(html: str) -> list[str]:
    """The visible text of a page, one string per block element, in document order."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for bad in root.xpath("|".join(f"//{t}" for t in INVISIBLE_TAGS)):
        bad.drop_tree()
    blocks: list[list[str]] = []

    def new_block() -> list[str]:
        blocks.append([])
        return blocks[-1]

    def is_block(el) -> bool:
        return isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS

    def walk(el, sink: list[str]) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        if is_block(el):
            sink = new_block()
        if el.text:
            sink.append(el.text)
        for child in el:
            walk(child, sink)
            if is_block(child):  # text after a nested block is a block of its own
                sink = new_block()
            if child.tail:
                sink.append(child.tail)

    body = root.find("body")
    walk(body if body is not None else root, new_block())
    return ["".join(b).strip() for b in blocks if "".join(b).strip()]


def _text(el) -> str:
    """An element's text with each line break (trafilatura's ``<lb/>``, from ``<br>``) as ``\\n``."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def main_elements(html: str) -> list[Element]:
    """trafilatura's main text of a page as elements (see the module docstring)."""
    import trafilatura
    from lxml import etree
    from trafilatura.settings import use_config

    cfg = use_config()
    for key in ("MIN_EXTRACTED_SIZE", "MIN_OUTPUT_SIZE", "MIN_EXTRACTED_COMM_SIZE", "MIN_OUTPUT_COMM_SIZE"):
        cfg.set("DEFAULT", key, "1")
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    xml = trafilatura.extract(
        html, output_format="xml", include_tables=True, include_comments=False, include_links=False,
        include_formatting=False, include_images=False, favor_recall=True, deduplicate=False, config=cfg,
    )
    if not xml:
        return []
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    if main is None:
        return []
    elements: list[Element] = []
    counts: dict[str, int] = {}

    def add(el, path: str) -> None:
        tag = el.tag
        if tag == "list":
            for k, item in enumerate(el.findall("item"), start=1):
                add_item(item, f"{path}/item[{k}]")
        elif tag == "table":
            rows = [[_text(c).strip() for c in row.findall("cell")] for row in el.findall("row")]
            elements.append(Element("table", len(elements) + 1, path, rows=rows))
        elif tag == "head":
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            elements.append(Element("heading", len(elements) + 1, path, text=_text(el), level=level))
        else:
            elements.append(Element("paragraph", len(elements) + 1, path, text=_text(el)))

    def add_item(item, path: str) -> None:
        nested = item.findall("list")
        if not nested:
            elements.append(Element("paragraph", len(elements) + 1, path, text=_text(item)))
            return
        own = (item.text or "") + "".join((c.tail or "") for c in item)
        if own.strip():
            elements.append(Element("paragraph", len(elements) + 1, path, text=own))
        for k, sub in enumerate(nested, start=1):
            add(sub, f"{path}/list[{k}]")

    for el in main:
        counts[el.tag] = counts.get(el.tag, 0) + 1
        add(el, f"main/{el.tag}[{counts[el.tag]}]")
    return elements


#: a main-text block that starts like a page footer is boilerplate (trafilatura sometimes keeps
#: the footer of a page whose article ends in it)
RE_FOOTER_START = re.compile(
    r"^\s*(?:copyright|©|\(c\)|（c）|〒\s*\d|tel[\s.:：]|fax[\s.:：]|電話[\s:：]|ページの先頭|このページの先頭|ページトップ|"
    r"このページに関するお問い合わせ|お問い合わせ先[:：]?$|Adobe Reader|Acrobat Reader)",
    re.IGNORECASE,
)
RE_CRUMB_SEP = re.compile(r"\s*[>＞›»|｜]\s*")


def link_texts(html: str) -> set[str]:
    """The texts (whitespace removed) of the page's links."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    return {squash(a.text_content()) for a in root.iter("a") if squash(a.text_content())}


def is_navigation(text: str, links: set[str]) -> bool:
    """A block that is only link texts (a menu entry, 「トップ > 学校教育 > 本ページ」 breadcrumbs:
    the last crumb need not be a link) or that starts like a page footer."""
    if RE_FOOTER_START.match(text):
        return True
    parts = [squash(p) for p in RE_CRUMB_SEP.split(text) if squash(p)]
    if not parts:
        return False
    if len(parts) == 1:
        return parts[0] in links
    return all(p in links for p in parts[:-1])


def boilerplate_of(blocks: list[str], elements: list[Element]) -> list[str]:
    """The visible blocks not found, in order, in the main text."""
    parts = []
    for el in elements:
        parts.append(el.text if el.kind != "table" else "".join(c for row in el.rows for c in row))
    main = squash("".join(parts))
    out, cursor = [], 0
    for block in blocks:
        key = squash(block)
        pos = main.find(key, cursor)
        if pos < 0:
            out.append(block)
        else:
            cursor = pos + len(key)
    return out


def read_html(
    path: str | Path, *, encoding: str = "auto", pseudonymize_fn: Callable[[str], str] | None = None
) -> SourceRead:
    """Read a saved web page (see the module docstring).

    Raises
    ------
    ReportParseError : empty or binary file, undecodable bytes, no main text.
    """
    path = Path(path)
    html, used = decode_html(path.read_bytes(), encoding=encoding, path=path)
    if pseudonymize_fn is not None:
        html = pseudonymize_fn(html)
    try:
        blocks = visible_blocks(html)
    except Exception as exc:  # lxml refuses documents it cannot parse at all
        raise ReportParseError(path, f"not a readable HTML page ({type(exc).__name__})") from None
    links = link_texts(html)
    elements = [e for e in main_elements(html) if e.kind == "table" or not is_navigation(e.text, links)]
    if not any((e.text.strip() if e.kind != "table" else e.rows) for e in elements):
        raise ReportParseError(path, "web page has no main text (only menus, links or boilerplate)")
    cases, lines, cells = parse_elements(elements, layout=LAYOUT)
    boiler = boilerplate_of(blocks, elements)
    n_chars = sum(len(re.sub(r"\s", "", b)) for b in blocks)
    warnings = [] if used in ("utf-8", "utf-8-sig") else [f"decoded as {used}"]
    return SourceRead("html", "main_text", cases, lines, n_chars, None, cells, boiler, warnings)

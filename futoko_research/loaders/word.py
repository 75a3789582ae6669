"""Word reports (.docx) → :class:`~futoko_research.loaders.blocks.SourceRead`, with python-docx.

The body's paragraphs and tables are read in document order
(:mod:`~futoko_research.loaders.structured` turns them into cases). Provenance: ``line_start``
is the block's 1-based position in the body (paragraphs and tables counted together);
``locator`` is ``p<n>`` (n-th paragraph) or ``t<k>r<i>c<j>`` (table k, row i, cell j).

- Headings: paragraph styles ``Title``, ``Heading 1`` … ``Heading 9`` and their Japanese names
  (``表題``, ``見出し 1`` …); Title and level 1 are level 1.
- Running heads and feet (the sections' header and footer parts) are page furniture: kept as
  ``furniture`` statements of the first case.
- Bad files raise :class:`~futoko_research.errors.ReportParseError` with one line: not a .docx
  (a password-protected Word file is an encrypted OLE container, as is an old .doc), a corrupt
  or truncated file, a file without text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from futoko_research.errors import ReportParseError
from futoko_research.loaders.blocks import Block, Line, SourceRead
from futoko_research.loaders.normalize import clean_line
from futoko_research.loaders.structured import Element, parse_elements

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RE_HEADING = re.compile(r"^(?:Heading|見出し)\s*(\d)$")
LAYOUT = "docx"


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    head = path.read_bytes()[:8]
    if head == OLE_MAGIC:
        raise ReportParseError(path, "password-protected (encrypted) Word file or old .doc format; save it as an unprotected .docx")
    if not head.startswith(b"PK"):
        raise ReportParseError(path, "not a Word .docx file (no zip container)")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportParseError(path, f"corrupt or truncated .docx ({type(exc).__name__})") from None
    except Exception as exc:  # lxml and zip errors of damaged files
        raise ReportParseError(path, f"corrupt .docx ({type(exc).__name__}: {exc})") from None


def _level(style_name: str | None) -> int:
    if not style_name:
        return 0
    if style_name in ("Title", "表題"):
        return 1
    m = RE_HEADING.match(style_name)
    return int(m.group(1)) if m else 0


def _cell_text(tc, paragraph_cls) -> str:
    return "\n".join(paragraph_cls(p, None).text for p in tc.iterchildren() if p.tag.endswith("}p"))


def docx_elements(document, pseudonymize_fn: Callable[[str], str] | None = None) -> tuple[list[Element], int]:
    """The body of a python-docx ``Document`` as elements, and the body's non-space characters."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    fix = pseudonymize_fn or (lambda s: s)
    elements: list[Element] = []
    n_chars = 0
    n_par = n_tab = 0
    for k, child in enumerate(document.element.body.iterchildren(), start=1):
        if child.tag == qn("w:p"):
            n_par += 1
            para = Paragraph(child, document)
            text = fix(para.text)
            n_chars += len(re.sub(r"\s", "", text))
            style = para.style.name if para.style is not None else None
            level = _level(style)
            kind = "heading" if level else "paragraph"
            elements.append(Element(kind, k, f"p{n_par}", text=text, level=level))
        elif child.tag == qn("w:tbl"):
            n_tab += 1
            rows = []
            for tr in child.iterchildren(qn("w:tr")):
                row = [fix(_cell_text(tc, Paragraph)) for tc in tr.iterchildren(qn("w:tc"))]
                n_chars += sum(len(re.sub(r"\s", "", c)) for c in row)
                rows.append(row)
            elements.append(Element("table", k, f"t{n_tab}", rows=rows))
    return elements, n_chars


def read_docx(path: str | Path, *, pseudonymize_fn: Callable[[str], str] | None = None) -> SourceRead:
    """Read a .docx report (see the module docstring).

    Raises
    ------
    ReportParseError : not a .docx, password-protected, corrupt, or no text.
    """
    path = Path(path)
    document = _open(path)
    elements, n_chars = docx_elements(document, pseudonymize_fn)
    fix = pseudonymize_fn or (lambda s: s)
    furniture: list[Line] = []
    seen: set[str] = set()
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            for k, para in enumerate(part.paragraphs, start=1):
                text = fix(para.text)
                if text.strip() and text not in seen:
                    seen.add(text)
                    n_chars += len(re.sub(r"\s", "", text))
                    furniture.append(Line(0, text, clean_line(text), 1, 0, False, None, f"header_footer/p{k}"))
    cases, lines, cells = parse_elements(elements, layout=LAYOUT)
    if not cases or not (any(c.blocks for c in cases) or cells):
        raise ReportParseError(path, "Word file has no text")
    for ln in furniture:
        cases[0].blocks.append(Block("furniture", [ln], ln.text))
    layout = "headings" if any(c.title for c in cases) or any(e.kind == "heading" for e in elements) else "paragraphs"
    return SourceRead("docx", layout, cases, lines + furniture, n_chars, None, cells)

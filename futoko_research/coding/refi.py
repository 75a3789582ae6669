"""REFI-QDA export: the codebook as a .qdc file and the coded statements as a .qdpx project.

A researcher opens them in MAXQDA, NVivo, ATLAS.ti (or QDA Miner, Quirkos …) to check the
rule coding. Output is deterministic: GUIDs are ``uuid5`` of a fixed namespace and a stable
name (code key, case id, statement id + span), zip entries are sorted with a fixed timestamp
(1980-01-01), and no creation dates are written.

Notes
-----
- Codes are grouped under one non-codable parent code per category (intervention, outcome,
  other); the parent's GUID derives from the category name.
- One text source per case: the case's statements in input order, one per line (LF), so a
  statement's offsets are shifted by the length of the lines before it. Positions are
  character (Unicode code point) offsets, as the standard asks for plain text.
- Each coded span becomes a ``PlainTextSelection`` with one ``Coding``; its description holds
  the rule id and statement id.

References
----------
REFI-QDA Standard, Codebook 1.0 and Project 1.0 (https://www.qdasoftware.org).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from futoko_research.coding.codebook import CATEGORIES, Codebook, resolve_codebook

NAMESPACE = uuid.UUID("6f8a3c52-2f0d-5b7e-9a8e-0c6d1f2b7a41")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DEFAULT_COLORS = {"intervention": "#1F77B4", "outcome": "#D62728", "other": "#7F7F7F"}
CATEGORY_LABELS = {"intervention": "支援・取組 (intervention)", "outcome": "成果 (outcome)", "other": "その他 (other)"}


def guid(*parts: object) -> str:
    """A deterministic GUID (uuid5) for the given name parts."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


def _color(value: str | None, category: str) -> str:
    v = (value or DEFAULT_COLORS.get(category, "#7F7F7F")).strip()
    return v.upper() if v.startswith("#") and len(v) == 7 else DEFAULT_COLORS.get(category, "#7F7F7F")


def _codes_xml(codebook: Codebook, indent: str = "    ") -> str:
    lines = [f"{indent}<Codes>"]
    for category in CATEGORIES:
        members = [c for c in codebook.values() if c.category == category]
        if not members:
            continue
        lines.append(f'{indent}  <Code guid="{guid("category", category)}" name={quoteattr(CATEGORY_LABELS[category])} '
                     f'isCodable="false" color="{DEFAULT_COLORS[category]}">')
        for code in members:
            name = f"{code.label_ja} ({code.key})"
            desc = f"{code.definition}\n[{code.label_en}; key={code.key}; category={code.category}]"
            lines.append(f'{indent}    <Code guid="{guid("code", code.key)}" name={quoteattr(name)} isCodable="true" '
                         f'color="{_color(code.color, code.category)}">')
            lines.append(f"{indent}      <Description>{escape(desc)}</Description>")
            lines.append(f"{indent}    </Code>")
        lines.append(f"{indent}  </Code>")
    lines.append(f"{indent}</Codes>")
    return "\n".join(lines)


def codebook_qdc_xml(codebook: Codebook) -> str:
    """The codebook as REFI-QDA Codebook XML (``urn:QDA-XML:codebook:1.0``)."""
    origin = f"futoko_research codebook {codebook.name} {codebook.version}"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin={quoteattr(origin)}>\n'
        f"{_codes_xml(codebook, indent='  ')}\n"
        "</CodeBook>\n"
    )


def write_qdc(codebook=None, path: str | Path = "codebook.qdc") -> Path:
    """Write the codebook as a REFI-QDA codebook file (.qdc), atomically."""
    from futoko_research.io import atomic_write_text

    path = Path(path)
    atomic_write_text(path, codebook_qdc_xml(resolve_codebook(codebook)))
    return path


def _case_sources(statements: pd.DataFrame) -> list[tuple[str, str, dict[str, int]]]:
    """(case_id, plain text, statement_id → offset of its line) per case, in first-seen order."""
    out = []
    for case_id, sub in statements.groupby("case_id", sort=False, observed=True):
        offsets: dict[str, int] = {}
        parts: list[str] = []
        pos = 0
        for sid, text in sub[["statement_id", "text"]].itertuples(index=False):
            t = "" if pd.isna(text) else str(text).replace("\r", " ").replace("\n", " ")
            offsets[str(sid)] = pos
            parts.append(t)
            pos += len(t) + 1
        out.append((str(case_id), "\n".join(parts) + "\n", offsets))
    return out


def project_qde_xml(codes: pd.DataFrame, statements: pd.DataFrame, codebook: Codebook, *,
                    cases: pd.DataFrame | None = None, user: str = "futoko_research rules") -> tuple[str, dict[str, str]]:
    """The project XML (``urn:QDA-XML:project:1.0``) and the source texts.

    Returns
    -------
    (xml, sources) : ``sources`` maps the zip member name (``sources/<guid>.txt``) to its text.
    """
    user_guid = guid("user", user)
    names = {}
    if cases is not None and "municipality" in cases.columns:
        names = {str(c): (f"{c} {m}" if isinstance(m, str) else str(c)) for c, m in zip(cases["case_id"], cases["municipality"])}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<Project xmlns="urn:QDA-XML:project:1.0" name={quoteattr("futoko_research " + codebook.name)} '
        f'origin={quoteattr("futoko_research codebook " + codebook.version)} creatingUserGUID="{user_guid}">',
        "  <Users>",
        f'    <User guid="{user_guid}" name={quoteattr(user)}/>',
        "  </Users>",
        "  <CodeBook>",
        _codes_xml(codebook, indent="    "),
        "  </CodeBook>",
    ]
    sources: dict[str, str] = {}
    src_lines = ["  <Sources>"]
    case_lines = ["  <Cases>"]
    by_statement = {str(s): g for s, g in codes.groupby("statement_id", sort=False, observed=True)} if not codes.empty else {}
    for case_id, text, offsets in _case_sources(statements):
        sguid = guid("source", case_id)
        member = f"sources/{sguid}.txt"
        sources[member] = text
        src_lines.append(f'    <TextSource guid="{sguid}" name={quoteattr(names.get(case_id, case_id))} '
                         f'plainTextPath="internal://{sguid}.txt" creatingUser="{user_guid}">')
        for sid, base in offsets.items():
            g = by_statement.get(sid)
            if g is None:
                continue
            for r in g.itertuples(index=False):
                s, e = base + int(r.start_char), base + int(r.end_char)
                sel = guid("selection", sid, r.code, int(r.start_char), int(r.end_char))
                # the selection is named by the text it selects: a rule's evidence is that text, a
                # model row's evidence lists several n-gram spans (the strongest is selected)
                about = f"rule {r.rule_id}; statement {sid}"
                if str(r.evidence) != text[s:e]:
                    about += f"; evidence {r.evidence}"
                src_lines.append(f'      <PlainTextSelection guid="{sel}" name={quoteattr(text[s:e])} '
                                 f'startPosition="{s}" endPosition="{e}" creatingUser="{user_guid}">')
                src_lines.append(f"        <Description>{escape(about)}</Description>")
                src_lines.append(f'        <Coding guid="{guid("coding", sel)}" creatingUser="{user_guid}">')
                src_lines.append(f'          <CodeRef targetGUID="{guid("code", str(r.code))}"/>')
                src_lines.append("        </Coding>")
                src_lines.append("      </PlainTextSelection>")
        src_lines.append("    </TextSource>")
        case_lines.append(f'    <Case guid="{guid("case", case_id)}" name={quoteattr(names.get(case_id, case_id))}>')
        case_lines.append(f'      <SourceRef targetGUID="{sguid}"/>')
        case_lines.append("    </Case>")
    case_lines.append("  </Cases>")
    src_lines.append("  </Sources>")
    lines += case_lines + src_lines + ["</Project>", ""]
    return "\n".join(lines), sources


def write_qdpx(codes: pd.DataFrame, statements: pd.DataFrame, path: str | Path = "project.qdpx", *,
               codebook=None, cases: pd.DataFrame | None = None) -> Path:
    """Write the coded statements as a REFI-QDA project (.qdpx zip: project.qde + sources/).

    Byte-identical on a rerun with the same inputs (deterministic GUIDs, sorted entries,
    fixed timestamps). Written atomically.
    """
    from futoko_research.io import atomic_dir

    cb = resolve_codebook(codebook)
    xml, sources = project_qde_xml(codes, statements, cb, cases=cases)
    path = Path(path)
    members = {"project.qde": xml, **sources}
    with atomic_dir(path.parent) as tmp:
        with zipfile.ZipFile(tmp / path.name, "w") as zf:
            for name in sorted(members):
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3
                zf.writestr(info, members[name].encode("utf-8"))
    return path

"""Loaders: raw report bytes → decoded text → parsed blocks → tidy tables.

Modules
-------
decode      bytes → str (encoding detection, newline normalisation)
normalize   line joining, letter-spacing repair, NFKC with offsets
case_sheet  parser of the board-of-education case-sheet layout
generic     fallback parser for reports in free layout
pdf         PDF reports read from page geometry (pdfplumber); see docs/pdf.md
manifest    data/raw/manifest.csv reading and validation
reports     load_reports(): manifest → cases, statements, checkboxes
"""

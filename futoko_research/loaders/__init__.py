"""Loaders: raw report bytes → decoded text → parsed blocks → tidy tables.

Modules
-------
decode      bytes → str (encoding detection, newline normalisation)
normalize   line joining, letter-spacing repair, NFKC with offsets
case_sheet  parser of the board-of-education case-sheet layout
generic     fallback parser for reports in free layout
pdf         PDF reports read from page geometry (pdfplumber); see docs/pdf.md
word        Word reports (.docx, python-docx)
html        web pages (.html/.htm: meta charset, trafilatura main text, boilerplate)
structured  headings / paragraphs / tables of Word files and web pages → cases, table cells
items       item markers that start a statement (（1） 1. ① ア ・ …)
furniture   page numbers and running heads kept apart (section ``furniture``)
ingest_report  the per-source ingest report and the ``source_tables`` rows
manifest    data/raw/manifest.csv reading and validation
reports     load_reports() / ingest_sources(): manifest → cases, statements, checkboxes
            (+ source_tables, ingest_report)
"""

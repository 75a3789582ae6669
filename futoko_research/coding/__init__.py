"""Qualitative coding: a YAML codebook, a rule coder that shows its evidence, summaries,
REFI-QDA export, and agreement with human coders.

Entry points (imported lazily, so ``import futoko_research.coding`` stays cheap):

- :func:`load_codebook`, :func:`code_statements`, :func:`write_codes`, :func:`rule_report`;
  :func:`map_code_statements` — ``code_statements`` through a runner (:mod:`futoko_research.backends`)
- summaries: :func:`code_frequencies`, :func:`crosstab_codes`, :func:`case_code_matrix`,
  :func:`cooccurrence`, :func:`kwic`, :func:`document_code_matrix`, :func:`write_document_code_matrix`
- REFI-QDA: :func:`write_qdc`, :func:`write_qdpx`
- human coders: :func:`coding_sheet`, :func:`write_coding_sheet`, :func:`read_coding_sheet`,
  :func:`percent_agreement`, :func:`cohen_kappa`, :func:`krippendorff_alpha`,
  :func:`reliability`, :func:`rule_vs_human`
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "codebook": ("load_codebook", "parse_codebook", "Codebook", "Code", "Rule", "Context", "codebook_table"),
    "rules": ("code_statements", "write_codes", "rule_report", "case_codes", "compute_tokens",
              "statement_code_sets", "ZeroHitWarning", "map_code_statements", "CodingWork"),
    "summaries": ("code_frequencies", "crosstab_codes", "case_code_matrix", "cooccurrence",
                  "cooccurrence_matrix", "kwic", "document_code_matrix", "write_document_code_matrix",
                  "CrosstabResult"),
    "refi": ("write_qdc", "write_qdpx", "codebook_qdc_xml", "project_qde_xml"),
    "agreement": ("coding_sheet", "write_coding_sheet", "read_coding_sheet", "percent_agreement",
                  "cohen_kappa", "krippendorff_alpha", "reliability", "rule_vs_human", "CodingSheetError"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        module = importlib.import_module(f"futoko_research.coding.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'futoko_research.coding' has no attribute {name!r}")


def __dir__():
    return __all__

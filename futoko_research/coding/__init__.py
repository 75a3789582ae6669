"""Qualitative coding: a YAML codebook, a rule coder that shows its evidence, summaries,
REFI-QDA export, and agreement with human coders.

Entry points (imported lazily, so ``import futoko_research.coding`` stays cheap):

- :func:`load_codebook`, :func:`resolve_codebook`, :func:`code_statements`, :func:`write_codes`,
  :func:`rule_report`
  :func:`map_code_statements` — ``code_statements`` through a runner (:mod:`futoko_research.backends`)
- summaries: :func:`code_frequencies`, :func:`crosstab_codes`, :func:`case_code_matrix`,
  :func:`code_cooccurrence`, :func:`evidence_in_context`, :func:`document_code_matrix`,
  :func:`write_document_code_matrix`
- REFI-QDA: :func:`write_qdc`, :func:`write_qdpx`
- human coders: :func:`coding_sheet`, :func:`write_coding_sheet`, :func:`read_coding_sheet`,
  :func:`percent_agreement`, :func:`cohen_kappa`, :func:`krippendorff_alpha`,
  :func:`reliability`, :func:`rule_vs_human` (with ``intervals=True``: Wilson and bootstrap
  intervals), :func:`find_coding_sheets`
- the statistical layer and the hybrid coder: ``code_statements(..., method="hybrid")``,
  :data:`DEFAULT_METHOD`, :class:`CoderModel`, :func:`fit_coder_model`, :func:`load_model`,
  :func:`save_model`, :func:`train_coder`, :func:`training_table`, :func:`build_coder_model`
- the development corpus and honest scores: :func:`load_validation`, :func:`gold_labels`,
  :func:`label_matrix`, :func:`source_folds`, :func:`cross_validated_model`,
  :func:`score_codes`, :func:`bootstrap_scores`, :func:`paired_difference`, :func:`human_ceiling`
- review: :func:`review_table`, :func:`write_review_sheet` (statements ranked for a person)
  :func:`read_sheet_statements`

``kwic`` and ``cooccurrence`` are deprecated aliases of :func:`evidence_in_context` and
:func:`code_cooccurrence` (their names collided with :func:`futoko_research.features.kwic` and
:func:`futoko_research.features.cooccurrence`, which take the tokens table).
"""

from __future__ import annotations

import importlib

from futoko_research.deprecation import warn_deprecated

_EXPORTS = {
    "codebook": ("load_codebook", "parse_codebook", "resolve_codebook", "Codebook", "Code", "Rule", "Context",
                 "codebook_table"),
    "rules": ("code_statements", "write_codes", "compute_tokens", "map_code_statements", "CodingWork"),
    "report": ("rule_report", "case_codes", "statement_code_sets", "ZeroHitWarning"),
    "summaries": ("code_frequencies", "crosstab_codes", "case_code_matrix", "document_code_matrix",
                  "write_document_code_matrix", "CrosstabResult"),
    "code_pairs": ("code_cooccurrence", "cooccurrence_matrix"),
    "evidence": ("evidence_in_context",),
    "refi": ("write_qdc", "write_qdpx", "codebook_qdc_xml", "project_qde_xml"),
    "hybrid": ("DEFAULT_METHOD", "METHODS"),
    "model": ("CoderModel", "fit_coder_model"),
    "model_io": ("load_model", "save_model", "SHIPPED_MODEL"),
    "training": ("train_coder", "training_table", "build_coder_model", "synthetic_rows"),
    "validation": ("load_validation", "gold_labels", "label_matrix"),
    "evaluation": ("source_folds", "cross_validated_model", "score_codes", "bootstrap_scores", "paired_difference", "human_ceiling"),
    "review": ("review_table", "write_review_sheet"),
    "agreement": ("coding_sheet", "write_coding_sheet", "read_coding_sheet", "read_sheet_statements", "percent_agreement",
                  "cohen_kappa", "krippendorff_alpha", "reliability", "rule_vs_human", "CodingSheetError",
                  "find_coding_sheets", "HUMAN_CODES_PATTERN"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
#: deprecated name → its new name (kept for one release)
_RENAMED = {"kwic": "evidence_in_context", "cooccurrence": "code_cooccurrence"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _RENAMED:
        new = _RENAMED[name]
        warn_deprecated(f"futoko_research.coding.{name}", f"futoko_research.coding.{new}")
        name = new
    if name in _WHERE:
        module = importlib.import_module(f"futoko_research.coding.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'futoko_research.coding' has no attribute {name!r}")


def __dir__():
    return __all__

"""The hybrid coder: the rules' codes, plus the codes the statistical model is confident of.

``code_statements(..., method="hybrid")`` calls :func:`add_model_codes` on the rules' table.
Every row keeps its origin:

- rows of a rule keep their ``rule_id`` and evidence; ``origin`` is ``rule+model`` when the
  model also gives the code (probability ≥ its hybrid threshold), else ``rule``;
- the model adds one row per (statement, code) it gives that no rule gave: ``origin`` ``model``,
  ``rule_id`` ``model:<code>``, ``evidence`` the n-gram spans that weigh most for the decision
  (strongest first, joined by `` / ``), ``start_char``/``end_char`` the strongest span;
- ``score`` (the model's probability) and ``model_version`` are filled on every row when the
  model ran, rule rows included.

With ``method="rules"`` the three columns are ``rule`` / NA / NA. :data:`DEFAULT_METHOD` is the
method used when none is given.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from futoko_research.errors import FutokoError, FutokoWarning

#: the coding methods of :func:`futoko_research.coding.code_statements`
METHODS = ("rules", "hybrid")
#: the method used when none is given. "hybrid" since 0.2.0: on the sentences of sources the rules
#: were never tuned on it beats the rules leave-source-out, paired host bootstrap: micro-F1 +0.021
#: [+0.005, +0.038] on sets c1-c3 and +0.027 [+0.011, +0.046] on na-ne (docs/coding.md,
#: ``benchmarks/eval_codebook_real.py --paired``)
DEFAULT_METHOD = "hybrid"
#: values of the codes table's ``origin`` column
ORIGINS = ("rule", "model", "rule+model")
#: separator of the model's evidence spans
EVIDENCE_SEP = " / "

__all__ = ["DEFAULT_METHOD", "EVIDENCE_SEP", "METHODS", "ORIGINS", "add_model_codes", "check_method", "resolve_model"]


def check_method(method: str | None) -> str:
    """``method`` checked (None → :data:`DEFAULT_METHOD`)."""
    method = DEFAULT_METHOD if method is None else method
    if method not in METHODS:
        raise FutokoError(f"coding method must be one of {', '.join(METHODS)}, not {method!r}")
    return method


def resolve_model(model=None):
    """A :class:`~futoko_research.coding.model.CoderModel` from a model, a path, or None (the shipped model)."""
    from futoko_research.coding.model import CoderModel
    from futoko_research.coding.model_io import load_model

    if isinstance(model, CoderModel):
        return model
    if model is None or isinstance(model, (str, Path)):
        return load_model(model)
    raise TypeError(f"model must be a CoderModel, a path or None, not {type(model).__name__}")


def add_model_codes(codes: pd.DataFrame, statements: pd.DataFrame, codebook, model) -> pd.DataFrame:
    """The rules' codes table with the model's scores and codes added (see the module's docstring).

    Parameters
    ----------
    codes : the rules' table (:func:`futoko_research.coding.code_statements` with
        ``method="rules"``) for ``statements``.
    statements : statement_id, case_id, text (and section).
    codebook : the :class:`~futoko_research.coding.codebook.Codebook` used for ``codes``.
    model : a :class:`~futoko_research.coding.model.CoderModel`. Codes of the model that the
        codebook lacks are ignored (with a warning).

    Returns
    -------
    DataFrame
        the columns of ``codes``; rows sorted by statement (input order), start_char, code.
    """
    import warnings

    keys = [k for k in model.keys if k in codebook]
    missing = [k for k in model.keys if k not in codebook]
    if missing:
        warnings.warn(f"coder model {model.version} has code(s) the codebook lacks, ignored: {', '.join(missing)}",
                      FutokoWarning, stacklevel=3)
    from futoko_research.coding.code_table import typed_codes

    section_dtype = statements["section"].dtype if "section" in statements.columns else pd.StringDtype()
    if not len(statements):
        return codes
    texts = ["" if pd.isna(t) else str(t) for t in statements["text"]]
    sids = statements["statement_id"].astype(str).tolist()
    proba = model.predict_proba(texts)
    thr = dict(zip(model.keys, model.hybrid_thresholds))
    row_of = {sid: i for i, sid in enumerate(sids)}
    out = codes.astype({"code": object, "category": object, "section": object})
    out["model_version"] = pd.array([model.version] * len(out), dtype="string")
    if len(out):
        scores = [float(proba.at[row_of[str(s)], str(c)]) if str(c) in proba.columns else np.nan
                  for s, c in zip(out["statement_id"], out["code"])]
        out["score"] = pd.array(scores, dtype="Float64")
        given = [(not np.isnan(p)) and p >= thr[str(c)] for p, c in zip(scores, out["code"])]
        out["origin"] = pd.array(np.where(given, "rule+model", "rule"), dtype="string")
    have = {(str(s), str(c)) for s, c in zip(out["statement_id"], out["code"])}
    cases = statements["case_id"].astype("string").tolist()
    sections = statements["section"].tolist() if "section" in statements.columns else [pd.NA] * len(sids)
    new = []
    for key in keys:
        col = proba[key].to_numpy()
        for i in np.flatnonzero(col >= thr[key]):
            if (sids[i], key) in have or not texts[i]:
                continue
            spans = model.evidence(texts[i], key)
            start, end = (spans[0][0], spans[0][1]) if spans else (0, len(texts[i]))
            evidence = EVIDENCE_SEP.join(texts[i][s:e] for s, e, _ in spans) if spans else texts[i]
            new.append({"statement_id": sids[i], "case_id": cases[i], "section": sections[i], "code": key,
                        "category": codebook[key].category, "start_char": start, "end_char": end,
                        "evidence": evidence, "rule_id": f"model:{key}", "codebook_version": codebook.version,
                        "origin": "model", "model_version": model.version, "score": float(col[i])})
    if new:
        added = pd.DataFrame(new, columns=list(out.columns)).astype(out.dtypes.to_dict())
        out = pd.concat([out, added], ignore_index=True) if len(out) else added
    order = {sid: i for i, sid in enumerate(sids)}
    code_order = {k: i for i, k in enumerate(codebook)}
    out = out.assign(_o=out["statement_id"].astype(str).map(order), _c=out["code"].astype(str).map(code_order))
    out = out.sort_values(["_o", "start_char", "_c", "end_char"], kind="stable").drop(columns=["_o", "_c"])
    return typed_codes(out, codebook, section_dtype)

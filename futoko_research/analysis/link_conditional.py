"""Side coding conditioned on the construction: the model's best code for a side the coder left empty.

Once :func:`~futoko_research.analysis.links.extract_links` has found a causal construction, the
construction itself is evidence that its cause side names a practice and its effect side a change.
:func:`conditional_codes` uses it: a side of a connective or attribution (not a chain's clauses)
that the coder left without any code takes the model's most probable code **of the side's family**
(an intervention code on the cause side, an outcome code on an effect side) when that probability
reaches ``threshold`` — a threshold lower than the hybrid's free-text ones, which must stand on the
text alone.

A side is filled only when the link is anchored: the other side of the same construction carries a
code of its own family (the coder's, not a filled one), so a construction with two empty sides
never becomes a link of two guesses. A side is never filled when

- the coder found any code in it (an outcome code on a cause side is the child's own state, codebook
  rule 12; an intervention code on an effect side is not a change);
- an outcome code was removed from it as the aim of a purpose phrase (「不安の解消のための支援」);
- it is a back-reference's cause that found no sentence (no side was coded);
- it is a cause that ends in a change of the child's own state (「…できるようになったことで」).

The rules that drop a candidate after coding (a tool or channel as the cause of を通して, an
evaluative attribution, a child's state as cause) still apply to the filled codes.
"""

from __future__ import annotations

import re

import pandas as pd

from futoko_research.analysis.link_rows import RE_CHILD_STATE

#: side keys of a connective or attribution candidate: ``<statement>#<k>:<part>``
RE_CAUSE_KEY = re.compile(r":cause$")
RE_EFFECT_KEY = re.compile(r":(?:e\d+|ext)$")

__all__ = ["conditional_codes"]


def conditional_codes(cands: list[dict], sides: pd.DataFrame, found: dict[str, dict[str, list[str]]],
                      vetoed: set[str], model, codebook, threshold: float, *, relative: bool = False,
                      families: tuple[str, ...] = ("intervention", "outcome")) -> dict[str, list[str]]:
    """Codes to add to the empty sides of anchored constructions (see the module's docstring).

    Parameters
    ----------
    cands : the candidates of ``extract_links`` (``key``, ``sp``; ``parts`` and ``ext`` for a
        connective).
    sides : the coded side texts (statement_id = side key, text).
    found : side key → category → codes, as the coder gave them (after the purpose veto).
    vetoed : side keys from which an outcome code was removed as a purpose's aim.
    model : a :class:`~futoko_research.coding.model.CoderModel`.
    codebook : the codebook of the sides (for each code's category).
    threshold : the probability the model's best code of the family must reach; with ``relative``,
        the share of that code's hybrid threshold (``model.hybrid_thresholds``) it must reach.
    relative : read ``threshold`` as a share of each code's hybrid threshold.
    families : the families filled (``"intervention"``: cause sides, ``"outcome"``: effect sides).

    Returns
    -------
    dict
        side key → [code] for every side filled (at most one code per side).
    """
    if sides.empty:
        return {}
    texts = dict(zip(sides["statement_id"].astype(str), sides["text"].astype(str)))
    wanted: dict[str, str] = {}  # side key → category to fill
    for cand in cands:
        if cand["sp"]["clauses"] is not None:
            continue  # a chain's split depends on its clauses' codes: not conditioned
        key = cand["key"]
        cause = f"{key}:cause"
        effects = [f"{key}:e{p}" for p in range(len(cand.get("parts", [])))] + ([f"{key}:ext"] if "ext" in cand else [])
        has_cause = bool(found.get(cause, {}).get("intervention"))
        has_effect = any(found.get(e, {}).get("outcome") for e in effects)
        child_state = bool(RE_CHILD_STATE.search(cand["text"][cand["sp"]["cause_start"]:cand["sp"]["cause_end"]]))
        if ("intervention" in families and has_effect and not has_cause and cause in texts and not found.get(cause) and cause not in vetoed
                and not child_state):
            wanted[cause] = "intervention"
        if "outcome" in families and has_cause and not has_effect:
            for e in effects:
                if e in texts and not found.get(e) and e not in vetoed:
                    wanted[e] = "outcome"
    if not wanted:
        return {}
    keys = list(wanted)
    proba = model.predict_proba([texts[k] for k in keys])
    families = {cat: [c for c in proba.columns if c in codebook and codebook[c].category == cat]
                for cat in ("intervention", "outcome")}
    scale = dict(zip(model.keys, model.hybrid_thresholds)) if relative else {}
    out = {}
    for i, key in enumerate(keys):
        cols = families[wanted[key]]
        if not cols:
            continue
        row = proba.loc[i, cols]
        if relative:  # the code closest to its own hybrid threshold
            row = row / pd.Series({c: float(scale[c]) for c in cols})
        best = str(row.idxmax())
        if float(row[best]) >= threshold:
            out[key] = [best]
    return out

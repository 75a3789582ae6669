"""Filling a connective's uncoded side from its sentence or from the sentence before (round 9, off by default).

Two options of :func:`~futoko_research.analysis.links.extract_links` (``fill_options``), measured
in docs/analysis.md ("Session 8, round 9"); neither is on by default.

- ``project``: a connective or attribution (not a chain, a purpose or a back-reference) whose
  cause side carries no intervention code takes the intervention codes the coder finds in the
  sentence up to the end of the cause (「…を整え、専門家が支えることで、…」: the practice named
  before the cause's own clause); an effect with no outcome code in any part takes the outcome
  codes of the sentence from the effect's start to its end. ``project="fewer"`` also adds those
  codes to a side that has some (the side keeps its own codes first).
- ``carry``: a connective whose cause side names no practice (no intervention code, no outcome
  code, not the child's own state 「…ようになったことで」) while its effect is coded takes the
  practice of the sentence before (the previous sentence of the statement, or the last sentence
  of the statement before in the same case, as a back-reference): 「専門家によるサポートがあること
  で、…心の回復に集中できます」 after a sentence naming counselling. The link says where its cause
  came from (``is_backref``, ``backref``).

- ``guard``: on an effect side where the rules found an outcome code, the outcome codes only the
  model gives (``origin`` ``model``) are dropped: the model reads whole sentences, and on a short
  fragment the rules' code is the better evidence (the sample's 「生活習慣の改善を図ることができた」:
  rules ``daily_rhythm``, the model adds ``social_relations`` and ``learning_attainment``).
  ``guard="short"`` only on effect sides of at most :data:`SHORT_EFFECT` characters.

(The third fix tried in round 9, pairing every cause with every effect of coordinated
constructions, is not an option: on the development sets no missed pair had its two codes on
sides of different links of one sentence, ``benchmarks/links_miss_split.py --side-method hybrid``.)
"""

from __future__ import annotations

from futoko_research.errors import FutokoError

#: the options of ``fill_options`` and their accepted values
FILL_OPTIONS = {"project": (True, "empty", "fewer"), "carry": (True,), "guard": (True, "all", "short")}
#: ``guard="short"``: an effect side of at most this many characters
SHORT_EFFECT = 30

__all__ = ["FILL_OPTIONS", "SHORT_EFFECT", "check_fill_options", "fill_side_texts", "guard_model_codes", "project_codes"]


def check_fill_options(options: dict | None) -> dict:
    """``options`` checked (None → {}; ``project=True`` → ``"empty"``)."""
    out = {}
    for name, value in (options or {}).items():
        if name not in FILL_OPTIONS or value not in FILL_OPTIONS[name]:
            raise FutokoError(f"fill option {name}={value!r} unknown: one of "
                              + ", ".join(f"{k} ({'/'.join(map(str, v))})" for k, v in FILL_OPTIONS.items()))
        out[name] = {"project": "empty", "guard": "all"}.get(name, value) if value is True else value
    return out


def fill_side_texts(cand: dict) -> dict[str, str]:
    """Extra side texts to code for ``project`` (side suffix → text) of a connective candidate."""
    sp, text = cand["sp"], cand["text"]
    body_end = len(text[:sp["sent_end"]].rstrip("。！？!?．. 　\n"))
    return {"pre": text[sp["sent_start"]:sp["cause_end"]] + sp["connective"],
            "post": text[sp["effect_start"]:body_end]}


def project_codes(cands: list[dict], found: dict[str, dict[str, list[str]]], vetoed: set[str], mode: str) -> None:
    """Add the sentence's codes of the right family to a connective's sides (in place, see the module)."""
    for cand in cands:
        if cand["sp"]["clauses"] is not None or "pre" not in cand:
            continue
        key = cand["key"]
        cause = found.setdefault(f"{key}:cause", {})
        pre = found.get(f"{key}:pre", {}).get("intervention", [])
        if pre and (not cause.get("intervention") or mode == "fewer"):
            cause["intervention"] = list(dict.fromkeys(cause.get("intervention", []) + pre))
        effects = [f"{key}:e{p}" for p in range(len(cand["parts"]))]
        post = found.get(f"{key}:post", {}).get("outcome", [])
        if not post or any(e in vetoed for e in effects) or f"{key}:post" in vetoed:
            continue
        if not any(found.get(e, {}).get("outcome") for e in effects):
            found.setdefault(effects[0], {})["outcome"] = list(post)
        elif mode == "fewer" and len(effects) == 1:
            own = found[effects[0]]["outcome"]
            found[effects[0]]["outcome"] = list(dict.fromkeys(own + post))


def guard_model_codes(coded, side_text: dict[str, str], found: dict[str, dict[str, list[str]]], mode: str) -> None:
    """Drop the model-only outcome codes of effect sides the rules coded (in place, ``guard``; see the module)."""
    if "origin" not in coded.columns:
        return
    ruled: set[str] = set()
    model_only: dict[str, set[str]] = {}
    for sid, code, cat, origin in coded[["statement_id", "code", "category", "origin"]].itertuples(index=False):
        sid = str(sid)
        if str(cat) != "outcome" or ":cause" in sid or ":carry" in sid or ":pre" in sid:
            continue
        if str(origin) == "model":
            model_only.setdefault(sid, set()).add(str(code))
        else:
            ruled.add(sid)
    for sid, drop in model_only.items():
        if sid not in ruled or (mode == "short" and len(side_text.get(sid, "")) > SHORT_EFFECT):
            continue
        kept = [c for c in found.get(sid, {}).get("outcome", []) if c not in drop]
        found[sid]["outcome"] = kept

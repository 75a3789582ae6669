"""Score the default (or a given) codebook on held-out REAL sentences from other boards' reports.

Gold set: tests/fixtures/coding_heldout_real.yaml — sentences quoted verbatim from published
Japanese material on 不登校 support (boards of education, support centres, MEXT, council minutes,
education press), hand-coded from /work/shared/codebook_spec.md before the coder was run. None
comes from data/raw.

Prints, at statement × code level: per-code precision / recall / F1 with TP/FP/FN counts, micro-
and macro-F1, micro-F1 by section, then every false positive (with the coder's evidence and
rule_id) and every false negative (with the annotator's note). With ``--links`` (default when
``futoko_research.analysis.links.extract_links`` exists) it also scores the cause and effect codes of
``extract_links`` on the sentences whose gold has a link side, and counts links with codes that
the coder proposes on sentences whose gold has none.

    .venv/bin/python benchmarks/eval_codebook_real.py [--codebook PATH] [--no-links] [--no-parse]
        [--fixture PATH] [--skip-borderline] [-q]
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "coding_heldout_real.yaml"

# The code keys of /work/shared/codebook_spec.md (the gold vocabulary).
SPEC_CODES = (
    "collaboration", "ict", "ibasho", "peer_interaction", "individual_learning", "counseling",
    "family_support", "home_visit", "experiential", "center_operation",
    "school_return", "continued_attendance", "learning_motivation", "learning_attainment",
    "self_esteem", "social_relations", "daily_rhythm", "future_orientation", "emotional_stability",
)
SECTIONS = ("goal", "activity", "outcome", "focus")


def load_gold(path: Path = FIXTURE) -> pd.DataFrame:
    """Read the held-out YAML into a statements frame with gold labels.

    Returns
    -------
    pandas.DataFrame
        statement_id, case_id (the id before its last ``-``), section, text, text_norm (NFKC)
        (string), position (Int64, order within the case), source (string), codes, cause_codes,
        effect_codes (lists of code keys), notes (string).
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = []
    seen: Counter = Counter()
    for i, s in enumerate(data["sentences"]):
        for key in ("id", "source", "section", "text"):
            if not s.get(key):
                raise ValueError(f"{path}: sentence #{i + 1} lacks {key!r}")
        if s["section"] not in SECTIONS:
            raise ValueError(f"{path}: {s['id']}: section {s['section']!r} not in {SECTIONS}")
        lists = {k: list(s.get(k) or []) for k in ("codes", "cause_codes", "effect_codes")}
        for k, vals in lists.items():
            bad = [v for v in vals if v not in SPEC_CODES]
            if bad:
                raise ValueError(f"{path}: {s['id']}: {k} has unknown code(s) {bad}")
        case = s["id"].rsplit("-", 1)[0]
        seen[case] += 1
        rows.append({"statement_id": s["id"], "case_id": case, "section": s["section"],
                     "text": s["text"], "text_norm": unicodedata.normalize("NFKC", s["text"]),
                     "position": seen[case], "source": s["source"], **lists,
                     "notes": s.get("notes") or ""})
    df = pd.DataFrame(rows)
    if df["statement_id"].duplicated().any():
        raise ValueError(f"{path}: duplicate id {df.loc[df['statement_id'].duplicated(), 'statement_id'].iloc[0]}")
    return df.astype({"statement_id": "string", "case_id": "string", "section": "string", "text": "string",
                      "text_norm": "string", "position": "Int64", "source": "string", "notes": "string"})


def score_codes(gold: pd.DataFrame, pred: pd.DataFrame, keys=SPEC_CODES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-code scores and the error list at statement × code level.

    Parameters
    ----------
    gold : from :func:`load_gold`.
    pred : output of ``code_statements`` (statement_id, code, evidence, rule_id).

    Returns
    -------
    (table, errors)
        table: code, n_gold, tp, fp, fn (Int64), precision, recall, f1 (Float64; <NA> when undefined).
        errors: kind (``FP`` | ``FN``), statement_id, section, code, evidence, rule_id, text, notes (string).
    """
    gold_sets = {sid: set(c) for sid, c in zip(gold["statement_id"], gold["codes"])}
    pred_sets: dict[str, set] = {sid: set() for sid in gold_sets}
    evid: dict[tuple, list[str]] = {}
    for sid, code, ev, rid in pred[["statement_id", "code", "evidence", "rule_id"]].itertuples(index=False):
        sid, code = str(sid), str(code)
        if sid in pred_sets and code in keys:
            pred_sets[sid].add(code)
            evid.setdefault((sid, code), []).append(f"{ev}〔{rid}〕")
    info = gold.set_index("statement_id")
    rows, errs = [], []
    for k in keys:
        tp = fp = fn = 0
        for sid, g in gold_sets.items():
            p = pred_sets[sid]
            if k in g and k in p:
                tp += 1
            elif k in p:
                fp += 1
                ev = " / ".join(evid[(sid, k)])
                errs.append(("FP", sid, info.at[sid, "section"], k, ev, info.at[sid, "text"], info.at[sid, "notes"]))
            elif k in g:
                fn += 1
                errs.append(("FN", sid, info.at[sid, "section"], k, "", info.at[sid, "text"], info.at[sid, "notes"]))
        prec = tp / (tp + fp) if tp + fp else None
        rec = tp / (tp + fn) if tp + fn else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else (0.0 if (tp + fp) and (tp + fn) else None)
        rows.append({"code": k, "n_gold": tp + fn, "tp": tp, "fp": fp, "fn": fn,
                     "precision": prec, "recall": rec, "f1": f1})
    table = pd.DataFrame(rows).astype({"n_gold": "Int64", "tp": "Int64", "fp": "Int64", "fn": "Int64",
                                       "precision": "Float64", "recall": "Float64", "f1": "Float64"})
    errors = pd.DataFrame(errs, columns=["kind", "statement_id", "section", "code", "evidence", "text", "notes"])
    return table, errors.astype("string")


def micro(table: pd.DataFrame) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over the rows of a per-code table."""
    tp, fp, fn = (int(table[c].sum()) for c in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    return p, r, f


def score_links(gold: pd.DataFrame, links: pd.DataFrame) -> dict:
    """Cause/effect code recall and precision of ``extract_links`` against the gold link sides.

    Returns
    -------
    dict
        n_gold_causal, cause/effect: (tp, n_gold, n_pred) summed over gold-causal sentences,
        spurious: (statement_id, cause codes, effect codes, text) of sentences without a gold link
        whose links carry codes, rows: per-sentence detail of the gold-causal sentences.
    """
    by_sid: dict[str, tuple[set, set]] = {}
    for r in links.itertuples(index=False):
        c, e = by_sid.setdefault(str(r.statement_id), (set(), set()))
        c.update(r.cause_codes or [])
        e.update(r.effect_codes or [])
    out = {"cause": [0, 0, 0], "effect": [0, 0, 0], "spurious": [], "rows": []}
    n_causal = 0
    for r in gold.itertuples(index=False):
        gc, ge = set(r.cause_codes), set(r.effect_codes)
        pc, pe = by_sid.get(str(r.statement_id), (set(), set()))
        if gc or ge:
            n_causal += 1
            for side, g, p in (("cause", gc, pc), ("effect", ge, pe)):
                out[side][0] += len(g & p)
                out[side][1] += len(g)
                out[side][2] += len(p)
            out["rows"].append((str(r.statement_id), sorted(gc), sorted(pc), sorted(ge), sorted(pe)))
        elif pc or pe:
            out["spurious"].append((str(r.statement_id), sorted(pc), sorted(pe), str(r.text)))
    out["n_gold_causal"] = n_causal
    return out


def _fmt(x) -> str:
    return "  –  " if x is None or pd.isna(x) else f"{x:5.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codebook", default=None, help="codebook YAML (default: the package's default)")
    ap.add_argument("--fixture", default=str(FIXTURE), help="held-out YAML")
    ap.add_argument("--no-links", action="store_true", help="skip the cause/effect evaluation")
    ap.add_argument("--no-parse", action="store_true", help="links: string split only (no GiNZA)")
    ap.add_argument("-q", "--quiet", action="store_true", help="tables only, no error listing")
    ap.add_argument("--skip-borderline", action="store_true",
                    help="leave out sentences whose annotation note says 'borderline'")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    warnings.simplefilter("ignore")
    from futoko_research.coding import code_statements, load_codebook

    gold = load_gold(Path(args.fixture))
    if args.skip_borderline:
        gold = gold[~gold["notes"].str.contains("borderline", na=False)].reset_index(drop=True)
    cb = load_codebook(args.codebook)
    missing = [k for k in SPEC_CODES if k not in cb]
    stmts = gold[["statement_id", "case_id", "section", "position", "text", "text_norm"]].copy()
    t0 = time.perf_counter()
    pred = code_statements(stmts, cb)
    t_code = time.perf_counter() - t0
    table, errors = score_codes(gold, pred)
    extra = sorted(set(map(str, pred["code"])) - set(SPEC_CODES))

    print(f"held-out REAL set: {len(gold)} sentences from {gold['case_id'].nunique()} sources; "
          f"{sum(map(len, gold['codes']))} gold codes; {sum(1 for c in gold['codes'] if not c)} with none")
    print(f"codebook: {getattr(cb, 'path', args.codebook)} (version {getattr(cb, 'version', '?')}); "
          f"coded in {t_code:.2f} s")
    if missing:
        print(f"WARNING: codebook lacks spec code(s): {', '.join(missing)}")
    if extra:
        print(f"codes outside the spec (not scored): {', '.join(extra)}")
    print()
    print(f"{'code':22s} {'gold':>4s} {'tp':>4s} {'fp':>4s} {'fn':>4s}  {'prec':>5s} {'rec':>5s} {'f1':>5s}")
    for r in table.itertuples(index=False):
        print(f"{r.code:22s} {r.n_gold:4d} {r.tp:4d} {r.fp:4d} {r.fn:4d}  "
              f"{_fmt(r.precision)} {_fmt(r.recall)} {_fmt(r.f1)}")
    p, r, f = micro(table)
    macro = table["f1"].dropna().mean()
    print(f"\nmicro  P={p:.3f} R={r:.3f} F1={f:.3f}   macro-F1={macro:.3f} (over codes with gold or predictions)")
    for cat, keys in (("interventions", SPEC_CODES[:10]), ("outcomes", SPEC_CODES[10:])):
        p, r, f = micro(table[table["code"].isin(keys)])
        print(f"  {cat:13s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print("by section:")
    for sec in SECTIONS:
        g = gold[gold["section"] == sec]
        if len(g):
            t, _ = score_codes(g, pred[pred["statement_id"].isin(set(g["statement_id"]))])
            p, r, f = micro(t)
            print(f"  {sec:9s} n={len(g):3d}  P={p:.3f} R={r:.3f} F1={f:.3f}")
    exact = sum(set(c) == set(map(str, pred.loc[(pred["statement_id"] == sid) & pred["code"].isin(SPEC_CODES), "code"]))
                for sid, c in zip(gold["statement_id"], gold["codes"]))
    print(f"sentences coded exactly right: {exact}/{len(gold)}")

    if not args.quiet and len(errors):
        for kind, title in (("FP", "FALSE POSITIVES (coder fired, gold says no)"),
                            ("FN", "FALSE NEGATIVES (gold code the coder missed)")):
            sub = errors[errors["kind"] == kind].sort_values(["code", "statement_id"])
            print(f"\n=== {title}: {len(sub)} ===")
            for e in sub.itertuples(index=False):
                line = f"[{e.code}] {e.statement_id} ({e.section})"
                if kind == "FP":
                    line += f"  evidence: {e.evidence}"
                print(line)
                print(f"    {e.text}")
                if e.notes:
                    print(f"    note: {e.notes}")

    if not args.no_links:
        try:
            from futoko_research.analysis.links import extract_links
        except ImportError:
            print("\n(futoko_research.analysis.links.extract_links not available: links not scored)")
            return 0
        t0 = time.perf_counter()
        links = extract_links(stmts, codebook=cb, parse=not args.no_parse)
        t_links = time.perf_counter() - t0
        res = score_links(gold, links)
        print(f"\n=== LINKS (extract_links, parse={not args.no_parse}, {t_links:.1f} s): "
              f"{len(links)} links on {links['statement_id'].nunique()} sentences; "
              f"{res['n_gold_causal']} gold-causal sentences ===")
        for side in ("cause", "effect"):
            tp, ng, npred = res[side]
            rec = tp / ng if ng else float("nan")
            prec = tp / npred if npred else float("nan")
            print(f"  {side:6s} codes: recall {tp}/{ng} = {rec:.2f}   precision {tp}/{npred} = {prec:.2f}")
        full = sum(1 for _, _, pe, _ in res["spurious"] if pe)
        print(f"  sentences without a gold link that get link codes: {len(res['spurious'])} "
              f"({full} with effect codes, i.e. a spurious cause→outcome claim; "
              f"{len(res['spurious']) - full} with cause codes only)")
        if not args.quiet:
            print("  per gold-causal sentence (gold cause → pred cause | gold effect → pred effect):")
            for sid, gc, pc, ge, pe in res["rows"]:
                print(f"    {sid}: {gc} → {pc} | {ge} → {pe}")
            for sid, pc, pe, text in res["spurious"]:
                print(f"    spurious {sid}: cause {pc} effect {pe}: {text[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Split the missed gold pairs of ``extract_links`` into coder-bound and link-bound misses.

A missed gold pair (cause code, effect code) is **coder-bound** when the rule coder
(:func:`futoko_research.coding.code_statements`, method ``rules``) does not find the cause code
as an intervention anywhere in the sentence or the sentence before it (``previous``), or the
effect code as an outcome anywhere in the sentence: no choice of construction or span can recover
it. Otherwise it is **link-bound**: the construction was not recognised or its spans were wrong.

    .venv/bin/python benchmarks/links_miss_split.py --data data/validation/links --sets c1,c2 [--list]

``--list`` prints every link-bound miss (sentence, gold pair, predicted pairs): use it on
development sets only.

``--side-method hybrid`` (round 9) splits the misses of the hybrid's sides instead, leave-source-out
(the models of ``eval_links_hybrid.py``, trained per host fold on the causal set's hosts; the
causal set only, ``--data`` is then ignored), by where the hybrid coder finds each gold code:

(c) *nowhere*: not the cause code (as an intervention) in the sentence or the sentence before, or
    not the effect code (as an outcome) in the sentence;
(d) *no construction*: both found, but the sentence holds no candidate construction;
(e) *coordination*: the cause code is on a cause side and the effect code on an effect side of
    the sentence's links, but not of the same link;
(b) *earlier*: the cause code is found only in the sentence before (a practice introduced
    before, an outcome named after);
(a) *sentence, not side*: both found in the sentence, but not on the side fragments of one link
    (split further by the side that misses its code).

    .venv/bin/python benchmarks/links_miss_split.py --side-method hybrid --sets c1,c2,c3 \
        [--model-cache /tmp/fold-models] [--fill carry] [--list]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package, not an installed one
from eval_links import choose_gold, gold_rows, predict, read_data, select_sets  # noqa: E402


def whole_codes(sentences: pd.DataFrame, sections: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """(sentence id, ``text`` | ``previous``) → the rule coder's codes on that whole text, ``category:code``."""
    from futoko_research.coding import code_statements
    from futoko_research.coding.report import ZeroHitWarning

    rows = []
    prev = sentences["previous"] if "previous" in sentences.columns else pd.Series([""] * len(sentences))
    for sid, text, p in zip(sentences["sentence_id"], sentences["text"], prev.fillna("")):
        sec = sections.get(sid, "") or "outcome"
        rows.append({"statement_id": f"{sid}|text", "case_id": sid, "section": sec, "position": 1, "text": text})
        if str(p).strip():
            rows.append({"statement_id": f"{sid}|previous", "case_id": sid, "section": sec, "position": 1, "text": p})
    df = pd.DataFrame(rows).astype({"statement_id": "string", "case_id": "string", "text": "string",
                                    "section": "string", "position": "Int64"})
    df["text_norm"] = df["text"]
    df["source_id"] = pd.array(["split"] * len(df), dtype="string")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroHitWarning)
        coded = code_statements(df, method="rules")
    out: dict[tuple[str, str], set[str]] = {}
    for sid, code, cat in coded[["statement_id", "code", "category"]].itertuples(index=False):
        s, part = str(sid).rsplit("|", 1)
        out.setdefault((s, part), set()).add(f"{cat}:{code}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--sets", default=None)
    parser.add_argument("--list", action="store_true", help="print every link-bound miss and every extra pair")
    parser.add_argument("--side-method", choices=("rules", "hybrid"), default="rules",
                        help="rules: the split of session 7; hybrid: the split (a)–(e) of round 9, leave-source-out")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--model-cache", type=Path, default=None, metavar="DIR")
    parser.add_argument("--fill", default="", metavar="OPTS",
                        help="fill_options of the hybrid's sides (as eval_links_hybrid.py --fill; default: none, "
                        "the sides of session 8)")
    args = parser.parse_args(argv)
    if args.side_method == "hybrid":
        return hybrid_split(args)
    if args.data is None:
        parser.error("--data is required with --side-method rules")
    from futoko_research.analysis.link_eval import pairs_from_labels, pairs_from_links

    labels, sentences = read_data(args.data)
    labels, sentences = select_sets(labels, sentences, args.sets, args.data)
    gl = labels[labels["annotator"] == choose_gold(labels, None, args.data)]
    sentences = sentences[sentences["sentence_id"].isin(set(gl["sentence_id"]))].reset_index(drop=True)
    sections = dict(zip(gl["sentence_id"], gl["section"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = predict(sentences, sections, parse=True, cache_dir=None)
        codes = whole_codes(sentences, sections)
    gold = pairs_from_labels(gold_rows(gl, None))
    pred = pairs_from_links(links)
    text = dict(zip(sentences["sentence_id"], sentences["text"]))
    prev = dict(zip(sentences["sentence_id"], sentences.get("previous", pd.Series([""] * len(sentences)))))
    constr = {}
    for r in gold_rows(gl, None).itertuples(index=False):
        constr.setdefault(r.sentence_id, set()).add(str(getattr(r, "construction", "") or ""))
    n = {"tp": 0, "cause": 0, "effect": 0, "both": 0, "link": 0}
    link_bound = []
    for sid in sentences["sentence_id"]:
        g, p = gold.get(sid, set()), pred.get(sid, set())
        here, before = codes.get((sid, "text"), set()), codes.get((sid, "previous"), set())
        for c, e in sorted(g):
            if (c, e) in p:
                n["tp"] += 1
                continue
            no_c = f"intervention:{c}" not in here | before
            no_e = f"outcome:{e}" not in here
            key = "both" if no_c and no_e else "cause" if no_c else "effect" if no_e else "link"
            n[key] += 1
            if key == "link":
                link_bound.append((sid, (c, e)))
    missed = n["cause"] + n["effect"] + n["both"] + n["link"]
    print(f"{len(sentences)} sentences, {sum(len(v) for v in gold.values())} gold pairs: {n['tp']} found, "
          f"{missed} missed")
    print(f"  coder-bound: {n['cause'] + n['effect'] + n['both']} (cause code not found {n['cause']}, "
          f"effect code not found {n['effect']}, neither {n['both']})")
    print(f"  link-bound:  {n['link']} (both codes found on the whole sentence / previous sentence)")
    if args.list:
        by_sid: dict[str, list] = {}
        for sid, pair in link_bound:
            by_sid.setdefault(sid, []).append(pair)
        for sid, pairs in by_sid.items():
            print(f"\n{sid} {sorted(constr.get(sid, []))}\n  prev: {prev.get(sid, '')}\n  text: {text[sid]}"
                  f"\n  missed: {pairs}\n  predicted: {sorted(pred.get(sid, set()))}")
        extra = [(sid, sorted(pred.get(sid, set()) - gold.get(sid, set()))) for sid in sentences["sentence_id"]]
        print("\nextra pairs:")
        for sid, ex in extra:
            if ex:
                print(f"{sid}: {ex}\n  text: {text[sid]}")
    return 0


def _coded(statements: pd.DataFrame, model) -> dict[str, set[str]]:
    """statement_id → hybrid codes ``category:code`` of the whole text."""
    from futoko_research.coding import code_statements

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coded = code_statements(statements, method="hybrid", model=model)
    out: dict[str, set[str]] = {}
    for sid, code, cat in coded[["statement_id", "code", "category"]].itertuples(index=False):
        out.setdefault(str(sid), set()).add(f"{cat}:{code}")
    return out


def classify(pair: tuple[str, str], here: set[str], before: set[str], has_construction: bool,
             link_causes: set[str], link_effects: set[str]) -> str:
    """The class (a)–(e) of one missed gold pair (see the module's docstring)."""
    c, e = pair
    c_here, c_before, e_here = f"intervention:{c}" in here, f"intervention:{c}" in before, f"outcome:{e}" in here
    if not (c_here or c_before) or not e_here:
        return "c"
    if not has_construction:
        return "d"
    if c in link_causes and e in link_effects:
        return "e"
    if not c_here:
        return "b"
    return "a"


def hybrid_split(args) -> int:
    """Split the misses of the hybrid's sides (leave-source-out) into (a)–(e)."""
    import numpy as np
    from eval_links_hybrid import fill_spec, fold_models, prepare

    from futoko_research.analysis.link_eval import pairs_from_labels
    from futoko_research.analysis.links import extract_links, split_statement

    fill = fill_spec(args.fill) if args.fill else {}
    ctx = prepare()
    st, tokens, sentences, gl = ctx["st"], ctx["tokens"], ctx["sentences"], ctx["gl"]
    links, codes = [], {}
    for _, held, _, model in fold_models(ctx, args.folds, args.model_cache):
        part = st[np.isin(ctx["case_host"], list(held))]
        links.append(extract_links(part, tokens=tokens, parse=False, side_method="hybrid", model=model,
                                   fill_options=fill))
        codes |= _coded(part, model)
    links = pd.concat(links, ignore_index=True)
    keep = sentences if args.sets is None else sentences[sentences["set"].isin(args.sets.split(","))]
    ids = list(keep["sentence_id"].astype(str))
    gold = pairs_from_labels(gold_rows(gl, None))
    by_sid = {sid: g for sid, g in tokens.groupby("statement_id", sort=False)} if len(tokens) else {}
    text = dict(zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str)))
    n = {k: 0 for k in ("tp", "a", "b", "c", "d", "e", "a_cause", "a_effect", "a_both", "c_cause", "c_effect", "c_both")}
    listed = []
    for sid in ids:
        lk = links[links["statement_id"].astype(str) == sid]
        pred = {(c, e) for r in lk.itertuples() if r.polarity == "positive" for c in r.cause_codes for e in r.effect_codes}
        causes = {c for r in lk.itertuples() for c in r.cause_codes}
        effects = {e for r in lk.itertuples() for e in r.effect_codes}
        here, before = codes.get(sid, set()), codes.get(f"{sid}#previous", set())
        has_construction = bool(split_statement(text[sid], by_sid.get(sid)))
        for pair in sorted(gold.get(sid, set())):
            if pair in pred:
                n["tp"] += 1
                continue
            k = classify(pair, here, before, has_construction, causes, effects)
            n[k] += 1
            if k in ("a", "c"):
                c_ok = (f"intervention:{pair[0]}" in here | before) if k == "c" else pair[0] in causes
                e_ok = (f"outcome:{pair[1]}" in here) if k == "c" else pair[1] in effects
                n[f"{k}_{'both' if not c_ok and not e_ok else 'cause' if not c_ok else 'effect'}"] += 1
            listed.append((sid, pair, k))
    missed = sum(n[k] for k in "abcde")
    print(f"hybrid sides, leave-source-out ({args.folds} host folds); sets {args.sets or 'all'}: {len(ids)} sentences, "
          f"{sum(len(gold.get(s, set())) for s in ids)} gold pairs: {n['tp']} found, {missed} missed")
    print(f"  coder-bound: {n['c']} (cause code not found {n['c_cause']}, effect code not found {n['c_effect']}, "
          f"neither {n['c_both']})")
    print(f"  link-bound:  {missed - n['c']} (both codes found on the whole sentence / previous sentence)")
    print(f"  (a) found in the sentence, not on the side fragments: {n['a']} (cause side {n['a_cause']}, "
          f"effect side {n['a_effect']}, both {n['a_both']})")
    print(f"  (b) cause found only in the previous sentence: {n['b']}")
    print(f"  (c) found nowhere (coder-bound): {n['c']}")
    print(f"  (d) construction not detected: {n['d']}")
    print(f"  (e) coordination (both codes on sides of the sentence's links, not of one link): {n['e']}")
    if args.list:
        for sid, pair, k in listed:
            if k != "c":
                lk = links[links["statement_id"].astype(str) == sid]
                print(f"\n({k}) {sid} missed {pair}\n  text: {text[sid]}")
                for r in lk.itertuples():
                    print(f"  link {r.construction}: [{r.cause_text}] {list(r.cause_codes)} → [{r.effect_text}] "
                          f"{list(r.effect_codes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Split the missed gold pairs of ``extract_links`` into coder-bound and link-bound misses.

A missed gold pair (cause code, effect code) is **coder-bound** when the rule coder
(:func:`futoko_research.coding.code_statements`, method ``rules``) does not find the cause code
as an intervention anywhere in the sentence or the sentence before it (``previous``), or the
effect code as an outcome anywhere in the sentence: no choice of construction or span can recover
it. Otherwise it is **link-bound**: the construction was not recognised or its spans were wrong.

    .venv/bin/python benchmarks/links_miss_split.py --data data/validation/links --sets c1,c2 [--list]

``--list`` prints every link-bound miss (sentence, gold pair, predicted pairs): use it on
development sets only.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
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
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sets", default=None)
    parser.add_argument("--list", action="store_true", help="print every link-bound miss and every extra pair")
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())

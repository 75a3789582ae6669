"""Do rule edits made from the coder's errors carry over to sources nobody read? A split-half check.

Protocol: rule errors are read on the batches ``na``–``nc`` of data/validation only (the
*development half*); the batches ``nd`` and ``ne``, restricted to hosts that appear in no other
batch, are the *untouched half* (not read while editing). A candidate codebook is scored on both
halves next to the shipped one; an edit is worth keeping only when the untouched half gains.

    .venv/bin/python benchmarks/eval_rules_split.py [--codebook PATH] [--data DIR]

``--codebook`` is the candidate (default: the shipped codebook alone). Prints micro precision /
recall / F1 of the rules on both halves (and on r1–r3, where the rules were written), and on the
untouched half the (sentence, code) decisions the candidate changes, counted per code as right
or wrong. ``benchmarks/trials/rules_pass_na-nc.patch`` is the pass measured in docs/coding.md
(apply it to a copy of the default codebook and pass that copy).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEV_SETS = ("na", "nb", "nc")
UNTOUCHED_SETS = ("nd", "ne")


def rule_matrix(df: pd.DataFrame, codebook) -> np.ndarray:
    """The rules' 0/1 decisions (sentences × code keys), each sentence coded with its gold section."""
    from futoko_research.coding import code_statements, label_matrix

    stmts = pd.DataFrame({"statement_id": df["sentence_id"], "case_id": df["host"], "section": df["section"],
                          "text": df["text"]}).astype("string")
    codes = code_statements(stmts, codebook, method="rules")
    sets: dict[str, set] = {}
    for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
        sets.setdefault(str(sid), set()).add(str(code))
    return label_matrix([sets.get(str(s), set()) for s in df["sentence_id"]], list(codebook)).to_numpy()


def micro(gold: np.ndarray, pred: np.ndarray) -> str:
    g, p = gold.astype(bool), pred.astype(bool)
    tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
    return f"P {tp / max(tp + fp, 1):.3f}  R {tp / max(tp + fn, 1):.3f}  F1 {2 * tp / max(2 * tp + fp + fn, 1):.3f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codebook", default=None, help="candidate codebook YAML (default: none, shipped only)")
    ap.add_argument("--data", default=None, help="validation folder (default: data/validation)")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data

    from futoko_research.coding import label_matrix, load_codebook

    shipped = load_codebook()
    keys = list(shipped)
    df, _ = load_data(args.data, shipped)
    gold = label_matrix(df["codes"], keys).to_numpy()
    seen_hosts = set(df.loc[~df["set"].isin(UNTOUCHED_SETS), "host"])
    halves = {
        f"development half {'+'.join(DEV_SETS)}": df["set"].isin(DEV_SETS).to_numpy(),
        f"untouched half {'+'.join(UNTOUCHED_SETS)} (new hosts)": (df["set"].isin(UNTOUCHED_SETS)
                                                                  & ~df["host"].isin(seen_hosts)).to_numpy(),
        "r1–r3 (rules written on them)": df["set"].astype(str).str.startswith("r").to_numpy(),
    }
    coders = {f"shipped {shipped.version}": rule_matrix(df, shipped)}
    if args.codebook:
        candidate = load_codebook(args.codebook)
        if list(candidate) != keys:
            print(f"{args.codebook}: the candidate must have the shipped codebook's code keys", file=sys.stderr)
            return 2
        coders[f"candidate {args.codebook}"] = rule_matrix(df, candidate)
    for name, mask in halves.items():
        print(f"{name}: {int(mask.sum())} sentences, {df.loc[mask, 'host'].nunique()} hosts")
        for coder, pred in coders.items():
            print(f"  {coder:40s} {micro(gold[mask], pred[mask])}")
    if args.codebook:
        (_, old), (_, new) = coders.items()
        mask = list(halves.values())[1]
        changed = Counter()
        for i, j in zip(*np.nonzero(mask[:, None] & (old != new))):
            changed[(keys[j], "added" if new[i, j] else "removed", "right" if new[i, j] == gold[i, j] else "wrong")] += 1
        print("decisions changed on the untouched half:",
              ", ".join(f"{k} {a} {r}: {n}" for (k, a, r), n in sorted(changed.items())) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())

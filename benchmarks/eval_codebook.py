"""Per-code precision, recall and F1 of the default (or a given) codebook on hand-labelled sets.

Sets: tests/fixtures/coding_synthetic.yaml, _b … _i (SYNTHETIC sentences written in the styles of
other municipalities' reports) and tests/fixtures/coding_sample_gold.yaml (hand codes of the
real sample report's statements). Prints one table per set and the misses/false alarms.

    .venv/bin/python benchmarks/eval_codebook.py [--codebook PATH] [--set synthetic|sample|all] [-v]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def load_gold(name: str) -> pd.DataFrame:
    """statement_id, case_id, section, text, text_norm, expected (list of code keys)."""
    from futoko_research.loaders.normalize import nfkc

    if name.startswith("synthetic"):
        fname = {"synthetic": "coding_synthetic.yaml", "synthetic_b": "coding_synthetic_b.yaml",
                 "synthetic_c": "coding_synthetic_c.yaml",
                 "synthetic_d": "coding_synthetic_d.yaml",
                 "synthetic_e": "coding_synthetic_e.yaml",
                 "synthetic_f": "coding_synthetic_f.yaml",
                 "synthetic_g": "coding_synthetic_g.yaml",
                 "synthetic_h": "coding_synthetic_h.yaml",
                 "synthetic_i": "coding_synthetic_i.yaml"}[name]
        data = yaml.safe_load((FIXTURES / fname).read_text(encoding="utf-8"))
        rows = [(s["id"], "synthetic", s.get("section", "body"), s["text"], list(s.get("codes") or []))
                for s in data["sentences"]]
    elif name == "sample":
        data = yaml.safe_load((FIXTURES / "coding_sample_gold.yaml").read_text(encoding="utf-8"))
        sys.path.insert(0, str(REPO))
        warnings.simplefilter("ignore")
        from futoko_research.loaders.reports import load_reports

        st = load_reports(REPO / "data" / "raw").statements
        gold = {g["statement_id"]: list(g.get("codes") or []) for g in data["statements"]}
        rows = [(r.statement_id, r.case_id, str(r.section), r.text, gold[r.statement_id])
                for r in st.itertuples() if r.statement_id in gold]
    else:
        raise ValueError(name)
    df = pd.DataFrame(rows, columns=["statement_id", "case_id", "section", "text", "expected"])
    df["text_norm"] = df["text"].map(nfkc)
    return df.astype({"statement_id": "string", "case_id": "string", "text": "string", "text_norm": "string"})


def evaluate(gold: pd.DataFrame, codebook=None, *, verbose: bool = False) -> pd.DataFrame:
    from futoko_research.coding import code_statements, load_codebook, rule_vs_human

    cb = load_codebook(codebook)
    codes = code_statements(gold.drop(columns="expected"), cb)
    human = dict(zip(gold["statement_id"].astype(str), gold["expected"]))
    table = rule_vs_human(codes, human, code_keys=list(cb))
    if verbose:
        got: dict[str, set] = {}
        for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
            got.setdefault(str(sid), set()).add(str(code))
        for sid, text in gold[["statement_id", "text"]].itertuples(index=False):
            exp, g = set(human[str(sid)]), got.get(str(sid), set())
            if exp != g:
                ev = codes[codes["statement_id"] == sid]
                fp = {c: ev.loc[ev["code"] == c, "evidence"].tolist() for c in sorted(g - exp)}
                print(f"{sid}: {text}\n    missed={sorted(exp - g)} false={fp}")
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default=None)
    parser.add_argument("--set", default="all", choices=["synthetic", "synthetic_b", "synthetic_c", "synthetic_d", "synthetic_e", "synthetic_f", "synthetic_g", "synthetic_h", "synthetic_i", "sample", "all"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    sets = ["synthetic", "synthetic_b", "synthetic_c", "synthetic_d", "synthetic_e", "synthetic_f", "synthetic_g", "synthetic_h", "synthetic_i", "sample"] if args.set == "all" else [args.set]
    pd.set_option("display.width", 140)
    for name in sets:
        gold = load_gold(name)
        t0 = time.perf_counter()
        table = evaluate(gold, args.codebook, verbose=args.verbose)
        dt = time.perf_counter() - t0
        print(f"\n== {name}: {len(gold)} statements, coded in {dt:.2f} s ==")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

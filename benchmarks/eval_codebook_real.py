"""Score the coder on the real development corpus (data/validation), leave-source-out.

Methods: ``rules`` (the codebook's rules), ``model`` (the statistical layer alone),
``hybrid`` (the rules' codes plus the model's confident ones, as ``code_statements(...,
method="hybrid")`` gives them), and other combinations of rules and model learnt inside each
training fold (``veto``, ``stacked``, ``stacked-others``, ``choice``, each also ``-all``, and
``hybrid-honest``; ``benchmarks/coder_combinations.py``, docs/coding.md *Session 7*). Prints, per method, per-code precision / recall / F1 with
support and micro / macro scores with 95 % intervals, then the human–human ceiling (annotator
B against A: F1 and Cohen's κ per code) where a second annotator coded the sentences.

    .venv/bin/python benchmarks/eval_codebook_real.py [--data DIR] [--codebook PATH]
        [--methods rules model hybrid] [--folds 10] [--n-boot 2000] [--seed N]
        [--score-set SET ...] [--out CSV] [--links [--no-parse]] [--paired A B [B ...]]
        [--baseline-codebook OLD] [-q]

``--baseline-codebook OLD`` also codes with an older codebook (``rules`` and ``hybrid`` only; the
hybrid's model folds are trained as for the current one) and prints, per method, micro-F1 of the
current codebook minus the old one with the paired host bootstrap: how a codebook change is judged
(docs/coding.md *Session 7 rules*).

``--paired A B`` also prints micro-F1 of B minus A on the scored sentences with a *paired* host
bootstrap interval (both coders on the same drawn hosts; ``coding.paired_difference``): how the
default method was chosen (``--paired rules hybrid --score-set c1 c2 c3`` and ``na nb nc nd
ne``, the sets the rules were never tuned on).

With ``--links`` it also scores the cause and effect codes of ``analysis.extract_links`` (rules
only) on the sentences whose gold has a link side (``cause_codes`` / ``effect_codes``), and counts
sentences without a gold link that get link codes.

Notes
-----
*Gold.* Each sentence's gold codes are the ``adjudicated`` label set when there is one, else
annotator A's (:func:`futoko_research.coding.gold_labels`); the rules read the sentence with
its gold section.

*Leave-source-out.* Sentences are grouped by host (the web site they were quoted from); the
hosts are split into ``--folds`` folds by scikit-learn's ``GroupKFold`` (deterministic, fold
sizes balanced), and each fold's sentences are scored by a model trained on the other folds'
sentences only, its thresholds chosen by a cross-validation inside those training hosts
(:func:`futoko_research.coding.cross_validated_model`). No sentence is ever scored by a model
that saw a sentence of its host; the hybrid's thresholds are chosen there for *rules or model*,
given the rules' decisions on the training hosts. The rules are fixed, not trained, so they are scored on every
sentence — but they were written while reading earlier versions of this corpus (the sets
r1–r3 of tests/fixtures), so their score here is optimistic. ``--codebook`` with a codebook
frozen before a set was read, and ``--score-set`` to score only that set, give an honest
comparison (docs/coding.md).

*Synthetic training rows.* As the shipped model, each fold's model is also trained on the
hand-written SYNTHETIC sentences of ``tests/fixtures/coding_synthetic*.yaml``
(:func:`futoko_research.coding.synthetic_rows`, weight 3), which are in every training fold, never
scored and never used to choose thresholds; ``--no-synthetic`` leaves them out.

*Intervals.* 95 % percentile intervals from a cluster bootstrap: hosts are drawn with
replacement (as many as there are) and every sentence of a drawn host is kept, the counts are
pooled and the scores recomputed; ``--n-boot`` replicates with seed ``--seed``. Resampling
hosts rather than sentences respects that sentences of one source are alike, so the intervals
are wider than a sentence bootstrap and honest about how few sources there are. The
predictions are not refitted per replicate: the interval is about which sources happen to be
in the evaluation set, given the coder (Field & Welsh 2007).

*Ceiling.* Annotator B scored against annotator A (F1 is symmetric), and Cohen's κ per code
(statsmodels through :func:`futoko_research.coding.cohen_kappa`), on the sentences both coded.

References
----------
Field, C. A., Welsh, A. H. (2007). Bootstrapping clustered data. JRSS B 69(3), 369–390.
Cohen, J. (1960). A coefficient of agreement for nominal scales. EPM 20(1), 37–46.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
BASE_METHODS = ("rules", "model", "hybrid")


def _methods():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from coder_combinations import METHODS as COMBINATIONS

    return (*BASE_METHODS, *COMBINATIONS)


METHODS = _methods()


def load_data(data_dir, codebook):
    """Sentences with their gold labels (one row per sentence) and the raw labels table."""
    from futoko_research.coding import gold_labels, load_validation

    sentences, labels = load_validation(data_dir, codebook=codebook)
    gold = gold_labels(labels)
    df = sentences.merge(gold[["sentence_id", "section", "codes", "cause_codes", "effect_codes", "annotator"]],
                         on="sentence_id", how="inner")
    return df.reset_index(drop=True), labels


def load_coder_corpus(*, folds: int):
    """What the coder studies train and score on: the codebook, gold, the rules' codes and the SYNTHETIC rows.

    Returns ``(codebook, keys, df, gold, rules, synthetic)``: ``df`` as :func:`load_data` gives it,
    ``gold`` the (sentences × codes) 0/1 label frame, ``rules`` the rule coder's 0/1 array
    (``predictions(..., ["rules"], folds=folds)``), ``synthetic`` the SYNTHETIC training rows
    (``text`` and one 0/1 column per code).
    """
    from futoko_research.coding import label_matrix, load_codebook, synthetic_rows

    codebook = load_codebook()
    keys = list(codebook)
    df, _ = load_data(None, codebook)
    gold = label_matrix(df["codes"], keys)
    rules = predictions(df, codebook, ["rules"], folds=folds)["rules"].to_numpy()
    return codebook, keys, df, gold, rules, synthetic_rows(codebook=codebook)


def predictions(df: pd.DataFrame, codebook, methods, *, folds: int, synthetic: bool = True,
                cache_dir: str | None = "/tmp") -> dict[str, pd.DataFrame]:
    """0/1 tables (one row per sentence, one column per code key) of each method, leave-source-out.

    With ``synthetic`` the SYNTHETIC training sentences of the shipped model join every training
    fold (never scored), as :func:`futoko_research.coding.training.build_coder_model` uses them.
    The combinations of ``benchmarks/coder_combinations.py`` (veto, stacked, choice, …) read the
    model's outer and inner out-of-fold probabilities, cached in ``cache_dir`` (None: not cached).
    """
    from futoko_research.coding import (
        code_statements,
        cross_validated_model,
        label_matrix,
        synthetic_rows,
    )
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    keys = list(codebook)
    gold = label_matrix(df["codes"], keys)
    out: dict[str, pd.DataFrame] = {}
    if {"rules", "hybrid"} & set(methods):
        stmts = pd.DataFrame({"statement_id": df["sentence_id"], "case_id": df["host"], "section": df["section"],
                              "text": df["text"]}).astype("string")
        codes = code_statements(stmts, codebook, method="rules")
        sets: dict[str, set] = {}
        for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
            sets.setdefault(str(sid), set()).add(str(code))
        rules = label_matrix([sets.get(str(s), set()) for s in df["sentence_id"]], keys)
        out["rules"] = rules
    if {"model", "hybrid"} & set(methods):
        extra = synthetic_rows(codebook=codebook) if synthetic else None
        _, model, hybrid_add = cross_validated_model(df["text"].tolist(), gold, df["host"].tolist(), n_splits=folds,
                                                     rules=out.get("rules"), extra=extra, extra_weight=SYNTHETIC_WEIGHT)
        out["model"] = model
        if "hybrid" in methods:
            out["hybrid"] = (out["rules"] | hybrid_add).astype("int8")
    combos = [m for m in methods if m not in BASE_METHODS]
    if combos:
        from coder_combinations import combined_predictions, oof_probabilities, rule_firings

        rules, fired = rule_firings(df, codebook)
        extra = synthetic_rows(codebook=codebook) if synthetic else None
        probs = oof_probabilities(df["text"].tolist(), gold.to_numpy(), df["host"].tolist(), keys, folds=folds,
                                  extra=extra, extra_weight=SYNTHETIC_WEIGHT, cache_dir=cache_dir)
        for m in combos:
            out[m] = pd.DataFrame(combined_predictions(df, keys, rules, fired, probs, m), columns=keys)
    return {m: out[m] for m in methods}


def score_links(df: pd.DataFrame, links: pd.DataFrame) -> dict:
    """Cause/effect code recall and precision of ``extract_links`` against the gold link sides.

    Returns
    -------
    dict
        n_gold_causal; cause, effect: [tp, n_gold, n_pred] summed over gold-causal sentences;
        spurious: (sentence_id, cause codes, effect codes) of sentences without a gold link whose
        links carry codes.
    """
    by_sid: dict[str, tuple[set, set]] = {}
    for r in links.itertuples(index=False):
        c, e = by_sid.setdefault(str(r.statement_id), (set(), set()))
        c.update(r.cause_codes or [])
        e.update(r.effect_codes or [])
    out = {"cause": [0, 0, 0], "effect": [0, 0, 0], "spurious": [], "n_gold_causal": 0}
    for sid, gc, ge in zip(df["sentence_id"], df["cause_codes"], df["effect_codes"]):
        gc, ge = set(gc), set(ge)
        pc, pe = by_sid.get(str(sid), (set(), set()))
        if gc or ge:
            out["n_gold_causal"] += 1
            for side, g, p in (("cause", gc, pc), ("effect", ge, pe)):
                out[side][0] += len(g & p)
                out[side][1] += len(g)
                out[side][2] += len(p)
        elif pc or pe:
            out["spurious"].append((str(sid), sorted(pc), sorted(pe)))
    return out


def print_links(df: pd.DataFrame, codebook, parse: bool) -> None:
    from futoko_research.analysis.links import extract_links

    stmts = pd.DataFrame({"statement_id": df["sentence_id"], "case_id": df["host"], "section": df["section"],
                          "text": df["text"]}).astype("string")
    t0 = time.perf_counter()
    # the rules' sides: the shipped model was trained on these sentences (the hybrid's sides are
    # scored leave-source-out by benchmarks/eval_links_hybrid.py)
    links = extract_links(stmts, codebook=codebook, parse=parse, side_method="rules")
    res = score_links(df, links)
    print(f"\n=== links (extract_links, parse={parse}, {time.perf_counter() - t0:.1f} s): {len(links)} links; "
          f"{res['n_gold_causal']} gold-causal sentences ===")
    for side in ("cause", "effect"):
        tp, n_gold, n_pred = res[side]
        print(f"  {side:6s} codes: recall {tp}/{n_gold}   precision {tp}/{n_pred}")
    full = sum(1 for _, _, pe in res["spurious"] if pe)
    print(f"  sentences without a gold link that get link codes: {len(res['spurious'])} ({full} with effect codes)")


def _fmt(x, w=5) -> str:
    return " " * (w - 1) + "–" if x is None or pd.isna(x) else f"{x:{w}.2f}"


def _ci(row, name) -> str:
    lo, hi = row[f"{name}_low"], row[f"{name}_high"]
    return f"{_fmt(row[name])} [{_fmt(lo, 4)}, {_fmt(hi, 4)}]"


def print_table(method: str, table: pd.DataFrame, quiet: bool) -> None:
    print(f"\n=== {method} ===")
    if not quiet:
        print(f"{'code':22s} {'n':>4s} {'tp':>4s} {'fp':>4s} {'fn':>4s}  {'precision':^18s} {'recall':^18s} {'F1':^18s}")
        for _, r in table.iterrows():
            if r["code"] in ("micro", "macro"):
                continue
            print(f"{r['code']:22s} {r['support']:4d} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d}  "
                  f"{_ci(r, 'precision')} {_ci(r, 'recall')} {_ci(r, 'f1')}")
    mi = table[table["code"] == "micro"].iloc[0]
    ma = table[table["code"] == "macro"].iloc[0]
    print(f"micro  P={_ci(mi, 'precision')}  R={_ci(mi, 'recall')}  F1={_ci(mi, 'f1')}")
    print(f"macro  F1={_ci(ma, 'f1')}")


def print_baseline(args, df, gold, mask, scored, preds, *, folds: int, n_boot: int, seed: int) -> None:
    """Score ``rules``/``hybrid`` with ``args.baseline_codebook`` and print current minus baseline, paired."""
    from futoko_research.coding import bootstrap_scores, load_codebook, paired_difference

    old = load_codebook(args.baseline_codebook)
    methods = [m for m in args.methods if m in ("rules", "hybrid")]
    if list(old) != list(gold.columns):
        raise SystemExit("--baseline-codebook: the codebooks' code keys differ")
    base = predictions(df, old, methods, folds=folds, synthetic=not args.no_synthetic, cache_dir=None)
    for m in methods:
        b = base[m][mask].reset_index(drop=True)
        print_table(f"{m} (baseline codebook {old.version})", bootstrap_scores(gold, b, scored["host"], n_boot=n_boot,
                                                                              seed=seed), args.quiet)
    for m in methods:
        d = paired_difference(gold, base[m][mask].reset_index(drop=True), preds[m][mask].reset_index(drop=True),
                              scored["host"], n_boot=n_boot, seed=seed)
        print(f"\n=== paired: {m} with the current codebook minus {m} with {old.version} "
              f"(micro-F1, same {d['n_clusters']} hosts drawn for both) ===")
        print(f"before {d['f1_a']:.3f}  after {d['f1_b']:.3f}  difference {d['difference']:+.3f} "
              f"[{d['low']:+.3f}, {d['high']:+.3f}] on {d['n_sentences']} sentences")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="validation folder (default: data/validation)")
    ap.add_argument("--codebook", default=None, help="codebook YAML for the rules (default: the package's default)")
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=list(BASE_METHODS), help="methods to score")
    ap.add_argument("--folds", type=int, default=None, help="leave-source-out folds (default: 10)")
    ap.add_argument("--n-boot", type=int, default=None, help="bootstrap replicates (default: 2000)")
    ap.add_argument("--seed", type=int, default=None, help="bootstrap seed")
    ap.add_argument("--score-set", nargs="+", default=None, metavar="SET",
                    help="score only sentences of these sets (column 'set'); models still train on all other hosts")
    ap.add_argument("--out", default=None, help="write every score (tidy, one row per method and code) to this CSV")
    ap.add_argument("--links", action="store_true", help="also score the cause/effect codes of extract_links")
    ap.add_argument("--no-parse", action="store_true", help="links: string split only (no GiNZA)")
    ap.add_argument("--no-synthetic", action="store_true",
                    help="train the model on the real sentences only (without the SYNTHETIC sets the shipped model uses)")
    ap.add_argument("--paired", nargs="+", metavar="A B", choices=METHODS, default=None,
                    help="also print micro-F1 of B minus A (for each B given after A) with a paired host-bootstrap "
                         "interval")
    ap.add_argument("--baseline-codebook", default=None, metavar="OLD",
                    help="also score rules/hybrid with this older codebook and print the paired micro-F1 difference "
                         "(current minus OLD)")
    ap.add_argument("--oof-cache", default="/tmp", metavar="DIR",
                    help="combinations: cache the model's out-of-fold probabilities here ('none': no cache)")
    ap.add_argument("-q", "--quiet", action="store_true", help="micro and macro scores only")
    args = ap.parse_args(argv)
    if args.paired is not None and len(args.paired) < 2:
        ap.error("--paired needs two methods or more: A B [B ...]")

    sys.path.insert(0, str(REPO))
    warnings.simplefilter("ignore")
    from futoko_research.coding import bootstrap_scores, human_ceiling, label_matrix, load_codebook
    from futoko_research.coding.evaluation import N_BOOT, N_FOLDS, SEED
    from futoko_research.io import write_csv

    folds = args.folds or N_FOLDS
    n_boot = args.n_boot or N_BOOT
    seed = SEED if args.seed is None else args.seed
    codebook = load_codebook(args.codebook)
    keys = list(codebook)
    df, labels = load_data(args.data, codebook)
    t0 = time.perf_counter()
    if args.paired:
        args.methods = list(dict.fromkeys([*args.methods, *args.paired]))
    preds = predictions(df, codebook, args.methods, folds=folds, synthetic=not args.no_synthetic,
                        cache_dir=None if args.oof_cache == "none" else args.oof_cache)
    elapsed = time.perf_counter() - t0
    mask = np.ones(len(df), dtype=bool) if not args.score_set else df["set"].isin(args.score_set).to_numpy()
    scored = df[mask].reset_index(drop=True)
    gold = label_matrix(scored["codes"], keys)
    annotators = ", ".join(f"{a}: {n}" for a, n in labels["annotator"].value_counts().sort_index().items())
    print(f"validation: {len(df)} sentences from {df['source_url'].nunique()} pages on {df['host'].nunique()} hosts "
          f"(labels {annotators}); gold = {', '.join(sorted(set(df['annotator'])))}")
    if args.score_set:
        print(f"scored: {len(scored)} sentences of set(s) {', '.join(args.score_set)} "
              f"({scored['host'].nunique()} hosts)")
    print(f"codebook {codebook.version} ({args.codebook or 'default'}); {folds} leave-source-out folds grouped by host; "
          f"cluster bootstrap {n_boot} × hosts, seed {seed}; coded in {elapsed:.1f} s; model trained "
          f"{'on the real sentences only' if args.no_synthetic else 'with the SYNTHETIC sets (never scored)'}")
    tables = []
    for method, pred in preds.items():
        table = bootstrap_scores(gold, pred[mask].reset_index(drop=True), scored["host"], n_boot=n_boot, seed=seed)
        print_table(method, table, args.quiet)
        tables.append(table.assign(method=method, kappa=np.nan))
    if args.paired:
        from futoko_research.coding import paired_difference

        a = args.paired[0]
        for b in args.paired[1:]:
            d = paired_difference(gold, preds[a][mask].reset_index(drop=True), preds[b][mask].reset_index(drop=True),
                                  scored["host"], n_boot=n_boot, seed=seed)
            print(f"\n=== paired: {b} minus {a} (micro-F1, same {d['n_clusters']} hosts drawn for both) ===")
            print(f"{a} {d['f1_a']:.3f}  {b} {d['f1_b']:.3f}  difference {d['difference']:+.3f} "
                  f"[{d['low']:+.3f}, {d['high']:+.3f}] on {d['n_sentences']} sentences")
    if args.baseline_codebook:
        print_baseline(args, df, gold, mask, scored, preds, folds=folds, n_boot=n_boot, seed=seed)
    ceiling = human_ceiling(labels[labels["sentence_id"].isin(set(scored["sentence_id"]))], keys)
    print("\n=== human ceiling (annotator B against A) ===")
    if ceiling.empty:
        print("no sentence has labels of both A and B yet")
    else:
        if not args.quiet:
            print(f"{'code':22s} {'n':>4s}  {'F1':>5s} {'kappa':>6s}")
            for _, r in ceiling.iterrows():
                if r["code"] not in ("micro", "macro"):
                    print(f"{r['code']:22s} {r['support']:4d}  {_fmt(r['f1'])} {_fmt(r['kappa'], 6)}")
        mi = ceiling[ceiling["code"] == "micro"].iloc[0]
        print(f"micro  P={_fmt(mi['precision'])} R={_fmt(mi['recall'])} F1={_fmt(mi['f1'])}   "
              f"macro F1={_fmt(ceiling[ceiling['code'] == 'macro'].iloc[0]['f1'])}")
        tables.append(ceiling.assign(method="human"))
    if args.out:
        out = pd.concat(tables, ignore_index=True)
        front = ["method", "code", "support", "tp", "fp", "fn"]
        out = out[front + [c for c in out.columns if c not in front]]
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        write_csv(out, args.out)
        print(f"\nwrote {args.out}")
    if args.links:
        print_links(scored, codebook, parse=not args.no_parse)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Links with hybrid-coded sides, leave-source-out: does the statistical coder lift pair recall?

``extract_links(..., side_method="hybrid", model=M)`` codes each cause and effect side with the
rules plus the model's confident codes. To score that honestly on the causal development set
(``data/validation/links``), the hosts of the causal set are split into ``--folds`` folds
(scikit-learn ``GroupKFold``), and the sentences of each fold are read with a model trained
(as the shipped one: real sentences of ``data/validation`` plus the SYNTHETIC sets, hybrid
thresholds chosen for *rules or model*) on every development sentence whose host is **not** in
that fold. Prints pair precision / recall / F1 with host-bootstrap intervals for the rules' sides
and for the hybrid's, on the same sentences and parses, and the paired difference in F1.

    .venv/bin/python benchmarks/eval_links_hybrid.py [--folds 10] [--n-boot 2000] [--score-sets c4 ...]

``--score-sets`` scores only the sentences of the named sets (e.g. ``c4``, the one set no rule of
codebook 1.5.0 or construction of session 7 was read from); the models are trained as without it.
``--groups`` scores several subsets from one run of the folds (each a comma-separated list of
sets, or ``all``), e.g. ``--groups c1,c2 c3 c1,c2,c3``.

``--conditional T [T ...]`` also scores the hybrid's sides with side coding conditioned on the
construction (``extract_links(..., conditional_threshold=T)``: an empty side of an anchored
construction takes the model's best code of its family at probability ≥ T), and prints the paired
F1 differences conditional − rules and conditional − hybrid for each T.

``--fill OPTS [OPTS ...]`` (round 9) also scores the hybrid's sides with ``fill_options`` of
``extract_links`` (``carry``, ``project[=fewer]``, ``guard[=short]``, joined with ``+``), and prints
the paired differences against the rules' sides and the hybrid's. "hybrid sides" are the sides of
session 8, without any fill (``fill_options={}``); the default of ``extract_links`` since round 9
is ``--fill carry``. ``--model-cache DIR`` keeps the fold models between runs.

``--save-pred FILE`` pickles every method's predicted pairs; ``--against FILE`` (round 10) reads
such a file (e.g. saved from main) and prints, for each method of this run also in it, the paired F1
difference this run − that file (``main: <method>``), on the same sentences and host bootstrap.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20240401)
    ap.add_argument("--score-sets", nargs="+", default=None, metavar="SET",
                    help="score only the sentences of these sets (default: all)")
    ap.add_argument("--groups", nargs="+", default=None, metavar="SETS",
                    help="score each of these subsets (comma-separated sets, or 'all'); overrides --score-sets")
    ap.add_argument("--conditional", nargs="+", default=[], metavar="T",
                    help="also score side coding conditioned on the construction at these thresholds: "
                    "T (a probability), rT (a share of each code's hybrid threshold), with :cause or :effect "
                    "to fill only that side")
    ap.add_argument("--fill", nargs="+", default=[], metavar="OPTS",
                    help="also score the hybrid's sides with these fill_options of extract_links, each "
                    "'name[=value]+name…' (project, carry, coordinate; see futoko_research.analysis.link_fill)")
    ap.add_argument("--model-cache", type=Path, default=None, metavar="DIR",
                    help="pickle each fold's model here and reuse it on the next run (delete it when data change)")
    ap.add_argument("--save-pred", type=Path, default=None, metavar="FILE",
                    help="pickle every method's predicted pairs here (to compare a later run with --against)")
    ap.add_argument("--against", type=Path, default=None, metavar="FILE",
                    help="a --save-pred file: print paired F1 differences of this run's methods against it")
    args = ap.parse_args(argv)
    ctx = prepare()
    st, tokens = ctx["st"], ctx["tokens"]
    from futoko_research.analysis.links import extract_links

    rules_links = extract_links(st, tokens=tokens, parse=False, side_method="rules")
    hybrid_parts = []
    cond_parts: dict[str, list] = {t: [] for t in args.conditional}
    fill_parts: dict[str, list] = {v: [] for v in args.fill}
    for k, held, n, model in fold_models(ctx, args.folds, args.model_cache):
        part = st[np.isin(ctx["case_host"], list(held))]
        hybrid_parts.append(extract_links(part, tokens=tokens, parse=False, side_method="hybrid", model=model,
                                          fill_options={}))
        for t in args.conditional:
            thr, options = conditional_spec(t)
            cond_parts[t].append(extract_links(part, tokens=tokens, parse=False, side_method="hybrid", model=model,
                                               conditional_threshold=thr, conditional_options=options,
                                               fill_options={}))
        for v in args.fill:
            fill_parts[v].append(extract_links(part, tokens=tokens, parse=False, side_method="hybrid", model=model,
                                               fill_options=fill_spec(v)))
        print(f"fold {k}: {len(held)} hosts held out, model trained on {n} development sentences", flush=True)
    sentences, gl, hosts = ctx["sentences"], ctx["gl"], ctx["hosts"]
    from eval_links import gold_rows

    from futoko_research.analysis.link_eval import pairs_from_labels, pairs_from_links

    methods = {"rules sides": rules_links, "hybrid sides": pd.concat(hybrid_parts, ignore_index=True)}
    for t in args.conditional:
        methods[f"conditional {t}"] = pd.concat(cond_parts[t], ignore_index=True)
    for v in args.fill:
        methods[f"fill {v}"] = pd.concat(fill_parts[v], ignore_index=True)

    gold_all = pairs_from_labels(gold_rows(gl, None))
    pred_all = {name: pairs_from_links(lk) for name, lk in methods.items()}
    if args.save_pred is not None:
        import pickle
        args.save_pred.write_bytes(pickle.dumps(pred_all))
    args.compare_main = []
    if args.against is not None:
        import pickle
        saved = pickle.loads(args.against.read_bytes())
        for name in list(pred_all):
            if name in saved:
                pred_all[f"main: {name}"] = saved[name]
                args.compare_main.append((name, f"main: {name}"))
    if args.groups is not None:
        groups = [None if g == "all" else g.split(",") for g in args.groups]
    else:
        groups = [args.score_sets]
    for group in groups:
        score_group(group, sentences, gold_all, pred_all, hosts, args)
    return 0


def prepare() -> dict:
    """The causal set (hybrid gold), its statements (each sentence after its previous one), parses and training data."""
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    warnings.simplefilter("ignore")
    from eval_codebook_real import load_data
    from eval_links import choose_gold, read_data

    from futoko_research.analysis.links import prefilter_statements
    from futoko_research.coding import code_statements, label_matrix, load_codebook, synthetic_rows
    from futoko_research.features import dependency_tokens

    data = REPO / "data" / "validation" / "links"
    labels, sentences = read_data(data)
    gold_name = choose_gold(labels, None, data)
    gl = labels[labels["annotator"] == gold_name]
    sentences = sentences[sentences["sentence_id"].isin(set(gl["sentence_id"]))].reset_index(drop=True)
    sections = dict(zip(gl["sentence_id"], gl["section"]))
    hosts = dict(zip(sentences["sentence_id"], sentences["host"]))

    rows = []
    for sid, text, prev in zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str),
                               sentences.get("previous", pd.Series([""] * len(sentences))).fillna("").astype(str)):
        section = sections.get(sid, "") or "outcome"
        if prev.strip():
            rows.append((f"{sid}#previous", sid, section, 1, prev.strip()))
        rows.append((sid, sid, section, 2 if prev.strip() else 1, text))
    st = pd.DataFrame(rows, columns=["statement_id", "case_id", "section", "position", "text"])
    st = st.astype({"statement_id": "string", "case_id": "string", "section": "string", "text": "string"})
    st["position"] = st["position"].astype("Int64")
    st["source_id"] = pd.array(["eval_links"] * len(st), dtype="string")
    st["text_norm"] = st["text"]
    tokens = dependency_tokens(st[prefilter_statements(st).to_numpy(dtype=bool)])

    cb = load_codebook()
    keys = list(cb)
    dev, _ = load_data(None, cb)
    dev_gold = label_matrix(dev["codes"], keys)
    dstmts = pd.DataFrame({"statement_id": dev["sentence_id"], "case_id": dev["host"], "section": dev["section"],
                           "text": dev["text"]}).astype("string")
    sets: dict[str, set] = {}
    for sid, code in code_statements(dstmts, cb, method="rules")[["statement_id", "code"]].itertuples(index=False):
        sets.setdefault(str(sid), set()).add(str(code))
    dev_rules = label_matrix([sets.get(str(s), set()) for s in dev["sentence_id"]], keys)
    case_host = np.array([hosts[str(c)] for c in st["case_id"]])
    return {"sentences": sentences, "gl": gl, "sections": sections, "hosts": hosts, "st": st, "tokens": tokens,
            "cb": cb, "keys": keys, "dev": dev, "dev_gold": dev_gold, "dev_rules": dev_rules,
            "syn": synthetic_rows(codebook=cb), "case_host": case_host}


def fold_models(ctx: dict, n_folds: int, cache: Path | None = None):
    """Yield (fold, held-out hosts, n training sentences, model trained without those hosts) for each host fold.

    With ``cache`` (a folder), each fold's model is pickled there on first use and read back after
    (the folds are deterministic: same data, same ``n_folds``); delete the folder when the data or
    the model code change.
    """
    import pickle

    from sklearn.model_selection import GroupKFold

    from futoko_research.coding.model import fit_coder_model
    from futoko_research.coding.training import SYNTHETIC_WEIGHT

    dev, dev_gold, dev_rules, syn, keys = ctx["dev"], ctx["dev_gold"], ctx["dev_rules"], ctx["syn"], ctx["keys"]
    uniq = sorted(set(ctx["case_host"]))
    folds = GroupKFold(n_splits=n_folds).split(np.zeros(len(uniq)), groups=uniq)
    for k, (_, test) in enumerate(folds):
        held = {uniq[i] for i in test}
        keep = ~dev["host"].astype(str).isin(held).to_numpy()
        n = int(keep.sum())
        path = None if cache is None else Path(cache) / f"folds{n_folds}-{k}.pkl"
        if path is not None and path.exists():
            yield k, held, n, pickle.loads(path.read_bytes())
            continue
        t_labels = pd.concat([dev_gold[keep].reset_index(drop=True).astype("int64"),
                              syn[keys].astype("int64").reset_index(drop=True)], ignore_index=True)
        t_rules = pd.concat([dev_rules[keep].reset_index(drop=True).astype("int64"),
                             pd.DataFrame(0, index=range(len(syn)), columns=keys)], ignore_index=True)
        model = fit_coder_model(dev["text"][keep].astype(str).tolist() + syn["text"].tolist(), t_labels,
                                groups=dev["host"][keep].astype(str).tolist() + [f"synthetic:{i}" for i in range(len(syn))],
                                train_only=[False] * n + [True] * len(syn),
                                sample_weight=[1.0] * n + [SYNTHETIC_WEIGHT] * len(syn), rule_labels=t_rules,
                                meta={"model_version": f"fold-{k}"})
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(model))
        yield k, held, n, model


def fill_spec(spec: str) -> dict:
    """``"project"``, ``"carry+coordinate"``, ``"project=fewer"`` → ``fill_options`` of ``extract_links``."""
    options: dict = {}
    for part in spec.split("+"):
        name, _, value = part.partition("=")
        options[name] = value or True
    return options


def conditional_spec(spec: str) -> tuple[float, dict]:
    """``"0.4"``, ``"r0.8"``, ``"0.4:cause"`` → (threshold, ``conditional_options``)."""
    value, _, side = spec.partition(":")
    options: dict = {}
    if value.startswith("r"):
        options["relative"] = True
        value = value[1:]
    if side:
        options["families"] = {"cause": ("intervention",), "effect": ("outcome",)}[side]
    return float(value), options


def score_group(group, sentences, gold_all, pred_all, hosts, args) -> None:
    """Pair precision / recall / F1 of every method, and paired F1 differences, on the sets of ``group``."""
    from futoko_research.analysis.link_eval import pair_scores
    from futoko_research.coding import paired_difference

    scored = sentences if group is None else sentences[sentences["set"].isin(group)]
    ids = list(scored["sentence_id"].astype(str))
    keep_ids = set(ids)
    gold = {k: v for k, v in gold_all.items() if k in keep_ids}
    print(f"\nscored: {'all sets' if group is None else 'sets ' + ', '.join(group)} ({len(ids)} sentences, "
          f"{len({hosts[i] for i in ids})} hosts)")
    preds = {}
    for name, allp in pred_all.items():
        pred = {k: v for k, v in allp.items() if k in keep_ids}
        preds[name] = pred
        sc = pair_scores(gold, pred, hosts, sentences=ids, n_boot=args.n_boot, seed=args.seed)
        s0 = sc.iloc[0]
        cells = "  ".join(f"{r.metric} {r.estimate:.3f} [{r.conf_low:.2f}, {r.conf_high:.2f}]" for r in sc.itertuples())
        print(f"{name:16s} {cells}  ({int(s0.n_true_pos)} / {int(s0.n_pred)} / {int(s0.n_gold)})")
    # paired host bootstrap of the F1 difference: a pair (cause, effect) is a column of a 0/1 table, so
    # the micro-F1 of coding.paired_difference over those columns is the pair F1 of pair_scores
    columns = sorted({p for d in (gold, *preds.values()) for v in d.values() for p in v})

    def table(d):
        return pd.DataFrame([[int(c in d.get(s, set())) for c in columns] for s in ids], columns=columns)

    names = [n for n in preds if not n.startswith("main: ")]
    comparisons = [("hybrid sides", "rules sides")]
    comparisons += [(n, base) for n in names[2:] for base in ("rules sides", "hybrid sides")]
    comparisons += getattr(args, "compare_main", [])
    for new, base in comparisons:
        pdiff = paired_difference(table(gold), table(preds[base]), table(preds[new]),
                                  [hosts[s] for s in ids], n_boot=args.n_boot, seed=args.seed)
        print(f"paired F1, {new} − {base}: {pdiff['difference']:+.3f} "
              f"[{pdiff['low']:+.3f}, {pdiff['high']:+.3f}] ({pdiff['n_clusters']} hosts, paired host bootstrap)")


if __name__ == "__main__":
    sys.exit(main())

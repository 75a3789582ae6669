"""Score cause → effect links (``extract_links``) against gold pairs, and two annotators against each other.

Data (``--data``), either

- a folder with ``labels.csv`` (sentence_id, annotator, section, codes, cause_codes, effect_codes;
  codes joined with ``;``) and ``sentences.csv`` (sentence_id, host, text), as
  ``data/validation/``; or
- a YAML file in the shape of ``tests/fixtures/coding_heldout_real.yaml`` (``sentences:`` with id,
  source, section, text, cause_codes, effect_codes; one annotator, ``A``; host = the source's host).

A *pair* is (cause code, effect code) of the cartesian product of one label row's cause and effect
codes; a sentence's pairs are a set. Every sentence is its own statement (no back-reference
reaches another sentence, as in annotation by rule 12). Predicted pairs come from positive links of
any modality (an aimed link 「…を通して…を目指す」 is a link; a denied one is not); ``--modality``
narrows that.

Prints micro pair precision, recall and F1 with 95 % intervals from a bootstrap over hosts
(:func:`futoko_research.analysis.link_eval.pair_scores`), predicted pairs by construction, and
human–human pair precision / recall (annotator B against A) on the sentences both annotated. The
extractor has no trained part, so leave-source-out figures equal these; the host bootstrap is what
makes the intervals honest.

    .venv/bin/python benchmarks/eval_links.py --data data/validation [--gold adjudicated]
        [--annotators A B] [--no-parse] [--modality all] [--n-boot 2000] [--errors] [--sets c1,c2]

``--sets`` keeps only the sentences whose ``set`` column (``sentences.csv``) is one of the listed
sets (all sentences by default), e.g. the development sets ``c1,c2`` apart from the held-out
``c3,c4``.

Bad input gives one line naming the file (and line or field) and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

#: annotator names taken as the adjudicated gold, in order of preference (else the first annotator)
GOLD_NAMES = ("adjudicated", "gold", "adj", "consensus", "final")
LABEL_COLUMNS = ("sentence_id", "annotator", "section", "cause_codes", "effect_codes")
SENTENCE_COLUMNS = ("sentence_id", "host", "text")


class DataError(Exception):
    """Bad input: the message names the file and the line or field."""


def _read_csv(path: Path, needed: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise DataError(f"{path}: not found")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # a malformed CSV
        raise DataError(f"{path}: cannot read CSV ({exc})") from None
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
    for col in ("sentence_id",):
        empty = df.index[df[col].str.strip() == ""]
        if len(empty):
            raise DataError(f"{path}: line {int(empty[0]) + 2}: empty {col}")
    return df


def read_folder(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """labels (sentence_id, annotator, section, cause_codes, effect_codes) and sentences (sentence_id, host, text)."""
    labels = _read_csv(folder / "labels.csv", LABEL_COLUMNS)
    sentences = _read_csv(folder / "sentences.csv", SENTENCE_COLUMNS)
    dup = sentences["sentence_id"].duplicated()
    if dup.any():
        line = int(sentences.index[dup][0]) + 2
        raise DataError(f"{folder / 'sentences.csv'}: line {line}: duplicate sentence_id {sentences['sentence_id'][dup].iloc[0]!r}")
    known = set(sentences["sentence_id"])
    unknown = ~labels["sentence_id"].isin(known)
    if unknown.any():
        line = int(labels.index[unknown][0]) + 2
        raise DataError(f"{folder / 'labels.csv'}: line {line}: sentence_id {labels['sentence_id'][unknown].iloc[0]!r} "
                        "is not in sentences.csv")
    return labels, sentences


def read_yaml(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixture YAML as (labels, sentences) with annotator ``A`` and host = the source's host."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception as exc:
        raise DataError(f"{path}: cannot read YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise DataError(f"{path}: no 'sentences' list")
    lab, sen = [], []
    for k, s in enumerate(data["sentences"]):
        for field in ("id", "text"):
            if not s.get(field):
                raise DataError(f"{path}: sentences[{k}]: missing field {field!r}")
        host = urlparse(str(s.get("source", ""))).netloc or str(s.get("source", "")) or str(s["id"]).rsplit("-", 1)[0]
        sen.append({"sentence_id": str(s["id"]), "host": host, "text": str(s["text"])})
        lab.append({"sentence_id": str(s["id"]), "annotator": "A", "section": str(s.get("section", "") or ""),
                    "cause_codes": ";".join(s.get("cause_codes") or []),
                    "effect_codes": ";".join(s.get("effect_codes") or [])})
    sentences = pd.DataFrame(sen)
    if sentences["sentence_id"].duplicated().any():
        raise DataError(f"{path}: duplicate id {sentences['sentence_id'][sentences['sentence_id'].duplicated()].iloc[0]!r}")
    return pd.DataFrame(lab), sentences


def read_data(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    if path.is_dir():
        return read_folder(path)
    if path.suffix in (".yaml", ".yml"):
        return read_yaml(path)
    raise DataError(f"{path}: expected a folder with labels.csv and sentences.csv, or a .yaml file")


def select_sets(labels: pd.DataFrame, sentences: pd.DataFrame, sets: str | None,
                path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Labels and sentences of the sentences whose ``set`` is in the comma-separated ``sets`` (all when None)."""
    if not sets:
        return labels, sentences
    wanted = {x.strip() for x in sets.split(",") if x.strip()}
    if "set" not in sentences.columns:
        raise DataError(f"{path}: --sets given but the sentences have no 'set' column")
    unknown = wanted - set(sentences["set"])
    if unknown:
        raise DataError(f"{path}: set(s) {', '.join(sorted(unknown))} not in the sentences "
                        f"(found {', '.join(sorted(set(sentences['set'])))})")
    sentences = sentences[sentences["set"].isin(wanted)].reset_index(drop=True)
    labels = labels[labels["sentence_id"].isin(set(sentences["sentence_id"]))].reset_index(drop=True)
    return labels, sentences


def choose_gold(labels: pd.DataFrame, name: str | None, path: Path) -> str:
    names = list(dict.fromkeys(labels["annotator"]))
    if name is not None:
        if name not in names:
            raise DataError(f"{path}: annotator {name!r} not in the labels (found {', '.join(names)})")
        return name
    for cand in GOLD_NAMES:
        if cand in names:
            return cand
    return names[0]


def predict(sentences: pd.DataFrame, sections: dict[str, str], *, parse: bool, cache_dir,
            side_method: str = "rules") -> pd.DataFrame:
    """``extract_links`` over the sentences, each its own case.

    A sentence with a ``previous`` text (the sentence before it on its page) becomes the second
    statement of its case, after a statement holding that previous sentence, so a back-reference
    (その結果, これにより …) can resolve to it as it would in a loaded report. Only the sentences
    themselves are scored; links found inside a previous sentence are not.

    The sides are coded by ``side_method`` (``"rules"`` here by default, not ``extract_links``'
    hybrid: the shipped model was trained on these sentences, so only
    ``benchmarks/eval_links_hybrid.py``, leave-source-out, scores the hybrid's sides honestly).
    """
    from futoko_research.analysis.links import extract_links

    rows = []
    prev_col = sentences["previous"] if "previous" in sentences.columns else pd.Series([""] * len(sentences))
    for sid, text, prev in zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str),
                               prev_col.fillna("").astype(str)):
        section = sections.get(sid, "") or "outcome"
        if prev.strip():
            rows.append((f"{sid}#previous", sid, section, 1, prev.strip()))
        rows.append((sid, sid, section, 2 if prev.strip() else 1, text))
    st = pd.DataFrame({
        "statement_id": pd.array([r[0] for r in rows], dtype="string"),
        "case_id": pd.array([r[1] for r in rows], dtype="string"),
        "section": pd.array([r[2] for r in rows], dtype="string"),
        "position": pd.array([r[3] for r in rows], dtype="Int64"),
        "text": pd.array([r[4] for r in rows], dtype="string"),
        "source_id": pd.array(["eval_links"] * len(rows), dtype="string"),
    })
    st["text_norm"] = st["text"]
    tokens = None
    if parse:
        from futoko_research.analysis.links import prefilter_statements
        from futoko_research.features import dependency_tokens

        sub = st[prefilter_statements(st).to_numpy(dtype=bool)]
        tokens = dependency_tokens(sub, cache_dir=cache_dir) if len(sub) else None
    return extract_links(st, tokens=tokens, parse=False, side_method=side_method)


def gold_rows(labels: pd.DataFrame, modality: list[str] | None) -> pd.DataFrame:
    """Label rows whose pairs count as gold: positive links (a row without ``polarity`` is positive),
    of the chosen modality when the labels carry one."""
    keep = pd.Series(True, index=labels.index)
    if "polarity" in labels.columns:
        keep &= labels["polarity"].fillna("").isin(["", "positive"])
    if modality is not None and "modality" in labels.columns:
        keep &= labels["modality"].fillna("").isin(["", *modality])
    return labels[keep]


def _fmt(scores: pd.DataFrame, label: str) -> list[str]:
    out = []
    for r in scores.itertuples(index=False):
        ci = f"[{r.conf_low:.2f}, {r.conf_high:.2f}]" if pd.notna(r.conf_low) else "[  –  ,   –  ]"
        est = f"{r.estimate:.3f}" if pd.notna(r.estimate) else "  –  "
        out.append(f"  {label} {r.metric:<9s} {est}  {ci}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with labels.csv + sentences.csv, or a .yaml")
    parser.add_argument("--gold", default=None, help="annotator taken as gold (default: adjudicated/gold, else the first)")
    parser.add_argument("--annotators", nargs=2, default=("A", "B"), metavar=("A", "B"),
                        help="the two annotators compared (B scored against A)")
    parser.add_argument("--no-parse", action="store_true", help="string fallback, no GiNZA")
    parser.add_argument("--modality", choices=("all", "reported", "intended"), default="all")
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20240401)
    parser.add_argument("--cache-dir", default=None,
                        help="DocBin cache of the parses (default: the package's; 'off': no cache)")
    parser.add_argument("--errors", action="store_true", help="list every sentence whose pairs differ from gold")
    parser.add_argument("--sets", default=None,
                        help="comma-separated values of the sentences' 'set' column to keep (default: all)")
    args = parser.parse_args(argv)

    from futoko_research.analysis.link_eval import pair_scores, pairs_from_labels, pairs_from_links

    try:
        labels, sentences = read_data(args.data)
        labels, sentences = select_sets(labels, sentences, args.sets, args.data)
        gold_name = choose_gold(labels, args.gold, args.data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gl = labels[labels["annotator"] == gold_name]
    sentences = sentences[sentences["sentence_id"].isin(set(gl["sentence_id"]))].reset_index(drop=True)
    sections = dict(zip(gl["sentence_id"], gl["section"]))
    hosts = dict(zip(sentences["sentence_id"], sentences["host"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = predict(sentences, sections, parse=not args.no_parse,
                        cache_dir=False if args.cache_dir == "off" else args.cache_dir)
    modality = None if args.modality == "all" else [args.modality]
    gold = pairs_from_labels(gold_rows(gl, modality))
    pred = pairs_from_links(links, modality=modality)
    ids = list(sentences["sentence_id"])
    scores = pair_scores(gold, pred, hosts, sentences=ids, n_boot=args.n_boot, seed=args.seed)
    n_causal = sum(1 for i in ids if gold.get(i))
    print(f"links on {len(ids)} sentences ({n_causal} with gold pairs) from {len(set(hosts.values()))} hosts; "
          f"gold = annotator {gold_name!r}; predicted = positive links, modality {args.modality}; "
          f"{'string fallback' if args.no_parse else 'GiNZA dependencies (fast)'}")
    s0 = scores.iloc[0]
    print(f"  pairs: {int(s0.n_true_pos)} true positive, {int(s0.n_pred)} predicted, {int(s0.n_gold)} gold; "
          f"95 % intervals: percentile bootstrap over hosts ({args.n_boot} replicates, seed {args.seed})")
    print("\n".join(_fmt(scores, "extractor")))

    # predicted pairs by construction: how many, and how many are in gold
    rows = []
    # only the scored sentences (not the links found inside a back-reference's previous sentence)
    lk = links[(links["polarity"] == "positive") & links["statement_id"].astype(str).isin(set(ids))]
    if modality is not None:
        lk = lk[lk["modality"].isin(modality)]
    for r in lk.itertuples(index=False):
        for c in r.cause_codes:
            for e in r.effect_codes:
                rows.append({"construction": r.construction, "sid": r.statement_id, "pair": (c, e),
                             "tp": (c, e) in gold.get(str(r.statement_id), set())})
    if rows:
        by = pd.DataFrame(rows).drop_duplicates(["construction", "sid", "pair"])
        agg = by.groupby("construction", sort=True)["tp"].agg(["size", "sum"])
        print("  predicted pairs by construction (a pair found by two constructions counts in both):")
        for name, r in agg.iterrows():
            print(f"    {name:<18s} {int(r['size']):4d} predicted, {int(r['sum']):4d} in gold, precision {r['sum'] / r['size']:.2f}")

    if "construction" in gl.columns:
        # gold pairs by the construction the annotator named: which constructions the extractor misses
        rows = []
        for r in gold_rows(gl, modality).itertuples(index=False):
            kind = str(r.construction or "").split(":")[0].strip() or "(none)"
            for c in str(r.cause_codes or "").split(";"):
                for e in str(r.effect_codes or "").split(";"):
                    if c and e:
                        rows.append({"construction": kind, "sid": r.sentence_id, "pair": (c, e),
                                     "found": (c, e) in pred.get(str(r.sentence_id), set())})
        if rows:
            by = pd.DataFrame(rows).drop_duplicates(["construction", "sid", "pair"])
            agg = by.groupby("construction", sort=True)["found"].agg(["size", "sum"])
            agg = agg[agg["size"] >= 3].sort_values("size", ascending=False)
            print("  gold pairs by the annotator's construction (>= 3 pairs): found / gold")
            for name, r in agg.iterrows():
                print(f"    {name:<18s} {int(r['sum']):4d} / {int(r['size']):4d}  recall {r['sum'] / r['size']:.2f}")

    a, b = args.annotators
    if {a, b} <= set(labels["annotator"]):
        la, lb = labels[labels["annotator"] == a], labels[labels["annotator"] == b]
        both = [i for i in dict.fromkeys(la["sentence_id"]) if i in set(lb["sentence_id"])]
        all_hosts = dict(zip(*read_hosts(args.data, labels, sentences)))
        hh = pair_scores(pairs_from_labels(gold_rows(la, modality)), pairs_from_labels(gold_rows(lb, modality)), all_hosts, sentences=both,
                         n_boot=args.n_boot, seed=args.seed)
        print(f"human–human: annotator {b!r} against {a!r} on {len(both)} sentences both annotated "
              f"({int(hh.iloc[0].n_gold)} pairs of {a!r}, {int(hh.iloc[0].n_pred)} of {b!r})")
        print("\n".join(_fmt(hh[hh["metric"] != "f1"], "human   ")))
    else:
        print(f"human–human: no annotator {b!r} beside {a!r} in the labels; not computed")

    if args.errors:
        text = dict(zip(sentences["sentence_id"], sentences["text"]))
        for i in ids:
            g, p = gold.get(i, set()), pred.get(i, set())
            if g != p:
                print(f"\n{i} [{sections.get(i, '')}] {text[i]}\n  missed: {sorted(g - p)}\n  extra:  {sorted(p - g)}")
    return 0


def read_hosts(path: Path, labels: pd.DataFrame, sentences: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(sentence ids, hosts) of every sentence of the data (not only the gold annotator's)."""
    if path.is_dir():
        s = _read_csv(path / "sentences.csv", SENTENCE_COLUMNS)
        return list(s["sentence_id"]), list(s["host"])
    return list(sentences["sentence_id"]), list(sentences["host"])


if __name__ == "__main__":
    sys.exit(main())

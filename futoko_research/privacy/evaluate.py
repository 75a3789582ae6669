"""Full-span evaluation of the detectors on annotated fixtures (YAML: items of text + spans)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from futoko_research.privacy.lexicon import DIRECT_KINDS, KINDS


def read_fixture(path: str | Path) -> tuple[list[str], pd.DataFrame]:
    """Read an annotated fixture; return (texts, gold spans).

    The fixture lists, for each item, ``spans`` as ``[kind, exact text]`` in order of
    appearance; offsets are found left to right.

    Returns
    -------
    (texts, gold) : gold has text_idx, start, end, kind, text.
    """
    import yaml

    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    rows = []
    for i, item in enumerate(data["items"]):
        text = str(item["text"])
        texts.append(text)
        pos = 0
        for kind, span in item.get("spans") or []:
            span = str(span)
            if kind not in KINDS:
                raise ValueError(f"{path}: item {i + 1}: unknown kind {kind!r}")
            s = text.find(span, pos)
            if s < 0:
                raise ValueError(f"{path}: item {i + 1}: span {span!r} not found after offset {pos}")
            rows.append((i, s, s + len(span), kind, span))
            pos = s + len(span)
    gold = pd.DataFrame(rows, columns=["text_idx", "start", "end", "kind", "text"])
    return texts, gold


def score_spans(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Full-span precision and recall per kind (a hit needs the same text, start, end and kind).

    Returns
    -------
    DataFrame: kind, n_gold, n_pred, n_match (Int64), recall, precision (float64); plus the rows
    ``direct`` (person, phone, email, address, id, postcode) and ``all``.
    """
    g = {(int(r.text_idx), int(r.start), int(r.end), str(r.kind)) for r in gold.itertuples()}
    p = {(int(r.text_idx), int(r.start), int(r.end), str(r.kind)) for r in pred.itertuples()}
    rows = []
    groups = [(k, {k}) for k in KINDS] + [("direct", set(DIRECT_KINDS)), ("all", set(KINDS))]
    for name, kinds in groups:
        gk = {x for x in g if x[3] in kinds}
        pk = {x for x in p if x[3] in kinds}
        m = len(gk & pk)
        if not gk and not pk:
            continue
        rows.append((name, len(gk), len(pk), m, m / len(gk) if gk else float("nan"),
                     m / len(pk) if pk else float("nan")))
    out = pd.DataFrame(rows, columns=["kind", "n_gold", "n_pred", "n_match", "recall", "precision"])
    return out.astype({"kind": "string", "n_gold": "Int64", "n_pred": "Int64", "n_match": "Int64"})


def evaluate_fixture(path: str | Path, *, use_ner: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, errors) of the certain findings on one fixture file.

    ``errors`` lists misses (``fn``) and false alarms (``fp``): text_idx, kind, text, error.
    """
    from futoko_research.privacy.detect import find_personal_data

    texts, gold = read_fixture(path)
    pred = find_personal_data(texts, use_ner=use_ner, include_uncertain=False)
    scores = score_spans(gold, pred)
    gk = {(int(r.text_idx), int(r.start), int(r.end), str(r.kind)): r.text for r in gold.itertuples()}
    pk = {(int(r.text_idx), int(r.start), int(r.end), str(r.kind)): r.text for r in pred.itertuples()}
    errs = [(k[0], k[3], v, "fn") for k, v in gk.items() if k not in pk]
    errs += [(k[0], k[3], v, "fp") for k, v in pk.items() if k not in gk]
    errors = pd.DataFrame(sorted(errs), columns=["text_idx", "kind", "text", "error"])
    return scores, errors

"""Full-span evaluation of the detectors on annotated fixtures (YAML: items of text + spans)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from futoko_research.privacy.lexicon import DIRECT_KINDS, KINDS

#: shape given to a gold span whose fixture does not name one
UNSPECIFIED_SHAPE = "unspecified"


def read_fixture(path: str | Path) -> tuple[list[str], pd.DataFrame]:
    """Read an annotated fixture; return (texts, gold spans).

    The fixture lists, for each item, ``spans`` as ``[kind, exact text]`` or
    ``[kind, exact text, shape]`` in order of appearance; offsets are found left to right.
    A fixture whose top level says ``span_occurrences: all`` lists each span once per item
    (its writer's convention); every other whole occurrence of that string in the item that
    overlaps no listed span is then gold too, with the same kind and shape. In such a fixture a
    span listed out of order (not found after the previous one) is placed at its first
    occurrence that lies inside no longer listed string.

    Returns
    -------
    (texts, gold) : gold has text_idx, start, end, kind, text, shape (``unspecified`` when the
    fixture gives none).
    """
    import yaml

    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    rows = []
    every = data.get("span_occurrences") == "all"
    for i, item in enumerate(data["items"]):
        text = str(item["text"])
        texts.append(text)
        pos = 0
        for entry in item.get("spans") or []:
            if not isinstance(entry, list | tuple) or len(entry) not in (2, 3):
                raise ValueError(f"{path}: item {i + 1}: a span must be [kind, text] or [kind, text, shape]")
            kind, span = entry[0], str(entry[1])
            shape = str(entry[2]) if len(entry) == 3 and entry[2] else UNSPECIFIED_SHAPE
            if kind not in KINDS:
                raise ValueError(f"{path}: item {i + 1}: unknown kind {kind!r}")
            s = text.find(span, pos)
            if s < 0 and every:
                # every occurrence counts, so the order of listing does not matter: take the first
                # occurrence that lies inside no longer listed string (遥斗 not inside 柏木 遥斗)
                s = _first_free_occurrence(text, span, [str(e[1]) for e in item["spans"]])
            if s < 0:
                raise ValueError(f"{path}: item {i + 1}: span {span!r} not found after offset {pos}")
            rows.append((i, s, s + len(span), kind, span, shape))
            pos = s + len(span)
        if data.get("span_occurrences") == "all":
            rows += repeated_occurrences(i, text, [r for r in rows if r[0] == i])
    gold = pd.DataFrame(rows, columns=["text_idx", "start", "end", "kind", "text", "shape"])
    return texts, gold.sort_values(["text_idx", "start"], kind="stable").reset_index(drop=True)


def _first_free_occurrence(text: str, span: str, listed: list[str]) -> int:
    """Start of the first occurrence of ``span`` not inside an occurrence of a longer listed string (-1: none)."""
    covered = [(m, m + len(o)) for o in listed if len(o) > len(span) and span in o
               for m in (k for k in range(len(text)) if text.startswith(o, k))]
    start = text.find(span)
    while start >= 0:
        if not any(a <= start and start + len(span) <= b for a, b in covered):
            return start
        start = text.find(span, start + 1)
    return -1


def repeated_occurrences(text_idx: int, text: str, listed: list[tuple]) -> list[tuple]:
    """Gold rows for the other occurrences of each listed span's string (``span_occurrences: all``).

    Longer strings are placed first, so the 千尋 inside a listed 柏木 千尋 is not counted twice.
    """
    taken = [(r[1], r[2]) for r in listed]
    extra = []
    for _, _, _, kind, span, shape in sorted(listed, key=lambda r: -len(r[4])):
        start = text.find(span)
        while start >= 0:
            end = start + len(span)
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                extra.append((text_idx, start, end, kind, span, shape))
            start = text.find(span, start + 1)
    return extra


def wilson_interval(count: int, nobs: int, *, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval of a proportion (``nan, nan`` when ``nobs`` is 0).

    Notes
    -----
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``; the Wilson interval
    keeps its coverage near 1 - alpha for proportions near 1 and small n, where the normal
    (Wald) interval collapses.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    JASA 22, 209-212.
    """
    if nobs == 0:
        return float("nan"), float("nan")
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(count, nobs, alpha=alpha, method="wilson")
    return float(lo), float(hi)


#: honorifics a person span may end with or not (span convention, see docs/privacy.md); since
#: round 14 also パパ/ママ after a child's name (はるママ = はる: writers 6, 9, 10 mark the name,
#: writer 13 the whole)
RE_HONORIFIC_TAIL = re.compile(r"(?:ちゃん|くん|君|さん|様|パパ|ママ)$")
#: a founder prefix a school span may start with or not (東御原市立桜台中学校 = 桜台中学校)
RE_FOUNDER_HEAD = re.compile(r"^[一-龥々ヶ]{0,8}?[都道府県市区町村]立|^(?:国立|公立|私立)")
#: the postal mark a postcode span may start with or not (〒231-0862 = 231-0862)
RE_POSTCODE_MARK = re.compile(r"^〒\s*")
#: a label an id span may start with or not (No.112 = 112, 受付No.0612 = 0612, 児童番号：C-1 = C-1)
RE_ID_LABEL = re.compile(r"^[^\d\s:：]{0,8}?(?:No|NO|no|Ｎｏ|№|#|＃|番号|ID|ＩＤ)[.．]?\s*[:：]?\s*(?=\S)")
#: 第…号 around an id (第25-19号 = 25-19)
RE_ID_DAI_GO = re.compile(r"^第(?=.*[0-9０-９].*号$)")


def span_key(text_idx: int, start: int, end: int, kind: str, text: str) -> tuple[int, int, int, str]:
    """The key two spans are compared by: (text_idx, start, end, kind), with the parts the span
    conventions leave open cut off — an honorific or パパ/ママ at the end of a person span (ゆうくん = ゆう;
    writers mark nicknames with their suffix, the detector leaves くん/ちゃん out unless the stem
    ends in っ/ー), a founder prefix at the start of a school span (…市立桜台中学校 =
    桜台中学校; 市立本郷中学校 = 本郷中学校), the postal mark 〒 before a postcode, and an id's
    label (No.112 = 112, 受付No.0612 = 0612) or the 第…号 around it (第25-19号 = 25-19). Both
    forms mask the same identifying part. Session 14: the @ before a handle (@kanata__k = kanata__k)
    and symbols after a nickname (そら🌙 = そら, あやか☆ = あやか).
    """
    if kind == "person":
        m = RE_HONORIFIC_TAIL.search(text)
        if m and m.start() >= 1:
            end -= len(text) - m.start()
        if text.startswith("@") and len(text) > 1:
            start += 1
        deco = len(text) - len(text.rstrip("".join(ch for ch in set(text) if unicodedata.category(ch) == "So")))
        if 0 < deco < len(text):  # a decoration after a nickname (そら🌙, あやか☆ = そら, あやか)
            end -= deco
    elif kind == "school":
        m = RE_FOUNDER_HEAD.match(text)
        if m and m.end() < len(text) - 1:
            start += m.end()
    elif kind == "postcode":
        m = RE_POSTCODE_MARK.match(text)
        if m and m.end() < len(text):
            start += m.end()
    elif kind == "id":
        m = RE_ID_DAI_GO.match(text)
        if m:
            start, end = start + 1, end - 1
            text = text[1:-1]
        m = RE_ID_LABEL.match(text)
        if m and any(ch.isdigit() for ch in text[m.end():]):
            start += m.end()
    return int(text_idx), int(start), int(end), str(kind)


def _keys(df: pd.DataFrame) -> set[tuple[int, int, int, str]]:
    return {span_key(r.text_idx, r.start, r.end, r.kind, str(getattr(r, "text", ""))) for r in df.itertuples()}


def split_joined_addresses(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """``pred`` with each address span that joins several gold address spans split into them.

    Span convention (session 9): some writers mark a street address and the building after it as
    two spans (港南市若松3丁目2-7 | ハイツ若松 305号室), the detector masks them as one. A predicted
    address whose text is exactly two or more gold address spans of the same text, in order, with
    nothing but white space (a space, a line break) between them, counts as those spans — the same
    characters are masked either way. Session 14: the predicted address may also start earlier, over
    place names with no digit (柚原市御影台3丁目11-4 for the gold 3丁目11-4: writers 46–49 mark the
    address below the town or district, the detector from the town on) — it masks the gold span and
    more. Any other overlap is left as it is (a miss and a false alarm).
    """
    if pred.empty or gold.empty:
        return pred
    gold_addr = gold[gold["kind"] == "address"]
    by_text = {i: sorted((int(r.start), int(r.end), r) for r in part.itertuples())
               for i, part in gold_addr.groupby("text_idx")}
    rows = []
    for r in pred.itertuples(index=False):
        parts = by_text.get(r.text_idx, []) if r.kind == "address" else []
        inside = [(s, e, g) for s, e, g in parts if r.start <= s and e <= r.end]
        text = str(getattr(r, "text", ""))
        head = text[:inside[0][0] - r.start] if inside else ""
        if (inside and (len(inside) >= 2 or head) and inside[-1][1] == r.end
                and not re.search(r"[0-9０-９\n]", head)
                and all(not text[inside[k][1] - r.start:inside[k + 1][0] - r.start].strip()
                        for k in range(len(inside) - 1))):
            for s, e, g in inside:
                rows.append(r._replace(start=s, end=e, text=g.text)._asdict())
        else:
            rows.append(r._asdict())
    return pd.DataFrame(rows, columns=pred.columns).astype(pred.dtypes.to_dict())


def score_spans(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Full-span precision and recall per kind (a hit needs the same text, start, end and kind,
    up to the span conventions of :func:`span_key`).

    Returns
    -------
    DataFrame: kind, n_gold, n_pred, n_match (Int64), recall, recall_lo, recall_hi, precision,
    precision_lo, precision_hi (float64; 95 % Wilson intervals); plus the rows ``direct``
    (person, phone, email, address, id, postcode) and ``all``.
    """
    g, p = _keys(gold), _keys(split_joined_addresses(gold, pred))
    rows = []
    groups = [(k, {k}) for k in KINDS] + [("direct", set(DIRECT_KINDS)), ("all", set(KINDS))]
    for name, kinds in groups:
        gk = {x for x in g if x[3] in kinds}
        pk = {x for x in p if x[3] in kinds}
        m = len(gk & pk)
        if not gk and not pk:
            continue
        rows.append((name, len(gk), len(pk), m, m / len(gk) if gk else float("nan"),
                     *wilson_interval(m, len(gk)), m / len(pk) if pk else float("nan"),
                     *wilson_interval(m, len(pk))))
    out = pd.DataFrame(rows, columns=["kind", "n_gold", "n_pred", "n_match", "recall", "recall_lo",
                                      "recall_hi", "precision", "precision_lo", "precision_hi"])
    return out.astype({"kind": "string", "n_gold": "Int64", "n_pred": "Int64", "n_match": "Int64"})


def score_shapes(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Full-span recall per (kind, shape) of the gold spans, with 95 % Wilson intervals.

    Returns
    -------
    DataFrame: kind, shape (string), n_gold, n_match (Int64), recall, recall_lo, recall_hi
    (float64), ordered by kind then shape.
    """
    p = _keys(split_joined_addresses(gold, pred))
    rows = []
    shape_col = gold["shape"] if "shape" in gold.columns else pd.Series(UNSPECIFIED_SHAPE, index=gold.index)
    for (kind, shape), part in gold.assign(shape=shape_col).groupby(["kind", "shape"], sort=True):
        m = len(_keys(part) & p)
        rows.append((kind, shape, len(part), m, m / len(part), *wilson_interval(m, len(part))))
    out = pd.DataFrame(rows, columns=["kind", "shape", "n_gold", "n_match", "recall", "recall_lo", "recall_hi"])
    return out.astype({"kind": "string", "shape": "string", "n_gold": "Int64", "n_match": "Int64"})


def evaluate_fixture(
    path: str | Path, *, use_ner: bool = True, by_shape: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame] | tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(scores, errors) of the certain findings on one fixture file; with ``by_shape``,
    (scores, errors, shapes) where ``shapes`` is :func:`score_shapes`.

    ``errors`` lists misses (``fn``) and false alarms (``fp``): text_idx, kind, text, error.
    """
    from futoko_research.privacy.detect import find_personal_data

    texts, gold = read_fixture(path)
    pred = split_joined_addresses(gold, find_personal_data(texts, use_ner=use_ner, include_uncertain=False))
    scores = score_spans(gold, pred)
    gk = {span_key(r.text_idx, r.start, r.end, r.kind, str(r.text)): r.text for r in gold.itertuples()}
    pk = {span_key(r.text_idx, r.start, r.end, r.kind, str(r.text)): r.text for r in pred.itertuples()}
    errs = [(k[0], k[3], v, "fn") for k, v in gk.items() if k not in pk]
    errs += [(k[0], k[3], v, "fp") for k, v in pk.items() if k not in gk]
    errors = pd.DataFrame(sorted(errs), columns=["text_idx", "kind", "text", "error"])
    if by_shape:
        return scores, errors, score_shapes(gold, pred)
    return scores, errors

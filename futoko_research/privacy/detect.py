"""Find personal data in Japanese text: names, schools, classes, addresses, contact data, ids.

Detectors (combined, then merged)
---------------------------------
``regex``
    e-mail, phone, postcode (〒 / 郵便番号), labelled ids (学籍番号 …), dates of birth (生年月日 …,
    …生まれ), class numbers (5年B組), addresses (… 市 … 町 3丁目12番地) — run on a copy whose
    full-width letters and digits are folded to ASCII (one character for one, offsets kept).
``sudachi``
    SudachiDict's person tags (名詞-固有名詞-人名-姓/名/一般) on consecutive tokens.
``honorific``
    the words before an honorific or role (さん, くん, 君, ちゃん, 様, 先生, 教諭, SSW, SC …).
``role``
    the name after a role or a form label (担任の…, 母親：…, 氏名：…).
``school``
    school names (〇〇小学校, 〇〇中学校, 〇〇高校, 〇〇幼稚園 …) and abbreviations (南小, 東中).
``reading``
    a kana reading in brackets right after a name (山田太郎（やまだたろう）).
``mark``
    names known from a mark written next to them on the original text (Ｋくん, 本人（小6・朝陽）,
    関さん（母）, 井上 正樹 様 alone on a line …) and codes alone in title brackets
    (:mod:`~futoko_research.privacy.marks`).
``lexname``
    given and family names of the ``gimei`` name lexicon (:mod:`~futoko_research.privacy.names`)
    in a slot that says person: an honorific, grade, kin word, role or visit word next to them,
    a person predicate, a list with a count or a label; romanised names in English text
    (:mod:`~futoko_research.privacy.lexnames`).
``tagger``
    a learned person-name tagger (:mod:`~futoko_research.privacy.nametagger`, round 14): spans of
    one to three tokens scored by shape and context, never by their spelling; it only adds names
    touching no other finding (``use_tagger``, default on).
``ginza``
    GiNZA's ``Person`` entities (extended named-entity set). GiNZA's other labels are not used
    (phone numbers come out as Speed or Age). Run only on sentences with a cue (a proper noun,
    an unknown word or an honorific); alone, a GiNZA entity is uncertain.

Notes
-----
Since round 17 every detector reads a normalised copy of each text
(:mod:`~futoko_research.privacy.normalise`: half-width katakana widened, diacritics dropped from
Latin letters, kanji digits of phones, postcodes and house numbers in ASCII); findings are mapped
back to the original characters. Detection runs on a *view* of each text in which whitespace between two Japanese characters
is removed (so a name wrapped over two lines or written 山田 太郎 is one word); spans are
mapped back to the original text. Already-anonymised forms (当該生徒, A君, Aさん, 児童A, 〇〇さん)
and this package's pseudonyms (人物A, 学校B …) are never flagged, which makes
pseudonymisation idempotent.

Modules: :mod:`~futoko_research.privacy.text` (views, tokens), :mod:`~futoko_research.privacy.rules`
(regex, Sudachi, honorific, role, school, reading), :mod:`~futoko_research.privacy.marks` (marks next
to a name, address spans repaired in the text's coordinates), :mod:`~futoko_research.privacy.ner` (GiNZA);
this module merges their candidates and builds the findings table. The per-text post-passes of
rounds 18 to 29 on the final findings run in order in :mod:`~futoko_research.privacy.postpasses`.
Round 26's, across texts: :mod:`~futoko_research.privacy.collection` (a name found in one text of
the call at its whole occurrences in the others). Round 25's, last:
:mod:`~futoko_research.privacy.placenames` (places of the collection tagged as family names,
kinship nicknames, kana heads of titles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.clauses import detect_clauses
from futoko_research.privacy.collection import collection_echoes
from futoko_research.privacy.context import (
    add_codes_and_coreference,
    detect_context,
    name_units,
    refine_people,
)
from futoko_research.privacy.cues import detect_cues
from futoko_research.privacy.handleshapes import parent_handles
from futoko_research.privacy.lexnames import detect_lexnames
from futoko_research.privacy.marks import cut_glued_heads, detect_marks
from futoko_research.privacy.ner import detect_ner
from futoko_research.privacy.normalise import normalise, to_original
from futoko_research.privacy.peers import detect_peers, split_dotted
from futoko_research.privacy.personslots import detect_person_slots, readings_after_names
from futoko_research.privacy.placenames import drop_place_names, places_by_text
from futoko_research.privacy.postpasses import text_post_passes
from futoko_research.privacy.rules import detect_names, detect_regex, detect_schools
from futoko_research.privacy.segments import detect_segments
from futoko_research.privacy.shapes import latin_coreference
from futoko_research.privacy.slots import detect_slots
from futoko_research.privacy.text import (  # noqa: F401  (re-exported)
    Candidate,
    Tok,
    fold_text,
    make_view,
    norm_key,
    token_boundaries,
    tokenize,
    view_span_to_text,
)
from futoko_research.privacy.tidy import tidy_candidates

#: findings at or above this confidence are certain (replaced); below go to the review queue
CERTAIN_THRESHOLD = 0.7


# ---------------------------------------------------------------- merging
def _overlap(a: Candidate, b: Candidate) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return a.kind == b.kind == "person" and (a.end == b.start or b.end == a.start)


def merge_candidates(cands: list[Candidate]) -> list[Candidate]:
    """Merge overlapping candidates; the kind that comes first in ``KINDS`` wins.

    GiNZA-only candidates never widen a span found by another detector; they add their name
    to its detector list and raise its confidence to 0.9 (two detectors agree).
    """
    rank = {k: i for i, k in enumerate(lx.KINDS)}
    base = sorted((c for c in cands if c.detector != "ginza"), key=lambda c: (c.start, -c.end))
    ner = sorted((c for c in cands if c.detector == "ginza"), key=lambda c: (c.start, -c.end))
    groups: list[list[Candidate]] = []
    for c in base:
        if groups and any(_overlap(c, g) for g in groups[-1]):
            groups[-1].append(c)
        else:
            groups.append([c])
    merged: list[Candidate] = []
    for g in groups:
        kind = min((c.kind for c in g), key=rank.__getitem__)
        mine = [c for c in g if c.kind == kind]
        dets = sorted({c.detector for c in mine})
        conf = max(c.confidence for c in mine)
        if len(dets) > 1:
            conf = max(conf, 0.9)
        merged.append(Candidate(min(c.start for c in mine), max(c.end for c in mine), kind, "+".join(dets), conf))
    extra: list[Candidate] = []
    for c in ner:
        hit = [m for m in merged if m.start < c.end and c.start < m.end]
        if hit:
            for m in hit:
                if "ginza" not in m.detector.split("+"):
                    m.detector = "+".join(sorted([*m.detector.split("+"), "ginza"]))
                    if m.kind == "person":
                        m.confidence = max(m.confidence, 0.9)
        elif extra and extra[-1].start < c.end and c.start < extra[-1].end:
            extra[-1].end = max(extra[-1].end, c.end)
        else:
            extra.append(Candidate(c.start, c.end, c.kind, c.detector, c.confidence))
    return sorted(merged + extra, key=lambda c: (c.start, c.end))


# ---------------------------------------------------------------- public API
FINDING_COLUMNS = ("text_idx", "start", "end", "kind", "text", "detector", "confidence", "certain")


def detect_view(view: str, toks: list[Tok], *, ignore: frozenset[str] = frozenset()) -> list[Candidate]:
    """Regex, Sudachi, honorific, role and school candidates of one view (not merged, no NER)."""
    units = name_units(toks)
    cands = (detect_regex(fold_text(view)) + detect_names(view, units) + detect_schools(view, toks)
             + detect_context(view, units) + detect_cues(view, toks))
    masked = [(m.start(), m.end()) for m in lx.RE_PSEUDONYM.finditer(view)]
    keep = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in masked):
            continue
        if norm_key(view[c.start:c.end]) in ignore:
            continue
        keep.append(c)
    return keep


def _to_text(c: Candidate, origin: list[int]) -> Candidate:
    s, e = view_span_to_text(origin, c.start, c.end)
    return Candidate(s, e, c.kind, c.detector, c.confidence)


def text_views(text: str) -> list[tuple[str, list[int]]]:
    """The joined view (wrapped lines joined) and, when different, the line view (line breaks
    kept). Known originals are searched in both: a confirmed name at the start of a line is
    found even where joining the lines changes Sudachi's segmentation (A君 / 山田太郎 → 君山)."""
    joined = make_view(text)
    lines = make_view(text, keep_newlines=True)
    return [joined] if lines[0] == joined[0] else [joined, lines]


def _segments_in_view(text: str, origin: list[int]) -> list[Candidate]:
    """:func:`~futoko_research.privacy.segments.detect_segments` moved to view coordinates."""
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for c in detect_segments(text) + detect_marks(text):
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out


def _add_tagged(view: str, toks: list[Tok], merged: list[Candidate], ignore_set: frozenset[str],
                origin: list[int] | None = None) -> list[Candidate]:
    """``merged`` plus the learned name tagger's additions (spans touching no finding)."""
    from futoko_research.privacy.nametagger import tag_names
    from futoko_research.privacy.nametagger_io import load_tagger

    added = [c for c in tag_names(view, toks, merged, load_tagger(), origin=origin)
             if norm_key(view[c.start:c.end]) not in ignore_set]
    if not added:
        return merged
    return sorted(merged + added, key=lambda c: (c.start, c.end))


def find_candidates(
    texts: Sequence[str], *, use_ner: bool = True, ignore: Iterable[str] = (), use_tagger: bool = True,
    collection: bool = True,
) -> list[tuple[str, list[Candidate]]]:
    """(text, merged candidates in the text's own coordinates) for each text.

    Detection runs on a normalised copy of each text (:func:`~futoko_research.privacy.normalise.normalise`:
    half-width katakana widened, diacritics dropped from Latin letters, kanji digits of phone
    numbers, postcodes and house numbers in ASCII — round 17); the spans are mapped back to the
    text's own characters.
    """
    texts = [t if isinstance(t, str) else "" for t in texts]
    normed = [normalise(t) for t in texts]
    found = _find_candidates([n for n, _ in normed], use_ner=use_ner, ignore=ignore, use_tagger=use_tagger,
                             collection=collection)
    out = []
    for t, (_, spans), (_, cands) in zip(texts, normed, found):
        moved = []
        for c in cands:
            s, e = to_original(spans, c.start, c.end)
            moved.append(Candidate(s, e, c.kind, c.detector, c.confidence))
        out.append((t, moved))
    return out


def _find_candidates(
    texts: Sequence[str], *, use_ner: bool = True, ignore: Iterable[str] = (), use_tagger: bool = True,
    collection: bool = True,
) -> list[tuple[str, list[Candidate]]]:
    """:func:`find_candidates` on texts already normalised.

    Detection runs on the joined view (whitespace between Japanese characters removed, so a
    name wrapped over two lines is one word); candidates are mapped back to the text. With
    ``use_tagger``, the learned name tagger (:mod:`~futoko_research.privacy.nametagger`) adds
    names touching no finding of the rules.
    """
    ignore_set = frozenset(norm_key(s) for s in ignore)
    texts = [t if isinstance(t, str) else "" for t in texts]
    views = [make_view(t) for t in texts]
    toks_list = [tokenize(v) for v, _ in views]
    cands = [detect_view(v, tk, ignore=ignore_set) for (v, _), tk in zip(views, toks_list)]
    for i, (t, (view, origin)) in enumerate(zip(texts, views)):
        cands[i].extend(c for c in _segments_in_view(t, origin) if norm_key(view[c.start:c.end]) not in ignore_set)
    if use_ner:
        ner = detect_ner([v for v, _ in views], toks_list)
        for i, extra in enumerate(ner):
            view = views[i][0]
            masked = [(m.start(), m.end()) for m in lx.RE_PSEUDONYM.finditer(view)]
            cands[i].extend(
                c for c in extra
                if not any(c.start < e and s < c.end for s, e in masked)
                and norm_key(view[c.start:c.end]) not in ignore_set
            )
    out = []
    for t, (view, origin), toks, cs in zip(texts, views, toks_list, cands):
        cs = cut_glued_heads(t, origin, cs)
        merged = tidy_candidates(merge_candidates(refine_people(view, toks, merge_candidates(cs))), view, origin, t)
        peers = [c for c in detect_peers(t, view, origin, merged) + detect_clauses(t, view, origin)
                 + detect_lexnames(t, view, origin, merged) + detect_slots(t, view, origin)
                 + detect_person_slots(t, view, origin, toks)
                 if norm_key(view[c.start:c.end]) not in ignore_set]
        if peers:
            merged = tidy_candidates(merge_candidates(merged + peers), view, origin, t)
        merged = split_dotted(view, merged)
        extra = [c for c in add_codes_and_coreference(view, toks, merged) + readings_after_names(view, merged)
                 + latin_coreference(
                     view, [m for m in merged if m.confidence >= CERTAIN_THRESHOLD])
                 if norm_key(view[c.start:c.end]) not in ignore_set]
        if extra:
            merged = split_dotted(view, tidy_candidates(merge_candidates(merged + extra), view, origin, t))
        if use_tagger:
            merged = _add_tagged(view, toks, merged, ignore_set, origin)
        out.append((t, text_post_passes(t, [_to_text(c, origin) for c in merged])))
    places = places_by_text(texts, out)  # round 25
    spread = collection_echoes(out) if collection else [f for _, f in out]  # round 26
    return [(t, parent_handles(t, drop_place_names(t, f, p))) for t, f, p in zip(texts, spread, places)]  # round 30


def find_personal_data(
    texts: Sequence[str] | pd.Series,
    *,
    use_ner: bool = True,
    include_uncertain: bool = True,
    ignore: Iterable[str] = (),
    use_tagger: bool = True,
    collection: bool = True,
) -> pd.DataFrame:
    """Find personal data in each text.

    Parameters
    ----------
    texts : the texts (a list or a Series; ``text_idx`` is the position, not the index label).
    use_ner : also run GiNZA's NER (``load_nlp("full")``) on sentences with a cue. Slower
        (≈ 2.6k characters/s); its entities alone are uncertain.
    include_uncertain : keep findings below :data:`CERTAIN_THRESHOLD` (``certain`` False).
    ignore : strings a researcher has marked as not personal (never flagged).
    use_tagger : also run the learned person-name tagger (round 14; shipped model
        ``futoko_research/models/privacy_name_tagger.npz``), which adds names in no rule's slot.
    collection : read the texts as one collection (round 26): a name found in one text is also
        found at its whole occurrences in the others (:mod:`~futoko_research.privacy.collection`).
        False reads each text on its own, except for the shared place evidence of round 25.

    Returns
    -------
    pandas.DataFrame, one row per merged finding, ordered by text_idx, start:
        text_idx (Int64) : position of the text in ``texts``.
        start, end (Int64) : character span in the original text (``end`` exclusive).
        kind (category) : person | school | class | address | phone | email | postcode |
            date_of_birth | id.
        text (string) : the original characters of the span.
        detector (string) : detectors that found it, joined by ``+`` (regex, sudachi,
            honorific, role, school, reading, lexname, ginza …).
        confidence (Float64) : 0–1, the best detector's; ≥ 0.9 when two detectors agree.
        certain (boolean) : ``confidence >= CERTAIN_THRESHOLD``; uncertain findings belong in
            the review queue, not in automatic replacement.

    Notes
    -----
    Whitespace between Japanese characters is ignored while detecting (the span then covers
    it: 「山田 太郎」). Organisations and places (根室市教育委員会, 長野県, 教育支援センター)
    are not personal data and are not flagged; neither are anonymised forms (当該生徒, A君,
    児童A, 〇〇さん) nor this package's pseudonyms (人物A).

    The texts passed together are one collection (round 25): a bare word that two or more of them
    use as a place (高浜港発, 高浜の佐伯さん宅) and none writes as a person is no person in any of
    them, so a text's findings can depend on the other texts of the call. And (round 26) a name
    found in one of them is found at its whole occurrences in the others, as pseudonymisation
    masks every whole occurrence of a name in its key: pass ``collection=False`` to read each text
    on its own in that respect.
    """
    texts = list(texts)
    rows = []
    for idx, (raw, cands) in enumerate(find_candidates(texts, use_ner=use_ner, ignore=ignore, use_tagger=use_tagger,
                                                       collection=collection)):
        for c in cands:
            certain = c.confidence >= CERTAIN_THRESHOLD
            if not certain and not include_uncertain:
                continue
            rows.append((idx, c.start, c.end, c.kind, raw[c.start:c.end], c.detector,
                         round(c.confidence, 3), certain))
    df = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return df.astype({
        "text_idx": "Int64", "start": "Int64", "end": "Int64",
        "kind": pd.CategoricalDtype(list(lx.KINDS)), "text": "string", "detector": "string",
        "confidence": "Float64", "certain": "boolean",
    })

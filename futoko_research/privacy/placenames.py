"""Round 25: place names that SudachiDict also knows as family names, and kinship nicknames.

Small places (a hamlet, an island, a district: 黒浜, 小鷺, 東浦) are often written with the same
characters as family names, and SudachiDict tags them as such. A collection of notes from one
area says which they are: the writers glue the word to a place or transport suffix (黒浜港,
小鷺島, 黒浜発, 黒浜着便, 東浦地区, 黒浜診療所, 黒浜在住), write it after a municipality
(七ツ瀬町黒浜), use it as where someone lives (黒浜の鰐部さん宅, 小鷺から渡船で) or put it in
the bracket after a home or a visit (汐入さん方（向田）, 家庭訪問（東浦・小鷺）). A post-pass on
the final findings (text coordinates):

* **place evidence** — a kanji word of two to four characters is a place of the collection when
  any text of it shows one of those constructions (:func:`collection_places`);
* a person finding that is such a place, alone or with its place suffix or municipality head
  (瀬町黒浜, 黒浜港発), is dropped unless a person cue follows it (an honorific, 宅, 家, 方 …:
  網代さん stays a person even where 網代港 is a port);
* a person finding written as a kinship nickname (ひいばあ, ばあば, じいじ, にいに, ねえね) is
  dropped: a family word a child uses, not a name;
* a kana person finding that heads a title or event word (しおかぜ通信, しおかぜ祭, こさぎ丸) is
  dropped: the name of a paper, a festival or a boat.

Names stay: 黒浜さん, 黒浜 太郎 (a given part follows), a family name no text of the collection
uses as a place, みさき (no title word after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from futoko_research.privacy.text import Candidate

#: place or transport words written right after a place name
_PLACE_TAIL = (
    r"(?:港|島|沖|地区|方面|行き|在住|出身|駅|支所|本庁|駐在所|診療所|公民館|漁協|郵便局"
    r"|小中学校|小学校|中学校|保育所|保育園|幼稚園|共同調理場|児童クラブ|放課後児童クラブ"
    r"|夏まつり|まつり|祭り?|太鼓"
    r"|(?:発|着)(?:便)?(?![一-龥々])|便(?![一-龥々ぁ-ゖ])|[町村](?![一-龥々ぁ-ゖ]))"
)
#: where someone lives or travels from: 黒浜の鰐部さん宅, 小鷺から渡船で, 黒浜へ引っ越し
_PLACE_USE = r"(?:の[一-龥々ァ-ヴー]{1,4}(?:さん|様)?宅|から(?:渡船|船|バス|フェリー)|へ(?:引っ越|転居|転入))"
_MUNI_HEAD = r"(?:[町村]|大?字)"
#: the bracket after a home or a visit says where it is: 佐伯さん方（高浜）, 家庭訪問（高浜・西浦）
_VISIT_SLOT = r"(?:宅|さん方|さん家|訪問|地区)"
_ADDRESS_NEXT = r"(?=[ \u3000]?(?:大?字|[0-9０-９一二三四五六七八九十]+(?:丁目|番)))"
_PERSON_CUE = re.compile(r"[ \u3000]?(?:さん|さま|様|くん|君|ちゃん|先生|氏|殿|宅|家|方|夫妻|一家|母|父|姉|兄)")
_ROLE_BEFORE = re.compile(r"(?:担任|教頭|校長|教諭|主任|担当|記録者?|保健師|主事|SSW|SC)[ \u3000:：]?\Z")
_RE_WORD = re.compile(r"[一-龥々]{2,4}")
_RE_KIN_NICK = re.compile(
    r"(?:ひい|ひぃ|おお)?(?:ばあ|ばぁ|じい|じぃ)(?:ば|じ)?|ばあば|じいじ|にいに|ねえね|ねぇね|にぃに"
    r"|(?:ヒイ)?(?:バア|ジイ)|バアバ|ジイジ|ニイニ|ネエネ"
)
_RE_TITLE = re.compile(r"[ぁ-ゖァ-ヴー]{2,}(?P<t>通信|新聞|だより|便り|祭り?|まつり|丸|号)")


def collection_places(texts: Sequence[str], words: Iterable[str], *, lots: bool = True) -> dict[str, frozenset[int]]:
    """For each of ``words`` (kanji words of 2–4 characters) the texts that use it as a place.

    With ``lots`` False, a word written only as the lot of an address (大字上原字寺前) is no
    evidence: lots are named after families as often as the reverse.

    Examples
    --------
    >>> ev = collection_places(["小鷺港7:20発", "黒浜の鰐部さん宅"], ["小鷺", "黒浜", "鰐部"])
    >>> sorted((w, sorted(i)) for w, i in ev.items())
    [('小鷺', [0]), ('黒浜', [1])]
    """
    out = {}
    for w in set(words):
        if not _RE_WORD.fullmatch(w):
            continue
        e = re.escape(w)
        head = _MUNI_HEAD if lots else "[町村]"
        pat = re.compile(rf"(?<![一-龥々]){e}(?:{_PLACE_TAIL}|{_PLACE_USE})|{head}{e}{_ADDRESS_NEXT}"
                         rf"|{_VISIT_SLOT}[（(](?:[^（(）)\n]{{1,8}}・)?{e}[・）)]")
        hits = frozenset(i for i, t in enumerate(texts) if isinstance(t, str) and pat.search(t))
        if hits:
            out[w] = hits
    return out


def person_words(texts: Sequence[str], found: Iterable[tuple[str, list[Candidate]]], words: Iterable[str]) -> set[str]:
    """The ``words`` the collection also writes as a person: before an honorific or heading a
    full name (網代さん, 網代 拓海)."""
    heads = set()
    for t, cands in found:
        for c in cands:
            if c.kind == "person":
                heads.add(re.sub(r"[ \u3000]", "", t[c.start:c.end]))
    out = set()
    for w in set(words):
        if any(h.startswith(w) and len(h) > len(w) and _core(h, frozenset([w])) is None for h in heads):
            out.add(w)
            continue
        cue = re.compile(rf"{re.escape(w)}[ \u3000]?(?:さん|くん|君|ちゃん|様|先生|氏|教諭|殿)"
                         rf"|(?:担任|教頭|校長|主任|担当)[ \u3000:：]?{re.escape(w)}(?![一-龥々])")
        if any(isinstance(t, str) and cue.search(t) for t in texts):
            out.add(w)
    return out


def places_by_text(texts: Sequence[str], found: list[tuple[str, list[Candidate]]]) -> list[frozenset[str]]:
    """For each text, the person words it should read as places: those the text itself uses as a
    place (unless it also writes them as a person: 担任 倉持 … 家庭訪問（倉持）), and the
    collection's recurring places (place evidence in two texts or more, never written as a
    person in the collection)."""
    words = {w for t, f in found for w in place_words(f, t)}
    ev = collection_places(texts, words)
    wide = collection_places(texts, ev, lots=False)
    people = person_words(texts, found, wide) if wide else set()
    shared = {w for w, hits in wide.items() if len(hits) >= 2 and w not in people}
    out = []
    for i, (t, f) in enumerate(found):
        local = {w for w, hits in ev.items() if i in hits}
        if local:
            local -= person_words([t], [(t, f)], local)
        out.append(frozenset(shared | local))
    return out


def _core(span: str, places: frozenset[str]) -> str | None:
    """The place inside a person span (``黒浜`` of 瀬町黒浜, 黒浜港発), ``None`` if there is none."""
    s = re.sub(r"[ \u3000]", "", span)
    if s in places:
        return s
    for p in places:
        if re.fullmatch(rf"(?:[一-龥々ツヶケ]{{0,3}}{_MUNI_HEAD})?{re.escape(p)}(?:{_PLACE_TAIL})*", s) and s != p:
            return p
    return None


def place_words(found: list[Candidate], text: str) -> set[str]:
    """The kanji person spans of ``found`` that could be places (input of :func:`collection_places`)."""
    return {text[c.start:c.end] for c in found if c.kind == "person" and _RE_WORD.fullmatch(text[c.start:c.end])}


def drop_place_names(text: str, cands: list[Candidate], places: frozenset[str]) -> list[Candidate]:
    """``cands`` without the places, kinship nicknames and title heads of the module docstring."""
    out = []
    for c in cands:
        if c.kind != "person":
            out.append(c)
            continue
        span = text[c.start:c.end]
        if _RE_KIN_NICK.fullmatch(span):
            continue
        if "named" not in c.detector and _RE_TITLE.match(text, c.start) and re.fullmatch(r"[ぁ-ゖァ-ヴー]+", span[:2]):
            t = _RE_TITLE.match(text, c.start)
            if t and c.end - len(t["t"]) <= t.start("t") <= c.end:
                continue
        core = _core(span, places) if places else None
        glued = c.start > 0 and re.match(r"[一-龥々ァ-ヴ]", text[c.start - 1])
        fragment = core is not None and (span.startswith(core) or glued)
        if fragment and not _PERSON_CUE.match(text, c.end) and not _ROLE_BEFORE.search(text, 0, c.start):
            continue
        out.append(c)
    return out

"""Round 22: the edges of romanised names in mixed-script notes.

A post-pass on the final findings (text coordinates). Notes written in English, Tagalog or
Indonesian next to Japanese, and chat logs from video meetings, put words around a romanised
name that the name rules take with it or that stop them short:

* **A lower-case word before a name** (``child Aarav``, ``Si Kyla ay …``): names are
  capitalised, so a lower-case head (an English noun, a Tagalog person marker ``si`` / ``ni``)
  is cut off — but not a name particle (``de``, ``van``, ``bin`` …). ``Si`` / ``Ni`` / ``Kay``
  (the Tagalog markers, capitalised at a sentence start) are cut as well.
* **Two names joined by a comma** (``Parents: Ahmad Fauzi, Siti Rahayu``): a person span that
  runs over ``,`` after two words or more is cut there; the piece after the comma, with the
  capitalised words that follow it, is a second name. One word before the comma is a family
  name written first (``Reyes, Joshua M.``, ``Yamane, Ai``): one name.
* **A role glued to a display name** (``Tanimura_SSW``, ``SSW_Mizuki``): a role abbreviation
  (two to four capitals) joined by ``_`` is cut off a Latin name; a display name of that shape
  after ``From`` in a saved meeting chat (``From SSW_Mizuki to Everyone:``) is a person, and so
  is every other whole occurrence of its name part.
* **A given name before a found family name** (``Maricel Dela Cruz:`` where ``Dela Cruz`` was
  found): a capitalised word directly before a Latin person span at the start of a line or a
  cell is taken with it, unless it is a title (Mr, Ms …) or an English word.
* **Products, languages and greetings** (``Facebook Messenger``, ``WhatsApp``, ``Bahasa
  Indonesia``, ``Obrigada``, ``Sensei``) are no one.
"""

from __future__ import annotations

import re

from futoko_research.privacy.leadwords import is_english_head
from futoko_research.privacy.text import Candidate

#: name particles that stay lower-case inside a name (Ana de Souza, Muhammad bin Ali)
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der",
                        "den", "bin", "binti", "ibn", "al", "el", "le", "la", "ben", "ter", "ten"})
_MARKERS = frozenset({"Si", "Ni", "Kay", "Sina", "Nina"})
_TITLES = frozenset({"Mr", "Ms", "Mrs", "Miss", "Dr", "Mx", "Teacher", "Sensei", "Dear", "Hi", "Hello"})
#: products, languages, greetings and titles that the romaji rules may take for names
_NOT_PEOPLE = frozenset({
    "facebook", "messenger", "facebook messenger", "whatsapp", "instagram", "line", "zoom", "teams",
    "google", "google meet", "google classroom", "youtube", "tiktok", "skype", "viber", "wechat",
    "kakaotalk", "sensei", "teacher", "bahasa", "bahasa indonesia", "tagalog", "nepali", "english",
    "portuguese", "vietnamese", "obrigada", "obrigado", "salamat", "salamat po", "namaste", "gracias",
    "danke", "merci", "terima kasih",
})
_WORD = r"[A-Z][a-z'\-]+"
_RE_FROM = re.compile(r"(?m)\bFrom (?P<h>[A-Za-z][A-Za-z.]*_[A-Za-z.]+|[A-Z]{2,4}_[A-Za-z.]+) to ")
_RE_ROLE_AFFIX = re.compile(r"^(?:(?P<a>[A-Z]{2,4})_(?P<n1>[A-Z][A-Za-z.]{2,})|(?P<n2>[A-Z][A-Za-z.]{2,})_(?P<b>[A-Z]{2,4}))$")


def _cut_heads(text: str, c: Candidate) -> Candidate:
    span = text[c.start:c.end]
    m = re.match(r"(?P<head>[A-Za-z]+) (?=[A-Z])", span)
    if m and ((m["head"].islower() and m["head"] not in _PARTICLES) or m["head"] in _MARKERS):
        return Candidate(c.start + m.end(), c.end, c.kind, c.detector, c.confidence)
    return c


def _split_commas(text: str, c: Candidate) -> list[Candidate]:
    span = text[c.start:c.end]
    if not re.fullmatch(rf"{_WORD}(?: {_WORD})+(?:, ?{_WORD}(?: {_WORD})*)+", span):
        return [c]  # one word before the comma: family, given (Reyes, Joshua M.) is one name
    out, pos = [], c.start
    for piece in re.split(r", ?", span):
        s = text.index(piece, pos)
        e = s + len(piece)
        pos = e
        if e == c.end:  # the last piece runs on over the capitalised words after the span
            m = re.match(rf"(?: {_WORD})+", text[e:])
            if m:
                e += m.end()
        out.append(Candidate(s, e, c.kind, c.detector, c.confidence))
    return out


def _role_affix(text: str, c: Candidate) -> Candidate:
    m = _RE_ROLE_AFFIX.match(text[c.start:c.end])
    if not m:
        return c
    g = "n1" if m["n1"] else "n2"
    return Candidate(c.start + m.start(g), c.start + m.end(g), c.kind, c.detector, c.confidence)


def _extend_left(text: str, c: Candidate) -> Candidate:
    if not re.fullmatch(rf"{_WORD}(?: {_WORD})+", text[c.start:c.end]):
        return c
    m = re.search(rf"(?:^|(?<=[\n\t|｜,：:（(「]))[ \t]*(?P<w>{_WORD}) $", text[max(0, c.start - 30):c.start])
    if not m or m["w"] in _TITLES or m["w"] in _MARKERS or is_english_head(m["w"]):
        return c
    return Candidate(c.start - len(m["w"]) - 1, c.end, c.kind, c.detector, c.confidence)


def _chat_names(text: str) -> set[str]:
    out = set()
    for m in _RE_FROM.finditer(text):
        r = _RE_ROLE_AFFIX.match(m["h"])
        if r:
            out.add(r["n1"] or r["n2"])
    return out


def latin_edges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the romanised-name edges of the module docstring."""
    out: list[Candidate] = []
    for c in cands:
        if c.kind != "person" or not re.match(r"[A-Za-z]", text[c.start:c.end]):
            out.append(c)
            continue
        if text[c.start:c.end].lower() in _NOT_PEOPLE:
            continue
        for p in _split_commas(text, _extend_left(text, _role_affix(text, _cut_heads(text, c)))):
            if text[p.start:p.end].lower() not in _NOT_PEOPLE:
                out.append(p)
    for name in sorted(_chat_names(text), key=len, reverse=True):
        for m in re.finditer(rf"(?<![A-Za-z0-9.]){re.escape(name)}(?![A-Za-z0-9])", text):
            if not any(c.start < m.end() and m.start() < c.end for c in out):
                out.append(Candidate(m.start(), m.end(), "person", "latin_edges", 0.8))
    uniq = {(c.start, c.end, c.kind): c for c in out}
    return sorted(uniq.values(), key=lambda c: (c.start, c.end))

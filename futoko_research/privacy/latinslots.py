"""Round 24: romanised names in slots that hold only a person, and their other occurrences.

Records for families from abroad carry English, Portuguese and Spanish notes whose names no
lexicon lists (Ashis, Naraa, Anil, Ganbat). A post-pass on the final findings (text coordinates);
a *name word* is a title-case Latin word of three letters or more that is no English stop word,
no title, month or institution word and no given name that is an ordinary English word
(:data:`~futoko_research.privacy.western.WORDLIKE`) — except in a chat speaker's slot. The slots:

* **A chat speaker** (``7/2 21:50 Jasmine: can we talk``): one or two title-case words between a
  time at a line start and a colon, in a text with two such lines or more.
* **A sign-off** (``Thank you very much,\\nMaria C. Reyes``, ``\\nRam`` closing an English letter,
  ``- Iwabuchi``, ``K. Nishina``): the last line of the text, one to three name words or initials,
  after a line of Latin text that is no salutation (Dear …, Prezado …: the letter's first line).
* **After a title or before a romanised honorific** (``Profesora Kashima:``, ``Prezado Sr. Marcos
  Santos``, ``Dear Mrs. Wong``, ``Komiyama sensei``, ``Tanaka-san``): one or two title-case words
  (a given name that is also an English word counts here: Ms. Rose).
* **The subject of a person's verb** in English (``Naraa cries at night``, ``Ashis came to``,
  ``Ashis will go``, ``Naraa looked tired``): a name word before a verb only people do.

A name found so is a person at its other whole-word occurrences in the text.
"""

from __future__ import annotations

import re

from futoko_research.privacy.foreignnames import NOT_FOREIGN_NAME
from futoko_research.privacy.latin import ENGLISH_INSTITUTION_WORDS, english_stop_words
from futoko_research.privacy.text import Candidate
from futoko_research.privacy.western import WORDLIKE

_W = r"[A-Z][a-z]{2,}"
_RE_CHAT = re.compile(
    rf"^[ \t\u3000]*(?:[0-9/]{{3,10}}[ \t\u3000]+)?[\[(]?[0-9]{{1,2}}:[0-9]{{2}}[\])]?[ \t\u3000]*"
    rf"(?P<n>{_W}(?: {_W})?)[ \t]*:", re.M)
_RE_SIGN = re.compile(
    rf"(?:^|\n)[ \t\u3000]*(?:[-–—][ \t]*)?(?P<n>(?:[A-Z]\.[ ]?)?{_W}(?: (?:[A-Z]\.|{_W})){{0,2}})[ \t\u3000]*\s*\Z")
_VERBS = (r"came|comes|cries|cried|cry|looked|looks|said|says|told|wants|wanted|feels|felt|likes|liked|"
          r"laughed|smiled|talked|attended|joined|went|goes|slept|sleeps|woke|"
          r"is (?:happy|sad|tired|absent|sick|ill|scared|afraid|worried)|was (?:happy|sad|tired|absent|sick|ill)|"
          r"(?:will|can|can't|cannot|could|didn't|did not|doesn't|does not|wants to) "
          r"(?:go|come|join|attend|talk|stay|sleep|eat|wake|study)")
_RE_TITLED = re.compile(
    rf"(?<![A-Za-z])(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sr|Sra|Srta)\.? (?P<n>{_W}(?: {_W})?)(?![A-Za-z])"
    rf"|(?<![A-Za-z])(?:Profesora|Profesor|Professora|Professor|Senhor|Senhora|Señor|Señora|Prezado|Prezada"
    rf"|Estimado|Estimada|Querido|Querida) (?:(?:Sr|Sra|Srta)\.? )?(?P<m>{_W}(?: {_W})?)(?![A-Za-z])"
    rf"|(?<![A-Za-z])(?P<k>{_W}) ?-?(?=(?:sensei|san|kun|chan|sama|Sensei|San)(?![A-Za-z]))")
_RE_SUBJECT = re.compile(rf"(?<![A-Za-z.])(?P<n>{_W}) (?:{_VERBS})\b")
#: kin and role words that speak in chats and sign letters (Mom:, Nanay:, Parents)
_KIN = frozenset({"Mom", "Mum", "Mommy", "Dad", "Daddy", "Mother", "Father", "Parent", "Parents", "Mama", "Papa",
                  "Nanay", "Tatay", "Mamá", "Papá", "Mae", "Pai", "Grandma", "Grandpa", "Sister", "Brother",
                  "Teacher", "Sensei", "Staff", "Family", "Guardian", "Student", "Interpreter", "Admin"})
#: a salutation line opens a letter: the line after it is its first sentence, not a sign-off
_RE_SALUTATION = re.compile(r"(?:Dear|Hi|Hello|To|Prezado|Prezada|Estimado|Estimada|Querido|Querida|Hola|Ola)\b")
_CLOSINGS = frozenset({"Thanks", "Regards", "Sincerely", "Best", "Cheers", "Love", "Bye", "Yours", "Atenciosamente",
                       "Saludos", "Gracias", "Obrigado", "Obrigada", "Cordialmente", "Hello", "Dear", "Subject"})


def _name_word(word: str, *, speaker: bool = False) -> bool:
    if word in NOT_FOREIGN_NAME or word in _KIN or word in _CLOSINGS or word in ENGLISH_INSTITUTION_WORDS:
        return False
    if word.lower() in english_stop_words():
        return False
    return speaker or word not in WORDLIKE


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[ .]+", name) if len(w) > 1]


def _found(text: str) -> list[tuple[int, int]]:
    spans = []
    lines = list(_RE_CHAT.finditer(text))
    if len(lines) >= 2:
        spans += [m.span("n") for m in lines if all(_name_word(w, speaker=True) for w in _words(m["n"]))]
    m = _RE_SIGN.search(text)
    if m:
        before = text[:m.start()].rstrip().rpartition("\n")[2]
        if (re.search(r"[A-Za-z]{2,}", before) and not _RE_SALUTATION.match(before.strip())
                and all(_name_word(w) for w in _words(m["n"]))):
            spans.append(m.span("n"))
    spans += [m.span("n") for m in _RE_SUBJECT.finditer(text) if _name_word(m["n"])]
    for m in _RE_TITLED.finditer(text):
        g = next(k for k in ("n", "m", "k") if m[k])
        if all(_name_word(w, speaker=True) for w in _words(m[g])):
            spans.append(m.span(g))
    return spans


def latin_slots(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the romanised names of the module docstring."""
    out = list(cands)
    names = set()
    for s, e in _found(text):
        names.add(text[s:e])
        if not any(c.start < e and s < c.end for c in out):
            out.append(Candidate(s, e, "person", "latin_slot", 0.8))
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z]| [A-Z]|'[A-Z])", text):
            s, e = m.span()
            if not any(c.start < e and s < c.end for c in out):
                out.append(Candidate(s, e, "person", "latin_slot", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

"""Round 28: the whole of a romanised name, and nothing around it.

A post-pass on the final findings (text coordinates), after round 24's Latin slots. Round 22's
:mod:`~futoko_research.privacy.latinedges` cut lower-case heads and split names joined by a comma;
the romanised names that the development batches still got wrong were found but cut or padded:

* **A title of another language before the name** (``Ate Lorna``, ``Chị Hằng``, ``Dona Lúcia``,
  ``Mẹ Khoa``, ``Sra. Flores``): a kin or courtesy word is no part of the name; it is cut off.
* round 30: more titles (``Professora Miyamoto``, ``Teacher Furuya``, ``Ibu Siti``, ``Daw Khin Myat Noe``,
  ``Em Khoa``) and greetings (``Claro, Ana``, ``Oi Haru``, ``To Ate Hayase``), cut in turn.
* **A greeting before it, a degree or a role after it** (``Obrigada, Cláudia``, ``Madoka Washio, MD``,
  ``Brandon Lee,ALT``): cut off (``Akiyama Family`` as a display name stays whole: writers mark it so).
* **An initial before or after it** (``J. Brennan``, ``Ayane T.``, ``Kaito W``, ``Phuc T.V.``): taken
  with it (a lone ``I`` is English, not an initial; ``M.`` before a full name is Monsieur).
* **The rest of a name of three words or more** (``Cláudia Nakamura Reis``, ``Nguyen Thi Thu Ha``,
  ``Joshua Dela Cruz``, ``Romeo dela Cruz``): capitalised words and name particles that follow on the
  same line after one space are taken with it; an English word (``Is``, ``The``), a title or a
  word of the products-and-greetings list stops it.
* **A family name in capitals before it** (``QUISPE FLORES Luis``, ``WHITFIELD-MORI KAITO``) and a
  surname particle (``dela Cruz``, ``van Dijk``; not ``de`` / ``da`` / ``la``, prepositions too:
  ``pai da Sofia``, ``Papá de Luis``): taken with it. A capitalised name does not run on into an
  acronym (``Nishi ES``).
* **A list of single names** (``Sofia, Minh, Haoran``): three words or more joined by commas are
  one name each (not ``Mon, Wed, Fri``).

Each rule works on the folded text the detector reads (accents removed: ``Hằng`` reads ``Hang``),
so its spans are the original text's.
"""

from __future__ import annotations

import re

from futoko_research.privacy.latin import ENGLISH_INSTITUTION_WORDS, english_stop_words
from futoko_research.privacy.text import Candidate

#: courtesy and kin titles of other languages written before a given name (folded, no accents)
TITLES = frozenset({
    "Ate", "Kuya", "Tita", "Tito", "Lola", "Lolo", "Manang", "Manong", "Nanay", "Tatay",  # Tagalog
    "Chi", "Co", "Thay", "Bac",  # Vietnamese (Anh, Em, Ba are given names too: left alone)
    "Dona", "Dom", "Don", "Sr", "Sra", "Srta", "Senor", "Senora", "Tia", "Tio", "Vovo", "Vova",
    "Madame", "Mme", "Monsieur", "Mlle", "Herr", "Frau", "Mr", "Ms", "Mrs", "Miss", "Dr", "Prof",
    # round 30: teachers addressed in other languages, Indonesian and Burmese titles, Vietnamese Em
    "Professora", "Professor", "Profesora", "Profesor", "Teacher", "Sensei", "Sir", "Ibu", "Bu", "Pak", "Bapak",
    "Daw", "Em", "Hocam", "Soy", "Gng", "Bb", "Ma'am",
})
_RE_TITLE_HEAD = re.compile(r"(?P<t>[A-Z][a-z]{0,9})\.? (?=[A-Z])")
_RE_ROLE_TAIL = re.compile(r"(?:,[ ]?| )(?:MD|M\.D\.|PhD|Ph\.D\.|RN|ALT|CIR|sensei|Sensei)$")
_RE_GREETING_HEAD = re.compile(r"(?:Obrigad[ao]|Gracias|Salamat(?: po)?|Thanks|Thank you|Regards|Best regards|Sincerely|"
                               r"Love|Cheers|Atenciosamente|Saludos|Cordialmente|Merci|Cordialement|Xin chao"
                               # round 30: greetings and words of comfort that open a message
                               r"|Claro|Tranquila|Tranquilo|Oi|Ola|Hola|Hi|Hello|Dear|To|Bom dia|Boa tarde|Boa noite|Buenas tardes|"
                               r"Buenos dias|Buenas noches|Namaste|Bonjour|Bonsoir|Chao|Good morning|Good afternoon|Good evening),? ")
_RE_INITIAL_AFTER = re.compile(r" (?P<i>[A-Z](?:\.[A-Z])*\.?)(?![A-Za-z0-9])")
_RE_INITIAL_BEFORE = re.compile(r"(?<![A-Za-z0-9.])[A-Z]\. ?$")
#: name particles inside a name (Vietnamese là, folded to la, is "is": not a particle here)
_PARTICLE = r"(?:de la|de los|dela|Dela|de|De|da|Da|dos|Dos|das|del|Del|van|Van|von|Von|bin|binti|di|Di)"
_RE_NEXT_WORD = re.compile(rf" (?:(?P<p>{_PARTICLE}) )?(?P<w>[A-Z]'?[A-Z]?[a-z]+|[A-Z]{{2,}})(?![A-Za-z0-9'])")
_RE_CAPS_BEFORE = re.compile(r"(?<![A-Za-z0-9\-])(?P<w>[A-Z]{2,}(?:-[A-Z]{2,})*) $")
#: surname particles written before a family name alone (dela Cruz); de, da, la are prepositions too
_RE_PARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])(?P<p>dela|Dela|van|Van|von|Von|bin|binti) $")
_RE_LIST = re.compile(r"[A-Z][a-z]+(?:, [A-Z][a-z]+){2,}")
_DAYS = frozenset({"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar",
                   "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"})
#: capitalised words after a name that start something else (headings, products, months, roles)
_STOP_AFTER = frozenset({
    "ALT", "MD", "PhD", "RN", "ID", "TEL", "FAX", "NPO", "JP", "OK", "NG", "PC", "SNS", "LINE", "Family",
    "Sensei", "Japan", "Tagalog", "Nepali", "Classroom", "Class", "Academy", "Institute", "International",
    "Internacional", "Centro", "Escola", "Escuela",
})


def _latin(span: str) -> bool:
    return re.fullmatch(r"[A-Za-z][A-Za-z .,'\-]*", span) is not None


def _stop(word: str) -> bool:
    return (word in _STOP_AFTER or word in ENGLISH_INSTITUTION_WORDS or word in TITLES
            or word.lower() in english_stop_words())


def _edges(text: str, s: int, e: int) -> tuple[int, int]:
    """The name's (start, end) after the cuts and extensions of the module docstring."""
    for _ in range(3):  # To Ate Hayase, Good morning Teacher Furuya: a greeting and a title, in turn
        m = _RE_GREETING_HEAD.match(text, s, e)
        if m and m.end() < e:
            s = m.end()
            continue
        m = _RE_TITLE_HEAD.match(text, s, e)
        if m and m["t"] in TITLES:
            s = m.end()
            continue
        break
    m = _RE_ROLE_TAIL.search(text[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    while True:  # the rest of the name
        m = _RE_NEXT_WORD.match(text, e)
        if not m or _stop(m["w"]) or "\n" in text[e:m.end()] or m["w"].isupper() != text[s:e].split()[-1].isupper():
            break  # Nishi ES, Minami JHS: a capitalised name does not run on into an acronym
        e = m.end()
    m = _RE_INITIAL_AFTER.match(text, e)
    if m and not (m["i"] == "I" and not text.startswith("I.", m.start("i"))) and text[m.end():m.end() + 1] != "'":
        e = m.end()
    head = text[max(0, s - 40):s]
    m = _RE_PARTICLE_BEFORE.search(head)
    if m:
        s -= len(m.group(0))
    elif re.match(r"[A-Z]{2,}", text[s:e]):
        while (m := _RE_CAPS_BEFORE.search(text[max(0, s - 40):s])) and not _stop(m["w"]):
            s -= len(m.group(0))
    m = _RE_INITIAL_BEFORE.search(text[max(0, s - 3):s])
    if m and " " not in text[s:e]:  # J. Brennan; not M. Amadou Diallo (Monsieur)
        s -= len(m.group(0))
    return s, e


def latin_spans(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with romanised person spans set to the edges of the module docstring."""
    out: list[Candidate] = []
    for c in cands:
        span = text[c.start:c.end]
        if c.kind != "person" or not _latin(span):
            out.append(c)
            continue
        if _RE_LIST.fullmatch(span):
            out += [Candidate(c.start + m.start(), c.start + m.end(), c.kind, c.detector, c.confidence)
                    for m in re.finditer(r"[A-Z][a-z]+", span) if m.group(0) not in _DAYS]
            continue
        s, e = _edges(text, c.start, c.end)
        others = [o for o in cands if o is not c and o.start < e and s < o.end]
        if any(o.kind != "person" or o.start < s or o.end > e for o in others):
            out.append(c)  # the new edges would cut through another finding: the old ones stay
            continue
        out.append(Candidate(s, e, c.kind, c.detector, c.confidence))
    uniq: dict[tuple[int, int, str], Candidate] = {}
    for c in out:  # a finding inside a longer person span of this pass gives way
        if c.kind == "person" and any(o.kind == "person" and o.start <= c.start and c.end <= o.end
                                      and (o.start, o.end) != (c.start, c.end) for o in out):
            continue
        uniq.setdefault((c.start, c.end, c.kind), c)
    return sorted(uniq.values(), key=lambda c: (c.start, c.end))

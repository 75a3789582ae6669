"""A name that signs a note: the last line of a text, alone or after a grade (round 10).

Children's letters, questionnaires and short memos end with who wrote them: ``2ねん　こうた``,
``4ねん1くみ　ゆうま``, ``たいが``, ``とだ　ひろし``. The last non-empty line of a text of two lines
or more is taken as a person when, after an optional grade or class (2ねん, 4ねん1くみ, 小5, 3年2組)
and an optional dash, it is exactly a given name of the lexicon (kana, 2+ characters), or a
family name and a given name of the lexicon joined by a space. A line that is an ordinary word
for SudachiDict (a common noun with a synonym group) or a known non-name is left alone.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.text import Candidate, has_common_sense, tokenize

RE_SIGN_LINE = re.compile(
    r"(?:^|\n)[ \u3000]*(?:[—―\-－ー]+[ \u3000]*)?"
    r"(?:(?:[0-9０-９一二三四五六]\s?(?:ねん|年)(?:\s?[0-9０-９]\s?(?:くみ|組))?|[小中][0-9０-９](?:年)?)[ \u3000]*)?"
    r"(?P<name>[ぁ-ゖァ-ヺー一-龥々]{1,6}(?:[ \u3000][ぁ-ゖァ-ヺー一-龥々]{1,6})?)[ \u3000]*\n*$"
)
_KANA = re.compile(r"[ぁ-ゖァ-ヺー]{2,6}")
#: parts of speech of a word that opens a sentence and is no name (なお、 / もし、 / ただ、)
_FUNCTION_POS = frozenset({"接続詞", "副詞", "感動詞", "連体詞", "代名詞", "形容詞", "動詞", "助詞", "助動詞", "接頭辞"})


def _ordinary(word: str) -> bool:
    return word in lx.NOT_NAMES or word in lx.NOT_HIRAGANA_NAMES or has_common_sense(word)


def signature_names(text: str) -> list[Candidate]:
    """The name on the last line of ``text`` (text coordinates), if the line is a signature."""
    if text.strip().count("\n") < 1:
        return []
    m = RE_SIGN_LINE.search(text.rstrip(" \u3000\n") + "\n")
    if not m:
        return []
    name = m.group("name")
    parts = re.split(r"[ \u3000]", name)
    if len(parts) == 1:
        ok = bool(_KANA.fullmatch(name)) and is_given_name(name) and not _ordinary(name)
    else:
        ok = is_family_name(parts[0]) and is_given_name(parts[1]) and not any(map(_ordinary, parts))
    return [Candidate(m.start("name"), m.end("name"), "person", "signature", 0.8)] if ok else []


RE_OPENING_NAME = re.compile(
    r"(?:^|(?<=[\n：:・「『]))[ \u3000]*(?P<name>[ぁ-ゖァ-ヺー]{2,6}|[一-龥々]{2,3})、")


def opening_names(text: str) -> list[Candidate]:
    """A given name of the lexicon that opens a line or an utterance and is followed by a comma
    (母より：陽向、今日も休みます / ・りこ、今日で20日目): the addressee or the subject of the note."""
    out = []
    for m in RE_OPENING_NAME.finditer(text):
        name = m.group("name")
        toks = tokenize(name)
        if len(toks) == 1 and (toks[0].pos[0] in _FUNCTION_POS or toks[0].pos[:2] == ("名詞", "普通名詞")):
            continue  # なお、 / 紅葉、: a function word or an ordinary noun
        if len(toks) > 1 and any(t.pos[0] in ("助詞", "代名詞", "接続詞") for t in toks):
            continue  # ここは、
        if is_given_name(name) and not _ordinary(name):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "signature", 0.8))
    return out


def detect_slots(text: str, view: str, origin: list[int]) -> list[Candidate]:
    """:func:`signature_names` and :func:`opening_names` in view coordinates (a span that does not
    map back is left out)."""
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    from futoko_research.privacy.signoff import closing_family_names, kana_full_names

    for c in signature_names(text) + opening_names(text) + closing_family_names(text) + kana_full_names(text):
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out

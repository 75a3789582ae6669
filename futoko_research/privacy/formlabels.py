"""A form's field label is not a person (round 17).

Forms and self-introduction cards label their lines (欠席状況：…, すきなもの：…, ひとこと：…);
the speaker rules take a word before a colon at the start of a line as a speaker. Such a word
is a label, not a name, when it is at the start of a line before a colon and it is written
in ordinary words: every Sudachi token a common word (no proper noun, no unknown word), the
word not a name of the name lexicon, and either two tokens or more (欠席+状況, すき+な+もの) or
an ordinary word (ひとこと), and the label opens one line only (a speaker in a chat speaks on
several lines: つむぎ：…, つむぎ：…). Since round 18 a label before a table bar of a two-column
form (学年｜小6, 目標｜…: one bar on the line) is read the same way; the first cell of a
table row (オマル | 真壁 | 3年4組) is not. Speakers keep their names: 春日井 (a proper noun), ゆっこ (a
person's name to Sudachi), ひまり and あかり (given names of the lexicon).
"""

from __future__ import annotations

import re
from functools import cache

from futoko_research.privacy.names import is_name
from futoko_research.privacy.ordinary import is_ordinary_word
from futoko_research.privacy.text import Candidate, sudachi_dictionary

_RE_LINE_HEAD = re.compile(r"(?:^|\n)[ \u3000]*(?:[・●○◆■□\-*＊][ \u3000]*)?$")
_RE_COLON = re.compile(r"[ \u3000]*[：:｜|]")
_ORDINARY_POS = frozenset({"名詞", "形状詞", "助動詞", "助詞", "形容詞", "動詞", "接尾辞"})


@cache
def is_label_word(word: str) -> bool:
    """``word`` is written in ordinary words (see the module docstring)."""
    if is_name(word):
        return False
    toks = sudachi_dictionary().create().tokenize(word)
    if any(t.is_oov() or t.part_of_speech()[0] not in _ORDINARY_POS or t.part_of_speech()[1] == "固有名詞"
           for t in toks):
        return False
    return len(toks) >= 2 or is_ordinary_word(word)


def drop_form_labels(text: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` without person findings that are a line's label before a colon."""
    out = []
    for c in found:
        if (c.kind == "person" and _RE_COLON.match(text, c.end) and _RE_LINE_HEAD.search(text[max(0, c.start - 4):c.start])
                or (c.kind == "person" and c.start == 0 and _RE_COLON.match(text, c.end))):
            word = text[c.start:c.end]
            line_end = text.find("\n", c.end)
            line = text[c.end:line_end if line_end >= 0 else len(text)]
            if re.match(r"[ \u3000]*[｜|]", line) and len(re.findall(r"[｜|]", line)) != 1:
                out.append(c)  # a bar: only the label of a two-column form (学年｜小6), not a table's first cell
                continue
            heads = re.findall(r"(?m)^[ \u3000]*(?:[・●○◆■□\-*＊][ \u3000]*)?" + re.escape(word) + r"[ \u3000]*[：:｜|]", text)
            if len(heads) == 1 and is_label_word(word):  # a speaker speaks again; a label is written once
                continue
        out.append(c)
    return out

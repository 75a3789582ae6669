"""Round 20: the next field's label caught at a name's tail, a name label's end at its head.

A post-pass on the final findings (text coordinates), for forms whose fields stand on one line:

* **The next label at the tail** (``御子柴 凜　　在|籍学年``, ``平田 大翔　生|年月日``, ``乙部　まゆみ
  　　お子|さん``, ``Marisol Reyes　Interpreter:``): a person span whose last piece, after a space,
  is the start of a field label that goes on after the span (在籍, 生年月日, お子さん, 学年 …), or an
  English field word (Interpreter, Phone, Grade …) before a colon, loses that piece and the space. 佐藤 陽が来た (the span
  ends before a particle, no label) and 矢 野　光 男 (a letter-spaced name) stay whole.
* **A name label's end at the head** (``児童氏|名 平 ひかる``, ``な|まえ　みさき``): a person span that
  begins inside a name label (氏名, 名前, なまえ …) followed by a space starts after that space.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate

_FIELD_LABELS = ("在籍", "生年月日", "お子さん", "お子様", "学年", "性別", "住所", "電話", "連絡先", "保護者",
                 "年齢", "所属", "学校名", "続柄", "入院", "退院", "備考", "生徒氏名")
_HEAD_LABELS = tuple(sorted(lx.NAME_LABELS | {"なまえ", "おなまえ", "名まえ"}, key=len, reverse=True))
_RE_LAST_PIECE = re.compile(r"(?P<gap>[ \t\u3000]+)(?P<p>[^ \t\u3000]{1,12})$")
_ENGLISH_LABELS = frozenset({
    "Interpreter", "Phone", "Tel", "Email", "Address", "Grade", "School", "Class", "Father", "Mother", "Child",
    "Student", "Guardian", "Date", "Note", "Notes", "Contact", "Language", "Sibling", "Age", "Teacher"})


def _tail_cut(text: str, c: Candidate) -> int | None:
    m = _RE_LAST_PIECE.search(text[c.start:c.end])
    if not m or m.start() == 0:
        return None
    piece, after = m.group("p"), text[c.end:c.end + 6]
    if piece in _ENGLISH_LABELS and re.match(r"[ \t]*[:：]", after):
        return c.start + m.start()  # Marisol Reyes　Interpreter: none
    if not after or after[0] in " \t\u3000\n":
        return None  # the piece is a word of its own (矢 野　光 男)
    if any((piece + after).startswith(lab) and len(piece) < len(lab) for lab in _FIELD_LABELS):
        return c.start + m.start()
    return None


def _head_cut(text: str, c: Candidate) -> int | None:
    for lab in _HEAD_LABELS:
        for k in range(1, len(lab)):
            if text[c.start - k:c.start - k + len(lab)] == lab:
                m = re.match(r"[ \t\u3000]+", text[c.start - k + len(lab):c.end])
                if m and c.start - k + len(lab) + m.end() < c.end:
                    return c.start - k + len(lab) + m.end()
    return None


def label_ends(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with person spans freed of the labels of the module docstring."""
    out = []
    for c in cands:
        if c.kind == "person":
            end = _tail_cut(text, c)
            start = _head_cut(text, c)
            if end is not None or start is not None:
                c = Candidate(start if start is not None else c.start, end if end is not None else c.end,
                              c.kind, c.detector, c.confidence)
        if c.start < c.end:
            out.append(c)
    return out

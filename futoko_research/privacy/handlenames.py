"""Round 29: handles and display names that a record names as such, in any script.

A post-pass on the final findings of one text (text coordinates), after round 28's speakers. Round 21
read a Latin handle after a user-name label and round 23 a kana nickname in quotes after a nickname
label (表示名「ねこまる」); an online space's records name a child by a display name of any shape —
a word (ぽんず, そらまめ), a word and a kanji (もみじ丸, たこやき大臣), Latin with digits (Kuro_77) — in
more places:

* **After a label** (表示名 / ひょうじめい / ユーザー名 / アカウント名 / ハンドルネーム / ニックネーム / ID名 /
  display name, a bracketed note allowed between: ``ニックネーム（キャンプ中の呼び名）：しんちゃん``),
  before ``：`` or in quotes: ``表示名：もみじ丸``, ``アカウント名「haru_night07」``; a name label whose
  note says it is the display name (``なまえ（ひょうじめい）：ぴよまる``); a list of them one name each
  (``画面表示名：ゆうくん／Mimi／そらまめ``).
* **In an export** (``"display":"ふわもち"``, ``"nickname": "…"``) and **in a flattened table's
  display-name column** (``表示名\t本名\t学年`` / ``日付,表示名,参加形態``: the cell under the header in
  each following row).
* **Named so around it**: ``「たこやき大臣」という名前で``, ``ぽんず（ひょうじめい）``, ``「あつ」名義`` (not a
  label with a note, ``なまえ（ひょうじめい）：…``, nor a pet's or a thing's name: ``「光」という名前の猫``).

The value is read as a speaker's slot is (:func:`~futoko_research.privacy.turns.name_in_slot`: a role
before it and a symbol after it are cut, スタッフ_はるみ → はるみ, りんご🍎 → りんご).

The value is a person — a nickname — at that place and, named so, at its other occurrences in the
text and in the collection (:mod:`~futoko_research.privacy.echoes`, round 26's collection). A role,
kin, field or device word, a number or a placeholder (未定, なし, 非公開, 表示名可) is no name.
"""

from __future__ import annotations

import re

from futoko_research.privacy.chatlabels import add_person
from futoko_research.privacy.text import Candidate
from futoko_research.privacy.turns import name_in_slot

_VALUE = r"[^\s:：「」『』\"'()（）\[\]［］【】<>、。，,！？!?／/]{1,16}"
_LABEL = (r"(?:表示名|ひょうじめい|ユーザー名|ユーザ名|アカウント名|ハンドルネーム|ハンドル名|ニックネーム|ID名|"
          r"display name|Display name|username|Username)")
_RE_LABELLED = re.compile(
    rf"(?:{_LABEL}|(?:なまえ|名前|お名前|児童名|生徒名|お子さん|お子さま)(?=[（(](?:ひょうじめい|表示名|ニックネーム)))(?:[（(][^）)\n]{{1,20}}[）)])?(?:は|が)?[ \t　]*(?:[:：][ \t　]*[「『\"]?|[「『\"])(?P<n>{_VALUE}(?:[／/]{_VALUE})*)")
_RE_JSON = re.compile(r"\"(?:display|display_name|displayName|nickname|handle|screen_name)\"[ \t]*:[ \t]*\"(?P<n>[^\"\n]{1,20})\"")
_RE_NAMED_AROUND = re.compile(
    rf"[「『](?P<a>{_VALUE})[」』](?:という(?:名前(?!の)|表示名|ニックネーム|名(?![前の]))|名義|の表示名)"
    rf"|(?:^|(?<=[\s、・]))(?P<b>{_VALUE})[（(](?:ひょうじめい|表示名|ニックネーム|ハンドルネーム)[）)](?![ \t　]*[:：])", re.M)
_PLACEHOLDERS = frozenset({"未定", "なし", "無し", "非公開", "表示名可", "未設定", "不明", "本名", "本人", "匿名", "同上", "なまえ", "名前", "氏名", "名無し", "ななし",
                           "匿名希望"})


_RE_CELL_SPLIT = re.compile(r"\t|,|[ 　]{2,}")
_RE_HEADER = re.compile(rf"(?:{_LABEL}|表示名|ニックネーム|ハンドル|ユーザー|display|Display|handle|nickname)(?:[（(][^）)]*[）)])?")


def _column_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells under a display-name column of a flattened table (表示名\t本名\t学年 /
    日付,表示名,参加形態): the header's column in every following row with as many cells or more."""
    out: list[tuple[int, int]] = []
    col, width = None, 0
    pos = 0
    for line in text.split("\n"):
        cells, starts, i = [], [], 0
        for m in _RE_CELL_SPLIT.finditer(line):
            cells.append(line[i:m.start()])
            starts.append(i)
            i = m.end()
        cells.append(line[i:])
        starts.append(i)
        heads = [k for k, c in enumerate(cells) if _RE_HEADER.fullmatch(c.strip())]
        if len(cells) >= 2 and heads:
            col, width = heads[0], len(cells)
        elif col is not None and len(cells) >= max(2, width - 1) and col < len(cells):
            c = cells[col]
            lead = len(c) - len(c.lstrip())
            if c.strip():
                out.append((pos + starts[col] + lead, pos + starts[col] + lead + len(c.strip())))
        elif col is not None and len(cells) < 2:
            col = None  # the table ended
        pos += len(line) + 1
    return out


def handle_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the handles of the module docstring as persons."""
    out = list(cands)
    spans = [(m.start("n") + p.start(), m.start("n") + p.end(), True)  # ゆうくん／Mimi／そらまめ: one name each
             for rx in (_RE_LABELLED, _RE_JSON) for m in rx.finditer(text) for p in re.finditer(r"[^／/]+", m["n"])]
    spans += [(*m.span(g), True) for m in _RE_NAMED_AROUND.finditer(text) for g in ("a", "b") if m.group(g)]
    spans += [(s, e, False) for s, e in _column_cells(text)]  # a column's cell may be a field word (合計)
    for s, e, named in spans:
        span = name_in_slot(text, s, e, named=named)  # スタッフ_はるみ → はるみ, りんご🍎 → りんご (as a speaker's slot)
        if span and text[span[0]:span[1]] not in _PLACEHOLDERS:
            out = add_person(out, *span, "handle_label+named")
    return sorted(out, key=lambda c: (c.start, c.end))

"""Round 30: handles read from their shape and their place, and parents' handles whole.

A post-pass on the final findings of one text (text coordinates), after round 29's labelled handles.

* **A Latin handle named by its place** (``kaede_z``, ``tako8``, ``josh_m``, ``momo_no_haha``): a user
  name of Latin letters and digits joined by ``_`` or ending in digits is a person where the text
  uses it as one — before an honorific or a particle (``tako8 くんが``, ``nomin_mgちゃんに``), in quotes
  before で / という / って (「kaede_z」で参加), after a handle label (ハンドル, Nickname:, Palayaw), in
  brackets after a person (``Joshua (josh_m)``), opening a line before a time or ``=`` / ``→`` (a log:
  ``aashish_s 21:02:``, ``kaede_z = 周 楓``, ``[DM] rina_moon → ボラ_やぎ``), alone on a line above a
  time (a LINE export: ``Gabi_9⏎19:33⏎…``) or in a list with another person (``mango_k / りくとん``).
  In quotes or after a label a plain lower-case word is a handle too (「senu」で, ``Nickname: gelay``), and
  a handle after a bracketed time at a line's start speaks once enough (``[16:02] tomo_0412:``).
  It is found "named", so its other whole occurrences in the text and the collection follow
  (:mod:`~futoko_research.privacy.echoes`). Paths, file names, e-mail addresses, URLs, hashtags,
  codes after an ID / password label and a user id of one or two letters (``u_1187``) are no handle,
  and a handle with a name found inside it (``Tanimura_SSW``: the name and a role) is left as it was.
* **A parent's handle built on a kana name stays whole** (``ゆずママ``, ``たっくんパパ``, ``ミヅキママ``):
  round 28 read it so as a speaker; a kana person found right before ママ / パパ anywhere (a tab-
  separated chat, a list of participants) now takes the word in, as most writers of the development
  notes mark it (22 of 32 writers; see docs/privacy.md).
"""

from __future__ import annotations

import re

from futoko_research.privacy.chatlabels import add_person
from futoko_research.privacy.latin import english_stop_words
from futoko_research.privacy.text import Candidate

#: a Latin user name: letters first, parts joined by ``_`` (kaede_z, momo_no_haha, Gabi_9) or three
#: letters and more ending in digits (tako8, kuro0924; st2315 is a pupil's code)
_HANDLE = r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+_?|[A-Za-z]{3,}[0-9]{1,4}"
_EDGE_L = r"(?<![A-Za-z0-9_.@/\\#:-])"
_EDGE_R = r"(?![A-Za-z0-9_@/\\-]|\.[A-Za-z0-9])"
_RE_HANDLE = re.compile(_EDGE_L + rf"(?P<h>{_HANDLE})" + _EDGE_R)
#: what follows a name in Japanese: an honorific or a particle
_RE_AFTER = re.compile(r"[ \t　]?(?:さん|くん|ちゃん|君|氏|が|は|と|に|も|って|から|を|へ|の(?![0-9]))")
#: in quotes or after a label a handle may be a plain lower-case word (「senu」で, Nickname: gelay)
_LOOSE = _HANDLE + r"|[a-z]{3,15}"
_RE_QUOTED = re.compile(
    r"[「『\"“](?P<h>" + _LOOSE + r")[」』\"”](?:[ \t　]?(?:で|という|って|として|名義|さん|くん|ちゃん)|[ \t]*—)")
_RE_LABELLED = re.compile(
    r"(?:ハンドル(?:ネーム|名)?|ニックネーム|呼び名|ユーザー|名義|(?i:nickname|handle|palayaw(?: sa [a-z]+)?|screen name|display name|account))"
    r"[ \t　]*(?:は|[:：=])?[ \t　]*[(（]?[「『\"“]?(?P<h>" + _LOOSE + ")(?![A-Za-z0-9_])")
#: a handle speaking after a time in brackets at a line's start, once is enough ([16:02] tomo_0412:)
_RE_TIMED = re.compile(r"(?m)^[ \t　]*\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\][ \t　]*(?P<h>" + _HANDLE + r")[ \t]*[:：]")
_RE_LINE_HEAD = re.compile(
    r"(?m)^[ \t　]*(?:\[[^\]\n]{1,12}\][ \t]*)?(?P<h>" + _HANDLE + r")[ \t　]*"
    r"(?:[0-9]{1,2}:[0-9]{2}[ \t]*[:：]|[=＝→][ \t　]*[^\s]|\n[ \t]*[0-9]{1,2}:[0-9]{2}[ \t]*\n)")
_RE_ARROW_TAIL = re.compile(r"(?m)[→>][ \t　]*(?P<h>" + _HANDLE + r")[ \t　]+[0-9]{1,2}:[0-9]{2}")
_RE_NOT_HANDLE = re.compile(r"(?i:[a-z]{1,2}_[0-9]+|mp[34]|covid[0-9]+|win[0-9]+|ios[0-9]+|ipad[0-9]*|iphone[0-9]+|ps[2-5]|utf[0-9]+|sjis|ver[0-9]+|(?:id|no|user|page|room|grade|class|ver|vol|step|part|level|lv|ch|ep)[_0-9]+"
                            r"|[a-z]+_(?:id|no|name|code|num|date|type))|[A-Z]{2,}[0-9]+")
#: a label before a code, a password or a place for a file: what follows is no handle
_RE_CODE_LABEL = re.compile(r"(?:ID|Id|id|番号|コード|パス(?:ワード|コード)?|(?i:password|pass|pw|code|url|room|wifi|ssid|file))[ \t　]*[:：=]?[ \t　]*$")
_RE_PARENT_TAIL = re.compile(r"(?:ママ|パパ)(?![ァ-ヺーぁ-ゖ友])")  # not ママ友


def _candidates(text: str, cands: list[Candidate]) -> set[tuple[int, int]]:
    """(start, end) of the handles of the module docstring that the text uses as people."""
    people = [(c.start, c.end) for c in cands if c.kind == "person" and c.confidence >= 0.7]
    out: set[tuple[int, int]] = set()
    for rx in (_RE_QUOTED, _RE_LABELLED, _RE_LINE_HEAD, _RE_ARROW_TAIL, _RE_TIMED):
        out.update(m.span("h") for m in rx.finditer(text))
    for m in _RE_HANDLE.finditer(text):
        s, e = m.span("h")
        if _RE_AFTER.match(text, e):
            out.add((s, e))
        elif re.match(r"[ \t]*[（(]", text[e:e + 2]) is None and re.search(r"[（(][ \t]*$", text[max(0, s - 3):s]) and any(
                pe <= s and s - pe <= 3 for _, pe in people):
            out.add((s, e))  # Joshua (josh_m)
    for line in re.finditer(r"[^\n]+", text):
        items = [(line.start() + p.start(), line.start() + p.end())
                 for p in re.finditer(r"[^／/、,:：\s][^／/、,:：]*?(?=[ \t　]*(?:[／/、,]|$))", line.group())]
        if len(items) < 2 or re.search(r",\S", line.group()):
            continue  # a CSV row (st2315,宮内遥斗,11/11) is a table, not a list
        if any(item in people for item in items):  # mango_k / りくとん / 大西: a person beside the handles
            out.update(item for item in items if _RE_HANDLE.fullmatch(text, *item))
    return out


def latin_handles(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the Latin handles of the module docstring as persons (detector ``handle_shape+named``)."""
    out = list(cands)
    for s, e in sorted(_candidates(text, cands)):
        h = text[s:e]
        if (_RE_NOT_HANDLE.fullmatch(h) or not re.fullmatch(_LOOSE, h) or h in english_stop_words()
                or _RE_CODE_LABEL.search(text, max(0, text.rfind("\n", 0, s) + 1), s)
                or any(c.kind == "person" and s <= c.start and c.end <= e and (c.start, c.end) != (s, e) for c in out)):
            continue  # a name found inside (Tanimura of Tanimura_SSW: round 22 cuts the role) stays
        out = add_person(out, s, e, "handle_shape+named")
    return sorted(out, key=lambda c: (c.start, c.end))


def parent_handles(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with a kana person right before ママ / パパ taking the word in (ゆず → ゆずママ), and a
    person span's leading underscore (養護_沢渡 read as _沢渡) cut."""
    out = []
    for c in cands:
        if (c.kind == "person" and text[c.start:c.start + 1] in ("_", "＿") and c.end - c.start > 1
                and c.start > 0 and re.match(r"[一-龥々ぁ-ゖァ-ヺー]", text[c.start - 1])):
            c = Candidate(c.start + 1, c.end, c.kind, c.detector, c.confidence)
        if (c.kind == "person" and re.fullmatch(r"[ぁ-ゖァ-ヺー]+", text[c.start:c.end])
                and (c.start == 0 or not re.match(r"[ぁ-ゖァ-ヺー]", text[c.start - 1]))
                and _RE_PARENT_TAIL.match(text, c.end)):
            c = Candidate(c.start, c.end + 2, c.kind, c.detector + "+parent_handle", c.confidence)
        out.append(c)
    return out

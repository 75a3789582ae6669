"""Round 21: user handles in participant logs, after ``@``, after a user-name label.

A post-pass on the final findings (text coordinates). Each handle found is a person at every
whole occurrence in the text (an id or a shorter person finding inside it gives way):

* **A Latin display name heading a participant-log row** (``sora.m\\t13:38\\t14:25\\t47``,
  ``Kaito_F\\t13:36…``, ``yamato\\t08:30\\t08:50\\t20``): the first cell of a tab-separated row
  whose next two cells are clock times is a participant; a Latin name there (a bracket after it
  is cut off) is a person, unless it names a device or a role (iPad, Guest, Host, PC …).
* **A handle after ``@`` speaking at a line start** (``@yuzu_0714：明日の面談…``) on two lines or
  more, and a **lower-case handle after a time** (``21:10 kohaku: 学校行ってない…``) on two
  lines or more.
* **A handle after a user-name label** (``ユーザー名：kohaku_0725``, ``表示名：haru.k``): the
  label names the person's account. ``ID表示：ms0427`` (an id label) stays an id.
* **A nickname in the brackets of a chat speaker label** (round 23; ``相談者[くもりのち]：``,
  ``相談者（ねむいうさぎ）：``, ``利用者（sora_0312）：``): a bracket after 相談者 / 利用者 / 投稿者 / 質問者 /
  送信者 opening a line before a colon, on two lines or more, names the speaker; it is a person at
  every occurrence standing apart from other kana, kanji or Latin letters. A kin word, a grade,
  a sex or 匿名 in the bracket (``相談者（母）：``, ``相談者（中2女子）：``) is no name.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import Candidate

_HANDLE = r"[A-Za-z][A-Za-z0-9]*(?:[_.\-][A-Za-z0-9]+)*"
_RE_ROW = re.compile(rf"(?m)^(?P<h>{_HANDLE})(?:[（(][^\t\n]*[)）])?\t[0-9]{{1,2}}:[0-9]{{2}}\t[0-9]{{1,2}}:[0-9]{{2}}")
_RE_AT = re.compile(rf"(?m)^[ \t]*@(?P<h>{_HANDLE})[ \t]*[:：]")
_RE_TIMED = re.compile(r"(?m)^[ \t]*\[?[0-9]{1,2}:[0-9]{2}\]?[ \t]+(?P<h>[a-z]{3,15})[ \t]*[:：]")
_RE_LABEL = re.compile(rf"(?:ユーザー名|ユーザ名|アカウント名?|表示名|ハンドルネーム|ニックネーム)[ \t　]*[:：][ \t　]*@?(?P<h>{_HANDLE})(?![A-Za-z0-9_])")
_RE_SPEAKER = re.compile(r"(?m)^[ \t　]*(?:相談者|利用者|投稿者|質問者|送信者)[\[［（(](?P<h>[^\]］）)\n：:]{2,12})[\]］）)][ \t]*[：:]")
_RE_NOT_SPEAKER_NAME = re.compile(r"[0-9０-９]|匿名|本人|男子|女子|男性|女性|保護者|生徒|児童|^(?:母|父|祖母|祖父|兄|姉|弟|妹)")
NOT_PEOPLE = {
    "ipad", "iphone", "android", "pc", "mac", "macbook", "windows", "guest", "host", "admin",
    "user", "teacher", "staff", "zoom", "teams", "meet", "note", "memo", "info", "system", "bot",
    "room", "class", "test", "unknown", "owner", "cohost", "break", "lunch", "start", "end",
}


def counted(regex: re.Pattern[str], text: str, least: int) -> set[str]:
    """The strings of ``regex``'s group ``h`` that match at least ``least`` times in ``text``."""
    seen: dict[str, int] = {}
    for m in regex.finditer(text):
        seen[m.group("h")] = seen.get(m.group("h"), 0) + 1
    return {h for h, n in seen.items() if n >= least}


def _mark(text: str, cands: list[Candidate], handle: str) -> list[Candidate]:
    for m in re.finditer(r"(?<![A-Za-z0-9_.])" + re.escape(handle) + r"(?![A-Za-z0-9_])", text):
        hit = [c for c in cands if c.start < m.end() and m.start() < c.end]
        if any(c.kind not in ("person", "id") or c.start < m.start() or c.end > m.end() for c in hit):
            continue
        cands = [c for c in cands if c not in hit] + [Candidate(m.start(), m.end(), "person", "handle_log", 0.8)]
    return cands


def _mark_word(text: str, cands: list[Candidate], name: str) -> list[Candidate]:
    word = r"[ぁ-ゖァ-ヺー一-龥々A-Za-z0-9_]"
    for m in re.finditer(rf"(?<!{word}){re.escape(name)}(?!{word})", text):
        hit = [c for c in cands if c.start < m.end() and m.start() < c.end]
        if any(c.kind != "person" or c.start < m.start() or c.end > m.end() for c in hit):
            continue
        cands = [c for c in cands if c not in hit] + [Candidate(m.start(), m.end(), "person", "speaker_bracket", 0.8)]
    return cands


def handle_logs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the handles of the module docstring as persons."""
    handles = (counted(_RE_ROW, text, 1) | counted(_RE_AT, text, 2) | counted(_RE_TIMED, text, 2)
               | counted(_RE_LABEL, text, 1))
    out = list(cands)
    for h in sorted(counted(_RE_SPEAKER, text, 2)):
        if not _RE_NOT_SPEAKER_NAME.search(h) and h not in lx.KIN_ROLE_WORDS:
            out = _mark_word(text, out, h)
    for h in sorted(handles):
        if h.lower() in NOT_PEOPLE or len(h) < 3:
            continue
        out = _mark(text, out, h)
    return sorted(out, key=lambda c: (c.start, c.end))

"""Round 27: names that a chat, a social-media page or a village names as such.

A post-pass on the final findings of one text (text coordinates), before the echoes spread what it
finds. Each construction states how a record names a person, not which names (speakers after a
time are round 20's :mod:`~futoko_research.privacy.chatnames` and round 21's
:mod:`~futoko_research.privacy.handlelogs`):

* **A Discord-style header** (``mocchi — 今日 23:11``, ``ぽてと丸 — 2024/05/02 21:10``): the name
  before the dash and a date or 今日 / 昨日 and a time, alone on its line.
* **A bracketed speaker** (``[mahiro_t] はい``) opening two lines or more.
* **A handle after @** in the text (``…コメント（@kanata__k）``, ``@ぽてと丸 明日行く？``), not an
  e-mail; Latin handles may repeat or end in underscores (round 21 took single separators only); a
  speaker ``@handle：`` opening a line is left to round 21 (it counts when it speaks twice).
* **A house name** (屋号) after its label (屋号「鍛冶屋」, 屋号：こうや, 屋号は「しんかい」) or before it in
  brackets (「くるまや」（屋号）): in a village the house name points at a family as a surname does.
* **A nickname set equal to a found name** (``※ねこまる＝樋口 颯``, ``油屋＝関口家``): the word
  before ＝ / = that opens a line or follows ※ / 、 names the same person.

A role, kin, staff or app word in any of these slots (母：, 担任：, Mom:, [WhatsApp]) is no name, nor a
titled name (Dr.岩瀬: the name alone is found by itself) or a handle ending in a role (Tanimura_SSW);
an id or a shorter person finding inside the new span gives way to it.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.handlelogs import counted
from futoko_research.privacy.text import Candidate

_NAME = r"[ぁ-ゖァ-ヺー一-龥々A-Za-z0-9_.]{2,14}"
_DECOR = r"[^\sぁ-ゖァ-ヺー一-龥々A-Za-z0-9:：\]）)]{0,3}"
_RE_DISCORD = re.compile(rf"(?m)^(?P<h>{_NAME}){_DECOR}[ \t]+[—–-][ \t]+(?:今日|昨日|[0-9]{{4}}/[0-9]{{1,2}}/[0-9]{{1,2}})"
                         r"[ \t]+[0-9]{1,2}:[0-9]{2}[ \t]*$")
_RE_BRACKETED = re.compile(rf"(?m)^[ \t]*[\[［](?P<h>{_NAME})[\]］][ \t　]")
_RE_AT = re.compile(r"(?<![A-Za-z0-9._%+\-])@(?P<h>[A-Za-z][A-Za-z0-9]*(?:[_.\-]+[A-Za-z0-9]+)*_*|[ぁ-ゖァ-ヺー一-龥々]{2,10})"
                    r"(?![A-Za-z0-9]|[.\-][A-Za-z])")
_RE_YAGO = re.compile(r"屋号(?:は|が|の)?[ \t　]*[:：]?[ \t　]*[「『]?(?P<h>[ぁ-ゖァ-ヺー一-龥々]{2,8})(?:[」』]|(?=[＝=（(、。）)\s]))"
                      r"|[「『](?P<g>[ぁ-ゖァ-ヺー一-龥々]{2,8})[」』][ \t]*[（(]屋号")
_RE_EQUALS = re.compile(r"(?m)(?:^|※|、|[ \t　])(?P<h>[ぁ-ゖァ-ヺー一-龥々A-Za-z0-9_.]{2,10})[＝=]")
_NOT_NAMES = {"本人", "担任", "母", "父", "祖母", "祖父", "兄", "姉", "弟", "妹", "保護者", "生徒", "児童", "先生",
              "スタッフ", "メンター", "司会", "事務局", "全員", "管理者", "システム", "Bot", "bot", "BOT", "admin",
              "今日", "昨日", "明日", "午前", "午後", "メモ", "記録", "備考", "注", "訳", "原文",
              "Mom", "Mum", "Dad", "Mother", "Father", "Grandma", "Grandpa", "Mama", "Papa", "mama", "papa",
              # record fields and abbreviations (name=…, 本児＝…, Pt=患者, Fa=父, [管理人], [ch] = channel)
              "name", "Name", "NAME", "本児", "本生徒", "対象児", "Pt", "Fa", "Mo", "管理人", "運営", "ch", "CH"}
_APPS = {"WhatsApp", "LINE", "Slack", "Discord", "Teams", "Zoom", "Messenger", "Instagram", "Twitter", "Facebook",
         "TikTok", "WeChat", "KakaoTalk", "Viber", "Telegram", "Classroom", "Gmail", "SMS", "DM"}


def is_role_word(word: str) -> bool:
    """A role, kin, staff or app word, a number, or a titled name (Dr.岩瀬: the name is found by itself)."""
    return (word in _NOT_NAMES or word in _APPS or word in lx.NOT_ROMAJI_NAMES or word in lx.KIN_ROLE_WORDS
            or word in lx.ROLE_PREFIXES or word in lx.ROLE_SUFFIXES or re.fullmatch(r"[0-9_.]+", word) is not None
            or re.match(r"(?:Dr|Mr|Ms|Mrs|Prof)\.", word) is not None
            or re.split(r"[_.]", word)[-1] in lx.NOT_ROMAJI_NAMES | lx.ROLE_SUFFIXES)  # Tanimura_SSW: the name is Tanimura


def add_person(cands: list[Candidate], s: int, e: int, detector: str) -> list[Candidate]:
    """``cands`` with a person at (s, e) in place of the person and id findings inside it; unchanged
    when it would overlap a finding of another kind or cut a longer one."""
    hit = [c for c in cands if c.start < e and s < c.end]
    if any(c.kind not in ("person", "id") or c.start < s or c.end > e for c in hit):
        return cands
    return [c for c in cands if c not in hit] + [Candidate(s, e, "person", detector, 0.8)]


def _mark_all(text: str, cands: list[Candidate], name: str) -> list[Candidate]:
    edge = r"ぁ-ゖァ-ヺー一-龥々A-Za-z0-9_"
    for m in re.finditer(rf"(?<![{edge}]){re.escape(name)}(?![{edge}])", text):
        cands = add_person(cands, m.start(), m.end(), "chat_label")
    return cands


def chat_labels(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring as persons."""
    names = counted(_RE_DISCORD, text, 1) | counted(_RE_BRACKETED, text, 2)
    people_at = {c.start for c in cands if c.kind == "person" and c.confidence >= 0.7}
    for m in _RE_EQUALS.finditer(text):  # only when a found person follows the ＝ (not OD＝起立性)
        if m.end() in people_at or m.end() + 1 in people_at:
            names.add(m.group("h"))
    out = list(cands)
    for m in _RE_AT.finditer(text):
        if re.match(r"[ \t]*[:：]", text[m.end():]) and (m.start() == 0 or text[m.start() - 1] == "\n"):
            continue  # a speaker at a line start: round 21 reads it when it speaks twice
        h = re.sub(r"-(?:sensei|san|kun|chan|sama)$", "", m.group("h"))
        if not is_role_word(h):
            out = add_person(out, m.start("h"), m.start("h") + len(h), "chat_label")
    for m in _RE_YAGO.finditer(text):
        g = "h" if m.group("h") else "g"
        if not is_role_word(m.group(g)):
            names.add(m.group(g))
    for name in sorted(names, key=lambda n: (-len(n), n)):
        if not is_role_word(name) and not re.fullmatch(r"[0-9:._]+", name):
            out = _mark_all(text, out, name)
    return sorted(out, key=lambda c: (c.start, c.end))

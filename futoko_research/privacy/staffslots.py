"""Round 24: a family name with a second sense, in a slot that can only hold a person.

Most Japanese family names are also words or places (宮地, 早瀬, 浅見, 真壁, 岬, 牧, 森): the
name lexicons leave them out, or SudachiDict lists them as a family name *and* an ordinary
noun, so no earlier pass takes them on the word alone. In a slot that can only hold a person the
word's other sense does not matter. A post-pass on the final findings (text coordinates); the
word must be one to three kanji that SudachiDict lists with the sense 名詞-固有名詞-人名-姓 and
never as a verbal, adverbial or counter noun (面談, 担任, 全員: never taken), must not be a kin
or role word, and — one kanji — must have no suffix, prefix, pronoun, numeral or verb sense (室, 団,
前, 何: bound forms that join the word before). The slots:

* **A staff title, glued or after a space or a colon** (``SSW早瀬``, ``SC日下部``, ``室長宮地``,
  ``通訳張``, ``日本語指導尾花``, ``受付者　寺内``, ``担当医：春日``, ``記：宗像``, ``進路長谷部``,
  ``担任乾へ``): a school, office or clinic title, then the name, then a bound (line end,
  space, punctuation, a bracket, an arrow, a particle, 同席 / 記); a word glued to the title that
  opens with one of the title's compounds (室, 団, 表, 欄 …: 校長室前) is none.
* round 30: **a speaker of minutes after the office or school that sends them** (``北浜小 蓮沼：``,
  ``白波町 今泉：``), **a speaker with a role in brackets** (``堀之内（児童福祉司）：``) and **a teacher of a
  period** (``1限 片桐、2限 能登``).
* **A chat speaker** (``07:40 平田: …``, ``[06:58] 岬：…``): the word between a time at a line
  start and a colon, in a text with two such lines or more.
* **A sign-off** (``…明日から登校します。\n真壁`` at the end of a note, ``（宮地）`` or
  ``記録　柏木`` closing it, ``。日向`` after the last sentence): the last words of the note.
"""

from __future__ import annotations

import functools
import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.names import is_family_name
from futoko_research.privacy.text import Candidate, lexicon_pos

_TITLES = "|".join(sorted((
    "SSW", "SC", "CW", "SV", "室長", "所長", "センター長", "通訳", "通訳者", "日本語指導", "指導員", "相談員",
    "支援員", "担任", "副担任", "学年主任", "教頭", "校長", "養護", "顧問", "部顧問", "生指", "生徒指導",
    "進路", "教務", "担当", "担当者", "担当医", "主治医", "医師", "記録", "記録者", "記入", "記入者",
    "文責", "受付", "受付者", "引率", "同行", "児童福祉司", "保健師", "看護師", "司書", "講師",
    # round 30: offices' and clinics' staff of the development notes (心理司 結城, 進路指導 浅見, 市教委 真壁)
    "心理司", "児童心理司", "福祉司", "心理師", "公認心理師", "臨床心理士", "進路指導", "市教委", "教委", "PSW", "MSW",
    "聞き手", "指導主事", "専門員", "相談支援専門員", "協力員", "ケースワーカー", "保育士",
), key=len, reverse=True))
_SP = r"[ \t\u3000]"
_BOUND = r"(?=$|[\s、。，,・／/）)（(：:→⇒＋+]|が|は|も|と|へ|に|の|で|より|から|同席|記)"
_RE_TITLE = re.compile(
    rf"(?:(?<=^)|(?<=[\s（(、，,。：:・／/→]|[一-龥々ァ-ヺー]))(?P<t>{_TITLES})(?:{_SP}*[：:]{_SP}*|{_SP}*)"
    rf"(?P<n>[一-龥々]{{1,3}}?){_BOUND}", re.M)
_RE_CHAT = re.compile(
    r"^[ \t\u3000]*(?:[0-9/／]{3,10}[ \t\u3000]+)?[\[［【(（]?[0-9]{1,2}[:：][0-9]{2}[\]］】)）]?[ \t\u3000]*"
    r"(?P<n>[一-龥々]{1,3})[ \t\u3000]*[：:]", re.M)
_RE_SIGN = re.compile(
    r"(?:(?<=^)|(?<=[。！!]))[ \t\u3000]*[（(]?(?P<n>[一-龥々]{1,3})[）)]?[ \t\u3000]*\s*\Z", re.M)
_NOT = frozenset({"本人", "母", "父", "祖母", "祖父", "兄", "姉", "弟", "妹", "家族", "全員", "学校", "教員",
                  "職員", "以上", "各位", "一同", "事務", "事務局", "自分", "先生", "本校", "当方"})


@functools.lru_cache(maxsize=20_000)
def family_sense(word: str) -> bool:
    """``word`` (1-3 kanji) has SudachiDict's family-name sense and no verbal or adverbial one.

    Examples
    --------
    >>> family_sense("宮地"), family_sense("岬"), family_sense("面談"), family_sense("全員")
    (True, True, False, False)
    """
    if word in _NOT or word in lx.KIN_ROLE_WORDS or word in lx.ROLE_SUFFIXES or word in lx.ROLE_PREFIXES:
        return False
    pos = lexicon_pos(word)
    if not pos:
        return is_family_name(word)
    if any(p[0] == "名詞" and p[2] in ("サ変可能", "副詞可能", "助数詞可能") for p in pos):
        return is_family_name(word) and len(word) > 1
    if len(word) == 1 and any(p[0] in ("接尾辞", "接頭辞", "代名詞", "動詞") or p[1] == "数詞" for p in pos):
        return False  # 室, 団, 表, 前, 何: a bound form that joins the word before (校長室, 担任団)
    return any(p[1:4] == ("固有名詞", "人名", "姓") for p in pos)


#: what a title's compounds end in: its room, group, form, column, side (校長室, 担任団, 記録表, 担当欄)
_TITLE_TAILS = frozenset("室団会表欄宛前後用等側票簿")


def _bound_form(ch: str) -> bool:
    """``ch`` glued to a title makes one of the title's compounds, not the start of a name."""
    return ch in _TITLE_TAILS


def _free(cands: list[Candidate], s: int, e: int) -> bool:
    return not any(c.start < e and s < c.end for c in cands)


def _title_names(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _RE_TITLE.finditer(text):
        if m.end("t") == m.start("n") and len(m["n"]) > 1 and _bound_form(m["n"][0]):
            continue  # 校長室前: the title's own room, not a name
        if family_sense(m["n"]):
            out.append((m.start("n"), m.end("n"), "staff_title"))
    return out


#: round 30: a speaker of minutes after the office or school that sends them (北浜小 蓮沼：, 白波町 今泉：),
#: a speaker with a role in brackets (堀之内（児童福祉司）：) and a teacher of a period (1限 片桐、2限 能登)
_RE_OFFICE_SPEAKER = re.compile(
    r"^[ \t\u3000・○●]*[一-龥々ァ-ヺー]{1,10}(?:小|中|高|町|市|村|区|校|課|所|園|センター|病院|署)[ \t\u3000]+"
    r"(?P<n>[一-龥々]{1,3})[ \t\u3000]*[：:]", re.M)
_RE_ROLE_SPEAKER = re.compile(
    r"^[ \t\u3000・○●]*(?:[^\s：:（(]{1,12}[ \t\u3000]+)?(?P<n>[一-龥々]{1,3})[（(][^）)\n]{1,12}[）)][ \t\u3000]*[：:]", re.M)
_RE_PERIOD = re.compile(r"(?<![0-9])[0-9]{1,2}限[ \t\u3000]*(?P<n>[一-龥々]{1,3})(?=[、，,\s／/]|$)", re.M)


def _office_names(text: str) -> list[tuple[int, int, str]]:
    return [(m.start("n"), m.end("n"), "staff_title") for rx in (_RE_OFFICE_SPEAKER, _RE_ROLE_SPEAKER, _RE_PERIOD)
            for m in rx.finditer(text) if family_sense(m["n"])]


def _chat_names(text: str) -> list[tuple[int, int, str]]:
    lines = list(_RE_CHAT.finditer(text))
    if len(lines) < 2:
        return []
    return [(m.start("n"), m.end("n"), "chat_speaker") for m in lines if family_sense(m["n"])]


def _sign_names(text: str) -> list[tuple[int, int, str]]:
    m = _RE_SIGN.search(text)
    if m and family_sense(m["n"]):
        return [(m.start("n"), m.end("n"), "sign_off")]
    return []


_TITLE_WORDS = tuple(_TITLES.split("|"))


def _title_tail(head: str) -> bool:
    """True when ``head`` is a staff title or its end, and a space (司 of 心理司 in 司 結城, 養護 in 養護菅)."""
    word = head.rstrip(" \t\u3000")
    return bool(word) and any(t.endswith(word) for t in _TITLE_WORDS)


def staff_slots(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names in the person slots of the module docstring."""
    out = list(cands)
    for s, e, det in _title_names(text) + _office_names(text) + _chat_names(text) + _sign_names(text):
        hit = [c for c in out if c.start < e and s < c.end]
        # round 30: an uncertain reading of the name (児童福祉司 寺岡) or one that took the title's tail
        # with it (心理司 結城 read as 司 結城) gives way to the slot's
        if hit and all(c.kind == "person" and (c.confidence < 0.7 or (c.start < s and c.end == e and _title_tail(text[c.start:s])))
                       for c in hit):
            out = [c for c in out if c not in hit]
        if _free(out, s, e):
            out.append(Candidate(s, e, "person", det, 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))

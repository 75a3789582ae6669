"""Round 20: a family name standing alone after a school or office role.

A post-pass on the final findings (text coordinates):

* **A family name after a role** (``担任 沓掛``, ``養護 入江：``, ``講師：宮内``, ``点検：久住``,
  ``教務 古川 確認後``, ``市民課 宮地``, ``担任沓掛と``): one to three kanji that the name lexicon or
  SudachiDict lists as a family name (or, two or three kanji, only a proper noun such as a place), right after a role or duty word (担任, 養護, 講師, 教務,
  監督, 点検, 同行, a section ending in 課 / 係 / 室 …) and a space or a colon (glued on only after a
  teacher's role and before a particle; round 23: also after a grade, 教科, 前, 新 … and before →, に or a comma:
  ``3年学年主任宗像に``, ``教科担任浅香が``, ``,担任寺島→SC``), before a bound (line end, punctuation, bracket, colon,
  a particle or 確認 after a space) is a person. A span running on into a verb noun after the space
  (古川 確認後) is cut back to the name; a full name (相談員 柿崎 奈央：) stays whole. 担任 面談, 監督：本人, 担任団と (no family name) stay.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import Candidate, lexicon_pos

_ROLES = "|".join(sorted((
    "担任", "副担任", "学年主任", "主任", "教務", "養護", "講師", "教育相談", "生徒指導", "顧問", "監督", "点検",
    "同行", "支援員", "教室長", "指導員", "相談員", "司書", "教頭", "校長", "主事", "指導主事", "所長", "看護師",
    "保健師", "通訳", "記録者", "記入者", "確認者", "点検者", "引率", "学年", "教諭", "SC", "SSW", "CW",
), key=len, reverse=True))
_SECTION = r"[一-龥々]{1,6}(?:課|係)"
_SP = r"[ \t\u3000]"
_RE_SPACED = re.compile(
    rf"(?:(?<=^)|(?<=[\s（(、，,：:・→/／]))(?:{_ROLES}|{_SECTION})(?:{_SP}*[：:]{_SP}*|{_SP}+)"
    rf"(?P<n>[一-龥々]{{1,3}})"
    rf"(?={_SP}*(?:$|[\n、，,。）)：:（(／/])|{_SP}+(?:確認|が|へ|に|と|より|から|[A-Z]{{2,3}}{_SP}|[^\s：:]{{1,6}}[：:]))",
    re.M)
_TEACHER = "担任|副担任|学年主任|顧問|養護|教務|生徒指導"
_RE_GLUED = re.compile(
    rf"(?:(?<![一-龥々])|(?<=[0-9０-９]年)|(?<=教科|前任|籍校)|(?<=[前元新旧]))(?:{_TEACHER})(?P<n>[一-龥々]{{2,3}}?)"
    rf"(?=と|へ|が|に|は|も|より|から|[、，。）)（(→⇒：:,]|$)",
    re.M)


_RE_RUN_ON = re.compile(r"[ \t\u3000]+(?:確認|対応|連絡|済|了)")


def _family(word: str) -> bool:
    if word in lx.KIN_ROLE_WORDS or word in lx.ROLE_SUFFIXES or word in lx.ROLE_PREFIXES:
        return False
    if len(word) == 1:
        return is_family_name(word) and not is_given_name(word)
    if is_family_name(word) or is_sudachi_family_name(word):
        return True
    pos = lexicon_pos(word)
    if any(p[0] != "名詞" or p[2] in ("サ変可能", "副詞可能", "助数詞可能") for p in pos):
        return False  # 面談, 不在, 今日: an ordinary word
    family = any(p[2:4] == ("人名", "姓") for p in pos)
    proper = bool(pos) and all(p[1] == "固有名詞" for p in pos)
    return family or (proper and len(word) >= 2)  # 真田; 沓掛 (a place); 交代後, 指導係 (no entry) are none


def role_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the family names after a role of the module docstring as persons."""
    out = list(cands)
    for rx in (_RE_SPACED, _RE_GLUED):
        for m in rx.finditer(text):
            s, e = m.span("n")
            if not _family(m.group("n")):
                continue
            run_on = [c for c in out if c.kind == "person" and c.start == s and c.end > e
                      and _RE_RUN_ON.match(text, e) and "\n" not in text[e:c.end]]
            out = [c for c in out if c not in run_on]
            out = replace_overlapping(out, Candidate(s, e, "person", "role", 0.8))
    return out

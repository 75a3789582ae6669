"""Round 21: the edges of person spans — seals and record words, full-stop joints, school names.

A post-pass on the final findings (text coordinates):

* **A seal or a record word after a name is not the name** (``能登 啓介　㊞``, ``日野　印``,
  ``篠塚 記``, ``藤代 対応``, ``吉良　電話``): a person span whose last piece, after a space, is a
  seal mark (㊞, 印) or a word of the record (記, 記録, 対応, 電話, 確認, 済) is cut back to the name.
  A name that ends in such a character with no space before it (由記, 印南) stays.
* **A record word or a role glued to a family name** (round 23; ``丸尾記``, ``日直 小宮山受``,
  ``SSW 日野記録``, ``SSW 真野同行``, ``情報科 北見T``, ``三木SSW``, ``面談：秋元母``): two to four kanji
  that are a family name (of the lexicon, or the family part of a full name in the note) with
  記 / 記録 / 受 / 受付 / 同行 / 対応 / 確認 / 済, a teacher's T, SSW / SC or 母 / 父 glued on: a person
  span of that shape is cut back to the family name, and such a word standing alone after a
  space, a colon, 、 or a bracket and before a bound is the family name's person (not with 母 / 父,
  which follow a child's name as often). ``佐藤由記`` (no family name before 記), ``学校同行``,
  ``面談記録`` (ordinary words) stay.
* **Two person findings joined by a full stop are one name** (``森．敬一　印``, ``佐久間．エリカ（母）``,
  ``遠山．拓真（中2）``, ``ロドリゲス．アンジェラ／``): two person findings with only ``．`` or ``.``
  between them, the second followed by a bound (line end, a space, a bracket, a slash, a comma)
  and the first preceded by one (line start, a space, a colon, a slash), are one person span.
  ``山田．次回は…`` (no second finding) stays apart.
* **A school's short name is no one** (``朝霧二中``, ``千草北中``, ``北中``, ``西中``): a person finding
  that ends in a cardinal direction or a numeral and 中 / 小 (a school's short name) is dropped.
  ``田中``, ``山中`` (no direction or numeral before 中) stay.
* **A meeting role is no one** (``ホスト：鳥居（SSW）``, ``共同ホスト``, ``ゲスト``): a person finding that is
  only the role word of an online meeting is dropped; the name beside it stays.
"""

from __future__ import annotations

import re

from futoko_research.privacy.text import Candidate

_RE_TAIL = re.compile(r"[ 　]+(?:㊞|印|記録|記|対応|電話|確認|済)$")
_RE_SCHOOL = re.compile(r"(?:[東西南北]|第?[一二三四五六七八九十])[中小]$")
_ROLES = {"ホスト", "共同ホスト", "ゲスト", "参加者", "主催者"}
_LEFT_BOUND = " 　：:／/、,（(「\n\t"
_RIGHT_BOUND = " 　／/、,，）)（(」\n\t"


def _seal_tails(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        if c.kind == "person":
            m = _RE_TAIL.search(text, c.start, c.end)
            if m and m.end() == c.end and m.start() > c.start:
                c = Candidate(c.start, m.start(), c.kind, c.detector, c.confidence)
        out.append(c)
    return out


_GLUED = ("記録", "記", "受付", "受", "同行", "対応", "確認", "済", "SSW", "SC", "T", "母", "父")
_RE_GLUED_NEW = re.compile(r"(?<=[ 　：:、（(\n\t])(?P<fam>[一-龥々ヶ]{2,4}?)(?P<tail>記録|記|受付|受|同行|対応|確認|済|SSW|SC|T)"
                           r"(?=[）)\n、。，,． 　]|$)")


def _family_of(word: str, families: set[str]) -> bool:
    from futoko_research.privacy.names import is_family_name
    from futoko_research.privacy.text import is_abstract_noun

    return (word in families or is_family_name(word)) and not is_abstract_noun(word)


def _glued_tails(text: str, cands: list[Candidate]) -> list[Candidate]:
    families = {m.group(1) for c in cands if c.kind == "person"
                for m in [re.fullmatch(r"([一-龥々ヶ]{2,4})[ 　・．.][^ 　]+", text[c.start:c.end])] if m}
    out = []
    for c in cands:
        span = text[c.start:c.end]
        if c.kind == "person" and re.fullmatch(r"[一-龥々ヶ]{2,4}(?:記録|記|受付|受|同行|対応|確認|済|SSW|SC|T|母|父)", span):
            for tail in _GLUED:
                fam = span[:-len(tail)]
                if span.endswith(tail) and len(fam) >= 2 and _family_of(fam, families):
                    c = Candidate(c.start, c.start + len(fam), c.kind, c.detector, c.confidence)
                    break
        out.append(c)
    for m in _RE_GLUED_NEW.finditer(text):
        s, e = m.span("fam")
        if _family_of(m.group("fam"), families) and not any(c.start < m.end() and s < c.end for c in out):
            out.append(Candidate(s, e, "person", "glued_tail", 0.8))
    return sorted(out, key=lambda c: (c.start, c.end))


def _full_stop_joints(text: str, cands: list[Candidate]) -> list[Candidate]:
    cands = sorted(cands, key=lambda c: (c.start, c.end))
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if (b is not None and a.kind == "person" and b.kind == "person"
                and b.start == a.end + 1 and text[a.end] in "．."
                and (a.start == 0 or text[a.start - 1] in _LEFT_BOUND)
                and (b.end == len(text) or text[b.end] in _RIGHT_BOUND)):
            out.append(Candidate(a.start, b.end, "person", "full_stop_joint",
                                 max(a.confidence, b.confidence)))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def name_edges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the span edges of the module docstring."""
    cands = [c for c in cands if not (c.kind == "person" and (
        _RE_SCHOOL.search(text[c.start:c.end]) or text[c.start:c.end] in _ROLES))]
    return _full_stop_joints(text, _glued_tails(text, _seal_tails(text, cands)))

"""Round 21: foreign names written in katakana words around single spaces.

A post-pass on the final findings (text coordinates):

* **Katakana words after a person's role** (``通訳 ギリ サビナ（``, ``児童 タパ スジャン（4年）``,
  ``Student: カストロ ジャスミン（``, ``通訳：… レ タン フォン（``): after a role (通訳, 児童, 生徒,
  本人, 母, 父, 保護者, 対象, Student, Mother, Father …) and a space or a colon, two or three
  katakana words joined by single spaces, before a bound (a bracket, a comma, さん, a line end),
  are one person span when no word is an ordinary word (SudachiDict's common nouns). A finding
  of one part gives way. A reading in brackets (``崔 恩静（チェ ウンジョン）``) has no role
  before it and stays as it was.
* **A katakana family name before a kanji given name** (``ダ シルバ 恵美``, ``ナラン 恵子``,
  ``チャイヤプーム 真奈``): a person finding of one to three kanji with one or two katakana words
  and single spaces before it, the whole after a bound (a line start, two spaces, a colon, a
  bracket, a comma), is one person span with them, when no katakana word is an ordinary word or
  a job title (``スクールカウンセラー 水野`` stays 水野).
"""

from __future__ import annotations

import re

from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.text import Candidate, has_common_sense, is_common_kana_word

_KW = r"[ァ-ヶ][ァ-ヶー]{0,9}"
_ROLE = (r"(?:通訳|児童|生徒|本人|母|父|祖母|祖父|保護者|対象|氏名|名前|"
         r"Student|Mother|Father|Parent|Interpreter)")
_RE_AFTER_ROLE = re.compile(
    rf"{_ROLE}(?:[ 　]*[:：][ 　]*|[ 　]+)(?:[^\n（(、]{{0,20}}?[ 　])?"
    rf"(?P<n>{_KW}(?:[ 　]{_KW}){{1,2}})(?=さん|様|[（(、,，）)\n]|$)"
)
_RE_BEFORE_KANJI = re.compile(rf"(?:^|(?<=[ 　]{{2}})|(?<=[：:（(、,\n\t]))(?P<k>{_KW}(?:[ 　]{_KW})?)[ 　]$")
_RE_KANJI = re.compile(r"[一-龥々]{1,3}")


#: katakana job titles (スクールカウンセラー 水野 is a role before a family name)
KATAKANA_ROLE_ENDS = ("カウンセラー", "ワーカー", "コーディネーター", "サポーター", "ボランティア", "スタッフ",
                      "ヘルパー", "リーダー", "マネージャー", "コーチ", "ナース", "ドクター", "センター", "クラブ")


def _ordinary(words: list[str]) -> bool:
    return any(is_common_kana_word(w) or has_common_sense(w) or w.endswith(KATAKANA_ROLE_ENDS) for w in words)


def _after_roles(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_AFTER_ROLE.finditer(text):
        words = re.split(r"[ 　]", m.group("n"))
        if _ordinary(words):
            continue
        cands = replace_overlapping(cands, Candidate(m.start("n"), m.end("n"), "person", "katakana_words", 0.8))
    return cands


def _family_before_kanji(text: str, cands: list[Candidate]) -> list[Candidate]:
    for c in list(cands):
        if c.kind != "person" or not _RE_KANJI.fullmatch(text[c.start:c.end]):
            continue
        m = _RE_BEFORE_KANJI.search(text[max(0, c.start - 24):c.start])
        if not m:
            continue
        words = re.split(r"[ 　]", m.group("k"))
        if _ordinary(words):
            continue
        start = c.start - (len(m.group()) - (m.start("k") - m.start()))
        cands = replace_overlapping(cands, Candidate(start, c.end, "person", "katakana_family", c.confidence))
    return cands


def katakana_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the katakana names of the module docstring."""
    return sorted(_family_before_kanji(text, _after_roles(text, cands)), key=lambda c: (c.start, c.end))

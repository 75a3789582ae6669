"""Round 18: words in person spans that a careful reader sees are no names.

* a kin word cut before its honorific (じい of じいちゃん, ばあ of ばあちゃん): the span with the
  honorific after it is one common noun to SudachiDict;
* a hiragana span over a space whose first part ends in a particle (いぬの　ぽんたと,
  たんにんの　まっ, ひよりへ いつで): two phrases of a child's spaced writing, not one name;
* an all-capital key before ``=`` of a ``KEY=value`` record (KANA=…, NAME=…);
* a month in kanji numerals (七月, 十二月) and a school stage (中学生, 小学生, 高校生);
* a role in ～者 whose stem is a verbal noun (陳情者, 相談者, 申請者).

Names stay: さとう　はなこ (no particle before the space), a reading in brackets (まきの りお), 光 and 実 (names of the lexicon),
Kana=… in a sentence, 学者 (no verbal noun).
"""

from __future__ import annotations

import re

from futoko_research.privacy.names import is_name
from futoko_research.privacy.text import Candidate, lexicon_pos

_RE_MONTH = re.compile(r"[一二三四五六七八九十]{1,3}月")
_RE_STAGE = re.compile(r"(?:小|中|高|大)?学生|(?:高校|大学|中学|小学)生|園児")
_RE_SPACED_PARTICLE = re.compile(r"(?P<a>[ぁ-ゖ]*)(?P<p>[のへはがをにとで])[ \u3000]+(?P<b>[ぁ-ゖー]+)")


def _two_phrases(span: str) -> bool:
    """``いぬの　ぽんたと``: the part after the space ends in a particle or a small っ and is no
    name, or the part before it is a pronoun or common word + particle (ぼくの　ぽんた); a
    family name ending in の / と / が (ほしの　みお, のと ゆい, まつなが さら) stays."""
    m = _RE_SPACED_PARTICLE.fullmatch(span)
    if not m:
        return False
    b = m.group("b")
    if re.search(r"[とでがをにはへっ]$", b) and not is_name(b):
        return True
    head = m.group("a")
    return len(head) >= 2 and not is_name(head + m.group("p")) and any(
        p[0] == "代名詞" or p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(head))


def _kin_before_honorific(text: str, c: Candidate) -> bool:
    m = re.match(r"ちゃん|さん|くん", text[c.end:c.end + 3])
    if not m or not re.fullmatch(r"[ぁ-ゖー]{1,4}", text[c.start:c.end]):
        return False
    word = text[c.start:c.end + len(m.group())]
    pos = lexicon_pos(word)
    return bool(pos) and all(p[:2] == ("名詞", "普通名詞") for p in pos)


def _verbal_noun_role(span: str) -> bool:
    if len(span) < 3 or not span.endswith("者") or is_name(span):
        return False
    return any(p[:3] == ("名詞", "普通名詞", "サ変可能") for p in lexicon_pos(span[:-1]))


def drop_non_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` without the person spans of the module docstring."""
    out = []
    for c in found:
        if c.kind == "person":
            span = text[c.start:c.end]
            reading = text[c.start - 1:c.start] in ("（", "(")  # 牧野 理央（まきの りお）
            if (_kin_before_honorific(text, c) or (_two_phrases(span) and not reading)
                    or (re.fullmatch(r"[A-Z]{2,}", span) and text[c.end:c.end + 1] == "=")
                    or _RE_MONTH.fullmatch(span) or _RE_STAGE.fullmatch(span) or _verbal_noun_role(span)):
                continue
        out.append(c)
    return out

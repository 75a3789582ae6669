"""Round 19: names around one space — given names cut off, rosters joined, ends caught.

Post-passes on the final findings (text coordinates):

* **A given name after the family name and one space** (``栗林 あかり``, ``菅原 心春：``): a person
  span that is one family name (kanji, or kana the lexicon lists) followed by one space and a
  word ending at a bound (punctuation, bracket, colon, an honorific, a tab, the line end) is a
  full name when that word is a given name of the lexicon, or two kanji SudachiDict has no entry
  for; an ordinary word (佐藤 来校), a kin or role word (田中 母) and a one-kanji word the lexicon
  does not know stay outside.
* **A Chinese name with a space** (``王 子涵``, ``父 王 建国``): one of the common Chinese family
  names, a space and one or two kanji, after a person label (学生：, 氏名, 父 / 母 / 保護者 + space) and
  before a bound.
* **Family names in a row split by spaces or ・ are several people** (``大槻　井口　ホセ``,
  ``富田　緒方``, ``永井・ハリス``): a span whose parts are all family names (the last may be a
  katakana name) and no later part a given name is one person per part; a kanji family name ・ a
  katakana word the lexicon does not give as a given name is two people.
* **Words caught at a name's ends**: 宅 glued on after a full name (中井 花恋宅 — the house), a seal
  印 or a sex 男 / 女 after spaces (佐々木恵美　　印, 野口陽太　　男), a reply はい before a space
  (はい　ちなつ); a particle glued before a kana name after a kanji word, a bracket or an
  honorific, when the rest is a person elsewhere, a given name or a nickname (（1年）とみおちゃん →
  みお, 担当はぴーちゃん); the part after the last space cut from a common word (北川　こど|も →
  北川). A name after a space (とみお alone) stays.
* round 30: **a full name in kana with one space** (``こはた　さくら``, ``はすみ つむぎ``): a family
  name and a given name of the lexicon, both in hiragana or both in katakana, as children write them;
  or, filling its line (a name tag, a letter's signature), a hiragana word that reads as no Japanese
  word (SudachiDict) and a given name of the lexicon; and a kana given name of the lexicon closing a
  line after a space, on two lines or more (messages signed ``…やりたい　そうた``).
* **A third katakana word** (グエン ミン | コア）): a katakana name of two words or more followed by a
  space and a katakana word that is no common word (or any word, when the bracket follows a
  Latin name of as many words: NGUYEN MINH KHOA（グエン ミン コア）), before a closing bracket or
  the line end.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.joinednames import replace_overlapping
from futoko_research.privacy.names import is_family_name, is_given_name
from futoko_research.privacy.surnames import is_sudachi_family_name
from futoko_research.privacy.text import (
    Candidate,
    has_common_sense,
    in_lexicon,
    is_common_kana_word,
    is_lexicon_person,
    lexicon_pos,
)

_SP = " \u3000"
_BOUND = re.compile(r"(?:$|[\n\t、。，．,.：:（()）「」』】｜|・!！?？]|さん|くん|君|ちゃん|様|さま|先生|宅|[ \u3000]{1,}[^ \u3000ぁ-ゖ])")
_RE_GIVEN = re.compile(r"[ \u3000](?P<g>[ぁ-ゖー]{2,4}|[ァ-ヺー]{2,5}|[一-龥々]{1,2})")
_NOT_GIVEN = lx.KIN_ROLE_WORDS | lx.ROLE_SUFFIXES | lx.ROLE_PREFIXES | {"男", "女", "印", "宅", "様", "殿", "氏"}
#: common Chinese family names (simplified and traditional forms; general knowledge)
CHINESE_FAMILY = frozenset(
    "王李張张劉刘陳陈楊杨趙赵黄黃周呉吴徐孫孙胡朱郭馬马羅罗梁宋鄭郑謝谢韓韩唐馮冯董蕭萧曹袁鄧邓許许"
    "沈曾彭呂吕蘇苏盧卢蔣蒋蔡賈贾魏薛葉叶閻阎潘杜戴鍾钟汪姜范姚譚谭廖鄒邹熊陸陆郝崔邱侯邵孟龍龙"
    "錢钱湯汤尹黎喬乔賀贺賴赖龔龚"
    "高")  # round 30: 高 雪梅 (with a label, a colon, a bracket or a line start before it, as the others)
_RE_CHINESE = re.compile(
    r"(?:(?P<lab>(?:学生|生徒|児童|氏名|本人|父|母|保護者|祖父|祖母|兄|姉|弟|妹)[ \u3000：:]|[：:])|^|[\t（(])"
    r"[ \u3000]*(?P<n>(?P<f>[" + "".join(sorted(CHINESE_FAMILY)) + r"])[ \u3000](?P<g>[一-龥]{1,2}))"
    r"(?=$|[\n\t（()）、。：: \u3000])",
    re.M)


def _family(word: str) -> bool:
    return is_family_name(word) or is_sudachi_family_name(word)


def _given(word: str) -> bool:
    if word in _NOT_GIVEN:
        return False
    if is_given_name(word):
        return not any(p[0] in ("助詞", "助動詞", "副詞", "接続詞", "動詞", "形容詞") for p in lexicon_pos(word))
    if re.fullmatch(r"[一-龥々]{2}", word):
        return not in_lexicon(word) or (is_lexicon_person(word) and not _family(word))
    return False


def _extend_given(text: str, cands: list[Candidate]) -> list[Candidate]:
    for c in list(cands):
        if c.kind != "person" or c.confidence < 0.7:
            continue
        span = text[c.start:c.end]
        if not (re.fullmatch(r"[一-龥々]{2,3}", span) and not is_given_name(span) or _family(span)):
            continue
        m = _RE_GIVEN.match(text, c.end)
        if not m or not _BOUND.match(text, m.end()) or not _given(m.group("g")):
            continue
        if any(o is not c and o.start < m.end() and c.end < o.end and o.kind != "person" for o in cands):
            continue
        cands = replace_overlapping(cands, Candidate(c.start, m.end(), "person", "spaced", c.confidence))
    return cands


def _chinese(text: str, cands: list[Candidate]) -> list[Candidate]:
    for m in _RE_CHINESE.finditer(text):
        g = m.group("g")
        if g in _NOT_GIVEN or any(p[0] in ("助詞", "助動詞", "動詞") for p in lexicon_pos(g)):
            continue
        if not m.group("lab") and any(p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(g)):
            continue  # 金 曜日 at a line start: a word cut by a space, not a name
        cands = replace_overlapping(cands, Candidate(m.start("n"), m.end("n"), "person", "spaced", 0.8))
    return cands


def _no_given(word: str) -> bool:
    return not is_given_name(word) and not any(p[2:4] == ("人名", "名") for p in lexicon_pos(word))


def _place_family(word: str) -> bool:
    """A family name that is also a place (緒方, 井口) and never a given name (柚月, 麻美 are)."""
    pos = lexicon_pos(word)
    return _family(word) and _no_given(word) and any(p[2] == "地名" for p in pos)


def _alone_elsewhere(text: str, word: str, start: int, end: int) -> bool:
    for m in re.finditer(re.escape(word), text):
        if start <= m.start() < end:
            continue
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 2]
        if re.match(r"[一-龥々ァ-ヺー]", before) or re.match(r"[一-龥々ァ-ヺー]|・[ァ-ヺ]", after):
            continue
        return True
    return False


def _split_rows(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        span = text[c.start:c.end]
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^ \u3000・]+", span)]
        words = [span[s:e] for s, e in parts]
        ok = False
        if c.kind == "person" and len(parts) >= 2 and "・" not in span:
            kata = re.fullmatch(r"[ァ-ヺー]{2,}", words[-1]) and len(words) >= 3
            heads = words[:-1] if kata else words
            ok = (all(re.fullmatch(r"[一-龥々]{2,3}", w) and _family(w) and _no_given(w) for w in heads)
                  and (len(words) >= 3 or _place_family(words[1])))
        elif c.kind == "person" and len(parts) == 2 and "・" in span:
            ok = (bool(re.fullmatch(r"[一-龥々]{2,3}", words[0])) and _family(words[0])
                  and bool(re.fullmatch(r"[ァ-ヺー]{3,}", words[1])) and not is_given_name(words[1])
                  and _alone_elsewhere(text, words[0], c.start, c.end))
        if ok:
            out.extend(Candidate(c.start + s, c.start + e, "person", c.detector, c.confidence) for s, e in parts)
        else:
            out.append(c)
    return out


def _trim_ends(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        if c.kind == "person":
            span = text[c.start:c.end]
            m = re.search(r"(?:(?:\u3000+| {2,})[印男女]|宅)$", span)
            if m and len(span[:m.start()].replace(" ", "").replace("\u3000", "")) >= 3 and (
                    m.group() != "宅" or re.search(r"[ \u3000]", span[:m.start()]) or len(span) >= 5):
                c = Candidate(c.start, c.start + m.start(), c.kind, c.detector, c.confidence)
            h = re.match(r"(?:はい|いいえ|うん)[ \u3000]+", span)
            if h and len(span) > h.end():
                c = Candidate(c.start + h.end(), c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def _particle_heads(text: str, cands: list[Candidate]) -> list[Candidate]:
    people = {text[c.start:c.end] for c in cands if c.kind == "person"}
    out = []
    for c in cands:
        span = text[c.start:c.end]
        rest = span[1:]
        if (c.kind == "person" and re.fullmatch(r"[とはやもがをに][ぁ-ゖー]{2,7}", span)
                and re.match(r"[一-龥々）)]|ん", text[c.start - 1:c.start])
                and (rest in people or is_given_name(rest) or re.search(r"(?:ちゃん|くん|たん)$", rest))):
            c = Candidate(c.start + 1, c.end, c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def _cut_kana_words(text: str, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        span = text[c.start:c.end]
        m = re.search(r"[ \u3000]+(?P<w>[ぁ-ゖ]+)$", span)
        if c.kind == "person" and m and m.start() > 0 and re.match(r"[ぁ-ゖ]", text[c.end:c.end + 1]):
            word = m.group("w") + re.match(r"[ぁ-ゖー]*", text[c.end:]).group()
            if any(p[:2] == ("名詞", "普通名詞") for p in lexicon_pos(word)) and not is_given_name(word):
                c = Candidate(c.start, c.start + m.start(), c.kind, c.detector, c.confidence)
        out.append(c)
    return out


def _katakana_third(text: str, cands: list[Candidate]) -> list[Candidate]:
    for c in list(cands):
        span = text[c.start:c.end]
        if c.kind != "person" or not re.fullmatch(r"[ァ-ヺー]+(?:[ \u3000][ァ-ヺー]+)+", span):
            continue
        m = re.match(r"[ \u3000](?P<w>[ァ-ヺー]{2,5})(?=[）)\n]|$)", text[c.end:])
        latin = re.search(r"(?P<l>[A-Za-z]+(?: [A-Za-z]+)+)[（(]$", text[max(0, c.start - 40):c.start])
        words = len(re.split(r"[ \u3000]", span)) + 1
        if m and (not is_common_kana_word(m.group("w")) or (latin and len(latin.group("l").split()) == words)):
            cands = replace_overlapping(cands, Candidate(c.start, c.end + m.end(), "person", c.detector, c.confidence))
    return cands


#: round 30: a full name in kana with one space (こはた　さくら, ハヤセ ユイナ), as children and their
#: teachers write it on name tags and at a letter's end
_RE_KANA_FULL = re.compile(r"(?<![ぁ-ゖァ-ヺー])(?P<f>[ぁ-ゖー]{2,6}|[ァ-ヺー]{2,6})[ \u3000](?P<g>[ぁ-ゖー]{1,5}|[ァ-ヺー]{1,5})(?![ぁ-ゖァ-ヺー])")
#: the same name filling its line (a name tag, a signature: たんにん ふるや みき, はやせ ゆいな より), where the
#: family name need not be in the lexicon (its kana forms are few) but must be no word
_RE_KANA_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?:たんにん|せんせい|きょうしつ|[一-龥ァ-ヺー]{1,12})[ \t\u3000]+)?"
    r"(?P<f>[ぁ-ゖー]{2,6})(?<![はがもをへ])[ \t\u3000]+(?P<g>[ぁ-ゖー]{1,5})[ \t\u3000]*(?:より|から)?[ \t\u3000]*$")
#: a kana given name closing a line after a space, on two lines or more (children's messages signed
#: たのしかった！ また来年もやりたい　そうた / いつもありがとう　ひまり)
_RE_SIGNED_LINE = re.compile(r"(?m)(?<=[^\s])[ \u3000]+(?P<g>[ぁ-ゖー]{2,5})[ \t\u3000]*$")
_NOT_KANA_GIVEN = frozenset({"より", "から", "です", "まで", "ます", "した", "ね", "よ"})


def _word_like(kana: str) -> bool:
    """True when SudachiDict knows a kana word as an ordinary word (ともだち, ありがとう, もっと); a family
    name in kana is often cut into words (ふる|や) or read as a verb (はやせ), so only whole entries count."""
    return is_common_kana_word(kana) or has_common_sense(kana) or any(
        p[0] in ("形容詞", "助動詞", "副詞", "感動詞", "接続詞", "代名詞", "助詞") for p in lexicon_pos(kana))


def _message_line(head: str) -> bool:
    """True when the words before a signed name are a message (five characters or more, no tab, no
    run of spaces, no label: not a table row 16　能登谷　ひなた　　のとや　ひなた nor 氏名：…)."""
    return len(head.strip()) >= 5 and not re.search(r"\t|[ \u3000]{2,}|[:：]", head)


def _kana_signatures(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A kana given name signing a message, on two lines or more (the docstring's round-30 item)."""
    signed = [m for m in _RE_SIGNED_LINE.finditer(text) if is_given_name(m["g"]) and not _word_like(m["g"])
              and m["g"] not in lx.PERSON_SUFFIXES and m["g"] not in _NOT_KANA_GIVEN and m["g"] not in ("せんせい", "さま")
              and _message_line(text[text.rfind("\n", 0, m.start()) + 1:m.start()])]
    if len(signed) < 2:
        return cands
    for m in signed:
        head = text.rfind("\n", 0, m.start()) + 1
        if not any(c.start < m.end("g") and head < c.end and c.confidence >= 0.7 for c in cands):  # no name on the line (坂巻 陽斗　さかまき はると)
            cands = [c for c in cands if not (c.start < m.end("g") and m.start("g") < c.end)]  # an uncertain reading gives way
            cands.append(Candidate(m.start("g"), m.end("g"), "person", "kana_signature", 0.8))
    return cands


def _kana_full(text: str, cands: list[Candidate]) -> list[Candidate]:
    spans = [m for m in _RE_KANA_FULL.finditer(text) if is_family_name(m["f"]) and is_given_name(m["g"])]
    lines = [m for m in _RE_KANA_LINE.finditer(text) if is_given_name(m["g"]) and not _word_like(m["f"])]
    last = text.rstrip().rfind("\n") + 1
    spans += [m for m in lines if len(lines) >= 2 or m.start() >= last or re.search(r"(?:より|から)[ \t\u3000]*$", m.group())
              or re.match(r"[ \t\u3000]*(?:たんにん|せんせい|[一-龥ァ-ヺー]{1,12})[ \t\u3000]", m.group())]
    for m in spans:
        f, g = m["f"], m["g"]
        if f in lx.NAME_NOUNS or g in lx.NAME_NOUNS or g in _NOT_KANA_GIVEN:
            continue
        s, e = m.start("f"), m.end("g")
        hit = [c for c in cands if c.start < e and s < c.end]
        if all(c.kind == "person" and s <= c.start and c.end <= e for c in hit):
            cands = [c for c in cands if c not in hit] + [Candidate(s, e, "person", "kana_full_name", 0.8)]
    return sorted(cands, key=lambda c: (c.start, c.end))


def spaced_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring."""
    cands = _kana_full(text, _kana_signatures(text, cands))
    cands = _katakana_third(text, _cut_kana_words(text, _particle_heads(text, cands)))
    cands = _trim_ends(text, _split_rows(text, cands))
    return _chinese(text, _extend_given(text, cands))

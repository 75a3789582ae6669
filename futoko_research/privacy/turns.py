"""Round 28: the speakers of a conversation, whatever the speaker's name looks like.

A post-pass on the final findings of one text (text coordinates), run with round 27's
:mod:`~futoko_research.privacy.chatlabels`. Earlier rounds read chat speakers one script at a time
(kana after a time, round 20; lower-case Latin, round 21; family names, round 24; title-case Latin,
round 25) and each kept ordinary words out of the slot, so a handle that is a word (ねむねむ, ミント,
ぽてと丸, mocchi) or carries a symbol (ねこまる🐾) stayed. Here the *shape of the record* decides:

* **A turn** opens a line with a time stamp (``[21:04]``, ``00:41``, ``[2024/06/11 21:14]``,
  ``6/20 22:41``, ``09:52 From``), a forum number or post label (``>>112``, ``[投稿]``, ``[返信]``,
  ``返信：``), or stands in brackets on a line of its own (``【なおき】``); the speaker follows, and
  then what is said (after ``:`` / ``：`` / ``「`` / `` to Everyone``) or, for a post header, the date.
* **A conversation** is two turns of the same form or more in which a speaker takes a turn twice,
  or three speakers or more take turns. A timetable (``9:00 あさのかい：うた`` / ``10:00 べんきょう：…``)
  names no one twice and has no more than two slots: it is left alone.
* **The speaker** is the slot without a role before it (``スタッフ｜ちゃい``, ``運営・しらたま``,
  ``相談員_もも``, ``スタッフ ケン`` → the name), a bracket after it (``まっちゃ（大学生ボラ）``) or a
  symbol after it (``ねこまる🐾``: the evaluator takes trailing symbols as optional). A role, kin,
  staff, app or field word (母, 担任, 司会, Bot, 議題, 昼食: a kanji common noun), a single Latin letter
  (Q, A, T, S of a transcript) or a number is no name.
* **Where**: at each speaker slot and at its other occurrences in the text that are set off as a
  word (:func:`~futoko_research.privacy.echoes.set_off`: ``※ぷりんは…``, not ``ぷりんを作る``
  glued to more kana, not ``momoko``).

A parent's handle built on a child's kana nickname (``ゆりママ``, ``みーママ``, ``ゆうくんパパ``) is one
name and is taken whole in the slot.
"""

from __future__ import annotations

import re
import unicodedata

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.chatlabels import add_person, is_role_word
from futoko_research.privacy.echoes import set_off
from futoko_research.privacy.handlelogs import NOT_PEOPLE
from futoko_research.privacy.text import Candidate, alternation, tokenize

_TIME = r"[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?"
_DATE = (r"(?:[0-9０-９]{2,4}[/／.\-年])?[0-9０-９]{1,2}[/／.\-月][0-9０-９]{1,2}日?"
         r"(?:[ \t　]*[（(][月火水木金土日][)）])?")
_STAMP = rf"[\[［(（]?(?:{_DATE}[ \t　]*)?{_TIME}[\]］)）]?"
#: roles written before a speaker's name in the slot (スタッフ ケン, 会長_にしじょう, 書記のりこ)
_ROLE = alternation(lx.ROLE_PREFIXES | lx.ROLE_SUFFIXES | {
    "スタッフ", "運営", "管理人", "ファシリ", "ファシリテーター", "ボラ", "ボランティア", "メンター", "会長", "副会長",
    "書記", "会計", "係", "Staff", "staff", "STAFF"})
_SEP = r"[ \t　・｜|_＿/／]"
_SLOT = rf"(?:{_ROLE}{_SEP}?)?[^\s:：「」『』\[\]［］【】()（）<>＜＞。、，,！？!?]{{1,24}}?"
_BRACKET = r"(?:[ \t　]*[（(][^）)\n]{1,20}[）)])?"
_FORMS = {
    "timed": re.compile(
        rf"(?m)^[ \t　]*{_STAMP}[ \t　]*(?:From[ \t]+)?(?P<n>{_SLOT}){_BRACKET}"
        rf"[ \t　]*(?:[：:][ \t　]*\S|「|[ \t]+to[ \t]+\S)"),
    "post": re.compile(
        rf"(?m)^[ \t　]*(?:>>[0-9]+|\[(?:投稿|返信|コメント)\]|【(?:投稿|返信)】|(?:返信|投稿|コメント)[：:])[ \t　]*"
        rf"(?P<n>{_SLOT}){_BRACKET}(?=[ \t　]+(?:{_DATE}|{_TIME})|[ \t　]*$)"),
    "bare": re.compile(rf"(?m)^[ \t　]*(?P<n>{_SLOT}){_BRACKET}[ \t　]*[：:](?![0-9０-９]{{2}})[ \t　]*\S"),
    "bracket_line": re.compile(r"(?m)^[ \t　]*【(?P<n>[^\s【】。、，,！？!?]{1,12})】[ \t　]*$"),
}
_RE_ROLE_HEAD = re.compile(rf"{_ROLE}(?:{_SEP}|[^ぁ-ゖァ-ヺー一-龥々A-Za-z0-9])?(?=.)")
_W = r"ぁ-ゖァ-ヺー一-龥々A-Za-z0-9_\u00c0-\u024f\u1e00-\u1eff"  # name letters, with Latin accents (Mãe, Tuấn)
_RE_DECOR = re.compile(rf"[^{_W}]*(?P<w>.*?)[^{_W}]*")
_ORG_TAILS = alternation(lx.ORG_WORDS | lx.SCHOOL_ABBREV | lx.SCHOOL_SUFFIXES)
_RE_ORG_HEAD = re.compile(rf"[^_＿\s]*?{_ORG_TAILS}[_＿・]")
_RE_POLITE = re.compile(rf"(?P<w>.+?){alternation(lx.PERSON_SUFFIXES | lx.ROLE_SUFFIXES | {'本人'})}")
_RE_PARENT = re.compile(r"(?P<child>.+?)(?:くん|ちゃん)?(?:ママ|パパ|母|父)(?:さん)?")
#: devices, hosts and other non-people that a video call or a log shows in a speaker's slot
_PARTICLES = frozenset({"より", "から", "へ", "に", "の", "は", "が", "も", "と", "で", "宛", "宛て"})
_NOT_PEOPLE = frozenset({"ママ", "パパ", "母", "父", "お母さん", "お父さん", "ばあば", "じいじ", "ユーザー", "ユーザ", "ニックネーム", "ハンドルネーム", "ユーザー名", "アカウント名", "表示名", "ゲスト", "ホスト", "全体", "お知らせ", "おしらせ", "通知", "自動応答",
                         # a parent as a family abroad writes the role (Vietnamese, Portuguese, Spanish, Tagalog); the
                         # detector may read a text with its accents folded, so the words are kept without them
                         "ボット", "Bot", "BOT", "bot", "AI",
                         # e-mail headers
                         "From", "To", "Cc", "CC", "Bcc", "Subject", "Date", "Sent", "Re", "Fw", "Fwd", "件名", "差出人", "宛先",
                         "Cha", "Me", "Bo", "Mae", "Pai", "Mama", "Papa", "Nanay", "Tatay"})  # accents folded: Mẹ, Bố, Mãe, Mamá


def is_speaker_name(word: str, *, named: bool = False) -> bool:
    """True when a speaker slot's word can be a person's name (see the module docstring); ``named``
    (a record calls the word a display name: 表示名：せんべい将軍) lets compounds of common nouns pass."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))  # Mãe → Mae
    if (word in lx.NAME_LABELS or word in lx.NAME_NOUNS or is_role_word(word) or word in _NOT_PEOPLE or plain in _NOT_PEOPLE or word.lower() in NOT_PEOPLE
            or re.fullmatch(r"[A-Z][A-Za-z]?\.?|[A-Z]{3}|[a-z]|[0-9０-９_.\-]+", word) or word.endswith(tuple(lx.ORG_WORDS))):
        return False
    if word in _PARTICLES:
        return False  # 校長より：, 母から： — the role was the speaker
    if re.search(r"[一-龥々]", word) and not named:  # 議題, 家庭訪問, ケース会議: field words, not 中川, 岬 or ぬこ太郎
        toks = [t for t in tokenize(word) if t.pos[0] not in ("助詞", "補助記号")]  # お子さまのお名前, その他
        return not all(t.pos[1] in ("普通名詞", "数詞") or t.pos[0] in ("接尾辞", "接頭辞", "連体詞") for t in toks)
    return True


def name_in_slot(text: str, s: int, e: int, *, named: bool = False) -> tuple[int, int] | None:
    """The name's (start, end) inside a speaker slot, or None (a role, a field word, a device)."""
    m = _RE_ROLE_HEAD.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    head = _RE_ORG_HEAD.match(text, s, e)
    if head and head.end() < e:
        s = head.end()  # 朝霧二中_南雲, 教育支援センター_土井: the office, then the person
    m = _RE_DECOR.fullmatch(text, s, e)
    parent = _RE_PARENT.fullmatch(text, m.start("w"), m.end("w"))
    if parent and re.fullmatch(r"[ぁ-ゖァ-ヺー]+", parent["child"]):
        return parent.span() if is_speaker_name(parent["child"], named=named) else None  # ゆりママ, ひまわり母さん: one handle
    polite = _RE_POLITE.fullmatch(text, s, e)
    if polite and re.search(r"[一-龥々A-Za-z]", polite["w"]):
        s, e = polite.start("w"), polite.end("w") - len(polite["w"]) + len(polite["w"].rstrip("_.・ "))  # 森田さん, 坂口先生, Tanimura_SSW: the name (つーくん, a kana nickname, stays whole)
    m = _RE_DECOR.fullmatch(text, s, e)
    s, e = m.start("w"), m.end("w")
    toks = tokenize(text[s:e]) if re.search(r"[一-龥々]", text[s:e]) else []
    if len(toks) >= 2 and toks[0].pos[1] == "普通名詞" and toks[-1].pos[1] == "固有名詞" and toks[-1].pos[2] != "一般":
        s += next(t.start for t in toks if t.pos[1] != "普通名詞")  # ひだまり田島: the family name
    parent = _RE_PARENT.fullmatch(text, s, e)
    if parent:
        s, e = parent.span("child")  # 鬼塚ママ: the family name
    return (s, e) if e > s and is_speaker_name(text[s:e], named=named) else None


def _alternate(names: list[str]) -> bool:
    """True when speakers without a time stamp take turns as in a conversation: three turns or more,
    and a speaker back after another (a form's label on two lines in a row, お名前（漢字） / お名前
    （ふりがな）, is one turn; a form repeating its blocks, 日時 / 内容 / 日時 / 内容, passes, and its field
    words are left out by :func:`is_speaker_name`)."""
    runs = [n for i, n in enumerate(names) if i == 0 or names[i - 1] != n]  # a speaker's lines in a row are one turn
    return len(runs) >= 3 and len(set(runs)) < len(runs)


def _speakers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every speaker slot in a conversation of the text."""
    out = []
    for form in _FORMS.values():
        slots = [m.span("n") for m in form.finditer(text)]
        names = [text[s:e] for s, e in slots]
        if len(slots) < 2 or (len(set(names)) == len(names) and (len(names) < 3 or form is _FORMS["bracket_line"])):
            continue  # a timetable or headings: no one speaks twice (three speakers once each are a chat)
        if form is _FORMS["bare"] and not _alternate(names):
            continue
        for s, e in slots:
            span = name_in_slot(text, s, e)
            if span:
                out.append((*span, text[span[0]:span[1]]))
    return out


def _add(cands: list[Candidate], s: int, e: int) -> list[Candidate]:
    """:func:`~futoko_research.privacy.chatlabels.add_person`, keeping the same span found certain by a naming rule."""
    if any((c.start, c.end) == (s, e) and c.confidence >= 0.7 for c in cands):
        return cands
    return add_person(cands, s, e, "chat_turn")


def chat_turns(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the speakers of the module docstring as persons."""
    speakers = _speakers(text)
    if not speakers:
        return cands
    out = list(cands)
    for s, e, _ in speakers:
        out = _add(out, s, e)
    for name in sorted({n for _, _, n in speakers if len(n) >= 2}, key=lambda n: (-len(n), n)):
        for m in re.finditer(re.escape(name), text):
            if set_off(text, m.start(), m.end(), out) and not re.match(r"[A-Za-z0-9_]", text[m.end():m.end() + 1]):
                out = _add(out, m.start(), m.end())  # momo, not momoko
    return sorted(out, key=lambda c: (c.start, c.end))

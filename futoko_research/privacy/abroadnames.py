"""Round 30: the names of families who write in other languages.

A post-pass on the final findings of one text (text coordinates). The development notes of families
from abroad (batches 54–61) missed names that no Japanese cue stands next to:

* **Speakers of a message copied from a messaging app** (``WhatsApp 26.07.2024 08:15⏎Zeynep Aslan:
  Günaydın…``, ``Telegram, 15.07.2024⏎Олена Коваленко: …``): after a line naming the app (WhatsApp,
  LINE, Viber, Telegram, Messenger, imo, WeChat, KakaoTalk, Zalo, Signal, SMS) and a date or a time,
  a line opened by one to four words of a name in any script before a colon is a speaker; a note
  in brackets after the name is cut (``Tú (phiên dịch):``), a role is no speaker (Mother, Staff).
* **A name after another language's person marker** (Tagalog ``si`` / ``ni`` / ``kay`` / ``sina``,
  Indonesian ``Ibu`` / ``Bu`` / ``Pak``, Vietnamese ``cô`` / ``thầy`` / ``anh`` / ``chị``, kin words with
  ``de`` / ``do`` / ``da`` / ``dari`` (``la mamá de Thiago``, ``la maman de Grâce``, ``ibu dari Rafi``),
  Turkish ``Oğlum`` / ``Kızım``, the Nepali postposition after it (``Aayush lai``), and English
  possessives of kin (``Joshua's mum``): the capitalised word is a person; a title between is passed
  over (``si Ma'am Liza``, ``si Lolo Kiriyama``). In other scripts, the word after "my son" or
  "daughter" (``Мій син Максим``, ``Дочь: Алиса``, ``میرا بیٹا زین``, ``আমার মেয়ে তাসনিম``).
* **Korean and Chinese names written in their own script**, where a record shows a person: a Hangul
  name of three syllables opening with a family name (김, 박, 이 …) as a speaker (``김수진 :``, a
  KakaoTalk export's ``오후 7:12, 김수진 :``), as a label's value (``작성자: 박서연``, ``保護者氏名：박서연``)
  or before a sign-off or a title (``김수진 드림``, ``박서준 학생``); in a text written in Chinese (three
  characters or more that only simplified Chinese uses: 们, 这, 说 …), a name of two or three characters
  opening with a Chinese family name as a speaker (``王丽娟：``), before a form of address
  (``王丽女士``, ``陈浩宇同学``) or after 记录人 / 联系人 / 班主任.

Every name is found "named": its other whole occurrences in the text and the collection follow. The
pass reads the detector's normalised copy (diacritics dropped: Oğlum reads Oglum), so each marker is
listed as written and matched in both forms. Left out after the development batches: Vietnamese ``em``
(Portuguese "in"), Tagalog ``ko`` after a verb (Gusto ko), Thai and Burmese (a kin word glued to the
name). Words that are no names (English function words, institutions, days, months, places of the
:mod:`~futoko_research.privacy.latin` lists) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from futoko_research.privacy.chatlabels import add_person
from futoko_research.privacy.latin import ENGLISH_INSTITUTION_WORDS, english_stop_words
from futoko_research.privacy.latinspans import TITLES
from futoko_research.privacy.normalise import normalise
from futoko_research.privacy.text import Candidate, alternation
from futoko_research.privacy.turns import name_in_slot

_LATIN_LOWER = "a-z\u00df-\u00ff\u0101-\u024f\u1e01-\u1eff'"
#: a capitalised Latin word, accents allowed (Grâce, Khôi, Thiago)
_CAP = rf"[A-Z\u00c0-\u00de\u0100-\u024e\u1e00-\u1efe][{_LATIN_LOWER}]+"
#: a word of a script that is neither Latin nor Chinese or Japanese (Cyrillic, Greek, Arabic,
#: Devanagari, Bengali, Sinhala, Hangul, Georgian, Armenian; Thai and Burmese write a name and a kin word
#: without a space between, แม่น้องมิว, and are left out)
_OTHER = (r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0980-\u09ff"
          r"\u0d80-\u0dff\u10a0-\u10ff\uac00-\ud7af]+")
_NAME_WORD = rf"(?:{_CAP}|{_OTHER}|[A-Z]{{2,3}})"
_RE_APP_HEADER = re.compile(
    r"(?m)^[ \t　]*[\[【(（]?(?:WhatsApp|LINE|Viber|Telegram|Messenger|imo|WeChat|微信|KakaoTalk|카카오톡|Zalo|Signal|SMS|"
    r"Facebook Messenger|Instagram DM|DM)\b[^\n]*[0-9]")
_RE_SPEAKER_LINE = re.compile(
    rf"(?m)^[ \t　]*(?:[0-9]{{1,2}}:[0-9]{{2}}[ \t]+)?(?P<n>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
    r"(?:[ \t]*[（(][^）)\n]{1,20}[）)])?[ \t]*[:：]")
_MARKER_WORDS = (
    "si ni kay sina nina kina Si Ni Kay Sina",  # Tagalog personal-name markers
    "Ibu Bu Pak Bapak Kak Dik Mbak Mas",  # Indonesian and Malay titles
    "cô thầy anh chị bé cháu chú bác",  # Vietnamese kin titles, written lower-case (em is Portuguese "in" too)
    "Oğlum oğlum Kızım kızım",  # Turkish: my son, my daughter
)
_KIN_OF = ("mamá papá madre padre hijo hija hermano hermana abuela abuelo mãe pai filho filha irmão irmã "
           "maman papa mère père fils fille frère sœur soeur ibu ayah anak putra putri kakak adik")
_MY_CHILD = ("my son", "my daughter", "mi hijo", "mi hija", "meu filho", "minha filha", "mon fils", "ma fille")


def _forms(words: Iterable[str]) -> str:
    """An alternation of ``words`` as written and as the detector's normalised copy reads them (Oğlum, Oglum)."""
    return alternation({f for w in words for f in (w, normalise(w)[0])})


_RE_MARKED = re.compile(
    rf"(?<![A-Za-z])(?:{_forms(' '.join(_MARKER_WORDS).split())}|{_forms(_MY_CHILD)}"
    rf"|{_forms(_KIN_OF.split())} (?:de|do|da|dari)) (?:{alternation(TITLES)}\.? )?(?P<n>{_CAP})(?![{_LATIN_LOWER}A-Z])")
#: Nepali lai (ko is Tagalog "I" after a verb too: Gusto ko)
#: "my son / my daughter / son / daughter" in other scripts (Ukrainian, Russian, Mongolian, Urdu, Persian,
#: Arabic, Bengali, Sinhala, Nepali and Hindi, Korean), then the name in the same script
_KIN_OTHER = ("син сина сын сына дочка донька дочь доньку Дочь Син Сын Донька охин хүү Мать Отец Мати Батько Мама Папа "
              "بیٹا بیٹی دخترم پسرم ابني ابنتي মেয়ে ছেলে පුතා දුව छोरा छोरी बेटा बेटी 아들 딸")
_RE_KIN_OTHER = re.compile(rf"(?<!\w)(?:{alternation(_KIN_OTHER.split())})(?:[ \t]*[:：][ \t]*| )(?P<n>{_OTHER})")
_RE_POSTPOSITION = re.compile(rf"(?<![A-Za-z])(?P<n>{_CAP}) (?:lai|laai)(?![A-Za-z])")
_RE_POSSESSIVE = re.compile(rf"(?<![A-Za-z])(?P<n>{_CAP})['’]s (?:mum|mom|mother|father|dad|mama|papa|parents|sister|brother|grandmother|grandma)\b")
_NOT_NAMES = frozenset({
    "Japan", "Japanese", "English", "Tagalog", "Nepali", "Hindi", "Spanish", "Portuguese", "Vietnamese", "Chinese", "Korean",
    "School", "Sensei", "Teacher", "Sir", "Madam", "Mother", "Father", "Mom", "Mum", "Dad", "Staff", "Admin", "Host",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "God", "Dios", "Deus", "Allah",
    "Me", "You", "Mae", "Pai", "Mama", "Papa", "Nanay", "Tatay", "Ibu", "Bapak", "Zoom", "Google", "LINE",
})


#: Korean kin and role words of three syllables that open with a family name's syllable
_KO_ROLES = frozenset({"어머니", "아버지", "선생님", "할머니", "보호자", "학부모", "담임님", "작성자", "담당자", "통역사", "이번에", "오늘은"})
_KO_FAMILY = frozenset("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용")
_ZH_FAMILY = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
                       "陳張劉楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂蔣盧鍾譚陸範賈韋鄒龔錢嚴湯")
#: characters only simplified Chinese writes (a text with three of them is written in Chinese)
_ZH_ONLY = frozenset("们这么说没谢吗呢妈爸师课请问题认识觉让给还过时间里边级现发动处后经态联系")
_RE_KO_NAMES = (
    re.compile(r"(?m)(?:^[ \t]*(?:\[?[0-9/.: ]{4,20}\]?[ \t]*)?|(?:오전|오후) [0-9]{1,2}:[0-9]{2}, )(?P<n>[가-힣]{3})[ \t]*"
               r"(?:[（(][^）)\n]{1,12}[）)])?[ \t]*[:：]"),
    re.compile(r"(?:작성자|보호자|학생|어머니|아버지|담당|이름|성명|氏名|署名|名前)[^:：\n]{0,8}[:：][ \t　]*(?P<n>[가-힣]{3})(?![가-힣])"),
    re.compile(r"(?<![가-힣])(?P<n>[가-힣]{3})[ \t]?(?:드림|올림|학생|씨|님|어머님|보호자님)(?![가-힣])"),
)
_RE_ZH_NAME = re.compile(
    r"(?m)^[ \t]*(?:[0-9/.: ]{4,20}[ \t]*)?(?P<a>[一-龥]{2,3})[ \t]*[:：]"
    r"|(?P<b>[一-龥]{2,3})(?:女士|同学|同學|小朋友)"
    r"|(?:记录人|記錄人|联系人|聯絡人|班主任)[:：]?[ \t]*(?P<c>[一-龥]{2,3})(?=[（(：:，,。\s]|$)")


_RE_ZH_TITLE_END = re.compile(r"(?:妈妈?|爸爸?|老师|老師|媽媽?|女士|先生|同学|阿姨|奶奶|爷爷|师|師)$")


def _cjk_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the Korean and Chinese names of the module docstring."""
    out = [m.span("n") for rx in _RE_KO_NAMES for m in rx.finditer(text) if m["n"][0] in _KO_FAMILY and m["n"] not in _KO_ROLES]
    if sum(ch in _ZH_ONLY for ch in text) >= 3:
        out += [m.span(g) for m in _RE_ZH_NAME.finditer(text) for g in "abc" if m[g] and m[g][0] in _ZH_FAMILY
                and not _RE_ZH_TITLE_END.search(m[g])]  # 王妈妈, 陈老师: round 28's titles read the family name
    return out


def _is_name(word: str) -> bool:
    return (word not in _NOT_NAMES and word.lower() not in english_stop_words()
            and word not in ENGLISH_INSTITUTION_WORDS and len(word) >= 2)


def abroad_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the names of the module docstring as persons (detectors ``app_speaker+named``,
    ``foreign_marker+named`` and ``cjk_name+named``)."""
    out = list(cands)
    header = _RE_APP_HEADER.search(text)
    if header:
        for m in _RE_SPEAKER_LINE.finditer(text, header.end()):
            words = m["n"].split(" ")
            if not all(_is_name(w) for w in words if re.match(r"[A-Za-z]", w)):
                continue
            other = all(re.fullmatch(_OTHER, w) for w in words)  # Олена Коваленко: no role to cut
            if other and len(words) < 2:
                continue  # Перекладач (translator), 학생: a role in another script; a full name has two words
            s, e = m.span("n")
            if len(words) > 1 and words[0].rstrip(".") in TITLES:
                s += len(words[0]) + 1  # Chị Lan, Daw Khin Myat Noe: the title is cut
            span = (s, e) if other else name_in_slot(text, s, e, named=True)
            if span:
                out = add_person(out, *span, "app_speaker+named")
    for m in _RE_KIN_OTHER.finditer(text):
        n = m["n"]
        s, e = m.span("n")
        if re.match(r"[\u0400-\u052f]", n):
            if not n[0].isupper():
                continue  # Cyrillic names are capitalised: Мій син Максим, not син знову
            family = re.match(r" [\u0400-\u042f\u0490\u0404\u0406\u0407][\u0400-\u052f]+", text[e:])
            e += family.end() if family else 0  # Мать: Ольга Петрова
        out = add_person(out, s, e, "foreign_marker+named")
    for s, e in _cjk_names(text):
        out = add_person(out, s, e, "cjk_name+named")
    for rx in (_RE_MARKED, _RE_POSTPOSITION, _RE_POSSESSIVE):
        for m in rx.finditer(text):
            if _is_name(m["n"]) and m["n"] not in TITLES:
                out = add_person(out, *m.span("n"), "foreign_marker+named")
    return sorted(out, key=lambda c: (c.start, c.end))

"""Round 28: family names before a title that earlier rounds did not read as an honorific.

A post-pass on the final findings of one text (text coordinates). The honorific rules read さん,
先生, 様 and the school's job titles; the development batches named people with other titles:

* **A committee title or a staff abbreviation glued after a family name** (``三枝委員長：``,
  ``神崎委員：``, ``矢吹T``, ``遠山Dr枠``): the name before it is a person, and a finding that took
  the title with it (``竹内委員``) is cut to the name.
* **A staff abbreviation before it** (``Ns. 大河内``, ``Th. 高遠``, ``CW 平松``): a family name of the
  lexicon after a nurse's, therapist's or caseworker's abbreviation is a person.
* **A household** (``大橋家（祖母 キヨ…）``, ``石川宅訪問``, ``サントス家面談``, ``キスペ宅``): a family
  name of the lexicon that is no ordinary word (not 昼間家に), or a katakana name that is no word,
  before 家 / 宅 / 家族 / 様方 is the family's name (not 実家, 農家, 自宅, 住宅: their heads are no names).
* **Chinese and Korean forms of address** (``久住老师``, ``王妈妈``, ``구로다 선생님``, ``서윤 엄마입니다``):
  the name before 老师 / 妈妈 / 爸爸 (simplified characters: only a Chinese text has them), or before 선생님 / 씨 / 어머님 / 아버님 (or
  엄마 / 아빠 introducing oneself) in Korean, is a person — and a Korean name so found is a person
  at its other occurrences before a Korean particle (``서윤이가``, ``윤서는``).
* round 30: **the same before さん / さま / 様** (``ししどさんへ``, ``おおくらさんは``, ``セトグチさんの母``), and a
  katakana family name that is no word; kin, jobs and shops before さん (おかあさん, おまわりさん) are none.
* **A family name in kana before 先生 / せんせい** (``かさまつ先生が``, ``すずもりせんせいへ``): three
  kana or more set off before (a line start, a space, a bracket, punctuation) that are no ordinary
  word, no phrase (あのとき, できれば) and end in no particle (not ``こうちょう先生``, ``ひだまりの先生``);
  さん before the title is cut (``ちださんせんせい``); さん alone is left to the
  honorific rules (``おかあさん``).
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.chatlabels import add_person
from futoko_research.privacy.names import is_family_name
from futoko_research.privacy.text import (
    Candidate,
    has_common_sense,
    is_common_kana_word,
    is_lexicon_surname,
)

_KANJI_NAME = r"[一-龥々]{1,4}"
_RE_COMMITTEE = re.compile(
    rf"(?<![一-龥々ァ-ヺ])(?P<n>{_KANJI_NAME}?)(?:(?:副?委員長|委員|副?会長|議長|座長|理事長?|部会長)(?![一-龥々])"
    r"|(?:T|Dr|Ns)(?![A-Za-z]))")
_RE_ABBREV_BEFORE = re.compile(r"(?<![A-Za-z])(?:Ns|Th|Dr|Co|CW|SW|PSW|OT|PT|ST)\.?[ \t　](?P<n>[一-龥々]{1,3})"
                               r"(?![一-龥々])")
_RE_HOUSEHOLD = re.compile(r"(?<![一-龥々ァ-ヺー])(?P<n>[一-龥々]{2,3}|[ァ-ヺー]{2,8})(?:家族|家|宅|様方)")
_RE_CHINESE = re.compile(r"(?:老师|妈妈|爸爸)")
#: the commonest Chinese family names (one character), in simplified and traditional forms
_CHINESE_FAMILY = frozenset("王李张張陈陳刘劉杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾"
                            "肖田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋方白"
                            "邹鄒孟熊秦邱江尹薛段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴武戴莫孔向汤湯")
_RE_KOREAN = re.compile(r"(?<![가-힣])(?P<n>[가-힣]{2,3})(?: ?(?:선생님|씨|어머님|아버님)| (?:엄마|아빠)(?:입니다|예요|에요))")
#: Korean words before a title that are no names (선생님 itself, 학교 선생님, 담임 선생님 …)
_KOREAN_NOT_NAMES = frozenset({"선생", "학교", "담임", "교장", "교감", "상담", "우리", "여러분", "보건", "영어", "수학"})
_KOREAN_PARTICLE = r"(?:이가|이는|이를|이도|이의|이랑|이와|이에게|가|는|를|도|의|랑|와|에게|한테)"
_KOREAN_TITLES = r"[ ]?(?:선생님|씨|어머님|아버님|엄마|아빠)"
_RE_KANA_TITLE = re.compile(r"(?:^|(?<=[\s「『（(、。・：:]))(?P<n>[ぁ-ゖ]{3,6}|(?P<k>[ァ-ヺー]{3,8}))[ 　]?"
                            r"(?:先生|せんせい|せんせー|さん|さま|様)(?:へ|に|が|は|と|の|、|。|[ 　\t]|$)", re.M)  # round 30: さん / さま, katakana
#: kana words before 先生 that name a job or a subject, not a person (ordinary words are checked too)
_KANA_JOBS = ("こうちょう", "きょうとう", "たんにん", "ほけん", "えいご", "おんがく", "たいいく", "さんすう",
              "こくご", "りか", "しゃかい", "ずこう", "びじゅつ", "おいしゃ", "かんごし", "ようご", "おとな",
              # round 30, before さん: kin, jobs and shops (おかあさん, おまわりさん, ぱんやさん)
              "おかあ", "おとう", "おばあ", "おじい", "おにい", "おねえ", "おばちゃ", "おじちゃ", "おまわり", "おひめ",
              "おうじ", "ぱんや", "はなや", "ほんや", "やおや", "おもちゃや", "けーきや", "うんてんしゅ", "みなさ", "おきゃく",
              "おともだち", "ともだち", "みんな", "あかちゃ", "おこさ", "おくさ", "だんな", "となり",
              "ごくろう", "おつかれ", "ごちそう", "おせわ", "おだいじ", "ありがと", "おめでと")
#: a kin word closing a kana run before さん (ぼくのおとうさん, あとかあさん): no name (さとうさん is)
_RE_KIN_END = re.compile(r"(?:おとう|かあ|ばあ|じい|にい|ねえ|ちゃ)$")
#: a word before a title that dates or ranks it (前会長, 新委員, 各委員)
_PREFIXES = frozenset({"前", "元", "新", "旧", "現", "副", "各", "全", "両", "同", "本", "当"})
#: kana runs before 先生 that are phrases, not names (あのとき先生が, できれば先生が); SudachiDict cuts
#: unknown kana names into pieces (すずもり → すずも + り), so its tokens cannot tell them apart
_RE_KANA_PHRASE = re.compile(r"^(?:あの|この|その|どの|あん|こん|そん|どん)|(?:れば|たら|ても|ので|けど|とき|から|まで)$")
#: Chinese words before 老师 that name a subject or a role, not a teacher (数学老师, 班主任老师)
_CHINESE_NOT_NAMES = frozenset({"数学", "英语", "语文", "体育", "音乐", "美术", "各位", "班主任", "主任", "校长",
                                "心理", "科学", "历史", "地理", "日语", "中文", "翻译", "的", "位", "您", "们"})


def _add(cands: list[Candidate], s: int, e: int, detector: str) -> list[Candidate]:
    """``cands`` with a person at (s, e): a person finding of the name with a title is cut to it; an id
    over it, the same span found already, or a longer finding (漆原 美帆 after PSW) stays."""
    if any(c.start < e and s < c.end and (c.kind == "id" or (c.start, c.end) == (s, e)) for c in cands):
        return cands
    return add_person(cands, s, e, detector)


def _family(word: str) -> bool:
    return is_family_name(word) or is_lexicon_surname(word)


def _katakana_name(word: str) -> bool:
    return (not has_common_sense(word) and word not in lx.KIN_ROLE_WORDS and word not in lx.ROLE_PREFIXES
            and not word.endswith(("ー", "ン家")))


#: simplified characters of Japanese family names, to their Japanese forms (佐久间 → 佐久間, 黑田 → 黒田)
_TO_JAPANESE_FORMS = str.maketrans("黑间桥泽边广滨岛樱泷长东乡丰关门齐冈义铃树纪绪须进远驹龟仓乐荣龙",
                                   "黒間橋沢辺広浜島桜滝長東郷豊関門斉岡義鈴樹紀緒須進遠駒亀倉楽栄竜")


def _chinese_name(text: str, end: int) -> str:
    """The name before a Chinese form of address ending at ``end`` (Chinese has no spaces: a family
    name of the lexicon of two or three characters, in Japanese or simplified forms, else a common family name with one character
    of given name, else a common family name alone), or ''."""
    for k in (3, 2):
        n = text[max(0, end - k):end]
        if (len(n) == k and re.fullmatch(r"[一-龥々]+", n) and _family(n.translate(_TO_JAPANESE_FORMS))
                and n not in _CHINESE_NOT_NAMES):
            return n
    n = text[max(0, end - 2):end]
    if len(n) == 2 and n[0] in _CHINESE_FAMILY and n[0] != n[1] and re.fullmatch(r"[一-龥々]+", n) \
            and n not in _CHINESE_NOT_NAMES and n[1] not in _CHINESE_FAMILY:
        return n
    return text[end - 1] if end and text[end - 1] in _CHINESE_FAMILY and text[end - 2:end] != text[end - 1] * 2 else ""


def title_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (text coordinates) with the names of the module docstring as persons."""
    out = list(cands)
    for m in _RE_COMMITTEE.finditer(text):
        if m["n"] and _family(m["n"]) and m["n"] not in _PREFIXES:
            out = _add(out, m.start("n"), m.end("n"), "title")
    for m in _RE_ABBREV_BEFORE.finditer(text):
        if _family(m["n"]):
            out = _add(out, m.start("n"), m.end("n"), "title")
    for m in _RE_HOUSEHOLD.finditer(text):
        n = m["n"]
        if (_family(n) and not has_common_sense(n)) if re.match(r"[一-龥々]", n) else _katakana_name(n):
            out = _add(out, m.start("n"), m.end("n"), "household")
    for m in _RE_CHINESE.finditer(text):  # 师, 妈, 爸 are Chinese characters: no Japanese text has them
        n = _chinese_name(text, m.start())
        if n:
            out = _add(out, m.start() - len(n), m.start(), "title")
    korean = {m["n"] for m in _RE_KOREAN.finditer(text)} - _KOREAN_NOT_NAMES
    for name in sorted(korean, key=len, reverse=True):
        for m in re.finditer(rf"(?<![가-힣]){re.escape(name)}(?={_KOREAN_TITLES}|{_KOREAN_PARTICLE}?(?![가-힣]))", text):
            out = _add(out, m.start(), m.start() + len(name), "title")
    for m in _RE_KANA_TITLE.finditer(text):
        n = m["n"].removesuffix("さん")  # ちださんせんせい
        if m["k"]:
            if _katakana_name(n):  # セトグチさん (not コックさん, サンタさん: a word)
                out = _add(out, m.start("n"), m.end("n"), "title")
            continue
        if len(n) >= 2 and not _RE_KANA_PHRASE.search(n) and not _RE_KIN_END.search(n) and (not n.startswith(_KANA_JOBS) and not n.endswith(("の", "は", "が", "に", "を", "と", "も", "で"))
                and not is_common_kana_word(n) and not has_common_sense(n)):
            out = _add(out, m.start("n"), m.start("n") + len(n), "title")
    return sorted(out, key=lambda c: (c.start, c.end))

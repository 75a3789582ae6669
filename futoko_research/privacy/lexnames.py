"""Names found through the name lexicon (:mod:`~futoko_research.privacy.names`) and their slot.

A word of the text that is a given or family name of the lexicon is taken only when it stands
as a whole word (Sudachi token boundaries on both sides, not inside a longer run of its own
script) and its slot agrees:

* **strong** slots say person whatever the word: an honorific or a parent word after it
  (りこちゃん, はるか母), a grade or age after it (弟（翔・小1）, 本人（海・小4）), a kin word and の
  or a colon before it (おとうとの はるき, 弟：大晴), a role before a family name (教頭 三輪,
  担任の杉本, たんにん いしかわ), a person predicate after は / が / も in its clause (楓が初めて
  勝って), a visit word after it (ゆずき来所, れんはお休み), いっしょに after と;
* **weak** evidence is the word's own shape: a kana name of three or more characters that
  SudachiDict does not analyse as an ordinary word, followed by a particle or a stop;
* **lists**: names joined by ・ 、 と や form a list; when one item is certain (by a strong slot
  or another detector) or the list ends with 「の3人」「たち」 or follows 出席：/参加：, every
  lexicon item of it is taken (ケイ・陸・楓の3人, 指導員 岡・津田・ムラタ).

An ordinary word (そら, はるか, 海, 陸, 大和) needs a strong slot or a list; a two-kana reading
needs a strong slot. Romaji: a capitalised word that is a romanised lexicon name (not an
English stop word, not written in lower case elsewhere in the same text), with the capitalised
words joined to it (Noah Tanaka-Wells, Kaito Shimizu, "Sato, Rin").

Round 13: a given name that SudachiDict knows only as a name is weak evidence enough
(:func:`~futoko_research.privacy.givennames.unambiguous_at`); full names joined by ・ or no
space (:mod:`~futoko_research.privacy.givennames`) and two-word names of foreign roots
(:mod:`~futoko_research.privacy.foreignnames`) are added as candidates.
"""

from __future__ import annotations

import re
from functools import cache

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.foreignnames import foreign_pairs
from futoko_research.privacy.givennames import joined_full_names, unambiguous_at
from futoko_research.privacy.names import is_family_name, is_given_name, is_name, is_romaji_name
from futoko_research.privacy.nametoks import has_person_predicate
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    fold_text,
    has_common_sense,
    is_hiragana,
    is_katakana,
    tokenize,
)
from futoko_research.privacy.western import western_given_alone

_KANJI = re.compile(r"[一-龥々]{1,3}")
_ORDINARY_POS = frozenset({"名詞", "動詞", "形容詞", "副詞", "形状詞", "代名詞", "連体詞", "接続詞", "感動詞",
                           "助詞", "助動詞", "接頭辞", "接尾辞"})
_PARTICLES = frozenset({"は", "が", "と", "に", "の", "も", "を", "や", "へ", "で", "から", "より", "って", "まで"})
RE_HONORIFIC_AFTER = re.compile(
    r"^[ \u3000]?(?:ちゃん|くん|さん|君|様|せんせい|先生|氏|の?(?:母|父|ママ|パパ|祖母|祖父|お母さん|お父さん|"
    r"おかあさん|おとうさん|兄|姉))")
RE_GRADE_AFTER = re.compile(
    r"^[ \u3000]?[（(・][ \u3000]?(?:[小中高][0-9一二三四五六]|[0-9]{1,2}歳|年長|年中|年少|[0-9]年|兄弟|姉妹|兄妹|姉弟|きょうだい)")
RE_KIN_BEFORE = re.compile(
    r"(?<![一-龥々])(?:弟|妹|兄|姉|息子|娘|長男|次男|三男|長女|次女|三女|本人|本児|おとうと|いもうと|おにいちゃん|おねえちゃん|"
    r"にいちゃん|ねえちゃん|ともだち|友達|友人|同級生)(?:の|[：:]|[（(])[ \u3000]?$")
_ROLE_WORDS = sorted(lx.ROLE_PREFIXES | lx.ROLE_SUFFIXES | {"学年主任", "主任", "所長", "たんにん", "せんせい",
                                                          "管理職", "市教委", "職員", "スタッフ"}, key=len, reverse=True)
RE_ROLE_BEFORE = re.compile("(?:" + "|".join(map(re.escape, _ROLE_WORDS)) + r"|[課係室])(?:の|[ \u3000]+)$")
#: a class or grade and の before a name (2-3 の蒼：, 5年2組の)
RE_CLASS_BEFORE = re.compile(r"(?:[0-9]{1,2}-[0-9]{1,2}|[0-9]年[0-9A-Za-z]組|[0-9]年生)[ \u3000]?の[ \u3000]?$")
RE_ROLE_AFTER = re.compile("^(?:" + "|".join(map(re.escape, sorted(lx.ROLE_SUFFIXES | {"巡査長", "巡査部長", "主任"},
                                                                    key=len, reverse=True))) + ")")
RE_VISIT_AFTER = re.compile(r"^(?:は|も)?(?:お?休み|来所|来室|来校|登校|欠席|早退|遅刻|通所|帰宅)")
RE_READING_LINE = re.compile(r"ふりがな|フリガナ|よみがな|ヨミガナ|読み仮名|ﾌﾘｶﾞﾅ")
#: the start of a line, after a bullet, a time or a date (9:30 ゆずき, ・そら、)
RE_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[・●○\-*]|[0-9]{1,2}[:/][0-9]{1,2}(?:[（(].[）)])?)?[ \t]*$")
RE_LIST_GLUE = re.compile(r"^[ \u3000]*(?:・|、|,|，|と|や)[ \u3000]*$")
RE_LIST_END = re.compile(r"^(?:の)?(?:[0-9一二三四五六七八九]人|[0-9]名|たち|ら(?![ぁ-ゖ]))")
RE_LIST_LABEL = re.compile(r"(?:出席|参加|出席者|参加者|職員|来所|来室|メンバー|欠席)[：:][ \u3000]*$")
_STOP = frozenset({"、", "。", "「", "」", "（", "）", "(", ")", "：", ":", "！", "？", "!", "?", "・", "\n", " ", "\u3000",
                   "『", "』", "→", "/", "／", ",", "，"})


def _script(w: str) -> str:
    if is_hiragana(w):
        return "h"
    if is_katakana(w):
        return "k"
    if _KANJI.fullmatch(w):
        return "c"
    return ""


def _ordinary(toks: list[Tok]) -> bool:
    """One token that SudachiDict analyses as an ordinary word (not a person's name)."""
    if len(toks) != 1:
        return False
    t = toks[0]
    return t.pos[0] in _ORDINARY_POS and not (t.pos[1] == "固有名詞" and t.pos[2] == "人名") and not t.oov


def _matches(folded: str, toks: list[Tok]):
    """(start, end, token index range) of every lexicon name made of one to three whole tokens."""
    i = 0
    while i < len(toks):
        best = None
        for j in range(i, min(i + 3, len(toks))):
            if j > i and toks[j].start != toks[j - 1].end:
                break
            s, e = toks[i].start, toks[j].end
            w = folded[s:e]
            sc = _script(w)
            if not sc or not is_name(w):
                continue
            if sc in "hk" and not 2 <= len(w) <= 6:
                continue
            best = (s, e, i, j)
        if best:
            s, e, i0, j0 = best
            w = folded[s:e]
            # ひろと、 keeps the と; りくと しょうぎ is りく and the particle と
            if j0 > i0 and toks[j0].pos[0] == "助詞" and folded[e:e + 1] not in "、。：:！？」）)\n" \
                    and is_name(folded[s:toks[j0].start]):
                best = (s, toks[j0].start, i0, j0 - 1)
            yield best
            i = best[3] + 1
        else:
            i += 1


RE_HIRA_RUN = re.compile(r"[ぁ-ゖー]+")
RE_PARTICLE_RUN = re.compile(r"(?:ちゃん|くん|さん|せんせい|たち)?(?:から|より|まで|って|には|とは|にも|とも|では|でも|"
                             r"は|が|と|に|の|も|を|や|へ|で|ね|よ)*")


def _hiragana_names(folded: str):
    """(start, end, rest) of hiragana names in runs of hiragana: a name that opens the run (or
    follows の / と / や opening it) and is followed only by particles, or by と / や and
    another such name (ゆずきとそらの); ``rest`` is what follows the name in its run."""
    for m in RE_HIRA_RUN.finditer(folded):
        run, base = m.group(), m.start()
        if len(run) > 2 and run[-1] in "おご" and re.match("[一-龥々]", folded[m.end():m.end() + 1]):
            run = run[:-1]  # れんはお休み: お belongs to the word after
        p = 0
        if base and re.match(r"[一-龥々ァ-ヺ]", folded[base - 1]):
            if run[0] not in "のとや":
                continue
            p = 1
        while p < len(run):
            hit = None
            for n in range(min(6, len(run) - p), 1, -1):
                w = run[p:p + n]
                if not is_name(w) or w in lx.NOT_HIRAGANA_NAMES:
                    continue
                nxt = folded[base + len(run):base + len(run) + 1]
                if w[-1] in "とはもにのがやをへ" and (is_name(w[:-1]) or _ordinary(tokenize(w[:-1]))):
                    # ひろと、 / みなと来所: the whole word; りくと しょうぎ, ひとは、: a word and a particle
                    whole = p + n == len(run) and w[-1] not in "はがも" and (
                        bool(re.match("[一-龥々]", nxt)) or nxt in ("", "、", "。", "：", ":", "！", "？", "」", "）", "\n"))
                    if not whole and RE_PARTICLE_RUN.match(run, p + n).end() == p + n:
                        continue
                tail = RE_PARTICLE_RUN.match(run, p + n)
                if tail.end() == len(run) or (tail.end() > p + n and run[tail.end() - 1] in "とや"):
                    if tail.end() > p + n and _ordinary(tokenize(run[p:tail.end()])):
                        break  # ともに, なおも: one ordinary word
                    hit = (p, p + n, tail.end())
                    break
            if not hit:
                break
            yield base + hit[0], base + hit[1], hit[0] == 1 and p == 1
            p = hit[2]


RE_KANA_AFTER_KANJI = re.compile(r"(?:ちゃん|くん|さん|せんせい|たち|から|より|まで|って|は|が|と|に|の|も|を|や|へ|で|ら)")
RE_KANJI_RUN = re.compile(r"[一-龥々]+")
RE_KANJI_TAIL = re.compile(r"(?:君|様|氏|先生|母|父|兄|姉|来所|来室|来校|登校|欠席|早退|遅刻|通所|帰宅|"
                           + "|".join(map(re.escape, sorted(lx.ROLE_SUFFIXES | {"巡査長", "巡査部長", "主任", "所長"}, key=len,
                                                            reverse=True))) + ")$")


def _kanji_names(folded: str):
    """(start, end) of kanji names that make a whole run of kanji, or the run less an honorific,
    a parent word, a visit word or a role after it (陽翔くん, 蓮来所, 藤堂所長)."""
    for m in RE_KANJI_RUN.finditer(folded):
        run = m.group()
        if 1 <= len(run) <= 3 and is_name(run):
            yield m.start(), m.end()
            continue
        tail = RE_KANJI_TAIL.search(run)
        if tail and 1 <= tail.start() <= 3 and is_name(run[:tail.start()]):
            yield m.start(), m.start() + tail.start()


def _bounded(folded: str, s: int, e: int, sc: str, toks: list[Tok], j: int) -> bool:
    prev, nxt = folded[s - 1:s], folded[e:e + 1]
    same = {"h": is_hiragana, "k": is_katakana, "c": lambda ch: bool(_KANJI.fullmatch(ch))}[sc]
    if prev and same(prev) and not (sc == "h" and folded[s - 1] in "のとや" and s >= 2 and not is_hiragana(folded[s - 2])):
        return False
    if not nxt or nxt in _STOP:
        return True
    if sc == "c" and is_hiragana(nxt) and not RE_KANA_AFTER_KANJI.match(folded[e:]):
        return False  # 強み, 光る: the kanji of a word with its kana ending
    if sc == "c":
        return (not same(nxt) or bool(RE_HONORIFIC_AFTER.match(folded[e:])) or bool(RE_VISIT_AFTER.match(folded[e:]))
                or (is_family_name(folded[s:e]) and bool(RE_ROLE_AFTER.match(folded[e:]))))
    if same(nxt):
        return j + 1 < len(toks) and (toks[j + 1].pos[0] == "助詞" or bool(RE_HONORIFIC_AFTER.match(folded[e:])))
    return True


def _person_verb(toks: list[Tok], k: int, particle: str) -> bool:
    """The first verb of the clause from token ``k`` is a person verb (学んでいる, not 出ている);
    not after a stative predicate of が (花が好きだと話した) nor across a quotative と."""
    for t in toks[k:k + 16]:
        if t.surface in ("。", "\n", "！", "？", "!", "?") or (t.surface == "と" and t.pos[0] == "助詞"):
            return False
        if particle == "が" and t.surface in lx.OBJECT_GA_PREDICATES:
            return False
        if t.pos[0] == "動詞" and t.pos[1] != "非自立可能":
            return t.lemma in lx.PERSON_VERB_LEMMAS
    return False


def _strong(folded: str, s: int, e: int, w: str, toks: list[Tok], j: int, word: bool = False) -> bool:
    """A slot that says person; ``word`` (an ordinary kanji word: 成果, 等) leaves out the
    predicate test (成果が出ている)."""
    after, before = folded[e:e + 12], folded[max(0, s - 12):s]
    if RE_HONORIFIC_AFTER.match(after) or RE_GRADE_AFTER.match(after) or RE_KIN_BEFORE.search(before):
        return True
    if RE_VISIT_AFTER.match(after) or RE_CLASS_BEFORE.search(before):
        return True
    if is_family_name(w) and (RE_ROLE_BEFORE.search(before) or RE_ROLE_AFTER.match(after)):
        return True
    particle = folded[e:e + 1]
    if particle in lx.SUBJECT_PARTICLES and not is_hiragana(folded[e + 1:e + 2]):
        k = next((n for n, t in enumerate(toks) if t.start >= e + 1), len(toks))
        if (_person_verb(toks, k, particle) if word else has_person_predicate(toks, k, particle)):
            return True
    if re.match(r"^と[ \u3000]?(?:いっしょ|一緒)", after):
        return True
    return False


def kana_kanji_names(text: str, people: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Lexicon names in ``text`` (its own coordinates), with ``people`` the spans of the certain
    person findings of other detectors (for lists)."""
    folded = fold_text(text)
    toks = tokenize(folded)
    found = []  # (s, e, level) level 2 strong, 1 weak, 0 none
    spans = [(s, e, i, j) for s, e, i, j in _matches(folded, toks) if _script(folded[s:e]) == "k"]
    starts = {t.start: k for k, t in enumerate(toks)}
    for s, e in _kanji_names(folded):
        i = max((k for k, t in enumerate(toks) if t.start <= s), default=0)
        j = max((k for k, t in enumerate(toks) if t.start < e), default=0)
        spans.append((s, e, i, j))
    glued = set()
    for s, e, after_kanji in _hiragana_names(folded):
        if after_kanji:
            glued.add(s)  # 姉のように: only an honorific or a grade after it will do
        i = starts.get(s)
        j = max((k for k, t in enumerate(toks) if t.start < e), default=0)
        spans.append((s, e, i, j))
    for s, e, i, j in sorted(spans):
        w = folded[s:e]
        sc = _script(w)
        if w in lx.NOT_HIRAGANA_NAMES or w in lx.NOT_NAMES or w in lx.KIN_ROLE_WORDS or w in lx.ROLE_PREFIXES \
                or w in lx.PERSON_SUFFIXES or w in lx.ROLE_SUFFIXES:
            continue
        if sc != "h" and not _bounded(folded, s, e, sc, toks, j):
            continue
        prev = folded[s - 1:s]
        if sc == "c" and (prev.isdigit() or (len(w) == 1 and is_hiragana(prev) and prev not in "とやの")):
            continue  # 2月は, は未登校
        if RE_READING_LINE.search(folded[folded.rfind("\n", 0, s) + 1:s]):
            continue  # a reading line is the table reader's (ふりがな：おおとも けいすけ)
        if sc in "hk" and folded[s - 1:s] in "「『" and folded[e:e + 1] in "」』" and not RE_HONORIFIC_AFTER.match(folded[e + 1:]):
            quoted = True  # 「のぞみ」といった言葉: a word talked about
        else:
            quoted = False
        own = tokenize(w) if sc == "h" else toks[i:j + 1]
        hon = re.match(r"ちゃん|くん|さん", folded[e:e + 3])
        if hon and _ordinary(tokenize(w + hon.group())):
            continue  # あかちゃん, おにいさん: one ordinary word
        ordinary = _ordinary(own) or (sc == "h" and (toks[j].end > e or has_common_sense(w)))
        nxt = folded[e:e + 1]
        line_head = RE_LINE_START.search(folded[:s]) is not None
        stop_after = (line_head and (not nxt or nxt in _STOP)) or (sc == "h" and is_hiragana(nxt)) \
            or (sc == "k" and j + 1 < len(toks) and toks[j + 1].pos[0] == "助詞") \
            or (nxt in "、・" and RE_LIST_GLUE.match(nxt) is not None and not line_head and folded[s - 1:s] in "、・：:")
        if s in glued and (ordinary or not (RE_HONORIFIC_AFTER.match(folded[e:]) or RE_GRADE_AFTER.match(folded[e:]))):
            continue
        if _strong(folded, s, e, w, toks, j, ordinary and sc == "c"):
            level = 2
        elif sc in "hk" and len(w) >= 3 and not ordinary and stop_after and not quoted \
                and not (sc == "k" and j > i and toks[j].pos[0] == "助詞"):
            level = 1
        elif not quoted and s not in glued and unambiguous_at(folded, s, e, w, sc, toks):
            level = 1  # 智也が, 颯は, ゆなと: a given name and nothing else (round 13)
        else:
            level = 0
        if level < 2 and folded[s - 1:s] in ("（", "(") and folded[e:e + 1] in ("）", ")") \
                and any(pe == s - 1 for _, pe in people):
            level = 2  # 杉山（大和）: a given name in brackets after a found family name
        if sc == "c" and len(w) == 1 and not is_given_name(w) and level < 2:
            level = 0
        found.append((s, e, level, ordinary))
    # a hiragana word right after a digit is a counter (4ねん1くみ), no name
    found = [f for f in found if not (f[0] > 0 and folded[f[0] - 1].isdigit() and _script(folded[f[0]:f[1]]) == "h")]
    # a hiragana family name, a space and a hiragana given name: one name (にのみや こはる)
    joined = []
    for f in found:
        if joined and re.fullmatch(r"[ \u3000]", folded[joined[-1][1]:f[0]]) and is_family_name(folded[joined[-1][0]:joined[-1][1]]) \
                and is_given_name(folded[f[0]:f[1]]) and _script(folded[f[0]:f[1]]) == _script(folded[joined[-1][0]:joined[-1][1]]):
            p = joined.pop()
            joined.append((p[0], f[1], max(p[2], f[2], 1), False))
        else:
            joined.append(f)
    found = joined
    # lists: chains of items joined by ・ 、 と や
    items = sorted([(s, e, lv, o) for s, e, lv, o in found] + [(s, e, 3, False) for s, e in people])
    out: dict[tuple[int, int], float] = {}
    chain: list[tuple[int, int, int, bool]] = []

    def flush():
        if len(chain) < 2:
            return
        marked = (bool(RE_LIST_END.match(folded[chain[-1][1]:]))
                  or bool(RE_LIST_LABEL.search(folded[max(0, chain[0][0] - 8):chain[0][0]])))
        strong = marked or any(c[2] >= 2 for c in chain)
        if strong or sum(c[2] >= 1 for c in chain) >= 2:
            comma = all(RE_LIST_GLUE.match(folded[a[1]:b[0]]).group().strip(" \u3000") in "、,，"
                        for a, b in zip(chain, chain[1:]))
            for s, e, lv, ordinary in chain:
                if ordinary and comma and len(chain) < 3 and not marked:
                    continue  # なお、晴輝くんが: an adverb before a name
                if lv < 3:
                    out[(s, e)] = max(out.get((s, e), 0), 0.8 if strong else 0.75)

    for it in items:
        if chain and RE_LIST_GLUE.match(folded[chain[-1][1]:it[0]]) and it[0] > chain[-1][1]:
            chain.append(it)
        else:
            flush()
            chain = [it]
    flush()
    for s, e, lv, _ord in found:
        if lv == 2:
            out[(s, e)] = max(out.get((s, e), 0), 0.8)
        elif lv == 1:
            out[(s, e)] = max(out.get((s, e), 0), 0.75)
    return [Candidate(s, e, "person", "lexname", c) for (s, e), c in sorted(out.items())]


# ---------------------------------------------------------------- romaji
RE_LATIN = re.compile(r"(?<![A-Za-z0-9@._'-])(?:[A-Z][a-z]+|[A-Z]{2,})(?:-[A-Z][a-z]+)?(?![A-Za-z0-9@])")
_TITLES = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                     "Saturday", "Sunday", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
                     "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr", "Ms", "Mrs", "Dr", "Re", "Subject", "From", "To", "Dear", "Hi", "Hello", "Cc", "Date",
                     "Client", "Staff", "Mom", "Dad", "Best", "Thanks", "Note", "Met", "Meeting", "Miss", "Sir"})
_PLACE_NEXT = frozenset({"Elementary", "Junior", "High", "School", "City", "Station", "Street", "Town", "Ward",
                         "Prefecture", "Park", "Hospital", "Clinic", "Center", "Centre", "Board", "University"})


RE_ROW_START = re.compile(r"(?:^|\n)[ \t]*(?:[0-9]{1,2}[.)][ \t]*)?$")


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def romaji_names(text: str) -> list[Candidate]:
    """Romanised lexicon names (capitalised words) in ``text`` and the capitalised words joined
    to them (a first and last name, a hyphenated family name, 「Last, First」)."""
    folded = fold_text(text)
    words = list(RE_LATIN.finditer(folded))
    lower = set(re.findall(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])", folded))
    stop = _stop_words()

    def name_word(w: str) -> bool:
        parts = w.split("-")
        return any(len(p) >= 3 and is_romaji_name(p) and p not in _TITLES and p.lower() not in stop and p.lower() not in lower
                   and p not in lx.NOT_ROMAJI_NAMES and (not p.isupper() or len(p) >= 4) for p in parts) \
            or (p_ok(w) and western_given_alone(w, stop, lower))

    def p_ok(w: str) -> bool:
        return w not in _TITLES and w not in lx.NOT_ROMAJI_NAMES and w not in _PLACE_NEXT

    def joinable(w: str) -> bool:
        return (w not in _TITLES and w.lower() not in stop and w not in lx.NOT_ROMAJI_NAMES
                and w not in _PLACE_NEXT and not (w.isupper() and len(w) <= 3))

    out = []
    k = 0
    while k < len(words):
        m = words[k]
        if not name_word(m.group()):
            k += 1
            continue
        s, e = m.start(), m.end()
        if re.match(r"-[a-z]", folded[e:e + 2]) and not re.match(r"-(?:san|kun|chan|sama|sensei|sensee)\b", folded[e:e + 9]):
            k += 1
            continue  # Shiomi-hama Elementary
        if k + 1 < len(words) and words[k + 1].group() in _PLACE_NEXT and folded[e:words[k + 1].start()] == " ":
            k += 2
            continue
        if k > 0 and folded[words[k - 1].end():s] == " " and joinable(words[k - 1].group()) \
                and not (out and out[-1].end >= words[k - 1].end()):
            s = words[k - 1].start()
        elif k > 0 and folded[words[k - 1].end():s] == ", " and joinable(words[k - 1].group()) \
                and RE_ROW_START.search(folded[:words[k - 1].start()]):
            s = words[k - 1].start()  # Garcia, Maria at the head of a row
        nxt = k + 1
        if nxt < len(words):
            gap = folded[e:words[nxt].start()]
            w2 = words[nxt].group()
            if (gap == " " and joinable(w2) and w2 not in _PLACE_NEXT) or (gap == ", " and name_word(w2)):
                e = words[nxt].end()
                nxt += 1
        initial = re.match(r" [A-Z]\.(?=\s|$)", folded[e:])
        e += len(initial.group()) if initial else 0  # Kevin W.
        out.append(Candidate(s, e, "person", "lexname", 0.75))
        k = nxt
    return out


def detect_lexnames(text: str, view: str, origin: list[int], cands: list[Candidate]) -> list[Candidate]:
    """Lexicon candidates of one text, in view coordinates (a span that does not map back onto
    the view is left out); ``cands`` are the merged candidates so far (view coordinates)."""
    people = [(origin[c.start], origin[c.end - 1] + 1) for c in cands if c.kind == "person" and c.confidence >= 0.7]
    inv = {o: i for i, o in enumerate(origin)}
    out = []
    for c in kana_kanji_names(text, people) + romaji_names(text) + joined_full_names(text) + foreign_pairs(text):
        s, e = inv.get(c.start), inv.get(c.end - 1)
        if s is not None and e is not None:
            out.append(Candidate(s, e + 1, c.kind, c.detector, c.confidence))
    return out

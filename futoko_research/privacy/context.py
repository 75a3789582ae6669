"""Context rules for people's names: subjects of person verbs, lists, kinship words, Latin
letters, initials, codes next to a name, and document-level coreference.

These generalise from the shape of the sentence, not from lists of names: a word is taken
for a name when SudachiDict lists it as a person's name (名詞-固有名詞-人名) *and* the
context says it is a person (it is the subject of 語った / 登校した / 泣いた, it stands in a
list with a name, it follows 母の / 弟の / 担任の), or when the same string was found with
certainty elsewhere in the document.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.cues import RE_GRADE_NOTE
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    fold_text,
    has_common_sense,
    in_lexicon,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_place,
    is_lexicon_surname,
    is_name_script,
)

_BOUNDARY = frozenset({"。", "、", "「", "」", "『", "』", "（", "）", "(", ")", "！", "？", "!", "?", "\n", ":", "：",
                       "・", "…", "，", ",", "．", "　", " "})
_FAMILY = frozenset({"母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "長男", "次男", "三男", "長女", "次女",
                     "三女", "息子", "娘", "夫", "妻", "いとこ", "従兄", "従姉", "きょうだい"})
_SENTENCE_END = frozenset({"。", "！", "？", "!", "?", "\n"})
_DOTS = ("・", "=", "＝")
#: connectors between a role and the name it introduces (母の, 兄・, 担任だった, 担任である)
_ROLE_LINKS = (("の",), ("・",), ("：",), (":",), ("だっ", "た"), ("で", "ある"), ("で", "あっ", "た"))


def view_of(toks: list[Tok]) -> str:
    """The surfaces of adjacent tokens joined (NFKC)."""
    return "".join(t.surface for t in toks)


def _is_kanji(s: str) -> bool:
    return bool(s) and all("\u4e00" <= ch <= "\u9fff" or ch in "々" for ch in s)


def _name_like_kana_part(s: str) -> bool:
    """A katakana word that reads as a name: unknown to SudachiDict, or listed as a name and
    not as an ordinary word with a synonym group (ロドリゲス yes; ゲーム, スキル no)."""
    return not in_lexicon(s) or (is_lexicon_person(s) and not has_common_sense(s))


def name_units(toks: list[Tok]) -> list[Tok]:
    """Sudachi tokens with the pieces of one name joined into one token.

    - katakana words joined by ・ or ＝ when most of them read as names (マリセル・レイエス,
      ファン・ティ・リン; not ソーシャル・スキル・トレーニング): one token tagged 人名;
    - a family name, ・ and a given name in kanji (宮園・里美, 朽木・晴人): one token tagged 人名;
    - two single kanji that SudachiDict does not know as one word (湊+斗, 心+春, 陽+斗): one
      unknown token (``oov``), taken for a name only where the context says person.
    """
    out: list[Tok] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        j = i
        while (j + 2 < n and toks[j + 1].surface in _DOTS and toks[j].end == toks[j + 1].start
               and toks[j + 1].end == toks[j + 2].start and is_katakana(toks[j + 2].surface)
               and is_katakana(t.surface) and j - i < 6):
            j += 2
        if j > i:
            parts = [toks[k].surface for k in range(i, j + 1, 2)]
            good = sum(_name_like_kana_part(x) for x in parts)
            if good * 2 >= len(parts):
                out.append(Tok(t.start, toks[j].end, "".join(x.surface for x in toks[i:j + 1]),
                               ("名詞", "固有名詞", "人名", "一般"), False, ""))
                i = j + 1
                continue
        if (i + 2 < n and toks[i + 1].surface in _DOTS and t.end == toks[i + 1].start
                and toks[i + 1].end == toks[i + 2].start and _is_kanji(t.surface) and _is_kanji(toks[i + 2].surface)
                and is_lexicon_surname(t.surface) and t.surface not in lx.KIN_ROLE_WORDS
                and t.surface not in lx.NOT_NAMES and len(toks[i + 2].surface) <= 3
                and (is_lexicon_person(toks[i + 2].surface) or not in_lexicon(toks[i + 2].surface))):
            out.append(Tok(t.start, toks[i + 2].end, t.surface + toks[i + 1].surface + toks[i + 2].surface,
                           ("名詞", "固有名詞", "人名", "一般"), False, ""))
            i += 3
            continue
        if (i + 1 < n and t.end == toks[i + 1].start and len(t.surface) == 1 and len(toks[i + 1].surface) == 1
                and _is_kanji(t.surface) and _is_kanji(toks[i + 1].surface)
                and t.pos[0] in ("名詞", "接頭辞") and toks[i + 1].pos[0] in ("名詞", "接尾辞")
                and t.pos[1:2] != ("数詞",) and toks[i + 1].pos[1:2] != ("数詞",)
                and t.surface not in lx.NOT_NAMES and toks[i + 1].surface not in lx.NOT_NAME_TAIL
                and toks[i + 1].surface not in lx.PERSON_SUFFIXES and toks[i + 1].surface not in lx.ROLE_SUFFIXES and not in_lexicon(t.surface + toks[i + 1].surface)):
            nxt = toks[i + 2] if i + 2 < n and toks[i + 2].start == toks[i + 1].end else None
            if nxt is None or not _is_kanji(nxt.surface) or nxt.surface in lx.PERSON_SUFFIXES \
                    or nxt.surface in lx.ROLE_SUFFIXES or nxt.pos[0] == "接尾辞":
                out.append(Tok(t.start, toks[i + 1].end, t.surface + toks[i + 1].surface,
                               ("名詞", "普通名詞", "一般", "*"), True, ""))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _is_person_tag(t: Tok) -> bool:
    return len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "人名"


def _anonymised(s: str) -> bool:
    return bool(lx.RE_ANONYMISED.match(s)) or bool(lx.RE_PSEUDONYM.fullmatch(s))


def name_word(t: Tok, *, hiragana: bool) -> float:
    """Confidence that one token, in a person's context, is a name (0 = no)."""
    s = t.surface.replace("・", "").replace("＝", "").replace("=", "")
    if (s in lx.NOT_NAMES or s in lx.ROLE_SUFFIXES or s in lx.KIN_ROLE_WORDS or _anonymised(s)
            or t.pos[0] not in ("名詞", "接頭辞") or (len(t.pos) > 1 and t.pos[1] in ("数詞", "代名詞"))):
        return 0.0
    if len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] in ("地名", "組織") and not is_lexicon_person(s):
        return 0.0
    if _is_person_tag(t) and is_name_script(s, hiragana=True):
        return 0.85
    if s in lx.ORG_WORDS or s in lx.SCHOOL_SUFFIXES or s in lx.NON_PERSON_NEXT:
        return 0.0
    if is_name_script(s) and not is_katakana(s) and len(s) <= 4 and is_lexicon_person(s) and not is_abstract_noun(s):
        return 0.8
    if is_katakana(s) and 2 <= len(s) <= 8 and (t.oov or (len(t.pos) > 1 and t.pos[1] == "固有名詞")):
        return 0.75
    if is_katakana(s) and 2 <= len(s) <= 6 and not in_lexicon(s):
        return 0.75  # a katakana word SudachiDict does not know (リョウタ, ユウマ)
    if is_katakana(s) and 2 <= len(s) <= 5 and not has_common_sense(s):
        return 0.7  # a katakana word SudachiDict knows but not as an ordinary word (ハルト, ミナ)
    if t.oov and _is_kanji(s) and 2 <= len(s) <= 3:
        return 0.75  # two kanji SudachiDict does not know as a word (湊斗, 心春): see name_units
    if (hiragana and is_hiragana(s) and 2 <= len(s) <= 4 and s not in lx.NOT_HIRAGANA_NAMES
            and not s.startswith("お") and t.pos[0] == "名詞" and not is_common_kana_word(s)):
        return 0.7
    return 0.0


def has_person_predicate(toks: list[Tok], k: int, particle: str = "は") -> bool:
    """A person predicate among the tokens from ``k`` to the end of the sentence (at most 24
    tokens; quoted speech skipped). After が, a stative predicate (好き, 苦手) has the が-word
    as its object, not its subject (花が好き)."""
    depth = 0
    prev = ""
    for t in toks[k:k + 24]:
        if t.surface in ("「", "『"):
            depth += 1
            continue
        if t.surface in ("」", "』"):
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if t.surface in _SENTENCE_END:
            return False
        if particle == "が" and t.surface in lx.OBJECT_GA_PREDICATES:
            return False
        if t.surface in ("いう", "言う") and prev == "と":
            prev = t.surface
            continue  # 「光」という名前: a quotative, not the predicate
        prev = t.surface
        if t.surface in lx.PERSON_PREDICATES or t.lemma in lx.PERSON_VERB_LEMMAS:
            return True
        if t.pos[0] == "動詞" and t.pos[1] != "非自立可能":  # the first verb decides (光が差し込む: no)
            return False
    return False


def _subject_lists(toks: list[Tok]) -> list[Candidate]:
    """Names (alone or in a list) ending in は/が/も, at the start of a clause, before a person
    predicate: 「こころは最近…」「森が語った」「Ａと健と大和の三人は」."""
    out: list[Candidate] = []
    for p, tp in enumerate(toks):
        if p == 0 or tp.pos[0] != "助詞":
            continue
        end = p
        counted = False
        # a grade note in brackets before the particle: まなととりくの兄弟（小4・小2）は
        if p >= 4 and toks[p - 1].surface in (")", "）"):
            q = p - 2
            while q > max(0, p - 9) and toks[q].surface not in ("(", "（"):
                q -= 1
            if toks[q].surface in ("(", "（") and q >= 3 and toks[q - 1].surface in lx.SIBLING_WORDS \
                    and toks[q - 2].surface == "の" and RE_GRADE_NOTE.fullmatch(view_of(toks[q:p])):
                end = q - 2
                counted = True
        # …の三人は / …の二人で / …の兄弟は
        if counted:
            pass
        elif (p >= 3 and toks[p - 1].surface == "人" and toks[p - 2].pos[1:2] == ("数詞",)
                and toks[p - 3].surface == "の"):
            end = p - 3
            counted = True
        elif p >= 2 and toks[p - 1].surface in lx.SIBLING_WORDS and toks[p - 2].surface == "の" \
                and tp.surface in lx.SUBJECT_PARTICLES:
            end = p - 2
            counted = True
        elif tp.surface not in lx.SUBJECT_PARTICLES:
            continue
        # 日向（本人）は, ひまり（小4）は: a bracketed note between the name and the particle
        if (end >= 4 and toks[end - 1].surface in (")", "）")
                and toks[end - 3].surface in ("(", "（")
                and (toks[end - 2].surface in lx.KIN_ROLE_WORDS or toks[end - 2].surface in ("本人", "本児")
                     or re.fullmatch(r"[小中高][1-6]|[0-9]{1,2}歳", toks[end - 2].surface))):
            end -= 3
            counted = True
        items: list[tuple[Tok, float]] = []
        k = end - 1
        first = end
        while k >= 0:
            t = toks[k]
            right = toks[k + 1]
            conf = -1.0 if _anonymised(t.surface) else name_word(t, hiragana=True)
            if (conf == 0.0 and counted and is_hiragana(t.surface) and 2 <= len(t.surface) <= 5
                    and t.pos[0] == "名詞" and t.surface not in lx.NOT_HIRAGANA_NAMES
                    and not is_common_kana_word(t.surface) and k >= 1 and toks[k - 1].surface in lx.LIST_PARTICLES):
                conf = 0.7  # まなととりくの兄弟: a hiragana item of a counted list, after と
            if (conf == 0.0 and counted and is_name_script(t.surface) and len(t.surface) <= 4
                    and t.surface not in lx.NOT_NAMES and t.pos[1:2] not in (("数詞",), ("代名詞",))
                    and t.pos[0] == "名詞" and not is_abstract_noun(t.surface)
                    and (k == end - 1 or toks[k + 1].surface in lx.LIST_PARTICLES)):
                conf = 0.7  # 蒼空と湊斗と心結の三人: a counted list of people
            if (conf == 0.0 and k + 1 < end and toks[k + 1].surface in lx.LIST_PARTICLES and k >= 1
                    and toks[k - 1].surface in lx.LIST_PARTICLES and is_name_script(t.surface)
                    and len(t.surface) <= 2 and t.surface not in lx.NOT_NAMES and t.pos[1:2] != ("数詞",)):
                conf = 0.7  # 蓮と颯と結衣: a word Sudachi does not know as a name, between two names
            if k == end - 1 and is_hiragana(t.surface):
                # そう+た は, あ+やね は, は+るき は: a hiragana name Sudachi cut into pieces, at the
                # start of a clause (the whole run back to punctuation is the name)
                j = k
                while j >= 1 and is_hiragana(toks[j - 1].surface) and toks[j - 1].end == toks[j].start:
                    j -= 1
                word = "".join(x.surface for x in toks[j:k + 1])
                left = toks[j - 1].surface if j >= 1 else "。"
                if (k > j and 2 <= len(word) <= 5 and left in _BOUNDARY and word not in lx.NOT_HIRAGANA_NAMES
                        and not word.startswith("お") and not is_common_kana_word(word)
                        and toks[j].pos[0] not in ("接続詞", "連体詞", "代名詞", "助動詞")
                        and toks[k].surface not in lx.PERSON_SUFFIXES
                        and not any(x.pos[0] in ("動詞", "形容詞") or x.pos[1:2] == ("代名詞",)
                                    for x in toks[j:k + 1])):
                    t = Tok(toks[j].start, toks[k].end, word, ("名詞", "固有名詞", "人名", "名"), False)
                    conf = 0.7
                    k = j
                elif k > j and not (counted and toks[k - 1].surface in lx.LIST_PARTICLES
                                    and toks[k - 1].pos[0] == "助詞"):
                    conf = 0.0  # the hiragana word is the tail of a longer run (ことね → こと+ね)
            if conf == 0.0 or (t.end != right.start and right.surface not in ("(", "（")):
                break
            items.append((t, conf))
            first = k
            if k >= 2 and toks[k - 1].surface in lx.LIST_PARTICLES:
                k -= 2
                continue
            break
        if not items or all(c < 0 for _, c in items):
            continue
        k = first
        left = toks[k - 1] if k >= 1 else None
        if left is not None and left.surface not in _BOUNDARY and left.pos[0] not in ("助詞", "接続詞", "副詞"):
            continue
        if left is not None and left.pos[0] == "助詞" and left.surface not in ("は", "が", "も", "と", "で", "に"):
            continue
        is_list = len(items) > 1 or counted
        person_pred = has_person_predicate(toks, p + 1, tp.surface)
        if not (is_list or person_pred):
            continue
        for t, conf in items:
            if conf < 0:
                continue
            if is_hiragana(t.surface) and not person_pred and not is_list:
                continue
            out.append(Candidate(t.start, t.end, "person", "context", conf))
    return out


def _role_link(toks: list[Tok], i: int) -> int:
    """Index of the first token after the link that follows role word ``toks[i]`` (の, ・, ：,
    だった, である), or -1."""
    for link in _ROLE_LINKS:
        k = i + 1
        ok = True
        for piece in link:
            if k >= len(toks) or toks[k].surface != piece or toks[k].start != toks[k - 1].end:
                ok = False
                break
            k += 1
        if ok:
            return k
    return -1


_ROLE_WORDS = lx.KIN_ROLE_WORDS | lx.ROLE_SUFFIXES | lx.NAME_NOUNS
#: words after which any name-like word is a name (弟の蓮, 本名の航), not only a family name
_FAMILY_OR_NAME = _FAMILY | lx.NAME_NOUNS


def _after_kin(toks: list[Tok]) -> list[Candidate]:
    """母の美佐子, 弟の蓮, 妹のあかり, 担任の岡本, 学年主任の森が, 担任だった堀が (the name ends
    at a particle or punctuation)."""
    out: list[Candidate] = []
    n = len(toks)
    for i in range(n - 2):
        if toks[i].surface not in _ROLE_WORDS:
            continue
        j = _role_link(toks, i)
        if j < 0:
            continue
        if toks[i].surface not in lx.KIN_ROLE_WORDS and toks[i + 1].surface != "の" and j == i + 2:
            continue  # 主任・, 課長： are labels of their own (left to the layout rules)
        first = j
        run: list[tuple[Tok, float]] = []
        while j < n and len(run) < 2 and toks[j].start == toks[j - 1].end:
            c = name_word(toks[j], hiragana=not run)
            if c == 0.0 and not run and toks[i].surface in lx.NAME_NOUNS and _is_kanji(toks[j].surface) \
                    and len(toks[j].surface) <= 3 and toks[j].surface not in lx.NOT_NAMES:
                c = 0.8  # 本名の航: whatever SudachiDict calls it, the word after 本名の is a name
            if c and len(toks[j].surface) == 1 and toks[i].surface not in _FAMILY_OR_NAME and not run:
                # 担任の机: one kanji after a role is a thing, after 弟の a name (蓮); after a role
                # only a family name that is the subject or partner of the clause (学年主任の森が)
                after = toks[j + 1].surface if j + 1 < n and toks[j + 1].start == toks[j].end else ""
                if not (is_lexicon_surname(toks[j].surface) and after in ("は", "が", "も", "と", "から", "より")):
                    c = 0.0
            if c == 0.0:
                break
            run.append((toks[j], c))
            j += 1
        if not run and toks[i].surface in _FAMILY_OR_NAME and j < n and is_hiragana(toks[j].surface):
            # 妹のななせも (なな+せ): the hiragana run after a family word, up to a particle
            k = j
            while k < n and is_hiragana(toks[k].surface) and toks[k].start == toks[k - 1].end and k - j < 4:
                k += 1
            while k > j + 1 and toks[k - 1].pos[0] == "助詞":
                k -= 1
            word = "".join(x.surface for x in toks[j:k])
            if (k - j >= 2 and 2 <= len(word) <= 5 and word not in lx.NOT_HIRAGANA_NAMES and not word.startswith("お")
                    and not is_common_kana_word(word) and k < n and toks[k].pos[0] in ("助詞", "補助記号")
                    and not any(x.pos[0] in ("動詞", "形容詞", "助動詞") for x in toks[j:k])):
                run = [(Tok(toks[j].start, toks[k - 1].end, word, ("名詞", "固有名詞", "人名", "名"), False), 0.7)]
                j = k
        if not run:
            continue
        if first > i + 2 and not _is_kanji(run[0][0].surface.replace("・", "")) and not is_katakana(
                run[0][0].surface.replace("・", "")):
            continue  # 担任だった + hiragana: not a name
        nxt = toks[j] if j < n else None
        if nxt is not None and not (nxt.pos[0] in ("助詞", "補助記号", "助動詞") or nxt.surface in lx.PERSON_SUFFIXES
                                    or nxt.surface in lx.ROLE_SUFFIXES):
            continue
        out.append(Candidate(run[0][0].start, run[-1][0].end, "person", "context", max(c for _, c in run)))
    return out


def _possessive(toks: list[Tok]) -> list[Candidate]:
    """A family name at the start of a clause before の and a word said only of a person:
    林の話では, 森の様子, 三宅の母 (not 森の中, 林の奥)."""
    out: list[Candidate] = []
    for i in range(len(toks) - 2):
        t = toks[i]
        if toks[i + 1].surface != "の" or toks[i + 2].surface not in lx.PERSON_ATTRIBUTE_NOUNS:
            continue
        if not (t.end == toks[i + 1].start and toks[i + 1].end == toks[i + 2].start):
            continue
        left = toks[i - 1] if i >= 1 else None
        if left is not None and left.surface not in _BOUNDARY and left.pos[0] not in ("助詞", "接続詞"):
            continue
        if left is not None and left.pos[0] == "助詞" and left.surface not in ("は", "が", "も", "と", "で", "に"):
            continue
        s = t.surface
        if (_is_kanji(s) and len(s) <= 3 and is_lexicon_surname(s) and s not in lx.NOT_NAMES
                and s not in _ROLE_WORDS and not is_abstract_noun(s)) or (t.pos[2:3] == ("人名",) and len(s) >= 2):
            out.append(Candidate(t.start, t.end, "person", "context", 0.75))
    return out


#: capitalised English words that name institutions, places or days, not people
ENGLISH_INSTITUTION_WORDS = frozenset({
    "School", "Center", "Centre", "City", "Board", "Education", "Office", "Prefecture", "Hospital", "Clinic",
    "Department", "University", "College", "Junior", "High", "Elementary", "Primary", "Middle", "Counselor",
    "Counsellor", "Support", "Room", "Library", "Town", "Village", "Ward", "Station", "Park", "Street", "Road",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Dear", "Thank", "Thanks", "Best", "Regards", "Sincerely", "Yours", "Please", "We", "I", "My", "Our",
    "Japanese", "English", "Math", "Science", "Ministry", "Welfare", "Child", "Guidance", "Family", "Services",
})
#: English kinship words and a Latin name after a Japanese kinship or role word
RE_LATIN_AFTER_KIN = re.compile(
    r"(?:\b(?:son|daughter|child|brother|sister|mother|father|husband|wife|name is|named|called)\s+"
    r"|(?:" + "|".join(map(re.escape, sorted(lx.KIN_ROLE_WORDS | {"本人", "本児", "保護者"}, key=len, reverse=True)))
    + r")[ \u3000・:：]?\s?)"
    r"(?P<name>[A-Z][a-z]+|[A-Z]{2,}(?:[a-z]+)?)(?:\s(?P<second>[A-Z][a-z]+|[A-Z]{2,}))?(?![A-Za-z])"
)


def _japanese_edge(before: str, after: str) -> bool:
    """True when a Latin name touches Japanese text on one side (父 Ferreira の)."""
    return any(ch and ("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff") for ch in (before, after))


def _english_running_name(folded: str, m: re.Match, words: list[str]) -> bool:
    """Two or three capitalised words inside English running text, not at a sentence start and
    not an institution (My son Lucas Ferreira has…; not The Education Center, Dear Ms)."""
    if any(w in ENGLISH_INSTITUTION_WORDS for w in words) or any(w.isupper() for w in words):
        return False
    before = folded[max(0, m.start() - 20):m.start()]
    prev = re.search(r"([A-Za-z]+)\s+$", before)
    if prev is None or not prev.group(1).islower():
        # at a sentence start: only as the subject of a verb (Kenji Ota is in the second year)
        return (re.search(r"(?:^|[.!?]\s+|\n)$", before) is not None
                and re.match(r"\s+(?:is|was|has|had|does|did|can|will|feels|felt|said|says|likes|goes|went)\b",
                             folded[m.end():m.end() + 10]) is not None)
    return prev.group(1) not in ("the", "a", "an", "this", "that", "of", "at", "in", "from", "to", "our", "your")


def _latin_and_initials(view: str) -> list[Candidate]:
    folded = fold_text(view)
    out: list[Candidate] = []
    for m in lx.RE_ROMAJI_HONORIFIC.finditer(folded):
        words = m.group("name").split()
        if all(w not in lx.NOT_ROMAJI_NAMES for w in words) and not (len(words) == 1 and len(words[0]) == 1):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_ROMAJI_NAME.finditer(folded):
        words = re.split(r"[ ,]+", m.group(0))
        if any(w in lx.NOT_ROMAJI_NAMES or w in ENGLISH_INSTITUTION_WORDS or w in ("Mr", "Ms", "Mrs", "Dr", "Miss")
               for w in words) or words[0].lower() in _english_stop_words():
            continue  # About Daniel: an English function word is no first name
        after = folded[m.end():m.end() + 3].lstrip(" ")
        before = folded[max(0, m.start() - 3):m.start()].rstrip(" ")
        if (re.match(r"(さん|くん|君|ちゃん|様|氏|先生|の|は|が|と|も|を|に|[（(、,)）」』。]|\n|$)", after)
                or re.search(r"[:：・（(「、]$", before) or _japanese_edge(before[-1:], after[:1])):
            out.append(Candidate(m.start(), m.end(), "person", "context", 0.8))
        elif _english_running_name(folded, m, words):
            out.append(Candidate(m.start(), m.end(), "person", "context", 0.75))
    for m in RE_LATIN_AFTER_KIN.finditer(folded):
        end = m.end("second") if m.group("second") else m.end("name")
        name = folded[m.start("name"):end]
        if not any(w in lx.NOT_ROMAJI_NAMES or w in ENGLISH_INSTITUTION_WORDS for w in name.split()):
            out.append(Candidate(m.start("name"), end, "person", "context", 0.8))
    for m in lx.RE_NICKNAME.finditer(folded):
        g = "a" if m.group("a") else "b"
        word, start = m.group(g), m.start(g)
        suffix = re.search(r"(ちゃん|くん|君|さん)$", word)
        if suffix and suffix.start() >= 2 and word[suffix.start() - 1] not in "っーッ":
            word = word[:suffix.start()]  # 「ゆなちゃん」と呼ばれ: the name is ゆな (あっくん keeps its suffix)
        if is_name_script(word, hiragana=True) and word not in lx.NOT_NAMES:
            out.append(Candidate(start, start + len(word), "person", "context", 0.8))
    for m in lx.RE_ROMAJI_TITLE.finditer(folded):
        if m.group("name") not in lx.NOT_ROMAJI_NAMES:
            out.append(Candidate(m.start("name"), m.end("name"), "person", "context", 0.85))
    for m in lx.RE_INITIALS.finditer(folded):
        out.append(Candidate(m.start(), m.end(), "person", "initials", 0.8))
    return out


def _english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _codes_after_names(view: str, people: list[Candidate]) -> list[Candidate]:
    """A code in brackets after a certain name (田中一郎（A-1023）) and a short code that opens
    the line or cell a certain name follows (K-15　林 大翔)."""
    folded = fold_text(view)
    out = []
    for c in people:
        cut = max(folded.rfind(ch, 0, c.start) for ch in "\n\t|｜,，")
        m = lx.RE_CODE_BEFORE_NAME.fullmatch(folded[cut + 1:c.start])
        if m:
            out.append(Candidate(cut + 1 + m.start("code"), cut + 1 + m.end("code"), "id", "context", 0.8))
        m = lx.RE_CODE_IN_BRACKETS.match(folded[c.end:c.end + 24])
        if m and any(ch.isdigit() for ch in m.group("code")) and len(m.group("code")) >= 3:
            kind = "class" if re.fullmatch(r"[1-6]-[0-9]{1,2}", m.group("code")) else "id"  # 佐々木（2-1）: grade-class
            out.append(Candidate(c.end + m.start("code"), c.end + m.end("code"), kind, "context", 0.85))
    return out


def detect_context(view: str, toks: list[Tok]) -> list[Candidate]:
    """Context candidates of one view (names from sentence shape, Latin names, initials)."""
    return _subject_lists(toks) + _after_kin(toks) + _possessive(toks) + _latin_and_initials(view)


def refine_people(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Fix the edges of person candidates: nicknames keep their honorific (あっくん, しーちゃん),
    a hiragana name takes the hiragana Sudachi cut off (ひ+まり), a family name takes a given
    name Sudachi did not know (高嶺+颯+真 before a bracket or a space)."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    for c in cands:
        if c.kind != "person":
            continue
        text = view[c.start:c.end]
        k = starts.get(c.end)
        nxt = toks[k].surface if k is not None else ""
        if (len(text) <= 2 and text[-1:] in ("っ", "ー", "ッ") and nxt in ("ちゃん", "くん", "たん")):
            c.end = toks[k].end
            c.confidence = max(c.confidence, 0.85)
            continue
        b = ends.get(c.start)
        if is_hiragana(text) and b is not None:
            while b is not None and is_hiragana(toks[b].surface) and toks[b].pos[0] == "名詞" \
                    and len(toks[b].surface) <= 2 and c.end - toks[b].start <= 6:
                c.start = toks[b].start
                b = ends.get(c.start)
        first = starts.get(c.start)
        if first is not None and k is not None and k == first + 1 and toks[first].pos[3:4] == ("姓",):
            j = k
            while j < len(toks) and j - k < 2 and len(toks[j].surface) == 1 and is_name_script(toks[j].surface) \
                    and toks[j].surface not in lx.NOT_NAME_TAIL and toks[j].start == toks[j - 1].end:
                j += 1
            after = toks[j].surface if j < len(toks) else "。"
            if j > k and (after in _BOUNDARY or toks[j].pos[0] in ("助詞", "補助記号", "空白")
                          or after in lx.PERSON_SUFFIXES or after in lx.ROLE_SUFFIXES):
                c.end = toks[j - 1].end
                c.confidence = max(c.confidence, 0.85)
    out = [c for c in cands if not (c.kind == "person" and (_heads_organisation(toks, starts, c)
                                                            or _names_a_place(toks, starts, c)))]
    for c in out:
        if c.kind == "person" and c.confidence >= 0.7 and any(
                "\u4e00" <= ch <= "\u9fff" for ch in view[c.start:c.end]):
            # 山田太郎（やまだたろう）, 稲垣 彩花、いながき あやか）
            m = (re.match(r"[（(]([ぁ-ゖァ-ヺー]{2,16})[)）]", view[c.end:c.end + 20])
                 or re.match(r"[、,]\s?([ぁ-ゖァ-ヺー]{2,16})(?=[)）])", view[c.end:c.end + 20]))
            if m and not is_lexicon_place(m.group(1)):
                out.append(Candidate(c.end + m.start(1), c.end + m.end(1), "person", "reading", 0.85))
    return out


def _names_a_place(toks: list[Tok], starts: dict[int, int], c: Candidate) -> bool:
    """True when a name found by the lexicon or GiNZA alone is followed by の and a word said
    of a river or a place (中川の河川敷, 森の遊歩道): a place, not a person."""
    if any(d in ("honorific", "role", "context", "segment", "cue") for d in c.detector.split("+")):
        return False
    k = starts.get(c.end)
    if k is None or k + 1 >= len(toks) or toks[k].surface != "の" or toks[k + 1].start != toks[k].end:
        return False
    return toks[k + 1].surface in lx.PLACE_AFTER_NO


def _heads_organisation(toks: list[Tok], starts: dict[int, int], c: Candidate) -> bool:
    """True when a name found by the lexicon alone is the head of an organisation's name
    (穂垂メンタルクリニック, 佐藤記念病院): nouns run on, without a particle, to an organisation word."""
    if any(d in ("honorific", "role", "context", "segment", "mark") for d in c.detector.split("+")):
        return False
    k = starts.get(c.end)
    for _ in range(3):
        if k is None or k >= len(toks) or toks[k].pos[0] not in ("名詞", "接尾辞"):
            return False
        if len(toks[k].surface) >= 2 and (toks[k].surface in lx.NON_PERSON_NEXT or toks[k].surface in lx.ORG_WORDS
                                          or toks[k].surface in lx.SCHOOL_SUFFIXES):
            return True
        if k + 1 < len(toks) and toks[k + 1].start != toks[k].end:
            return False
        k += 1
    return False


def _list_neighbours(toks: list[Tok], people: list[Candidate]) -> list[Candidate]:
    """Items of a list that holds a certain name: 芦田、真壁、三宅の各ケース, 森や林と: an item
    next to a name across 、/と/や, that SudachiDict knows as a name or does not know at all."""
    units = name_units(toks)
    by_start = {t.start: k for k, t in enumerate(units)}
    by_end = {t.end: k for k, t in enumerate(units)}
    seps = lx.LIST_PARTICLES | {",", "，"}
    out: list[Candidate] = []

    def ok(t: Tok) -> float:
        c = name_word(t, hiragana=False)
        if not c and _is_kanji(t.surface) and 1 <= len(t.surface) <= 3 and is_lexicon_person(t.surface) \
                and t.surface not in lx.NOT_NAMES and t.surface not in _ROLE_WORDS and not is_abstract_noun(t.surface):
            c = 0.75
        return c

    for c in people:
        for step in (1, -1):
            k = by_end.get(c.end) if step == 1 else by_start.get(c.start)
            while k is not None:
                sep, item = k + step, k + 2 * step
                if not (0 <= item < len(units)) or units[sep].surface not in seps:
                    break
                t = units[item]
                if t.start != units[sep].end and units[sep].start != t.end:
                    break
                edge = units[item + step] if 0 <= item + step < len(units) else None
                if edge is not None and edge.start in (t.end,) and edge.pos[0] == "名詞":
                    break  # the item runs on (森林公園)
                if edge is not None and step == -1 and edge.end == t.start and edge.pos[0] == "名詞":
                    break
                conf = ok(t)
                if (not conf and is_katakana(t.surface) and 2 <= len(t.surface) <= 5 and t.pos[2:4] == ("地名", "一般")
                        and not has_common_sense(t.surface) and 0 <= item + 2 * step < len(units)
                        and units[item + step].surface in seps and name_word(units[item + 2 * step], hiragana=False)):
                    conf = 0.7  # 蓮、ハルト、ミナ: a katakana word SudachiDict knows as a place, between two names
                if not conf:
                    break
                out.append(Candidate(t.start, t.end, "person", "list", min(conf, 0.75)))
                k = item
    return out


def add_codes_and_coreference(view: str, toks: list[Tok], cands: list[Candidate]) -> list[Candidate]:
    """Codes in brackets after a certain name, and every other whole-token occurrence of a
    name found with certainty in the same view (document-level consistency)."""
    people = [c for c in cands if c.kind == "person" and c.confidence >= 0.7]
    extra = _codes_after_names(view, people) + _list_neighbours(toks, people)
    names = {view[c.start:c.end] for c in people if c.end - c.start >= 1}
    names = {s for s in names if is_name_script(s.replace("・", ""), hiragana=True) and not _anonymised(s)}
    if not names:
        return extra
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end for t in toks}
    taken = [(c.start, c.end) for c in cands if c.confidence >= 0.7]
    parts = _name_parts(names)
    for name in sorted(names | set(parts), key=len, reverse=True):
        for m in re.finditer(re.escape(name), view):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            if not (s in starts and e in ends) and not _kana_whole(view, s, e):
                continue
            k = starts.get(e)
            nxt = toks[k].surface if k is not None else view[e:e + 1]
            if nxt in lx.NON_PERSON_NEXT or nxt in lx.SCHOOL_SUFFIXES:
                continue
            if name in parts and name not in names and not (
                    (nxt in _PART_NEXT or nxt in lx.PERSON_SUFFIXES)
                    and (s == 0 or view[s - 1] in _BOUNDARY or (starts.get(s, 0) >= 1 and toks[starts[s] - 1].pos[0] == "助詞"))):
                continue  # 空 of 宮下 空 only as a subject or before an honorific (空は, not 空を見上げ)
            extra.append(Candidate(s, e, "person", "coref", 0.8))
            taken.append((s, e))
    return extra


#: what follows a part of a full name used alone (空は, 佐伯が, 蒼空と, 空、)
_PART_NEXT = frozenset({"は", "が", "も", "と", "に", "の", "、", "（", "(", "を", "から", "へ", "本人", "自身", "って"})


def _name_parts(names: set[str]) -> dict[str, str]:
    """Given and family names of certain full names in kanji (宮下空 → 空, 宮下): the longest
    prefix SudachiDict lists as a family name, and the rest (one to three kanji); a kana given
    name after a listed family name (坂本ひより → ひより); the parts of a name joined by a middle
    dot (木村・ソフィア → ソフィア, 木村)."""
    out: dict[str, str] = {}
    for name in names:
        dotted = re.fullmatch(r"(?P<fam>[一-龥々ァ-ヺー]{1,6})・(?P<given>[一-龥々ァ-ヺーぁ-ゖ]{1,6})", name)
        if dotted and len(dotted["fam"] + dotted["given"]) >= 3:  # 木村・ソフィア → ソフィア, 木村
            out[dotted["given"]] = name
            if len(dotted["fam"]) >= 2:
                out[dotted["fam"]] = name
            continue
        kana = re.fullmatch(r"(?P<fam>[一-龥々]{1,3})(?P<given>[ぁ-ゖー]{2,4}|[ァ-ヺー]{2,5})", name)
        if kana and is_lexicon_surname(kana["fam"]):  # 坂本ひより → ひより (a kana given name)
            out[kana["given"]] = name
            continue
        if not _is_kanji(name) or not 3 <= len(name) <= 6:
            continue
        for cut in range(min(3, len(name) - 1), 0, -1):
            fam, given = name[:cut], name[cut:]
            if is_lexicon_surname(fam) and 1 <= len(given) <= 3:
                if len(fam) >= 2:
                    out[fam] = name
                out[given] = name
                break
    return out


def _kana_whole(view: str, s: int, e: int) -> bool:
    """A kana name of three or more characters that Sudachi cut differently here (ゆずっ+ちと):
    whole when set off by a non-kana character before and a particle or punctuation after."""
    word = view[s:e]
    if len(word) < 3 or not (is_hiragana(word) or is_katakana(word)):
        return False
    before = view[s - 1:s] if s else ""
    after = view[e:e + 1]
    kana = is_hiragana if is_hiragana(word) else is_katakana
    return (before == "" or not kana(before)) and (after == "" or after in "とはがもにのをへや、。，,」）)！？!? \n")

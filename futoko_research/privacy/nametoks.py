"""Token-level judgement of people's names: joining the pieces of a name (name_units),
the confidence that one token is a name (name_word) and whether a person predicate follows
(has_person_predicate). Shared by the context rules (subjects, kinship, coreference).
"""

from __future__ import annotations

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.text import (
    Tok,
    has_common_sense,
    in_lexicon,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_person,
    is_lexicon_surname,
    is_name_script,
)

BOUNDARY = frozenset({"。", "、", "「", "」", "『", "』", "（", "）", "(", ")", "！", "？", "!", "?", "\n", ":", "：",
                       "・", "…", "，", ",", "．", "　", " "})
FAMILY_WORDS = frozenset({"母", "父", "兄", "姉", "弟", "妹", "祖母", "祖父", "長男", "次男", "三男", "長女", "次女",
                     "三女", "息子", "娘", "夫", "妻", "いとこ", "従兄", "従姉", "きょうだい"})
SENTENCE_END = frozenset({"。", "！", "？", "!", "?", "\n"})
_DOTS = ("・", "=", "＝")



def view_of(toks: list[Tok]) -> str:
    """The surfaces of adjacent tokens joined (NFKC)."""
    return "".join(t.surface for t in toks)


def is_kanji(s: str) -> bool:
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
                and toks[i + 1].end == toks[i + 2].start and is_kanji(t.surface) and is_kanji(toks[i + 2].surface)
                and is_lexicon_surname(t.surface) and t.surface not in lx.KIN_ROLE_WORDS
                and t.surface not in lx.NOT_NAMES and len(toks[i + 2].surface) <= 3
                and (is_lexicon_person(toks[i + 2].surface) or not in_lexicon(toks[i + 2].surface))):
            out.append(Tok(t.start, toks[i + 2].end, t.surface + toks[i + 1].surface + toks[i + 2].surface,
                           ("名詞", "固有名詞", "人名", "一般"), False, ""))
            i += 3
            continue
        if (i + 1 < n and t.end == toks[i + 1].start and len(t.surface) == 1 and len(toks[i + 1].surface) == 1
                and is_kanji(t.surface) and is_kanji(toks[i + 1].surface)
                and t.pos[0] in ("名詞", "接頭辞") and toks[i + 1].pos[0] in ("名詞", "接尾辞")
                and t.pos[1:2] != ("数詞",) and toks[i + 1].pos[1:2] != ("数詞",)
                and t.surface not in lx.NOT_NAMES and toks[i + 1].surface not in lx.NOT_NAME_TAIL
                and toks[i + 1].surface not in lx.PERSON_SUFFIXES and toks[i + 1].surface not in lx.ROLE_SUFFIXES and not in_lexicon(t.surface + toks[i + 1].surface)):
            nxt = toks[i + 2] if i + 2 < n and toks[i + 2].start == toks[i + 1].end else None
            if nxt is None or not is_kanji(nxt.surface) or nxt.surface in lx.PERSON_SUFFIXES \
                    or nxt.surface in lx.ROLE_SUFFIXES or nxt.pos[0] == "接尾辞":
                out.append(Tok(t.start, toks[i + 1].end, t.surface + toks[i + 1].surface,
                               ("名詞", "普通名詞", "一般", "*"), True, ""))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def is_person_tag(t: Tok) -> bool:
    """True when SudachiDict tags the token as a person's name (名詞-固有名詞-人名)."""
    return len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] == "人名"


def is_anonymised(s: str) -> bool:
    """True when ``s`` is an anonymised placeholder (Ａ, 〇〇, [氏名1])."""
    return bool(lx.RE_ANONYMISED.match(s)) or bool(lx.RE_PSEUDONYM.fullmatch(s))


def name_word(t: Tok, *, hiragana: bool) -> float:
    """Confidence that one token, in a person's context, is a name (0 = no)."""
    s = t.surface.replace("・", "").replace("＝", "").replace("=", "")
    if (s in lx.NOT_NAMES or s in lx.ROLE_SUFFIXES or s in lx.KIN_ROLE_WORDS or is_anonymised(s)
            or t.pos[0] not in ("名詞", "接頭辞") or (len(t.pos) > 1 and t.pos[1] in ("数詞", "代名詞"))):
        return 0.0
    if len(t.pos) > 2 and t.pos[1] == "固有名詞" and t.pos[2] in ("地名", "組織") and not is_lexicon_person(s):
        return 0.0
    if is_person_tag(t) and is_name_script(s, hiragana=True):
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
    if t.oov and is_kanji(s) and 2 <= len(s) <= 3:
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
        if t.surface in SENTENCE_END:
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

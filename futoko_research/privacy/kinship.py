"""Names after a kinship or role word (母の美佐子, 弟の蓮, 担任の岡本) and a family name
before の and a word said only of a person (林の話では, 三宅の母).
"""

from __future__ import annotations

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.nametoks import BOUNDARY, FAMILY_WORDS, is_kanji, name_word
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_katakana,
    is_lexicon_surname,
)

#: connectors between a role and the name it introduces (母の, 兄・, 担任だった, 担任である)
_ROLE_LINKS = (("の",), ("・",), ("：",), (":",), ("だっ", "た"), ("で", "ある"), ("で", "あっ", "た"))


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


ROLE_WORDS = lx.KIN_ROLE_WORDS | lx.ROLE_SUFFIXES | lx.NAME_NOUNS
#: words after which any name-like word is a name (弟の蓮, 本名の航), not only a family name
FAMILY_OR_NAME = FAMILY_WORDS | lx.NAME_NOUNS


def after_kin(toks: list[Tok]) -> list[Candidate]:
    """母の美佐子, 弟の蓮, 妹のあかり, 担任の岡本, 学年主任の森が, 担任だった堀が (the name ends
    at a particle or punctuation)."""
    out: list[Candidate] = []
    n = len(toks)
    for i in range(n - 2):
        if toks[i].surface not in ROLE_WORDS:
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
            if c == 0.0 and not run and toks[i].surface in lx.NAME_NOUNS and is_kanji(toks[j].surface) \
                    and len(toks[j].surface) <= 3 and toks[j].surface not in lx.NOT_NAMES:
                c = 0.8  # 本名の航: whatever SudachiDict calls it, the word after 本名の is a name
            if c and len(toks[j].surface) == 1 and toks[i].surface not in FAMILY_OR_NAME and not run:
                # 担任の机: one kanji after a role is a thing, after 弟の a name (蓮); after a role
                # only a family name that is the subject or partner of the clause (学年主任の森が)
                after = toks[j + 1].surface if j + 1 < n and toks[j + 1].start == toks[j].end else ""
                if not (is_lexicon_surname(toks[j].surface) and after in ("は", "が", "も", "と", "から", "より")):
                    c = 0.0
            if c == 0.0:
                break
            run.append((toks[j], c))
            j += 1
        if not run and toks[i].surface in FAMILY_OR_NAME and j < n and is_hiragana(toks[j].surface):
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
        if first > i + 2 and not is_kanji(run[0][0].surface.replace("・", "")) and not is_katakana(
                run[0][0].surface.replace("・", "")):
            continue  # 担任だった + hiragana: not a name
        nxt = toks[j] if j < n else None
        if nxt is not None and not (nxt.pos[0] in ("助詞", "補助記号", "助動詞") or nxt.surface in lx.PERSON_SUFFIXES
                                    or nxt.surface in lx.ROLE_SUFFIXES):
            continue
        out.append(Candidate(run[0][0].start, run[-1][0].end, "person", "context", max(c for _, c in run)))
    return out


def possessive(toks: list[Tok]) -> list[Candidate]:
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
        if left is not None and left.surface not in BOUNDARY and left.pos[0] not in ("助詞", "接続詞"):
            continue
        if left is not None and left.pos[0] == "助詞" and left.surface not in ("は", "が", "も", "と", "で", "に"):
            continue
        s = t.surface
        if (is_kanji(s) and len(s) <= 3 and is_lexicon_surname(s) and s not in lx.NOT_NAMES
                and s not in ROLE_WORDS and not is_abstract_noun(s)) or (t.pos[2:3] == ("人名",) and len(s) >= 2):
            out.append(Candidate(t.start, t.end, "person", "context", 0.75))
    return out

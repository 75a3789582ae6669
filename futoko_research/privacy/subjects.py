"""Names as the subject or topic of a clause, alone or in a list: 「こころは最近…」,
「森が語った」, 「Ａと健と大和の三人は」.
"""

from __future__ import annotations

import re

from futoko_research.privacy import lexicon as lx
from futoko_research.privacy.cues import RE_GRADE_NOTE
from futoko_research.privacy.nametoks import (
    BOUNDARY,
    has_person_predicate,
    is_anonymised,
    name_word,
    view_of,
)
from futoko_research.privacy.text import (
    Candidate,
    Tok,
    is_abstract_noun,
    is_common_kana_word,
    is_hiragana,
    is_name_script,
)


def subject_lists(toks: list[Tok]) -> list[Candidate]:
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
            conf = -1.0 if is_anonymised(t.surface) else name_word(t, hiragana=True)
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
                if (k > j and 2 <= len(word) <= 5 and left in BOUNDARY and word not in lx.NOT_HIRAGANA_NAMES
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
        if left is not None and left.surface not in BOUNDARY and left.pos[0] not in ("助詞", "接続詞", "副詞"):
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

"""Round 12 forms of aims and frames (issue 16, read from the set ``c5``): patterns for :mod:`link_cues`.

General constructions, each with an invented example and traps in ``tests/test_links_round12.py``:

- :data:`NOUN_PURPOSE`: 〜のための / 〜に向けた before a practice's noun 「情緒の安定等のための相談」,
  「学校復帰に向けた支援」: the outcomes before the cue are the aim of the noun phrase after it (a
  ``purpose``, modality ``intended``); not before 効果, 成果, 可能性, nor after a pronoun (そのための);
- :data:`ESTABLISH_PURPOSE`: 〜するため(に)、 in a sentence that sets up a centre or classroom in the
  non-past of a regulation (「…を行い、学校復帰を支援するため、…教室を設置する」): the clauses before
  ため are the aim, the centre (or a practice named inside the aim's clauses,
  :func:`inner_practice_end`) the cause; 〜を行うため、 elsewhere, and the past 「…ために、教室を
  開設した」, stay no cue;
- :data:`FRAME_CAUSATIVE_STEMS`: transitive or causative verbs of change in any tense (を高める,
  を高めます, 回復させた, 向上させる, 安定させる, を育む, を養う, を伸ばす, を促す): a frame
  「体験活動は、…自己肯定感を高めます」 or 「Xが自己肯定感を回復させた」 makes its topic or subject the cause;
- :func:`mask_parentheses`: a sentence mark inside parentheses does not end a sentence (legal text
  「…生徒(以下「生徒」という。)に対し、」).
"""

from __future__ import annotations

import re

#: 〜のための / 〜に向けた + a noun (the practice): the noun phrase after the cue is the cause
NOUN_PURPOSE = (r"(?<![そこあど])(?<=[一-鿿ァ-ヺー等])のための[、,，]?(?=[一-鿿ァ-ヺ])(?!効果|成果|可能性|もの|こと)"
                r"|(?<=[一-鿿ァ-ヺー])に向けた[、,，]?(?=[一-鿿ァ-ヺ])(?!効果|成果|可能性|課題)")
#: a sentence mark that ends a parenthesis (「という。)」) does not end the sentence
_NOT_END = r"(?:[^。！？!?]|[。](?=[)）]))"
#: 〜するため(に)、 in a sentence that sets up a centre, classroom or place (「…を設置する。」)
ESTABLISH_PURPOSE = (rf"(?<=[うくぐすつぬぶむる])ため(?:に)?(?=[、,，]{_NOT_END}{{0,120}}?"
                     r"(?:を|の)(?:設置|開設)(?:する|します|し、)[^、,，。]{0,20}(?:[。]|$))")
#: transitive or causative verbs of change: the subject or topic of such a predicate is its cause
FRAME_CAUSATIVE_STEMS = (r"を高め(?:る|ます|た|てい|ました)|(?:回復|向上|安定|改善|変化|成長)させ"
                         r"|を(?:育|はぐく)(?:む|みます|んだ|んで)|を養(?:う|います|った)|を伸ば(?:す|します|した)"
                         r"|を促(?:す|します|した)|を取り戻させ")

#: a clause of an aim that carries out a practice (「…相談及び援助を行い、」, 「…を実施し、」)
RE_INNER_PRACTICE = re.compile(r"(?:行い|行って|実施し|実施して|提供し|提供して|取り入れ|取り入れて)[、,，]")

_OPEN, _CLOSE = "(（", ")）"


def inner_practice_end(text: str, start: int, end: int) -> int | None:
    """End of the last clause of ``text[start:end]`` (a purpose's aim) that carries out a practice.

    「Aに対し、相談を行い、学校復帰を支援するため、…教室を設置する」: the aim's first clauses name
    the practice (A) credited with the aim; None when the aim names none.
    """
    last = None
    for m in RE_INNER_PRACTICE.finditer(text, start, end):
        last = m.end()
    return last


def mask_parentheses(text: str) -> str:
    """``text`` with 。！？ inside balanced parentheses replaced by 、 (same length, same offsets)."""
    out, stack = list(text), []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            a = stack.pop()
            if not stack:
                for k in range(a + 1, i):
                    if out[k] in "。！？!?":
                        out[k] = "、"
    return "".join(out)


__all__ = ["ESTABLISH_PURPOSE", "FRAME_CAUSATIVE_STEMS", "NOUN_PURPOSE", "RE_INNER_PRACTICE", "inner_practice_end",
           "mask_parentheses"]

"""Lexical cues of cause → effect constructions, the prefilter, and a link's polarity and modality.

Everything here reads the text only (no parse): :func:`find_cues` lists the connectives of a
statement, :func:`find_sentence_cues` the constructions read from a sentence's shape (an
attribution 「…のは…です」, a final predicate of change for frames and te-form chains), and
:func:`has_link_candidate` is their union — the cheap prefilter that decides which statements the
link extractor parses. Every construction of :mod:`futoko_research.analysis.link_spans` starts
from one of these cues, so a statement the prefilter rejects cannot give a link: parsing only the
candidates loses nothing (tests/test_links.py checks it on every test sentence).

:func:`link_polarity` and :func:`link_modality` read the effect side of a link: negated
(〜につながらなかった, 至らなかった) or not, and reported (〜が増えた, 〜している) or only intended
(〜を目指す, 〜を図りたい, 〜ことが期待される, 〜していきたい).

Constructions
-------------
=================  ==========================================  ============================  ==========================
construction       example (cue in 【】)                          cause                         effect
=================  ==========================================  ============================  ==========================
means              家庭訪問を続けた【ことにより】、登校できる日が増えた   the clause or noun phrase     the rest of the sentence
                   (ことによって, により, によって)                 before the cue
means_adnominal    家庭訪問【による】登校日数の増加が見られた          the phrase before the cue     the noun phrase it modifies
kotode             面談を重ねた【ことで】、不安が軽減した              the clause before the cue     the rest of the sentence
through            体験活動【を通して】、自信を持つことができた          the phrase (not a tool or     the rest of the sentence
                   (を通じて, を通し、)                              a period: rule 12)
through_adnominal  集団活動【を通した】指導援助                       the phrase before the cue     the noun phrase it modifies
thanks             SCの支援の【おかげで】、落ち着いて過ごせた           the phrase before the cue     the rest of the sentence
                   (訪問が【功を奏し】、; 先生方の支え【もあり】、 —
                   after 支え, 協力, 支援, 助け, サポート …: round 10)
result             体験活動を重ねた【結果】、自信がついた              the clause before the cue     the rest of the sentence
reason             面談したので / 訪問を続けたため、/ 続けたから、     the clause before the cue     the rest of the sentence
                   (ので, ため(に)、 after a past or adjective —
                   not the purpose 〜のため(に) / 〜するため —,
                   そのため、, から、 after a predicate, ことから(、),
                   〜しているため、, 〜できるため、, 〜られるため、)
conditional        面談を重ね【たら】、不安が減った (と、 ば, たところ、)  the clause before the cue     the rest of the sentence
                   (…話していく【うちに】、 — not 〜ないうちに: round 10;
                   と without a comma only as a clause marker in
                   the parse: 面談を重ねると不安が減った, not
                   「行くと話した」)
attribution        学校復帰を可能にする【のは】、…連携です             the complement before です    the のは clause
                   人と話すのが好きになった【のは】、…おかげです
                   (…によるものと考えられる, …が大きい, …のも…,
                   …の成果だ, …おかげだと思う; 要因は…にある,
                   背景には…がある; …するのが…の役割です: round 10)
frame              家庭及び学校との連携は、再登校を【促進した】        the topic (…は、)             the predicate
                   (図ることができた, つながった, 可能にした,         (a topic that points back,
                   効果があった, 有効であった; 連携が学校復帰に       この取組は、: the previous
                   つながった — a subject in が of a causal           sentence)
                   predicate needs no comma; 発展した, 力を発揮,
                   機会となる, 解決: round 10)
te_chain           通級を始め、友だちができて、明るく【なった】        the clauses up to the last    the clauses after it
                   (ようになった, 増えた, 減った …; round 10: a       one naming an intervention
                   phrase in で before the change, 3回の相談で|
                   また【登校できた】, is a clause in the parse)
aim_chain          学習支援や教育相談を行い、学校復帰を【目指している】 the clauses up to the last    the clauses after it
                   (後押しする, 支援する, サポート, 援助を行う,        one naming an intervention    (an aim: modality
                   促す, 育む)                                                                  ``intended``)
purpose            学校復帰を支援すること【を目的として】、体験活動を   the rest of the sentence      the phrase before the cue
                   実施している (を目的とした, をねらいとして;         and the clauses before the    (modality ``intended``)
                   学校復帰の【ためには】、連携が欠かせない,
                   Aは、Bする【ために】重要です; round 10: 自己肯定感
                   【を高める】体験活動, 心の安定【の支えとなる】居場所 —
                   the noun is the cause —, 意欲を高める【ため】、…)
                                                                 effect (for 目的とした: the
                                                                 noun phrase it modifies)
trigger            オンライン授業【をきっかけに】、登校できるようになった  the phrase before the cue     the rest of the sentence
                   (がきっかけで, をきっかけとして, が契機となり)
=================  ==========================================  ============================  ==========================

A back-reference (その結果, これにより, そのおかげで, このような取組を通して) is any of the
connectives above whose cause only points back; the link extractor resolves it to the previous
sentence of the statement or case (``links.backref``). Coordination (「A、B、Cを行ったことにより、
D、Eが見られた」) gives one link with several cause and effect codes, counted pair by pair.

Purpose expressions are not cues by construction: 〜のため(に) and 〜するため(に) (ため only after a
past, an adjective, な, a progressive 〜ている or a potential 〜できる / 〜られる), 〜を目指して,
場合により, 〜によっては, 〜ということで. The purpose forms that are cues are 〜を目的として /
〜を目的とした and 〜ため(に(は)) before a predicate of need (必要, 重要, 大切, 欠かせない, 不可欠,
有効: 「学校復帰のためには、連携が欠かせない」), 〜ため(に)、 after a verb of change (高める, 育む,
促す, 身につける …: 「学習意欲を高めるため、体験活動を採り入れる」) and a non-past verb of change
before a practice's noun (「自己効力感を高める教材」, 「心の安定の支えとなる居場所」; not before 効果,
成果, 可能性); round 11: 〜よう(に)、 after a potential (「登校できるよう、支援を続ける」; not
「表に見られるように、」) and 〜ための(、) after a verb of change before a practice's noun
(「自己肯定感を向上させるための、交流キャンプ」) (``purpose``): the effect comes before the cue, the
cause after it (or in the topic before the effect), and the link is ``intended``. A chain is also
read before a tail of hope or reported speech (「…につながるのではないかと期待している」, 「…と話す」,
:data:`RE_SAY_TAIL`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from futoko_research.analysis.link_aims import (
    ESTABLISH_PURPOSE,
    FRAME_CAUSATIVE_STEMS,
    NOUN_PURPOSE,
    mask_parentheses,
)
from futoko_research.vocab import LINK_CONSTRUCTIONS


@dataclass(frozen=True)
class Construction:
    """One construction: its name, whether it is an explicit connective of rule 12, and its docs."""

    name: str
    explicit: bool
    example: str
    cause: str
    effect: str


#: the constructions, in the order of :data:`futoko_research.vocab.LINK_CONSTRUCTIONS`; ``explicit``
#: ones (the connectives of codebook rule 12) give a link row when either side is coded, the others
#: only when both are
CONSTRUCTIONS: dict[str, Construction] = {c.name: c for c in (
    Construction("means", True, "家庭訪問を続けたことにより、登校できる日が増えた。", "clause or phrase before the cue",
                 "rest of the sentence"),
    Construction("means_adnominal", False, "家庭訪問による登校日数の増加が見られた。", "phrase before the cue",
                 "noun phrase it modifies"),
    Construction("kotode", True, "面談を重ねたことで、不安が軽減した。", "clause before the cue", "rest of the sentence"),
    Construction("through", True, "体験活動を通して、自信を持つことができた。", "phrase before the cue (not a tool)",
                 "rest of the sentence"),
    Construction("through_adnominal", False, "集団活動を通した指導援助により、適応が進んだ。", "phrase before the cue",
                 "noun phrase it modifies"),
    Construction("thanks", True, "SCの支援のおかげで、落ち着いて過ごせるようになった。", "phrase before the cue",
                 "rest of the sentence"),
    Construction("result", True, "体験活動を重ねた結果、自信がついた。", "clause before the cue", "rest of the sentence"),
    Construction("reason", False, "面談を重ねたので、気持ちが落ち着いた。", "clause before the cue", "rest of the sentence"),
    Construction("conditional", False, "家庭訪問を続けたら、安心感が生まれ登校できるようになった。", "clause before the cue",
                 "rest of the sentence"),
    Construction("attribution", False, "学校復帰を可能にしたのは、学校と関係機関の連携です。", "complement before です",
                 "the のは clause"),
    Construction("frame", False, "家庭及び学校との連携は、再登校を促進した。", "topic (…は、)", "predicate"),
    Construction("te_chain", False, "家庭訪問を続け、本人と話せるようになって、登校できる日が増えた。",
                 "clauses up to the last naming an intervention", "clauses after it"),
    Construction("aim_chain", False, "学習支援や教育相談を行い、学校復帰を目指している。",
                 "clauses up to the last naming an intervention", "clauses after it (an aim)"),
    Construction("purpose", False, "学校復帰を支援することを目的として、体験活動を実施している。",
                 "rest of the sentence and the clauses before the effect", "phrase before the cue (an aim)"),
    Construction("trigger", False, "オンライン授業をきっかけに、登校できるようになった。", "phrase before the cue",
                 "rest of the sentence"),
)}
assert tuple(CONSTRUCTIONS) == LINK_CONSTRUCTIONS

# --------------------------------------------------------------------------- connectives
#: connectives by construction; within one construction the longer forms come first. Purpose forms
#: are excluded by construction (see the module docstring).
CONNECTIVE_PATTERNS: dict[str, str] = {
    "means": r"ことにより|ことによって(?!は)|(?<!場合)により|(?<!場合)によって(?!は)",
    "means_adnominal": r"(?<!場合)(?:ことによる|による)(?!もの)",
    # 〜た事で (round 10): the kanji spelling only after a verb, not 仕事で / 行事で / 食事で
    "kotode": r"(?<!という)(?<!との)(?:ことで|(?<=[たるいだ])事で)(?![あはもすき])",
    "through": r"を通して|を通じて|を通し(?=[、,，])|を通じ(?=[、,，])",
    "through_adnominal": r"を通した|を通じた",
    "thanks": r"おかげで(?!す)|お陰で(?!す)|おかげもあって|おかげもあり|が功を奏し(?:て)?(?=[、,，])"
               # 先生方の支えもあり、/ 地域の協力もあって、 (round 10): the help of someone credited
               r"|(?:(?<=支え)|(?<=協力)|(?<=支援)|(?<=助け)|(?<=援助)|(?<=励まし)|(?<=後押し)|(?<=働きかけ)"
               r"|(?<=サポート)|(?<=アプローチ))もあ(?:り|って)(?=[、,，])",
    "result": r"結果として(?=[、,，]|[^ぁ-ゖ])|結果(?=[、,，])",
    "reason": (r"(?<=[たいだな])ため(?:に)?(?=[、,，])|(?<=その|この)ため(?=[、,，])|(?<=[たいだるうくすつぬむな])ので(?![はすし])"
               # 〜しているため, 〜できるため, 〜られるため: a state or a potential is a reason, not a purpose
               r"|(?<=ている|ておる|てある|できる|られる)ため(?:に)?(?=[、,，])"
               r"|ことから(?=[、,，]|[^ぁ-ゖ、,，。])(?!始|着手|スタート)|(?<=[たいだ])から(?=[、,，])"),
    "conditional": (r"(?<=[っいきしちにびみりんえけげせてねべめれ])[ただ]ら(?:ば)?(?=[、,，]|[^ぁ-ゖ])|(?<=[ただ])ところ(?=[、,，])"
                    r"|(?<!例え)(?<!たとえ)(?<=[えけげせてねべめれ])ば(?=[、,，]|[^ぁ-ゖ])"
                    # 〜していくうちに (round 10): a change that came about while doing something; not
                    # 〜ないうちに (before), そのうちに, 今のうちに
                    r"|(?<=[うくぐすつぬぶむるた])うちに(?=[、,，]|[^ぁ-ゖ])"
                    r"|(?<=[うくぐすつぬぶむるい])と(?=[、,，])"
                    # と without a comma: only where the parse reads it as a clause marker (``mark``),
                    # not the quotative と of 「行くと話した」 (link_spans); never 〜とともに, 〜と同時に
                    r"|(?<=[うくぐすつぬぶむる])と(?![、,，]|共に|ともに|同時|考え|思|言|い[いうえっ]|述べ|話|感じ)"),
    "purpose": (r"を(?:主な|主たる)?(?:目的|ねらい|狙い)と(?:して|した|し(?=[、,，]))|を目的に(?=[、,，]|[^ぁ-ゖ])"
                # 「Bためには、Aが欠かせない」「Aは、Bために重要です」: what is needed for an aim
                r"|(?<!その)(?<!この)ため(?:に(?:は|も)?)(?=[、,，]?[^。]{0,40}?"
                r"(?:重要|必要|大切|欠かせな|不可欠|有効|効果的|求められ)[^、,，。]{0,12}(?:[。！？!?]|$))"
                # 「自己効力感を高める教材」「心の安定の支えとなる居場所」 (round 10): a change a practice
                # is made for, said by a non-past verb before the practice's noun
                r"|(?:を(?:高める|育む|はぐくむ|育てる|促す|深める|広げる|養う|伸ばす)|の支えと(?:なる|なれる)"
                r"|につながる|に繋がる)(?=[一-鿿ァ-ヺ])(?!効果|成果|可能性)"
                # 「学習意欲を高めるため、体験活動を採り入れる」 (round 10): ため after a verb of change
                r"|(?:(?<=高める)|(?<=育む)|(?<=促す)|(?<=深める)|(?<=広げる)|(?<=養う)|(?<=伸ばす)|(?<=育てる)"
                r"|(?<=身につける)|(?<=身に付ける)|(?<=取り戻す)|(?<=減らす)|(?<=増やす)|(?<=和らげる))ため(?:に)?(?=[、,，])"
                # 「登校できるよう、家庭へのサポートを続ける」 (round 11): よう(に)、 after a potential (できる,
                # 〜られる, 〜れる, 〜せる …); not 「表に見られるように、」「このように、」「述べたように、」
                r"|(?<!見られる)(?<!見える)(?<!考えられる)(?<!言える)(?<!いえる)(?<!思える)(?<!知られる)(?<!見受けられる)"
                r"(?:(?<=できる)|(?<=られる)|(?<=[けせてねべめえれ]る))よう(?:に)?(?=[、,，])"
                # 「自己肯定感を向上させるための、交流キャンプ」 (round 11): ための after a verb of change,
                # before a practice's noun (the noun phrase is the cause)
                r"|(?:(?<=高める)|(?<=育む)|(?<=促す)|(?<=深める)|(?<=広げる)|(?<=養う)|(?<=伸ばす)|(?<=育てる)"
                r"|(?<=身につける)|(?<=身に付ける)|(?<=取り戻す)|(?<=和らげる)|(?<=向上させる)|(?<=回復させる)"
                r"|(?<=安定させる))ための[、,，]?(?=[一-鿿ァ-ヺ])(?!効果|成果|可能性)"
                # round 12 (link_aims): 〜のための / 〜に向けた + a practice's noun, and 〜するため、 in a
                # sentence that sets up a centre
                rf"|{NOUN_PURPOSE}|{ESTABLISH_PURPOSE}"),
    "trigger": (r"(?:を|が)(?:きっかけ|契機)(?:と(?:なり|なって|して|し(?=[、,，]))|に(?:して|なり|なって)"
                r"|に(?![ぁ-ゖ])|で(?![ぁ-ゖ]))"),
}
#: one regex over every connective, in construction order (the first alternative wins at a position)
RE_CONNECTIVE = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in CONNECTIVE_PATTERNS.items()))
#: the explicit connectives of codebook rule 12 (used to tell a chain 「AによりB、BことによりC」)
RE_EXPLICIT = re.compile("|".join(p for n, p in CONNECTIVE_PATTERNS.items() if CONSTRUCTIONS[n].explicit))
#: connectives whose cause is a clause (the cause may take in coordinated clauses before it)
CLAUSE_CONSTRUCTIONS = frozenset({"kotode", "reason", "conditional"})
#: connectives that modify a noun: the effect is the noun phrase they modify
ADNOMINAL_CONSTRUCTIONS = frozenset({"means_adnominal", "through_adnominal"})
#: connectives whose effect comes BEFORE the cue and whose cause follows it (「Bを目的として、Aを行う」)
REVERSED_CONSTRUCTIONS = frozenset({"purpose"})
#: connectives that a parse must confirm: the particle is a conjunctive particle (助詞-接続助詞),
#: not the case particle と / から of 「学校と」, 「4月から」
CONFIRM_TAG = {"と": "助詞-接続助詞", "ば": "助詞-接続助詞", "から": "助詞-接続助詞"}

# --------------------------------------------------------------------------- sentence shapes
#: stems of a predicate that states a change (frames and te-form chains end in one)
CHANGE_STEMS = (
    r"促進|推進し|つなが|繋が|結びつ|結び付|つなげ|繋げ|可能に|可能と|効果が|効果も|効果的|役立|寄与|貢献|もたら"
    r"|ようにな|増え|増加|減っ|減り|減少|高ま|深ま|広が|改善|向上|解消|軽減|安定|定着|身に付|身につ|身に着|育っ|伸び"
    r"|変容|成長|ことができ|のができ|見られ|みられ|くな[っり]|にな[っり]|とな[っり]|有効|功を奏|果たし|果たせ"
    r"|発展|力を発揮|解決|登校(?:し|でき|する)|(?:機会|場|チャンス|きっかけ)(?:と|に)な(?:る|ります)|場として活用"
    rf"|{FRAME_CAUSATIVE_STEMS}"  # round 12: を高めます, 回復させた … (link_aims)
)
#: a sentence (without its final 。) whose final predicate states a change
RE_CHANGE_END = re.compile(rf"(?:{CHANGE_STEMS})[^、,，。]{{0,14}}$")
#: stems of a predicate whose subject is the cause (「連携が学校復帰につながった」): a frame may then
#: open with a subject in が and no comma
FRAME_STEMS = (r"つなが|繋が|結びつ|結び付|寄与|貢献|役立|効果|促進|可能に|可能と|もたら|きっかけ|契機|有効|功を奏"
               r"|発展|力を発揮|" + FRAME_CAUSATIVE_STEMS)
#: a sentence (without its final 。) whose final predicate makes its subject a cause
RE_FRAME_END = re.compile(rf"(?:{FRAME_STEMS})[^、,，。]{{0,14}}$")
#: stems of a predicate that states an aim for the children (an aim chain ends in one): 〜を目指す,
#: 〜を後押しする, 〜を支援する, 〜をサポート, 〜への援助を行う, 〜を促す, 〜を育む
AIM_STEMS = (
    r"目指|めざ|後押し|サポート|(?<!の)支援(?:を|する|し|します|$)|援助|応援|手助け|促[しす]|育[むま]|はぐく[むま]"
)
#: a sentence (without its final 。) whose final predicate states an aim
RE_AIM_END = re.compile(rf"(?:{AIM_STEMS})[^、,，。]{{0,10}}$")
#: an attribution: 「<effect>のは、<cause>(のおかげ|ため|によるもの)?です」 (one sentence, without 。)
RE_ATTRIBUTION = re.compile(
    r"(?:(?<=[ぁ-ゖァ-ヺ一-鿿ー])の[はも]|(?:要因|理由|背景|決め手|秘訣)(?:に|として)?[はも]"
    # 「…のが、カウンセリングの役割です」 (round 10): what a practice is for
    r"|(?<=[ぁ-ゖ])のが(?=[^。]+?の(?:役割|役目)(?:です|だ|である)$))[、,，]?(?P<cause>[^。]+?)(?:の)?"
    r"(?:おかげ|お陰|ため|から|結果|こと|によるもの|による|もの|成果|効果|賜物|たまもの|役割|役目)?"
    r"(?:です|だ|である|でした|だった|であった|であろう|が大き(?:い|かった)"
    r"|[にが](?:ある|あった|あります|ありました)|が挙げられ(?:る|ます))?"
    r"(?:(?<=[ぁ-ゖ])と(?:考え(?:る|られる|ます|られます|ている|ています)|思(?:う|われる|います|っている|っています)"
    r"|感じ(?:る|ます|ている|ています)|言える|いえる))?$"
)
RE_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


class Cue(NamedTuple):
    """A connective found in a text: ``text[start:end]`` is ``connective``."""

    start: int
    end: int
    connective: str
    construction: str


def find_cues(text: str) -> list[Cue]:
    """Connectives of ``text``, left to right (see :data:`CONNECTIVE_PATTERNS`)."""
    return [Cue(m.start(), m.end(), m.group(), m.lastgroup) for m in RE_CONNECTIVE.finditer(text or "")]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (ends at 。！？, the mark included).

    A mark inside balanced parentheses does not end a sentence (round 12: 「…生徒(以下「生徒」という。)に
    対し、…を設置する。」 is one sentence, as the parser reads it).
    """
    text = text or ""
    masked = mask_parentheses(text)
    return [(m.start(), m.end()) for m in RE_SENTENCE.finditer(masked)] or [(0, len(text))]


def _body(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the final sentence mark and spaces."""
    while end > start and text[end - 1] in "。！？!?．. 　\n":
        end -= 1
    return start, end


#: a tail of hope, opinion or reported speech after a sentence's final predicate (「…につながるのではないかと
#: 期待している」「…と話す」): a chain's change is read before it
RE_SAY_TAIL = re.compile(
    r"(?:の)?(?:ではないか|だろう|であろう)?と(?:期待|考え|思|感じ|話|述べ|語|指摘|説明|評価|報告|回答)[^、,，。]{0,12}$"
)


def find_sentence_cues(text: str) -> list[tuple[str, int, int]]:
    """Constructions read from a sentence's shape: (construction, sentence start, sentence end).

    ``attribution`` when the sentence is 「…のは、…です」; ``chain`` (a frame or a te-form chain, told
    apart once the clauses are known) when its final predicate states a change.
    """
    out = []
    for s, e in sentence_spans(text):
        bs, be = _body(text, s, e)
        body = text[bs:be]
        core = RE_SAY_TAIL.sub("", body) or body
        if RE_ATTRIBUTION.search(body):
            out.append(("attribution", s, e))
        elif any((RE_CHANGE_END.search(b) or RE_AIM_END.search(b)) and re.search(r"[、,，てでは]", b)
                 or RE_FRAME_END.search(b) and "が" in b for b in {body, core}):
            out.append(("chain", s, e))
    return out


def has_link_candidate(text: str) -> bool:
    """True when ``text`` holds a cue of any construction: the prefilter of the link extractor."""
    text = text or ""
    return bool(RE_CONNECTIVE.search(text)) or bool(find_sentence_cues(text))


# --------------------------------------------------------------------------- polarity and modality
#: a negated change at the end of an effect (〜につながらなかった, 〜には至らなかった, 〜できなかった)
RE_NEGATED = re.compile(
    r"(?:至ら|至って(?:い)?|いたら|つながら|繋がら|つながって(?:い)?|繋がって(?:い)?|結びつか|結び付か"
    r"|結びついて(?:い)?|結び付いて(?:い)?|でき|できて(?:い)?|なら|なって(?:い)?|改善(?:し|され)|向上(?:し|され)"
    r"|増え|増加(?:し|され)|変わら|高まら|深まら|広がら|得られ|戻ら|戻れ|変化(?:は|が|も)?(?:見られ|みられ|あら)?"
    r"|(?:変容|改善|効果|成果|向上|進展)(?:は|が|も)?(?:見られ|みられ|あら|得られ))"
    r"(?:な(?:かった|い|く)|ず|ませんでした|ません)[ぁ-ゖ]{0,8}$"
)
#: an effect that is clearly aimed at, hoped for or expected rather than reported
RE_INTENDED = re.compile(
    r"(?:目指|めざ)(?!す?ようにな)(?!し(?:て|ながら|つつ)[、,，]?[^。]{4,})"
    r"|(?:を|に)(?:基本)?(?:目標|目的)と(?!し(?:て|ながら|つつ)[、,，]?[^。]{4,})|ねら[いう]|狙[いう]"
    r"|期待(?:され|でき|する|した|が|を寄せ|して|しています|しております)"
    r"|図(?:る|ります|りたい|ろう|っていく|っていきたい|った|っていた|っている|っています)(?!こと(?:が|も)でき)"
    r"|努め|努力する|ていきたい|(?<![こ])たい(?:と(?:考え|思))?$|ようにする|ようにしたい|ようにしていく"
    r"|(?:れ|え|け)ばと(?:考え|思)|予定|計画(?:する|し|である|です)|(?:る|できる)と(?:考え|思)(?!われ|られ)"
)
#: hedges after the predicate that do not change what it reports (〜たと考える, 〜ようだ)
RE_HEDGE = re.compile(
    r"(?:と(?:考え(?:る|られる|ます|られます|ている|ています)|思(?:う|われる|います|われます)|感じ(?:る|た|ます|ました)"
    r"|言える|いえる)|ように思う|ようだ|ようです|ように感じる|のである|のです|んです|ところである|ところです"
    r"|(?:と|のではないか)と?考え(?:る|られる))$"
)
#: a predicate that reports (past, perfect, progressive or an observation)
RE_REPORTED_END = re.compile(
    r"(?:た|だ|ました|でした|ている|ています|ていた|ていました|てきた|てきている|てきています|ておる|ております"
    r"|られる|られます|(?<!と)ある|あります|いる|います|いた|多い|多く見られる|見られる|みられる|うかがえる)$"
)
#: parts of an effect joined by an adversative or a negated conjunctive (〜したが、〜には至らなかった)
RE_EFFECT_BREAK = re.compile(r"(?:が|けれど(?:も)?|けど|ものの|ながらも|一方で?|ず|ずに)[、,，]|ものの")


def split_effect(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the effect ``text[start:end]`` at adversatives (〜したが、), each its own link."""
    parts, s = [], start
    for m in RE_EFFECT_BREAK.finditer(text, start, end):
        if m.start() > s:
            parts.append((s, m.end() if m.group().startswith(("ず", "ものの")) else m.start()))
        s = m.end()
    if end > s:
        parts.append((s, end))
    return [(a, b) for a, b in parts if text[a:b].strip("、,， ")] or [(start, end)]


def _predicate(text: str) -> str:
    """The predicate end of ``text`` with punctuation and hedges stripped."""
    t = text.rstrip("。．.、,， 　)）」』")
    for _ in range(2):
        t2 = RE_HEDGE.sub("", t).rstrip("、,， ")
        if t2 == t:
            break
        t = t2
    return t


def negation_at(text: str) -> int | None:
    """Offset in ``text`` where a negated final predicate begins (None when it is not negated)."""
    t = re.sub(r"(?:が|ものの)$", "", _predicate(text)).rstrip("、,，")
    m = RE_NEGATED.search(t)
    return m.start() if m else None


def link_polarity(effect: str) -> str:
    """``negative`` when the effect's final predicate is negated (〜につながらなかった), else ``positive``."""
    return "negative" if negation_at(effect) is not None else "positive"


def link_modality(effect: str, *, section: str | None = None, hypothetical: bool = False) -> str:
    """``intended`` or ``reported``: what the effect's final predicate says about the effect.

    Intended: an aim, a hope, an expectation or a plan (〜を目指す, 〜を図りたい, 〜を図った,
    〜ことが期待される, 〜していきたい, 〜ればと考え, 〜ようになると考え). Reported: a past, perfect or
    progressive predicate or an observation (〜が増えた, 〜している, 〜が見られる; 〜ようになった also
    when it names a wish of the child). A plain non-past predicate (〜を育てます) is reported in an
    ``outcome`` statement and intended elsewhere (a programme's description of what it does), and
    always intended after a condition (``hypothetical``: 「…を行えば、…が高まる」).
    """
    raw = effect.rstrip("。．.、,， 　")
    t = _predicate(effect)
    if re.search(r"ようにな(?:った|りました|ってきた|ってきました|ってきている|っている)$", t):
        return "reported"
    if RE_INTENDED.search(raw):
        return "intended"
    if RE_REPORTED_END.search(t):
        return "reported"
    return "reported" if section == "outcome" and not hypothetical else "intended"


__all__ = [
    "ADNOMINAL_CONSTRUCTIONS", "AIM_STEMS", "CHANGE_STEMS", "CLAUSE_CONSTRUCTIONS", "CONFIRM_TAG", "CONNECTIVE_PATTERNS",
    "CONSTRUCTIONS", "Construction", "Cue", "FRAME_STEMS", "RE_AIM_END", "RE_FRAME_END", "RE_ATTRIBUTION", "REVERSED_CONSTRUCTIONS", "RE_CHANGE_END", "RE_CONNECTIVE", "RE_EXPLICIT", "RE_SAY_TAIL",
    "RE_INTENDED", "RE_NEGATED", "find_cues", "find_sentence_cues", "has_link_candidate", "link_modality",
    "link_polarity", "negation_at", "sentence_spans", "split_effect",
]

"""Where a back-reference points: the sentence before it, or the last sentence of the statement before.

A cause side that only points back (「その結果」「これにより」) is resolved to the previous sentence of
the same statement, or else to the last sentence of the statement before it in the same case.
Used by :func:`futoko_research.analysis.links.extract_links` (the ``backref`` column) and by the
links' prefilter (:mod:`futoko_research.analysis.link_prefilter`), which must look where the
extractor will look.
"""

from __future__ import annotations

import re

import pandas as pd

from futoko_research.analysis.link_cues import sentence_spans

#: cause sides that only point back to something said before
RE_BACKREF = re.compile(
    r"^(この|その|これらの|これら|これ|それらの|それら|それ|こうした|そうした|そうする|こうする|以上|上記|前述|これまで|今回(?:の)?"
    # 「同取り組み」「同事業」「当支援」: the practice just named
    r"|同(?=[一-鿿ァ-ヺ])(?!時|日|年|月|様|級|世代|一|じ|士|期|僚|居|行|伴|意|感|等|程度)"
    r"|当(?=該|支援|事業|取組|取り組み|教室|施設|センター|法人|団体|プログラム|活動|スクール|サービス))"
)
#: a chain's opening topic that only points back to a practice (「この取組は、」「同事業が」「これらは」, not
#: 「この日は」): its causes are in the previous sentence
RE_BACKREF_TOPIC = re.compile(
    r"^(?:これら|それら|これ|それ|(?:この|その|これらの|それらの|こうした|そうした|このような|そのような|同|当)[^、,，。]{0,8}?"
    r"(?:取組|取り組み|取組み|支援|活動|事業|指導|実践|試み|経験|方法|工夫|関わり|かかわり|対応|プログラム|連携|働きかけ"
    r"|体験|教室|制度|仕組み|こと|施策|サポート|ケア|相談))(?:は|が|も)$"
)
#: longest such topic
MAX_BACKREF_TOPIC = 14


def is_backref_topic(clause: str) -> bool:
    """True when ``clause`` is a topic that only points back to a practice (「この取組は」「同事業が」)."""
    clause = clause.strip()
    return len(clause) <= MAX_BACKREF_TOPIC and bool(RE_BACKREF_TOPIC.match(clause))


def previous_statements(statements: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """statement_id → (id, text) of the statement before it in the same case (input order)."""
    out: dict[str, tuple[str, str]] = {}
    last: dict[str, tuple[str, str]] = {}
    for sid, cid, text in zip(statements["statement_id"].astype(str), statements["case_id"].astype(str),
                              statements["text"].astype("string").fillna("")):
        if cid in last:
            out[sid] = last[cid]
        last[cid] = (sid, str(text))
    return out


def backref_source(text: str, sent_start: int, sid: str, prev: dict[str, tuple[str, str]]):
    """(kind, statement id, start, end) of the sentence a back-reference points to."""
    before = [(a, b) for a, b in sentence_spans(text) if b <= sent_start and text[a:b].strip("。 　")]
    if before:
        a, b = before[-1]
        return "previous_sentence", sid, a, b - (1 if text[b - 1:b] == "。" else 0)
    if sid in prev:
        psid, ptext = prev[sid]
        spans = [(a, b) for a, b in sentence_spans(ptext) if ptext[a:b].strip("。 　")]
        if spans:
            a, b = spans[-1]
            return "previous_statement", psid, a, b - (1 if ptext[b - 1:b] == "。" else 0)
    return "unresolved", sid, None, None


def resolve_backref(text: str, sent_start: int, sid: str, prev: dict[str, tuple[str, str]]):
    """((kind, statement id, start, end) of :func:`backref_source`, the text pointed to or None)."""
    kind, csid, a, b = backref_source(text, sent_start, sid, prev)
    if a is None:
        return (kind, csid, a, b), None
    src = text if csid == sid else prev[sid][1]
    return (kind, csid, a, b), src[a:b]

"""Rows of the links table: the links of one connective or attribution, or of one clause chain.

:func:`connective_rows` and :func:`chain_rows` turn a candidate of
:func:`~futoko_research.analysis.links.extract_links` (its spans, and a function giving the codes
of its sides) into link rows; the rules that drop a candidate (a tool or channel as the cause, an
evaluative attribution, the child's own state as the cause: codebook rule 12) and the split of a
chain after its last clause naming an intervention live here, with the polarity and modality of
each row. Split from ``links`` (session 7); the names of ``links.__all__`` stay importable from there.
"""

from __future__ import annotations

import re

from futoko_research.analysis.link_cues import (
    CONSTRUCTIONS,
    RE_AIM_END,
    RE_CHANGE_END,
    REVERSED_CONSTRUCTIONS,
    link_modality,
    negation_at,
)

#: connectives whose cause may be a mere tool or channel (dropped without an intervention code)
CHANNEL_CONNECTIVES = ("を通して", "を通じて", "を通した", "を通じた", "を通し", "を通じ")
#: an attribution's complement that only evaluates the effect (「…を得られたのは大きな収穫でした」,
#: 「…できたのは嬉しいことです」): no cause is named
RE_EVALUATIVE = re.compile(
    r"(?:収穫|成果|喜び|驚き|特徴|大切|重要|必要|印象的|嬉し[いく]|うれし[いく]|良かった|よかった|幸い|ポイント|課題|事実"
    r"|大き[いな]|大きかった)(?:こと|もの|点)?$"
)
#: a cause side that ends in a change of the child's own state (「…できるようになった」)
RE_CHILD_STATE = re.compile(r"ようにな(?:った|り|って)$")
#: a cause of を通して that ends in one of these names a tool or channel, not an intervention
RE_TOOL = re.compile(
    r"(?:端末|タブレット|パソコン|PC|ＰＣ|オンライン|電話|メール|手紙|機器|アプリ|ビデオ通話|話し?合い|連絡帳|"
    r"交換ノート|SNS|ＳＮＳ|画面|カメラ|チャット|年間|期間|学期|一年|1年|１年)$"
)
#: a chain clause that ends in a topic: the link is a frame (「家庭及び学校との連携は、再登校を促進した」)
RE_TOPIC_END = re.compile(r"(?:は|では|には|(?<![たでだ])が)$")
#: the last cause clause of a chain ends in a te-form, a continuative form or a topic, not in a bare
#: noun of an enumeration (「AやB、C、」)
RE_CLAUSE_END = re.compile(r"(?:[てでしりきいけえせめれみびちぎじ]|ながら|つつ|は|では|には|が|も)$")
#: a sentence with more clauses than this is an enumeration, not a chain of events
MAX_CHAIN_CLAUSES = 6


def _predicate_text(text: str, part: tuple[int, int], effect_end: int, sent_end: int) -> str:
    """The text whose final predicate tells a part's polarity and modality.

    A part that ends where the effect was cut (at the next link's cause or after the noun an
    adnominal connective modifies) reads on to the end of the sentence.
    """
    a, b = part
    body_end = len(text[:sent_end].rstrip("。！？!?．. 　\n"))
    if b == effect_end and b < body_end and not re.match(r"[、,，]?\s*$", text[b:body_end]):
        return text[a:body_end]
    return text[a:b]


def _base_row(cand: dict) -> dict:
    rec = cand["rec"]
    return {"statement_id": rec.statement_id, "case_id": rec.case_id, "section": cand["section"],
            "method": cand["sp"]["method"], "construction": cand["sp"]["construction"],
            "connective": cand["sp"]["connective"], "cause_statement_id": rec.statement_id,
            "backref": "none", "is_backref": False}


def _keep(construction: str, cause_codes: list, effect_codes: list) -> bool:
    """Explicit connectives need one coded side, the other constructions both."""
    if CONSTRUCTIONS[construction].explicit:
        return bool(cause_codes or effect_codes)
    return bool(cause_codes and effect_codes)


def connective_rows(cand: dict, codes) -> list[dict]:
    """Rows of one connective or attribution (one per effect part)."""
    sp, text, key = cand["sp"], cand["text"], cand["key"]
    cause_text = text[sp["cause_start"]:sp["cause_end"]]
    row = _base_row(cand) | {"cause_text": cause_text, "cause_start": sp["cause_start"], "cause_end": sp["cause_end"]}
    cause_codes = codes(f"{key}:cause", "intervention")
    lead = [c for c in codes(f"{key}:lead", "intervention") if c not in cause_codes]
    if cause_codes and lead and not cand["backref"]:  # a clause coordinated before the cause (「Aし、Bを通して」)
        cause_codes = cause_codes + lead
        row |= {"cause_start": cand["lead"], "cause_text": text[cand["lead"]:sp["cause_end"]]}
    if not cause_codes and "ref" in cand and cand["ref"][2] is not None and codes(f"{key}:ref", "intervention"):
        kind, csid, a, b = cand["ref"]  # a reversed construction whose topic points back
        cause_codes = codes(f"{key}:ref", "intervention")
        row |= {"is_backref": True, "backref": kind, "cause_statement_id": csid, "cause_text": cand["ref_text"],
                "cause_start": a, "cause_end": b}
    elif cand["backref"]:
        kind, csid, a, b = cand["ref"]
        row |= {"is_backref": True, "backref": kind, "cause_statement_id": csid}
        if a is not None:
            row |= {"cause_text": cand["ref_text"], "cause_start": a, "cause_end": b}
    else:
        if sp["construction"] == "attribution" and RE_EVALUATIVE.search(cause_text):
            return []  # 「…のは大きな収穫でした」 evaluates, it does not attribute
        if sp["connective"] in CHANNEL_CONNECTIVES and (not cause_codes or RE_TOOL.search(cause_text)):
            return []  # a tool, a channel or a period only (rule 12)
        if (not cause_codes and not cand["chained"]
                and (codes(f"{key}:cause", "outcome") or RE_CHILD_STATE.search(cause_text))):
            return []  # the cause is the child's own state, not an intervention (rule 12)
    parts = [((a, b), neg, codes(f"{key}:e{p}", "outcome")) for p, ((a, b), neg) in enumerate(cand["parts"])]
    if not any(c for _, _, c in parts) and "ext" in cand and codes(f"{key}:ext", "outcome"):
        es, ee = cand["ext"]  # 「Aを通して、Bすることにより、C」: A leads to C as well
        parts = [((es, ee), negation_at(text[es:ee]), codes(f"{key}:ext", "outcome"))]
    if (not cause_codes and "carry_ref" in cand and any(c for _, _, c in parts)
            and not codes(f"{key}:cause", "outcome") and not RE_CHILD_STATE.search(cause_text)
            and codes(f"{key}:carry", "intervention")):
        kind, csid, a, b = cand["carry_ref"]  # fill_options carry: the practice of the sentence before
        cause_codes = codes(f"{key}:carry", "intervention")
        row |= {"is_backref": True, "backref": kind, "cause_statement_id": csid, "cause_text": cand["carry_text"],
                "cause_start": a, "cause_end": b}
    if sp["construction"] in REVERSED_CONSTRUCTIONS and not row["is_backref"]:
        # 「Aを行い、Bを支援するため、…教室を設置する」 (round 12): a practice named inside the aim's
        # clauses is what the aim is credited to, before the centre or practice after the cue
        inner = codes(f"{key}:inner", "intervention")
        if inner:
            cause_codes = inner
    out = []
    for (a, b), neg, effect_codes in parts:
        if not _keep(sp["construction"], cause_codes, effect_codes):
            continue
        if sp["construction"] in REVERSED_CONSTRUCTIONS:
            modality = "intended"  # 「Bを目的として」 states an aim, whatever the main predicate reports
        else:
            pred = _predicate_text(text, (a, b), sp["effect_end"], sp["sent_end"])
            modality = link_modality(pred, section=cand["section"], hypothetical=sp["construction"] == "conditional"
                                     and sp["connective"] != "うちに")
        out.append(row | {"effect_text": text[a:b], "effect_start": a, "effect_end": b, "cause_codes": cause_codes,
                          "effect_codes": effect_codes, "polarity": "positive" if neg is None else "negative",
                          "modality": modality})
    return out


def chain_rows(cand: dict, codes) -> list[dict]:
    """The row of a frame or te-form chain: split after the last clause naming an intervention."""
    sp, text, key = cand["sp"], cand["text"], cand["key"]
    clauses = sp["clauses"]
    ints = [codes(f"{key}:c{j}", "intervention") for j in range(len(clauses))]
    outs = [codes(f"{key}:c{j}", "outcome") for j in range(len(clauses))]
    if len(clauses) > MAX_CHAIN_CLAUSES:
        return []  # a long enumeration, not a chain of events
    first_out = next((j for j, o in enumerate(outs) if o), len(clauses))
    backref = ("ref" in cand and cand["ref_clause"] < first_out and not any(ints[:first_out])
               and bool(codes(f"{key}:ref", "intervention")))
    if backref:  # a topic that points back (「この取組は、」): its causes are the previous sentence's
        ints[cand["ref_clause"]] = codes(f"{key}:ref", "intervention")
    split, last_int = None, None
    for j in range(len(clauses) - 1):
        if ints[j]:
            last_int = j
        # split after a clause that ends a clause (〜し、〜して) at or after the last one naming an
        # intervention, when no outcome comes between them (「AやB、Cを行い、Dを目指す」)
        if (last_int is not None and not any(outs[last_int + 1:j + 1]) and any(outs[j + 1:])
                and RE_CLAUSE_END.search(text[clauses[j][0]:clauses[j][1]])):
            split = j
    if split is None:
        return []
    cause_codes = list(dict.fromkeys(c for j in range(split + 1) for c in ints[j]))
    effect_codes = list(dict.fromkeys(c for j in range(split + 1, len(clauses)) for c in outs[j]))
    cs, ce = clauses[0][0], clauses[split][1]
    es, ee = clauses[split + 1][0], clauses[-1][1]
    cause_text = text[cs:ce]
    body = text[clauses[-1][0]:clauses[-1][1]].rstrip("。！？!?．. 　")
    if RE_AIM_END.search(body) and not RE_CHANGE_END.search(body):
        construction = "aim_chain"  # 「Aを行い、Bを目指している」: the chain ends in an aim, not a change
    elif RE_TOPIC_END.search(text[clauses[split][0]:clauses[split][1]]):
        construction = "frame"
    else:
        construction = "te_chain"
    row = _base_row(cand)
    if backref:
        kind, csid, cs, ce = cand["ref"]
        cause_text = cand["ref_text"]
        row |= {"is_backref": True, "backref": kind, "cause_statement_id": csid}
    return [row | {
        "construction": construction, "cause_text": cause_text, "effect_text": text[es:ee], "cause_start": cs,
        "cause_end": ce, "effect_start": es, "effect_end": ee, "cause_codes": cause_codes,
        "effect_codes": effect_codes, "polarity": "negative" if cand["negative"] else "positive",
        # an aim chain states what the practice is for, not what happened (「…を後押しした」 too)
        "modality": "intended" if construction == "aim_chain" else link_modality(text[es:ee], section=cand["section"])}]


def aim_side_keys(cands: list[dict]) -> set[str]:
    """Side keys whose outcome is an aim that a purpose phrase must not veto (round 12).

    A reversed construction's effect (「学校復帰に向けた支援を行うため、」: the aim itself) and the last
    clause of a chain that ends in an aim (「…を行い、学校復帰への援助を図る」).
    """
    out = set()
    for cand in cands:
        sp, key = cand["sp"], cand["key"]
        if sp["clauses"] is not None:
            a, b = sp["clauses"][-1]
            body = cand["text"][a:b].rstrip("。！？!?．. 　")
            if RE_AIM_END.search(body) and not RE_CHANGE_END.search(body):
                out.add(f"{key}:c{len(sp['clauses']) - 1}")
        elif sp["construction"] in REVERSED_CONSTRUCTIONS:
            out |= {f"{key}:e{p}" for p in range(len(cand["parts"]))} | {f"{key}:ext"}
    return out

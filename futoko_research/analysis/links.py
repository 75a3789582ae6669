"""Attributed cause → effect links inside statements (「AことによりB」, 「Aのは…Bです」, 「Aし、Bになった」).

:func:`extract_links` finds the constructions of :mod:`futoko_research.analysis.link_cues` (table
there: connectives, conditionals, reasons, おかげ, 結果, による, を通して/通した, ことで, frames,
attributions, te-form chains) in each statement, takes the cause and effect spans from the
dependency parse (:mod:`futoko_research.analysis.link_spans`) and codes each side with
:func:`futoko_research.coding.code_statements` (by default the hybrid, rules plus the shipped
model's confident codes: :data:`DEFAULT_SIDE_METHOD`; ``side_method="rules"`` for the rules
alone): intervention codes of the cause side become ``cause_codes``, outcome codes of the effect
side ``effect_codes``. Only statements that pass the
links' prefilter are parsed: a cue of a construction
(:func:`~futoko_research.analysis.link_cues.has_link_candidate`) and, around it, text in which the
codebook's rules could find the codes such a link needs
(:func:`~futoko_research.analysis.link_prefilter.link_candidates`; the argument that it drops no
link is in that module's docstring).

Decision rules (codebook rule 12 and issue 16):

- Purpose expressions (〜を目指して, 〜するために, 〜を目標として) are not connectives; an
  outcome that only qualifies the purpose of an intervention (「不安の解消のための支援」, 「…と思える
  ような支援方法を探った」) is not an effect of another link. Round 12: 〜のための / 〜に向けた before a
  practice's noun (「心の安定等のための相談」) is a ``purpose`` of its own (the noun phrase → the
  outcomes before the cue, ``intended``), as is 〜するため、 in a sentence that sets up a centre
  (「…を行い、学校復帰を支援するため、…教室を設置する」: the practice named in the aim, else the centre);
  a purpose's effect and an aim chain's last clause are never vetoed as a purpose phrase.
- を通して naming only a tool, a channel or a period (no intervention code on the cause side) is
  not a link; nor is a cause that states only a change in the child (an outcome code or
  「…ようになった」, no intervention code), unless an earlier connective of the same sentence leads
  to it (a chain: 「通級を通して生活範囲が広がり、人と関わる機会が増えたことにより、学校復帰に繋がる」).
- A back-reference (その結果, これにより, そのおかげで, このような取組を通して) takes its cause from
  the previous sentence of the statement, or the last sentence of the previous statement of the
  case (in the order of ``statements``); ``backref`` says which (``unresolved``: none, no cause
  codes).
- A chain whose last clause states an aim (「学習支援を行い、学校復帰を目指している」, 〜を後押しする,
  〜を支援する, 〜への援助を行う) is an ``aim_chain``: a link of modality ``intended`` (issue 16: aims
  are links), split like a te-form chain.
- A purpose 「Bを目的として、Aを実施している」 (``purpose``) reads the other way round: B before the
  cue is the effect, the rest of the sentence and the clauses before B are the cause; the link is
  ``intended``.
- When a connective's effect stops at the next connective and names no outcome
  (「Aを通して、Bすることにより、C」), it runs on to the end of the sentence: A and B both lead to C.
- An effect with a negated part (「…意欲は高まったが、登校には至らなかった」) splits into one link
  per part; a negated part has ``polarity = negative`` and is coded without its negation (the
  codebook vetoes negated outcomes, rule 3, so the link keeps the outcome it denies).
- Explicit connectives of rule 12 give a row when either side is coded; the other constructions
  (conditionals, reasons, による, を通した, attributions, frames, te-form chains) only when both
  are. A statement with no coded cause or effect gives no coded link.

:func:`link_counts` counts reported, positive links by default (``polarity`` and ``modality``
select others); :func:`link_evidence` is the table of evidence shown in notebook 04 (both in
:mod:`futoko_research.analysis.link_tables`, re-exported here).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings

import pandas as pd

from futoko_research.analysis.link_aims import inner_practice_end
from futoko_research.analysis.link_backrefs import (
    MAX_BACKREF_TOPIC,
    RE_BACKREF,
    RE_BACKREF_TOPIC,
    backref_source,
    is_backref_topic,
    previous_statements,
    resolve_backref,
)
from futoko_research.analysis.link_cues import (
    ADNOMINAL_CONSTRUCTIONS,
    RE_CONNECTIVE,
    RE_EXPLICIT,
    REVERSED_CONSTRUCTIONS,
    has_link_candidate,
    negation_at,
    split_effect,
)
from futoko_research.analysis.link_fill import (
    check_fill_options,
    fill_side_texts,
    guard_model_codes,
    project_codes,
)
from futoko_research.analysis.link_rows import (
    CHANNEL_CONNECTIVES,
    MAX_CHAIN_CLAUSES,
    RE_CHILD_STATE,
    RE_EVALUATIVE,
    RE_TOOL,
    aim_side_keys,
    chain_rows,
    connective_rows,
)
from futoko_research.analysis.link_spans import find_connectives, split_statement
from futoko_research.analysis.link_tables import link_counts, link_evidence

log = logging.getLogger("futoko_research")

#: an outcome that only qualifies the purpose of an intervention noun (「不安の解消のための支援をします」)
#: or of the main action (「復学を基本目標としながら取り組んだ」, 「…と思えるような支援方法を探った」) is
#: not an effect of the cause (rule 12); an aimed effect (「…を和らげることを目指します」) still is
RE_PURPOSE_AFTER = re.compile(
    r"^[^、。]{0,6}?(?:の)?ための(?:支援|指導|援助|取組|取り組み|活動|相談|サポート|プログラム|事業)"
    r"|^[^。]{0,20}?[るく]ように(?!な)[^、。]{0,12}?(?:作られ|組まれ|計画|工夫|設定|配慮|構成)"
    r"|^[^、。]{0,6}?を目指し(?:て|ながら|つつ)[、,，]?(?=[^。]{4,})"
    r"|^[^、。]{0,6}?を(?:基本|最終)?(?:目標|目的)と(?:し|して)(?:ながら|つつ)?[、,，]?(?=[^。]{4,})"
    r"|^[^。]{0,30}?(?:ような|ように(?!な))(?:[^、。]{0,4})?(?:支援|指導|援助|取組|取り組み|方法|支援方法|関わり|かかわり"
    r"|環境|場|プログラム|活動)(?:を|の|に|が)?(?:探|考|工夫|検討|模索|整|作|つく|行|実施|提供|目指)"
    r"|^(?:へ|への|に向けた|の)?(?:取組|取り組み|支援|指導|援助|事業|プログラム|サポート)"
)
#: the text before a connective's cause is one clause coordinated with it (「参加者同士が共同生活を送り、」):
#: it ends in a continuative or te-form and a comma …
RE_LEAD_CLAUSE = re.compile(r"[てでしりきいけえせめれみびちぎじ][、,，]\s*$")
#: … and holds no topic or frame phrase (「センターでは、」), which the cause does not take in
RE_LEAD_TOPIC = re.compile(r"(?:は|では|には|も)[、,，]")

__all__ = [
    "CHANNEL_CONNECTIVES", "DEFAULT_FILL_OPTIONS", "DEFAULT_SIDE_METHOD", "LINK_COLUMNS", "MAX_BACKREF_TOPIC", "MAX_CHAIN_CLAUSES", "RE_BACKREF", "RE_BACKREF_TOPIC", "RE_CHILD_STATE", "RE_CONNECTIVE", "RE_EVALUATIVE",
    "RE_PURPOSE_AFTER",
    "RE_TOOL", "backref_source", "check_side_method", "extract_links", "find_connectives", "has_dependencies", "has_link_candidate", "link_counts",
    "link_evidence", "prefilter_statements", "previous_statements", "split_statement",
]

LINK_COLUMNS = [
    "statement_id", "case_id", "section", "link_idx", "connective", "cause_text", "effect_text",
    "cause_codes", "effect_codes", "cause_start", "cause_end", "effect_start", "effect_end",
    "is_backref", "method", "construction", "backref", "cause_statement_id", "polarity", "modality",
]


def has_dependencies(tokens: pd.DataFrame | None, statements: pd.DataFrame) -> bool:
    """True when ``tokens`` carry dependencies (fast/full profile) for every statement given."""
    if tokens is None or tokens.empty or not {"head_idx", "bunsetu_idx"} <= set(tokens.columns):
        return False
    tk = tokens[tokens["statement_id"].isin(set(statements["statement_id"]))]
    return (set(tk["statement_id"]) >= set(statements["statement_id"])
            and tk["head_idx"].notna().all() and tk["bunsetu_idx"].notna().all())


def prefilter_statements(statements: pd.DataFrame) -> pd.Series:
    """Boolean mask of the statements holding a candidate construction (lexical, no parse).

    The statements it rejects cannot give a link (every construction starts from a lexical cue),
    so only the others need a dependency parse.
    """
    text = statements["text"].astype("string").fillna("")
    return pd.Series([has_link_candidate(t) for t in text], index=statements.index, dtype=bool)


#: how the links' sides are coded when ``side_method`` is None: the hybrid (rules + the model's
#: confident codes) since session 8; leave-source-out on the causal set it gains pair F1 over the
#: rules' sides, paired host bootstrap +0.040 [+0.011, +0.072] (docs/analysis.md, "Session 8")
DEFAULT_SIDE_METHOD = "hybrid"
#: the fills of :mod:`~futoko_research.analysis.link_fill` used with hybrid sides when
#: ``fill_options`` is None: carry (round 9: leave-source-out on c1–c3 paired pair-F1 +0.021
#: [+0.001, +0.046] over the hybrid's sides, precision 0.802; docs/analysis.md "Session 8, round 9")
DEFAULT_FILL_OPTIONS = {"carry": True}


def check_side_method(side_method: str | None) -> str:
    """``side_method`` checked (None → :data:`DEFAULT_SIDE_METHOD`)."""
    from futoko_research.coding.hybrid import check_method

    return check_method(DEFAULT_SIDE_METHOD if side_method is None else side_method)


def _code_sides(sides: pd.DataFrame, codebook, method: str = "rules", model=None) -> pd.DataFrame:
    from futoko_research.coding import code_statements

    if sides.empty:
        return pd.DataFrame(columns=["statement_id", "code", "category", "start_char", "end_char"])
    from futoko_research.coding.report import ZeroHitWarning

    with warnings.catch_warnings():
        # a cause or effect fragment is not a corpus: rules without hits there say nothing
        warnings.simplefilter("ignore", ZeroHitWarning)
        # side_method, not coding.DEFAULT_METHOD: the links' sides have a default of their own
        return code_statements(sides, codebook=codebook, method=method, model=model)


def extract_links(
    statements: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    codebook=None,
    *,
    sections=None,
    parse: bool = True,
    prefilter: bool | pd.Series = True,
    side_method: str | None = None,
    model=None,
    conditional_threshold: float | None = None,
    conditional_options: dict | None = None,
    fill_options: dict | None = None,
) -> pd.DataFrame:
    """Cause → effect links of statements (see the module docstring for the rules).

    Parameters
    ----------
    statements : statement_id, case_id, text (+ section). Back-references resolve to the statement
        before in the same case, in the order given (all rows, whatever ``sections`` keeps).
    tokens : token table with dependencies (profile ``fast`` or ``full``: dep, head_idx,
        bunsetu_idx, pos, tag, start_char, end_char). When it is None, has no dependencies
        (``lexical``) or misses a statement, and ``parse`` is True, the statements that pass the
        prefilter are parsed with ``features.dependency_tokens`` (profile ``fast``, DocBin cache).
        With ``parse=False`` and no dependencies each statement is split at its cues alone
        (``method="string"``).
    codebook : codebook for :func:`futoko_research.coding.code_statements` (default codebook).
    sections : only statements of these sections (default: all).
    parse : parse when ``tokens`` lack dependencies (False → string fallback, no GiNZA).
    prefilter : look only at the statements that can give a coded link
        (:func:`~futoko_research.analysis.link_prefilter.link_candidates`: a lexical cue and text
        in which the rules could find the codes the link needs); False looks at every statement
        (same links); a boolean Series on ``statements``' index is that mask, already computed.
    side_method : how the cause and effect sides are coded: ``"hybrid"`` (the rules plus the
        statistical model's confident codes; the prefilter then keeps every statement with a cue)
        or ``"rules"``; None = :data:`DEFAULT_SIDE_METHOD` (``"hybrid"``, whatever
        ``coding.DEFAULT_METHOD`` is).
    model : the hybrid's model (a ``CoderModel`` or a path; None: the shipped one). Not loaded
        with ``side_method="rules"``.
    conditional_threshold : with the hybrid, a side of a connective or attribution that the coder
        left empty while the other side is coded takes the model's most probable code of its
        family when its probability reaches this
        (:func:`~futoko_research.analysis.link_conditional.conditional_codes`); None: off.
    conditional_options : keyword arguments of ``conditional_codes`` (``relative``, ``families``).
    fill_options : round 9's fills and guard of a connective's sides
        (:mod:`~futoko_research.analysis.link_fill`): ``{"carry": True}`` (a connective whose
        cause names no practice takes the previous sentence's, as a back-reference),
        ``{"project": True | "fewer"}`` (the sentence's codes of the side's family), ``{"guard":
        True | "short"}`` (no model-only outcome code on an effect side the rules coded); None:
        :data:`DEFAULT_FILL_OPTIONS` with hybrid sides (carry), nothing with the rules' sides;
        ``{}``: none.

    Returns
    -------
    pandas.DataFrame
        statement_id, case_id, section (string), link_idx (Int64: order within the statement),
        connective (string: the cue; のは for an attribution, empty for a chain), cause_text,
        effect_text (string), cause_codes, effect_codes (lists of code keys: intervention codes of
        the cause side, outcome codes of the effect side), cause_start, cause_end (Int64: offsets
        into the ``text`` of ``cause_statement_id``), effect_start, effect_end (Int64: offsets into
        ``text``), is_backref (boolean: the cause only points back, e.g. その結果), method (string:
        ``dependency`` | ``string``), construction (string, :data:`~futoko_research.vocab.LINK_CONSTRUCTIONS`),
        backref (string: ``none`` | ``previous_sentence`` | ``previous_statement`` | ``unresolved``),
        cause_statement_id (string), polarity (string: ``positive`` | ``negative``), modality
        (string: ``reported`` | ``intended``).
    """
    side_method = check_side_method(side_method)
    fill = check_fill_options(DEFAULT_FILL_OPTIONS if fill_options is None and side_method == "hybrid"
                              else fill_options)
    if side_method == "hybrid":
        from futoko_research.coding.hybrid import resolve_model

        model = resolve_model(model)
    context = statements
    st = statements
    if sections is not None and "section" in st.columns:
        st = st[st["section"].astype("string").isin(list(sections))]
    if isinstance(prefilter, pd.Series):
        st = st[prefilter.reindex(st.index, fill_value=False).to_numpy(dtype=bool)]
    elif prefilter:
        from futoko_research.analysis.link_prefilter import link_candidates

        st = st[link_candidates(st, codebook, context=context, method=side_method).to_numpy(dtype=bool)]
    if st.empty:
        return _coerce_links(pd.DataFrame(columns=LINK_COLUMNS))
    if parse and not has_dependencies(tokens, st):
        from futoko_research.features import dependency_tokens

        tokens = dependency_tokens(st)
    by_sid = {}
    if tokens is not None and len(tokens):
        tk = tokens[tokens["statement_id"].isin(set(st["statement_id"]))]
        by_sid = {sid: g for sid, g in tk.groupby("statement_id", sort=False)}
    prev = previous_statements(context)

    cands, side_rows = [], []

    def add_side(key: str, txt: str, case_id, section: str) -> None:
        if txt:
            side_rows.append({"statement_id": key, "case_id": case_id, "section": section or "outcome",
                              "position": 1, "text": txt, "text_norm": unicodedata.normalize("NFKC", txt),
                              "source_id": "links"})

    def point_back(cand: dict, side: str) -> None:
        """Resolve the back-reference of ``cand`` and code the sentence it points to as side ``side``."""
        rec = cand["rec"]
        cand["ref"], ref_text = resolve_backref(cand["text"], cand["sp"]["sent_start"], str(rec.statement_id), prev)
        if ref_text is not None:
            cand["ref_text"] = ref_text
            add_side(f"{cand['key']}:{side}", ref_text, rec.case_id, cand["section"])

    for rec in st.itertuples(index=False):
        text = str(rec.text)
        section = str(getattr(rec, "section", "") or "")
        spans = split_statement(text, by_sid.get(rec.statement_id))
        for k, sp in enumerate(spans):
            key = f"{rec.statement_id}#{k}"
            cand = {"rec": rec, "text": text, "section": section, "key": key, "sp": sp, "k": k}
            if sp["clauses"] is not None:  # a chain: code every clause, the split comes after
                topics = [j for j, (a, b) in enumerate(sp["clauses"][:-1]) if is_backref_topic(text[a:b])]
                if topics:  # 「この取組は、学習意欲の向上につながった」: the topic points back
                    cand["ref_clause"] = topics[0]
                    point_back(cand, "ref")
                last = sp["clauses"][-1]
                cut = negation_at(text[last[0]:last[1]])
                cand["negative"] = cut is not None
                for j, (a, b) in enumerate(sp["clauses"]):
                    txt = text[a:b] if (j < len(sp["clauses"]) - 1 or cut is None) else text[a:a + cut]
                    add_side(f"{key}:c{j}", txt, rec.case_id, section)
                cands.append(cand)
                continue
            cause = text[sp["cause_start"]:sp["cause_end"]]
            cand["backref"] = (sp["construction"] not in ("attribution", *REVERSED_CONSTRUCTIONS)
                               and bool(RE_BACKREF.match(cause)) and len(cause) <= 12)
            if cand["backref"]:
                point_back(cand, "cause")
            elif sp["construction"] in REVERSED_CONSTRUCTIONS:
                # 「Aを行い、Bを目的として、Cを実施」: the cause is what follows the cue and the clauses
                # before the effect (coded apart, so that no code spans the gap)
                before = text[sp["sent_start"]:sp["effect_start"]].rstrip("、,， ")
                add_side(f"{key}:cause", (before + "。" if before else "") + cause, rec.case_id, section)
                if is_backref_topic(before.strip()):  # 「これらは、…ために重要です」: the topic points back
                    point_back(cand, "ref")
                inner = inner_practice_end(text, sp["effect_start"], sp["effect_end"])
                if inner is not None:  # 「Aを行い、Bを支援するため、」 (round 12): A is credited with B
                    add_side(f"{key}:inner", text[sp["effect_start"]:inner], rec.case_id, section)
            else:
                # the cause side is coded with its connective (「…と関わることで」 names the means)
                add_side(f"{key}:cause", cause + (sp["connective"] if cause else ""), rec.case_id, section)
                lead = text[sp["sent_start"]:sp["cause_start"]]
                if RE_LEAD_CLAUSE.search(lead) and not RE_CONNECTIVE.search(lead) and not RE_LEAD_TOPIC.search(lead):
                    # 「Aし、Bを通してCする」: a clause coordinated before the cause is part of the practice
                    add_side(f"{key}:lead", lead, rec.case_id, section)
                    cand["lead"] = sp["sent_start"] + len(lead) - len(lead.lstrip("、,， 　"))
            if fill and not cand["backref"] and sp["construction"] not in REVERSED_CONSTRUCTIONS:
                if fill.get("project"):  # the sentence around the construction (link_fill.project_codes)
                    cand["pre"] = True
                    for suffix, txt in fill_side_texts(cand).items():
                        add_side(f"{key}:{suffix}", txt, rec.case_id, section)
                if fill.get("carry") and sp["construction"] != "attribution":  # the practice said before
                    ref, ref_text = resolve_backref(text, sp["sent_start"], str(rec.statement_id), prev)
                    if ref_text is not None:
                        cand["carry_ref"], cand["carry_text"] = ref, ref_text
                        add_side(f"{key}:carry", ref_text, rec.case_id, section)
            # a chain 「AによりB、BことによりC」: an earlier connective in the same sentence carries the cause
            cand["chained"] = bool(RE_EXPLICIT.search(text[sp["sent_start"]:sp["cause_end"]]))
            parts = split_effect(text, sp["effect_start"], sp["effect_end"])
            negs = [negation_at(text[a:b]) for a, b in parts]
            if not any(n is not None for n in negs):
                parts, negs = [(sp["effect_start"], sp["effect_end"])], [None]
            cand["parts"] = list(zip(parts, negs))
            for p, ((a, b), neg) in enumerate(cand["parts"]):
                add_side(f"{key}:e{p}", text[a:b] if neg is None else text[a:a + neg], rec.case_id, section)
            # the effect up to the end of the sentence, for a connective followed by another one
            es, ee = sp["effect_start"], len(text[:sp["sent_end"]].rstrip("。！？!?．. 　\n"))
            if sp["cut"] == "next" and ee > sp["effect_end"] and sp["construction"] not in ADNOMINAL_CONSTRUCTIONS:
                cand["ext"] = (es, ee)
                add_side(f"{key}:ext", text[es:ee], rec.case_id, section)
            cands.append(cand)

    # sides that state an aim themselves (round 12): a purpose's effect (「学校復帰に向けた支援を行うため、」)
    # and an aim chain's last clause (「…を行い、学校復帰への援助を図る」) keep the outcome of their aim
    aim_sides = aim_side_keys(cands)
    sides = pd.DataFrame(side_rows)
    if not sides.empty:
        sides = sides.astype({"statement_id": "string", "case_id": "string", "text": "string",
                              "text_norm": "string", "source_id": "string", "position": "Int64"})
    coded = _code_sides(sides, codebook, side_method, model)
    found: dict[str, dict[str, list[str]]] = {}  # side key → category → codes in order
    vetoed: set[str] = set()  # sides whose outcome was only a purpose's aim
    if len(coded):
        side_text = dict(zip(sides["statement_id"].astype(str), sides["text"].astype(str)))
        for sid, code, cat, end in coded[["statement_id", "code", "category", "end_char"]].itertuples(index=False):
            sid, cat = str(sid), str(cat)
            if (cat == "outcome" and ":cause" not in sid and sid not in aim_sides
                    and RE_PURPOSE_AFTER.match(side_text[sid][int(end):])):
                vetoed.add(sid)
                continue  # an aim inside a purpose phrase (「不安の解消のための支援」) is not an effect
            lst = found.setdefault(sid, {}).setdefault(cat, [])
            if str(code) not in lst:
                lst.append(str(code))
        if fill.get("guard"):
            guard_model_codes(coded, side_text, found, fill["guard"])

    if side_method == "hybrid" and conditional_threshold is not None:
        from futoko_research.analysis.link_conditional import conditional_codes
        from futoko_research.coding.codebook import resolve_codebook

        filled = conditional_codes(cands, sides, found, vetoed, model, resolve_codebook(codebook),
                                   float(conditional_threshold), **(conditional_options or {}))
        for sid, add in filled.items():
            cat = "intervention" if sid.endswith(":cause") else "outcome"
            found.setdefault(sid, {})[cat] = list(add)

    if fill.get("project"):
        project_codes(cands, found, vetoed, fill["project"])

    def codes(key: str, cat: str) -> list[str]:
        return list(found.get(key, {}).get(cat, []))

    rows = []
    for cand in cands:
        rows.extend(chain_rows(cand, codes) if cand["sp"]["clauses"] is not None else connective_rows(cand, codes))
    df = pd.DataFrame(rows, columns=LINK_COLUMNS)
    if len(df):
        df["link_idx"] = df.groupby("statement_id", sort=False).cumcount()
    return _coerce_links(df)


def _coerce_links(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reindex(columns=LINK_COLUMNS).copy()
    for c in ("statement_id", "case_id", "section", "connective", "cause_text", "effect_text", "method",
              "construction", "backref", "cause_statement_id", "polarity", "modality"):
        df[c] = df[c].astype("string")
    for c in ("link_idx", "cause_start", "cause_end", "effect_start", "effect_end"):
        df[c] = df[c].astype("Int64")
    df["is_backref"] = df["is_backref"].astype("boolean")
    for c in ("cause_codes", "effect_codes"):
        df[c] = df[c].astype(object)
    return df.reset_index(drop=True)

"""Attributed cause → effect links inside statements (「AことによりB」).

For every statement with a causal connective (ことにより, により, ことで, を通して, を通じて, 結果,
ため, おかげで, …), the cause side is the dependency subtree of the bunsetsu that ends at the
connective (GiNZA dependencies and bunsetsu from the token table), the effect side is the rest of
the sentence up to its main predicate (or up to where the next link's cause begins). Each side is
coded with :func:`futoko_research.coding.code_statements`: intervention codes of the cause side
become ``cause_codes``, outcome codes of the effect side ``effect_codes``. Finding the connectives
and the spans is :mod:`futoko_research.analysis.link_spans` (re-exported here).

Decision rule 12 of the codebook: purpose expressions (〜のための, 〜を目指して, 〜するために) are
not links; a back-reference (このような取組の結果, その結果, 今回の取組を通して, これらのかかわりを通して)
gives the effect with no coded causes, whatever its connective; を通して naming only a tool or channel
(no intervention code on the cause side) is not a link; nor is a cause side that states only a change
in the child (an outcome code or 「…ようになった」, no intervention code), e.g. 「気持ちがコントロールできる
ようになったことで」, unless an earlier connective of the same sentence leads to it (a chain: 「通級を通して
生活範囲が広がり、人と関わる機会が増えたことにより、学校復帰に繋がる」).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings

import pandas as pd

from futoko_research.analysis.link_spans import RE_CONNECTIVE, find_connectives, split_statement
from futoko_research.vocab import YEAR_ALL, YEAR_UNKNOWN, year_labels

log = logging.getLogger("futoko_research")

#: connectives whose cause may be a mere tool or channel (dropped without an intervention code)
CHANNEL_CONNECTIVES = ("を通して", "を通じて", "を通した", "を通し")
#: cause sides that only point back to something said before
RE_BACKREF = re.compile(r"^(この|その|これらの|これら|これ|こうした|そうした|以上|上記|前述|これまで|今回(?:の)?)")
#: a cause side that ends in a change of the child's own state (「…できるようになった」)
#: an outcome that only qualifies the purpose of an intervention noun (「不安の解消のための支援をします」) is
#: not an effect of the cause (rule 12); an aimed effect (「…を和らげることを目指します」) still is
RE_PURPOSE_AFTER = re.compile(
    r"^[^、。]{0,6}?(?:の)?ための(?:支援|指導|援助|取組|取り組み|活動|相談|サポート|プログラム|事業)"
    r"|^[^。]{0,20}?[るく]ように(?!な)[^、。]{0,12}?(?:作られ|組まれ|計画|工夫|設定|配慮|構成)"
)
RE_CHILD_STATE = re.compile(r"ようにな(?:った|り|って)$")
#: a cause of を通して that ends in one of these names a tool or channel, not an intervention
RE_TOOL = re.compile(
    r"(?:端末|タブレット|パソコン|PC|ＰＣ|オンライン|電話|メール|手紙|機器|アプリ|ビデオ通話|話し?合い|連絡帳|"
    r"交換ノート|SNS|ＳＮＳ|画面|カメラ|チャット|年間|期間|学期|一年|1年|１年)$"
)

__all__ = [
    "CHANNEL_CONNECTIVES", "LINK_COLUMNS", "RE_BACKREF", "RE_CHILD_STATE", "RE_CONNECTIVE", "RE_PURPOSE_AFTER",
    "RE_TOOL", "extract_links", "find_connectives", "has_dependencies", "link_counts", "split_statement",
]

LINK_COLUMNS = [
    "statement_id", "case_id", "section", "link_idx", "connective", "cause_text", "effect_text",
    "cause_codes", "effect_codes", "cause_start", "cause_end", "effect_start", "effect_end",
    "is_backref", "method",
]


def has_dependencies(tokens: pd.DataFrame | None, statements: pd.DataFrame) -> bool:
    """True when ``tokens`` carry dependencies (fast/full profile) for every statement given."""
    if tokens is None or tokens.empty or not {"head_idx", "bunsetu_idx"} <= set(tokens.columns):
        return False
    tk = tokens[tokens["statement_id"].isin(set(statements["statement_id"]))]
    return (set(tk["statement_id"]) >= set(statements["statement_id"])
            and tk["head_idx"].notna().all() and tk["bunsetu_idx"].notna().all())


def _code_sides(sides: pd.DataFrame, codebook) -> pd.DataFrame:
    from futoko_research.coding import code_statements

    if sides.empty:
        return pd.DataFrame(columns=["statement_id", "code", "category"])
    from futoko_research.coding.report import ZeroHitWarning

    with warnings.catch_warnings():
        # a cause or effect fragment is not a corpus: rules without hits there say nothing
        warnings.simplefilter("ignore", ZeroHitWarning)
        return code_statements(sides, codebook=codebook)


def extract_links(
    statements: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    codebook=None,
    *,
    sections=None,
    parse: bool = True,
) -> pd.DataFrame:
    """Cause → effect links of statements with a causal connective.

    Parameters
    ----------
    statements : statement_id, case_id, text (+ section, text_norm).
    tokens : token table with dependencies (profile ``fast`` or ``full``: dep, head_idx,
        bunsetu_idx, start_char, end_char). When it is None, has no dependencies (``lexical``) or
        misses a statement, and ``parse`` is True, the statements with a connective are parsed with
        ``features.extract(profile="fast")`` (DocBin cache). With ``parse=False`` and no dependencies,
        each statement is split at the connective alone (``method="string"``).
    codebook : codebook for :func:`futoko_research.coding.code_statements` (default codebook).
    sections : only statements of these sections (default: all).
    parse : parse when ``tokens`` lack dependencies (False → string fallback, no GiNZA).

    Returns
    -------
    pandas.DataFrame
        statement_id, case_id, section (string), link_idx (Int64: order within the statement),
        connective (string), cause_text, effect_text (string), cause_codes, effect_codes (lists of
        code keys: intervention codes of the cause side, outcome codes of the effect side),
        cause_start, cause_end, effect_start, effect_end (Int64: offsets into ``text``),
        is_backref (boolean: the cause only refers back, e.g. このような取組の結果), method (string:
        ``dependency`` | ``string``).
    """
    st = statements
    if sections is not None and "section" in st.columns:
        st = st[st["section"].astype("string").isin(list(sections))]
    has = st["text"].astype("string").fillna("").map(lambda s: bool(RE_CONNECTIVE.search(s)))
    st = st[has.to_numpy(dtype=bool)]
    if st.empty:
        return _coerce_links(pd.DataFrame(columns=LINK_COLUMNS))
    if parse and not has_dependencies(tokens, st):
        from futoko_research.features import dependency_tokens

        tokens = dependency_tokens(st)
    by_sid = {}
    if tokens is not None and len(tokens):
        tk = tokens[tokens["statement_id"].isin(set(st["statement_id"]))]
        by_sid = {sid: g for sid, g in tk.groupby("statement_id", sort=False)}
    rows, side_rows = [], []
    for rec in st.itertuples(index=False):
        text = str(rec.text)
        section = str(getattr(rec, "section", "") or "")
        for k, sp in enumerate(split_statement(text, by_sid.get(rec.statement_id))):
            cause = text[sp["cause_start"]:sp["cause_end"]]
            effect = text[sp["effect_start"]:sp["effect_end"]]
            backref = bool(RE_BACKREF.match(cause)) and len(cause) <= 12
            key = f"{rec.statement_id}#{k}"
            # a chain 「AによりB、BことによりC」: an earlier connective in the same sentence carries the cause
            sent_start = text.rfind("。", 0, sp["cause_start"]) + 1
            chained = bool(RE_CONNECTIVE.search(text[sent_start:sp["cause_end"]]))
            rows.append({"statement_id": rec.statement_id, "case_id": rec.case_id, "section": section,
                         "link_idx": k, "cause_text": cause, "effect_text": effect,
                         "is_backref": backref, "_key": key, "_chained": chained, **sp})
            # the cause side is coded with its connective (「…と関わることで」 names the means)
            for side, txt in (("cause", cause + sp["connective"] if cause else ""), ("effect", effect)):
                if txt:
                    side_rows.append({"statement_id": f"{key}:{side}", "case_id": rec.case_id,
                                      "section": section or "outcome", "position": 1, "text": txt,
                                      "text_norm": unicodedata.normalize("NFKC", txt),
                                      "source_id": "links"})
    sides = pd.DataFrame(side_rows)
    if not sides.empty:
        sides = sides.astype({"statement_id": "string", "case_id": "string", "text": "string",
                              "text_norm": "string", "source_id": "string", "position": "Int64"})
    coded = _code_sides(sides, codebook)
    found: dict[str, list[str]] = {}
    cause_states: set[str] = set()  # link keys whose cause side carries an outcome code
    if len(coded):
        side_text = dict(zip(sides["statement_id"].astype(str), sides["text_norm"].astype(str)))
        for sid, code, cat, end in coded[["statement_id", "code", "category", "end_char"]].itertuples(index=False):
            key, side = str(sid).rsplit(":", 1)
            if side == "effect" and RE_PURPOSE_AFTER.match(side_text[str(sid)][int(end):]):
                continue  # an aim inside a purpose phrase (「不安の解消のための支援」) is not an effect
            want = "intervention" if side == "cause" else "outcome"
            if side == "cause" and str(cat) == "outcome":
                cause_states.add(key)
            if str(cat) == want:
                lst = found.setdefault(f"{key}:{side}", [])
                if code not in lst:
                    lst.append(str(code))
    out = []
    for r in rows:
        r["cause_codes"] = [] if r["is_backref"] else found.get(f"{r['_key']}:cause", [])
        r["effect_codes"] = found.get(f"{r['_key']}:effect", [])
        if r["is_backref"]:
            out.append(r)  # the effect side of 「これらの取組を通して」 / 「その結果」 stands (rule 12)
            continue
        if r["connective"] in CHANNEL_CONNECTIVES and (not r["cause_codes"] or RE_TOOL.search(r["cause_text"])):
            continue  # a tool, a channel or a period only (rule 12)
        if (not r["cause_codes"] and not r["_chained"]
                and (r["_key"] in cause_states or RE_CHILD_STATE.search(r["cause_text"]))):
            continue  # the cause is the child's own state, not an intervention (rule 12)
        out.append(r)
    df = pd.DataFrame(out, columns=LINK_COLUMNS)
    # renumber link_idx after drops
    if len(df):
        df["link_idx"] = df.groupby("statement_id", sort=False).cumcount()
    return _coerce_links(df)


def _coerce_links(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reindex(columns=LINK_COLUMNS).copy()
    for c in ("statement_id", "case_id", "section", "connective", "cause_text", "effect_text", "method"):
        df[c] = df[c].astype("string")
    for c in ("link_idx", "cause_start", "cause_end", "effect_start", "effect_end"):
        df[c] = df[c].astype("Int64")
    df["is_backref"] = df["is_backref"].astype("boolean")
    for c in ("cause_codes", "effect_codes"):
        df[c] = df[c].astype(object)
    return df.reset_index(drop=True)


def link_counts(
    links: pd.DataFrame, cases: pd.DataFrame, *, year_col: str = "fiscal_year", sections=None,
) -> pd.DataFrame:
    """Intervention → outcome link counts per fiscal year and over all years.

    Parameters
    ----------
    links : :func:`extract_links` output.
    cases : the ``cases`` table (case_id, ``year_col``).
    sections : count only links from these statement sections (default: all).

    Returns
    -------
    pandas.DataFrame
        intervention, outcome (string), fiscal_year (string: year, ``unknown`` or ``all``),
        n_links (Int64: cause/effect code pairs over links), n_cases (Int64: distinct cases with
        such a link), n_statements (Int64).
    """
    cols = ["intervention", "outcome", "fiscal_year", "n_links", "n_cases", "n_statements"]
    lk = links
    if sections is not None:
        lk = lk[lk["section"].astype("string").isin(list(sections))]
    yr = pd.Series(year_labels(cases[year_col]).to_numpy(), index=cases["case_id"].astype("string"))
    rows = []
    for r in lk.itertuples(index=False):
        for ic in r.cause_codes:
            for oc in r.effect_codes:
                rows.append({"intervention": ic, "outcome": oc, "case_id": r.case_id,
                             "statement_id": r.statement_id, "fiscal_year": yr.get(r.case_id, YEAR_UNKNOWN)})
    if not rows:
        return pd.DataFrame(columns=cols).astype({c: "string" for c in cols[:3]} | {c: "Int64" for c in cols[3:]})
    pairs = pd.DataFrame(rows)
    frames = []
    for label, g in [(YEAR_ALL, pairs)] + list(pairs.groupby("fiscal_year", sort=True)):
        agg = g.groupby(["intervention", "outcome"], sort=True).agg(
            n_links=("case_id", "size"), n_cases=("case_id", "nunique"), n_statements=("statement_id", "nunique"),
        ).reset_index()
        agg["fiscal_year"] = label
        frames.append(agg)
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.astype({c: "string" for c in cols[:3]} | {c: "Int64" for c in cols[3:]})

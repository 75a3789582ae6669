"""Tables derived from the codes table: case × code counts, code sets, and the rule report.

- :func:`case_codes` — case × code × section counts (stored as ``case_codes``)
- :func:`statement_code_sets` — statement_id → set of code keys
- :func:`ordered_code_keys` — the code keys of a codes table in codebook order
- :func:`rule_report` — every rule with its hit count (stored as ``rule_report``); rules and codes
  that matched nothing raise a :class:`ZeroHitWarning`
"""

from __future__ import annotations

import warnings

import pandas as pd

from futoko_research.coding.codebook import CATEGORIES, resolve_codebook
from futoko_research.errors import FutokoWarning


class ZeroHitWarning(FutokoWarning):
    """Rules or codes of the codebook matched nothing (a typo in a pattern shows up here)."""


def case_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """Case × code × section counts.

    Returns
    -------
    DataFrame
        case_id (string), section (as in codes), code (category), category (category),
        n_statements (Int64, statements of the case and section carrying the code),
        n_matches (Int64). Only non-zero rows.
    """
    if codes.empty:
        out = pd.DataFrame({c: [] for c in ("case_id", "section", "code", "category", "n_statements", "n_matches")})
        return out.astype({"case_id": "string", "n_statements": "Int64", "n_matches": "Int64"}).assign(
            section=codes["section"].astype(codes["section"].dtype), code=codes["code"], category=codes["category"])
    grouped = codes.groupby(["case_id", "section", "code"], observed=True, sort=True)
    out = grouped.agg(n_statements=("statement_id", "nunique"), n_matches=("statement_id", "size")).reset_index()
    cat_of = codes.drop_duplicates("code").set_index("code")["category"]
    out["category"] = pd.Categorical(out["code"].map(cat_of).astype(str), categories=list(CATEGORIES))
    out = out[["case_id", "section", "code", "category", "n_statements", "n_matches"]]
    return out.astype({"case_id": "string", "n_statements": "Int64", "n_matches": "Int64"}).reset_index(drop=True)


def statement_code_sets(codes: pd.DataFrame) -> dict[str, set[str]]:
    """statement_id → set of code keys."""
    out: dict[str, set[str]] = {}
    for sid, code in codes[["statement_id", "code"]].itertuples(index=False):
        out.setdefault(str(sid), set()).add(str(code))
    return out


def rule_report(codes: pd.DataFrame, codebook=None, *, warn: bool = True) -> pd.DataFrame:
    """Every rule with its hit count; rules and codes that matched nothing are flagged.

    Parameters
    ----------
    codes : the table of :func:`code_statements`.
    codebook : the codebook used (default codebook when None).
    warn : emit a :class:`ZeroHitWarning` naming the rules and codes with no hit.

    Returns
    -------
    DataFrame
        rule_id (string), code (string), category (string), n_hits (Int64, rows of codes with
        this rule), n_statements (Int64), n_cases (Int64), is_zero (boolean, the rule never
        fired), code_n_hits (Int64), code_is_zero (boolean, no rule of the code fired).
        Note that a rule whose matches were all inside another rule's match of the same code
        counts 0 here (its hits were deduplicated).
    """
    codebook = resolve_codebook(codebook)
    rows = []
    by_rule = codes.groupby("rule_id", observed=True) if not codes.empty else None
    by_code = codes.groupby("code", observed=True).size() if not codes.empty else pd.Series(dtype="int64")
    for rule in codebook.rules:
        if by_rule is not None and rule.id in by_rule.groups:
            g = by_rule.get_group(rule.id)
            n_hits, n_st, n_cases = len(g), g["statement_id"].nunique(), g["case_id"].nunique()
        else:
            n_hits = n_st = n_cases = 0
        code_hits = int(by_code.get(rule.code, 0))
        rows.append((rule.id, rule.code, codebook[rule.code].category, n_hits, n_st, n_cases,
                     n_hits == 0, code_hits, code_hits == 0))
    out = pd.DataFrame(rows, columns=["rule_id", "code", "category", "n_hits", "n_statements", "n_cases",
                                      "is_zero", "code_n_hits", "code_is_zero"])
    out = out.astype({"rule_id": "string", "code": "string", "category": "string", "n_hits": "Int64",
                      "n_statements": "Int64", "n_cases": "Int64", "is_zero": "boolean",
                      "code_n_hits": "Int64", "code_is_zero": "boolean"})
    if warn:
        zero_codes = sorted(set(out.loc[out["code_is_zero"], "code"]))
        zero_rules = out.loc[out["is_zero"], "rule_id"].tolist()
        if zero_codes or zero_rules:
            parts = []
            if zero_codes:
                parts.append(f"{len(zero_codes)} code(s) with no match: {', '.join(zero_codes)}")
            if zero_rules:
                shown = ", ".join(zero_rules[:20]) + (" …" if len(zero_rules) > 20 else "")
                parts.append(f"{len(zero_rules)} rule(s) with no hit: {shown}")
            warnings.warn("; ".join(parts), ZeroHitWarning, stacklevel=2)
    return out


def ordered_code_keys(codes: pd.DataFrame, codebook=None) -> list[str]:
    """The code keys of a table, in order: all the codebook's (file order) when one is given,
    else the categories of a categorical ``code`` column, else the codes seen, sorted."""
    if codebook is not None:
        return list(resolve_codebook(codebook))
    if isinstance(codes["code"].dtype, pd.CategoricalDtype):
        return [str(c) for c in codes["code"].cat.categories]
    return sorted(codes["code"].astype(str).unique())

"""Tests of the codebook, the rule coder, summaries, REFI-QDA export and coding plots."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats

from futoko_research.coding import (
    case_code_matrix,
    case_codes,
    code_cooccurrence,
    code_frequencies,
    code_statements,
    crosstab_codes,
    document_code_matrix,
    evidence_in_context,
    load_codebook,
    rule_report,
    rule_vs_human,
    write_document_code_matrix,
    write_qdc,
    write_qdpx,
)
from futoko_research.coding.report import ZeroHitWarning
from futoko_research.coding.summaries import adjusted_residuals, monte_carlo_chi2
from futoko_research.errors import CodebookError
from futoko_research.loaders.normalize import nfkc

FIXTURES = Path(__file__).parent / "fixtures"
SPEC_KEYS = {
    "intervention": ["collaboration", "ict", "ibasho", "peer_interaction", "individual_learning", "counseling",
                     "family_support", "home_visit", "experiential", "center_operation"],
    "outcome": ["school_return", "continued_attendance", "learning_motivation", "learning_attainment",
                "self_esteem", "social_relations", "daily_rhythm", "future_orientation", "emotional_stability"],
}


def frame(texts, sections=None, case_id="c1") -> pd.DataFrame:
    """A statements frame (statement_id, case_id, section, text, text_norm) from texts."""
    sections = sections or ["body"] * len(texts)
    df = pd.DataFrame({
        "statement_id": [f"s{i:03d}" for i in range(len(texts))],
        "case_id": case_id, "section": sections, "text": texts,
    })
    df["text_norm"] = df["text"].map(nfkc)
    return df.astype({"statement_id": "string", "case_id": "string", "section": "string", "text": "string",
                      "text_norm": "string"})


def codes_of(text: str, section: str = "body", codebook=None) -> set[str]:
    codes = code_statements(frame([text], [section]), codebook, method="rules")
    return set(codes["code"].astype(str))


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def sample_codes(sample_statements, codebook):
    return code_statements(sample_statements, codebook, method="rules")


# --------------------------------------------------------------------------- default codebook
def test_default_codebook_has_every_spec_key(codebook):
    assert codebook.version and codebook.name
    for category, keys in SPEC_KEYS.items():
        for key in keys:
            assert key in codebook, key
            assert codebook[key].category == category
            assert codebook[key].label_ja and codebook[key].label_en and codebook[key].definition
            assert codebook[key].rules
    ids = [r.id for r in codebook.rules]
    assert len(ids) == len(set(ids))


def test_default_codebook_examples_follow_their_code(codebook):
    """Each code's include examples get the code; its exclude examples do not."""
    failures = []
    for key, code in codebook.items():
        for text in code.examples.get("include", []):
            if key not in codes_of(text, codebook=codebook):
                failures.append(f"{key} missed include example {text!r}")
        for text in code.examples.get("exclude", []):
            if key in codes_of(text, codebook=codebook):
                failures.append(f"{key} fired on exclude example {text!r}")
    assert not failures, "\n".join(failures)


def test_default_codebook_1_4_0_sections_and_decision_rules(codebook):
    """1.4.0 (issue 15, item 6): section definitions and the 12 sharpened decision rules are part of the codebook.

    Still true in 1.5.0 and 1.6.0, which only added rules (issue 15, sessions 7 and 9).
    """
    assert codebook.version == "1.6.0"
    assert set(codebook.section_definitions) == {"goal", "activity", "outcome", "focus"}
    assert all(len(text) > 80 for text in codebook.section_definitions.values())
    assert [r.id for r in codebook.decision_rules] == list(range(1, 13))
    assert all(r.title and r.text and r.line for r in codebook.decision_rules)
    rule12 = codebook.decision_rules[11].text
    for connective in ("ことにより", "により", "ことで", "を通して", "を通じて", "結果", "おかげで"):
        assert connective in rule12
    assert "closed" in rule12 and "issue 16" in rule12
    # every "rule N" a definition cites exists
    cited = {int(n) for code in codebook.values() for n in re.findall(r"rules? (\d+)", code.definition)}
    assert cited and cited <= {r.id for r in codebook.decision_rules}
    codes = code_statements(frame(["家庭訪問を行った。"]), codebook, method="rules")
    assert codes["codebook_version"].tolist() == ["1.6.0"]


# Decision rules of shared/codebook_spec.md and orthographic variants: (text, must have, must not have)
CASES = [
    ("当該生徒は人と関わる楽しさを感じ、進んで関わろうとする意欲の向上へと繋がった。", {"social_relations"}, {"learning_motivation"}),
    ("ICT機器を活用した支援により、学習意欲の向上を図ることができた。", {"ict", "learning_motivation"}, {"social_relations"}),
    ("ＩＣＴを活用した個に応じた学習支援", {"ict", "individual_learning"}, set()),
    ("学校復帰のみを目標とせず、社会的自立を目指す。", set(), {"school_return"}),
    ("別室での学習を続けたが、登校には至らなかった。", set(), {"school_return"}),
    ("別室登校ができるようになった。", {"school_return"}, set()),
    ("相談室登校から始め、教室で過ごす時間が増えた。", {"school_return"}, set()),
    ("保護者と連携を図った上で声かけをした。", {"family_support"}, {"collaboration"}),
    ("学校と児童相談所が連携して支援した。", {"collaboration"}, set()),
    ("ＳＣやＳＳＷと情報を共有し、ケース会議を開いた。", {"collaboration"}, set()),
    ("保護者の不安が軽減した。", set(), {"emotional_stability"}),
    ("本人の不安が軽減し、情緒が安定した。", {"emotional_stability"}, set()),
    ("安心して過ごせる居場所づくりに努めた。", {"ibasho"}, {"emotional_stability"}),
    ("笑顔で元気に過ごしている。", set(), {"emotional_stability", "social_relations"}),
    ("不登校児童生徒への支援の充実を図った。", set(), {"school_return"}),
    ("学校や関係機関と連携し、支援の在り方について教員同士で相談した。", {"collaboration"}, {"counseling"}),
    ("教育相談センターに通級している。", set(), {"counseling"}),
    ("子供たちが仲間とつながる取組を行った。", set(), {"school_return"}),
    ("適応指導教室にサテライトを開設した。", {"center_operation"}, set()),
    ("家庭訪問を行い、本人と面談した。", {"home_visit", "counseling"}, set()),
    ("指導主事が学校を訪問した。", set(), {"home_visit"}),
    ("成功体験を積み重ね、自信がついた。", {"self_esteem"}, {"experiential"}),
    ("昼夜逆転の生活が続いていた。", set(), {"daily_rhythm"}),
    ("昼夜逆転が解消され、生活リズムが整った。", {"daily_rhythm"}, set()),
    ("SNSが原因で友人とトラブルになった。", set(), {"ict", "social_relations"}),
    ("中学校進学後に不登校となった。", set(), {"future_orientation", "school_return"}),
    ("将来の進路について考えるようになった。", {"future_orientation"}, set()),
    ("継続して通室し、通室日数が増えた。", {"continued_attendance"}, set()),
    ("通室している児童生徒に対して学習支援を行った。", {"individual_learning"}, {"continued_attendance"}),
    ("教員の不登校に対する理解が深まった。", set(), {"learning_attainment"}),
    ("学習内容の理解が深まり、学力が向上した。", {"learning_attainment"}, set()),
    ("自己肯定感が低く、登校できない状態が続いた。", set(), {"self_esteem", "school_return"}),
    ("適応指導教室で過ごす時間が増えた。", set(), {"school_return"}),
    ("自分の教室に入れるようになった。", {"school_return"}, set()),
    ("学校に戻ることが目的ではなく、社会的自立を目指す。", set(), {"school_return"}),
    ("ICTの利用が増えた。", {"ict"}, {"continued_attendance"}),
    ("誰にも相談できずにいた。", set(), {"counseling"}),
    ("基礎学力の不足が見られた。", set(), {"learning_attainment"}),
    ("集団活動が苦手な生徒が多い。", set(), {"peer_interaction"}),
    ("友人関係をきっかけに不登校となった。", set(), {"social_relations"}),
    ("指導員が一人一人と丁寧に関わり、信頼関係を築いた。", {"peer_interaction"}, {"social_relations"}),
    ("人と関わることが苦手であった。", set(), {"social_relations"}),
    ("学習意欲の低下が見られる。", set(), {"learning_motivation"}),
    ("教育支援センターへの通所を出席扱いとした。", set(), {"school_return", "continued_attendance"}),
    ("ゲームやインターネットに没頭し、昼夜逆転の生活となっていた。", set(), {"ict", "daily_rhythm"}),
    ("自己肯定感が低く、人との関わりを避ける傾向が見られた。", set(), {"self_esteem", "social_relations"}),
    ("学校に登校するという結果のみを目標にするのではない。", set(), {"school_return"}),
    ("登校日数が前年度の２倍に増加した。", {"school_return"}, set()),
    ("センターに来所した児童とトランプやオセロを楽しんだ。", {"peer_interaction"}, set()),
    ("スマートフォンのアプリを活用して、保護者との連絡を密にした。", {"ict", "family_support"}, {"collaboration"}),
    ("通室を重ねるうちに心が安定した。", {"emotional_stability"}, {"continued_attendance"}),
]


@pytest.mark.parametrize(("text", "must", "must_not"), CASES, ids=[c[0][:14] for c in CASES])
def test_decision_rules(text, must, must_not, codebook):
    got = codes_of(text, codebook=codebook)
    assert must <= got, f"missing {must - got} in {got}"
    assert not (must_not & got), f"unexpected {must_not & got}"


def _gold(path: Path) -> pd.DataFrame:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("synthetic") is True  # fixtures are labelled synthetic
    rows = [(s["id"], s.get("section", "body"), s["text"], tuple(s.get("codes") or [])) for s in data["sentences"]]
    df = pd.DataFrame(rows, columns=["statement_id", "section", "text", "expected"])
    df["case_id"] = "synthetic"
    df["text_norm"] = df["text"].map(nfkc)
    return df


@pytest.mark.parametrize("fixture", ["coding_synthetic.yaml", "coding_synthetic_b.yaml", "coding_synthetic_c.yaml",
                                     "coding_synthetic_d.yaml", "coding_synthetic_e.yaml", "coding_synthetic_f.yaml",
                                     "coding_synthetic_g.yaml", "coding_synthetic_h.yaml", "coding_synthetic_i.yaml"])
def test_synthetic_sentences_precision_recall(fixture, codebook):
    gold = _gold(FIXTURES / fixture)
    assert len(gold) >= 30
    codes = code_statements(gold.drop(columns="expected"), codebook, method="rules")
    table = rule_vs_human(codes, dict(zip(gold["statement_id"], gold["expected"])), code_keys=list(codebook))
    micro = table.set_index("code").loc["micro"]
    print(f"\n{fixture}: micro P={micro['precision']:.3f} R={micro['recall']:.3f} F1={micro['f1']:.3f}")
    assert micro["precision"] >= 0.9
    assert micro["recall"] >= 0.85
    assert micro["f1"] >= 0.88


def test_sample_against_hand_codes(sample_statements, sample_codes, codebook):
    data = yaml.safe_load((FIXTURES / "coding_sample_gold.yaml").read_text(encoding="utf-8"))
    gold = {g["statement_id"]: g["codes"] for g in data["statements"]}
    assert set(gold) == set(sample_statements["statement_id"])
    table = rule_vs_human(sample_codes, gold, code_keys=list(codebook)).set_index("code")
    print(f"\nsample: micro P={table.loc['micro', 'precision']:.3f} R={table.loc['micro', 'recall']:.3f}")
    assert table.loc["micro", "f1"] >= 0.9


# --------------------------------------------------------------------------- coder output
def test_codes_table_shape_and_offsets(sample_statements, sample_codes):
    codes = sample_codes
    assert list(codes.columns) == ["statement_id", "case_id", "section", "code", "category", "start_char",
                                   "end_char", "evidence", "rule_id", "codebook_version", "origin",
                                   "model_version", "score"]
    assert set(codes["origin"]) == {"rule"} and codes["model_version"].isna().all() and codes["score"].isna().all()
    assert codes["statement_id"].dtype == "string"
    assert codes["start_char"].dtype == "Int64"
    assert isinstance(codes["code"].dtype, pd.CategoricalDtype)
    assert codes["section"].dtype == sample_statements["section"].dtype
    texts = dict(zip(sample_statements["statement_id"], sample_statements["text"]))
    for r in codes.itertuples():
        assert texts[r.statement_id][r.start_char:r.end_char] == r.evidence
    # ＩＣＴ matched on text_norm, evidence shows the report's full-width letters
    assert "ＩＣＴ" in set(codes.loc[codes["code"] == "ict", "evidence"])
    # no evidence span listed twice for one code in one statement
    assert not codes.duplicated(["statement_id", "code", "start_char", "end_char"]).any()


def test_dedupe_keeps_each_span_once_per_code():
    cb = load_codebook()
    codes = code_statements(frame(["ＩＣＴ機器を活用したオンライン学習"]), cb, method="rules")
    ict = codes[codes["code"] == "ict"]
    spans = list(zip(ict["start_char"], ict["end_char"]))
    for i, (s1, e1) in enumerate(spans):
        for j, (s2, e2) in enumerate(spans):
            assert i == j or not (s2 <= s1 and e1 <= e2)


def test_code_statements_on_any_frame_and_empty(codebook):
    st = frame(["人と関わる機会が増えたことにより", "学校復帰に繋がった"])
    codes = code_statements(st, codebook, method="rules")
    assert set(codes["code"].astype(str)) == {"social_relations", "school_return"}
    empty = code_statements(st.iloc[:0], codebook, method="rules")
    assert empty.empty and list(empty.columns) == list(codes.columns)
    with pytest.raises(ValueError, match="text"):
        code_statements(st.drop(columns="text"), codebook, method="rules")


def test_regex_sees_inside_compounds_pitfall_14(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_yaml("      - id: x.regex\n        regex: '不登校'\n"), encoding="utf-8")
    codes = code_statements(frame(["不登校児童生徒への支援"]), load_codebook(path), method="rules")
    assert codes["evidence"].tolist() == ["不登校"]


# --------------------------------------------------------------------------- token rules
def _cb_yaml(rules: str, extra_code: str = "") -> str:
    return (
        'version: "t"\nname: test\ncodes:\n'
        "  - key: x\n    label_ja: エックス\n    label_en: X\n    category: outcome\n    definition: test\n"
        f"{extra_code}    rules:\n{rules}"
    )


def _stand_in_tokens(st: pd.DataFrame) -> pd.DataFrame:
    """Tokens table stand-in (statement_id, token_idx, text, lemma, norm, pos, tag, offsets) via SudachiPy."""
    from futoko_research.nlp import load_nlp

    tok = load_nlp("lexical")
    rows = []
    for sid, cid, text in st[["statement_id", "case_id", "text"]].itertuples(index=False):
        for i, m in enumerate(m for m in tok.tokenize(text) if m.surface().strip()):
            rows.append((sid, cid, i, m.surface(), m.dictionary_form(), m.normalized_form(), pd.NA,
                         "-".join(m.part_of_speech()[:3]), m.begin(), m.end()))
    return pd.DataFrame(rows, columns=["statement_id", "case_id", "token_idx", "text", "lemma", "norm", "pos", "tag",
                                       "start_char", "end_char"])


def test_token_rules_on_norm_lemma_and_phrases(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_yaml(
        "      - id: x.norm\n        patterns: [[{NORM: 繋がる}]]\n"
        "      - id: x.lemma\n        patterns: [[{LEMMA: 取組}]]\n"
        "      - id: x.phrase\n        phrases: [家庭訪問]\n"
    ), encoding="utf-8")
    cb = load_codebook(path)
    assert cb.needs == {"norm", "lemma"}
    st = frame(["学校復帰につながった。", "学校復帰に繋がった。", "取組を進め、家庭訪問を行った。"])
    codes = code_statements(st, cb, tokens=_stand_in_tokens(st), method="rules")
    got = set(zip(codes["statement_id"], codes["rule_id"], codes["evidence"]))
    assert ("s000", "x.norm", "つながっ") in got  # NORM folds spelling variants
    assert ("s001", "x.norm", "繋がっ") in got
    assert ("s002", "x.lemma", "取組") in got
    assert ("s002", "x.phrase", "家庭訪問") in got


def test_token_rules_compute_tokens_with_features_extract(tmp_path):
    """tokens=None: the coder computes lexical tokens itself (features.extract)."""
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_yaml("      - id: x.norm\n        patterns: [[{NORM: 繋がる}]]\n"), encoding="utf-8")
    codes = code_statements(frame(["学校復帰へとつながった。"]), load_codebook(path), method="rules")
    assert codes["evidence"].tolist() == ["つながっ"]
    assert codes["start_char"].tolist() == [6]


def test_sections_exclude_and_require(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_yaml(
        "      - id: x.sec\n        regex: '復帰'\n        sections: [outcome]\n"
        "        exclude: [{regex: '^には至ら', where: after, chars: 6}]\n"
        "        require: [{regex: '学校', where: before, chars: 4}]\n"
    ), encoding="utf-8")
    cb = load_codebook(path)
    st = frame(["学校復帰した", "学校復帰した", "学校復帰には至らなかった", "職場復帰した"],
               ["outcome", "goal", "outcome", "outcome"])
    codes = code_statements(st, cb, method="rules")
    assert codes["statement_id"].tolist() == ["s000"]


# --------------------------------------------------------------------------- validation
BAD_CODEBOOKS = [
    ("unknown field", _cb_yaml("      - id: x.a\n        regex: 'a'\n", "    colour: red\n"), r"code 'x'.*unknown field.*colour"),
    ("unknown rule field", _cb_yaml("      - id: x.a\n        regexp: 'a'\n"), r"code 'x'.*unknown field.*regexp"),
    ("bad regex", _cb_yaml("      - id: x.a\n        regex: '(学校'\n"), r"code 'x'.*bad regex '\(学校'"),
    ("bad token pattern", _cb_yaml("      - id: x.a\n        patterns: [[{NORMX: 学校}]]\n"), r"code 'x'.*bad token pattern.*NORMX"),
    ("unknown macro", _cb_yaml("      - id: x.a\n        regex: '{{NOPE}}'\n"), r"code 'x'.*unknown macro"),
    ("bad section", _cb_yaml("      - id: x.a\n        regex: 'a'\n        sections: [results]\n"), r"code 'x'.*unknown section"),
    ("bad category", _cb_yaml("      - id: x.a\n        regex: 'a'\n").replace("category: outcome", "category: effect"), r"code 'x'.*category"),
    ("no matcher", _cb_yaml("      - id: x.a\n        sections: [goal]\n"), r"code 'x'.*needs at least one of"),
]


@pytest.mark.parametrize(("name", "text", "pattern"), BAD_CODEBOOKS, ids=[b[0] for b in BAD_CODEBOOKS])
def test_codebook_errors_name_file_line_and_key(tmp_path, name, text, pattern):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    msg = str(info.value)
    assert len(msg.splitlines()) == 1, msg
    assert re.search(rf"{re.escape(str(path))}:\d+:", msg), msg
    assert re.search(pattern, msg), msg


def _cb_top(extra: str) -> str:
    """A one-code codebook with ``extra`` top-level fields."""
    return _cb_yaml("      - id: x.a\n        regex: 'a'\n").replace("name: test\n", "name: test\n" + extra)


BAD_TOP_FIELDS = [
    ("unknown section", _cb_top("section_definitions:\n  result: r\n"), r"section_definitions: unknown section 'result'"),
    ("empty section text", _cb_top("section_definitions:\n  goal: ''\n"), r"section_definitions: the definition of 'goal' must be a non-empty string"),
    ("sections not a mapping", _cb_top("section_definitions: [goal]\n"), r"section_definitions must map a section"),
    ("rules not a list", _cb_top("decision_rules: {id: 1}\n"), r"decision_rules must be a list"),
    ("rule id", _cb_top("decision_rules:\n  - {id: one, title: t, text: x}\n"), r"decision_rules\[0\]: 'id' must be a positive integer"),
    ("rule text", _cb_top("decision_rules:\n  - {id: 1, title: t}\n"), r"decision_rules\[0\]: 'text' must be a non-empty string"),
    ("rule field", _cb_top("decision_rules:\n  - {id: 1, title: t, text: x, note: n}\n"), r"decision_rules\[0\]: unknown field\(s\) note"),
    ("duplicate rule", _cb_top("decision_rules:\n  - {id: 1, title: t, text: x}\n  - {id: 1, title: u, text: y}\n"),
     r"decision_rules\[1\]: duplicate id 1 \(first at line 4\)"),
]


@pytest.mark.parametrize(("name", "text", "pattern"), BAD_TOP_FIELDS, ids=[b[0] for b in BAD_TOP_FIELDS])
def test_section_definitions_and_decision_rules_are_validated(tmp_path, name, text, pattern):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    msg = str(info.value)
    assert len(msg.splitlines()) == 1, msg
    assert re.search(rf"{re.escape(str(path))}:\d+: {pattern}", msg), msg


def test_section_definitions_and_decision_rules_load(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_top("section_definitions:\n  goal: ' What is aimed at. '\n"
                            "decision_rules:\n  - id: 2\n    title: Aims\n    text: >\n      Aims are\n      coded.\n"),
                    encoding="utf-8")
    cb = load_codebook(path)
    assert cb.section_definitions == {"goal": "What is aimed at."}
    (rule,) = cb.decision_rules
    assert (rule.id, rule.title, rule.text, rule.line) == (2, "Aims", "Aims are coded.", 6)
    plain = tmp_path / "plain.yaml"
    plain.write_text(_cb_yaml("      - id: x.a\n        regex: 'a'\n"), encoding="utf-8")
    assert load_codebook(plain).section_definitions == {} and load_codebook(plain).decision_rules == ()


def test_duplicate_code_key_and_rule_id(tmp_path):
    one = _cb_yaml("      - id: x.a\n        regex: 'a'\n")
    two = one + "  - key: x\n    label_ja: 二\n    label_en: two\n    category: other\n    definition: d\n    rules:\n      - id: x.a\n        regex: 'b'\n"
    path = tmp_path / "dup.yaml"
    path.write_text(two, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    msg = str(info.value)
    assert "2 problem(s)" in msg  # every problem collected
    line = two.splitlines().index("  - key: x", 4) + 1
    assert re.search(rf"dup\.yaml:{line}: code 'x': duplicate code key 'x' \(first at line 4\)", msg), msg
    assert "duplicate rule id 'x.a'" in msg


def test_codebook_file_errors(tmp_path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ncodes: [\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"bad\.yaml:\d+: not valid YAML"):
        load_codebook(bad)
    twice = tmp_path / "twice.yaml"
    twice.write_text(_cb_yaml("      - id: x.a\n        regex: 'a'\n        regex: 'b'\n"), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"twice\.yaml:\d+: field 'regex' given twice"):
        load_codebook(twice)


# --------------------------------------------------------------------------- rule report, write, CLI
def test_rule_report_flags_zero_hits(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(_cb_yaml(
        "      - id: x.hit\n        regex: '学校'\n      - id: x.typo\n        regex: '學挍'\n",
        extra_code="",
    ) + "  - key: y\n    label_ja: ワイ\n    label_en: Y\n    category: other\n    definition: d\n    rules:\n      - id: y.none\n        regex: 'zzz'\n",
        encoding="utf-8")
    cb = load_codebook(path)
    codes = code_statements(frame(["学校に行った", "学校"]), cb, method="rules")
    with pytest.warns(ZeroHitWarning, match=r"1 code\(s\) with no match: y; 2 rule\(s\) with no hit: x.typo, y.none"):
        report = rule_report(codes, cb)
    r = report.set_index("rule_id")
    assert r.loc["x.hit", "n_hits"] == 2 and r.loc["x.hit", "n_statements"] == 2
    assert bool(r.loc["x.typo", "is_zero"]) and not bool(r.loc["x.typo", "code_is_zero"])
    assert bool(r.loc["y.none", "code_is_zero"])


def test_case_codes_counts():
    codes = pd.DataFrame({
        "statement_id": ["a", "a", "b", "c"], "case_id": ["k1", "k1", "k1", "k2"],
        "section": ["goal", "goal", "goal", "outcome"], "code": ["ict", "ict", "ict", "ict"],
        "category": ["intervention"] * 4,
    }).astype({"statement_id": "string", "case_id": "string"})
    codes["code"] = pd.Categorical(codes["code"])
    out = case_codes(codes).set_index(["case_id", "section"])
    assert out.loc[("k1", "goal"), "n_statements"] == 2
    assert out.loc[("k1", "goal"), "n_matches"] == 3
    assert out.loc[("k2", "outcome"), "n_statements"] == 1


# --------------------------------------------------------------------------- summaries
def _toy():
    """6 cases in 2 municipalities; code ict in 3 cases, code ibasho in 1 case (hand-countable)."""
    cases = pd.DataFrame({"case_id": [f"k{i}" for i in range(6)], "municipality": ["A", "A", "A", "B", "B", "B"],
                          "fiscal_year": pd.array([2022, 2022, 2023, 2023, 2023, pd.NA], dtype="Int64")})
    statements = frame(["x"] * 6).assign(case_id=[f"k{i}" for i in range(6)], section=["goal", "outcome"] * 3)
    codes = pd.DataFrame({
        "statement_id": ["s000", "s001", "s003", "s003"], "case_id": ["k0", "k1", "k3", "k3"],
        "section": ["goal", "outcome", "outcome", "outcome"], "code": ["ict", "ict", "ict", "ibasho"],
        "category": ["intervention"] * 4, "start_char": [0] * 4, "end_char": [1] * 4, "evidence": ["x"] * 4,
        "rule_id": ["r"] * 4,
    }).astype({"statement_id": "string", "case_id": "string"})
    codes["code"] = pd.Categorical(codes["code"], categories=["ict", "ibasho", "home_visit"])
    return cases, statements, codes


def test_code_frequencies_counts_and_percent():
    cases, statements, codes = _toy()
    f = code_frequencies(codes, statements, cases, by="municipality").set_index(["group", "code"])
    assert f.loc[("A", "ict"), "n_cases"] == 2 and f.loc[("A", "ict"), "n_cases_total"] == 3
    assert f.loc[("A", "ict"), "pct_cases"] == pytest.approx(200 / 3)
    assert f.loc[("B", "ibasho"), "n_cases"] == 1
    assert f.loc[("B", "home_visit"), "n_cases"] == 0  # zeros kept
    y = code_frequencies(codes, statements, cases, by="fiscal_year").set_index(["group", "code"])
    assert y.loc[("(NA)", "ict"), "n_cases_total"] == 1
    s = code_frequencies(codes, statements, cases, by="section").set_index(["group", "code"])
    assert s.loc[("outcome", "ict"), "n_cases"] == 2 and s.loc[("outcome", "ict"), "n_cases_total"] == 3


def test_crosstab_statistics_against_scipy():
    # 40 cases in 2 groups, large enough for the chi2 test
    n = 40
    cases = pd.DataFrame({"case_id": [f"k{i}" for i in range(n)], "municipality": ["A"] * 20 + ["B"] * 20})
    has = [i for i in range(n) if (i < 20 and i % 4 != 0) or (i >= 20 and i % 3 == 0)]  # A: 15/20, B: 7/20
    statements = frame(["x"] * n).assign(case_id=[f"k{i}" for i in range(n)])
    codes = pd.DataFrame({"statement_id": [f"s{i:03d}" for i in has], "case_id": [f"k{i}" for i in has],
                          "section": "body", "code": "ict", "category": "intervention"})
    res = crosstab_codes(codes, statements, cases, by="municipality")
    table = np.array([[15, 7], [5, 13]])
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    t = res.tests.set_index("code").loc["ict"]
    assert t["test"] == "chi2"
    assert t["statistic"] == pytest.approx(chi2) and t["p_value"] == pytest.approx(p) and t["dof"] == dof
    assert t["cramers_v"] == pytest.approx(stats.contingency.association(table, method="cramer"))
    # computed by scipy itself (kept library): the same bits
    assert t["statistic"] == chi2 and t["cramers_v"] == stats.contingency.association(table, method="cramer")
    # adjusted residuals: statsmodels Table(table).standardized_resids
    import statsmodels.api as sm

    ref = sm.stats.Table(table).standardized_resids
    cells = res.cells.set_index("group")
    assert cells.loc["A", "adj_residual"] == pytest.approx(ref[0, 0])
    assert cells.loc["B", "adj_residual"] == pytest.approx(ref[0, 1])
    assert bool(cells.loc["A", "is_significant"]) == (abs(ref[0, 0]) > 1.96)


def test_crosstab_switches_to_exact_tests():
    cases, statements, codes = _toy()
    res = crosstab_codes(codes, statements, cases, by="municipality")
    t = res.tests.set_index("code").loc["ict"]
    assert t["test"] == "fisher"
    assert t["p_value"] == pytest.approx(stats.fisher_exact([[2, 1], [1, 2]])[1])
    # 2 x 3 with small counts -> Monte-Carlo, close to the exact permutation p-value
    table = np.array([[3, 0, 1], [0, 3, 2]])
    stat, p = monte_carlo_chi2(table, n_resamples=4000, seed=1)
    assert stat == pytest.approx(stats.chi2_contingency(table, correction=False)[0])
    ref = _exact_perm_p(table)
    assert p == pytest.approx(ref, abs=0.03)
    assert monte_carlo_chi2(table, n_resamples=500, seed=7) == monte_carlo_chi2(table, n_resamples=500, seed=7)
    # fewer than two non-empty rows or columns: nothing to test
    assert monte_carlo_chi2(np.array([[3, 4, 5]])) == (0.0, 1.0)
    assert monte_carlo_chi2(np.array([[3, 0], [4, 0]]), n_resamples=99) == (0.0, 1.0)


def _exact_perm_p(table: np.ndarray) -> float:
    """Exact conditional p-value of the chi2 statistic for a 2 x k table (hypergeometric enumeration)."""
    from itertools import product

    from scipy.special import comb

    col = table.sum(axis=0)
    r0 = table[0].sum()
    n = table.sum()
    obs = stats.chi2_contingency(table, correction=False)[0]
    total = comb(n, r0, exact=True)
    p = 0
    for first in product(*[range(c + 1) for c in col]):
        if sum(first) != r0:
            continue
        t = np.array([first, col - np.array(first)])
        prob = np.prod([comb(c, f, exact=True) for c, f in zip(col, first)]) / total
        exp = np.outer(t.sum(1), t.sum(0)) / n
        s = ((t - exp) ** 2 / exp).sum()
        if s >= obs - 1e-9:
            p += prob
    return p


def test_adjusted_residuals_formula():
    table = np.array([[10, 20, 30], [20, 15, 5]])
    import statsmodels.api as sm

    np.testing.assert_allclose(adjusted_residuals(table), sm.stats.Table(table).standardized_resids)


def test_matrices_cooccurrence_evidence(sample_statements, sample_codes, tmp_path):
    m = case_code_matrix(sample_codes, sample_statements)
    assert len(m) == sample_statements[["case_id", "section"]].drop_duplicates().shape[0]
    n = sample_codes.drop_duplicates(["statement_id", "code"]).groupby(["case_id", "section", "code"], observed=True).size()
    row = m[(m["case_id"] == "nemuro_cases_001") & (m["section"] == "outcome")].iloc[0]
    assert row["school_return"] == n.get(("nemuro_cases_001", "outcome", "school_return"), 0)
    d = document_code_matrix(sample_codes, sample_statements)
    assert len(d) == len(sample_statements) and set(d["ict"].unique()) <= {0, 1}
    path = write_document_code_matrix(sample_codes, sample_statements, tmp_path / "dcm.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    cooc = code_cooccurrence(sample_codes, level="statement")
    sets = sample_codes.groupby("code", observed=True)["statement_id"].apply(set)
    r = cooc[(cooc["code_a"] == "ict") & (cooc["code_b"] == "individual_learning")].iloc[0]
    both = len(sets["ict"] & sets["individual_learning"])
    assert r["n_both"] == both
    assert r["jaccard"] == pytest.approx(both / len(sets["ict"] | sets["individual_learning"]))
    assert len(code_cooccurrence(sample_codes, level="case")) == len(cooc)
    k = evidence_in_context(sample_codes, sample_statements, code="social_relations", width=5)
    assert (k["code"] == "social_relations").all()
    texts = dict(zip(sample_statements["statement_id"], sample_statements["text"]))
    for r in k.itertuples():
        assert (r.left + r.evidence + r.right) in texts[r.statement_id]


# --------------------------------------------------------------------------- REFI-QDA
def test_qdc_and_qdpx(tmp_path, sample_statements, sample_codes, sample_tables, codebook):
    qdc = write_qdc(codebook, tmp_path / "codebook.qdc")
    root = ET.parse(qdc).getroot()
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    codable = root.findall(".//q:Code[@isCodable='true']", ns)
    assert len(codable) == len(codebook)
    a = write_qdpx(sample_codes, sample_statements, tmp_path / "a.qdpx", codebook=codebook, cases=sample_tables.cases)
    b = write_qdpx(sample_codes, sample_statements, tmp_path / "b.qdpx", codebook=codebook, cases=sample_tables.cases)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    with zipfile.ZipFile(a) as zf:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
        project = ET.fromstring(zf.read("project.qde"))
        ns = {"p": "urn:QDA-XML:project:1.0"}
        code_guids = {c.get("guid") for c in project.findall(".//p:CodeBook//p:Code", ns)}
        selections = 0
        for src in project.findall(".//p:TextSource", ns):
            text = zf.read(f"sources/{src.get('guid')}.txt").decode("utf-8")
            for sel in src.findall("p:PlainTextSelection", ns):
                s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert text[s:e] == sel.get("name")
                assert sel.find("p:Coding/p:CodeRef", ns).get("targetGUID") in code_guids
                selections += 1
        assert selections == len(sample_codes)
        assert len(project.findall(".//p:Cases/p:Case", ns)) == 3


# --------------------------------------------------------------------------- plots
def test_coding_plots(sample_statements, sample_codes, sample_tables, codebook):
    import matplotlib.pyplot as plt

    from futoko_research.plots.coding import (
        plot_code_frequency,
        plot_code_network,
        plot_cooccurrence_heatmap,
    )

    cooc = code_cooccurrence(sample_codes, level="statement", codebook=codebook)
    ax = plot_cooccurrence_heatmap(cooc, codebook=codebook)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    ax2 = plot_code_network(cooc, codebook=codebook, min_jaccard=0.2)
    assert ax2.get_title() and len(ax2.texts) > 0
    freq = code_frequencies(sample_codes, sample_statements, sample_tables.cases, by="municipality", codebook=codebook)
    ax3 = plot_code_frequency(freq, codebook=codebook, group="別海町")
    assert len(ax3.patches) == len(codebook)
    plt.close("all")

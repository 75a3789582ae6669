"""futoko_research.schema: every stored table has a contract declared in one module.

The contracts must work in a fresh interpreter in which nothing else of the package was
imported (no table may depend on a contract registered as a side effect of importing the module
that makes it), and they must reject a table that breaks them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from futoko_research import schema
from futoko_research.errors import SchemaError

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"

#: every table the pipeline stores in processed_dir and the step that writes it
STORED_TABLES = {
    "cases": "ingest", "statements": "ingest", "checkboxes": "ingest", "source_tables": "ingest", "ingest_report": "ingest",
    "tokens": "features", "phrases": "features", "entities": "features",
    "codes": "code", "case_codes": "code", "rule_report": "code",
    "case_variables": "analyze", "links": "analyze", "link_counts": "analyze", "associations": "analyze",
    "prevalence": "analyze", "prevalence_trend": "analyze",
    # written by analyze only when a human-coded validation sheet exists
    "validation_rates": "analyze", "prevalence_corrected": "analyze", "association_robustness": "analyze",
}
#: tables the package reads and checks but does not store: the coder's development corpus
INPUT_TABLES = {"validation_sentences": "data/validation/sentences.csv", "validation_labels": "data/validation/labels.csv"}
#: tables written only on request, as CSV (ingest --pseudonymize)
OPTIONAL_CSV_TABLES = {"privacy_report": "ingest --pseudonymize"}
#: the package modules a bare ``from futoko_research.schema import validate`` may load (besides
#: the modules of the schema package, ``futoko_research.schema.*``)
SCHEMA_MODULES = {"futoko_research", "futoko_research.errors", "futoko_research.nlp", "futoko_research.schema",
                  "futoko_research.vocab"}

FRESH_SCRIPT = r"""
import json, sys
import pandas as pd
from futoko_research.schema import validate
from futoko_research.errors import SchemaError

result = {}
for name, path in json.loads(sys.argv[1]).items():
    df = pd.read_parquet(path)
    validate(df, name)
    broken = df.drop(columns=[df.columns[0]])
    try:
        validate(broken, name)
        result[name] = "accepted a table without its first column"
    except SchemaError:
        result[name] = "ok"
result["__modules__"] = sorted(m for m in sys.modules if m.startswith("futoko_research"))
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """Every table of the pipeline, made from the sample report (lexical tokens, no DocBin cache).

    A SYNTHETIC validation sheet (a human who agrees with the rules) makes the analyze step
    write its correction tables too.
    """
    from futoko_research.coding import write_coding_sheet
    from futoko_research.pipeline.steps import analyze, code, features, ingest

    out = tmp_path_factory.mktemp("processed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ingest(RAW_DIR, out, progress=False)
        features(out, profile="lexical", cache_dir=False, progress=False)
        code(out)
        statements, codes = pd.read_parquet(out / "statements.parquet"), pd.read_parquet(out / "codes.parquet")
        sheet = write_coding_sheet(statements, tmp_path_factory.mktemp("raw") / "human_codes_synthetic.csv",
                                   codes=codes)
        analyze(out, cache_dir=out / "cache", validation=sheet.parent)
    return out


@pytest.fixture(scope="module")
def fresh_results(processed) -> dict:
    paths = {name: str(processed / f"{name}.parquet") for name in STORED_TABLES}
    run = subprocess.run([sys.executable, "-c", FRESH_SCRIPT, json.dumps(paths)], capture_output=True, text=True,
                         cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_every_stored_table_is_declared():
    assert set(schema.TABLE_NAMES) == set(STORED_TABLES) | set(INPUT_TABLES) | set(OPTIONAL_CSV_TABLES)
    assert set(schema.SCHEMAS) >= set(STORED_TABLES)


@pytest.mark.parametrize("name", sorted(STORED_TABLES))
def test_validate_works_in_a_fresh_interpreter(name, fresh_results):
    # from futoko_research.schema import validate; validate(df, name) with nothing else imported
    assert fresh_results[name] == "ok"


def test_importing_the_schema_loads_nothing_above_it(fresh_results):
    modules = {m for m in fresh_results["__modules__"] if not m.startswith("futoko_research.schema.")}
    assert modules <= SCHEMA_MODULES


@pytest.mark.parametrize("name", sorted(STORED_TABLES))
def test_stored_tables_of_the_sample_validate(name, processed):
    df = pd.read_parquet(processed / f"{name}.parquet")
    pd.testing.assert_frame_equal(schema.validate(df, name), df)


def test_no_module_registers_a_contract_on_import():
    before = dict(schema.SCHEMAS)
    import futoko_research.analysis  # noqa: F401
    import futoko_research.analysis.schemas  # noqa: F401
    import futoko_research.coding.rules  # noqa: F401
    import futoko_research.features.tables  # noqa: F401

    assert schema.SCHEMAS == before
    assert all(schema.SCHEMAS[name] is before[name] for name in before)


def test_reexported_contracts_are_the_declared_ones():
    from futoko_research.analysis import schemas as analysis_schemas
    from futoko_research.features import tables

    assert tables.TOKENS_SCHEMA is schema.TOKENS and tables.TOKEN_DTYPES is schema.TOKEN_DTYPES
    assert tables.PHRASES_SCHEMA is schema.PHRASES and tables.ENTITIES_SCHEMA is schema.ENTITIES
    assert analysis_schemas.LINKS is schema.LINKS and analysis_schemas.ASSOCIATIONS is schema.ASSOCIATIONS
    assert analysis_schemas.PREVALENCE_CORRECTED is schema.PREVALENCE_CORRECTED
    assert analysis_schemas.ASSOCIATION_ROBUSTNESS is schema.ASSOCIATION_ROBUSTNESS


def test_schema_error_names_table_and_column():
    cases = pd.DataFrame({"case_id": pd.array(["a", "a"], dtype="string")})
    with pytest.raises(SchemaError, match="table 'cases'"):
        schema.validate(cases, "cases")
    with pytest.raises(KeyError):
        schema.validate(cases, "no_such_table")

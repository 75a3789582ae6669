"""The code step: ``statements`` (and ``tokens`` when the codebook's token rules need them) →
``codes``, ``case_codes``, ``rule_report`` (:mod:`futoko_research.coding`)."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from futoko_research.io import read_table, write_tables
from futoko_research.paths import PROCESSED_DIR
from futoko_research.pipeline.options import ExecutionOptions
from futoko_research.pipeline.runners import runner_for
from futoko_research.pipeline.step_inputs import content_statements, stored_tokens

log = logging.getLogger("futoko_research")


def code(
    processed_dir: str | Path | None = None, *, codebook=None, execution: ExecutionOptions | None = None,
    method: str | None = None, model=None, **extract_options,
) -> list[Path]:
    """Code ``statements.parquet`` and write codes, case_codes and rule_report (parquet + CSV).

    Token rules read ``tokens.parquet`` when it exists and has the columns they need; otherwise
    tokens are computed with ``features.extract`` (cheapest profile; ``extract_options`` passed
    on). A regex-only codebook (like the default one) needs no tokens. A :class:`ZeroHitWarning`
    names the rules and codes that matched nothing. ``method`` (``"rules"`` or ``"hybrid"``;
    None = :data:`futoko_research.coding.DEFAULT_METHOD`) and ``model`` (the hybrid's model: a
    path or None for the shipped one) are passed to ``code_statements``.

    Returns
    -------
    list of Path : the files written (codes, case_codes, rule_report as .parquet and .csv).
    """
    from futoko_research.coding import (
        Codebook,
        ZeroHitWarning,
        case_codes,
        code_statements,
        compute_tokens,
        load_codebook,
        map_code_statements,
        rule_report,
    )
    from futoko_research.nlp import cheapest_profile
    from futoko_research.schema.registry import validate

    processed_dir = Path(processed_dir) if processed_dir is not None else PROCESSED_DIR
    codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    statements = content_statements(read_table(processed_dir, "statements"))
    runner = runner_for(execution)
    tokens = None
    if codebook.needs:
        tokens = stored_tokens(processed_dir, codebook.needs)
        if tokens is None:
            tokens = compute_tokens(statements, profile=cheapest_profile(codebook.needs), runner=runner,
                                    **extract_options)
    if runner.name == "serial":
        codes = code_statements(statements, codebook, tokens=tokens, method=method, model=model)
    else:
        codes = map_code_statements(statements, codebook, tokens, runner=runner, method=method, model=model)
    validate(codes, "codes")
    cc = validate(case_codes(codes), "case_codes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ZeroHitWarning)
        report = rule_report(codes, codebook)
    for w in caught:
        warnings.warn(str(w.message), ZeroHitWarning, stacklevel=2)
    log.info("code: %d matches in %d statements; %d rules without hits",
             len(codes), codes["statement_id"].nunique(), int(report["is_zero"].sum()))
    return write_tables({"codes": codes, "case_codes": cc, "rule_report": report}, processed_dir)


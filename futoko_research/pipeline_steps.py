"""The pipeline's steps as functions (ingest → features → code → analyze).

Each step reads the previous step's tables from ``processed_dir`` and writes its own
atomically. The CLI subcommands and the papermill runner call these functions.
"""

from __future__ import annotations

import logging
from pathlib import Path

from futoko_research.io import write_tables
from futoko_research.paths import PROCESSED_DIR, RAW_DIR

log = logging.getLogger("futoko_research")


def ingest(
    raw_dir: str | Path = RAW_DIR,
    out_dir: str | Path = PROCESSED_DIR,
    *,
    progress: bool = True,
    pseudonymize: bool = False,
    key_file: str | Path | None = None,
) -> list[Path]:
    """Load the reports and write ``cases``, ``statements``, ``checkboxes`` (.parquet, .csv)."""
    from futoko_research.loaders.manifest import read_manifest
    from futoko_research.loaders.reports import load_sources

    sources = read_manifest(raw_dir)
    pseudo_fn = None
    check = None
    if pseudonymize or any(s.personal_data == "pseudonymize" for s in sources):
        from futoko_research.privacy import guard_outputs, make_text_pseudonymizer

        pseudo_fn = make_text_pseudonymizer(key_file)
        if pseudonymize:
            sources = [s.__class__(**{**s.__dict__, "personal_data": "pseudonymize"}) for s in sources]

        def check(tmp: Path) -> None:
            # the final guard, before the tables are moved into place: refuse to finish when
            # an original from the key file is still in any table
            guard_outputs([tmp], pseudo_fn.key_path)

    tables = load_sources(sources, progress=progress, pseudonymize_fn=pseudo_fn)
    written = write_tables(tables._asdict(), out_dir, check=check)
    log.info("ingest: %d cases, %d statements", len(tables.cases), len(tables.statements))
    return written


def features(processed_dir: str | Path = PROCESSED_DIR, **kwargs) -> list[Path]:
    """Parse statements with GiNZA and write tokens, phrases, entities (see features.write_features)."""
    from futoko_research.features import write_features

    return write_features(processed_dir, **kwargs)


def code(processed_dir: str | Path = PROCESSED_DIR, **kwargs) -> list[Path]:
    """Code statements with the codebook and write codes, case_codes (see coding.write_codes)."""
    from futoko_research.coding import write_codes

    return write_codes(processed_dir, **kwargs)


def analyze(processed_dir: str | Path = PROCESSED_DIR, **kwargs) -> list[Path]:
    """Write case_variables, links and associations (see analysis.write_analysis)."""
    from futoko_research.analysis import write_analysis

    return write_analysis(processed_dir, **kwargs)

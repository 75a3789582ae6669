"""The ingest step: the reports of ``raw_dir/manifest.csv`` → ``cases``, ``statements``,
``checkboxes``, ``source_tables``, ``ingest_report`` (pseudonymised and guarded when asked)."""

from __future__ import annotations

import logging
from pathlib import Path

from futoko_research.io import write_tables
from futoko_research.paths import PROCESSED_DIR, RAW_DIR

log = logging.getLogger("futoko_research")


def ingest(
    raw_dir: str | Path = RAW_DIR, out_dir: str | Path = PROCESSED_DIR, *, progress: bool = True,
    pseudonymize: bool = False, key_file: str | Path | None = None,
) -> list[Path]:
    """Load the reports of ``raw_dir/manifest.csv`` and write ``cases``, ``statements``, ``checkboxes``,
    ``source_tables`` and ``ingest_report``.

    Sources marked ``personal_data=pseudonymize`` (all of them with ``pseudonymize``) are
    pseudonymised with the key in ``key_file``; ``privacy_report.csv`` (per source: findings
    replaced per kind, uncertain findings in the review queue, expected missed direct
    identifiers; no originals) is written next to the tables, and everything is scanned for
    the key's originals before it is moved into place.

    Returns
    -------
    list of Path : the files written (.parquet and .csv of each table).
    """
    from futoko_research.loaders.manifest import read_manifest
    from futoko_research.loaders.reports import ingest_sources

    sources = read_manifest(raw_dir)
    pseudo_fn = None
    check = None
    if pseudonymize or any(s.personal_data == "pseudonymize" for s in sources):
        from futoko_research.privacy import guard_outputs, make_text_pseudonymizer

        pseudo_fn = make_text_pseudonymizer(key_file)
        if pseudonymize:
            sources = [s.__class__(**{**s.__dict__, "personal_data": "pseudonymize"}) for s in sources]

        def check(tmp: Path) -> None:
            # the residual-risk report (counts only), then the final guard, before the tables
            # are moved into place: refuse to finish when an original from the key file is
            # still in any table or in the report
            from futoko_research.io import write_csv
            from futoko_research.privacy.risk import privacy_report
            from futoko_research.schema.registry import validate

            write_csv(validate(privacy_report(pseudo_fn.stats), "privacy_report"), tmp / "privacy_report.csv")
            guard_outputs([tmp], pseudo_fn.key_path)

    tables = ingest_sources(sources, progress=progress, pseudonymize_fn=pseudo_fn)
    written = write_tables(tables._asdict(), out_dir, check=check)
    log.info("ingest: %d cases, %d statements", len(tables.cases), len(tables.statements))
    return written


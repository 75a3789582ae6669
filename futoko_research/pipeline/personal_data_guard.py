"""The run's last check: when any source is pseudonymised, no output may hold an original of
the key file (:func:`guard_personal_data`)."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("futoko_research")


def guard_personal_data(raw_dir: Path, paths: list[Path], *, key_file: str | Path | None = None) -> None:
    """When any source is pseudonymised, scan every output for the key's originals.

    Raises :class:`~futoko_research.errors.PersonalDataError` (exit status 2) naming the file and
    the pseudonym of what leaked; a run over published, already anonymised reports does nothing.
    """
    from futoko_research.loaders.manifest import read_manifest

    if not any(s.personal_data == "pseudonymize" for s in read_manifest(raw_dir)):
        return
    from futoko_research.privacy import default_key_path, guard_outputs

    scanned = guard_outputs(paths, key_file or default_key_path())
    log.info("run: personal-data guard scanned %d files, none holds an original", len(scanned))

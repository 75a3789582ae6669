"""The per-year worked example: a small SYNTHETIC corpus run beside the real one, never mixed with it.

The real sample in ``data/raw`` has three cases and no fiscal year, so its notebooks run for
``unknown`` and ``all`` only. ``make run`` (``futoko-research run --demo``) therefore also
writes a synthetic corpus of :data:`DEMO_CASES` cases over the fiscal years :data:`DEMO_YEARS`
with the planted effects of :data:`futoko_research.synthetic.DEFAULT_EFFECTS` (documented in its
``README.md`` and ``truth_effects.csv``) and runs the same steps and notebooks on it:

============================  =====================================================
generated reports, truth      ``data/processed/demo/raw/`` (manifest ``synthetic=true``)
processed tables              ``data/processed/demo/``
notebooks, figures, tables    ``papermill/output/demo/<year>/`` (titles start "SYNTHETIC DEMO")
run manifest                  ``papermill/output/demo/run_manifest.json``
============================  =====================================================

Nothing of the demo is under ``data/raw`` or in the real output folders, and the real run's
manifest does not list it. The one real file in the demo's folder is MEXT's national statistics
(``mext_futoko_national.csv``, copied from ``data/raw``): notebook 05 sets any corpus against
the national trend, and the national figures are the same whatever the corpus.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from futoko_research.io import atomic_write_bytes
from futoko_research.paths import RAW_DIR
from futoko_research.pipeline.freshness import digest, is_fresh, package_digest, write_stamp
from futoko_research.pipeline.options import RunOptions

log = logging.getLogger("futoko_research")

#: fiscal years of the demo corpus
DEMO_YEARS = (2019, 2020, 2021, 2022, 2023)
#: cases of the demo corpus (about 40 a year: enough for the per-year tests to run)
DEMO_CASES = 200
#: seed of the demo corpus
DEMO_SEED = 20240401
#: prefixed to the title of every demo notebook and stamped on every demo figure
DEMO_LABEL = "SYNTHETIC DEMO"
#: the demo's folder name under the processed and output folders
DEMO_DIR = "demo"
#: MEXT's national statistics (real, public) are copied beside the demo reports for notebook 05
NATIONAL_FILE = RAW_DIR / "mext_futoko_national.csv"


def demo_options(options: RunOptions) -> RunOptions:
    """The real run's options turned into the demo's: its own raw, processed and output folders.

    The demo uses the default parameters for every year (no parameter files are read or
    written) and the default codebook, coded by its **rules** (``coding_method="rules"``, whatever
    the default method): the demo's sentences are templates written for the rules, each carrying
    exactly its planted code, and the statistical model adds codes on them that no template plants
    (measured with seed 101, 600 cases: peer_interaction on 118 cases that lack it), which would blur
    the planted effects the demo is there to show; the links' sides are coded by the rules too
    (``link_method="rules"``), for the same reason. Everything else (jobs, timeout, force …) is kept.
    """
    processed = Path(options.processed_dir) / DEMO_DIR
    return replace(
        options, raw_dir=processed / "raw", processed_dir=processed, output_dir=Path(options.output_dir) / DEMO_DIR,
        params_dir=processed / "params", cache_dir=None, codebook=None, coder_model=None, key_file=None,
        coding_method="rules", link_method="rules", label=DEMO_LABEL,
    )


def write_demo_corpus(raw_dir: Path) -> bool:
    """Write the demo corpus into ``raw_dir`` unless the same corpus is already there.

    Returns
    -------
    bool
        True when the corpus was (re)written.
    """
    from futoko_research.synthetic import write_synthetic_corpus

    raw_dir = Path(raw_dir)
    key = digest({"years": DEMO_YEARS, "n_cases": DEMO_CASES, "seed": DEMO_SEED, "package": package_digest(),
                  "national": NATIONAL_FILE.is_file() and NATIONAL_FILE.stat().st_size})
    if is_fresh(raw_dir, "demo_corpus", key):
        return False
    paths = write_synthetic_corpus(raw_dir, n_cases=DEMO_CASES, years=DEMO_YEARS, seed=DEMO_SEED, cases_per_file=20)
    written = [p for v in paths.values() for p in (v if isinstance(v, list) else [v])]
    if NATIONAL_FILE.is_file():  # real national statistics: the context of notebook 05, not a report
        national = raw_dir / NATIONAL_FILE.name
        atomic_write_bytes(national, NATIONAL_FILE.read_bytes())
        written.append(national)
    write_stamp(raw_dir, "demo_corpus", key, written)
    log.info("demo: wrote the SYNTHETIC demo corpus (%d cases, %s) into %s", DEMO_CASES,
             "–".join(map(str, (DEMO_YEARS[0], DEMO_YEARS[-1]))), raw_dir)
    return True

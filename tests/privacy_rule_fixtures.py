"""Helpers of the privacy round tests (imported by name, like ``pdf_fixtures``).

Rules only (no GiNZA; the shipped tagger on, as in production): what the detector finds in one
text, and a benchmark script loaded as a module (for the bookkeeping checks of each round).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from futoko_research.privacy.detect import find_personal_data

ROOT = Path(__file__).resolve().parents[1]


def found(text: str) -> set[tuple[str, str]]:
    """(kind, span text) of every finding in ``text``."""
    df = find_personal_data([text], use_ner=False)
    return {(r.kind, r.text) for r in df.itertuples()}


def people(text: str) -> list[str]:
    """Span texts of the person findings in ``text``, in order."""
    df = find_personal_data([text], use_ner=False)
    return [r.text for r in df.itertuples() if r.kind == "person"]


def load_benchmark(name: str, prefix: str = "bench"):
    """``benchmarks/<name>.py`` as a module (its constants: SETS, HELD_OUT …)."""
    spec = importlib.util.spec_from_file_location(f"{prefix}_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def batch_flags(prefix: str) -> dict[int, bool]:
    """Batch number → held-out flag of every ``privacy_heldout_batchN.yaml`` in eval_privacy's SETS."""
    sets = load_benchmark("eval_privacy", prefix).SETS
    return {int(m.group(1)): held for _, p, held in sets
            if (m := re.fullmatch(r"privacy_heldout_batch(\d+)\.yaml", p.name))}

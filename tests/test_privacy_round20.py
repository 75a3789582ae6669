"""Round 20 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from futoko_research.privacy.detect import find_personal_data

ROOT = Path(__file__).resolve().parents[1]


def _found(text: str) -> set[tuple[str, str]]:
    df = find_personal_data([text], use_ner=False)
    return {(r.kind, r.text) for r in df.itertuples()}


def _people(text: str) -> list[str]:
    df = find_personal_data([text], use_ner=False)
    return [r.text for r in df.itertuples() if r.kind == "person"]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"r20_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ bookkeeping
def test_batches_22_to_25_are_development_and_26_27_the_blind_slots():
    sets = {p.name: held for _, p, held in _load("eval_privacy").SETS}
    for n in (22, 23, 24, 25):
        assert sets[f"privacy_heldout_batch{n}.yaml"] is False
    assert sets["privacy_heldout_batch26.yaml"] is True
    assert sets["privacy_heldout_batch27.yaml"] is True
    src = (ROOT / "benchmarks" / "train_name_tagger.py").read_text(encoding="utf-8")
    assert 'HELD_OUT = ("batch26", "batch27")' in src

"""Round 22 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

from privacy_rule_fixtures import ROOT, load_benchmark


# ------------------------------------------------------------------ bookkeeping
def test_batches_30_31_are_development_and_32_33_the_blind_slots():
    sets = {p.name: held for _, p, held in load_benchmark("eval_privacy", "r22").SETS}
    for n in (30, 31):
        assert sets[f"privacy_heldout_batch{n}.yaml"] is False
    assert sets["privacy_heldout_batch32.yaml"] is True
    assert sets["privacy_heldout_batch33.yaml"] is True
    src = (ROOT / "benchmarks" / "train_name_tagger.py").read_text(encoding="utf-8")
    assert 'HELD_OUT = ("batch32", "batch33")' in src

"""Round 23 (issue 21): every rule of shape or context has an example and a trap.

Rules only (no GiNZA, the shipped tagger on as in production); spans are checked in the
text's own characters.
"""

from __future__ import annotations

from privacy_rule_fixtures import ROOT, batch_flags


# ------------------------------------------------------------------ bookkeeping
def test_batches_32_33_are_development_and_34_35_the_blind_slots():
    flags = batch_flags("r23")
    for n in (32, 33):
        assert flags[n] is False
    assert flags[34] is True
    assert flags[35] is True
    src = (ROOT / "benchmarks" / "train_name_tagger.py").read_text(encoding="utf-8")
    assert 'HELD_OUT = ("batch34", "batch35")' in src

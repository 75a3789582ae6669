"""Bootstrap settings and the random streams of the coding-error corrections.

Every resampled quantity (a code's corrected prevalence, a pair's direction robustness) draws
from its own stream, seeded by the run's seed and the CRC-32 of its name, so one result does
not depend on which other codes or pairs exist.
"""

from __future__ import annotations

import zlib

import numpy as np

#: seed of the bootstrap (the notebooks' default seed; the analyze step passes the run's seed)
DEFAULT_SEED = 20240401
#: bootstrap replicates of :func:`corrected_prevalence`
N_BOOT = 2000


def named_rng(seed: int, name: str) -> np.random.Generator:
    """A generator per variable, so one code's interval does not depend on which other codes exist."""
    return np.random.default_rng([int(seed), zlib.crc32(name.encode("utf-8"))])

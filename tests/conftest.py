"""Shared fixtures: the sample report's tables, and the GiNZA model loaded once per session."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
SAMPLE_TXT = RAW_DIR / "000_3827d6ec588ac27e.txt"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_TXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_tables():
    """(cases, statements, checkboxes) of the real sample in data/raw."""
    from futoko_research.loaders.reports import load_reports

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_reports(RAW_DIR)


@pytest.fixture(scope="session")
def sample_statements(sample_tables):
    return sample_tables.statements


@pytest.fixture(scope="session")
def nlp():
    """The full ja_ginza pipeline, loaded once per test session."""
    from futoko_research.nlp import load_nlp

    return load_nlp("full")

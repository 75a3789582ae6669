"""One place for the project's paths.

``PROJECT_ROOT`` is the repository root when the package runs from a checkout (editable
install); the environment variable ``FUTOKO_PROJECT_ROOT`` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("FUTOKO_PROJECT_ROOT", PACKAGE_DIR.parent)).resolve()
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
#: the real, double-annotated development corpus of the coder (kept out of RAW_DIR)
VALIDATION_DIR = PROJECT_ROOT / "data" / "validation"
CACHE_DIR = PROCESSED_DIR / "cache"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PAPERMILL_DIR = PROJECT_ROOT / "papermill"
PARAMS_DIR = PAPERMILL_DIR / "params"
OUTPUT_DIR = PAPERMILL_DIR / "output"
CODEBOOKS_DIR = PACKAGE_DIR / "codebooks"
RESOURCES_DIR = PACKAGE_DIR / "resources"
DEFAULT_CODEBOOK = CODEBOOKS_DIR / "default.yaml"
#: the statistical coding models shipped with the package
MODELS_DIR = PACKAGE_DIR / "models"

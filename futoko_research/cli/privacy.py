"""``futoko-research privacy``: scan raw reports for personal data; guard outputs against leaks.

- ``privacy scan [--raw-dir DIR] [--no-ner] [--certain-only] [--hide-text]`` prints the
  findings of every source as a table on the terminal (the originals are shown to the
  researcher there and are never written to a file).
- ``privacy guard PATH... [--key-file KEY]`` scans outputs for the originals in the key file
  and exits with status 2 when one is found.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

from futoko_research.paths import PROCESSED_DIR, RAW_DIR


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "privacy",
        help="find personal data in raw reports; check outputs for leaks",
        description="Personal data: 'scan' lists what the detectors find in the raw reports "
        "(names, schools, classes, addresses, phones, e-mail, postcodes, dates of birth, ids); "
        "'guard' refuses outputs that contain an original from the pseudonymisation key.",
    )
    s = p.add_subparsers(dest="privacy_command", metavar="ACTION")
    scan = s.add_parser("scan", help="list personal-data findings in the raw reports (terminal only)")
    scan.add_argument("--raw-dir", type=Path, default=RAW_DIR, help="folder with manifest.csv and the reports (default: %(default)s)")
    scan.add_argument("--no-ner", action="store_true", help="skip GiNZA's NER (faster; Sudachi, rules and regexes only)")
    scan.add_argument("--certain-only", action="store_true", help="hide uncertain findings (the review queue)")
    scan.add_argument("--hide-text", action="store_true", help="do not print the found text itself")
    scan.set_defaults(func=run_scan)
    guard = s.add_parser("guard", help="fail (exit 2) when an output contains an original from the key file")
    guard.add_argument("paths", nargs="*", type=Path, default=[PROCESSED_DIR], help="files or folders to scan (default: %(default)s)")
    guard.add_argument("--key-file", type=Path, default=None, help="key file (default: ~/.futoko_research/keys/<project>.json)")
    guard.set_defaults(func=run_guard)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _source_text(source) -> str:
    from futoko_research.loaders.decode import read_text

    if source.path.suffix.lower() == ".pdf":
        import pdfplumber

        with pdfplumber.open(source.path) as pdf:
            return "\n\f".join(page.extract_text() or "" for page in pdf.pages)
    return read_text(source.path, encoding=source.encoding)[0]


def run_scan(args: argparse.Namespace) -> int:
    import pandas as pd

    from futoko_research.loaders.manifest import read_manifest
    from futoko_research.privacy import find_personal_data

    sources = read_manifest(args.raw_dir)
    texts = [_source_text(s) for s in sources]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = find_personal_data(texts, use_ner=not args.no_ner, include_uncertain=not args.certain_only)
    if found.empty:
        print(f"no personal data found in {len(sources)} source(s)")
        return 0
    found.insert(0, "source_id", [sources[i].source_id for i in found["text_idx"]])
    found.insert(1, "personal_data", [sources[i].personal_data for i in found["text_idx"]])
    lines = []
    for r in found.itertuples():
        lines.append(texts[r.text_idx].count("\n", 0, r.start) + 1)
    found.insert(2, "line", lines)
    cols = ["source_id", "personal_data", "line", "kind", "text", "confidence", "certain", "detector"]
    if args.hide_text:
        cols.remove("text")
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(found[cols].to_string(index=False))
    n_unc = int((~found["certain"]).sum())
    print(f"\n{len(found)} finding(s) in {found['source_id'].nunique()} of {len(sources)} source(s); "
          f"{n_unc} uncertain (review before publication)")
    return 0


def run_guard(args: argparse.Namespace) -> int:
    from futoko_research.privacy import default_key_path, guard_outputs

    key = args.key_file or default_key_path()
    scanned = guard_outputs(args.paths, key)
    print(f"ok: {len(scanned)} file(s) scanned, no original from the key found")
    return 0

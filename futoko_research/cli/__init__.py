"""The ``futoko-research`` command: a thin layer over the library.

Each subcommand lives in its own module exposing ``register(subparsers)``; the handler
it sets (``args.func``) returns an exit status. Errors caused by input
(:class:`~futoko_research.errors.FutokoError`) print one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import warnings

from futoko_research import __version__
from futoko_research.errors import FutokoError

#: subcommand modules, in --help order
SUBCOMMANDS = ("ingest", "features", "code", "analyze", "run", "synth", "privacy", "train-coder", "review")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="futoko-research",
        description="Practice reports on support for children who do not attend school (不登校): "
        "ingest → features → code → analyze → notebooks.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"futoko_research.cli.{name.replace('-', '_')}")
        except ModuleNotFoundError as exc:
            if exc.name == f"futoko_research.cli.{name.replace('-', '_')}":
                continue
            raise
        module.register(sub)
    return parser


def _log_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Show a warning as one log line (no source line, no file position)."""
    text = " ".join(str(message).split())
    logging.getLogger("futoko_research").warning("%s: %s", category.__name__, text)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            # unclosed sockets and event loops of the Jupyter client libraries: not the user's concern
            warnings.simplefilter("ignore", ResourceWarning)
            warnings.showwarning = _log_warning
            status = args.func(args)
    except FutokoError as exc:
        print(f"futoko-research: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("futoko-research: interrupted", file=sys.stderr)
        return 130
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

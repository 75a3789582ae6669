"""What ``futoko-research run`` shows on the console: one line per warning, one progress bar, a summary.

Every log record goes in full to the run's log file (``<output_dir>/run.log``); the console
gets warnings and errors only, each cut to its first line and :data:`MAX_LINE` characters with a
pointer to the log file. On a terminal a single tqdm bar counts the steps and the notebook runs.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

#: longest console line for a warning (the rest is in the log file)
MAX_LINE = 160


class TqdmHandler(logging.Handler):
    """Write records with ``tqdm.write`` so they appear above the progress bar, not through it."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging must not raise
            self.handleError(record)


class OneLineFormatter(logging.Formatter):
    """``LEVEL message`` cut to one line of at most :data:`MAX_LINE` characters, pointing at the log file."""

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        self.log_path = log_path

    def format(self, record: logging.LogRecord) -> str:
        text = " ".join(record.getMessage().split())
        if len(text) > MAX_LINE:
            text = f"{text[:MAX_LINE].rstrip()} … (in full in {self.log_path})"
        return f"{record.levelname.lower()}: {text}"


@contextlib.contextmanager
def run_console(log_path: Path, *, total: int, progress: bool | None = None) -> Iterator[callable]:
    """Route the package's log to ``log_path`` (in full) and the console (one line each); yield a progress callback.

    Parameters
    ----------
    log_path : the log file (overwritten; its folder is made).
    total : progress units (steps + notebook runs).
    progress : show the bar; default when standard error is a terminal.

    Yields
    ------
    callable
        ``advance(text)``: one unit done, ``text`` shown beside the bar.
    """
    from tqdm import tqdm

    log_path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger("futoko_research")
    root = logging.getLogger()
    saved = (logger.level, logger.propagate, list(root.handlers))
    log_path.write_text("", encoding="utf-8")
    # append mode (O_APPEND): the kernels append their own standard error to the same file
    file_handler = logging.FileHandler(log_path, mode="a", encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    file_handler.setLevel(logging.INFO)
    console = TqdmHandler()
    console.setFormatter(OneLineFormatter(log_path))
    console.setLevel(logging.WARNING)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    logger.setLevel(logging.INFO)
    logger.addHandler(file_handler)
    logger.addHandler(console)
    logger.propagate = False
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=total, disable=not show, unit="run", dynamic_ncols=True, leave=False, file=sys.stderr)

    def advance(text: str) -> None:
        bar.set_postfix_str(text[:60], refresh=False)
        bar.update(1)

    try:
        yield advance
    finally:
        bar.close()
        logger.removeHandler(file_handler)
        logger.removeHandler(console)
        file_handler.close()
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        for handler in saved[2]:
            root.addHandler(handler)

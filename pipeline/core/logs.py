"""Where log records go: one handler of ours on the root logger, so every module's logger
(`logging.getLogger(__name__)`, in the modules that take a fallback worth knowing about) and
every library's (pdfminer's "Could not get FontBBox …") and Python's warnings end there, shown
on stderr only with --verbose. Without it they are dropped: a run that fails prints exactly its
one error line, never a stray library line before it."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(name)s: %(levelname)s: %(message)s"


class _Ours(logging.Handler):
    """The one handler this module installs (so configuring again replaces it)."""


class _Stderr(_Ours, logging.StreamHandler):
    pass


class _Nowhere(_Ours, logging.NullHandler):
    pass


def configure(verbosity: int = 0) -> None:
    """0: nothing shown; 1 (-v): the pipeline's fallbacks and steps (INFO) and libraries'
    warnings; 2 (-vv): everything, libraries' debugging too."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Ours)]:
        root.removeHandler(handler)
    handler: logging.Handler = _Stderr(sys.stderr) if verbosity else _Nowhere()
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    logging.getLogger("pipeline").setLevel(
        logging.DEBUG if verbosity >= 2 else logging.INFO if verbosity else logging.WARNING)
    logging.captureWarnings(True)

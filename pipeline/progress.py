"""A one-line progress counter on stderr for long runs, shown only on a terminal."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

# Called as progress(done, total, name): `done` of `total` items finished, the last one `name`.
Progress = Callable[[int, int, str], None]


def width(text: str) -> int:
    """Terminal columns `text` takes (wide CJK characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@contextmanager
def terminal_progress(label: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback redrawing one line on `stream` (stderr), or None when it is not a
    terminal, so logs and pipes get nothing extra. The line is erased on leaving."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield None
        return
    columns = max(20, shutil.get_terminal_size().columns - 1)
    shown = 0

    def show(done: int, total: int, name: str) -> None:
        nonlocal shown
        text = f"{label} {done}/{total} {name}".rstrip()
        while width(text) > columns:
            text = text[:-1]
        stream.write("\r" + text + " " * max(0, shown - width(text)))
        stream.flush()
        shown = max(shown, width(text))

    try:
        yield show
    finally:
        if shown:
            stream.write("\r" + " " * shown + "\r")
            stream.flush()

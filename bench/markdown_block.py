"""The benchmark's figures written into docs/PERFORMANCE.md, as `make bench` printed them.

A block of the document between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` is replaced by
what the benchmark printed (fenced as text), so the figures in the docs are always a run's own
and say which machine they come from; the prose around the blocks is left alone.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy."""

    def __init__(self, terminal: io.TextIOBase) -> None:
        self.terminal = terminal
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.terminal.write(text)
        self.copy.write(text)
        return len(text)

    def flush(self) -> None:
        self.terminal.flush()


def replace_block(document: str, name: str, body: str) -> str:
    """`document` with its `bench:name` block's content replaced by `body` (fenced as text);
    ValueError if the document has no such block."""
    tag = re.escape(name)
    pattern = re.compile(rf"(<!-- bench:{tag} -->\n).*?(<!-- /bench:{tag} -->)", re.S)
    if not pattern.search(document):
        raise ValueError(f"no <!-- bench:{name} --> block")
    fenced = f"```text\n{body.rstrip()}\n```\n"
    return pattern.sub(lambda m: m[1] + fenced + m[2], document, count=1)


@contextlib.contextmanager
def recorded(document: Path | None, name: str) -> Iterator[None]:
    """Print as usual; with `document`, also write what was printed into its `name` block
    once the block of code finishes (not when it fails)."""
    if document is None:
        yield
        return
    tee = _Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        yield
    document.write_text(replace_block(document.read_text("utf-8"), name, tee.copy.getvalue()),
                        "utf-8")

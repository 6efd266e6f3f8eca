"""Progress on a terminal only: a redrawn counter on a TTY, not one extra byte otherwise."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.progress import terminal_progress, width
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.slow


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with terminal_progress("work", stream) as progress:
        assert progress is None
    assert stream.getvalue() == ""


def test_a_terminal_sees_one_redrawn_line_erased_at_the_end() -> None:
    stream = FakeTerminal()
    with terminal_progress("work", stream) as progress:
        progress(0, 2, "")
        progress(1, 2, "長い名前.pdf")
        progress(2, 2, "b.pdf")
    text = stream.getvalue()
    assert "\n" not in text
    frames = text.split("\r")
    # 長い名前 takes 8 columns: the shorter line after it is padded by 7 to hide the rest.
    assert frames[1:4] == ["work 0/2", "work 1/2 長い名前.pdf", "work 2/2 b.pdf" + " " * 7]
    assert frames[-2].strip() == "" and len(frames[-2]) == width("work 1/2 長い名前.pdf")
    assert frames[-1] == ""


def test_run_all_reports_each_pdf(tmp_path: Path) -> None:
    from pipeline.run import run_all

    calls: list[tuple[int, int, str]] = []
    run_all(RAW, tmp_path / "out", jobs=1, progress=lambda *a: calls.append(a))
    pdfs = sorted(p.name for p in RAW.glob("*.pdf"))
    assert calls == [(0, len(pdfs), "")] + [(i, len(pdfs), n) for i, n in enumerate(pdfs, 1)]


def test_cli_all_is_quiet_on_a_pipe(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "all", "--raw", str(RAW),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\r" not in done.stdout
    from pipeline.run import DERIVED

    steps = ("corrections ", "publish ", *(f"{command} → " for command in DERIVED))
    assert all(line.startswith(steps) for line in done.stdout.splitlines())


def test_cli_all_shows_a_counter_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "all", "--raw", str(RAW),
                                "--out", str(tmp_path / "out")], stdout=subprocess.PIPE,
                               stderr=follower, cwd=ROOT)
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    text = seen.decode("utf-8")
    total = len(list(RAW.glob("*.pdf")))
    assert f"\rextract+clean {total}/{total} " in text
    assert text.endswith("\r") and "error" not in text
    assert b"\r" not in stdout

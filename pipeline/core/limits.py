"""Calls that read untrusted files, each in a forked child with hard limits, so that no input
can take the machine: a memory limit (RLIMIT_DATA: what the child may allocate beyond what it
inherited), a CPU limit and a wall-clock limit per *step* (a page), the wall clock kept by this
process, which kills the child's process group when a step overruns. A signal handler in Python
cannot stop a C routine (PDFium rendering, a regular expression), a kill from outside can.

The child says when it starts a step (`step(page)`), so a document of 2,000 valid pages gets
2,000 steps' time and a page stuck in a loop is stopped after one step's time, named. Where
children cannot be forked, the calls run here one after another under SIGALRM, re-armed at each
step (no memory limit then).

What a child writes on stderr (C libraries' warnings, log records) is kept apart and shown
only with --verbose, so a failing file still gives exactly one line.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.workers import Call, can_fork, forking

log = logging.getLogger(__name__)

# Memory a child may allocate beyond what it inherited: a page is budgeted before it is
# rendered (pipeline/extract/budget.py) far below this; this stops whatever the budget does not
# foresee (a content stream inflating to gigabytes, a damaged file's runaway parser).
MEMORY_LIMIT = 2 << 30


@dataclass(frozen=True)
class Limits:
    """What each call may use: `step` seconds of wall clock (and of CPU) per step, None or 0
    for no time limit; `memory` bytes beyond what it inherited, None for no limit."""

    step: float | None = None
    memory: int | None = MEMORY_LIMIT


# The child's side: where it reports steps, its limits, and what it is doing since when (None
# in any other process).
_beats: int | None = None
_limits: Limits | None = None
_current: list[Any] = ["opening it", 0, 0.0, 1]  # what, page, since (monotonic), weight
_alarm: list[float] = []  # the step's seconds, when the calls run here under SIGALRM


def step(page: int | None = None, what: str = "", pages: int = 1) -> None:
    """A new step begins: reading `page`, or `what` (a stage after the pages, "cleaning") over
    `pages` pages, which gets that many pages' time; its time limit starts again. Does nothing
    outside a limited call."""
    if _beats is not None:
        _check_step()  # the step before ended in time (the parent stops a step that never ends)
        said = " ".join((what or (f"page {page}" if page else "a step")).split())
        weight = max(1, pages)
        _current[:] = [said, page or 0, time.monotonic(), weight]
        with contextlib.suppress(OSError):  # the parent has gone: it will not wait for us
            os.write(_beats, f"{page or 0} {weight} {said}\n".encode())
        if _limits is not None and _limits.step:
            _allow_cpu(_limits.step * weight)
    elif _alarm:
        signal.setitimer(signal.ITIMER_REAL, _alarm[0])


def _check_step() -> None:
    """PipelineError "timed out" if the step now ending took longer than its limit."""
    what, page, since, weight = _current
    if _limits is not None and _limits.step and time.monotonic() - since > _limits.step * weight:
        raise PipelineError(f"timed out: {what} took more than {_limits.step * weight:g} s "
                            "(--timeout, seconds per page)", page=page or None)


def _allow_cpu(seconds: float) -> None:
    """Let this process use `seconds` more CPU (SIGXCPU then, SIGKILL a little after)."""
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime + seconds) + 1
    _set_limit(resource.RLIMIT_CPU, soft, soft + 5)


def _set_limit(kind: int, soft: int, hard: int) -> None:
    """Set a resource limit, never above the hard limit this process was given."""
    import resource

    _, given = resource.getrlimit(kind)
    if given != resource.RLIM_INFINITY:
        soft, hard = min(soft, given), min(hard, given)
    resource.setrlimit(kind, (soft, hard))


def _data_size() -> int:
    """Bytes of data (heap and private mappings) this process has, as RLIMIT_DATA counts it."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def _enter_child(limits: Limits, beats: int) -> None:
    """In a freshly forked child: its own process group, its limits, no core files."""
    import resource

    global _beats, _limits
    os.setpgid(0, 0)
    _beats, _limits = beats, limits
    _current[:] = ["opening it", 0, time.monotonic(), 1]
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.memory:
        data = _data_size() + limits.memory
        _set_limit(resource.RLIMIT_DATA, data, data)
    if limits.step:
        _allow_cpu(limits.step)


def _own_streams() -> None:
    """sys.stdout and sys.stderr (and a crash's traceback) onto fds 1 and 2 as they are now."""
    import faulthandler
    import sys

    sys.stdout = open(1, "w", 1, "utf-8", "replace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", 1, "utf-8", "replace", closefd=False)  # noqa: SIM115
    if faulthandler.is_enabled():
        faulthandler.enable(sys.stderr)


@dataclass
class _Child:
    """A running call: its index, process, step pipe, captured stderr, result file, deadline."""

    index: int
    pid: int
    beats: int
    output: Path
    result: Path
    deadline: float | None
    page: int = 0
    weight: int = 1
    what: str = "opening it"
    buffered: bytes = field(default=b"")


def _fork(index: int, call: Call, limits: Limits) -> _Child:
    function, args = call
    read, write = os.pipe()
    handle, output = tempfile.mkstemp(prefix="pipeline-output-")
    result_handle, result = tempfile.mkstemp(prefix="pipeline-result-")
    os.close(result_handle)
    with forking():
        pid = os.fork()
    if pid == 0:  # the child: compute, leave the outcome in the file, exit
        try:
            os.close(read)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(handle, 1)
            os.dup2(handle, 2)
            _own_streams()
            _enter_child(limits, write)
            outcome: tuple[bool, Any] = (True, function(*args))
            _check_step()
        except BaseException as exc:  # noqa: BLE001  (raised again in the parent)
            outcome = (False, exc)
        try:
            try:
                data = pickle.dumps(outcome)
            except Exception as exc:  # noqa: BLE001  (an exception that does not pickle)
                data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {exc}")))
            Path(result).write_bytes(data)
        finally:
            os._exit(0)
    os.close(write)
    os.close(handle)
    with contextlib.suppress(OSError):  # (the child may have done it, or ended)
        os.setpgid(pid, pid)
    deadline = time.monotonic() + limits.step if limits.step else None
    return _Child(index, pid, read, Path(output), Path(result), deadline)


def _signal_name(number: int) -> str:
    with contextlib.suppress(ValueError):
        return signal.Signals(number).name
    return f"signal {number}"


def _outcome(child: _Child, status: int, file: str, limits: Limits) -> tuple[bool, Any]:
    """What the finished `child` returned or raised (a PipelineError saying how it died)."""
    page = child.page or None
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum == signal.SIGXCPU and limits.step:
            return False, PipelineError(
                f"timed out: {child.what} used more than {limits.step * child.weight:g} s of CPU "
                "(--timeout, seconds per page)", file=file, page=page)
        memory = f"{limits.memory / (1 << 30):g} GiB" if limits.memory else "no"
        return False, PipelineError(
            f"the PDF reader crashed ({_signal_name(signum)}): the file is damaged, or "
            f"reading it needs more memory than one PDF may use ({memory})",
            file=file, page=page)
    data = child.result.read_bytes() if child.result.exists() else b""
    if not data:
        return False, PipelineError("the PDF reader stopped without a result", file=file,
                                    page=page)
    ok, value = pickle.loads(data)
    if not ok and isinstance(value, PipelineError):
        value.located(file=file)
    if not ok and isinstance(value, MemoryError):
        value = PipelineError("reading it needs more memory than one PDF may use "
                              f"({(limits.memory or 0) / (1 << 30):g} GiB)", file=file,
                              page=page)
    return ok, value


def _show_output(child: _Child, file: str) -> None:
    """What the child wrote on stderr, in the log (seen with --verbose)."""
    with contextlib.suppress(OSError):
        text = child.output.read_text("utf-8", errors="replace")
        for line in text.splitlines():
            if line.strip():
                log.info("%s: %s", file, line)
    child.output.unlink(missing_ok=True)


def _timed_out(child: _Child, file: str, limits: Limits) -> PipelineError:
    seconds = limits.step * child.weight
    return PipelineError(f"timed out: {child.what} took more than {seconds:g} s (--timeout, "
                         "seconds per page)", file=file, page=child.page or None)


def run_limited(calls: Sequence[Call], files: Sequence[str], jobs: int, limits: Limits,
                meanwhile: Callable[[], None] | None = None,
                done: Callable[[int], None] | None = None) -> list[Any]:
    """Each call's result, in order, each call run in a forked child under `limits` (up to
    `jobs` at once, `meanwhile` running here once the last of them is started); `files[i]`
    names the file call i reads, in its errors. `done(i)` is called as call i finishes.

    The first call (in order) that fails has its error raised here once the calls before it
    have finished; the calls after it are stopped."""
    if not calls:
        if meanwhile is not None:
            meanwhile()
        return []
    if not can_fork():
        return _run_here(calls, limits, meanwhile, done)
    results: list[Any] = [None] * len(calls)
    failed: dict[int, BaseException] = {}
    running: dict[int, _Child] = {}
    waiting = list(range(len(calls)))
    try:
        def start() -> None:
            first_failure = min(failed, default=len(calls))
            while waiting and len(running) < max(1, jobs) and waiting[0] < first_failure:
                index = waiting.pop(0)
                running[index] = _fork(index, calls[index], limits)

        start()
        while running:
            if meanwhile is not None and not waiting:
                # Once every child is started: they are forked from this process as it was,
                # before `meanwhile` grows it (a smaller process forks faster, and its
                # children copy fewer of its pages as they write).
                meanwhile()
                meanwhile = None
            now = time.monotonic()
            deadlines = [c.deadline for c in running.values() if c.deadline is not None]
            wait = max(0.0, min(deadlines) - now) if deadlines else None
            by_fd = {c.beats: c for c in running.values()}
            ready, _, _ = select.select(list(by_fd), [], [], wait)
            for fd in ready:
                child = by_fd[fd]
                data = os.read(fd, 4096)
                if data:
                    child.buffered += data
                    *lines, child.buffered = child.buffered.split(b"\n")
                    if lines:
                        page, weight, child.what = lines[-1].decode().split(" ", 2)
                        child.page, child.weight = int(page), int(weight)
                        if limits.step:
                            child.deadline = time.monotonic() + limits.step * child.weight
                    continue
                _finish(child, running, results, failed, files, limits, done)
            now = time.monotonic()
            for child in [c for c in running.values()
                          if c.deadline is not None and c.deadline <= now]:
                _kill(child)
                failed[child.index] = _timed_out(child, files[child.index], limits)
                _forget(child, running, files[child.index])
            if failed:  # the calls after the first failure are no longer wanted
                first = min(failed)
                for child in [c for c in running.values() if c.index > first]:
                    _kill(child)
                    _forget(child, running, files[child.index])
            start()
    finally:
        for child in list(running.values()):
            _kill(child)
            _forget(child, running, files[child.index])
    if failed:
        raise failed[min(failed)]
    return results


def _finish(child: _Child, running: dict[int, _Child], results: list[Any],
            failed: dict[int, BaseException], files: Sequence[str], limits: Limits,
            done: Callable[[int], None] | None) -> None:
    """The child closed its end: wait for it, take its outcome."""
    _, status = os.waitpid(child.pid, 0)
    ok, value = _outcome(child, status, files[child.index], limits)
    _forget(child, running, files[child.index])
    if ok:
        results[child.index] = value
        if done is not None:
            done(child.index)
    else:
        failed[child.index] = value


def _kill(child: _Child) -> None:
    """Stop the child and anything it started, and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child.pid, 0)


def _forget(child: _Child, running: dict[int, _Child], file: str) -> None:
    running.pop(child.index, None)
    os.close(child.beats)
    child.result.unlink(missing_ok=True)
    _show_output(child, file)


def _run_here(calls: Sequence[Call], limits: Limits, meanwhile: Callable[[], None] | None,
              done: Callable[[int], None] | None) -> list[Any]:
    """The calls one after another in this process, each step under SIGALRM."""
    if meanwhile is not None:
        meanwhile()
    results = []
    for index, (function, args) in enumerate(calls):
        with alarm_per_step(limits.step):
            results.append(function(*args))
        if done is not None:
            done(index)
    return results


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` in a library swallows it."""


@contextlib.contextmanager
def alarm_per_step(seconds: float | None) -> Iterator[None]:
    """Raise PipelineError "timed out" when a step of the block (see `step`) runs longer than
    `seconds`. SIGALRM: the main thread of a POSIX process only (elsewhere, or with no limit,
    the block runs unbounded), and only between Python instructions."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _ring(signum: int, frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, _ring)
    _alarm.append(seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise PipelineError(f"timed out: one page took more than {seconds:g} s (--timeout, "
                            "seconds per page)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _alarm.clear()
        signal.signal(signal.SIGALRM, previous)

"""Calls spread over forked worker processes, which share what this process already imported
(pandas and the rest cost a second to import again): one after another here where the platform
cannot fork, or for one job."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

Call = tuple[Callable[..., Any], tuple[Any, ...]]


def cpus() -> int:
    """CPUs this process may run on (the affinity mask, as a container's limit shows it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers may be forked: not on macOS, whose system libraries may crash in a forked
    child (why Python stopped forking there by default), nor where there is no fork."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def forking() -> Iterator[None]:
    """Around a fork: what exists now frozen (shared with the children, whose collections then
    leave it be), and Python 3.12's warning of fork() with threads running kept quiet: ours are
    idle library pools (Arrow and OpenBLAS re-create theirs in a child), none holds a lock a
    child would wait for. A process that lives on (a notebook or a server using the pipeline)
    is left with nothing frozen it had not frozen itself: frozen objects are never collected."""
    thaw, pid = gc.get_freeze_count() == 0, os.getpid()
    gc.freeze()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*multi-threaded.*fork",
                                    category=DeprecationWarning)
            yield
    finally:
        if thaw and os.getpid() == pid:  # (a forked child keeps its copy frozen)
            gc.unfreeze()


def run_calls(calls: Sequence[Call], jobs: int,
              meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """Each call's result, in order. With jobs > 1 (and fork), in up to `jobs` forked workers,
    `meanwhile` running here while they work; else (or for one call and nothing meanwhile)
    `meanwhile` first, then the calls here.

    The first call (in order) that raises has its exception raised here, once every worker
    has stopped; calls not yet started are dropped.
    """
    if jobs <= 1 or not calls or not can_fork() or (len(calls) == 1 and meanwhile is None):
        if meanwhile is not None:
            meanwhile()
        return [function(*args) for function, args in calls]
    with forking():
        pool = ProcessPoolExecutor(min(jobs, len(calls)),
                                   mp_context=multiprocessing.get_context("fork"))
        try:
            futures = [pool.submit(function, *args) for function, args in calls]
            if meanwhile is not None:
                meanwhile()
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            pool.shutdown(wait=True)


class Background:
    """`function(*args)` run in a forked child while this process goes on (here, when first
    asked for, where workers cannot be forked): `result()` waits for it and returns its value
    or raises its exception. A plain fork, no thread: later forks stay as safe as the first."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._call: tuple[Callable[..., Any], tuple[Any, ...]] | None = (function, args)
        self._pid = 0
        if can_fork():
            handle, name = tempfile.mkstemp(prefix="pipeline-background-")
            os.close(handle)
            self._path = Path(name)
            with forking():
                self._pid = os.fork()
            if self._pid == 0:  # the child: compute, leave the outcome in the file, exit
                # A group of its own (its workers too), killed together by close(); and off
                # the caller's stdin/stdout/stderr, so no grandchild keeps a pipe open.
                os.setpgid(0, 0)
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                try:
                    outcome: tuple[bool, Any] = (True, function(*args))
                except BaseException as exc:  # noqa: BLE001  (raised again in the parent)
                    outcome = (False, exc)
                try:
                    self._path.write_bytes(pickle.dumps(outcome))
                finally:
                    os._exit(0)
            with contextlib.suppress(OSError):  # (the child may have done it, or ended)
                os.setpgid(self._pid, self._pid)

    def close(self) -> None:
        """Stop the child if its result is still unread (no longer wanted), remove its file."""
        if self._pid and self._call is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._pid, signal.SIGKILL)  # the child and any workers of its own
            os.waitpid(self._pid, 0)
            self._path.unlink(missing_ok=True)
        self._call = None

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def result(self) -> Any:
        """The call's value (its exception raised), waiting for the child to finish."""
        if self._call is None:
            raise RuntimeError("Background.result() called twice")
        function, args = self._call
        self._call = None
        if not self._pid:
            return function(*args)
        os.waitpid(self._pid, 0)
        try:
            data = self._path.read_bytes()
        finally:
            self._path.unlink(missing_ok=True)
        if not data:
            raise RuntimeError(f"the background call {function.__name__} died")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

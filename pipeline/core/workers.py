"""Calls spread over forked worker processes, which share what this process already imported
(pandas and the rest cost a second to import again): one after another here where the platform
cannot fork, or for one job."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
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


def run_calls(calls: Sequence[Call], jobs: int,
              meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """Each call's result, in order. With jobs > 1 (and fork), in up to `jobs` forked workers,
    `meanwhile` running here while they work; else `meanwhile` first, then the calls here.

    The first call (in order) that raises has its exception raised here, once every worker
    has stopped; calls not yet started are dropped.
    """
    if jobs <= 1 or not calls or not can_fork():
        if meanwhile is not None:
            meanwhile()
        return [function(*args) for function, args in calls]
    with warnings.catch_warnings():
        # Python 3.12+ warns of fork() with threads running: ours are idle library pools
        # (Arrow and OpenBLAS re-create theirs in a child), none holds a lock across the fork.
        warnings.filterwarnings("ignore", message=r".*multi-threaded.*fork",
                                category=DeprecationWarning)
        gc.freeze()  # what exists now is shared: the children's collections leave it be
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

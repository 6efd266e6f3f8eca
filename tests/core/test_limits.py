"""Calls run in limited children: results in order, a step stuck in C killed from outside, a
time limit per step (not per call), memory capped, a child's stderr kept off ours."""

from __future__ import annotations

import os
import re

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.limits import Limits, run_limited, step
from pipeline.core.workers import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="limits need forked children")


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_results_come_back_in_order_each_from_a_child_of_its_own() -> None:
    done = []
    results = run_limited([(_pid_and_square, (n,)) for n in range(5)],
                          [f"{n}.pdf" for n in range(5)], 2, Limits(step=60), done=done.append)
    assert [square for _, square in results] == [n * n for n in range(5)]
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids and len(pids) == 5
    assert sorted(done) == list(range(5))


def _stuck_in_c() -> None:
    step(3)
    # Catastrophic backtracking: C code that runs for ages and never lets a Python signal
    # handler (SIGALRM) in.
    re.match(r"(a+)+$", "a" * 64 + "b")


@pytest.mark.slow
def test_a_step_stuck_in_c_code_is_killed_and_named() -> None:
    with pytest.raises(PipelineError) as raised:
        run_limited([(_stuck_in_c, ())], ["stuck.pdf"], 1, Limits(step=1))
    assert str(raised.value) == ("stuck.pdf: page 3: timed out: page 3 took more than 1 s "
                                 "(--timeout, seconds per page)")


def _many_steps(count: int) -> int:
    import time

    for page in range(1, count + 1):
        step(page)
        time.sleep(0.01)
    return count


@pytest.mark.slow
def test_the_time_limit_is_per_step_not_per_call() -> None:
    # 300 steps of 10 ms: 3 s in all, each step far inside its 2 s.
    assert run_limited([(_many_steps, (300,))], ["long.pdf"], 1, Limits(step=2)) == [300]


def _sleep_then_step(seconds: float) -> None:
    import time

    step(1)
    time.sleep(seconds)
    step(2)


def test_a_step_that_overran_is_a_timeout_even_if_it_ended() -> None:
    """The child checks each step's time as the next begins: a limit is kept even while this
    process was busy elsewhere (the step took 0.5 s, the limit was 0.1 s)."""
    with pytest.raises(PipelineError, match=r"^slow\.pdf: page 1: timed out: page 1 took"):
        run_limited([(_sleep_then_step, (0.5,))], ["slow.pdf"], 1, Limits(step=0.1))


def _one_step_over_many_pages(pages: int, seconds: float) -> str:
    import time

    step(what="cleaning", pages=pages)
    time.sleep(seconds)
    return "clean"


def test_a_step_over_many_pages_gets_their_time() -> None:
    # 0.3 s for a step of 20 pages at 0.1 s each (2 s), where one page's time would not do
    assert run_limited([(_one_step_over_many_pages, (20, 0.3))], ["long.pdf"], 1,
                       Limits(step=0.1)) == ["clean"]
    with pytest.raises(PipelineError, match="timed out: cleaning took more than 0.1 s"):
        run_limited([(_one_step_over_many_pages, (1, 0.3))], ["long.pdf"], 1, Limits(step=0.1))


def _allocate(megabytes: int) -> int:
    block = bytearray(megabytes << 20)
    return len(block)


def test_memory_beyond_the_limit_is_one_error_naming_the_file() -> None:
    with pytest.raises(PipelineError, match=r"^big\.pdf: reading it needs more memory"):
        run_limited([(_allocate, (512,))], ["big.pdf"], 1, Limits(step=60, memory=256 << 20))
    # within the limit the same call succeeds
    assert run_limited([(_allocate, (64,))], ["ok.pdf"], 1,
                       Limits(step=60, memory=256 << 20)) == [64 << 20]


def _fail_on(n: int, bad: int) -> int:
    if n == bad:
        raise PipelineError(f"call {n} failed", page=n)
    return n


@pytest.mark.parametrize("jobs", [1, 3])
def test_the_first_failing_call_is_raised_located_at_its_file(jobs) -> None:
    with pytest.raises(PipelineError) as raised:
        run_limited([(_fail_on, (n, 2)) for n in range(5)] + [(_fail_on, (9, 9))],
                    [f"{n}.pdf" for n in range(6)], jobs, Limits(step=60))
    assert str(raised.value) == "2.pdf: page 2: call 2 failed"


def _noisy() -> str:
    import sys

    os.write(2, b"a C library's warning\n")
    print("a stray print", file=sys.stderr)
    return "read"


def test_a_childs_stderr_is_kept_off_ours(capfd) -> None:
    assert run_limited([(_noisy, ())], ["noisy.pdf"], 1, Limits(step=60)) == ["read"]
    assert capfd.readouterr().err == ""


def _crash() -> None:
    os.kill(os.getpid(), 11)


def test_a_crashed_child_is_one_error() -> None:
    with pytest.raises(PipelineError, match=r"^crash\.pdf: the PDF reader crashed \(SIGSEGV\)"):
        run_limited([(_crash, ())], ["crash.pdf"], 1, Limits(step=60))

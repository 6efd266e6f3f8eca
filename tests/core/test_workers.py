"""Calls spread over forked workers: results in order, the first failure raised, the work done
in other processes while `meanwhile` runs here."""

from __future__ import annotations

import gc
import os

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.workers import Background, can_fork, cpus, run_calls


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fail_on(n: int, bad: int) -> int:
    if n == bad:
        raise PipelineError(f"call {n} failed", file=f"{n}.pdf", page=n)
    return n


def test_results_come_back_in_order_from_worker_processes() -> None:
    if not can_fork():
        pytest.skip("this platform does not fork")
    ran = []
    results = run_calls([(_pid_and_square, (n,)) for n in range(6)], 2,
                        meanwhile=lambda: ran.append(os.getpid()))
    assert [square for _, square in results] == [n * n for n in range(6)]
    assert os.getpid() not in {pid for pid, _ in results}  # the workers did the calls
    assert ran == [os.getpid()]  # meanwhile ran here, once


def test_one_job_runs_here_meanwhile_first() -> None:
    order = []
    results = run_calls([(lambda: order.append("call") or os.getpid(), ())], 1,
                        meanwhile=lambda: order.append("meanwhile"))
    assert results == [os.getpid()] and order == ["meanwhile", "call"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_first_failing_call_is_raised_with_its_location(jobs) -> None:
    with pytest.raises(PipelineError) as raised:
        run_calls([(_fail_on, (n, 3)) for n in range(6)] + [(_fail_on, (9, 9))], jobs)
    assert str(raised.value) == "3.pdf: page 3: call 3 failed"


def test_no_calls_no_workers() -> None:
    assert run_calls([], 4) == []


def test_cpus_counts_what_this_process_may_use() -> None:
    assert 1 <= cpus() <= (os.cpu_count() or 1)


def _slow_pid(seconds: float) -> int:
    import time

    time.sleep(seconds)
    return os.getpid()


@pytest.mark.slow
def test_background_runs_in_a_child_while_this_process_goes_on() -> None:
    import time

    begin = time.perf_counter()
    with Background(_slow_pid, 0.5) as child:
        here = time.perf_counter() - begin
        pid = child.result()
    assert here < 0.4  # the constructor did not wait for the call
    assert pid != os.getpid() or not can_fork()


def test_background_raises_the_calls_exception_here() -> None:
    with Background(_fail_on, 3, 3) as child, pytest.raises(PipelineError) as raised:
        child.result()
    assert str(raised.value) == "3.pdf: page 3: call 3 failed"


def test_a_background_call_no_longer_wanted_is_stopped() -> None:
    import time

    begin = time.perf_counter()
    with Background(_slow_pid, 30):
        pass
    assert time.perf_counter() - begin < 10


@pytest.mark.slow
def test_a_stopped_background_call_leaves_no_worker_holding_the_callers_pipes() -> None:
    """Its own workers are stopped with it: a caller reading this process's output to the end
    (as make and subprocess do) is not kept waiting by an orphan."""
    import subprocess
    import sys
    import time

    if not can_fork():
        pytest.skip("this platform does not fork")
    script = (
        "import time\n"
        "from pipeline.core.workers import Background, run_calls\n"
        "def sleepy(n): time.sleep(60)\n"
        "def many(): return run_calls([(sleepy, (n,)) for n in range(2)], 2)\n"
        "with Background(many):\n"
        "    time.sleep(1)\n"  # its workers are running by now
        "print('done')\n"
    )
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout == "done\n", done.stderr
    assert time.perf_counter() - begin < 30


def test_workers_share_frozen_objects_but_nothing_stays_frozen_here() -> None:
    # Frozen objects are never collected: a notebook or server running builds must not keep
    # everything that existed at each fork. The children keep theirs frozen (no copy-on-write
    # from their collections).
    if not can_fork():
        pytest.skip("this platform does not fork")
    gc.unfreeze()  # (whatever an earlier test left)
    frozen = run_calls([(gc.get_freeze_count, ()) for _ in range(3)], 2)
    assert all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0
    with Background(gc.get_freeze_count) as child:
        assert gc.get_freeze_count() == 0
        assert child.result() > 0
    assert gc.get_freeze_count() == 0


def test_what_a_caller_froze_stays_frozen() -> None:
    if not can_fork():
        pytest.skip("this platform does not fork")
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        run_calls([(abs, (n,)) for n in range(3)], 2)
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()

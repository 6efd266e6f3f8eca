"""Calls spread over forked workers: results in order, the first failure raised, the work done
in other processes while `meanwhile` runs here."""

from __future__ import annotations

import gc
import os
from pathlib import Path

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


def _pid_once_told(go: Path) -> int:
    """This process's id, once the file `go` exists (given up after a minute)."""
    import time

    for _ in range(6000):
        if go.exists():
            return os.getpid()
        time.sleep(0.01)
    return -1


def test_background_runs_in_a_child_while_this_process_goes_on(tmp_path) -> None:
    """The child waits for a file this process writes only after the constructor returned:
    had the constructor waited for the call, the call would never have seen it."""
    go = tmp_path / "go"
    with Background(_pid_once_told, go) as child:
        go.touch()
        pid = child.result()
    assert pid != -1
    assert pid != os.getpid() or not can_fork()


def test_background_raises_the_calls_exception_here() -> None:
    with Background(_fail_on, 3, 3) as child, pytest.raises(PipelineError) as raised:
        child.result()
    assert str(raised.value) == "3.pdf: page 3: call 3 failed"


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, killed but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the process itself
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _write_pid_then_sleep(where: Path) -> None:
    import time

    where.write_text(str(os.getpid()))
    time.sleep(600)


def test_a_background_call_no_longer_wanted_is_stopped(tmp_path) -> None:
    if not can_fork():
        pytest.skip("this platform does not fork")
    import time

    where = tmp_path / "pid"
    with Background(_write_pid_then_sleep, where):
        while not where.exists() or not where.read_text():
            time.sleep(0.01)
    assert not _running(int(where.read_text()))  # stopped on leaving


@pytest.mark.slow
def test_a_stopped_background_call_leaves_no_worker_holding_the_callers_pipes(tmp_path) -> None:
    """Its own workers are stopped with it: a caller reading this process's output to the end
    (as make and subprocess do) is not kept waiting by an orphan."""
    import subprocess
    import sys

    if not can_fork():
        pytest.skip("this platform does not fork")
    pids = tmp_path / "pids"
    pids.mkdir()
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from pipeline.core.workers import Background, run_calls\n"
        f"folder = Path({str(pids)!r})\n"
        "def sleepy(n):\n"
        "    (folder / str(os.getpid())).touch()\n"
        "    time.sleep(600)\n"
        "def many(): return run_calls([(sleepy, (n,)) for n in range(2)], 2)\n"
        "with Background(many):\n"
        "    while len(list(folder.iterdir())) < 2:\n"  # its workers are running now
        "        time.sleep(0.01)\n"
        "print('done')\n"
    )
    # An orphan holding the pipes would keep this waiting for its 600 s sleep (the timeout
    # only stops a broken run from hanging the suite: no time is asserted).
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and done.stdout == "done\n", done.stderr
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2 and not [pid for pid in workers if _running(pid)]


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

"""Items run in forked children, one each, their results given back as they finish."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.cpu_slots import MKDOCS, RENDER, CpuSlots
from generator.forked import ChildFailed, completed_forked, run_forked, started_forked


def slow_square(number: int) -> tuple[int, int]:
    time.sleep(0.3 if number == 1 else 0)
    return number * number, os.getpid()


def test_results_come_back_as_children_finish() -> None:
    results = list(completed_forked(slow_square, [1, 2, 3], workers=2))
    assert [square for square, _ in results] == [4, 9, 1]  # 1 sleeps while 2 and 3 finish
    pids = {pid for _, pid in results}
    assert len(pids) == 3 and os.getpid() not in pids  # a child per item


def fail_on_two(number: int) -> int:
    if number == 2:
        raise ValueError("two is not allowed")
    return number


def test_a_childs_exception_is_raised_here_as_itself() -> None:
    with pytest.raises(ValueError, match="two is not allowed"):
        list(completed_forked(fail_on_two, [1, 2, 3], workers=2))


def die(number: int) -> int:
    os._exit(3)


def test_a_child_that_dies_is_an_error() -> None:
    with pytest.raises(ChildFailed, match="died"):
        list(completed_forked(die, [1, 2], workers=2))


def test_one_worker_runs_the_items_here() -> None:
    assert [pid for _, pid in completed_forked(slow_square, [2, 3], workers=1)] == [os.getpid()] * 2


def test_one_item_runs_in_a_child_of_its_own() -> None:
    assert run_forked(lambda _: os.getpid(), None) != os.getpid()


def timed_child(number: int) -> tuple[float, float]:
    started = time.monotonic()
    time.sleep(0.2)
    return started, time.monotonic()


def long_child(number: int) -> tuple[float, float]:
    started = time.monotonic()
    time.sleep(1.0)
    return started, time.monotonic()


def test_children_hold_the_slots_they_run_in() -> None:
    # Three children allowed, one slot: they run one after the other, not side by side.
    slots = CpuSlots(1)
    spans = sorted(completed_forked(timed_child, [1, 2, 3], workers=3, slots=slots))
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:], strict=False))


def test_a_slot_given_back_by_a_thread_starts_the_next_child() -> None:
    slots = CpuSlots(2)
    held = threading.Event()
    released: list[float] = []

    def busy_thread() -> None:
        with slots.held(MKDOCS):
            held.set()
            time.sleep(0.3)
        released.append(time.monotonic())

    thread = threading.Thread(target=busy_thread)
    thread.start()
    held.wait()
    results = list(completed_forked(long_child, [1, 2], workers=2, slots=slots))
    thread.join()
    # One slot was free: the first child ran at once. The second waited for the thread's slot,
    # not for the first child's end, and started as soon as it came back.
    first, second = sorted(results)
    assert released[0] <= second[0] < first[1]


def test_a_render_goes_before_a_mkdocs_run_that_asked_first() -> None:
    slots = CpuSlots(1)
    order: list[str] = []
    slots.wait(first := slots.ask(MKDOCS))
    waiting = slots.ask(MKDOCS)
    urgent = slots.ask(RENDER)
    assert not slots.take(waiting) and not slots.take(urgent)  # no slot free
    slots.release()
    assert not slots.take(waiting)  # the render's turn
    assert slots.take(urgent)
    order.append("render")
    slots.release()
    assert slots.take(waiting)
    order.append("mkdocs")
    slots.release()
    assert order == ["render", "mkdocs"] and first != waiting


def test_a_started_child_runs_while_the_block_goes_on() -> None:
    with started_forked(timed_child, 0) as collect:
        here = time.monotonic()
        time.sleep(0.2)
        started, ended = collect()
    assert started < here + 0.2 and ended > here  # both slept at once
    with pytest.raises(ValueError, match="two is not allowed"), started_forked(
        fail_on_two, 2
    ) as collect:
        collect()


def sleep_long(pid_file: Path) -> None:
    pid_file.write_text(str(os.getpid()))
    time.sleep(60)


def test_a_started_child_not_collected_is_stopped(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with started_forked(sleep_long, pid_file):
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.01)
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left sleeping
        os.kill(int(pid_file.read_text()), 0)

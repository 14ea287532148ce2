"""Items run in forked children, one each, their results given back as they finish."""

from __future__ import annotations

import os
import time

import pytest

from generator.forked import ChildFailed, completed_forked, run_forked


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

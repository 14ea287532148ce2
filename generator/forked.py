"""Run one function over a few items in forked worker processes, when the platform can fork.

The render stage works on the whole site index, once per locale. Forked workers inherit the
index as it is in memory: nothing is pickled on the way in, only each result on the way back.
Where ``fork`` is not available (Windows, or one worker asked), the items run in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The function the forked workers run: set just before they are forked, read by them.
_task: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def completed_forked(function: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """``function(item)`` for each item, with up to ``workers`` forked processes, each result
    as soon as it is ready (in the order they finish). An item's exception is raised here."""
    global _task
    workers = min(workers, len(items))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(item) for item in items)
        return
    _task = function
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_run, item) for item in items]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()
    finally:
        _task = None

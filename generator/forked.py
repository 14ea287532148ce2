"""Run one function over a few items in forked child processes, when the platform can fork.

The render stage works on the whole site index, once per locale. A forked child inherits the
index as it is in memory: nothing is pickled on the way in, only each result on the way back.
Each item gets a child of its own, which ends as soon as its result is sent: its memory is
given back then, not when the last item is done. Where ``fork`` is not available (Windows, or
one worker asked), the items run in this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import selectors
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from typing import Any, TypeVar

from .collector import collect_own_objects
from .cpu_slots import RENDER, CpuSlots, Ticket

T = TypeVar("T")
R = TypeVar("R")


class ChildFailed(Exception):
    """A forked child raised an exception that could not be sent back as itself, or died."""


def completed_forked(
    function: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    slots: CpuSlots | None = None,
    priority: int = RENDER,
    *,
    announce: Callable[[T], R | None] | None = None,
    at_once: int | None = None,
) -> Iterator[R]:
    """``function(item)`` for each item in forked children, each result as soon as it is ready
    (in the order they finish); an item's exception is raised here. With ``workers`` under 2,
    or where processes cannot fork, the items run here, one after the other.

    At most ``at_once`` children run at once (``workers`` by default); with ``slots``, each
    also holds one of the build's CPU slots while it runs. ``announce(item)``, when it returns
    something, is given out as soon as the item's child has started, before any result."""
    if workers < 2 or not hasattr(os, "fork"):
        for item in items:
            with slots.held(priority) if slots is not None else nullcontext():
                result = function(item)
            yield result
        return
    limit = at_once or workers
    # Objects the children only read stay shared: the collector would write to every one.
    gc.freeze()
    pending = list(items)
    running: dict[int, tuple[int, bytearray]] = {}  # pipe → (child, what it sent so far)
    selector = selectors.DefaultSelector()
    ticket: list[Ticket] = []  # the slot asked for and not yet taken
    announced: list[R] = []

    def start_more() -> None:
        while pending and len(running) < limit:
            if slots is not None:
                if not ticket:
                    ticket.append(slots.ask(priority))
                if not running:
                    slots.wait(ticket[0])  # nothing else to wait for
                elif not slots.take(ticket[0]):
                    return  # a child's end or a slot given back wakes the select
                ticket.clear()
            item = pending.pop(0)
            pipe, child = _start(function, item)
            running[pipe] = (child, bytearray())
            selector.register(pipe, selectors.EVENT_READ)
            news = announce(item) if announce is not None else None
            if news is not None:
                announced.append(news)

    exits = ExitStack()
    wake = exits.enter_context(slots.watch()) if slots is not None else -1
    if slots is not None:
        selector.register(wake, selectors.EVENT_READ)
    try:
        while pending or running:
            start_more()
            while announced:
                yield announced.pop(0)
            finished: list[tuple[bytes, int]] = []
            for key, _ in selector.select():
                pipe = key.fd
                if pipe == wake:
                    CpuSlots.drain(wake)
                    continue
                chunk = os.read(pipe, 1 << 20)
                if chunk:
                    running[pipe][1].extend(chunk)
                    continue
                selector.unregister(pipe)
                os.close(pipe)
                child, data = running.pop(pipe)
                _, status = os.waitpid(child, 0)
                if slots is not None:
                    slots.release()
                finished.append((bytes(data), status))
            if finished:
                start_more()  # before the results go out: the freed slots are the next child's
            while announced:
                yield announced.pop(0)
            for sent, status in finished:
                yield _result(sent, status)
    finally:
        if ticket and slots is not None:
            slots.drop(ticket[0])
        for pipe, (child, _) in running.items():
            selector.unregister(pipe)
            os.close(pipe)
            _end(child)
            if slots is not None:
                slots.release()
        selector.close()
        exits.close()
        gc.unfreeze()


def run_forked(
    function: Callable[[T], R], item: T, slots: CpuSlots | None = None, priority: int = RENDER
) -> R:
    """``function(item)`` in a forked child (here where processes cannot fork): the memory it
    takes is given back as soon as it is done."""
    return next(completed_forked(function, [item], 2, slots, priority))


@contextmanager
def started_forked(function: Callable[[T], R], item: T) -> Iterator[Callable[[], R]]:
    """``function(item)`` started at once in a forked child, while the block goes on here; the
    block's ``collect()`` waits for its result (an exception of the child's is raised there).
    A child not collected when the block ends is stopped. Where processes cannot fork,
    ``collect()`` runs the function here."""
    if not hasattr(os, "fork"):
        yield lambda: function(item)
        return
    pipe, child = _start(function, item)
    waiting = [True]

    def collect() -> R:
        waiting.clear()
        with os.fdopen(pipe, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(child, 0)
        result: R = _result(data, status)
        return result

    try:
        yield collect
    finally:
        if waiting:
            os.close(pipe)
            _end(child)


def _start(function: Callable[[T], R], item: T) -> tuple[int, int]:
    """Fork a child that runs ``function(item)`` and sends the outcome; (pipe, child's pid)."""
    reader, writer = os.pipe()
    child = os.fork()
    if child:
        os.close(writer)
        return reader, child
    os.close(reader)
    collect_own_objects()
    try:
        try:
            outcome = pickle.dumps(("result", function(item)))
        except BaseException as error:  # sent back whole when it can be
            text = "".join(traceback.format_exception(error))
            try:
                outcome = pickle.dumps(("error", error, text))
            except Exception:
                outcome = pickle.dumps(("error", None, text))
        with os.fdopen(writer, "wb") as out:
            out.write(outcome)
    finally:
        os._exit(0)


def _result(data: bytes, status: int) -> Any:
    try:
        outcome = pickle.loads(data)
    except Exception as exc:
        raise ChildFailed(f"a forked child died (wait status {status})") from exc
    if outcome[0] == "result":
        return outcome[1]
    _, error, text = outcome
    if isinstance(error, BaseException):
        raise error
    raise ChildFailed(text)


def _end(child: int) -> None:
    try:
        os.kill(child, 9)
        os.waitpid(child, 0)
    except OSError:
        pass

"""How many of one build's CPU-bound processes run at once, and which goes next.

A build runs a render child per locale and a MkDocs process per locale. On this project's
2-core machine, a third busy process costs every one of them about half again its CPU time
(three MkDocs runs side by side took 17.2 s of user time each; two at a time, 10.7 s), so the
render children and the MkDocs runs share one budget of slots, one per core. A waiter with a
lower priority number goes first — a locale's render before another locale's MkDocs run: a
rendered locale is what the next MkDocs run waits for — then in the order they asked.

Threads wait with ``held``. The forked-children loop (``forked.completed_forked``), which
also waits for its children's pipes, asks for a ticket, tries ``take`` and watches a wake-up
pipe of its own (``watch``): it becomes readable whenever a slot is given back.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import threading
from collections.abc import Iterator

#: Priorities: a render child goes before a MkDocs run, which goes before the extra outputs.
RENDER, MKDOCS, EXTRAS = 0, 1, 2

Ticket = tuple[int, int]


class CpuSlots:
    """``count`` slots; a process holds one while it runs."""

    def __init__(self, count: int) -> None:
        self.count = max(1, count)
        self._free = self.count
        self._queue: list[Ticket] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._wakes: dict[int, int] = {}  # reader → writer of each watcher's pipe

    @contextlib.contextmanager
    def watch(self) -> Iterator[int]:
        """A pipe that becomes readable each time a slot is given back, while the block runs
        (``drain`` empties it)."""
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        with self._changed:
            self._wakes[reader] = writer
        try:
            yield reader
        finally:
            with self._changed:
                del self._wakes[reader]
            os.close(reader)
            os.close(writer)

    @staticmethod
    def drain(reader: int) -> None:
        """Empty a watcher's pipe."""
        with contextlib.suppress(BlockingIOError):
            while os.read(reader, 4096):
                pass

    def ask(self, priority: int) -> Ticket:
        """Queue for a slot; ``take`` gets it once it is this ticket's turn."""
        ticket = (priority, next(self._order))
        with self._changed:
            heapq.heappush(self._queue, ticket)
        return ticket

    def take(self, ticket: Ticket) -> bool:
        """Take the slot this ticket waits for, when one is free and it is its turn."""
        with self._changed:
            return self._take(ticket)

    def wait(self, ticket: Ticket) -> None:
        """Block until this ticket's slot is taken."""
        with self._changed:
            self._changed.wait_for(lambda: self._take(ticket))

    def drop(self, ticket: Ticket) -> None:
        """Leave the queue without a slot."""
        with self._changed:
            if ticket in self._queue:
                self._queue.remove(ticket)
                heapq.heapify(self._queue)
                self._changed.notify_all()

    def release(self) -> None:
        """Give a slot back."""
        with self._changed:
            self._free += 1
            self._changed.notify_all()
            for writer in self._wakes.values():
                with contextlib.suppress(BlockingIOError):  # full: a wake-up is pending
                    os.write(writer, b".")

    @contextlib.contextmanager
    def held(self, priority: int) -> Iterator[None]:
        """Hold a slot while the block runs."""
        ticket = self.ask(priority)
        try:
            self.wait(ticket)
        except BaseException:
            self.drop(ticket)
            raise
        try:
            yield
        finally:
            self.release()

    def _take(self, ticket: Ticket) -> bool:
        if self._free > 0 and self._queue and self._queue[0] == ticket:
            heapq.heappop(self._queue)
            self._free -= 1
            self._changed.notify_all()  # the next in line may go too
            return True
        return False

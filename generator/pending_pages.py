"""A locale's docs tree read by its MkDocs run while the render child is still writing it.

A locale rendered anew used to be written whole before its MkDocs run started: the render of
the first locale was all MkDocs waited for (22% of a clean build at N = 1,000). Now the run
starts with the render. The render child first lists in a log beside the tree every page it
will write, in MkDocs' order (the run takes its pages from that list, not from a walk of the
folder: creating every file empty first cost 2 s per locale at N = 1,000 on this machine's
disk); it then renders the pages in that order, each file written whole before its path goes
into the log. The run waits for a page's path before reading it.

The log holds one line per event: a page to come (``PAGE`` and its docs path), ``READY`` once
all are listed, a page's docs path once written, or ``FAILED`` — written by the build when the
render child failed, so the run stops instead of waiting. A run whose parent (the build) has
gone stops too.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .run_settings import BUILD_PROCESS

READY = "\0ready"
FAILED = "\0failed"
PAGE = "\0page "
#: How long a run sleeps between two looks at the log, when the page it needs is not written.
POLL_SECONDS = 0.005


class RenderStopped(Exception):
    """The render child stopped (or the build did) before writing the page a run waits for."""


def log_file(docs_dir: Path) -> Path:
    """The log of a docs tree being written, beside it: ``<locale>.written``."""
    return docs_dir.with_name(docs_dir.name + ".written")


class PagesLog:
    """The render child's side: list the pages to come, then say each page once written."""

    def __init__(self, log: Path) -> None:
        self._handle = log.open("a", encoding="utf-8")

    def announce(self, paths: Iterable[str]) -> None:
        """List the pages to come, in the order they will be written; then ``READY``."""
        self._handle.write("".join(f"{PAGE}{path}\n" for path in paths) + READY + "\n")
        self._handle.flush()

    def line(self, text: str) -> None:
        self._handle.write(text + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> PagesLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def mark_failed(log: Path) -> None:
    """Tell a run waiting on this log that no more pages will come."""
    with log.open("a", encoding="utf-8") as handle:
        handle.write(FAILED + "\n")


class PendingPages:
    """A run's side (and its helper's, after a fork: the log is read at explicit offsets)."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.written: set[str] = set()
        #: The pages to come, in the order they are written (complete once ``ready``).
        self.pages: list[str] = []
        self.ready = False
        self.failed = False
        # The build that started this run (its parent, when it was not forked from a server).
        self._build = int(os.environ.get(BUILD_PROCESS) or os.getppid())
        self._fd = os.open(log, os.O_RDONLY)
        self._offset = 0
        self._rest = b""

    def wait_ready(self) -> None:
        """Wait until every page to come is listed (``pages``)."""
        self._wait(lambda: self.ready, "the list of pages")

    def wait_for(self, path: str) -> None:
        """Wait until the page at this docs path is written."""
        if path not in self.written:
            self._wait(lambda: path in self.written, path)

    def _wait(self, done: Callable[[], bool], what: str) -> None:
        while True:
            self._read()
            if done():
                return
            if self.failed:
                raise RenderStopped(f"the render stopped before writing {what}")
            if not _alive(self._build):
                raise RenderStopped(f"the build stopped before {what} was written")
            time.sleep(POLL_SECONDS)

    def _read(self) -> None:
        while chunk := os.pread(self._fd, 1 << 20, self._offset):
            self._offset += len(chunk)
            *lines, self._rest = (self._rest + chunk).split(b"\n")
            for line in lines:
                text = line.decode("utf-8")
                if text.startswith(PAGE):
                    self.pages.append(text[len(PAGE) :])
                elif text == READY:
                    self.ready = True
                elif text == FAILED:
                    self.failed = True
                else:
                    self.written.add(text)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but another user's: not ours any more
        return False
    return True

"""A second process that builds a locale's pages alongside its MkDocs run, page by page.

Three locales on two cores: two MkDocs runs side by side, then the third alone, one core idle.
So at its first page, a locale's run forks a helper, at the lowest priority: both walk MkDocs'
list of pages, and each page is built by whichever process claims it first (a flag per page in
shared memory). While other runs and renders keep the cores busy the helper claims few pages;
once they are done, the two share the pages left. The pages are the same as one process makes;
only who writes each file differs.

The helper sends back what the run records of its pages (``PageCache.new``: search entries,
anchors, links), the cache hits it made, and its log records; the run takes them in before
MkDocs checks the anchors and the search plugin writes its index. A helper that fails sends its
error, which fails the run.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
from dataclasses import dataclass, field
from typing import Any

from mkdocs.exceptions import BuildError


class HelperFailed(BuildError):
    """The helper process could not build a page, or died (MkDocs reports it and aborts)."""


class _Collect(logging.Handler):
    """The helper's log records, to be logged again by the run."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@dataclass
class PageHelper:
    """The helper of one run: the shared claims and the pipe its results come back by."""

    claims: Any
    lock: Any
    reader: int
    writer: int
    pid: int = 0
    in_helper: bool = False
    logs: _Collect = field(default_factory=_Collect)

    @classmethod
    def start(cls, pages: int) -> PageHelper | None:
        """Fork the helper of a run of ``pages`` pages (None where processes cannot fork)."""
        if pages < 2 or (os.cpu_count() or 1) < 2:
            return None
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        context = multiprocessing.get_context("fork")
        reader, writer = os.pipe()
        helper = cls(context.RawArray("b", pages), context.Lock(), reader, writer)
        pid = os.fork()
        if pid == 0:
            # Idle cores only: while the other locales' runs and renders are busy, the helper
            # waits; once they are done, it takes the core they leave.
            os.nice(19)
            helper.in_helper = True
            os.close(reader)
            logger = logging.getLogger("mkdocs")
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(helper.logs)
        else:
            helper.pid = pid
            os.close(writer)
        return helper

    def claim(self, position: int) -> bool:
        """Whether this process builds the page at ``position`` (the first to ask does)."""
        with self.lock:
            if self.claims[position]:
                return False
            self.claims[position] = 1
            return True

    def finish(self, results: dict[str, Any]) -> None:
        """In the helper: send the results and end the process."""
        self._send({**results, "logs": self.logs.records})
        os._exit(0)

    def fail(self, error: BaseException) -> None:
        """In the helper: send the error and end the process."""
        self._send({"error": f"{type(error).__name__}: {error}", "logs": self.logs.records})
        os._exit(1)

    def _send(self, message: dict[str, Any]) -> None:
        data = pickle.dumps(message)
        with os.fdopen(self.writer, "wb") as out:
            out.write(data)

    def collect(self) -> dict[str, Any]:
        """In the run: the helper's results once it has ended; its log records logged here."""
        with os.fdopen(self.reader, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            message: dict[str, Any] = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError) as exc:
            raise HelperFailed(f"the page helper died (status {status})") from exc
        for name, level, text in message.get("logs", ()):
            logging.getLogger(name).log(level, text)
        if "error" in message:
            raise HelperFailed(f"the page helper failed: {message['error']}")
        return message

    def stop(self) -> None:
        """In the run, when it fails: end the helper if it is still running."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0

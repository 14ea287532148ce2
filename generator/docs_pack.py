"""A locale's docs pages in one file, the pack, read by its MkDocs run as they are written.

On this machine's disk a new file costs more than its writing: ext4 without a journal skips, for
every inode it hands out, each one freed within the last minutes (``recently_deleted`` and the
lookups it makes: a quarter of the samples of ``perf record -a`` over a clean build at
N = 100). A docs tree of one file per page made a new inode per page and locale — half again
as many as MkDocs' own output. So the pages of a locale are written into one file:
``<locale>.pages`` beside the locale's docs folder, which keeps only the assets.

The pack is also how the run reads the pages while the render child is still writing them:
the child first lists every page it will write, in MkDocs' order (the run takes its pages from
that list), then appends each page whole once rendered. The run waits for a page before reading
it; a run whose build has gone, or whose pack says ``FAILED`` (written by the build when the
render child failed), stops instead of waiting.

Records, one after another: ``PAGE`` and a docs path (a page to come); ``READY`` once all are
listed; ``WRITTEN``, a docs path, a tab and a byte count, then that many bytes of the page and
a newline; ``FAILED``. Each header ends with a newline. A page written twice is read as last
written.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .run_settings import BUILD_PROCESS

PAGE = b"\0page "
READY = b"\0ready"
WRITTEN = b"\0written "
FAILED = b"\0failed"
#: How long a run sleeps between two looks at the pack, when the page it needs is not written.
POLL_SECONDS = 0.005
#: How much of the pack is read at once.
CHUNK = 1 << 20


class RenderStopped(Exception):
    """The render child stopped (or the build did) before writing the page a run waits for."""


class PackError(Exception):
    """A pack that cannot be read: not one this version writes, or cut short."""


def pack_file(docs_dir: Path) -> Path:
    """The pack of a locale's docs folder, beside it: ``<locale>.pages``."""
    return docs_dir.with_name(docs_dir.name + ".pages")


class PackWriter:
    """The render child's side: list the pages to come, then write each page whole."""

    def __init__(self, pack: Path) -> None:
        self._handle = pack.open("ab")

    def announce(self, paths: Iterable[str]) -> None:
        """List the pages to come, in the order they will be written; then ``READY``."""
        listed = b"".join(PAGE + path.encode() + b"\n" for path in paths)
        self._handle.write(listed + READY + b"\n")
        self._handle.flush()

    def page(self, path: str, text: str | bytes) -> None:
        """Write a page, whole, in one write."""
        data = text.encode() if isinstance(text, str) else text
        header = WRITTEN + f"{path}\t{len(data)}\n".encode()
        self._handle.write(header + data + b"\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> PackWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def mark_failed(pack: Path) -> None:
    """Tell a run waiting on this pack that no more pages will come."""
    with pack.open("ab") as handle:
        handle.write(FAILED + b"\n")


class PackReader:
    """A run's side (and its helper's, after a fork: the pack is read at explicit offsets).

    With ``wait``, a page not yet written is waited for, as long as the build that started the
    run is alive; without, the pack is read as it is (a tree written by an earlier build).
    """

    def __init__(self, pack: Path, *, wait: bool = False) -> None:
        self.pack = pack
        #: The pages to come, in the order they are written (complete once ``ready``).
        self.pages: list[str] = []
        #: Each written page's (offset, length) in the pack, by docs path.
        self.written: dict[str, tuple[int, int]] = {}
        self.ready = False
        self.failed = False
        self._wait_for_build = wait
        # The build that started this run (its parent, when it was not forked from a server).
        self._build = int(os.environ.get(BUILD_PROCESS) or os.getppid())
        self._fd = os.open(pack, os.O_RDONLY)
        self._offset = 0
        self._read()

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> PackReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def wait_ready(self) -> None:
        """Wait until every page to come is listed (``pages``)."""
        self._wait(lambda: self.ready, "the list of pages")

    def wait_for(self, path: str) -> None:
        """Wait until the page at this docs path is written."""
        if path not in self.written:
            self._wait(lambda: path in self.written, path)

    def read(self, path: str) -> bytes:
        """A page's bytes, once written."""
        self.wait_for(path)
        offset, length = self.written[path]
        return os.pread(self._fd, length, offset)

    def contents(self) -> Iterator[tuple[str, bytes]]:
        """Every listed page and its bytes, in the pack's order (each waited for)."""
        self.wait_ready()
        for path in self.pages:
            yield path, self.read(path)

    def _wait(self, done: Callable[[], bool], what: str) -> None:
        while True:
            self._read()
            if done():
                return
            if self.failed:
                raise RenderStopped(f"the render stopped before writing {what}")
            if not self._wait_for_build:
                raise PackError(f"{self.pack} has no {what}")
            if not _alive(self._build):
                raise RenderStopped(f"the build stopped before {what} was written")
            time.sleep(POLL_SECONDS)

    def _read(self) -> None:
        """Take in the records written since the last look; a record not yet whole waits."""
        size = os.fstat(self._fd).st_size
        while self._offset < size:
            base = self._offset
            chunk = os.pread(self._fd, min(CHUNK, size - base), base)
            at = 0
            while (end := chunk.find(b"\n", at)) >= 0:
                header = chunk[at:end]
                if header.startswith(WRITTEN):
                    path, _, count = header[len(WRITTEN) :].decode().rpartition("\t")
                    start, length = base + end + 1, int(count)
                    if start + length + 1 > size:  # its bytes are still being written
                        return
                    self.written[path] = (start, length)
                    at = end + 1 + length + 1  # past the page's bytes and their newline
                else:
                    if header.startswith(PAGE):
                        self.pages.append(header[len(PAGE) :].decode())
                    elif header == READY:
                        self.ready = True
                    elif header == FAILED:
                        self.failed = True
                    else:
                        raise PackError(f"{self.pack}: unknown record at byte {base + at}")
                    at = end + 1
                self._offset = base + at
            if self._offset == base:
                return  # a header still being written


def write_pack(pack: Path, paths: Iterable[str], page_of: Callable[[str], str | bytes]) -> None:
    """Write a whole pack (into a temporary file, then renamed): the ``paths``, then each page."""
    listed = list(paths)
    partial = pack.with_name(f"{pack.name}.{os.getpid()}.tmp")
    try:
        with PackWriter(partial) as writer:
            writer.announce(listed)
            for path in listed:
                writer.page(path, page_of(path))
        partial.replace(pack)
    finally:
        partial.unlink(missing_ok=True)


def unpack(pack: Path, docs_dir: Path) -> None:
    """Write the pack's pages as files of ``docs_dir``, for a plain MkDocs build of them."""
    with PackReader(pack) as reader:
        for path, data in reader.contents():
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but another user's: not ours any more
        return False
    return True

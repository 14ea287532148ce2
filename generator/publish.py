"""Replace the published folder in one step, and clear what killed builds left beside it."""

from __future__ import annotations

import ctypes
import errno
import os
import select
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Staging folders are made beside the output, so that the final move is a rename.
STAGING_PREFIX = ".build-"
#: The file in a staging folder naming the process that builds there.
OWNER_FILE = "owner.pid"
#: The longest ``start_detached`` waits for its process to start, in seconds: a process forked
#: meanwhile by another thread would hold the pipe it waits on.
DETACHED_START_WAIT = 5.0
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def make_staging(output: Path) -> Path:
    """A new staging folder beside ``output``, owned by this process; stale ones are removed."""
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(output.parent)
    # A previous site a killed build moved aside but never removed.
    shutil.rmtree(_aside(output), ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output.parent)).resolve()
    (work / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return work


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove the staging folders whose build process is gone (killed, or the machine stopped)."""
    removed = []
    for folder in sorted(parent.glob(STAGING_PREFIX + "*")):
        if folder.is_dir() and _is_staging(folder) and not _owner_alive(folder / OWNER_FILE):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def staging_at_work(parent: Path) -> list[Path]:
    """The staging folders in ``parent`` whose process is alive: a build, or the process
    removing the site a build replaced (``remove_later``)."""
    return [
        folder
        for folder in sorted(parent.glob(STAGING_PREFIX + "*"))
        if folder.is_dir() and _is_staging(folder) and _owner_alive(folder / OWNER_FILE)
    ]


def _is_staging(folder: Path) -> bool:
    # Ours, not another tool's folder that happens to share the prefix.
    names = {child.name for child in folder.iterdir()}
    return not names or bool(names & {OWNER_FILE, "docs", "site"})


def _owner_alive(owner_file: Path) -> bool:
    try:
        pid = int(owner_file.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False  # made by a build that died before writing it, or by an older version
    return pid == os.getpid() or process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether a process of this id runs (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replace_folder(staging: Path, output: Path) -> None:
    """Put ``staging`` at ``output``; the previous ``output`` stays whole until then, and is left
    at ``staging``'s path for the caller to remove with the staging folder.

    On Linux both folders are exchanged in one atomic rename (``renameat2(RENAME_EXCHANGE)``):
    a reader always finds a whole site at ``output``. Elsewhere, or on a file system that cannot
    exchange, two renames leave ``output`` missing for the instant between them.
    """
    if output.exists() and _exchange(staging, output):
        return
    old = _aside(output)
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if old.exists():
        old.rename(staging)


#: ``python -c`` code that removes the folder ``argv[1]``, its file named ``argv[2]`` last.
REMOVER = """
import os, shutil, sys
work, last = sys.argv[1], sys.argv[2]
for entry in os.scandir(work):
    if entry.name != last:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
shutil.rmtree(work, ignore_errors=True)
"""


def remove_later(work: Path) -> None:
    """Remove a staging folder — by then the previous site, some 8,000 folders at N = 1,000,
    1.8 s to remove under cProfile — in a process of its own, so that the build ends without
    waiting for it.

    The process names itself the folder's owner: if it dies, the next build removes the rest
    (``remove_stale_staging``). Where processes cannot fork, the folder is removed here.
    """
    # A fresh interpreter: a copy of this process would hold its memory meanwhile. The owner
    # file goes last: while the rest is being removed, the folder is seen to be at work.
    started = start_detached(
        [sys.executable, "-c", REMOVER, str(work), OWNER_FILE],
        lambda pid: (work / OWNER_FILE).write_text(str(pid), encoding="ascii"),
    )
    if not started:
        shutil.rmtree(work, ignore_errors=True)


def start_detached(argv: list[str], prepare: Callable[[int], object] | None = None) -> bool:
    """Run ``argv`` in a process of its own session that this one does not wait for (``prepare``
    is given its process id first); False where processes cannot fork. Its standard streams
    are /dev/null: holding the build's, it would keep whoever reads the build's output (a
    pipe, ``$(briefing build)``, a CI log) waiting until it ends."""
    if not hasattr(os, "fork"):
        return False
    # Not inherited by ``argv``: its end of the pipe closes when it starts (or dies).
    started, starting = os.pipe()
    child = os.fork()
    if child:
        os.close(starting)
        os.waitpid(child, 0)  # the child ends at once; its own child runs ``argv``
        # Returns once ``prepare`` has run: a build started next sees what it made.
        select.select([started], [], [], DETACHED_START_WAIT)
        os.close(started)
        return True
    try:  # a child of its own session, then a grandchild the parent never waits for
        os.close(started)
        os.setsid()
        if os.fork() == 0:
            if prepare is not None:
                prepare(os.getpid())
            _streams_to_null()
            os.execv(argv[0], argv)
    finally:
        os._exit(0)


def _streams_to_null() -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    if null > 2:
        os.close(null)


def _aside(output: Path) -> Path:
    return output.with_name(output.name + ".old")


def _exchange(first: Path, second: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))

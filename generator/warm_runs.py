"""Locale runs forked from one process that imported MkDocs while the check ran.

A locale's MkDocs run (``generator.page_cache``) spends about half a second importing MkDocs,
Material and our hooks before it reads its config. After an edit, the whole run of a locale
takes under two seconds. So a build starts one process at once (``WarmRuns``): it imports what a
run needs while the check and render stages keep the build's own process busy, then waits for
orders (``page_cache --serve``). Each locale's run is forked from it, already imported: three
locales pay for one import, not three.

An order is a JSON line (the config's path, the environment to build in) sent with two file
descriptors over a Unix socket: the write end of the pipe that carries the run's progress lines,
and the file its error output goes to. The forked run writes its process id first and its exit
code last (``STATUS``), so the build reads both from the pipe: a run that ends without an exit
code (killed, or the server died before forking it) failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

#: What the server imports before it waits, besides ``page_cache`` itself: the modules every run
#: loads from its config (the search plugin, the Markdown extensions of a Material site, the
#: code highlighter).
WARM_MODULES = (
    "material.plugins.search.plugin",
    "mkdocs.contrib.search",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.tables",
    "markdown.extensions.toc",
    "markdown.extensions.codehilite",
    "markdown.extensions.fenced_code",
)

#: Starts the lines a forked run writes about itself: "<STATUS>pid N" first, "<STATUS>exit N" last.
STATUS = "\x1f"
#: The largest order, in bytes.
ORDER_SIZE = 1 << 16


@dataclass
class Run:
    """A locale run forked from the server: its progress lines and its error output."""

    output: IO[str]
    errors: IO[str] = field(repr=False)
    server_errors: Callable[[], str] = field(repr=False, default=lambda: "")


class WarmRuns:
    """The server locale runs are forked from, started at once; ``start`` gives it a locale."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # Errors go to a file, not a pipe: a full pipe nobody reads would stall the build.
        self._errors = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 — closed by close()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator.page_cache", "--serve", str(theirs.fileno())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._errors,
                pass_fds=(theirs.fileno(),),
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        except BaseException:
            self._socket.close()
            self._errors.close()
            raise
        finally:
            theirs.close()

    def start(self, config_file: str, environment: dict[str, str]) -> Run:
        """Fork a run of the locale whose config is ``config_file``."""
        order = json.dumps({"config": config_file, "env": environment}).encode()
        read, write = os.pipe()
        errors = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 — closed with the run
        try:
            with self._lock:
                socket.send_fds(self._socket, [order], [write, errors.fileno()])
        except OSError:  # the server is gone: the run ends at once, with the server's errors
            pass
        finally:
            os.close(write)
        return Run(open(read, encoding="utf-8"), errors, self._ended_errors)  # noqa: SIM115

    def _ended_errors(self) -> str:
        """The server's error output, once it has ended (it closes its files just before)."""
        try:
            self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return ""
        self._errors.seek(0)
        return self._errors.read()

    def close(self) -> None:
        """Stop the server: at the end of its orders, it exits."""
        self._socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._errors.close()

    def __enter__(self) -> WarmRuns:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def finish_run(run: Run, line: Callable[[str], None]) -> tuple[int, str]:
    """Wait for a forked run, giving each of its progress lines to ``line``: its exit code and
    its error output."""
    pid, returncode, ended = 0, None, False
    try:
        for text in run.output:
            if text.startswith(STATUS + "pid "):
                pid = int(text[len(STATUS) + 4 :])
            elif text.startswith(STATUS + "exit "):
                returncode = int(text[len(STATUS) + 5 :])
            else:
                line(text.strip())
        ended = True
        run.errors.seek(0)
        errors = run.errors.read()
    finally:
        if not ended and pid:  # the build was interrupted: the run still holds its pipe
            _kill(pid)
        run.output.close()
        run.errors.close()
    if returncode is None:
        ended_errors = run.server_errors()
        return 1, "\n".join(
            filter(None, [errors, ended_errors, "the locale's run ended without an exit code"])
        )
    return returncode, errors


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def serve(server: socket.socket, build: Callable[[dict[str, Any]], int]) -> int:
    """The server's loop: fork a run for each order, until the end of the orders; then wait
    for the runs still going."""
    # Its runs are waited for as they end (their exit codes travel through their pipes): so
    # their processor time is counted in the server's, and the server's in the build's.
    signal.signal(signal.SIGCHLD, lambda signum, frame: _reap())
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, ORDER_SIZE, 2)
        except KeyboardInterrupt:
            return 1
        if not message:
            break
        if os.fork() == 0:
            server.close()
            os._exit(_forked_run(message, fds, build))
        for fd in fds:
            os.close(fd)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    with contextlib.suppress(ChildProcessError):
        while True:
            os.wait()
    return 0


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _forked_run(message: bytes, fds: list[int], build: Callable[[dict[str, Any]], int]) -> int:
    """In the forked run: its output to the order's pipe and file, then the build."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the server's reaper would take its own
    output, errors = fds
    os.dup2(output, 1)
    os.dup2(errors, 2)
    os.close(output)
    os.close(errors)
    print(f"{STATUS}pid {os.getpid()}", flush=True)
    code = 1
    try:
        code = build(json.loads(message))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        print(f"{STATUS}exit {code}", flush=True)
    return code

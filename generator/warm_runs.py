"""Locale runs started before their configs exist, so that their start-up overlaps the check.

A locale's MkDocs run (``generator.page_cache``) spends about half a second importing MkDocs,
Material and our hooks before it reads its config. After an edit, the whole run of a locale
takes under two seconds, and the check and render stages before it keep one core busy and
leave the other idle. So a build starts runs at once, one per spare core (``WarmRuns``): each
imports what a run needs, then waits on its standard input for its config's path
(``page_cache --wait``); ``incremental.run_locale`` gives a locale to a waiting process when
there is one. A process not needed (a locale published as it was, a build that failed) is
stopped at the end of the build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

#: What ``page_cache --wait`` imports before it waits: the modules every run loads from its
#: config (the search plugin, the Markdown extensions of a Material site, the code highlighter).
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


@dataclass
class WarmRun:
    """A locale run waiting for its config, and the file its error output goes to."""

    process: subprocess.Popen[str]
    errors: IO[str] = field(repr=False)

    def start(self, config_file: str, environment: dict[str, str]) -> None:
        """Give the run its config and the environment it builds in."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"config": config_file, "env": environment}) + "\n")
        self.process.stdin.close()


def start_run() -> WarmRun:
    """A locale run that imports what it needs and waits for its config."""
    # Errors go to a file, not a pipe: a full pipe nobody reads would stall the build.
    errors = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 — closed with the run
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.page_cache", "--wait"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    except BaseException:
        errors.close()
        raise
    return WarmRun(process, errors)


def finish_run(run: WarmRun, line: Callable[[str], None]) -> tuple[int, str]:
    """Wait for a started run, giving each line of its output to ``line``: its exit code and
    its error output."""
    assert run.process.stdout is not None
    try:
        for text in run.process.stdout:
            line(text.strip())
        returncode = run.process.wait()
        run.errors.seek(0)
        return returncode, run.errors.read()
    finally:
        if run.process.poll() is None:  # the build was interrupted
            run.process.kill()
        _close_run(run)


def ahead(locales: int) -> int:
    """How many runs to start ahead for a build of ``locales`` locales: one per core the
    build's own process leaves free. At N = 100 on 2 cores, an edit's build took 3.47 s with
    one started ahead, 3.52 s with three (their imports slowed the check), 3.88 s with none."""
    return max(0, min(locales, (os.cpu_count() or 1) - 1))


class WarmRuns:
    """``count`` runs started ahead, each given to the first locale that asks."""

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._idle = [start_run() for _ in range(count)]

    def take(self) -> WarmRun | None:
        """A waiting run, or None when none is left."""
        with self._lock:
            return self._idle.pop(0) if self._idle else None

    def close(self) -> None:
        """Stop the runs no locale took."""
        with self._lock:
            idle, self._idle = self._idle, []
        for run in idle:
            run.process.terminate()
            _close_run(run)

    def __enter__(self) -> WarmRuns:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _close_run(run: WarmRun) -> None:
    for stream in (run.process.stdin, run.process.stdout):
        if stream is not None:
            stream.close()
    run.process.wait()
    run.errors.close()

"""Progress of a build: bars per stage and per locale on a terminal, plain lines elsewhere (CI)."""

from __future__ import annotations

import sys
import threading
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class BuildProgress(Protocol):
    """What the pipeline tells about its progress."""

    def stage(self, name: str) -> None:
        """A stage of the pipeline starts (the previous one is done)."""

    def locale(self, locale: str, line: str) -> None:
        """A line about a locale: "rendered N" (pages rendered into its docs tree), "unchanged N"
        (its published pages kept, no MkDocs run), or from its MkDocs run "total N", "pages N"
        and "reused N"."""

    def close(self) -> None:
        """The build is over, successful or not."""


class LogProgress:
    """Plain lines on a stream: a line per stage, and per locale when it starts and ends."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.lock = threading.Lock()

    def _print(self, text: str) -> None:
        with self.lock:
            print(text, file=self.stream, flush=True)

    def stage(self, name: str) -> None:
        self._print(f"stage: {name}")

    def locale(self, locale: str, line: str) -> None:
        word, _, number = line.partition(" ")
        if word == "rendered":
            self._print(f"{locale}: {number} pages rendered")
        elif word == "unchanged":
            self._print(f"{locale}: unchanged, its {number} pages published as they were")
        elif word == "total":
            self._print(f"{locale}: building {number} pages")
        elif word == "reused":
            self._print(f"{locale}: done, {number} unchanged pages reused")

    def close(self) -> None:
        pass


class TerminalProgress:
    """rich progress bars: the pipeline's stages, then one bar per locale's pages."""

    def __init__(self, console: Console | None = None) -> None:
        self.bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=False,
        )
        self.current: TaskID | None = None
        self.locales: dict[str, TaskID] = {}
        self.lock = threading.Lock()
        self.bars.start()

    def stage(self, name: str) -> None:
        with self.lock:
            if self.current is not None:
                self.bars.update(self.current, completed=1)
            self.current = self.bars.add_task(name, total=1)

    def locale(self, locale: str, line: str) -> None:
        word, _, number = line.partition(" ")
        if not number.isdigit():
            return
        with self.lock:
            if word == "rendered":
                self.bars.console.print(f"  {locale}: {number} pages rendered")
            elif word == "unchanged":
                self.bars.console.print(f"  {locale}: unchanged, published as it was")
            elif word == "total":
                self.locales[locale] = self.bars.add_task(f"  {locale}", total=int(number))
            elif locale in self.locales and word == "pages":
                self.bars.update(self.locales[locale], completed=int(number))
            elif locale in self.locales and word == "reused":
                task = self.locales[locale]
                total = self.bars.tasks[task].total or 0
                self.bars.update(task, completed=total, description=f"  {locale} ({number} reused)")

    def close(self) -> None:
        with self.lock:
            if self.current is not None:
                self.bars.update(self.current, completed=1)
            self.bars.stop()


def progress_for(stream: TextIO | None = None) -> BuildProgress:
    """Bars when ``stream`` (stderr by default) is a terminal, plain lines otherwise."""
    target = stream or sys.stderr
    if target.isatty():
        return TerminalProgress(Console(file=target))
    return LogProgress(target)

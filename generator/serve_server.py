"""MkDocs' live-reload server, told which files changed and able to reload without a build.

``LiveReloadServer`` calls its builder when a watched file changes, then bumps an epoch that
the browsers' long polls (``/livereload/<epoch>/<id>``) wait for. This subclass watches with
inotify (polling twice a second would eat half the preview's second), remembers the paths
that changed and when, and ``announce`` bumps the epoch for a build the builder did not run
(the full build that follows a preview, in the background).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer

#: Events that change a file (inotify also reports mere reads: opened, closed without writing).
CHANGES = frozenset({"created", "modified", "deleted", "moved"})


class ChangeRecordingServer(LiveReloadServer):
    """A live-reload server that records the changed paths for its builder."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self._changes_lock = threading.Lock()
        self._changed: set[Path] = set()
        self._first_change: float | None = None

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Watch ``path``; each change is recorded, then the builder runs."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def callback(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in CHANGES:
                return
            with self._changes_lock:
                if self._first_change is None:
                    self._first_change = time.perf_counter()
                for changed in (event.src_path, event.dest_path):
                    if changed:
                        self._changed.add(Path(os.fsdecode(changed)))
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def take_changes(self) -> tuple[set[Path], float | None]:
        """The paths changed since the last call, and when the first of them changed."""
        with self._changes_lock:
            changed, first = self._changed, self._first_change
            self._changed, self._first_change = set(), None
        return changed, first

    def announce(self) -> None:
        """Reload the browsers now, unless a build is running (its end will reload them)."""
        with self._rebuild_cond, self._epoch_cond:
            if self._visible_epoch != self._wanted_epoch:
                return
            epoch = max(self._visible_epoch + 1, round(time.monotonic() * 1000))
            self._wanted_epoch = self._visible_epoch = epoch
            self._epoch_cond.notify_all()

"""The preview's MkDocs workers: one long-lived process per locale, over a docs tree of its own.

The full build keeps its docs trees in the cache folder (``generator.locale_docs``) and rewrites
them at each build; the workers write edited pages into theirs, so the preview keeps its own copy
under the cache folder (``preview_dir``), with each locale's generated config pointing MkDocs at
it and at the served ``site/<locale>/``. A locale's tree is copied and its worker restarted only
when its config or its set of pages changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .build import language_names, locale_config
from .docs_pack import pack_file, unpack
from .fingerprint import cache_dir
from .l10n import L10n
from .locale_docs import LocaleDocs, page_document
from .locales import SiteConfig
from .render import Page


class WorkerError(Exception):
    """A worker failed to rebuild its pages, or died."""


def preview_dir(config: SiteConfig) -> Path:
    """Where the preview keeps its docs trees and generated configs."""
    return cache_dir(config) / "preview"


def _settings(config: SiteConfig, rendered: LocaleDocs, names: dict[str, str]) -> dict[str, object]:
    docs = preview_dir(config).resolve() / "docs" / rendered.locale
    site = config.output_dir.resolve() / rendered.locale
    return locale_config(config, rendered, docs, site, names)


def setup_digest(settings: dict[str, object], rendered: LocaleDocs) -> str:
    """What a worker's state depends on: its generated config and the paths of its pages."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    for path in rendered.paths:
        digest.update(f"\0{path}".encode())
    return digest.hexdigest()


def write_locale_tree(
    config: SiteConfig, rendered: LocaleDocs, settings: dict[str, object]
) -> Path:
    """Copy a locale's docs tree and write its generated config for its worker; the config's
    path. A copy, not links: the worker writes edited pages into its tree; its pages come out
    of the pack as files (``docs_pack``), as its MkDocs reads them."""
    root = preview_dir(config).resolve()
    docs = root / "docs" / rendered.locale
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(rendered.docs_dir, docs)
    unpack(pack_file(rendered.docs_dir), docs)
    config_file = root / f"mkdocs.{rendered.locale}.yml"
    config_file.write_text(json.dumps(settings, ensure_ascii=False, indent=1), "utf-8")
    return config_file


class Worker:
    """One locale's ``generator.preview_worker`` process."""

    def __init__(self, config_file: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.preview_worker", str(config_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        self.ready = False

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise WorkerError(f"the preview worker stopped (exit code {self.process.wait()})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def wait_ready(self) -> None:
        """Block until the worker has loaded its site."""
        if not self.ready:
            self._read()
            self.ready = True

    def send(self, pages: list[dict[str, str]]) -> None:
        """Ask for ``pages`` to be rebuilt; ``receive`` gets the answer."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"pages": pages}, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
        except OSError as exc:
            raise WorkerError(f"the preview worker stopped: {exc}") from None

    def receive(self) -> int:
        """The number of pages rebuilt, once the worker is done; WorkerError if it failed."""
        self.wait_ready()
        reply = self._read()
        if not reply.get("ok"):
            raise WorkerError(str(reply.get("error")))
        return int(reply["built"])

    def stop(self) -> None:
        """End the process: close its input, then wait (kill it if it hangs)."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class Workers:
    """A worker per locale, kept in step with the published site."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.workers: dict[str, Worker] = {}
        self.digests: dict[str, str] = {}

    def sync(
        self,
        rendered: Sequence[LocaleDocs],
        l10ns: dict[str, L10n],
    ) -> list[str]:
        """Restart the workers whose config or pages changed (start them the first time)."""
        names = language_names(self.config, l10ns)
        restarted = []
        for locale in rendered:
            settings = _settings(self.config, locale, names)
            digest = setup_digest(settings, locale)
            worker = self.workers.get(locale.locale)
            if worker is not None and worker.process.poll() is None:
                if self.digests.get(locale.locale) == digest:
                    continue
                worker.stop()
            config_file = write_locale_tree(self.config, locale, settings)
            self.workers[locale.locale] = Worker(config_file)
            self.digests[locale.locale] = digest
            restarted.append(locale.locale)
        return restarted

    def wait_ready(self) -> None:
        """Block until every worker has loaded its site."""
        for worker in self.workers.values():
            worker.wait_ready()

    def rebuild(
        self, pages: dict[str, list[Page]], alternates: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[int, float]]:
        """Rebuild each locale's pages in its worker, all at once: (pages, seconds) per locale."""
        started = time.perf_counter()
        for tag, found in pages.items():
            documents = [
                {"path": page.path, "text": page_document(page, alternates, self.config.locales)}
                for page in found
            ]
            self.workers[tag].send(documents)
        done = {}
        for tag in pages:
            built = self.workers[tag].receive()
            done[tag] = (built, time.perf_counter() - started)
        return done

    def stop(self) -> None:
        """End every worker."""
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()
        self.digests.clear()

"""``briefing serve``: build, serve on localhost, rebuild on change, reload the browser.

An edited briefing whose body alone changed takes the preview's fast path: its story page is
rendered again and rebuilt by each locale's long-lived MkDocs worker straight into ``site/``,
and the browser reloads. The full build then runs in the background for what the fast path
left behind (quotes on entity and day pages, feeds, search) and reloads the browser again.
Any other change (a new file, front matter, mentions, the registry, templates, mkdocs.yml)
goes through the full build before the reload. A content error keeps the last good site.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from pathlib import Path

import click

from .build import BuildError
from .diagnostics import ContentError
from .link import Matchers
from .locale_docs import read_locale_docs
from .locales import SiteConfig
from .pipeline import Checked, briefing_alternates, localisers
from .preview import Snapshot, apply_edits, body_edits
from .preview_workers import WorkerError, Workers
from .render import make_environment
from .render_cache import story_pages
from .serve_server import ChangeRecordingServer


def rebuild(config: SiteConfig) -> Checked | None:
    """Build once; on a content error print it and keep serving the last good site."""
    from .pipeline import build

    try:
        report, checked = build(config)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(str(diagnostic), err=True)
        click.echo("build failed: still serving the last good site", err=True)
        return None
    except BuildError as exc:
        click.echo(f"error: {exc}\nstill serving the last good site", err=True)
        return None
    for diagnostic in checked.diagnostics:
        click.echo(str(diagnostic), err=True)
    click.echo(f"built {report.html_files} HTML pages", err=True)
    return checked


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


class Preview:
    """What the served site was built from, and the workers that rebuild single pages of it."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.lock = threading.Lock()  # the snapshot, the workers and their writes into site/
        self.snapshot: Snapshot | None = None
        self.workers = Workers(config)
        self.l10ns = localisers(config)
        self.env = make_environment(config.templates_dir)
        self.matchers: Matchers | None = None
        self.alternates: dict[str, tuple[str, ...]] = {}
        #: Briefings the fast path changed since the current full build began.
        self.touched: set[Path] = set()
        #: Whether a change the fast path did not take may have changed the site's structure.
        self.stale = True

    def forget(self) -> None:
        """No fast path until a full build is adopted again."""
        with self.lock:
            self.snapshot = None
            self.workers.stop()

    def mark_stale(self) -> None:
        """A change went to the full build: the next one's result must be adopted."""
        with self.lock:
            self.stale = True

    def begin_build(self) -> bool:
        """A full build begins: it reads every edit made so far. Must it be adopted?

        After the fast path's edits alone, the snapshot already holds what the full build
        reads (the same front matter and mentions, the new bodies): adopting it again would
        only cost seconds at N = 1,000, and slow the next edit's preview meanwhile.
        """
        with self.lock:
            self.touched = set()
            stale, self.stale = self.stale or self.snapshot is None, False
            return stale

    def adopt(self, checked: Checked) -> None:
        """Take a successful full build as the served state; bring the workers in step."""
        snapshot = Snapshot.of(checked)
        l10ns = localisers(self.config)
        env = make_environment(self.config.templates_dir)
        index = snapshot.index
        # The docs trees the build has just brought up to date.
        found = [read_locale_docs(self.config, tag) for tag in self.config.locales]
        rendered = [docs for docs in found if docs is not None]
        alternates = briefing_alternates(index)
        matchers = Matchers(checked.content.registry)
        with self.lock:
            restarted = self.workers.sync(rendered, l10ns)
            try:
                self.workers.wait_ready()
            except WorkerError as exc:
                click.echo(f"preview: {exc}; the next full build starts the workers", err=True)
                self.workers.stop()
                restarted = []
            self.snapshot, self.l10ns, self.env = snapshot, l10ns, env
            self.alternates, self.matchers = alternates, matchers
        if restarted:
            click.echo(f"preview ready ({', '.join(restarted)})", err=True)
        self.reapply()

    def reapply(self) -> None:
        """Show again the edits made during the full build, which may have read them too early."""
        with self.lock:
            touched, self.touched = self.touched, set()
        if touched and self.fast_path(touched, None, again=True) is None:
            click.echo("preview: an edit made during the full build waits for the next", err=True)

    def fast_path(
        self, paths: set[Path], first_change: float | None, again: bool = False
    ) -> int | None:
        """Rebuild the story pages of edited bodies: how many briefings; None when the change
        needs the full build."""
        with self.lock:
            if self.snapshot is None or self.matchers is None:
                return None
            edits = body_edits(self.snapshot, self.config, paths, self.matchers)
            if edits is None:
                return None
            if not edits:
                return 0
            snapshot = apply_edits(self.snapshot, edits)
            slugs = sorted({edit.briefing.slug for edit in edits})
            try:
                pages = story_pages(self.config, snapshot.index, self.l10ns, self.env, slugs)
                done = self.workers.rebuild(pages, self.alternates)
            except Exception as exc:  # the full build reports it, located, or succeeds
                click.echo(f"preview failed, full build instead: {exc}", err=True)
                self.workers.stop()  # the full build's adopt starts them again
                return None
            self.snapshot = snapshot
            self.touched.update(Path(edit.briefing.path) for edit in edits)
        parts = "; ".join(f"{tag}: {_pages(n)} in {s:.2f} s" for tag, (n, s) in done.items())
        since = ""
        if first_change is not None:
            since = f" ({time.perf_counter() - first_change:.2f} s after the change)"
        click.echo(
            f"preview: {parts}{since}" + ("" if again else "; full rebuild follows"),
            err=True,
        )
        return len(edits)


class FullBuilds:
    """The full builds, one at a time, in a background thread; requests made meanwhile merge."""

    def __init__(
        self,
        config: SiteConfig,
        preview: Preview,
        server: ChangeRecordingServer,
        first: Checked | None,
    ) -> None:
        self.config, self.preview, self.server = config, preview, server
        self.cond = threading.Condition()
        self.pending = self.announce = False
        self.started = self.finished = 0
        threading.Thread(target=self._loop, args=(first,), daemon=True, name="builds").start()

    def request(self, *, announce: bool) -> int:
        """Ask for a full build; the number of the build that will answer it."""
        with self.cond:
            self.pending = True
            self.announce = self.announce or announce
            self.cond.notify_all()
            return self.started + 1

    def wait(self, number: int) -> None:
        """Block until build ``number`` has finished."""
        with self.cond:
            self.cond.wait_for(lambda: self.finished >= number)

    def _loop(self, first: Checked | None) -> None:
        # Every adoption happens on this thread, in the order of the builds.
        if first is not None and self.preview.begin_build():
            self._adopt(first)
        while True:
            with self.cond:
                self.cond.wait_for(lambda: self.pending)
                announce, self.pending, self.announce = self.announce, False, False
                self.started += 1
            try:
                stale = self.preview.begin_build()
                checked = rebuild(self.config)
                if checked is None:
                    if stale:
                        self.preview.mark_stale()
                    continue
                # Edits made during the build are shown again first, else the reload would
                # bring back their older text for a while.
                early = announce and not self.preview.touched
                if early:
                    self._announce()
                if stale:
                    self._adopt(checked)
                else:
                    self.preview.reapply()
                if announce and not early:
                    self._announce()
            except Exception:  # a bug: say it, keep serving the last good site
                click.echo(traceback.format_exc(), err=True)
            finally:
                with self.cond:
                    self.finished += 1
                    self.cond.notify_all()

    def _announce(self) -> None:
        self.server.announce()
        click.echo("full rebuild done: reloading the browsers", err=True)

    def _adopt(self, checked: Checked) -> None:
        try:
            self.preview.adopt(checked)
        except Exception:  # the preview is lost, not the server: every change builds in full
            click.echo(traceback.format_exc(), err=True)
            self.preview.forget()


def serve(config: SiteConfig, port: int, host: str = "127.0.0.1") -> None:
    """Serve ``site/`` on localhost; watch content/, site_templates/ and mkdocs.yml."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    preview = Preview(config)
    checked = rebuild(config)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    holder: list[FullBuilds] = []

    def on_change() -> None:
        paths, first_change = server.take_changes()
        edited = preview.fast_path(paths, first_change)
        if edited:
            holder[0].request(announce=True)
        elif edited is None:
            preview.mark_stale()
            builds = holder[0]
            builds.wait(builds.request(announce=False))

    server = ChangeRecordingServer(
        builder=on_change, host=host, port=port, root=str(config.output_dir)
    )
    holder.append(FullBuilds(config, preview, server, checked))
    for path in (config.content_dir, config.templates_dir, config.mkdocs_yml):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.shutdown()
        preview.workers.stop()

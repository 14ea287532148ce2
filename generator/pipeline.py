"""Run the stages in order — load, validate, link, index, render, build — in one place."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .audit import audit
from .build import BuildReport, build_site
from .check_cache import CheckCache
from .collector import collector_paused
from .cpu_slots import EXTRAS, CpuSlots
from .diagnostics import Diagnostic
from .feeds import write_feeds
from .forked import run_forked
from .i18n import untranslated
from .index import SiteIndex, build_index
from .l10n import L10n, load_translations
from .link import find_mentions
from .load import load_content
from .locale_docs import LocaleDocs, docs_lock, write_every_locale
from .locales import SiteConfig
from .model import Content, Linked
from .opendata import write_open_data
from .progress import BuildProgress
from .recycle import KeptTree
from .sitemap import write_sitemaps
from .validate import validate
from .warm_runs import WarmRuns


@dataclass(frozen=True)
class Checked:
    """Content that validated and linked, with every warning found on the way."""

    content: Content
    linked: Linked
    diagnostics: tuple[Diagnostic, ...]


def check(config: SiteConfig, cache: CheckCache | None = None) -> Checked:
    """Load, validate and link everything; raises ContentError listing every error. With a
    ``cache``, the files that did not change are not parsed or linked again (the caller saves
    it for the next build)."""
    with collector_paused():
        loaded = load_content(
            config.content_dir,
            cache.read_briefing if cache else None,
            cache.read_registry if cache else None,
        )
        content, diagnostics = validate(loaded, config.locales)
        linked = find_mentions(content, cache)
        audited = audit(linked, config.content_dir, config.default_locale)
    warnings = (*linked.diagnostics, *audited, *untranslated(config))
    return Checked(content, linked, (*diagnostics, *warnings))


def localisers(config: SiteConfig) -> dict[str, L10n]:
    """One L10n per site locale, with its catalog."""
    return {
        tag: L10n(tag, config.default_locale, load_translations(config.templates_dir, tag))
        for tag in config.locales
    }


def briefing_alternates(index: SiteIndex) -> dict[str, tuple[str, ...]]:
    """For each story's page, the locales that show it in their own language."""
    return {
        index.story_page(slug): tuple(b.lang for b in versions)
        for slug, versions in index.versions.items()
    }


def build(
    config: SiteConfig, *, jobs: int | None = None, progress: BuildProgress | None = None
) -> tuple[BuildReport, Checked]:
    """The whole pipeline: content in, site out (or ContentError / BuildError, site untouched)."""
    stage = progress.stage if progress else (lambda name: None)
    stage("check: load, validate, link")
    # Started now, to be ready when the MkDocs runs are: the process they are forked from
    # (``warm_runs``), and the tree of folders they build in (``recycle``).
    with WarmRuns() as warm, KeptTree(config) as kept, collector_paused():
        cache = CheckCache.open(config)
        checked = check(config, cache)
        with cache.saver() as save:
            return _build_checked(config, checked, jobs, progress, warm, kept, save), checked


def _build_checked(
    config: SiteConfig,
    checked: Checked,
    jobs: int | None,
    progress: BuildProgress | None,
    warm: WarmRuns,
    kept: KeptTree,
    runs_done: Callable[[], None],
) -> BuildReport:
    stage = progress.stage if progress else (lambda name: None)
    stage("index")
    index = build_index(checked.linked)
    l10ns = localisers(config)
    alternates = briefing_alternates(index)
    stage("render and MkDocs, per locale")
    # Each locale's docs tree is rendered in a forked worker (only the edited briefings' pages
    # when nothing else changed). A tree rendered anew is read by its MkDocs run as it is
    # written; an edited one, once written.
    workers = jobs or os.cpu_count() or 1
    # Render children and MkDocs runs share one slot per core: a process more slows them all.
    slots = CpuSlots(workers)
    locales = write_every_locale(config, index, l10ns, alternates, workers, slots)

    def extra_outputs(site_dir: Path, written: Sequence[LocaleDocs]) -> None:
        pages = {docs.locale: docs.paths for docs in written}

        def write(_: None) -> None:
            write_feeds(site_dir, config, index, l10ns)
            write_sitemaps(site_dir, config, index, pages, alternates)
            write_open_data(site_dir, config, index, l10ns)

        # In a child of its own, while MkDocs runs: its memory is given back once written. After
        # an edit the runs mostly link the pages they reuse: the extras do not wait for a slot.
        anew = any(docs.changed == len(docs.paths) for docs in written)
        run_forked(write, None, slots if anew else None, EXTRAS)

    with docs_lock(config):
        report = build_site(
            config,
            locales,
            l10ns,
            jobs=jobs,
            extra_outputs=extra_outputs,
            progress=progress,
            slots=slots,
            warm=warm,
            kept=kept,
            runs_done=runs_done,
        )
    return report

"""Run the stages in order — load, validate, link, index, render, build — in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .audit import audit
from .build import BuildReport, build_site
from .diagnostics import Diagnostic
from .feeds import write_feeds
from .forked import map_forked
from .i18n import untranslated
from .index import SiteIndex, build_index
from .l10n import L10n, load_translations
from .link import find_mentions
from .load import load_content
from .locales import SiteConfig
from .model import Content, Linked
from .opendata import write_open_data
from .progress import BuildProgress
from .render import RenderedLocale, make_environment, render_locale
from .render_cache import render_reusing, save_rendered
from .sitemap import write_sitemaps
from .validate import validate


@dataclass(frozen=True)
class Checked:
    """Content that validated and linked, with every warning found on the way."""

    content: Content
    linked: Linked
    diagnostics: tuple[Diagnostic, ...]


def check(config: SiteConfig) -> Checked:
    """Load, validate and link everything; raises ContentError listing every error."""
    loaded = load_content(config.content_dir)
    content, diagnostics = validate(loaded, config.locales)
    linked = find_mentions(content)
    audited = audit(linked, config.content_dir, config.default_locale)
    warnings = (*linked.diagnostics, *audited, *untranslated(config))
    return Checked(content, linked, (*diagnostics, *warnings))


def localisers(config: SiteConfig) -> dict[str, L10n]:
    """One L10n per site locale, with its catalog."""
    return {
        tag: L10n(tag, config.default_locale, load_translations(config.templates_dir, tag))
        for tag in config.locales
    }


def render(
    config: SiteConfig, index: SiteIndex, l10ns: dict[str, L10n], jobs: int | None = None
) -> list[RenderedLocale]:
    """Every locale's pages, in memory; locales rendered side by side on ``jobs`` cores."""
    env = make_environment(config.templates_dir)

    def one(tag: str) -> RenderedLocale:
        return render_locale(
            index, l10ns[tag], env, config.name_in(tag), config.default_locale, config.site_url
        )

    return map_forked(one, config.locales, jobs or os.cpu_count() or 1)


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
    checked = check(config)
    stage("index")
    index = build_index(checked.linked)
    stage("render")
    l10ns = localisers(config)
    # Only the edited briefings' pages are rendered again when nothing else changed.
    rendered, render_key = render_reusing(
        config, index, l10ns, lambda: render(config, index, l10ns, jobs)
    )
    alternates = briefing_alternates(index)

    def extra_outputs(site_dir: Path) -> None:
        pages = {r.locale: [page.path for page in r.pages] for r in rendered}
        write_feeds(site_dir, config, index, l10ns)
        write_sitemaps(site_dir, config, index, pages, alternates)
        write_open_data(site_dir, config, index, l10ns)

    stage("MkDocs, per locale")
    report = build_site(
        config,
        rendered,
        l10ns,
        alternates,
        jobs=jobs,
        extra_outputs=extra_outputs,
        progress=progress,
    )
    save_rendered(config, render_key, index, rendered)
    return report, checked

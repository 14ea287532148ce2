"""Run the stages in order — load, validate, link, index, render, build — in one place."""

from __future__ import annotations

from dataclasses import dataclass

from .build import BuildReport, build_site
from .diagnostics import Diagnostic
from .i18n import untranslated
from .index import SiteIndex, build_index
from .l10n import L10n, load_translations
from .link import find_mentions
from .load import load_content
from .locales import SiteConfig
from .model import Content, Linked
from .paths import briefing_path
from .render import RenderedLocale, make_environment, render_locale
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
    return Checked(content, linked, (*diagnostics, *linked.diagnostics, *untranslated(config)))


def localisers(config: SiteConfig) -> dict[str, L10n]:
    """One L10n per site locale, with its catalog."""
    return {
        tag: L10n(tag, config.default_locale, load_translations(config.templates_dir, tag))
        for tag in config.locales
    }


def render(config: SiteConfig, index: SiteIndex, l10ns: dict[str, L10n]) -> list[RenderedLocale]:
    """Every locale's pages, in memory."""
    env = make_environment(config.templates_dir)
    return [
        render_locale(index, l10ns[tag], env, config.name_in(tag), config.default_locale)
        for tag in config.locales
    ]


def briefing_alternates(index: SiteIndex) -> dict[str, tuple[str, ...]]:
    """For each story's page, the locales that show it in their own language."""
    return {
        briefing_path(slug, min(b.date for b in versions)): tuple(b.lang for b in versions)
        for slug, versions in index.versions.items()
    }


def build(config: SiteConfig, *, jobs: int | None = None) -> tuple[BuildReport, Checked]:
    """The whole pipeline: content in, site out (or ContentError / BuildError, site untouched)."""
    checked = check(config)
    index = build_index(checked.linked)
    l10ns = localisers(config)
    rendered = render(config, index, l10ns)
    report = build_site(config, rendered, l10ns, briefing_alternates(index), jobs=jobs)
    return report, checked

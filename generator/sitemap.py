"""Sitemaps that say the same thing every build: per locale, with hreflang alternates, and an index.

MkDocs writes ``<locale>/sitemap.xml`` with the build day as every page's ``lastmod``. They are
replaced: each locale keeps a ``urlset`` at ``<locale>/sitemap.xml`` (Material's language selector
reads it to find the same page in another locale), each page with its ``xhtml:link`` alternates and
the day its content last changed; ``/sitemap.xml`` is a sitemap index of them. The protocol takes
absolute addresses only, so a site without ``site_url`` gets no sitemap.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

from .addresses import Addresses
from .freshness import page_dates
from .index import SiteIndex
from .locales import SiteConfig
from .xmltext import child, write_gzip, xml_bytes

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP_FILE = "sitemap.xml"


def locale_sitemap(
    config: SiteConfig,
    locale: str,
    paths: Iterable[str],
    alternates: Mapping[str, tuple[str, ...]],
    lastmod: Mapping[str, dt.date],
) -> bytes:
    """A locale's ``urlset``: every page, its alternates (as in its head) and x-default."""
    links = Addresses(config.site_url)
    urlset = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for path in sorted(paths, key=lambda p: links.page(locale, p)):
        url = child(urlset, "url")
        child(url, "loc", links.page(locale, path))
        if path in lastmod:
            child(url, "lastmod", lastmod[path].isoformat())
        langs = alternates.get(path, config.locales)
        for lang in langs:
            child(url, "xhtml:link", rel="alternate", hreflang=lang, href=links.page(lang, path))
        fallback = config.default_locale if config.default_locale in langs else langs[0]
        child(
            url,
            "xhtml:link",
            rel="alternate",
            hreflang="x-default",
            href=links.page(fallback, path),
        )
    return xml_bytes(urlset)


def sitemap_index(config: SiteConfig, newest: Mapping[str, dt.date | None]) -> bytes:
    """The root ``sitemapindex`` naming each locale's sitemap."""
    links = Addresses(config.site_url)
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP})
    for locale in config.locales:
        entry = child(index, "sitemap")
        child(entry, "loc", links.file(f"{locale}/{SITEMAP_FILE}"))
        day = newest.get(locale)
        if day is not None:
            child(entry, "lastmod", day.isoformat())
    return xml_bytes(index)


def write_sitemaps(
    site_dir: Path,
    config: SiteConfig,
    index: SiteIndex,
    pages: Mapping[str, Iterable[str]],
    alternates: Mapping[str, tuple[str, ...]],
) -> list[Path]:
    """Every locale's sitemap (``pages``: locale → docs paths) and their index, where the site's
    address is known (MkDocs writes none: ``mkdocs_hooks.on_config``)."""
    if not config.site_url:
        return []
    written = []
    newest: dict[str, dt.date | None] = {}
    for locale in config.locales:
        lastmod = page_dates(index, locale, config.default_locale)
        paths = list(pages.get(locale, ()))
        newest[locale] = max((lastmod[p] for p in paths if p in lastmod), default=None)
        data = locale_sitemap(config, locale, paths, alternates, lastmod)
        target = site_dir / locale / SITEMAP_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        write_gzip(target.with_name(SITEMAP_FILE + ".gz"), data)
        written += [target, target.with_name(SITEMAP_FILE + ".gz")]
    root = site_dir / SITEMAP_FILE
    root.write_bytes(sitemap_index(config, newest))
    return [*written, root]

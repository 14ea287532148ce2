"""An Atom feed per locale: the stories a reader of that locale gets, newest first."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from .addresses import Addresses
from .freshness import published_at, updated_at
from .index import SiteIndex
from .l10n import L10n
from .locales import SiteConfig
from .model import Briefing
from .xmltext import XML_LANG, child, xml_bytes

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
#: How many stories a feed holds: the newest.
FEED_SIZE = 50
#: Used only before any briefing exists; a build's own time would make builds differ.
EPOCH = "1970-01-01T00:00:00+00:00"


def entry_id(config: SiteConfig, briefing: Briefing, index: SiteIndex) -> str:
    """A version's permanent id: its page in its own language, or a name-based UUID."""
    if config.site_url:
        return Addresses(config.site_url).page(briefing.lang, index.story_page(briefing.slug))
    # A tag: URI needs a domain or an e-mail address, which a site without site_url lacks.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{briefing.slug}:{briefing.lang}").urn


def atom_feed(config: SiteConfig, index: SiteIndex, l10n: L10n, size: int = FEED_SIZE) -> bytes:
    """The Atom document of one locale."""
    locale = l10n.tag
    links = Addresses(config.site_url, locale)
    site_name = config.name_in(locale)
    shown = [index.version(slug, locale, config.default_locale) for slug in index.slugs[:size]]
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: locale})
    self_link = links.file(f"{locale}/{FEED_FILE}")
    if config.site_url:
        child(feed, "id", self_link)
    else:
        child(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"briefing-feed:{site_name}").urn)
    child(feed, "title", site_name, type="text")
    child(
        feed,
        "subtitle",
        l10n.gettext("The latest briefings, each in your language where a translation exists"),
        type="text",
    )
    newest = max((updated_at(b) for b in shown), default=None)
    child(feed, "updated", newest.isoformat() if newest else EPOCH)
    child(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    child(feed, "link", rel="alternate", type="text/html", href=links.file(f"{locale}/"))
    author = child(feed, "author")
    child(author, "name", site_name)
    child(author, "uri", links.file(f"{locale}/"))
    for briefing in shown:
        _entry(feed, briefing, config, index, l10n, links)
    return xml_bytes(feed)


def _entry(
    feed: ET.Element,
    briefing: Briefing,
    config: SiteConfig,
    index: SiteIndex,
    l10n: L10n,
    links: Addresses,
) -> None:
    entry = child(feed, "entry")
    if briefing.lang != l10n.tag:
        entry.set(XML_LANG, briefing.lang)
    page = index.story_page(briefing.slug)
    child(entry, "id", entry_id(config, briefing, index))
    child(entry, "title", briefing.title, type="text")
    child(
        entry,
        "link",
        rel="alternate",
        type="text/html",
        hreflang=briefing.lang,
        href=links.page(l10n.tag, page),
    )
    # One link only: feed readers open the last alternate they read, whatever its language.
    child(entry, "published", published_at(briefing).isoformat())
    child(entry, "updated", updated_at(briefing).isoformat())
    child(entry, "summary", briefing.summary, type="text")
    actors, places, _days = index.entities_of(briefing)
    registry = index.linked.content.registry
    for kind, ids, entities in (
        ("actors", actors, registry.actors),
        ("places", places, registry.places),
    ):
        scheme = links.file(f"{l10n.tag}/{kind}/")
        for entity_id in ids:
            name, _lang = l10n.name(entities[entity_id])
            child(entry, "category", term=entity_id, scheme=scheme, label=name)


def write_feeds(
    site_dir: Path, config: SiteConfig, index: SiteIndex, l10ns: dict[str, L10n]
) -> list[Path]:
    """``<locale>/feed.xml`` for every locale of the built site."""
    written = []
    for locale in config.locales:
        path = site_dir / locale / FEED_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(atom_feed(config, index, l10ns[locale]))
        written.append(path)
    return written

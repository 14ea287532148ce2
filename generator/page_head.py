"""The front matter that carries a page's JSON-LD and Open Graph properties to the theme.

Templates print ``site.head.briefing(…)`` (or ``actor``, ``place``) inside their front matter;
``overrides/partials/page-metadata.html`` prints the fields in the page's ``<head>``.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from .addresses import Addresses
from .open_graph import Property, article_properties, entity_properties
from .paths import url_of
from .structured_data import Node, StructuredData, script_json

if TYPE_CHECKING:
    from .model import Actor, Briefing, Place
    from .render import Site


#: Characters a YAML reader refuses in a document, and those it reads as line breaks.
_NOT_PLAIN = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar of ``text`` (JSON's string syntax, which YAML reads alike).

    Quotes, backslashes and line breaks are escaped, so no value can end the front matter or
    change its structure; characters YAML refuses or folds are written as ``\\uXXXX``.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PLAIN.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def front_matter_fields(json_ld: Node, properties: list[Property]) -> Markup:
    """YAML lines ``json_ld`` (script-safe JSON text) and ``og`` (property pairs)."""
    pairs = ", ".join(f"[{yaml_string(name)}, {yaml_string(value)}]" for name, value in properties)
    return Markup(f"json_ld: {yaml_string(script_json(json_ld))}\nog: [{pairs}]")


class PageHead:
    """A locale's page metadata, addressed from the page being rendered."""

    def __init__(self, site: Site, site_name: str, site_url: str) -> None:
        self.site = site
        self.site_url = site_url
        self.data = StructuredData(
            site.index.linked.content.registry,
            site.l10n,
            site_name,
            self.url,
            self.translation_url,
        )

    def _addresses(self) -> Addresses:
        return Addresses(self.site_url, f"{self.site.l10n.tag}/{url_of(self.site.here)}")

    def url(self, target: str) -> str:
        """A docs page's address: absolute when the site's is known, else from the current page."""
        return self._addresses().page(self.site.l10n.tag, target)

    def translation_url(self, lang: str) -> str:
        """The current page in another locale."""
        return self._addresses().page(lang, self.site.here)

    def briefing(self, briefing: Briefing, slug: str) -> Markup:
        """A ``NewsArticle`` and an Open Graph ``article``."""
        site = self.site
        versions = site.index.versions[slug]
        actors, places, _ = site.entities_of(briefing)
        json_ld = self.data.article(briefing, versions, actors, places, site.briefing_page(slug))
        names = [e["name"] for e in (*json_ld.get("about", ()), *json_ld.get("mentions", ()))]
        properties = article_properties(briefing, versions, [*names, *briefing.tags])
        return front_matter_fields(json_ld, properties)

    def actor(self, actor: Actor) -> Markup:
        """A ``Person`` or ``Organization``; a ``profile`` for a person."""
        locales = self.site.index.linked.content.locales
        properties = entity_properties(actor.kind, self.site.l10n.tag, locales)
        return front_matter_fields(self.data.actor(actor), properties)

    def place(self, place: Place) -> Markup:
        """A ``Place`` with its coordinates and the places it lies within."""
        locales = self.site.index.linked.content.locales
        properties = entity_properties(place.kind, self.site.l10n.tag, locales)
        return front_matter_fields(self.data.place(place), properties)

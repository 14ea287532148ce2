"""Schema.org JSON-LD for briefing, actor and place pages, and its safe text for a <script>.

The dicts are plain data built from the model; ``script_json`` turns one into text that can sit
inside ``<script type="application/ld+json">`` whatever the content holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .l10n import L10n
from .model import Actor, Briefing, Entity, Place, Registry, Source
from .paths import actor_path, place_path

Node = dict[str, Any]

SCHEMA_ORG = "https://schema.org"
#: schema.org types for the registry's actor kinds; any other kind is an ``Organization``.
ACTOR_TYPES = {
    "person": "Person",
    "government": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
}
#: What could end the script element (``</script>``, ``<!--``) or trip a JavaScript reader of it.
SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Mapping[str, Any]) -> str:
    """Compact JSON that no value can break out of a ``<script>`` element with.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` means the same.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return SCRIPT_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def wikidata_url(item: str) -> str:
    """The address of a Wikidata item, as ``sameAs`` names it."""
    return f"https://www.wikidata.org/wiki/{item}"


def schema_type(entity: Entity) -> str:
    """The schema.org type of an actor (by its kind) or a place."""
    if isinstance(entity, Place):
        return "Place"
    return ACTOR_TYPES.get(entity.kind, "Organization")


def iso_published(briefing: Briefing) -> str:
    """The publication moment: the date-time with its offset when given, else the day."""
    return (briefing.published or briefing.date).isoformat()


def iso_modified(briefing: Briefing) -> str:
    """The last substantive update, or the publication when there was none."""
    return briefing.updated.isoformat() if briefing.updated else iso_published(briefing)


@dataclass(frozen=True)
class StructuredData:
    """Builds the JSON-LD of the pages of one locale.

    ``url`` maps a docs path to its address as seen from the page being rendered (absolute when
    the site's address is known); ``translation_url`` maps a language to the current page in that
    locale.
    """

    registry: Registry
    l10n: L10n
    site_name: str
    url: Callable[[str], str]
    translation_url: Callable[[str], str]

    def publisher(self) -> Node:
        """The site, as the organisation that publishes every briefing."""
        return {"@type": "Organization", "name": self.site_name, "url": self.url("index.md")}

    def reference(self, entity: Entity) -> Node:
        """A short node for an actor or place named by another page: type, name, page, Wikidata."""
        name, _ = self.l10n.name(entity)
        page = self.url(entity_path(entity))
        node: Node = {"@type": schema_type(entity), "@id": page + "#id", "name": name, "url": page}
        if entity.wikidata:
            node["sameAs"] = wikidata_url(entity.wikidata)
        return node

    def _described(self, entity: Entity) -> Node:
        node = {"@context": SCHEMA_ORG, **self.reference(entity)}
        names = set(entity.name.values())
        aliases = [
            alias
            for lang in sorted(entity.aliases)
            for alias in entity.aliases[lang]
            if alias not in names
        ]
        others = sorted(names - {node["name"]})
        if others or aliases:
            node["alternateName"] = list(dict.fromkeys([*others, *aliases]))
        description, _ = self.l10n.pick(entity.description)
        if description:
            node["description"] = description
        return node

    def actor(self, actor: Actor) -> Node:
        """A ``Person`` or an ``Organization`` (or a more precise kind of one)."""
        return self._described(actor)

    def place(self, place: Place) -> Node:
        """A ``Place`` with its coordinates and the places that contain it."""
        node = self._described(place)
        if place.coordinates:
            latitude, longitude = place.coordinates
            node["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
        if place.within:
            node["containedInPlace"] = self._container(place.within)
        return node

    def _container(self, place_id: str) -> Node:
        place = self.registry.places[place_id]
        node = self.reference(place)
        if place.within:
            node["containedInPlace"] = self._container(place.within)
        return node

    def article(
        self,
        briefing: Briefing,
        versions: Iterable[Briefing],
        actors: Iterable[str],
        places: Iterable[str],
        page: str,
    ) -> Node:
        """A ``NewsArticle``: what the author vouches for is ``about``, the rest ``mentions``."""
        vouched = {("actor", i) for i in briefing.actors} | {("place", i) for i in briefing.places}
        entities: list[tuple[str, Entity]] = [
            *(("actor", self.registry.actors[i]) for i in actors),
            *(("place", self.registry.places[i]) for i in places),
        ]
        publisher = self.publisher()
        node: Node = {
            "@context": SCHEMA_ORG,
            "@type": "NewsArticle",
            "headline": briefing.title,
            "description": briefing.summary,
            "inLanguage": briefing.lang,
            "datePublished": iso_published(briefing),
            "dateModified": iso_modified(briefing),
            "url": self.url(page),
            "mainEntityOfPage": self.url(page),
            "author": publisher,
            "publisher": publisher,
            "isAccessibleForFree": True,
        }
        about = [self.reference(e) for kind, e in entities if (kind, e.id) in vouched]
        mentions = [self.reference(e) for kind, e in entities if (kind, e.id) not in vouched]
        if about:
            node["about"] = about
        if mentions:
            node["mentions"] = mentions
        if briefing.tags:
            node["keywords"] = list(briefing.tags)
        if briefing.sources:
            node["citation"] = [_citation(source) for source in briefing.sources]
        translations = [
            {
                "@type": "NewsArticle",
                "headline": version.title,
                "inLanguage": version.lang,
                "url": self.translation_url(version.lang),
            }
            for version in versions
            if version.lang != briefing.lang
        ]
        if translations:
            node["workTranslation"] = translations
        return node


def entity_path(entity: Entity) -> str:
    """The docs path of an actor's or a place's page."""
    return actor_path(entity.id) if isinstance(entity, Actor) else place_path(entity.id)


def _citation(source: Source) -> Node:
    node: Node = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.url:
        node["url"] = source.url
    if source.date:
        node["datePublished"] = source.date.isoformat()
    return node

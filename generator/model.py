"""The typed model that flows between the pipeline stages: frozen, plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .diagnostics import Diagnostic, Location

EntityKind = Literal["actor", "place"]
MentionKind = Literal["actor", "place", "date"]

#: A text in several languages: language tag → text.
Localized = Mapping[str, str]


@dataclass(frozen=True)
class Actor:
    """A person, organisation, government, state or armed group from ``content/actors/<id>.yml``."""

    id: str
    kind: str
    name: Localized
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    description: Localized = field(default_factory=dict)
    wikidata: str | None = None
    location: Location = Location("")

    entity_kind: EntityKind = field(default="actor", init=False)


@dataclass(frozen=True)
class Place:
    """A country, region, city, district or site from ``content/places/<id>.yml``."""

    id: str
    kind: str
    name: Localized
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    description: Localized = field(default_factory=dict)
    within: str | None = None
    coordinates: tuple[float, float] | None = None
    wikidata: str | None = None
    location: Location = Location("")

    entity_kind: EntityKind = field(default="place", init=False)


Entity = Actor | Place


@dataclass(frozen=True)
class Registry:
    """Every actor and place, by id."""

    actors: Mapping[str, Actor]
    places: Mapping[str, Place]

    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """The places that contain ``place_id``, nearest first (validated to be acyclic)."""
        chain: list[str] = []
        parent = self.places[place_id].within
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.places[parent].within
        return tuple(chain)


@dataclass(frozen=True)
class Figure:
    """A key number, with the actor who reported it and the period it covers."""

    label: str
    value: int | float
    source: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Event:
    """A dated fact the author states explicitly in front matter."""

    date: dt.date
    text: str
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """Where the facts come from."""

    publisher: str
    url: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Briefing:
    """One article in one language: ``content/briefings/<slug>.<lang>.md``."""

    slug: str
    lang: str
    title: str
    date: dt.date
    summary: str
    body: str
    path: str
    #: 1-based line of the file on which the body starts.
    body_line: int = 1
    published: dt.datetime | None = None
    updated: dt.date | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """``(slug, lang)``: unique across the content."""
        return (self.slug, self.lang)


@dataclass(frozen=True)
class Content:
    """Everything validated: the registry and every briefing, sorted by slug and language."""

    registry: Registry
    briefings: tuple[Briefing, ...]
    locales: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a briefing's body naming an actor, a place or a day.

    ``start`` and ``end`` are code-point offsets into the body.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    id: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Linked:
    """The link stage's output: mentions per briefing key, and what it warned about."""

    content: Content
    mentions: Mapping[tuple[str, str], tuple[Mention, ...]]
    diagnostics: tuple[Diagnostic, ...] = ()

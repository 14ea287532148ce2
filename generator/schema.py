"""The content schema as data: every field authors may write, its type and its documentation.

The validator reads these declarations; so will the JSON Schema and the authors' guide, so the
three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal[
    "text",  # one line of text
    "date",  # ISO date, 2016-09-30
    "datetime",  # ISO date, or date and time with a UTC offset
    "lang",  # a site locale
    "ids",  # a list of registry ids
    "id",  # one registry id
    "words",  # a list of short words
    "localized",  # language → text
    "localized-words",  # language → list of texts
    "number",
    "coordinates",  # [latitude, longitude]
    "url",  # http(s) URL
    "kind",  # one of ``choices``
    "wikidata",  # Q-id
    "records",  # a list of mappings with ``fields``
]


@dataclass(frozen=True)
class Field:
    """One field of a content file."""

    name: str
    type: FieldType
    doc: str
    required: bool = False
    #: For ``id``/``ids``: the registry the ids must exist in.
    ref: Literal["actor", "place"] | None = None
    #: For ``records``: the fields of each record.
    fields: tuple[Field, ...] = ()
    #: For ``kind``: the allowed values.
    choices: tuple[str, ...] = ()


ACTOR_KINDS = (
    "person",
    "organisation",
    "government",
    "state",
    "armed-group",
    "coalition",
    "institution",
    "media",
)
PLACE_KINDS = ("country", "region", "city", "town", "village", "district", "site")

FIGURE_FIELDS = (
    Field(
        "label",
        "text",
        "What is counted: a key such as `killed` or `wounded`, or free text.",
        required=True,
    ),
    Field("value", "number", "The number itself.", required=True),
    Field("source", "id", "The actor who reported the figure.", ref="actor"),
    Field("from", "date", "First day of the period the figure covers."),
    Field("to", "date", "Last day of the period the figure covers."),
)

EVENT_FIELDS = (
    Field("date", "date", "The day it happened.", required=True),
    Field("text", "text", "What happened, in the briefing's language.", required=True),
    Field("places", "ids", "Where it happened.", ref="place"),
    Field("actors", "ids", "Who took part.", ref="actor"),
)

SOURCE_FIELDS = (
    Field("publisher", "text", "Who published the source.", required=True),
    Field("url", "url", "Where to read it (http or https)."),
    Field("date", "date", "When it was published."),
)

BRIEFING_FIELDS = (
    Field("title", "text", "The headline.", required=True),
    Field(
        "date",
        "datetime",
        "Publication date: ISO date, or date-time with a UTC offset.",
        required=True,
    ),
    Field("lang", "lang", "The briefing's language; must agree with the file name's suffix."),
    Field(
        "summary",
        "text",
        "One or two sentences for lists, feeds and the meta description.",
        required=True,
    ),
    Field("updated", "date", "Date of the last substantive update."),
    Field(
        "actors",
        "ids",
        "Actors the author vouches for; mentions in the text are added.",
        ref="actor",
    ),
    Field(
        "places",
        "ids",
        "Places the author vouches for; mentions in the text are added.",
        ref="place",
    ),
    Field("tags", "words", "Topics, as short lowercase words."),
    Field("figures", "records", "Key numbers, each with who reported it.", fields=FIGURE_FIELDS),
    Field("events", "records", "Dated facts the author states explicitly.", fields=EVENT_FIELDS),
    Field("sources", "records", "Where the facts come from.", fields=SOURCE_FIELDS),
)

ACTOR_FIELDS = (
    Field("kind", "kind", "What sort of actor.", required=True, choices=ACTOR_KINDS),
    Field("name", "localized", "The name in each language.", required=True),
    Field("aliases", "localized-words", "Other ways each language writes the name."),
    Field("description", "localized", "One sentence on who this is, per language."),
    Field("wikidata", "wikidata", "Wikidata item id, such as Q7817."),
)

PLACE_FIELDS = (
    Field("kind", "kind", "What sort of place.", required=True, choices=PLACE_KINDS),
    Field("name", "localized", "The name in each language.", required=True),
    Field("aliases", "localized-words", "Other ways each language writes the name."),
    Field("description", "localized", "One sentence on the place, per language."),
    Field("within", "id", "The place that contains this one.", ref="place"),
    Field("coordinates", "coordinates", "[latitude, longitude] in decimal degrees."),
    Field("wikidata", "wikidata", "Wikidata item id, such as Q41183."),
)

"""The content schema as data: every field authors may write, its type and its documentation.

The validator reads these declarations; so will the JSON Schema and the authors' guide, so the
three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

#: A value as JSON (and YAML) writes it: used for each field's example.
JsonValue: TypeAlias = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]

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
    #: A value an author could write, shown in the JSON Schema and the authors' guide.
    example: JsonValue = None


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

#: What each kind of actor or place means, for the JSON Schema and the authors' guide.
KIND_DOCS = {
    "person": "One named individual.",
    "organisation": "A non-governmental organisation, agency or company.",
    "government": "A government or one of its ministries and services.",
    "state": "A state as a party: its armed forces or its diplomacy as a whole.",
    "armed-group": "A non-state armed group.",
    "coalition": "An alliance of states or groups acting together.",
    "institution": "An international or public institution (UN bodies, courts).",
    "media": "A newspaper, broadcaster or news agency.",
    "country": "A sovereign country.",
    "region": "A province, governorate or other region within a country.",
    "city": "A city.",
    "town": "A town.",
    "village": "A village.",
    "district": "A district or neighbourhood within a city.",
    "site": "One place: a hospital, a camp, a checkpoint, a front line.",
}

FIGURE_FIELDS = (
    Field(
        "label",
        "text",
        "What is counted: a key such as `killed` or `wounded`, or free text.",
        required=True,
        example="killed",
    ),
    Field("value", "number", "The number itself.", required=True, example=338),
    Field("source", "id", "The actor who reported the figure.", ref="actor", example="who"),
    Field("from", "date", "First day of the period the figure covers.", example="2016-09-23"),
    Field("to", "date", "Last day of the period the figure covers.", example="2016-09-30"),
)

EVENT_FIELDS = (
    Field("date", "date", "The day it happened.", required=True, example="2016-09-29"),
    Field(
        "text",
        "text",
        "What happened, in the briefing's language.",
        required=True,
        example="Les forces gouvernementales reprennent Handarat.",
    ),
    Field("places", "ids", "Where it happened.", ref="place", example=["handarat"]),
    Field("actors", "ids", "Who took part.", ref="actor", example=["syrian-government"]),
)

SOURCE_FIELDS = (
    Field("publisher", "text", "Who published the source.", required=True, example="Le Monde"),
    Field("url", "url", "Where to read it (http or https).", example="https://www.lemonde.fr/"),
    Field("date", "date", "When it was published.", example="2016-09-30"),
)

BRIEFING_FIELDS = (
    Field(
        "title",
        "text",
        "The headline.",
        required=True,
        example="Alep : l’offensive du régime se poursuit",
    ),
    Field(
        "date",
        "datetime",
        "Publication date: ISO date, or date-time with a UTC offset.",
        required=True,
        example="2016-09-30",
    ),
    Field(
        "lang",
        "lang",
        "The briefing's language; must agree with the file name's suffix.",
        example="fr",
    ),
    Field(
        "summary",
        "text",
        "One or two sentences for lists, feeds and the meta description.",
        required=True,
        example="Les bombardements sur l’est d’Alep ont fait 338 morts en une semaine.",
    ),
    Field("updated", "date", "Date of the last substantive update.", example="2016-10-01"),
    Field(
        "actors",
        "ids",
        "Actors the author vouches for; mentions in the text are added.",
        ref="actor",
        example=["who", "msf"],
    ),
    Field(
        "places",
        "ids",
        "Places the author vouches for; mentions in the text are added.",
        ref="place",
        example=["aleppo"],
    ),
    Field("tags", "words", "Topics, as short lowercase words.", example=["siege", "humanitarian"]),
    Field(
        "figures",
        "records",
        "Key numbers, each with who reported it.",
        fields=FIGURE_FIELDS,
        example=[
            {
                "label": "killed",
                "value": 338,
                "source": "who",
                "from": "2016-09-23",
                "to": "2016-09-30",
            }
        ],
    ),
    Field(
        "events",
        "records",
        "Dated facts the author states explicitly.",
        fields=EVENT_FIELDS,
        example=[
            {
                "date": "2016-09-29",
                "text": "Les forces gouvernementales reprennent Handarat.",
                "places": ["handarat"],
                "actors": ["syrian-government"],
            }
        ],
    ),
    Field(
        "sources",
        "records",
        "Where the facts come from.",
        fields=SOURCE_FIELDS,
        example=[{"publisher": "Le Monde", "url": "https://www.lemonde.fr/", "date": "2016-09-30"}],
    ),
)

ACTOR_FIELDS = (
    Field(
        "kind",
        "kind",
        "What sort of actor.",
        required=True,
        choices=ACTOR_KINDS,
        example="organisation",
    ),
    Field(
        "name",
        "localized",
        "The name in each language.",
        required=True,
        example={
            "fr": "Organisation mondiale de la santé",
            "en": "World Health Organization",
            "ar": "منظمة الصحة العالمية",
        },
    ),
    Field(
        "aliases",
        "localized-words",
        "Other ways each language writes the name.",
        example={"fr": ["OMS"], "en": ["WHO"]},
    ),
    Field(
        "description",
        "localized",
        "One sentence on who this is, per language.",
        example={"en": "The United Nations agency for health."},
    ),
    Field("wikidata", "wikidata", "Wikidata item id, such as Q7817.", example="Q7817"),
)

PLACE_FIELDS = (
    Field(
        "kind", "kind", "What sort of place.", required=True, choices=PLACE_KINDS, example="city"
    ),
    Field(
        "name",
        "localized",
        "The name in each language.",
        required=True,
        example={"fr": "Alep", "en": "Aleppo", "ar": "حلب"},
    ),
    Field(
        "aliases",
        "localized-words",
        "Other ways each language writes the name.",
        example={"en": ["Halab"]},
    ),
    Field(
        "description",
        "localized",
        "One sentence on the place, per language.",
        example={"en": "Syria's second city."},
    ),
    Field("within", "id", "The place that contains this one.", ref="place", example="syria"),
    Field(
        "coordinates",
        "coordinates",
        "[latitude, longitude] in decimal degrees.",
        example=[36.2021, 37.1343],
    ),
    Field("wikidata", "wikidata", "Wikidata item id, such as Q41183.", example="Q41183"),
)

#: The registry's kinds of entry: folder under content/, fields, and what each one is.
REGISTRY_KINDS: dict[Literal["actor", "place"], tuple[Field, ...]] = {
    "actor": ACTOR_FIELDS,
    "place": PLACE_FIELDS,
}

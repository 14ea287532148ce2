"""The open data's schema as data: a JSON Schema per file of ``api/``, and the CSV's columns."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _string(doc: str) -> Schema:
    return {"type": "string", "description": doc}


def _nullable(schema: Schema) -> Schema:
    return {**schema, "type": [schema["type"], "null"]}


def _date(doc: str) -> Schema:
    return {"type": "string", "format": "date", "description": doc}


def _link(doc: str) -> Schema:
    return {
        "type": "string",
        "format": "uri-reference",
        "description": doc
        + " Absolute when the site's address is known, else relative to this file.",
    }


def _ids(doc: str) -> Schema:
    return {"type": "array", "items": {"type": "string"}, "description": doc}


def _texts(doc: str) -> Schema:
    return {"type": "object", "additionalProperties": {"type": "string"}, "description": doc}


def _collection(
    name: str, title: str, fields: dict[str, Schema], optional: tuple[str, ...] = ()
) -> Schema:
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "required": [name],
        "additionalProperties": False,
        "properties": {
            name: {
                "type": "array",
                "description": "Sorted by id.",
                "items": {
                    "type": "object",
                    "required": sorted(set(fields) - set(optional)),
                    "additionalProperties": False,
                    "properties": fields,
                },
            }
        },
    }


_ENTITY: dict[str, Schema] = {
    "id": _string("The registry id, [a-z0-9-]+: the file name under content/."),
    "kind": _string("person, organisation, government… for actors; country, city… for places."),
    "name": _texts("The name in each language written: language tag → name."),
    "aliases": {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Other names, per language.",
    },
    "description": _texts("A short description, per language."),
    "wikidata": _nullable(_string("The Wikidata item (Q…), if known.")),
    "urls": {
        **_texts("The entity's page in each site locale: locale → address."),
        "additionalProperties": _link("A page."),
    },
    "stories": _ids("Slugs of the stories that name it, newest first."),
}

SCHEMAS: dict[str, Schema] = {
    "briefings": _collection(
        "briefings",
        "Briefings: every language version of every story",
        {
            "id": _string("'<slug>.<lang>', as the file name."),
            "slug": _string("The story: versions in other languages share it."),
            "lang": _string("The language written in (a site locale)."),
            "title": _string("Title."),
            "summary": _string("One or two sentences."),
            "date": _date("Publication day."),
            "published": _nullable(
                {**_string("Publication moment with UTC offset, if given."), "format": "date-time"}
            ),
            "updated": _nullable(_date("Day of the last substantive update, if any.")),
            "url": _link("The briefing's page in its own language."),
            "translations": _ids("Ids of the same story in other languages."),
            "actors": _ids("Actor ids: from the front matter, then those found in the text."),
            "places": _ids("Place ids: from the front matter, then those found in the text."),
            "dates": {
                "type": "array",
                "items": {"type": "string", "format": "date"},
                "description": "Days mentioned in the text or its events, ascending.",
            },
            "tags": _ids("Topics."),
            "figures": _ids("Ids of its figures (see figures.json)."),
            "events": _ids("Ids of its events (see events.json)."),
            "sources": {
                "type": "array",
                "description": "Where the facts come from.",
                "items": {
                    "type": "object",
                    "required": ["publisher", "url", "date"],
                    "additionalProperties": False,
                    "properties": {
                        "publisher": _string("Who published the source."),
                        "url": _nullable({**_string("An http(s) address."), "format": "uri"}),
                        "date": _nullable(_date("When it was published.")),
                    },
                },
            },
        },
    ),
    "actors": _collection("actors", "Actors: people, organisations, governments…", _ENTITY),
    "places": _collection(
        "places",
        "Places: countries, cities, sites…",
        {
            **_ENTITY,
            "within": _nullable(_string("The id of the place that contains it.")),
            "latitude": _nullable({"type": "number", "description": "WGS 84 degrees."}),
            "longitude": _nullable({"type": "number", "description": "WGS 84 degrees."}),
            "stories": _ids("Slugs of the stories that name it (not the places within it)."),
        },
    ),
    "events": _collection(
        "events",
        "Events: dated facts stated in briefings' front matter",
        {
            "id": _string("'<briefing id>.event-<n>': the n-th (from 1) event of the briefing."),
            "briefing": _string("The briefing's id."),
            "lang": _string("The language of the text."),
            "date": _date("When it happened."),
            "text": _string("What happened."),
            "actors": _ids("Actor ids."),
            "places": _ids("Place ids."),
            "url": _link("The briefing's page."),
        },
    ),
    "figures": _collection(
        "figures",
        "Figures: key numbers reported in briefings",
        {
            "id": _string("'<briefing id>.figure-<n>': the n-th (from 1) figure of the briefing."),
            "briefing": _string("The briefing's id."),
            "lang": _string("The briefing's language."),
            "label": _string("What is counted: killed, wounded, displaced…"),
            "value": {"type": "number", "description": "The number."},
            "source": _nullable(_string("The id of the actor who reported it.")),
            "from": _nullable(_date("First day of the period it covers.")),
            "to": _nullable(_date("Last day of the period it covers.")),
            "url": _link("The briefing's page."),
        },
    ),
}

SCHEMAS["index"] = {
    "$schema": DRAFT,
    "$id": "index.schema.json",
    "title": "The list of the open data files",
    "type": "object",
    "required": ["default_locale", "files", "locales"],
    "additionalProperties": False,
    "properties": {
        "locales": _ids("The site's locales, the default first."),
        "default_locale": _string("The locale a story is shown in when the reader's lacks it."),
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["description", "media_type", "name", "records"],
                "additionalProperties": False,
                "properties": {
                    "name": _string("The file, relative to this one."),
                    "schema": _string("Its JSON Schema, relative to this file."),
                    "media_type": _string("application/json or text/csv."),
                    "records": {"type": "integer", "description": "How many records it holds."},
                    "description": _string("What it holds."),
                    "columns": {
                        "type": "array",
                        "description": "A CSV file's columns, in order.",
                        "items": {
                            "type": "object",
                            "required": ["description", "name"],
                            "additionalProperties": False,
                            "properties": {
                                "name": _string("Header."),
                                "description": _string("Meaning."),
                            },
                        },
                    },
                },
            },
        },
    },
}

DESCRIPTIONS = {
    "briefings": "Every language version of every briefing.",
    "actors": "The actor registry, with each actor's pages and stories.",
    "places": "The place registry, with hierarchy, coordinates, pages and stories.",
    "events": "Dated events stated in the briefings.",
    "figures": "Key figures reported in the briefings, with their source and period.",
    "events.csv": "The events as a table, ACLED's columns first.",
}

#: events.csv: ACLED's columns first, in ACLED's order, then ours.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_date", "The day it happened, YYYY-MM-DD."),
    ("actor1", "The first actor named, in the briefing's language."),
    ("actor2", "The second actor named, if any."),
    ("location", "The first place named, in the briefing's language."),
    ("latitude", "Of that place, or of the nearest place containing it that has coordinates."),
    ("longitude", "Likewise."),
    ("source", "The briefing's sources' publishers, separated by '; '."),
    ("notes", "What happened, in the briefing's language."),
    ("event_id", "The event's id in events.json."),
    ("briefing", "The briefing's id."),
    ("lang", "The language of the names and notes."),
    ("actors", "Every actor id, separated by ';'."),
    ("places", "Every place id, separated by ';'."),
    ("coordinates_of", "The id of the place whose coordinates are given."),
    ("url", "The briefing's page."),
)

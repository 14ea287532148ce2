"""The content schema (schema.py) as JSON Schema, draft 2020-12, for editors and other tools.

Patterns are written for both regex dialects that will read them: ECMA-262 (editors, through
yaml-language-server) and Python's ``re`` (the ``jsonschema`` library in the tests). A test checks
that each pattern agrees with the validator's own regular expression.

What a schema cannot know — whether an id exists in the registry, loops in ``within``, two files
claiming one slug — only ``briefing check`` reports.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from .schema import BRIEFING_FIELDS, KIND_DOCS, REGISTRY_KINDS, Field

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: A registry id: lowercase ASCII letters and digits, in words joined by single hyphens.
ID = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?"
    "\\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})$"
)
#: A BCP 47 language tag as the registry writes it: fr, en, ar, pt-BR.
LANGUAGE_TAG = "^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
#: One word: no space, no control character, no ASCII punctuation but the hyphen and the underscore.
WORD = "^[^\\s\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+$"
URL = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+[^\\s]*$"
WIKIDATA = "^Q[1-9][0-9]*$"
#: Text with at least one character that is not a space.
TEXT = "\\S"

SCHEMA_FILES = {
    "briefing": "briefing.schema.json",
    "actor": "actor.schema.json",
    "place": "place.schema.json",
}

Schema = dict[str, Any]


def _text() -> Schema:
    return {"type": "string", "pattern": TEXT}


def _id() -> Schema:
    return {"type": "string", "pattern": ID}


def _type_schema(field: Field, locales: tuple[str, ...]) -> Schema:
    """The JSON Schema of a field's value, from its declared type."""
    match field.type:
        case "text":
            return _text()
        case "date":
            return {"type": "string", "pattern": DATE, "format": "date"}
        case "datetime":
            return {
                "anyOf": [
                    {"type": "string", "pattern": DATE, "format": "date"},
                    {"type": "string", "pattern": DATETIME},
                ]
            }
        case "lang":
            return {"enum": list(locales)}
        case "id":
            return _id()
        case "ids":
            return {"type": "array", "items": _id()}
        case "words":
            return {"type": "array", "items": {"type": "string", "pattern": WORD}}
        case "localized":
            localized: Schema = {
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_TAG},
                "additionalProperties": _text(),
            }
            return {**localized, "minProperties": 1} if field.required else localized
        case "localized-words":
            return {
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_TAG},
                "additionalProperties": {"type": "array", "items": _text()},
            }
        case "number":
            return {"type": "number"}
        case "coordinates":
            # ``items`` as well as ``prefixItems``: an editor that reads an older draft still
            # checks two numbers.
            return {
                "type": "array",
                "prefixItems": [
                    {"type": "number", "minimum": -90, "maximum": 90, "description": "Latitude."},
                    {
                        "type": "number",
                        "minimum": -180,
                        "maximum": 180,
                        "description": "Longitude.",
                    },
                ],
                "items": {"type": "number"},
                "minItems": 2,
                "maxItems": 2,
            }
        case "url":
            return {"type": "string", "pattern": URL, "format": "uri"}
        case "kind":
            return {"enum": list(field.choices)}
        case "wikidata":
            return {"type": "string", "pattern": WIKIDATA}
        case "records":
            return {"type": "array", "items": _object(field.fields, locales)}


def _description(field: Field) -> str:
    if field.type != "kind":
        return field.doc
    return "\n".join([field.doc, *(f"- {kind}: {KIND_DOCS[kind]}" for kind in field.choices)])


def field_schema(field: Field, locales: tuple[str, ...]) -> Schema:
    """One field: its value's schema, with the field's description and example."""
    schema: Schema = {"description": _description(field), **_type_schema(field, locales)}
    if field.example is not None:
        schema["examples"] = [field.example]
    return schema


def _object(fields: tuple[Field, ...], locales: tuple[str, ...]) -> Schema:
    return {
        "type": "object",
        "properties": {field.name: field_schema(field, locales) for field in fields},
        "required": [field.name for field in fields if field.required],
        "additionalProperties": False,
    }


def briefing_schema(locales: tuple[str, ...]) -> Schema:
    """The schema of a briefing's front matter, for a site with these locales."""
    return {
        "$schema": DIALECT,
        "title": "Briefing front matter",
        "description": (
            "The YAML between the two '---' lines at the top of content/briefings/"
            "<slug>.<lang>.md. Ids must also exist in the registry: `briefing check` says so."
        ),
        **_object(BRIEFING_FIELDS, locales),
    }


def registry_schema(kind: Literal["actor", "place"], locales: tuple[str, ...]) -> Schema:
    """The schema of one registry file, content/actors/<id>.yml or content/places/<id>.yml."""
    return {
        "$schema": DIALECT,
        "title": f"{kind.capitalize()} registry entry",
        "description": (
            f"content/{kind}s/<id>.yml: one {kind}, whose id is the file name "
            "(lowercase letters, digits and hyphens)."
        ),
        **_object(REGISTRY_KINDS[kind], locales),
    }


def schemas(locales: tuple[str, ...]) -> dict[str, Schema]:
    """Every schema by file name: briefing, actor and place."""
    return {
        SCHEMA_FILES["briefing"]: briefing_schema(locales),
        SCHEMA_FILES["actor"]: registry_schema("actor", locales),
        SCHEMA_FILES["place"]: registry_schema("place", locales),
    }


def schema_text(schema: Schema) -> str:
    """The schema as committed: indented JSON, non-ASCII kept, one final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"

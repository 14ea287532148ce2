"""Open data under ``api/``: the content as JSON and an ACLED-like events.csv, with JSON Schemas.

Every record has a stable id: an actor's or place's own id; ``<slug>.<lang>`` for a briefing;
``<slug>.<lang>.event-<n>`` and ``<slug>.<lang>.figure-<n>`` for the n-th (from 1) event or
figure of a briefing's front matter. Links are absolute under ``site_url``, else relative to the
file (``../fr/actors/who/``). Records are sorted by id, keys by name: equal content, equal bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .addresses import Addresses
from .apischema import CSV_COLUMNS, DESCRIPTIONS, SCHEMAS
from .index import SiteIndex
from .l10n import L10n
from .locales import SiteConfig
from .model import Actor, Briefing, Place, Registry
from .paths import actor_path, place_path

API_DIR = "api"
#: Leading characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def briefing_id(briefing: Briefing) -> str:
    """``<slug>.<lang>``, like the file name."""
    return f"{briefing.slug}.{briefing.lang}"


def briefing_records(index: SiteIndex, links: Addresses) -> list[dict[str, Any]]:
    """Every briefing version with its links, entities, figures and events by id."""
    records = []
    for briefing in index.briefings.values():
        own = briefing_id(briefing)
        actors, places, days = index.entities_of(briefing)
        records.append(
            {
                "id": own,
                "slug": briefing.slug,
                "lang": briefing.lang,
                "title": briefing.title,
                "summary": briefing.summary,
                "date": briefing.date.isoformat(),
                "published": briefing.published.isoformat() if briefing.published else None,
                "updated": briefing.updated.isoformat() if briefing.updated else None,
                "url": links.page(briefing.lang, index.story_page(briefing.slug)),
                "translations": [
                    briefing_id(other)
                    for other in index.versions[briefing.slug]
                    if other.lang != briefing.lang
                ],
                "actors": actors,
                "places": places,
                "dates": [day.isoformat() for day in days],
                "tags": list(briefing.tags),
                "figures": [f"{own}.figure-{n}" for n in range(1, len(briefing.figures) + 1)],
                "events": [f"{own}.event-{n}" for n in range(1, len(briefing.events) + 1)],
                "sources": [
                    {
                        "publisher": source.publisher,
                        "url": source.url,
                        "date": source.date.isoformat() if source.date else None,
                    }
                    for source in briefing.sources
                ],
            }
        )
    return sorted(records, key=lambda r: r["id"])


def _entity(
    entity: Actor | Place, path: str, config: SiteConfig, links: Addresses
) -> dict[str, Any]:
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": dict(entity.name),
        "aliases": {lang: list(names) for lang, names in entity.aliases.items()},
        "description": dict(entity.description),
        "wikidata": entity.wikidata,
        "urls": {locale: links.page(locale, path) for locale in config.locales},
    }


def actor_records(index: SiteIndex, config: SiteConfig, links: Addresses) -> list[dict[str, Any]]:
    """Every actor, its names, pages and the stories (slugs, newest first) that name it."""
    return [
        {
            **_entity(actor, actor_path(actor_id), config, links),
            "stories": list(index.by_actor.get(actor_id, ())),
        }
        for actor_id, actor in sorted(index.linked.content.registry.actors.items())
    ]


def place_records(index: SiteIndex, config: SiteConfig, links: Addresses) -> list[dict[str, Any]]:
    """Every place, its names, position in the hierarchy, coordinates, pages and stories."""
    records = []
    for place_id, place in sorted(index.linked.content.registry.places.items()):
        latitude, longitude = place.coordinates or (None, None)
        records.append(
            {
                **_entity(place, place_path(place_id), config, links),
                "within": place.within,
                "latitude": latitude,
                "longitude": longitude,
                "stories": list(index.by_place.get(place_id, ())),
            }
        )
    return records


def event_records(index: SiteIndex, links: Addresses) -> list[dict[str, Any]]:
    """Every event of every briefing's front matter."""
    records = []
    for briefing in index.briefings.values():
        for n, event in enumerate(briefing.events, start=1):
            records.append(
                {
                    "id": f"{briefing_id(briefing)}.event-{n}",
                    "briefing": briefing_id(briefing),
                    "lang": briefing.lang,
                    "date": event.date.isoformat(),
                    "text": event.text,
                    "actors": list(event.actors),
                    "places": list(event.places),
                    "url": links.page(briefing.lang, index.story_page(briefing.slug)),
                }
            )
    return sorted(records, key=lambda r: r["id"])


def figure_records(index: SiteIndex, links: Addresses) -> list[dict[str, Any]]:
    """Every key figure of every briefing, with who reported it and the period it covers."""
    records = []
    for briefing in index.briefings.values():
        for n, figure in enumerate(briefing.figures, start=1):
            records.append(
                {
                    "id": f"{briefing_id(briefing)}.figure-{n}",
                    "briefing": briefing_id(briefing),
                    "lang": briefing.lang,
                    "label": figure.label,
                    "value": figure.value,
                    "source": figure.source,
                    "from": figure.start.isoformat() if figure.start else None,
                    "to": figure.end.isoformat() if figure.end else None,
                    "url": links.page(briefing.lang, index.story_page(briefing.slug)),
                }
            )
    return sorted(records, key=lambda r: r["id"])


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a ``'`` before it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _located(registry: Registry, place_id: str | None) -> str | None:
    """The place itself if it has coordinates, else its nearest container that has."""
    if place_id is None:
        return None
    for candidate in (place_id, *registry.ancestors(place_id)):
        if registry.places[candidate].coordinates:
            return candidate
    return None


def events_csv(index: SiteIndex, l10ns: Mapping[str, L10n], links: Addresses) -> str:
    """One row per event, ACLED's columns first; names in the briefing's language."""
    registry = index.linked.content.registry
    rows: list[list[str | float]] = []
    for briefing in index.briefings.values():
        l10n = l10ns[briefing.lang]
        url = links.page(briefing.lang, index.story_page(briefing.slug))
        publishers = "; ".join(source.publisher for source in briefing.sources)
        for n, event in enumerate(briefing.events, start=1):
            names = [l10n.name(registry.actors[a])[0] for a in event.actors[:2]]
            names += [""] * (2 - len(names))
            where = event.places[0] if event.places else None
            located = _located(registry, where)
            coordinates = registry.places[located].coordinates if located else None
            latitude, longitude = coordinates or ("", "")
            rows.append(
                [
                    event.date.isoformat(),
                    spreadsheet_safe(names[0]),
                    spreadsheet_safe(names[1]),
                    spreadsheet_safe(l10n.name(registry.places[where])[0] if where else ""),
                    latitude,
                    longitude,
                    spreadsheet_safe(publishers),
                    spreadsheet_safe(event.text),
                    f"{briefing_id(briefing)}.event-{n}",
                    briefing_id(briefing),
                    briefing.lang,
                    ";".join(event.actors),
                    ";".join(event.places),
                    located or "",
                    url,
                ]
            )
    rows.sort(key=lambda row: (str(row[0]), str(row[8])))  # by day, then id
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(name for name, _doc in CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


#: Characters escaped inside JSON strings so that no file reads as markup, even pasted into HTML.
HTML_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_bytes(data: object) -> bytes:
    """Sorted keys, UTF-8, ``<``, ``>`` and ``&`` escaped (JSON allows them only in strings)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return (text.translate(HTML_SAFE) + "\n").encode("utf-8")


def write_open_data(
    site_dir: Path, config: SiteConfig, index: SiteIndex, l10ns: Mapping[str, L10n]
) -> list[Path]:
    """``api/``: the JSON files, events.csv, a JSON Schema per JSON file and index.json."""
    links = Addresses(config.site_url, API_DIR)
    collections: dict[str, list[dict[str, Any]]] = {
        "briefings": briefing_records(index, links),
        "actors": actor_records(index, config, links),
        "places": place_records(index, config, links),
        "events": event_records(index, links),
        "figures": figure_records(index, links),
    }
    api = site_dir / API_DIR
    (api / "schema").mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    for name, records in collections.items():
        files[f"{name}.json"] = json_bytes({name: records})
        files[f"schema/{name}.schema.json"] = json_bytes(SCHEMAS[name])
    files["events.csv"] = events_csv(index, l10ns, links).encode("utf-8")
    files["schema/index.schema.json"] = json_bytes(SCHEMAS["index"])
    files["index.json"] = json_bytes(
        {
            "locales": list(config.locales),
            "default_locale": config.default_locale,
            "files": [
                {
                    "name": f"{name}.json",
                    "schema": f"schema/{name}.schema.json",
                    "media_type": "application/json",
                    "records": len(records),
                    "description": DESCRIPTIONS[name],
                }
                for name, records in collections.items()
            ]
            + [
                {
                    "name": "events.csv",
                    "media_type": "text/csv",
                    "records": len(collections["events"]),
                    "description": DESCRIPTIONS["events.csv"],
                    "columns": [{"name": n, "description": d} for n, d in CSV_COLUMNS],
                }
            ],
        }
    )
    written = []
    for name, data in sorted(files.items()):
        (api / name).write_bytes(data)
        written.append(api / name)
    return written

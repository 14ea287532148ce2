"""Open data under api/: JSON that validates against its published schema, and events.csv."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .published import ROOT, SCRIPT, SUBPATH_URL, file_for, front_matter, relative_file

DEMO_URL = "https://example.org/"
COLLECTIONS = ("briefings", "actors", "places", "events", "figures")
ACLED = [
    "event_date",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
]
BRIEFING_FILES = sorted((ROOT / "content" / "briefings").glob("*.md"))


def load(site: Path, name: str) -> Any:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def records(site: Path, name: str) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in load(site, f"{name}.json")[name]}


def rows(site: Path) -> list[dict[str, str]]:
    text = (site / "api" / "events.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def addresses(data: Any) -> list[str]:
    """Every value under a key 'url' or inside 'urls', at any depth, but the sources' own."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources":
                continue
            if key == "url" and isinstance(value, str):
                found.append(value)
            elif key == "urls":
                found += list(value.values())
            else:
                found += addresses(value)
    elif isinstance(data, list):
        for item in data:
            found += addresses(item)
    return found


def test_index_lists_every_file_with_its_schema(demo_site: Path) -> None:
    index = load(demo_site, "index.json")
    assert index["locales"] == ["fr", "en", "ar"] and index["default_locale"] == "fr"
    names = [entry["name"] for entry in index["files"]]
    assert names == [f"{name}.json" for name in COLLECTIONS] + ["events.csv"]
    for entry in index["files"]:
        assert (demo_site / "api" / entry["name"]).is_file()
        if "schema" in entry:
            assert (demo_site / "api" / entry["schema"]).is_file()
            assert entry["records"] == len(records(demo_site, entry["name"][: -len(".json")]))
    assert index["files"][-1]["records"] == len(rows(demo_site))
    assert [c["name"] for c in index["files"][-1]["columns"]][:8] == ACLED


@pytest.mark.parametrize("name", [*COLLECTIONS, "index"])
def test_each_file_validates_against_its_schema(subpath_site: Path, name: str) -> None:
    schema = load(subpath_site, f"schema/{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(load(subpath_site, f"{name}.json"))]
    assert errors == []
    broken = {name: [{"id": 1}]} if name != "index" else {"files": "none"}
    assert list(validator.iter_errors(broken)), "the schema must reject a malformed file"


def test_briefings_are_every_version_with_stable_ids(demo_site: Path) -> None:
    found = records(demo_site, "briefings")
    assert list(found) == sorted(path.name[: -len(".md")] for path in BRIEFING_FILES)
    offensive = found["2016-09-30-alep-offensive.fr"]
    matter = front_matter("2016-09-30-alep-offensive", "fr")
    assert offensive["title"] == matter["title"]
    assert offensive["summary"] == matter["summary"]
    assert offensive["date"] == "2016-09-30" and offensive["published"] is None
    assert offensive["translations"] == ["2016-09-30-alep-offensive.en"]
    assert offensive["actors"][: len(matter["actors"])] == matter["actors"]
    assert offensive["url"] == f"{DEMO_URL}fr/briefings/2016/09/30/2016-09-30-alep-offensive/"
    assert offensive["events"] == [
        "2016-09-30-alep-offensive.fr.event-1",
        "2016-09-30-alep-offensive.fr.event-2",
    ]
    assert offensive["sources"][0] == {
        "publisher": "Observatoire syrien des droits de l’homme",
        "url": "https://www.syriahr.com/",
        "date": "2016-09-30",
    }


def test_actors_and_places_are_the_registry(demo_site: Path) -> None:
    actors, places = records(demo_site, "actors"), records(demo_site, "places")
    assert list(actors) == sorted(p.stem for p in (ROOT / "content" / "actors").glob("*.yml"))
    assert list(places) == sorted(p.stem for p in (ROOT / "content" / "places").glob("*.yml"))
    who = actors["who"]
    assert who["name"]["fr"] == "Organisation mondiale de la santé"
    assert who["wikidata"] == "Q7817"
    assert who["urls"] == {lang: f"{DEMO_URL}{lang}/actors/who/" for lang in ("fr", "en", "ar")}
    assert "2016-09-30-bilan-humanitaire" in who["stories"]
    aleppo = places["aleppo"]
    assert (aleppo["latitude"], aleppo["longitude"], aleppo["within"]) == (
        36.2021,
        37.1343,
        "syria",
    )
    assert places["syria"]["within"] is None


def test_events_and_figures_match_the_front_matter(demo_site: Path) -> None:
    events, figures = records(demo_site, "events"), records(demo_site, "figures")
    expected_events = expected_figures = 0
    for path in BRIEFING_FILES:
        slug, lang = path.name[: -len(".md")].rsplit(".", 1)
        matter = front_matter(slug, lang)
        for n, event in enumerate(matter.get("events") or [], start=1):
            record = events[f"{slug}.{lang}.event-{n}"]
            assert record["date"] == event["date"].isoformat()
            assert record["text"] == event["text"]
            assert record["places"] == event.get("places", [])
            assert record["briefing"] == f"{slug}.{lang}"
            expected_events += 1
        for n, figure in enumerate(matter.get("figures") or [], start=1):
            record = figures[f"{slug}.{lang}.figure-{n}"]
            assert (record["label"], record["value"], record["source"]) == (
                figure["label"],
                figure["value"],
                figure["source"],
            )
            expected_figures += 1
    assert (len(events), len(figures)) == (expected_events, expected_figures)
    assert figures["2016-09-30-bilan-humanitaire.ar.figure-4"] == {
        "id": "2016-09-30-bilan-humanitaire.ar.figure-4",
        "briefing": "2016-09-30-bilan-humanitaire.ar",
        "lang": "ar",
        "label": "civilians-killed",
        "value": 3800,
        "source": "sohr",
        "from": "2015-09-30",
        "to": "2016-09-30",
        "url": f"{DEMO_URL}ar/briefings/2016/09/30/2016-09-30-bilan-humanitaire/",
    }


def test_events_csv_has_acled_columns_first(demo_site: Path) -> None:
    found = rows(demo_site)
    header = (demo_site / "api" / "events.csv").read_text(encoding="utf-8").split("\r\n")[0]
    assert header.split(",")[:8] == ACLED
    assert len(found) == len(records(demo_site, "events"))
    assert [row["event_date"] for row in found] == sorted(row["event_date"] for row in found)
    handarat = next(
        row for row in found if row["event_id"] == "2016-09-30-alep-offensive.fr.event-1"
    )
    assert handarat == {
        **handarat,
        "event_date": "2016-09-29",
        "actor1": "Gouvernement syrien",
        "actor2": "Armée syrienne",
        "location": "Handarat",
        "latitude": "36.27",
        "longitude": "37.188",
        "notes": front_matter("2016-09-30-alep-offensive", "fr")["events"][0]["text"],
    }
    assert handarat["source"].startswith("Observatoire syrien des droits de l’homme; ")
    placeless = next(
        row for row in found if row["event_id"] == "2016-09-30-washington-moscou-rupture.fr.event-3"
    )
    assert (placeless["location"], placeless["latitude"], placeless["longitude"]) == ("", "", "")


def test_every_link_leads_to_a_built_page(demo_site: Path) -> None:
    links = [a for name in COLLECTIONS for a in addresses(load(demo_site, f"{name}.json"))]
    links += [row["url"] for row in rows(demo_site)]
    assert len(links) > 100
    for address in links:
        assert file_for(demo_site, DEMO_URL, address).is_file(), address


def test_subpath_and_hostile_text(subpath_site: Path) -> None:
    for name in [*COLLECTIONS, "index"]:
        raw = (subpath_site / "api" / f"{name}.json").read_bytes()
        assert b"<" not in raw and b">" not in raw  # escaped as \u003c, \u003e
        for address in addresses(json.loads(raw)):
            assert file_for(subpath_site, SUBPATH_URL, address).is_file(), address
    hostile = records(subpath_site, "briefings")["2016-10-01-hostile.en"]
    assert hostile["title"] == f'{SCRIPT} & "quoted" \u202etitle'
    assert hostile["published"] == "2016-10-01T09:30:00+03:00"
    assert hostile["updated"] == "2016-10-02"
    assert records(subpath_site, "actors")["mallory"]["name"]["en"] == "javascript:alert(1)"
    row = next(r for r in rows(subpath_site) if r["briefing"] == "2016-10-01-hostile.en")
    # Spreadsheets would run these as formulas: a quote keeps them text.
    assert row["notes"] == f"'=1+1 {SCRIPT}"
    assert row["location"] == '\'=HYPERLINK("http://evil.example")'
    assert row["source"] == f"'@evil {SCRIPT}"
    # 'nowhere' has no coordinates: those of Aleppo, which holds it, and it says so.
    assert (row["latitude"], row["longitude"], row["coordinates_of"]) == (
        "36.2021",
        "37.1343",
        "aleppo",
    )


def test_without_site_url_links_are_relative_to_the_file(addressless_site: Path) -> None:
    links = [a for name in COLLECTIONS for a in addresses(load(addressless_site, f"{name}.json"))]
    assert links
    for link in links:
        assert link.startswith("../")
        assert relative_file(addressless_site, "api/", link).is_file(), link


def test_docs_name_every_field_and_column() -> None:
    from generator.apischema import CSV_COLUMNS, SCHEMAS

    docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in COLLECTIONS:
        assert f"`{name}.json`" in docs
        fields = SCHEMAS[name]["properties"][name]["items"]["properties"]
        missing = [field for field in fields if f"`{field}`" not in docs]
        assert missing == [], f"docs/api.md does not describe {name}: {missing}"
    assert [column for column in (n for n, _ in CSV_COLUMNS) if f"`{column}`" not in docs] == []
    assert "[docs/api.md](docs/api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")

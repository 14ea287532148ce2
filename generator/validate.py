"""Parsed files → the typed model, with every problem found reported at once, each located."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import ContentError, Diagnostic, Location, error, has_errors
from .frontmatter import Mapping, Node, Scalar, Sequence
from .load import ID_PATTERN, BriefingFile, Loaded, RegistryFile
from .model import Actor, Briefing, Content, Event, Figure, Place, Registry, Source
from .schema import ACTOR_FIELDS, BRIEFING_FIELDS, PLACE_FIELDS, Field

DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})\Z"
)
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
WIKIDATA = re.compile(r"Q[1-9]\d*\Z")
WORD = re.compile(r"[\w-]+\Z")


def suggestion(value: str, options: Iterable[str]) -> str:
    """' — did you mean 'x'?' when a close option exists, else ''."""
    close = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


#: The largest number a field takes: beyond, a value is a typing slip (or infinite once read).
MAX_NUMBER = 1e15


class _Reader:
    """Read located nodes into Python values of each field's declared type."""

    def __init__(self, locales: tuple[str, ...]) -> None:
        self.locales = locales
        self.diagnostics: list[Diagnostic] = []
        #: Every registry id referenced, with where: checked once the whole registry is known.
        self.references: list[tuple[str, str, Location, str]] = []

    def fail(self, code: str, location: Location, message: str) -> None:
        self.diagnostics.append(error(code, location, message))

    def fields(self, node: Mapping, fields: tuple[Field, ...], what: str) -> dict[str, Any]:
        declared = {f.name: f for f in fields}
        values: dict[str, Any] = {}
        for key, value in node.items:
            field = declared.get(key.value)
            if field is None:
                self.fail(
                    "field.unknown",
                    key.location,
                    f"unknown field '{key.value}' in {what}"
                    + (suggestion(key.value, declared) or f" (fields: {', '.join(declared)})"),
                )
                continue
            converted = self.value(field, value, what)
            if converted is not None:
                values[field.name] = converted
        for field in fields:
            if field.required and node.get(field.name) is None:
                self.fail(
                    "field.missing",
                    node.location,
                    f"{what} needs the field '{field.name}': {field.doc}",
                )
        return values

    def value(self, field: Field, node: Node, what: str) -> Any:
        read = getattr(self, "read_" + field.type.replace("-", "_"))
        return read(field, node, what)

    def _scalar(self, field: Field, node: Node, expected: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        self.fail("field.type", node.location, f"'{field.name}' must be {expected}")
        return None

    def read_text(self, field: Field, node: Node, what: str) -> str | None:
        scalar = self._scalar(field, node, "text")
        if scalar is None:
            return None
        text = scalar.value.strip()
        if not text:
            self.fail("field.empty", scalar.location, f"'{field.name}' is empty")
            return None
        return text

    def read_date(self, field: Field, node: Node, what: str) -> dt.date | None:
        scalar = self._scalar(field, node, "a date such as 2016-09-30")
        if scalar is None:
            return None
        text = scalar.value.strip()
        if not DATE.match(text):
            self.fail(
                "field.date",
                scalar.location,
                f"'{field.name}' must be a date written YYYY-MM-DD, not '{text}'",
            )
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail("field.date", scalar.location, f"'{text}' is not a day of the calendar")
            return None

    def read_datetime(self, field: Field, node: Node, what: str) -> dt.date | dt.datetime | None:
        scalar = self._scalar(field, node, "a date such as 2016-09-30")
        if scalar is None:
            return None
        text = scalar.value.strip()
        match = DATETIME.match(text)
        if DATE.match(text):
            return self.read_date(field, node, what)
        if not match:
            self.fail(
                "field.date",
                scalar.location,
                f"'{field.name}' must be a date (2016-09-30) or a date and time with its UTC "
                f"offset (2016-09-30T14:05:00+02:00), not '{text}'",
            )
            return None
        try:
            return dt.datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00"))
        except ValueError:
            self.fail("field.date", scalar.location, f"'{text}' is not a moment of the calendar")
            return None

    def read_lang(self, field: Field, node: Node, what: str) -> str | None:
        scalar = self._scalar(field, node, "a language code")
        if scalar is None:
            return None
        lang = scalar.value.strip()
        if lang not in self.locales:
            self.fail(
                "field.lang",
                scalar.location,
                f"unknown language '{lang}': the site's languages are {', '.join(self.locales)}"
                + suggestion(lang, self.locales),
            )
            return None
        return lang

    def read_id(self, field: Field, node: Node, what: str) -> str | None:
        scalar = self._scalar(field, node, "an id")
        if scalar is None:
            return None
        value = scalar.value.strip()
        if not ID_PATTERN.match(value):
            self.fail(
                "field.id",
                scalar.location,
                f"'{value}' is not an id: ids are lowercase letters, digits and hyphens",
            )
            return None
        assert field.ref is not None
        self.references.append((field.ref, value, scalar.location, field.name))
        return value

    def _list(self, field: Field, node: Node, example: str) -> tuple[Node, ...] | None:
        if isinstance(node, Sequence):
            return node.items
        self.fail("field.type", node.location, f"'{field.name}' must be a list, such as {example}")
        return None

    def read_ids(self, field: Field, node: Node, what: str) -> tuple[str, ...] | None:
        items = self._list(field, node, f"{field.name}: [aleppo, syria]")
        if items is None:
            return None
        ids = [self.read_id(field, item, what) for item in items]
        return tuple(dict.fromkeys(i for i in ids if i is not None))

    def read_words(self, field: Field, node: Node, what: str) -> tuple[str, ...] | None:
        items = self._list(field, node, f"{field.name}: [siege, humanitarian]")
        if items is None:
            return None
        words: list[str] = []
        for item in items:
            word = self.read_text(field, item, what)
            if word is not None and not WORD.match(word):
                self.fail("field.word", item.location, f"'{word}' is not a single word")
            elif word is not None:
                words.append(word)
        return tuple(dict.fromkeys(words))

    def _languages(self, field: Field, node: Node) -> list[tuple[str, Node]] | None:
        if not isinstance(node, Mapping):
            self.fail(
                "field.type",
                node.location,
                f"'{field.name}' must map languages to text, such as {{fr: Alep, en: Aleppo}}",
            )
            return None
        pairs = []
        for key, value in node.items:
            if not LANGUAGE_TAG.match(key.value):
                self.fail(
                    "field.lang",
                    key.location,
                    f"'{key.value}' is not a language code (such as fr, en, ar, pt-BR)",
                )
                continue
            pairs.append((key.value, value))
        return pairs

    def read_localized(self, field: Field, node: Node, what: str) -> dict[str, str] | None:
        pairs = self._languages(field, node)
        if pairs is None:
            return None
        texts = {lang: self.read_text(field, value, what) for lang, value in pairs}
        return {lang: text for lang, text in texts.items() if text is not None}

    def read_localized_words(
        self, field: Field, node: Node, what: str
    ) -> dict[str, tuple[str, ...]] | None:
        pairs = self._languages(field, node)
        if pairs is None:
            return None
        result: dict[str, tuple[str, ...]] = {}
        for lang, value in pairs:
            items = self._list(field, value, f"{{{lang}: [OMS, O.M.S.]}}")
            if items is not None:
                texts = (self.read_text(field, item, what) for item in items)
                result[lang] = tuple(dict.fromkeys(t for t in texts if t is not None))
        return result

    def read_number(self, field: Field, node: Node, what: str) -> int | float | None:
        scalar = self._scalar(field, node, "a number")
        if scalar is None:
            return None
        text = scalar.value.strip()
        if not scalar.plain or not NUMBER.match(text):
            self.fail(
                "field.number",
                scalar.location,
                f"'{field.name}' must be a number written with digits (3800 or 3.5), not '{text}'",
            )
            return None
        number = float(text) if any(c in text for c in ".eE") else int(text)
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            self.fail(
                "field.number",
                scalar.location,
                f"'{field.name}' is too large to be a figure: '{text}'",
            )
            return None
        return number

    def read_coordinates(self, field: Field, node: Node, what: str) -> tuple[float, float] | None:
        items = self._list(field, node, "[36.2021, 37.1343]")
        if items is None:
            return None
        numbers = [self.read_number(field, item, what) for item in items]
        if len(numbers) != 2 or None in numbers:
            if len(numbers) != 2:
                self.fail(
                    "field.coordinates", node.location, "coordinates are [latitude, longitude]"
                )
            return None
        lat, lon = float(numbers[0]), float(numbers[1])  # type: ignore[arg-type]
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.fail(
                "field.coordinates",
                node.location,
                f"coordinates [{lat}, {lon}] are out of range: latitude −90…90, longitude −180…180",
            )
            return None
        return (lat, lon)

    def read_url(self, field: Field, node: Node, what: str) -> str | None:
        text = self.read_text(field, node, what)
        if text is None:
            return None
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
            self.fail(
                "field.url",
                node.location,
                f"'{field.name}' must be an http or https address, not '{text}'",
            )
            return None
        return text

    def read_kind(self, field: Field, node: Node, what: str) -> str | None:
        text = self.read_text(field, node, what)
        if text is not None and text not in field.choices:
            self.fail(
                "field.kind",
                node.location,
                f"unknown kind '{text}' (kinds: {', '.join(field.choices)})"
                + suggestion(text, field.choices),
            )
            return None
        return text

    def read_wikidata(self, field: Field, node: Node, what: str) -> str | None:
        text = self.read_text(field, node, what)
        if text is not None and not WIKIDATA.match(text):
            self.fail("field.wikidata", node.location, f"'{text}' is not a Wikidata id like Q7817")
            return None
        return text

    def read_records(self, field: Field, node: Node, what: str) -> list[dict[str, Any]] | None:
        items = self._list(field, node, f"{field.name}: [{{…}}, {{…}}]")
        if items is None:
            return None
        records = []
        for item in items:
            if not isinstance(item, Mapping):
                self.fail("field.type", item.location, f"each of '{field.name}' is a mapping")
                continue
            before = len(self.diagnostics)
            values = self.fields(item, field.fields, f"an entry of '{field.name}'")
            if len(self.diagnostics) == before:
                records.append(values)
        return records


def validate(loaded: Loaded, locales: tuple[str, ...]) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Build the model from every loaded file; raise ContentError listing every error."""
    reader = _Reader(locales)
    reader.diagnostics.extend(loaded.diagnostics)
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    for entry in loaded.registry:
        entity = _registry_entry(reader, entry)
        if isinstance(entity, Actor):
            actors[entity.id] = entity
        elif isinstance(entity, Place):
            places[entity.id] = entity
    briefings = [b for f in loaded.briefings if (b := _briefing(reader, f, locales)) is not None]
    registry = Registry(dict(sorted(actors.items())), dict(sorted(places.items())))
    _check_references(reader, registry)
    _check_within(reader, registry)
    _check_collisions(reader, loaded)
    diagnostics = tuple(reader.diagnostics)
    if has_errors(diagnostics):
        raise ContentError(diagnostics)
    content = Content(registry, tuple(sorted(briefings, key=lambda b: b.key)), locales)
    return content, diagnostics


def validate_briefing(
    file: BriefingFile, locales: tuple[str, ...]
) -> tuple[Briefing | None, tuple[Diagnostic, ...]]:
    """One briefing's front matter read as ``validate`` reads it (its references left unchecked)."""
    reader = _Reader(locales)
    briefing = _briefing(reader, file, locales)
    return briefing, tuple(reader.diagnostics)


def _registry_entry(reader: _Reader, entry: RegistryFile) -> Actor | Place | None:
    fields = ACTOR_FIELDS if entry.kind == "actor" else PLACE_FIELDS
    before = len(reader.diagnostics)
    values = reader.fields(entry.node, fields, f"an {entry.kind}")
    if len(reader.diagnostics) > before:
        return None
    where = entry.node.location
    common = {
        "id": entry.id,
        "kind": values["kind"],
        "name": values["name"],
        "aliases": values.get("aliases", {}),
        "description": values.get("description", {}),
        "wikidata": values.get("wikidata"),
        "location": where,
    }
    if not values["name"]:
        reader.fail("field.empty", where, "'name' needs at least one language")
        return None
    if entry.kind == "actor":
        return Actor(**common)
    return Place(**common, within=values.get("within"), coordinates=values.get("coordinates"))


def _briefing(reader: _Reader, file: BriefingFile, locales: tuple[str, ...]) -> Briefing | None:
    front = file.document.front_matter
    before = len(reader.diagnostics)
    values = reader.fields(front, BRIEFING_FIELDS, "a briefing")
    if file.lang not in locales:
        reader.fail(
            "briefing.lang",
            Location(file.path),
            f"the file name's language '{file.lang}' is not a site language "
            f"({', '.join(locales)})" + suggestion(file.lang, locales),
        )
    lang_node = front.get("lang")
    if "lang" in values and values["lang"] != file.lang and lang_node is not None:
        reader.fail(
            "briefing.lang",
            lang_node.location,
            f"lang '{values['lang']}' disagrees with the file name's '.{file.lang}.md'",
        )
    if len(reader.diagnostics) > before:
        return None
    moment = values["date"]
    published = moment if isinstance(moment, dt.datetime) else None
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return Briefing(
        slug=file.slug,
        lang=file.lang,
        title=values["title"],
        date=day,
        summary=values["summary"],
        body=file.document.body,
        path=file.path,
        body_line=file.document.body_line,
        published=published,
        updated=values.get("updated"),
        actors=values.get("actors", ()),
        places=values.get("places", ()),
        tags=values.get("tags", ()),
        figures=tuple(
            Figure(f["label"], f["value"], f.get("source"), f.get("from"), f.get("to"))
            for f in values.get("figures", ())
        ),
        events=tuple(
            Event(e["date"], e["text"], e.get("places", ()), e.get("actors", ()))
            for e in values.get("events", ())
        ),
        sources=tuple(
            Source(s["publisher"], s.get("url"), s.get("date")) for s in values.get("sources", ())
        ),
    )


def _check_references(reader: _Reader, registry: Registry) -> None:
    for kind, entity_id, where, name in reader.references:
        known = registry.actors if kind == "actor" else registry.places
        if entity_id not in known:
            reader.fail(
                f"ref.unknown-{kind}",
                where,
                f"unknown {kind} '{entity_id}' in '{name}'" + suggestion(entity_id, known),
            )


def _check_within(reader: _Reader, registry: Registry) -> None:
    for place in registry.places.values():
        seen = [place.id]
        parent = place.within
        while parent is not None and parent in registry.places:
            if parent in seen:
                reader.fail(
                    "place.within-cycle",
                    place.location,
                    "places contain each other in a loop: " + " → ".join([*seen, parent]),
                )
                break
            seen.append(parent)
            parent = registry.places[parent].within


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _check_collisions(reader: _Reader, loaded: Loaded) -> None:
    seen: dict[tuple[str, str], str] = {}
    for entry in loaded.registry:
        key = (entry.kind, _fold(entry.id))
        if key in seen:
            reader.fail(
                f"{entry.kind}.duplicate",
                Location(entry.path),
                f"{entry.kind} id '{entry.id}' is also defined by {seen[key]}",
            )
        seen[key] = entry.path
    claimed: dict[tuple[str, str], str] = {}
    for file in loaded.briefings:
        claim = (_fold(file.slug), file.lang.lower())
        if claim in claimed:
            reader.fail(
                "briefing.duplicate",
                Location(file.path),
                f"slug '{file.slug}' in '{file.lang}' is also claimed by {claimed[claim]}",
            )
        claimed[claim] = file.path

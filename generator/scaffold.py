"""``briefing new``: scaffold a briefing, an actor or a place with the right name and fields.

Every file made passes ``briefing check`` as it is: placeholders are valid values (a ``TODO:``
summary, the id as the name), and optional fields are written as comments. Each starts with the
``yaml-language-server`` line that points editors to its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Literal

from .frontmatter import Scalar, Sequence, YamlError, decode, split_front_matter
from .json_schema import SCHEMA_FILES, schema_text, schemas
from .load import ID_PATTERN
from .locales import SiteConfig
from .reference import SCHEMAS_DIR
from .schema import REGISTRY_KINDS
from .yaml_example import flow

#: Lists a translation takes over from its original: ids and tags are the same in every language.
_SHARED_LISTS = ("actors", "places", "tags")


class ScaffoldError(Exception):
    """The request cannot be scaffolded (bad id, existing file, unknown language)."""


def slugify(title: str) -> str:
    """'Alep : l’offensive' → 'alep-l-offensive': accents dropped, ASCII words hyphenated."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def scaffold(
    config: SiteConfig,
    what: str,
    identifier: str | None,
    lang: str | None,
    translation_of: str | None,
    *,
    today: dt.date,
    slug: str | None = None,
) -> list[Path]:
    """Create the file (and its JSON Schema when the project has none); never overwrite.

    Returns the paths created, the scaffolded file first.
    """
    if what in ("actor", "place"):
        entity: Literal["actor", "place"] = "actor" if what == "actor" else "place"
        kind: Literal["briefing", "actor", "place"] = entity
        if not identifier or not ID_PATTERN.match(identifier):
            raise ScaffoldError(
                f"give the new {what} an id of lowercase letters, digits and hyphens, "
                f"such as: briefing new {what} {'unicef' if what == 'actor' else 'homs'}"
            )
        path = config.content_dir / f"{what}s" / f"{identifier}.yml"
        text = _registry_entry(entity, identifier, config.locales)
    else:
        kind = "briefing"
        title = what if identifier is None else f"{what} {identifier}"
        lang = lang or config.default_locale
        if lang not in config.locales:
            raise ScaffoldError(
                f"unknown language '{lang}': the site's are {', '.join(config.locales)}"
            )
        shared: dict[str, list[str]] = {}
        if translation_of:
            slug = translation_of
            originals = sorted((config.content_dir / "briefings").glob(f"{slug}.*.md"))
            if not originals:
                raise ScaffoldError(f"no briefing with the slug '{slug}' to translate")
            shared = _shared_lists(originals[0])
        elif slug is None:
            words = slugify(title)
            if not words:
                raise ScaffoldError(
                    f"'{title}' has no Latin letters to make a file name from: "
                    f"give one with --slug, such as --slug {today:%Y-%m-%d}-aleppo-truce"
                )
            slug = f"{today:%Y-%m-%d}-{words}"
        if not ID_PATTERN.match(slug):
            raise ScaffoldError(
                f"'{slug}' cannot be a slug: use lowercase letters, digits and single hyphens"
            )
        path = config.content_dir / "briefings" / f"{slug}.{lang}.md"
        text = _briefing(title, lang, today, shared)
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    schema = config.root / SCHEMAS_DIR / SCHEMA_FILES[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_modeline(schema, path) + text, encoding="utf-8")
    created = [path]
    if not schema.exists():
        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(schema_text(schemas(config.locales)[schema.name]), encoding="utf-8")
        created.append(schema)
    return created


def _modeline(schema: Path, path: Path) -> str:
    relative = Path(os.path.relpath(schema, path.parent)).as_posix()
    line = f"# yaml-language-server: $schema={relative}\n"
    return line if path.suffix == ".yml" else "---\n" + line


def _shared_lists(original: Path) -> dict[str, list[str]]:
    """The original's actors, places and tags, when it parses; else nothing to take over."""
    try:
        front = split_front_matter(decode(original.read_bytes(), str(original)), str(original))
    except YamlError:
        return {}
    lists = {}
    for name in _SHARED_LISTS:
        node = front.front_matter.get(name)
        if isinstance(node, Sequence):
            lists[name] = [item.value for item in node.items if isinstance(item, Scalar)]
    return lists


def _briefing(title: str, lang: str, today: dt.date, shared: dict[str, list[str]]) -> str:
    # The front matter's opening '---' and the schema line come first (see _modeline).
    return (
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {today.isoformat()}\n"
        f"lang: {lang}\n"
        'summary: "TODO: one or two sentences for lists, feeds and the meta description."\n'
        f"actors: {_list(shared.get('actors', []))}"
        "  # actor ids; those the text names are found without being listed\n"
        f"places: {_list(shared.get('places', []))}\n"
        f"tags: {_list(shared.get('tags', []))}\n"
        "---\n"
        "TODO: write the briefing here, in Markdown.\n"
    )


def _list(items: list[str]) -> str:
    return "[" + ", ".join(flow(item) for item in items) + "]"


def _registry_entry(
    kind: Literal["actor", "place"], identifier: str, locales: tuple[str, ...]
) -> str:
    """Required fields filled in (the id stands for the name), every other field as a comment."""
    fields = REGISTRY_KINDS[kind]
    kind_field = next(f for f in fields if f.type == "kind")
    name = identifier.replace("-", " ").capitalize()
    lines = [
        f"kind: {kind_field.example}  # {' | '.join(kind_field.choices)}",
        "name:  # the name as each language writes it",
        f"  {locales[0]}: {flow(name)}",
        *(f"  # {tag}: …" for tag in locales[1:]),
    ]
    for field in fields:
        if field.name not in ("kind", "name"):
            lines.append(f"# {field.name}: {flow(field.example)}  # {field.doc}")
    return "\n".join(lines) + "\n"

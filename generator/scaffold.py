"""``briefing new``: scaffold a briefing, an actor or a place with the right name and fields."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .load import ID_PATTERN
from .locales import SiteConfig


class ScaffoldError(Exception):
    """The request cannot be scaffolded (bad id, existing file, unknown language)."""


def slugify(title: str) -> str:
    """'Alep : l’offensive' → 'alep-l-offensive': accents dropped, ASCII words hyphenated."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold(
    config: SiteConfig,
    what: str,
    identifier: str | None,
    lang: str | None,
    translation_of: str | None,
    *,
    today: dt.date,
) -> Path:
    """Create the file and return its path; never overwrite."""
    if what in ("actor", "place"):
        if not identifier or not ID_PATTERN.match(identifier):
            raise ScaffoldError(
                f"give the new {what} an id of lowercase letters, digits and hyphens"
            )
        path = config.content_dir / f"{what}s" / f"{identifier}.yml"
        text = _registry_entry(what, config.locales)
    else:
        title = what if identifier is None else f"{what} {identifier}"
        lang = lang or config.default_locale
        if lang not in config.locales:
            raise ScaffoldError(
                f"unknown language '{lang}': the site's are {', '.join(config.locales)}"
            )
        if translation_of:
            slug = translation_of
            if not list((config.content_dir / "briefings").glob(f"{slug}.*.md")):
                raise ScaffoldError(f"no briefing with the slug '{slug}' to translate")
        else:
            slug = f"{today:%Y-%m-%d}-{slugify(title)}"
        if not ID_PATTERN.match(slug):
            raise ScaffoldError(f"cannot make a slug from '{title}': give a title with letters")
        path = config.content_dir / "briefings" / f"{slug}.{lang}.md"
        text = _briefing(title, lang, today)
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _briefing(title: str, lang: str, today: dt.date) -> str:
    return (
        "---\n"
        f"title: {_quoted(title)}\n"
        f"date: {today.isoformat()}\n"
        f"lang: {lang}\n"
        'summary: "One or two sentences for lists, feeds and the meta description."\n'
        "actors: []\n"
        "places: []\n"
        "tags: []\n"
        "---\n"
        "Write the briefing here, in Markdown.\n"
    )


def _registry_entry(what: str, locales: tuple[str, ...]) -> str:
    kind = "organisation" if what == "actor" else "city"
    names = ", ".join(f"{tag}: TODO" for tag in locales)
    lines = [f"kind: {kind}", f"name: {{{names}}}", "aliases: {}"]
    if what == "place":
        lines += ["# within: syria", "# coordinates: [36.2021, 37.1343]"]
    return "\n".join(lines) + "\n"

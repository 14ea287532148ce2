"""Warnings about content that is valid but likely not what the author meant: an entity the text
mentions that the front matter does not list, a registry entry nothing mentions, a translation
older than the version it translates."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from .diagnostics import Diagnostic, Location, warning
from .link import body_location
from .load import display_path
from .model import Actor, Briefing, Content, Linked, Place

#: The registry folders, by entity kind, for locating an unused entry.
_REGISTRY_FOLDERS = {"actor": "actors", "place": "places"}


def audit(linked: Linked, content_dir: Path, default_locale: str) -> list[Diagnostic]:
    """Every warning of this module, for content that validated and linked."""
    content = linked.content
    return [
        *unlisted_mentions(linked),
        *unused_entries(linked),
        *stale_translations(content, default_locale, last_commits(content_dir)),
    ]


def unlisted_mentions(linked: Linked) -> Iterable[Diagnostic]:
    """A registry entity the text mentions that the front matter's actors/places leave out: one
    warning per entity and briefing, at its first mention."""
    for briefing in linked.content.briefings:
        listed = {"actor": set(briefing.actors), "place": set(briefing.places)}
        warned: set[tuple[str, str]] = set()
        for mention in linked.mentions.get(briefing.key, ()):
            if mention.id is None or mention.id in listed[mention.kind]:
                continue
            if (mention.kind, mention.id) in warned:
                continue
            warned.add((mention.kind, mention.id))
            yield warning(
                "mention.unlisted",
                body_location(briefing, mention.start),
                f"'{mention.text}' is {mention.kind} '{mention.id}', which the front matter's "
                f"{_REGISTRY_FOLDERS[mention.kind]} does not list; add it there",
            )


def unused_entries(linked: Linked) -> Iterable[Diagnostic]:
    """A registry entry that no briefing mentions or lists, and no place lies within."""
    content = linked.content
    used: set[tuple[str, str]] = set()
    for briefing in content.briefings:
        used.update(("actor", i) for i in briefing.actors)
        used.update(("place", i) for i in briefing.places)
        for figure in briefing.figures:
            if figure.source:
                used.add(("actor", figure.source))
        for event in briefing.events:
            used.update(("actor", i) for i in event.actors)
            used.update(("place", i) for i in event.places)
        for mention in linked.mentions.get(briefing.key, ()):
            if mention.id is not None:
                used.add((mention.kind, mention.id))
    registry = content.registry
    used.update(("place", place.within) for place in registry.places.values() if place.within)
    entities: list[Actor | Place] = [*registry.actors.values(), *registry.places.values()]
    for entity in entities:
        if (entity.entity_kind, entity.id) not in used:
            yield warning(
                "registry.unused",
                entity.location,
                f"{entity.entity_kind} '{entity.id}' is neither mentioned nor listed by any "
                "briefing",
            )


def stale_translations(
    content: Content, default_locale: str, commits: Mapping[str, int] | None = None
) -> Iterable[Diagnostic]:
    """A version older than the story's original — its first published version, the one in the
    default locale among versions of the same day: by the front matter's ``updated`` when either
    has one, else by the time of the files' last commits."""
    commits = commits or {}
    stories: dict[str, list[Briefing]] = {}
    for briefing in content.briefings:
        stories.setdefault(briefing.slug, []).append(briefing)
    for versions in stories.values():
        if len(versions) < 2:
            continue
        original = min(versions, key=lambda b: (b.date, b.lang != default_locale, b.lang))
        for translation in versions:
            if translation is original:
                continue
            if original.updated or translation.updated:
                changed = original.updated or original.date
                if changed <= (translation.updated or translation.date):
                    continue
                why = f"updated {changed.isoformat()}"
            else:
                source_time = commits.get(original.path)
                translation_time = commits.get(translation.path)
                if not source_time or not translation_time or source_time <= translation_time:
                    continue
                why = "changed in a later commit"
            yield warning(
                "translation.stale",
                Location(translation.path, 1, 1),
                f"the {original.lang} original ({original.path}) was {why}; bring this "
                f"translation up to date and set its 'updated'",
            )


def last_commits(content_dir: Path) -> dict[str, int]:
    """The time of each briefing file's last commit (by the path the content shows it under),
    from one ``git log``; empty outside a git work tree or without git."""
    folder = content_dir / "briefings"
    try:
        result = subprocess.run(
            ["git", "log", "--format=@%ct", "--name-only", "--relative", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    times: dict[str, int] = {}
    current = 0
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line.strip():
            times.setdefault(line.strip(), current)  # newest first: keep the first seen
    return {display_path(folder / name): time for name, time in times.items()}

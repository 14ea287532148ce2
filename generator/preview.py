"""The preview's fast path: an edited briefing whose body alone changed, re-rendered on its own.

``briefing serve`` keeps what the served site was built from (a ``Snapshot``). When every
changed file is a briefing it knows, and each one still validates, has the same front matter
and names the same actors, places and days in the same order (``body_edits``), only the story
pages of those briefings can have changed in a way the reader must see at once: they are
rendered again (``render_cache.story_pages``) with the same functions the full build uses.
What else the bodies feed — the sentences quoted on entity and day pages, feeds, search —
waits for the full build that follows.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import has_errors
from .index import SiteIndex, build_index
from .link import Matchers, link_briefing
from .load import BriefingFile, read_briefing
from .locales import SiteConfig
from .model import Briefing, Mention
from .pipeline import Checked
from .validate import validate_briefing


@dataclass(frozen=True)
class Snapshot:
    """The content the served site shows, and its index."""

    checked: Checked
    index: SiteIndex

    @classmethod
    def of(cls, checked: Checked) -> Snapshot:
        """The snapshot of a build's checked content."""
        return cls(checked, build_index(checked.linked))

    @functools.cached_property
    def _by_file(self) -> dict[Path, Briefing]:
        return {Path(b.path).resolve(): b for b in self.checked.content.briefings}

    def briefing_at(self, path: Path) -> Briefing | None:
        """The briefing read from ``path``, if any."""
        return self._by_file.get(path.resolve())


@dataclass(frozen=True)
class BodyEdit:
    """A briefing whose body changed and nothing else, with its body's new mentions."""

    briefing: Briefing
    mentions: tuple[Mention, ...]


def _without_body(briefing: Briefing) -> Briefing:
    return dataclasses.replace(briefing, body="", body_line=0)


def _named(mentions: Iterable[Mention]) -> list[tuple[str, str | None, object]]:
    return [(m.kind, m.id, m.date) for m in mentions]


def body_edit(
    snapshot: Snapshot, path: Path, locales: tuple[str, ...], matchers: Matchers
) -> BodyEdit | None:
    """The edit of a known briefing file whose body alone changed; None for any other change."""
    old = snapshot.briefing_at(path)
    if old is None or not path.is_file():
        return None
    file = read_briefing(path)
    if not isinstance(file, BriefingFile):
        return None
    briefing, diagnostics = validate_briefing(file, locales)
    if briefing is None or has_errors(diagnostics) or _without_body(briefing) != _without_body(old):
        return None
    mentions, _ = link_briefing(briefing, snapshot.checked.content.registry, matchers=matchers)
    before = snapshot.checked.linked.mentions.get(old.key, ())
    if _named(mentions) != _named(before):
        return None
    return BodyEdit(briefing, mentions)


def body_edits(
    snapshot: Snapshot, config: SiteConfig, paths: Iterable[Path], matchers: Matchers
) -> list[BodyEdit] | None:
    """The body edits of every changed path; None when any change needs the full build."""
    edits = []
    for path in sorted(set(paths)):
        if path.name.startswith("."):
            continue  # editors' swap and backup files: the content loader skips them too
        if not path.exists() and snapshot.briefing_at(path) is None:
            continue  # a temporary file, already gone
        if not path.resolve().is_relative_to((config.content_dir / "briefings").resolve()):
            return None
        edit = body_edit(snapshot, path, config.locales, matchers)
        if edit is None:
            return None
        edits.append(edit)
    return edits


def apply_edits(snapshot: Snapshot, edits: Iterable[BodyEdit]) -> Snapshot:
    """The snapshot with the edited briefings and their mentions in place.

    Only what a story page reads is updated (briefings, versions, mentions); the quoted
    sentences on other pages stay as they were until the full build.
    """
    checked, index = snapshot.checked, snapshot.index
    for edit in edits:
        new = edit.briefing
        content = checked.content
        content = dataclasses.replace(
            content,
            briefings=tuple(new if b.key == new.key else b for b in content.briefings),
        )
        linked = dataclasses.replace(
            checked.linked,
            content=content,
            mentions={**checked.linked.mentions, new.key: edit.mentions},
        )
        checked = dataclasses.replace(checked, content=content, linked=linked)
        versions = tuple(new if b.key == new.key else b for b in index.versions[new.slug])
        index = dataclasses.replace(
            index,
            linked=linked,
            briefings={**index.briefings, new.key: new},
            versions={**index.versions, new.slug: versions},
        )
    return Snapshot(checked, index)

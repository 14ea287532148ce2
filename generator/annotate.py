"""``briefing annotate``: the mentions found in one briefing, as the JSON of DESIGN.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .diagnostics import ContentError
from .link import annotation, link_briefing
from .load import BriefingFile, Loaded, load_registry, read_briefing
from .validate import validate


def annotate_file(
    file: Path, content_root: Path, locales: tuple[str, ...] | None
) -> dict[str, Any]:
    """Validate one briefing against the registry under ``content_root`` and list its mentions."""
    registry, registry_errors = load_registry(content_root)
    read = read_briefing(file)
    if not isinstance(read, BriefingFile):
        raise ContentError([read])
    loaded = Loaded((read,), registry, registry_errors)
    content, _ = validate(loaded, locales if locales and read.lang in locales else (read.lang,))
    briefing = content.briefings[0]
    mentions, _warnings = link_briefing(briefing, content.registry)
    return annotation(briefing, mentions)

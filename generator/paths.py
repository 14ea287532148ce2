"""Where each page lives in a locale's docs tree: the same relative paths in every locale."""

from __future__ import annotations

import datetime as dt
import posixpath


def briefing_path(slug: str, day: dt.date) -> str:
    """``briefings/<yyyy>/<mm>/<dd>/<slug>.md`` → ``/<locale>/briefings/yyyy/mm/dd/<slug>/``."""
    return f"briefings/{day:%Y/%m/%d}/{slug}.md"


def actor_path(actor_id: str) -> str:
    """An actor's page."""
    return f"actors/{actor_id}.md"


def place_path(place_id: str) -> str:
    """A place's page."""
    return f"places/{place_id}.md"


def day_path(day: dt.date) -> str:
    """A day's page: ``/<locale>/dates/<yyyy>/<mm>/<dd>/``."""
    return f"dates/{day:%Y/%m/%d}.md"


def url_of(path: str) -> str:
    """The URL MkDocs gives a docs path: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, here: str) -> str:
    """A link from the docs page ``here`` to the docs page ``target``."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")

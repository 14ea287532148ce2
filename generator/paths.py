"""Where each page lives in a locale's docs tree: the same relative paths in every locale."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath


def briefing_path(slug: str, day: dt.date) -> str:
    """``briefings/<yyyy>/<mm>/<dd>/<slug>.md`` → ``/<locale>/briefings/yyyy/mm/dd/<slug>/``."""
    return f"briefings/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}.md"


def actor_path(actor_id: str) -> str:
    """An actor's page."""
    return f"actors/{actor_id}.md"


def place_path(place_id: str) -> str:
    """A place's page."""
    return f"places/{place_id}.md"


def day_path(day: dt.date) -> str:
    """A day's page: ``/<locale>/dates/<yyyy>/<mm>/<dd>/``."""
    return f"dates/{day.year:04d}/{day.month:02d}/{day.day:02d}.md"


def month_path(year: int, month: int) -> str:
    """A month's index of days: ``/<locale>/dates/<yyyy>/<mm>/``."""
    return f"dates/{year:04d}/{month:02d}/index.md"


def year_path(year: int) -> str:
    """A year's index of months: ``/<locale>/dates/<yyyy>/``."""
    return f"dates/{year:04d}/index.md"


def timeline_path() -> str:
    """The site timeline: ``/<locale>/timeline/``."""
    return "timeline/index.md"


@functools.lru_cache(maxsize=16384)
def url_of(path: str) -> str:
    """The URL MkDocs gives a docs path: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)
def relative(target: str, here: str) -> str:
    """A Markdown link from the docs page ``here`` to the docs page ``target`` (``../x.md``)."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def url_relative(target: str, here: str) -> str:
    """A link from the page ``here`` to the page ``target`` as URLs, for HTML.

    Pages are written as HTML (MkDocs rewrites ``.md`` links in Markdown only), so a link is the
    one a browser follows: ``places/syria/`` from ``places/aleppo/`` is ``../syria/``.
    """
    return _between(url_of(target), _folders(url_of(here)))


@functools.lru_cache(maxsize=16384)
def _folders(url: str) -> tuple[str, ...]:
    return tuple(url.split("/")[:-1])


def _between(target_url: str, here: tuple[str, ...]) -> str:
    if not here or not target_url.startswith(here[0] + "/"):
        # No folder in common (most links go to another section): up to the root, then down.
        return "../" * len(here) + target_url or "./"
    parts = _folders(target_url)
    common = 0
    for mine, theirs in zip(parts, here, strict=False):
        if mine != theirs:
            break
        common += 1
    rest = parts[common:]
    link = "../" * (len(here) - common) + ("/".join(rest) + "/" if rest else "")
    return link or "./"

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


def month_path(year: int, month: int) -> str:
    """A month's index of days: ``/<locale>/dates/<yyyy>/<mm>/``."""
    return f"dates/{year:04d}/{month:02d}/index.md"


def year_path(year: int) -> str:
    """A year's index of months: ``/<locale>/dates/<yyyy>/``."""
    return f"dates/{year:04d}/index.md"


def timeline_path() -> str:
    """The site timeline: ``/<locale>/timeline/``."""
    return "timeline/index.md"


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


def url_relative(target: str, here: str) -> str:
    """A link from the page ``here`` to the page ``target`` as URLs, for raw HTML in Markdown.

    MkDocs rewrites ``.md`` links in Markdown but never inside raw HTML (inline SVG), where the
    link must already be the one a browser follows: ``places/syria/`` from ``places/aleppo/``
    is ``../syria/``.
    """
    link = posixpath.relpath("/" + url_of(target), "/" + url_of(here))
    return "./" if link == "." else link + "/"

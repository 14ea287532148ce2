"""When content was published and last changed: the only dates feeds and sitemaps carry.

Never the build time: two builds of the same content write the same dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .index import SiteIndex
from .model import Briefing
from .paths import actor_path, day_path, place_path


def published_at(briefing: Briefing) -> dt.datetime:
    """The publication moment: the front matter's date-time, else midnight UTC of its date."""
    if briefing.published is not None:
        moment = briefing.published
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(briefing.date, dt.time(), dt.UTC)


def updated_at(briefing: Briefing) -> dt.datetime:
    """The last substantive change: ``updated`` (midnight UTC), never before publication."""
    published = published_at(briefing)
    if briefing.updated is None:
        return published
    return max(published, dt.datetime.combine(briefing.updated, dt.time(), dt.UTC))


def content_date(briefing: Briefing) -> dt.date:
    """The day a briefing last changed."""
    return briefing.updated or briefing.date


def page_dates(index: SiteIndex, locale: str, default_locale: str) -> dict[str, dt.date]:
    """For each page of a locale whose content has a date, the day it last changed.

    A story's page changes with the version the locale shows; an actor's, place's or day's page
    with the newest story it lists; the section pages with the newest story of all. Pages that
    list nothing are left out.
    """

    def newest(slugs: Iterable[str]) -> dt.date | None:
        days = [content_date(index.version(slug, locale, default_locale)) for slug in slugs]
        return max(days, default=None)

    found: dict[str, dt.date | None] = {}
    for slug in index.slugs:
        found[index.story_page(slug)] = newest([slug])
    for actor_id, slugs in index.by_actor.items():
        found[actor_path(actor_id)] = newest(slugs)
    for place_id, slugs in index.by_place_within.items():
        found[place_path(place_id)] = newest(slugs)
    for day in index.days.values():
        keys = [*day.published, *(key for key, _ in day.events)]
        keys += [occurrence.briefing for occurrence in day.mentions]
        found[day_path(day.date)] = newest({slug for slug, _lang in keys})
    latest = newest(index.slugs)
    for section in SECTIONS:
        found[section] = latest
    return {path: day for path, day in found.items() if day is not None}


#: The section pages, which list the newest stories.
SECTIONS = (
    "index.md",
    "briefings/index.md",
    "actors/index.md",
    "places/index.md",
    "dates/index.md",
)

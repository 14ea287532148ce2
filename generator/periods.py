"""What happened when: days tallied once per story, and grouped by week, month and year."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .index import SiteIndex

Month = tuple[int, int]


@dataclass(frozen=True)
class Tally:
    """A day's content, each story counted once however many translations it has."""

    day: dt.date
    #: Stories published that day.
    briefings: int = 0
    #: Events dated that day (a story's events once, from its version that has the most).
    events: int = 0
    #: Times the day is written in briefings' text.
    mentions: int = 0

    @property
    def weight(self) -> int:
        """How much happened: briefings and events (a day only mentioned still weighs one)."""
        return max(self.briefings + self.events, 1)


def story_dates(index: SiteIndex) -> dict[str, dt.date]:
    """Each story's first publication day."""
    return {slug: min(b.date for b in versions) for slug, versions in index.versions.items()}


def tally_days(index: SiteIndex) -> dict[dt.date, Tally]:
    """Every day that has a page, with what happened on it."""
    found = {}
    for day, entry in index.days.items():
        events: Counter[tuple[str, str]] = Counter(key for key, _ in entry.events)
        found[day] = Tally(
            day,
            briefings=len({slug for slug, _ in entry.published}),
            events=_once_per_story(events),
            mentions=len(entry.mentions),
        )
    return found


class EntityDays:
    """The days of every actor and place: its stories' publication and the events it takes part
    in, gathered in one pass over the index (not one per entity page).

    A place counts with every place within it, as its page does.
    """

    def __init__(self, index: SiteIndex) -> None:
        self._index = index
        self._first = story_dates(index)
        registry = index.linked.content.registry
        events: dict[tuple[str, str], dict[dt.date, Counter[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        for briefing in index.briefings.values():
            for event in briefing.events:
                places = {p for place in event.places for p in (place, *registry.ancestors(place))}
                involved = [("actor", a) for a in set(event.actors)]
                for entity in [*involved, *(("place", p) for p in places)]:
                    events[entity][event.date][briefing.key] += 1
        self._events = events
        self._found: dict[tuple[str, str], dict[dt.date, Tally]] = {}

    def tallies(self, kind: str, entity_id: str) -> dict[dt.date, Tally]:
        """An actor's or place's days, oldest first, with what happened on each."""
        key = (kind, entity_id)
        if key not in self._found:
            index = self._index
            if kind == "actor":
                slugs = index.by_actor.get(entity_id, ())
            else:
                slugs = index.by_place_within.get(entity_id, ())
            briefings = Counter(self._first[slug] for slug in slugs)
            events = self._events.get(key, {})
            none: Counter[tuple[str, str]] = Counter()
            self._found[key] = {
                day: Tally(day, briefings[day], _once_per_story(events.get(day, none)))
                for day in sorted(set(briefings) | set(events))
            }
        return self._found[key]


def entity_tallies(index: SiteIndex, kind: str, entity_id: str) -> dict[dt.date, Tally]:
    """The days of one actor or place (see ``EntityDays``)."""
    return EntityDays(index).tallies(kind, entity_id)


def _once_per_story(per_version: Counter[tuple[str, str]]) -> int:
    most: dict[str, int] = {}
    for (slug, _lang), count in per_version.items():
        most[slug] = max(most.get(slug, 0), count)
    return sum(most.values())


def week_start(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of the week holding ``day`` (``first_weekday``: 0 for Monday … 6)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def week_starts(first: dt.date, last: dt.date, first_weekday: int) -> list[dt.date]:
    """The first days of every week from the one holding ``first`` to the one holding ``last``."""
    start, end = week_start(first, first_weekday), week_start(last, first_weekday)
    return [start + dt.timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]


def by_month(days: Iterable[dt.date]) -> dict[Month, tuple[dt.date, ...]]:
    """Days grouped by (year, month), both in calendar order."""
    grouped: dict[Month, list[dt.date]] = defaultdict(list)
    for day in sorted(set(days)):
        grouped[(day.year, day.month)].append(day)
    return {month: tuple(found) for month, found in grouped.items()}


def by_year(days: Iterable[dt.date]) -> dict[int, tuple[Month, ...]]:
    """The months with days, grouped by year, in calendar order."""
    grouped: dict[int, list[Month]] = defaultdict(list)
    for month in by_month(days):
        grouped[month[0]].append(month)
    return {year: tuple(found) for year, found in grouped.items()}


def latest_month(index: SiteIndex) -> Month | None:
    """The month of the newest briefing."""
    if not index.briefings:
        return None
    newest = max(b.date for b in index.briefings.values())
    return (newest.year, newest.month)


def most_mentioned(
    index: SiteIndex, kind: str, month: Month, limit: int = 5
) -> list[tuple[str, int]]:
    """The actors or places written most often in the month's briefings: (id, mentions).

    A story counts once: with the mentions of its version that names the entity most often.
    """
    per_version: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for (found_kind, entity_id), occurrences in index.occurrences.items():
        if found_kind != kind:
            continue
        for occurrence in occurrences:
            briefing = index.briefings[occurrence.briefing]
            if (briefing.date.year, briefing.date.month) == month:
                per_version[entity_id][occurrence.briefing] += 1
    counts = {entity_id: _once_per_story(found) for entity_id, found in per_version.items()}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


def totals(tallies: Mapping[dt.date, Tally]) -> Tally:
    """Briefings, events and mentions of several days added up (dated by the first)."""
    days = sorted(tallies)
    return Tally(
        days[0] if days else dt.date.min,
        briefings=sum(t.briefings for t in tallies.values()),
        events=sum(t.events for t in tallies.values()),
        mentions=sum(t.mentions for t in tallies.values()),
    )

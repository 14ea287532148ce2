"""The cross-link graph: briefings by actor, by place (rolled up the hierarchy) and by day."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Briefing, Event, Figure, Linked, Mention
from .paths import briefing_path

Key = tuple[str, str]
#: Where a sentence ends: a full stop, question or exclamation mark (Arabic's too) or ellipsis
#: and the spaces after it, or a blank line. The mark is matched, not looked behind for: the
#: engine tries a look-behind at every character (N = 5,000 bodies: 1.17 s → 0.73 s).
SENTENCE_END = re.compile(r"[.!?؟…][\s\u00a0]+|\n\s*\n")
STOPS = frozenset(".!?؟…")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A mention in one briefing, with the sentence around it."""

    briefing: Key
    mention: Mention
    sentence: str


@dataclass(frozen=True)
class Day:
    """Everything that touches one calendar day."""

    date: dt.date
    published: tuple[Key, ...] = ()
    events: tuple[tuple[Key, Event], ...] = ()
    mentions: tuple[Occurrence, ...] = ()


@dataclass(frozen=True)
class SiteIndex:
    """Backlinks for every page: who appears where, when, with whom, and what they reported."""

    linked: Linked
    #: Briefing slugs newest first (then by slug): the order of every list of briefings.
    slugs: tuple[str, ...]
    by_actor: Mapping[str, tuple[str, ...]]
    by_place: Mapping[str, tuple[str, ...]]
    #: Briefings about a place or any place within it.
    by_place_within: Mapping[str, tuple[str, ...]]
    children: Mapping[str, tuple[str, ...]]
    co_mentions: Mapping[str, tuple[tuple[str, int], ...]]
    figures_by_actor: Mapping[str, tuple[tuple[Key, Figure], ...]]
    occurrences: Mapping[tuple[str, str], tuple[Occurrence, ...]]
    days: Mapping[dt.date, Day]

    briefings: Mapping[Key, Briefing]
    #: Every language version of a slug, in locale order.
    versions: Mapping[str, tuple[Briefing, ...]]

    def version(self, slug: str, lang: str, default_locale: str) -> Briefing:
        """The version a reader of ``lang`` gets: theirs, else the default locale's, else any."""
        versions = self.versions[slug]
        for wanted in (lang, default_locale):
            for briefing in versions:
                if briefing.lang == wanted:
                    return briefing
        return versions[0]

    def story_page(self, slug: str) -> str:
        """The docs path of a story's page in every locale (dated by its first publication)."""
        return briefing_path(slug, min(b.date for b in self.versions[slug]))

    def entities_of(self, briefing: Briefing) -> tuple[list[str], list[str], list[dt.date]]:
        """The actors, places and days a briefing names, in its front matter or its text."""
        actors = list(briefing.actors)
        places = list(briefing.places)
        days: list[dt.date] = []
        for mention in self.linked.mentions.get(briefing.key, ()):
            if mention.kind == "actor" and mention.id not in actors:
                actors.append(mention.id)  # type: ignore[arg-type]
            elif mention.kind == "place" and mention.id not in places:
                places.append(mention.id)  # type: ignore[arg-type]
            elif mention.kind == "date" and mention.date not in days:
                days.append(mention.date)  # type: ignore[arg-type]
        for event in briefing.events:
            if event.date not in days:
                days.append(event.date)
        return actors, places, sorted(days)


class Sentences:
    """Where a body's sentences end, found once; then the sentence around any span."""

    def __init__(self, body: str) -> None:
        self.body = body
        #: Where each break between sentences starts (after its mark) and ends.
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in SENTENCE_END.finditer(body):
            start = match.start()
            self.starts.append(start + 1 if body[start] in STOPS else start)
            self.ends.append(match.end())
        #: Sentences already asked for, by the breaks around them: most hold several mentions.
        self.said: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int) -> str:
        """The sentence that holds the span, on one line."""
        before = bisect.bisect_right(self.ends, start)
        after = bisect.bisect_left(self.starts, end)
        sentence = self.said.get((before, after))
        if sentence is None:
            left = self.ends[before - 1] if before else 0
            right = self.starts[after] if after < len(self.starts) else len(self.body)
            sentence = self.said[(before, after)] = " ".join(self.body[left:right].split())
        return sentence


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence of ``body`` that holds the span, on one line."""
    return Sentences(body).around(start, end)


def build_index(linked: Linked) -> SiteIndex:
    """Gather every backlink once, after every briefing is linked."""
    content = linked.content
    registry = content.registry
    newest = sorted(content.briefings, key=lambda b: (-b.date.toordinal(), b.slug, b.lang))
    slugs = tuple(dict.fromkeys(b.slug for b in newest))
    order = {slug: i for i, slug in enumerate(slugs)}

    actors: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    occurrences: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    actors_of_slug: dict[str, set[str]] = defaultdict(set)
    figures: dict[str, list[tuple[Key, Figure]]] = defaultdict(list)
    days: dict[dt.date, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))

    for briefing in content.briefings:
        mentions = linked.mentions.get(briefing.key, ())
        sentences = Sentences(briefing.body)
        named_actors = set(briefing.actors)
        named_places = set(briefing.places)
        for mention in mentions:
            sentence = sentences.around(mention.start, mention.end)
            occurrence = Occurrence(briefing.key, mention, sentence)
            if mention.kind == "date" and mention.date is not None:
                days[mention.date]["mentions"].append(occurrence)
            elif mention.id is not None:
                occurrences[(mention.kind, mention.id)].append(occurrence)
                (named_actors if mention.kind == "actor" else named_places).add(mention.id)
        for event in briefing.events:
            days[event.date]["events"].append((briefing.key, event))
            named_actors.update(event.actors)
            named_places.update(event.places)
        for figure in briefing.figures:
            if figure.source:
                figures[figure.source].append((briefing.key, figure))
                named_actors.add(figure.source)
        days[briefing.date]["published"].append(briefing.key)
        actors_of_slug[briefing.slug].update(named_actors)
        for actor in named_actors:
            actors[actor].add(briefing.slug)
        for place in named_places:
            places[place].add(briefing.slug)

    children: dict[str, list[str]] = defaultdict(list)
    within: dict[str, set[str]] = defaultdict(set)
    for entry in registry.places.values():
        if entry.within:
            children[entry.within].append(entry.id)
        for ancestor in (entry.id, *registry.ancestors(entry.id)):
            within[ancestor].update(places.get(entry.id, ()))

    def newest_first(found: set[str]) -> tuple[str, ...]:
        return tuple(sorted(found, key=order.__getitem__))

    # Two actors appear together once per story, however many translations it has.
    co_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for named in actors_of_slug.values():
        for actor in named:
            co_counts[actor].update(named - {actor})

    return SiteIndex(
        linked=linked,
        briefings={b.key: b for b in content.briefings},
        versions=_versions(content.briefings, content.locales),
        slugs=slugs,
        by_actor={a: newest_first(actors.get(a, set())) for a in registry.actors},
        by_place={p: newest_first(places.get(p, set())) for p in registry.places},
        by_place_within={p: newest_first(within.get(p, set())) for p in registry.places},
        children={p: tuple(sorted(children.get(p, ()))) for p in registry.places},
        co_mentions={
            a: tuple(sorted(co_counts[a].items(), key=lambda kv: (-kv[1], kv[0])))
            for a in registry.actors
        },
        figures_by_actor={a: tuple(figures.get(a, ())) for a in registry.actors},
        occurrences={k: tuple(v) for k, v in occurrences.items()},
        days={
            day: Day(
                day,
                tuple(parts["published"]),
                tuple(parts["events"]),
                tuple(parts["mentions"]),
            )
            for day, parts in sorted(days.items())
        },
    )


def _versions(
    briefings: tuple[Briefing, ...], locales: tuple[str, ...]
) -> dict[str, tuple[Briefing, ...]]:
    order = {lang: i for i, lang in enumerate(locales)}
    grouped: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        grouped[briefing.slug].append(briefing)
    return {
        slug: tuple(sorted(found, key=lambda b: (order.get(b.lang, len(order)), b.lang)))
        for slug, found in grouped.items()
    }

"""The link stage: mentions of actors, places and days in every briefing, against the whole
registry."""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any, Protocol

from .diagnostics import Diagnostic, Location, sort_key, warning
from .forked import started_forked
from .mentions.dates import DateMatcher, date_matcher
from .mentions.entities import EntityMatcher
from .mentions.markup import protected_spans
from .mentions.text import fold
from .model import Briefing, Content, EntityKind, Linked, Mention, Registry


class Matchers:
    """The registry's name automaton and each language's date grammar, each built once, when
    first used (a build whose briefings are all in ``check_cache`` needs none)."""

    def __init__(
        self,
        registry: Registry,
        *,
        entities: EntityMatcher | None = None,
        dates: dict[str, DateMatcher] | None = None,
    ) -> None:
        """``entities`` and ``dates``, when given, were built before (``check_cache``)."""
        self.registry = registry
        self.built_entities = entities
        self.built_dates = dict(dates or {})

    @property
    def entities(self) -> EntityMatcher:
        """The automaton of every name and alias of the registry."""
        if self.built_entities is None:
            self.built_entities = EntityMatcher(self.registry)
        return self.built_entities

    def prepare(self, langs: Iterable[str]) -> None:
        """Build the automaton and these languages' grammars now (before a fork, say)."""
        _ = self.entities
        for lang in sorted(langs):
            self.dates(lang)

    def dates(self, lang: str) -> DateMatcher:
        """The date grammar of ``lang``."""
        if lang not in self.built_dates:
            self.built_dates[lang] = date_matcher(lang)
        return self.built_dates[lang]


#: A span of the body that may become a mention: start, end (in the original body), the entities
#: it may name (none for a date) and the day it names (None for an entity).
_Candidate = tuple[int, int, tuple[tuple[EntityKind, str], ...], dt.date | None]


#: How many briefings to link from which half are linked in a second process.
PARALLEL_FROM = 100

#: What linking one briefing finds: its mentions, and its warnings.
LinkResult = tuple[tuple[Mention, ...], tuple[Diagnostic, ...]]


class LinkMemo(Protocol):
    """Link results kept from an earlier build (``check_cache``)."""

    def linked(self, briefing: Briefing) -> LinkResult | None:
        """The result of linking ``briefing`` when it is known, else None."""

    def remember(self, briefing: Briefing, result: LinkResult) -> None:
        """Keep the result of linking ``briefing``."""

    def matchers(self, registry: Registry) -> Matchers:
        """The matchers to link with, with those built before."""


def find_mentions(content: Content, memo: LinkMemo | None = None) -> Linked:
    """Mentions of every briefing against the complete registry; ambiguity warnings as
    diagnostics. A briefing ``memo`` knows is not linked again."""
    matchers = memo.matchers(content.registry) if memo else Matchers(content.registry)
    known: dict[tuple[str, str], LinkResult] = {}
    if memo is not None:
        for briefing in content.briefings:
            result = memo.linked(briefing)
            if result is not None:
                known[briefing.key] = result
    unknown = [briefing for briefing in content.briefings if briefing.key not in known]
    for briefing, result in zip(unknown, _link_all(unknown, matchers), strict=True):
        known[briefing.key] = result
        if memo is not None:
            memo.remember(briefing, result)
    mentions: dict[tuple[str, str], tuple[Mention, ...]] = {}
    diagnostics: list[Diagnostic] = []
    for briefing in content.briefings:
        found, warnings = known[briefing.key]
        mentions[briefing.key] = found
        diagnostics.extend(warnings)
    return Linked(content, mentions, tuple(sorted(diagnostics, key=sort_key)))


def _link_all(briefings: list[Briefing], matchers: Matchers) -> list[LinkResult]:
    """Each briefing linked; from ``PARALLEL_FROM`` briefings on, the second half in a forked
    child while this process links the first (a clean build's check runs while the other
    core waits: N = 1,000, 1.6 s of linking)."""
    registry = matchers.registry

    def link(items: list[Briefing]) -> list[LinkResult]:
        return [link_briefing(briefing, registry, matchers=matchers) for briefing in items]

    if len(briefings) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return link(briefings)
    matchers.prepare({briefing.lang for briefing in briefings})  # here, once for both
    half = len(briefings) // 2
    with started_forked(link, briefings[half:]) as theirs:
        mine = link(briefings[:half])
        return mine + theirs()


def link_briefing(
    briefing: Briefing, registry: Registry, *, matchers: Matchers | None = None
) -> LinkResult:
    """The mentions of one briefing's body, sorted and without overlaps, and the warnings about
    names that may mean more than one entity."""
    matchers = matchers or Matchers(registry)
    body = briefing.body
    folded = fold(body)
    candidates: list[_Candidate] = [
        (start, end, entities, None)
        for start, end, entities in matchers.entities.find(folded, briefing.lang)
    ]
    candidates += [
        (start, end, (), day)
        for start, end, day in matchers.dates(briefing.lang).find(folded, briefing.date)
    ]
    chosen = _longest_first(candidates, protected_spans(body))
    listed = {("actor", i) for i in briefing.actors} | {("place", i) for i in briefing.places}
    mentions: list[Mention] = []
    diagnostics: list[Diagnostic] = []
    warned: set[str] = set()
    for start, end, entities, day in chosen:
        text = body[start:end]
        if day is not None:
            mentions.append(Mention("date", start, end, text, date=day))
            continue
        if len(entities) > 1:
            entities = tuple(e for e in entities if e in listed) or entities
        if len(entities) == 1:
            kind, entity_id = entities[0]
            mentions.append(Mention(kind, start, end, text, id=entity_id))
        elif text.casefold() not in warned:
            warned.add(text.casefold())
            diagnostics.append(_ambiguous(briefing, start, text, entities))
    return tuple(mentions), tuple(diagnostics)


def _longest_first(
    candidates: list[_Candidate], protected: list[tuple[int, int]]
) -> list[_Candidate]:
    """The longest candidates that overlap neither markup nor a longer candidate, by start."""
    if protected:
        starts = [start for start, _ in protected]
        candidates = [c for c in candidates if not _inside(c, protected, starts)]
    candidates.sort()
    chosen: list[_Candidate] = []
    cluster: list[_Candidate] = []  # candidates that overlap one another, in a chain
    cluster_end = -1
    for candidate in candidates:
        if candidate[0] >= cluster_end:
            chosen.extend(cluster if len(cluster) == 1 else _untangle(cluster))
            cluster, cluster_end = [candidate], candidate[1]
        else:
            cluster.append(candidate)
            cluster_end = max(cluster_end, candidate[1])
    chosen.extend(cluster if len(cluster) == 1 else _untangle(cluster))
    return chosen


def _inside(candidate: _Candidate, protected: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether the candidate overlaps a protected span."""
    k = bisect_right(starts, candidate[0]) - 1
    before = k >= 0 and protected[k][1] > candidate[0]
    return before or (k + 1 < len(protected) and protected[k + 1][0] < candidate[1])


def _untangle(cluster: list[_Candidate]) -> list[_Candidate]:
    """Overlapping candidates: the longest first, then the earlier, then a date before a name."""
    chosen: list[_Candidate] = []
    for candidate in sorted(cluster, key=lambda c: (c[0] - c[1], c[0], c[3] is None)):
        if all(candidate[1] <= c[0] or c[1] <= candidate[0] for c in chosen):
            chosen.append(candidate)
    return sorted(chosen)


def _ambiguous(
    briefing: Briefing, start: int, text: str, entities: tuple[tuple[EntityKind, str], ...]
) -> Diagnostic:
    meanings = [f"{kind} '{entity_id}'" for kind, entity_id in entities]
    listing = ", ".join(meanings[:-1]) + " or " + meanings[-1]
    return warning(
        "mention.ambiguous",
        body_location(briefing, start),
        f"alias '{text}' may mean {listing}; list one in the front matter's actors/places",
    )


def body_location(briefing: Briefing, offset: int) -> Location:
    """The line and column in the briefing's file of a code-point offset into its body."""
    body = briefing.body
    line = briefing.body_line + body.count("\n", 0, offset)
    return Location(briefing.path, line, offset - (body.rfind("\n", 0, offset) + 1) + 1)


def annotation(briefing: Briefing, mentions: Iterable[Mention]) -> dict[str, Any]:
    """What ``briefing annotate --format json`` prints for one briefing (see DESIGN.md)."""
    items: list[dict[str, Any]] = []
    for m in mentions:
        found = {"date": m.date.isoformat()} if m.date is not None else {"id": m.id}
        items.append({"kind": m.kind, **found, "text": m.text, "start": m.start, "end": m.end})
    return {
        "file": briefing.path,
        "lang": briefing.lang,
        "date": briefing.date.isoformat(),
        "mentions": items,
    }

"""The timelines of one locale: the days behind them, and their week-by-week charts as figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from .charts import AxisLabel, DayMark, TextAlternative, WeekColumn, week_chart
from .index import SiteIndex
from .l10n import L10n
from .paths import day_path, url_relative
from .periods import (
    EntityDays,
    Month,
    Tally,
    by_month,
    by_year,
    latest_month,
    most_mentioned,
    totals,
    week_start,
    week_starts,
)

#: Weeks in the home page's strip, and at most in an actor's or place's.
RECENT_WEEKS = 12
ENTITY_WEEKS = (8, 104)


class Timeline:
    """Days with content, by month and year, and the charts drawn from them, in one locale."""

    def __init__(self, index: SiteIndex, l10n: L10n, tallies: Mapping[dt.date, Tally]) -> None:
        self.index = index
        self.l10n = l10n
        self.tallies = tallies
        self._entity_days = EntityDays(index)
        self.months: dict[Month, tuple[dt.date, ...]] = by_month(tallies)
        self.years: dict[int, tuple[Month, ...]] = by_year(tallies)
        self.first_weekday = l10n.locale.first_week_day
        weekly: dict[dt.date, int] = {}
        for day, tally in tallies.items():
            start = week_start(day, self.first_weekday)
            weekly[start] = weekly.get(start, 0) + tally.weight
        #: The busiest week, so that every year's chart shares one scale.
        self.scale = max(weekly.values(), default=1)
        #: The month of the newest briefing, whose most mentioned names the home page shows.
        self.latest_month = latest_month(index)
        self._counts: dict[tuple[int, int, int], str] = {}
        self._day_labels: dict[tuple[dt.date, str], str] = {}

    def most_mentioned(self, kind: str, month: Month, limit: int = 5) -> list[tuple[str, int]]:
        """The actors or places written most often in a month's briefings, with their counts."""
        return most_mentioned(self.index, kind, month, limit)

    # The days, for the date pages.
    def month_total(self, month: Month) -> Tally:
        """A month's briefings, events and mentions added up."""
        return totals({day: self.tallies[day] for day in self.months[month]})

    def counts(self, tally: Tally) -> str:
        """'2 briefings published, 1 event and 3 mentions': what is not zero, in words."""
        key = (tally.briefings, tally.events, tally.mentions)
        if key not in self._counts:  # few distinct ones, said on many pages and chart blocks
            self._counts[key] = self._count_words(tally)
        return self._counts[key]

    def _count_words(self, tally: Tally) -> str:
        l10n = self.l10n
        parts = []
        if tally.briefings:
            briefings = l10n.ngettext(
                "%(num)d briefing published", "%(num)d briefings published", tally.briefings
            )
            parts.append(briefings % {"num": tally.briefings})
        if tally.events:
            events = l10n.ngettext("%(num)d event", "%(num)d events", tally.events)
            parts.append(events % {"num": tally.events})
        if tally.mentions:
            mentions = l10n.ngettext("%(num)d mention", "%(num)d mentions", tally.mentions)
            parts.append(mentions % {"num": tally.mentions})
        return l10n.join(parts)

    def weeks_of(self, year: int) -> list[tuple[dt.date, dt.date, list[Tally]]]:
        """The year's weeks that have content: (first day, last day, the days' tallies)."""
        found: dict[dt.date, list[Tally]] = {}
        for month in self.years.get(year, ()):
            for day in self.months[month]:
                found.setdefault(week_start(day, self.first_weekday), []).append(self.tallies[day])
        return [(start, start + dt.timedelta(days=6), days) for start, days in found.items()]

    # The charts.
    def year_chart(self, year: int, here: str) -> Markup:
        """Every week of a year, on the scale shared by all years."""
        starts = week_starts(dt.date(year, 1, 1), dt.date(year, 12, 31), self.first_weekday)
        days = {d: t for d, t in self.tallies.items() if d.year == year}
        gettext = self.l10n.gettext
        title = gettext("Timeline of %(year)s, week by week") % {"year": self.l10n.year(year)}
        return self._figure(
            "year",
            f"timeline-{year}",
            starts,
            days,
            title,
            here,
            scale_label=True,
            axis=self._axis(starts, year_on_first=False, only_year=year),
        )

    def recent_chart(self, here: str, weeks: int = RECENT_WEEKS) -> Markup:
        """The last weeks up to the newest day with content: the home page's strip."""
        if not self.tallies:
            return Markup("")
        last = max(self.tallies)
        starts = week_starts(last - dt.timedelta(weeks=weeks - 1), last, self.first_weekday)
        title = self.l10n.gettext("Recent weeks")
        return self._figure("strip", "recent-weeks", starts, self.tallies, title, here)

    def entity_chart(self, kind: str, entity_id: str, name: str, here: str) -> Markup:
        """The weeks of an actor's or place's days (the latest two years at most)."""
        days = self._entity_days.tallies(kind, entity_id)
        if not days:
            return Markup("")
        fewest, most = ENTITY_WEEKS
        last = max(days)
        first = max(
            min(min(days), last - dt.timedelta(weeks=fewest - 1)),
            last - dt.timedelta(weeks=most - 1),
        )
        starts = week_starts(first, last, self.first_weekday)
        title = self.l10n.gettext("Timeline: %(name)s") % {"name": name}
        return self._figure("strip", f"timeline-{kind}", starts, days, title, here)

    def entity_days(self, kind: str, entity_id: str) -> list[dt.date]:
        """The days of an actor or place, oldest first."""
        return sorted(self._entity_days.tallies(kind, entity_id))

    def _figure(
        self,
        kind: str,
        ident: str,
        starts: Sequence[dt.date],
        days: Mapping[dt.date, Tally],
        title: str,
        here: str,
        *,
        scale_label: bool = False,
        axis: Sequence[AxisLabel] | None = None,
    ) -> Markup:
        # Each day to its week's column (``starts`` are consecutive weeks).
        in_week: list[list[dt.date]] = [[] for _ in starts]
        if starts:
            for day in days:
                offset = (day - starts[0]).days
                if 0 <= offset < 7 * len(starts):
                    in_week[offset // 7].append(day)
        columns = []
        shown = 0
        for start, found in zip(starts, in_week, strict=True):
            marks = tuple(self._mark(days[d], here) for d in sorted(found))
            shown += len(marks)
            columns.append(WeekColumn(start, marks))
        description = self.l10n.ngettext(
            "Each column is a week and each block a day, as tall as its briefings and events: "
            "%(num)d day shown.",
            "Each column is a week and each block a day, as tall as its briefings and events: "
            "%(num)d days shown.",
            shown,
        ) % {"num": shown}
        svg = week_chart(
            columns,
            axis if axis is not None else self._axis(starts, year_on_first=True),
            TextAlternative(title, description),
            ident=ident,
            rtl=self.l10n.dir == "rtl",
            height=150 if kind == "year" else 76,
            scale_max=self.scale if scale_label else 0,
            scale_label=self.l10n.number(self.scale) if scale_label else "",
        )
        return Markup(f'<figure class="bm-figure bm-figure-{kind}">{svg}</figure>')

    def _mark(self, tally: Tally, here: str) -> DayMark:
        counts = self.counts(tally)
        key = (tally.day, counts)
        label = self._day_labels.get(key)
        if label is None:
            label = self._day_labels[key] = self.l10n.gettext("%(day)s: %(counts)s") % {
                "day": self.l10n.date(tally.day),
                "counts": counts,
            }
        return DayMark(tally.day, tally.weight, url_relative(day_path(tally.day), here), label)

    def _axis(
        self, starts: Sequence[dt.date], *, year_on_first: bool, only_year: int | None = None
    ) -> list[AxisLabel]:
        """A label under each week holding a month's first day (and under the first week)."""
        labels: list[AxisLabel] = []
        for column, start in enumerate(starts):
            end = start + dt.timedelta(days=6)
            # A week holds at most one month's first day.
            first = start if start.day == 1 else end.replace(day=1) if end.day < 7 else None
            if first is not None and only_year in (None, first.year):
                day = first
                with_year = only_year is None and (day.month == 1 or (year_on_first and not labels))
            elif column == 0 and only_year is None:
                day, with_year = start, year_on_first
            else:
                continue
            labels.append(AxisLabel(column, self.l10n.short_month(day, with_year)))
        return labels

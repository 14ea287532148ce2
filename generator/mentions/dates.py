"""Date expressions written in a language → calendar days, relative to the publication date.

The grammar is built once per language from CLDR's names (see ``cldr``): full dates, day and
month, weekday and day, a weekday alone, numeric and ISO dates. Ranges and periods are no day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable

import ahocorasick  # type: ignore[import-not-found]  # ships no type hints

from .cldr import DateWords, Names, date_words, fold_name, weekday_names
from .text import Folded, fold_words, is_arabic

# Phrases CLDR does not spell out for every language ("jeudi prochain", "next Thursday") but that
# must not resolve to the last such day: a minimal, per-language table of the modifier word and
# where it stands ("{}" is the day name; the number, how many weeks on or back). CLDR holds the
# Arabic ones (الخميس القادم, الخميس الماضي), read from it.
_WEEKDAY_PHRASES = {
    "fr": (("{} prochain", 1), ("{} dernier", -1)),
    "en": (("next {}", 1), ("last {}", -1)),
    # CLDR's are masculine (يوم implied); newsrooms also agree them with the day, and say المقبل.
    "ar": (("{} الماضية", -1), ("{} القادمة", 1), ("{} المقبل", 1), ("{} المقبلة", 1)),
}

# Words between a day and its month that no CLDR pattern of the language holds: "the 30th of
# September", "30 من أيلول" (CLDR's own, like Spanish "de", are read from it).
_DAY_MONTH_WORDS = {"en": ("of",), "ar": ("من",)}

# Words that join two dates into a range ("de lundi à jeudi", "from 23 September to 5 October"):
# CLDR's interval patterns use dashes only, so the few words are listed, folded, per language.
# A bare day number before a date ("du 23 au 30 septembre", "between 1 and 3 October") is a
# range or a list in any language, and is recognised without them.
_RANGE_WORDS = {
    "fr": ("au", "a", "jusqu'au"),
    "en": ("to", "through", "until", "till"),
    "ar": ("الى", "حتي"),
}

# Words before two days that make them a range, not a list ("entre le 23 et le 30 septembre").
_BETWEEN_WORDS = {"fr": ("entre",), "en": ("between",), "ar": ("بين",)}

# Days named relative to the publication ("hier", "yesterday", "أمس"). CLDR has them, but Babel
# drops them from its locale data (it keeps only the "in {0} days" forms), so the few words are
# listed here, folded, per language. "Today" is left out in every language: "aujourd'hui",
# "today" and اليوم mean "nowadays" in commentary as often as the day ("la crise semble
# aujourd'hui sans issue"), and a briefing's own day is its publication date already.
_RELATIVE_DAYS = {
    "fr": {"avant-hier": -2, "hier": -1, "apres-demain": 2, "demain": 1},
    "en": {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1},
    "ar": {"اول امس": -2, "امس": -1, "البارحه": -1, "غدا": 1},
}

# A day written as an ordinal word before its month ("العاشر من تموز", the tenth of July), as
# Arabic newsrooms write dates. Babel has no number spelling (CLDR's RBNF), so the words are
# composed here from the ten ordinal units, folded.
_ARABIC_UNITS = (
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
)


def _arabic_day_words() -> dict[str, int]:
    words = {unit: n for n, unit in enumerate(_ARABIC_UNITS, 1)} | {"العاشر": 10}
    words["الحادي عشر"] = 11
    for n, unit in enumerate(_ARABIC_UNITS[1:], 2):
        words[f"{unit} عشر"] = 10 + n
    for tens, name in ((20, "العشرين"), (30, "الثلاثين")):
        words[name] = tens
        for n, unit in enumerate(("الحادي", *_ARABIC_UNITS[1:]), 1):
            if tens + n <= 31:
                words[f"{unit} و{name}"] = tens + n
    return words


_DAY_WORDS = {"ar": _arabic_day_words()}

# Words after a day and month without a year that set its year ("Oct. 17 last year"). Babel drops
# CLDR's relative year names like the relative day names: listed here, folded.
_YEAR_SHIFTS = {
    "fr": {
        **{
            f"{de}l'{year} {last}": -1
            for de in ("", "de ")
            for year, last in (
                ("an", "dernier"),
                ("annee", "derniere"),
                ("an", "passe"),
                ("annee", "passee"),
            )
        },
        **{
            f"{de}l'{year} {next_}": 1
            for de in ("", "de ")
            for year, next_ in (("an", "prochain"), ("annee", "prochaine"))
        },
    },
    "en": {"last year": -1, "next year": 1},
    "ar": {
        **{
            f"{of}{year} {last}": -1
            for of in ("", "من ")
            for year, last in (("العام", "الماضي"), ("السنه", "الماضيه"))
        },
        **{f"{of}العام {next_}": 1 for of in ("", "من ") for next_ in ("المقبل", "القادم")},
    },
}

# A number glued to a day: "10h" is ten o'clock in most languages that write it so, not a day.
_NOT_ORDINALS = frozenset({"h"})

_NUMBER = re.compile(r"[0-9]+")
_SEPARATORS = frozenset("/.-")
# Arabic و ف ب join the next word, a number too (و30 سبتمبر): a date may start after them.
_ARABIC_JOINED = "وفب"
_WORD_START = rf"(?:(?<!\w)|(?<=(?<!\w)[{_ARABIC_JOINED}]))"
_NUMBER_START = rf"(?:(?<![\w./-])|(?<=(?<![\w./-])[{_ARABIC_JOINED}]))"


#: How many resolved expressions a matcher remembers before it starts again.
_RESOLVED_KEPT = 50_000

#: A span of the original text (start, end) naming one calendar day.
DateMatch = tuple[int, int, dt.date]


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, as a trie (fast, and longest first)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return emit(trie)


def _language(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


class DateMatcher:
    """The date grammar of one language, built once from CLDR."""

    def __init__(self, lang: str) -> None:
        words = date_words(lang)
        self.empty = words is None or not words.months.number
        if words is None or self.empty:
            return
        self.months, self.weekdays = words.months, words.weekdays
        self.day_first_numbers = words.day_first_numbers
        self.relative = dict(words.relative)
        for template, weeks in _WEEKDAY_PHRASES.get(_language(lang), ()):
            for number, name in weekday_names(lang):
                self.relative.setdefault(fold_name(template.format(name)), (number, weeks))
        extra = _DAY_MONTH_WORDS.get(_language(lang), ())
        self.relative_days = {
            fold_name(phrase): shift
            for phrase, shift in _RELATIVE_DAYS.get(_language(lang), {}).items()
        }
        self.day_words = _DAY_WORDS.get(_language(lang), {})
        self._pattern = _grammar(words, self.relative, self.relative_days, self.day_words, extra)
        self._anchors = _anchors(words, [*self.relative, *self.relative_days, *self.day_words])
        shifts = _YEAR_SHIFTS.get(_language(lang), {})
        self._year_shifts = {fold_name(words_): shift for words_, shift in shifts.items()}
        self._year_shift = (
            re.compile(rf",? (?P<q>{_alternation(self._year_shifts)})(?!\w)", re.IGNORECASE)
            if shifts
            else None
        )
        self._range_before = re.compile(
            r"(?<![\w.,/:-])(\d{1,2})(?:-?[^\W\d_]{1,3}|\.)? ?(?:[-\u2014]|\w{1,5}) ?\Z"
        )
        self._range_after = re.compile(r"(?: ?[-\u2014] ?| \w{1,5} )(\d{1,2})(?!\d)")
        joining = _RANGE_WORDS.get(_language(lang), ())
        between = f"| (?:{_alternation(joining)}) " if joining else ""
        self._joined = re.compile(rf"(?: ?[-\u2014] ?{between})\Z", re.IGNORECASE)
        # The day an expression names depends on its text and the publication date only.
        self._resolved: dict[tuple[str, dt.date], dt.date | None] = {}
        self._lists = _ListGrammar(words, _BETWEEN_WORDS.get(_language(lang), ()))

    def find(self, folded: Folded, published: dt.date) -> list[DateMatch]:
        """Every date expression of ``folded`` that names one day, resolved against ``published``;
        ranges ("du 23 au 30 septembre", "between 1 and 3 October") are left out."""
        if self.empty:
            return []
        text = folded.text
        anchors = set()
        months = []
        numbers = []
        for last, (back, month, starts_date) in self._anchors.iter(" " + folded.words + " "):
            position = last - back
            if starts_date:
                anchors.add(position)
            elif starts_date is None:
                numbers.append(position)
            if month:
                months.append(position)
        months.sort()
        for start in numbers:
            end = _NUMBER.match(text, start).end()  # type: ignore[union-attr]
            # A number starts a date only before a month name or as in 30/09/2016.
            after = bisect.bisect_right(months, end)
            if (after < len(months) and months[after] <= end + 16) or (
                text[end : end + 1] in _SEPARATORS and text[end + 1 : end + 2].isdigit()
            ):
                anchors.add(start)
        found: list[DateMatch] = []
        last_end = 0
        for anchor in sorted(anchors):
            match = self._pattern.match(text, anchor) if anchor >= last_end else None
            if match is None:
                continue
            key = (match.group(), published)
            if key not in self._resolved:
                if len(self._resolved) > _RESOLVED_KEPT:
                    self._resolved.clear()
                self._resolved[key] = self._resolve(match, folded, published)
            day = self._resolved[key]
            year = self._shifted_year(match, text, published) if day else None
            if day and year:
                day = _day(year, day.month, day.day)
            listed = self._listed(match, text, last_end, published) if day else None
            if listed is not None:
                found.extend(listed)
                last_end = max([match.end(), *(end for _, end, _ in listed)])
                continue
            if day is not None and not self._in_range(match, text, last_end):
                found.append((match.start(), match.end(), day))
            last_end = match.end()
        offset = folded.offset
        return [(offset(s), offset(e), day) for s, e, day in self._without_ranges(found, text)]

    def _listed(
        self, match: re.Match[str], text: str, last_end: int, published: dt.date
    ) -> list[DateMatch] | None:
        """The days of a list sharing one month ("les 23 et 24 septembre", "September 23, 24 and
        25"), this match among them; [] for a range written as a list ("between 1 and 3
        October"); None when the match is no list's."""
        kind = match.lastgroup
        if kind not in ("DM", "MD"):
            return None
        g = "f" if kind == "DM" else "g"
        start = (
            match.start(g + ("d" if match.group(g + "d") else "o"))
            if kind == "DM"
            else match.start()
        )
        before = self._lists.before(text, max(0, start - 48, last_end), start)
        after, year = (
            ([], None)
            if kind == "DM" or match.group("gy")
            else self._lists.after(text, match.end())
        )
        if not before and not after:
            return None
        first = before[0][0] if before else match.start()
        if self._lists.is_between(text, max(0, last_end), first):
            return []
        month = self.months[match.group(g + "m")]
        written_year = match.group(g + "y") or year
        days: list[DateMatch] = []
        for number_start, number_end, number in [*before, (-1, -1, 0), *after]:
            if number_start < 0:
                number = self._day_of(match, g)
                number_start, number_end = match.start(), match.end()
            day = (
                _day(int(written_year), month, number)
                if written_year
                else _nearest(published, month, number, None)
            )
            if day is None:
                return None
            days.append((number_start, number_end, day))
        # The weekday, when written, belongs to the match's own day.
        named = match.group(g + "w")
        if named and days[len(before)][2].weekday() != self.weekdays[named]:
            return None
        return days

    def _in_range(self, match: re.Match[str], text: str, last_end: int) -> bool:
        """A day that ends a range of days ("23 au 30 septembre") or starts one ("Sept 23-30").
        A number that is itself part of a date before ("jeudi 29 et vendredi 30") is no range."""
        kind = match.lastgroup
        if kind in ("DM", "MD"):
            day = self._day_of(match, "f" if kind == "DM" else "g")
            window = max(0, match.start() - 24, last_end)
            before = self._range_before.search(text, window, match.start())
            if before and int(before.group(1)) < day:
                return True
            if kind == "MD" and not match.group("gy"):
                after = self._range_after.match(text, match.end())
                if after and int(after.group(1)) > day:
                    return True
        return False

    def _without_ranges(self, found: list[DateMatch], text: str) -> list[DateMatch]:
        """Drop two dates joined as a range: by a dash, by a word that says "to", or by "and"
        after a word that says "between" ("between June 1 and June 10")."""
        dropped: set[int] = set()
        for i in range(len(found) - 1):
            first_start, first_end, second_start = found[i][0], found[i][1], found[i + 1][0]
            if self._joined.match(text, first_end, second_start) or (
                self._lists.joins(text, first_end, second_start)
                and self._lists.is_between(text, max(0, first_start - 24), first_start)
            ):
                dropped.update((i, i + 1))
        return [m for i, m in enumerate(found) if i not in dropped]

    def _resolve(self, match: re.Match[str], folded: Folded, published: dt.date) -> dt.date | None:
        kind = match.lastgroup
        group = match.group
        if kind == "ISO":
            return _day(int(group("iy")), int(group("im")), int(group("id")))
        if kind == "NUM":
            first, second = int(group("na")), int(group("nb"))
            year = _full_year(group("nc"), published)
            day, month = (first, second) if self.day_first_numbers else (second, first)
            if month > 12 and day <= 12:  # written in the other order: unambiguous
                day, month = month, day
            return _day(year, month, day)
        if kind == "REL":
            weekday, weeks = self.relative[" ".join(group("REL").lower().split())]
            return _relative(published, weekday, weeks)
        if kind == "RD":
            return published + dt.timedelta(days=self.relative_days[group("RD").lower()])
        if kind == "W":
            if not self._written_as(match, "aw", self.weekdays):
                return None
            return _last(published, self.weekdays[group("aw")])
        if kind == "WD":
            if (group("ws") or "").lower() in _NOT_ORDINALS or not self._written_as(
                match, "ww", self.weekdays
            ):
                return None
            return _weekday_and_day(published, self.weekdays[group("ww")], int(group("wd")))
        g = "f" if kind == "DM" else "g"
        if (group(g + "s") or "").lower() in _NOT_ORDINALS or not self._written_as(
            match, g + "m", self.months
        ):
            return None
        month = self.months[group(g + "m")]
        for other in (group(g + "m2"), group(g + "m3")):
            if other is not None and self.months[other] != month:
                return None  # "septembre/octobre" is a period, not a day
        named = self.weekdays[group(g + "w")] if group(g + "w") else None
        day = self._day_of(match, g)
        if group(g + "y"):
            return _day(int(group(g + "y")), month, day)
        return _nearest(published, month, day, named)

    def _day_of(self, match: re.Match[str], g: str) -> int:
        """The day number of a DM or MD match, written in digits or as an ordinal word."""
        digits = match.group(g + "d")
        if digits:
            return int(digits)
        return self.day_words[" ".join(match.group(g + "o").lower().split())]

    def _shifted_year(self, match: re.Match[str], text: str, published: dt.date) -> int | None:
        """The year that words after a year-less day and month give it ("last year")."""
        kind = match.lastgroup
        if self._year_shift is None or kind not in ("DM", "MD"):
            return None
        if match.group("fy" if kind == "DM" else "gy"):
            return None
        after = self._year_shift.match(text, match.end())
        if after is None:
            return None
        return published.year + self._year_shifts[" ".join(after.group("q").lower().split())]

    @staticmethod
    def _written_as(match: re.Match[str], group: str, names: Names) -> bool:
        """A name that CLDR always capitalises (English months) must not be all lowercase."""
        written = match.group(group)
        return not (names.capitalised[written.lower().rstrip(".")] and written.islower())


class _ListGrammar:
    """Days listed before or after one written with its month, joined as CLDR's list patterns
    join items: "23, 24 et 25 septembre", "September 23 and 24", "23 و24 أيلول"."""

    def __init__(self, words: DateWords, between: Iterable[str]) -> None:
        every, last = words.list_separators
        every = every | {", "}  # a comma lists in every language ("،" folds to ",")

        def loose(separators: Iterable[str]) -> str:
            return "|".join(
                "".join(" ?" if c == " " else re.escape(c) for c in s)
                for s in sorted(separators, key=len, reverse=True)
            )

        number = rf"{_NUMBER_START}(?P<w>(?P<n>[0-3]?\d)(?:-?[^\W\d_]{{1,3}})?)"
        article = r"(?:[^\W\d_]{1,3} )?"
        self._last_before = re.compile(rf"{number}(?:{loose(last)}){article}\Z", re.I)
        self._any_before = re.compile(rf"{number}(?:{loose(every)}){article}\Z", re.I)
        day = r"(?P<n>[0-3]?\d)(?:st|nd|rd|th)?(?![\w/.:-]\w|\w)"
        self._after = re.compile(rf"(?P<sep>{loose(every)}){article}{day}", re.I)
        self._last = re.compile(rf"(?:{loose(last)})\Z", re.I)
        self._conjunction = re.compile(rf"(?:{loose(last)}){article}", re.I)
        self._year = re.compile(r",? (?P<y>\d{4})(?!\d)")
        words_between = _alternation(between)
        self._between = (
            re.compile(rf"(?<!\w)(?:{words_between}) {article}\Z", re.I) if between else None
        )

    def before(self, text: str, window: int, start: int) -> list[tuple[int, int, int]]:
        """Numbers listed before ``start``, the last joined by a conjunction, in text order."""
        found: list[tuple[int, int, int]] = []
        expression = self._last_before
        while match := expression.search(text, window, start):
            found.insert(0, (match.start(), match.end("w"), int(match.group("n"))))
            start, expression = match.start(), self._any_before
        return found

    def after(self, text: str, end: int) -> tuple[list[tuple[int, int, int]], str | None]:
        """Numbers listed after ``end`` — the last joined by a conjunction — and a year after
        them all ("September 23 and 24, 2016")."""
        found: list[tuple[int, int, int]] = []
        last_separator = ""
        while match := self._after.match(text, end):
            found.append((match.start("n"), match.end(), int(match.group("n"))))
            last_separator, end = match.group("sep"), match.end()
        if not found or not self._last.search(last_separator):
            return [], None
        year = self._year.match(text, end)
        return found, year.group("y") if year else None

    def joins(self, text: str, end: int, start: int) -> bool:
        """Whether the text from ``end`` to ``start`` is a list's conjunction ("and", " و")."""
        return bool(self._conjunction.fullmatch(text, end, start))

    def is_between(self, text: str, window: int, start: int) -> bool:
        """Whether a word saying "between" stands before ``start``: a range, not a list."""
        return bool(self._between and self._between.search(text, window, start))


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _closest(published: dt.date, days: Iterable[dt.date | None]) -> dt.date | None:
    """The day nearest to the publication date; the earlier one when two are as near."""
    options = [d for d in days if d is not None]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - published).days), d > published))


def _full_year(digits: str, published: dt.date) -> int:
    if len(digits) == 4:
        return int(digits)
    century = published.year // 100 * 100
    years = (century - 100 + int(digits), century + int(digits), century + 100 + int(digits))
    return min(years, key=lambda y: abs(y - published.year))


def _nearest(published: dt.date, month: int, day: int, weekday: int | None) -> dt.date | None:
    """A day and month without a year: the year that puts it nearest to the publication date
    (preferring one where the weekday, when written, agrees)."""
    days = [_day(year, month, day) for year in range(published.year - 1, published.year + 2)]
    agreeing = [d for d in days if d is not None and d.weekday() == weekday]
    return _closest(published, agreeing or days)


def _last(published: dt.date, weekday: int) -> dt.date:
    """The most recent such weekday on or before the publication date."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _relative(published: dt.date, weekday: int, weeks: int) -> dt.date:
    """The ``weeks``-th such weekday strictly after (``weeks`` > 0) or before the publication."""
    if weeks > 0:
        ahead = (weekday - published.weekday() - 1) % 7 + 1
        return published + dt.timedelta(days=ahead + 7 * (weeks - 1))
    back = (published.weekday() - weekday - 1) % 7 + 1
    return published - dt.timedelta(days=back + 7 * (-weeks - 1))


def _weekday_and_day(published: dt.date, weekday: int, day: int) -> dt.date | None:
    """ "Jeudi 29": the nearest day 29 that is a Thursday, within three months either way."""
    days = []
    for shift in range(-3, 4):
        index = published.year * 12 + published.month - 1 + shift
        candidate = _day(index // 12, index % 12 + 1, day)
        if candidate is not None and candidate.weekday() == weekday:
            days.append(candidate)
    return _closest(published, days)


def _grammar(
    words: DateWords,
    relative: dict[str, tuple[int, int]],
    relative_days: dict[str, int],
    day_words: dict[str, int],
    day_month: Iterable[str],
) -> re.Pattern[str]:
    """One expression with a named branch per form of date."""
    lit = words.literals
    literal = f"(?:(?:{_alternation(lit)}) )?" if lit else ""
    between = {*lit, *day_month}
    day_month_literal = f"(?:(?:{_alternation(between)}) )?" if between else ""
    months = _alternation(words.months.written())
    days = _alternation(words.weekdays.written())
    wide = _alternation(words.wide_weekdays)

    def month(g: str) -> str:
        # Levantine and Egyptian names together: "أيلول/سبتمبر", "أيلول (سبتمبر)".
        return (
            rf"(?P<{g}m>{months})"
            rf"(?: ?/ ?(?P<{g}m2>{months})| ?\( ?(?P<{g}m3>{months}) ?\))?"
        )

    def day(g: str, *, dot: bool = True, words: bool = False) -> str:
        # Any short ordinal suffix (1er, 1re, 2nd, 3rd, 4th, 1º, 30-го) or a dot (de "30.") —
        # the dot only before a month: after "October 17" it ends the sentence.
        dot_after = r"|\." if dot else ""
        digits = (
            rf"(?<![\d.,/:-])(?P<{g}d>[0-3]?\d)(?!\d)"
            rf"(?:-?(?P<{g}s>[^\W\d_]{{1,3}})(?![^\W\d_]){dot_after})?"
        )
        if not (words and day_words):
            return digits
        return rf"(?:{digits}|(?P<{g}o>{_alternation(day_words)}))"

    def year(g: str) -> str:
        # A year may carry one letter (Arabic ٢٠١٦م) and a literal after it (Russian г.).
        after = rf"(?: (?:{_alternation(lit)})\.?)?" if lit else ""
        return rf"(?P<{g}y>\d{{4}})(?:[^\W\d_](?!\w))?{after}"

    def weekday(g: str) -> str:
        return rf"(?:(?P<{g}w>{days})[,،]? )?"

    branches = [
        rf"(?P<ISO>{_NUMBER_START}(?P<iy>\d{{4}})(?P<is>[-/.])(?P<im>\d{{1,2}})(?P=is)"
        rf"(?P<id>\d{{1,2}})(?![\d]|[-/.]\d))",
        rf"(?P<NUM>{_NUMBER_START}(?P<na>\d{{1,2}})(?P<ns>[-/.])(?P<nb>\d{{1,2}})(?P=ns)"
        rf"(?P<nc>\d{{4}}|\d{{2}})(?![\d]|[-/.]\d))",
        rf"(?P<DM>{_WORD_START}{weekday('f')}{day('f', words=True)} {day_month_literal}{month('f')}"
        rf"(?:[,،]? {literal}{year('f')})?)",
    ]
    if words.month_first:
        branches.append(
            rf"(?P<MD>{_WORD_START}{weekday('g')}{month('g')} ?{day('g', dot=False)}"
            rf"(?:,? {year('g')})?)"
        )
    if relative:
        branches.append(rf"(?P<REL>{_WORD_START}(?:{_alternation(relative)}))")
    if relative_days:
        branches.append(rf"(?P<RD>{_WORD_START}(?:{_alternation(relative_days)}))")
    if wide:
        branches.append(rf"(?P<WD>{_WORD_START}(?P<ww>{wide}) {day('w', dot=False)}(?! ?\d)(?!:))")
        branches.append(rf"(?P<W>{_WORD_START}(?P<aw>{wide}))")
    return re.compile("(?:" + "|".join(branches) + r")(?!\w)", re.IGNORECASE)


def _anchors(words: DateWords, relative: Iterable[str]) -> ahocorasick.Automaton:
    """Where a date may start: every date starts with a number or a name, found by one pass of
    an automaton over the words (many times faster than trying the grammar everywhere)."""
    automaton = ahocorasick.Automaton()
    month_words = {fold_words(name).partition(" ")[0] for name in words.months.number}
    starters = {fold_words(name).partition(" ")[0] for name in words.weekdays.number}
    # A phrase ("avant-hier", "the day before yesterday", "next Thursday") anchors as a whole:
    # its first word alone ("avant", "the", "next") is too common to try the grammar at.
    starters |= {fold_words(phrase) for phrase in relative}
    for word in (month_words | starters) - {""}:
        key = word + " " if is_arabic(word[0]) else " " + word + " "
        back = len(key) - 1 if key[0] == " " else len(key)  # from the key's end to the word
        starts = word in starters or words.month_first
        automaton.add_word(key, (back, word in month_words, starts))
    for digit in "0123456789":
        for joined in ("", *_ARABIC_JOINED):
            automaton.add_word(" " + joined + digit, (1, False, None))
    automaton.make_automaton()
    return automaton


@functools.cache
def date_matcher(lang: str) -> DateMatcher:
    """The date grammar of ``lang``, built once per process."""
    return DateMatcher(lang)

"""Date expressions written in a language → calendar days, from CLDR's month and day names.

Every name comes from Babel, for the language's own locale and all its territory variants (so
Arabic has both سبتمبر and the Levant's أيلول); no month or day name is written here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import ahocorasick
from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names, tokenize_pattern
from babel.localedata import locale_identifiers

from .text import Folded, fold, fold_words, is_arabic

# Phrases CLDR does not hold for every language ("jeudi prochain", "next Thursday") but that
# must not resolve to the last such day: a minimal, per-language table of the modifier word and
# where it stands. CLDR holds the Arabic ones (الخميس القادم, الخميس الماضي) and they are read
# from it; here "{}" is the day name and the number is how many weeks on (+) or back (-).
_WEEKDAY_PHRASES = {
    "fr": (("{} prochain", 1), ("{} dernier", -1)),
    "en": (("next {}", 1), ("last {}", -1)),
}

# A number glued to a day: "10h" is ten o'clock in most languages that write it so, not a day.
_NOT_ORDINALS = frozenset({"h"})

_NUMBER = re.compile(r"[0-9]+")
_SEPARATORS = frozenset("/.-")
_WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفب]))"  # Arabic و ف ب may join a day or month name


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


def _fold_name(name: str) -> str:
    return " ".join(fold(name).text.split()).rstrip(".")


class _Names:
    """Folded names → numbers, dropping any name that two numbers share."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.capitalised: dict[str, bool] = {}
        #: Abbreviations, which may be written with a dot ("Sept. 9") or without.
        self.abbreviated: set[str] = set()
        self._clashing: set[str] = set()

    def add(self, name: str, number: int, abbreviated: bool) -> None:
        key = _fold_name(name)
        if not key or key in self._clashing:
            return
        if self.number.setdefault(key, number) != number:
            del self.number[key]
            self._clashing.add(key)
            return
        upper = name[:1].isupper()
        self.capitalised[key] = self.capitalised.get(key, True) and upper
        if abbreviated or name.endswith("."):
            self.abbreviated.add(key)

    def pattern(self, keys: Iterable[str] | None = None) -> str:
        """A regular expression for these names (an abbreviation with or without its dot)."""
        keys = self.number if keys is None else keys
        return _alternation(chain(keys, (k + "." for k in keys if k in self.abbreviated)))

    def __getitem__(self, written: str) -> int:
        return self.number[written.rstrip(".")]


def _locales(lang: str) -> list[Locale]:
    """The locale of ``lang`` first, then every territory variant of its language."""
    try:
        main = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return []
    base = main.language
    variants = sorted(i for i in locale_identifiers() if i == base or i.startswith(base + "_"))
    return [main] + [Locale.parse(i) for i in variants if i != str(main)]


def _literals(locale: Locale) -> set[str]:
    """Words that the locale's long date patterns put between day, month and year (es "de")."""
    words: set[str] = set()
    for width in ("medium", "long", "full"):
        for kind, value in tokenize_pattern(locale.date_formats[width].pattern):
            if kind == "chars":
                words.update(w for w in _fold_name(value).split() if w.rstrip(".").isalpha())
    return {w.rstrip(".") for w in words}


def _month_first(locale: Locale, width: str) -> bool:
    fields = [v[0] for k, v in tokenize_pattern(locale.date_formats[width].pattern) if k == "field"]
    return fields.index("M") < fields.index("d") if "M" in fields and "d" in fields else False


def _and_words(locales: list[Locale]) -> set[str]:
    """The word that joins two items of a list ("et", "and", "و"), from CLDR list patterns."""
    words = set()
    for locale in locales:
        pattern = locale.list_patterns.get("standard", {}).get("2", "")
        if "{0}" in pattern and "{1}" in pattern:
            between = pattern.split("{0}", 1)[1].split("{1}", 1)[0]
            words.update(_fold_name(between).split())
    return words


class DateMatcher:
    """The date grammar of one language, built once from CLDR."""

    def __init__(self, lang: str) -> None:
        locales = _locales(lang)
        self.months = _Names()
        self.weekdays = _Names()
        wide_days: set[str] = set()
        for locale in locales:
            for context in ("format", "stand-alone"):
                months_wide = get_month_names("wide", context, locale)
                days_wide = get_day_names("wide", context, locale)
                for width in ("wide", "abbreviated"):
                    short = width == "abbreviated"
                    for number, name in get_month_names(width, context, locale).items():
                        self.months.add(name, number, short and name != months_wide[number])
                    for number, name in get_day_names(width, context, locale).items():
                        self.weekdays.add(name, number, short and name != days_wide[number])
                        if width == "wide":
                            wide_days.add(_fold_name(name))
        self.empty = not locales or not self.months.number
        if self.empty:
            return
        main = locales[0]
        self.day_first_numbers = not _month_first(main, "short")
        self.and_words = _and_words(locales)
        self.relative = self._relative_phrases(locales, lang)
        wide = [w for w in wide_days if w in self.weekdays.number]
        literals = _literals(main)
        lit = f"(?:(?:{_alternation(literals)}) )?" if literals else ""
        months = self.months.pattern()
        days = self.weekdays.pattern()

        def month(g: str) -> str:
            return (
                rf"(?P<{g}m>{months})"
                rf"(?: ?/ ?(?P<{g}m2>{months})| ?\( ?(?P<{g}m3>{months}) ?\))?"
            )

        def day(g: str) -> str:
            return (
                rf"(?<![\d.,/:-])(?P<{g}d>[0-3]?\d)(?!\d)"
                rf"(?:-?(?P<{g}s>[^\W\d_]{{1,3}})(?![^\W\d_])|\.)?"
            )

        def year(g: str) -> str:
            # A year may carry one letter (Arabic ٢٠١٦م) and a literal after it (Russian г.).
            after = rf"(?: (?:{_alternation(literals)})\.?)?" if literals else ""
            return rf"(?P<{g}y>\d{{4}})(?:[^\W\d_](?!\w))?{after}"

        def weekday(g: str) -> str:
            return rf"(?:(?P<{g}w>{days})[,،]? )?"

        branches = [
            rf"(?P<ISO>(?<![\w./-])(?P<iy>\d{{4}})(?P<is>[-/.])(?P<im>\d{{1,2}})(?P=is)"
            rf"(?P<id>\d{{1,2}})(?![\d]|[-/.]\d))",
            rf"(?P<NUM>(?<![\w./-])(?P<na>\d{{1,2}})(?P<ns>[-/.])(?P<nb>\d{{1,2}})(?P=ns)"
            rf"(?P<nc>\d{{4}}|\d{{2}})(?![\d]|[-/.]\d))",
            rf"(?P<DM>{_WORD_START}{weekday('f')}{day('f')} {lit}{month('f')}"
            rf"(?:[,،]? {lit}{year('f')})?)",
        ]
        if any(_month_first(main, w) for w in ("medium", "long", "full")):
            branches.append(
                rf"(?P<MD>{_WORD_START}{weekday('g')}{month('g')} ?{day('g')}"
                rf"(?:,? {year('g')})?)"
            )
        if self.relative:
            branches.append(rf"(?P<REL>{_WORD_START}(?:{_alternation(self.relative)}))")
        if wide:
            branches.append(
                rf"(?P<WD>{_WORD_START}(?P<ww>{_alternation(wide)}) {day('w')}(?! ?\d)(?!:))"
            )
            branches.append(rf"(?P<W>{_WORD_START}(?P<aw>{_alternation(wide)}))")
        self._pattern = re.compile("(?:" + "|".join(branches) + r")(?!\w)")
        # Every date starts with a number or a name: the automaton finds the names (their first
        # word) and the expression is tried only there, which is many times faster than a scan.
        self._anchors = ahocorasick.Automaton()
        month_words = {fold_words(name).partition(" ")[0] for name in self.months.number}
        starts = chain(self.weekdays.number, self.relative)
        other_words = {fold_words(name).partition(" ")[0] for name in starts}
        month_first = "(?P<MD>" in self._pattern.pattern
        for word in (month_words | other_words) - {""}:
            key = word + " " if is_arabic(word[0]) else " " + word + " "
            starts_date = word in other_words or month_first
            self._anchors.add_word(key, (len(key), key[0] == " ", word in month_words, starts_date))
        for digit in "0123456789":  # numbers, found in the same pass (a scan is slower)
            self._anchors.add_word(" " + digit, (2, True, False, None))
        self._anchors.make_automaton()
        self._range_before = re.compile(
            r"(?<![\w.,/:-])(\d{1,2})(?:-?[^\W\d_]{1,3}|\.)? ?(?:[-\u2014]|\w{1,5}) ?\Z"
        )
        self._range_after = re.compile(r"(?: ?[-\u2014] ?| \w{1,5} )(\d{1,2})(?!\d)")
        self._joined = re.compile(r"(?: ?[-\u2014] ?| (\w{1,5}) )\Z")

    def _relative_phrases(self, locales: list[Locale], lang: str) -> dict[str, tuple[int, int]]:
        """"Next Thursday" and the like: folded phrase → (weekday, weeks on or back)."""
        phrases: dict[str, tuple[int, int]] = {}
        keys = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for locale in locales:
            fields = locale._data["date_fields"]
            for number, key in enumerate(keys):
                for direction, sign in (("future", 1), ("past", -1)):
                    forms = fields.get(key, {}).get(direction, {})
                    for plural, count in (("one", 1), ("two", 2)):
                        phrase = forms.get(plural, "")
                        if phrase and "{0}" not in phrase:
                            phrases.setdefault(_fold_name(phrase), (number, sign * count))
        for template, weeks in _WEEKDAY_PHRASES.get(lang.replace("_", "-").split("-")[0], ()):
            for locale in locales[:1]:
                for number, name in get_day_names("wide", "format", locale).items():
                    phrases.setdefault(_fold_name(template.format(name)), (number, weeks))
        return phrases

    def find(self, folded: Folded, published: dt.date) -> list[DateMatch]:
        """Every date expression of ``folded`` that names one day, resolved against ``published``;
        ranges ("du 23 au 30 septembre", "between 1 and 3 October") are left out."""
        if self.empty:
            return []
        text = folded.text
        anchors = set()
        months = []
        numbers = []
        for last, (length, left, month, starts_date) in self._anchors.iter(" " + folded.words + " "):
            position = last - length + (1 if left else 0)
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
            day = self._resolve(match, folded, published)
            if day is not None and not self._in_range(match, text, last_end):
                found.append((match.start(), match.end(), day))
            last_end = match.end()
        offset = folded.offset
        return [(offset(s), offset(e), day) for s, e, day in self._without_ranges(found, text)]

    def _in_range(self, match: re.Match[str], text: str, last_end: int) -> bool:
        """A day that ends a range of days ("23 au 30 septembre") or starts one ("Sept 23-30").
        A number that is itself part of a date before ("jeudi 29 et vendredi 30") is no range."""
        kind = match.lastgroup
        if kind in ("DM", "MD"):
            day = int(match.group("fd" if kind == "DM" else "gd"))
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
        """Drop two dates joined as a range: by a dash or by one short word other than "and"."""
        dropped: set[int] = set()
        for i in range(len(found) - 1):
            first_end, second_start = found[i][1], found[i + 1][0]
            joined = self._joined.match(text, first_end, second_start)
            if joined and joined.end() == second_start and joined.group(1) not in self.and_words:
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
            weekday, weeks = self.relative[" ".join(group("REL").split())]
            return _relative(published, weekday, weeks)
        if kind == "W":
            if not self._written_as(folded, match, "aw", self.weekdays):
                return None
            return _last(published, self.weekdays[group("aw")])
        if kind == "WD":
            if group("ws") in _NOT_ORDINALS or not self._written_as(folded, match, "ww", self.weekdays):
                return None
            return _weekday_and_day(published, self.weekdays[group("ww")], int(group("wd")))
        g = "f" if kind == "DM" else "g"
        if group(g + "s") in _NOT_ORDINALS or not self._written_as(folded, match, g + "m", self.months):
            return None
        month = self.months[group(g + "m")]
        for other in (group(g + "m2"), group(g + "m3")):
            if other is not None and self.months[other] != month:
                return None  # "septembre/octobre" is a period, not a day
        weekday = self.weekdays[group(g + "w")] if group(g + "w") else None
        day = int(group(g + "d"))
        if group(g + "y"):
            return _day(int(group(g + "y")), month, day)
        return _nearest(published, month, day, weekday)

    @staticmethod
    def _written_as(folded: Folded, match: re.Match[str], group: str, names: _Names) -> bool:
        """A name that CLDR always capitalises (English months) must not be all lowercase."""
        if not names.capitalised[match.group(group).rstrip(".")]:
            return True
        first, last = folded.span(match.start(group), match.end(group))
        return not folded.original[first:last].islower()


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
    """"Jeudi 29": the nearest day 29 that is a Thursday, within three months either way."""
    days = []
    for shift in range(-3, 4):
        index = published.year * 12 + published.month - 1 + shift
        candidate = _day(index // 12, index % 12 + 1, day)
        if candidate is not None and candidate.weekday() == weekday:
            days.append(candidate)
    return _closest(published, days)


@functools.cache
def date_matcher(lang: str) -> DateMatcher:
    """The date grammar of ``lang``, built once per process."""
    return DateMatcher(lang)

"""What CLDR, through Babel, says about writing dates in one language: its month and day names
(from the language's locale and all its territory variants, so Arabic has both سبتمبر and the
Levant's أيلول), the order of day and month, the words of its date patterns and its relative
weekday phrases. No name is written by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names, tokenize_pattern
from babel.localedata import locale_identifiers

from .text import fold

WEEKDAY_FIELDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # CLDR's, Monday = 0


def fold_name(name: str) -> str:
    """A CLDR name folded, in lower case, without a trailing abbreviation dot."""
    return " ".join(fold(name).text.lower().split()).rstrip(".")


@dataclass
class Names:
    """Folded names → numbers (months 1–12, weekdays Monday = 0), dropping any name that two
    numbers share. Wide names are to be added before abbreviations."""

    number: dict[str, int] = field(default_factory=dict)
    #: Names CLDR always writes with a capital (English months): never an all-lowercase word.
    capitalised: dict[str, bool] = field(default_factory=dict)
    #: Abbreviations, which may be written with a dot ("Sept. 9") or without.
    abbreviated: set[str] = field(default_factory=set)
    _clashing: set[str] = field(default_factory=set)
    _wide: set[str] = field(default_factory=set)

    def add(self, name: str, number: int, abbreviated: bool) -> None:
        """Record one CLDR name."""
        key = fold_name(name)
        if not key or key in self._clashing:
            return
        if self.number.setdefault(key, number) != number:
            del self.number[key]
            self._clashing.add(key)
            return
        self.capitalised[key] = self.capitalised.get(key, True) and name[:1].isupper()
        # Only a name that is never written in full takes a dot (not "septembre.", "سبتمبر.").
        if name.endswith(".") or (abbreviated and key not in self._wide):
            self.abbreviated.add(key)
        if not abbreviated and not name.endswith("."):
            self._wide.add(key)
            self.abbreviated.discard(key)

    def written(self, keys: Iterable[str] | None = None) -> list[str]:
        """Every way to write these names as folded text (an abbreviation with or without dot)."""
        keys = list(self.number if keys is None else keys)
        return [*keys, *(k + "." for k in keys if k in self.abbreviated)]

    def __getitem__(self, written: str) -> int:
        return self.number[written.lower().rstrip(".")]


@dataclass(frozen=True)
class DateWords:
    """One language's date vocabulary."""

    months: Names
    weekdays: Names
    #: Wide weekday names: the only ones that name a day on their own ("jeudi", not "jeu.").
    wide_weekdays: frozenset[str]
    #: Words the date patterns put between day, month and year (es "de", ru "г").
    literals: frozenset[str]
    #: Whether a date may be written month first ("September 30").
    month_first: bool
    #: Whether numeric dates put the day first ("30/09/2016") rather than the month.
    day_first_numbers: bool
    #: Relative weekday phrases CLDR spells out (ar "الخميس القادم"): (weekday, weeks on or back).
    relative: dict[str, tuple[int, int]]
    #: What joins the items of a list, folded: (all separators, the last two's conjunctions),
    #: from CLDR's list patterns ("{0}, {1}", "{0} et {1}"; en ", and"; ar " و").
    list_separators: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def locales(lang: str) -> list[Locale]:
    """The locale of ``lang`` first, then every territory variant of its language."""
    try:
        main = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return []
    base = main.language
    variants = sorted(i for i in locale_identifiers() if i == base or i.startswith(base + "_"))
    return [main] + [Locale.parse(i) for i in variants if i != str(main)]


def date_words(lang: str) -> DateWords | None:
    """The date vocabulary of ``lang``, or None when CLDR does not know the language."""
    found = locales(lang)
    if not found:
        return None
    months, weekdays, wide = Names(), Names(), set[str]()
    for locale in found:
        for context in ("format", "stand-alone"):
            months_wide = get_month_names("wide", context, locale)
            days_wide = get_day_names("wide", context, locale)
            for width in ("wide", "abbreviated"):
                short = width == "abbreviated"
                for number, name in get_month_names(width, context, locale).items():
                    months.add(name, number, short and name != months_wide[number])
                for number, name in get_day_names(width, context, locale).items():
                    weekdays.add(name, number, short and name != days_wide[number])
            wide.update(fold_name(name) for name in days_wide.values())
    main = found[0]
    return DateWords(
        months=months,
        weekdays=weekdays,
        wide_weekdays=frozenset(w for w in wide if w in weekdays.number),
        literals=frozenset(_literals(main)),
        month_first=any(_month_first(main, width) for width in ("medium", "long", "full")),
        day_first_numbers=not _month_first(main, "short"),
        relative=_relative_weekdays(found),
        list_separators=_list_separators(main),
    )


def _list_separators(locale: Locale) -> tuple[frozenset[str], frozenset[str]]:
    """The text between the items of CLDR's standard list patterns, folded and lower-cased."""
    patterns = locale.list_patterns.get("standard", {})

    def between(key: str) -> str:
        pattern = patterns.get(key, "")
        return fold(pattern.partition("{0}")[2].partition("{1}")[0]).text.lower()

    every = {between(key) for key in ("start", "middle", "end", "2")} - {""}
    last = {between(key) for key in ("end", "2")} - {""}
    return frozenset(every), frozenset(last)


def _pattern_fields(locale: Locale, width: str) -> Iterable[tuple[str, object]]:
    return tokenize_pattern(locale.date_formats[width].pattern)


def _literals(locale: Locale) -> set[str]:
    words: set[str] = set()
    for width in ("medium", "long", "full"):
        for kind, value in _pattern_fields(locale, width):
            if kind == "chars" and isinstance(value, str):
                words.update(w for w in fold_name(value).split() if w.rstrip(".").isalpha())
    return {w.rstrip(".") for w in words}


def _month_first(locale: Locale, width: str) -> bool:
    order = [value[0] for kind, value in _pattern_fields(locale, width) if kind == "field"]  # type: ignore[index]
    return "M" in order and "d" in order and order.index("M") < order.index("d")


def _relative_weekdays(found: list[Locale]) -> dict[str, tuple[int, int]]:
    """CLDR's relative weekday fields that need no number ("الخميس القادم", next Thursday)."""
    phrases: dict[str, tuple[int, int]] = {}
    for locale in found:
        # Babel reads these fields (for format_timedelta) but has no public accessor for them.
        fields = locale._data["date_fields"]
        for number, key in enumerate(WEEKDAY_FIELDS):
            for direction, sign in (("future", 1), ("past", -1)):
                forms = fields.get(key, {}).get(direction, {})
                for plural, count in (("one", 1), ("two", 2)):
                    phrase = forms.get(plural, "")
                    if phrase and "{0}" not in phrase:
                        phrases.setdefault(fold_name(phrase), (number, sign * count))
    return phrases


def weekday_names(lang: str) -> Iterable[tuple[int, str]]:
    """The wide weekday names of ``lang``'s own locale, Monday = 0."""
    found = locales(lang)[:1]
    return chain.from_iterable(get_day_names("wide", "format", main).items() for main in found)

"""Babel formatting bound to one locale, and its gettext catalog: what templates call as filters."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from .locales import babel_locale, direction, fallback_chain
from .model import Entity

DOMAIN = "messages"


def catalog_path(templates_dir: Path, tag: str) -> Path:
    """Where the ``.po`` catalog of a locale lives."""
    return templates_dir / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(templates_dir: Path, tag: str) -> NullTranslations:
    """The locale's catalog compiled in memory; an empty one when the locale has none yet."""
    path = catalog_path(templates_dir, tag)
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=babel_locale(tag), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class L10n:
    """Formatting for one page locale: dates, numbers, lists and localised names."""

    def __init__(self, tag: str, default: str, translations: NullTranslations) -> None:
        self.tag = tag
        self.locale = babel_locale(tag)
        self.dir = direction(tag)
        self.chain = fallback_chain(tag, default)
        self.translations = translations
        #: Formatted days by (day, form or skeleton): a site names the same days many times.
        self._dates: dict[tuple[dt.date, str], str] = {}
        #: Formatted periods and numbers: figures repeat theirs on many pages.
        self._ranges: dict[tuple[dt.date, dt.date], str] = {}
        self._numbers: dict[tuple[type, float], str] = {}

    def gettext(self, message: str) -> str:
        """The message in this locale."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form CLDR's rules choose for ``n``."""
        return self.translations.ngettext(singular, plural, n)

    def date(self, day: dt.date, form: str = "full") -> str:
        """'vendredi 30 septembre 2016', 'Friday, September 30, 2016'…"""
        key = (day, form)
        if key not in self._dates:
            self._dates[key] = format_date(day, form, locale=self.locale)
        return self._dates[key]

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """'23–30 septembre 2016' as CLDR writes an interval."""
        if start == end:
            return self.date(start, "long")
        key = (start, end)
        if key not in self._ranges:
            self._ranges[key] = format_interval(start, end, "yMMMd", locale=self.locale)
        return self._ranges[key]

    def month(self, year: int, month: int) -> str:
        """'septembre 2016', 'September 2016', 'سبتمبر 2016'."""
        return self._skeleton("yMMMM", dt.date(year, month, 1))

    def short_month(self, day: dt.date, with_year: bool = False) -> str:
        """The month of ``day`` abbreviated, for an axis: 'sept.', 'Sep', 'sept. 2016'."""
        return self._skeleton("yMMM" if with_year else "MMM", day.replace(day=1))

    def year(self, year: int) -> str:
        """A year as CLDR writes it here."""
        return self._skeleton("y", dt.date(year, 1, 1))

    def _skeleton(self, skeleton: str, day: dt.date) -> str:
        key = (day, skeleton)
        if key not in self._dates:
            self._dates[key] = format_skeleton(skeleton, day, locale=self.locale)
        return self._dates[key]

    def heading(self, text: str) -> str:
        """The text with a capital first letter, as a heading starts: 'Septembre 2016'."""
        return text[:1].upper() + text[1:]

    def number(self, value: float) -> str:
        """'3 800', '3,800', '٣٬٨٠٠' as CLDR writes numbers here."""
        key = (type(value), value)  # 3 and 3.0 are equal keys, not the same text
        if key not in self._numbers:
            self._numbers[key] = format_decimal(value, locale=self.locale)
        return self._numbers[key]

    def coordinates(self, latitude: float, longitude: float) -> str:
        """'36,20° N, 37,13° E': two decimals in this locale, each hemisphere named.

        A bare pair ('36,2021, 37,1343') reads ambiguously where the comma is the decimal sign.
        """
        lat = {"degrees": format_decimal(abs(latitude), "0.00", locale=self.locale)}
        lon = {"degrees": format_decimal(abs(longitude), "0.00", locale=self.locale)}
        north = self.gettext("%(degrees)s° N")
        south = self.gettext("%(degrees)s° S")
        east = self.gettext("%(degrees)s° E")
        west = self.gettext("%(degrees)s° W")
        north_south = north if latitude >= 0 else south
        east_west = east if longitude >= 0 else west
        return self.gettext("%(latitude)s, %(longitude)s") % {
            "latitude": north_south % lat,
            "longitude": east_west % lon,
        }

    def join(self, items: Iterable[str]) -> str:
        """'MSF, l’OMS et l’OSDH'."""
        return format_list(list(items), locale=self.locale)

    def pick(self, texts: Mapping[str, str]) -> tuple[str, str]:
        """The text in the best language available: (text, its language)."""
        for lang in self.chain:
            if lang in texts:
                return texts[lang], lang
        for lang in sorted(texts):
            return texts[lang], lang
        return "", self.tag

    def name(self, entity: Entity) -> tuple[str, str]:
        """An actor's or place's name in this locale, with the language it is written in."""
        text, lang = self.pick(entity.name)
        return (text or entity.id), lang

    def language_name(self, tag: str) -> str:
        """A language's name in this locale ('anglais', 'English', 'الإنجليزية')."""
        name = babel_locale(tag).get_display_name(self.locale) or tag
        return name

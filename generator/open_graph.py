"""Open Graph properties of a page, as ``(property, content)`` pairs the theme prints escaped.

The title, description, address and site name come from what every page already has
(``overrides/partials/page-metadata.html``); these are the properties that depend on the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.core import get_global, parse_locale

from .locales import babel_locale
from .model import Briefing
from .structured_data import iso_modified, iso_published

Property = tuple[str, str]


def og_locale(tag: str) -> str:
    """Open Graph's ``language_TERRITORY``: ``fr`` → ``fr_FR``, by CLDR's likeliest territory."""
    locale = babel_locale(tag)
    territory = locale.territory
    if territory is None:
        likely = get_global("likely_subtags").get(locale.language)
        territory = parse_locale(likely)[1] if likely else None
    return f"{locale.language}_{territory}" if territory else locale.language


def locale_properties(lang: str, others: Iterable[str]) -> list[Property]:
    """``og:locale`` and one ``og:locale:alternate`` per other language the page exists in."""
    found = [("og:locale", og_locale(lang))]
    found += [("og:locale:alternate", og_locale(o)) for o in dict.fromkeys(others) if o != lang]
    return found


def article_properties(
    briefing: Briefing, versions: Iterable[Briefing], tags: Iterable[str]
) -> list[Property]:
    """An ``article``: its language and translations, its dates, a tag per entity and topic."""
    return [
        ("og:type", "article"),
        *locale_properties(briefing.lang, (v.lang for v in versions)),
        ("article:published_time", iso_published(briefing)),
        ("article:modified_time", iso_modified(briefing)),
        *(("article:tag", tag) for tag in dict.fromkeys(tags)),
    ]


def entity_properties(entity_kind: str, lang: str, locales: Iterable[str]) -> list[Property]:
    """A person's page is a ``profile``; any other actor's or place's page a ``website``."""
    kind = "profile" if entity_kind == "person" else "website"
    return [("og:type", kind), *locale_properties(lang, locales)]

"""A place's locator map in one locale: the place, its parent and its siblings, as a figure."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from .charts import MapMarker, TextAlternative, locator_map
from .index import SiteIndex
from .l10n import L10n
from .locales import direction
from .model import Place
from .paths import place_path, url_relative

#: Siblings shown at most, the nearest first: a country among a hundred stays readable.
MAX_SIBLINGS = 8


def neighbours(index: SiteIndex, place_id: str) -> list[tuple[Place, str]]:
    """The places drawn with ``place_id``: itself, its parent, its nearest siblings (with a role).

    Places without coordinates are left out; so is everything when the place has none.
    """
    places = index.linked.content.registry.places
    place = places[place_id]
    if place.coordinates is None:
        return []
    here = place.coordinates
    found: list[tuple[Place, str]] = [(place, "here")]
    if place.within and places[place.within].coordinates is not None:
        found.append((places[place.within], "parent"))
    siblings = [
        other
        for other in places.values()
        if other.within == place.within and other.id != place_id and other.coordinates
    ]
    siblings.sort(key=lambda other: (_distance(here, other.coordinates), other.id))  # type: ignore[arg-type]
    found.extend((other, "near") for other in siblings[:MAX_SIBLINGS])
    return found


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in radians (haversine): only its order matters here."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def place_map(index: SiteIndex, l10n: L10n, place_id: str, here: str) -> Markup:
    """The map figure with a caption linking every place on it; empty with fewer than two."""
    shown = neighbours(index, place_id)
    if len(shown) < 2:
        return Markup("")
    markers = []
    names = []
    links = []
    for place, role in shown:
        name, lang = l10n.name(place)
        href = url_relative(place_path(place.id), here)
        assert place.coordinates is not None
        lat, lon = place.coordinates
        rtl = direction(lang) == "rtl"
        shown_lang = "" if lang == l10n.tag else lang
        markers.append(MapMarker(lat, lon, name, href, role, rtl, shown_lang))  # type: ignore[arg-type]
        names.append(name)
        lang_attr = f' lang="{lang}"' if lang != l10n.tag else ""
        links.append(Markup('<a href="{}"{}>{}</a>').format(href, Markup(lang_attr), name))
    gettext = l10n.gettext
    title = gettext("Map: %(place)s") % {"place": names[0]}
    on_map = gettext("On the map: %(places)s")
    description = gettext("On the map: %(places)s. North is up.") % {"places": l10n.join(names)}
    svg = locator_map(markers, TextAlternative(title, description), ident=f"map-{place_id}")
    caption = Markup(escape(on_map)).replace(
        "%(places)s", Markup(l10n.join(str(link) for link in links))
    )
    return Markup(
        f'<figure class="bm-figure bm-figure-map">{svg}<figcaption>{caption}</figcaption></figure>'
    )

"""The demo site's dates, timeline, maps and home page: pages in every locale, SVG intact."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .sitecheck import links_of, resolve

LOCALES = ("fr", "en", "ar")
SVG = "{http://www.w3.org/2000/svg}"


def page(site: Path, locale: str, path: str) -> str:
    return (site / locale / path).read_text(encoding="utf-8")


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed as XML: it must have come through Markdown whole."""
    found = re.findall(r'<svg\b[^>]*class="bm-.*?</svg>', html, re.DOTALL)
    return [ET.fromstring(svg) for svg in found]


def hrefs(html: str) -> list[str]:
    return [link for _, attr, link in links_of(html) if attr == "href"]


@pytest.mark.parametrize("locale", LOCALES)
def test_month_year_and_timeline_pages_exist_in_every_locale(demo_site: Path, locale: str) -> None:
    for path in (
        "dates/2016/09/index.html",
        "dates/2015/09/index.html",
        "dates/2016/index.html",
        "dates/2015/index.html",
        "timeline/index.html",
    ):
        assert (demo_site / locale / path).is_file(), path


@pytest.mark.parametrize("locale", LOCALES)
def test_dates_link_down_from_year_to_month_to_day_and_back_up(
    demo_site: Path, locale: str
) -> None:
    dates = hrefs(page(demo_site, locale, "dates/index.html"))
    assert "2016/" in dates and "2016/09/" in dates and "2015/09/" in dates
    year = hrefs(page(demo_site, locale, "dates/2016/index.html"))
    assert "09/" in year and "09/30/" in year and "../2015/" in year  # previous year
    month = hrefs(page(demo_site, locale, "dates/2016/09/index.html"))
    assert {"09/", "29/", "30/"} <= set(month) and "../" in month
    day = hrefs(page(demo_site, locale, "dates/2016/09/30/index.html"))
    assert "../" in day and "../../" in day  # its month and its year
    assert "../29/" in day  # the previous day with content


def test_month_page_counts_its_days(demo_site: Path) -> None:
    html = page(demo_site, "en", "dates/2016/09/index.html")
    assert "<h1" in html and "September 2016</h1>" in html
    assert "Friday, September 30, 2016</a> · 4 briefings published, 4 events, and 11 mentions" in (
        html.replace("\u202f", " ")
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_timeline_chart_links_each_day_with_content(demo_site: Path, locale: str) -> None:
    html = page(demo_site, locale, "timeline/index.html")
    charts = svgs(html)
    assert len(charts) == 2  # 2016, then 2015
    links = [a.get("href", "") for a in charts[0].iter(f"{SVG}a")]
    assert sorted(links) == [
        "../dates/2016/09/09/",
        "../dates/2016/09/29/",
        "../dates/2016/09/30/",
    ]
    for link in links:
        target = resolve(demo_site, demo_site / locale / "timeline/index.html", link)
        assert target is not None and target.is_file(), link
    assert charts[0].get("role") == "group"
    title = charts[0].find(f"{SVG}title")
    assert title is not None and title.text and "2016" in title.text
    # The table says the same in text: one row per day, each day a link.
    table = html[html.index("<table") : html.index("</table>")]
    assert table.count("../dates/2016/09/") == 3


def test_timeline_axis_and_labels_are_localised(demo_site: Path) -> None:
    fr = svgs(page(demo_site, "fr", "timeline/index.html"))[0]
    ar = svgs(page(demo_site, "ar", "timeline/index.html"))[0]
    assert "sept." in [t.text for t in fr.iter(f"{SVG}text")]
    assert "سبتمبر" in [t.text for t in ar.iter(f"{SVG}text")]
    tooltips = [t.text or "" for t in fr.iter(f"{SVG}title")]
    assert any(t.startswith("vendredi 30 septembre 2016 : 4 points de situation") for t in tooltips)


@pytest.mark.parametrize("locale", LOCALES)
def test_navigation_has_the_timeline(demo_site: Path, locale: str) -> None:
    html = page(demo_site, locale, "actors/who/index.html")
    nav = html[html.index("md-nav--primary") :]
    nav = nav[: nav.index("</nav>")]
    assert re.search(r'href="[./]*timeline/"', nav)


@pytest.mark.parametrize(
    ("locale", "names"),
    [("fr", ["Alep", "Syrie", "Damas"]), ("ar", ["حلب", "سوريا", "دمشق"])],
)
def test_city_page_maps_its_parent_and_siblings(
    demo_site: Path, locale: str, names: list[str]
) -> None:
    html = page(demo_site, locale, "places/aleppo/index.html")
    maps = [svg for svg in svgs(html) if svg.get("class") == "bm-map"]
    assert len(maps) == 1
    labels = [t.text for t in maps[0].iter(f"{SVG}text")]
    assert sorted(labels) == sorted(names)
    links = {a.get("href") for a in maps[0].iter(f"{SVG}a")}
    assert links == {"./", "../syria/", "../damascus/"}
    assert maps[0].get("role") == "group" and maps[0].find(f"{SVG}desc") is not None


def test_place_and_actor_pages_have_their_own_timeline(demo_site: Path) -> None:
    handarat = page(demo_site, "en", "places/handarat/index.html")
    (chart,) = [svg for svg in svgs(handarat) if svg.get("class") == "bm-weeks"]
    assert {a.get("href") for a in chart.iter(f"{SVG}a")} == {
        "../../dates/2016/09/29/",
        "../../dates/2016/09/30/",
    }
    actor = page(demo_site, "fr", "actors/russian-air-force/index.html")
    assert any(svg.get("class") == "bm-weeks" for svg in svgs(actor))
    assert "../../dates/2015/09/30/" in hrefs(actor)


@pytest.mark.parametrize("locale", LOCALES)
def test_home_page_shows_recent_weeks_and_most_mentioned(demo_site: Path, locale: str) -> None:
    html = page(demo_site, locale, "index.html")
    (strip,) = svgs(html)
    assert {a.get("href") for a in strip.iter(f"{SVG}a")} >= {"dates/2016/09/30/"}
    assert "timeline/" in hrefs(html)
    heading = {
        "fr": "Les plus cités en septembre 2016",
        "en": "Most mentioned in September 2016",
        "ar": "الأكثر ذكرًا في سبتمبر 2016",
    }[locale]
    assert heading in html
    section = html[html.index(heading) :]
    actors = re.findall(r'href="actors/([a-z0-9-]+)/"', section)
    places = re.findall(r'href="places/([a-z0-9-]+)/"', section)
    assert len(actors) == 5 and actors[0] == "russian-government"
    assert len(places) == 5 and places[0] == "syria"

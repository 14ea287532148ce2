"""End to end: the demo content builds into a three-locale site whose every link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .sitecheck import broken_links, links_of

LOCALES = ("fr", "en", "ar")
ROOT = Path(__file__).resolve().parent.parent
OFFENSIVE = "briefings/2016/09/30/2016-09-30-alep-offensive/index.html"


def page(site: Path, locale: str, path: str) -> str:
    return (site / locale / path).read_text(encoding="utf-8")


def test_every_internal_link_resolves(demo_site: Path) -> None:
    assert broken_links(demo_site) == []


def test_root_page_leads_to_each_language(demo_site: Path) -> None:
    hrefs = {
        link for _, attr, link in links_of((demo_site / "index.html").read_text()) if attr == "href"
    }
    assert {"fr/", "en/", "ar/"} <= hrefs


@pytest.mark.parametrize("locale", LOCALES)
def test_every_actor_and_place_has_its_page(demo_site: Path, locale: str) -> None:
    for kind in ("actors", "places"):
        ids = sorted(p.stem for p in (ROOT / "content" / kind).glob("*.yml"))
        assert ids, kind
        for entity_id in ids:
            assert (demo_site / locale / kind / entity_id / "index.html").is_file(), (
                kind,
                entity_id,
            )


@pytest.mark.parametrize("locale", LOCALES)
def test_every_briefing_has_its_page_in_every_locale(demo_site: Path, locale: str) -> None:
    slugs = {p.name.split(".")[0] for p in (ROOT / "content" / "briefings").glob("*.md")}
    assert len(slugs) >= 4
    for slug in slugs:
        yyyy, mm, dd = slug[:4], slug[5:7], slug[8:10]
        assert (demo_site / locale / "briefings" / yyyy / mm / dd / slug / "index.html").is_file()


@pytest.mark.parametrize("locale", LOCALES)
def test_briefing_links_to_its_actors_places_and_days(demo_site: Path, locale: str) -> None:
    html = page(demo_site, locale, OFFENSIVE)
    hrefs = [link for _, attr, link in links_of(html) if attr == "href"]
    assert any(h.endswith("/actors/sohr/") for h in hrefs)
    assert any(h.endswith("/places/aleppo/") for h in hrefs)
    assert any(h.endswith("/places/handarat/") for h in hrefs)
    assert any(h.endswith("/dates/2016/09/29/") for h in hrefs)
    assert any(h.endswith("/dates/2016/09/30/") for h in hrefs)


def test_body_mentions_are_linked_in_the_text(demo_site: Path) -> None:
    html = page(demo_site, "fr", OFFENSIVE)
    body = html[html.index('class="briefing-body"') :]
    body = body[: body.index("</div>")]
    # "jeudi" in a Friday's briefing is the day before; the OSDH acronym links to its actor.
    assert re.search(r'<a href="[./]*dates/2016/09/29/">jeudi</a>', body, re.IGNORECASE)
    assert re.search(r'<a href="[./]*actors/sohr/">', body)


def test_actor_page_lists_the_briefings_that_mention_it(demo_site: Path) -> None:
    html = page(demo_site, "en", "actors/sohr/index.html")
    assert "2016-09-30-alep-offensive/" in html
    assert "2016-09-30-bilan-humanitaire/" in html


def test_place_page_rolls_up_places_within(demo_site: Path) -> None:
    html = page(demo_site, "fr", "places/syria/index.html")
    assert "2016-09-30-alep-offensive/" in html  # about Aleppo, which lies within Syria


def test_date_page_lists_events_and_publications(demo_site: Path) -> None:
    html = page(demo_site, "en", "dates/2016/09/29/index.html")
    assert "Handarat" in html
    published = page(demo_site, "en", "dates/2016/09/30/index.html")
    assert "2016-09-30-russia-intervention-anniversary/" in published


def test_arabic_site_is_right_to_left(demo_site: Path) -> None:
    html = page(demo_site, "ar", "index.html")
    assert re.search(r'<html[^>]*\blang="ar"', html)
    assert re.search(r'<body[^>]*\bdir="rtl"', html)
    assert re.search(r'<body[^>]*\bdir="ltr"', page(demo_site, "fr", "index.html"))


@pytest.mark.parametrize("locale", LOCALES)
def test_language_selector_leads_to_the_same_page(demo_site: Path, locale: str) -> None:
    html = page(demo_site, locale, OFFENSIVE)
    selector = html[html.index('class="md-select__list"') :]
    selector = selector[: selector.index("</ul>")]
    hrefs = re.findall(r'href="([^"]+)"', selector)
    assert len(hrefs) == 3
    for href in hrefs:
        target = (demo_site / locale / OFFENSIVE).parent / href / "index.html"
        assert target.resolve().is_file(), href
        assert target.resolve().parent.name == "2016-09-30-alep-offensive"


def test_navigation_lists_sections_not_every_page(demo_site: Path) -> None:
    html = page(demo_site, "fr", "actors/who/index.html")
    nav = html[html.index("md-nav--primary") :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count("md-nav__link") < 15
    assert "2016-09-30-alep-offensive" not in nav


def alternates(html: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    return dict(found)


def test_briefing_pages_list_reciprocal_hreflang_alternates(demo_site: Path) -> None:
    expected = {
        "fr": f"https://example.org/fr/{OFFENSIVE[: -len('index.html')]}",
        "en": f"https://example.org/en/{OFFENSIVE[: -len('index.html')]}",
        "x-default": f"https://example.org/fr/{OFFENSIVE[: -len('index.html')]}",
    }
    for locale in LOCALES:
        assert alternates(page(demo_site, locale, OFFENSIVE)) == expected, locale
    # A story written only in English: its one language, and itself as the default.
    anniversary = "briefings/2016/09/30/2016-09-30-russia-intervention-anniversary/index.html"
    assert alternates(page(demo_site, "fr", anniversary)) == {
        "en": "https://example.org/en/" + anniversary[: -len("index.html")],
        "x-default": "https://example.org/en/" + anniversary[: -len("index.html")],
    }


def test_nothing_is_loaded_from_third_party_hosts(demo_site: Path) -> None:
    for html_file in sorted(demo_site.rglob("*.html")):
        for tag, attr, link in links_of(html_file.read_text(encoding="utf-8")):
            external = link.startswith(("http:", "https:", "//"))
            if external and (attr == "src" or tag == "link"):
                assert tag == "link" and "example.org/" in link, (html_file, tag, link)

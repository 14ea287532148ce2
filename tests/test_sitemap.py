"""Sitemaps: every page of every locale, its hreflang alternates, dates from the content only."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .published import SUBPATH_URL, file_for

DEMO_URL = "https://example.org/"
LOCALES = ("fr", "en", "ar")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BRIEFINGS = "briefings/2016/09/30/"


def entries(site: Path, locale: str) -> dict[str, ET.Element]:
    """Each <url> of a locale's sitemap by its <loc>."""
    root = ET.parse(site / locale / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    found = {url.findtext("s:loc", namespaces=NS) or "": url for url in root.findall("s:url", NS)}
    assert len(found) == len(root.findall("s:url", NS))
    return found


def alternates(url: ET.Element) -> dict[str, str]:
    links = url.findall("x:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang") or "": link.get("href") or "" for link in links}


def test_root_sitemap_indexes_each_locale(demo_site: Path) -> None:
    root = ET.parse(demo_site / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    locs = [s.findtext("s:loc", namespaces=NS) for s in root.findall("s:sitemap", NS)]
    assert locs == [f"{DEMO_URL}{locale}/sitemap.xml" for locale in LOCALES]
    assert [s.findtext("s:lastmod", namespaces=NS) for s in root] == ["2016-09-30"] * 3


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_and_only_pages_are_listed(demo_site: Path, locale: str) -> None:
    listed = {file_for(demo_site, DEMO_URL, loc) for loc in entries(demo_site, locale)}
    built = set((demo_site / locale).rglob("*.html")) - {demo_site / locale / "404.html"}
    assert len(built) > 40
    assert listed == built


@pytest.mark.parametrize("locale", LOCALES)
def test_alternates_match_the_languages_a_page_is_written_in(demo_site: Path, locale: str) -> None:
    urls = entries(demo_site, locale)
    story = f"{DEMO_URL}{locale}/{BRIEFINGS}"
    expected = {
        "2016-09-30-alep-offensive": ("fr", "en"),
        "2016-09-30-bilan-humanitaire": ("fr", "ar"),
        "2016-09-30-russia-intervention-anniversary": ("en",),
    }
    for slug, langs in expected.items():
        found = alternates(urls[f"{story}{slug}/"])
        assert found == {
            **{lang: f"{DEMO_URL}{lang}/{BRIEFINGS}{slug}/" for lang in langs},
            "x-default": f"{DEMO_URL}{langs[0]}/{BRIEFINGS}{slug}/",
        }
    assert alternates(urls[f"{DEMO_URL}{locale}/actors/who/"]) == {
        **{lang: f"{DEMO_URL}{lang}/actors/who/" for lang in LOCALES},
        "x-default": f"{DEMO_URL}fr/actors/who/",
    }
    for url in urls.values():
        for href in alternates(url).values():
            assert file_for(demo_site, DEMO_URL, href).is_file(), href


def test_lastmod_is_the_content_date(demo_site: Path, subpath_site: Path) -> None:
    demo = {
        loc: url.findtext("s:lastmod", namespaces=NS)
        for loc, url in entries(demo_site, "en").items()
    }
    assert set(demo.values()) - {None} == {"2016-09-30"}
    assert all(demo[loc] for loc in demo if "/briefings/2016/" in loc or "/actors/" in loc)
    assert demo[f"{DEMO_URL}en/places/moscow/"] is None  # no story names it: no date to give
    urls = entries(subpath_site, "en")
    lastmod = {loc: url.findtext("s:lastmod", namespaces=NS) for loc, url in urls.items()}
    base = f"{SUBPATH_URL}en/"
    assert lastmod[f"{base}briefings/2016/10/01/2016-10-01-hostile/"] == "2016-10-02"
    assert lastmod[f"{base}{BRIEFINGS}2016-09-30-alep-offensive/"] == "2016-09-30"
    assert lastmod[f"{base}actors/who/"] == "2016-10-02"  # named by the newest story
    assert lastmod[f"{base}actors/msf/"] == "2016-09-30"
    assert lastmod[f"{base}places/aleppo/"] == "2016-10-02"  # holds the place 'nowhere'
    assert lastmod[f"{base}places/handarat/"] == "2016-09-30"
    assert lastmod[base] == "2016-10-02"


@pytest.mark.parametrize("locale", LOCALES)
def test_gzip_copy_is_the_same_and_reproducible(demo_site: Path, locale: str) -> None:
    packed = (demo_site / locale / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (demo_site / locale / "sitemap.xml").read_bytes()
    assert packed[4:8] == b"\0\0\0\0"  # no modification time in the header
    assert packed[3] & 0x08 == 0  # and no file name


def test_nothing_comes_from_the_build_day(demo_site: Path) -> None:
    today = dt.date.today().isoformat()
    for path in [demo_site / "sitemap.xml", *demo_site.glob("*/sitemap.xml")]:
        assert today not in path.read_text(encoding="utf-8")


def test_subpath_site_lists_addresses_under_its_path(subpath_site: Path) -> None:
    root = ET.parse(subpath_site / "sitemap.xml").getroot()
    locs = [s.findtext("s:loc", namespaces=NS) or "" for s in root]
    assert locs == [f"{SUBPATH_URL}{locale}/sitemap.xml" for locale in LOCALES]
    for locale in LOCALES:
        for loc, url in entries(subpath_site, locale).items():
            assert loc.startswith(f"{SUBPATH_URL}{locale}/")
            assert file_for(subpath_site, SUBPATH_URL, loc).is_file(), loc
            for href in alternates(url).values():
                assert file_for(subpath_site, SUBPATH_URL, href).is_file(), href


def test_hostile_text_never_reaches_a_sitemap(subpath_site: Path) -> None:
    for path in [subpath_site / "sitemap.xml", *subpath_site.glob("*/sitemap.xml")]:
        text = path.read_text(encoding="utf-8")
        assert "script" not in text and "javascript" not in text


def test_no_sitemap_without_an_absolute_address(addressless_site: Path) -> None:
    assert sorted(addressless_site.rglob("sitemap*")) == []

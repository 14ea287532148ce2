"""Atom feeds per locale: read back with a real feed parser, every link resolved on disk."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator.feeds import atom_feed
from generator.index import build_index
from generator.locales import load_config
from generator.pipeline import check, localisers

from .published import (
    ROOT,
    SCRIPT,
    SUBPATH_URL,
    file_for,
    front_matter,
    relative_file,
)
from .sitecheck import html_files, resolve

DEMO_URL = "https://example.org/"
OFFENSIVE = "2016-09-30-alep-offensive"
BILAN = "2016-09-30-bilan-humanitaire"
RUSSIA = "2016-09-30-russia-intervention-anniversary"
RUPTURE = "2016-09-30-washington-moscou-rupture"
#: The language of the version each locale's reader gets: theirs, else French (the default),
#: else the only one there is.
SHOWN = {
    "fr": {OFFENSIVE: "fr", BILAN: "fr", RUSSIA: "en", RUPTURE: "fr"},
    "en": {OFFENSIVE: "en", BILAN: "fr", RUSSIA: "en", RUPTURE: "fr"},
    "ar": {OFFENSIVE: "fr", BILAN: "ar", RUSSIA: "en", RUPTURE: "fr"},
}
SUBTITLES = {
    "fr": "Les derniers points de situation, chacun dans votre langue lorsqu’une traduction existe",
    "en": "The latest briefings, each in your language where a translation exists",
    "ar": "أحدث الإحاطات، كلٌّ منها بلغتك متى توفرت ترجمة",
}
SITE_NAMES = {"fr": "Syrie, points de situation", "en": "Syria briefings", "ar": "سوريا، إحاطات"}


def parse(site: Path, locale: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / locale / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def slug_of(address: str) -> str:
    return address.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("locale", SHOWN)
def test_feed_lists_the_version_each_reader_gets(demo_site: Path, locale: str) -> None:
    feed = parse(demo_site, locale)
    assert feed.feed.language == locale
    assert feed.feed.title == SITE_NAMES[locale]
    assert feed.feed.subtitle == SUBTITLES[locale]
    shown = {slug_of(entry.link): entry for entry in feed.entries}
    assert set(shown) == set(SHOWN[locale])
    assert len(feed.entries) == len(shown)
    for slug, lang in SHOWN[locale].items():
        entry = shown[slug]
        matter = front_matter(slug, lang)
        assert entry.title == matter["title"]
        assert entry.summary == matter["summary"]
        assert entry.title_detail.language == lang
        assert entry.link == f"{DEMO_URL}{locale}/briefings/2016/09/30/{slug}/"
        assert entry.id == f"{DEMO_URL}{lang}/briefings/2016/09/30/{slug}/"


def test_entry_marks_its_language_only_when_it_differs(demo_site: Path) -> None:
    root = ET.fromstring((demo_site / "en" / "feed.xml").read_bytes())
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(lang) == "en"
    marked = {
        slug_of(entry.findtext("{http://www.w3.org/2005/Atom}id") or ""): entry.get(lang)
        for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
    }
    assert marked == {OFFENSIVE: None, BILAN: "fr", RUSSIA: None, RUPTURE: "fr"}


@pytest.mark.parametrize("locale", SHOWN)
def test_every_feed_link_leads_to_a_built_page(demo_site: Path, locale: str) -> None:
    feed = parse(demo_site, locale)
    assert feed.feed.links[0].href == f"{DEMO_URL}{locale}/feed.xml"
    targets = [link.href for link in feed.feed.links]
    targets += [link.href for entry in feed.entries for link in entry.links]
    assert len(targets) > len(feed.entries)
    for address in targets:
        assert file_for(demo_site, DEMO_URL, address).is_file(), address


def test_each_entry_links_to_the_page_in_the_feed_locale_only(demo_site: Path) -> None:
    entry = next(e for e in parse(demo_site, "ar").entries if slug_of(e.link) == OFFENSIVE)
    assert [(link.rel, link.hreflang, link.href) for link in entry.links] == [
        ("alternate", "fr", f"{DEMO_URL}ar/briefings/2016/09/30/{OFFENSIVE}/"),
    ]


def test_dates_come_from_the_content_not_the_build(demo_site: Path) -> None:
    feed = parse(demo_site, "fr")
    assert feed.feed.updated == "2016-09-30T00:00:00+00:00"
    for entry in feed.entries:
        assert entry.published_parsed[:3] == (2016, 9, 30)
        assert entry.updated_parsed[:3] == (2016, 9, 30)
    assert dt.date.today().isoformat() not in (demo_site / "fr" / "feed.xml").read_text()


def test_published_moment_and_update_day_are_kept(subpath_site: Path) -> None:
    feed = parse(subpath_site, "en")
    hostile = next(e for e in feed.entries if slug_of(e.link) == "2016-10-01-hostile")
    assert hostile.published == "2016-10-01T09:30:00+03:00"
    assert hostile.updated == "2016-10-02T00:00:00+00:00"
    assert feed.feed.updated == "2016-10-02T00:00:00+00:00"
    assert feed.entries[0] is hostile  # newest first


def test_entries_are_categorised_by_actor_and_place(demo_site: Path) -> None:
    entry = next(e for e in parse(demo_site, "en").entries if slug_of(e.link) == BILAN)
    tags = {(tag.term, tag.scheme, tag.label) for tag in entry.tags}
    assert ("who", f"{DEMO_URL}en/actors/", "World Health Organization") in tags
    assert ("aleppo", f"{DEMO_URL}en/places/", "Aleppo") in tags


@pytest.mark.parametrize("locale", SHOWN)
def test_every_page_announces_its_locale_feed(demo_site: Path, locale: str) -> None:
    feed_link = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"')
    pages = list(html_files(demo_site / locale))
    assert len(pages) > 20
    for page in pages:
        found = feed_link.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page
        target = resolve(demo_site, page, found[0])
        assert target is not None and target.resolve() == (demo_site / locale / "feed.xml")


def test_hostile_text_stays_text(subpath_site: Path) -> None:
    for locale in SHOWN:
        raw = (subpath_site / locale / "feed.xml").read_bytes()
        assert b"<script" not in raw and b"<img" not in raw
        hrefs = [e.get("href") or "" for e in ET.fromstring(raw).iter() if e.get("href")]
        assert hrefs and all(href.startswith(SUBPATH_URL) for href in hrefs)
    hostile = next(
        e for e in parse(subpath_site, "fr").entries if slug_of(e.link) == "2016-10-01-hostile"
    )
    assert hostile.title == f'{SCRIPT} & "quoted" \u202etitle'
    assert hostile.summary == "javascript:alert(1) <img src=x onerror=alert(1)> ]]> &amp;"
    assert (f'{SCRIPT} & "Mallory"') in {tag.label for tag in hostile.tags}


def test_subpath_site_links_stay_under_its_address(subpath_site: Path) -> None:
    feed = parse(subpath_site, "ar")
    assert feed.feed.links[0].href == f"{SUBPATH_URL}ar/feed.xml"
    for entry in feed.entries:
        assert entry.id.startswith(SUBPATH_URL)
        for link in entry.links:
            assert file_for(subpath_site, SUBPATH_URL, link.href).is_file(), link.href


def test_without_site_url_links_are_relative_and_ids_stable(addressless_site: Path) -> None:
    feed = parse(addressless_site, "en")
    assert feed.feed.links[0].href == "feed.xml"
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:")
        for link in entry.links:
            assert relative_file(addressless_site, "en/", link.href).is_file(), link.href
    ids = {slug_of(e.link): e.id for e in feed.entries}
    fr_ids = {slug_of(e.link): e.id for e in parse(addressless_site, "fr").entries}
    assert ids[BILAN] == fr_ids[BILAN]  # the same French version, the same id
    assert ids[OFFENSIVE] != fr_ids[OFFENSIVE]  # two versions, two ids


def test_feed_keeps_the_newest_stories_only() -> None:
    config = load_config(ROOT / "mkdocs.yml")
    index = build_index(check(config).linked)
    l10n = localisers(config)["fr"]
    entries = feedparser.parse(atom_feed(config, index, l10n, size=2)).entries
    assert [slug_of(e.link) for e in entries] == list(index.slugs[:2])


def test_characters_xml_cannot_carry_are_dropped_not_written() -> None:
    from generator.xmltext import xml_text

    assert xml_text("a\x00b\x0bc\ufffed\u202ee\U0001f600") == "abcd\u202ee\U0001f600"

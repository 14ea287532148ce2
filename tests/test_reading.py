"""Reading the demo site in French and in Arabic: foreign text isolated and ordered, Arabic plural
forms, unambiguous coordinates, no English left in the theme, a table of contents without the
briefing panel's groups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.l10n import L10n, catalog_path, load_translations
from generator.locales import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "mkdocs.yml")
FRENCH_ONLY = "briefings/2016/09/30/2016-09-30-washington-moscou-rupture/"
OFFENSIVE = "briefings/2016/09/30/2016-09-30-alep-offensive/"
#: Arabic's accusative ending (tanwin fath, with or without its alif): "يومًا", "حدثاً".
ACCUSATIVE = re.compile("\u064bا|ا\u064b|\u064b")


def article(site: Path, locale: str, url: str) -> str:
    html = (site / locale / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def l10n(tag: str) -> L10n:
    return L10n(tag, "fr", load_translations(CONFIG.templates_dir, tag))


def test_arabic_plural_forms_follow_cldr() -> None:
    # Babel's Plural-Forms for Arabic numbers the forms zero, one, two, few (3–10), then 100–102
    # ("other") before 11–99 ("many"): msgstr[4] takes the genitive, msgstr[5] the accusative.
    arabic = l10n("ar")
    assert arabic.ngettext("%(num)d day", "%(num)d days", 11) == "%(num)d يومًا"
    assert arabic.ngettext("%(num)d day", "%(num)d days", 100) == "%(num)d يوم"
    assert arabic.ngettext("%(num)d event", "%(num)d events", 11) == "%(num)d حدثًا"
    assert arabic.ngettext("%(num)d event", "%(num)d events", 103) == "%(num)d أحداث"
    with catalog_path(CONFIG.templates_dir, "ar").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    for message in catalog:
        if not isinstance(message.id, tuple):
            continue
        hundred, eleven = message.string[4], message.string[5]
        # 100 counts its noun in the genitive singular, 11 in the accusative singular: the
        # same words, with the accusative ending on the form for 11 only.
        assert "\u064b" not in hundred, message.id
        assert ACCUSATIVE.sub("", eleven) == hundred, message.id


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("fr", "36,20° N, 37,13° E"),
        ("en", "36.20° N, 37.13° E"),
        ("ar", "36.20° شمالًا، 37.13° شرقًا"),
    ],
)
def test_coordinates_name_their_hemisphere(tag: str, expected: str) -> None:
    assert l10n(tag).coordinates(36.2021, 37.1343) == expected


def test_coordinates_west_and_south() -> None:
    assert l10n("fr").coordinates(-33.9, -0.1278) == "33,90° S, 0,13° O"
    assert l10n("en").coordinates(51.5074, -0.1278) == "51.51° N, 0.13° W"


def test_place_page_shows_coordinates_unambiguously(demo_site: Path) -> None:
    assert "36,20° N, 37,13° E" in article(demo_site, "fr", "places/aleppo/")
    assert "36.20° شمالًا، 37.13° شرقًا" in article(demo_site, "ar", "places/aleppo/")


def test_french_events_on_an_arabic_page_have_lines_of_their_own(demo_site: Path) -> None:
    html = article(demo_site, "ar", FRENCH_ONLY)
    events = html[html.index("الأحداث</h2>") :]
    blocks = re.findall(
        r'<span class="text-block" dir="ltr" lang="fr">|<span class="text-block" lang="fr" dir="ltr">',
        events,
    )
    assert len(blocks) == 3
    # A day page lists each story's events once, from the version shown in Arabic (else the
    # first), each sentence on its own line and in its own direction.
    day = article(demo_site, "ar", "dates/2016/09/29/")
    happened = day[day.index("<h2") : day.index("</ul>")]
    assert happened.count("<li>") == 2
    assert "Government forces retake Handarat" not in happened  # the English repeat is gone
    assert happened.count('class="text-block"') == 2
    assert 'dir="ltr"' in happened
    mentions = day[day.index("</ul>") :]
    assert "On Thursday, they drove the insurgents out" not in mentions


def test_foreign_inline_text_is_isolated_in_its_direction(demo_site: Path) -> None:
    html = article(demo_site, "ar", FRENCH_ONLY)
    sources = html[html.index("المصادر</h2>") :]
    assert re.search(r'<bdi (dir="ltr" lang="fr"|lang="fr" dir="ltr")>Minist', sources)


def test_lists_mark_the_summary_of_a_briefing_in_another_language(demo_site: Path) -> None:
    home = article(demo_site, "ar", "")
    assert re.search(r'<p (dir="ltr" lang="fr"|lang="fr" dir="ltr")>Le cessez-le-feu prévu', home)
    # The line with the link, the date and the language stays an Arabic line.
    assert re.search(r"<p><a [^>]*>Syrie\s*(&nbsp;|\u00a0):", home)


def test_topics_are_translated(demo_site: Path) -> None:
    assert "frappes aériennes" in article(demo_site, "fr", OFFENSIVE)
    assert "غارات جوية" in article(demo_site, "ar", OFFENSIVE)
    assert ">airstrikes<" not in article(demo_site, "fr", OFFENSIVE)


def test_panel_groups_are_headings_but_not_in_the_table_of_contents(demo_site: Path) -> None:
    for locale in ("fr", "ar"):
        html = (demo_site / locale / OFFENSIVE / "index.html").read_text(encoding="utf-8")
        panel = html[html.index('id="in-this-briefing"') : html.index("</aside>")]
        assert len(re.findall(r"<h3[ >]", panel)) == 4  # actors, places, dates, topics
        toc = html[html.index('data-md-component="toc"') :]
        toc = toc[: toc.index("</nav>\n</div>") if "</nav>\n</div>" in toc else None]
        assert 'href="#in-this-briefing"' in toc
        for heading_id in re.findall(r'<h3 id="([^"]+)"', panel):
            assert f'href="#{heading_id}"' not in toc, heading_id


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_no_english_from_the_theme(demo_site: Path, locale: str) -> None:
    html = (demo_site / locale / "index.html").read_text(encoding="utf-8")
    for english in ('"Dark mode"', '"Light mode"', "Made with"):
        assert english not in html
    assert l10n(locale).gettext("Dark mode") in html

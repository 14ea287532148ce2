"""What a reader finds on briefing, actor and place pages, in each locale's words and numbers."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from babel.numbers import format_decimal

from generator.locales import load_config
from generator.pipeline import build

from .conftest import MakeProject
from .factories import SMALL_SITE, briefing
from .sitecheck import links_of, resolve

LOCALES = ("fr", "en", "ar")
OFFENSIVE = "briefings/2016/09/30/2016-09-30-alep-offensive/"
TOLL = "briefings/2016/09/30/2016-09-30-bilan-humanitaire/"


def read(site: Path, locale: str, url: str) -> str:
    return (site / locale / url / "index.html").read_text(encoding="utf-8")


def between(html: str, start: str, end: str) -> str:
    """The HTML from the first ``start`` to the next ``end``."""
    html = html[html.index(start) :]
    return html[: html.index(end)]


def section(html: str, heading: str) -> str:
    """An ``<h2>`` section of the article, up to the next ``<h2>`` or the end of the article."""
    html = html[html.index(f">{heading}</h2>") :]
    ends = [i for i in (html.find("<h2", 1), html.find("</article>")) if i > 0]
    return html[: min(ends)]


def items(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html, re.DOTALL)


def hrefs(html: str) -> list[str]:
    return [link for _, attr, link in links_of(html) if attr == "href"]


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# Briefing pages


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fr", "3\u202f800"), ("en", "3,800"), ("ar", format_decimal(3800, locale="ar"))],
)
def test_key_figures_are_written_as_the_locale_writes_numbers(
    demo_site: Path, locale: str, expected: str
) -> None:
    figures = between(read(demo_site, locale, TOLL), 'class="key-figures"', "</div>")
    card = next(i for i in items(figures) if "3800" in i or ">3" in i and "800<" in i)
    assert f'<span class="key-figure__value">{expected}</span>' in card
    assert [h for h in hrefs(card) if h.endswith("/actors/sohr/")], card  # who reported it
    period = between(card, 'class="key-figure__period"', "</span>")
    assert "2015" in period and "2016" in period
    assert len(items(figures)) == 5


def test_french_and_english_group_digits_differently(demo_site: Path) -> None:
    assert "20\u202f000" in read(demo_site, "fr", TOLL)
    assert "20,000" in read(demo_site, "en", TOLL)
    assert "20\u202f000" not in read(demo_site, "en", TOLL)


@pytest.mark.parametrize(
    ("locale", "published", "person"),
    [
        ("fr", "Publié le", "personne"),
        ("en", "Published", "person"),
        ("ar", "نُشرت في", "شخصية"),
    ],
)
def test_briefing_dates_and_panel_are_in_the_locale(
    demo_site: Path, locale: str, published: str, person: str
) -> None:
    html = read(demo_site, locale, OFFENSIVE)
    dates = between(html, 'class="briefing-dates"', "</p>")
    assert published in dates
    assert '<time datetime="2016-09-30">' in dates
    assert [h for h in hrefs(dates) if h.endswith("/dates/2016/09/30/")]
    panel = between(html, '<aside class="briefing-panel">', "</aside>")
    rami = next(i for i in items(panel) if "/actors/rami-abdel-rahman/" in i)
    assert f'<span class="entity-kind">{person}</span>' in rami
    assert any("/places/handarat/" in i for i in items(panel))
    assert any("/dates/2016/09/29/" in i for i in items(panel))


def test_events_link_their_day_places_and_actors(demo_site: Path) -> None:
    events = section(read(demo_site, "fr", OFFENSIVE), "Événements")
    first = items(events)[0]
    # The date labels the event's sentence, which has a line of its own.
    assert unescape(text(first)).startswith("29 septembre 2016\u00a0: Les forces gouvernementales")
    links = hrefs(first)
    for target in ("/dates/2016/09/29/", "/places/handarat/", "/actors/syrian-army/"):
        assert [h for h in links if h.endswith(target)], target


def test_sources_link_out_with_their_dates(demo_site: Path) -> None:
    sources = items(section(read(demo_site, "fr", OFFENSIVE), "Sources"))
    assert [hrefs(s) for s in sources] == [
        ["https://www.syriahr.com/"],
        ["https://www.msf.fr/"],
        ["https://www.who.int/"],
    ]
    assert all(text(s).endswith("· 30 septembre 2016") for s in sources)


def test_translations_link_every_version_and_mark_the_one_shown(demo_site: Path) -> None:
    page = demo_site / "ar" / OFFENSIVE / "index.html"
    translations = items(section(page.read_text(encoding="utf-8"), "الترجمات"))
    assert len(translations) == 2
    shown, other = translations
    assert "النسخة المعروضة" in shown and "النسخة المعروضة" not in other
    for item, lang in ((shown, "fr"), (other, "en")):
        (link,) = hrefs(item)
        assert link.endswith(f"/{lang}/{OFFENSIVE}")
        target = resolve(demo_site, page, link)
        assert target is not None and target.resolve().is_file()
        assert f'<bdi lang="{lang}" dir="ltr">' in item  # isolated, in its own direction


def test_updated_briefing_says_so(make_project: MakeProject) -> None:
    files = {
        **SMALL_SITE,
        "content/briefings/2016-09-30-alep.fr.md": briefing(
            "Alep sous les bombes", "fr", "Les combats d’Alep.\n", updated="2016-10-03"
        ),
    }
    project = make_project(files)
    build(load_config(project / "mkdocs.yml"))
    dates = between(
        read(project / "site", "fr", "briefings/2016/09/30/2016-09-30-alep/"),
        'class="briefing-dates"',
        "</p>",
    )
    assert "Mis à jour le" in dates
    assert '<time datetime="2016-10-03">' in dates
    assert "lundi 3 octobre 2016" in text(dates)


# Actor and place pages


def test_actor_figures_are_listed_once_per_story(demo_site: Path) -> None:
    # Both stories exist in two languages; each figure still shows once, from the shown version.
    figures = section(read(demo_site, "en", "actors/who/"), "Figures reported")
    rows = re.findall(r"<tr>(.*?)</tr>", between(figures, "<tbody>", "</tbody>"), re.DOTALL)
    cells = [tuple(text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)) for row in rows]
    assert [(label, number) for label, number, _, _ in cells] == [
        ("killed", "338"),
        ("children killed", "106"),
        ("killed", "338"),
        ("children killed", "106"),
        ("wounded", "846"),
    ]


def test_actor_page_introduces_the_actor(demo_site: Path) -> None:
    html = read(demo_site, "fr", "actors/who/")
    assert "<p>Agence des Nations unies" in html  # the description is a paragraph of its own
    assert "https://www.wikidata.org/wiki/Q7817" in hrefs(html)
    assert "<strong>Autres appellations\u00a0:</strong> OMS" in html
    assert "<strong>Also written:</strong> WHO" in read(demo_site, "en", "actors/who/")
    together = items(section(html, "Apparaît aux côtés de"))
    assert text(together[0]) == "Forces aérospatiales russes · 2 points de situation"


def test_actor_page_lists_briefings_newest_first_with_the_mention_marked(
    make_project: MakeProject,
) -> None:
    files = {
        **SMALL_SITE,
        "content/briefings/2016-10-05-who.en.md": briefing(
            "WHO asks for access", "en", "The WHO asked for access to the city.\n", day="2016-10-05"
        ),
    }
    project = make_project(files)
    build(load_config(project / "mkdocs.yml"))
    listed = items(section(read(project / "site", "en", "actors/who/"), "2 briefings"))
    assert [h.split("/")[-2] for i in listed for h in hrefs(i)] == [
        "2016-10-05-who",
        "2016-09-30-alep",
    ]
    assert "The <mark>WHO</mark> asked for access to the city." in listed[0]
    assert "According to the <mark>WHO</mark>" in listed[1]


@pytest.mark.parametrize("locale", LOCALES)
def test_place_breadcrumb_leads_up_the_hierarchy(demo_site: Path, locale: str) -> None:
    html = read(demo_site, locale, "places/handarat/")
    article = html[html.index("<article") :]
    crumb = article[article.index("<p>") : article.index("</p>")]
    assert hrefs(crumb) == ["../syria/", "../aleppo/"]
    names = {"fr": ("Syrie", "Alep"), "en": ("Syria", "Aleppo"), "ar": ("سوريا", "حلب")}[locale]
    own = "حندرات" if locale == "ar" else "Handarat"
    assert text(crumb) == f"{names[0]} › {names[1]} › {own}"
    assert article.index(crumb) < article.index("<h1")

"""JSON-LD and Open Graph in built pages: right types, dates, languages and addresses, and safe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from generator.locales import load_config
from generator.open_graph import og_locale
from generator.pipeline import build
from generator.structured_data import script_json

from .conftest import MKDOCS_YML, ROOT, MakeProject
from .factories import SMALL_SITE, briefing
from .pagehead import head_of, json_ld, og

LOCALES = ("fr", "en", "ar")
OFFENSIVE = "briefings/2016/09/30/2016-09-30-alep-offensive/"
SITE_URL = "https://example.org/"
HOSTILE = "</script><script>alert(1)</script>"


def read(site: Path, locale: str, url: str) -> str:
    return (site / locale / url / "index.html").read_text(encoding="utf-8")


def file_of(site: Path, address: str, site_url: str = SITE_URL) -> Path:
    """The file an absolute address of the site leads to."""
    assert address.startswith(site_url), address
    path = urlsplit(address[len(site_url) :]).path
    return site / path / "index.html" if not path or path.endswith("/") else site / path


def addresses(node: Any) -> list[str]:
    """Every ``url`` and ``@id`` in a JSON-LD tree."""
    found: list[str] = []
    if isinstance(node, dict):
        found += [node[key] for key in ("url", "@id") if isinstance(node.get(key), str)]
        for value in node.values():
            found += addresses(value)
    elif isinstance(node, list):
        for value in node:
            found += addresses(value)
    return found


def only_json_ld(html: str) -> dict[str, Any]:
    objects = json_ld(html)
    assert len(objects) == 1, objects
    found: dict[str, Any] = objects[0]
    return found


# Serialisation


def test_script_json_escapes_everything_that_could_end_the_script() -> None:
    value = {"name": HOSTILE + " & <!-- \u2028\u2029"}
    text = script_json(value)
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("tag", "expected"), [("fr", "fr_FR"), ("en", "en_US"), ("ar", "ar_EG"), ("pt-BR", "pt_BR")]
)
def test_open_graph_locale_takes_cldrs_likeliest_territory(tag: str, expected: str) -> None:
    assert og_locale(tag) == expected


# The demo site


@pytest.mark.parametrize("locale", LOCALES)
def test_briefing_page_is_a_news_article(demo_site: Path, locale: str) -> None:
    html = read(demo_site, locale, OFFENSIVE)
    article = only_json_ld(html)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    # Arabic readers get the French original (there is no Arabic version); the others their own.
    shown = "fr" if locale == "ar" else locale
    assert article["inLanguage"] == shown
    assert article["headline"].startswith("Alep" if shown == "fr" else "Aleppo")
    assert article["datePublished"] == "2016-09-30"
    assert article["dateModified"] == "2016-09-30"
    assert article["url"] == f"{SITE_URL}{locale}/{OFFENSIVE}" == head_of(html).canonical
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == load_config(ROOT / "mkdocs.yml").name_in(locale)
    assert article["author"] == article["publisher"]
    for address in addresses(article):
        if address.startswith(SITE_URL):
            assert file_of(demo_site, address).is_file(), address


def test_article_is_about_what_the_author_vouches_for_and_mentions_the_rest(
    demo_site: Path,
) -> None:
    article = only_json_ld(read(demo_site, "en", OFFENSIVE))
    about = {node["url"].split("/")[-2]: node for node in article["about"]}
    assert {"who", "msf", "sohr", "aleppo", "handarat", "syria"} <= set(about)
    who = about["who"]
    assert who == {
        "@type": "Organization",
        "@id": f"{SITE_URL}en/actors/who/#id",
        "name": "World Health Organization",
        "url": f"{SITE_URL}en/actors/who/",
        "sameAs": "https://www.wikidata.org/wiki/Q7817",
    }
    assert about["aleppo"]["@type"] == "Place"
    assert about["aleppo"]["sameAs"] == "https://www.wikidata.org/wiki/Q41183"
    assert about["rami-abdel-rahman"]["@type"] == "Person"
    mentioned = {node["url"].split("/")[-2] for node in article.get("mentions", ())}
    assert not mentioned & set(about)


def test_article_links_its_translations_and_cites_its_sources(demo_site: Path) -> None:
    article = only_json_ld(read(demo_site, "fr", OFFENSIVE))
    assert article["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "headline": "Aleppo: Syrian regime and Russian aircraft gain ground in the north of the city",
            "inLanguage": "en",
            "url": f"{SITE_URL}en/{OFFENSIVE}",
        }
    ]
    assert file_of(demo_site, article["workTranslation"][0]["url"]).is_file()
    assert {c["url"] for c in article["citation"]} == {
        "https://www.syriahr.com/",
        "https://www.msf.fr/",
        "https://www.who.int/",
    }
    assert article["keywords"] == ["siege", "airstrikes", "offensive", "humanitarian"]


@pytest.mark.parametrize(
    ("actor", "kind"),
    [
        ("who", "Organization"),
        ("rami-abdel-rahman", "Person"),
        ("syrian-government", "GovernmentOrganization"),
    ],
)
def test_actor_page_is_a_person_or_an_organisation(demo_site: Path, actor: str, kind: str) -> None:
    html = read(demo_site, "ar", f"actors/{actor}/")
    node = only_json_ld(html)
    assert node["@type"] == kind
    assert node["url"] == f"{SITE_URL}ar/actors/{actor}/" == head_of(html).canonical
    assert og(html)["og:type"] == ["profile" if kind == "Person" else "website"]


def test_actor_json_ld_names_it_in_the_locale_with_its_other_names(demo_site: Path) -> None:
    node = only_json_ld(read(demo_site, "ar", "actors/who/"))
    assert node["name"] == "منظمة الصحة العالمية"
    assert {"WHO", "OMS", "World Health Organization"} <= set(node["alternateName"])
    assert node["sameAs"] == "https://www.wikidata.org/wiki/Q7817"
    assert node["description"].startswith("وكالة")


def test_place_page_is_a_place_with_coordinates_inside_its_parents(demo_site: Path) -> None:
    node = only_json_ld(read(demo_site, "fr", "places/handarat/"))
    assert node["@type"] == "Place"
    assert node["name"] == "Handarat"
    assert node["geo"] == {"@type": "GeoCoordinates", "latitude": 36.27, "longitude": 37.188}
    aleppo = node["containedInPlace"]
    assert (aleppo["name"], aleppo["url"]) == ("Alep", f"{SITE_URL}fr/places/aleppo/")
    assert aleppo["containedInPlace"]["name"] == "Syrie"
    assert "containedInPlace" not in aleppo["containedInPlace"]
    for address in addresses(node):
        assert file_of(demo_site, address).is_file(), address


@pytest.mark.parametrize("locale", LOCALES)
def test_briefing_open_graph_is_an_article(demo_site: Path, locale: str) -> None:
    html = read(demo_site, locale, OFFENSIVE)
    props = og(html)
    shown = "fr" if locale == "ar" else locale
    assert props["og:type"] == ["article"]
    assert props["og:locale"] == [{"fr": "fr_FR", "en": "en_US"}[shown]]
    assert props["og:locale:alternate"] == [{"fr": "en_US", "en": "fr_FR"}[shown]]
    assert props["og:url"] == [f"{SITE_URL}{locale}/{OFFENSIVE}"]
    assert props["og:title"] == [json_ld(html)[0]["headline"]]
    assert props["og:description"] == [json_ld(html)[0]["description"]]
    assert props["og:site_name"] == [load_config(ROOT / "mkdocs.yml").name_in(locale)]
    assert props["article:published_time"] == ["2016-09-30"]
    assert props["article:modified_time"] == ["2016-09-30"]
    assert "siege" in props["article:tag"]
    who = "Organisation mondiale de la santé" if locale == "fr" else None
    assert who is None or who in props["article:tag"]


def test_other_pages_are_websites_in_their_locale(demo_site: Path) -> None:
    props = og((demo_site / "ar" / "index.html").read_text(encoding="utf-8"))
    assert props["og:type"] == ["website"]
    assert props["og:locale"] == ["ar_EG"]
    assert sorted(props["og:locale:alternate"]) == ["en_US", "fr_FR"]
    assert props["og:url"] == [f"{SITE_URL}ar/"]


# Sites built for the occasion


def build_project(make_project: MakeProject, files: dict[str, str], mkdocs_yml: str) -> Path:
    project = make_project(files, mkdocs_yml=mkdocs_yml)
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


def test_hostile_names_and_titles_cannot_leave_the_script(make_project: MakeProject) -> None:
    title = f'Alep\u2028{HOSTILE} & "co"'
    files = {
        **SMALL_SITE,
        "content/actors/who.yml": (
            "kind: organisation\n"
            f"name: {{fr: '{HOSTILE}', en: '{HOSTILE}', ar: '{HOSTILE}'}}\n"
            "wikidata: Q7817\n"
        ),
        "content/briefings/2016-09-30-alep.fr.md": briefing(
            title.replace('"', '\\"'),
            "fr",
            "Les combats d’Alep ont fait 338 morts.\n",
            actors="[who]",
            sources=f"[{{publisher: '{HOSTILE}', url: 'https://example.com/?a=1&b=</script>'}}]",
        ),
    }
    site = build_project(make_project, files, MKDOCS_YML)
    for locale in LOCALES:
        for page in (
            "briefings/2016/09/30/2016-09-30-alep/",
            "actors/who/",
            "actors/msf/",
        ):
            html = read(site, locale, page)
            assert "<script>alert(1)" not in html, (locale, page)
            objects = json_ld(html)  # each script parses whole: nothing broke out of it
            assert len(objects) == 1
        page = read(site, locale, "briefings/2016/09/30/2016-09-30-alep/")
        article, props = json_ld(page)[0], og(page)
        assert article["about"][0]["name"] == HOSTILE
        assert only_json_ld(read(site, locale, "actors/who/"))["name"] == HOSTILE
        if locale != "en":  # English readers get the English version, which is harmless
            assert article["headline"] == props["og:title"][0] == title
            assert HOSTILE in props["article:tag"]
            assert article["citation"][0]["publisher"]["name"] == HOSTILE
            assert article["citation"][0]["url"] == "https://example.com/?a=1&b=</script>"


def test_sub_path_site_gives_addresses_under_it(make_project: MakeProject) -> None:
    site_url = "https://example.org/briefings/"
    mkdocs_yml = MKDOCS_YML.replace(f"site_url: {SITE_URL}", f"site_url: {site_url}")
    site = build_project(make_project, SMALL_SITE, mkdocs_yml)
    html = read(site, "en", "briefings/2016/09/30/2016-09-30-alep/")
    article = only_json_ld(html)
    assert article["url"] == f"{site_url}en/briefings/2016/09/30/2016-09-30-alep/"
    assert og(html)["og:url"] == [article["url"]]
    assert article["publisher"]["url"] == f"{site_url}en/"
    assert article["workTranslation"][0]["url"] == (
        f"{site_url}fr/briefings/2016/09/30/2016-09-30-alep/"
    )
    found = addresses(article)
    assert len(found) > 4
    for address in found:
        assert file_of(site, address, site_url).is_file(), address
    place = only_json_ld(read(site, "fr", "places/handarat/"))
    assert place["containedInPlace"]["url"] == f"{site_url}fr/places/aleppo/"


def test_without_site_url_addresses_are_relative_to_the_page(make_project: MakeProject) -> None:
    site = build_project(
        make_project, SMALL_SITE, MKDOCS_YML.replace(f"site_url: {SITE_URL}\n", "")
    )
    page = "briefings/2016/09/30/2016-09-30-alep/"
    html = read(site, "fr", page)
    article = only_json_ld(html)
    assert article["url"] == "./"
    assert "og:url" not in og(html)  # Open Graph wants an absolute address or none
    base = f"http://host/fr/{page}"
    for address in addresses(article):
        resolved = urljoin(base, address)
        assert resolved.startswith("http://host/"), address
        assert file_of(site, resolved, "http://host/").is_file(), address


def test_updated_briefing_has_its_modification_date(make_project: MakeProject) -> None:
    files = {
        **SMALL_SITE,
        "content/briefings/2016-10-02-msf.en.md": briefing(
            "MSF calls for a truce",
            "en",
            "MSF asked for a truce.\n",
            day="2016-10-02T09:30:00+03:00",
            updated="2016-10-03",
        ),
    }
    site = build_project(make_project, files, MKDOCS_YML)
    html = read(site, "en", "briefings/2016/10/02/2016-10-02-msf/")
    article = only_json_ld(html)
    assert article["datePublished"] == "2016-10-02T09:30:00+03:00"
    assert article["dateModified"] == "2016-10-03"
    props = og(html)
    assert props["article:published_time"] == ["2016-10-02T09:30:00+03:00"]
    assert props["article:modified_time"] == ["2016-10-03"]

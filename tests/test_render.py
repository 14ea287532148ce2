"""Rendering: mentions become links, text from authors is escaped, names follow the locale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.support import NullTranslations

from generator.index import build_index
from generator.l10n import L10n
from generator.load import load_content
from generator.model import Linked, Mention
from generator.render import (
    BODY_END,
    BODY_START,
    LINK_CLOSE,
    LINK_HREF_END,
    LINK_OPEN,
    link_mentions,
    locale_pages,
    make_environment,
)
from generator.validate import validate

from .conftest import ROOT, MakeProject
from .factories import SMALL_SITE

LOCALES = ("fr", "en", "ar")


def test_first_entity_mention_and_every_date_become_links() -> None:
    body = "OMS et OMS, jeudi et jeudi."
    mentions = [
        Mention("actor", 0, 3, "OMS", id="who"),
        Mention("actor", 7, 10, "OMS", id="who"),
        Mention("date", 12, 17, "jeudi", date=dt.date(2016, 9, 29)),
        Mention("date", 21, 26, "jeudi", date=dt.date(2016, 9, 29)),
    ]
    linked = link_mentions(body, mentions, lambda m, text: f"[{text}](/{m.kind})")
    assert linked == "[OMS](/actor) et OMS, [jeudi](/date) et [jeudi](/date)."


def test_mentions_in_headings_are_not_linked() -> None:
    body = "## MSF calls\n\nMSF said so.\n"
    mentions = [Mention("actor", 3, 6, "MSF", id="msf"), Mention("actor", 14, 17, "MSF", id="msf")]
    assert (
        link_mentions(body, mentions, lambda m, text: f"[{text}](/msf)")
        == "## MSF calls\n\n[MSF](/msf) said so.\n"
    )


def render_small(project: Path, locale: str) -> dict[str, str]:
    content, _ = validate(load_content(project / "content"), LOCALES)
    body = next(b for b in content.briefings if b.key == ("2016-09-30-alep", "fr")).body

    def at(kind: str, text: str, **what: object) -> Mention:
        start = body.index(text)
        return Mention(kind, start, start + len(text), text, **what)  # type: ignore[arg-type]

    mentions = {
        ("2016-09-30-alep", "fr"): (
            at("actor", "OMS", id="who"),
            at("place", "Alep", id="aleppo"),
            at("date", "Jeudi", date=dt.date(2016, 9, 29)),
        )
    }
    index = build_index(Linked(content, mentions))
    l10n = L10n(locale, "fr", NullTranslations())
    env = make_environment(ROOT / "site_templates")
    _, pages = locale_pages(index, l10n, env, "Site", "fr")
    return {p.path: p.text for p in pages}


def test_briefing_page_in_its_own_language(make_project: MakeProject) -> None:
    pages = render_small(make_project(SMALL_SITE), "fr")
    text = pages["briefings/2016/09/30/2016-09-30-alep.md"]
    assert "\nprerendered: true\n" in text
    # The body stays Markdown; its mentions' links are placeholders holding the page's URL,
    # made links once MkDocs has converted the body (generator.prerendered).
    body = text.split(BODY_START, 1)[1].split(BODY_END, 1)[0]
    who, aleppo = "../../../../../actors/who/", "../../../../../places/aleppo/"
    assert (
        f"Selon l’{LINK_OPEN}{who}{LINK_HREF_END}OMS{LINK_CLOSE}, "
        f"les combats d’{LINK_OPEN}{aleppo}{LINK_HREF_END}Alep{LINK_CLOSE}"
    ) in body
    assert f"{LINK_OPEN}../../../../../dates/2016/09/29/{LINK_HREF_END}Jeudi{LINK_CLOSE}" in body
    assert "3\u202f800" in text  # the figure, as CLDR writes it in French (narrow no-break space)
    # The rest is HTML, its links the URLs a browser follows.
    assert '<a href="../../../../../actors/who/">Organisation mondiale de la santé</a>' in text


def test_a_body_holding_the_placeholder_characters_gets_markdown_links(
    make_project: MakeProject,
) -> None:
    project = make_project(SMALL_SITE)
    briefing = project / "content/briefings/2016-09-30-alep.fr.md"
    text = briefing.read_text(encoding="utf-8")
    briefing.write_text(text.replace("Handarat est tombé.", "Handarat \ue001 est tombé."), "utf-8")
    body = render_small(project, "fr")["briefings/2016/09/30/2016-09-30-alep.md"]
    assert "Selon l’[OMS](../../../../actors/who.md)" in body
    assert LINK_OPEN not in body


def test_untranslated_briefing_is_shown_in_its_language_with_a_notice(
    make_project: MakeProject,
) -> None:
    pages = render_small(make_project(SMALL_SITE), "fr")
    text = pages["briefings/2016/10/02/2016-10-02-msf.md"]
    assert 'lang="en"' in text
    assert '<div class="admonition info">' in text


def test_names_and_numbers_follow_the_locale(make_project: MakeProject) -> None:
    pages = render_small(make_project(SMALL_SITE), "en")
    text = pages["briefings/2016/09/30/2016-09-30-alep.md"]
    assert "3,800" in pages["actors/who.md"]
    assert '<a href="../../../../../actors/who/">World Health Organization</a>' in text
    arabic = render_small(make_project(SMALL_SITE), "ar")["places/aleppo.md"]
    assert "حلب" in arabic


def test_place_page_has_breadcrumb_and_rolled_up_briefings(make_project: MakeProject) -> None:
    pages = render_small(make_project(SMALL_SITE), "fr")
    syria = pages["places/syria.md"]
    assert "2016-09-30-alep/" in syria  # mentions Aleppo, within Syria
    handarat = pages["places/handarat.md"]
    assert '<a href="../syria/">Syrie</a> › <a href="../aleppo/">Alep</a> › Handarat' in handarat


def test_author_text_cannot_inject_html(make_project: MakeProject) -> None:
    files = dict(SMALL_SITE)
    files["content/actors/msf.yml"] = (
        "kind: organisation\nname: {fr: '<script>alert(1)</script>', en: MSF}\n"
    )
    pages = render_small(make_project(files), "fr")
    page = pages["actors/msf.md"]
    assert "<script>" not in page
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page

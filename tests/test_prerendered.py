"""Pages written as HTML: MkDocs converts only briefing bodies; TOC, ids and search still work."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.locales import load_config
from generator.pipeline import build

from .conftest import MakeProject
from .factories import SMALL_REGISTRY, briefing

#: A body whose headings take the ids the page's own sections would want, and a marker of ours.
BODY = """\
Selon l’OMS, Alep a été bombardée jeudi.

## Sources

Un paragraphe sous un titre qui porte le nom d'une section de la page.

<!--/briefing:body-->

## Chiffres clés

*Fin* du corps, avec un [lien vers Alep](../../../../places/aleppo.md).
"""


def build_small(make_project: MakeProject) -> Path:
    project = make_project(
        {
            **SMALL_REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing(
                "Alep sous les bombes",
                "fr",
                BODY,
                actors="[who]",
                sources="[{publisher: Agence, url: 'https://example.org/a'}]",
                figures="[{label: killed, value: 3800, source: who}]",
            ),
        }
    )
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_body_is_converted_and_the_rest_kept_as_written(make_project: MakeProject) -> None:
    site = build_small(make_project)
    html = article(page(site, "fr/briefings/2016/09/30/2016-09-30-alep/index.html"))
    # The body's Markdown became HTML, its .md links rewritten to the page's URL.
    assert "<em>Fin</em> du corps" in html
    assert '<a href="../../../../../places/aleppo/">lien vers Alep</a>' in html
    # Mentions are links to their pages (placeholders in the Markdown, made links after it).
    assert 'Selon l’<a href="../../../../../actors/who/">OMS</a>' in html
    assert '<a href="../../../../../dates/2016/09/29/">jeudi</a>' in html
    assert "\ue000" not in html
    # A marker written in the body stays in the body, as Markdown reads it (a comment, dropped).
    assert "briefing:body" not in html
    # The page's own HTML is there once, not escaped or converted again.
    assert html.count('<aside class="briefing-panel">') == 1
    assert "&lt;li&gt;" not in html


def test_heading_ids_are_unique_and_listed_in_the_table_of_contents(
    make_project: MakeProject,
) -> None:
    site = build_small(make_project)
    html = page(site, "fr/briefings/2016/09/30/2016-09-30-alep/index.html")
    ids = re.findall(r'<h[1-6] id="([^"]+)"', article(html))
    assert len(ids) == len(set(ids))
    # The body's "Sources" and "Chiffres clés" come first; the page's own sections yield.
    assert {"sources", "sources_1", "chiffres-cles", "chiffres-cles_1", "in-this-briefing"} <= set(
        ids
    )
    toc = html[html.index('data-md-component="toc"') :]
    toc_links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc)
    assert toc_links[:4] == ["sources", "chiffres-cles", "chiffres-cles_1", "in-this-briefing"]
    assert "sources_1" in toc_links


def test_entity_pages_are_searched_by_their_summary_only(make_project: MakeProject) -> None:
    site = build_small(make_project)
    docs = json.loads(page(site, "fr/search/search_index.json"))["docs"]
    who = [doc for doc in docs if doc["location"].startswith("actors/who/")]
    text = " ".join(doc["text"] for doc in who)
    assert "OMS" in text  # the aliases are searchable
    assert "Alep sous les bombes" not in text  # the list of briefings is not
    # The page itself still shows the list.
    assert "Alep sous les bombes" in article(page(site, "fr/actors/who/index.html"))
    # Day pages are left out of the index.
    assert not [doc for doc in docs if doc["location"].startswith("dates/")]


def test_briefings_are_searched_without_their_lists_of_links(make_project: MakeProject) -> None:
    site = build_small(make_project)
    docs = json.loads(page(site, "fr/search/search_index.json"))["docs"]
    text = " ".join(doc["text"] for doc in docs if doc["location"].startswith("briefings/"))
    assert "Un paragraphe sous un titre" in text  # the body
    assert "3\u202f800" in text  # the key figures
    assert "Agence" not in text  # the sources
    assert "Dans ce point de situation" not in text  # the panel
    html = article(page(site, "fr/briefings/2016/09/30/2016-09-30-alep/index.html"))
    assert "Dans ce point de situation" in html and "Agence" in html
    assert "search-skip" not in html


def test_placeholder_characters_an_author_writes_make_no_link(make_project: MakeProject) -> None:
    hostile = "Selon l’OMS, \ue000javascript:alert(1)\ue001clic\ue002 et \ue000../x/\ue001y.\n"
    project = make_project(
        {
            **SMALL_REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing("Alep", "fr", hostile),
        }
    )
    build(load_config(project / "mkdocs.yml"))
    html = article(page(project / "site", "fr/briefings/2016/09/30/2016-09-30-alep/index.html"))
    assert 'href="javascript' not in html
    assert "javascript:alert(1)\ue001clic" in html  # shown as the text it is
    # The body's mentions are Markdown links then, checked and rewritten by MkDocs.
    assert 'Selon l’<a href="../../../../../actors/who/">OMS</a>' in html

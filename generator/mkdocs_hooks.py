"""MkDocs hooks of every locale's build (``hooks:`` in the generated config).

A page written as HTML (``prerendered: true``) is not converted again (``generator.prerendered``).
Each page's content HTML is sanitised before Material's templates, the search index and the
table of contents see it; the table of contents' titles are made plain text.
"""

from __future__ import annotations

from typing import Any

from generator import prerendered
from generator.sanitize import clean_html, plain_text


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Pages written as HTML keep their HTML; only a briefing's body is converted."""
    if page.meta.get("prerendered") is True:
        prerendered.install(page)
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """The page's content HTML, sanitised; its table of contents titles made plain text."""
    _plain_titles(page.toc)
    return clean_html(html)


def _plain_titles(links: Any) -> None:
    # Material prints a heading's toc title as HTML.
    for link in links:
        link.title = plain_text(link.title)
        _plain_titles(link.children)

"""MkDocs hooks of every locale's build (``hooks:`` in the generated config).

A page written as HTML (``prerendered: true``) is not converted again (``generator.prerendered``).
Material's header, tabs, navigation, footer and config are rendered once per place in the site
(``generator.theme_frame``).
Each page's content HTML is sanitised before Material's templates, the search index and the
table of contents see it; the table of contents' titles are made plain text. Of a page written
as HTML, only the briefing body is sanitised (once, when converted): the rest is our templates'
HTML, every value escaped by Jinja — unless a hook of the project changed the content, which is
then sanitised whole.

On a page whose front matter says ``search_skips: true``, what lies between ``SEARCH_SKIP`` and
``SEARCH_RESUME`` (or the end) is left out of the search index: an actor's or place's lists of
briefings, a briefing's panel of links, sources and translations. They repeat titles, names and
sentences indexed on their own pages; indexing them again made every word of every snippet lead
to entity pages, and Material's search plugin spent most of its time parsing them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from generator import prerendered, theme_frame
from generator.render import SEARCH_RESUME, SEARCH_SKIP, compiled_templates
from generator.sanitize import clean_html, plain_text

#: The environment variable naming the folder of compiled templates (set by ``page_cache``).
COMPILED_TEMPLATES = "BRIEFING_COMPILED_TEMPLATES"
#: The page attribute holding the whole content while the search plugin reads a part of it.
_WHOLE = "briefing_whole_content"
#: A part of a page left out of the search index.
_SKIPPED = re.compile(f"{re.escape(SEARCH_SKIP)}.*?(?:{re.escape(SEARCH_RESUME)}|\\Z)", re.DOTALL)


def on_env(env: Any, **_: Any) -> Any:
    """The theme's templates compiled once, kept between builds (``render.compiled_templates``):
    compiling Material's templates took half of a locale's start (0.5 s of 1.0 s). And the
    functions by which ``main.html`` reuses Material's frame from page to page, and its labels'
    module made once (``theme_frame``)."""
    folder = os.environ.get(COMPILED_TEMPLATES)
    if folder:
        env.bytecode_cache = compiled_templates(Path(folder))
    env.globals["briefing_frame"] = theme_frame.frame
    theme_frame.reuse_language_module(env)
    env.globals["briefing_page_address"] = theme_frame.page_address
    return env


def on_config(config: Any, **_: Any) -> Any:
    """No sitemap from the theme: the build writes its own, with every locale's alternates
    (``generator.sitemap``), once MkDocs is done."""
    config.theme.static_templates.discard("sitemap.xml")
    return config


def on_files(files: Any, **_: Any) -> Any:
    """The theme's sitemap template is not copied as a file either."""
    template = files.get_file_from_path("sitemap.xml")
    if template is not None and not template.is_documentation_page():
        files.remove(template)
    return files


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Pages written as HTML keep their HTML; only a briefing's body is converted."""
    if page.meta.get("prerendered") is True:
        prerendered.install(page)
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """The page's content HTML, sanitised; its table of contents titles made plain text.

    For a page with parts left out of the search index, the content is the rest until the search
    plugin has read it (``on_page_context`` runs the plugin before these hooks).
    """
    _plain_titles(page.toc)
    trusted = getattr(page, prerendered.SANITISED, None) == html
    # Sanitising drops the markers, as it drops every comment.
    sanitised = _without_markers if trusted else clean_html
    if page.meta.get("search_skips") is True and SEARCH_SKIP in html:
        setattr(page, _WHOLE, sanitised(html))
        return sanitised(_SKIPPED.sub("", html))
    return sanitised(html)


def _without_markers(html: str) -> str:
    if SEARCH_SKIP not in html:
        return html
    return html.replace(SEARCH_SKIP, "").replace(SEARCH_RESUME, "")


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    """The whole content again, once the search plugin has indexed its part."""
    whole = getattr(page, _WHOLE, None)
    if whole is not None:
        page.content = whole
        delattr(page, _WHOLE)
    return context


def _plain_titles(links: Any) -> None:
    # Material prints a heading's toc title as HTML.
    for link in links:
        link.title = plain_text(link.title)
        _plain_titles(link.children)

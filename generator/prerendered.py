"""MkDocs' side of pages written as HTML (front matter ``prerendered: true``).

Python-Markdown's scan of link-dense lists is most of what MkDocs costs on this site's index,
actor, place and date pages; those pages are rendered as HTML by our templates, so converting
them again is wasted work. For such a page, ``Page.render`` is replaced: the HTML is the content
as written, except a briefing's body (between ``BODY_START`` and ``BODY_END``), which MkDocs
converts as it converts any page, its links checked and rewritten. The table of contents is made
from the headings, in document order, with ids given as the ``toc`` extension gives them.

The renderer writes a body's links to actors, places and days as placeholders Markdown leaves
alone (``render.LINK_OPEN``): they become ``<a href>`` here, once the body is HTML.

A story's body is the same HTML in every locale that shows it (same page path, same links), so
the locales of one build share their conversions through the folder named by ``BODY_CACHE``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import types
from pathlib import Path
from typing import Any

from markdown.extensions.toc import (  # type: ignore[import-untyped]  # ships no type hints
    nest_toc_tokens,
    slugify,
    unique,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from .render import BODY_END, BODY_START, LINK_CLOSE, LINK_HREF_END, LINK_OPEN
from .run_settings import BODY_CACHE
from .sanitize import clean_html, plain_text

#: A heading of our templates: level, attributes, inner HTML.
HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
ID = re.compile(r'\sid="([^"]*)"')
ANY_ID = re.compile(r'\sid="([^"]+)"')
#: A mention's link as the renderer writes it into a body (``render.LINK_OPEN``): only a
#: relative address of ours (ids are ``[a-z0-9-]``) becomes a link.
PLACEHOLDER = re.compile(
    f"{LINK_OPEN}([a-z0-9./-]*){LINK_HREF_END}([^{LINK_OPEN}-{LINK_CLOSE}]*){LINK_CLOSE}"
)
#: The page attribute holding the content as ``render`` made it: our templates' HTML (escaped
#: by Jinja) around the body, sanitised here. Content a hook has changed is sanitised again.
SANITISED = "briefing_sanitised_content"


def install(page: Page) -> None:
    """Make MkDocs render this page from its HTML instead of converting it as Markdown."""
    page.render = types.MethodType(render, page)  # type: ignore[method-assign]


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a page written as HTML around an optional Markdown body."""
    source = page.markdown or ""
    before, body, after = _split(source)
    body_html, body_anchors = "", set[str]()
    body_tokens: list[dict[str, Any]] = []
    if body is not None:
        body_html, body_tokens, body_anchors = _converted(page, body, config, files)
        body_html = PLACEHOLDER.sub(r'<a href="\1">\2</a>', body_html)
    toc_config = config.mdx_configs.get("toc", {})
    make_id = toc_config.get("slugify", slugify)
    separator = toc_config.get("separator", "-")
    used = {token["id"] for token in body_tokens}
    before_html, before_tokens = _headings(before, make_id, separator, used)
    after_html, after_tokens = _headings(after, make_id, separator, used)
    page.content = before_html + body_html + after_html
    setattr(page, SANITISED, page.content)
    tokens = before_tokens + body_tokens + after_tokens
    page.toc = get_toc(nest_toc_tokens(tokens))
    page._title_from_render = None  # the title is the front matter's
    page.present_anchor_ids = body_anchors | set(ANY_ID.findall(before_html + after_html))
    if page.links_to_anchors is None:
        page.links_to_anchors = {}


def _converted(
    page: Page, body: str, config: MkDocsConfig, files: Files
) -> tuple[str, list[dict[str, Any]], set[str]]:
    """The body as sanitised HTML, its headings as ``toc`` tokens and its anchors: converted by
    MkDocs, or by another locale of this build (the same page path and Markdown give the same
    HTML)."""
    folder = os.environ.get(BODY_CACHE)
    stored: Path | None = None
    if folder:
        key = hashlib.sha256(f"{page.file.src_uri}\0{body}".encode()).hexdigest()
        stored = Path(folder) / f"{key}.json"
        try:
            found = json.loads(stored.read_text(encoding="utf-8"))
            return found["html"], found["toc"], set(found["anchors"])
        except (OSError, ValueError, KeyError):
            pass
    source = page.markdown
    page.markdown = body
    Page.render(page, config, files)
    page.markdown = source
    converted = (
        clean_html(page.content or ""),
        _flatten(page.toc),
        set(page.present_anchor_ids or ()),
    )
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.tmp")
        record = {"html": converted[0], "toc": converted[1], "anchors": sorted(converted[2])}
        partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        partial.replace(stored)
    return converted


def _split(source: str) -> tuple[str, str | None, str]:
    """HTML before the body, the Markdown body (None without one), HTML after it.

    The body is taken between the first start marker and the last end marker, so a body that
    writes a marker itself stays inside the body (it is only ever read as Markdown).
    """
    if BODY_START not in source or BODY_END not in source:
        return source, None, ""
    before, rest = source.split(BODY_START, 1)
    body, after = rest.rsplit(BODY_END, 1)
    return before, body, after


def _headings(
    markup: str, make_id: Any, separator: str, used: set[str]
) -> tuple[str, list[dict[str, Any]]]:
    """The HTML with an id on every heading (kept if written, else from its text), and the
    headings as ``toc`` tokens; ``used`` ids are avoided and updated."""
    tokens: list[dict[str, Any]] = []

    def identify(match: re.Match[str]) -> str:
        level, attributes, inner = match.group(1), match.group(2), match.group(3)
        title = html.unescape(plain_text(inner)).strip()
        written = ID.search(attributes)
        ident = unique(written.group(1) if written else make_id(title, separator), used)
        if written:
            attributes = ID.sub(f' id="{ident}"', attributes, count=1)
        else:
            attributes = f' id="{ident}"{attributes}'
        name = html.escape(title)
        tokens.append({"level": int(level), "id": ident, "name": name, "children": []})
        return f"<h{level}{attributes}>{inner}</h{level}>"

    return HEADING.sub(identify, markup), tokens


def _flatten(links: Any) -> list[dict[str, Any]]:
    """A table of contents back into ``toc`` tokens, in document order."""
    tokens: list[dict[str, Any]] = []
    for link in links:
        assert isinstance(link, AnchorLink)
        tokens.append({"level": link.level, "id": link.id, "name": link.title, "children": []})
        tokens.extend(_flatten(link.children))
    return tokens

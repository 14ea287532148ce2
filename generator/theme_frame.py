"""Material's frame around a page's content, rendered once per place in the site and reused.

Every page of a locale gets the same header, tabs, navigation sidebar, footer and script config
from Material's ``base.html``: a third of a locale's MkDocs time on the benchmark corpus, spent
printing the same HTML thousands of times. What those blocks print depends on the page only
through

- the relative addresses of the navigation's items, the home page and the theme's files, which
  depend on the page's depth and first folder (and are compared outright for the navigation);
- which navigation items are active, and their titles and ``meta`` (icon, subtitle, status);
- the page's title and address, printed in the header (its topic and the language selector);
- for the footer, the previous and next pages; and the page's ``hide`` list.

So ``main.html`` renders each of those blocks through ``frame`` (of the sidebars, the navigation:
the table of contents beside it is the page's own): once per distinct value of the
above (its key), the page's title and address left as placeholders, filled in for each page. A
page that is itself in the navigation is rendered as Material renders it (its navigation entry
holds its table of contents). The cache lives as long as one build's navigation: a new build
(``briefing serve`` rebuilds in one process) starts afresh. ``BRIEFING_NO_FRAME_CACHE=1`` renders
every block every time; the tests compare both ways, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.environment import TemplateModule
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import normalize_url

#: Set to render every block of every page in full (the tests' reference).
NO_CACHE = "BRIEFING_NO_FRAME_CACHE"
#: Where the page's own title and address go in a block rendered for reuse.
TITLE = "\ue000briefing-page-title\ue001"
ADDRESS = "\ue000briefing-page-address\ue001"
#: The keys of a navigation item's ``meta`` that Material's navigation prints.
NAV_META = ("icon", "subtitle", "status")
#: The module of the theme's labels that ``base.html`` imports with its context.
LANGUAGE_MODULE = "partials/language.html"


class _Build:
    """The blocks rendered for one build (one navigation)."""

    def __init__(self, nav: Any) -> None:
        self.nav = nav
        self.in_nav = {id(page) for page in getattr(nav, "pages", ())}
        self.blocks: dict[tuple[Any, ...], str] = {}
        self.placeholders = False
        #: The number of each place (``_place``) met, and the last page's.
        self.places: dict[tuple[Any, ...], int] = {}
        self.place: tuple[Any, int] | None = None


_current: list[_Build] = []


@pass_context
def frame(context: Context, name: str, block: Callable[[], str]) -> str:
    """The block ``name`` of this page: ``block()`` (Material's own) rendered once per key."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or os.environ.get(NO_CACHE) == "1":
        return block()
    build = _build_of(nav)
    if id(page) in build.in_nav:
        return block()
    if build.place is None or build.place[0] is not page:
        # A number for the place: its key, nested tuples, is hashed once per page, not per block.
        build.place = (page, build.places.setdefault(_place(context, page, nav), len(build.places)))
    key = (name, build.place[1], *_extra(name, page))
    found = build.blocks.get(key)
    if found is None:
        with _placeholders(build, page):
            found = str(block())
        build.blocks[key] = found
    return Markup(_filled(found, page))


def reuse_language_module(env: Environment) -> None:
    """Material's ``base.html`` imports ``partials/language.html`` "with context": Jinja makes
    that module anew for every page (0.67 s of a locale's 23 s under cProfile at N = 1,000),
    though what it holds, the labels of ``config.theme.language``, depends on the config
    alone. It is made once per config instead."""
    if os.environ.get(NO_CACHE) == "1":
        return
    template = env.get_template(LANGUAGE_MODULE)
    make_module = template.make_module
    made: list[tuple[Any, TemplateModule]] = []  # (config, its module): the last one

    def module_of(
        vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None
    ) -> TemplateModule:
        config = (vars or {}).get("config")
        if config is None:
            return make_module(vars, shared, locals)
        if not made or made[0][0] is not config:
            made[:] = [(config, make_module(vars, shared, locals))]
        return made[0][1]

    template.make_module = module_of  # type: ignore[method-assign]


def page_address(page: Any) -> str:
    """The page's address as printed in a block (``ADDRESS`` while it is rendered for reuse)."""
    if _current and _current[0].placeholders:
        return ADDRESS
    return str(page.url) if page is not None else ""


def _build_of(nav: Any) -> _Build:
    if not _current or _current[0].nav is not nav:
        _current[:] = [_Build(nav)]
    return _current[0]


def _place(context: Context, page: Any, nav: Any) -> tuple[Any, ...]:
    """What the relative addresses and active items of a block depend on."""
    url = str(page.url)
    homepage = getattr(getattr(nav, "homepage", None), "url", None)
    return (
        context.get("base_url"),
        url.count("/"),
        url.split("/", 1)[0],
        normalize_url(homepage, page) if homepage is not None else None,
        tuple(_nav_items(getattr(nav, "items", ()), page)),
    )


def _nav_items(items: Any, page: Any) -> Iterator[tuple[Any, ...]]:
    for item in items:
        url = getattr(item, "url", None)
        meta = getattr(item, "meta", None) or {}
        yield (
            type(item).__name__,
            str(item.title),
            normalize_url(url, page) if url is not None else None,
            bool(item.active),
            tuple(str(meta.get(key)) for key in NAV_META),
            any(other is page for other in getattr(item, "pages", None) or ()),
            tuple(_nav_items(getattr(item, "children", None) or (), page)),
        )


def _extra(name: str, page: Any) -> tuple[Any, ...]:
    """What else of the page a block prints, besides its title and address."""
    hide = tuple((page.meta or {}).get("hide") or ())
    if name == "footer":
        return (hide, _neighbour(page.previous_page, page), _neighbour(page.next_page, page))
    return (hide,)


def _neighbour(other: Any, page: Any) -> tuple[str, str] | None:
    return None if other is None else (normalize_url(other.url, page), str(other.title))


@contextmanager
def _placeholders(build: _Build, page: Any) -> Iterator[None]:
    """While a block is rendered for reuse, the page's title and address are placeholders."""
    meta = page.meta
    had_title, title = "title" in meta, meta.get("title")
    meta["title"] = TITLE
    build.placeholders = True
    try:
        yield
    finally:
        build.placeholders = False
        if had_title:
            meta["title"] = title
        else:
            del meta["title"]


def _filled(html: str, page: Any) -> str:
    """A reused block with this page's title (as Material's header prints it) and address."""
    if TITLE in html:
        title = (page.meta or {}).get("title")
        html = html.replace(TITLE, str(title if title else page.title))
    if ADDRESS in html:
        html = html.replace(ADDRESS, str(page.url))
    return html

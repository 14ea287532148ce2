"""The allow-list every page's content HTML passes through before MkDocs writes it.

Authors write Markdown, and may write the inline HTML listed here (``<abbr title>``, ``<sub>``,
``<mark>``, ``<kbd>``, …); our templates add links, tables, figures, ``<time>``, ``<bdi>`` and
inline SVG charts and maps. Everything else — scripts, styles, event handlers, frames, forms,
``javascript:``/``data:``/``vbscript:`` addresses, images from other hosts — is removed by nh3
(Ammonia), whose HTML5 parser reads the markup as a browser would.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

#: Elements of running text and of Markdown's output.
TEXT_TAGS = {
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
}  # fmt: skip
#: The SVG elements of our charts and maps (generator/charts.py).
SVG_TAGS = {"svg", "g", "title", "desc", "line", "rect", "circle", "path", "text", "tspan"}

#: Attributes any element may carry: language, direction, styling hooks, accessible names.
GLOBAL_ATTRIBUTES = {
    "lang", "dir", "class", "id", "title", "role", "aria-label", "aria-labelledby",
    "aria-describedby", "aria-current", "aria-hidden",
}  # fmt: skip
ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "svg": {"xmlns", "viewBox", "width", "height", "preserveAspectRatio"},
    "line": {"x1", "y1", "x2", "y2"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "text": {"x", "y", "dx", "dy", "text-anchor", "direction", "dominant-baseline"},
    "tspan": {"x", "y", "dx", "dy"},
    "g": {"transform"},
}
#: Markdown tables align their cells with a style attribute; nothing else is styled inline.
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto"}
#: Ids Material's scripts look up: an element of the content must not stand in for them.
RESERVED_ID_PREFIX = "__"


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith(RESERVED_ID_PREFIX):
        return None
    # The site loads nothing from other hosts: an image is the site's own file or nothing.
    if element == "img" and attribute == "src" and (urlsplit(value).scheme or "//" in value[:2]):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=TEXT_TAGS | SVG_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,
    url_schemes=URL_SCHEMES,
    filter_style_properties=STYLE_PROPERTIES,
)


def clean_html(markup: str) -> str:
    """Content HTML with everything outside the allow-list removed (text kept, script dropped)."""
    # html5ever writes U+00A0 as &nbsp;: keep the character the templates wrote (French spacing).
    return _CLEANER.clean(markup).replace("&nbsp;", "\u00a0")


_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, attributes={})


def plain_text(markup: str) -> str:
    """An HTML fragment's text, still HTML-escaped: every element removed."""
    return _TEXT_ONLY.clean(markup)

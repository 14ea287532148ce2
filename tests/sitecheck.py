"""Read a built site the way a browser would: every page's links, resolved on disk."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))


def links_of(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every href and src."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def html_files(site: Path) -> Iterator[Path]:
    """Every HTML file of the site, in a stable order."""
    yield from sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, link: str) -> Path | None:
    """The file an internal link leads to, or None for an external or in-page link."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = page.parent
    target = (site / path.lstrip("/")) if path.startswith("/") else (base / path)
    target = Path(*target.parts)  # normalise without following links
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """'page -> link' for every internal href or src that leads nowhere inside ``site``."""
    site = site.resolve()
    broken = []
    for page in html_files(site):
        for _tag, _attr, link in links_of(page.read_text(encoding="utf-8")):
            target = resolve(site, page, link)
            if target is None:
                continue
            target = target.resolve()
            if not target.is_relative_to(site) or not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken

"""Read what a built page tells machines: its JSON-LD objects and its Open Graph properties."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.properties: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.canonical: str | None = None
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("property"):
            self.properties.append((found["property"] or "", found.get("content") or ""))
        elif tag == "script" and found.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(html: str) -> _Head:
    """The page's head, parsed as a browser would (character references decoded)."""
    parser = _Head()
    parser.feed(html)
    return parser


def json_ld(html: str) -> list[Any]:
    """Every ``application/ld+json`` script of the page, parsed."""
    return [json.loads(text) for text in head_of(html).json_ld]


def og(html: str) -> dict[str, list[str]]:
    """Open Graph (and ``article:``) properties: name → every value, in page order."""
    found: dict[str, list[str]] = {}
    for name, content in head_of(html).properties:
        found.setdefault(name, []).append(content)
    return found

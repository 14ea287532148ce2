"""Addresses of the built site's files, as written into feeds, sitemaps and open data."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from .paths import url_of


@dataclass(frozen=True)
class Addresses:
    """Links from one output file: absolute under ``site_url``, else relative to the file's folder.

    ``folder`` is where the file lives, relative to the site root (``"fr"``, ``"api"``, ``""``).
    Relative links resolve like any URL reference against the file's own address, so a site
    published under a sub-path (``https://example.org/briefings/``) works either way.
    """

    site_url: str
    folder: str = ""

    def page(self, locale: str, docs_path: str) -> str:
        """The address of a locale's page, from its docs path (``actors/who.md``)."""
        return self.file(f"{locale}/{url_of(docs_path)}")

    def file(self, target: str) -> str:
        """The address of a file or folder (ending in ``/``) given relative to the site root."""
        target = quote(target, safe="/")
        if self.site_url:
            return self.site_url + target
        link = posixpath.relpath(target or ".", self.folder or ".")
        if target.endswith("/") or not target:
            link = "./" if link == "." else link + "/"
        return link

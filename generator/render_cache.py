"""What rendered pages depend on: the key that says when only edited bodies need rendering.

Rendering every page of every locale is the costliest of our stages. Of a briefing's body, only
its own story page shows more than the sentences around its mentions (which the index holds); so
when everything the index holds, bodies left out, is as it was at the last build
(``structure_digest``), and the templates, catalogs and settings too (``cache_key``), every page
but the story pages of the edited briefings is the same as then: those are rendered again
(``story_pages``), the rest kept (``generator.locale_docs``). Any other change renders everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from typing import Any

import jinja2

from .fingerprint import settings_fingerprint
from .index import SiteIndex
from .l10n import L10n
from .locales import SiteConfig
from .model import Briefing
from .render import Page, render_story_pages

CACHE_VERSION = 2


def structure_digest(index: SiteIndex) -> str:
    """The hash of everything the index holds, with every briefing's body left out.

    The index pickled, each briefing without its body: the same content gives the same bytes in
    any process (every mapping and tuple is built in a fixed order; the index holds no set).
    """
    stream = io.BytesIO()
    _BodylessPickler(stream, protocol=5).dump(index)
    return hashlib.sha256(stream.getbuffer()).hexdigest()


_FIELDS = tuple(field.name for field in dataclasses.fields(Briefing))


class _BodylessPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Briefing:
            return Briefing, tuple("" if f == "body" else getattr(obj, f) for f in _FIELDS)
        return NotImplemented


def story_bodies(index: SiteIndex) -> dict[str, str]:
    """Each story's page path and the hash of its versions' bodies."""
    return {
        index.story_page(slug): hashlib.sha256(
            "\0".join(f"{b.lang}\0{b.body}" for b in versions).encode()
        ).hexdigest()
        for slug, versions in index.versions.items()
    }


def cache_key(config: SiteConfig, index: SiteIndex) -> str:
    """What every rendered page depends on, besides the bodies of the briefings."""
    return hashlib.sha256(
        f"{CACHE_VERSION}\0{settings_fingerprint(config)}\0{structure_digest(index)}".encode()
    ).hexdigest()


def story_pages(
    config: SiteConfig,
    index: SiteIndex,
    l10ns: dict[str, L10n],
    env: jinja2.Environment,
    slugs: list[str],
) -> dict[str, list[Page]]:
    """Each locale's story pages of ``slugs``, as the full build renders them."""
    return {
        tag: render_story_pages(
            index,
            l10ns[tag],
            env,
            config.name_in(tag),
            config.default_locale,
            config.site_url,
            slugs,
        )
        for tag in config.locales
    }

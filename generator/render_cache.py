"""What rendered pages depend on: the key that says when only edited bodies need rendering.

Rendering every page of every locale is the costliest of our stages. Of a briefing's body, only
its own story page shows more than the sentences around its mentions (which the index holds); so
when everything the index holds, bodies left out, is as it was at the last build
(``structure_digest``), and the templates, catalogs and settings too (``cache_key``), every page
but the story pages of the edited briefings is the same as then: those are rendered again
(``story_pages``), the rest kept (``generator.locale_docs``). Any other change renders everything.
"""

from __future__ import annotations

import copyreg
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
from .model import Briefing, Linked, Mention
from .render import Page, render_story_pages

CACHE_VERSION = 4


def structure_digest(index: SiteIndex) -> str:
    """The hash of everything the index holds but what only story pages show: each briefing's
    body, its mentions' offsets in it, the warnings about it.

    The index is made from the linked content alone, and of the bodies it keeps only the
    sentence around each mention (``index.build_index``): so the linked content, bodies,
    offsets and warnings left out, with those sentences, stands for it — and hashes in a third
    of the time the whole index takes (N = 5,000: 0.8 s against 2.5 s).

    Pickled without the pickler's memo: the bytes then depend on the values only, not on which
    equal strings happen to be one object (a briefing parsed anew, or taken from
    ``check_cache``). The same content gives the same bytes in any process: every mapping and
    tuple is built in a fixed order, and the index holds no set.
    """
    sentences = [
        [occurrence.sentence for occurrence in occurrences]
        for occurrences in (
            *index.occurrences.values(),
            *(day.mentions for day in index.days.values()),
        )
    ]
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.fast = True  # no memo: nothing pickled holds a cycle
    pickler.dispatch_table = {**copyreg.dispatch_table, **_STRUCTURE_ONLY}
    pickler.dump((index.linked, sentences))
    return hashlib.sha256(stream.getbuffer()).hexdigest()


def _blanking(cls: type, **blank: Any) -> Any:
    """A pickling reducer for instances of the dataclass ``cls``, with the ``blank`` fields."""
    names = tuple(field.name for field in dataclasses.fields(cls))

    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, tuple(blank[name] if name in blank else getattr(obj, name) for name in names)

    return reduce


_STRUCTURE_ONLY = {
    Briefing: _blanking(Briefing, body=""),
    Mention: _blanking(Mention, start=0, end=0),
    Linked: _blanking(Linked, diagnostics=()),
}


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

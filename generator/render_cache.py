"""Reuse the last build's rendered Markdown when only briefing bodies changed.

Rendering every page of every locale is the costliest of our stages. Of a briefing's body, only
its own story page shows more than the sentences around its mentions (which the index holds); so
when everything the index holds, bodies left out, is as it was at the last successful build
(``structure_digest``), and the templates, catalogs and settings too, every page but the story
pages of the edited briefings is the same Markdown as then: those are rendered again, the rest
reused. Any other change renders everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from .fingerprint import cache_dir, settings_fingerprint
from .index import SiteIndex
from .l10n import L10n
from .locales import SiteConfig
from .model import Briefing
from .render import Page, RenderedLocale, make_environment, render_story_pages

CACHE_VERSION = 1


def render_cache_file(config: SiteConfig) -> Path:
    """The rendered pages of the last successful build."""
    return cache_dir(config) / "rendered.json"


def structure_digest(index: SiteIndex) -> str:
    """The hash of everything the index holds, with every briefing's body left out."""
    digest = hashlib.sha256()
    seen: dict[int, str] = {}

    def feed(value: Any) -> None:
        if isinstance(value, Briefing):
            known = seen.get(id(value))
            if known is None:
                known = repr(dataclasses.replace(value, body=""))
                seen[id(value)] = known
            digest.update(known.encode())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(f"<{type(value).__name__}".encode())
            for item in dataclasses.fields(value):
                feed(getattr(value, item.name))
            digest.update(b">")
        elif isinstance(value, Mapping):
            digest.update(b"{")
            for key, item in value.items():
                feed(key)
                feed(item)
            digest.update(b"}")
        elif isinstance(value, tuple | list):
            digest.update(b"(")
            for item in value:
                feed(item)
            digest.update(b")")
        else:
            digest.update(f"{type(value).__name__}:{value!r};".encode())

    feed(index)
    return digest.hexdigest()


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


def save_rendered(
    config: SiteConfig, key: str, index: SiteIndex, rendered: list[RenderedLocale]
) -> None:
    """Keep a successful build's rendered pages for the next build.

    Written page by page: the whole cache as one JSON string would double the build's memory.
    """
    target = render_cache_file(config)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    head = {"version": CACHE_VERSION, "key": key, "bodies": story_bodies(index)}
    with temporary.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "locales": [')
        for number, locale in enumerate(rendered):
            fields = {
                "locale": locale.locale,
                "site_name": locale.site_name,
                "nav": locale.nav,
                "theme_labels": locale.theme_labels,
            }
            out.write(("," if number else "") + json.dumps(fields, ensure_ascii=False)[:-1])
            out.write(', "pages": [')
            for at, page in enumerate(locale.pages):
                out.write(
                    ("," if at else "") + json.dumps([page.path, page.text], ensure_ascii=False)
                )
            out.write("]}")
        out.write("]}")
    temporary.replace(target)


def _load(config: SiteConfig, key: str) -> dict[str, Any] | None:
    try:
        data = json.loads(render_cache_file(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    return data if data.get("key") == key else None


def _as_rendered(data: dict[str, Any]) -> RenderedLocale:
    return RenderedLocale(
        data["locale"],
        data["site_name"],
        tuple((title, path) for title, path in data["nav"]),
        tuple(Page(path, text) for path, text in data["pages"]),
        tuple((english, label) for english, label in data["theme_labels"]),
    )


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


def render_reusing(
    config: SiteConfig,
    index: SiteIndex,
    l10ns: dict[str, L10n],
    render_all: Callable[[], list[RenderedLocale]],
) -> tuple[list[RenderedLocale], str]:
    """Every locale's pages, from the last build's where they cannot have changed; and the key."""
    key = cache_key(config, index)
    cached = _load(config, key)
    if cached is None or [c["locale"] for c in cached["locales"]] != list(config.locales):
        return render_all(), key
    bodies = story_bodies(index)
    changed = {path for path, digest in bodies.items() if cached["bodies"].get(path) != digest}
    slugs = {index.story_page(slug): slug for slug in index.versions}
    env = make_environment(config.templates_dir)
    fresh = story_pages(config, index, l10ns, env, [slugs[path] for path in sorted(changed)])
    rendered = []
    for data in cached["locales"]:
        previous = _as_rendered(data)
        by_path = {page.path: page for page in fresh[previous.locale]}
        pages = tuple(by_path.get(page.path, page) for page in previous.pages)
        rendered.append(dataclasses.replace(previous, pages=pages))
    return rendered, key

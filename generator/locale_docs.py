"""Each locale's docs tree: rendered and written by a forked worker per locale, kept between builds.

MkDocs reads a locale's pages from its docs tree in the cache folder (``docs_root``): the pages
in one file, the locale's pack (``docs_pack``), and the assets in the locale's folder. Beside each
tree, a record (``<locale>.json``) says what it was rendered from: the render key (everything the
index holds but the bodies, with the templates, catalogs and settings: ``render_cache``) and a
hash of each story's bodies. When the key is the one recorded, only the story pages whose bodies
changed are rendered and written again; otherwise the tree is rendered anew. The record is
removed before a tree is touched and written once it is whole: a tree without its record is
rendered anew.

A worker writes each page as soon as it is rendered (an edited page is appended to the pack: the
last written stands): a locale's pages are never all in memory,
and none goes back to the parent, which gets the tree's summary (``LocaleDocs``) and starts the
locale's MkDocs at once, while other locales are still being rendered.
"""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cpu_slots import RENDER, CpuSlots
from .docs_pack import PackError, PackReader, PackWriter, pack_file, write_pack
from .fingerprint import cache_dir, compiled_templates_dir
from .forked import completed_forked
from .index import SiteIndex
from .l10n import L10n
from .locales import SiteConfig
from .render import (
    Page,
    locale_nav,
    locale_pages,
    make_environment,
    render_story_pages,
    theme_labels,
)
from .render_cache import cache_key, story_bodies

RECORD_VERSION = 2
#: A pack is written anew once it is this many times the size of its pages (``_compact``).
COMPACT_AT = 2


class DocsError(Exception):
    """A rendered page would be written twice, or outside its locale's docs tree."""


@dataclass(frozen=True)
class LocaleDocs:
    """A locale's docs tree as written: what the build needs to run MkDocs and report."""

    locale: str
    site_name: str
    #: Title and docs path of each section's index page.
    nav: tuple[tuple[str, str], ...]
    #: Every page's docs path, in the order rendered.
    paths: tuple[str, ...]
    #: The theme's own English labels (palette toggle, footer) and their translations.
    theme_labels: tuple[tuple[str, str], ...]
    docs_dir: Path
    #: Pages rendered by this build: all of them, or the story pages of edited bodies.
    rendered: int
    #: Pages whose document differs from the last build's (all, when rendered anew): with none,
    #: the locale's published pages stand as they are (``build.build_site``).
    changed: int
    #: A token that changes whenever the tree does: a published locale whose stats carry the
    #: same one was built from this very tree (``incremental.reuse_published_locale``).
    generation: str
    #: While the tree is being written anew: its pack (``docs_pack``), for a MkDocs run that
    #: reads each page as it comes; ``paths`` is empty then, and the summary of the finished
    #: tree follows.
    pending: Path | None = None


def docs_root(config: SiteConfig) -> Path:
    """Where the docs trees and their records are kept (an absolute path: MkDocs reads it)."""
    return cache_dir(config).resolve() / "docs"


@contextlib.contextmanager
def docs_lock(config: SiteConfig) -> Iterator[None]:
    """Hold the docs trees for the length of a build: another build of the site waits for it
    (on systems with ``fcntl``; elsewhere, builds of one site must not overlap)."""
    root = docs_root(config)
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def record_file(config: SiteConfig, locale: str) -> Path:
    """The record of what a locale's docs tree was rendered from."""
    return docs_root(config) / f"{locale}.json"


def page_document(
    page: Page, alternates: dict[str, tuple[str, ...]], default_alternates: tuple[str, ...]
) -> str:
    """The text MkDocs reads for a page: its front matter gets the locales of its alternates."""
    text = page.text
    langs = alternates.get(page.path, default_alternates)
    if text.startswith("---\n"):
        text = "---\nalternates: " + json.dumps(list(langs)) + "\n" + text[4:]
    return text


def write_docs(
    pages: Iterable[Page],
    writer: PackWriter,
    alternates: dict[str, tuple[str, ...]],
    default_alternates: tuple[str, ...],
) -> tuple[str, ...]:
    """Write pages into a locale's pack, refusing two writes to one path or a path outside its
    tree; their paths. Each page's front matter gets ``alternates``: the locales whose same page
    is in its language."""
    written: dict[str, None] = {}
    for page in pages:
        path = _inside(page.path)
        if path in written:
            raise DocsError(f"refusing to write {page.path} twice in a locale's docs")
        written[path] = None
        writer.page(path, page_document(page, alternates, default_alternates))
    return tuple(written)


def _inside(docs_path: str) -> str:
    """A page's docs path, normalised; refused when it would climb out of the tree. Docs paths
    are ours, relative and '/'-separated."""
    path = posixpath.normpath(docs_path)
    if path.startswith(("../", "/")) or path in ("..", "."):
        raise DocsError(f"refusing to write {docs_path} outside a locale's docs")
    return path


def read_record(config: SiteConfig, locale: str) -> dict[str, Any] | None:
    """A locale's record, when there is one this version can read."""
    try:
        data = json.loads(record_file(config, locale).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return None
    return data


def read_locale_docs(config: SiteConfig, locale: str) -> LocaleDocs | None:
    """A locale's docs tree as the last build left it, when it is whole."""
    record = read_record(config, locale)
    if record is None:
        return None
    return _summary(config, record, rendered=0, changed=0)


def _summary(config: SiteConfig, record: dict[str, Any], rendered: int, changed: int) -> LocaleDocs:
    return LocaleDocs(
        locale=record["locale"],
        site_name=record["site_name"],
        nav=tuple((title, path) for title, path in record["nav"]),
        paths=tuple(record["paths"]),
        theme_labels=tuple((english, label) for english, label in record["theme_labels"]),
        docs_dir=docs_root(config) / record["locale"],
        rendered=rendered,
        changed=changed,
        generation=record.get("generation", ""),
    )


def write_locale_docs(
    config: SiteConfig,
    index: SiteIndex,
    l10n: L10n,
    key: str,
    bodies: dict[str, str],
    alternates: dict[str, tuple[str, ...]],
    record: dict[str, Any] | None,
    streamed: bool = False,
) -> LocaleDocs:
    """Bring a locale's docs tree up to date with the index (``key`` and ``bodies``: its render
    key and story body hashes, ``render_cache``): the edited story pages alone when ``record``
    (the tree's, when ``patchable``) is given, else every page. A tree written anew first lists
    in its pack the pages to come; ``streamed``: the caller emptied the pack, and a MkDocs run
    reads it meanwhile (``docs_pack``)."""
    locale = l10n.tag
    docs = docs_root(config) / locale
    env = make_environment(config.templates_dir, compiled_templates_dir(config))
    env.auto_reload = False  # one render: no template changes under it (a look per page else)
    record_file(config, locale).unlink(missing_ok=True)
    if record is not None:
        slugs = {index.story_page(slug): slug for slug in index.versions}
        edited = [
            slugs[path] for path, digest in bodies.items() if record["bodies"].get(path) != digest
        ]
        pages = render_story_pages(
            index, l10n, env, record["site_name"], config.default_locale, config.site_url, edited
        )
        pack = pack_file(docs)
        with PackReader(pack) as written:
            fresh = [
                page for page in pages if not _same_document(page, written, alternates, config)
            ]
            live = sum(written.written[path][1] for path in record["paths"])
        with PackWriter(pack) as writer:
            write_docs(fresh, writer, alternates, config.locales)
        if pack.stat().st_size > COMPACT_AT * live:
            _compact(pack, record["paths"])
        _copy_assets(config, docs)
        rendered, changed = len(pages), len(fresh)
    else:
        shutil.rmtree(docs, ignore_errors=True)
        pack = pack_file(docs)
        if not streamed:
            pack.write_bytes(b"")
        site_name = config.name_in(locale)
        paths, all_pages = locale_pages(
            index, l10n, env, site_name, config.default_locale, config.site_url
        )
        _copy_assets(config, docs)  # the folder is there once the pages are listed
        with PackWriter(pack) as writer:
            writer.announce(paths)
            write_docs(all_pages, writer, alternates, config.locales)
        record = {
            "version": RECORD_VERSION,
            "locale": locale,
            "site_name": site_name,
            "nav": locale_nav(l10n),
            "theme_labels": theme_labels(l10n),
            "paths": paths,
        }
        rendered = changed = len(paths)
    generation = record.get("generation") if changed == 0 else None
    record = {**record, "key": key, "bodies": bodies, "generation": generation or uuid.uuid4().hex}
    temporary = record_file(config, locale).with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    temporary.replace(record_file(config, locale))
    return _summary(config, record, rendered, changed)


def patchable(config: SiteConfig, locale: str, key: str, record: dict[str, Any] | None) -> bool:
    """Whether a locale's tree needs only its edited story pages rendered again: it was
    rendered under the same key and is whole."""
    return (
        record is not None
        and record.get("key") == key
        and _whole(docs_root(config) / locale, record["paths"])
    )


def _copy_assets(config: SiteConfig, docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    assets = config.templates_dir / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs / "assets", dirs_exist_ok=True)


def _whole(docs: Path, paths: list[str]) -> bool:
    """Whether every page the record lists is in the tree's pack, and its folder is there."""
    try:
        with PackReader(pack_file(docs)) as pack:
            return docs.is_dir() and all(path in pack.written for path in paths)
    except (OSError, ValueError, PackError):
        return False


def _same_document(
    page: Page, written: PackReader, alternates: dict[str, tuple[str, ...]], config: SiteConfig
) -> bool:
    """Whether the tree already holds this page's document, byte for byte."""
    if page.path not in written.written:
        return False
    return written.read(page.path) == page_document(page, alternates, config.locales).encode()


def _compact(pack: Path, paths: list[str]) -> None:
    """Write the pack anew, each page once: once edits appended to it hold as many bytes again
    as its pages (``COMPACT_AT``)."""
    with PackReader(pack) as written:
        write_pack(pack, paths, written.read)


def write_every_locale(
    config: SiteConfig,
    index: SiteIndex,
    l10ns: dict[str, L10n],
    alternates: dict[str, tuple[str, ...]],
    workers: int,
    slots: CpuSlots | None = None,
) -> Iterator[LocaleDocs]:
    """Every locale's docs tree brought up to date, in forked workers; each locale's summary as
    soon as its tree is written.

    A tree written anew is announced first, as soon as its child starts (``LocaleDocs.pending``):
    its MkDocs run reads each page as it comes. Such trees are then written one at a time, each
    beside its locale's run, on this machine's two cores; trees that only need their edited
    story pages, side by side.
    """
    key, bodies = cache_key(config, index), story_bodies(index)
    records = {locale: read_record(config, locale) for locale in config.locales}
    patched = {  # a tree to patch keeps its record; one to write anew has none
        locale: record if patchable(config, locale, key, record) else None
        for locale, record in records.items()
    }
    pipelined = workers >= 2 and hasattr(os, "fork")
    anew = {locale for locale, record in patched.items() if pipelined and record is None}
    root = docs_root(config)

    def one(locale: str) -> LocaleDocs:
        return write_locale_docs(
            config,
            index,
            l10ns[locale],
            key,
            bodies,
            alternates,
            patched[locale],
            streamed=locale in anew,
        )

    def announce(locale: str) -> LocaleDocs | None:
        if locale not in anew:
            return None
        l10n = l10ns[locale]
        return LocaleDocs(
            locale=locale,
            site_name=config.name_in(locale),
            nav=locale_nav(l10n),
            paths=(),
            theme_labels=theme_labels(l10n),
            docs_dir=root / locale,
            rendered=0,
            changed=0,
            generation="",
            pending=pack_file(root / locale),
        )

    root.mkdir(parents=True, exist_ok=True)
    for locale in anew:  # each run reads its pack from the start
        pack_file(root / locale).write_bytes(b"")
    return completed_forked(
        one,
        config.locales,
        workers,
        slots,
        RENDER,
        announce=announce,
        at_once=1 if anew else workers,
    )

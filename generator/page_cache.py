"""One locale's MkDocs build that reuses the pages whose Markdown has not changed.

    python -m generator.page_cache CONFIG_FILE
    python -m generator.page_cache --serve FD  (runs forked for orders on socket FD: warm_runs)

MkDocs has no incremental build: each page costs a Markdown conversion, a theme render and the
search plugin's parse of the HTML. In this site a page's HTML depends only on its own Markdown,
the generated config, the theme and the set of pages its links are checked against; so when all
but the first are as they were (the locale's key), a page whose Markdown hash is the one recorded
is not converted or rendered: its HTML is the published file of the last build (hard-linked, so
it keeps its modification time), its search entries and anchors come from the manifest. The
pages of the navigation are always rebuilt (their previous/next links name other pages).

The settings file beside the config (``run_settings.settings_file``) says where the published
locale is, which manifest to read and where to write the new one; without it, a plain build.
The published files' sizes and modification times are read from the stats file the parent wrote
beside the manifest once the site was published (``generator.incremental``).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator import page_meta, recycle, theme_files
from generator.docs_pack import PackError, PackReader, RenderStopped
from generator.mkdocs_hooks import COMPILED_TEMPLATES
from generator.page_helper import PageHelper
from generator.run_settings import settings_file
from generator.warm_runs import WARM_MODULES, serve

MANIFEST_VERSION = 2
#: Printed on stdout every this many pages, for the parent's progress display.
PROGRESS_EVERY = 25


@dataclass
class PageCache:
    """The previous build's pages of one locale, and what this build records for the next."""

    key: str
    previous_site: Path
    nav_pages: frozenset[str]
    old: dict[str, dict[str, Any]]
    #: Each published file's [size, modification time in ns], by its path in the locale.
    stats: dict[str, list[int]] = field(default_factory=dict)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)
    #: The locale's pages (``docs_pack``).
    pack: PackReader | None = None
    #: Whether the pack is still being written: its pages are waited for.
    pending: bool = False
    #: Whether to share the pages with a helper process (not when most are reused).
    helper: bool = True

    def markdown_hash(self, page: Page) -> str:
        """The SHA-256 of the page's Markdown."""
        src = page.file.src_uri
        if src not in self.hashes:
            self.hashes[src] = hashlib.sha256(page.file.content_bytes).hexdigest()
        return self.hashes[src]

    def hit(self, page: Page) -> dict[str, Any] | None:
        """The recorded page, when it can stand for this build's."""
        src = page.file.src_uri
        if src in self.nav_pages:
            return None
        entry = self.old.get(src)
        if entry is None or entry.get("md") != self.markdown_hash(page):
            return None
        if entry.get("dest") != page.file.dest_uri:
            return None
        published = self.previous_site / page.file.dest_uri
        try:
            stat = published.stat()
        except OSError:
            return None
        if self.stats.get(page.file.dest_uri) != [stat.st_size, stat.st_mtime_ns]:
            return None
        return entry


def locale_key(
    settings: dict[str, Any], config_file: Path, pages: Sequence[str], assets: dict[str, Path]
) -> str:
    """What every page of the locale depends on besides its own Markdown: the config, the
    ``assets``' bytes (by docs path), and the docs paths of the ``pages`` and assets."""
    digest = hashlib.sha256(f"page-cache {MANIFEST_VERSION}\0{settings['settings']}\0".encode())
    generated = json.loads(config_file.read_text(encoding="utf-8"))
    generated.pop("docs_dir", None)
    generated.pop("site_dir", None)
    digest.update(json.dumps(generated, sort_keys=True, ensure_ascii=False).encode())
    for relative in sorted([*pages, *assets]):
        digest.update(f"\0{relative}\0".encode())
        if relative in assets:  # pages are hashed one by one
            digest.update(hashlib.sha256(assets[relative].read_bytes()).digest())
    return digest.hexdigest()


def _is_page(docs_path: str) -> bool:
    return docs_path.endswith(".md")


def _docs_files(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every file of a docs tree: its docs path, and itself."""
    for path in docs_dir.rglob("*"):
        if path.is_file():
            yield path.relative_to(docs_dir).as_posix(), path


def read_manifest(path: Path, key: str) -> dict[str, dict[str, Any]]:
    """The pages a manifest records, when it was made under the same key; else none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def read_stats(path: Path) -> dict[str, list[int]]:
    """The published files' stats the parent recorded; none when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            entries: list[dict[str, Any]] = index.entries
            return entries
    return None


def install(cache: PageCache, emit: Callable[[str], None]) -> list[PageHelper]:
    """Make MkDocs' build skip the conversion and rendering of the pages the cache holds, and
    share the building of the rest with a helper process (``generator.page_helper``). Returns
    the list the helper is put in once started, for ``build_locale`` to stop it on failure."""
    populate = mkdocs_build._populate_page
    build_page = mkdocs_build._build_page
    position = [0]
    deferred: dict[str, Files] = {}
    helpers: list[PageHelper] = []

    def cached_populate(
        page: Page, config: MkDocsConfig, files: Files, dirty: bool = False
    ) -> None:
        if cache.pending and not dirty:
            # The page may not be written yet: whether the cache holds it is seen when it is built.
            deferred[page.file.src_uri] = files
        elif not take_cached(page, files):
            defer_or_populate(page, config, files, dirty)

    def take_cached(page: Page, files: Files) -> bool:
        entry = cache.hit(page)
        if entry is None:
            return False
        cache.reused.add(page.file.src_uri)
        page.markdown, page.meta, page.content = "", {}, ""
        if isinstance(page.file, PackedFile):
            page.file.forget()
        page.title = entry["title"]
        page.toc = TableOfContents([])
        _take_in(page, entry, files.get_file_from_path)
        return True

    def build_one(page: Page, config: MkDocsConfig, *args: Any, **kwargs: Any) -> None:
        src = page.file.src_uri
        entries = _search_entries(config)
        if cache.pending and src in deferred and take_cached(page, deferred[src]):
            del deferred[src]
        if src in cache.reused:
            entry = cache.old[src]
            recycle.link(cache.previous_site / page.file.dest_uri, Path(page.file.abs_dest_path))
            if entries is not None:
                entries.extend(entry["entries"])
            cache.new[src] = entry
            return
        before = len(entries) if entries is not None else 0
        recycle.clear(Path(page.file.abs_dest_path))  # it may be a link to a published file
        if src in deferred:
            populate(page, config, deferred.pop(src))
        build_page(page, config, *args, **kwargs)
        digest = cache.markdown_hash(page)  # before the Markdown goes: not read again
        # Written: let the HTML and the Markdown go. The title stays readable from the front
        # matter.
        page.content, page.markdown = None, ""
        if isinstance(page.file, PackedFile):
            page.file.forget()
        if Path(page.file.abs_dest_path).is_file():
            cache.new[src] = {
                "md": digest,
                "dest": page.file.dest_uri,
                "title": page.title,
                "entries": entries[before:] if entries is not None else [],
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {
                    target.src_uri: dict(anchors)
                    for target, anchors in (page.links_to_anchors or {}).items()
                },
            }

    def cached_build_page(page: Page, config: MkDocsConfig, *args: Any, **kwargs: Any) -> None:
        pages: Sequence[File] = args[0]
        at = position[0]
        position[0] += 1
        if at == 0 and cache.helper:
            helper = PageHelper.start(len(pages))
            if helper is not None:
                helpers.append(helper)
        helper = helpers[0] if helpers else None
        if helper is None or helper.claim(at):
            try:
                build_one(page, config, *args, **kwargs)
            except BaseException as error:
                if helper is not None and helper.in_helper:
                    helper.fail(error)
                raise
        if helper is not None and helper.in_helper:
            if at == len(pages) - 1:
                helper.finish({"pages": cache.new, "reused": sorted(cache.reused)})
            return
        if at % PROGRESS_EVERY == PROGRESS_EVERY - 1:
            emit(f"pages {at + 1}")
        if helper is not None and at == len(pages) - 1:
            _merge(cache, helper.collect(), pages, config)

    def defer_or_populate(page: Page, config: MkDocsConfig, files: Files, dirty: bool) -> None:
        """Read and convert a page just before it is built, not all pages first: MkDocs would
        hold every page's HTML at once. Nothing reads another page between the two loops here:
        the navigation's pages have their titles from the generated config."""
        if dirty:
            populate(page, config, files, dirty)
        else:
            deferred[page.file.src_uri] = files

    mkdocs_build._populate_page = cached_populate
    mkdocs_build._build_page = cached_build_page
    if cache.pack is not None:
        # Imported by mkdocs.commands.build, not exported: mypy does not see it there.
        listed = _listed_files(get_files, cache.pack)
        mkdocs_build.get_files = listed  # type: ignore[attr-defined]
    return helpers


class PackedFile(File):
    """A page whose Markdown is in the locale's pack (``docs_pack``), read when MkDocs asks."""

    pack: PackReader

    @property
    def content_bytes(self) -> bytes:
        if self._content is None:
            self._content = self.pack.read(self.src_uri)  # the hash, then MkDocs: read once
        content = self._content
        return content if isinstance(content, bytes) else content.encode()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._content = value

    @property
    def content_string(self) -> str:
        content = self.content_bytes if self._content is None else self._content
        return content if isinstance(content, str) else content.decode("utf-8-sig")

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content = value

    def forget(self) -> None:
        """Let the Markdown go once the page is built (read again if asked)."""
        self._content = None


def _listed_files(walk: Callable[[MkDocsConfig], Files], pack: PackReader) -> Any:
    """``get_files`` for a tree whose pages are in its pack: the files of the docs folder that
    are not pages of the pack (its assets), then the pages as the render child listed them, in
    MkDocs' order (``docs_pack``): while the pack is written, most are not there yet."""

    def get_files(config: MkDocsConfig) -> Files:
        coming = set(pack.pages)
        files = [file for file in walk(config) if file.src_uri not in coming]
        for path in pack.pages:
            page = PackedFile(path, config.docs_dir, config.site_dir, config.use_directory_urls)
            page.pack = pack
            files.append(page)
        set_exclusions(files, config)
        return Files(files)

    return get_files


def _take_in(page: Page, entry: dict[str, Any], file_of: Callable[[str], File | None]) -> None:
    """Give a page built elsewhere (the last build, or the helper) its recorded anchors and
    links, for MkDocs' check of the links to anchors."""
    page.present_anchor_ids = set(entry["anchors"])
    links: dict[File, dict[str, str]] = {}
    for target, anchors in entry["links"].items():
        target_file = file_of(target)
        if target_file is not None:
            links[target_file] = dict(anchors)
    page.links_to_anchors = links


def _merge(
    cache: PageCache, results: dict[str, Any], pages: Sequence[File], config: MkDocsConfig
) -> None:
    """Take in the pages the helper built: their records, anchors and links, and their search
    entries, the whole index then in the order of the pages as one process makes it."""
    by_src = {file.src_uri: file for file in pages}
    for src, entry in results["pages"].items():
        cache.new[src] = entry
        file = by_src.get(src)
        if file is not None and file.page is not None:
            file.page.title = entry["title"]
            _take_in(file.page, entry, by_src.get)
    cache.reused.update(results["reused"])
    entries = _search_entries(config)
    if entries is not None:
        entries[:] = [
            item for file in pages for item in cache.new.get(file.src_uri, {}).get("entries", ())
        ]


def _page_destinations(config: MkDocsConfig, pages: Sequence[str]) -> dict[str, str]:
    """Each page's path in the site, by its docs path."""
    return {
        page: File(page, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
        for page in pages
    }


def _nav_pages(nav: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_pages(value)
    return found


def build_locale(config_file: Path, emit: Callable[[str], None]) -> int:
    """Build one locale as ``mkdocs build --quiet --strict`` does, reusing cached pages."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.ERROR)  # as --quiet does
    logger.propagate = False
    handler = logging.StreamHandler(sys.stderr)
    logger.addHandler(handler)
    settings_path = settings_file(config_file)
    settings = (
        json.loads(settings_path.read_text(encoding="utf-8")) if settings_path.is_file() else None
    )
    pending = bool(settings and settings["pending"])
    pack: PackReader | None = None
    if settings is not None:
        # Its docs folder exists once its pages are listed: MkDocs' config checks it does.
        try:
            pack = PackReader(Path(settings["pack"]), wait=pending)
            pack.wait_ready()
        except (OSError, ValueError, RenderStopped, PackError) as stopped:
            print(f"the locale's pages cannot be read: {stopped}", file=sys.stderr)
            return 1
    config = load_config(str(config_file), strict=True)
    theme_files.install()
    page_meta.install()
    cache: PageCache | None = None
    helpers: list[PageHelper] = []
    if settings is not None and pack is not None:
        if "compiled_templates" in settings:  # for the hooks' on_env
            os.environ[COMPILED_TEMPLATES] = settings["compiled_templates"]
        # The pages come from the pack; the folder's walk gives the assets.
        assets = {
            relative: path
            for relative, path in _docs_files(Path(config.docs_dir))
            if not _is_page(relative)
        }
        pages = pack.pages
        key = locale_key(settings, config_file, pages, assets)
        emit(f"total {len(pages)}")
        cache = PageCache(
            key=key,
            previous_site=Path(settings["previous_site"]),
            nav_pages=frozenset(_nav_pages(config.nav)),
            old=read_manifest(Path(settings["manifest_in"]), key),
            stats=read_stats(Path(settings["stats_in"])),
            pack=pack,
            pending=pending,
            helper=settings.get("helper", True),
        )
        helpers = install(cache, emit)
        destinations = _page_destinations(config, pages)
        # The site folder may be the tree the last build replaced (``recycle``): instead of
        # emptying it, MkDocs leaves the pages there for their builds to link or clear.
        mkdocs_utils.clean_directory = lambda directory: recycle.sweep(
            Path(directory), set(destinations.values())
        )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    except (Abort, RenderStopped) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        for helper in helpers:
            helper.stop()
        config.plugins.on_shutdown()
    if cache is not None and settings is not None:
        site_dir = Path(config.site_dir)
        for src, destination in destinations.items():
            if src not in cache.new:  # not built: no file of an older build stands for it
                recycle.clear(site_dir / destination)
        write_manifest(Path(settings["manifest_out"]), cache)
        emit(f"reused {len(cache.reused)}")
    return 0


def write_manifest(out: Path, cache: PageCache) -> None:
    """The manifest of this build, written page by page: as one JSON string it holds every
    page's search entries a second time, at the end of the run, when its memory peaks."""
    out.parent.mkdir(parents=True, exist_ok=True)
    head = {"version": MANIFEST_VERSION, "key": cache.key}
    with out.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(head)[:-1] + ', "pages": {')
        for number, (src, entry) in enumerate(cache.new.items()):
            handle.write(("," if number else "") + json.dumps(src, ensure_ascii=False) + ":")
            handle.write(json.dumps(entry, ensure_ascii=False))
        handle.write("}}")


def _emit(line: str) -> None:
    print(line, flush=True)


def serve_runs(fd: int) -> int:
    """Import what a run needs, then fork a locale's run for each order that comes over the
    socket ``fd`` (``warm_runs``), until the end of the orders."""
    for module in WARM_MODULES:
        importlib.import_module(module)

    def build(order: dict[str, Any]) -> int:
        os.environ.update(order["env"])
        return build_locale(Path(order["config"]), _emit)

    return serve(socket.socket(fileno=fd), build)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if sys.argv[1:2] == ["--serve"]:
        # Nothing to flush or close: an exit without the interpreter's teardown of MkDocs'
        # modules, which the build would wait for (0.07–0.11 s).
        code = serve_runs(int(sys.argv[2]))
        sys.stderr.flush()
        os._exit(code)
    sys.exit(build_locale(Path(sys.argv[1]), _emit))

"""The check stage's results for the briefing files that did not change since the last build.

Parsing a briefing file and linking its body against the registry cost about 2 ms per file
(N = 1,000: 0.95 s to load, 1.07 s to link); after an edit, all but one file are as they were.
A file's parse depends only on its bytes (and its path, which errors name); its links on its
bytes, the registry and the site's languages. So this cache keeps, by path, each file's SHA-256,
its parse and its links, and uses them again when the bytes are the same — the parses while the
generator's code and libraries are the same, the links while the registry is too; the actor and
place files' parses likewise (0.3 s for 500 of them). Validation,
which looks across files, always runs. The matchers that link an edited file are kept too: the
registry's automaton, and each language's date grammar (built from CLDR in 0.1–0.3 s).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .diagnostics import Diagnostic
from .fingerprint import cache_dir, hash_code, hash_files
from .frontmatter import YamlError
from .link import LinkResult, Matchers
from .load import (
    BriefingFile,
    RegistryFile,
    display_path,
    parse_briefing,
    parse_registry,
    read_briefing,
    read_bytes,
    read_registry,
)
from .locales import SiteConfig
from .mentions.dates import DateMatcher
from .mentions.entities import EntityMatcher
from .model import Briefing, Registry

CACHE_VERSION = 1


#: A content file parsed, or the error that stops it.
Parsed = BriefingFile | RegistryFile | Diagnostic


@dataclass
class _Entry:
    digest: str
    parsed: Parsed
    linked: LinkResult | None = None


class CheckCache:
    """The last build's parses and links, and this build's, to be saved for the next."""

    def __init__(self, file: Path, code: str, links: str, old: dict[str, _Entry]) -> None:
        self.file = file
        self.code = code
        self.links = links
        self._old = old
        self._new: dict[str, _Entry] = {}
        self._changed = False
        self._entities: EntityMatcher | None = None  # of the registry as it is
        self._dates: dict[str, DateMatcher] = {}
        self._matchers: Matchers | None = None

    @classmethod
    def open(cls, config: SiteConfig) -> CheckCache:
        """The cache of ``config``'s builds: what it holds for this code and registry."""
        code = hashlib.sha256(f"check-cache {CACHE_VERSION}\0".encode())
        hash_code(code)
        links = hashlib.sha256(code.digest())
        for folder in ("actors", "places"):
            hash_files(links, folder, config.content_dir / folder)
        links.update(repr(config.locales).encode())
        cache = cls(cache_file(config), code.hexdigest(), links.hexdigest(), {})
        saved = _read(cache.file)
        if saved.get("code") == cache.code and isinstance(saved.get("entries"), dict):
            cache._old = saved["entries"]
            cache._dates = saved.get("dates") or {}
            if saved.get("links") == cache.links:
                cache._entities = saved.get("entities")
            else:
                for entry in cache._old.values():
                    entry.linked = None
        return cache

    def read_briefing(self, path: Path) -> BriefingFile | Diagnostic:
        """``load.read_briefing``, from the cache when the file's bytes are as they were."""
        return self._read(path, parse_briefing, read_briefing)  # type: ignore[return-value]

    def read_registry(
        self, path: Path, kind: Literal["actor", "place"]
    ) -> RegistryFile | Diagnostic:
        """``load.read_registry``, from the cache when the file's bytes are as they were."""
        return self._read(  # type: ignore[return-value]
            path,
            lambda path, shown, data: parse_registry(path, shown, data, kind),
            lambda path: read_registry(path, kind),
        )

    def _read(
        self,
        path: Path,
        parse: Callable[[Path, str, bytes], Parsed],
        read: Callable[[Path], Parsed],
    ) -> Parsed:
        shown = display_path(path)
        try:
            data = read_bytes(path, shown)
        except YamlError:
            return read(path)  # which reports it
        digest = hashlib.sha256(data).hexdigest()
        entry = self._old.get(shown)
        if entry is None or entry.digest != digest:
            entry = _Entry(digest, parse(path, shown, data))
            self._changed = True
        self._new[shown] = entry
        return entry.parsed

    def linked(self, briefing: Briefing) -> LinkResult | None:
        """The links of a briefing whose file is as it was (``link.LinkMemo``)."""
        entry = self._new.get(briefing.path)
        return entry.linked if entry is not None else None

    def remember(self, briefing: Briefing, result: LinkResult) -> None:
        """Keep the links of a briefing read through this cache."""
        entry = self._new.get(briefing.path)
        if entry is not None:
            entry.linked = result
            self._changed = True

    def matchers(self, registry: Registry) -> Matchers:
        """Matchers for ``registry`` with the automaton and date grammars the last build kept
        (``link.LinkMemo``): built from CLDR, a language's grammar takes 0.1–0.3 s."""
        self._matchers = Matchers(registry, entities=self._entities, dates=self._dates)
        return self._matchers

    def save(self) -> None:
        """Write this build's entries for the next, when they differ from the last build's."""
        if self._matchers is not None:
            new_entities = self._matchers.built_entities is not self._entities
            new_dates = self._matchers.built_dates.keys() - self._dates.keys()
            self._entities = self._matchers.built_entities
            self._dates = self._matchers.built_dates
            self._changed |= new_entities or bool(new_dates)
        if not self._changed and self._new.keys() == self._old.keys():
            return
        record = {
            "code": self.code,
            "links": self.links,
            "entries": self._new,
            "entities": self._entities,
            "dates": self._dates,
        }
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as handle, _collector_paused():
            pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.file)

    @contextmanager
    def saver(self) -> Iterator[Callable[[], None]]:
        """A function that starts saving in a forked child, done by the end of the block. The
        build calls it once its MkDocs runs are done: the save (0.4–0.9 s of CPU at N = 1,000)
        then takes the core they leave free, not one the render and MkDocs runs need. Where
        processes cannot fork, it saves there and then. Not called (the build failed first):
        not saved. A child that fails leaves the last cache: the next build parses more."""
        children: list[int] = []

        def start() -> None:
            if children:
                return
            if not hasattr(os, "fork"):
                self.save()
                return
            child = os.fork()
            if child == 0:  # pragma: no cover — the child's coverage is not collected
                code = 1
                try:
                    self.save()
                    code = 0
                finally:
                    os._exit(code)
            children.append(child)

        try:
            yield start
        finally:
            for child in children:
                os.waitpid(child, 0)


def cache_file(config: SiteConfig) -> Path:
    """Where the check cache of ``config``'s builds is kept."""
    return cache_dir(config) / "check.pickle"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Without the cyclic garbage collector: (un)pickling makes a great many objects and no
    garbage, and the collector would walk them again and again (0.51 s → 0.29 s to load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as handle, _collector_paused():
            saved = pickle.load(handle)
    except Exception:  # noqa: BLE001 — missing, or written by another version: start afresh
        return {}
    return saved if isinstance(saved, dict) else {}

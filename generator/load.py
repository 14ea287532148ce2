"""Find and read every content file; parse each one strictly, keeping line numbers for errors."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .diagnostics import Diagnostic, Location, error
from .frontmatter import Document, Mapping, YamlError, decode, parse_yaml, split_front_matter

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
BRIEFING_NAME = re.compile(
    r"(?P<slug>[^.]+)\.(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\.md\Z"
)
MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class BriefingFile:
    """A briefing file, split and parsed; slug and language come from its name."""

    path: str
    slug: str
    lang: str
    document: Document


@dataclass(frozen=True)
class RegistryFile:
    """An actor or place file, parsed; its id is its file name."""

    path: str
    kind: Literal["actor", "place"]
    id: str
    node: Mapping


@dataclass(frozen=True)
class Loaded:
    """Every content file that parsed, and a located error for every one that did not."""

    briefings: tuple[BriefingFile, ...]
    registry: tuple[RegistryFile, ...]
    diagnostics: tuple[Diagnostic, ...]


def display_path(path: Path) -> str:
    """The path as an author would type it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


#: Reads one content file: a briefing file's path, or an actor or place file's path and kind.
ReadBriefing = Callable[[Path], "BriefingFile | Diagnostic"]
ReadRegistry = Callable[[Path, Literal["actor", "place"]], "RegistryFile | Diagnostic"]


def load_content(
    root: Path, read: ReadBriefing | None = None, read_entry: ReadRegistry | None = None
) -> Loaded:
    """Read ``root``/briefings, ``root``/actors and ``root``/places, sorted by path; each
    briefing file with ``read``, each actor or place file with ``read_entry`` (``read_briefing``
    and ``read_registry`` unless given: ``check_cache`` gives its own)."""
    read = read or read_briefing
    briefings: list[BriefingFile] = []
    diagnostics: list[Diagnostic] = []
    if not root.is_dir():
        where = Location(display_path(root))
        return Loaded((), (), (error("content.missing", where, "content directory not found"),))
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or child.name in ("briefings", "actors", "places"):
            continue
        diagnostics.append(
            error(
                "content.unknown",
                Location(display_path(child)),
                "unexpected entry in the content directory: "
                "only briefings/, actors/ and places/ are read",
            )
        )
    for path in _files(root / "briefings"):
        result = read(path)
        if isinstance(result, BriefingFile):
            briefings.append(result)
        else:
            diagnostics.append(result)
    registry, problems = load_registry(root, read_entry)
    return Loaded(tuple(briefings), registry, (*diagnostics, *problems))


def load_registry(
    root: Path, read_entry: ReadRegistry | None = None
) -> tuple[tuple[RegistryFile, ...], tuple[Diagnostic, ...]]:
    """Read ``root``/actors and ``root``/places: parsed files, and an error for each bad one."""
    read_entry = read_entry or read_registry
    registry: list[RegistryFile] = []
    diagnostics: list[Diagnostic] = []
    for kind, folder in (("actor", "actors"), ("place", "places")):
        for path in _files(root / folder):
            entry = read_entry(path, kind)  # type: ignore[arg-type]
            if isinstance(entry, RegistryFile):
                registry.append(entry)
            else:
                diagnostics.append(entry)
    return tuple(registry), tuple(diagnostics)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # A link that leads nowhere (or round in a loop) is listed too: reading it reports it.
    return sorted(
        p
        for p in folder.rglob("*")
        if (p.is_file() or (p.is_symlink() and not p.exists())) and not p.name.startswith(".")
    )


def read_bytes(path: Path, shown: str) -> bytes:
    """A content file's bytes; YamlError when it cannot be read or is too large."""
    try:
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            return path.read_bytes()
    except OSError as exc:
        raise YamlError(
            "file.unreadable", Location(shown), f"cannot read the file: {exc.strerror}"
        ) from None
    raise YamlError(
        "file.too-large", Location(shown), f"file is larger than {MAX_FILE_BYTES >> 20} MiB"
    )


def read_briefing(path: Path) -> BriefingFile | Diagnostic:
    """A briefing file parsed, or the error that stops it."""
    shown = display_path(path)
    try:
        data = read_bytes(path, shown)
    except YamlError as exc:
        return error(exc.code, exc.location, exc.message)
    return parse_briefing(path, shown, data)


def parse_briefing(path: Path, shown: str, data: bytes) -> BriefingFile | Diagnostic:
    """A briefing file's ``data`` parsed (``shown``: its path as errors name it)."""
    match = BRIEFING_NAME.match(path.name)
    if not match or not ID_PATTERN.match(match["slug"]):
        return error(
            "briefing.file-name",
            Location(shown),
            "a briefing's file name is <slug>.<lang>.md with a slug of lowercase letters, digits "
            "and hyphens, such as 2016-09-30-alep-offensive.fr.md",
        )
    try:
        document = split_front_matter(decode(data, shown), shown)
    except YamlError as exc:
        return error(exc.code, exc.location, exc.message)
    return BriefingFile(shown, match["slug"], match["lang"].replace("_", "-"), document)


def read_registry(path: Path, kind: Literal["actor", "place"]) -> RegistryFile | Diagnostic:
    """An actor or place file parsed, or the error that stops it."""
    shown = display_path(path)
    try:
        data = read_bytes(path, shown)
    except YamlError as exc:
        return error(exc.code, exc.location, exc.message)
    return parse_registry(path, shown, data, kind)


def parse_registry(
    path: Path, shown: str, data: bytes, kind: Literal["actor", "place"]
) -> RegistryFile | Diagnostic:
    """An actor or place file's ``data`` parsed (``shown``: its path as errors name it)."""
    if path.suffix not in (".yml", ".yaml") or not ID_PATTERN.match(path.stem):
        return error(
            f"{kind}.file-name",
            Location(shown),
            f"a{'n' if kind == 'actor' else ''} {kind} file is named <id>.yml with an id of "
            "lowercase letters, digits and hyphens, such as aleppo.yml",
        )
    try:
        node = parse_yaml(decode(data, shown), shown)
    except YamlError as exc:
        return error(exc.code, exc.location, exc.message)
    if not isinstance(node, Mapping):
        where = node.location if node is not None else Location(shown, 1, 1)
        return error(f"{kind}.not-mapping", where, f"an {kind} file is a mapping of fields")
    return RegistryFile(shown, kind, path.stem, node)

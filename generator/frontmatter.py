"""Strict YAML: front matter split from the body, parsed into nodes that keep their line and column.

PyYAML's ``safe_load`` accepts duplicate keys, expands aliases and guesses types (``NO`` becomes
``False``). We parse events instead and keep every scalar as written, with its position; the
validator then converts each one to the type its field declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .diagnostics import Location

MAX_FRONT_MATTER_BYTES = 64 * 1024


class YamlError(Exception):
    """A located parse error."""

    def __init__(self, code: str, location: Location, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.location = location
        self.message = message


# Nodes and their locations have slots, not a dictionary each: 5,000 briefings make 330,641
# nodes and as many locations, kept to the end of the build for the check cache.
@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written: ``plain`` when unquoted (so its type may be read from it)."""

    value: str
    plain: bool
    location: Location


@dataclass(frozen=True, slots=True)
class Sequence:
    """A YAML sequence."""

    items: tuple[Node, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Mapping:
    """A YAML mapping with string keys, in document order."""

    items: tuple[tuple[Scalar, Node], ...]
    location: Location

    def get(self, key: str) -> Node | None:
        """The value of ``key``, or None."""
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class Document:
    """A Markdown file split in two: its front matter and its body."""

    front_matter: Mapping
    body: str
    #: 1-based line of the file on which the body starts.
    body_line: int


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is dropped) with ``\\n`` line endings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            "file.encoding", Location(path, line, col), "invalid UTF-8: save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> Document:
    """Split ``---``-fenced front matter from the body and parse it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise YamlError(
            "front-matter.missing",
            Location(path, 1, 1),
            "a briefing starts with front matter: a line '---', YAML fields, then '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise YamlError(
            "front-matter.unclosed",
            Location(path, 1, 1),
            "front matter opened on line 1 is never closed: add a line '---' after its fields",
        )
    yaml_text = "\n".join(lines[1:index]) + "\n"
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise YamlError(
            "front-matter.too-large",
            Location(path, 1, 1),
            f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB",
        )
    node = parse_yaml(yaml_text, path, first_line=2)
    if not isinstance(node, Mapping):
        raise YamlError(
            "front-matter.not-mapping",
            node.location if node else Location(path, 2, 1),
            "front matter must be a mapping of fields ('title: …', 'date: …')",
        )
    body = "\n".join(lines[index + 1 :])
    return Document(node, body, body_line=index + 2)


#: How deep lists and mappings may nest in front matter and registry files.
MAX_DEPTH = 16


#: libyaml's parser, where PyYAML was built with it: the same events, ten times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def parse_yaml(text: str, path: str, *, first_line: int = 1) -> Node | None:
    """Parse one YAML document into located nodes; None when it is empty.

    libyaml reads the document when it is there; on any problem, PyYAML's own parser reads it
    again, so that every error is reported as PyYAML locates and words it.
    """
    if _FAST_LOADER is not None:
        try:
            return _Events(text, path, first_line, _FAST_LOADER).document()
        except (YamlError, UnicodeError):
            pass
    return _Events(text, path, first_line, yaml.SafeLoader).document()


class _Events:
    """Build nodes from PyYAML's event stream, refusing what authors never mean to write."""

    def __init__(self, text: str, path: str, first_line: int, loader: Any) -> None:
        self.path = path
        self.text = text
        self.first_line = first_line
        self.stream = yaml.parse(text, Loader=loader)

    def location(self, mark: Any) -> Location:
        if mark is None:
            return Location(self.path, self.first_line, 1)
        return Location(self.path, mark.line + self.first_line, mark.column + 1)

    def next(self) -> yaml.Event:
        try:
            return next(self.stream)
        except yaml.MarkedYAMLError as exc:
            problem = exc.problem or exc.context or "invalid YAML"
            raise YamlError(
                "yaml.syntax", self.location(exc.problem_mark), f"invalid YAML: {problem}"
            ) from None
        except yaml.reader.ReaderError as exc:
            # A character YAML refuses (NUL, other control characters): located by its offset.
            before = self.text[: exc.position]
            line, column = before.count("\n"), exc.position - (before.rfind("\n") + 1)
            where = Location(self.path, line + self.first_line, column + 1)
            raise YamlError(
                "yaml.character",
                where,
                f"character U+{exc.character:04X} is not allowed in YAML: remove it",
            ) from None
        except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks every parse error
            raise YamlError("yaml.syntax", self.location(None), f"invalid YAML: {exc}") from None

    def document(self) -> Node | None:
        event = self.next()  # StreamStart
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        event = self.next()
        if isinstance(event, yaml.DocumentEndEvent):
            return None
        node = self.node(event)
        end = self.next()
        if not isinstance(end, yaml.DocumentEndEvent):  # pragma: no cover - parser guarantees it
            raise YamlError("yaml.syntax", self.location(end.start_mark), "invalid YAML")
        after = self.next()
        if not isinstance(after, yaml.StreamEndEvent):
            raise YamlError(
                "yaml.multiple-documents",
                self.location(after.start_mark),
                "only one YAML document is allowed here: remove the extra '---'",
            )
        return node

    def node(self, event: yaml.Event, depth: int = 0) -> Node:
        where = self.location(event.start_mark)
        if depth > MAX_DEPTH:
            # Content nests a few levels; a deeper value is an accident or an attack on the stack.
            raise YamlError(
                "yaml.depth", where, f"values nest deeper than {MAX_DEPTH} levels: flatten them"
            )
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(
                "yaml.alias", where, "YAML aliases (*name) are not allowed: write the value out"
            )
        if getattr(event, "anchor", None):
            raise YamlError(
                "yaml.anchor", where, "YAML anchors (&name) are not allowed: write the value out"
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise YamlError("yaml.tag", where, f"YAML tags ({tag}) are not allowed: remove the tag")
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, plain=not event.style, location=where)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not isinstance(child := self.next(), yaml.SequenceEndEvent):
                items.append(self.node(child, depth + 1))
            return Sequence(tuple(items), where)
        if isinstance(event, yaml.MappingStartEvent):
            pairs: list[tuple[Scalar, Node]] = []
            seen: dict[str, Location] = {}
            while not isinstance(child := self.next(), yaml.MappingEndEvent):
                key = self.node(child, depth + 1)
                if not isinstance(key, Scalar):
                    raise YamlError("yaml.key", key.location, "mapping keys must be plain words")
                if key.value in seen:
                    first = seen[key.value]
                    raise YamlError(
                        "yaml.duplicate-key",
                        key.location,
                        f"duplicate key '{key.value}' (first on line {first.line}): keep one",
                    )
                seen[key.value] = key.location
                pairs.append((key, self.node(self.next(), depth + 1)))
            return Mapping(tuple(pairs), where)
        raise YamlError(  # pragma: no cover - exhaustive over PyYAML's node events
            "yaml.syntax", where, "invalid YAML"
        )

"""MkDocs' reading of a docs page's front matter, without the YAML parser for the pages we write.

MkDocs reads each page's front matter with PyYAML (``mkdocs.utils.meta.get_data``): with the C
scanner, still about 0.2 ms a page in Python, 0.48–0.53 s for one locale's 2,303 pages at
N = 1,000 (this reader: 0.19–0.25 s). The renderer writes every value as JSON (``render``'s
``yaml`` filter, ``json_ld``, the lists), one ``key: value`` per line, or ``key:`` over indented
``key: value`` lines; JSON strings, booleans, integers and lists of them mean the same in YAML.
So such front matter is read line by line with ``json.loads``; anything else (a float, an
anchor, a block scalar, a page an author wrote) goes to MkDocs' own reader, as does any line
this reader is not sure of.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import mkdocs.utils.meta as mkdocs_meta

#: A key as the renderer writes it.
KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
INDENT = "  "

_yaml_get_data: Callable[[str], tuple[str, dict[str, Any]]] = mkdocs_meta.get_data


def install() -> None:
    """Make MkDocs read front matter with ``get_data``."""
    mkdocs_meta.get_data = get_data


def get_data(doc: str) -> tuple[str, dict[str, Any]]:
    """The document without its front matter, and the front matter, as MkDocs gives them."""
    match = mkdocs_meta.YAML_RE.match(doc)
    if match is not None:
        data = _json_lines(match.group(1))
        if data is not None:
            return doc[match.end() :].lstrip("\n"), data
    return _yaml_get_data(doc)


def _json_lines(block: str) -> dict[str, Any] | None:
    """The front matter read as JSON values, one key a line; None where unsure."""
    data: dict[str, Any] = {}
    inside: dict[str, Any] | None = None  # the mapping indented lines go into
    for line in block.splitlines():
        nested = line.startswith(INDENT)
        target = data
        if nested:
            if inside is None:
                return None
            target, line = inside, line[len(INDENT) :]
        key, colon, text = line.partition(":")
        if not colon or not KEY.match(key) or key in target:
            return None
        if not text:  # the head of a mapping, on the lines below
            if nested:
                return None
            inside = data[key] = {}
            continue
        if not text.startswith(" ") or text[1:2].isspace():
            return None
        try:
            value = json.loads(text[1:])
        except ValueError:
            return None
        if not _plain(value):
            return None
        target[key] = value
        if not nested:
            inside = None
    if any(value == {} for value in data.values()):
        return None  # "key:" with nothing under it is null in YAML
    return data


def _plain(value: Any) -> bool:
    """Whether a JSON value means the same in YAML: strings, booleans, integers, null and lists
    of them. Not floats (``1e3`` is a string in YAML 1.1), nor objects (``{"a":1}`` is not YAML
    1.1), nor strings with surrogates."""
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, str):
        return value.isascii() or not _SURROGATE.search(value)
    return value is None or isinstance(value, (bool, int))


_SURROGATE = re.compile("[\ud800-\udfff]")

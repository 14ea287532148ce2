"""Content files as an editor's YAML 1.2 language server sees them, for JSON Schema validation.

Our strict parser keeps every scalar as written; editors resolve plain scalars with the YAML 1.2
core schema, where ``2016-09-30`` stays a string but ``338`` is a number and ``true`` a boolean.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.frontmatter import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    decode,
    parse_yaml,
    split_front_matter,
)

_NULL = re.compile(r"(?:null|Null|NULL|~|)\Z")
_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def _scalar(scalar: Scalar) -> Any:
    text = scalar.value
    if not scalar.plain:
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def as_json(node: Node | None) -> Any:
    """A located node as the JSON value a YAML 1.2 reader would make of it."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return _scalar(node)
    if isinstance(node, Sequence):
        return [as_json(item) for item in node.items]
    assert isinstance(node, Mapping)
    return {key.value: as_json(value) for key, value in node.items}


def content_json(path: Path) -> Any:
    """A briefing's front matter, or a registry file, as JSON."""
    text = decode(path.read_bytes(), str(path))
    if path.suffix == ".md":
        return as_json(split_front_matter(text, str(path)).front_matter)
    return as_json(parse_yaml(text, str(path)))

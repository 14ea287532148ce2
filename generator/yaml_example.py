"""Write example values as YAML that authors would type: flow style, quoted only when needed."""

from __future__ import annotations

import json
import re

from .schema import Field, JsonValue

#: Text that YAML reads back as the same string when written unquoted, in a flow collection too.
_PLAIN = re.compile(r"[^\W\d_][\w .’'/-]*\Z")
#: Plain scalars that YAML 1.2 (what editors read) would take for something other than text.
_NOT_TEXT = re.compile(
    r"(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN)\Z"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def flow(value: JsonValue) -> str:
    """``value`` as one line of YAML: ``[who, msf]``, ``{fr: Alep, en: Aleppo}``, ``"a: b"``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        plain = (_PLAIN.match(value) or _DATE.match(value)) and not _NOT_TEXT.match(value)
        return value if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    return "null"


def example_document(fields: tuple[Field, ...]) -> str:
    """Every field with its example, one per line; records as a list of flow mappings."""
    lines = []
    for field in fields:
        if field.example is None:
            continue
        if field.type == "records" and isinstance(field.example, list):
            lines.append(f"{field.name}:")
            lines.extend(f"  - {flow(record)}" for record in field.example)
        else:
            lines.append(f"{field.name}: {flow(field.example)}")
    return "\n".join(lines) + "\n"

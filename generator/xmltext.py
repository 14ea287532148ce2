"""XML documents written the same way every time, from text that may hold anything."""

from __future__ import annotations

import gzip
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

#: Characters XML 1.0 cannot carry at all, escaped or not.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml_text(text: str) -> str:
    """Text XML can hold: characters XML 1.0 forbids removed (ElementTree escapes the rest)."""
    return NOT_XML.sub("", text)


def child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A sub-element with text and attributes, each made XML-safe."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def xml_bytes(root: ET.Element) -> bytes:
    """The document, indented, UTF-8, with an XML declaration."""
    ET.indent(root, space=" ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def write_gzip(path: Path, data: bytes) -> None:
    """Gzip without a name or a time in the header, so equal data gives equal bytes."""
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(data)

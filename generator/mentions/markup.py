"""Where a Markdown body is markup, not prose: no mention may be found there or straddle it.

The renderer wraps mentions in Markdown links, so a mention inside code, a URL, raw HTML or an
existing link would break the page.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CONTAINER = re.compile(r" {0,3}(?:[*+-]|\d{1,9}[.)]|!!!|\?\?\?\+?|===|\[\^[^\]]+\]:|:)(?:\s|$)")
_INDENTED = re.compile(r"(?: {4}|\t)")

_INLINE = [
    # Code spans: a run of backticks closed by a run of the same length, within a paragraph.
    (
        "`",
        re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL),
    ),
    ("<!--", re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)),
    # Raw HTML elements whose content is not prose to link: links, code, scripts, styles.
    (
        "<",
        re.compile(
            r"<(a|code|pre|kbd|samp|script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
        ),
    ),
    # Autolinks, then any other tag.
    ("<", re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")),
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")),
    # Inline links and images, with one level of brackets in the text and of parentheses in
    # the destination; then full and collapsed reference links.
    (
        "](",
        re.compile(
            r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
            r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
        ),
    ),
    ("][", re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\] ?\[[^\[\]]*\]")),
    # Link reference definitions (the whole line) and footnote markers.
    (
        "]:",
        re.compile(
            r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\n?[ \t]*\S+"
            r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$",
            re.MULTILINE,
        ),
    ),
    ("[^", re.compile(r"\[\^[^\]\s]+\]:?")),
    # Admonition and content tab titles (``!!! note "Alep"``, ``=== "Alep"``): plain text, where
    # a link would show as brackets.
    ("!!!", re.compile(r"^[ \t]*!!![^\n]*", re.MULTILINE)),
    ("???", re.compile(r"^[ \t]*\?\?\?\+?[^\n]*", re.MULTILINE)),
    ("===", re.compile(r"^[ \t]*===[^\n]*", re.MULTILINE)),
    # Abbreviation definitions (``*[WHO]: World Health Organization``).
    ("*[", re.compile(r"^\*\[[^\]\n]+\]:.*$", re.MULTILINE)),
    # Attribute lists: ``{: .class #id key=value}``, ``{#id}``, ``{.class}``.
    ("{", re.compile(r"\{(?::|\s*[#.])[^}\n]*\}")),
    # Bare URLs and e-mail addresses; trailing punctuation is prose.
    ("://", re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"]*[^\s<>\"'.,;:!?)\]}»”’]")),
    ("www.", re.compile(r"\bwww\.[^\s<>\"]*[^\s<>\"'.,;:!?)\]}»”’]")),
    ("@", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
]

_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:", re.MULTILINE)
_SHORTCUT = re.compile(r"!?\[([^\[\]]+)\](?![\[(:])")


def _blocks(body: str) -> list[tuple[int, int]]:
    """Fenced code blocks, and indented code blocks outside lists and other containers."""
    spans: list[tuple[int, int]] = []
    fence: tuple[str, int, int] | None = None  # (fence character, length, start offset)
    code_start: int | None = None
    blank_before = True
    in_container = False
    pos = 0
    for line in body.splitlines(keepends=True):
        end = pos + len(line)
        text = line.rstrip("\r\n")
        if fence is not None:
            char, length, start = fence
            closing = text.strip()
            indented = text.startswith("    ")
            if not indented and set(closing) == {char} and len(closing) >= length:
                spans.append((start, end))
                fence = None
        elif code_start is not None and (not text.strip() or _INDENTED.match(text)):
            pass
        else:
            if code_start is not None:
                spans.append((code_start, pos))
                code_start = None
            opened = _FENCE.match(text)
            blank = not text.strip()
            if opened and not (opened.group(1)[0] == "`" and "`" in text[opened.end() :]):
                fence = (opened.group(1)[0], len(opened.group(1)), pos)
            elif not blank and _INDENTED.match(text) and blank_before and not in_container:
                code_start = pos
            elif not blank:
                if _CONTAINER.match(text):
                    in_container = True
                elif not _INDENTED.match(text) and blank_before:
                    in_container = False
            blank_before = blank
        pos = end
    if fence is not None:
        spans.append((fence[2], len(body)))
    if code_start is not None:
        spans.append((code_start, len(body)))
    return spans


def protected_spans(body: str) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` ranges of ``body`` where no mention may be found: code
    blocks and spans, URLs, raw HTML, HTML comments, Markdown links and images, reference
    definitions, attribute lists."""
    spans = (
        _blocks(body) if ("```" in body or "~~~" in body or "    " in body or "\t" in body) else []
    )
    for trigger, pattern in _INLINE:
        if trigger in body:
            spans.extend(match.span() for match in pattern.finditer(body))
    if "]:" in body:
        labels = {_label(m.group(1)) for m in _DEFINITION.finditer(body)}
        spans.extend(m.span() for m in _SHORTCUT.finditer(body) if _label(m.group(1)) in labels)
    return _merge(spans)


def _label(text: str) -> str:
    """A link label as Markdown compares them: case and inner whitespace do not count."""
    return " ".join(text.split()).casefold()


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged

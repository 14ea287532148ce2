"""Strict YAML: every surprise PyYAML allows is refused, with the file's own line and column."""

from __future__ import annotations

import pytest

from generator.frontmatter import Mapping, Scalar, YamlError, decode, split_front_matter


def test_body_starts_after_the_closing_fence() -> None:
    document = split_front_matter("---\ntitle: x\n---\nBody line\n", "a.md")
    assert document.body == "Body line\n"
    assert document.body_line == 4
    title = document.front_matter.get("title")
    assert isinstance(title, Scalar) and title.value == "x" and title.location.line == 2


def test_scalars_keep_their_text() -> None:
    document = split_front_matter("---\ncode: NO\nzip: 012\ntime: 1:20\n---\n", "a.md")
    values = {k.value: v.value for k, v in document.front_matter.items if isinstance(v, Scalar)}
    assert values == {"code": "NO", "zip": "012", "time": "1:20"}


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("---\na: 1\na: 2\n---\n", "yaml.duplicate-key", 3, 1),
        ("---\na: &x 1\nb: *x\n---\n", "yaml.anchor", 2, 4),
        ("---\na: !!python/object:os.system x\n---\n", "yaml.tag", 2, 4),
        ("---\ntitle: x\nlist: [a\n---\n", "yaml.syntax", 4, 1),
        ("---\ntitle: x\n", "front-matter.unclosed", 1, 1),
        ("no front matter\n", "front-matter.missing", 1, 1),
        ("---\n- a\n- b\n---\n", "front-matter.not-mapping", 2, 1),
        ("---\n" + "k: " + "x" * 70000 + "\n---\n", "front-matter.too-large", 1, 1),
        # Nesting deep enough to exhaust Python's stack is refused before it does.
        ("---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n", "yaml.depth", 2, 23),
        ("---\nname: " + "{a: " * 3000 + "x" + "}" * 3000 + "\n---\n", "yaml.depth", 2, 68),
        # A character YAML refuses is located where it stands, on one line.
        ('---\ntitle: "a\x00b"\n---\n', "yaml.character", 2, 10),
    ],
)
def test_refused_with_location(text: str, code: str, line: int, col: int) -> None:
    with pytest.raises(YamlError) as caught:
        split_front_matter(text, "a.md")
    assert caught.value.code == code
    assert (caught.value.location.line, caught.value.location.col) == (line, col)


def test_bom_and_crlf_are_harmless() -> None:
    text = decode("\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n".encode(), "a.md")
    document = split_front_matter(text, "a.md")
    assert document.body == "Body\n"
    assert isinstance(document.front_matter, Mapping)


def test_invalid_utf8_is_located() -> None:
    with pytest.raises(YamlError) as caught:
        decode(b"---\ntitle: caf\xe9\n---\n", "a.md")
    assert caught.value.code == "file.encoding"
    assert (caught.value.location.line, caught.value.location.col) == (2, 11)

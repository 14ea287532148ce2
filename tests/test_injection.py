"""No input reaches any output in executable form: script, event handlers, script URLs, Jinja.

One hostile project — the demo content plus payloads in every text field and in a body full of
raw HTML, Markdown links to script URLs and attribute lists — is built once; every file of its
site is then walked: HTML pages (content, head, JSON-LD, inline SVG), feeds, sitemaps, the search
index (which Material renders as HTML), and api/.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.locales import load_config
from generator.pipeline import build as build_site

from .conftest import MKDOCS_YML, MakeProject
from .factories import SMALL_SITE
from .published import SUBPATH_URL, build_project

#: A Jinja expression whose value (1337) must appear nowhere: the text is never a template.
JINJA = "{{ 7*191 }}{% if true %}evaluated{% endif %}"
IMG = "<img src=x onerror=alert(1)>"
ATTRS = '{: onclick="alert(1)" onmouseover="alert(1)" }'

#: Payloads in every front matter field that holds text, and in a registry entry of each kind.
INJECTION_FILES = {
    "content/actors/eve.yml": f"""\
kind: person
name: {{fr: '{IMG}{JINJA}', en: '[eve](javascript:alert(1))', ar: '<svg onload=alert(1)>'}}
aliases: {{fr: ['<script>alert(1)</script>'], en: ['{ATTRS}', '<a href="javascript:alert(1)">x</a>']}}
description:
  fr: '<iframe src="javascript:alert(1)"></iframe> [lien](javascript:alert(1)) {JINJA}'
  en: '![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) {ATTRS}'
""",
    "content/places/trap.yml": f"""\
kind: site
name: {{fr: '<svg><script>alert(1)</script></svg>', en: '{IMG}', ar: '{JINJA}'}}
aliases: {{en: ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>']}}
description: {{en: '<form action="javascript:alert(1)"><button>go</button></form>'}}
within: aleppo
coordinates: [36.21, 37.16]
""",
    "content/briefings/2016-10-02-injection.fr.md": f"""\
---
title: '{IMG} {JINJA} </title><script>alert(1)</script>'
date: 2016-10-02
summary: '</script><script>alert(1)</script> {ATTRS} [x](vbscript:msgbox(1))'
actors: [eve, who]
places: [trap, aleppo]
tags: [siege]
events:
  - {{date: 2016-10-02, text: '[x](javascript:alert(1)) {IMG} {JINJA}', places: [trap], actors: [eve]}}
figures:
  - {{label: '<script>alert(1)</script>{JINJA}', value: 3, source: eve}}
sources:
  - {{publisher: '](javascript:alert(1)) <a href=javascript:alert(1)>', url: 'https://example.com/x"onmouseover="alert(1)'}}
  - {{publisher: 'Trap', url: 'https://example.com/)](javascript:alert(1))'}}
---
Hello <script>alert(1)</script> {IMG} eve and trap.

[click](javascript:alert(1)) [mixed](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1))
![image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(1))
[spaced]( javascript:alert(1) ) <javascript:alert(1)>

[reference][ref] ![tracker](https://evil.example/pixel.png) <img src="//evil.example/p.png">

[ref]: javascript:alert(1)

A paragraph with handlers
{ATTRS}

## A heading {IMG} {{: onclick="alert(1)" }}

## Escaped &lt;img src=x onerror=alert(1)&gt; and <b>bold</b>

## __config

<a href="javascript:alert(1)" onclick="alert(1)">raw link</a>
<iframe src="https://evil.example/"></iframe>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">
<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>

<div markdown="1" onclick="alert(1)" style="background:url(javascript:alert(1))">inner *text*</div>

<svg><a xlink:href="javascript:alert(1)"><text>x</text></a><animate attributeName="href" to="javascript:alert(1)"/><script>alert(1)</script></svg>

<details open ontoggle="alert(1)"><summary>s</summary>d</details>

<style>body {{ background: url("javascript:alert(1)") }}</style>

<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">

{JINJA}

Allowed inline markup stays: <abbr title="World Health Organization">WHO</abbr>, H<sub>2</sub>O,
<mark>marked</mark>, <kbd>Ctrl</kbd>.
""",
}

#: URL-bearing attributes that must never hold a script or data address.
URL_ATTRIBUTES = {
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "to",
    "from",
    "values",
    "ping",
    "manifest",
}
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
#: Elements that embed or submit; Material's header has forms (search, palette), content none.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
CONTENT_FORBIDDEN_TAGS = {"form", "input", "button", "textarea", "select", "script", "style"}
#: Material's own script bundle, by its hashed file name.
MATERIAL_BUNDLE = re.compile(
    r"(?:/briefings/[a-z]{2}/|(?:\.\./)*)assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js\Z"
)
#: The address Material's inline scripts take as the site's scope: it varies with the page.
SCOPE = re.compile(r'new URL\("[^"\\<]*",location\)')
#: Control characters and spaces a browser ignores in a URL's scheme.
URL_NOISE = re.compile(r"[\x00-\x20]+")


def scheme_is_forbidden(value: str) -> bool:
    """Whether a URL attribute leads to script or data, as a browser would read it."""
    cleaned = URL_NOISE.sub("", html.unescape(value)).lower()
    if any(cleaned.startswith(scheme) for scheme in FORBIDDEN_SCHEMES):
        return True
    # srcset-like lists: every candidate counts.
    return any(part.strip().startswith(FORBIDDEN_SCHEMES) for part in cleaned.split(",")[1:])


class ExecutableFinder(HTMLParser):
    """Collects every executable form in a page: scripts not ours, handlers, script URLs."""

    def __init__(self, allowed_inline: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_inline = allowed_inline
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self.depth_in_content = 0
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.depth_in_content:
            self.depth_in_content += tag == "article"
        elif tag == "article" and "md-content__inner" in values.get("class", ""):
            self.depth_in_content = 1
        where = f"<{tag}> in content" if self.depth_in_content else f"<{tag}>"
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{where} element")
        if self.depth_in_content and tag in CONTENT_FORBIDDEN_TAGS:
            self.problems.append(f"{where} element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"{where} refresh")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"{where} handler {name}={value!r}")
            if name in URL_ATTRIBUTES and scheme_is_forbidden(value):
                self.problems.append(f"{where} {name}={value!r}")
            if name == "style" and re.search(r"javascript:|expression\(|url\(", value, re.I):
                self.problems.append(f"{where} style={value!r}")
        if tag == "script":
            self._script = values
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.depth_in_content and tag == "article":
            self.depth_in_content -= 1
        if tag == "script" and self._script is not None:
            self._check_script(self._script, "".join(self._script_text))
            self._script = None

    def _check_script(self, attrs: dict[str, str], text: str) -> None:
        kind = attrs.get("type", "")
        if "src" in attrs:
            if not MATERIAL_BUNDLE.match(attrs["src"]) or text.strip():
                self.problems.append(f"<script src={attrs['src']!r}>")
        elif kind == "application/ld+json" or attrs.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.problems.append(f"<script type={kind!r}> is not JSON: {text[:80]!r}")
        elif kind:
            self.problems.append(f"<script type={kind!r}>")
        else:
            text = SCOPE.sub("new URL(SCOPE,location)", text)
            self.inline_scripts.append(text)
            if text not in self.allowed_inline:
                self.problems.append(f"inline <script>{text[:80]!r}")


def executable_forms(markup: str, allowed_inline: set[str]) -> list[str]:
    """Every executable form in an HTML document or fragment."""
    finder = ExecutableFinder(allowed_inline)
    finder.feed(markup)
    finder.close()
    return finder.problems


def inline_scripts(markup: str) -> list[str]:
    """The plain inline scripts of a page."""
    finder = ExecutableFinder(set())
    finder.feed(markup)
    finder.close()
    return finder.inline_scripts


def files(site: Path, suffix: str) -> Iterator[Path]:
    """The site's files with a suffix, in a stable order."""
    return iter(sorted(site.rglob(f"*{suffix}")))


def json_strings(value: object) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content, the shared hostile files and the injection payloads, built."""
    project = tmp_path_factory.mktemp("injection")
    return build_project(project, site_url=SUBPATH_URL, hostile=True, extra=INJECTION_FILES)


@pytest.fixture(scope="module")
def material_scripts(demo_site: Path) -> set[str]:
    """Material's own inline scripts, as a build of harmless content writes them."""
    found: set[str] = set()
    for page in files(demo_site, ".html"):
        found.update(inline_scripts(page.read_text(encoding="utf-8")))
    assert found, "Material's inline scripts were not found"
    return found


def test_the_checker_finds_every_payload_it_looks_for(material_scripts: set[str]) -> None:
    page = (
        '<article class="md-content__inner"><p onclick="x">a</p><a href=" java\tscript:x">b</a>'
        '<img src="DATA:text/html,x"><svg><a xlink:href="vbscript:x"></a></svg><form></form>'
        "<script>alert(1)</script></article><iframe></iframe>"
        '<script src="https://evil.example/x.js"></script><script type="application/ld+json">'
        "{</script>"
    )
    assert len(executable_forms(page, material_scripts)) == 10  # the inline script twice
    assert executable_forms('<form class="md-search__form"></form>', material_scripts) == []


def test_no_html_page_holds_an_executable_form(
    hostile_site: Path, material_scripts: set[str]
) -> None:
    pages = list(files(hostile_site, ".html"))
    injected = hostile_site / "fr/briefings/2016/10/02/2016-10-02-injection/index.html"
    assert injected in pages
    problems = {
        str(page.relative_to(hostile_site)): found
        for page in pages
        if (found := executable_forms(page.read_text(encoding="utf-8"), material_scripts))
    }
    assert problems == {}


def test_payloads_are_shown_as_text_not_dropped(hostile_site: Path) -> None:
    page = hostile_site / "fr/briefings/2016/10/02/2016-10-02-injection/index.html"
    text = page.read_text(encoding="utf-8")
    # The title is text: escaped in <title>, in the heading, and in the meta description.
    assert "<title>&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Allowed inline markup of the body is kept; the rest of the body's text too.
    assert '<abbr title="World Health Organization">' in text
    assert "H<sub>2</sub>O" in text and "<mark>marked</mark>" in text
    assert "inner <em>text</em>" in text
    # No image from another host: the site makes no third-party request.
    assert "evil.example/p" not in text and '<img alt="tracker">' in text
    # A heading cannot take the id of an element Material's scripts look up.
    assert 'id="__config"' not in text.split('<script id="__config"')[0]


def test_jinja_in_content_is_never_evaluated(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv"}:
            assert "1337" not in path.read_text(encoding="utf-8"), path
    page = hostile_site / "fr/briefings/2016/10/02/2016-10-02-injection/index.html"
    assert JINJA in html.unescape(page.read_text(encoding="utf-8"))


def test_search_index_text_holds_no_executable_markup(
    hostile_site: Path, material_scripts: set[str]
) -> None:
    for index in files(hostile_site, "search_index.json"):
        documents = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert any("injection" in doc["location"] for doc in documents)
        for doc in documents:
            for field in ("title", "text"):
                # Material shows these as HTML in its results.
                fragment = f'<article class="md-content__inner">{doc[field]}</article>'
                assert executable_forms(fragment, material_scripts) == [], (index, doc)
                assert "<script" not in doc[field].lower(), (index, doc)


def test_json_ld_parses_and_cannot_close_its_script(hostile_site: Path) -> None:
    page = hostile_site / "en/briefings/2016/10/02/2016-10-02-injection/index.html"
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert blocks
    for block in blocks:
        data = json.loads(block)
        assert "<" not in block  # < is written \u003c: no </script> can end the block early
        assert any("<script>" in value for value in json_strings(data))


def test_feeds_and_sitemaps_carry_text_only(hostile_site: Path) -> None:
    for path in [*files(hostile_site, "feed.xml"), *files(hostile_site, "sitemap.xml")]:
        root = ET.fromstring(path.read_bytes())
        for element in root.iter():
            # Atom text constructs are plain text; a reader never renders them as HTML.
            assert element.get("type") in (None, "text", "application/atom+xml", "text/html")
            if element.tag.endswith("}content"):
                assert element.get("type") != "html"
            for name, value in element.attrib.items():
                if name == "href" or name.endswith("}href"):
                    assert not scheme_is_forbidden(value), (path, value)
            if element.tag.endswith("}loc"):
                assert (element.text or "").startswith(SUBPATH_URL)


def url_values(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every (key, string) pair of a JSON value whose key names an address."""
    if isinstance(value, str):
        if re.search(r"url|href|link|@id|sameas|^id$", key, re.I):
            yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from url_values(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from url_values(item, key)


def test_open_data_carries_text_only(hostile_site: Path) -> None:
    api = hostile_site / "api"
    texts = []
    for path in files(api, ".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.extend(json_strings(data))
        for key, value in url_values(data):
            assert not scheme_is_forbidden(value), (path, key, value)
    # The payloads are there, as data: a consumer gets what the author wrote.
    assert "[eve](javascript:alert(1))" in texts
    for path in files(api, ".csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                # A spreadsheet runs a cell that starts with =, +, - or @ as a formula.
                assert not cell.startswith(("=", "+", "@")), (path, cell)


def test_the_projects_own_hooks_run_before_the_sanitiser(make_project: MakeProject) -> None:
    hook = """
def on_page_content(html, page, **kwargs):
    return html + '<p class="stamped">stamped</p><script>alert(1)</script>'
"""
    project = make_project(
        {**SMALL_SITE, "hooks/stamp.py": hook}, mkdocs_yml=MKDOCS_YML + "hooks: [hooks/stamp.py]\n"
    )
    build_site(load_config(project / "mkdocs.yml"))
    page = (project / "site/fr/actors/who/index.html").read_text(encoding="utf-8")
    assert '<p class="stamped">stamped</p>' in page
    assert "alert(1)" not in page

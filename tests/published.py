"""Builds for the feed, sitemap and open-data tests: under a sub-path, hostile text, no site_url."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SUBPATH_URL = "https://example.org/briefings/"
SCRIPT = "<script>alert(1)</script>"
#: A right-to-left override: text may carry any Unicode.
BIDI = "\u202e"

HOSTILE_FILES = {
    "content/actors/mallory.yml": f"""\
kind: person
name: {{fr: "{SCRIPT} & \\"Mallory\\"", en: "javascript:alert(1)", ar: "{BIDI}مالوري"}}
""",
    "content/places/nowhere.yml": f"""\
kind: site
name: {{fr: "{SCRIPT}", en: "=HYPERLINK(\\"http://evil.example\\")"}}
within: aleppo
""",
    "content/briefings/2016-10-01-hostile.en.md": f"""\
---
title: "{SCRIPT} & \\"quoted\\" {BIDI}title"
date: 2016-10-01T09:30:00+03:00
updated: 2016-10-02
summary: "javascript:alert(1) <img src=x onerror=alert(1)> ]]> &amp;"
actors: [mallory, who]
places: [nowhere]
events:
  - {{date: 2016-10-01, text: "=1+1 {SCRIPT}", places: [nowhere], actors: [mallory, who]}}
figures:
  - {{label: killed, value: 7, source: mallory}}
sources:
  - {{publisher: "@evil {SCRIPT}", url: "https://example.com/?a=1&b=<2>"}}
---
Nothing to see.
""",
}


def build_project(
    project: Path, *, site_url: str, hostile: bool = False, extra: dict[str, str] | None = None
) -> Path:
    """The demo content (plus the hostile files, and ``extra``) built under ``site_url``.

    Returns the project's site/.
    """
    from generator.locales import load_config
    from generator.pipeline import build

    for name in ("content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [
        f"site_url: {site_url}" if line.startswith("site_url:") else line
        for line in mkdocs_yml.splitlines()
    ]
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if hostile:
        for relative, text in HOSTILE_FILES.items():
            (project / relative).write_text(text, encoding="utf-8")
    for relative, text in (extra or {}).items():
        (project / relative).write_text(text, encoding="utf-8")
    build(load_config(project / "mkdocs.yml"))
    return project / "site"


def front_matter(slug: str, lang: str) -> dict[str, Any]:
    """The front matter of a demo briefing, read with plain YAML."""
    text = (ROOT / "content" / "briefings" / f"{slug}.{lang}.md").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return data


def file_for(site: Path, site_url: str, address: str) -> Path:
    """The file of the built site an absolute address under ``site_url`` leads to."""
    assert address.startswith(site_url), address
    rest = unquote(urlsplit(address[len(site_url) :]).path)
    target = site / rest
    return target / "index.html" if rest.endswith("/") or not rest else target


def relative_file(site: Path, folder: str, link: str) -> Path:
    """The file a relative link leads to from a file in ``folder`` (relative to the site root)."""
    assert not urlsplit(link).scheme and not link.startswith("/"), link
    base = "https://site.invalid/"
    return file_for(site, base, urljoin(base + folder, link))

"""The sites ours is compared with: plain Material on pages of our sizes, and Hugo.

Both are written from the corpus project (``corpus.py``) and from the pages our render stage made
(``stages.py --pages``), so that they hold the same number of pages; a plain page holds as many
characters as a reader sees on ours (its text, without front matter or markup).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml
from corpus import FILLER

#: Section index pages, the only ones in the navigation of ours and of the plain twin.
NAV = (
    ("Home", "index.md"),
    ("Briefings", "briefings/index.md"),
    ("Actors", "actors/index.md"),
    ("Places", "places/index.md"),
    ("Dates", "dates/index.md"),
)


def plain_text(size: int, rng: random.Random) -> str:
    """Plain Markdown of ``size`` characters: a heading and paragraphs of words, no links."""
    words = FILLER["en"]
    parts = [f"# {' '.join(rng.choices(words, k=4)).capitalize()}\n"]
    length = len(parts[0])
    while length < size:
        paragraph = "\n" + " ".join(rng.choices(words, k=80)).capitalize() + ".\n"
        parts.append(paragraph)
        length += len(paragraph)
    return "".join(parts)[:size].rstrip() + "\n"


def write_plain(
    project: Path, sizes: dict[str, list[tuple[str, int]]], settings: Path
) -> list[Path]:
    """Per locale, a docs tree of plain pages at our paths and sizes, and its MkDocs config.

    The config is the corpus's mkdocs.yml (same Material features, palette and Markdown
    extensions) without our overrides and stylesheet, with our navigation of section pages.
    """
    shared: dict[str, Any] = yaml.safe_load(settings.read_text(encoding="utf-8"))
    shared["theme"].pop("custom_dir", None)
    for key in ("extra", "extra_css"):
        shared.pop(key, None)
    configs = []
    for locale, pages in sizes.items():
        rng = random.Random(f"plain-{locale}")
        docs = project / "docs" / locale
        for path, size in pages:
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(plain_text(size, rng), "utf-8")
        config = {
            **shared,
            "site_url": f"https://plain.example.org/{locale}/",
            "docs_dir": str(docs.resolve()),
            "site_dir": str((project / "site" / locale).resolve()),
            "theme": {**shared["theme"], "language": locale},
            "plugins": [{"search": {"lang": [locale]}}],
            "nav": [{title: path} for title, path in NAV],
            "validation": {"nav": {"omitted_files": "ignore"}},
        }
        config_file = project / f"mkdocs.{locale}.yml"
        config_file.write_text(json.dumps(config, ensure_ascii=False, indent=1), "utf-8")
        configs.append(config_file)
    return configs


def build_plain(configs: list[Path]) -> float:
    """One plain ``mkdocs build`` per locale, side by side as ours run; the wall time."""
    for config in configs:
        shutil.rmtree(json.loads(config.read_text("utf-8"))["site_dir"], ignore_errors=True)
    workers = max(1, min(len(configs), os.cpu_count() or 1))

    def run(config: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(config)],
            check=True,
            capture_output=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    os.sync()  # untimed: the files of the build before are written out
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, configs))
    return time.perf_counter() - started


HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body>
<nav>{{ range slice "briefings" "actors" "places" "dates" }}
<a href="{{ printf "%s/" . | relLangURL }}">{{ . }}</a>
{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }} – {{ .Params.summary }}</p>
{{ .Content }}
{{ range $taxonomy, $_ := .Site.Taxonomies }}<ul>
{{ range $.GetTerms $taxonomy }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
</ul>{{ end }}
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>
{{ end }}</ul>
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
}


def write_hugo(project: Path, corpus: Path, locales: tuple[str, ...]) -> Path:
    """A Hugo site of the corpus: every story in every locale (its own version, else the first
    locale's, else any), with ``actors``, ``places`` and ``dates`` taxonomies, and a term page for
    every actor and place as ours has."""
    manifest = json.loads((corpus / "corpus.json").read_text("utf-8"))["briefings"]
    versions: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in manifest:
        versions.setdefault(entry["slug"], {})[entry["lang"]] = entry
    content = corpus / "content"
    registry = {
        kind: {
            p.stem: yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((content / kind).glob("*.yml"))
        }
        for kind in ("actors", "places")
    }
    lines = [
        'baseURL = "https://hugo.example.org/"',
        'title = "Briefings"',
        f'defaultContentLanguage = "{locales[0]}"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["sitemap", "robotsTXT"]',
        "[taxonomies]",
        'actor = "actors"',
        'place = "places"',
        'date = "dates"',
        "[permalinks]",
        'briefings = "/briefings/:year/:month/:day/:slug/"',
        "[outputs]",
        'home = ["HTML", "RSS"]',
        'section = ["HTML"]',
        'taxonomy = ["HTML"]',
        'term = ["HTML"]',
    ]
    for weight, locale in enumerate(locales, 1):
        direction = "rtl" if locale == "ar" else "ltr"
        lines += [
            f"[languages.{locale}]",
            f'contentDir = "content/{locale}"',
            f"weight = {weight}",
            f'languageDirection = "{direction}"',
        ]
        root = project / "content" / locale
        for slug, by_lang in versions.items():
            lang = next((x for x in (locale, locales[0]) if x in by_lang), sorted(by_lang)[0])
            entry = by_lang[lang]
            text = (content / "briefings" / entry["file"]).read_text("utf-8")
            meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
            body = text.split("\n---\n", 1)[1]
            front = {
                "title": meta["title"],
                "date": str(meta["date"]),
                "slug": slug,
                "summary": meta["summary"],
                "actors": entry["actors"],
                "places": entry["places"],
                "dates": entry["dates"],
            }
            _write(root / "briefings" / f"{slug}.md", front, body)
        for kind, entities in registry.items():
            for entity_id, data in entities.items():
                names = data["name"]
                title = names.get(locale) or names[locales[0]]
                description = (data.get("description") or {}).get(locale, "")
                _write(root / kind / entity_id / "_index.md", {"title": title}, description + "\n")
        _write(root / "_index.md", {"title": "Briefings"}, "")
    (project / "config.toml").write_text("\n".join(lines) + "\n", "utf-8")
    for path, text in HUGO_LAYOUTS.items():
        target = project / "layouts" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return project


def _write(path: Path, front: dict[str, Any], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = json.dumps(front, ensure_ascii=False)  # JSON front matter: Hugo reads it as is
    path.write_text(f"{meta}\n\n{body}", "utf-8")


def build_hugo(project: Path) -> float:
    """A clean ``hugo`` build; the wall time."""
    for name in ("public", "resources"):
        shutil.rmtree(project / name, ignore_errors=True)
    os.sync()  # untimed: the files of the build before are written out
    started = time.perf_counter()
    subprocess.run(
        ["hugo", "--quiet", "--source", str(project), "--destination", str(project / "public")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started

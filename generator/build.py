"""Write each locale's docs, run MkDocs once per locale in parallel, add the root page, swap in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .l10n import L10n
from .locales import SiteConfig, direction
from .open_graph import og_locale
from .render import RenderedLocale


class BuildError(Exception):
    """MkDocs failed for a locale; the published site was left untouched."""


@dataclass(frozen=True)
class BuildReport:
    """What a build made."""

    locales: tuple[str, ...]
    pages: int
    html_files: int


def write_docs(
    rendered: RenderedLocale,
    docs_dir: Path,
    alternates: dict[str, tuple[str, ...]],
    default_alternates: tuple[str, ...],
) -> None:
    """Write a locale's Markdown pages, refusing two writes to one path or a path outside.

    Each page's front matter gets ``alternates``: the locales whose same page is in its language.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for page in rendered.pages:
        target = (docs_dir / page.path).resolve()
        if page.path in written or not target.is_relative_to(docs_dir.resolve()):
            raise BuildError(f"refusing to write {page.path} twice or outside {docs_dir}")
        written.add(page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.text
        langs = alternates.get(page.path, default_alternates)
        if text.startswith("---\n"):
            text = "---\nalternates: " + json.dumps(list(langs)) + "\n" + text[4:]
        target.write_text(text, encoding="utf-8")


def locale_config(
    config: SiteConfig,
    rendered: RenderedLocale,
    docs_dir: Path,
    site_dir: Path,
    language_names: dict[str, str],
) -> dict[str, object]:
    """The generated MkDocs config of one locale; it INHERITs the project's mkdocs.yml."""
    locale = rendered.locale
    return {
        "INHERIT": str(config.mkdocs_yml.resolve()),
        "site_name": rendered.site_name,
        "site_url": f"{config.site_url}{locale}/" if config.site_url else "",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {
            "name": "material",
            "language": locale.split("-")[0],
            "custom_dir": str((config.templates_dir / "overrides").resolve()),
        },
        "nav": [{title: path} for title, path in rendered.nav],
        "plugins": [{"search": {"lang": _search_language(locale)}}],
        "extra": {
            "locales": list(config.locales),
            "locale": locale,
            # Open Graph's language_TERRITORY of each locale, for og:locale(:alternate).
            "og_locales": {tag: og_locale(tag) for tag in config.locales},
            # hreflang alternates are absolute where the site's address is known.
            "site_root": config.site_url,
            "alternate": [
                {"name": language_names[tag], "link": f"../{tag}/", "lang": tag}
                for tag in config.locales
            ],
        },
        "validation": {"nav": {"omitted_files": "ignore"}},
    }


# lunr languages Material ships; others fall back to English stemming.
_LUNR = {
    "ar",
    "da",
    "de",
    "du",
    "es",
    "fi",
    "fr",
    "hi",
    "hu",
    "hy",
    "it",
    "ja",
    "kn",
    "ko",
    "nl",
    "no",
    "pt",
    "ro",
    "ru",
    "sa",
    "sv",
    "ta",
    "te",
    "th",
    "tr",
    "vi",
    "zh",
}


def _search_language(locale: str) -> list[str]:
    base = locale.split("-")[0]
    return [base] if base in _LUNR or base == "en" else ["en"]


def run_mkdocs(config_file: Path) -> None:
    """One plain MkDocs build, in its own process (MkDocs keeps global state)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(config_file)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise BuildError(f"MkDocs failed for {config_file.name}:\n{result.stderr.strip()}")


def build_site(
    config: SiteConfig,
    rendered: Sequence[RenderedLocale],
    l10ns: dict[str, L10n],
    alternates: dict[str, tuple[str, ...]],
    *,
    jobs: int | None = None,
    extra_outputs: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build every locale into a staging folder, then replace the output folder in one move.

    ``extra_outputs`` writes more files into the staging folder once MkDocs has run (feeds,
    sitemaps, open data); if it fails, the published site is left untouched.
    """
    output = config.output_dir
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=output.parent)).resolve()
    staging = work / "site"
    try:
        configs = []
        names = {tag: _capitalised(l10ns[tag].language_name(tag)) for tag in config.locales}
        for locale in rendered:
            docs = work / "docs" / locale.locale
            write_docs(locale, docs, alternates, config.locales)
            assets = config.templates_dir / "assets"
            if assets.is_dir():
                shutil.copytree(assets, docs / "assets", dirs_exist_ok=True)
            settings = locale_config(config, locale, docs, staging / locale.locale, names)
            config_file = work / f"mkdocs.{locale.locale}.yml"
            config_file.write_text(json.dumps(settings, ensure_ascii=False, indent=1), "utf-8")
            configs.append(config_file)
        workers = jobs or max(1, min(len(configs), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run_mkdocs, configs))
        write_root(config, staging, names)
        if extra_outputs is not None:
            extra_outputs(staging)
        html_files = sum(1 for _ in staging.rglob("*.html"))
        _swap(staging, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(len(r.pages) for r in rendered)
    return BuildReport(tuple(r.locale for r in rendered), pages, html_files)


def write_root(config: SiteConfig, staging: Path, names: dict[str, str]) -> None:
    """The root page: a choice of language, leading to the reader's preferred one."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(config.templates_dir), autoescape=True)
    languages = [{"tag": tag, "name": names[tag], "dir": direction(tag)} for tag in config.locales]
    for language in languages:
        language["site_name"] = config.name_in(language["tag"])
    html = env.get_template("root.html.j2").render(
        site_name=config.name_in(config.default_locale),
        languages=languages,
        default=config.default_locale,
    )
    (staging / "index.html").write_text(html, encoding="utf-8")


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _swap(staging: Path, output: Path) -> None:
    """Replace ``output`` with ``staging``: the old site stays whole until the new one is ready."""
    old = output.with_name(output.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if old.exists():
        shutil.rmtree(old)

"""Write each locale's docs, run MkDocs once per locale in parallel, add the root page, swap in."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import recycle
from .build_report import LocaleReport, html_file, locale_report, missing_pages
from .cpu_slots import MKDOCS, RENDER, CpuSlots
from .docs_pack import mark_failed, pack_file
from .incremental import (
    keep_unchanged_files,
    promote_manifests,
    reuse_published_locale,
    run_locale,
    write_cache_settings,
)
from .l10n import L10n
from .locale_docs import LocaleDocs
from .locales import SiteConfig, direction
from .open_graph import og_locale
from .progress import BuildProgress
from .publish import make_staging, remove_later, replace_folder
from .warm_runs import WarmRuns

#: The share of a locale's pages changed up to which its MkDocs run takes no CPU slot and no
#: helper process (``light_run``).
LIGHT_RUN = 0.02
#: The MkDocs hooks every locale's build runs.
HOOKS = Path(__file__).resolve().with_name("mkdocs_hooks.py")


class BuildError(Exception):
    """MkDocs failed for a locale; the published site was left untouched."""


@dataclass(frozen=True)
class BuildReport:
    """What a build made."""

    locales: tuple[str, ...]
    pages: int
    html_files: int
    #: Each locale's pages by kind, HTML files and feeds.
    by_locale: tuple[LocaleReport, ...] = ()
    #: Files of the open data under api/.
    api_files: int = 0
    #: Every published file's [size, modification time in ns], by path in the site.
    files: dict[str, list[int]] = field(default_factory=dict)


def locale_config(
    config: SiteConfig,
    rendered: LocaleDocs,
    docs_dir: Path,
    site_dir: Path,
    language_names: dict[str, str],
) -> dict[str, object]:
    """The generated MkDocs config of one locale; it INHERITs the project's mkdocs.yml."""
    locale = rendered.locale
    return {
        "INHERIT": str(config.mkdocs_yml.resolve()),
        "site_name": rendered.site_name,
        "site_description": config.description_in(locale),
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
        # The project's hooks, then ours, which sanitises every page's content HTML last.
        "hooks": [str(hook.resolve()) for hook in config.hooks] + [str(HOOKS)],
        "extra": {
            "locales": list(config.locales),
            "locale": locale,
            # Translations of the theme's English labels, for site_templates/overrides/partials.
            "theme_labels": dict(rendered.theme_labels),
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


def run_mkdocs(
    config_file: Path, progress: BuildProgress | None = None, warm: WarmRuns | None = None
) -> None:
    """One MkDocs build, in its own process (MkDocs keeps global state), reusing cached pages;
    in one of the ``warm`` runs if one is waiting."""
    returncode, errors = run_locale(config_file, progress.locale if progress else None, warm)
    if returncode != 0:
        raise BuildError(f"MkDocs failed for {config_file.name}:\n{errors.strip()}")


def build_site(
    config: SiteConfig,
    locales: Iterable[LocaleDocs],
    l10ns: dict[str, L10n],
    *,
    jobs: int | None = None,
    extra_outputs: Callable[[Path, Sequence[LocaleDocs]], None] | None = None,
    progress: BuildProgress | None = None,
    slots: CpuSlots | None = None,
    warm: WarmRuns | None = None,
    kept: recycle.KeptTree | None = None,
    runs_done: Callable[[], None] | None = None,
) -> BuildReport:
    """Build every locale into a staging folder, then replace the output folder in one move.

    ``locales`` gives each locale's docs tree as soon as it is written, and a tree written anew
    as soon as its writing starts (``LocaleDocs.pending``): its MkDocs starts then, reading each
    page as it comes (``docs_pack``); if the writing fails, the run is told to stop.
    ``extra_outputs`` writes more files for the site (feeds,
    sitemaps, open data) into a folder of their own while MkDocs runs; they join the staging
    folder once MkDocs is done. Each MkDocs run holds one of ``slots`` (shared with the render
    children) while it runs; ``warm`` forks the MkDocs runs, ``kept`` makes the tree to stage
    in from the published site when no build kept one (``recycle``); ``runs_done`` is called
    once every run is done. If anything fails, the published site is left untouched.
    """
    output = config.output_dir
    work = make_staging(output)
    staging = work / "site"
    published = False
    try:
        if kept is not None:
            kept.wait()
        recycle.take(config, staging)  # the site the last build replaced, if kept
        names = language_names(config, l10ns)
        workers = jobs or max(1, min(len(config.locales), os.cpu_count() or 1))
        if slots is not None:  # every run waits in the slots' queue, in its order of priority
            workers = len(config.locales)
        written: list[LocaleDocs] = []
        extras = work / "extras"
        with ThreadPoolExecutor(max_workers=workers) as pool, ThreadPoolExecutor(1) as side:
            runs = []
            being_written: dict[str, Path] = {}  # locale → pack of a tree its run reads
            try:
                for docs in locales:
                    if docs.pending is not None:
                        # Written anew: its run starts now, reading each page as it comes; it
                        # goes before the next locale's render, as that render's own part.
                        being_written[docs.locale] = docs.pending
                        config_file = write_locale_config(config, docs, work, names)
                        runs.append(
                            pool.submit(_run_in_slot, slots, config_file, progress, RENDER, warm)
                        )
                        continue
                    written.append(docs)
                    if progress is not None:
                        progress.locale(docs.locale, f"rendered {docs.rendered}")
                    if being_written.pop(docs.locale, None) is not None:
                        continue  # its run started with it
                    runs.append(
                        pool.submit(_publish, config, docs, work, names, progress, slots, warm)
                    )
            except BaseException:
                for pack in being_written.values():  # the runs waiting on them stop
                    mark_failed(pack)
                raise
            written.sort(key=lambda docs: config.locales.index(docs.locale))
            if extra_outputs is not None:
                runs.append(side.submit(extra_outputs, extras, written))
            for run in runs:
                run.result()
        if runs_done is not None:
            runs_done()
        check_every_page_written(written, staging)
        write_root(config, staging, names)
        move_files(extras, staging)
        files = keep_unchanged_files(staging, output)
        html_files = sum(1 for path in files if path.endswith(".html"))
        by_locale = tuple(locale_report(docs, files) for docs in written)
        api_files = sum(1 for path in files if path.startswith("api/"))
        replace_folder(staging, output)
        published = True
        promote_manifests(config, work, {docs.locale: docs.generation for docs in written}, files)
    finally:
        if published:
            replaced = staging.exists()  # the previous site is there now
            recycle.keep(config, staging)
            remove_later(work)
            if not replaced:
                recycle.keep_later(config)
        else:
            shutil.rmtree(work, ignore_errors=True)
    pages = sum(len(docs.paths) for docs in written)
    return BuildReport(
        tuple(docs.locale for docs in written), pages, html_files, by_locale, api_files, files
    )


def _publish(
    config: SiteConfig,
    docs: LocaleDocs,
    work: Path,
    names: dict[str, str],
    progress: BuildProgress | None,
    slots: CpuSlots | None,
    warm: WarmRuns | None = None,
) -> None:
    """Build a locale whose docs tree is written (in a thread of the pool: the next locale's
    tree is not kept waiting); one whose docs are as they were is published as it was."""
    if docs.changed == 0 and reuse_published_locale(config, docs.locale, docs.generation, work):
        if progress is not None:
            progress.locale(docs.locale, f"unchanged {len(docs.paths)}")
        return
    config_file = write_locale_config(config, docs, work, names)
    # A run that builds few pages anew mostly starts up and links the pages it reuses: it
    # does not wait behind the other locales' runs for a slot.
    _run_in_slot(None if light_run(docs) else slots, config_file, progress, MKDOCS, warm)


def light_run(docs: LocaleDocs) -> bool:
    """Whether the locale's run builds few pages anew (``LIGHT_RUN``): a tree patched in a few
    pages, not one written anew."""
    return docs.pending is None and docs.changed <= len(docs.paths) * LIGHT_RUN


def _run_in_slot(
    slots: CpuSlots | None,
    config_file: Path,
    progress: BuildProgress | None,
    priority: int,
    warm: WarmRuns | None = None,
) -> None:
    with slots.held(priority) if slots is not None else nullcontext():
        run_mkdocs(config_file, progress, warm)


def move_files(source: Path, target: Path) -> None:
    """Move every file under ``source`` to the same place under ``target``."""
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            path.replace(destination)


def write_locale_config(
    config: SiteConfig, docs: LocaleDocs, work: Path, names: dict[str, str]
) -> Path:
    """A locale's generated MkDocs config and cache settings; the config's path."""
    settings = locale_config(config, docs, docs.docs_dir, work / "site" / docs.locale, names)
    config_file = work / f"mkdocs.{docs.locale}.yml"
    config_file.write_text(json.dumps(settings, ensure_ascii=False, indent=1), "utf-8")
    # A light run mostly links the pages it reuses: a helper would cost more than it builds.
    write_cache_settings(
        config,
        docs.locale,
        config_file,
        work,
        pack_file(docs.docs_dir),
        pending=docs.pending is not None,
        helper=not light_run(docs),
    )
    return config_file


def check_every_page_written(rendered: Sequence[LocaleDocs], staging: Path) -> None:
    """Raise BuildError naming every rendered page MkDocs left out of a locale's output."""
    problems = []
    for locale in rendered:
        for path in missing_pages(locale, staging / locale.locale):
            problems.append(
                f"{locale.locale}/{path} → {locale.locale}/{html_file(path)} is missing"
            )
    if problems:
        raise BuildError(f"MkDocs did not write {len(problems)} page(s):\n" + "\n".join(problems))


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


def language_names(config: SiteConfig, l10ns: dict[str, L10n]) -> dict[str, str]:
    """Each locale's name in its own language, capitalised, for the language selector."""
    return {tag: _capitalised(l10ns[tag].language_name(tag)) for tag in config.locales}


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]

"""The build side of the page cache: settings for each locale's run, publishing what is unchanged.

Each locale's MkDocs run (``generator.page_cache``) reads the manifest the last successful build
left in the cache folder and writes a new one into the staging folder. Only after the site has
been published does ``promote_manifests`` move the new manifests into the cache, with the size and
modification time of each published file beside them: a failed build leaves the cache as it was,
and a page whose published file has since changed is rebuilt.
"""

from __future__ import annotations

import errno
import filecmp
import json
import os
import shutil
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from . import recycle
from .fingerprint import cache_dir, compiled_templates_dir, settings_fingerprint, walk_files
from .locales import SiteConfig
from .run_settings import BODY_CACHE, BUILD_PROCESS, settings_file
from .warm_runs import WarmRuns, finish_run

#: Receives a locale's progress lines: "total N", "pages N", "reused N".
LocaleProgress = Callable[[str, str], None]


def manifest_file(config: SiteConfig, locale: str) -> Path:
    """The page manifest of a locale's last successful build."""
    return cache_dir(config) / "pages" / f"{locale}.json"


def staged_manifest(work: Path, locale: str) -> Path:
    """Where a locale's run writes its new manifest, inside the staging folder."""
    return work / "cache" / f"{locale}.json"


def write_cache_settings(
    config: SiteConfig,
    locale: str,
    config_file: Path,
    work: Path,
    pack: Path,
    *,
    pending: bool = False,
    helper: bool = True,
) -> None:
    """Tell a locale's MkDocs run where the published pages and the manifests are, where its
    pages are (``pack``) and whether they are still being written (``docs_pack``), and whether
    to share its pages with a helper process (``page_helper``)."""
    settings = {
        "pack": str(pack),
        "pending": pending,
        "helper": helper,
        "settings": settings_fingerprint(config),
        "previous_site": str((config.output_dir / locale).resolve()),
        "manifest_in": str(manifest_file(config, locale).resolve()),
        "stats_in": str(stats_file(config, locale).resolve()),
        "manifest_out": str(staged_manifest(work, locale)),
        "compiled_templates": str(compiled_templates_dir(config).resolve()),
    }
    settings_file(config_file).write_text(json.dumps(settings), encoding="utf-8")


def run_locale(
    config_file: Path, progress: LocaleProgress | None = None, warm: WarmRuns | None = None
) -> tuple[int, str]:
    """Run one locale's build in its own process, forked from ``warm`` (or from a server of its
    own): (exit code, its error output)."""
    locale = config_file.suffixes[0].lstrip(".") if config_file.suffixes else config_file.stem
    # The locales of one build share the briefing bodies they convert.
    environment = {BODY_CACHE: str(config_file.parent / "bodies"), BUILD_PROCESS: str(os.getpid())}
    with nullcontext(warm) if warm is not None else WarmRuns() as server:
        run = server.start(str(config_file), environment)
        return finish_run(run, lambda line: progress(locale, line) if progress else None)


def keep_unchanged_files(staging: Path, output: Path) -> dict[str, list[int]]:
    """Replace each staged file identical to the published one by a link to it; every staged
    file's [size, modification time in ns] afterwards, by path (the published site's, once the
    staging folder is swapped in: a rename keeps both).

    Unchanged files then keep their modification time (and inode) from one build to the next.
    """
    files = {}
    compare = output.is_dir()  # a first (or clean) build has nothing to compare with
    for path, stat in walk_files(staging):
        staged, published = staging / path, output / path
        try:
            before = published.stat() if compare else None
        except OSError:
            before = None
        if (
            before is not None
            and not os.path.samestat(stat, before)
            and before.st_size == stat.st_size
            and filecmp.cmp(staged, published, shallow=False)
        ):
            recycle.link(published, staged)
            stat = before
        files[path] = [stat.st_size, stat.st_mtime_ns]
    return files


def stats_file(config: SiteConfig, locale: str) -> Path:
    """The size and modification time of each published file of a locale, by path."""
    return cache_dir(config) / "pages" / f"{locale}.stats.json"


def promote_manifests(
    config: SiteConfig, work: Path, generations: dict[str, str], files: dict[str, list[int]]
) -> None:
    """Move the staged manifests into the cache, with the published files' stats beside them
    (``files``: every published file's [size, modification time], by path in the site) and the
    generation of the docs tree each locale was built from (``generations``)."""
    for locale, generation in generations.items():
        staged = staged_manifest(work, locale)
        if not staged.is_file():
            continue
        prefix = f"{locale}/"
        stats = {
            path[len(prefix) :]: stat for path, stat in files.items() if path.startswith(prefix)
        }
        target = manifest_file(config, locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The stats first: a manifest with stats from an older build only misses more pages.
        temporary = stats_file(config, locale).with_suffix(".tmp")
        record = {"generation": generation, "files": stats}
        temporary.write_text(json.dumps(record), encoding="utf-8")
        temporary.replace(stats_file(config, locale))
        move_file(staged, target)


def move_file(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; where they are on two file systems (the cache folder a
    link to another disk, say), copy it beside ``target`` first, then rename the copy."""
    try:
        source.replace(target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        copy = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, copy)
        copy.replace(target)
        source.unlink()


def reuse_published_locale(config: SiteConfig, locale: str, generation: str, work: Path) -> bool:
    """Stage a locale's published files as they are (hard links) with its manifest, when they
    were built from the docs tree of this ``generation`` and are still as they were published;
    whether it was done. For a locale whose docs did not change: its MkDocs run would write the
    same files. (A build that wrote the docs but failed, or was killed, before publishing left
    the tree a generation ahead of the published site.)"""
    published = config.output_dir / locale
    try:
        record = json.loads(stats_file(config, locale).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or not generation or record.get("generation") != generation:
        return False
    manifest = manifest_file(config, locale)
    files = walk_files(published)
    stats = {path: [stat.st_size, stat.st_mtime_ns] for path, stat in files}
    if not manifest.is_file() or record.get("files") != stats:
        return False
    recycle.mirror(published, work / "site" / locale, [path for path, _ in files])
    staged = staged_manifest(work, locale)
    staged.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(manifest, staged)
    return True


def forget_manifests(config: SiteConfig, locales: tuple[str, ...]) -> None:
    """Drop the manifests: the next build renders every page."""
    for locale in locales:
        manifest_file(config, locale).unlink(missing_ok=True)

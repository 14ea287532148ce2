"""The site a build replaces becomes the next build's staging tree, folders and files kept.

A build stages the whole site, then swaps it in (``publish.replace_folder``). Staged anew after
an edit, the site of N = 1,000 briefings meant 8,000 folders made and 7,000 unchanged files
linked, then as many removed with the site it replaced; on this machine's disk a folder costs
about 0.3 ms to make. So the site the swap leaves behind is kept (``keep``) and taken as the
next build's staging tree (``take``): its folders are there, and most of its files are already
the files (hard links) the build would link.

A staged file may be a link to a published one: writing into it would change the published
site. So every file a build writes is removed first: what is not a locale's folder when the
tree is taken; in a locale's MkDocs run, what is not one of its pages (``sweep``: assets, search
index, sitemaps, pages gone), then each page it builds before it is written (``clear``); a page
it reuses becomes a link to the published one, unless it already is (``link``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Collection, Iterator
from pathlib import Path

from .fingerprint import cache_dir
from .locales import SiteConfig
from .publish import process_alive, start_detached

#: The longest a build waits for the kept tree another process makes, in seconds; then it
#: stages in a new folder.
MAKER_WAIT = 60.0


def back_dir(config: SiteConfig) -> Path:
    """Where the site the last build replaced waits for the next build."""
    return cache_dir(config) / "previous-site"


class KeptTree:
    """The kept tree, made from the published site when no build left one: in a process of its
    own, started with the build, while the check and render stages keep one core busy. At
    N = 1,000, 8,000 folders and 7,000 links. A tree still being made by the process a clean
    build started (``keep_later``) is waited for instead."""

    def __init__(self, config: SiteConfig) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.kept = back_dir(config)
        self.maker = _maker(self.kept)
        published = config.output_dir
        if not self.kept.exists() and published.is_dir() and self.maker is None:
            self.process = subprocess.Popen(_maker_command(published, self.kept))

    def wait(self) -> None:
        """Wait until the tree is made (or its process failed: the build then makes its own)."""
        if self.process is not None:
            self.process.wait()
        if self.maker is not None:
            _wait_for(self.kept, self.maker)

    def __enter__(self) -> KeptTree:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the build failed first; the next removes the rest
            self.process.wait()


def keep_later(config: SiteConfig) -> None:
    """After a build that replaced no site (the first, or one after ``clean``): make the kept
    tree from the site it published in a process the build does not wait for, so that the
    next build finds it made."""
    kept = back_dir(config)
    if kept.exists() or not config.output_dir.is_dir():
        return
    kept.parent.mkdir(parents=True, exist_ok=True)
    # Its scratch folder is there once this returns: a build (or a clean-up) that starts next
    # waits for it (``_maker``) instead of making the tree in the same place.
    start_detached(
        _maker_command(config.output_dir, kept), lambda pid: _scratch(kept, pid).mkdir()
    )


def wait_for_kept_tree(config: SiteConfig) -> None:
    """Wait for the process making the next build's tree, if one is at work: before removing
    the cache folder, say, which it writes into."""
    kept = back_dir(config)
    maker = _maker(kept)
    if maker is not None:
        _wait_for(kept, maker)


def _wait_for(kept: Path, maker: int) -> None:
    """Until the scratch folder of ``maker`` is gone (renamed to ``kept``, or removed)."""
    scratch = _scratch(kept, maker)
    deadline = time.monotonic() + MAKER_WAIT
    while scratch.exists() and process_alive(maker) and time.monotonic() < deadline:
        time.sleep(0.01)


def _scratch(kept: Path, pid: int) -> Path:
    """Where process ``pid`` makes the tree to keep at ``kept``."""
    return kept.with_name(f"{kept.name}.{pid}.tmp")


def _maker(kept: Path) -> int | None:
    """The process making the tree at ``kept``, if one is alive."""
    return next((pid for _, pid in _scratch_folders(kept) if pid is not None), None)


def _scratch_folders(kept: Path) -> Iterator[tuple[Path, int | None]]:
    """Each scratch folder beside ``kept``, with its maker's process id if that one is alive."""
    for scratch in kept.parent.glob(f"{kept.name}.*.tmp"):
        pid = scratch.name.split(".")[-2]
        yield scratch, int(pid) if pid.isdigit() and process_alive(int(pid)) else None


def _maker_command(published: Path, kept: Path) -> list[str]:
    """The command that makes the tree at ``kept`` from the ``published`` site."""
    return [sys.executable, "-m", "generator.recycle", str(published), str(kept)]


def make_kept_tree(published: Path, kept: Path) -> None:
    """Mirror ``published`` into a scratch folder beside ``kept``, then move it there: a
    process stopped halfway leaves a scratch folder (named by its process id, removed by the
    next one), not half a tree."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    for scratch, maker in _scratch_folders(kept):
        if maker is None:
            shutil.rmtree(scratch, ignore_errors=True)
    tree = _scratch(kept, os.getpid())
    try:
        mirror(published, tree, _file_paths(str(published), ""))
        with contextlib.suppress(OSError):  # a build kept one meanwhile
            tree.rename(kept)
    finally:
        shutil.rmtree(tree, ignore_errors=True)


def take(config: SiteConfig, staging: Path) -> bool:
    """Move the kept site to ``staging`` (which must not exist), with only its locales'
    folders; whether there was one to take."""
    kept = back_dir(config)
    try:
        kept.rename(staging)
    except OSError:  # none kept, or on another file system
        return False
    try:
        for entry in staging.iterdir():
            if entry.name in config.locales and entry.is_dir() and not entry.is_symlink():
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    except OSError:  # the build stages in a new folder instead
        shutil.rmtree(staging, ignore_errors=True)
        return False
    return True


def keep(config: SiteConfig, replaced: Path) -> None:
    """Keep the site a build ``replaced`` for the next build; where it cannot be moved there,
    it stays for the caller to remove."""
    kept = back_dir(config)
    shutil.rmtree(kept, ignore_errors=True)
    kept.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        replaced.rename(kept)


def sweep(site_dir: Path, pages: Collection[str]) -> None:
    """Remove every file under ``site_dir`` but the ``pages`` (paths in it), and the folders
    left empty."""
    if not site_dir.is_dir():
        return
    for path in _file_paths(str(site_dir), ""):
        if path not in pages:
            (site_dir / path).unlink()
    _remove_empty_folders(str(site_dir))


def _file_paths(folder: str, prefix: str) -> list[str]:
    """The '/'-separated paths of every file (or link) under ``folder``, without a stat each."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _file_paths(entry.path, f"{prefix}{entry.name}/")
            else:
                found.append(prefix + entry.name)
    return found


def _remove_empty_folders(folder: str) -> bool:
    """Remove the empty folders under ``folder``; whether ``folder`` is empty itself."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and _remove_empty_folders(entry.path):
                os.rmdir(entry.path)
            else:
                empty = False
    return empty


def clear(path: Path) -> None:
    """Remove the file at ``path`` if there is one, before it is written."""
    path.unlink(missing_ok=True)


def link(source: Path, target: Path) -> None:
    """``target`` becomes the same file as ``source`` (a hard link, else a copy keeping times),
    unless it already is; its folder is made if missing."""
    try:
        if os.path.samestat(os.stat(source), os.stat(target)):
            return
        target.unlink()
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
        return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        shutil.copy2(source, target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def mirror(source: Path, target: Path, files: Collection[str]) -> None:
    """Make the tree at ``target`` hold the ``files`` of ``source`` (paths in it), each the
    same file, and nothing else."""
    sweep(target, set(files))
    for path in files:
        link(source / path, target / path)


if __name__ == "__main__":
    make_kept_tree(Path(sys.argv[1]), Path(sys.argv[2]))

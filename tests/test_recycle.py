"""The site a build replaces is the next build's staging tree: the published site is never
written through it, and what the next build publishes is what a clean build makes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.build as build_module
import generator.recycle as recycle
from generator.build import BuildError
from generator.cli import main
from generator.locales import load_config
from generator.publish import start_detached
from generator.recycle import (
    KeptTree,
    back_dir,
    keep_later,
    link,
    mirror,
    sweep,
    wait_for_kept_tree,
)

from .conftest import MakeProject
from .factories import SMALL_SITE
from .test_incremental import FRENCH, add_filler, build, clean_build_of
from .treehash import differences, hash_tree

ENGLISH = "content/briefings/2016-10-02-msf.en.md"
ENGLISH_PAGE = "en/briefings/2016/10/02/2016-10-02-msf/index.html"


@pytest.fixture
def built(make_project: MakeProject) -> Path:
    project = make_project(SMALL_SITE)
    build(project)
    return project


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_replaced_site_is_kept_beside_the_published_one(built: Path) -> None:
    kept = back_dir(load_config(built / "mkdocs.yml"))
    add_filler(built)
    build(built)
    assert (kept / "fr/index.html").is_file()
    assert not kept.is_relative_to(built / "site")


def test_a_failed_build_never_writes_into_the_published_site(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Build 2 changes the French story; build 3 the English one, which builds 1 and 2 left as
    # one file: the kept tree's English page is a link to the published page.
    add_filler(built)
    build(built)
    published = built / "site"
    assert (back_dir(load_config(built / "mkdocs.yml")) / ENGLISH_PAGE).stat().st_ino == (
        published / ENGLISH_PAGE
    ).stat().st_ino
    before = hash_tree(published)
    edit(built, ENGLISH, "on October 1.", "on October 1, and again later.")

    def fail(*args: object) -> None:
        raise BuildError("stopped after MkDocs, before publishing")

    monkeypatch.setattr(build_module, "check_every_page_written", fail)
    result = CliRunner().invoke(main, ["build", "-f", str(built / "mkdocs.yml")])
    assert result.exit_code == 1
    assert differences(hash_tree(published), before) == []
    monkeypatch.undo()
    build(built)
    assert "again later" in (published / ENGLISH_PAGE).read_text(encoding="utf-8")


def test_builds_on_a_kept_tree_publish_what_a_clean_build_makes(
    built: Path, tmp_path: Path
) -> None:
    add_filler(built)
    build(built)
    # Third build, on the first one's tree: a briefing gone (its pages and folders with it),
    # another edited.
    (built / ENGLISH).unlink()
    edit(built, FRENCH, "338 morts", "340 morts")
    build(built)
    site = built / "site"
    assert not (site / ENGLISH_PAGE).exists()
    clean = clean_build_of(built, tmp_path / "clean")
    assert differences(hash_tree(site), hash_tree(clean)) == []
    assert folders(site) == folders(clean)
    # And a fourth, on the second one's tree, with the briefing back.
    build(built)
    (built / ENGLISH).write_text(SMALL_SITE[ENGLISH], encoding="utf-8")
    build(built)
    again = clean_build_of(built, tmp_path / "again")
    assert differences(hash_tree(site), hash_tree(again)) == []
    assert folders(site) == folders(again)


def test_a_kept_tree_holding_a_locale_no_longer_built_loses_it(built: Path) -> None:
    kept = back_dir(load_config(built / "mkdocs.yml"))
    add_filler(built)
    build(built)
    (kept / "de/briefings").mkdir(parents=True)
    (kept / "de/briefings/index.html").write_text("old", encoding="utf-8")
    (kept / "stray.txt").write_text("old", encoding="utf-8")
    add_filler(built)
    build(built)
    assert not (built / "site/de").exists()
    assert not (built / "site/stray.txt").exists()


def test_sweep_keeps_only_the_pages_and_removes_emptied_folders(tmp_path: Path) -> None:
    for path in ("a/index.html", "a/b/index.html", "c/d/index.html", "assets/x.css", "e.xml"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path, encoding="utf-8")
    sweep(tmp_path, {"a/index.html", "a/b/index.html", "gone/index.html"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "a",
        "a/b",
        "a/b/index.html",
        "a/index.html",
    ]


def test_link_replaces_another_file_and_leaves_the_same_one(tmp_path: Path) -> None:
    source, target = tmp_path / "source.html", tmp_path / "deep/er/target.html"
    source.write_text("new", encoding="utf-8")
    link(source, target)  # folders made
    assert target.stat().st_ino == source.stat().st_ino
    other = tmp_path / "other.html"
    other.write_text("old", encoding="utf-8")
    target.unlink()
    target.hardlink_to(other)
    link(source, target)
    assert target.read_text(encoding="utf-8") == "new"
    assert other.read_text(encoding="utf-8") == "old"  # replaced, not written through


def test_mirror_makes_the_target_hold_exactly_the_listed_files(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    for path in ("a/index.html", "b.xml"):
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(path, encoding="utf-8")
    (target / "old").mkdir(parents=True)
    (target / "old/index.html").write_text("stale", encoding="utf-8")
    mirror(source, target, ["a/index.html", "b.xml"])
    assert hash_tree(target) == hash_tree(source)
    assert not (target / "old").exists()


def kept_after(project: Path) -> Path:
    """The kept tree of ``project``, once the process a clean build started has made it."""
    kept = back_dir(load_config(project / "mkdocs.yml"))
    for _ in range(200):
        if kept.exists():
            return kept
        time.sleep(0.05)
    pytest.fail("no tree was kept")


@pytest.fixture
def built_unkept(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project built once, no tree made for the next build."""
    monkeypatch.setattr(recycle, "keep_later", lambda config: None)
    project = make_project(SMALL_SITE)
    build(project)
    return project


def test_a_clean_build_leaves_the_tree_for_the_next_made_after_it(built: Path) -> None:
    kept = kept_after(built)
    site = built / "site"
    assert hash_tree(kept) == hash_tree(site)
    page = "fr/briefings/2016/09/30/2016-09-30-alep/index.html"
    assert (kept / page).stat().st_ino == (site / page).stat().st_ino


def test_the_maker_a_clean_build_starts_is_seen_once_the_build_returns(
    built_unkept: Path,
) -> None:
    # A build or a clean-up that starts right after must see the maker at work, not an empty
    # place it then makes its own tree in (or removes) while the maker writes there.
    config = load_config(built_unkept / "mkdocs.yml")
    kept = back_dir(config)
    keep_later(config)  # the function itself: the fixture's build had a stand-in
    seen = recycle._maker(kept)
    assert seen is not None or kept.exists()
    wait_for_kept_tree(config)
    assert hash_tree(kept) == hash_tree(built_unkept / "site")
    assert not list(kept.parent.glob("*.tmp"))


def test_a_build_waits_for_the_tree_another_process_is_making(built_unkept: Path) -> None:
    config = load_config(built_unkept / "mkdocs.yml")
    kept = back_dir(config)
    # A maker that is no child of ours, as the one a clean build starts: its scratch folder
    # for a while, then gone.
    code = (
        "import os, shutil, sys, time; time.sleep(0.6); "
        "shutil.rmtree(f'{sys.argv[1]}.{os.getpid()}.tmp')"
    )

    def scratch(pid: int) -> None:
        kept.with_name(f"{kept.name}.{pid}.tmp").mkdir(parents=True)

    started = time.perf_counter()
    assert start_detached([sys.executable, "-c", code, str(kept)], scratch)
    for _ in range(100):
        if any(kept.parent.glob("*.tmp")):
            break
        time.sleep(0.02)
    with KeptTree(config) as tree:
        assert tree.process is None  # none of its own
        tree.wait()
    assert time.perf_counter() - started >= 0.5
    assert not list(kept.parent.glob("*.tmp"))


def test_with_no_kept_tree_one_is_made_from_the_published_site(built_unkept: Path) -> None:
    built = built_unkept
    config = load_config(built / "mkdocs.yml")
    assert not back_dir(config).exists()  # a first build replaced no site
    with KeptTree(config) as kept:
        kept.wait()
    site = built / "site"
    assert hash_tree(back_dir(config)) == hash_tree(site)
    page = "fr/briefings/2016/09/30/2016-09-30-alep/index.html"
    assert (back_dir(config) / page).stat().st_ino == (site / page).stat().st_ino
    assert not list(built.glob(".build-*"))  # no staging folder: those are the builds'
    assert not list(back_dir(config).parent.glob("*.tmp"))  # its scratch folder is gone


def test_a_scratch_folder_left_by_a_stopped_copy_is_removed_by_the_next(
    built_unkept: Path,
) -> None:
    config = load_config(built_unkept / "mkdocs.yml")
    stale = back_dir(config).with_name(f"{back_dir(config).name}.999999999.tmp")
    (stale / "fr").mkdir(parents=True)
    with KeptTree(config) as kept:
        kept.wait()
    assert not stale.exists()
    assert (back_dir(config) / "fr/index.html").is_file()


def test_the_first_edit_after_a_clean_build_builds_on_a_tree_made_for_it(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    take = recycle.take
    monkeypatch.setattr(recycle, "take", lambda *args: taken.append(take(*args)) or taken[-1])
    add_filler(built)
    build(built)
    assert taken == [True]
    site = built / "site"
    assert differences(hash_tree(site), hash_tree(clean_build_of(built, tmp_path / "c"))) == []

"""A failed or interrupted build leaves the published site byte-identical, and nothing behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import BuildError
from generator.locales import load_config
from generator.pipeline import build
from generator.publish import (
    OWNER_FILE,
    REMOVER,
    make_staging,
    remove_stale_staging,
    replace_folder,
)

from .conftest import MakeProject
from .factories import SMALL_SITE, briefing
from .treehash import hash_tree

TRANSLATION = "content/briefings/2016-09-30-alep.ar.md"


def leftovers(project: Path, wait: float = 0) -> list[str]:
    """What a build may leave beside site/: staging folders and a previous site moved aside;
    after a published build, what is still there once its remover had ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        found = sorted(p.name for p in project.iterdir() if p.name.startswith((".build-", "site.")))
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


@pytest.fixture
def published(make_project: MakeProject) -> Path:
    """A small project whose site/ is built; returns the project."""
    project = make_project(SMALL_SITE)
    build(load_config(project / "mkdocs.yml"))
    return project


def test_mkdocs_failing_for_one_locale_leaves_the_site_untouched(published: Path) -> None:
    before = hash_tree(published / "site")
    (published / TRANSLATION).write_text(briefing("حلب", "ar", "نص جديد.\n"), encoding="utf-8")
    # A theme template that breaks in Arabic only: MkDocs fails for that locale alone.
    main = published / "site_templates/overrides/main.html"
    broken = '{% block htmltitle %}{% if config.theme.language == "ar" %}{{ no_such_function() }}'
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block htmltitle %}", broken + "{% endif %}"),
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"MkDocs failed for mkdocs\.ar\.yml") as failure:
        build(load_config(published / "mkdocs.yml"))
    assert "no_such_function" in str(failure.value)
    assert hash_tree(published / "site") == before
    assert leftovers(published) == []


def test_a_killed_build_leaves_the_site_untouched_and_the_next_build_clears_up(
    published: Path,
) -> None:
    before = hash_tree(published / "site")
    (published / TRANSLATION).write_text(briefing("حلب", "ar", "نص جديد.\n"), encoding="utf-8")
    command = [sys.executable, "-c", "from generator.cli import main; main()", "build"]
    process = subprocess.Popen(
        [*command, "--jobs", "1", "-f", str(published / "mkdocs.yml")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: MkDocs' processes die with it
    )
    try:
        deadline = time.monotonic() + 120
        while not list(published.glob(".build-*/site/fr")) and process.poll() is None:
            assert time.monotonic() < deadline, "MkDocs never started"
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the build finished before it was killed"
    assert hash_tree(published / "site") == before
    [stale] = published.glob(".build-*")
    assert (stale / OWNER_FILE).read_text() == str(process.pid)

    build(load_config(published / "mkdocs.yml"))
    assert leftovers(published, wait=30) == []
    assert (published / "site/ar/briefings/2016/09/30/2016-09-30-alep/index.html").is_file()
    assert "نص جديد" in (
        published / "site/ar/briefings/2016/09/30/2016-09-30-alep/index.html"
    ).read_text(encoding="utf-8")


def test_a_failing_extra_output_leaves_the_site_untouched(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hash_tree(published / "site")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("generator.pipeline.write_open_data", fail)
    with pytest.raises(OSError, match="disk full"):
        build(load_config(published / "mkdocs.yml"))
    assert hash_tree(published / "site") == before
    assert leftovers(published) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_replace_folder_puts_the_new_site_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr("generator.publish._exchange", lambda *_: False)
    output = tmp_path / "site"
    output.mkdir()
    (output / "old.html").write_text("old")
    staging = make_staging(output) / "site"
    staging.mkdir()
    (staging / "new.html").write_text("new")
    replace_folder(staging, output)
    assert hash_tree(output).keys() == {"new.html"}
    # The previous site is left where the staging folder was, for the build to remove.
    assert hash_tree(staging).keys() == {"old.html"}
    assert not (tmp_path / "site.old").exists()


def test_a_published_builds_staging_folder_is_removed_by_a_process_of_its_own(
    make_project: MakeProject,
) -> None:
    project = make_project(SMALL_SITE)
    build(load_config(project / "mkdocs.yml"))
    build(load_config(project / "mkdocs.yml"))
    assert leftovers(project, wait=30) == []


def test_only_staging_folders_of_dead_builds_are_removed(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / ".build-dead"
    alive = tmp_path / ".build-alive"
    unowned = tmp_path / ".build-unowned"
    for folder, owner in ((dead, finished.stdout.strip()), (alive, str(os.getppid()))):
        folder.mkdir()
        (folder / OWNER_FILE).write_text(owner)
    (unowned / "docs").mkdir(parents=True)  # left by a build that wrote no owner
    another_tools = tmp_path / ".build-cache"
    another_tools.mkdir()
    (another_tools / "data").write_text("keep")
    (tmp_path / "site.old").mkdir()
    assert remove_stale_staging(tmp_path) == [dead, unowned]
    assert alive.is_dir() and another_tools.is_dir()
    make_staging(tmp_path / "site")
    assert not (tmp_path / "site.old").exists()


def test_a_detached_process_does_not_hold_the_builds_output_open(tmp_path: Path) -> None:
    # A process that starts a long detached one and ends: whoever reads its output (a pipe,
    # ``$(briefing build)``, a CI log) has all of it once it ends, not once the detached one
    # does. With the build's streams inherited, ``communicate`` would wait for the sleeper.
    streams = tmp_path / "streams"
    code = (
        "import sys\n"
        "from generator.publish import start_detached\n"
        "print('built', flush=True)\n"
        "start_detached([sys.executable, '-c', "
        "'import os, sys, time; "
        "open(sys.argv[1], \"w\").write(\" \".join(os.readlink(f\"/proc/self/fd/{n}\") "
        "for n in range(3)) + \" \" + str(os.getpid())); time.sleep(60)', sys.argv[1]])\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(streams)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert (out, err) == ("built\n", "")
    for _ in range(500):
        if streams.is_file() and streams.read_text().count(" ") == 3:
            break
        time.sleep(0.02)
    *names, pid = streams.read_text().split(" ")
    os.kill(int(pid), signal.SIGKILL)
    assert names == [os.devnull] * 3


def test_the_remover_takes_the_owner_file_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While the rest is removed, the folder is still seen to be at work (``staging_at_work``):
    # a build or a benchmark's clean-up waits for it instead of racing it.
    work = tmp_path / ".build-old"
    (work / "site/fr").mkdir(parents=True)
    (work / "site/fr/index.html").write_text("old", encoding="utf-8")
    (work / "docs").mkdir()
    (work / OWNER_FILE).write_text("1", encoding="ascii")
    removed: list[tuple[str, bool]] = []
    rmtree = shutil.rmtree

    def watched(path: str, *args: object, **kwargs: object) -> None:
        removed.append((Path(path).name, (work / OWNER_FILE).exists()))
        rmtree(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "rmtree", watched)
    monkeypatch.setattr(sys, "argv", ["-c", str(work), OWNER_FILE])
    exec(REMOVER, {})
    assert sorted(removed[:2]) == [("docs", True), ("site", True)]
    assert removed[2:] == [(".build-old", True)] and not work.exists()

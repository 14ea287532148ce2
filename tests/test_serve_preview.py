"""``briefing serve``'s preview: a body edit takes the fast path, anything else the full build.

The fast path's choice is tested on its own (``body_edits``); then ``briefing serve`` runs as a
real process on a small project, and the tests edit its files as an author would, reading the
terminal, the served HTML and the browsers' live-reload long poll.
"""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.link import Matchers
from generator.locales import SiteConfig, load_config
from generator.pipeline import check
from generator.preview import Snapshot, apply_edits, body_edits

from .conftest import MakeProject
from .factories import SMALL_SITE

ALEP_FR = "content/briefings/2016-09-30-alep.fr.md"
OLD_SENTENCE = "Jeudi, Handarat est tombé."
NEW_SENTENCE = "Jeudi, Handarat est tombé sous les obus."
#: What the page shows of it whichever words around it are links.
NEW_TEXT = "est tombé sous les obus."
#: The first build of the small project, then three MkDocs workers, on a busy two-core machine.
STARTUP = 180.0


def _snapshot(project: Path) -> tuple[SiteConfig, Snapshot, Matchers]:
    config = load_config(project / "mkdocs.yml")
    checked = check(config)
    return config, Snapshot.of(checked), Matchers(checked.content.registry)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_body_edit_with_the_same_mentions_is_a_body_edit(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    config, snapshot, matchers = _snapshot(project)
    target = project / ALEP_FR
    _replace(target, OLD_SENTENCE, NEW_SENTENCE)
    edits = body_edits(snapshot, config, [target], matchers)
    assert edits is not None and len(edits) == 1
    assert NEW_SENTENCE in edits[0].briefing.body
    # Only the story page's inputs follow the edit: the version shown and its mentions.
    updated = apply_edits(snapshot, edits).index
    assert NEW_SENTENCE in updated.version("2016-09-30-alep", "fr", "fr").body
    assert updated.linked.mentions[("2016-09-30-alep", "fr")] == edits[0].mentions
    assert NEW_SENTENCE not in snapshot.index.version("2016-09-30-alep", "fr", "fr").body


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title: "Alep sous les bombes"', 'title: "Alep assiégée"'),  # front matter
        (OLD_SENTENCE, "Jeudi, Handarat et Homs sont tombés, selon MSF."),  # a new mention
        (OLD_SENTENCE, "Handarat est tombé."),  # a date mention gone
        ("title:", "title: ["),  # no longer parses
    ],
    ids=["front-matter", "new-mention", "mention-gone", "broken"],
)
def test_any_other_briefing_change_needs_the_full_build(
    make_project: MakeProject, old: str, new: str
) -> None:
    project = make_project(SMALL_SITE)
    config, snapshot, matchers = _snapshot(project)
    target = project / ALEP_FR
    _replace(target, old, new)
    assert body_edits(snapshot, config, [target], matchers) is None


def test_new_files_and_the_registry_need_the_full_build(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    config, snapshot, matchers = _snapshot(project)
    new = project / "content/briefings/2016-10-03-new.fr.md"
    new.write_text((project / ALEP_FR).read_text("utf-8"), "utf-8")
    assert body_edits(snapshot, config, [new], matchers) is None
    assert body_edits(snapshot, config, [project / "content/actors/msf.yml"], matchers) is None
    assert body_edits(snapshot, config, [project / "mkdocs.yml"], matchers) is None
    # An editor's swap file, or a temporary file already gone, changes nothing.
    swap = project / "content/briefings/.2016-09-30-alep.fr.md.swp"
    swap.write_text("x", "utf-8")
    gone = project / "content/briefings/2016-09-30-alep.fr.md.tmp"
    assert body_edits(snapshot, config, [swap, gone], matchers) == []


class Served:
    """``briefing serve`` on a project, in a subprocess; its terminal lines as they come."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        script = Path(sys.executable).with_name("briefing")
        command = (
            [str(script)]
            if script.exists()
            else [sys.executable, "-c", "from generator.cli import main; main()"]
        )
        self.process = subprocess.Popen(
            [*command, "serve", "-f", "mkdocs.yml", "--port", str(self.port)],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 120.0) -> str:
        """The next terminal line holding ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"serve never printed {text!r}; it printed:\n" + "\n".join(self.seen))

    def epoch(self, after: int = 0) -> int:
        """The live-reload epoch, once it is past ``after`` (as a browser's long poll waits)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            url = f"http://127.0.0.1:{self.port}/livereload/{after}/1"
            with urllib.request.urlopen(url, timeout=90) as answer:
                epoch = int(answer.read())
            if epoch > after:
                return epoch
        raise AssertionError(f"no reload after epoch {after}")

    def stop(self) -> None:
        """Ctrl-C, as an author would."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def served(make_project: MakeProject) -> Iterator[tuple[Path, Served]]:
    """The small project, built and served, its preview workers ready."""
    project = make_project(SMALL_SITE)
    server = Served(project)
    try:
        server.wait_for("preview ready", STARTUP)
        yield project, server
    finally:
        server.stop()
    assert server.process.returncode is not None


def _page(project: Path, locale: str, folder: str) -> Path:
    found = sorted((project / "site" / locale).rglob(f"{folder}/index.html"))
    assert found, f"no {locale} page in a folder {folder}"
    return found[0]


def test_a_body_edit_is_served_by_the_fast_path_then_the_full_build_catches_up(
    served: tuple[Path, Served],
) -> None:
    project, server = served
    story = _page(project, "fr", "2016-09-30-alep")
    handarat = _page(project, "fr", "handarat")
    # The place page quotes the sentence around its mention (the name marked).
    assert "est tombé" in handarat.read_text("utf-8")
    before = server.epoch()
    _replace(project / ALEP_FR, OLD_SENTENCE, NEW_SENTENCE)
    line = server.wait_for("preview:")
    assert "fr: 1 page in" in line and "ar: 1 page in" in line, line
    assert line.endswith("full rebuild follows"), line
    assert NEW_TEXT in story.read_text("utf-8")
    # The Arabic site shows the French version, which it has not in Arabic.
    assert NEW_TEXT in _page(project, "ar", "2016-09-30-alep").read_text("utf-8")
    # The entity page's quote is left to the full build, which has only begun.
    assert "sous les obus" not in handarat.read_text("utf-8")
    first = server.epoch(before)
    second = server.epoch(first)
    assert second > first > before
    assert NEW_TEXT in handarat.read_text("utf-8")
    assert NEW_TEXT in story.read_text("utf-8")


def test_a_title_edit_goes_through_the_full_build(served: tuple[Path, Served]) -> None:
    project, server = served
    home = project / "site/fr/index.html"
    assert "Alep assiégée" not in home.read_text("utf-8")
    before = server.epoch()
    _replace(project / ALEP_FR, 'title: "Alep sous les bombes"', 'title: "Alep assiégée"')
    server.wait_for("built ")
    server.epoch(before)
    assert "Alep assiégée" in home.read_text("utf-8")
    assert not any(line.startswith("preview:") for line in server.seen), server.seen


def test_a_broken_edit_keeps_the_last_good_site_until_it_is_fixed(
    served: tuple[Path, Served],
) -> None:
    project, server = served
    target = project / ALEP_FR
    good = target.read_text("utf-8")
    story = _page(project, "fr", "2016-09-30-alep")
    published = story.read_bytes()
    target.write_text(good.replace('title: "Alep sous les bombes"', "title: [Alep"), "utf-8")
    server.wait_for("still serving the last good site")
    assert any("2016-09-30-alep.fr.md:" in line and "error[yaml" in line for line in server.seen), (
        server.seen
    )
    assert story.read_bytes() == published
    # Fixed, with a new sentence: the body alone differs from the last good site.
    target.write_text(good.replace(OLD_SENTENCE, NEW_SENTENCE), "utf-8")
    server.wait_for("preview:")
    assert NEW_TEXT in story.read_text("utf-8")


def test_an_edit_made_during_the_full_build_is_not_undone_by_it(
    served: tuple[Path, Served],
) -> None:
    project, server = served
    target = project / ALEP_FR
    story = _page(project, "fr", "2016-09-30-alep")
    _replace(target, OLD_SENTENCE, NEW_SENTENCE)
    server.wait_for("full rebuild follows")
    # The full build has begun, with the first edit's text or about to read it.
    _replace(target, "sous les obus.", "sous les obus et les roquettes.")
    server.wait_for("full rebuild follows")
    server.wait_for("full rebuild done")
    assert "sous les obus et les roquettes." in story.read_text("utf-8")
    # The place page's quote follows once a full build has read the second edit.
    handarat = _page(project, "fr", "handarat")
    deadline = time.monotonic() + 120
    while "et les roquettes" not in handarat.read_text("utf-8"):
        assert time.monotonic() < deadline, "the place page never quoted the second edit"
        time.sleep(0.2)
    assert "sous les obus et les roquettes." in story.read_text("utf-8")

"""A locale's pages in one file, its pack, read by its MkDocs run while the render child writes it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.structure.files import get_files

from generator.cli import main
from generator.docs_pack import (
    FAILED,
    PAGE,
    READY,
    WRITTEN,
    PackError,
    PackReader,
    PackWriter,
    RenderStopped,
    mark_failed,
    pack_file,
    unpack,
    write_pack,
)
from generator.locale_docs import read_locale_docs
from generator.locales import load_config
from generator.render import mkdocs_order

from .conftest import MakeProject
from .factories import SMALL_SITE


def test_pages_are_rendered_in_the_order_mkdocs_builds_them(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project(SMALL_SITE)
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    docs = read_locale_docs(load_config(project / "mkdocs.yml"), "fr")
    assert docs is not None
    unpack(pack_file(docs.docs_dir), tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ndocs_dir: {tmp_path / 'docs'}\nsite_dir: {tmp_path / 'out'}\n", "utf-8"
    )
    walked = get_files(load_mkdocs_config(str(tmp_path / "mkdocs.yml")))
    in_mkdocs_order = [file.src_uri for file in walked.documentation_pages()]
    assert list(docs.paths) == in_mkdocs_order
    assert sorted(in_mkdocs_order, key=mkdocs_order) == in_mkdocs_order


def test_mkdocs_order_puts_a_folders_files_before_its_subfolders() -> None:
    paths = ["b/x.md", "a/z/index.md", "index.md", "a/b.md", "a/index.md", "zz.md", "a/README.md"]
    assert sorted(paths, key=mkdocs_order) == [
        "index.md",
        "zz.md",
        "a/README.md",
        "a/index.md",
        "a/b.md",
        "a/z/index.md",
        "b/x.md",
    ]


def test_a_run_waits_for_each_page_and_stops_when_the_render_fails(tmp_path: Path) -> None:
    log_path = tmp_path / "fr.pages"
    log_path.write_bytes(b"")
    log = PackWriter(log_path)
    pending = PackReader(log_path, wait=True)

    def write_later() -> None:
        time.sleep(0.2)
        log.announce(["index.md", "actors/index.md"])
        log.page("index.md", "# Accueil\n")
        time.sleep(0.2)
        mark_failed(log_path)

    writer = threading.Thread(target=write_later)
    started = time.monotonic()
    writer.start()
    pending.wait_ready()
    assert pending.pages == ["index.md", "actors/index.md"]
    assert pending.read("index.md") == b"# Accueil\n"
    assert time.monotonic() - started >= 0.2
    with pytest.raises(RenderStopped, match="before writing actors/index.md"):
        pending.wait_for("actors/index.md")
    writer.join()
    log.close()
    pending.close()
    assert log_path.read_bytes() == b"".join(
        [
            PAGE + b"index.md\n",
            PAGE + b"actors/index.md\n",
            READY + b"\n",
            WRITTEN + b"index.md\t10\n# Accueil\n\n",
            FAILED + b"\n",
        ]
    )


def test_a_run_stops_when_the_build_that_started_it_is_gone(tmp_path: Path) -> None:
    log_path = tmp_path / "fr.pages"
    log_path.write_bytes(b"")
    # A run started by a process that then died: the log never says the page is written.
    script = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "from generator.docs_pack import PackReader, RenderStopped\n"
        "reader, writer = os.pipe()\n"
        "if os.fork():\n"
        "    os.read(reader, 1)\n"  # the run is waiting: the 'build' goes
        "    os._exit(0)\n"
        "signal.alarm(20)\n"
        f"pending = PackReader(Path({str(log_path)!r}), wait=True)\n"
        "os.write(writer, b'.')\n"
        "try:\n"
        "    pending.wait_for('index.md')\n"
        "except RenderStopped as stopped:\n"
        f"    Path({str(tmp_path / 'said')!r}).write_text(str(stopped))\n"
    )
    # The fork's child waits for the page; its parent (the 'build') has already exited.
    grandchild_parent = subprocess.run([sys.executable, "-c", script], check=True)
    assert grandchild_parent.returncode == 0
    said = tmp_path / "said"
    deadline = time.monotonic() + 10
    while not said.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "the build stopped before index.md was written" in said.read_text(encoding="utf-8")


BROKEN_DAY = "{% if day.date.day == 30 %}{{ day.no_such_field }}{% endif %}\n"


def test_a_render_that_fails_midway_fails_the_build_without_waiting(
    make_project: MakeProject,
) -> None:
    project = make_project(SMALL_SITE)
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    published = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    day = project / "site_templates/pages/day.html.j2"
    day.write_text(day.read_text(encoding="utf-8") + BROKEN_DAY, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert time.monotonic() - started < 60
    assert result.exit_code != 0
    assert "no_such_field" in result.output
    assert "Traceback" not in result.output
    # The published site is as it was.
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == published
    assert not list(project.glob(".build-*"))


def test_a_page_is_read_once_whole_and_as_last_written(tmp_path: Path) -> None:
    pack = tmp_path / "fr.pages"
    page = "---\ntitle: Alep\n---\nÉcrit à Alep, جملة.\n\nSecond paragraphe\n".encode()
    with PackWriter(pack) as writer:
        writer.announce(["a.md", "b.md"])
        writer.page("a.md", "premier")
        writer.page("b.md", page)
    whole = pack.read_bytes()
    # A reader that looks while the last page is half written waits for the rest.
    pack.write_bytes(whole[:-20])
    with PackReader(pack) as reader:
        assert reader.ready and list(reader.written) == ["a.md"]
        with pytest.raises(PackError, match="has no b.md"):
            reader.read("b.md")
        pack.write_bytes(whole)
        assert reader.read("b.md") == page
    with PackWriter(pack) as writer:  # an edit appends the page again
        writer.page("a.md", "second")
    with PackReader(pack) as reader:
        assert dict(reader.contents()) == {"a.md": b"second", "b.md": page}
    # Written anew: each page once.
    write_pack(pack, ["a.md", "b.md"], {"a.md": b"second", "b.md": page}.__getitem__)
    with PackReader(pack) as reader:
        assert dict(reader.contents()) == {"a.md": b"second", "b.md": page}
    assert len(pack.read_bytes()) < len(whole) + len(b"second")
    unpack(pack, tmp_path / "docs")
    assert (tmp_path / "docs/b.md").read_bytes() == page


def test_a_header_cut_short_is_waited_for_and_an_unknown_record_refused(tmp_path: Path) -> None:
    pack = tmp_path / "fr.pages"
    pack.write_bytes(PAGE + b"a.md\n" + READY + b"\n" + WRITTEN + b"a.m")
    with PackReader(pack) as reader:
        assert reader.pages == ["a.md"] and reader.written == {}
        with pack.open("ab") as handle:
            handle.write(b"d\t2\nok\n")
        assert reader.read("a.md") == b"ok"
    pack.write_bytes(PAGE + b"a.md\n" + b"nonsense\n")
    with pytest.raises(PackError, match="unknown record at byte 11"):
        PackReader(pack)

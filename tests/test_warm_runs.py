"""Locale runs are forked from one server started ahead, and none outlives its build."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.pipeline as pipeline
from generator.cli import main
from generator.docs_pack import mark_failed
from generator.run_settings import settings_file
from generator.warm_runs import STATUS, Run, WarmRuns, finish_run

from .conftest import MakeProject
from .factories import SMALL_SITE


class Recorded(WarmRuns):
    """A server that remembers the builds' servers and the runs forked from them."""

    made: list[Recorded] = []

    def __init__(self) -> None:
        super().__init__()
        self.started: list[str] = []
        Recorded.made.append(self)

    def start(self, config_file: str, environment: dict[str, str]) -> Run:
        self.started.append(Path(config_file).name)
        return super().start(config_file, environment)


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[Recorded]:
    Recorded.made = []
    monkeypatch.setattr(pipeline, "WarmRuns", Recorded)
    return Recorded.made


def test_a_build_forks_every_locale_run_from_the_server_started_ahead(
    make_project: MakeProject, recorded: list[Recorded]
) -> None:
    project = make_project(SMALL_SITE)
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    (server,) = recorded
    assert sorted(server.started) == ["mkdocs.ar.yml", "mkdocs.en.yml", "mkdocs.fr.yml"]
    assert server.process.returncode == 0  # it ended with the build
    assert (project / "site/ar/index.html").is_file()


def test_a_build_that_fails_its_check_stops_the_server(
    make_project: MakeProject, recorded: list[Recorded]
) -> None:
    project = make_project({**SMALL_SITE, "content/briefings/bad.fr.md": "---\ntitle: [\n---\n"})
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "bad.fr.md:" in result.output
    (server,) = recorded
    assert server.started == []
    assert server.process.returncode is not None


def test_a_run_given_a_missing_config_fails_with_its_error(tmp_path: Path) -> None:
    with WarmRuns() as server:
        run = server.start(str(tmp_path / "mkdocs.fr.yml"), {})
        code, errors = finish_run(run, lambda line: None)
    assert code == 1
    assert "mkdocs.fr.yml" in errors


def test_a_run_ordered_from_a_server_that_died_fails_with_the_servers_error(
    tmp_path: Path,
) -> None:
    with WarmRuns() as server:
        server.process.kill()
        server.process.wait()
        run = server.start(str(tmp_path / "mkdocs.fr.yml"), {})
        code, errors = finish_run(run, lambda line: None)
    assert code == 1
    assert "the locale's run ended without an exit code" in errors


def waiting_config(tmp_path: Path) -> tuple[Path, Path]:
    """A locale's config whose run waits for the pack of its docs tree: (config, pack)."""
    log = tmp_path / "fr.pages"
    log.write_text("", encoding="utf-8")
    config_file = tmp_path / "mkdocs.fr.yml"
    config_file.write_text(
        json.dumps({"site_name": "x", "docs_dir": str(tmp_path / "docs/fr"), "site_dir": "s"}),
        encoding="utf-8",
    )
    settings = {
        "pack": str(log),
        "pending": True,
        "settings": "",
        "previous_site": str(tmp_path / "site"),
    }
    settings_file(config_file).write_text(json.dumps(settings), encoding="utf-8")
    return config_file, log


def test_a_run_waits_for_its_docs_to_be_listed_before_it_reads_its_config(
    tmp_path: Path,
) -> None:
    # A run gets its config at once, before the render child has made the docs folder the
    # config names (MkDocs checks that it exists): it waits for the list of pages first. Here
    # the render fails instead of listing them.
    config_file, log = waiting_config(tmp_path)
    outcome: list[tuple[int, str]] = []
    with WarmRuns() as server:
        run = server.start(str(config_file), {})
        waiter = threading.Thread(target=lambda: outcome.append(finish_run(run, print)))
        waiter.start()
        time.sleep(0.5)
        assert waiter.is_alive()  # waiting, not failing on the missing folder
        mark_failed(log)
        waiter.join(timeout=30)
    assert outcome == [
        (1, "the locale's pages cannot be read: the render stopped before writing the list of pages\n")
    ]


def test_a_run_killed_midway_fails_and_the_others_go_on(tmp_path: Path) -> None:
    config_file, log = waiting_config(tmp_path)
    lines: list[str] = []
    with WarmRuns() as server:
        run = server.start(str(config_file), {})
        pid = int(run.output.readline().removeprefix(STATUS + "pid "))
        os.kill(pid, signal.SIGKILL)
        code, errors = finish_run(run, lines.append)
        second = server.start(str(tmp_path / "mkdocs.en.yml"), {})
        assert finish_run(second, lines.append)[0] == 1  # forked all the same
    assert (code, lines) == (1, [])
    assert errors == "the locale's run ended without an exit code"


def test_an_interrupted_build_kills_the_run_it_waits_for(tmp_path: Path) -> None:
    config_file, _ = waiting_config(tmp_path)

    def interrupt(line: str) -> None:
        raise KeyboardInterrupt

    with WarmRuns() as server:
        run = server.start(str(config_file), {})
        first = run.output.readline()
        pid = int(first.removeprefix(STATUS + "pid "))
        # Its first progress line, as the build reads it, is where the build is interrupted.
        read = Run(io.StringIO(first + "total 1\n"), run.errors)
        with pytest.raises(KeyboardInterrupt):
            finish_run(read, interrupt)
        run.output.close()
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the run still runs")


def test_the_builds_own_process_does_not_import_mkdocs() -> None:
    # MkDocs runs in the locale runs; its 66 modules would cost the build's start 0.1 s.
    probe = (
        "import sys, generator.cli, generator.pipeline; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'markdown')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found == "[]"


def test_the_server_ends_once_its_runs_have_ended(tmp_path: Path) -> None:
    # It waits for them: their processor time then counts in the build's (getrusage).
    config_file, log = waiting_config(tmp_path)
    with WarmRuns() as server:
        run = server.start(str(config_file), {})
        assert run.output.readline().startswith(STATUS + "pid ")
        server._socket.close()  # the end of its orders
        time.sleep(0.5)
        assert server.process.poll() is None
        mark_failed(log)
        assert finish_run(run, print)[0] == 1
        assert server.process.wait(timeout=10) == 0


def test_a_run_waiting_for_pages_stops_when_its_build_is_killed(tmp_path: Path) -> None:
    # The run's parent is the server, which waits for its runs: the run must watch the build.
    config_file, _ = waiting_config(tmp_path)
    script = (
        "import os, sys\n"
        "from generator.run_settings import BUILD_PROCESS\n"
        "from generator.warm_runs import STATUS, WarmRuns\n"
        "server = WarmRuns()\n"
        f"run = server.start({str(config_file)!r}, {{BUILD_PROCESS: str(os.getpid())}})\n"
        "pid = int(run.output.readline().removeprefix(STATUS + 'pid '))\n"
        "print(server.process.pid, pid, flush=True)\n"
        "os._exit(0)\n"  # killed: no goodbye to the server or the run
    )
    started = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    pids = [int(word) for word in started.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False

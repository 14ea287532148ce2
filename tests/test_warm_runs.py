"""Locale runs started ahead wait for their configs, and none outlives its build."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.pipeline as pipeline
from generator.cli import main
from generator.pending_pages import mark_failed
from generator.run_settings import settings_file
from generator.warm_runs import WarmRuns, ahead, finish_run

from .conftest import MakeProject
from .factories import SMALL_SITE


class Recorded(WarmRuns):
    """WarmRuns that remember their processes, and how many were taken."""

    made: list[Recorded] = []

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.processes = [run.process for run in self._idle]
        self.taken = 0
        Recorded.made.append(self)

    def take(self):  # type: ignore[no-untyped-def]
        run = super().take()
        self.taken += run is not None
        return run


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[Recorded]:
    Recorded.made = []
    monkeypatch.setattr(pipeline, "WarmRuns", Recorded)
    monkeypatch.setattr(pipeline, "ahead", lambda locales: locales)  # one per locale
    return Recorded.made


def test_a_build_runs_its_locales_in_the_runs_started_ahead(
    make_project: MakeProject, recorded: list[Recorded]
) -> None:
    project = make_project(SMALL_SITE)
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    (warm,) = recorded
    assert warm.taken == len(warm.processes) == 3
    assert all(process.returncode == 0 for process in warm.processes)
    assert (project / "site/ar/index.html").is_file()


def test_a_build_that_fails_its_check_stops_the_runs_started_ahead(
    make_project: MakeProject, recorded: list[Recorded]
) -> None:
    project = make_project({**SMALL_SITE, "content/briefings/bad.fr.md": "---\ntitle: [\n---\n"})
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "bad.fr.md:" in result.output
    (warm,) = recorded
    assert warm.taken == 0
    assert all(process.returncode is not None for process in warm.processes)


def test_a_run_at_the_end_of_its_input_exits_without_building() -> None:
    warm = WarmRuns(1)
    run = warm.take()
    assert run is not None and warm.take() is None
    assert run.process.stdin is not None
    run.process.stdin.close()
    lines: list[str] = []
    assert finish_run(run, lines.append) == (0, "")
    assert lines == []


def test_a_run_given_a_missing_config_fails_with_its_error(tmp_path: Path) -> None:
    with WarmRuns(1) as warm:
        run = warm.take()
        assert run is not None
        run.start(str(tmp_path / "mkdocs.fr.yml"), {})
        code, errors = finish_run(run, lambda line: None)
    assert code != 0
    assert "mkdocs.fr.yml" in errors


def test_one_run_is_started_ahead_per_core_the_build_leaves_free(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert ahead(3) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert ahead(3) == 3
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert ahead(3) == 0


def test_a_run_waits_for_its_docs_to_be_listed_before_it_reads_its_config(
    tmp_path: Path,
) -> None:
    # Started ahead, a run gets its config at once, before the render child has made the
    # docs folder the config names (MkDocs checks that it exists): it waits for the list of
    # pages first. Here the render fails instead of listing them.
    log = tmp_path / "fr.written"
    log.write_text("", encoding="utf-8")
    config_file = tmp_path / "mkdocs.fr.yml"
    config_file.write_text(
        json.dumps({"site_name": "x", "docs_dir": str(tmp_path / "docs/fr"), "site_dir": "s"}),
        encoding="utf-8",
    )
    settings = {"pending": str(log), "settings": "", "previous_site": str(tmp_path / "site")}
    settings_file(config_file).write_text(json.dumps(settings), encoding="utf-8")
    with WarmRuns(1) as warm:
        run = warm.take()
        assert run is not None
        run.start(str(config_file), {})
        time.sleep(0.5)
        assert run.process.poll() is None  # waiting, not failing on the missing folder
        mark_failed(log)
        code, errors = finish_run(run, lambda line: None)
    assert code == 1
    assert "the render stopped before writing the list of pages" in errors


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

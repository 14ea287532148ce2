"""Inputs found by trying to break `briefing check`: each gets one located line, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import MakeProject
from tests.factories import SMALL_SITE, briefing


def check(project: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(project)  # diagnostics name files as the author types them
    return CliRunner().invoke(main, ["check", "-f", "mkdocs.yml"])


def test_a_link_to_nowhere_is_reported_not_skipped(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(SMALL_SITE)
    os.symlink("/nonexistent/who.yml", project / "content/actors/ghost.yml")
    result = check(project, monkeypatch)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        "content/actors/ghost.yml: error[file.unreadable]: cannot read the file: "
        "No such file or directory"
    ) in result.output


def test_an_infinite_figure_is_refused(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            **SMALL_SITE,
            "content/briefings/2016-10-03-big.en.md": briefing(
                "Big", "en", "Text.\n", figures="[{label: killed, value: 1e400, source: who}]"
            ),
        }
    )
    result = check(project, monkeypatch)
    assert result.exit_code == 1
    assert (
        "content/briefings/2016-10-03-big.en.md:6:34: error[field.number]: "
        "'value' is too large to be a figure: '1e400'"
    ) in result.output

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


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "site_name: [x\n",
            "mkdocs.yml:2:6: error[config.yaml]: invalid YAML: expected ',' or ']', but got ':'",
        ),
        (
            "site_name: x\nsite_url: javascript:alert(1)\n",
            "mkdocs.yml: error[config.site_url]: site_url must be an http(s) address such as https://example.org/briefings/, not 'javascript:alert(1)'",
        ),
        (
            "site_name: x\nsite_dir: .\n",
            "mkdocs.yml: error[config.site_dir]: site_dir '.' would replace the project or its inputs",
        ),
        (
            "site_name: x\nsite_dir: ..\n",
            "mkdocs.yml: error[config.site_dir]: site_dir '..' would replace the project or its inputs",
        ),
        (
            "site_name: x\nsite_dir: content/site\n",
            "mkdocs.yml: error[config.site_dir]: site_dir 'content/site' would replace the project or its inputs",
        ),
    ],
)
def test_a_bad_setting_is_one_located_line_and_nothing_is_replaced(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, settings: str, expected: str
) -> None:
    project = make_project(SMALL_SITE, mkdocs_yml=settings + "extra:\n  locales: [fr, en, ar]\n")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "-f", "mkdocs.yml"])
    assert result.exit_code == 2  # the settings, not the content: as a usage error
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(expected), lines
    assert len(lines) <= 2  # the problem, and the summary line at most
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before

"""The briefing command: exit codes, diagnostics text, annotate's JSON, scaffolding."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import MakeProject
from .factories import SMALL_SITE, briefing


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_on_clean_content(make_project: MakeProject) -> None:
    code, _out, err = run(make_project(SMALL_SITE), "check")
    assert code == 0, err
    assert "3 briefings, 2 actors, 3 places" in err


def test_check_reports_every_error_and_exits_1(make_project: MakeProject) -> None:
    files = dict(SMALL_SITE)
    files["content/briefings/2016-09-30-x.fr.md"] = briefing("X", "fr", "x\n", places="[alepo]")
    files["content/places/homs.yml"] = "kind: city\nname: {fr: Homs}\nwithin: syra\n"
    code, _out, err = run(make_project(files), "check")
    assert code == 1
    assert (
        "2016-09-30-x.fr.md:6:10: error[ref.unknown-place]: unknown place 'alepo' in 'places' — did you mean 'aleppo'?"
        in err
    )
    assert "homs.yml:3:9: error[ref.unknown-place]: unknown place 'syra'" in err
    assert "Traceback" not in err


def test_usage_error_exits_2(make_project: MakeProject) -> None:
    code, _out, _err = run(make_project(SMALL_SITE), "check", "--no-such-option")
    assert code == 2


def test_build_failure_leaves_the_site_alone(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, out, err = run(project, "build")
    assert code == 0, err
    assert "built" in out
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "content/briefings/2016-09-30-alep.fr.md").write_text("---\ntitle: [\n---\n")
    code, _out, err = run(project, "build")
    assert code == 1
    assert "2016-09-30-alep.fr.md:3:1: error[yaml.syntax]" in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_annotate_prints_the_design_json(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    target = project / "content/briefings/2016-09-30-alep.fr.md"
    result = CliRunner().invoke(
        main,
        [
            "annotate",
            str(target),
            "--content",
            str(project / "content"),
            "--format",
            "json",
            "-f",
            str(project / "mkdocs.yml"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["lang"], data["date"]) == ("fr", "2016-09-30")
    body = target.read_text().split("---\n", 2)[2]
    found = {(m["kind"], m.get("id") or m.get("date"), m["text"]) for m in data["mentions"]}
    assert ("actor", "who", "OMS") in found
    assert ("place", "aleppo", "Alep") in found
    assert ("date", "2016-09-29", "Jeudi") in found
    for mention in data["mentions"]:
        assert body[mention["start"] : mention["end"]] == mention["text"]


def test_new_scaffolds_files_that_check_accepts(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, out, err = run(project, "new", "Alep : la trêve rompue", "--lang", "fr")
    assert code == 0, err
    today = dt.date.today().isoformat()
    created = project / "content/briefings" / f"{today}-alep-la-treve-rompue.fr.md"
    assert created.is_file(), out
    code, _out, err = run(project, "new", "actor", "unicef")
    assert code == 0, err
    assert (project / "content/actors/unicef.yml").is_file()
    code, _out, err = run(project, "new", "place", "homs")
    assert code == 0, err
    code, _out, err = run(project, "check")
    assert code == 0, err
    code, _out, err = run(project, "new", "actor", "unicef")
    assert code == 2 and "already exists" in err


def test_serve_rebuild_keeps_the_last_good_site_on_error(
    make_project: MakeProject, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.locales import load_config
    from generator.serve import rebuild

    project = make_project(SMALL_SITE)
    config = load_config(project / "mkdocs.yml")
    rebuild(config)
    home = project / "site/fr/index.html"
    good = home.read_bytes()
    (project / "content/actors/msf.yml").write_text("kind: organisation\nname: [MSF]\n")
    rebuild(config)
    err = capsys.readouterr().err
    assert "msf.yml:2:7: error[field.type]: 'name' must map languages to text" in err
    assert "still serving the last good site" in err
    assert home.read_bytes() == good

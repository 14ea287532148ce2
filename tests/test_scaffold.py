"""briefing new: the right file name and date, a schema line editors follow, and a file check accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator.cli import main
from generator.locales import load_config
from generator.scaffold import scaffold

from .conftest import MakeProject
from .factories import SMALL_SITE
from .yaml12 import content_json

DAY = dt.date(2016, 10, 3)


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    return result.exit_code, result.stdout, result.stderr


def schema_of(path: Path) -> Path:
    """The file the yaml-language-server line points to, resolved from the file's folder."""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines[1] if lines[0] == "---" else lines[0]
    prefix = "# yaml-language-server: $schema="
    assert line.startswith(prefix), line
    return (path.parent / line.removeprefix(prefix)).resolve()


def assert_valid(path: Path) -> None:
    schema = json.loads(schema_of(path).read_text(encoding="utf-8"))
    checker = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in checker.iter_errors(content_json(path))] == []


def assert_check_passes(project: Path, *made: Path) -> None:
    """briefing check exits 0 and says nothing at all about the files just made."""
    code, _out, err = run(project, "check")
    assert code == 0, err
    for path in made:
        assert path.name not in err, err


def test_new_briefing_is_named_and_dated_and_passes_check(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, out, err = run(project, "new", "Alep : la trêve rompue", "--lang", "fr")
    assert code == 0, err
    path = project / "content/briefings" / f"{dt.date.today()}-alep-la-treve-rompue.fr.md"
    assert out.splitlines()[0] == f"created {path}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n# yaml-language-server: $schema=../../schemas/briefing.schema.json\n"
        'title: "Alep : la trêve rompue"\n'
        f"date: {dt.date.today()}\nlang: fr\n"
    )
    assert schema_of(path) == project / "schemas/briefing.schema.json"
    assert_valid(path)
    assert_check_passes(project, path)


def test_the_schema_line_does_not_shift_reported_lines(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    config = load_config(project / "mkdocs.yml")
    [path, *_] = scaffold(config, "Aleppo", None, "en", None, today=DAY)
    assert path.name == "2016-10-03-aleppo.en.md"
    path.write_text(path.read_text().replace("places: []", "places: [alepo]"), encoding="utf-8")
    code, _out, err = run(project, "check")
    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "alepo" in text)
    assert f"2016-10-03-aleppo.en.md:{line}:10: error[ref.unknown-place]" in err, err


def test_a_translation_keeps_the_slug_and_the_originals_ids(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, out, err = run(
        project, "new", "حلب تحت القصف", "--lang", "ar", "--translation-of", "2016-09-30-alep"
    )
    assert code == 0, err
    path = project / "content/briefings/2016-09-30-alep.ar.md"
    assert f"created {path}" in out
    text = path.read_text(encoding="utf-8")
    assert 'title: "حلب تحت القصف"\n' in text and "lang: ar\n" in text
    assert "actors: [who]" in text
    assert_valid(path)
    assert_check_passes(project, path)
    code, _out, err = run(
        project, "new", "X", "--lang", "ar", "--translation-of", "2016-09-30-alep"
    )
    assert code == 2 and "already exists" in err
    code, _out, err = run(project, "new", "X", "--lang", "ar", "--translation-of", "nowhere")
    assert code == 2 and "no briefing with the slug 'nowhere'" in err


def test_a_title_without_latin_letters_needs_a_slug(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, _out, err = run(project, "new", "حلب: انهيار الهدنة", "--lang", "ar")
    assert code == 2
    assert "has no Latin letters to make a file name from: give one with --slug" in err
    code, _out, err = run(
        project, "new", "حلب: انهيار الهدنة", "--lang", "ar", "--slug", "2016-10-03-truce"
    )
    assert code == 0, err
    assert_valid(project / "content/briefings/2016-10-03-truce.ar.md")
    code, _out, err = run(project, "new", "T", "--slug", "Bad_Slug")
    assert code == 2 and "'Bad_Slug' cannot be a slug" in err
    code, _out, err = run(project, "new", "T", "--lang", "de")
    assert code == 2 and "unknown language 'de'" in err


def test_new_registry_entries_pass_check_and_their_schema(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    for kind, entity in (("actor", "unicef-syria"), ("place", "homs")):
        code, _out, err = run(project, "new", kind, entity)
        assert code == 0, err
        path = project / f"content/{kind}s/{entity}.yml"
        assert path.read_text().startswith(
            f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
        )
        assert schema_of(path) == project / f"schemas/{kind}.schema.json"
        assert_valid(path)
    homs = (project / "content/places/homs.yml").read_text()
    assert "name:  # the name as each language writes it\n  fr: Homs\n  # en: …\n" in homs
    assert "# within: syria" in homs and "# coordinates: [36.2021, 37.1343]" in homs
    assert "  fr: Unicef syria\n" in (project / "content/actors/unicef-syria.yml").read_text()
    assert_check_passes(project)
    code, _out, err = run(project, "new", "actor", "unicef-syria")
    assert code == 2 and "already exists" in err
    code, _out, err = run(project, "new", "place", "Homs City")
    assert code == 2 and "lowercase letters, digits and hyphens" in err


def test_uncommented_optional_fields_still_pass_check(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    assert run(project, "new", "place", "homs")[0] == 0
    path = project / "content/places/homs.yml"
    text = "\n".join(
        line.removeprefix("# ") if not line.startswith("# yaml") else line
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    path.write_text(text.replace("  # en: …", "  en: Homs") + "\n", encoding="utf-8")
    assert_check_passes(project)
    assert_valid(path)


def test_new_writes_the_schema_a_project_lacks(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    assert not (project / "schemas").exists()
    code, out, _err = run(project, "new", "actor", "unicef")
    assert code == 0
    assert out.splitlines() == [
        f"created {project / 'content/actors/unicef.yml'}",
        f"created {project / 'schemas/actor.schema.json'}",
    ]
    code, out, _err = run(project, "new", "actor", "unhcr")
    assert out.splitlines() == [f"created {project / 'content/actors/unhcr.yml'}"]

"""The authors' guide is generated from the declarations, and `briefing schema` keeps it current."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.authoring_guide import authoring_guide
from generator.cli import main
from generator.schema import BRIEFING_FIELDS, KIND_DOCS, REGISTRY_KINDS

from .conftest import ROOT, MakeProject
from .factories import SMALL_SITE


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    return result.exit_code, result.stdout, result.stderr


def test_the_guide_documents_every_field_kind_and_command() -> None:
    guide = authoring_guide(("fr", "en", "ar"), main)
    tables = [
        *BRIEFING_FIELDS,
        *(f for field in BRIEFING_FIELDS for f in field.fields),
        *(f for fields in REGISTRY_KINDS.values() for f in fields),
    ]
    for field in tables:
        required = "yes" if field.required else "no"
        assert f"| `{field.name}` |" in guide and f"| {required} | {field.doc} |" in guide, field
    for kind, doc in KIND_DOCS.items():
        assert f"- `{kind}`: {doc}" in guide
    for name in main.commands:
        assert f"### `briefing {name}`" in guide
    assert "| `lang` | a site language: `fr`, `en`, `ar` | no |" in guide
    assert "`briefing new [OPTIONS] WHAT [IDENTIFIER]`" in guide
    assert "- `--slug TEXT`: The new briefing's slug" in guide
    # The full example is the declarations' examples, one field a line.
    assert "actors: [who, msf]\nplaces: [aleppo]\ntags: [siege, humanitarian]\n" in guide
    assert 'title: "Alep : l’offensive du régime se poursuit"\n' in guide


def test_the_guide_follows_the_sites_languages() -> None:
    guide = authoring_guide(("en", "pt-BR"), main)
    assert "| `lang` | a site language: `en`, `pt-BR` | no |" in guide


def test_the_committed_guide_is_linked_from_the_readme() -> None:
    assert (ROOT / "docs/authoring.md").is_file()
    assert "(docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_briefing_schema_checks_then_writes(make_project: MakeProject) -> None:
    project = make_project(SMALL_SITE)
    code, _out, err = run(project, "schema")
    assert code == 1
    assert "docs/authoring.md is out of date: run `briefing schema --write`" in err
    assert "schemas/place.schema.json is out of date" in err
    code, out, _err = run(project, "schema", "--write")
    assert code == 0
    assert sorted(Path(line.removeprefix("wrote ")).name for line in out.splitlines()) == [
        "actor.schema.json",
        "authoring.md",
        "briefing.schema.json",
        "place.schema.json",
    ]
    code, _out, err = run(project, "schema")
    assert code == 0 and "up to date" in err
    assert run(project, "schema", "--write")[1] == ""  # nothing changed, nothing written
    guide = project / "docs/authoring.md"
    guide.write_text(guide.read_text() + "hand edit\n")
    code, _out, err = run(project, "schema")
    assert code == 1 and "authoring.md is out of date" in err
    assert "schema.json" not in err

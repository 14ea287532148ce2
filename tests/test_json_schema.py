"""The published JSON Schemas: current, valid, true to the demo content and to briefing check."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator import json_schema, validate
from generator.cli import main
from generator.load import ID_PATTERN
from generator.locales import load_config
from generator.reference import reference_files
from generator.schema import BRIEFING_FIELDS, REGISTRY_KINDS
from generator.yaml_example import example_document

from .conftest import ROOT, MakeProject
from .factories import SMALL_SITE, briefing
from .yaml12 import content_json

LOCALES = ("fr", "en", "ar")


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(path: Path) -> list[str]:
    name = "briefing" if path.suffix == ".md" else path.parent.name.removesuffix("s")
    found = validator(json_schema.SCHEMA_FILES[name]).iter_errors(content_json(path))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def test_committed_schemas_and_guide_are_current() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in reference_files(load_config(ROOT / "mkdocs.yml")).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, (
        f"{', '.join(stale)} out of date with generator/schema.py: "
        "run `briefing schema --write` (or `make schemas`) and commit the result"
    )


@pytest.mark.parametrize("name", sorted(json_schema.SCHEMA_FILES.values()))
def test_each_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for prop in schema["properties"].values():
        assert prop["description"] and prop["examples"], prop


def test_the_schemas_are_generated_from_the_validators_declarations() -> None:
    briefing_schema = json_schema.briefing_schema(LOCALES)
    assert list(briefing_schema["properties"]) == [f.name for f in BRIEFING_FIELDS]
    assert briefing_schema["required"] == ["title", "date", "summary"]
    assert briefing_schema["properties"]["lang"]["enum"] == list(LOCALES)
    figures = briefing_schema["properties"]["figures"]["items"]
    assert figures["required"] == ["label", "value"] and figures["additionalProperties"] is False
    for kind, fields in REGISTRY_KINDS.items():
        schema = json_schema.registry_schema(kind, LOCALES)
        assert list(schema["properties"]) == [f.name for f in fields]
        kinds = next(f.choices for f in fields if f.name == "kind")
        assert schema["properties"]["kind"]["enum"] == list(kinds)
    # A site with other languages gets its own enum.
    assert json_schema.briefing_schema(("pt-BR",))["properties"]["lang"]["enum"] == ["pt-BR"]


DEMO_FILES = sorted(
    p for folder in ("briefings", "actors", "places") for p in (ROOT / "content" / folder).iterdir()
)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_demo_file_passes_its_schema(path: Path) -> None:
    assert schema_errors(path) == []


GOOD = briefing("Alep", "fr", "Texte.\n")

#: Each bad file, and the code briefing check gives it: the schema must reject it too.
BAD_FILES = {
    "unknown-field": ("b.fr.md", GOOD.replace("lang: fr", "lang: fr\ntitel: X"), "field.unknown"),
    "missing-summary": ("b.fr.md", re.sub(r"summary: .*\n", "", GOOD), "field.missing"),
    "empty-title": ("b.fr.md", GOOD.replace('title: "Alep"', 'title: ""'), "field.empty"),
    "impossible-date": ("b.fr.md", GOOD.replace("2016-09-30", "2016-02-30"), "field.date"),
    "french-date": ("b.fr.md", GOOD.replace("2016-09-30", "30/09/2016"), "field.date"),
    "unknown-lang": ("b.fr.md", GOOD.replace("lang: fr", "lang: de"), "field.lang"),
    "ids-not-a-list": ("b.fr.md", GOOD.replace("lang: fr", "lang: fr\nactors: who"), "field.type"),
    "capital-id": ("b.fr.md", GOOD.replace("lang: fr", "lang: fr\nactors: [WHO]"), "field.id"),
    "two-word-tag": ("b.fr.md", GOOD.replace("lang: fr", "lang: fr\ntags: [a b]"), "field.word"),
    "number-in-words": (
        "b.fr.md",
        GOOD.replace("lang: fr", "lang: fr\nfigures: [{label: killed, value: many}]"),
        "field.number",
    ),
    "unknown-figure-field": (
        "b.fr.md",
        GOOD.replace("lang: fr", "lang: fr\nfigures: [{label: killed, value: 3, by: who}]"),
        "field.unknown",
    ),
    "javascript-url": (
        "b.fr.md",
        GOOD.replace("lang: fr", 'lang: fr\nsources: [{publisher: X, url: "javascript:alert(1)"}]'),
        "field.url",
    ),
    "unknown-actor-kind": ("who.yml", "kind: persn\nname: {en: WHO}\n", "field.kind"),
    "name-not-a-mapping": ("who.yml", "kind: media\nname: [WHO]\n", "field.type"),
    "bad-wikidata": (
        "who.yml",
        "kind: media\nname: {en: WHO}\nwikidata: Q07817\n",
        "field.wikidata",
    ),
    "bad-language-key": ("who.yml", "kind: media\nname: {EN: WHO}\n", "field.lang"),
    "latitude-out-of-range": (
        "homs.yml",
        "kind: city\nname: {fr: Homs}\ncoordinates: [100, 36.7]\n",
        "field.coordinates",
    ),
    "three-coordinates": (
        "homs.yml",
        "kind: city\nname: {fr: Homs}\ncoordinates: [34.7, 36.7, 0]\n",
        "field.coordinates",
    ),
}
_FOLDER = {"b.fr.md": "content/briefings/2016-09-30-b.fr.md", "who.yml": "content/actors/zz.yml"}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_what_check_rejects_the_schema_rejects(make_project: MakeProject, case: str) -> None:
    name, text, code = BAD_FILES[case]
    relative = _FOLDER.get(name, "content/places/zz.yml")
    project = make_project({**SMALL_SITE, relative: text})
    result = CliRunner().invoke(main, ["check", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 1
    assert f"error[{code}]" in result.stderr and Path(relative).name in result.stderr
    assert schema_errors(project / relative), f"the schema accepts {case}"


def test_every_example_passes_check_and_the_schema(make_project: MakeProject) -> None:
    files = {"content/briefings/2016-09-30-example.fr.md": "---\n"}
    files["content/briefings/2016-09-30-example.fr.md"] += (
        example_document(BRIEFING_FIELDS) + "---\nTexte.\n"
    )
    for kind, fields in REGISTRY_KINDS.items():
        files[f"content/{kind}s/example-{kind}.yml"] = example_document(fields)
    project = make_project(files, demo=True)
    result = CliRunner().invoke(main, ["check", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.stderr
    assert " error" not in result.stderr.replace("0 error(s)", "")
    for relative in files:
        assert schema_errors(project / relative) == [], relative


# Each JSON Schema pattern against the validator's regex: the same verdict on every ASCII string
# (the schema's WORD lets through non-ASCII punctuation that only briefing check refuses).
AGREEING = [
    (json_schema.ID, ID_PATTERN, "abz09-_ AZé."),
    (json_schema.DATE, validate.DATE, "0129-T "),
    (json_schema.DATETIME, validate.DATETIME, "0129-:T Z+.\t"),
    (json_schema.LANGUAGE_TAG, validate.LANGUAGE_TAG, "abzAZ09-_"),
    (json_schema.WORD, validate.WORD, "aZé_-1 .!/:@[`{~"),
    (json_schema.WIKIDATA, validate.WIKIDATA, "Q019q"),
    (json_schema.TEXT, re.compile(r"(?s).*\S"), " a\t\n"),
]


@pytest.mark.parametrize("pattern, regex, alphabet", AGREEING, ids=lambda x: str(x)[:12])
def test_patterns_agree_with_the_validator(
    pattern: str, regex: re.Pattern[str], alphabet: str
) -> None:
    ascii_matches = st.from_regex(pattern, fullmatch=True, alphabet=st.characters(codec="ascii"))

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(alphabet=alphabet, max_size=30), ascii_matches))
    def agree(text: str) -> None:
        assert bool(re.search(pattern, text)) == bool(regex.match(text)), repr(text)

    agree()


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_patterns_are_ecma_262_as_editors_read_them() -> None:
    patterns = sorted({p for s in json_schema.schemas(LOCALES).values() for p in _patterns(s)})
    assert len(patterns) >= 8
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(p, 'u');"
    result = subprocess.run(
        ["node", "-e", script, json.dumps(patterns)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr

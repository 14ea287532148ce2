"""Validation: every problem in every file at once, located, with a suggestion where one exists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.diagnostics import ContentError
from generator.load import load_content
from generator.validate import validate

from .conftest import MakeProject
from .factories import ALEPPO, HANDARAT, SYRIA, WHO, briefing

LOCALES = ("fr", "en", "ar")
REGISTRY = {
    "content/places/aleppo.yml": ALEPPO,
    "content/places/syria.yml": SYRIA,
    "content/places/handarat.yml": HANDARAT,
    "content/actors/who.yml": WHO,
}


def errors_of(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        validate(load_content(project / "content"), LOCALES)
    root = str(project / "content") + "/"
    return [str(d).replace(root, "") for d in caught.value.diagnostics]


def test_valid_content_becomes_the_model(make_project: MakeProject) -> None:
    project = make_project(
        {
            **REGISTRY,
            "content/briefings/2016-09-30-alep.fr.md": briefing(
                "Alep",
                "fr",
                "Texte.\n",
                actors="[who]",
                places="[aleppo]",
                figures="[{label: killed, value: 338, source: who, from: 2016-09-23, to: 2016-09-30}]",
                events='[{date: 2016-09-29, text: "Chute de Handarat", places: [handarat]}]',
                sources='[{publisher: OMS, url: "https://www.who.int/", date: 2016-09-30}]',
            ),
        }
    )
    content, warnings = validate(load_content(project / "content"), LOCALES)
    assert warnings == ()
    (only,) = content.briefings
    assert (only.slug, only.lang, only.date) == ("2016-09-30-alep", "fr", dt.date(2016, 9, 30))
    assert only.figures[0].value == 338 and only.figures[0].source == "who"
    assert only.events[0].places == ("handarat",)
    assert only.body == "Texte.\n" and only.body_line == 12
    assert content.registry.ancestors("handarat") == ("aleppo", "syria")
    assert content.registry.places["aleppo"].coordinates == (36.2021, 37.1343)


def test_every_error_is_reported_with_its_line(make_project: MakeProject) -> None:
    project = make_project(
        {
            **REGISTRY,
            "content/briefings/2016-09-30-a.fr.md": briefing(
                "A", "fr", "x\n", places="[alepo]", colour="blue"
            ),
            "content/briefings/2016-09-30-b.en.md": briefing("B", "fr", "x\n", day="2016-02-30"),
            "content/places/homs.yml": "kind: cty\nname: {fr: Homs}\nwithin: syra\n",
        }
    )
    assert errors_of(project) == [
        "briefings/2016-09-30-a.fr.md:6:10: error[ref.unknown-place]: unknown place 'alepo' in "
        "'places' — did you mean 'aleppo'?",
        "briefings/2016-09-30-a.fr.md:7:1: error[field.unknown]: unknown field 'colour' in a "
        "briefing (fields: title, date, lang, summary, updated, actors, places, tags, figures, "
        "events, sources)",
        "briefings/2016-09-30-b.en.md:3:7: error[field.date]: '2016-02-30' is not a day of the calendar",
        "briefings/2016-09-30-b.en.md:4:7: error[briefing.lang]: lang 'fr' disagrees with the file "
        "name's '.en.md'",
        "places/homs.yml:1:7: error[field.kind]: unknown kind 'cty' (kinds: country, region, city, "
        "town, village, district, site) — did you mean 'city'?",
        "places/homs.yml:3:9: error[ref.unknown-place]: unknown place 'syra' in 'within' — did you "
        "mean 'syria'?",
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"content/briefings/2016-09-30-a.de.md": briefing("A", "de", "x\n")},
            "error[briefing.lang]: the file name's language 'de' is not a site language",
        ),
        (
            {"content/briefings/Bad Name.md": "---\n---\n"},
            "error[briefing.file-name]",
        ),
        (
            {
                "content/places/a.yml": "kind: city\nname: {fr: A}\nwithin: b\n",
                "content/places/b.yml": "kind: city\nname: {fr: B}\nwithin: a\n",
            },
            "error[place.within-cycle]: places contain each other in a loop: a → b → a",
        ),
        (
            {"content/places/a.yml": "kind: city\nname: {fr: A}\ncoordinates: [95, 10]\n"},
            "error[field.coordinates]: coordinates [95.0, 10.0] are out of range",
        ),
        (
            {
                "content/briefings/2016-09-30-a.fr.md": briefing(
                    "A", "fr", "x\n", sources='[{publisher: X, url: "javascript:alert(1)"}]'
                )
            },
            "error[field.url]: 'url' must be an http or https address",
        ),
        (
            {
                "content/briefings/2016-09-30-a.fr.md": briefing(
                    "A", "fr", "x\n", figures='[{label: killed, value: "338"}]'
                )
            },
            "error[field.number]: 'value' must be a number written with digits",
        ),
        (
            {"content/notes.txt": "stray"},
            "error[content.unknown]: unexpected entry in the content directory",
        ),
    ],
)
def test_bad_input_is_a_located_error(
    make_project: MakeProject, files: dict[str, str], expected: str
) -> None:
    project = make_project({**REGISTRY, **files})
    messages = errors_of(project)
    assert any(expected in m for m in messages), messages

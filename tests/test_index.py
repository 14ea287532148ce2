"""The index: backlinks by actor, place (rolled up) and day, co-mentions and figures."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.index import Sentences, build_index, sentence_around
from generator.load import load_content
from generator.model import Linked, Mention
from generator.validate import validate

from .conftest import MakeProject
from .factories import SMALL_SITE


def small_index(make_project: MakeProject):  # type: ignore[no-untyped-def]
    project = make_project(SMALL_SITE)
    content, _ = validate(load_content(project / "content"), ("fr", "en", "ar"))
    mentions = {
        ("2016-10-02-msf", "en"): (
            Mention("actor", 0, 3, "MSF", id="msf"),
            Mention("place", 29, 34, "Syria", id="syria"),
            Mention("date", 38, 47, "October 1", date=dt.date(2016, 10, 1)),
        ),
        ("2016-09-30-alep", "en"): (
            Mention("place", 38, 44, "Aleppo", id="aleppo"),
            Mention("actor", 50, 53, "MSF", id="msf"),
        ),
        ("2016-09-30-alep", "fr"): (Mention("actor", 50, 53, "MSF", id="msf"),),
    }
    return build_index(Linked(content, mentions))


def test_briefings_by_actor_newest_first(make_project: MakeProject) -> None:
    index = small_index(make_project)
    assert index.by_actor["msf"] == ("2016-10-02-msf", "2016-09-30-alep")
    assert index.by_actor["who"] == ("2016-09-30-alep",)  # listed in front matter and a figure


def test_places_roll_up_the_hierarchy(make_project: MakeProject) -> None:
    index = small_index(make_project)
    assert index.by_place["syria"] == ("2016-10-02-msf",)
    assert index.by_place_within["syria"] == ("2016-10-02-msf", "2016-09-30-alep")
    assert index.by_place_within["handarat"] == ()
    assert index.children["syria"] == ("aleppo",)


def test_days_gather_publications_events_and_mentions(make_project: MakeProject) -> None:
    index = small_index(make_project)
    assert set(index.days) == {dt.date(2016, 9, 30), dt.date(2016, 10, 1), dt.date(2016, 10, 2)}
    assert [o.mention.text for o in index.days[dt.date(2016, 10, 1)].mentions] == ["October 1"]
    assert {k[1] for k in index.days[dt.date(2016, 9, 30)].published} == {"fr", "en"}


def test_figures_by_the_actor_who_reported_them(make_project: MakeProject) -> None:
    index = small_index(make_project)
    ((key, figure),) = index.figures_by_actor["who"]
    assert key == ("2016-09-30-alep", "fr") and figure.value == 3800


def test_translations_grouped_by_slug_in_locale_order(make_project: MakeProject) -> None:
    index = small_index(make_project)
    assert [b.lang for b in index.versions["2016-09-30-alep"]] == ["fr", "en"]


@pytest.mark.parametrize(
    ("body", "name", "sentence"),
    [
        ("First one. Then Aleppo fell! Last.", "Aleppo", "Then Aleppo fell!"),
        ("Was it Aleppo? Yes.", "Aleppo", "Was it Aleppo?"),
        ("## Title\n\nAleppo fell.\nNext line", "Aleppo", "Aleppo fell."),
        ("A heading\n  \nAleppo\nheld on", "Aleppo", "Aleppo held on"),
        ("Wait…\u00a0Aleppo held", "Aleppo", "Aleppo held"),
        ("3.5 km from Aleppo.", "Aleppo", "3.5 km from Aleppo."),
        ("هل سقطت؟ سقطت حلب. ثم", "حلب", "سقطت حلب."),
        ("One. Aleppo. Two", "One. Aleppo", "One. Aleppo."),  # a span across a break
    ],
)
def test_sentence_around_a_mention(body: str, name: str, sentence: str) -> None:
    start = body.index(name)
    assert sentence_around(body, start, start + len(name)) == sentence


def test_mentions_in_one_sentence_share_it() -> None:
    body = "Aleppo and Idlib. Homs."
    sentences = Sentences(body)
    first = sentences.around(0, 6)
    assert first == "Aleppo and Idlib." and sentences.around(11, 16) is first
    assert sentences.around(18, 22) == "Homs."


def test_co_mentions_count_each_story_once(make_project: MakeProject) -> None:
    index = small_index(make_project)
    # The Aleppo story names the WHO and MSF in both its versions: one story together, not two.
    assert index.co_mentions["who"] == (("msf", 1),)
    assert index.co_mentions["msf"] == (("who", 1),)

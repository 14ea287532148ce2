"""Days tallied once per story, weeks, months and years, most mentioned names, locator maps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.index import SiteIndex, build_index
from generator.l10n import L10n, load_translations
from generator.locales import load_config
from generator.maps import neighbours, place_map
from generator.periods import (
    by_month,
    by_year,
    entity_tallies,
    latest_month,
    most_mentioned,
    tally_days,
    week_start,
    week_starts,
)
from generator.pipeline import check

from .conftest import MakeProject
from .factories import SMALL_SITE
from .test_index import small_index

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


@pytest.fixture(scope="module")
def demo_index() -> SiteIndex:
    return build_index(check(load_config(ROOT / "mkdocs.yml")).linked)


def l10n(tag: str) -> L10n:
    return L10n(tag, "fr", load_translations(ROOT / "site_templates", tag))


def test_weeks_start_on_the_locale_first_weekday() -> None:
    friday = D(2016, 9, 30)
    assert week_start(friday, 0) == D(2016, 9, 26)  # Monday
    assert week_start(friday, 6) == D(2016, 9, 25)  # Sunday
    assert week_start(D(2016, 9, 26), 0) == D(2016, 9, 26)
    assert week_starts(D(2016, 9, 9), friday, 0) == [
        D(2016, 9, 5),
        D(2016, 9, 12),
        D(2016, 9, 19),
        D(2016, 9, 26),
    ]


def test_days_group_by_month_and_year() -> None:
    days = [D(2016, 9, 30), D(2015, 9, 30), D(2016, 9, 9), D(2016, 10, 1)]
    assert by_month(days) == {
        (2015, 9): (D(2015, 9, 30),),
        (2016, 9): (D(2016, 9, 9), D(2016, 9, 30)),
        (2016, 10): (D(2016, 10, 1),),
    }
    assert by_year(days) == {2015: ((2015, 9),), 2016: ((2016, 9), (2016, 10))}


def test_a_story_counts_once_however_many_translations(demo_index: SiteIndex) -> None:
    tallies = tally_days(demo_index)
    # Four stories on September 30 (six files); on the 29th, Handarat's fall is told in French
    # and in English (one story) and Kerry's threat in French: two events.
    assert tallies[D(2016, 9, 30)].briefings == 4
    assert tallies[D(2016, 9, 29)].events == 2
    assert tallies[D(2016, 9, 29)].briefings == 0
    assert set(tallies) == set(demo_index.days)


def test_a_place_timeline_rolls_up_the_places_within(demo_index: SiteIndex) -> None:
    handarat = entity_tallies(demo_index, "place", "handarat")
    aleppo = entity_tallies(demo_index, "place", "aleppo")
    assert handarat[D(2016, 9, 29)].events == 1
    assert aleppo[D(2016, 9, 29)].events == 2  # Handarat's fall, and Kerry's threat over Aleppo
    syria = entity_tallies(demo_index, "place", "syria")
    assert D(2015, 9, 30) in syria  # Russia's intervention began in Syria
    actor = entity_tallies(demo_index, "actor", "russian-air-force")
    assert D(2015, 9, 30) in actor and actor[D(2015, 9, 30)].events == 1


def test_most_mentioned_counts_text_mentions_once_per_story(make_project: MakeProject) -> None:
    index = small_index(make_project)
    assert latest_month(index) == (2016, 10)
    assert most_mentioned(index, "actor", (2016, 10)) == [("msf", 1)]
    assert most_mentioned(index, "place", (2016, 10)) == [("syria", 1)]
    # MSF is named in the French and the English version of one September story: once.
    assert most_mentioned(index, "actor", (2016, 9)) == [("msf", 1)]
    assert most_mentioned(index, "actor", (2016, 8)) == []


def test_most_mentioned_in_the_demo_ranks_by_count(demo_index: SiteIndex) -> None:
    month = latest_month(demo_index)
    assert month == (2016, 9)
    ranked = most_mentioned(demo_index, "actor", month, limit=19)
    counts = [count for _, count in ranked]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1] > 0
    assert len(most_mentioned(demo_index, "actor", month)) == 5


def test_the_map_shows_the_place_its_parent_and_nearest_siblings(demo_index: SiteIndex) -> None:
    shown = [(place.id, role) for place, role in neighbours(demo_index, "east-aleppo")]
    assert shown[:2] == [("east-aleppo", "here"), ("aleppo", "parent")]
    assert sorted(shown[2:]) == [("handarat", "near"), ("kindi-hospital", "near")]
    html = str(place_map(demo_index, l10n("ar"), "aleppo", "places/aleppo.md"))
    for name in ("حلب", "سوريا", "دمشق"):
        assert f">{name}</text>" in html
        assert f">{name}</a>" in html  # and in the caption, as a link
    assert 'href="../syria/"' in html and 'href="../damascus/"' in html
    assert 'direction="rtl"' in html and "على الخريطة" in html


def test_places_without_coordinates_get_no_map(make_project: MakeProject) -> None:
    index = small_index(make_project)
    # Handarat has no coordinates; Aleppo has, but neither its parent nor any sibling does.
    assert "coordinates" not in SMALL_SITE["content/places/handarat.yml"]
    assert neighbours(index, "handarat") == []
    assert str(place_map(index, l10n("fr"), "handarat", "places/handarat.md")) == ""
    assert [p.id for p, _ in neighbours(index, "aleppo")] == ["aleppo"]
    assert str(place_map(index, l10n("fr"), "aleppo", "places/aleppo.md")) == ""

"""SVG charts and maps: projection, marks and links, escaping, text alternatives, direction."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts import (
    AxisLabel,
    DayMark,
    MapMarker,
    TextAlternative,
    WeekColumn,
    locator_map,
    number,
    week_chart,
)
from generator.geo import project

SVG = "{http://www.w3.org/2000/svg}"
ALT = TextAlternative("Timeline of 2016", "Each column is a week.")
ALEPPO = (36.2021, 37.1343)
DAMASCUS = (33.5131, 36.2919)
MOSCOW = (55.7558, 37.6173)
LONDON = (51.5074, -0.1278)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def mark(day: dt.date, weight: int = 1, label: str = "") -> DayMark:
    return DayMark(day, weight, f"../dates/{day:%Y/%m/%d}/", label or day.isoformat())


def columns() -> list[WeekColumn]:
    monday = dt.date(2016, 9, 26)
    return [
        WeekColumn(dt.date(2016, 9, 5), (mark(dt.date(2016, 9, 9)),)),
        WeekColumn(dt.date(2016, 9, 12)),
        WeekColumn(dt.date(2016, 9, 19)),
        WeekColumn(monday, (mark(dt.date(2016, 9, 30), 8), mark(dt.date(2016, 9, 29), 2))),
    ]


def rects(svg: str) -> list[tuple[str, float, float, float]]:
    """(link, x, y, height) of every day block."""
    found = []
    for link in parse(svg).iter(f"{SVG}a"):
        rect = link.find(f"{SVG}rect")
        assert rect is not None
        found.append(
            (
                link.get("href", ""),
                float(rect.get("x", 0)),
                float(rect.get("y", 0)),
                float(rect.get("height", 0)),
            )
        )
    return found


def test_projection_puts_north_up_and_east_right() -> None:
    drawn = project(
        [ALEPPO, DAMASCUS, MOSCOW, LONDON],
        600,
        margin_x=100,
        margin_y=20,
        min_height=200,
        max_height=400,
    )
    aleppo, damascus, moscow, london = drawn.points
    assert moscow[1] < aleppo[1] < damascus[1]  # further north is higher up (smaller y)
    assert london[0] < damascus[0] < aleppo[0] < moscow[0]  # further east is further right
    for x, y in drawn.points:
        assert 100 - 1e-9 <= x <= 500 + 1e-9 and 20 - 1e-9 <= y <= drawn.height - 20 + 1e-9


def test_projection_shrinks_longitudes_by_the_cosine_of_the_latitude() -> None:
    # At 60° north a degree of longitude is half a degree of latitude on the ground.
    drawn = project(
        [(59.5, 0), (60.5, 0), (59.5, 1)],
        600,
        margin_x=50,
        margin_y=50,
        min_height=100,
        max_height=600,
    )
    south, north, east = drawn.points
    assert (east[0] - south[0]) / (south[1] - north[1]) == pytest.approx(0.5, abs=1e-9)


def test_projection_of_a_single_place_centres_it() -> None:
    drawn = project([ALEPPO], 600, margin_x=50, margin_y=50, min_height=200, max_height=400)
    assert drawn.points == ((300.0, drawn.height / 2),)


def test_numbers_are_rounded_and_plain() -> None:
    assert [number(v) for v in (1.0, 2.25, -0.04, 123.456, 0)] == ["1", "2.2", "0", "123.5", "0"]


def test_week_chart_draws_one_linked_block_per_day_with_content() -> None:
    svg = week_chart(columns(), [AxisLabel(0, "Sep")], ALT, ident="t")
    blocks = rects(svg)
    assert len(blocks) == 3
    assert sorted(link for link, *_ in blocks) == [
        "../dates/2016/09/09/",
        "../dates/2016/09/29/",
        "../dates/2016/09/30/",
    ]
    by_link = {link: (x, y, h) for link, x, y, h in blocks}
    # Days of one week stack in one column, the older one at the bottom, as tall as its weight.
    x29, y29, h29 = by_link["../dates/2016/09/29/"]
    x30, y30, h30 = by_link["../dates/2016/09/30/"]
    assert x29 == x30 and y30 < y29 and h30 == pytest.approx(4 * h29, abs=0.2)
    # Weeks run left to right: September 9 before September 29.
    assert by_link["../dates/2016/09/09/"][0] < x29


def test_week_chart_runs_right_to_left_in_rtl_locales() -> None:
    ltr = {link: x for link, x, _, _ in rects(week_chart(columns(), [], ALT, ident="t"))}
    rtl = {link: x for link, x, _, _ in rects(week_chart(columns(), [], ALT, ident="t", rtl=True))}
    assert rtl["../dates/2016/09/09/"] > rtl["../dates/2016/09/30/"]
    assert ltr["../dates/2016/09/09/"] < ltr["../dates/2016/09/30/"]
    svg = week_chart(columns(), [AxisLabel(0, "سبتمبر")], ALT, ident="t", rtl=True)
    label = next(t for t in parse(svg).iter(f"{SVG}text") if t.text == "سبتمبر")
    assert label.get("direction") == "rtl"


def test_week_chart_has_a_text_alternative() -> None:
    root = parse(week_chart(columns(), [], ALT, ident="year-2016"))
    assert root.get("role") == "group"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Timeline of 2016"
    assert desc is not None and desc.text == "Each column is a week."
    assert root.get("aria-labelledby") == "year-2016-title"
    assert root.get("aria-describedby") == "year-2016-desc"
    assert title.get("id") == "year-2016-title" and desc.get("id") == "year-2016-desc"
    # It holds links, so it is a group, not an image; each link is named by its own title.
    names = [a.findtext(f"{SVG}title") for a in root.iter(f"{SVG}a")]
    assert names == ["2016-09-09", "2016-09-29", "2016-09-30"]
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    assert root.get("width") is None  # the viewBox sizes it, the page's CSS scales it


def test_every_text_of_a_chart_is_escaped() -> None:
    evil = "<script>alert('x')</script> & \"quoted\""
    weeks = [WeekColumn(dt.date(2016, 9, 26), (mark(dt.date(2016, 9, 30), label=evil),))]
    svg = week_chart(
        weeks, [AxisLabel(0, evil)], TextAlternative(evil, evil), ident="t", scale_label=evil
    )
    assert "<script>" not in svg
    root = parse(svg)  # well-formed XML: nothing leaked out of its element or attribute
    assert root.find(f"{SVG}title").text == evil  # type: ignore[union-attr]
    assert [t.text for t in root.iter(f"{SVG}text")].count(evil) == 2


def test_charts_are_deterministic_and_rounded() -> None:
    first = week_chart(columns(), [AxisLabel(3, "Oct")], ALT, ident="t", scale_label="10")
    assert first == week_chart(columns(), [AxisLabel(3, "Oct")], ALT, ident="t", scale_label="10")
    assert not re.search(r"\d\.\d\d", first)


def test_an_empty_chart_draws_nothing() -> None:
    assert week_chart([], [], ALT, ident="t") == ""
    assert locator_map([], ALT, ident="m") == ""


def marker(lat_lon: tuple[float, float], label: str, role: str, rtl: bool = False) -> MapMarker:
    return MapMarker(*lat_lon, label, f"../{label}/", role, rtl)  # type: ignore[arg-type]


def test_locator_map_links_and_labels_every_place() -> None:
    svg = locator_map(
        [
            marker(ALEPPO, "aleppo", "here"),
            marker((35.0, 38.0), "syria", "parent"),
            marker(DAMASCUS, "damascus", "near"),
        ],
        TextAlternative("Map: Aleppo", "On the map: Aleppo, Syria and Damascus."),
        ident="map-aleppo",
    )
    root = parse(svg)
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Map: Aleppo"  # type: ignore[union-attr]
    links = {a.get("href"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == {"../aleppo/", "../syria/", "../damascus/"}
    assert links["../aleppo/"].get("aria-current") == "page"
    centres = {
        href: (float(a.find(f"{SVG}circle").get("cx")), float(a.find(f"{SVG}circle").get("cy")))  # type: ignore[union-attr, arg-type]
        for href, a in links.items()
    }
    assert centres["../aleppo/"][1] < centres["../damascus/"][1]  # Aleppo lies north
    assert centres["../damascus/"][0] < centres["../syria/"][0]  # Syria's centre lies east
    assert [a.find(f"{SVG}text").text for a in links.values()] == ["syria", "damascus", "aleppo"]  # type: ignore[union-attr]
    assert root.find(f"{SVG}path[@class='bm-graticule']") is not None


def test_map_labels_read_in_their_own_direction_and_stay_inside() -> None:
    svg = locator_map(
        [marker(ALEPPO, "حلب", "here", rtl=True), marker(DAMASCUS, "دمشق", "near", rtl=True)],
        ALT,
        ident="m",
    )
    root = parse(svg)
    width = float(root.get("viewBox", "").split()[2])
    for text in root.iter(f"{SVG}text"):
        assert text.get("direction") == "rtl"
        x = float(text.get("x", 0))
        assert 0 < x < width
        # In right-to-left text, "start" is the right edge: the label begins next to its dot.
        circle = next(
            a.find(f"{SVG}circle") for a in root.iter(f"{SVG}a") if a.find(f"{SVG}text") is text
        )
        assert text.get("text-anchor") == "start"
        assert x < float(circle.get("cx", 0))  # type: ignore[union-attr]


def test_map_escapes_names() -> None:
    svg = locator_map(
        [marker(ALEPPO, "<script>x</script>", "here"), marker(DAMASCUS, "A & B", "near")],
        TextAlternative("<b>", "\"'"),
        ident="m",
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert [t.text for t in parse(svg).iter(f"{SVG}text")] == ["A & B", "<script>x</script>"]

"""SVG drawings from plain data: a chart of days week by week, and a locator map.

Pure functions, data in and SVG text out. Every text is escaped, every number rounded to one
decimal, the size given by a ``viewBox`` so the drawing scales with the page; colours come from
classes that ``site_templates/assets/briefing.css`` styles with Material's CSS variables, so
dark mode follows. Each drawing is a named group (``role="group"``, named by its ``<title>``,
described by its ``<desc>``) rather than an image, because it holds links: an image's content
is hidden from assistive technology, so links inside one would be reachable but nameless. Every
link has a name of its own, and the page gives the same links again as text next to the drawing
(a table, a list, a caption).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from .geo import Projection, graticule_step, project

#: Width of every drawing in user units; its height follows its content.
WIDTH = 720
MAP_WIDTH = 600
#: The thinnest a day's block gets, so that a quiet day next to a busy week still shows.
MIN_BLOCK = 3.0
#: Average advance of a character at the sizes used, to keep labels from overlapping.
CHAR_WIDTH = {"axis": 6.2, "label": 7.2}


@dataclass(frozen=True)
class TextAlternative:
    """What a drawing shows, in words: its accessible name and description."""

    title: str
    description: str


@dataclass(frozen=True)
class DayMark:
    """A day with content: its weight (how many things happened), link and tooltip."""

    day: dt.date
    weight: int
    href: str
    label: str


@dataclass(frozen=True)
class WeekColumn:
    """One week of the chart, from ``start``; its days stack from the baseline, oldest lowest."""

    start: dt.date
    marks: tuple[DayMark, ...] = ()


@dataclass(frozen=True)
class AxisLabel:
    """A label under the column where it applies (a month under the week of its first day)."""

    column: int
    text: str


@dataclass(frozen=True)
class MapMarker:
    """A place on a locator map: the page's own place, its parent, or a place near it."""

    lat: float
    lon: float
    label: str
    href: str
    role: Literal["here", "parent", "near"]
    #: The label's own direction (a name may be in another language than the page's).
    rtl: bool = False
    lang: str = ""


def number(value: float) -> str:
    """A coordinate rounded to one decimal, without a useless ``.0`` or a negative zero."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(**attributes: str | float | None) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        shown = number(value) if isinstance(value, int | float) else escape(value, quote=True)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{shown}"')
    return "".join(parts)


def _open_svg(kind: str, ident: str, width: float, height: float, alt: TextAlternative) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bm-{kind}"'
        f'{_attrs(viewBox=f"0 0 {number(width)} {number(height)}")} role="group"'
        f"{_attrs(aria_labelledby=f'{ident}-title', aria_describedby=f'{ident}-desc')}>"
        f"<title{_attrs(id=f'{ident}-title')}>{escape(alt.title)}</title>"
        f"<desc{_attrs(id=f'{ident}-desc')}>{escape(alt.description)}</desc>"
    )


def week_chart(
    columns: Sequence[WeekColumn],
    axis: Sequence[AxisLabel],
    alt: TextAlternative,
    *,
    ident: str,
    rtl: bool = False,
    height: float = 150,
    scale_max: int = 0,
    scale_label: str = "",
) -> str:
    """Weeks side by side (right to left when ``rtl``), each day a linked block in its week.

    Block heights share one scale: ``scale_max`` (when larger than any week's total) lets
    several charts compare; ``scale_label`` is printed beside the top of that scale.
    """
    if not columns:
        return ""
    margin, top, bottom = 30.0, 10.0, 18.0
    baseline = height - bottom
    slot = (WIDTH - 2 * margin) / len(columns)
    bar = min(slot * 0.72, 48.0)
    totals = [sum(max(m.weight, 1) for m in column.marks) for column in columns]
    scale = max(scale_max, *totals, 1)
    unit = (baseline - top) / scale

    def left(x: float, width: float = 0) -> float:
        return WIDTH - x - width if rtl else x

    direction = "rtl" if rtl else "ltr"
    parts = [_open_svg("weeks", ident, WIDTH, height, alt)]
    parts.append(
        f'<line class="bm-axis"{_attrs(x1=left(margin), y1=baseline)}'
        f"{_attrs(x2=left(WIDTH - margin), y2=baseline)}/>"
    )
    if scale_label:
        y = baseline - scale * unit
        parts.append(
            f'<line class="bm-grid"{_attrs(x1=left(margin), y1=y, x2=left(WIDTH - margin), y2=y)}/>'
            f'<text class="bm-scale"{_attrs(x=left(margin - 4), y=y + 4)}'
            f"{_attrs(text_anchor='end', direction=direction)}>{escape(scale_label)}</text>"
        )
    free_from = 0.0
    for label in sorted(axis, key=lambda a: a.column):
        x = margin + label.column * slot
        if x < free_from or not 0 <= label.column < len(columns):
            continue  # it would overlap the previous label
        free_from = x + len(label.text) * CHAR_WIDTH["axis"] + 6
        parts.append(
            f'<line class="bm-tick"{_attrs(x1=left(x), y1=baseline, x2=left(x), y2=baseline + 4)}/>'
            f'<text class="bm-axis-label"{_attrs(x=left(x + 2), y=baseline + 14)}'
            f"{_attrs(text_anchor='start', direction=direction)}>{escape(label.text)}</text>"
        )
    for i, column in enumerate(columns):
        y = baseline
        x = left(margin + i * slot + (slot - bar) / 2, bar)
        # The marks are most of a chart: their attributes written directly, as ``_attrs`` would.
        x_text, bar_text = number(x), number(bar)
        for mark in sorted(column.marks, key=lambda m: m.day):
            block = max(max(mark.weight, 1) * unit, MIN_BLOCK)
            y -= block
            parts.append(
                f'<a href="{escape(mark.href, quote=True)}"><title>{escape(mark.label)}</title>'
                f'<rect class="bm-mark" x="{x_text}" y="{number(y)}" width="{bar_text}"'
                f' height="{number(block)}"/></a>'
            )
    parts.append("</svg>")
    return "".join(parts)


def locator_map(markers: Sequence[MapMarker], alt: TextAlternative, *, ident: str) -> str:
    """The markers projected north up and east right, each a link labelled with its name."""
    if not markers:
        return ""
    drawn = project(
        [(m.lat, m.lon) for m in markers],
        MAP_WIDTH,
        margin_x=130,
        margin_y=30,
        min_height=200,
        max_height=280,
    )
    order = {"parent": 0, "near": 1, "here": 2}  # the page's own place is drawn last, on top
    placed = sorted(zip(markers, drawn.points, strict=True), key=lambda mp: order[mp[0].role])
    radius = {"parent": 5.5, "near": 4.0, "here": 6.5}
    taken: list[tuple[float, float, float, float]] = [
        (x - radius[m.role], y - radius[m.role], x + radius[m.role], y + radius[m.role])
        for m, (x, y) in placed
    ]
    parts = [_open_svg("map", ident, MAP_WIDTH, drawn.height, alt)]
    parts.append(
        f'<rect class="bm-frame"{_attrs(x=0.5, y=0.5, width=MAP_WIDTH - 1)}'
        f"{_attrs(height=drawn.height - 1, rx=6)}/>"
    )
    parts.append(_graticule(drawn))
    for marker, (x, y) in placed:
        label_x, label_y, goes_right = _label_position(
            marker, x, y, radius[marker.role], drawn.height, taken
        )
        # text-anchor counts from where the label's own writing starts.
        anchor = "start" if goes_right != marker.rtl else "end"
        current = ' aria-current="page"' if marker.role == "here" else ""
        parts.append(
            f"<a{_attrs(href=marker.href)}{current}>"
            f'<circle class="bm-{marker.role}"{_attrs(cx=x, cy=y, r=radius[marker.role])}/>'
            f'<text class="bm-label bm-label-{marker.role}"{_attrs(x=label_x, y=label_y)}'
            f"{_attrs(text_anchor=anchor, direction='rtl' if marker.rtl else 'ltr')}"
            f"{_attrs(lang=marker.lang or None)}>{escape(marker.label)}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _graticule(drawn: Projection) -> str:
    """Faint parallels and meridians at a round step: the map's only background."""
    south, west, north, east = drawn.bounds()
    step = graticule_step(max(north - south, (east - west) * drawn.shrink))
    lines = []
    for n in range(math.ceil(south / step), math.floor(north / step) + 1):
        _, y = drawn.xy(n * step, 0)
        lines.append(f"M0 {number(y)}H{number(drawn.width)}")
    for n in range(math.ceil(west / step), math.floor(east / step) + 1):
        x, _ = drawn.xy(0, n * step)
        lines.append(f"M{number(x)} 0V{number(drawn.height)}")
    return f'<path class="bm-graticule"{_attrs(d="".join(lines))}/>' if lines else ""


def _label_position(
    marker: MapMarker,
    x: float,
    y: float,
    radius: float,
    height: float,
    taken: list[tuple[float, float, float, float]],
) -> tuple[float, float, bool]:
    """Beside the dot where the label fits and overlaps nothing drawn yet: (x, y, goes right)."""
    width = len(marker.label) * CHAR_WIDTH["label"]
    gap = radius + 4
    # First where the label starts next to its dot: on the right of it for left-to-right text.
    first, second = (-1, 1) if marker.rtl else (1, -1)
    candidates = [
        (x + side * gap, y + dy, side > 0) for dy in (4, -10, 18) for side in (first, second)
    ]
    boxes = []
    for label_x, label_y, goes_right in candidates:
        x0 = label_x if goes_right else label_x - width
        boxes.append((x0, label_y - 11, x0 + width, label_y + 3))
    inside = [
        i
        for i, box in enumerate(boxes)
        if box[0] >= 2 and box[2] <= MAP_WIDTH - 2 and box[1] >= 2 and box[3] <= height - 2
    ]
    free = [i for i in inside if not any(_overlap(boxes[i], other) for other in taken)]
    chosen = (free or inside or [0])[0]
    taken.append(boxes[chosen])
    return candidates[chosen]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

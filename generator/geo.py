"""Map projection for locator maps: latitude and longitude to drawing coordinates.

Equirectangular, with longitudes shrunk by the cosine of the middle latitude so that distances
look right around the places shown; north is up (y grows southwards), east is right. Longitudes
are not wrapped across the antimeridian: places either side of it sit at opposite edges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: The smallest span shown, in degrees, so that one place or a few very close ones still fit.
MIN_SPAN = 0.02

LatLon = tuple[float, float]


@dataclass(frozen=True)
class Projection:
    """Coordinates fitted into a box of ``width`` × ``height``: where each place is drawn."""

    width: float
    height: float
    #: cos(middle latitude): how much a degree of longitude shrinks against one of latitude.
    shrink: float
    #: Drawing units per degree of latitude.
    scale: float
    #: The projected point drawn at the box's centre.
    centre: tuple[float, float]
    points: tuple[tuple[float, float], ...]

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """Where a latitude and longitude fall in the box (north up, east right)."""
        return (
            self.width / 2 + (lon * self.shrink - self.centre[0]) * self.scale,
            self.height / 2 + (-lat - self.centre[1]) * self.scale,
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """The latitudes and longitudes the box covers: (south, west, north, east)."""
        west = (self.centre[0] - self.width / 2 / self.scale) / self.shrink
        east = (self.centre[0] + self.width / 2 / self.scale) / self.shrink
        north = -(self.centre[1] - self.height / 2 / self.scale)
        south = -(self.centre[1] + self.height / 2 / self.scale)
        return south, west, north, east


def project(
    coordinates: Sequence[LatLon],
    width: float,
    *,
    margin_x: float,
    margin_y: float,
    min_height: float,
    max_height: float,
) -> Projection:
    """Fit the coordinates into a box ``width`` wide, as tall as their shape asks within bounds.

    One scale for both axes (no stretching); the points are centred in the box.
    """
    lats = [lat for lat, _ in coordinates] or [0.0]
    lons = [lon for _, lon in coordinates] or [0.0]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    xs = [lon * shrink for lon in lons]
    ys = [-lat for lat in lats]
    span_x = max(max(xs) - min(xs), MIN_SPAN)
    span_y = max(max(ys) - min(ys), MIN_SPAN)
    inner_width = width - 2 * margin_x
    wanted = inner_width * span_y / span_x + 2 * margin_y
    height = min(max(wanted, min_height), max_height)
    scale = min(inner_width / span_x, (height - 2 * margin_y) / span_y)
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    fitted = Projection(width, height, shrink, scale, centre, ())
    points = tuple(fitted.xy(lat, lon) for lat, lon in coordinates)
    return Projection(width, height, shrink, scale, centre, points)


def graticule_step(span: float) -> float:
    """A round number of degrees giving a few grid lines across ``span`` degrees."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30):
        if span / step <= 6:
            return step
    return 45

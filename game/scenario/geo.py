"""Great-circle geometry for the map: points at a distance and bearing, and rings of them."""

from __future__ import annotations

import math

EARTH_KM = 6371.0
NMI_KM = 1.852


def destination(lon: float, lat: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point `km` from (lon, lat) along a great circle at `bearing_deg`."""
    d = km / EARTH_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(l2), math.degrees(p2)


def ring(
    lon: float, lat: float, km: float, start: float = 0, end: float = 360, step: float = 4
) -> list[tuple[float, float]]:
    """Points every `step` degrees of bearing from `start` to `end` (both included) at `km` from the centre."""
    n = max(2, int((end - start) / step) + 1)
    return [destination(lon, lat, start + (end - start) * i / (n - 1), km) for i in range(n)]


def ellipse(lon: float, lat: float, rx: float, ry: float, rot: float, n: int = 14) -> list[tuple[float, float]]:
    """An islet as a polygon: an ellipse of half-axes rx, ry degrees turned by `rot` degrees."""
    c, s = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        x, y = rx * math.cos(a), ry * math.sin(a)
        pts.append((lon + x * c - y * s, lat + x * s + y * c))
    return pts

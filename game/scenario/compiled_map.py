"""The runtime form of a scenario's `map:`: plain objects, outlines as point tuples, conditions compiled.

Built by `compile_map.py`; read by the window's map (game/ui/map_data.py), which needs no scenario names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.expressions import Compiled

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class RBounds:
    west: float
    east: float
    south: float
    north: float

    @property
    def center(self) -> Point:
        return (self.west + self.east) / 2, (self.south + self.north) / 2

    @property
    def span(self) -> Point:
        return self.east - self.west, self.north - self.south


@dataclass(frozen=True, slots=True)
class RShape:
    id: str
    style: str  # land | focus
    polygons: tuple[tuple[Point, ...], ...]  # the outline and the islets, each a closed polygon
    dots: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class RLabel:
    text: str
    at: tuple[Point, ...]
    side: str
    style: str  # region | sea | focus
    required: bool
    detail: bool


@dataclass(frozen=True, slots=True)
class RPlace:
    name: str
    at: Point
    side: str
    inset: bool
    label: bool
    detail: bool
    required: bool


@dataclass(frozen=True, slots=True)
class RSite:
    index: int
    id: str
    letter: str
    name: str
    at: Point
    kind: str
    large: bool
    side: str
    found: dict[str, int]  # side -> minutes since 1 January 1962; a side not named knows it always
    status: tuple[tuple[str, Compiled, str], ...]  # (status, condition, note), the first that holds


@dataclass(frozen=True, slots=True)
class RLine:
    id: str
    label: str
    legend: str
    legend_off: str
    condition: Compiled | None
    style: str
    dashed: bool
    ticks: bool
    points: tuple[Point, ...]
    label_at: tuple[Point, ...]  # where the label may go, best first


@dataclass(frozen=True, slots=True)
class RMark:
    id: str
    label: str
    at: Point
    condition: Compiled
    style: str


@dataclass(frozen=True, slots=True)
class RForce:
    id: str
    label: str
    legend: str
    condition: Compiled | None
    heading: str  # east | west
    at: tuple[tuple[Compiled, Compiled], ...]
    moves: tuple[tuple[int, tuple[tuple[Compiled, Compiled], ...]], ...]  # (from minute, positions), by date


@dataclass(frozen=True, slots=True)
class RInset:
    title: str
    bounds: RBounds
    corner: Point
    aspect: float


@dataclass(frozen=True, slots=True)
class RMap:
    bounds: RBounds
    grid: float
    outlines: tuple[RShape, ...]
    labels: tuple[RLabel, ...]
    places: tuple[RPlace, ...]
    sites_legend: str
    sites: tuple[RSite, ...]
    lines: tuple[RLine, ...]
    marks: tuple[RMark, ...]
    forces: tuple[RForce, ...]
    incidents: dict[str, Point | None] = field(default_factory=dict)
    inset: RInset | None = None

    def names(self) -> list[str]:
        """Every name the map writes (for tests that check no such name is left in code)."""
        out = [lab.text for lab in self.labels] + [p.name for p in self.places] + [s.name for s in self.sites]
        return out + [ln.label for ln in self.lines if ln.label] + [m.label for m in self.marks]

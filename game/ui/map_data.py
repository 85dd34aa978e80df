"""What the map shows for a state, as one side sees it: read from the scenario's `map:`, nothing guessed.

Every name, position and condition comes from the scenario (compiled into `RMap`); this module only
evaluates the conditions against the state and keeps what the viewing side knows. No pygame here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window's first frame must not load the core
    from game.scenario.compiled_map import RMap, RSite

Point = tuple[float, float]

GLYPH = {"destroyed": "✕", "dismantled": "hollow"}  # how the view draws each status, for the key


@dataclass(frozen=True)
class SiteView:
    letter: str
    name: str
    kind: str
    at: Point
    large: bool
    side: str
    status: str  # '' (operational) | 'destroyed' | 'dismantled'
    note: str


@dataclass(frozen=True)
class LineView:
    id: str
    label: str
    style: str
    dashed: bool
    ticks: bool
    points: tuple[Point, ...]
    label_at: tuple[Point, ...]


@dataclass(frozen=True)
class MarkView:
    id: str
    label: str
    at: Point
    style: str


@dataclass(frozen=True)
class ForceView:
    id: str
    label: str
    heading: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Marker:
    number: int
    at: Point | None  # None: happened off this map (listed only)
    title: str
    when: int
    id: str = ""


@dataclass
class MapState:
    map: RMap
    side: str
    sites: list[SiteView] = field(default_factory=list)
    lines: list[LineView] = field(default_factory=list)
    marks: list[MarkView] = field(default_factory=list)
    forces: list[ForceView] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)

    def line_ids(self) -> list[str]:
        return [ln.id for ln in self.lines]

    def force_ids(self) -> list[str]:
        return [f.id for f in self.forces]

    def mark_ids(self) -> list[str]:
        return [m.id for m in self.marks]


def knows(site: RSite, side: str, clock: int) -> bool:
    """Has `side` found the site by `clock`? A side with no date for it knows it from the start."""
    when = site.found.get(side)
    return when is None or when <= clock


def _status(site: RSite, values: list) -> tuple[str, str]:
    for status, cond, note in site.status:
        if cond(values):
            return status, note
    return "", ""


def viewing_side(engine, state) -> str:
    """The side whose map the window shows: the first side a person plays, else the scenario's player."""
    controlled = getattr(state, "controlled", ()) or ()
    return controlled[0] if controlled else getattr(engine.scenario.model, "player", "us")


def map_state(engine, state, side: str | None = None) -> MapState | None:
    """The map for `state` as `side` sees it (default: the side played); None if the scenario has no map."""
    rmap: RMap | None = getattr(engine.scenario, "map", None)
    if rmap is None:
        return None
    side = side or viewing_side(engine, state)
    values, clock = state.values, state.clock
    ms = MapState(rmap, side)
    for s in rmap.sites:
        if knows(s, side, clock):
            status, note = _status(s, values)
            ms.sites.append(SiteView(s.letter, s.name, s.kind, s.at, s.large, s.side, status, note))
    for ln in rmap.lines:
        if ln.points and (ln.condition is None or ln.condition(values)):
            ms.lines.append(LineView(ln.id, ln.label, ln.style, ln.dashed, ln.ticks, ln.points, ln.label_at))
    for mk in rmap.marks:
        if mk.condition(values):
            ms.marks.append(MarkView(mk.id, mk.label, mk.at, mk.style))
    for f in rmap.forces:
        if f.condition is not None and not f.condition(values):
            continue
        where = f.at
        for start, moved in f.moves:  # by date: the last move that has begun
            if start <= clock:
                where = moved
        pts = tuple((float(lon(values)), float(lat(values))) for lon, lat in where)
        ms.forces.append(ForceView(f.id, f.label, f.heading, pts))
    when_of = {p.node: p.when for p in state.path if p.kind == "incident"}
    from game.engine.views import sees  # here: the window's first frame must not load the core

    incidents = {inc.id: inc for inc in engine.scenario.incidents}
    told = [iid for iid in state.fired if iid not in incidents or sees(side, incidents[iid].audience)]  # the side's own
    for n, iid in enumerate(told, 1):
        title = incidents[iid].title if iid in incidents else iid
        ms.markers.append(Marker(n, rmap.incidents.get(iid), title, when_of.get(iid, clock), iid))
    ms.legend = legend_lines(ms, values)
    return ms


def legend_lines(ms: MapState, values: list) -> list[str]:
    """The key under the map, in words: sites, lines, forces, then the incidents by number."""
    rmap = ms.map
    lines: list[str] = []
    if ms.sites:
        statuses = {(s.status, s.note) for s in ms.sites}
        shared = len(statuses) == 1
        parts = []
        for s in ms.sites:
            own = f" — {s.note} ({GLYPH[s.status]})" if s.status and not shared else ""
            parts.append(f"{s.letter} {s.name}: {s.kind}{own}")
        status, note = next(iter(statuses))
        tail = f" — {note} ({GLYPH[status]})" if shared and status else ""
        where = " (lettered on the close-up)" if rmap.inset is not None and "lettered" not in rmap.sites_legend else ""
        lines.append(f"▲ {rmap.sites_legend}{where}: {'; '.join(parts)}{tail}.")
    drawn = set(ms.line_ids())
    for ln in rmap.lines:
        text = ln.legend if ln.id in drawn else ln.legend_off
        if text:
            lines.append(text)
    shown = set(ms.force_ids())
    lines += [f.legend for f in rmap.forces if f.id in shown and f.legend]
    if any(m.at is not None for m in ms.markers):
        lines.append("Numbered circles: incidents, listed below.")
    from game import wording as fmt  # here: the key is words for the window, the rest is data

    for m in ms.markers:
        where = "" if m.at is not None else " (off this map)"
        lines.append(f"({m.number}) {fmt.when(m.when)}: {m.title}{where}")
    return lines

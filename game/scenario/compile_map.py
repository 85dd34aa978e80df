"""Compile a scenario's `map:` section: check its references and expressions, and work out its geometry.

Problems go to the same reporter as the rest of the scenario, so they read PATH:LINE: map.sites[2].at: ...
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Callable, Sequence

from game.scenario import geo
from game.scenario.compiled import minutes_of
from game.scenario.compiled_map import (
    Point,
    RBounds,
    RForce,
    RInset,
    RLabel,
    RLine,
    RMap,
    RMark,
    RPlace,
    RShape,
    RSite,
)
from game.scenario.expressions import Compiled, Kind
from game.scenario.models import MapBounds, MapLine, ScenarioMap, SiteStatus
from game.scenario.yaml_source import Path

Report = Callable[[Path, str, str, str], None]  # (data path, field, message, fix)
ExprFn = Callable[[object, Path, str, Kind], Compiled]  # (source, data path, field, 'number' | 'bool')
Positions = tuple[tuple[Compiled, Compiled], ...]  # (longitude, latitude) of each ship

AT = ("map",)


def _bounds(b: MapBounds) -> RBounds:
    return RBounds(b.west, b.east, b.south, b.north)


def _fix_for(name: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'?" if close else f"name one of the {what}"


class _MapCompiler:
    def __init__(self, spec: ScenarioMap, expr: ExprFn, report: Report, incident_ids: list[str]):
        self.m = spec
        self.expr = expr
        self.report = report
        self.incident_ids = incident_ids

    def statuses(self, items: list[SiteStatus], at: Path) -> tuple[tuple[str, Compiled, str], ...]:
        return tuple(
            (s.status, self.expr(s.condition, at + (j, "condition"), "condition", "bool"), s.note)
            for j, s in enumerate(items)
        )

    def outlines(self) -> tuple[RShape, ...]:
        out = []
        for i, o in enumerate(self.m.outlines):
            if not (o.polygon or o.ellipses or o.dots):
                self.report(
                    AT + ("outlines", i),
                    "outlines",
                    f"outline '{o.id}' is empty",
                    "give it a polygon, ellipses or dots",
                )
            if o.polygon and len(o.polygon) < 3:
                self.report(
                    AT + ("outlines", i, "polygon"), "polygon", "a polygon needs at least 3 points", "add points"
                )
            polys = ([tuple(o.polygon)] if len(o.polygon) >= 3 else []) + [tuple(geo.ellipse(*e)) for e in o.ellipses]
            out.append(RShape(o.id, o.style, tuple(polys), tuple(o.dots)))
        return tuple(out)

    def sites(self) -> tuple[RSite, ...]:
        out: list[RSite] = []
        letters: set[str] = set()
        ids: set[str] = set()
        default = self.statuses(self.m.site_status, AT + ("site_status",))
        auto = string.ascii_uppercase
        for i, s in enumerate(self.m.sites):
            at = AT + ("sites", i)
            if s.id in ids:
                self.report(at + ("id",), "id", f"duplicate site id '{s.id}'", "give every site its own id")
            ids.add(s.id)
            letter = s.letter or (auto[i] if i < len(auto) else str(i + 1))
            if letter in letters:
                self.report(
                    at + ("letter",), "letter", f"two sites are lettered '{letter}'", "give each its own letter"
                )
            letters.add(letter)
            status = default if s.status is None else self.statuses(s.status, at + ("status",))
            found = {side: minutes_of(when) for side, when in s.found.items()}
            out.append(RSite(i, s.id, letter, s.name, s.at, s.kind, s.large, s.side, found, status))
        return tuple(out)

    def line(self, i: int, ln: MapLine, sites: tuple[RSite, ...]) -> RLine:
        at = AT + ("lines", i)
        cond = None if ln.condition is None else self.expr(ln.condition, at + ("condition",), "condition", "bool")
        points: list[Point] = list(ln.points)
        label_at: list[Point] = []
        center = ln.center
        if ln.center_site is not None:
            site = next((s for s in sites if s.id == ln.center_site), None)
            if site is None:
                fix = _fix_for(ln.center_site, [s.id for s in sites], "sites under 'map.sites'")
                self.report(at + ("center_site",), "center_site", f"no site has the id '{ln.center_site}'", fix)
            else:
                center = site.at
        radius = ln.radius_km if ln.radius_km is not None else (ln.radius_nmi or 0) * geo.NMI_KM
        if points and (center is not None or radius):
            self.report(at, "points", "a line is either a ring (centre and radius) or points", "remove one of them")
        elif not points:
            if center is None or not radius:
                if ln.center_site is None:  # a missing site was reported above
                    self.report(
                        at, "center", "a ring needs a centre and a radius", "give center (or center_site) and radius_km"
                    )
                return RLine(ln.id, ln.label, ln.legend, ln.legend_off, cond, ln.style, ln.dashed, ln.ticks, (), ())
            start, end = ln.bearings
            if end <= start:
                self.report(
                    at + ("bearings",), "bearings", "the arc ends before it starts", "write [from, to], to > from"
                )
            step = 2 if end - start >= 300 else 3  # a full ring in 2° steps (dashes), an arc in 3°
            points = geo.ring(center[0], center[1], radius, start, end, step)
            label_at = [geo.destination(center[0], center[1], b, radius) for b in ln.label_bearings]
        elif len(points) < 2:
            self.report(at + ("points",), "points", "a line needs at least 2 points", "add points")
        if not label_at and points:  # from the middle outwards
            mid = len(points) // 2
            order = [mid] + [j for k in range(1, mid + 1, 3) for j in (mid + k, mid - k) if 0 <= j < len(points)]
            label_at = [points[j] for j in order]
        return RLine(
            ln.id,
            ln.label,
            ln.legend,
            ln.legend_off,
            cond,
            ln.style,
            ln.dashed,
            ln.ticks,
            tuple(points),
            tuple(label_at),
        )

    def positions(self, at_list: Sequence[tuple[object, object]], at: Path) -> Positions:
        return tuple(
            (
                self.expr(lon, at + (j, 0), "at", "number"),
                self.expr(lat, at + (j, 1), "at", "number"),
            )
            for j, (lon, lat) in enumerate(at_list)
        )

    def on_map(self, at_list: Sequence[tuple[object, object]], at: Path) -> None:
        """A position written as numbers must lie inside the map's bounds (an expression is checked at play)."""
        b = self.m.bounds
        for j, (lon, lat) in enumerate(at_list):
            if isinstance(lon, bool) or isinstance(lat, bool):
                continue
            if isinstance(lon, int | float) and not b.west <= lon <= b.east:
                self.report(
                    at + (j, 0), "at", f"longitude {lon:g} is off the map", f"keep it between {b.west:g} and {b.east:g}"
                )
            if isinstance(lat, int | float) and not b.south <= lat <= b.north:
                self.report(
                    at + (j, 1),
                    "at",
                    f"latitude {lat:g} is off the map",
                    f"keep it between {b.south:g} and {b.north:g}",
                )

    def forces(self) -> tuple[RForce, ...]:
        out = []
        for i, f in enumerate(self.m.forces):
            at = AT + ("forces", i)
            cond = None if f.condition is None else self.expr(f.condition, at + ("condition",), "condition", "bool")
            self.on_map(f.at, at + ("at",))
            moves = []
            for j, mv in enumerate(f.moves):
                where = at + ("moves", j, "at")
                moves.append((minutes_of(mv.start), self.positions(mv.at, where)))
                self.on_map(mv.at, where)
                if len(mv.at) != len(f.at):  # a move places the same ships: none may vanish or appear
                    self.report(
                        where,
                        "at",
                        f"this move places {len(mv.at)} ships, but the force has {len(f.at)} (at)",
                        f"give a position for each of the {len(f.at)}",
                    )
            if [t for t, _ in moves] != sorted(t for t, _ in moves):
                self.report(at + ("moves",), "moves", "moves are not in date order", "list them earliest first")
            out.append(
                RForce(f.id, f.label, f.legend, cond, f.heading, self.positions(f.at, at + ("at",)), tuple(moves))
            )
        return tuple(out)

    def incidents(self) -> dict[str, Point | None]:
        for iid in self.m.incidents:
            if iid not in self.incident_ids:
                fix = _fix_for(iid, self.incident_ids, "scenario's incidents")
                self.report(AT + ("incidents", iid), "incidents", f"no incident has the id '{iid}'", fix)
        return dict(self.m.incidents)  # pydantic has made each position a (lon, lat) tuple already

    def build(self) -> RMap:
        m = self.m
        sites = self.sites()
        marks = tuple(
            RMark(
                k.id,
                k.label,
                k.at,
                self.expr(k.condition, AT + ("marks", i, "condition"), "condition", "bool"),
                k.style,
            )
            for i, k in enumerate(m.marks)
        )
        inset = None
        if m.inset is not None:
            inset = RInset(m.inset.title, _bounds(m.inset.bounds), m.inset.corner, m.inset.aspect)
        return RMap(
            bounds=_bounds(m.bounds),
            grid=m.grid,
            outlines=self.outlines(),
            labels=tuple(RLabel(lb.text, tuple(lb.at), lb.side, lb.style, lb.required, lb.detail) for lb in m.labels),
            places=tuple(RPlace(p.name, p.at, p.side, p.inset, p.label, p.detail, p.required) for p in m.places),
            sites_legend=m.sites_legend,
            sites=sites,
            lines=tuple(self.line(i, ln, sites) for i, ln in enumerate(m.lines)),
            marks=marks,
            forces=self.forces(),
            incidents=self.incidents(),
            inset=inset,
        )


def compile_map(spec: ScenarioMap | None, expr: ExprFn, report: Report, incident_ids: list[str]) -> RMap | None:
    """The runtime map of a scenario (None when it declares none); every problem is passed to `report`."""
    if spec is None:
        return None
    return _MapCompiler(spec, expr, report, incident_ids).build()

"""The scenario's map, drawn in code: land, places, sites, lines and rings, marks, forces, incidents.

Everything drawn comes from the `MapState` (map_data.py), which comes from the scenario's `map:`; no name or
position is written here. The static layer (sea, grid, land, place dots) is drawn once per size, palette and
map and cached; what the state adds is drawn over it each frame.
"""

from __future__ import annotations

import math

import pygame

from game.ui import map_data as md
from game.ui.widgets.text import Typeface

ROOMY = 16  # pixels per degree from which the minor names (`detail: true`) are drawn
STYLE_COLOR = {"danger": "danger", "accent": "accent", "muted": "muted", "warn": "warn"}


class Projection:
    """Equirectangular at the centre's latitude: east is right, north is up, a degree of latitude is `s` px."""

    def __init__(self, rect: pygame.Rect, lon_c: float, lat_c: float, span_lon: float, span_lat: float):
        self.rect = rect
        self.lon_c, self.lat_c = lon_c, lat_c
        self.k = math.cos(math.radians(lat_c))
        self.s = min(rect.w / (span_lon * self.k), rect.h / span_lat)

    @classmethod
    def of(cls, rect: pygame.Rect, bounds) -> Projection:
        (lon_c, lat_c), (span_lon, span_lat) = bounds.center, bounds.span
        return cls(rect, lon_c, lat_c, span_lon, span_lat)

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        return (
            round(self.rect.centerx + (lon - self.lon_c) * self.k * self.s),
            round(self.rect.centery - (lat - self.lat_c) * self.s),
        )


def aspect(bounds) -> float:
    """Width / height of a region drawn at its natural scale."""
    (_, lat_c), (span_lon, span_lat) = bounds.center, bounds.span
    return span_lon * math.cos(math.radians(lat_c)) / span_lat


class Labels:
    """Places labels without overlap: each tries a few positions around its anchor, avoiding markers, labels
    already placed and (unless it names it) the focus country; a minor label that fits nowhere is left out
    (the key under the map still explains it)."""

    SIDES = {
        "e": ("e", "ne", "se", "n", "s", "w"),
        "w": ("w", "nw", "sw", "n", "s", "e"),
        "n": ("n", "ne", "nw", "e", "w", "s"),
        "s": ("s", "se", "sw", "e", "w", "n"),
    }

    def __init__(self, tf: Typeface, bounds: pygame.Rect, land: pygame.mask.Mask | None = None, origin=(0, 0)):
        self.tf = tf
        self.bounds = pygame.Rect(bounds)
        self.land = land  # where labels may not go (the focus country), in surface pixels from `origin`
        self.origin = origin
        self.obstacles: list[pygame.Rect] = []  # markers: dots, triangles, ships, incident circles
        self.placed: list[tuple[str, pygame.Rect]] = []
        self.skipped: list[str] = []
        self.forced: list[str] = []  # drawn where there was no free room (tests check there are none)
        self._style: dict[str, dict] = {}

    def mark(self, rect: pygame.Rect) -> None:
        self.obstacles.append(pygame.Rect(rect))

    def mark_point(self, p: tuple[int, int], r: int) -> None:
        self.obstacles.append(pygame.Rect(p[0] - r, p[1] - r, 2 * r + 1, 2 * r + 1))

    @staticmethod
    def _rect_at(size: tuple[int, int], pos: tuple[int, int], side: str, d: int) -> pygame.Rect:
        r = pygame.Rect((0, 0), size)
        x, y = pos
        h = d // 2
        setters = {
            "e": ("midleft", (x + d, y)),
            "w": ("midright", (x - d, y)),
            "n": ("midbottom", (x, y - d)),
            "s": ("midtop", (x, y + d)),
            "ne": ("bottomleft", (x + h, y - h)),
            "nw": ("bottomright", (x - h, y - h)),
            "se": ("topleft", (x + h, y + h)),
            "sw": ("topright", (x - h, y + h)),
        }
        attr, value = setters[side]
        setattr(r, attr, value)
        return r

    def on_land(self, r: pygame.Rect) -> bool:
        if self.land is None:
            return False
        ox, oy = self.origin
        return self.land.overlap(pygame.mask.Mask(r.size, fill=True), (r.x - ox, r.y - oy)) is not None

    def free(self, r: pygame.Rect, over_land: bool = False) -> bool:
        return (
            self.bounds.contains(r)
            and r.collidelist(self.obstacles) < 0
            and r.collidelist([p for _, p in self.placed]) < 0
            and (over_land or not self.on_land(r))
        )

    def place(
        self, text: str, pos, side: str, *, required: bool = False, near: bool = False, over_land: bool = False, **style
    ) -> bool:
        """Place a label at `pos` (or the first of several anchor points that has room); `style` (color, role)
        is kept for `draw`. Required labels try further out before giving up; `near` ones (a site's letter)
        stay beside their anchor and, if there is no room at all, are drawn anyway at their first side."""
        tf = self.tf
        role = style.get("role", "small")
        size = (tf.width(role, text) + 4, tf.line_height(role))
        d = tf.px(5)
        anchors = pos if isinstance(pos, list) else [pos]
        sides = self.SIDES.get(side, (side,))
        rounds = [[(a, s, d) for s in sides] for a in anchors]
        if near:  # every side, a little further out each time, but always beside the anchor
            every = list(sides) + [s for s in ("n", "s", "e", "w", "ne", "nw", "se", "sw") if s not in sides]
            rounds = [[(a, s, round(d * k)) for a in anchors for s in every] for k in (1, 1.8, 2.6)]
        elif required:
            rounds += [[(a, s, d * k) for s in sides] for k in (3, 5, 7) for a in anchors]
        for tries in rounds:
            for a, s, dd in tries:
                r = self._rect_at(size, a, s, dd)
                if self.free(r, over_land):
                    self._keep(text, r, style)
                    return True
        if near:
            self._keep(text, self._rect_at(size, anchors[0], sides[0], d), style)
            self.forced.append(text)
            return True
        self.skipped.append(text)  # the key under the map still says it
        return False

    def _keep(self, text: str, r: pygame.Rect, style: dict) -> None:
        self.placed.append((text, r))
        self._style[text] = style

    def draw(self, surface: pygame.Surface) -> None:
        tf = self.tf
        for text, r in self.placed:
            style = self._style[text]
            surf = tf.render(style.get("role", "small"), text, style.get("color", "text"))
            back = pygame.Surface(r.size, pygame.SRCALPHA)
            back.fill((*tf.pal.bg, 150))
            surface.blit(back, r)
            surface.blit(surf, surf.get_rect(center=r.center))


def split_rect(rect: pygame.Rect, tf: Typeface, rmap) -> tuple[pygame.Rect, pygame.Rect | None]:
    """The main map fills `rect`; the inset (if the map has one) sits in its lower-left corner, its top-right
    corner no further east or north than the scenario allows (so that it hides nothing the map marks)."""
    main = pygame.Rect(rect)
    if rmap.inset is None:
        return main, None
    pj = Projection.of(main, rmap.bounds)
    right, top = pj(*rmap.inset.corner)
    ratio = rmap.inset.aspect
    iw = min(right - main.x - 1, round(main.w * 0.5))
    ih = min(round(iw / ratio), main.bottom - top - 1)
    iw = min(iw, round(ih * ratio * 1.15))  # keep the inset about its natural shape
    inset = pygame.Rect(main.x + 1, main.bottom - ih - 1, max(0, iw), max(0, ih))
    return main, inset


def figure_height(width: int, room: int, tf: Typeface, rmap) -> int:
    """The map figure's height in a panel `width` wide with `room` to spare: its natural shape, never more
    than the room (a taller figure would run under the panel's 'more below' cue)."""
    return max(1, min(int(width / aspect(rmap.bounds)), room))


class MapView:
    """Draws a `MapState` into a rect: the main map and, in its lower-left corner, the inset with the sites
    lettered. `last` keeps the placed labels of both (main, inset), for tests."""

    def __init__(self) -> None:
        self._base: pygame.Surface | None = None
        self._mask: pygame.mask.Mask | None = None
        self._key: tuple | None = None
        self.last: list[Labels] = []
        self.inset_sites: dict[str, tuple[int, int]] = {}  # letter -> where its triangle is in the inset
        self.ships_drawn: list[tuple[str, str, list[tuple[int, int]]]] = []  # (force, heading, hull centres)
        self._figure: pygame.Surface | None = None  # the map as last painted, with what it was painted for
        self._figure_ms: md.MapState | None = None
        self._figure_key: tuple | None = None
        self.paints = 0  # times the map was painted, not blitted (for tests)

    # -- the static layer ------------------------------------------------------------
    def _base_layer(self, size: tuple[int, int], tf: Typeface, rmap) -> pygame.Surface:
        """Sea, grid, land and place dots, and the mask of the focus country (labels keep off it)."""
        key = (size, tf.pal, tf.scale, id(rmap))
        if self._base is not None and self._key == key:
            return self._base
        pal = tf.pal
        surf = pygame.Surface(size)
        rect = surf.get_rect()
        surf.fill(pal.sea)
        pj = Projection.of(rect, rmap.bounds)
        b = rmap.bounds
        if rmap.grid > 0:
            g = rmap.grid
            lo_lat, hi_lat = math.floor((b.south - 20) / g) * g, math.ceil((b.north + 20) / g) * g
            lo_lon, hi_lon = math.floor((b.west - 30) / g) * g, math.ceil((b.east + 30) / g) * g
            lat = lo_lat
            while lat <= hi_lat:
                pygame.draw.line(surf, pal.grid, pj(lo_lon, lat), pj(hi_lon, lat), 1)
                lat += g
            lon = lo_lon
            while lon <= hi_lon:
                pygame.draw.line(surf, pal.grid, pj(lon, lo_lat), pj(lon, hi_lat), 1)
                lon += g
        mask_surf = pygame.Surface(size, pygame.SRCALPHA)
        for shape in sorted(rmap.outlines, key=lambda o: o.style == "focus"):  # the focus country on top
            focus = shape.style == "focus"
            for poly in shape.polygons:
                pts = [pj(*p) for p in poly]
                pygame.draw.polygon(surf, pal.cuba if focus else pal.land, pts)
                pygame.draw.polygon(surf, pal.text if focus else pal.land_border, pts, 2 if focus else 1)
                if focus:
                    pygame.draw.polygon(mask_surf, (255, 255, 255, 255), pts)
            for p in shape.dots:
                pygame.draw.circle(surf, pal.land_border, pj(*p), max(1, tf.px(1.5)))
        for place in self._places(pj, rmap):
            pygame.draw.circle(surf, pal.text, pj(*place.at), tf.px(3))
        self._base, self._mask, self._key = surf, pygame.mask.from_surface(mask_surf), key
        return surf

    @staticmethod
    def _places(pj: Projection, rmap) -> list:
        roomy = pj.s > ROOMY
        return [p for p in rmap.places if not p.inset and pj.rect.collidepoint(pj(*p.at)) and (roomy or not p.detail)]

    # -- pieces ------------------------------------------------------------------------
    def _site(self, surf, p, tf: Typeface, large: bool, status: str = "") -> None:
        """A filled triangle while the site is live; hollow once dismantled; hollow and crossed once destroyed."""
        r = tf.px(6 if large else 5)
        pts = [(p[0], p[1] - r), (p[0] - r, p[1] + r), (p[0] + r, p[1] + r)]
        if not status:
            pygame.draw.polygon(surf, tf.pal.danger, pts)
        pygame.draw.polygon(surf, tf.pal.text if not status else tf.pal.muted, pts, 1 if not status else 2)
        if status == "destroyed":
            pygame.draw.line(surf, tf.pal.danger, (p[0] - r, p[1] - r), (p[0] + r, p[1] + r), 2)
            pygame.draw.line(surf, tf.pal.danger, (p[0] - r, p[1] + r), (p[0] + r, p[1] - r), 2)

    def _ship(self, surface, p, tf: Typeface, away: bool) -> None:
        r = tf.px(7)
        d = 1 if away else -1  # heading east (away) or west (towards the focus country)
        bow = (p[0] + d * r * 1.5, p[1])  # the point of the hull leads
        hull = [bow, (p[0] - d * r, p[1] - r * 0.6), (p[0] - d * r, p[1] + r * 0.6)]
        pygame.draw.polygon(surface, tf.pal.text, hull)
        wake = (p[0] - d * r * 2.6, p[1])
        pygame.draw.line(surface, tf.pal.muted, (p[0] - d * r, p[1]), wake, 1)

    def _line(self, surface, tf: Typeface, ln: md.LineView, pj: Projection) -> list:
        color = getattr(tf.pal, STYLE_COLOR.get(ln.style, "accent"))
        pts = [pj(*p) for p in ln.points]
        if ln.dashed:
            for i in range(0, len(pts) - 1, 2):
                pygame.draw.line(surface, color, pts[i], pts[i + 1], 2)
        else:
            pygame.draw.lines(surface, color, False, pts, tf.px(3) if ln.ticks else 2)
        if ln.ticks:  # tick marks on one side make it read as a barrier
            for a, b in zip(pts[::3], pts[1::3], strict=False):
                dx, dy = b[0] - a[0], b[1] - a[1]
                n = math.hypot(dx, dy) or 1
                pygame.draw.line(surface, color, a, (a[0] - dy / n * tf.px(6), a[1] + dx / n * tf.px(6)), 2)
        return pts

    def _inset(self, surf, tf: Typeface, box: pygame.Rect, ms: md.MapState) -> Labels:
        """The close-up at large scale, with the known sites lettered as in the key."""
        pal = tf.pal
        rmap = ms.map
        old = surf.get_clip()
        surf.set_clip(box.clip(old) if old else box)  # never beyond the panel's visible area
        pygame.draw.rect(surf, pal.sea, box)
        lab = Labels(tf, box.inflate(-2, -2))
        area = box.inflate(-tf.px(10), -tf.px(10))
        pj = Projection.of(area, rmap.inset.bounds)
        for shape in rmap.outlines:
            if shape.style != "focus":
                continue
            for poly in shape.polygons:
                pts = [pj(*p) for p in poly]
                pygame.draw.polygon(surf, pal.cuba, pts)
                pygame.draw.polygon(surf, pal.text, pts, 1)
        drawn = []
        self.inset_sites = {}
        for s in ms.sites:
            p = pj(*s.at)
            self._site(surf, p, tf, s.large, s.status)
            lab.mark_point(p, tf.px(6))
            drawn.append((s, p))
            self.inset_sites[s.letter] = p
        inset_places = [p for p in rmap.places if p.inset]
        for place in inset_places:
            p = pj(*place.at)
            pygame.draw.circle(surf, pal.text, p, tf.px(3))
            lab.mark_point(p, tf.px(3))
        for s, p in drawn:  # every known site keeps its own letter, beside its own triangle
            lab.place(s.letter, p, s.side, near=True, over_land=True, role="bold")
        # the title after the letters: in the top-left corner, else the top-right one
        y = box.y + tf.px(3) + tf.line_height("small") // 2
        right = box.right - tf.px(2) - tf.width("small", rmap.inset.title) - 4 - 2 * tf.px(5)
        lab.place(rmap.inset.title, [(box.x + tf.px(2), y), (right, y)], "e", color="muted")
        for place in inset_places:
            if place.label:
                lab.place(place.name, pj(*place.at), place.side, over_land=True)
        lab.draw(surf)
        surf.set_clip(old)
        pygame.draw.rect(surf, pal.border, box, 1)
        return lab

    # -- the whole -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, ms: md.MapState) -> None:
        """Blit the map as last painted while the state, the size and the type are the same; else paint it.

        A screen is redrawn whole (a scroll, a hover), but the map on it changes only with the game: painting
        it costs a millisecond or more (rings projected, labels placed), a blit a tenth of that. `last`,
        `inset_sites` and `ships_drawn` are in the painting's own coordinates (its top-left at 0, 0)."""
        key = (rect.size, tf.pal, tf.scale, id(tf))
        if self._figure is None or self._figure_ms != ms or self._figure_key != key:  # equal states draw alike
            if self._figure is None or self._figure.get_size() != rect.size:
                self._figure = pygame.Surface(rect.size)
                if pygame.display.get_init() and pygame.display.get_surface() is not None:
                    self._figure = self._figure.convert()
            self._paint(self._figure, self._figure.get_rect(), tf, ms)
            self._figure_ms, self._figure_key = ms, key
            self.paints += 1
        surface.blit(self._figure, rect.topleft)

    def _paint(self, surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, ms: md.MapState) -> None:
        pal = tf.pal
        rmap = ms.map
        main, inset = split_rect(rect, tf, rmap)
        surface.blit(self._base_layer(main.size, tf, rmap), main)
        old = surface.get_clip()
        surface.set_clip(main.clip(old) if old else main)
        pj = Projection.of(main, rmap.bounds)
        lab = Labels(tf, main.inflate(-2, -2), self._mask, main.topleft)
        if inset is not None:
            lab.mark(inset.inflate(tf.px(4), tf.px(4)))  # the inset is drawn over this corner afterwards
        # markers first (labels avoid them), then labels in order of importance
        places = self._places(pj, rmap)
        for place in places:
            lab.mark_point(pj(*place.at), tf.px(3))
        for s in ms.sites:
            self._site(surface, pj(*s.at), tf, s.large, s.status)
            lab.mark_point(pj(*s.at), tf.px(6))
        for ln in ms.lines:
            self._line(surface, tf, ln, pj)
        ships = []
        for f in ms.forces:
            pts = []
            for at in f.points:
                p = pj(*at)
                self._ship(surface, p, tf, f.heading == "east")
                r = tf.px(7)
                lab.mark(pygame.Rect(p[0] - round(r * 2.6), p[1] - r, round(r * 5.2), 2 * r))
                pts.append(p)
            ships.append((f, pts))
        self.ships_drawn = [(f.id, f.heading, pts) for f, pts in ships]  # where each hull went (for tests)
        marks = []
        for mk in ms.marks:
            p = pj(*mk.at)
            pygame.draw.circle(surface, getattr(pal, STYLE_COLOR.get(mk.style, "danger")), p, tf.px(14), 3)
            marks.append((mk, p))
        for m in ms.markers:
            if m.at is None:
                continue
            p = pj(m.at[0] + 0.35 * (m.number % 3 - 1), m.at[1] + 0.3 * (m.number % 2))  # apart when several
            pygame.draw.circle(surface, pal.warn, p, tf.px(10))
            pygame.draw.circle(surface, pal.bg, p, tf.px(10), 2)
            num = tf.render("small", str(m.number), (0, 0, 0))
            surface.blit(num, num.get_rect(center=p))
            lab.mark_point(p, tf.px(10))
        roomy = pj.s > ROOMY
        for mk, p in marks:  # below the circle, off the land it marks
            below = (p[0], p[1] + tf.px(14))
            lab.place(mk.label, below, "s", required=True, color=STYLE_COLOR.get(mk.style, "danger"), role="bold")
        for text in (t for t in rmap.labels if t.style == "focus"):
            lab.place(text.text, [pj(*a) for a in text.at], text.side, required=True, over_land=True, role="bold")
        conditional = {ln.id for ln in rmap.lines if ln.condition is not None}
        for ln in ms.lines:  # a line that comes and goes is news: bold, and it must be named
            if ln.label and ln.id in conditional:
                along = [pj(*a) for a in ln.label_at]
                lab.place(ln.label, along, "e", required=True, color=STYLE_COLOR.get(ln.style), role="bold")
        for f, pts in ships:
            lab.place(f.label, pts, "n", required=True)
        for place in places:
            if place.label:
                lab.place(place.name, pj(*place.at), place.side, required=place.required, over_land=True)
        for ln in ms.lines:
            if ln.label and ln.id not in conditional:
                lab.place(ln.label, [pj(*a) for a in ln.label_at], "e", color=STYLE_COLOR.get(ln.style))
        for text in rmap.labels:
            if text.style != "focus" and (roomy or not text.detail):
                lab.place(
                    text.text,
                    [pj(*a) for a in text.at],
                    text.side,
                    required=text.required,
                    over_land=True,
                    color="muted",
                )
        lab.draw(surface)
        surface.set_clip(old)
        pygame.draw.rect(surface, pal.border, main, 1)
        self.last = [lab]
        if inset is not None and inset.w > 0 and inset.h > 0:
            self.last.append(self._inset(surface, tf, inset, ms))


def legend(ms: md.MapState) -> list[str]:
    """Lines explaining the map, for the text under it."""
    return list(ms.legend)
